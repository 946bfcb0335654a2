//! Shrinks the release build's JS and CSS with esbuild (from npm, into the tools cache), in
//! Trunk's post-build hook: the page's stylesheets become one minified file, and the JS
//! that wasm-bindgen and the wasm splitter write (the glue, the part loader, the snippets)
//! is minified in place. What the first view waits for is bytes and round trips: one
//! stylesheet is one request instead of six, and compresses better (gzip starts each file
//! with an empty dictionary).

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use lol_html::element;
use lol_html::html_content::{ContentType, Element};

use crate::split::short_hash;
use crate::{html, Result};

/// esbuild, run on text through its standard input.
pub struct Minifier {
    esbuild: PathBuf,
}

impl Minifier {
    pub fn new(esbuild: PathBuf) -> Self {
        Self { esbuild }
    }

    /// An ES module (or a classic script), minified; imports and exports stay as they are.
    pub fn js(&self, source: &str) -> Result<String> {
        self.transform(source, "js")
    }

    pub fn css(&self, source: &str) -> Result<String> {
        self.transform(source, "css")
    }

    fn transform(&self, source: &str, loader: &str) -> Result<String> {
        let mut child = Command::new(&self.esbuild)
            .args(["--minify", &format!("--loader={loader}"), "--charset=utf8", "--log-level=error"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|error| format!("could not start esbuild ({}): {error}", self.esbuild.display()))?;
        // Written from another thread: esbuild may start writing before it has read all.
        let mut stdin = child.stdin.take().ok_or("esbuild has no standard input")?;
        let input = source.to_owned();
        let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
        let output = child.wait_with_output()?;
        writer.join().map_err(|_| "writing to esbuild failed")??;
        if !output.status.success() {
            return Err(
                format!("esbuild could not minify {loader}: {}", String::from_utf8_lossy(&output.stderr)).into()
            );
        }
        Ok(String::from_utf8(output.stdout)?)
    }

    /// Minifies the JS file at `path` in place.
    pub fn js_file(&self, path: &Path) -> Result<()> {
        let source = std::fs::read_to_string(path)?;
        std::fs::write(path, self.js(&source)?)?;
        Ok(())
    }
}

/// Replaces the stylesheets the built page in `staging` links (in their order) by one
/// minified stylesheet, linked where the first one was. Its name holds a hash of its content.
pub fn merge_stylesheets(staging: &Path, minifier: &Minifier) -> Result<()> {
    let html_path = staging.join("index.html");
    let html = std::fs::read_to_string(&html_path)?;
    let links = stylesheet_links(&html)?;
    if links.is_empty() {
        return Err(
            "the built index.html links no stylesheet: Trunk's output changed, check xtask/src/minify.rs".into()
        );
    }
    let mut combined = String::new();
    for file in &links {
        combined.push_str(&std::fs::read_to_string(staging.join(file))?);
        combined.push('\n');
    }
    let minified = minifier.css(&combined)?;
    let name = format!("planwright-{}.css", short_hash(minified.as_bytes(), 16));
    std::fs::write(staging.join(&name), &minified)?;
    for file in &links {
        std::fs::remove_file(staging.join(file))?;
    }
    std::fs::write(html_path, with_one_stylesheet(&html, &name)?)?;
    Ok(())
}

/// Takes the stylesheets of the views that are parts (`style/part-<part>.css`, which Trunk
/// links as `part-<part>-<hash>.css`) out of the page's first load: each becomes
/// `split_<part>-<hash of its content>.css` (minified in the release), and its link a
/// `<meta name="part-stylesheet" data-part="<part>" content="./split_<part>-<hash>.css">`
/// that the part's loader reads to fetch it with the part (src/ui/parts.rs).
pub fn take_out_part_stylesheets(staging: &Path, minifier: Option<&Minifier>) -> Result<()> {
    let html_path = staging.join("index.html");
    let html = std::fs::read_to_string(&html_path)?;
    let mut metas: HashMap<String, String> = HashMap::new();
    for file in stylesheet_links(&html)?.into_iter().filter(|file| file.starts_with(PART_STYLESHEET_PREFIX)) {
        let part = part_of_stylesheet(&file).ok_or_else(|| {
            format!(
                "the part stylesheet {file} has no -<hash>.css ending, or its part name is not made of a-z, 0-9 and -"
            )
        })?;
        let source = std::fs::read_to_string(staging.join(&file))?;
        let content = match minifier {
            Some(minifier) => minifier.css(&source)?,
            None => source,
        };
        let name = format!("split_{part}-{}.css", short_hash(content.as_bytes(), 16));
        std::fs::write(staging.join(&name), &content)?;
        std::fs::remove_file(staging.join(&file))?;
        metas.insert(file.clone(), part_stylesheet_meta(part, &name));
    }
    let html = html::rewrite(
        &html,
        vec![element!(STYLESHEET_LINK, |link| {
            if let Some(meta) = local_stylesheet(link).and_then(|file| metas.get(&file)) {
                link.replace(meta, ContentType::Html);
            }
            Ok(())
        })],
    )?;
    std::fs::write(html_path, html)?;
    Ok(())
}

/// How the stylesheets of parts are named in `style/` (and by Trunk in the build).
const PART_STYLESHEET_PREFIX: &str = "part-";

/// "raci" for Trunk's `part-raci-1a2b3c.css`. A part's name goes into the page as it is
/// (`part_stylesheet_meta`), so only names of a-z, 0-9 and `-` are taken.
fn part_of_stylesheet(file: &str) -> Option<&str> {
    let stem = file.strip_prefix(PART_STYLESHEET_PREFIX)?.strip_suffix(".css")?;
    let (part, hash) = stem.rsplit_once('-')?;
    let plain = part.bytes().all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-');
    (!part.is_empty() && !hash.is_empty() && plain).then_some(part)
}

/// The page's note of where a part's stylesheet is (read by src/ui/parts.rs). `file` is
/// `split_<part>-<hex digits>.css`, so neither needs escaping.
fn part_stylesheet_meta(part: &str, file: &str) -> String {
    format!("<meta name=\"part-stylesheet\" data-part=\"{part}\" content=\"./{file}\">")
}

/// Selects the page's stylesheet links; `local_stylesheet` tells which are the build's own.
const STYLESHEET_LINK: &str = "link[rel=\"stylesheet\"][href]";

/// The file a `<link rel="stylesheet" href="./FILE" …>` of the build links.
fn local_stylesheet(link: &Element<'_, '_>) -> Option<String> {
    link.get_attribute("href")?.strip_prefix("./").map(str::to_owned)
}

/// The files of the build's stylesheet links, in the page's order.
fn stylesheet_links(html: &str) -> Result<Vec<String>> {
    let mut files = Vec::new();
    html::rewrite(
        html,
        vec![element!(STYLESHEET_LINK, |link| {
            files.extend(local_stylesheet(link));
            Ok(())
        })],
    )?;
    Ok(files)
}

/// The page with its first stylesheet link pointing at `name` and the others gone. The
/// link keeps its `integrity` attribute, which `split` recomputes from the new file.
fn with_one_stylesheet(html: &str, name: &str) -> Result<String> {
    let mut first = true;
    html::rewrite(
        html,
        vec![element!(STYLESHEET_LINK, |link| {
            if local_stylesheet(link).is_some() {
                if first {
                    link.set_attribute("href", &format!("./{name}"))?;
                    first = false;
                } else {
                    link.remove();
                }
            }
            Ok(())
        })],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<head>\n  <link rel=\"stylesheet\" href=\"./tokens-1a.css\" integrity=\"sha384-A\"/>\n  <link rel=\"stylesheet\" href=\"./app-2b.css\" integrity=\"sha384-B\"/>\n  <link rel=\"icon\" href=\"icon.svg\">\n</head>";

    #[test]
    fn a_part_stylesheet_leaves_the_first_load_for_a_note_of_its_hashed_name() {
        let staging = std::env::temp_dir().join(format!("planwright-part-css-{}", std::process::id()));
        std::fs::create_dir_all(&staging).unwrap();
        let page = "<head>\n  <link rel=\"stylesheet\" href=\"./app-2b.css\" integrity=\"sha384-B\"/>\n  <link rel=\"stylesheet\" href=\"./part-raci-9f.css\" integrity=\"sha384-C\"/>\n</head>";
        std::fs::write(staging.join("index.html"), page).unwrap();
        std::fs::write(staging.join("app-2b.css"), ".app {}").unwrap();
        std::fs::write(staging.join("part-raci-9f.css"), ".raci { border: 0; }").unwrap();

        take_out_part_stylesheets(&staging, None).unwrap();

        let name = format!("split_raci-{}.css", short_hash(b".raci { border: 0; }", 16));
        assert_eq!(std::fs::read_to_string(staging.join(&name)).unwrap(), ".raci { border: 0; }");
        assert!(!staging.join("part-raci-9f.css").exists(), "Trunk's file is gone");
        assert!(crate::split::is_part(&name), "the size report and the worker count it as a part");
        let html = std::fs::read_to_string(staging.join("index.html")).unwrap();
        assert_eq!(
            html,
            format!("<head>\n  <link rel=\"stylesheet\" href=\"./app-2b.css\" integrity=\"sha384-B\"/>\n  <meta name=\"part-stylesheet\" data-part=\"raci\" content=\"./{name}\">\n</head>")
        );
        assert_eq!(
            stylesheet_links(&html).unwrap(),
            ["app-2b.css"],
            "only the first load's stylesheet is left to merge"
        );
        std::fs::remove_dir_all(&staging).unwrap();
    }

    #[test]
    fn a_part_stylesheet_is_named_by_its_part() {
        assert_eq!(part_of_stylesheet("part-raci-1a2b.css"), Some("raci"));
        assert_eq!(part_of_stylesheet("part-risk-panel-1a2b.css"), Some("risk-panel"));
        assert_eq!(part_of_stylesheet("part-raci.css"), None);
        assert_eq!(part_of_stylesheet("app-1a2b.css"), None);
        assert_eq!(part_of_stylesheet("part-r\"a-1a2b.css"), None, "a name that would need escaping");
    }

    #[test]
    fn the_stylesheet_links_are_found_in_order() {
        assert_eq!(stylesheet_links(PAGE).unwrap(), ["tokens-1a.css", "app-2b.css"]);
        let commented = "<head><!-- <link rel=\"stylesheet\" href=\"./old.css\"> --><link href=\"./a.css\" rel=\"stylesheet\"></head>";
        assert_eq!(stylesheet_links(commented).unwrap(), ["a.css"], "in any attribute order, not in a comment");
    }

    #[test]
    fn the_first_link_points_at_the_merged_file_and_the_others_are_gone() {
        let page = with_one_stylesheet(PAGE, "planwright-ff.css").unwrap();
        assert_eq!(
            page,
            // lol_html writes a changed tag anew: the same element, a space before its `/>`.
            "<head>\n  <link rel=\"stylesheet\" href=\"./planwright-ff.css\" integrity=\"sha384-A\" />\n  \n  <link rel=\"icon\" href=\"icon.svg\">\n</head>"
        );
    }
}
