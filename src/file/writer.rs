//! Writing the plan file: serde_json with one formatter that lays it out either pretty
//! (exported files: two-space indentation, so a one-field change is a one-line diff) or
//! compact (local storage: about 40% smaller). One formatter type for both layouts keeps
//! one copy of the derived writers in the WebAssembly.

use std::io;

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

use super::{CURRENT_VERSION, FORMAT};
use crate::model::Plan;

/// The plan file's envelope, as written.
#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    version: u64,
    plan: &'a Plan,
}

/// The plan as an exported file: pretty-printed, fields in a fixed order, a newline at
/// the end. The same plan always gives the same bytes.
pub fn to_json(plan: &Plan) -> String {
    let mut text = write(plan, Layout::pretty());
    text.push('\n');
    text
}

/// The plan as local storage keeps it: the same file without indentation or line breaks,
/// read back by the same `parse`.
pub fn to_json_compact(plan: &Plan) -> String {
    write(plan, Layout::Compact(CompactFormatter))
}

/// The length in bytes of `to_json(plan)`. It is written to find out: counting the bytes
/// as they are written would need the derived writers a second time in the WebAssembly
/// (one copy per kind of output), about 5 KB of the first download, for a check that runs
/// only on files of more than 16 MB.
pub(crate) fn written_length(plan: &Plan) -> usize {
    to_json(plan).len()
}

fn write(plan: &Plan, layout: Layout) -> String {
    // About 190 bytes a task pretty-printed, the bulk of a big plan.
    let mut bytes = Vec::with_capacity(4096 + plan.tasks.len() * 200 + plan.dependencies.len() * 120);
    serialize(plan, &mut bytes, layout);
    // serde_json writes UTF-8 only.
    String::from_utf8(bytes).unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}

fn serialize(plan: &Plan, out: &mut Vec<u8>, layout: Layout) {
    let envelope = Envelope { format: FORMAT, version: CURRENT_VERSION, plan };
    let mut serializer = serde_json::Serializer::with_formatter(out, layout);
    // The plan's types serialize without fail (string keys only, no floats) and both
    // writers here cannot fail.
    envelope.serialize(&mut serializer).expect("a plan always serializes to memory");
}

/// serde_json's pretty or compact layout, chosen at run time.
enum Layout {
    Pretty(PrettyFormatter<'static>),
    Compact(CompactFormatter),
}

impl Layout {
    fn pretty() -> Self {
        Self::Pretty(PrettyFormatter::with_indent(b"  "))
    }
}

/// Each call goes to the chosen layout; the calls not listed write values, the same in both.
macro_rules! by_layout {
    ($($method:ident($($argument:ident: $type:ty),*);)*) => {
        $(
            fn $method<W: ?Sized + io::Write>(&mut self, writer: &mut W $(, $argument: $type)*) -> io::Result<()> {
                match self {
                    Self::Pretty(formatter) => formatter.$method(writer $(, $argument)*),
                    Self::Compact(formatter) => formatter.$method(writer $(, $argument)*),
                }
            }
        )*
    };
}

impl Formatter for Layout {
    by_layout! {
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        begin_object_value();
        end_object_value();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::generate::program_plan;

    #[test]
    fn the_compact_file_is_the_pretty_one_without_layout() {
        let plan = program_plan(40);
        let compact = to_json_compact(&plan);
        assert!(!compact.contains('\n'));
        assert!(compact.len() * 10 < to_json(&plan).len() * 7, "at least 30% smaller");
        let pretty_value: serde_json::Value = serde_json::from_str(&to_json(&plan)).unwrap();
        let compact_value: serde_json::Value = serde_json::from_str(&compact).unwrap();
        assert_eq!(pretty_value, compact_value);
    }
}
