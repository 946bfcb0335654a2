//! Splits the release wasm into the main module and the parts loaded on demand
//! (src/ui/parts.rs), in Trunk's post-build hook. Trunk 0.21 has no such step, so this
//! does what cargo-leptos does, from the wasm rustc linked (with `--emit-relocs`, see
//! build.rs):
//!
//! 1. `wasm_split_cli_support::transform` cuts it at its `wasm_split` points into the
//!    main module, one module per part (and chunks shared by several parts), and a small
//!    JS module, the loader, that fetches and instantiates a part on first use;
//! 2. wasm-opt shrinks each part;
//! 3. wasm-bindgen turns the main module into the page's JS and wasm, which import the
//!    loader; wasm-opt shrinks the main wasm;
//! 4. these replace the JS and wasm Trunk made from the unsplit wasm, and index.html's
//!    references and Subresource Integrity hashes are updated (the Content-Security-Policy
//!    and the service worker are written after this, from the final files).
//!
//! Every name carries a hash of its content, as Trunk's names do, and every URL is
//! relative (the loader finds the parts and the main JS next to itself), so the build
//! works at any path and the service worker caches the parts like every other file.

use std::path::{Path, PathBuf};
use std::process::Command;

use base64::Engine;
use sha2::{Digest, Sha256, Sha384};

use lol_html::html_content::ContentType;
use lol_html::{element, text};

use crate::minify::Minifier;
use crate::wasm_imports::{self, Import};
use crate::{html, run, short_imports, Result};

/// The loader's name as the main wasm imports it until its hash is known; the import is
/// then renamed (`wasm_imports`).
const LOADER_PLACEHOLDER: &str = "./__wasm_split.placeholder.js";
/// The import module name `wasm_split` gives its imports: present only if the wasm has
/// split points.
const SPLIT_IMPORT_MODULE: &str = "__wasm_split_placeholder__";
/// wasm-opt's flags for every module of the release (the features the wasm uses).
///
/// By default wasm-opt inlines every function that has one caller, whatever its size, into
/// that caller. Keeping those of more than 40 bytes apart made the main module's gzip 5.7 KB
/// smaller (300,199 -> 294,532 bytes; raw about the same: 40 was the best of 0-600 tried),
/// and the browser compiles smaller functions when they are first called (an edit, a click).
pub const WASM_OPT_FLAGS: &[&str] = &[
    "-Oz",
    "--one-caller-inline-max-function-size",
    "40",
    "--enable-bulk-memory",
    "--enable-bulk-memory-opt",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-reference-types",
    "--enable-multivalue",
    "--enable-mutable-globals",
];

/// The parts (`on_demand!` in src/ui) in the order a user is likely to need them, the
/// timeline first: the code several parts share is fetched in one file per group, each chunk
/// with the first part here that needs it (the patched splitter's `chunk_groups`,
/// xtask/vendor/wasm_split_cli_support/VENDORED.md). So a returning user's timeline is two
/// files, its own and the code it shares, not a file per combination of parts sharing code
/// (319 chunks, 109 of them the timeline's, before). A part missing here keeps a chunk per
/// combination; a test fails if one is.
pub const PARTS_BY_PRIORITY: &[&str] = &[
    "timeline",
    "details",
    "links",
    "notices",
    "plan",
    "risks",
    "raci",
    "report",
    "log",
    "budget",
    "print",
    "help",
    "crossplan",
    "reader",
    "exports",
    "interchange",
    "compare",
    "portfolio",
];

/// What Trunk's page loads: the names of its JS and wasm (without `./`).
struct TrunkOutput {
    script: String,
    wasm: String,
}

/// Replaces Trunk's unsplit JS and wasm in the staging folder `staging` by the split
/// build made from `linked_wasm` (rustc's output). `optimize` runs wasm-opt (release), and
/// `minifier` minifies the JS (release).
pub fn split_build(staging: &Path, linked_wasm: &Path, optimize: bool, minifier: Option<&Minifier>) -> Result<()> {
    let input = read_linked_wasm(linked_wasm)?;
    let html_path = staging.join("index.html");
    let html = std::fs::read_to_string(&html_path)?;
    let trunk = trunk_output(&html)?;

    let work = linked_wasm.with_file_name("planwright-split");
    if work.exists() {
        std::fs::remove_dir_all(&work)?;
    }
    std::fs::create_dir_all(&work)?;
    let main_name = format!("planwright-{}", short_hash(&input, 16));
    let main_split = work.join("main.wasm");
    let main_module = format!("./{main_name}.js");
    let split = wasm_split_cli_support::transform({
        let mut options = wasm_split_cli_support::Options::new(&input);
        options.output_dir = &work;
        options.main_out_path = &main_split;
        options.main_module = &main_module;
        options.link_name = LOADER_PLACEHOLDER;
        options.chunk_groups = PARTS_BY_PRIORITY;
        options
    })
    .map_err(|error| format!("wasm_split could not split {}: {error:?}", linked_wasm.display()))?;
    let loader_name = stage_parts_and_loader(&split.split_modules, &work, staging, optimize, minifier)?;
    import_loader_as(&main_split, &format!("./{loader_name}"))?;
    let main = stage_main_module(&main_split, &main_name, &work.join("bindgen"), staging, optimize, minifier)?;
    std::fs::remove_file(staging.join(&trunk.script))?;
    std::fs::remove_file(staging.join(&trunk.wasm))?;

    let html = with_names_replaced(&html, &[(&trunk.script, &main.script), (&trunk.wasm, &main.wasm)])?;
    let html = with_integrity(&html, staging)?;
    let html = with_loader_preload(&html, &loader_name, &std::fs::read(staging.join(&loader_name))?)?;
    std::fs::write(&html_path, html)?;
    Ok(())
}

/// The wasm rustc linked, which must have split points.
fn read_linked_wasm(linked_wasm: &Path) -> Result<Vec<u8>> {
    let input = std::fs::read(linked_wasm)
        .map_err(|error| format!("cannot read the linked wasm {}: {error}", linked_wasm.display()))?;
    let has_split_points = wasm_imports::imports(&input)
        .map_err(|error| format!("{}: {error}", linked_wasm.display()))?
        .iter()
        .any(|import| import.module == SPLIT_IMPORT_MODULE);
    if !has_split_points {
        return Err(format!(
            "{} has no split points: was it built with the feature `split` (index.html's data-cargo-features)?",
            linked_wasm.display()
        )
        .into());
    }
    Ok(input)
}

/// Writes the parts (shrunk) into `staging` under names with their hash, and the loader,
/// told those names, beside them; returns the loader's name. `work` holds wasm_split's output.
fn stage_parts_and_loader(
    parts: &[PathBuf],
    work: &Path,
    staging: &Path,
    optimize: bool,
    minifier: Option<&Minifier>,
) -> Result<String> {
    let mut loader = std::fs::read_to_string(work.join(LOADER_PLACEHOLDER.trim_start_matches("./")))?;
    for part in parts {
        if optimize {
            wasm_opt(part)?;
        }
        let bytes = std::fs::read(part)?;
        let stem = part.file_stem().and_then(|stem| stem.to_str()).ok_or("a part has no file name")?;
        // A JS string in the loader: the file name wasm_split gave the part.
        let reference = format!("\"./{stem}.wasm\"");
        if !loader.contains(&reference) {
            return Err(format!("the split loader does not load {stem}.wasm as wasm_split 0.2.4 did").into());
        }
        let name = format!("{stem}-{}.wasm", short_hash(&bytes, 16));
        loader = loader.replace(&reference, &format!("\"./{name}\""));
        std::fs::write(staging.join(&name), bytes)?;
    }
    if let Some(minifier) = minifier {
        loader = minifier.js(&loader)?;
    }
    let loader_name = format!("__wasm_split.{}.js", short_hash(loader.as_bytes(), 16));
    std::fs::write(staging.join(&loader_name), &loader)?;
    Ok(loader_name)
}

/// The file names of the main module's JS glue and wasm in the build.
struct MainModule {
    script: String,
    wasm: String,
}

/// Turns the split main module into the page's JS and wasm with wasm-bindgen (in
/// `bindgen`), shortens its import names and shrinks it (release), and writes both and
/// the glue's snippets into `staging`.
fn stage_main_module(
    main_split: &Path,
    main_name: &str,
    bindgen: &Path,
    staging: &Path,
    optimize: bool,
    minifier: Option<&Minifier>,
) -> Result<MainModule> {
    run(Command::new("wasm-bindgen")
        .args(["--target", "web", "--no-typescript", "--keep-lld-exports", "--out-name", main_name, "--out-dir"])
        .arg(bindgen)
        .arg(main_split))?;
    let main = MainModule { script: format!("{main_name}.js"), wasm: format!("{main_name}_bg.wasm") };
    let (glue_path, wasm_path) = (bindgen.join(&main.script), bindgen.join(&main.wasm));
    if optimize {
        let mut wasm = std::fs::read(&wasm_path)?;
        let mut glue = std::fs::read_to_string(&glue_path)?;
        let renamed = short_imports::shorten_import_names(&mut wasm, &mut glue, &format!("./{main_name}_bg.js"))?;
        if renamed == 0 {
            return Err(
                "no import of the main wasm from its glue could be renamed: has wasm-bindgen's output changed?".into(),
            );
        }
        std::fs::write(&wasm_path, wasm)?;
        std::fs::write(&glue_path, glue)?;
        wasm_opt(&wasm_path)?;
    }
    std::fs::copy(&glue_path, staging.join(&main.script))?;
    std::fs::copy(&wasm_path, staging.join(&main.wasm))?;
    // The glue imports its JS snippets (such as the plan file reader's worker script) from
    // `snippets/`: this run's, which replace the ones Trunk wrote beside its own glue.
    let snippets = bindgen.join("snippets");
    if snippets.is_dir() {
        let staged = staging.join("snippets");
        if staged.exists() {
            std::fs::remove_dir_all(&staged)?;
        }
        copy_dir(&snippets, &staged)?;
    }
    if let Some(minifier) = minifier {
        minifier.js_file(&staging.join(&main.script))?;
        for_each_file(&staging.join("snippets"), &mut |path| {
            if path.extension().is_some_and(|extension| extension == "js") {
                minifier.js_file(path)?;
            }
            Ok(())
        })?;
    }
    Ok(main)
}

/// Makes the split main module at `main_split` import the loader by its final name.
fn import_loader_as(main_split: &Path, loader_module: &str) -> Result<()> {
    let main = std::fs::read(main_split)?;
    let imports_loader = wasm_imports::imports(&main)?.iter().any(|import| import.module == LOADER_PLACEHOLDER);
    if !imports_loader {
        return Err("the split main module does not import the loader".into());
    }
    let main = wasm_imports::with_imports_renamed(&main, |import| {
        (import.module == LOADER_PLACEHOLDER).then(|| Import { module: loader_module.to_owned(), ..import.clone() })
    })?;
    std::fs::write(main_split, main)?;
    Ok(())
}

/// Copies a folder and everything under it.
fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// Calls `action` on every file under `dir` (nothing if there is no such folder).
fn for_each_file(dir: &Path, action: &mut dyn FnMut(&Path) -> Result<()>) -> Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            for_each_file(&path, action)?;
        } else {
            action(&path)?;
        }
    }
    Ok(())
}

/// Whether a file of the build is a part fetched on demand (`split_<part>-<hash>.wasm`,
/// or `chunk_<n>-<hash>.wasm` for code several parts share, or a part's stylesheet
/// `split_<part>-<hash>.css`), not part of the first load.
pub fn is_part(name: &str) -> bool {
    (name.starts_with("split_") || name.starts_with("chunk_")) && name.ends_with(".wasm")
        || name.starts_with("split_") && name.ends_with(".css")
}

/// The JS and wasm names in Trunk's start-up script, an inline module script that reads
/// `import init, * as bindings from './<name>.js'` and `init({ module_or_path: './<name>_bg.wasm' })`.
fn trunk_output(html: &str) -> Result<TrunkOutput> {
    let quoted_after = |script: &str, marker: &str| -> Option<String> {
        let start = script.find(marker)? + marker.len();
        let end = script[start..].find('\'')?;
        Some(script[start..start + end].to_string())
    };
    html::inline_scripts(html)?
        .iter()
        .find_map(|script| {
            let script_name = quoted_after(script, "from './").filter(|name| name.ends_with(".js"))?;
            let wasm = quoted_after(script, "module_or_path: './").filter(|name| name.ends_with(".wasm"))?;
            Some(TrunkOutput { script: script_name, wasm })
        })
        .ok_or_else(|| "index.html has no start-up script of the form Trunk 0.21 writes".into())
}

/// The page with each file named in `renames` (old, new; without `./`) renamed where the
/// page loads it: the `href` of its links and the start-up script's `'./<name>'`.
fn with_names_replaced(html: &str, renames: &[(&str, &str)]) -> Result<String> {
    let renamed_href =
        |href: &str| renames.iter().find(|(old, _)| href == format!("./{old}")).map(|(_, new)| format!("./{new}"));
    html::rewrite(
        html,
        vec![
            element!("link[href]", |link| {
                if let Some(href) = link.get_attribute("href").and_then(|href| renamed_href(&href)) {
                    link.set_attribute("href", &href)?;
                }
                Ok(())
            }),
            text!(
                html::INLINE_SCRIPT,
                html::edit_text(|script| {
                    renames.iter().fold(script.to_owned(), |script, (old, new)| {
                        script.replace(&format!("'./{old}'"), &format!("'./{new}'"))
                    })
                })
            ),
        ],
    )
}

/// The page with each `integrity="sha384-…"` attribute of a link recomputed from the file
/// its `href` names (Trunk's Subresource Integrity, kept for the new files).
fn with_integrity(html: &str, dir: &Path) -> Result<String> {
    html::rewrite(
        html,
        vec![element!("link[href][integrity]", |link| {
            let href = link.get_attribute("href").unwrap_or_default();
            let file = dir.join(href.trim_start_matches("./"));
            let bytes =
                std::fs::read(&file).map_err(|error| format!("index.html links {href}, not in the build: {error}"))?;
            link.set_attribute("integrity", &sri_sha384(&bytes))?;
            Ok(())
        })],
    )
}

/// The page with a `modulepreload` of the loader, with its integrity, last in its head:
/// the main JS imports it, and the browser then checks it as it checks the rest.
fn with_loader_preload(html: &str, loader_name: &str, loader: &[u8]) -> Result<String> {
    let preload = format!(
        "<link rel=\"modulepreload\" href=\"./{loader_name}\" crossorigin=\"anonymous\" integrity=\"{}\">",
        sri_sha384(loader)
    );
    let mut heads = 0;
    let page = html::rewrite(
        html,
        vec![element!("head", |head| {
            head.append(&preload, ContentType::Html);
            heads += 1;
            Ok(())
        })],
    )?;
    if heads != 1 {
        return Err("index.html has no <head>, or more than one".into());
    }
    Ok(page)
}

fn sri_sha384(bytes: &[u8]) -> String {
    format!("sha384-{}", base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes)))
}

/// The first `digits` hex digits of the bytes' SHA-256.
pub(crate) fn short_hash(bytes: &[u8], digits: usize) -> String {
    let hex: String = Sha256::digest(bytes).iter().map(|byte| format!("{byte:02x}")).collect();
    hex[..digits].to_string()
}

fn wasm_opt(path: &Path) -> Result<()> {
    let optimized: PathBuf = path.with_extension("opt.wasm");
    run(Command::new("wasm-opt").args(WASM_OPT_FLAGS).arg(path).arg("-o").arg(&optimized))?;
    std::fs::rename(&optimized, path)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK_PAGE: &str = "<html><head>\n<script type=\"module\">\nimport init, * as bindings from './planwright-1a2b.js';\nconst wasm = await init({ module_or_path: './planwright-1a2b_bg.wasm' });\n</script>\n<link rel=\"modulepreload\" href=\"./planwright-1a2b.js\" crossorigin=\"anonymous\" integrity=\"sha384-OLD\"><link rel=\"preload\" href=\"./planwright-1a2b_bg.wasm\" crossorigin=\"anonymous\" integrity=\"sha384-OLD\" as=\"fetch\" type=\"application/wasm\"></head><body></body></html>";

    /// The names `on_demand! { name:` declares in `dir` and below.
    fn declared_parts(dir: &Path, parts: &mut std::collections::BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                declared_parts(&path, parts);
            } else if path.extension().is_some_and(|extension| extension == "rs") {
                let source = std::fs::read_to_string(&path).unwrap();
                for (_, rest) in source.match_indices("on_demand! {").map(|(at, _)| source.split_at(at + 12)) {
                    let name: String =
                        rest.trim_start().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                    if rest.trim_start()[name.len()..].starts_with(':') && name != "part" {
                        parts.insert(name);
                    }
                }
            }
        }
    }

    #[test]
    fn every_part_of_the_app_has_a_place_in_the_chunk_groups() {
        let mut declared = std::collections::BTreeSet::new();
        declared_parts(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../src"), &mut declared);
        assert!(declared.contains("timeline") && declared.len() > 10, "parts found: {declared:?}");
        let listed: std::collections::BTreeSet<String> =
            PARTS_BY_PRIORITY.iter().map(|part| part.to_string()).collect();
        assert_eq!(listed.len(), PARTS_BY_PRIORITY.len(), "a part is listed twice");
        assert_eq!(declared, listed, "PARTS_BY_PRIORITY must list every part of src/ui, and only those");
        assert_eq!(PARTS_BY_PRIORITY[0], "timeline", "a returning user's first view comes first");
    }

    #[test]
    fn trunks_script_and_wasm_are_found_in_its_start_up_script() {
        let output = trunk_output(TRUNK_PAGE).unwrap();
        assert_eq!(output.script, "planwright-1a2b.js");
        assert_eq!(output.wasm, "planwright-1a2b_bg.wasm");
        assert!(trunk_output("<html><head></head></html>").is_err());
    }

    #[test]
    fn integrity_is_recomputed_from_the_files_and_the_loader_is_preloaded_with_its_own() {
        let dir = std::env::temp_dir().join(format!("planwright-split-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("planwright-1a2b.js"), b"script").unwrap();
        std::fs::write(dir.join("planwright-1a2b_bg.wasm"), b"wasm").unwrap();
        let page = with_integrity(TRUNK_PAGE, &dir).unwrap();
        let page = with_loader_preload(&page, "__wasm_split.0123.js", b"loader").unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(!page.contains("sha384-OLD"));
        assert!(page.contains(&format!(
            "href=\"./planwright-1a2b.js\" crossorigin=\"anonymous\" integrity=\"{}\"",
            sri_sha384(b"script")
        )));
        assert!(page.contains(&format!(
            "href=\"./planwright-1a2b_bg.wasm\" crossorigin=\"anonymous\" integrity=\"{}\"",
            sri_sha384(b"wasm")
        )));
        assert!(page.contains(&format!("<link rel=\"modulepreload\" href=\"./__wasm_split.0123.js\" crossorigin=\"anonymous\" integrity=\"{}\"></head>", sri_sha384(b"loader"))));
    }

    #[test]
    fn a_page_linking_a_file_not_in_the_build_is_an_error() {
        let dir = std::env::temp_dir().join(format!("planwright-split-missing-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let result = with_integrity(TRUNK_PAGE, &dir);
        std::fs::remove_dir_all(&dir).unwrap();
        let error = result.unwrap_err().to_string();
        assert!(error.starts_with("index.html links ./planwright-1a2b.js, not in the build"), "{error}");
    }

    #[test]
    fn only_split_modules_and_chunks_are_parts() {
        assert!(is_part("split_raci-0123456789abcdef.wasm"));
        assert!(is_part("chunk_12-0123456789abcdef.wasm"));
        assert!(!is_part("planwright-0123_bg.wasm"));
        assert!(!is_part("__wasm_split.0123.js"));
        assert!(!is_part("split_notes.txt"));
    }

    #[test]
    fn trunks_names_are_replaced_where_the_page_loads_them_and_nowhere_else() {
        let page = format!("{TRUNK_PAGE}<p>planwright-1a2b.js</p>");
        let page = with_names_replaced(
            &page,
            &[("planwright-1a2b.js", "main-9f.js"), ("planwright-1a2b_bg.wasm", "main-9f_bg.wasm")],
        )
        .unwrap();
        assert_eq!(
            trunk_output(&page).map(|output| (output.script, output.wasm)).unwrap(),
            ("main-9f.js".to_string(), "main-9f_bg.wasm".to_string())
        );
        assert!(page.contains(
            "<link rel=\"modulepreload\" href=\"./main-9f.js\" crossorigin=\"anonymous\" integrity=\"sha384-OLD\">"
        ));
        assert!(page.contains("<link rel=\"preload\" href=\"./main-9f_bg.wasm\""));
        assert!(page.ends_with("<p>planwright-1a2b.js</p>"), "text that is not a reference is kept");
    }

    #[test]
    fn the_main_module_imports_the_loader_by_its_final_name() {
        let dir = std::env::temp_dir().join(format!("planwright-split-loader-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let main = dir.join("main.wasm");
        let wasm = crate::wasm_imports::tests::module(&[
            (LOADER_PLACEHOLDER, "__wasm_split_load_raci", true),
            ("env", "f", true),
        ]);
        std::fs::write(&main, &wasm).unwrap();
        import_loader_as(&main, "./__wasm_split.0123456789abcdef.js").unwrap();
        let modules: Vec<String> = wasm_imports::imports(&std::fs::read(&main).unwrap())
            .unwrap()
            .into_iter()
            .map(|import| import.module)
            .collect();
        assert_eq!(modules, ["./__wasm_split.0123456789abcdef.js", "env"]);
        assert!(import_loader_as(&main, "./again.js").is_err(), "a module that does not import the loader is an error");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
