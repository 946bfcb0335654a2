//! The browser benchmark: Planwright against dhtmlxGantt (community edition, smart
//! rendering) on the same generated program, in one headless Chromium, a fresh page load
//! for every run. Prints a Markdown table of medians on stdout; never fails on a figure
//! (the budgets of DESIGN.md are read from the table, not asserted), only when a page does
//! not show what it was given.
//!
//! `cargo xtask bench` builds the release app, serves it and the peer's page
//! (`e2e/bench/dhtmlx.html` beside the npm package's files), starts ChromeDriver and runs
//! this with `PLANWRIGHT_URL`, `PEER_URL`, `PEER_NAME`, `WEBDRIVER_URL`, `CHROMIUM_BINARY`,
//! `CHROMIUM_ARGS` and, optionally, `BENCH_RUNS` (page loads per figure, default 7).
//!
//! What is timed, in the page with the Performance API (times from navigation start):
//! - Planwright reads its plan file from local storage at start-up (`planwright:open-started`)
//!   and marks the first drawing of task bars (`planwright:timeline-drawn`);
//! - the peer's page reads the same tasks and links as JSON text from local storage
//!   (`peer:open-started`), parses them, sets up the chart and calls `gantt.parse`, which
//!   draws before it returns (`peer:drawn`);
//! - for both, the end of the animation frame that drew them: the Long Animation Frames
//!   entry that holds the mark (its style, layout and paint included);
//! - at 10,000 tasks, three edits of one task's duration in Planwright's grid (after each
//!   load): main-thread time from the `change` event to the updated DOM, checked to show
//!   the new finish date and bar; and of it, the change's own work (its handlers and the
//!   microtasks they queue, up to the next frame or the message, whichever comes first),
//!   without the style, layout and paint of a frame Chromium draws before the message.
//!
//! A figure that some runs could not give (a frame shorter than 50 ms makes no Long
//! Animation Frames entry) is the median of the others, marked with how many there were.

use std::collections::BTreeMap;
use std::time::Duration;

use e2e::machine::{chromium_version, load_average, machine};
use e2e::Browser;
use planwright::model::dates::format_iso_date;
use planwright::model::generate::program_plan;
use planwright::model::{DependencyKind, Plan};
use serde_json::{json, Value};

/// Plan sizes: the DOM budget compares 10,000 tasks with 100; a typical plan has a few
/// hundred, where the fixed cost of starting the app is most of the wait.
const SIZES: [usize; 3] = [100, 1_000, 10_000];
/// The task whose duration the edit changes: the first leaf task of the first workstream,
/// so the change moves every task after it (the whole program, through the cross links).
const EDITED_TASK: &str = "T2";
/// How long a page is left to settle after its first draw before nodes are counted
/// and an edit is made.
const SETTLE_MS: u64 = 500;
/// The pause before each edit: longer than the app's delay before it saves (a second).
const EDIT_PAUSE: Duration = Duration::from_millis(1500);

/// Writes local storage entries in the page open on that origin.
const SET_STORAGE: &str = r#"
localStorage.clear();
for (const [key, value] of arguments[0]) localStorage.setItem(key, value);
"#;

/// Waits for the first-draw mark, lets the page settle, and returns the marks and the end
/// of the animation frame that holds the first draw.
const MEASURE_OPEN: &str = r#"
const [drawnMark, startedMark, parseMark, settleMs] = arguments;
const done = arguments[arguments.length - 1];
const markTime = (name) => {
  const entry = name && performance.getEntriesByName(name, "mark")[0];
  return entry ? entry.startTime : null;
};
const frames = [];
new PerformanceObserver((list) => frames.push(...list.getEntries()))
  .observe({ type: "long-animation-frame", buffered: true });
const collect = () => {
  const drawn = markTime(drawnMark);
  const frame = frames.find((f) => f.startTime <= drawn && drawn <= f.startTime + f.duration);
  done({
    drawn,
    started: markTime(startedMark),
    parse_started: markTime(parseMark),
    frame_end: frame ? frame.startTime + frame.duration : null,
  });
};
const waitForMark = () => {
  if (markTime(drawnMark) !== null) return setTimeout(collect, settleMs);
  if (performance.now() > 20000) return done({ error: `no ${drawnMark} mark`, page: document.body.innerText.slice(0, 400) });
  setTimeout(waitForMark, 5);
};
waitForMark();
"#;

/// Counts DOM elements under the chart, under the whole timeline (chart and grid), and
/// in the whole document.
const COUNT_NODES: &str = r#"
const under = (selector) => [...document.querySelectorAll(selector)]
  .reduce((sum, root) => sum + root.querySelectorAll("*").length, 0);
return { chart: under(arguments[0]), timeline: under(arguments[1]), page: document.querySelectorAll("*").length };
"#;

/// Changes a task's duration in Planwright's grid as a person would (the field commits on
/// `change`) and times the main thread until a message posted right after it arrives, that
/// is after the change's handlers and every microtask they queued; then forces style and
/// layout and times that too. Returns the finish cell and the bar before and after, so the
/// caller can check the page did change. The field is focused first, as a person's click
/// or Tab does (it becomes the number input then: src/ui/timeline/task_grid.rs, and its task is
/// selected). Focusing scrolls the page to the grid, near the dependencies card, which is
/// then fetched and drawn (src/ui/timeline/page.rs): the edit waits for the card and two more
/// frames, and then runs as a task of its own, as a person's typing does, not inside a
/// frame's callbacks (where that frame's style, layout and paint would come before the
/// message).
const EDIT_DURATION: &str = r#"
const [task, value] = arguments;
const done = arguments[arguments.length - 1];
const field = `[data-testid=task-grid] [data-label='Duration of ${task}']`;
document.querySelector(field)?.focus();
const settled = performance.now() + 3000;
const whenSettled = (then) => document.querySelector("[data-testid=add-link]") || performance.now() > settled
  ? requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(then, 0)))
  : setTimeout(() => whenSettled(then), 20);
whenSettled(() => {
const input = document.querySelector(field);
const finish = () => document.querySelector(`[data-testid=task-row][data-task-id='${task}'] td:nth-child(6)`)?.textContent;
const bar = () => document.querySelector(`.gantt__bar[data-task-id='${task}']`)?.getAttribute("style");
if (!input) return done({ error: `no duration field for ${task}` });
const before = { finish: finish(), bar: bar(), value: input.value };
const channel = new MessageChannel();
let t0 = 0;
// The next frame starts after the handlers and their microtasks: if it comes before the
// message, the message's time includes that frame's style, layout and paint.
let frameStart = null;
requestAnimationFrame(() => { frameStart = performance.now(); });
channel.port1.onmessage = () => {
  const t1 = performance.now();
  const after = { finish: finish(), bar: bar(), value: input.value };
  void document.body.offsetHeight;
  const t2 = performance.now();
  const script = (frameStart === null ? t1 : Math.min(t1, frameStart)) - t0;
  done({ to_dom: t1 - t0, with_layout: t2 - t0, script, before, after });
};
t0 = performance.now();
input.value = String(value);
input.dispatchEvent(new Event("input", { bubbles: true }));
input.dispatchEvent(new Event("change", { bubbles: true }));
channel.port2.postMessage(null);
});
"#;

/// One of the two pages under test.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Page {
    Planwright,
    Peer,
}

/// The measurements of one kind, per page and plan size, over the runs.
type Samples = BTreeMap<(&'static str, Page, usize), Vec<f64>>;

struct Setup {
    app_url: String,
    peer_url: String,
    peer_name: String,
    runs: usize,
}

/// One plan in both pages' forms.
struct Workload {
    tasks: usize,
    links: usize,
    /// Planwright's local storage: the plan file, its list entry, the current plan.
    planwright_storage: Value,
    planwright_bytes: usize,
    /// The peer's local storage: its JSON data.
    peer_storage: Value,
    peer_bytes: usize,
    /// The edited task's duration in the plan.
    edited_duration: u32,
}

impl Workload {
    fn new(tasks: usize) -> Self {
        let plan = program_plan(tasks);
        let id = format!("benchmark{tasks}");
        // Local storage keeps plans compact.
        let text = planwright::file::to_json_compact(&plan);
        // What `storage::LocalStore::save_plan` writes beside a plan: its list entry.
        let meta =
            json!({ "id": id, "name": plan.name, "saved": "2026-11-27T00:00:00.000Z", "revision": 1 }).to_string();
        let peer = peer_data(&plan);
        Self {
            tasks,
            links: plan.dependencies.len(),
            planwright_bytes: text.len(),
            planwright_storage: json!([
                [format!("planwright:plan:{id}"), text],
                [format!("planwright:meta:{id}"), meta],
                ["planwright:current", id],
            ]),
            peer_bytes: peer.len(),
            peer_storage: json!([["bench:gantt", peer]]),
            edited_duration: plan.task(EDITED_TASK).map(|task| task.duration).unwrap_or(0),
        }
    }
}

/// The plan as dhtmlxGantt data: the same tasks with the dates of Planwright's schedule
/// (the community edition does not schedule), summaries as open `project` tasks, and the
/// same links (type "0" FS, "1" SS, "2" FF, "3" SF; lag kept).
fn peer_data(plan: &Plan) -> String {
    let schedule = planwright::schedule::compute(plan).expect("the generated plan schedules");
    let data: Vec<Value> = plan
        .tasks
        .iter()
        .enumerate()
        .map(|(index, task)| {
            let finish = schedule.finish_date(index);
            // dhtmlxGantt's end date is exclusive: the day after the last working day.
            let end = finish.succ_opt().unwrap_or(finish);
            let mut item = json!({
                "id": task.id.as_str(),
                "text": task.name,
                "start_date": format_iso_date(schedule.start_date(index)),
                "end_date": format_iso_date(end),
                "progress": f64::from(task.progress) / 100.0,
                "parent": task.parent.as_ref().map_or(json!(0), |parent| json!(parent.as_str())),
            });
            if schedule.tasks[index].summary {
                item["type"] = json!("project");
                item["open"] = json!(true);
            }
            item
        })
        .collect();
    let links: Vec<Value> = plan
        .dependencies
        .iter()
        .enumerate()
        .map(|(index, dependency)| {
            let kind = match dependency.kind {
                DependencyKind::FS => "0",
                DependencyKind::SS => "1",
                DependencyKind::FF => "2",
                DependencyKind::SF => "3",
            };
            json!({
                "id": index + 1,
                "source": dependency.predecessor.as_str(),
                "target": dependency.successor.as_str(),
                "type": kind,
                "lag": dependency.lag,
            })
        })
        .collect();
    json!({ "data": data, "links": links }).to_string()
}

fn env(name: &str) -> String {
    std::env::var(name)
        .unwrap_or_else(|_| panic!("{name} is not set: run the browser benchmark with `cargo xtask bench`"))
}

/// The origin of a page's URL, for a page that is not the app on that origin.
fn origin(url: &str) -> String {
    let after_scheme = url.find("://").map_or(0, |at| at + 3);
    let end = url[after_scheme..].find('/').map_or(url.len(), |at| after_scheme + at);
    url[..end].to_string()
}

/// What stops the benchmark: a page that did not show what it was given, or WebDriver.
type Failure = String;

async fn execute(browser: &Browser, script: &str, args: Vec<Value>) -> Result<Value, Failure> {
    browser.client.execute(script, args).await.map_err(|error| format!("a script in the page failed: {error}"))
}

async fn execute_async(browser: &Browser, script: &str, args: Vec<Value>) -> Result<Value, Failure> {
    browser.client.execute_async(script, args).await.map_err(|error| format!("a script in the page failed: {error}"))
}

async fn goto(browser: &Browser, url: &str) -> Result<(), Failure> {
    browser.client.goto(url).await.map_err(|error| format!("could not load {url}: {error}"))
}

/// Puts a page's data in local storage, then loads the page afresh. The data is written
/// from a page of the same origin that is not the app (the server's "not found" page), so
/// the app of the previous run cannot save over it.
async fn load_fresh(browser: &Browser, url: &str, storage: &Value) -> Result<(), Failure> {
    goto(browser, &format!("{}/benchmark-set-up", origin(url))).await?;
    execute(browser, SET_STORAGE, vec![storage.clone()]).await?;
    goto(browser, url).await
}

fn number(value: &Value, field: &str) -> Option<f64> {
    value.get(field).and_then(Value::as_f64)
}

/// One page load of one page and plan: records its figures into `samples`.
async fn run_once(
    browser: &Browser,
    setup: &Setup,
    page: Page,
    workload: &Workload,
    samples: &mut Samples,
) -> Result<(), Failure> {
    let size = workload.tasks;
    let (url, storage, marks, chart, timeline) = match page {
        Page::Planwright => (
            &setup.app_url,
            &workload.planwright_storage,
            ["planwright:timeline-drawn", "planwright:open-started", ""],
            ".gantt",
            "[data-testid=gantt], [data-testid=task-grid]",
        ),
        Page::Peer => (
            &setup.peer_url,
            &workload.peer_storage,
            ["peer:drawn", "peer:open-started", "peer:parse-started"],
            "#gantt .gantt_task",
            "#gantt",
        ),
    };
    load_fresh(browser, url, storage).await?;
    let args = marks.iter().map(|mark| json!(mark)).chain([json!(SETTLE_MS)]).collect();
    let open = execute_async(browser, MEASURE_OPEN, args).await?;
    if let Some(error) = open.get("error") {
        return Err(format!("{page:?} did not draw {size} tasks: {error}; the page shows {}", open["page"]));
    }
    let mut record = |what: &'static str, value: Option<f64>| {
        if let Some(value) = value {
            samples.entry((what, page, size)).or_default().push(value);
        }
    };
    let drawn = number(&open, "drawn");
    record("first draw", drawn);
    record("frame end", number(&open, "frame_end"));
    let started = number(&open, "started");
    record("open", drawn.zip(started).map(|(drawn, started)| drawn - started));
    record("open painted", number(&open, "frame_end").zip(started).map(|(end, started)| end - started));
    record("parse", drawn.zip(number(&open, "parse_started")).map(|(drawn, started)| drawn - started));

    // The page shows the whole plan.
    match page {
        Page::Planwright => {
            let summary = browser.text("[data-testid=plan-finish]").await;
            if !summary.starts_with(&format!("{size} tasks")) {
                return Err(format!("Planwright shows {summary:?}, not {size} tasks"));
            }
        }
        Page::Peer => {
            let counts = execute(browser, "return [gantt.getTaskCount(), gantt.getLinkCount()];", vec![]).await?;
            if counts != json!([size, workload.links]) {
                return Err(format!("the peer holds {counts} tasks and links, not {size} and {}", workload.links));
            }
        }
    }
    let nodes = execute(browser, COUNT_NODES, vec![json!(chart), json!(timeline)]).await?;
    record("nodes chart", number(&nodes, "chart"));
    record("nodes timeline", number(&nodes, "timeline"));
    record("nodes page", number(&nodes, "page"));

    if page == Page::Planwright && size == 10_000 {
        // The first edit after a load pays for compiling the code it runs (Chromium
        // compiles WebAssembly functions when first called); later ones do not.
        for (edit, what) in [(1, "first edit"), (2, "later edit"), (3, "later edit")] {
            // Past the save that follows opening or the previous edit (within a second).
            tokio::time::sleep(EDIT_PAUSE).await;
            let value = workload.edited_duration + edit;
            let timing = execute_async(browser, EDIT_DURATION, vec![json!(EDITED_TASK), json!(value)]).await?;
            if let Some(error) = timing.get("error") {
                return Err(format!("the edit could not be made: {error}"));
            }
            // The timing counts only if the page showed the edit when it was taken.
            let (before, after) = (&timing["before"], &timing["after"]);
            if before["finish"] == after["finish"]
                || before["bar"] == after["bar"]
                || after["value"] != json!(value.to_string())
            {
                return Err(format!("the page did not show the edit of {EDITED_TASK} when timed: {timing}"));
            }
            record(what, number(&timing, "to_dom"));
            record(if edit == 1 { "first edit layout" } else { "later edit layout" }, number(&timing, "with_layout"));
            record(if edit == 1 { "first edit script" } else { "later edit script" }, number(&timing, "script"));
        }
    }
    Ok(())
}

fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => None,
        n if n % 2 == 1 => Some(sorted[n / 2]),
        n => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

fn thousands(value: usize) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let setup = Setup {
        app_url: env("PLANWRIGHT_URL"),
        peer_url: env("PEER_URL"),
        peer_name: std::env::var("PEER_NAME").unwrap_or_else(|_| "dhtmlxGantt".into()),
        runs: std::env::var("BENCH_RUNS").ok().and_then(|runs| runs.parse().ok()).unwrap_or(7).max(1),
    };
    let workloads: Vec<Workload> = SIZES.into_iter().map(Workload::new).collect();
    let chromium = chromium_version();
    let load_before = load_average();
    let browser = Browser::start().await;
    let mut samples = Samples::new();
    let measured = measure(&browser, &setup, &workloads, &mut samples).await;
    // Closed on a failure too: ChromeDriver does not close its browsers when it is stopped.
    browser.close().await;
    if let Err(failure) = measured {
        eprintln!("browser bench: {failure}");
        std::process::exit(1);
    }
    let load = format!("load average {load_before} at the start, {} at the end", load_average());
    print_table(&setup, &workloads, &samples, &chromium, &load);
}

async fn measure(
    browser: &Browser,
    setup: &Setup,
    workloads: &[Workload],
    samples: &mut Samples,
) -> Result<(), Failure> {
    for workload in workloads {
        eprintln!(
            "browser bench: {} tasks, {} links; {} page loads of each page after a warm-up",
            workload.tasks, workload.links, setup.runs
        );
        // A warm-up load of each page, not counted: the first load compiles what later
        // loads may take from Chromium's caches.
        let mut warm_up = Samples::new();
        for page in [Page::Planwright, Page::Peer] {
            run_once(browser, setup, page, workload, &mut warm_up).await?;
        }
        // The two pages take turns, so a slow moment of the machine hits both alike.
        for _ in 0..setup.runs {
            for page in [Page::Planwright, Page::Peer] {
                run_once(browser, setup, page, workload, samples).await?;
            }
        }
    }
    Ok(())
}

fn print_table(setup: &Setup, workloads: &[Workload], samples: &Samples, chromium: &str, load: &str) {
    let figure = |what: &'static str, page: Page, size: usize| {
        samples.get(&(what, page, size)).and_then(|values| median(values))
    };
    // How many values a figure is the median of, when fewer than one per run.
    let short = |what: &'static str, page: Page, size: usize, expected: usize| match samples.get(&(what, page, size)) {
        Some(values) if !values.is_empty() && values.len() < expected => format!(" (of {})", values.len()),
        _ => String::new(),
    };
    let ms = |value: Option<f64>| value.map_or_else(|| "–".to_string(), |value| format!("{value:.1} ms"));
    let count = |value: Option<f64>| value.map_or_else(|| "–".to_string(), |value| thousands(value.round() as usize));
    let peer = &setup.peer_name;

    println!("Browser benchmark: Planwright against {peer} (smart rendering), headless Chromium {chromium}");
    println!("Machine: {} ({load}). Medians of {} fresh page loads of each page.", machine(), setup.runs);
    println!();
    let mut header = String::from("| what |");
    let mut rule = String::from("| --- |");
    for workload in workloads {
        let size = thousands(workload.tasks);
        header.push_str(&format!(" Planwright, {size} tasks | {peer}, {size} tasks |"));
        rule.push_str(" ---: | ---: |");
    }
    println!("{header}");
    println!("{rule}");
    let rows = [
        ("navigation start → first draw of task bars", "first draw", true),
        ("navigation start → end of that frame (style, layout, paint)", "frame end", true),
        ("open from storage → first draw", "open", true),
        ("**open from storage → end of that frame**", "open painted", true),
        ("… of which `gantt.parse` (draws before it returns)", "parse", true),
        ("DOM elements: chart", "nodes chart", false),
        ("DOM elements: timeline (chart and grid)", "nodes timeline", false),
        ("DOM elements: whole page", "nodes page", false),
        ("first edit after the load (a duration, in the grid): `change` → DOM updated", "first edit", true),
        ("… and the style and layout of the change", "first edit layout", true),
        (
            "… of which the change's own work (handlers and their microtasks, before the next frame)",
            "first edit script",
            true,
        ),
        ("a later edit: `change` → DOM updated", "later edit", true),
        ("… and the style and layout of the change", "later edit layout", true),
        (
            "… of which the change's own work (handlers and their microtasks, before the next frame)",
            "later edit script",
            true,
        ),
    ];
    for (label, what, timed) in rows {
        let mut line = format!("| {label} |");
        for workload in workloads {
            for page in [Page::Planwright, Page::Peer] {
                let value = figure(what, page, workload.tasks);
                let expected = if what.starts_with("later") { 2 * setup.runs } else { setup.runs };
                let shown = if timed { ms(value) } else { count(value) };
                line.push_str(&format!(" {shown}{} |", short(what, page, workload.tasks, expected)));
            }
        }
        println!("{line}");
    }
    println!();
    let (small, large) = (&workloads[0], &workloads[workloads.len() - 1]);
    for page in [Page::Planwright, Page::Peer] {
        let name = if page == Page::Planwright { "Planwright" } else { peer.as_str() };
        let ratio = |what| {
            figure(what, page, large.tasks)
                .zip(figure(what, page, small.tasks))
                .map_or_else(|| "–".to_string(), |(large, small)| format!("{:.2}x", large / small))
        };
        println!(
            "- {name}: DOM elements at {} tasks against {}: timeline {}, chart {}, page {}",
            thousands(large.tasks),
            thousands(small.tasks),
            ratio("nodes timeline"),
            ratio("nodes chart"),
            ratio("nodes page")
        );
    }
    for workload in workloads {
        println!(
            "- {} tasks, {} links: Planwright reads a {:.2} MB plan file, {peer} {:.2} MB of JSON",
            thousands(workload.tasks),
            thousands(workload.links),
            workload.planwright_bytes as f64 / 1_048_576.0,
            workload.peer_bytes as f64 / 1_048_576.0
        );
    }
}
