//! Times `schedule::compute` and `file::parse` natively on generated plans:
//! `cargo xtask bench` runs it in release mode and prints medians.

use std::time::Instant;

use planwright::model::generate::program_plan;

fn median_ms(runs: usize, mut body: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            body();
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    println!("| what | tasks | links | median of 9 |");
    println!("| --- | ---: | ---: | ---: |");
    for tasks in [10_000, 100_000] {
        let plan = program_plan(tasks);
        let links = plan.dependencies.len();
        let schedule = median_ms(9, || {
            planwright::schedule::compute(&plan).expect("the generated plan schedules");
        });
        println!("| schedule::compute | {tasks} | {links} | {schedule:.1} ms |");
        let text = planwright::file::to_json(&plan);
        let parse = median_ms(9, || {
            planwright::file::parse(&text).expect("the generated plan parses");
        });
        println!("| file::parse ({:.1} MB) | {tasks} | {links} | {parse:.1} ms |", text.len() as f64 / 1_048_576.0);
        let write = median_ms(9, || {
            std::hint::black_box(planwright::file::to_json(&plan));
        });
        println!("| file::to_json | {tasks} | {links} | {write:.1} ms |");
    }
}
