//! Times the portfolio's pure work natively on 20 generated plans of 2,000 tasks with
//! 200 links across plans: each step of `portfolio::OverviewRun` (one plan's schedule,
//! drivers, row and milestones; one plan's refresh; the chains; the cycle check; the
//! workload), the whole overview at once, a new link's cycle check and the report.
//! `cargo run --profile bench-native --example portfolio_bench`
//!
//! The browser runs the same steps between frames; WebAssembly is a few times slower
//! than native, so a step well under 20 ms here stays under the 100 ms a page may be
//! held.

use std::time::Instant;

use chrono::NaiveDate;
use planwright::model::generate::program_plan;
use planwright::model::{
    DependencyKind, ExternalDependency, Person, PersonId, Plan, PlanId, RaciCell, RaciRole, TaskId, TaskKind,
};
use planwright::portfolio::file::PersonRef;
use planwright::portfolio::{overview, portfolio_markdown, MemberId, OverviewRun, PlanSource, Portfolio};
use planwright::schedule::compute;

const PLANS: usize = 20;
const TASKS: usize = 2_000;
const LINKS_ACROSS: usize = 200;
const PEOPLE: usize = 40;
/// People who work in every plan, linked as one person across them.
const SHARED_PEOPLE: usize = 10;
const RUNS: usize = 9;

/// How long something took, in milliseconds: by the wall clock, and on a CPU (the time
/// this thread ran), which the load of other processes on the machine does not inflate.
/// (Where the thread's CPU clock cannot be read, both are the wall clock.)
#[derive(Clone, Copy, Debug)]
struct Took {
    wall: f64,
    cpu: f64,
}

impl std::fmt::Display for Took {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.1} ms | {:.1} ms", self.wall, self.cpu)
    }
}

/// Nanoseconds this thread has run on a CPU: POSIX's thread CPU-time clock, which the
/// standard library does not offer. (Linux's schedstat counts in scheduler ticks of 4 ms
/// on this machine: too coarse for steps of a few milliseconds.)
#[cfg(target_os = "linux")]
fn thread_cpu_ns() -> Option<u64> {
    #[repr(C)]
    struct Timespec {
        seconds: i64,
        nanoseconds: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, time: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut time = Timespec { seconds: 0, nanoseconds: 0 };
    // SAFETY: `time` is a valid, writable timespec for the call to fill in.
    let status = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut time) };
    (status == 0).then(|| time.seconds as u64 * 1_000_000_000 + time.nanoseconds as u64)
}

#[cfg(not(target_os = "linux"))]
fn thread_cpu_ns() -> Option<u64> {
    None
}

fn timed<T>(body: impl FnOnce() -> T) -> (T, Took) {
    let (started, cpu_started) = (Instant::now(), thread_cpu_ns());
    let result = body();
    let wall = started.elapsed().as_secs_f64() * 1000.0;
    let cpu = match (cpu_started, thread_cpu_ns()) {
        (Some(before), Some(after)) => (after - before) as f64 / 1e6,
        _ => wall,
    };
    (result, Took { wall, cpu })
}

/// The median wall time and the median CPU time of several runs.
fn median(runs: &[Took]) -> Took {
    let middle = |mut times: Vec<f64>| {
        times.sort_by(f64::total_cmp);
        times[times.len() / 2]
    };
    Took {
        wall: middle(runs.iter().map(|run| run.wall).collect()),
        cpu: middle(runs.iter().map(|run| run.cpu).collect()),
    }
}

fn median_of<T>(mut body: impl FnMut() -> T) -> Took {
    let runs: Vec<Took> = (0..RUNS).map(|_| timed(&mut body).1).collect();
    median(&runs)
}

fn plan_id(plan: usize) -> PlanId {
    PlanId::new(format!("pl-bench{plan:03}"))
}

/// The benchmark program with an id, a milestone ending each workstream, people (one
/// Responsible and one Accountable per task) and a name.
fn program(plan: usize) -> Plan {
    let mut generated = program_plan(TASKS);
    generated.id = Some(plan_id(plan));
    generated.name = format!("Program {plan}");
    for (index, task) in generated.tasks.iter_mut().enumerate() {
        if index % 50 == 49 {
            task.kind = TaskKind::Milestone;
            task.duration = 0;
        }
    }
    generated.people = (1..=PEOPLE)
        .map(|number| Person {
            id: PersonId::new(format!("P{number}")),
            name: format!("Person {plan}-{number}"),
            role: String::new(),
            team: String::new(),
            email: String::new(),
        })
        .collect();
    generated.raci = generated
        .tasks
        .iter()
        .enumerate()
        .flat_map(|(index, task)| {
            let responsible = PersonId::new(format!("P{}", index % PEOPLE + 1));
            let accountable = PersonId::new(format!("P{}", (index + 7) % PEOPLE + 1));
            [
                RaciCell { task: task.id.clone(), person: responsible, role: RaciRole::R },
                RaciCell { task: task.id.clone(), person: accountable, role: RaciRole::A },
            ]
        })
        .collect();
    generated
}

/// A task of the program that is not a summary (summaries are T1, T51, ...).
fn leaf(number: usize) -> TaskId {
    let number = number % TASKS + 1;
    TaskId::new(format!("T{}", if number % 50 == 1 { number + 1 } else { number }))
}

/// 200 links, each from a plan to a later one (so no cycle), known at the predecessor's
/// dates as scheduled now.
fn link_across(plans: &mut [Plan]) {
    let schedules: Vec<_> = plans.iter().map(|plan| compute(plan).expect("the program schedules")).collect();
    for link in 0..LINKS_ACROSS {
        let successor_plan = 1 + link % (PLANS - 1);
        let predecessor_plan = link % successor_plan;
        let predecessor = leaf(link * 97);
        let other = &plans[predecessor_plan];
        let index = other.task_index(predecessor.as_str()).expect("a leaf of the program");
        let known = planwright::portfolio::known_task(other, &schedules[predecessor_plan], index);
        let dependency = ExternalDependency {
            plan: plan_id(predecessor_plan),
            predecessor,
            successor: leaf(link * 31 + 500),
            kind: if link % 3 == 0 { DependencyKind::SS } else { DependencyKind::FS },
            lag: (link % 4) as i32,
            known,
        };
        let successors = &mut plans[successor_plan].external_dependencies;
        if !successors
            .iter()
            .any(|existing| existing.links(&dependency.plan, &dependency.predecessor, &dependency.successor))
        {
            successors.push(dependency);
        }
    }
}

fn portfolio() -> Portfolio {
    let mut plans: Vec<Plan> = (0..PLANS).map(program).collect();
    link_across(&mut plans);
    // Then the first five plans slip, so the refresh has moves to explain.
    for plan in plans.iter_mut().take(5) {
        for task in plan.tasks.iter_mut().filter(|task| task.kind == TaskKind::Task) {
            task.duration += 1;
        }
    }
    let mut portfolio = Portfolio::new();
    for plan in plans {
        portfolio.add(plan, PlanSource::Stored);
    }
    for shared in 1..=SHARED_PEOPLE {
        let people =
            (0..PLANS).map(|plan| PersonRef { plan: plan_id(plan), person: PersonId::new(format!("P{shared}")) });
        portfolio.link_people(format!("Shared person {shared}"), people.collect()).expect("one person per plan");
    }
    portfolio
}

fn main() {
    let mut args = std::env::args().skip(1);
    if let (Some(flag), Some(folder)) = (args.next(), args.next()) {
        assert_eq!(flag, "--write-files", "usage: portfolio_bench [--write-files FOLDER]");
        write_files(std::path::Path::new(&folder));
        return;
    }
    let portfolio = portfolio();
    let today = NaiveDate::from_ymd_opt(2027, 3, 1).expect("a real date");
    let links: usize = portfolio.members.iter().map(|member| member.plan.external_dependencies.len()).sum();
    println!("{PLANS} plans of {TASKS} tasks, {links} links across plans, {PEOPLE} people each ({SHARED_PEOPLE} in every plan)\n");

    print_steps(&portfolio, today);
    print_other_work(&portfolio, today);
}

/// Each kind of step of `OverviewRun`: how many, the slowest, and all of them together.
fn print_steps(portfolio: &Portfolio, today: NaiveDate) {
    let mut runs: Vec<Vec<Took>> = Vec::new();
    let mut totals = Vec::new();
    for _ in 0..RUNS {
        let mut run = OverviewRun::new(portfolio, today);
        let mut steps = Vec::with_capacity(run.step_count());
        let ((), total) = timed(|| loop {
            let (done, took) = timed(|| run.step());
            steps.push(took);
            if done {
                break;
            }
        });
        runs.push(steps);
        totals.push(total);
    }
    let medians: Vec<Took> =
        (0..runs[0].len()).map(|step| median(&runs.iter().map(|run| run[step]).collect::<Vec<_>>())).collect();
    println!("| step of `OverviewRun` | steps | slowest: wall | on CPU | all: wall | on CPU |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    let kinds: Vec<&str> = (0..medians.len()).map(step_kind).collect();
    let mut shown = kinds.clone();
    shown.dedup();
    for kind in shown {
        let of_kind: Vec<Took> =
            (0..kinds.len()).filter(|&step| kinds[step] == kind).map(|step| medians[step]).collect();
        println!("| {kind} | {} | {} | {} |", of_kind.len(), slowest(&of_kind), sum(&of_kind));
    }
    println!("| **any step** | {} | **{}** | |", medians.len(), slowest(&medians));
    println!("| all steps, one after another | | | | {} |\n", median(&totals));
}

fn step_kind(step: usize) -> &'static str {
    match step {
        step if step < PLANS => "one plan: schedule, drivers, row, milestones, responsibilities",
        step if step < 2 * PLANS => "one plan: refresh of its links from the others",
        step if step == 2 * PLANS => "the chains driving each finish, across plans",
        step if step == 2 * PLANS + 1 => "the cycle check across plans",
        _ => "the workload of 64 people",
    }
}

fn slowest(times: &[Took]) -> Took {
    Took {
        wall: times.iter().map(|took| took.wall).fold(0.0, f64::max),
        cpu: times.iter().map(|took| took.cpu).fold(0.0, f64::max),
    }
}

fn sum(times: &[Took]) -> Took {
    Took { wall: times.iter().map(|took| took.wall).sum(), cpu: times.iter().map(|took| took.cpu).sum() }
}

fn print_other_work(portfolio: &Portfolio, today: NaiveDate) {
    println!("| other work | wall (median of {RUNS}) | on CPU |\n| --- | ---: | ---: |");
    println!("| `portfolio::overview` at once | {} |", median_of(|| overview(portfolio, today)));
    let found = overview(portfolio, today);
    let last = MemberId(PLANS - 1);
    let new_link = &portfolio.member(last).plan.external_dependencies[0];
    println!(
        "| `Portfolio::check_new_link` (the whole portfolio's graph) | {} |",
        median_of(|| portfolio.check_new_link(last, new_link))
    );
    println!("| `portfolio_markdown` | {} |", median_of(|| portfolio_markdown(portfolio, &found)));
    let one = &portfolio.member(MemberId(0)).plan;
    println!("| `schedule::compute` of one plan, for scale | {} |", median_of(|| compute(one)));
    let text = planwright::file::to_json(one);
    let megabytes = text.len() as f64 / 1_048_576.0;
    println!(
        "| `file::parse` of one plan ({megabytes:.2} MB; in the browser, in the worker) | {} |",
        median_of(|| planwright::file::parse(&text))
    );
    let changes: usize = found.refreshes.iter().flatten().map(|refresh| refresh.changes.len()).sum();
    let overloads: usize = found.workload.people.iter().map(|person| person.overloads.len()).sum();
    println!(
        "\n{changes} links to refresh; {} people with a workload, {overloads} overload periods.",
        found.workload.people.len()
    );
}

/// Writes the benchmark's plans as plan files (`program-N.plan.json`) and a portfolio
/// file naming them with the people links (`bench.portfolio.json`) into `folder`, for the
/// browser benchmark (`e2e/src/bin/portfolio_bench.rs`), which opens them in the app.
fn write_files(folder: &std::path::Path) {
    std::fs::create_dir_all(folder).expect("the folder can be made");
    let portfolio = portfolio();
    let mut file = portfolio.to_file();
    for (index, member) in portfolio.members.iter().enumerate() {
        let name = format!("program-{index}.plan.json");
        std::fs::write(folder.join(&name), planwright::file::to_json(&member.plan)).expect("the plan file is written");
        file.plans[index].file = Some(name);
    }
    let text = planwright::portfolio::file::to_json(&file);
    std::fs::write(folder.join("bench.portfolio.json"), text).expect("the portfolio file is written");
    println!("wrote {} plan files and bench.portfolio.json to {}", portfolio.members.len(), folder.display());
}
