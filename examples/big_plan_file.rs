//! Writes a generated program (`model::generate::program_plan`) as a plan file, for
//! measuring how the app reads big files: `cargo run --example big_plan_file -- TASKS
//! OUT.plan.json [cycle]`. With `cycle`, the last task also becomes a predecessor of the
//! task two before it, so the file is refused for a dependency cycle at its very end.

fn main() {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let (Some(tasks), Some(out)) = (arguments.first().and_then(|tasks| tasks.parse::<usize>().ok()), arguments.get(1))
    else {
        eprintln!("usage: big_plan_file TASKS OUT.plan.json [cycle]");
        std::process::exit(2);
    };
    let mut plan = planwright::model::generate::program_plan(tasks);
    if arguments.get(2).is_some_and(|word| word == "cycle") {
        plan.dependencies.push(planwright::model::Dependency {
            predecessor: planwright::model::TaskId(format!("T{tasks}")),
            successor: planwright::model::TaskId(format!("T{}", tasks - 2)),
            kind: planwright::model::DependencyKind::FS,
            lag: 0,
        });
    }
    std::fs::write(out, planwright::file::to_json(&plan)).expect("the file is written");
}
