//! Short names for the functions the release's main wasm imports from its JS glue.
//!
//! wasm-bindgen names each imported JS function `__wbg_<what>_<16 hex digits>`, and both the
//! wasm's import section and the glue's import object spell out every one of them (235 in
//! the main module). The hex digits do not compress: renamed to one- or two-letter names in
//! both files, the first load was 7.4 KB of gzip smaller (wasm 4.3 KB, glue 3.1 KB).
//!
//! A name is renamed only when the glue holds it exactly once, as a whole word (its key in
//! the import object), so nothing else in the glue can be changed by mistake.

use std::collections::HashMap;

use crate::wasm_imports::{self, Import};
use crate::Result;

/// Renames the functions `wasm` imports from the JS module `glue_module` (the glue's own
/// name, as the wasm spells it), in `wasm` and in the glue's text `glue`. Returns how many
/// were renamed.
pub fn shorten_import_names(wasm: &mut Vec<u8>, glue: &mut String, glue_module: &str) -> Result<usize> {
    let mut new_names: HashMap<String, String> = HashMap::new();
    for import in wasm_imports::imports(wasm)? {
        let from_glue = import.module == glue_module && import.is_function;
        if from_glue && whole_word_count(glue, &import.name) == 1 && !new_names.contains_key(&import.name) {
            let short = short_name(new_names.len());
            new_names.insert(import.name, short);
        }
    }
    if new_names.is_empty() {
        return Ok(0);
    }
    *wasm = wasm_imports::with_imports_renamed(wasm, |import| {
        let new_name = new_names.get(&import.name).filter(|_| import.module == glue_module)?;
        Some(Import { name: new_name.clone(), ..import.clone() })
    })?;
    *glue = replace_whole_words(glue, |word| new_names.get(word).map(String::as_str));
    Ok(new_names.len())
}

/// The `index`th short name: `a` to `Z`, then two letters or digits and more (always a
/// JS identifier).
fn short_name(mut index: usize) -> String {
    const FIRST: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const REST: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut name = String::from(FIRST[index % FIRST.len()] as char);
    index /= FIRST.len();
    while index > 0 {
        name.push(REST[index % REST.len()] as char);
        index /= REST.len();
    }
    name
}

fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'$'
}

/// The JS text with each identifier-like word that `rename` gives a new name for replaced.
fn replace_whole_words<'r>(text: &str, rename: impl Fn(&str) -> Option<&'r str>) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut copied, mut at) = (0, 0);
    while at < bytes.len() {
        if !is_word_byte(bytes[at]) {
            at += 1;
            continue;
        }
        let start = at;
        while at < bytes.len() && is_word_byte(bytes[at]) {
            at += 1;
        }
        if let Some(new) = rename(&text[start..at]) {
            out.push_str(&text[copied..start]);
            out.push_str(new);
            copied = at;
        }
    }
    out.push_str(&text[copied..]);
    out
}

fn whole_word_count(text: &str, word: &str) -> usize {
    text.match_indices(word)
        .filter(|&(at, _)| {
            let before = text.as_bytes()[..at].last().copied();
            let after = text.as_bytes().get(at + word.len()).copied();
            !before.is_some_and(is_word_byte) && !after.is_some_and(is_word_byte)
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wasm_imports::tests::{module, other_sections};

    #[test]
    fn the_glue_s_imports_get_short_names_in_both_files() {
        let original = module(&[
            ("./glue_bg.js", "__wbg_setAttribute_f75317b2b5cabfb4", true),
            ("./glue_bg.js", "__wbg_get_0123456789abcdef", true),
            ("./loader.js", "__wasm_split_load_x", true),
            ("./glue_bg.js", "memory", false),
        ]);
        let mut wasm = original.clone();
        let mut glue = String::from(
            "const i={__wbg_setAttribute_f75317b2b5cabfb4:function(e,t){e.setAttribute(t)},\
             __wbg_get_0123456789abcdef:function(e){return e.__wbg_ptr}};",
        );
        assert_eq!(shorten_import_names(&mut wasm, &mut glue, "./glue_bg.js").unwrap(), 2);
        assert_eq!(glue, "const i={a:function(e,t){e.setAttribute(t)},b:function(e){return e.__wbg_ptr}};");
        let names: Vec<(String, String)> =
            wasm_imports::imports(&wasm).unwrap().into_iter().map(|import| (import.module, import.name)).collect();
        let expected = [
            ("./glue_bg.js", "a"),
            ("./glue_bg.js", "b"),
            ("./loader.js", "__wasm_split_load_x"),
            ("./glue_bg.js", "memory"),
        ];
        assert_eq!(names, expected.map(|(module, name)| (module.to_string(), name.to_string())));
        assert_eq!(other_sections(&wasm), other_sections(&original), "the other sections are as they were");
    }

    #[test]
    fn a_name_the_glue_holds_other_than_once_is_kept() {
        let mut wasm = module(&[("./g.js", "__wbg_twice_01", true), ("./g.js", "__wbg_once_02", true)]);
        let mut glue = String::from("x={__wbg_twice_01:f,__wbg_once_02:g};y=x.__wbg_twice_01;z=__wbg_twice_01x;");
        assert_eq!(shorten_import_names(&mut wasm, &mut glue, "./g.js").unwrap(), 1);
        assert_eq!(glue, "x={__wbg_twice_01:f,a:g};y=x.__wbg_twice_01;z=__wbg_twice_01x;");
    }

    #[test]
    fn short_names_are_distinct_identifiers() {
        let names: Vec<String> = (0..5000).map(short_name).collect();
        let distinct: std::collections::HashSet<&String> = names.iter().collect();
        assert_eq!(distinct.len(), names.len());
        assert!(names.iter().all(|name| name.as_bytes()[0].is_ascii_alphabetic() && name.bytes().all(is_word_byte)));
        assert_eq!((names[0].as_str(), names[51].as_str(), names[52].as_str()), ("a", "Z", "ab"));
    }

    #[test]
    fn a_module_without_imports_is_left_alone() {
        let mut wasm = wasm_encoder::Module::new().finish();
        let unchanged = wasm.clone();
        let mut glue = String::from("x");
        assert_eq!(shorten_import_names(&mut wasm, &mut glue, "./g.js").unwrap(), 0);
        assert_eq!((wasm, glue.as_str()), (unchanged, "x"));
        assert!(shorten_import_names(&mut b"nope".to_vec(), &mut glue, "./g.js").is_err());
    }
}
