//! The Excel workbook, read back with calamine: its sheets, header rows, dates as
//! real dates and frozen panes; and the CSV exports, which must never start with `ID`
//! (Excel takes such a file for SYLK and refuses to open it).

use std::io::{Cursor, Read};

use calamine::{open_workbook_from_rs, Data, DataType, Reader, Xlsx};
use chrono::NaiveDate;

use planwright::file::{raci_csv, risks_csv, xlsx};
use planwright::schedule;

use super::example_plan;

fn workbook_bytes() -> Vec<u8> {
    let plan = example_plan();
    let schedule = schedule::compute(&plan).unwrap();
    xlsx::workbook(&plan, &schedule, NaiveDate::from_ymd_opt(2027, 1, 11).unwrap())
}

#[test]
fn the_workbook_has_the_timeline_raci_and_risk_sheets_with_header_rows_and_real_dates() {
    let plan = example_plan();
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(workbook_bytes())).unwrap();
    assert_eq!(workbook.sheet_names(), ["Timeline", "RACI", "Risks"]);
    let timeline = workbook.worksheet_range("Timeline").unwrap();
    assert_eq!(timeline.get((0, 2)), Some(&Data::String("Task".into())));
    assert_eq!(timeline.height(), plan.tasks.len() + 1);
    let start = timeline.get((1, 5)).unwrap();
    assert!(matches!(start, Data::DateTime(_)), "a date cell: {start:?}");
    assert_eq!(start.as_date(), Some(plan.start));
    let raci = workbook.worksheet_range("RACI").unwrap();
    assert_eq!(raci.get((0, 0)), Some(&Data::String("WBS".into())));
    let risks = workbook.worksheet_range("Risks").unwrap();
    assert_eq!(risks.get((0, 0)), Some(&Data::String("Risk ID".into())));
    assert_eq!(risks.height(), plan.risks.len() + 1);
}

#[test]
fn every_sheet_freezes_its_header_row() {
    let bytes = workbook_bytes();
    let mut archive = zip_entries(&bytes);
    for sheet in 1..=3 {
        let xml = archive(&format!("xl/worksheets/sheet{sheet}.xml"));
        assert!(xml.contains("state=\"frozen\"") && xml.contains("ySplit=\"1\""), "sheet {sheet}: {xml:.400}");
    }
}

/// Reads a file of the xlsx (a zip) by name.
fn zip_entries(bytes: &[u8]) -> impl FnMut(&str) -> String + '_ {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    move |name| {
        let mut text = String::new();
        archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
        text
    }
}

#[test]
fn no_csv_export_starts_with_id_which_excel_reads_as_sylk() {
    let plan = example_plan();
    for (name, text) in [("RACI", raci_csv(&plan)), ("risks", risks_csv(&plan))] {
        assert!(!text.starts_with("ID"), "the {name} CSV starts with ID: {:.40}", text);
    }
}
