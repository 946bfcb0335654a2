//! The budget of a plan as a table, for its exports (`file::budget_csv`, the Excel
//! workbook's Budget sheet): every task's earned-value figures as
//! `analysis::earned_value` counts them, each workstream's and the plan's sums with
//! their ratios and forecasts, and the planned cost now.

use chrono::NaiveDate;

use crate::analysis::earned_value::{earned_value, task_figures, Figures};
use crate::file::{BudgetLevel, BudgetRow, BudgetTable};
use crate::model::budget::{planned_costs, Money};
use crate::model::hashing::IdMap;
use crate::model::{Baseline, Plan};
use crate::schedule::Schedule;

/// The plan's budget as of the end of `status_date`, measured against `baseline` (`None`:
/// nothing is planned yet, only actual costs count): the tasks in plan order, the
/// workstreams, the plan's total.
pub fn budget_table(
    plan: &Plan,
    schedule: &Schedule,
    baseline: Option<&Baseline>,
    status_date: NaiveDate,
) -> BudgetTable {
    let value = earned_value(plan, schedule, baseline, status_date);
    let planned = planned_costs(plan);
    let figures = task_figures(plan, schedule, baseline, status_date);
    let costs = plan.budget.by_task();
    let mut rows: Vec<BudgetRow> = plan
        .tasks
        .iter()
        .enumerate()
        .map(|(index, task)| {
            let budget = costs.get(task.id.as_str()).and_then(|cost| cost.budget);
            let mut row =
                row(BudgetLevel::Task, task.id.to_string(), task.name.clone(), planned[index], budget, &figures[index]);
            (row.cpi, row.spi, row.eac, row.vac) = (None, None, None, None);
            row
        })
        .collect();
    let planned_by_root = planned_by_workstream(plan, &planned);
    rows.extend(value.workstreams.iter().map(|workstream| {
        let planned = planned_by_root.get(workstream.task.as_str()).copied().unwrap_or_default();
        let (id, name) = (workstream.task.to_string(), workstream.name.clone());
        row(BudgetLevel::Workstream, id, name, planned, workstream.budget, &workstream.figures)
    }));
    rows.push(row(
        BudgetLevel::Plan,
        String::new(),
        plan.name.clone(),
        value.planned_now,
        plan.budget.total,
        &value.plan,
    ));
    BudgetTable { currency: plan.budget.currency.clone(), status_date, rows }
}

fn row(
    level: BudgetLevel,
    id: String,
    name: String,
    planned: Money,
    budget: Option<Money>,
    figures: &Figures,
) -> BudgetRow {
    BudgetRow {
        level,
        id,
        name,
        planned,
        budget,
        bac: figures.bac,
        pv: figures.pv,
        ev: figures.ev,
        ac: figures.ac,
        cv: figures.cv(),
        sv: figures.sv(),
        cpi: figures.cpi().map(|ratio| ratio.hundredths()),
        spi: figures.spi().map(|ratio| ratio.hundredths()),
        eac: figures.eac(),
        vac: figures.vac(),
    }
}

/// The planned cost of each top-level task and everything under it, by its id.
fn planned_by_workstream<'a>(plan: &'a Plan, planned: &[Money]) -> IdMap<&'a str, Money> {
    let mut root_of: IdMap<&str, &str> = IdMap::default();
    let mut sums: IdMap<&str, Money> = IdMap::default();
    // Parents come before their children, so one pass finds every task's root.
    for (task, cost) in plan.tasks.iter().zip(planned) {
        let root = match &task.parent {
            Some(parent) => root_of.get(parent.as_str()).copied().unwrap_or(parent.as_str()),
            None => task.id.as_str(),
        };
        root_of.insert(task.id.as_str(), root);
        let sum = sums.entry(root).or_default();
        *sum = *sum + *cost;
    }
    sums
}
