//! The first view benchmark: how long a person waits, and what the page fetches, before
//! Planwright's first view is on screen, on an emulated mobile link (Chromium's network
//! conditions: a round trip per request, and a download rate). Prints a Markdown table of
//! medians on stdout; never fails on a figure (the goal of DESIGN.md is read from the
//! table), only when the page does not show its view.
//!
//! `cargo xtask bench` builds the release app, serves it gzipped (as static hosts do) and
//! runs this with `PLANWRIGHT_URL`, `WEBDRIVER_URL`, `CHROMIUM_BINARY`, `CHROMIUM_ARGS` and,
//! optionally, `BENCH_RUNS` (page loads per figure, default 5).
//!
//! Three visits, each in a fresh browser profile:
//! - a first visit: nothing stored, nothing cached; the start screen is the first view;
//! - a returning user on a new machine (or with a cleared cache): a stored plan, nothing
//!   cached; the plan's timeline is the first view;
//! - a returning user: a stored plan, the app in the browser's caches (its service worker
//!   took every file on the first visit); the timeline is the first view.
//!
//! The first view is timed by the app's own Performance API mark (`planwright:first-view`
//! for the start screen, `planwright:timeline-drawn` for the timeline), from navigation
//! start. What it fetched before then comes from the Resource Timing entries started before
//! the mark, with the page itself: requests, and bytes as they came over the link (gzip).

use std::time::Duration;

use e2e::Browser;
use planwright::model::generate::program_plan;
use serde_json::{json, Value};

/// The emulated links: (name, round trip in ms, download and upload rate in bytes a second).
const LINKS: [(&str, u64, u64); 2] =
    [("4G (85 ms, 9 Mbit/s)", 85, 9_000_000 / 8), ("slow (300 ms, 1.6 Mbit/s)", 300, 1_600_000 / 8)];
/// The stored plan of a returning user: a program of a typical size.
const STORED_PLAN_TASKS: usize = 100;
const START_SCREEN_MARK: &str = "planwright:first-view";
const TIMELINE_MARK: &str = "planwright:timeline-drawn";

/// Waits for `mark` and returns its time and the requests started before it.
const MEASURE_FIRST_VIEW: &str = r#"
const [mark] = arguments;
const done = arguments[arguments.length - 1];
const waitForMark = () => {
  const entry = performance.getEntriesByName(mark, "mark")[0];
  if (!entry) {
    if (performance.now() > 60000) return done({ error: `no ${mark} mark`, page: document.body.innerText.slice(0, 400) });
    return setTimeout(waitForMark, 5);
  }
  const navigation = performance.getEntriesByType("navigation")[0];
  const before = performance.getEntriesByType("resource").filter((resource) => resource.startTime < entry.startTime);
  const all = [navigation, ...before];
  done({
    view: entry.startTime,
    requests: all.length,
    over_network: all.filter((resource) => resource.transferSize > 0).length,
    transferred: all.reduce((sum, resource) => sum + resource.transferSize, 0),
    body_bytes: all.reduce((sum, resource) => sum + resource.encodedBodySize, 0),
    names: all.map((resource) => resource.name.split("/").pop()),
  });
};
waitForMark();
"#;

/// Writes local storage entries in the page open on that origin.
const SET_STORAGE: &str = r#"
localStorage.clear();
for (const [key, value] of arguments[0]) localStorage.setItem(key, value);
"#;

/// Waits until the page's service worker controls it and has cached the build.
const WAIT_FOR_OFFLINE_READY: &str = r#"
const done = arguments[arguments.length - 1];
navigator.serviceWorker.ready.then(() => setTimeout(() => done(true), 3000)).catch(() => done(false));
"#;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Visit {
    First,
    StoredPlanColdCache,
    StoredPlanWarmCache,
}

impl Visit {
    const ALL: [Visit; 3] = [Self::First, Self::StoredPlanColdCache, Self::StoredPlanWarmCache];

    fn label(self) -> &'static str {
        match self {
            Self::First => "first visit → start screen",
            Self::StoredPlanColdCache => "stored plan, nothing cached → timeline",
            Self::StoredPlanWarmCache => "stored plan, app cached (returning user) → timeline",
        }
    }

    fn mark(self) -> &'static str {
        match self {
            Self::First => START_SCREEN_MARK,
            _ => TIMELINE_MARK,
        }
    }
}

/// One load's figures.
struct Load {
    view_ms: f64,
    requests: f64,
    over_network: f64,
    transferred: f64,
    body_bytes: f64,
    names: Vec<String>,
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set: run the benchmark with `cargo xtask bench`"))
}

/// The origin of the app's URL, for the page that sets up local storage.
fn origin(url: &str) -> String {
    let after_scheme = url.find("://").map_or(0, |at| at + 3);
    let end = url[after_scheme..].find('/').map_or(url.len(), |at| after_scheme + at);
    url[..end].to_string()
}

/// The stored plan of a returning user, as the app's storage holds it.
fn stored_plan() -> Value {
    let plan = program_plan(STORED_PLAN_TASKS);
    let id = "benchmarkplan";
    let meta = json!({ "id": id, "name": plan.name, "saved": "2026-12-01T00:00:00.000Z", "revision": 1 }).to_string();
    json!([
        [format!("planwright:plan:{id}"), planwright::file::to_json_compact(&plan)],
        [format!("planwright:meta:{id}"), meta],
        ["planwright:current", id],
    ])
}

type Failure = String;

async fn goto(browser: &Browser, url: &str) -> Result<(), Failure> {
    browser.client.goto(url).await.map_err(|error| format!("could not load {url}: {error}"))
}

/// One visit in a fresh profile on the emulated link.
async fn load_once(app_url: &str, visit: Visit, link: (u64, u64)) -> Result<Load, Failure> {
    let browser = Browser::start().await;
    let result = visit_in(&browser, app_url, visit, link).await;
    browser.close().await;
    result
}

async fn visit_in(
    browser: &Browser,
    app_url: &str,
    visit: Visit,
    (round_trip, rate): (u64, u64),
) -> Result<Load, Failure> {
    if visit != Visit::First {
        // Local storage is written from a page of the same origin that is not the app.
        goto(browser, &format!("{}/benchmark-set-up", origin(app_url))).await?;
        browser.client.execute(SET_STORAGE, vec![stored_plan()]).await.map_err(|error| error.to_string())?;
    }
    if visit == Visit::StoredPlanWarmCache {
        // The visit before: the service worker installs and caches every file.
        goto(browser, app_url).await?;
        let ready =
            browser.client.execute_async(WAIT_FOR_OFFLINE_READY, vec![]).await.map_err(|error| error.to_string())?;
        if ready != json!(true) {
            return Err("the service worker did not start".into());
        }
        goto(browser, &format!("{}/benchmark-set-up", origin(app_url))).await?;
    }
    browser.set_network(round_trip, rate).await?;
    goto(browser, app_url).await?;
    let measured = browser
        .client
        .execute_async(MEASURE_FIRST_VIEW, vec![json!(visit.mark())])
        .await
        .map_err(|error| format!("a script in the page failed: {error}"))?;
    if let Some(error) = measured.get("error") {
        return Err(format!("{}: {error}; the page shows {}", visit.label(), measured["page"]));
    }
    let number = |field: &str| measured.get(field).and_then(Value::as_f64).unwrap_or(f64::NAN);
    let names =
        measured["names"].as_array().into_iter().flatten().filter_map(Value::as_str).map(String::from).collect();
    Ok(Load {
        view_ms: number("view"),
        requests: number("requests"),
        over_network: number("over_network"),
        transferred: number("transferred"),
        body_bytes: number("body_bytes"),
        names,
    })
}

fn median(values: impl Iterator<Item = f64>) -> f64 {
    let mut sorted: Vec<f64> = values.collect();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let app_url = env("PLANWRIGHT_URL");
    let runs: usize = std::env::var("BENCH_RUNS").ok().and_then(|runs| runs.parse().ok()).unwrap_or(5).max(1);
    println!("First view: medians of {runs} loads, each in a fresh headless Chromium profile; files served gzipped.");
    println!();
    println!(
        "| visit | link | first view | requests before it (over the network) | KB over the network (gzip bodies) |"
    );
    println!("| --- | --- | ---: | ---: | ---: |");
    for visit in Visit::ALL {
        for (link_name, round_trip, rate) in LINKS {
            if visit == Visit::StoredPlanWarmCache && round_trip != LINKS[0].1 {
                continue;
            }
            let mut loads = Vec::new();
            for _ in 0..runs {
                match load_once(&app_url, visit, (round_trip, rate)).await {
                    Ok(load) => loads.push(load),
                    Err(failure) => {
                        eprintln!("first view bench: {failure}");
                        std::process::exit(1);
                    }
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            let figure = |field: fn(&Load) -> f64| median(loads.iter().map(field));
            println!(
                "| {} | {link_name} | {:.0} ms | {:.0} ({:.0}) | {:.1} ({:.1}) |",
                visit.label(),
                figure(|load| load.view_ms),
                figure(|load| load.requests),
                figure(|load| load.over_network),
                figure(|load| load.transferred) / 1024.0,
                figure(|load| load.body_bytes) / 1024.0,
            );
            if let Some(load) = loads.first() {
                eprintln!("first view bench: {} on {link_name} fetched {}", visit.label(), load.names.join(", "));
            }
        }
    }
}
