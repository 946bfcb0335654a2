//! The budget and its earned value as CSV for a spreadsheet, from a `BudgetTable`: one
//! row per task in plan order, then one per workstream, then the plan's total, each with
//! the planned cost now, the budget where one is set, and the earned-value figures as of
//! a status date against a baseline. The table is plain data: `report::budget_table`
//! makes it with `analysis::earned_value` (this layer is below the analysis), and the
//! Excel workbook's Budget sheet writes the same table (`xlsx::workbook_with_budget`).
//! Every amount is exact: written by `format_amount` from integer minor units, never
//! through a float; ratios are exact fractions rounded to hundredths.

use chrono::NaiveDate;

use super::csv::{csv_field, csv_number_field, csv_record, csv_row};
use crate::model::budget::{format_amount, Money};

/// What a row of the budget adds up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BudgetLevel {
    Task,
    /// A top-level summary task and everything under it.
    Workstream,
    Plan,
}

impl BudgetLevel {
    /// "task", "workstream", "plan".
    pub fn label(self) -> &'static str {
        match self {
            Self::Task => "task",
            Self::Workstream => "workstream",
            Self::Plan => "plan",
        }
    }
}

/// One row of the budget: a task, a workstream or the whole plan. Amounts in the
/// currency's minor units.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BudgetRow {
    pub level: BudgetLevel,
    /// The task's id (a workstream's summary task); empty for the plan.
    pub id: String,
    pub name: String,
    /// The planned cost of the plan as it stands now (not the baseline's).
    pub planned: Money,
    /// The task's, workstream's or plan's own budget, when set.
    pub budget: Option<Money>,
    /// Budget at completion: the baseline's cost.
    pub bac: Money,
    pub pv: Money,
    pub ev: Money,
    pub ac: Money,
    pub cv: Money,
    pub sv: Money,
    /// CPI and SPI in hundredths (93 for 0.93); `None` for a task (ratios are read on
    /// sums) or without a denominator (nothing spent, nothing planned yet).
    pub cpi: Option<i64>,
    pub spi: Option<i64>,
    /// `None` for a task, or when it cannot be forecast (money spent, nothing earned).
    pub eac: Option<Money>,
    pub vac: Option<Money>,
}

/// The budget of a plan as of a status date, ready to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BudgetTable {
    /// The plan's currency (ISO 4217), which the amounts are counted in.
    pub currency: String,
    pub status_date: NaiveDate,
    /// The tasks in plan order, then the workstreams, then the plan's total.
    pub rows: Vec<BudgetRow>,
}

impl BudgetTable {
    /// The headings; amount columns name the currency.
    pub fn headings(&self) -> Vec<String> {
        let currency = &self.currency;
        let mut headings = vec!["Level".to_string(), "Task ID".into(), "Name".into()];
        for amount in ["Planned cost", "Budget", "BAC", "PV", "EV", "AC", "CV", "SV"] {
            headings.push(format!("{amount} ({currency})"));
        }
        headings.extend(["CPI".into(), "SPI".into(), format!("EAC ({currency})"), format!("VAC ({currency})")]);
        headings
    }
}

/// A ratio in hundredths as two decimals: "0.93", "-1.05".
pub fn hundredths_text(hundredths: i64) -> String {
    let sign = if hundredths < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", hundredths.abs() / 100, hundredths.abs() % 100)
}

/// The budget and earned value as CSV (RFC 4180, CRLF line ends, text guarded against
/// formula injection): a heading row, then the table's rows. Amounts are exact, as
/// `format_amount` writes them in the plan's currency ("1,234.50", quoted for the comma;
/// a negative variance "-80.00" is a number, not guarded). An empty cell is a budget not
/// set, a ratio or forecast of a task (read on sums only), a ratio without a
/// denominator, or an EAC that cannot be forecast.
pub fn budget_csv(table: &BudgetTable) -> String {
    let mut text = csv_row(table.headings());
    for row in &table.rows {
        text.push_str(&csv_record(budget_fields(row, &table.currency)));
    }
    text
}

/// One row's fields, each already written for CSV.
fn budget_fields(row: &BudgetRow, currency: &str) -> Vec<String> {
    let amount = |money: Money| csv_number_field(&format_amount(money, currency));
    let optional = |money: Option<Money>| money.map(amount).unwrap_or_default();
    let ratio = |hundredths: Option<i64>| hundredths.map(hundredths_text).unwrap_or_default();
    let mut fields = vec![csv_field(row.level.label()), csv_field(&row.id), csv_field(&row.name)];
    fields.extend([amount(row.planned), optional(row.budget)]);
    fields.extend([row.bac, row.pv, row.ev, row.ac, row.cv, row.sv].map(amount));
    fields.extend([ratio(row.cpi), ratio(row.spi), optional(row.eac), optional(row.vac)]);
    fields
}
