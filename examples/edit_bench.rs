//! Where one edit's time goes at 10,000 tasks: times natively, after one duration edit
//! of `program_plan(10_000)`, each plan-wide computation the app's memos run (the UI
//! itself only builds for wasm, so its helpers are copied here). Wasm is about 1.5-3x
//! slower. Run: `cargo run --profile bench-native --example edit_bench`.

use std::collections::HashMap;
use std::time::Instant;

use planwright::model::generate::program_plan;
use planwright::model::{apply, outline, Command, Plan, TaskId};

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

/// `ui::task_grid::row_lookups`'s predecessor texts.
fn predecessor_texts(plan: &Plan) -> HashMap<TaskId, String> {
    let mut predecessors: HashMap<TaskId, String> = HashMap::new();
    for dependency in &plan.dependencies {
        let text = predecessors.entry(dependency.successor.clone()).or_default();
        if !text.is_empty() {
            text.push_str(", ");
        }
        text.push_str(&dependency.predecessor_label());
    }
    predecessors
}

/// `ui::gantt::link_rows`.
fn link_rows(plan: &Plan, outline: &[outline::OutlineRow]) -> Vec<(usize, usize, usize)> {
    let mut row_of = vec![None; plan.tasks.len()];
    for (row, outline_row) in outline.iter().enumerate() {
        row_of[outline_row.index] = Some(row);
    }
    let index_of: HashMap<&str, usize> =
        plan.tasks.iter().enumerate().map(|(index, task)| (task.id.as_str(), index)).collect();
    plan.dependencies
        .iter()
        .enumerate()
        .filter_map(|(dependency, link)| {
            let from = *index_of.get(link.predecessor.as_str())?;
            let to = *index_of.get(link.successor.as_str())?;
            Some((dependency, row_of[from]?, row_of[to]?))
        })
        .collect()
}

fn main() {
    let runs = 15;
    let mut plan = program_plan(10_000);
    let before_plan = plan.clone();
    let before_schedule = planwright::schedule::compute(&plan);
    let before_outline = outline::outline(&plan);
    let before_lookups = predecessor_texts(&plan);
    let before_links = link_rows(&plan, &before_outline);
    let mut task = plan.task("T2").expect("T2").clone();
    let mut days = task.duration;
    let apply_ms = median_ms(runs, || {
        days = days % 9 + 1;
        task.duration = days;
        apply(&mut plan, Command::UpdateTask(task.clone())).expect("the edit applies");
    });
    let collapsed = planwright::model::hashing::IdSet::default();
    println!("| after one duration edit, 10,000 tasks | native median of {runs} |");
    println!("| --- | ---: |");
    let row = |what: &str, ms: f64| println!("| {what} | {ms:.2} ms |");
    row("model::apply (UpdateTask)", apply_ms);
    row("task clone (update_task)", median_ms(runs, || drop(std::hint::black_box(plan.task("T2").cloned()))));
    let mut schedule = None;
    row("schedule::compute", median_ms(runs, || schedule = Some(planwright::schedule::compute(&plan))));
    let schedule = schedule.expect("ran");
    // Primed before the edit's scheduling, as the app's schedule memo is by the open.
    let mut graph_cache = planwright::schedule::GraphCache::default();
    drop(graph_cache.compute(&before_plan));
    row(
        "schedule::compute on the kept graph (GraphCache, key checked)",
        median_ms(runs, || assert!(std::hint::black_box(graph_cache.compute(&plan) == schedule))),
    );
    assert_eq!(graph_cache.builds(), 1, "the duration edit kept the graph");
    row("Memo equality: schedule", median_ms(runs, || assert!(std::hint::black_box(schedule != before_schedule))));
    let mut rows = Vec::new();
    row("outline::outline", median_ms(runs, || rows = outline::outline(&plan)));
    row(
        "outline::visible_outline (none collapsed)",
        median_ms(runs, || drop(outline::visible_outline(&rows, &plan, &collapsed))),
    );
    row("Memo equality: outline", median_ms(runs, || assert!(std::hint::black_box(rows == before_outline))));
    let ok = schedule.as_ref().expect("schedules");
    row("schedule::resource_load", median_ms(runs, || drop(planwright::schedule::resource_load(&plan, ok))));
    let mut lookups = HashMap::new();
    row("timeline row_lookups (predecessor texts)", median_ms(runs, || lookups = predecessor_texts(&plan)));
    row("Memo equality: row_lookups", median_ms(runs, || assert!(std::hint::black_box(lookups == before_lookups))));
    let mut links = Vec::new();
    row("gantt link_rows", median_ms(runs, || links = link_rows(&plan, &rows)));
    row("Memo equality: link_rows", median_ms(runs, || assert!(std::hint::black_box(links == before_links))));
    println!("| after the change: | |");
    let key: Vec<(TaskId, Option<TaskId>)> =
        plan.tasks.iter().map(|task| (task.id.clone(), task.parent.clone())).collect();
    row(
        "outline key check (ids and parents unchanged)",
        median_ms(runs, || {
            assert!(std::hint::black_box(
                key.len() == plan.tasks.len()
                    && key.iter().zip(&plan.tasks).all(|((id, parent), task)| *id == task.id && *parent == task.parent)
            ))
        }),
    );
    let ends: Vec<(TaskId, TaskId)> =
        plan.dependencies.iter().map(|link| (link.predecessor.clone(), link.successor.clone())).collect();
    row(
        "link ends key check (links' ends unchanged, so link rows are kept)",
        median_ms(runs, || {
            assert!(std::hint::black_box(
                ends.len() == plan.dependencies.len()
                    && ends.iter().zip(&plan.dependencies).all(|((predecessor, successor), link)| {
                        *predecessor == link.predecessor && *successor == link.successor
                    })
            ))
        }),
    );
    row(
        "predecessor texts of 40 rows in view",
        median_ms(runs, || {
            let shown: planwright::model::hashing::IdSet<&str> =
                rows[..40].iter().map(|row| plan.tasks[row.index].id.as_str()).collect();
            let texts: Vec<_> = plan
                .dependencies
                .iter()
                .filter(|dependency| shown.contains(dependency.successor.as_str()))
                .map(|dependency| format!("{}{}", dependency.predecessor, dependency.kind.label()))
                .collect();
            drop(std::hint::black_box(texts))
        }),
    );
    row(
        "gantt link_rows with the id map",
        median_ms(runs, || {
            let index_of: planwright::model::hashing::IdMap<&str, usize> =
                plan.tasks.iter().enumerate().map(|(index, task)| (task.id.as_str(), index)).collect();
            let found = plan
                .dependencies
                .iter()
                .filter_map(|link| {
                    Some((*index_of.get(link.predecessor.as_str())?, *index_of.get(link.successor.as_str())?))
                })
                .count();
            assert_eq!(std::hint::black_box(found), plan.dependencies.len());
        }),
    );
    row(
        "dependencies card: 100 links copied, the rest counted",
        median_ms(runs, || {
            let mut all = plan.dependencies.iter();
            let shown: Vec<_> = all.by_ref().take(100).cloned().collect();
            drop(std::hint::black_box((shown, all.count())))
        }),
    );
}
