//! Synthetic programs for benchmarks: plans of any size with the shape of a real
//! program, so the native benchmark (`examples/schedule_bench.rs`) and the browser
//! benchmark (`e2e/src/bin/browser_bench.rs`) measure the same plan.

use chrono::NaiveDate;

use super::{Dependency, DependencyKind, Plan, Task, TaskId};

/// A generated program of `tasks` tasks, for benchmarks only.
///
/// Tasks come in workstreams of 50: the first task of each is the summary parent of the
/// other 49, which run one after another (finish-to-start). Every other task also waits
/// on the task 50 before it, in the previous workstream (start-to-start when its number
/// is a multiple of 4, else finish-to-start; lag 0-2 working days). Durations cycle
/// through 1-9 working days. That makes about 1.46 dependencies per task: 14,575 at
/// 10,000 tasks. The plan starts on Monday 4 January 2027 with the default calendar.
pub fn program_plan(tasks: usize) -> Plan {
    let mut plan = Plan::new("Benchmark", NaiveDate::from_ymd_opt(2027, 1, 4).expect("a real date"));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_program_is_a_valid_plan_of_the_asked_size() {
        let plan = program_plan(10_000);
        assert_eq!(plan.tasks.len(), 10_000);
        assert_eq!(plan.dependencies.len(), 14_575);
        let text = crate::file::to_json(&plan);
        assert_eq!(crate::file::parse(&text).expect("the generated plan is a valid file"), plan);
    }
}
