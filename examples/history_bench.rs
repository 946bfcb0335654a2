//! Memory of the undo history at program scale: 200 edits of a 10,000-task plan, as
//! the app keeps them (the inverse command of each), measured with a counting
//! allocator. `cargo xtask bench` runs it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use planwright::model::generate::program_plan;
use planwright::model::{apply, BaselineId, Command, Dependency, DependencyKind, TaskId};
use planwright::schedule::{compute, take_baseline};

/// The system allocator, counting the bytes live at any moment.
struct Counting;

static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(pointer, layout) }
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE_BYTES.fetch_add(new_size, Ordering::Relaxed);
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.realloc(pointer, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn live() -> usize {
    LIVE_BYTES.load(Ordering::Relaxed)
}

fn kib(bytes: usize) -> String {
    format!("{:.0} KiB", bytes as f64 / 1024.0)
}

/// 200 edits in the mix of a working day: durations and drags (one task each),
/// links, deleted tasks and whole workstreams, and a few baselines.
fn edits(plan: &planwright::model::Plan) -> Vec<Command> {
    let task = |index: usize| plan.tasks[index].clone();
    let mut edits = Vec::new();
    for step in 0..120 {
        let mut changed = task(1 + step * 37 % 9_000);
        changed.duration += 1;
        edits.push(Command::UpdateTask(changed));
    }
    for step in 0..40 {
        let mut dragged = task(2 + step * 53 % 9_000);
        dragged.start_no_earlier_than = Some(plan.start + chrono::Days::new(step as u64 + 10));
        edits.push(Command::UpdateTask(dragged));
    }
    for step in 0..20 {
        // Later workstreams wait on earlier ones: no cycles.
        let from = 1 + step * 50 + 10;
        edits.push(Command::AddDependency(Dependency {
            predecessor: TaskId(format!("T{from}")),
            successor: TaskId(format!("T{}", from + 2_000 + 7)),
            kind: DependencyKind::FS,
            lag: 0,
        }));
    }
    for step in 0..15 {
        edits.push(Command::RemoveTask(TaskId(format!("T{}", 5_000 + step * 50 + 20))));
    }
    // Whole workstreams of 50 tasks with their links.
    for step in 0..3 {
        edits.push(Command::RemoveTask(TaskId(format!("T{}", 8_001 + step * 50))));
    }
    edits
}

fn main() {
    let tasks = 10_000;
    let mut plan = program_plan(tasks);
    let mut commands = Vec::new();
    // Two baselines first: each step keeps the list before it, so this is the heavy case.
    for number in 1..=2 {
        let schedule = compute(&plan).expect("the plan schedules");
        let mut baselines = plan.baselines.clone();
        let id = BaselineId(format!("B{number}"));
        baselines.push(take_baseline(&plan, &schedule, id, format!("Baseline {number}"), plan.start));
        commands.push(Command::SetBaselines(baselines.clone()));
        plan.baselines = baselines;
    }
    plan.baselines.clear();
    commands.extend(edits(&plan));
    assert_eq!(commands.len(), 200);

    let before = live();
    let mut history = Vec::with_capacity(commands.len());
    for (step, command) in commands.into_iter().enumerate() {
        let shown = format!("{command:?}").chars().take(120).collect::<String>();
        let kind = shown.split(['(', ' ', '{']).next().unwrap_or_default().to_string();
        let mark = live();
        let inverse = apply(&mut plan, command).unwrap_or_else(|error| panic!("edit {step} ({shown}): {error}"));
        let inverse_kind = format!("{inverse:?}").split(['(', ' ', '{']).next().unwrap_or_default().to_string();
        if std::env::var("HISTORY_DETAIL").is_ok() {
            eprintln!("{step} {kind} -> {inverse_kind}: {} bytes", live() as i64 - mark as i64);
        }
        history.push(inverse);
    }
    let with_history = live();
    drop(history);
    let history_bytes = with_history - live();
    let plan_bytes = before;
    println!("| what | tasks | links | bytes |");
    println!("| --- | ---: | ---: | ---: |");
    println!(
        "| the plan and the 200 edits waiting to be applied | {tasks} | {} | {} |",
        plan.dependencies.len(),
        kib(plan_bytes)
    );
    println!(
        "| undo history of 200 edits (their inverse commands) | {tasks} | {} | {} |",
        plan.dependencies.len(),
        kib(history_bytes)
    );
}
