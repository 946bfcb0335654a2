//! Installs the tools the build and the tests need, each into a cache folder outside
//! the checkout keyed by version, so a second run installs nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{run, Result};

pub const TRUNK_VERSION: &str = "0.21.14";
pub const BINARYEN_VERSION: &str = "132";
/// Minifies the release build's JS and CSS (xtask/src/minify.rs).
pub const ESBUILD_VERSION: &str = "0.28.2";
/// The accessibility checker the end-to-end tests inject into every view (MPL-2.0, from npm).
pub const AXE_CORE_VERSION: &str = "4.14.1";
/// The peer of the browser benchmark (community edition, MIT licence, from npm).
pub const DHTMLX_GANTT_VERSION: &str = "10.0.3";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Where installed tools live: `$XDG_CACHE_HOME/planwright/tools` or `~/.cache/planwright/tools`.
pub fn cache_dir() -> PathBuf {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("planwright").join("tools")
}

/// The tool folders to put in front of PATH.
pub struct Tools {
    pub bin_dirs: Vec<PathBuf>,
}

impl Tools {
    /// PATH with the tool folders first.
    pub fn path(&self) -> std::ffi::OsString {
        let mut dirs: Vec<PathBuf> = self.bin_dirs.clone();
        if let Some(path) = std::env::var_os("PATH") {
            dirs.extend(std::env::split_paths(&path));
        }
        std::env::join_paths(dirs).expect("tool folders have no separator in their names")
    }

    pub fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command.env("PATH", self.path());
        command
    }
}

/// Installs what building the app needs: the wasm target, Trunk, wasm-bindgen, wasm-opt.
pub fn ensure_build_tools(root: &Path) -> Result<Tools> {
    ensure_wasm_target()?;
    let cache = cache_dir();
    std::fs::create_dir_all(&cache)?;
    let trunk = ensure_cargo_tool(&cache, "trunk", TRUNK_VERSION, "trunk", true)?;
    let bindgen_version = wasm_bindgen_version(root)?;
    // `--locked` fails for some wasm-bindgen-cli releases (their lock names a crate
    // release the registry no longer serves), so this one resolves afresh.
    let bindgen = ensure_cargo_tool(&cache, "wasm-bindgen-cli", &bindgen_version, "wasm-bindgen", false)?;
    let binaryen = ensure_wasm_opt(&cache)?;
    ensure_esbuild()?;
    Ok(Tools { bin_dirs: vec![trunk, bindgen, binaryen] })
}

fn ensure_wasm_target() -> Result<()> {
    let installed = Command::new("rustup").args(["target", "list", "--installed"]).output();
    match installed {
        Ok(output) if String::from_utf8_lossy(&output.stdout).contains("wasm32-unknown-unknown") => Ok(()),
        Ok(_) => run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"])),
        Err(_) => Err("rustup was not found: install Rust with rustup (https://rustup.rs), then run this again".into()),
    }
}

/// `cargo install` of one crate at one version into `cache/<crate>-<version>`.
fn ensure_cargo_tool(cache: &Path, krate: &str, version: &str, binary: &str, locked: bool) -> Result<PathBuf> {
    let root = cache.join(format!("{krate}-{version}"));
    let bin = root.join("bin");
    if bin.join(binary).exists() {
        return Ok(bin);
    }
    eprintln!("xtask: installing {krate} {version} into {} (once; takes a few minutes)", root.display());
    let mut command = Command::new("cargo");
    command.args(["install", "--force", &format!("{krate}@{version}"), "--root"]).arg(&root);
    if locked {
        command.arg("--locked");
    }
    run(&mut command)?;
    Ok(bin)
}

/// wasm-opt from the npm package `binaryen` (Debian's is too old for current wasm).
fn ensure_wasm_opt(cache: &Path) -> Result<PathBuf> {
    let root = npm_package(cache, "binaryen", BINARYEN_VERSION, "it provides wasm-opt")?;
    Ok(root.join("node_modules").join(".bin"))
}

/// esbuild from npm (its package brings the binary for this platform): returns its path.
pub fn ensure_esbuild() -> Result<PathBuf> {
    let cache = cache_dir();
    std::fs::create_dir_all(&cache)?;
    let root = npm_package(&cache, "esbuild", ESBUILD_VERSION, "it minifies the release build's JS and CSS")?;
    Ok(root.join("node_modules").join(".bin").join("esbuild"))
}

/// axe-core from npm, for the end-to-end tests' accessibility checks: returns the path of
/// its `axe.min.js`.
pub fn ensure_axe_core() -> Result<PathBuf> {
    let cache = cache_dir();
    std::fs::create_dir_all(&cache)?;
    let root =
        npm_package(&cache, "axe-core", AXE_CORE_VERSION, "the end-to-end tests check every view with axe-core")?;
    Ok(root.join("node_modules").join("axe-core").join("axe.min.js"))
}

/// dhtmlxGantt (community edition) from npm, the peer of the browser benchmark:
/// returns the package's folder (its `codebase/` holds the script and styles).
pub fn ensure_dhtmlx_gantt() -> Result<PathBuf> {
    let cache = cache_dir();
    std::fs::create_dir_all(&cache)?;
    let root =
        npm_package(&cache, "dhtmlx-gantt", DHTMLX_GANTT_VERSION, "the browser benchmark compares with dhtmlxGantt")?;
    Ok(root.join("node_modules").join("dhtmlx-gantt"))
}

/// `npm install` of one package at one version into `cache/<package>-<version>`;
/// returns that folder. `why` says what needs npm when it is missing.
fn npm_package(cache: &Path, package: &str, version: &str, why: &str) -> Result<PathBuf> {
    let root = cache.join(format!("{package}-{version}"));
    if root.join("node_modules").join(package).join("package.json").exists() {
        return Ok(root);
    }
    std::fs::create_dir_all(&root)?;
    eprintln!("xtask: installing {package}@{version} from npm into {}", root.display());
    let npm = Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&root)
        .arg(format!("{package}@{version}"))
        .status();
    match npm {
        Ok(status) if status.success() => Ok(root),
        Ok(status) => Err(format!("npm install {package}@{version} failed ({status})").into()),
        Err(_) => Err(format!("npm was not found: install Node.js 18 or newer ({why}), then run this again").into()),
    }
}

/// The exact wasm-bindgen version in Cargo.lock: the CLI must match it.
pub fn wasm_bindgen_version(root: &Path) -> Result<String> {
    let path = root.join("Cargo.lock");
    let lock = std::fs::read_to_string(&path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    locked_version(&lock, "wasm-bindgen").map_err(|error| format!("{}: {error}", path.display()).into())
}

/// The packages of a Cargo.lock, as far as they are read here.
#[derive(serde::Deserialize)]
struct Lockfile {
    #[serde(default)]
    package: Vec<LockedPackage>,
}

#[derive(serde::Deserialize)]
struct LockedPackage {
    name: String,
    version: String,
}

/// The one version of `package` in the Cargo.lock text `lock`.
fn locked_version(lock: &str, package: &str) -> Result<String, String> {
    let lock: Lockfile = toml::from_str(lock).map_err(|error| format!("not a Cargo.lock: {error}"))?;
    let mut versions = lock.package.into_iter().filter(|locked| locked.name == package).map(|locked| locked.version);
    match (versions.next(), versions.next()) {
        (Some(version), None) => Ok(version),
        (None, _) => Err(format!("names no {package} version")),
        (Some(first), Some(second)) => Err(format!(
            "names {package} {first} and {second}: the wasm-bindgen CLI can match only one (run cargo update -p {package})"
        )),
    }
}

/// Chromium and ChromeDriver for the browser tests: from apt where we can.
pub fn ensure_browser() -> Result<()> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    let is_root = Command::new("id").arg("-u").output().map(|out| out.stdout.starts_with(b"0")).unwrap_or(false);
    let has_apt = Path::new("/usr/bin/apt-get").exists();
    if is_root && has_apt {
        eprintln!("xtask: installing Chromium and ChromeDriver with apt-get");
        run(Command::new("apt-get").args(["update", "-qq"]))?;
        run(Command::new("apt-get")
            .args(["install", "-y", "-qq", "chromium", "chromium-driver"])
            .env("DEBIAN_FRONTEND", "noninteractive"))?;
        return Ok(());
    }
    Err(format!(
        "the browser tests need Chromium at {CHROMIUM} and ChromeDriver at {CHROMEDRIVER}.\n\
         On Debian or Ubuntu: sudo apt-get install chromium chromium-driver\n\
         Elsewhere: install Chromium and a matching ChromeDriver and link them to those paths."
    )
    .into())
}

/// Flags that let headless Chromium run as root on a closed network.
pub const CHROMIUM_ARGS: [&str; 9] = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--window-size=1440,900",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locked_version_is_read_from_the_lockfile() {
        let lock = "version = 4\n\n[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"0.2.1\"\n\n\
                    [[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n";
        assert_eq!(locked_version(lock, "wasm-bindgen").unwrap(), "0.2.130");
        assert!(locked_version(lock, "leptos").unwrap_err().contains("names no leptos version"));
        let twice = format!("{lock}\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.99\"\n");
        assert!(locked_version(&twice, "wasm-bindgen").unwrap_err().contains("0.2.130 and 0.2.99"));
        assert!(locked_version("[[package]\n", "wasm-bindgen").unwrap_err().starts_with("not a Cargo.lock"));
    }

    #[test]
    fn this_projects_lockfile_names_wasm_bindgen() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let version = wasm_bindgen_version(root).unwrap();
        assert!(version.starts_with("0."), "{version}");
    }
}
