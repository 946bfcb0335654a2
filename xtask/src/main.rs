//! `cargo xtask serve` builds and serves the app; `cargo xtask test` runs every test
//! tier. Both install what is missing first (see tools.rs).

mod csp;
mod html;
mod minify;
mod pwa;
mod server;
mod short_imports;
mod split;
mod tools;
mod wasm_imports;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub type Result<T, E = Box<dyn std::error::Error>> = std::result::Result<T, E>;

/// The gzip size budget of everything a first visit fetches before its first view appears
/// (issue 23: what a user waits for is the first view).
const DOWNLOAD_BUDGET_BYTES: u64 = 320 * 1024;
const SERVE_PORT: u16 = 8080;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(),
        Some("test") => test(),
        Some("build") => build_release(&project_root()).map(|_| ()),
        Some("screenshot") => screenshot(
            args.get(1).map(String::as_str).unwrap_or("/tmp/planwright.png"),
            args.get(2).map(String::as_str).unwrap_or(""),
        ),
        Some("bench") => bench(args.get(1).map(String::as_str)),
        Some("post-build") => post_build(),
        Some("size") => build_release(&project_root()).and_then(|_| report_size(&project_root())),
        _ => {
            eprintln!(
                "usage: cargo xtask <command>\n\n\
                 serve        install what is missing, build the release app, serve it on http://127.0.0.1:{SERVE_PORT}\n\
                 test         install what is missing, run every test tier (native, browser, end-to-end, size)\n\
                 build        build the release app into dist/\n\
                 size         build, then report the gzip size of what the page downloads\n\
                 bench [native|browser]  native timings of scheduling and file reading, then the\n\
                              browser benchmark against dhtmlxGantt in headless Chromium (medians)\n\
                 screenshot [PNG] [QUERY]  build, serve, and save a headless Chromium screenshot"
            );
            std::process::exit(2);
        }
    };
    if let Err(error) = result {
        eprintln!("xtask: {error}");
        std::process::exit(1);
    }
}

/// Trunk's post-build hook: the Content-Security-Policy into index.html, then the
/// service worker, which lists every file of the build as it will be published.
fn post_build() -> Result<()> {
    let staging =
        std::env::var("TRUNK_STAGING_DIR").map_err(|_| "TRUNK_STAGING_DIR is not set: run this from Trunk")?;
    let staging = Path::new(&staging);
    let release = std::env::var("TRUNK_PROFILE").is_ok_and(|profile| profile == "release");
    let linked_wasm = cargo_target_dir(&project_root())?
        .join("wasm32-unknown-unknown")
        .join(if release { "release" } else { "debug" })
        .join("planwright.wasm");
    // JS and CSS are minified in the release only: a debug build stays readable.
    let minifier = if release { Some(minify::Minifier::new(tools::ensure_esbuild()?)) } else { None };
    minify::take_out_part_stylesheets(staging, minifier.as_ref())?;
    if let Some(minifier) = &minifier {
        minify::merge_stylesheets(staging, minifier)?;
    }
    split::split_build(staging, &linked_wasm, release, minifier.as_ref())?;
    csp::add_policy(staging)?;
    pwa::write_service_worker(staging)
}

/// Cargo's target folder for this workspace (`CARGO_TARGET_DIR` or `target/`), as
/// `cargo metadata` reports it. Without dependencies it reads only the workspace's own
/// manifests, so it needs neither the network nor the registry cache.
fn cargo_target_dir(root: &Path) -> Result<PathBuf> {
    let metadata = cargo_metadata::MetadataCommand::new()
        .no_deps()
        .current_dir(root)
        .exec()
        .map_err(|error| format!("cargo metadata in {}: {error}", root.display()))?;
    Ok(metadata.target_directory.into_std_path_buf())
}

fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the project").to_path_buf()
}

/// Runs a command, failing with its name if it fails.
pub fn run(command: &mut Command) -> Result<()> {
    let status = command.status().map_err(|error| format!("could not start {:?}: {error}", command.get_program()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{:?} failed ({status})", command).into())
    }
}

fn build_release(root: &Path) -> Result<tools::Tools> {
    let tools = tools::ensure_build_tools(root)?;
    eprintln!("xtask: trunk build --release");
    run(&mut release_build(&tools, root))?;
    Ok(tools)
}

/// The release build, `trunk build --release`, on the pinned stable toolchain
/// (rust-toolchain.toml) and the release profile of Cargo.toml. Trunk lets Cargo fetch
/// what the registry cache lacks, and finds wasm-bindgen and wasm-opt on the PATH that
/// `tools` puts first, so it downloads no tool of its own.
fn release_build(tools: &tools::Tools, root: &Path) -> Command {
    // Trunk's wasm-bindgen output keeps the JS snippets of earlier builds, and Trunk links
    // every snippet there from the page: one moved since (a file renamed in src/) would be
    // linked at its old path too, and the post-build check refuses a page that links a
    // file the build lacks.
    if let Ok(target) = cargo_target_dir(root) {
        let _ = std::fs::remove_dir_all(target.join("wasm-bindgen").join("release").join("snippets"));
    }
    let mut command = tools.command("trunk");
    command.args(["build", "--release"]).current_dir(root);
    command
}

fn serve() -> Result<()> {
    let root = project_root();
    build_release(&root)?;
    let server = server::StaticServer::start(&root.join("dist"), SERVE_PORT, "/")?;
    eprintln!("xtask: Planwright is served on http://127.0.0.1:{} (Ctrl+C to stop)", server.port);
    loop {
        std::thread::park();
    }
}

fn test() -> Result<()> {
    let root = project_root();
    let started = Instant::now();
    let tools = tools::ensure_build_tools(&root)?;
    tools::ensure_browser()?;

    step("format", || run(Command::new("cargo").args(["fmt", "--all", "--check"]).current_dir(&root)))?;
    step("lint (native and wasm)", || {
        run(Command::new("cargo")
            .args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"])
            .current_dir(&root))?;
        run(Command::new("cargo")
            .args(["clippy", "--lib", "--bins", "--target", "wasm32-unknown-unknown", "--", "-D", "warnings"])
            .current_dir(&root))?;
        // The release build's split points (src/ui/parts.rs) compile only with this feature.
        run(Command::new("cargo")
            .args(["clippy", "--lib", "--bins", "--target", "wasm32-unknown-unknown", "--features", "split"])
            .args(["--", "-D", "warnings"])
            .current_dir(&root))
    })?;
    step("native tests (model, file, schedule; and the build's own tools)", || {
        run(Command::new("cargo").args(["test"]).current_dir(&root))?;
        // The release build's page rewriting, policy and service worker (split.rs, csp.rs, pwa.rs).
        run(Command::new("cargo").args(["test", "--package", "xtask"]).current_dir(&root))
    })?;
    step("browser tests (wasm-bindgen-test in headless Chromium)", || {
        run(tools
            .command("cargo")
            .args(["test", "--target", "wasm32-unknown-unknown", "--test", "web"])
            .env("CHROMEDRIVER", tools::CHROMEDRIVER)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
            .current_dir(&root))
    })?;
    step("release build", || run(&mut release_build(&tools, &root)))?;
    step("end-to-end tests (release build, headless Chromium over WebDriver)", || end_to_end(&root))?;
    step("download size", || report_size(&root))?;
    eprintln!("xtask: every tier passed in {:.0} s", started.elapsed().as_secs_f64());
    Ok(())
}

fn step(name: &str, body: impl FnOnce() -> Result<()>) -> Result<()> {
    eprintln!("\nxtask: ── {name} ──");
    let started = Instant::now();
    body().map_err(|error| format!("{name} failed: {error}"))?;
    eprintln!("xtask: {name} passed ({:.0} s)", started.elapsed().as_secs_f64());
    Ok(())
}

/// Gzip size of every file the page downloads on its first load (the page, its styles,
/// its scripts, the main wasm, the service worker), against the budget of what is fetched
/// before the first view: the start screen of a first visit and the timeline of a returning
/// user are both in the main module. The parts fetched on demand (split.rs) are listed and
/// counted apart.
fn report_size(root: &Path) -> Result<()> {
    let sizes = download_sizes(&root.join("dist"))?;
    let first_load: u64 = sizes.iter().filter(|file| !file.on_demand).map(|file| file.gzip).sum();
    let on_demand: u64 = sizes.iter().filter(|file| file.on_demand).map(|file| file.gzip).sum();
    eprintln!("  first load:");
    for file in sizes.iter().filter(|file| !file.on_demand) {
        eprintln!("  {:<44} {:>9} bytes, {:>8} gzip", file.name, file.bytes, file.gzip);
    }
    eprintln!("  loaded on demand (and cached by the service worker after the first load):");
    for file in sizes.iter().filter(|file| file.on_demand) {
        eprintln!("  {:<44} {:>9} bytes, {:>8} gzip", file.name, file.bytes, file.gzip);
    }
    eprintln!("  parts loaded on demand: {:.1} KB gzip", on_demand as f64 / 1024.0);
    eprintln!(
        "  first load: {:.1} KB gzip (budget {} KB); with every part: {:.1} KB",
        first_load as f64 / 1024.0,
        DOWNLOAD_BUDGET_BYTES / 1024,
        (first_load + on_demand) as f64 / 1024.0
    );
    within_download_budget(first_load)
}

/// Fails when the first load is over the budget: the size of a release build is
/// deterministic, so this is a fair test.
fn within_download_budget(first_load: u64) -> Result<()> {
    if first_load > DOWNLOAD_BUDGET_BYTES {
        return Err(format!(
            "the first load is {:.1} KB gzip, {:.1} KB over the budget of {} KB for what a first visit fetches before the start screen (docs/benchmarks.md ranks what to cut)",
            first_load as f64 / 1024.0,
            (first_load - DOWNLOAD_BUDGET_BYTES) as f64 / 1024.0,
            DOWNLOAD_BUDGET_BYTES / 1024
        )
        .into());
    }
    Ok(())
}

/// One downloaded file of the build and its gzip size.
struct DownloadSize {
    name: String,
    bytes: u64,
    gzip: u64,
    /// A part fetched when first used, not on the first load.
    on_demand: bool,
}

/// The build's downloaded files (HTML, CSS, JS, wasm) by name, with their gzip sizes.
fn download_sizes(dist: &Path) -> Result<Vec<DownloadSize>> {
    let mut sizes = Vec::new();
    // The wasm-bindgen glue imports its snippets (`snippets/`, such as the plan file
    // reader's worker script) at start-up, so they count too.
    let mut paths: Vec<std::path::PathBuf> =
        std::fs::read_dir(dist)?.map(|entry| entry.map(|entry| entry.path())).collect::<std::io::Result<_>>()?;
    while let Some(path) = paths.pop() {
        if path.is_dir() {
            for entry in std::fs::read_dir(&path)? {
                paths.push(entry?.path());
            }
            continue;
        }
        let downloaded = matches!(path.extension().and_then(|ext| ext.to_str()), Some("wasm" | "js" | "css" | "html"));
        if !downloaded {
            continue;
        }
        let file_name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let name = path.strip_prefix(dist).unwrap_or(&path).display().to_string();
        let bytes = std::fs::read(&path)?;
        let mut encoder = flate2::read::GzEncoder::new(&bytes[..], flate2::Compression::best());
        let mut compressed = Vec::new();
        encoder.read_to_end(&mut compressed)?;
        sizes.push(DownloadSize {
            on_demand: split::is_part(&file_name),
            name,
            bytes: bytes.len() as u64,
            gzip: compressed.len() as u64,
        });
    }
    sizes.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(sizes)
}

/// ChromeDriver for the length of a test run.
struct ChromeDriver {
    child: Child,
    port: u16,
}

impl ChromeDriver {
    fn start() -> Result<Self> {
        let port = free_port()?;
        let child = Command::new(tools::CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                return Err("ChromeDriver did not start within 20 s".into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(Self { child, port })
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind(("127.0.0.1", 0))?.local_addr()?.port())
}

fn end_to_end(root: &Path) -> Result<()> {
    let axe_core = tools::ensure_axe_core()?;
    let server = server::StaticServer::start(&root.join("dist"), 0, "/")?;
    let driver = ChromeDriver::start()?;
    let result = run(Command::new("cargo")
        .args(["test", "--package", "e2e", "--", "--test-threads=1"])
        .env("PLANWRIGHT_URL", format!("http://127.0.0.1:{}/", server.port))
        // e2e/tests/offline.rs serves a copy of the build itself, under a sub-path, and stops it.
        .env("PLANWRIGHT_DIST", root.join("dist"))
        .env("AXE_CORE_JS", axe_core)
        .env("WEBDRIVER_URL", format!("http://127.0.0.1:{}", driver.port))
        .env("CHROMIUM_BINARY", tools::CHROMIUM)
        .env("CHROMIUM_ARGS", tools::CHROMIUM_ARGS.join(" "))
        .current_dir(root));
    drop(driver);
    server.stop();
    result
}

/// The benchmarks, with the machine they ran on: native timings of the pure parts, then
/// the browser benchmark (or only the one named).
fn bench(which: Option<&str>) -> Result<()> {
    let root = project_root();
    let (native, browser) = match which {
        None => (true, true),
        Some("native") => (true, false),
        Some("browser") => (false, true),
        Some(other) => return Err(format!("no benchmark called {other:?}: native or browser").into()),
    };
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|line| line.starts_with("model name"))
                .map(|line| line.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map(|cores| cores.get()).unwrap_or(1);
    if native {
        eprintln!("xtask: native benchmark on {cpu}, {cores} cores");
        run(Command::new("cargo")
            .args(["run", "--profile", "bench-native", "--example", "schedule_bench"])
            .current_dir(&root))?;
        eprintln!("xtask: memory of the undo history");
        run(Command::new("cargo")
            .args(["run", "--profile", "bench-native", "--example", "history_bench"])
            .current_dir(&root))?;
    }
    if browser {
        browser_bench(&root)?;
    }
    Ok(())
}

/// Planwright's release build in headless Chromium: against dhtmlxGantt, serving both (each
/// on its own origin, so each has its own local storage; `e2e/src/bin/browser_bench.rs`),
/// then the first view on emulated mobile links (`e2e/src/bin/first_view_bench.rs`), then a
/// portfolio of 20 big plans opened with the main thread watched
/// (`e2e/src/bin/portfolio_bench.rs`). Each prints its table.
fn browser_bench(root: &Path) -> Result<()> {
    build_release(root)?;
    tools::ensure_browser()?;
    let package = tools::ensure_dhtmlx_gantt()?;
    // The peer's page and the npm package's script and styles, in one folder.
    let peer_dir = root.join("target").join("browser-bench");
    std::fs::create_dir_all(&peer_dir)?;
    std::fs::copy(root.join("e2e").join("bench").join("dhtmlx.html"), peer_dir.join("dhtmlx.html"))?;
    for file in ["dhtmlxgantt.js", "dhtmlxgantt.css"] {
        std::fs::copy(package.join("codebase").join(file), peer_dir.join(file))?;
    }
    // Built before the browser starts, so compiling does not share the machine with it.
    run(Command::new("cargo")
        .args([
            "build",
            "--package",
            "e2e",
            "--bin",
            "browser_bench",
            "--bin",
            "first_view_bench",
            "--bin",
            "portfolio_bench",
        ])
        .current_dir(root))?;
    // The portfolio benchmark's 20 plan files and portfolio file.
    let portfolio_files = root.join("target").join("portfolio-bench");
    run(Command::new("cargo")
        .args(["run", "--profile", "bench-native", "--example", "portfolio_bench", "--", "--write-files"])
        .arg(&portfolio_files)
        .current_dir(root))?;
    let app = server::StaticServer::start(&root.join("dist"), 0, "/")?;
    let peer = server::StaticServer::start(&peer_dir, 0, "/")?;
    let driver = ChromeDriver::start()?;
    eprintln!("xtask: browser benchmark (headless Chromium, a few minutes)");
    let result = run(Command::new("cargo")
        .args(["run", "--quiet", "--package", "e2e", "--bin", "browser_bench"])
        .env("PLANWRIGHT_URL", format!("http://127.0.0.1:{}/", app.port))
        .env("PEER_URL", format!("http://127.0.0.1:{}/dhtmlx.html", peer.port))
        .env("PEER_NAME", format!("dhtmlxGantt {}", tools::DHTMLX_GANTT_VERSION))
        .env("WEBDRIVER_URL", format!("http://127.0.0.1:{}", driver.port))
        .env("CHROMIUM_BINARY", tools::CHROMIUM)
        .env("CHROMIUM_ARGS", tools::CHROMIUM_ARGS.join(" "))
        .current_dir(root))
    .and_then(|()| {
        eprintln!("xtask: first view benchmark (emulated 4G and slow links, fresh profiles, a few minutes)");
        run(Command::new("cargo")
            .args(["run", "--quiet", "--package", "e2e", "--bin", "first_view_bench"])
            .env("PLANWRIGHT_URL", format!("http://127.0.0.1:{}/", app.port))
            .env("WEBDRIVER_URL", format!("http://127.0.0.1:{}", driver.port))
            .env("CHROMIUM_BINARY", tools::CHROMIUM)
            .env("CHROMIUM_ARGS", tools::CHROMIUM_ARGS.join(" "))
            .current_dir(root))
    })
    .and_then(|()| {
        eprintln!("xtask: portfolio benchmark (20 plans of 2,000 tasks opened from files, long tasks watched)");
        run(Command::new("cargo")
            .args(["run", "--quiet", "--package", "e2e", "--bin", "portfolio_bench"])
            .env("PLANWRIGHT_URL", format!("http://127.0.0.1:{}/", app.port))
            .env("WEBDRIVER_URL", format!("http://127.0.0.1:{}", driver.port))
            .env("CHROMIUM_BINARY", tools::CHROMIUM)
            .env("CHROMIUM_ARGS", tools::CHROMIUM_ARGS.join(" "))
            .env("PORTFOLIO_FILES", &portfolio_files)
            .current_dir(root))
    });
    drop(driver);
    app.stop();
    peer.stop();
    result
}

/// Builds, serves and photographs the app (for looking at what was built).
fn screenshot(output: &str, query: &str) -> Result<()> {
    let root = project_root();
    build_release(&root)?;
    let server = server::StaticServer::start(&root.join("dist"), 0, "/")?;
    let url = format!("http://127.0.0.1:{}/{query}", server.port);
    let mut command = Command::new(tools::CHROMIUM);
    command.args(tools::CHROMIUM_ARGS).args(["--virtual-time-budget=5000", &format!("--screenshot={output}"), &url]);
    command.stderr(Stdio::null());
    run(&mut command)?;
    eprintln!("xtask: screenshot of {url} saved to {output}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_load_over_the_budget_fails_the_run() {
        assert!(within_download_budget(DOWNLOAD_BUDGET_BYTES).is_ok());
        let over = within_download_budget(DOWNLOAD_BUDGET_BYTES + 1).unwrap_err().to_string();
        assert!(over.contains("over the budget of 320 KB"), "{over}");
    }
}
