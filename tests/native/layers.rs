//! The layers of docs/ARCHITECTURE.md hold: a module of the pure core imports only the
//! layers below it (test code inside a file, after its `#[cfg(test)]`, may use more).

use std::path::Path;

/// Each layer, with the crate's modules it must not import.
const FORBIDDEN: [(&str, &[&str]); 6] = [
    ("model", &["schedule", "analysis", "file", "report", "diff", "chart", "portfolio", "session", "storage", "ui"]),
    ("schedule", &["analysis", "file", "report", "diff", "chart", "portfolio", "session", "storage", "ui"]),
    ("file", &["analysis", "report", "diff", "chart", "portfolio", "session", "storage", "ui"]),
    ("analysis", &["report", "diff", "chart", "portfolio", "session", "storage", "ui"]),
    ("report", &["portfolio", "session", "storage", "ui"]),
    // The session's rules (the save and two-tab protocol among them) know no browser.
    ("session", &["portfolio", "storage", "ui"]),
];

/// The lines of every `.rs` file under `folder`, up to its first `#[cfg(test)]`.
fn code_lines(folder: &Path, found: &mut Vec<(String, usize, String)>) {
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            code_lines(&path, found);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            let lines = text.lines().take_while(|line| !line.trim_start().starts_with("#[cfg(test)]"));
            for (number, line) in lines.enumerate() {
                if !line.trim_start().starts_with("//") {
                    found.push((path.display().to_string(), number + 1, line.to_string()));
                }
            }
        }
    }
}

#[test]
fn each_layer_imports_only_the_layers_below_it() {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut breaks = Vec::new();
    for (layer, forbidden) in FORBIDDEN {
        let mut lines = Vec::new();
        code_lines(&source.join(layer), &mut lines);
        assert!(!lines.is_empty(), "no code found in src/{layer}");
        for (file, number, line) in lines {
            for module in forbidden {
                if line.contains(&format!("crate::{module}::")) || line.contains(&format!("crate::{module};")) {
                    breaks.push(format!("{file}:{number} ({layer} uses {module}): {}", line.trim()));
                }
            }
        }
    }
    assert!(breaks.is_empty(), "imports that run up the layers:\n{}", breaks.join("\n"));
}
