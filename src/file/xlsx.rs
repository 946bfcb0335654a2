//! The plan as an Excel workbook, for everyone who does not use Planwright: the
//! timeline grid (outline, dates, float, critical, baseline variance), the RACI matrix
//! and the risk register, one sheet each, with a header row, frozen panes and dates as
//! real dates; then, only when the plan has them, its assumptions, issues and decisions
//! (a sheet per kind that has entries), and, when given one, its budget with earned value
//! (`workbook_with_budget`; the table comes from `report::budget_table`, as earned value
//! is a layer above this one). A plan without them gives the same workbook as before.
//! Written with rust_xlsxwriter, in the browser too (a part fetched on demand).
//!
//! **Amounts.** The Budget sheet writes each amount as a number cell whose value is the
//! integer count of minor units divided once by the currency's unit (100 for EUR, 1 for
//! JPY): the double nearest the exact decimal amount, which is the value Excel stores for
//! that amount typed by hand, so cells add up as a spreadsheet user expects. Its number
//! format has the currency's decimals. Any amount up to `Money::MAX` (10^15 minor units)
//! is a whole number below 2^53, exact in a double before the division, and has at most
//! 15 significant digits besides trailing zeros, which Excel shows exactly: such a cell
//! shows its amount to the last minor unit. (Only a sum of several amounts that large
//! could pass it; the CSV export, `budget_csv`, writes every amount as exact text.) CPI
//! and SPI are numbers of hundredths ÷ 100, as the CSV shows them.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::budget_export::BudgetTable;
use super::log_export::{log_table, LogCell};
use super::raci_export::raci_table;
use crate::model::budget::{minor_digits, Money};
use crate::model::outline::outline;
use crate::model::risk::{register_order, RiskBand};
use crate::model::{LogKind, Plan};
use crate::schedule::{finish_variance, Schedule};

/// The timeline sheet's columns; the first three stay in view as it scrolls.
const TIMELINE_HEADINGS: [&str; 13] = [
    "WBS",
    "Task ID",
    "Task",
    "Kind",
    "Duration (days)",
    "Start",
    "Finish",
    "Total float (days)",
    "Critical",
    "Progress (%)",
    "Baseline start",
    "Baseline finish",
    "Finish variance (days)",
];
/// Excel keeps at most this many characters in a cell.
const CELL_CHARACTERS: usize = 32_767;

/// The workbook's bytes (an .xlsx file). `today` dates the document, which keeps the
/// same plan's workbook the same on one day.
pub fn workbook(plan: &Plan, schedule: &Schedule, today: chrono::NaiveDate) -> Vec<u8> {
    workbook_with_budget(plan, schedule, today, None)
}

/// The workbook with a Budget sheet last, when `budget` is given (and the plan has a
/// budget set): `report::budget_table` of the plan, typically against the baseline in
/// use as of `today`.
pub fn workbook_with_budget(
    plan: &Plan,
    schedule: &Schedule,
    today: chrono::NaiveDate,
    budget: Option<&BudgetTable>,
) -> Vec<u8> {
    build(plan, schedule, today, budget).expect("sheet names, sizes and formats are fixed and valid")
}

fn build(
    plan: &Plan,
    schedule: &Schedule,
    today: chrono::NaiveDate,
    budget: Option<&BudgetTable>,
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&DocProperties::new().set_title(&plan.name).set_creation_datetime(&excel_date(today)?));
    let formats = Formats::new();
    timeline_sheet(workbook.add_worksheet(), plan, schedule, &formats)?;
    raci_sheet(workbook.add_worksheet(), plan, &formats)?;
    risk_sheet(workbook.add_worksheet(), plan, &formats)?;
    for kind in LogKind::ALL {
        if log_table(plan, kind).1.is_empty() {
            continue;
        }
        log_sheet(workbook.add_worksheet(), plan, kind, &formats)?;
    }
    if let Some(table) = budget.filter(|_| !plan.budget.is_unset()) {
        budget_sheet(workbook.add_worksheet(), table, &formats)?;
    }
    workbook.save_to_buffer()
}

struct Formats {
    heading: Format,
    date: Format,
}

impl Formats {
    fn new() -> Self {
        Self { heading: Format::new().set_bold(), date: Format::new().set_num_format("yyyy-mm-dd") }
    }
}

fn excel_date(date: chrono::NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    use chrono::Datelike;
    ExcelDateTime::from_ymd(date.year() as u16, date.month() as u8, date.day() as u8)
}

fn headings(sheet: &mut Worksheet, names: &[String], formats: &Formats, frozen_columns: u16) -> Result<(), XlsxError> {
    for (column, name) in names.iter().enumerate() {
        sheet.write_string_with_format(0, column as u16, name, &formats.heading)?;
    }
    sheet.set_freeze_panes(1, frozen_columns)?;
    Ok(())
}

fn text(sheet: &mut Worksheet, row: u32, column: u16, value: &str) -> Result<(), XlsxError> {
    let value: String = value.chars().take(CELL_CHARACTERS).collect();
    sheet.write_string(row, column, value)?;
    Ok(())
}

fn date(
    sheet: &mut Worksheet,
    row: u32,
    column: u16,
    value: chrono::NaiveDate,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.write_datetime_with_format(row, column, excel_date(value)?, &formats.date)?;
    Ok(())
}

fn timeline_sheet(sheet: &mut Worksheet, plan: &Plan, schedule: &Schedule, formats: &Formats) -> Result<(), XlsxError> {
    sheet.set_name("Timeline")?;
    let names: Vec<String> = TIMELINE_HEADINGS.iter().map(|name| name.to_string()).collect();
    headings(sheet, &names, formats, 3)?;
    let baseline = plan.baselines.last();
    let variance = baseline.map(|baseline| finish_variance(plan, schedule, baseline));
    for (position, outline_row) in outline(plan).into_iter().enumerate() {
        let row = position as u32 + 1;
        let index = outline_row.index;
        let task = &plan.tasks[index];
        let times = &schedule.tasks[index];
        text(sheet, row, 0, &outline_row.wbs)?;
        text(sheet, row, 1, task.id.as_str())?;
        let indented = Format::new().set_indent(outline_row.depth.min(15) as u8);
        sheet.write_string_with_format(
            row,
            2,
            task.name.chars().take(CELL_CHARACTERS).collect::<String>(),
            &indented,
        )?;
        let kind = if outline_row.has_children { "summary" } else { task.kind.label() };
        text(sheet, row, 3, kind)?;
        let days = schedule.finish_day(index) - schedule.start_day(index) + 1;
        sheet.write_number(row, 4, if times.milestone { 0.0 } else { days as f64 })?;
        date(sheet, row, 5, schedule.start_date(index), formats)?;
        date(sheet, row, 6, schedule.finish_date(index), formats)?;
        sheet.write_number(row, 7, times.total_float as f64)?;
        text(sheet, row, 8, if times.critical { "yes" } else { "no" })?;
        sheet.write_number(row, 9, times.progress.round())?;
        let entry = baseline.and_then(|baseline| baseline.tasks.iter().find(|entry| entry.task == task.id));
        if let Some(entry) = entry {
            date(sheet, row, 10, entry.start, formats)?;
            date(sheet, row, 11, entry.finish, formats)?;
        }
        if let Some(days) = variance.as_ref().and_then(|variance| variance[index]) {
            sheet.write_number(row, 12, days as f64)?;
        }
    }
    sheet.set_column_width(2, 40)?;
    Ok(())
}

fn raci_sheet(sheet: &mut Worksheet, plan: &Plan, formats: &Formats) -> Result<(), XlsxError> {
    sheet.set_name("RACI")?;
    let (names, rows) = raci_table(plan);
    headings(sheet, &names, formats, 3)?;
    for (position, cells) in rows.iter().enumerate() {
        for (column, cell) in cells.iter().enumerate() {
            text(sheet, position as u32 + 1, column as u16, cell)?;
        }
    }
    sheet.set_column_width(2, 40)?;
    Ok(())
}

fn risk_sheet(sheet: &mut Worksheet, plan: &Plan, formats: &Formats) -> Result<(), XlsxError> {
    sheet.set_name("Risks")?;
    // "Risk ID" as in the CSV: a sheet whose first cell is "ID" is fine, but one name for
    // the column everywhere a spreadsheet sees it.
    let names: Vec<String> = super::risk_export::REGISTER_HEADINGS
        .iter()
        .map(|name| if *name == "ID" { "Risk ID".to_string() } else { name.to_string() })
        .collect();
    headings(sheet, &names, formats, 2)?;
    for (position, index) in register_order(plan).into_iter().enumerate() {
        let risk = &plan.risks[index];
        let row = position as u32 + 1;
        let owner =
            risk.owner.as_ref().and_then(|id| plan.person(id.as_str())).map_or("", |person| person.name.as_str());
        let linked: Vec<&str> = risk.linked_tasks.iter().map(|id| id.as_str()).collect();
        text(sheet, row, 0, risk.id.as_str())?;
        text(sheet, row, 1, &risk.title)?;
        text(sheet, row, 2, &risk.category)?;
        sheet.write_number(row, 3, f64::from(risk.probability))?;
        sheet.write_number(row, 4, f64::from(risk.impact))?;
        sheet.write_number(row, 5, f64::from(risk.score()))?;
        text(sheet, row, 6, RiskBand::of(risk).label())?;
        text(sheet, row, 7, owner)?;
        text(sheet, row, 8, risk.response.label())?;
        text(sheet, row, 9, risk.status.label())?;
        if let Some(review) = risk.review_date {
            date(sheet, row, 10, review, formats)?;
        }
        text(sheet, row, 11, &linked.join(", "))?;
    }
    sheet.set_column_width(1, 40)?;
    Ok(())
}

/// One kind of the log, as its CSV has it, dates as real dates.
fn log_sheet(sheet: &mut Worksheet, plan: &Plan, kind: LogKind, formats: &Formats) -> Result<(), XlsxError> {
    sheet.set_name(match kind {
        LogKind::Assumption => "Assumptions",
        LogKind::Issue => "Issues",
        LogKind::Decision => "Decisions",
    })?;
    let (names, rows) = log_table(plan, kind);
    let names: Vec<String> = names.iter().map(|name| name.to_string()).collect();
    headings(sheet, &names, formats, 2)?;
    for (position, cells) in rows.iter().enumerate() {
        let row = position as u32 + 1;
        for (column, cell) in cells.iter().enumerate() {
            match cell {
                LogCell::Text(value) => text(sheet, row, column as u16, value)?,
                LogCell::Date(Some(value)) => date(sheet, row, column as u16, *value, formats)?,
                LogCell::Date(None) => {}
            }
        }
    }
    sheet.set_column_width(1, 40)?;
    Ok(())
}

/// The budget table, amounts as numbers (see the module's notes on amounts).
fn budget_sheet(sheet: &mut Worksheet, table: &BudgetTable, formats: &Formats) -> Result<(), XlsxError> {
    sheet.set_name("Budget")?;
    headings(sheet, &table.headings(), formats, 3)?;
    let digits = minor_digits(&table.currency);
    let unit = 10_i64.pow(digits) as f64;
    let amount_format = match digits {
        0 => Format::new().set_num_format("#,##0"),
        digits => Format::new().set_num_format(format!("#,##0.{}", "0".repeat(digits as usize))),
    };
    let ratio_format = Format::new().set_num_format("0.00");
    for (position, entry) in table.rows.iter().enumerate() {
        let row = position as u32 + 1;
        text(sheet, row, 0, entry.level.label())?;
        text(sheet, row, 1, &entry.id)?;
        text(sheet, row, 2, &entry.name)?;
        let amounts = [
            Some(entry.planned),
            entry.budget,
            Some(entry.bac),
            Some(entry.pv),
            Some(entry.ev),
            Some(entry.ac),
            Some(entry.cv),
            Some(entry.sv),
        ];
        for (column, money) in (3..).zip(amounts) {
            if let Some(Money(minor)) = money {
                sheet.write_number_with_format(row, column, minor as f64 / unit, &amount_format)?;
            }
        }
        for (column, ratio) in [(11, entry.cpi), (12, entry.spi)] {
            if let Some(hundredths) = ratio {
                sheet.write_number_with_format(row, column, hundredths as f64 / 100.0, &ratio_format)?;
            }
        }
        for (column, money) in [(13, entry.eac), (14, entry.vac)] {
            if let Some(Money(minor)) = money {
                sheet.write_number_with_format(row, column, minor as f64 / unit, &amount_format)?;
            }
        }
    }
    sheet.set_column_width(2, 40)?;
    Ok(())
}
