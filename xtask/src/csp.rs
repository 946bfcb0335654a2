//! Puts a Content-Security-Policy into the built index.html (Trunk's post-build hook
//! runs `cargo xtask post-build`). Trunk writes one small inline module script that starts
//! the wasm; the policy allows exactly that script by its hash, the app's own files,
//! and 'wasm-unsafe-eval' to compile the wasm: no 'unsafe-inline' scripts, no other
//! origins. Style attributes stay allowed: the chart places every bar with one.

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::Result;

/// The policy, with `{script_hashes}` for the hashes of the inline scripts.
const POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {script_hashes}; \
style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/// Adds the policy to the index.html in the built folder `dir`.
pub fn add_policy(dir: &std::path::Path) -> Result<()> {
    let path = dir.join("index.html");
    let html = std::fs::read_to_string(&path)?;
    std::fs::write(&path, with_policy(&html)?)?;
    Ok(())
}

/// The page with a policy meta tag first in its head, allowing its inline scripts by hash.
fn with_policy(html: &str) -> Result<String> {
    if html.contains("Content-Security-Policy") {
        return Err("index.html already has a Content-Security-Policy".into());
    }
    let hashes: Vec<String> = inline_scripts(html)
        .map(|script| {
            let digest = Sha256::digest(script.as_bytes());
            format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest))
        })
        .collect();
    if hashes.is_empty() {
        return Err("index.html has no inline start-up script: Trunk's output changed, check the policy".into());
    }
    let policy = POLICY.replace("{script_hashes}", &hashes.join(" "));
    let meta = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">");
    let head = html.find("<head>").ok_or("index.html has no <head>")? + "<head>".len();
    Ok(format!("{}\n  {meta}{}", &html[..head], &html[head..]))
}

/// The text of each `<script>` element without a `src`.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let open_end = rest.find('>')?;
        if rest[..open_end].contains("src=") {
            return None;
        }
        let body = &rest[open_end + 1..];
        Some(&body[..body.find("</script>")?])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_the_inline_script_by_its_hash_and_nothing_inline_else() {
        let html = "<html><head><title>x</title><script type=\"module\">start()</script></head></html>";
        let with = with_policy(html).unwrap();
        // sha256("start()") in base64.
        let expected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"start()"));
        assert!(with.contains(&format!("'sha256-{expected}'")));
        assert!(with.starts_with("<html><head>\n  <meta http-equiv=\"Content-Security-Policy\""));
        let script_src = with.split("script-src ").nth(1).and_then(|rest| rest.split(';').next()).unwrap();
        let allowed =
            |source: &str| matches!(source, "'self'" | "'wasm-unsafe-eval'") || source.starts_with("'sha256-");
        assert!(script_src.split_whitespace().all(allowed), "scripts: only the app's own and its hash: {script_src}");
        assert!(with_policy(&with).is_err(), "a second policy is refused");
    }

    #[test]
    fn a_page_without_an_inline_script_is_an_error() {
        assert!(with_policy("<html><head><script src=\"a.js\"></script></head></html>").is_err());
    }
}
