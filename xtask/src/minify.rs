//! Shrinks the release build's JS and CSS with esbuild (from npm, into the tools cache), in
//! Trunk's post-build hook: the page's stylesheets become one minified file, and the JS
//! that wasm-bindgen and the wasm splitter write (the glue, the part loader, the snippets)
//! is minified in place. Every byte counts against the first-load budget (DESIGN.md), and
//! one stylesheet compresses better than six: gzip starts each file with an empty
//! dictionary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::split::short_hash;
use crate::Result;

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
    let links = stylesheet_links(&html);
    if links.is_empty() {
        return Err(
            "the built index.html links no stylesheet: Trunk's output changed, check xtask/src/minify.rs".into()
        );
    }
    let mut combined = String::new();
    for link in &links {
        combined.push_str(&std::fs::read_to_string(staging.join(&link.file))?);
        combined.push('\n');
    }
    let minified = minifier.css(&combined)?;
    let name = format!("planwright-{}.css", short_hash(minified.as_bytes(), 16));
    std::fs::write(staging.join(&name), &minified)?;
    for link in &links {
        std::fs::remove_file(staging.join(&link.file))?;
    }
    std::fs::write(html_path, with_one_stylesheet(&html, &links, &name))?;
    Ok(())
}

/// Takes the stylesheets of the views that are parts (`style/part-<part>.css`, which Trunk
/// links as `part-<part>-<hash>.css`) out of the page's first load: each becomes
/// `split_<part>-<hash of its content>.css` (minified in the release), and its link a
/// `<meta name="part-stylesheet" data-part="<part>" content="./split_<part>-<hash>.css">`
/// that the part's loader reads to fetch it with the part (src/ui/parts.rs).
pub fn take_out_part_stylesheets(staging: &Path, minifier: Option<&Minifier>) -> Result<()> {
    let html_path = staging.join("index.html");
    let mut html = std::fs::read_to_string(&html_path)?;
    for link in stylesheet_links(&html).into_iter().filter(|link| link.file.starts_with(PART_STYLESHEET_PREFIX)) {
        let part = part_of_stylesheet(&link.file)
            .ok_or_else(|| format!("the part stylesheet {} has no -<hash>.css ending", link.file))?;
        let source = std::fs::read_to_string(staging.join(&link.file))?;
        let content = match minifier {
            Some(minifier) => minifier.css(&source)?,
            None => source,
        };
        let name = format!("split_{part}-{}.css", short_hash(content.as_bytes(), 16));
        std::fs::write(staging.join(&name), &content)?;
        std::fs::remove_file(staging.join(&link.file))?;
        html = html.replacen(&link.tag, &part_stylesheet_meta(part, &name), 1);
    }
    std::fs::write(html_path, html)?;
    Ok(())
}

/// How the stylesheets of parts are named in `style/` (and by Trunk in the build).
const PART_STYLESHEET_PREFIX: &str = "part-";

/// "raci" for Trunk's `part-raci-1a2b3c.css`.
fn part_of_stylesheet(file: &str) -> Option<&str> {
    let stem = file.strip_prefix(PART_STYLESHEET_PREFIX)?.strip_suffix(".css")?;
    let (part, hash) = stem.rsplit_once('-')?;
    (!part.is_empty() && !hash.is_empty()).then_some(part)
}

/// The page's note of where a part's stylesheet is (read by src/ui/parts.rs).
fn part_stylesheet_meta(part: &str, file: &str) -> String {
    format!("<meta name=\"part-stylesheet\" data-part=\"{part}\" content=\"./{file}\">")
}

/// A `<link rel="stylesheet" href="./FILE" …>` tag of the page.
struct StylesheetLink {
    tag: String,
    file: String,
}

fn stylesheet_links(html: &str) -> Vec<StylesheetLink> {
    let mut links = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<link rel=\"stylesheet\"") {
        let Some(length) = rest[start..].find('>') else { break };
        let tag = &rest[start..start + length + 1];
        if let Some(file) = tag.split("href=\"./").nth(1).and_then(|after| after.split('"').next()) {
            links.push(StylesheetLink { tag: tag.to_owned(), file: file.to_owned() });
        }
        rest = &rest[start + length + 1..];
    }
    links
}

/// The page with the first stylesheet link pointing at `name` and the others gone. The
/// link keeps its `integrity` attribute, which `split` recomputes from the new file.
fn with_one_stylesheet(html: &str, links: &[StylesheetLink], name: &str) -> String {
    let mut page = html.to_owned();
    for (index, link) in links.iter().enumerate() {
        let replacement = if index == 0 {
            link.tag.replace(&format!("href=\"./{}\"", link.file), &format!("href=\"./{name}\""))
        } else {
            String::new()
        };
        page = page.replacen(&link.tag, &replacement, 1);
    }
    page
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
        assert_eq!(stylesheet_links(&html).len(), 1, "only the first load's stylesheet is left to merge");
        std::fs::remove_dir_all(&staging).unwrap();
    }

    #[test]
    fn a_part_stylesheet_is_named_by_its_part() {
        assert_eq!(part_of_stylesheet("part-raci-1a2b.css"), Some("raci"));
        assert_eq!(part_of_stylesheet("part-risk-panel-1a2b.css"), Some("risk-panel"));
        assert_eq!(part_of_stylesheet("part-raci.css"), None);
        assert_eq!(part_of_stylesheet("app-1a2b.css"), None);
    }

    #[test]
    fn the_stylesheet_links_are_found_in_order() {
        let links = stylesheet_links(PAGE);
        let files: Vec<&str> = links.iter().map(|link| link.file.as_str()).collect();
        assert_eq!(files, ["tokens-1a.css", "app-2b.css"]);
    }

    #[test]
    fn the_first_link_points_at_the_merged_file_and_the_others_are_gone() {
        let page = with_one_stylesheet(PAGE, &stylesheet_links(PAGE), "planwright-ff.css");
        assert_eq!(
            page,
            "<head>\n  <link rel=\"stylesheet\" href=\"./planwright-ff.css\" integrity=\"sha384-A\"/>\n  \n  <link rel=\"icon\" href=\"icon.svg\">\n</head>"
        );
    }
}
