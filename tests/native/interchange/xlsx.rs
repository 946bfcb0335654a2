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

/// The sample plan with a RAID log and a budget, as a workbook of 2027-01-06.
fn raid_workbook() -> Xlsx<Cursor<Vec<u8>>> {
    let plan = crate::common::raid_plan();
    let schedule = schedule::compute(&plan).unwrap();
    let day = NaiveDate::from_ymd_opt(2027, 1, 6).unwrap();
    let budget = planwright::report::budget_table(&plan, &schedule, plan.baselines.last(), day);
    let bytes = xlsx::workbook_with_budget(&plan, &schedule, day, Some(&budget));
    open_workbook_from_rs(Cursor::new(bytes)).unwrap()
}

#[test]
fn a_plan_with_a_log_and_a_budget_gains_a_sheet_for_each_after_the_others() {
    let mut workbook = raid_workbook();
    assert_eq!(workbook.sheet_names(), ["Timeline", "RACI", "Risks", "Assumptions", "Issues", "Decisions", "Budget"]);
    let assumptions = workbook.worksheet_range("Assumptions").unwrap();
    assert_eq!(assumptions.get((0, 0)), Some(&Data::String("Assumption ID".into())));
    assert_eq!(assumptions.get((1, 2)), Some(&Data::String("Grace Hopper".into())));
    let validate_by = assumptions.get((1, 4)).unwrap();
    assert!(matches!(validate_by, Data::DateTime(_)), "a date cell: {validate_by:?}");
    assert_eq!(validate_by.as_date(), NaiveDate::from_ymd_opt(2027, 1, 20));
    assert_eq!(assumptions.get((2, 4)), Some(&Data::Empty), "no date: an empty cell");
    let decisions = workbook.worksheet_range("Decisions").unwrap();
    assert_eq!(decisions.height(), 3);
}

#[test]
fn budget_amounts_are_numbers_whose_value_is_the_exact_amount() {
    let plan = crate::common::raid_plan();
    let mut workbook = raid_workbook();
    let budget = workbook.worksheet_range("Budget").unwrap();
    assert_eq!(budget.height(), plan.tasks.len() + 2 + 1 + 1, "tasks, two workstreams, the plan, headings");
    let cents = |row: usize, column: usize| match budget.get((row, column)) {
        Some(Data::Float(value)) => (value * 100.0).round() as i64,
        other => panic!("({row}, {column}) is not a number: {other:?}"),
    };
    // T3 (row 3): planned 5,200.00, BAC 5,200.00, PV 3,120.00, EV 2,080.00, AC 2,500.00, CV -420.00.
    assert_eq!(
        [3, 5, 6, 7, 8, 9].map(|column| cents(3, column)),
        [520_000, 520_000, 312_000, 208_000, 250_000, -42_000]
    );
    let Some(Data::Float(value)) = budget.get((3, 9)) else { unreachable!() };
    assert_eq!(*value, -420.0, "the double of the exact decimal, as Excel keeps a typed amount");
    let total = budget.height() - 1;
    assert_eq!(cents(total, 4), 5_000_000, "the plan's budget");
    assert!(matches!(budget.get((total, 11)), Some(Data::Float(_))), "CPI as a number");
}

#[test]
fn a_plan_without_a_log_or_budget_gives_the_same_three_sheets() {
    let with = crate::common::raid_plan();
    let mut without = with.clone();
    without.assumptions.clear();
    without.issues.clear();
    without.decisions.clear();
    without.budget = planwright::model::Budget::default();
    let day = NaiveDate::from_ymd_opt(2027, 1, 6).unwrap();
    let open = |plan: &planwright::model::Plan| -> (Vec<u8>, Xlsx<Cursor<Vec<u8>>>) {
        let schedule = schedule::compute(plan).unwrap();
        let budget = planwright::report::budget_table(plan, &schedule, plan.baselines.last(), day);
        let bytes = xlsx::workbook_with_budget(plan, &schedule, day, Some(&budget));
        (bytes.clone(), open_workbook_from_rs(Cursor::new(bytes)).unwrap())
    };
    let ((without_bytes, mut old), (_, mut new)) = (open(&without), open(&with));
    assert_eq!(old.sheet_names(), ["Timeline", "RACI", "Risks"], "no budget sheet for a budget not set");
    let schedule = schedule::compute(&without).unwrap();
    assert_eq!(without_bytes, xlsx::workbook(&without, &schedule, day), "the same bytes as the plain workbook");
    for sheet in ["Timeline", "RACI", "Risks"] {
        assert_eq!(old.worksheet_range(sheet).unwrap(), new.worksheet_range(sheet).unwrap(), "{sheet}");
    }
}
