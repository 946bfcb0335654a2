//! A wasm module's imports, read with wasmparser and renamed with wasm-encoder. Renaming
//! writes a new import section and copies every other section byte for byte, so nothing
//! the rename does not mean to change can change (the code, the data, the custom sections).

use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasmparser::{Encoding, ImportSectionReader, Parser, Payload, TypeRef};

use crate::Result;

/// One import of a module, as the module spells it.
#[derive(Clone)]
pub struct Import {
    pub module: String,
    pub name: String,
    pub is_function: bool,
}

impl From<&wasmparser::Import<'_>> for Import {
    fn from(import: &wasmparser::Import<'_>) -> Self {
        Self {
            module: import.module.to_owned(),
            name: import.name.to_owned(),
            is_function: matches!(import.ty, TypeRef::Func(_) | TypeRef::FuncExact(_)),
        }
    }
}

/// The module's imports in their order (none if it has no import section).
pub fn imports(wasm: &[u8]) -> Result<Vec<Import>> {
    for payload in Parser::new(0).parse_all(wasm) {
        if let Payload::ImportSection(reader) = payload.map_err(unreadable)? {
            return reader.into_imports().map(|import| Ok(Import::from(&import.map_err(unreadable)?))).collect();
        }
    }
    Ok(Vec::new())
}

/// The module with each import's module and name replaced by what `rename` returns for it
/// (`None` keeps the import as it is).
pub fn with_imports_renamed(wasm: &[u8], mut rename: impl FnMut(&Import) -> Option<Import>) -> Result<Vec<u8>> {
    let mut module = wasm_encoder::Module::new();
    for payload in Parser::new(0).parse_all(wasm) {
        match payload.map_err(unreadable)? {
            Payload::Version { encoding: Encoding::Component, .. } => {
                return Err("the wasm is a component, not a module".into());
            }
            Payload::ImportSection(reader) => {
                module.section(&renamed_imports(reader, &mut rename)?);
            }
            other => {
                if let Some((id, range)) = other.as_section() {
                    let data = &wasm[range.start as usize..range.end as usize];
                    module.section(&wasm_encoder::RawSection { id, data });
                }
            }
        }
    }
    Ok(module.finish())
}

fn renamed_imports(
    reader: ImportSectionReader<'_>,
    rename: &mut impl FnMut(&Import) -> Option<Import>,
) -> Result<wasm_encoder::ImportSection> {
    let mut section = wasm_encoder::ImportSection::new();
    for import in reader.into_imports() {
        let import = import.map_err(unreadable)?;
        let ty = RoundtripReencoder
            .entity_type(import.ty)
            .map_err(|error| format!("an import of the wasm cannot be written again: {error}"))?;
        let current = Import::from(&import);
        let Import { module, name, .. } = rename(&current).unwrap_or(current);
        section.import(&module, &name, ty);
    }
    Ok(section)
}

fn unreadable(error: wasmparser::BinaryReaderError) -> String {
    format!("the wasm cannot be read: {error}")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use wasm_encoder::{CustomSection, EntityType, ImportSection, MemoryType, Module, TypeSection};

    /// A module with one function type, importing `imports` (module, name, and whether a
    /// function of that type or else a memory), followed by a custom section.
    pub(crate) fn module(imports: &[(&str, &str, bool)]) -> Vec<u8> {
        let mut types = TypeSection::new();
        types.ty().function([], []);
        let mut section = ImportSection::new();
        for &(module, name, is_function) in imports {
            let memory =
                MemoryType { minimum: 1, maximum: Some(200), memory64: false, shared: false, page_size_log2: None };
            section.import(
                module,
                name,
                if is_function { EntityType::Function(0) } else { EntityType::Memory(memory) },
            );
        }
        let mut wasm = Module::new();
        wasm.section(&types).section(&section);
        wasm.section(&CustomSection { name: "abc".into(), data: b"xyz".into() });
        wasm.finish()
    }

    /// Every section but the imports, by id, with its bytes.
    pub(crate) fn other_sections(wasm: &[u8]) -> Vec<(u8, Vec<u8>)> {
        Parser::new(0)
            .parse_all(wasm)
            .filter_map(|payload| payload.unwrap().as_section())
            .filter(|(id, _)| *id != wasm_encoder::SectionId::Import as u8)
            .map(|(id, range)| (id, wasm[range.start as usize..range.end as usize].to_vec()))
            .collect()
    }

    #[test]
    fn imports_are_read_in_order_with_their_kind() {
        let wasm = module(&[("./g.js", "f", true), ("./g.js", "memory", false)]);
        let names: Vec<(String, String, bool)> = imports(&wasm)
            .unwrap()
            .into_iter()
            .map(|import| (import.module, import.name, import.is_function))
            .collect();
        assert_eq!(names, [("./g.js".into(), "f".into(), true), ("./g.js".into(), "memory".into(), false)]);
        assert!(imports(b"nope").is_err());
        assert!(imports(&Module::new().finish()).unwrap().is_empty());
    }

    #[test]
    fn renaming_changes_only_the_names_it_is_given() {
        let wasm = module(&[("./g.js", "long_name", true), ("./loader.js", "load", true), ("./g.js", "memory", false)]);
        let renamed = with_imports_renamed(&wasm, |import| {
            (import.module == "./g.js" && import.is_function).then(|| Import { name: "a".into(), ..import.clone() })
        })
        .unwrap();
        let names: Vec<String> =
            imports(&renamed).unwrap().into_iter().map(|import| format!("{} {}", import.module, import.name)).collect();
        assert_eq!(names, ["./g.js a", "./loader.js load", "./g.js memory"]);
        assert_eq!(other_sections(&renamed), other_sections(&wasm), "the other sections are as they were");
        assert_eq!(with_imports_renamed(&wasm, |_| None).unwrap(), wasm, "no rename, the same bytes");
    }
}
