//! A plan read in a worker and built on the page in pieces (`file::parse_into_pieces`,
//! `file::pieces::PlanAssembly`) is exactly the plan `file::parse` reads, however many
//! elements each step reads; broken pieces give an error, never a panic.

use crate::common;

use crate::common::{generated_plan, sample_plan};
use planwright::file::pieces::{PlanAssembly, PlanPieces};
use planwright::file::{parse, parse_into_pieces, to_json};
use planwright::model::Plan;

/// The plan built from the pieces of `text`, sent as words, `step` elements at a time.
fn assembled(text: &str, step: usize) -> Plan {
    let pieces = parse_into_pieces(text).expect("a valid file");
    let sent = PlanPieces::from_words(pieces.json.clone(), &pieces.to_words()).expect("the words read back");
    assert_eq!(sent, pieces, "the words carry every position");
    let mut assembly = PlanAssembly::new(sent).expect("the plan's outline reads");
    let (_, total) = assembly.progress();
    let mut steps = 0;
    while !assembly.read_some(step).expect("every element reads") {
        steps += 1;
        assert!(steps <= total, "each step reads at least one element");
    }
    assert_eq!(assembly.progress(), (total, total));
    assembly.finish().expect("every element is read")
}

fn fixture(folder: &str, name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(folder).join(name);
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn every_accepted_fixture_builds_from_its_pieces_into_the_plan_parse_reads() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/accept");
    let mut names: Vec<String> =
        std::fs::read_dir(folder).unwrap().map(|entry| entry.unwrap().file_name().to_string_lossy().into()).collect();
    names.sort();
    assert!(names.len() >= 5, "the fixtures are found");
    for name in names {
        let text = fixture("accept", &name);
        let expected = parse(&text).unwrap_or_else(|error| panic!("{name}: {error}"));
        for step in [1, 3, 1000] {
            assert!(assembled(&text, step) == expected, "{name}, {step} at a time");
        }
    }
}

#[test]
fn generated_and_sample_plans_build_from_their_pieces_unchanged() {
    for plan in [sample_plan(), generated_plan(300, 7), planwright::model::generate::program_plan(2_000)] {
        let text = to_json(&plan);
        for step in [1, 7, 500, usize::MAX] {
            assert!(assembled(&text, step) == plan, "{} tasks, {step} at a time", plan.tasks.len());
        }
    }
}

#[test]
fn an_empty_plan_has_nothing_to_read_after_its_outline() {
    let text = to_json(&common::empty_plan());
    let pieces = parse_into_pieces(&text).unwrap();
    assert_eq!(pieces.element_count(), 0);
    let mut assembly = PlanAssembly::new(pieces).unwrap();
    assert!(assembly.read_some(1).unwrap(), "nothing is left to read");
    assert_eq!(assembly.finish().unwrap(), common::empty_plan());
}

#[test]
fn a_file_with_a_byte_order_mark_and_compact_json_builds_from_its_pieces() {
    let text = format!("\u{feff}{}", fixture("accept", "full.compact.json"));
    assert!(assembled(&text, 2) == parse(&text).unwrap());
}

#[test]
fn a_refused_file_gives_the_same_error_in_pieces_as_parse() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reject");
    let mut checked = 0;
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        if path.extension().is_some_and(|extension| extension == "json") {
            let expected = parse(&text).expect_err("a rejected fixture");
            let error = parse_into_pieces(&text).expect_err("refused in pieces too");
            assert_eq!(error.to_string(), expected.to_string(), "{}", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 10, "the fixtures are found ({checked})");
}

#[test]
fn an_oversized_file_is_refused_by_its_size_with_the_message_of_parse() {
    let bytes = planwright::file::MAX_FILE_BYTES + 1;
    let by_size = planwright::file::check_size(bytes).expect_err("over the cap");
    assert_eq!(by_size.to_string(), parse(&" ".repeat(bytes)).expect_err("over the cap").to_string());
    assert!(by_size.to_string().contains("64.0 MB; Planwright reads plan files up to 64 MB"), "{by_size}");
    assert!(planwright::file::check_size(planwright::file::MAX_FILE_BYTES).is_ok());
}

#[test]
fn positions_that_do_not_fit_the_plan_are_an_error_not_a_panic() {
    let text = to_json(&sample_plan());
    let pieces = parse_into_pieces(&text).unwrap();
    let words = pieces.to_words();
    let length = pieces.json.len() as u32;
    let mut broken: Vec<Vec<u32>> = vec![
        words[..words.len() - 1].to_vec(), // cut short
        vec![99, 0, 1, 0],                 // no such list
        vec![1, 0, length + 5, 0],         // past the end
        vec![1, 10, 5, 0],                 // ends before it starts
        vec![1, 0, 10, 1, 5, 20],          // an element outside its list
    ];
    // Two lists out of order.
    let mut swapped = words.clone();
    swapped[1] = length - 2;
    swapped[2] = length - 1;
    broken.push(swapped);
    for words in broken {
        assert!(PlanPieces::from_words(pieces.json.clone(), &words).is_err(), "{words:?}");
    }
    // Positions that fit but cut an element in the middle: it does not read.
    let mut cut = pieces.clone();
    let mut words = cut.to_words();
    words[5] -= 3; // the first element's end
    cut = PlanPieces::from_words(cut.json, &words).unwrap();
    let mut assembly = PlanAssembly::new(cut).unwrap();
    assert!(assembly.read_some(1).is_err());
    // Text that is not UTF-8 where an element is.
    let mut bad_text = pieces.clone();
    let first_element_start = pieces.to_words()[4] as usize;
    bad_text.json[first_element_start + 1] = 0xff;
    assert!(PlanAssembly::new(bad_text).and_then(|mut assembly| assembly.read_some(10)).is_err());
}
