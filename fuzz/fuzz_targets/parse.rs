//! `planwright::file::parse` on any bytes (read as lossy UTF-8, as a browser reads a
//! dropped file). It must never panic; a refusal must name at least one problem, each
//! with a message and a place fitting its kind (a syntax error a line and a column from
//! 1, a structure or rule error a JSON path); whatever it accepts must be written by
//! `to_json` and read back unchanged. tests/native/properties.rs checks the same, with proptest.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planwright::file::{parse, to_json, FileErrorKind};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match parse(&text) {
        Ok(plan) => {
            let written = to_json(&plan);
            let again = parse(&written).expect("a plan parse accepted, written by to_json, is read back");
            assert!(again == plan, "an accepted plan changed when written and read back");
        }
        Err(error) => {
            assert!(!error.problems.is_empty(), "a refusal without a problem");
            for problem in &error.problems {
                assert!(!problem.message.trim().is_empty(), "a problem without a message: {error:?}");
                assert!(problem.path.as_ref().is_none_or(|path| !path.is_empty()), "an empty path: {error:?}");
                assert!(problem.column.is_none_or(|column| column >= 1), "column 0: {error:?}");
                match error.kind {
                    FileErrorKind::Syntax => {
                        assert!(problem.line.is_some() && problem.column.is_some(), "no line: {error:?}")
                    }
                    FileErrorKind::Structure | FileErrorKind::Invalid | FileErrorKind::NewerVersion => {
                        assert!(problem.path.is_some(), "no path: {error:?}")
                    }
                    _ => {}
                }
            }
        }
    }
});
