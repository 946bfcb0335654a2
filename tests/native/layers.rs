//! The layers of docs/ARCHITECTURE.md hold: a module of the pure core imports only the
//! layers below it (test code inside a file, after its `#[cfg(test)]`, may use more).
//! Inside `src/ui`, the modules (a folder or a file each: the shell, each view, services,
//! widgets, the state, the parts mechanism) import one another without a circle, and the
//! lazy-loading mechanism (`ui/parts.rs`) imports none of them.

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

/// The modules of `src/ui` (a folder or a file under it) as `ui/mod.rs` declares them.
fn ui_modules(root: &str) -> Vec<String> {
    root.lines()
        .filter_map(|line| line.trim().trim_start_matches("pub ").strip_prefix("mod "))
        .filter_map(|rest| rest.strip_suffix(';'))
        .map(str::to_string)
        .collect()
}

/// The names `ui/mod.rs` re-exports (`pub use state::{Notice, …};`), by the module they
/// come from: `crate::ui::Notice` is an import of `state`.
fn root_reexports(root: &str) -> Vec<(String, String)> {
    let mut names = Vec::new();
    for statement in root.split(';').map(str::trim).filter(|statement| statement.starts_with("pub use ")) {
        let path = &statement["pub use ".len()..];
        let module = path.split("::").next().unwrap_or_default().to_string();
        for name in path.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|name| !name.is_empty()) {
            names.push((name.to_string(), module.clone()));
        }
    }
    names
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The first path segment of each item of a `use` tree's text (`a::b`, `{a, b::c}`).
fn first_segments(rest: &str) -> Vec<&str> {
    if let Some(group) = rest.strip_prefix('{') {
        let mut depth = 0;
        let mut segments = Vec::new();
        let mut item_start = 0;
        for (at, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    segments.extend(first_segments(group[item_start..at].trim()));
                    break;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    segments.extend(first_segments(group[item_start..at].trim()));
                    item_start = at + 1;
                }
                _ => {}
            }
        }
        segments
    } else {
        let end = rest.find(|c: char| !is_ident_char(c)).unwrap_or(rest.len());
        vec![&rest[..end]].into_iter().filter(|segment| !segment.is_empty()).collect()
    }
}

/// Each import of one `ui` module by another, as (importer, imported, where): every
/// `crate::ui::…` and `super::…` path in code (not in comments, nor in tests after
/// `#[cfg(test)]`) that leaves the file's own top-level module.
fn ui_imports() -> Vec<(String, String, String)> {
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let root = std::fs::read_to_string(ui.join("mod.rs")).unwrap();
    let modules = ui_modules(&root);
    let reexports = root_reexports(&root);
    let top_of = |segment: &str| -> Option<String> {
        if modules.iter().any(|module| module == segment) {
            return Some(segment.to_string());
        }
        reexports.iter().find(|(name, _)| name == segment).map(|(_, module)| module.clone())
    };
    let mut lines = Vec::new();
    code_lines(&ui, &mut lines);
    let mut files: Vec<(String, Vec<(usize, String)>)> = Vec::new();
    for (file, number, line) in lines {
        match files.last_mut() {
            Some((last, file_lines)) if *last == file => file_lines.push((number, line)),
            _ => files.push((file, vec![(number, line)])),
        }
    }
    let mut imports = Vec::new();
    for (file, file_lines) in files {
        let relative = Path::new(&file).strip_prefix(&ui).unwrap().with_extension("");
        let mut own_path: Vec<String> =
            relative.components().map(|part| part.as_os_str().to_string_lossy().into_owned()).collect();
        if own_path.last().is_some_and(|last| last == "mod") {
            own_path.pop();
        }
        let Some(own) = own_path.first().cloned() else { continue }; // ui/mod.rs, the app's root
                                                                     // The file's code as one text, so a `use` group over several lines reads whole.
        let mut text = String::new();
        let mut line_starts = Vec::new();
        for (number, line) in &file_lines {
            line_starts.push((text.len(), *number));
            text.push_str(line);
            text.push('\n');
        }
        let line_at = |offset: usize| line_starts.iter().rev().find(|(start, _)| *start <= offset).map_or(0, |l| l.1);
        let mut at = 0;
        while at < text.len() {
            let rest = &text[at..];
            let follows_path = text[..at].ends_with(|c: char| is_ident_char(c) || c == ':');
            let (base, after) = if let Some(after) = rest.strip_prefix("crate::ui::") {
                (Vec::new(), after)
            } else if rest.starts_with("super::") && !follows_path {
                let mut after = rest;
                let mut base = own_path.clone();
                while let Some(next) = after.strip_prefix("super::") {
                    base.pop();
                    after = next;
                }
                (base, after)
            } else {
                at += rest.chars().next().map_or(1, char::len_utf8);
                continue;
            };
            let imported: Vec<String> = match base.first() {
                Some(top) => vec![top.clone()],
                None => first_segments(after).into_iter().filter_map(&top_of).collect(),
            };
            for module in imported.into_iter().filter(|module| *module != own) {
                imports.push((own.clone(), module, format!("{file}:{}", line_at(at))));
            }
            at += rest.len() - after.len();
        }
    }
    imports
}

/// A circle of imports among the given ones, as the modules around it, if there is one.
fn import_circle(imports: &[(String, String, String)]) -> Option<Vec<String>> {
    fn visit(
        module: &str,
        imports: &[(String, String, String)],
        path: &mut Vec<String>,
        done: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|on_path| on_path == module) {
            let mut circle = path[start..].to_vec();
            circle.push(module.to_string());
            return Some(circle);
        }
        if done.iter().any(|finished| finished == module) {
            return None;
        }
        path.push(module.to_string());
        for (_, imported, _) in imports.iter().filter(|(importer, _, _)| importer == module) {
            if let Some(circle) = visit(imported, imports, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        done.push(module.to_string());
        None
    }
    let mut done = Vec::new();
    imports.iter().find_map(|(importer, _, _)| visit(importer, imports, &mut Vec::new(), &mut done))
}

#[test]
fn ui_modules_import_one_another_without_a_circle() {
    let imports = ui_imports();
    assert!(imports.iter().any(|(importer, imported, _)| importer == "raci" && imported == "state"), "imports found");
    if let Some(circle) = import_circle(&imports) {
        let evidence: Vec<String> = circle
            .windows(2)
            .filter_map(|pair| {
                let (_, _, at) = imports.iter().find(|(from, to, _)| *from == pair[0] && *to == pair[1])?;
                Some(format!("{} imports {} ({at})", pair[0], pair[1]))
            })
            .collect();
        panic!("a circle of imports among the modules of src/ui: {}\n{}", circle.join(" → "), evidence.join("\n"));
    }
}

#[test]
fn the_lazy_loading_mechanism_imports_no_view() {
    let from_parts: Vec<String> = ui_imports()
        .into_iter()
        .filter(|(importer, _, _)| importer == "parts")
        .map(|(_, imported, at)| format!("{at}: parts imports {imported}"))
        .collect();
    assert!(
        from_parts.is_empty(),
        "ui/parts.rs is the mechanism only; each view's door stands beside the view:\n{}",
        from_parts.join("\n")
    );
}

#[test]
fn a_circle_of_imports_is_found() {
    let import = |from: &str, to: &str| (from.to_string(), to.to_string(), String::new());
    let circle = import_circle(&[import("shell", "state"), import("raci", "widgets"), import("widgets", "raci")]);
    assert_eq!(circle, Some(vec!["raci".to_string(), "widgets".to_string(), "raci".to_string()]));
    assert_eq!(import_circle(&[import("raci", "widgets"), import("widgets", "state")]), None);
    assert_eq!(first_segments("{state::{Notice, PlanContext}, parts}::x"), vec!["state", "parts"]);
}
