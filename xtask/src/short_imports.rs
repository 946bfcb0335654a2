//! Short names for the functions the release's main wasm imports from its JS glue.
//!
//! wasm-bindgen names each imported JS function `__wbg_<what>_<16 hex digits>`, and both the
//! wasm's import section and the glue's import object spell out every one of them (235 in
//! the main module). The hex digits do not compress: renamed to one- or two-letter names in
//! both files, the first load was 7.4 KB of gzip smaller (wasm 4.3 KB, glue 3.1 KB).
//!
//! A name is renamed only when the glue holds it exactly once, as a whole word (its key in
//! the import object), so nothing else in the glue can be changed by mistake.

use crate::Result;

/// Renames the functions `wasm` imports from the JS module `glue_module` (the glue's own
/// name, as the wasm spells it), in `wasm` and in the glue's text `glue`. Returns how many
/// were renamed.
pub fn shorten_import_names(wasm: &mut Vec<u8>, glue: &mut String, glue_module: &str) -> Result<usize> {
    let sections = Sections::read(wasm)?;
    let Some(imports) = sections.imports()? else { return Ok(0) };
    let mut renames: Vec<(String, String)> = Vec::new();
    for import in &imports {
        if import.module == glue_module && import.kind == FUNCTION_IMPORT && whole_word_count(glue, &import.name) == 1 {
            renames.push((import.name.clone(), short_name(renames.len())));
        }
    }
    if renames.is_empty() {
        return Ok(0);
    }
    let new_names: std::collections::HashMap<&str, &str> =
        renames.iter().map(|(old, new)| (old.as_str(), new.as_str())).collect();
    let renamed = |name: &str| new_names.get(name).copied();
    let mut section = leb128(imports.len() as u64);
    for import in &imports {
        let name = if import.module == glue_module { renamed(&import.name) } else { None };
        write_name(&mut section, &import.module);
        write_name(&mut section, name.unwrap_or(&import.name));
        section.extend_from_slice(&import.description);
    }
    *wasm = sections.with_section(IMPORT_SECTION, &section);
    *glue = replace_whole_words(glue, renamed);
    Ok(renames.len())
}

const IMPORT_SECTION: u8 = 2;
const FUNCTION_IMPORT: u8 = 0;

/// One import: where from, its name, and its kind and type as written (copied unchanged).
struct Import {
    module: String,
    name: String,
    kind: u8,
    description: Vec<u8>,
}

/// A wasm module cut into its sections, each with its id and its bytes.
struct Sections<'a> {
    header: &'a [u8],
    sections: Vec<(u8, &'a [u8])>,
}

impl<'a> Sections<'a> {
    fn read(wasm: &'a [u8]) -> Result<Self> {
        if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
            return Err("not a wasm module".into());
        }
        let mut reader = Reader { bytes: wasm, at: 8 };
        let mut sections = Vec::new();
        while reader.at < wasm.len() {
            let id = reader.byte()?;
            let size = reader.leb128()? as usize;
            sections.push((id, reader.take(size)?));
        }
        Ok(Self { header: &wasm[..8], sections })
    }

    fn imports(&self) -> Result<Option<Vec<Import>>> {
        let Some((_, bytes)) = self.sections.iter().find(|(id, _)| *id == IMPORT_SECTION) else { return Ok(None) };
        let mut reader = Reader { bytes, at: 0 };
        let count = reader.leb128()?;
        let mut imports = Vec::new();
        for _ in 0..count {
            let module = reader.name()?;
            let name = reader.name()?;
            let start = reader.at;
            let kind = reader.byte()?;
            match kind {
                0 => drop(reader.leb128()?),
                1 => {
                    reader.byte()?;
                    reader.limits()?;
                }
                2 => reader.limits()?,
                3 => drop(reader.take(2)?),
                4 => {
                    reader.byte()?;
                    reader.leb128()?;
                }
                other => return Err(format!("an import of unknown kind {other}").into()),
            }
            imports.push(Import { module, name, kind, description: bytes[start..reader.at].to_vec() });
        }
        if reader.at != bytes.len() {
            return Err("the import section has bytes after its imports".into());
        }
        Ok(Some(imports))
    }

    /// The module again, with the section `id`'s bytes replaced by `bytes`.
    fn with_section(&self, id: u8, bytes: &[u8]) -> Vec<u8> {
        let mut wasm = self.header.to_vec();
        for &(section_id, section) in &self.sections {
            let section = if section_id == id { bytes } else { section };
            wasm.push(section_id);
            wasm.extend(leb128(section.len() as u64));
            wasm.extend_from_slice(section);
        }
        wasm
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8> {
        let byte = *self.bytes.get(self.at).ok_or("the wasm ends early")?;
        self.at += 1;
        Ok(byte)
    }

    fn take(&mut self, length: usize) -> Result<&'a [u8]> {
        let bytes = self.bytes.get(self.at..self.at + length).ok_or("the wasm ends early")?;
        self.at += length;
        Ok(bytes)
    }

    fn leb128(&mut self) -> Result<u64> {
        let (mut value, mut shift) = (0u64, 0);
        loop {
            let byte = self.byte()?;
            if shift >= 64 {
                return Err("a number in the wasm is too long".into());
            }
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
            shift += 7;
        }
    }

    fn name(&mut self) -> Result<String> {
        let length = self.leb128()? as usize;
        Ok(String::from_utf8(self.take(length)?.to_vec()).map_err(|_| "a name in the wasm is not UTF-8")?)
    }

    fn limits(&mut self) -> Result<()> {
        let flags = self.byte()?;
        self.leb128()?;
        if flags & 1 != 0 {
            self.leb128()?;
        }
        Ok(())
    }
}

fn leb128(mut value: u64) -> Vec<u8> {
    let mut bytes = Vec::new();
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            bytes.push(byte);
            return bytes;
        }
        bytes.push(byte | 0x80);
    }
}

fn write_name(out: &mut Vec<u8>, name: &str) {
    out.extend(leb128(name.len() as u64));
    out.extend_from_slice(name.as_bytes());
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

    /// A module importing `imports` (module, name, kind 0 = function of type 0, 2 = memory),
    /// followed by a custom section.
    fn module(imports: &[(&str, &str, u8)]) -> Vec<u8> {
        let mut section = leb128(imports.len() as u64);
        for (module, name, kind) in imports {
            write_name(&mut section, module);
            write_name(&mut section, name);
            match kind {
                0 => section.extend([0, 0]),
                _ => section.extend([2, 1, 1, 200, 1]),
            }
        }
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend([1, 4, 1, 0x60, 0, 0]);
        wasm.push(IMPORT_SECTION);
        wasm.extend(leb128(section.len() as u64));
        wasm.extend(section);
        wasm.extend([0, 4, 3, b'a', b'b', b'c']);
        wasm
    }

    #[test]
    fn the_glue_s_imports_get_short_names_in_both_files() {
        let mut wasm = module(&[
            ("./glue_bg.js", "__wbg_setAttribute_f75317b2b5cabfb4", 0),
            ("./glue_bg.js", "__wbg_get_0123456789abcdef", 0),
            ("./loader.js", "__wasm_split_load_x", 0),
            ("./glue_bg.js", "memory", 2),
        ]);
        let mut glue = String::from(
            "const i={__wbg_setAttribute_f75317b2b5cabfb4:function(e,t){e.setAttribute(t)},\
             __wbg_get_0123456789abcdef:function(e){return e.__wbg_ptr}};",
        );
        assert_eq!(shorten_import_names(&mut wasm, &mut glue, "./glue_bg.js").unwrap(), 2);
        assert_eq!(glue, "const i={a:function(e,t){e.setAttribute(t)},b:function(e){return e.__wbg_ptr}};");
        let names: Vec<(String, String)> = Sections::read(&wasm)
            .unwrap()
            .imports()
            .unwrap()
            .unwrap()
            .into_iter()
            .map(|import| (import.module, import.name))
            .collect();
        let expected = [
            ("./glue_bg.js", "a"),
            ("./glue_bg.js", "b"),
            ("./loader.js", "__wasm_split_load_x"),
            ("./glue_bg.js", "memory"),
        ];
        assert_eq!(names, expected.map(|(module, name)| (module.to_string(), name.to_string())));
        assert!(wasm.ends_with(&[0, 4, 3, b'a', b'b', b'c']), "the other sections are as they were");
        assert!(wasm.starts_with(&module(&[])[..14]), "the header and the type section too");
    }

    #[test]
    fn a_name_the_glue_holds_other_than_once_is_kept() {
        let mut wasm = module(&[("./g.js", "__wbg_twice_01", 0), ("./g.js", "__wbg_once_02", 0)]);
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
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        let mut glue = String::from("x");
        assert_eq!(shorten_import_names(&mut wasm, &mut glue, "./g.js").unwrap(), 0);
        assert!(Sections::read(b"nope").is_err());
    }
}
