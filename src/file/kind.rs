//! Which reader a chosen or dropped file goes to, told by its first bytes rather than by
//! its name alone: a plan file sent as `plan.txt` or an MS Project file saved as
//! `export.XML` still opens, and an XML file that is not MS Project's goes to the MS
//! Project reader, which says what it is instead.

/// How many bytes of a file `kind_of` needs to see.
pub const HEAD_BYTES: usize = 512;

/// The kinds of file Planwright opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A Planwright plan file (JSON): `file::parse`.
    Plan,
    /// An XML file, read as MS Project XML: `file::mspdi::read`.
    MsProject,
    /// A table of rows: `file::csv_import`, with the mapping step.
    Csv,
}

/// The kind of a file from its name and its first bytes (`HEAD_BYTES` are enough). XML
/// (a `<` first, after a byte-order mark and blank space) is MS Project's; JSON (`{` or
/// `[`) is a plan; anything else named `.csv`, `.tsv` or `.txt` is a table. The rest
/// goes to the plan reader, which explains what it found.
pub fn kind_of(file_name: &str, head: &[u8]) -> FileKind {
    let head = head.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(head);
    let first = head.iter().find(|byte| !byte.is_ascii_whitespace());
    let extension = file_name.rsplit_once('.').map(|(_, extension)| extension.to_ascii_lowercase());
    match (first, extension.as_deref()) {
        (Some(b'<'), _) => FileKind::MsProject,
        (Some(b'{' | b'['), _) => FileKind::Plan,
        (_, Some("csv" | "tsv" | "txt")) => FileKind::Csv,
        // UTF-16 text (Excel's "Unicode text"): the CSV reader says how to save it.
        _ if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) => FileKind::Csv,
        _ => FileKind::Plan,
    }
}
