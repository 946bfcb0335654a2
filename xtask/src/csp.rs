//! Puts a Content-Security-Policy into the built index.html (Trunk's post-build hook
//! runs `cargo xtask post-build`). Trunk writes one small inline module script that starts
//! the wasm; the policy allows exactly that script by its hash, the app's own files,
//! and 'wasm-unsafe-eval' to compile the wasm: no 'unsafe-inline' scripts, no other
//! origins. Style attributes stay allowed: the chart places every bar with one.

use base64::Engine;
use lol_html::element;
use lol_html::html_content::ContentType;
use sha2::{Digest, Sha256};

use crate::{html, Result};

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
    if has_policy(html)? {
        return Err("index.html already has a Content-Security-Policy".into());
    }
    let hashes: Vec<String> = html::inline_scripts(html)?
        .iter()
        .map(|script| {
            let digest = Sha256::digest(script.as_bytes());
            format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest))
        })
        .collect();
    if hashes.is_empty() {
        return Err("index.html has no inline start-up script: Trunk's output changed, check the policy".into());
    }
    let policy = POLICY.replace("{script_hashes}", &hashes.join(" "));
    let meta = format!("\n  <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">");
    let mut heads = 0;
    let page = html::rewrite(
        html,
        vec![element!("head", |head| {
            head.prepend(&meta, ContentType::Html);
            heads += 1;
            Ok(())
        })],
    )?;
    match heads {
        1 => Ok(page),
        0 => Err("index.html has no <head>".into()),
        _ => Err("index.html has more than one <head>".into()),
    }
}

/// Whether the page already has a policy in a meta element.
fn has_policy(html: &str) -> Result<bool> {
    let mut found = false;
    html::rewrite(
        html,
        vec![element!("meta[http-equiv]", |meta| {
            let names_policy = meta.get_attribute("http-equiv").unwrap_or_default();
            found |= names_policy.eq_ignore_ascii_case("Content-Security-Policy");
            Ok(())
        })],
    )?;
    Ok(found)
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
    fn a_page_without_an_inline_script_or_a_head_is_an_error() {
        assert!(with_policy("<html><head><script src=\"a.js\"></script></head></html>").is_err());
        assert!(with_policy("<html><body><script>start()</script></body></html>").is_err());
    }

    #[test]
    fn a_policy_is_recognised_in_any_case_and_a_mention_elsewhere_is_not_one() {
        let page =
            "<html><head><meta http-equiv=\"content-security-policy\" content=\"x\"><script>s()</script></head></html>";
        assert!(with_policy(page).is_err());
        let mention = "<html><head><script>s('Content-Security-Policy')</script></head></html>";
        assert!(with_policy(mention).is_ok());
    }
}
