//! Writes the service worker into the build (Trunk's post-build hook, after the
//! Content-Security-Policy is in index.html): `pwa/sw.js` with the list of the build's
//! files, each with its SHA-256 (checked by the browser when the worker caches it; the parts, whose names hold their hash, without), and a
//! version derived from that list. Any change to any file of the release changes the
//! worker's bytes, which is how the browser notices a new release.

use std::collections::BTreeMap;
use std::path::Path;

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::Result;

/// The worker's source; `VERSION` and `FILES` are filled in.
const TEMPLATE: &str = include_str!("../../pwa/sw.js");
const WORKER_FILE: &str = "sw.js";
const VERSION_LINE: &str = "const VERSION = 'development';";
const FILES_MARKER: &str = "/* FILES */ {}";

/// Writes sw.js into the built folder `dir`.
pub fn write_service_worker(dir: &Path) -> Result<()> {
    let mut files = BTreeMap::new();
    collect_files(dir, dir, &mut files)?;
    std::fs::write(dir.join(WORKER_FILE), worker_source(&files)?)?;
    Ok(())
}

/// Every file under `dir` (but the worker), by its path relative to `root` with `/`
/// separators, with the bytes' SHA-256 in Subresource Integrity form (`sha256-<base64>`).
fn collect_files(root: &Path, dir: &Path, files: &mut BTreeMap<String, String>) -> Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_files(root, &path, files)?;
            continue;
        }
        let relative = path.strip_prefix(root)?;
        let name = relative.iter().map(|part| part.to_string_lossy()).collect::<Vec<_>>().join("/");
        if name == WORKER_FILE {
            continue;
        }
        // Written into the worker as a JavaScript string and compared with URL paths.
        if !name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '/')) {
            return Err(format!("the build has a file name the worker cannot list as is: {name:?}").into());
        }
        let digest = Sha256::digest(std::fs::read(&path)?);
        files.insert(name, format!("sha256-{}", base64::engine::general_purpose::STANDARD.encode(digest)));
    }
    Ok(())
}

/// The release's version: the first 16 hex digits of the SHA-256 of every file's path
/// and hash, in path order.
fn version(files: &BTreeMap<String, String>) -> String {
    let mut hasher = Sha256::new();
    for (path, hash) in files {
        hasher.update(path.as_bytes());
        hasher.update(b"\n");
        hasher.update(hash.as_bytes());
        hasher.update(b"\n");
    }
    hasher.finalize().iter().take(8).map(|byte| format!("{byte:02x}")).collect()
}

fn worker_source(files: &BTreeMap<String, String>) -> Result<String> {
    if !files.contains_key("index.html") {
        return Err("the build has no index.html to cache".into());
    }
    if !TEMPLATE.contains(VERSION_LINE) || !TEMPLATE.contains(FILES_MARKER) {
        return Err("pwa/sw.js no longer has the VERSION and FILES lines xtask/src/pwa.rs fills in".into());
    }
    // A part's name holds the hash of its bytes (split.rs), so the name alone tells the
    // release's part from another: it is listed without its SHA-256 (an empty integrity
    // checks nothing), which keeps the worker, fetched on every visit, small. The version
    // still covers every file's bytes.
    let entries: Vec<String> = files
        .iter()
        .map(|(path, hash)| {
            let integrity = if crate::split::is_part(path) { "" } else { hash.as_str() };
            format!("\n  {path:?}: {integrity:?},")
        })
        .collect();
    let list = format!("{{{}\n}}", entries.concat());
    // Every visit fetches the worker to compare it: it goes out without its comments.
    let mut source =
        String::from("// Planwright's service worker, written by `cargo xtask post-build` from pwa/sw.js.\n");
    for line in TEMPLATE.lines().filter(|line| !line.trim_start().starts_with("//")) {
        source.push_str(line);
        source.push('\n');
    }
    Ok(source.replace(VERSION_LINE, &format!("const VERSION = '{}';", version(files))).replace(FILES_MARKER, &list))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(path, hash)| (path.to_string(), hash.to_string())).collect()
    }

    #[test]
    fn the_worker_lists_every_file_with_its_hash_and_a_version() {
        let build = files(&[("index.html", "sha256-AAA="), ("app-1a2b.wasm", "sha256-BBB=")]);
        let source = worker_source(&build).unwrap();
        assert!(source.contains("\n  \"app-1a2b.wasm\": \"sha256-BBB=\",\n  \"index.html\": \"sha256-AAA=\",\n}"));
        assert!(source.contains(&format!("const VERSION = '{}';", version(&build))));
        assert!(!source.contains("'development'") && !source.contains("/* FILES */"));
    }

    #[test]
    fn parts_are_listed_by_their_hashed_name_alone() {
        let build = files(&[("index.html", "sha256-AAA="), ("split_raci-0123456789abcdef.wasm", "sha256-BBB=")]);
        let source = worker_source(&build).unwrap();
        assert!(
            source.contains("\n  \"index.html\": \"sha256-AAA=\",\n  \"split_raci-0123456789abcdef.wasm\": \"\",\n}")
        );
        let changed = files(&[("index.html", "sha256-AAA="), ("split_raci-0123456789abcdef.wasm", "sha256-CCC=")]);
        assert_ne!(version(&build), version(&changed));
    }

    #[test]
    fn any_changed_file_changes_the_version() {
        let build = files(&[("index.html", "sha256-AAA="), ("app.wasm", "sha256-BBB=")]);
        let changed = files(&[("index.html", "sha256-AAA="), ("app.wasm", "sha256-CCC=")]);
        let renamed = files(&[("index.html", "sha256-AAA="), ("app2.wasm", "sha256-BBB=")]);
        assert_eq!(version(&build).len(), 16);
        assert_ne!(version(&build), version(&changed));
        assert_ne!(version(&build), version(&renamed));
        assert_eq!(version(&build), version(&build.clone()));
    }

    #[test]
    fn a_build_without_a_page_is_an_error() {
        assert!(worker_source(&files(&[("app.wasm", "sha256-BBB=")])).is_err());
    }
}
