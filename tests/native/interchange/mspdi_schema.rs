//! The exported MSPDI file against the structure MS Project expects: the sequences of
//! the Project 2007 schema (mspdi_pj12.xsd, from Microsoft's schema reference under
//! tests/fixtures/mspdi/schema; see the README there for its source and licence).
//! Every element written is one the schema has at that place, in the order of its
//! sequence, and the elements the schema requires are there.

use std::collections::HashMap;

use quick_xml::events::Event;
use quick_xml::Reader;

use planwright::file::mspdi;
use planwright::model::generate::program_plan;

use super::{example_plan, fixture};

/// One element's sequence in the schema: its children in order, and which are required.
#[derive(Default, Debug)]
struct Sequence {
    children: Vec<String>,
    required: Vec<String>,
}

/// The schema's sequences by element path ("Project/Tasks/Task/PredecessorLink"). Each
/// schema file holds one part; `prefix` is the path above its top element.
fn sequences() -> HashMap<String, Sequence> {
    let mut sequences = HashMap::new();
    for (file, prefix) in [
        ("project", ""),
        ("calendars", "Project/"),
        ("tasks", "Project/"),
        ("resources", "Project/"),
        ("assignments", "Project/"),
    ] {
        read_schema(&fixture(&format!("mspdi/schema/{file}.xsd")), prefix, &mut sequences);
    }
    sequences
}

fn read_schema(text: &str, prefix: &str, sequences: &mut HashMap<String, Sequence>) {
    let mut reader = Reader::from_str(text);
    // The open xsd elements: ("element", its path) or (the tag, "").
    let mut open: Vec<(String, String)> = Vec::new();
    loop {
        let event = reader.read_event().expect("the schema is well-formed");
        let (element, is_empty) = match &event {
            Event::Start(element) => (element.clone(), false),
            Event::Empty(element) => (element.clone(), true),
            Event::End(_) => {
                open.pop();
                continue;
            }
            Event::Eof => return,
            _ => continue,
        };
        let tag = element.local_name().as_ref().to_string();
        let attribute =
            |key: &str| element.attributes().flatten().find(|a| a.key.as_ref() == key).map(|a| a.value.to_string());
        let mut path = String::new();
        if let (true, Some(name)) = (tag == "element", attribute("name")) {
            let parent = open.iter().rev().find(|(kind, _)| kind == "element").map(|(_, path)| path.clone());
            let in_sequence =
                open.iter().rev().find(|(kind, _)| kind == "element" || kind == "sequence" || kind == "choice");
            path = match &parent {
                Some(parent) => format!("{parent}/{name}"),
                None => format!("{prefix}{name}"),
            };
            if let (Some(parent), Some((kind, _))) = (parent, in_sequence) {
                if kind == "sequence" || kind == "choice" {
                    let sequence: &mut Sequence = sequences.entry(parent).or_default();
                    sequence.children.push(name.clone());
                    if kind == "sequence" && attribute("minOccurs").as_deref() != Some("0") {
                        sequence.required.push(name);
                    }
                }
            }
        }
        if !is_empty {
            open.push((tag, path));
        }
    }
}

/// Every element of a document with its path and its children's names, in order.
fn elements(text: &str) -> Vec<(String, Vec<String>)> {
    let mut reader = Reader::from_str(text);
    let mut open: Vec<(String, Vec<String>)> = Vec::new();
    let mut done = Vec::new();
    loop {
        match reader.read_event().expect("the export is well-formed XML") {
            Event::Start(element) => {
                let name = element.local_name().as_ref().to_string();
                let path = match open.last_mut() {
                    Some((parent, children)) => {
                        children.push(name.clone());
                        format!("{parent}/{name}")
                    }
                    None => name,
                };
                open.push((path, Vec::new()));
            }
            Event::End(_) => done.push(open.pop().expect("balanced")),
            Event::Empty(_) => panic!("the export writes no empty elements"),
            Event::Eof => return done,
            _ => {}
        }
    }
}

fn check_against_schema(text: &str) {
    let sequences = sequences();
    assert!(sequences.contains_key("Project/Tasks/Task"), "the schema was read: {:?}", sequences.keys());
    for (path, children) in elements(text) {
        let Some(sequence) = sequences.get(&path) else {
            assert!(children.is_empty(), "{path} has children but the schema has no sequence for it");
            continue;
        };
        let mut last = 0;
        for child in &children {
            let position = sequence.children.iter().position(|name| name == child);
            let position =
                position.unwrap_or_else(|| panic!("{path} has <{child}>, which the schema does not have there"));
            assert!(
                position >= last,
                "{path}: <{child}> comes after <{}>, against the schema's order",
                sequence.children[last]
            );
            last = position;
        }
        for required in &sequence.required {
            assert!(children.contains(required), "{path} lacks <{required}>, which the schema requires");
        }
    }
}

#[test]
fn the_export_follows_the_schemas_sequences_and_has_its_required_elements() {
    check_against_schema(&mspdi::write(&example_plan()));
    check_against_schema(&mspdi::write(&program_plan(300)));
}

#[test]
fn an_export_of_an_imported_real_file_follows_the_schema_too() {
    let imported = mspdi::read(&fixture("mspdi/msproject-2007-task-baselines.xml")).unwrap();
    check_against_schema(&mspdi::write(&imported.plan));
}

#[test]
fn predecessor_links_come_after_every_other_field_of_a_task_but_its_baseline() {
    let text = mspdi::write(&example_plan());
    for (path, children) in elements(&text) {
        if path != "Project/Tasks/Task" {
            continue;
        }
        let Some(first_link) = children.iter().position(|name| name == "PredecessorLink") else { continue };
        let after: Vec<&String> = children[first_link..].iter().filter(|name| *name != "PredecessorLink").collect();
        assert!(after.iter().all(|name| *name == "Baseline"), "{children:?}");
    }
}
