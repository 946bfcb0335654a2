//! The status report as a document: blocks the app draws as HTML, and the same
//! blocks as Markdown (GitHub-flavoured) to copy into a mail, a wiki or a pull request
//! and to print. Every name goes through `markdown_cell` (in `document`), in tables
//! and in sentences alike, so no name can break the layout.

use chrono::NaiveDate;

use super::document::{to_markdown, Block, Inline, Text};
use super::status::{StatusReport, MILESTONE_LOOKAHEAD_DAYS};
use super::status_desk::{budget_sentence, LogLine};
use crate::analysis::earned_value::Ratio;
use crate::analysis::raci::Severity;
use crate::model::budget::format_money;
use crate::model::{Money, Severity as IssueSeverity};
use crate::schedule::add_days;

/// The status rule in one paragraph, as the report ends with it (the module docs of
/// `report` give the reasons for each threshold).
pub const STATUS_RULE: &str = "Red: the plan finishes more than 10 working days after the baseline's finish, \
a milestone misses its deadline, an open critical risk (score 20-25) threatens a task on the critical path, \
or the estimate at completion is more than 10% over the budget. \
Amber: the plan finishes 1-10 working days late, a milestone is forecast more than 5 working days later than in \
the baseline, a task misses its deadline, a milestone's date has passed and it is not done, a task on the critical \
path is past its scheduled finish and not done, \
an open high risk (score 10-16) threatens the critical path, an open critical risk threatens none of it, \
the estimate at completion is over the budget by up to 10%, or an issue of critical severity is open. \
Green: none of these. Without a baseline, slippage is not measured.";

/// Lists longer than this show their first entries and how many more there are.
const LIST_LIMIT: usize = 25;

/// The report as Markdown: the status and its reasons, the finish against the
/// baseline, then one section per list, and the status rule at the end. The same text
/// as [`status_document`], written out.
pub fn status_markdown(report: &StatusReport) -> String {
    to_markdown(&status_document(report))
}

/// The report as blocks: the app draws them, [`status_markdown`] writes them.
pub fn status_document(report: &StatusReport) -> Vec<Block> {
    let mut blocks = summary_blocks(report);
    milestone_blocks(report, &mut blocks);
    slipped_blocks(report, &mut blocks);
    overdue_blocks(report, &mut blocks);
    risk_blocks(report, &mut blocks);
    log_blocks(report, &mut blocks);
    budget_blocks(report, &mut blocks);
    constraint_blocks(report, &mut blocks);
    raci_blocks(report, &mut blocks);
    workstream_blocks(report, &mut blocks);
    blocks.push(Block::Rule);
    blocks.push(Block::Paragraph(vec![Inline::emphasis("Status rule."), Inline::plain(format!(" {STATUS_RULE}"))]));
    blocks
}

/// The title, the overall status with its reasons, and the dates.
fn summary_blocks(report: &StatusReport) -> Vec<Block> {
    let title = vec![Inline::plain(format!("Status report: {}", report.plan_name))];
    let mut blocks = vec![Block::Heading { level: 1, text: title }];
    let against = match &report.baseline {
        Some(baseline) => {
            format!(", against baseline {} \"{}\" of {}.", baseline.id, baseline.name, baseline.taken)
        }
        None => ". No baseline set: slippage is not measured.".to_string(),
    };
    blocks.push(Block::Paragraph(vec![
        Inline::status(report.status, format!("Overall status: {}", report.status.title())),
        Inline::plain(format!(" as of {}{against}", report.today)),
    ]));
    if report.reasons.is_empty() {
        blocks.push(Block::paragraph("Nothing calls for attention under the status rule."));
    } else {
        let items = report.reasons.iter().map(|reason| {
            vec![Inline::status(reason.status, reason.status.title()), Inline::plain(format!(": {}.", reason.message))]
        });
        push_limited_list(&mut blocks, items, report.reasons.len(), "reasons");
    }
    let baseline_finish = match &report.baseline {
        None => "no baseline set".to_string(),
        Some(baseline) => match (baseline.finish, baseline.finish_variance) {
            (Some(finish), Some(variance)) => format!("{finish} ({})", lateness(variance)),
            _ => "the baseline has no tasks".to_string(),
        },
    };
    blocks.push(Block::List(
        [
            format!("Start: {}", report.start),
            format!("Forecast finish (end of the critical path): {}", report.finish),
            format!("Baseline finish: {baseline_finish}"),
            format!("Complete: {}", percent(report.progress)),
        ]
        .into_iter()
        .chain(report.budget.as_ref().map(|budget| format!("Budget: {}", budget_sentence(budget))))
        .map(|fact| vec![Inline::plain(fact)])
        .collect(),
    ));
    blocks
}

fn milestone_blocks(report: &StatusReport, blocks: &mut Vec<Block>) {
    let has_baseline = report.baseline.is_some();
    let lookahead_end = add_days(report.today, MILESTONE_LOOKAHEAD_DAYS);
    blocks.push(Block::section(format!("Milestones due by {lookahead_end}")));
    if report.milestones.is_empty() {
        blocks.push(Block::paragraph(format!("No milestone is due in the next {MILESTONE_LOOKAHEAD_DAYS} days.")));
        return;
    }
    let mut header = vec!["ID", "Milestone", "Forecast"];
    if has_baseline {
        header.extend(["Baseline", "Variance (working days)"]);
    }
    header.extend(["Deadline", "Note"]);
    let rows = report.milestones.iter().map(|milestone| {
        let mut cells = vec![milestone.task.to_string(), milestone.name.clone(), milestone.forecast.to_string()];
        if has_baseline {
            cells.push(optional_date(milestone.baseline));
            cells.push(milestone.variance.map(signed).unwrap_or_default());
        }
        cells.push(optional_date(milestone.deadline));
        let notes: Vec<&str> = [
            (milestone.done, "done"),
            (milestone.overdue, "overdue: not marked done"),
            (milestone.deadline_missed, "misses its deadline"),
            (milestone.critical, "critical path"),
        ]
        .into_iter()
        .filter_map(|(applies, note)| applies.then_some(note))
        .collect();
        cells.push(notes.join("; "));
        cells
    });
    blocks.push(table(&header, rows.collect()));
}

fn slipped_blocks(report: &StatusReport, blocks: &mut Vec<Block>) {
    blocks.push(Block::section("Slipped since the baseline"));
    if report.baseline.is_none() {
        return blocks.push(Block::paragraph("No baseline set."));
    }
    if report.slipped_tasks.is_empty() {
        return blocks.push(Block::paragraph("No task finishes later than in the baseline."));
    }
    let header = ["ID", "Task", "Baseline finish", "Forecast finish", "Slip (working days)", "Critical path"];
    let rows = report.slipped_tasks.iter().map(|slipped| {
        vec![
            slipped.task.to_string(),
            slipped.name.clone(),
            slipped.baseline_finish.to_string(),
            slipped.forecast_finish.to_string(),
            signed(slipped.working_days),
            yes(slipped.critical).to_string(),
        ]
    });
    push_limited_table(blocks, &header, rows, report.slipped_tasks.len(), "slipped tasks");
}

fn overdue_blocks(report: &StatusReport, blocks: &mut Vec<Block>) {
    blocks.push(Block::section("Past their scheduled finish and not done"));
    if report.overdue_tasks.is_empty() {
        return blocks.push(Block::paragraph("None."));
    }
    let header = ["ID", "Task", "Scheduled finish", "Done", "Critical path"];
    let rows = report.overdue_tasks.iter().map(|task| {
        vec![
            task.task.to_string(),
            task.name.clone(),
            task.finish.to_string(),
            format!("{}%", task.progress),
            yes(task.critical).to_string(),
        ]
    });
    push_limited_table(blocks, &header, rows, report.overdue_tasks.len(), "tasks");
}

fn risk_blocks(report: &StatusReport, blocks: &mut Vec<Block>) {
    blocks.push(Block::section("Top open risks"));
    if report.top_risks.is_empty() {
        return blocks.push(Block::paragraph("No open risks."));
    }
    let header = ["ID", "Risk", "Score", "Band", "Status", "Owner", "Review", "Critical-path tasks it threatens"];
    let rows = report.top_risks.iter().map(|risk| {
        let review = match risk.review_date {
            Some(date) if risk.review_overdue => format!("{date} (overdue)"),
            date => optional_date(date),
        };
        vec![
            risk.risk.to_string(),
            risk.title.clone(),
            risk.score.to_string(),
            risk.band.label().to_string(),
            risk.status.label().to_string(),
            risk.owner.clone().unwrap_or_default(),
            review,
            risk.critical_tasks.iter().map(|task| task.as_str()).collect::<Vec<_>>().join(", "),
        ]
    });
    blocks.push(table(&header, rows.collect()));
}

/// Open issues by severity, decisions of the last week, assumptions to validate; no
/// section while the log is empty.
fn log_blocks(report: &StatusReport, blocks: &mut Vec<Block>) {
    let Some(log) = &report.log else { return };
    blocks.push(Block::section(format!("Changes approved since {}", log.changes_since)));
    if log.approved_changes.is_empty() {
        blocks.push(Block::paragraph("No change request was approved since then."));
    } else {
        log_table(blocks, ["ID", "Change", "Requested by", "Approved", "Asks for"], &log.approved_changes, "changes");
    }
    if !log.proposed_changes.is_empty() {
        blocks.push(Block::paragraph(format!(
            "Waiting for a decision: {}.",
            log.proposed_changes.iter().map(|line| format!("{} {}", line.id, line.text)).collect::<Vec<_>>().join("; ")
        )));
    }
    blocks.push(Block::section("Open issues"));
    let counts: Vec<String> = IssueSeverity::ALL
        .iter()
        .rev()
        .zip(log.open_issues.iter().rev())
        .filter(|(_, count)| **count > 0)
        .map(|(severity, count)| format!("{count} {}", severity.label()))
        .collect();
    if counts.is_empty() {
        blocks.push(Block::paragraph("No open issues."));
    } else {
        blocks.push(Block::paragraph(format!("By severity: {}.", counts.join(", "))));
        log_table(blocks, ["ID", "Issue", "Owner", "Due", "Severity and status"], &log.issues, "issues");
    }
    blocks.push(Block::section(format!("Decisions taken since {}", log.decisions_since)));
    if log.decisions.is_empty() {
        blocks.push(Block::paragraph("No decision was recorded in the last week."));
    } else {
        log_table(blocks, ["ID", "Decision", "Decided by", "Date", "Note"], &log.decisions, "decisions");
    }
    blocks.push(Block::section(format!("Assumptions to validate by {}", log.assumptions_until)));
    if log.assumptions.is_empty() {
        blocks.push(Block::paragraph("No open assumption is due for validation."));
    } else {
        log_table(blocks, ["ID", "Assumption", "Owner", "Validate by", "Note"], &log.assumptions, "assumptions");
    }
}

fn log_table(blocks: &mut Vec<Block>, header: [&str; 5], lines: &[LogLine], what: &str) {
    let rows = lines.iter().map(|line| {
        vec![line.id.clone(), line.text.clone(), line.who.clone(), optional_date(line.date), line.note.clone()]
    });
    push_limited_table(blocks, &header, rows, lines.len(), what);
}

/// Earned value as of the report's day; no section while the plan has no money set.
fn budget_blocks(report: &StatusReport, blocks: &mut Vec<Block>) {
    let Some(budget) = &report.budget else { return };
    blocks.push(Block::section("Budget and earned value"));
    let currency = &budget.currency;
    let amount = |money: Money| format_money(money, currency);
    let against = match &budget.baseline {
        Some(baseline) => format!("Measured against baseline {baseline}, as of {}.", report.today),
        None => "No baseline set: nothing is planned yet, so only the actual cost is known.".to_string(),
    };
    blocks.push(Block::paragraph(format!("{} {against}", budget_sentence(budget))));
    let figures = &budget.figures;
    let ratio = |ratio: Option<Ratio>| ratio.map(|ratio| ratio.to_string()).unwrap_or_else(|| "–".into());
    let rows = vec![
        vec!["Budget".into(), amount(budget.budget)],
        vec!["Budget at completion (BAC)".into(), amount(figures.bac)],
        vec!["Planned value (PV)".into(), amount(figures.pv)],
        vec!["Earned value (EV)".into(), amount(figures.ev)],
        vec!["Actual cost (AC)".into(), amount(figures.ac)],
        vec!["Cost variance (EV − AC)".into(), amount(figures.cv())],
        vec!["Schedule variance (EV − PV)".into(), amount(figures.sv())],
        vec!["CPI (EV ÷ AC)".into(), ratio(figures.cpi())],
        vec!["SPI (EV ÷ PV)".into(), ratio(figures.spi())],
        vec![
            "Estimate at completion (EAC)".into(),
            figures.eac().map(amount).unwrap_or_else(|| "cannot be forecast yet".into()),
        ],
    ];
    blocks.push(table(&["Figure", "Amount"], rows));
    if budget.spent_without_progress > 0 {
        blocks.push(Block::paragraph(format!(
            "Note: {} with an actual cost but no progress; its earned value is 0 until progress is entered.",
            count(budget.spent_without_progress, "task")
        )));
    }
}

/// The date constraints the links make impossible; no section when there are none.
fn constraint_blocks(report: &StatusReport, blocks: &mut Vec<Block>) {
    if report.constraint_conflicts.is_empty() {
        return;
    }
    blocks.push(Block::section("Date constraints the schedule cannot meet"));
    let items = report.constraint_conflicts.iter().map(|conflict| vec![Inline::plain(format!("{conflict}."))]);
    push_limited_list(blocks, items, report.constraint_conflicts.len(), "constraints");
}

fn raci_blocks(report: &StatusReport, blocks: &mut Vec<Block>) {
    blocks.push(Block::section("RACI problems"));
    if report.raci_problems.is_empty() {
        return blocks.push(Block::paragraph("None: every task has one Accountable and a Responsible person."));
    }
    let counts = format!("{}, {}.", count(report.raci_errors, "error"), count(report.raci_warnings, "warning"));
    blocks.push(Block::paragraph(counts));
    let items = report.raci_problems.iter().map(|problem| {
        let severity = if problem.severity == Severity::Error { "Error" } else { "Warning" };
        vec![Inline::plain(format!("{severity}: {}", problem.message))]
    });
    push_limited_list(blocks, items, report.raci_problems.len(), "problems");
}

fn workstream_blocks(report: &StatusReport, blocks: &mut Vec<Block>) {
    blocks.push(Block::section("Progress by workstream"));
    if report.workstreams.is_empty() {
        return blocks.push(Block::paragraph("The plan has no tasks."));
    }
    let has_baseline = report.baseline.is_some();
    let mut header = vec!["ID", "Workstream", "Complete", "Start", "Finish"];
    if has_baseline {
        header.push("Variance (working days)");
    }
    header.extend(["Tasks done", "Overdue", "Critical path"]);
    let rows = report.workstreams.iter().map(|workstream| {
        let mut cells = vec![
            workstream.task.to_string(),
            workstream.name.clone(),
            percent(workstream.progress),
            workstream.start.to_string(),
            workstream.finish.to_string(),
        ];
        if has_baseline {
            cells.push(workstream.finish_variance.map(signed).unwrap_or_default());
        }
        cells.push(format!("{} of {}", workstream.done, workstream.tasks));
        cells.push(workstream.overdue.to_string());
        cells.push(yes(workstream.critical).to_string());
        cells
    });
    blocks.push(table(&header, rows.collect()));
}

fn table(header: &[&str], rows: Vec<Vec<String>>) -> Block {
    Block::Table { header: header.iter().map(|heading| heading.to_string()).collect(), rows }
}

/// A list of its first `LIST_LIMIT` items, then a line saying how many more there are.
fn push_limited_list(blocks: &mut Vec<Block>, items: impl Iterator<Item = Text>, total: usize, what: &str) {
    blocks.push(Block::List(items.take(LIST_LIMIT).collect()));
    push_more(blocks, total, what);
}

/// A table of its first `LIST_LIMIT` rows, then a line saying how many more there are.
fn push_limited_table(
    blocks: &mut Vec<Block>,
    header: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
    total: usize,
    what: &str,
) {
    blocks.push(table(header, rows.take(LIST_LIMIT).collect()));
    push_more(blocks, total, what);
}

fn push_more(blocks: &mut Vec<Block>, total: usize, what: &str) {
    if total > LIST_LIMIT {
        blocks.push(Block::paragraph(format!("…and {} more {what}.", total - LIST_LIMIT)));
    }
}

fn optional_date(date: Option<NaiveDate>) -> String {
    date.map(|date| date.to_string()).unwrap_or_default()
}

/// Whole percent, without floating-point formatting (which is large in wasm).
fn percent(value: f64) -> String {
    format!("{}%", value.round() as i64)
}

/// "+3", "0", "-2".
fn signed(value: i64) -> String {
    if value > 0 {
        format!("+{value}")
    } else {
        value.to_string()
    }
}

fn lateness(variance: i64) -> String {
    match variance {
        0 => "on the baseline".to_string(),
        1 => "1 working day late".to_string(),
        -1 => "1 working day early".to_string(),
        late if late > 0 => format!("{late} working days late"),
        early => format!("{} working days early", -early),
    }
}

fn count(number: usize, what: &str) -> String {
    if number == 1 {
        format!("1 {what}")
    } else {
        format!("{number} {what}s")
    }
}

fn yes(flag: bool) -> &'static str {
    if flag {
        "yes"
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_paragraph_states_the_thresholds_in_the_code() {
        use super::super::status::{AMBER_MILESTONE_SLIP_WORKING_DAYS, RED_FINISH_SLIP_WORKING_DAYS};
        assert!(STATUS_RULE.contains(&format!("more than {RED_FINISH_SLIP_WORKING_DAYS} working days")));
        assert!(STATUS_RULE.contains(&format!("1-{RED_FINISH_SLIP_WORKING_DAYS} working days late")));
        assert!(STATUS_RULE.contains(&format!("more than {AMBER_MILESTONE_SLIP_WORKING_DAYS} working days")));
        let over = super::super::status::RED_OVER_BUDGET_PERCENT;
        assert!(STATUS_RULE.contains(&format!("more than {over}% over the budget")));
        assert!(STATUS_RULE.contains(&format!("up to {over}%")));
    }

    #[test]
    fn variances_read_with_a_sign_and_lateness_in_words() {
        assert_eq!(signed(3), "+3");
        assert_eq!(signed(0), "0");
        assert_eq!(signed(-2), "-2");
        assert_eq!(lateness(1), "1 working day late");
        assert_eq!(lateness(-4), "4 working days early");
        assert_eq!(lateness(0), "on the baseline");
        assert_eq!(super::super::status::RagStatus::Amber.title(), "Amber");
    }
}
