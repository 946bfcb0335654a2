//! The release build as it is published: under a sub-path of a static host, nothing
//! fetched from another origin, installable, working offline after the first visit, and
//! a new release offered with a "new version" banner.
//!
//! Each test serves its own copy of the build (so it can stop the server or change a file)
//! under /planwright/, as GitHub Pages serves a project site.

use std::path::{Path, PathBuf};
use std::time::Duration;

use e2e::static_server::StaticServer;
use e2e::{Browser, Locator};
use planwright::file;

const SUB_PATH: &str = "/planwright/";

/// A copy of the release build in a folder of its own, removed when dropped (also when
/// the test fails).
struct Site(PathBuf);

impl Drop for Site {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn copy_of_build() -> Site {
    let unique = format!(
        "{}-{}",
        std::process::id(),
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos()
    );
    let copy = std::env::temp_dir().join(format!("planwright-e2e-site-{unique}"));
    copy_folder(&e2e::dist_dir(), &copy);
    Site(copy)
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap_or_else(|error| panic!("no release build in {from:?}: {error}")) {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_folder(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

fn app_url(server: &StaticServer) -> String {
    format!("http://127.0.0.1:{}{SUB_PATH}", server.port)
}

/// Opens the app and waits until its service worker controls the page.
async fn open_and_wait_for_worker(browser: &Browser, url: &str) {
    browser.client.goto(url).await.unwrap();
    browser.wait_for_css("main").await;
    // Installing copies the whole build into the cache: allow a busy machine 30 s.
    for _ in 0..300 {
        let controlled = browser.client.execute("return !!navigator.serviceWorker.controller;", vec![]).await;
        if controlled.ok().and_then(|value| value.as_bool()).unwrap_or(false) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the service worker did not take control of the page within 30 s");
}

async fn open_example(browser: &Browser) {
    browser.wait_for_css("[data-testid=open-example]").await.click().await.unwrap();
    browser.wait_for_css("[data-testid=task-grid]").await;
}

/// Adds a task after the selected one and names it; waits until it is saved.
async fn add_task(browser: &Browser, id: &str, name: &str) {
    browser.wait_for_css("[data-testid=add-task]").await.click().await.unwrap();
    let field = browser.wait_for_css(&format!("[data-task-name={id}]")).await;
    browser
        .wait_until("the new task's name to be focused", || async {
            let active = browser.client.active_element().await.unwrap();
            active.attr("data-task-name").await.unwrap().as_deref() == Some(id)
        })
        .await;
    field.send_keys(&format!("{name}\n")).await.unwrap();
    browser.wait_until("the save", || async { browser.text("[data-testid=save-state]").await == "Saved" }).await;
}

/// The one stored plan's task names, read back through the app's own file reader.
async fn stored_task_name(browser: &Browser, id: &str) -> Option<String> {
    let keys = browser.storage_keys("planwright:plan:").await;
    assert_eq!(keys.len(), 1, "one plan is stored: {keys:?}");
    let plan = file::parse(&browser.storage_item(&keys[0]).await.unwrap()).unwrap();
    plan.task(id).map(|task| task.name.clone())
}

/// Reloads the page and waits for the open plan's timeline.
async fn reload_to_timeline(browser: &Browser) {
    browser.client.refresh().await.unwrap();
    browser.wait_for_css("[data-testid=task-grid]").await;
}

#[tokio::test]
async fn after_the_first_visit_the_app_works_with_the_server_gone() {
    let copy = copy_of_build();
    let site = &copy.0;
    let server = StaticServer::start(site, 0, SUB_PATH).unwrap();
    let port = server.port;
    let url = app_url(&server);
    let browser = Browser::start().await;
    open_and_wait_for_worker(&browser, &url).await;
    let errors = browser.console_errors().await;
    assert!(errors.is_empty(), "no errors, no blocked worker, manifest or icon: {errors:?}");
    open_example(&browser).await;
    add_task(&browser, "T41", "Written online").await;

    // Every request went to the app's own origin and folder.
    let fetched = browser
        .client
        .execute("return performance.getEntriesByType('resource').map(entry => entry.name);", vec![])
        .await
        .unwrap();
    let fetched: Vec<&str> = fetched.as_array().unwrap().iter().filter_map(|name| name.as_str()).collect();
    assert!(fetched.iter().any(|name| name.ends_with(".wasm")), "the wasm is among the requests: {fetched:?}");
    assert!(fetched.iter().all(|name| name.starts_with(&url)), "only {url} is asked: {fetched:?}");
    // The stylesheets of the views that are parts come with their parts, not before.
    assert!(
        !fetched.iter().any(|name| name.contains("/split_") && name.ends_with(".css")),
        "no part's stylesheet is fetched before its part is opened: {fetched:?}"
    );

    server.stop();
    assert!(std::net::TcpStream::connect(("127.0.0.1", port)).is_err(), "the server is gone");

    reload_to_timeline(&browser).await;
    assert_eq!(stored_task_name(&browser, "T41").await.as_deref(), Some("Written online"));
    add_task(&browser, "T42", "Written offline").await;
    reload_to_timeline(&browser).await;
    assert_eq!(stored_task_name(&browser, "T42").await.as_deref(), Some("Written offline"), "the offline edit is kept");
    assert_eq!(stored_task_name(&browser, "T41").await.as_deref(), Some("Written online"));
    let summary = browser.text("[data-testid=plan-finish]").await;
    assert!(summary.starts_with("42 tasks"), "both new tasks are on the timeline: {summary}");

    // Every part fetched on demand works offline though none was opened online: the
    // worker cached them all on the first visit.
    open_every_part(&browser).await;

    // The example plan is fetched only when asked for: it was cached with the rest.
    browser.client.find(Locator::Css(".header__brand")).await.unwrap().click().await.unwrap();
    open_example(&browser).await;
    assert!(browser.text("[data-testid=plan-finish]").await.starts_with("40 tasks"));
    browser.close().await;
}

/// Clicks the header's tab of a view.
async fn open_view(browser: &Browser, label: &str) {
    let tabs = browser.client.find_all(Locator::Css(".header__tab")).await.unwrap();
    for tab in tabs {
        if tab.text().await.unwrap() == label {
            tab.click().await.unwrap();
            return;
        }
    }
    panic!("no {label} tab in the header");
}

/// A computed style of the element `selector` finds.
async fn computed_style(browser: &Browser, selector: &str, property: &str) -> String {
    let script = "return getComputedStyle(document.querySelector(arguments[0])).getPropertyValue(arguments[1]);";
    let value = browser.client.execute(script, vec![selector.into(), property.into()]).await.unwrap();
    value.as_str().unwrap_or_default().to_owned()
}

/// Opens every view and action whose code is a part fetched on demand (src/ui/parts.rs)
/// and checks that each works, then goes back to the timeline. The views with a
/// stylesheet of their own (style/part-*.css) show with it applied, from their first frame.
async fn open_every_part(browser: &Browser) {
    open_view(browser, "RACI").await;
    browser.wait_for_css("[data-testid=raci-matrix]").await;
    assert_eq!(computed_style(browser, "[data-testid=raci-matrix]", "border-collapse").await, "separate");
    open_view(browser, "Risks").await;
    browser.wait_for_css("[data-testid=risk-register]").await;
    assert_eq!(computed_style(browser, ".risks__overview", "display").await, "flex");
    open_view(browser, "Plan").await;
    browser.wait_for_css(".plan-page").await;
    open_view(browser, "Budget").await;
    browser.wait_for_css("[data-testid=earned-value]").await;
    assert_eq!(computed_style(browser, ".budget-page", "display").await, "flex");
    open_view(browser, "Log").await;
    browser.wait_for_css(".log-page").await;
    open_view(browser, "Status").await;
    browser.wait_for_css("[data-testid=status-report]").await;
    assert_eq!(computed_style(browser, "[data-testid=status-report]", "max-width").await, "1152px");
    browser.wait_for_css("[data-testid=compare]").await.click().await.unwrap();
    browser.wait_for_css("[data-testid=compare-view]").await;
    assert_eq!(computed_style(browser, ".compare__title", "font-size").await, "19.2px");
    browser.wait_for_css("[data-testid=compare-close]").await.click().await.unwrap();
    open_view(browser, "Timeline").await;
    browser.wait_for_css("[data-testid=chart-keys]").await.click().await.unwrap();
    browser.wait_for_css("[data-testid=chart-help] .gantt__help-table").await;
    browser.wait_for_css("[data-testid=export-menu] summary").await.click().await.unwrap();
    browser.wait_for_css("[data-testid=export-svg]").await.click().await.unwrap();
    let keys = browser.storage_keys("planwright:plan:").await;
    let plan = file::parse(&browser.storage_item(&keys[0]).await.unwrap()).unwrap();
    let name = format!("{}.timeline.svg", file::file_name(&plan).trim_end_matches(".plan.json"));
    let svg_path = browser.downloaded(&name).await;
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert!(svg.starts_with("<svg"), "the timeline export is an SVG image");
    // Opening a file is a part too: it reads the SVG and refuses it, as it is no plan file.
    let input = browser.client.find(Locator::Css("[data-testid=import-input]")).await.unwrap();
    input.send_keys(&svg_path.to_string_lossy()).await.unwrap();
    browser
        .wait_until("the SVG refused as a plan file", || async {
            browser.text("[data-testid=notice]").await.contains(&format!("{name} was not opened"))
        })
        .await;
    // A share link pasted into the open app: the offer's part reads it. A damaged link
    // is enough to see that part run: it says what is wrong.
    browser.client.execute("location.hash = '#plan=damaged*';", vec![]).await.unwrap();
    browser
        .wait_until("the damaged share link is explained", || async {
            browser.text("[data-testid=notice]").await.contains("The shared link could not be opened")
        })
        .await;
    assert_eq!(browser.count("[data-testid=part-not-loaded]").await, 0, "every part was fetched");
}

/// The name of the build's file that starts with `prefix` and ends with `suffix`.
fn build_file(site: &Path, prefix: &str, suffix: &str) -> String {
    std::fs::read_dir(site)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .find(|name| name.starts_with(prefix) && name.ends_with(suffix))
        .unwrap_or_else(|| panic!("the build has a file {prefix}…{suffix} of its own"))
}

#[tokio::test]
async fn a_part_that_cannot_be_fetched_is_explained_and_the_rest_keeps_working() {
    let copy = copy_of_build();
    let site = &copy.0;
    // The RACI page's part is missing on the server (so the worker, which caches every
    // file or none, does not install either).
    let part = build_file(site, "split_raci-", ".wasm");
    let aside = site.join("raci-part.kept-aside");
    std::fs::rename(site.join(&part), &aside).unwrap();
    // Its stylesheet too: both fail, and one "Try again" must then fetch both anew.
    let raci_stylesheet = build_file(site, "split_raci-", ".css");
    let stylesheet_aside = site.join("raci-stylesheet.kept-aside");
    std::fs::rename(site.join(&raci_stylesheet), &stylesheet_aside).unwrap();
    let server = StaticServer::start(site, 0, SUB_PATH).unwrap();
    let browser = Browser::start().await;
    browser.client.goto(&app_url(&server)).await.unwrap();
    open_example(&browser).await;

    open_view(&browser, "RACI").await;
    browser.wait_for_css("[data-testid=part-not-loaded]").await;
    let message = browser.text("[data-testid=part-not-loaded]").await;
    assert!(message.contains("could not fetch the RACI matrix"), "{message}");
    assert!(message.contains("Your plan is safe"), "{message}");

    // The rest of the app works, and so does the plan.
    open_view(&browser, "Timeline").await;
    add_task(&browser, "T41", "Written while the part was missing").await;
    assert_eq!(stored_task_name(&browser, "T41").await.as_deref(), Some("Written while the part was missing"));

    // Once the part can be fetched again, "Try again" shows the matrix.
    open_view(&browser, "RACI").await;
    browser.wait_for_css("[data-testid=part-not-loaded]").await;
    std::fs::rename(&aside, site.join(&part)).unwrap();
    std::fs::rename(&stylesheet_aside, site.join(&raci_stylesheet)).unwrap();
    browser.wait_for_css("[data-testid=part-not-loaded] button").await.click().await.unwrap();
    browser.wait_for_css("[data-testid=raci-matrix]").await;
    assert_eq!(browser.count("[data-testid=part-not-loaded]").await, 0);
    assert_eq!(computed_style(&browser, "[data-testid=raci-matrix]", "border-collapse").await, "separate");

    // A view's stylesheet is part of its part: without it the view is not shown unstyled
    // but explained, and "Try again" fetches it anew.
    let stylesheet = build_file(site, "split_risks-", ".css");
    std::fs::rename(site.join(&stylesheet), &aside).unwrap();
    open_view(&browser, "Risks").await;
    browser.wait_for_css("[data-testid=part-not-loaded]").await;
    assert!(browser.text("[data-testid=part-not-loaded]").await.contains("could not fetch the risk register"));
    assert_eq!(browser.count("[data-testid=risk-register]").await, 0, "no register without its stylesheet");
    std::fs::rename(&aside, site.join(&stylesheet)).unwrap();
    browser.wait_for_css("[data-testid=part-not-loaded] button").await.click().await.unwrap();
    browser.wait_for_css("[data-testid=risk-register]").await;
    assert_eq!(computed_style(&browser, ".risks__overview", "display").await, "flex");
    browser.close().await;
    server.stop();
}

/// The worker's source in the served copy, and its release version.
fn worker_version(site: &Path) -> (String, String) {
    let source = std::fs::read_to_string(site.join("sw.js")).unwrap();
    let version = source
        .lines()
        .find_map(|line| line.strip_prefix("const VERSION = '")?.strip_suffix("';"))
        .expect("sw.js names its version")
        .to_string();
    (source, version)
}

/// The names of the Cache Storage caches of the page's origin.
async fn cache_names(browser: &Browser) -> Vec<String> {
    let names =
        browser.client.execute_async("caches.keys().then(arguments[arguments.length - 1]);", vec![]).await.unwrap();
    names.as_array().unwrap().iter().map(|name| name.as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn a_new_release_is_offered_and_taken_with_reload() {
    let copy = copy_of_build();
    let site = &copy.0;
    let server = StaticServer::start(site, 0, SUB_PATH).unwrap();
    let url = app_url(&server);
    let browser = Browser::start().await;
    open_and_wait_for_worker(&browser, &url).await;
    open_example(&browser).await;
    add_task(&browser, "T41", "Before the update").await;
    let (source, version) = worker_version(site);
    assert_eq!(cache_names(&browser).await, vec![format!("planwright {url} {version}")]);
    assert_eq!(browser.count("[data-testid=update-banner]").await, 0, "no banner while nothing is new");

    // A new release on the server: the worker's bytes change.
    let next = format!("{version}-next");
    std::fs::write(site.join("sw.js"), source.replace(&format!("'{version}'"), &format!("'{next}'"))).unwrap();
    reload_to_timeline(&browser).await;
    browser
        .client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css("[data-testid=update-banner]"))
        .await
        .expect("the banner offers the new version");
    let banner = browser.text("[data-testid=update-banner]").await;
    assert!(banner.contains("new version"), "{banner}");

    browser.client.execute("window.beforeTheUpdate = true;", vec![]).await.unwrap();
    browser.client.find(Locator::Css("[data-testid=update-reload]")).await.unwrap().click().await.unwrap();
    browser
        .wait_until("the page to reload", || async {
            let result = browser.client.execute("return window.beforeTheUpdate === undefined && !!document.querySelector('[data-testid=task-grid]');", vec![]).await;
            result.ok().and_then(|value| value.as_bool()).unwrap_or(false)
        })
        .await;
    browser
        .wait_until("the old release's cache to go", || async {
            cache_names(&browser).await == vec![format!("planwright {url} {next}")]
        })
        .await;
    assert_eq!(browser.count("[data-testid=update-banner]").await, 0, "the banner is gone after the reload");
    assert_eq!(stored_task_name(&browser, "T41").await.as_deref(), Some("Before the update"));
    browser.close().await;
    server.stop();
}

/// PNG width and height from its header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG file");
    let number = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (number(16), number(20))
}

#[test]
fn the_build_is_installable_and_names_no_other_origin() {
    let dist = e2e::dist_dir();
    let read = |name: &str| std::fs::read_to_string(dist.join(name)).unwrap_or_else(|error| panic!("{name}: {error}"));
    let manifest: serde_json::Value = serde_json::from_str(&read("manifest.webmanifest")).unwrap();
    assert_eq!(manifest["name"], "Planwright");
    assert_eq!(manifest["short_name"], "Planwright");
    assert_eq!(manifest["start_url"], "./", "relative: the app works under any sub-path");
    assert_eq!(manifest["scope"], "./");
    assert_eq!(manifest["display"], "standalone");
    assert!(manifest["theme_color"].is_string());
    let icons = manifest["icons"].as_array().unwrap();
    for size in [192, 512] {
        let icon = icons
            .iter()
            .find(|icon| icon["sizes"] == format!("{size}x{size}").as_str())
            .unwrap_or_else(|| panic!("a {size} px icon"));
        assert_eq!(icon["type"], "image/png");
        let bytes = std::fs::read(dist.join(icon["src"].as_str().unwrap())).unwrap();
        assert_eq!(png_size(&bytes), (size, size));
    }

    let page = read("index.html");
    assert!(page.contains(r#"<link rel="manifest" href="manifest.webmanifest">"#));
    assert!(page.contains(r#"<link rel="icon" href="icon.svg""#));

    // The worker caches every file of the build, also those in folders (wasm-bindgen's
    // snippets, such as the plan file reader's worker script).
    let worker = read("sw.js");
    let mut folders = vec![dist.clone()];
    let mut snippets = 0;
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let name = path.strip_prefix(&dist).unwrap().to_string_lossy().replace('\\', "/");
            snippets += usize::from(name.starts_with("snippets/"));
            // A part (split.rs) or a part's stylesheet (minify.rs) is listed by its name,
            // which holds its hash; every other file with its SHA-256, which the browser
            // checks when the worker caches it.
            let part = (name.starts_with("split_") || name.starts_with("chunk_")) && name.ends_with(".wasm")
                || name.starts_with("split_") && name.ends_with(".css");
            if part {
                assert!(worker.contains(&format!("\"{name}\": \"\",")), "sw.js caches the part {name}");
            } else if name != "sw.js" {
                assert!(worker.contains(&format!("\"{name}\": \"sha256-")), "sw.js caches {name}");
            }
        }
    }
    assert!(snippets >= 1, "the build holds the plan file reader's worker script");

    // The page, styles and manifest name no other origin (no CDN, no web fonts). The
    // wasm-bindgen glue's comments hold links, so what the page asks for at run time is
    // checked in the browser instead (above); the SVG's xmlns is a name, not a request.
    for entry in std::fs::read_dir(&dist).unwrap() {
        let path = entry.unwrap().path();
        if matches!(path.extension().and_then(|ext| ext.to_str()), Some("html" | "css" | "webmanifest")) {
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(!text.contains("http://") && !text.contains("https://"), "{path:?} names another origin");
        }
    }
}
