//! The portfolio benchmark in the browser: a portfolio of 20 plans of 2,000 tasks with
//! 200 links across plans, opened in the release build as a person would (the portfolio
//! file imported, then each plan file added), and the main thread watched throughout
//! with Chromium's Long Tasks API. The budget: no main-thread task over 100 ms while the
//! portfolio opens and schedules. Prints a Markdown table; never fails on a figure, only
//! when the page does not show the portfolio.
//!
//! `cargo xtask bench` writes the files (`examples/portfolio_bench.rs --write-files`),
//! serves the release build and runs this with `PLANWRIGHT_URL`, `WEBDRIVER_URL`,
//! `CHROMIUM_BINARY`, `CHROMIUM_ARGS` and `PORTFOLIO_FILES` (the folder of the files).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use e2e::machine::{chromium_version, load_average, machine};
use e2e::{Browser, Locator};
use serde_json::Value;

const PLANS: usize = 20;
/// How long one step (a file read, the overview computed) may take before the run is
/// called failed: minutes, on a loaded machine.
const STEP_TIMEOUT: Duration = Duration::from_secs(300);

/// Starts recording every long task (over 50 ms, the API's threshold) from now on.
const WATCH_LONG_TASKS: &str = r#"
window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
}).observe({ type: "longtask" });
return performance.now();
"#;

const LONG_TASKS: &str = "return { now: performance.now(), tasks: window.__longTasks || [] };";

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let folder = PathBuf::from(std::env::var("PORTFOLIO_FILES").expect("PORTFOLIO_FILES: the folder of the files"));
    let load_before = load_average();
    let browser = Browser::start().await;
    let measured = measure(&browser, &folder).await;
    browser.close().await;
    let load = format!("load average {load_before} at the start, {} at the end", load_average());
    match measured {
        Ok(figures) => print_table(&figures, &load),
        Err(failure) => {
            eprintln!("portfolio bench: {failure}");
            std::process::exit(1);
        }
    }
}

struct Figures {
    /// Long tasks while the files were added and the overview computed (ms each).
    long_tasks: Vec<f64>,
    /// From the first file chosen to the overview of all plans on screen.
    total: Duration,
    /// From the last file read to its overview on screen (the whole portfolio computed).
    last_overview: Duration,
}

async fn measure(browser: &Browser, folder: &Path) -> Result<Figures, String> {
    browser.open_app().await;
    browser.wait_for_css("[data-testid=open-portfolio]").await.click().await.map_err(|error| error.to_string())?;
    browser.wait_for_css("[data-testid=portfolio-add-file]").await;
    let portfolio_file = folder.join("bench.portfolio.json");
    choose(browser, "[data-testid=import-portfolio]", &portfolio_file).await?;
    let watching_from = browser.client.execute(WATCH_LONG_TASKS, vec![]).await.map_err(|error| error.to_string())?;
    let started = Instant::now();
    let mut last_read = started;
    for plan in 0..PLANS {
        let file = folder.join(format!("program-{plan}.plan.json"));
        choose(browser, "[data-testid=portfolio-add-file]", &file).await?;
        wait(browser, &format!("plan file {plan} read"), |count| count > plan, "[data-testid=portfolio-file]").await?;
        last_read = Instant::now();
        eprintln!("portfolio bench: {} of {PLANS} files read ({:.1} s)", plan + 1, started.elapsed().as_secs_f64());
    }
    wait(browser, "a row per plan", |count| count == PLANS, "[data-testid=portfolio-row]").await?;
    wait(browser, "the overview computed", |count| count == 0, ".portfolio .part-loading").await?;
    let finished = Instant::now();
    let answer = browser.client.execute(LONG_TASKS, vec![]).await.map_err(|error| error.to_string())?;
    let from = watching_from.as_f64().unwrap_or(0.0);
    let long_tasks = answer["tasks"]
        .as_array()
        .map(|tasks| {
            tasks.iter().filter(|task| number(task, "start") >= from).map(|task| number(task, "duration")).collect()
        })
        .unwrap_or_default();
    Ok(Figures { long_tasks, total: finished - started, last_overview: finished - last_read })
}

fn number(value: &Value, field: &str) -> f64 {
    value[field].as_f64().unwrap_or(0.0)
}

/// Chooses `file` in the file input `selector`, as the browser's file chooser would.
async fn choose(browser: &Browser, selector: &str, file: &Path) -> Result<(), String> {
    let input = browser.client.find(Locator::Css(selector)).await.map_err(|error| format!("no {selector}: {error}"))?;
    input.send_keys(&file.to_string_lossy()).await.map_err(|error| format!("{selector}: {error}"))
}

/// Waits until the number of elements matching `selector` satisfies `done`.
async fn wait(browser: &Browser, what: &str, done: impl Fn(usize) -> bool, selector: &str) -> Result<(), String> {
    let started = Instant::now();
    while started.elapsed() < STEP_TIMEOUT {
        if done(browser.count(selector).await) {
            return Ok(());
        }
        let notice = browser.text("[data-testid=portfolio-notice]").await;
        if !notice.is_empty() {
            return Err(format!("waiting for {what}, the page said: {notice}"));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err(format!("timed out waiting for {what}"))
}

fn print_table(figures: &Figures, load: &str) {
    let longest = figures.long_tasks.iter().copied().fold(0.0, f64::max);
    let over_100 = figures.long_tasks.iter().filter(|duration| **duration > 100.0).count();
    println!(
        "\nMachine: {} ({load}); Chromium {}. A portfolio of {PLANS} plans of 2,000 tasks, 200 links across plans, opened from files.\n",
        machine(),
        chromium_version()
    );
    println!("| what | figure |\n| --- | ---: |");
    println!("| longest main-thread task (budget 100 ms) | {longest:.0} ms |");
    println!("| long tasks (over 50 ms) / over 100 ms | {} / {over_100} |", figures.long_tasks.len());
    println!("| first file chosen to the whole overview on screen | {:.1} s |", figures.total.as_secs_f64());
    println!("| last file read to the whole overview on screen | {:.1} s |", figures.last_overview.as_secs_f64());
}
