//! The status report as Markdown (GitHub-flavoured), to copy into a mail, a wiki or a
//! pull request and to print. Every name goes through `markdown_cell`, in tables and
//! in sentences alike, so no name can break the layout.

use chrono::NaiveDate;

use super::status::{StatusReport, MILESTONE_LOOKAHEAD_DAYS};
use crate::file::markdown::{markdown_cell, markdown_row};
use crate::model::raci::Severity;
use crate::schedule::add_days;

/// The status rule in one paragraph, as the report ends with it (the module docs of
/// `report` give the reasons for each threshold).
pub const STATUS_RULE: &str = "Red: the plan finishes more than 10 working days after the baseline's finish, \
a milestone misses its deadline, or an open critical risk (score 20-25) threatens a task on the critical path. \
Amber: the plan finishes 1-10 working days late, a milestone is forecast more than 5 working days later than in \
the baseline, a task misses its deadline, a milestone's date has passed and it is not done, a task on the critical \
path is past its scheduled finish and not done, \
an open high risk (score 10-16) threatens the critical path, or an open critical risk threatens none of it. \
Green: none of these. Without a baseline, slippage is not measured.";

/// Lists longer than this show their first entries and how many more there are.
const LIST_LIMIT: usize = 25;

/// The report as Markdown: the status and its reasons, the finish against the
/// baseline, then one section per list, and the status rule at the end.
pub fn status_markdown(report: &StatusReport) -> String {
    let mut text = format!("# Status report: {}\n\n", markdown_cell(&report.plan_name));
    text.push_str(&format!("**Overall status: {}** as of {}", report.status.title(), report.today));
    match &report.baseline {
        Some(baseline) => text.push_str(&format!(
            ", against baseline {} \"{}\" of {}.\n\n",
            markdown_cell(baseline.id.as_str()),
            markdown_cell(&baseline.name),
            baseline.taken
        )),
        None => text.push_str(". No baseline set: slippage is not measured.\n\n"),
    }
    if report.reasons.is_empty() {
        text.push_str("Nothing calls for attention under the status rule.\n\n");
    } else {
        let lines = report
            .reasons
            .iter()
            .map(|reason| format!("- **{}**: {}.\n", reason.status.title(), markdown_cell(&reason.message)));
        push_limited(&mut text, lines, report.reasons.len(), "reasons");
        text.push('\n');
    }

    text.push_str(&format!("- Start: {}\n", report.start));
    text.push_str(&format!("- Forecast finish (end of the critical path): {}\n", report.finish));
    let baseline_finish = match &report.baseline {
        None => "no baseline set".to_string(),
        Some(baseline) => match (baseline.finish, baseline.finish_variance) {
            (Some(finish), Some(variance)) => format!("{finish} ({})", lateness(variance)),
            _ => "the baseline has no tasks".to_string(),
        },
    };
    text.push_str(&format!("- Baseline finish: {baseline_finish}\n"));
    text.push_str(&format!("- Complete: {}\n\n", percent(report.progress)));

    let has_baseline = report.baseline.is_some();
    let lookahead_end = add_days(report.today, MILESTONE_LOOKAHEAD_DAYS);
    text.push_str(&format!("## Milestones due by {lookahead_end}\n\n"));
    if report.milestones.is_empty() {
        text.push_str(&format!("No milestone is due in the next {MILESTONE_LOOKAHEAD_DAYS} days.\n\n"));
    } else {
        let mut headings = vec!["ID", "Milestone", "Forecast"];
        if has_baseline {
            headings.extend(["Baseline", "Variance (working days)"]);
        }
        headings.extend(["Deadline", "Note"]);
        push_table_head(&mut text, &headings);
        for milestone in &report.milestones {
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
            text.push_str(&markdown_row(cells));
        }
        text.push('\n');
    }

    text.push_str("## Slipped since the baseline\n\n");
    if !has_baseline {
        text.push_str("No baseline set.\n\n");
    } else if report.slipped_tasks.is_empty() {
        text.push_str("No task finishes later than in the baseline.\n\n");
    } else {
        push_table_head(
            &mut text,
            &["ID", "Task", "Baseline finish", "Forecast finish", "Slip (working days)", "Critical path"],
        );
        let rows = report.slipped_tasks.iter().map(|slipped| {
            markdown_row([
                slipped.task.to_string(),
                slipped.name.clone(),
                slipped.baseline_finish.to_string(),
                slipped.forecast_finish.to_string(),
                signed(slipped.working_days),
                yes(slipped.critical).to_string(),
            ])
        });
        push_limited(&mut text, rows, report.slipped_tasks.len(), "slipped tasks");
        text.push('\n');
    }

    text.push_str("## Past their scheduled finish and not done\n\n");
    if report.overdue_tasks.is_empty() {
        text.push_str("None.\n\n");
    } else {
        push_table_head(&mut text, &["ID", "Task", "Scheduled finish", "Done", "Critical path"]);
        let rows = report.overdue_tasks.iter().map(|task| {
            markdown_row([
                task.task.to_string(),
                task.name.clone(),
                task.finish.to_string(),
                format!("{}%", task.progress),
                yes(task.critical).to_string(),
            ])
        });
        push_limited(&mut text, rows, report.overdue_tasks.len(), "tasks");
        text.push('\n');
    }

    text.push_str("## Top open risks\n\n");
    if report.top_risks.is_empty() {
        text.push_str("No open risks.\n\n");
    } else {
        push_table_head(
            &mut text,
            &["ID", "Risk", "Score", "Band", "Status", "Owner", "Review", "Critical-path tasks it threatens"],
        );
        for risk in &report.top_risks {
            let review = match risk.review_date {
                Some(date) if risk.review_overdue => format!("{date} (overdue)"),
                date => optional_date(date),
            };
            text.push_str(&markdown_row([
                risk.risk.to_string(),
                risk.title.clone(),
                risk.score.to_string(),
                risk.band.label().to_string(),
                risk.status.label().to_string(),
                risk.owner.clone().unwrap_or_default(),
                review,
                risk.critical_tasks.iter().map(|task| task.as_str()).collect::<Vec<_>>().join(", "),
            ]));
        }
        text.push('\n');
    }

    if !report.constraint_conflicts.is_empty() {
        text.push_str("## Date constraints the schedule cannot meet\n\n");
        let lines =
            report.constraint_conflicts.iter().map(|conflict| format!("- {}.\n", markdown_cell(&conflict.to_string())));
        push_limited(&mut text, lines, report.constraint_conflicts.len(), "constraints");
        text.push('\n');
    }

    text.push_str("## RACI problems\n\n");
    if report.raci_problems.is_empty() {
        text.push_str("None: every task has one Accountable and a Responsible person.\n\n");
    } else {
        text.push_str(&format!(
            "{}, {}.\n\n",
            count(report.raci_errors, "error"),
            count(report.raci_warnings, "warning")
        ));
        let lines = report.raci_problems.iter().map(|problem| {
            let severity = if problem.severity == Severity::Error { "Error" } else { "Warning" };
            format!("- {severity}: {}\n", markdown_cell(&problem.message))
        });
        push_limited(&mut text, lines, report.raci_problems.len(), "problems");
        text.push('\n');
    }

    text.push_str("## Progress by workstream\n\n");
    if report.workstreams.is_empty() {
        text.push_str("The plan has no tasks.\n\n");
    } else {
        let mut headings = vec!["ID", "Workstream", "Complete", "Start", "Finish"];
        if has_baseline {
            headings.push("Variance (working days)");
        }
        headings.extend(["Tasks done", "Overdue", "Critical path"]);
        push_table_head(&mut text, &headings);
        for workstream in &report.workstreams {
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
            text.push_str(&markdown_row(cells));
        }
        text.push('\n');
    }

    text.push_str("---\n\n");
    text.push_str(&format!("*Status rule.* {STATUS_RULE}\n"));
    text
}

fn push_table_head(text: &mut String, headings: &[&str]) {
    text.push_str(&markdown_row(headings));
    text.push('|');
    for _ in headings {
        text.push_str(" --- |");
    }
    text.push('\n');
}

/// The first `LIST_LIMIT` lines, then one saying how many more there are.
fn push_limited(text: &mut String, lines: impl Iterator<Item = String>, total: usize, what: &str) {
    for line in lines.take(LIST_LIMIT) {
        text.push_str(&line);
    }
    if total > LIST_LIMIT {
        text.push_str(&format!("\n…and {} more {what}.\n", total - LIST_LIMIT));
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
