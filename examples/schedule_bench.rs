//! Times `schedule::compute` and `file::parse` natively on generated plans:
//! `cargo xtask bench` runs it in release mode and prints medians.

use std::time::Instant;

use planwright::model::generate::program_plan;
use planwright::model::{ConstraintKind, DateConstraint, Plan};

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

/// The program with a date constraint (of each kind in turn) on one task in ten and a
/// deadline on one in twenty, over its first year and a half: many are missed, so the
/// search for what makes them impossible runs too.
fn with_constraints_and_deadlines(mut plan: Plan) -> Plan {
    let start = plan.start;
    for (index, task) in plan.tasks.iter_mut().enumerate() {
        let date = start + chrono::Days::new((index % 550) as u64);
        if index % 10 == 3 {
            let kind = ConstraintKind::ALL[index / 10 % ConstraintKind::ALL.len()];
            task.set_date_constraint(Some(DateConstraint { kind, date }));
        }
        if index % 20 == 7 {
            task.deadline = Some(date);
        }
    }
    plan
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
        let constrained = with_constraints_and_deadlines(plan.clone());
        let schedule = median_ms(9, || {
            planwright::schedule::compute(&constrained).expect("the generated plan schedules");
        });
        println!("| schedule::compute, a constraint on 1 task in 10, a deadline on 1 in 20 | {tasks} | {links} | {schedule:.1} ms |");
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
