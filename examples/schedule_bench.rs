//! Times `schedule::compute` and `file::parse` natively on generated plans:
//! `cargo xtask bench` runs it in release mode and prints medians.

use std::time::Instant;

use planwright::model::{Dependency, DependencyKind, Plan, Task, TaskId};

/// A program of `tasks` tasks in workstreams of 50, with about 1.5 links per task.
fn generated_plan(tasks: usize) -> Plan {
    let mut plan = Plan::new("Benchmark", chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap());
    for index in 1..=tasks {
        let mut task = Task::new(TaskId(format!("T{index}")), format!("Task {index}"));
        let first_of_stream = index - (index - 1) % 50;
        if index != first_of_stream {
            task.parent = Some(TaskId(format!("T{first_of_stream}")));
        }
        task.duration = (index % 9) as u32 + 1;
        plan.tasks.push(task);
        if index > first_of_stream + 1 {
            plan.dependencies.push(Dependency {
                predecessor: TaskId(format!("T{}", index - 1)),
                successor: TaskId(format!("T{index}")),
                kind: DependencyKind::FS,
                lag: 0,
            });
        }
        // Every other task also waits on a task of the previous workstream.
        if index % 2 == 0 && first_of_stream > 50 && index != first_of_stream {
            let other = index - 50;
            if other != first_of_stream - 50 {
                plan.dependencies.push(Dependency {
                    predecessor: TaskId(format!("T{other}")),
                    successor: TaskId(format!("T{index}")),
                    kind: if index % 4 == 0 { DependencyKind::SS } else { DependencyKind::FS },
                    lag: (index % 3) as i32,
                });
            }
        }
    }
    plan
}

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
        let plan = generated_plan(tasks);
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
