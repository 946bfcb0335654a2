//! What the weekly review reads beside the schedule and the risks: the RAID log (open
//! issues by severity, decisions taken in the last week, assumptions to validate) and
//! the budget (earned value as of the report's day). Each part is `None` while the plan
//! has nothing of it, so a report of a plan without a log or costs is as it always was.

use chrono::NaiveDate;

use crate::analysis::earned_value::{earned_value, Figures, Ratio};
use crate::model::change_request::approved_since;
use crate::model::log::{
    assumption_overdue, assumptions_due, decider_name, decisions_since, issue_overdue, open_issues_by_severity,
};
use crate::model::{Baseline, IssueStatus, Money, Plan, Severity};
use crate::schedule::{add_days, Schedule};

/// How far back "decisions taken since the last report" looks: a weekly review.
pub const DECISIONS_LOOKBACK_DAYS: i64 = 7;
/// How far ahead "assumptions due for validation" looks.
pub const ASSUMPTIONS_LOOKAHEAD_DAYS: i64 = 14;

/// The RAID log as the report reads it on its day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogSummary {
    /// Open and in-progress issues by severity, lowest first (`Severity::ALL`).
    pub open_issues: [usize; 4],
    /// The open issues, most severe first, overdue ones flagged.
    pub issues: Vec<LogLine>,
    /// The first day the decisions were taken from.
    pub decisions_since: NaiveDate,
    pub decisions: Vec<LogLine>,
    /// The last day the assumptions are due by.
    pub assumptions_until: NaiveDate,
    pub assumptions: Vec<LogLine>,
    /// The day approved changes are counted from: the baseline's, else the plan's start.
    pub changes_since: NaiveDate,
    /// Change requests approved since then, in the order decided.
    pub approved_changes: Vec<LogLine>,
    /// Change requests still waiting for a decision.
    pub proposed_changes: Vec<LogLine>,
}

/// One entry in a report list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogLine {
    pub id: String,
    pub text: String,
    /// Who: the owner, or who decided.
    pub who: String,
    /// The day that matters: due, decided, to validate by.
    pub date: Option<NaiveDate>,
    /// "high", "overdue", "superseded by D4"…
    pub note: String,
}

/// The budget line and its figures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BudgetSummary {
    pub currency: String,
    pub budget: Money,
    pub figures: Figures,
    /// The baseline the figures are measured against; `None`: no baseline, so only the
    /// actual cost is known.
    pub baseline: Option<String>,
    pub spent_without_progress: usize,
}

impl BudgetSummary {
    pub fn cpi(&self) -> Option<Ratio> {
        self.figures.cpi()
    }

    pub fn spi(&self) -> Option<Ratio> {
        self.figures.spi()
    }
}

/// The log's part of the report (change requests counted since `baseline` was taken);
/// `None` when the log and the change requests are empty.
pub fn log_summary(plan: &Plan, baseline: Option<&Baseline>, today: NaiveDate) -> Option<LogSummary> {
    let empty = plan.assumptions.is_empty() && plan.issues.is_empty() && plan.decisions.is_empty();
    if empty && plan.change_requests.is_empty() {
        return None;
    }
    let owner = |id: Option<&crate::model::PersonId>| {
        id.and_then(|id| plan.person(id.as_str())).map(|person| person.name.clone()).unwrap_or_default()
    };
    let mut open: Vec<&crate::model::Issue> = plan.issues.iter().filter(|issue| issue.status.is_open()).collect();
    open.sort_by_key(|issue| std::cmp::Reverse(issue.severity));
    let issues = open
        .into_iter()
        .map(|issue| LogLine {
            id: issue.id.to_string(),
            text: issue.title.clone(),
            who: owner(issue.owner.as_ref()),
            date: issue.due,
            note: issue_note(issue.severity, issue.status, issue_overdue(issue, today)),
        })
        .collect();
    let since = add_days(today, -DECISIONS_LOOKBACK_DAYS);
    let decisions = decisions_since(plan, since)
        .into_iter()
        .map(|decision| LogLine {
            id: decision.id.to_string(),
            text: decision.title.clone(),
            who: decider_name(plan, decision),
            date: Some(decision.date),
            note: decision.superseded_by.as_ref().map(|later| format!("superseded by {later}")).unwrap_or_default(),
        })
        .collect();
    let until = add_days(today, ASSUMPTIONS_LOOKAHEAD_DAYS);
    let assumptions = assumptions_due(plan, until)
        .into_iter()
        .map(|assumption| LogLine {
            id: assumption.id.to_string(),
            text: assumption.statement.clone(),
            who: owner(assumption.owner.as_ref()),
            date: assumption.validate_by,
            note: if assumption_overdue(assumption, today) { "overdue".into() } else { String::new() },
        })
        .collect();
    let changes_since = baseline.map_or(plan.start, |baseline| baseline.taken);
    let change_line = |request: &crate::model::ChangeRequest| LogLine {
        id: request.id.to_string(),
        text: request.title.clone(),
        who: owner(request.requester.as_ref()),
        date: request.decided.or(Some(request.raised)),
        note: counted(request.change_count(), "change"),
    };
    let approved_changes = approved_since(plan, changes_since).into_iter().map(change_line).collect();
    let proposed_changes = plan
        .change_requests
        .iter()
        .filter(|request| request.status == crate::model::ChangeStatus::Proposed)
        .map(change_line)
        .collect();
    Some(LogSummary {
        changes_since,
        approved_changes,
        proposed_changes,
        open_issues: open_issues_by_severity(plan),
        issues,
        decisions_since: since,
        decisions,
        assumptions_until: until,
        assumptions,
    })
}

fn counted(count: usize, what: &str) -> String {
    format!("{count} {what}{}", if count == 1 { "" } else { "s" })
}

fn issue_note(severity: Severity, status: IssueStatus, overdue: bool) -> String {
    let mut note = format!("{}, {}", severity.label(), status.label());
    if overdue {
        note.push_str(", overdue");
    }
    note
}

/// The budget's part of the report; `None` while the plan has no money set.
pub fn budget_summary(
    plan: &Plan,
    schedule: &Schedule,
    baseline: Option<&Baseline>,
    today: NaiveDate,
) -> Option<BudgetSummary> {
    let budget = &plan.budget;
    if budget.total.is_none() && budget.day_rates.is_empty() && budget.tasks.is_empty() {
        return None;
    }
    let value = earned_value(plan, schedule, baseline, today);
    Some(BudgetSummary {
        currency: budget.currency.clone(),
        budget: value.budget,
        figures: value.plan,
        baseline: baseline.map(|baseline| format!("{} \"{}\"", baseline.id, baseline.name)),
        spent_without_progress: value.spent_without_progress.len(),
    })
}

/// The sentence the report leads its budget with: "EAC 1.18 M against a budget of
/// 1.1 M; CPI 0.93, SPI 0.88."
pub fn budget_sentence(summary: &BudgetSummary) -> String {
    use crate::model::budget::format_short;
    let currency = &summary.currency;
    let short = |amount: Money| format!("{} {currency}", format_short(amount, currency));
    let estimate = match summary.figures.eac() {
        Some(eac) => format!("EAC {} against a budget of {}", short(eac), short(summary.budget)),
        None => format!(
            "{} spent and nothing earned yet against a budget of {}",
            short(summary.figures.ac),
            short(summary.budget)
        ),
    };
    let ratio = |name: &str, ratio: Option<Ratio>| ratio.map(|ratio| format!("{name} {ratio}"));
    let indices: Vec<String> =
        [ratio("CPI", summary.cpi()), ratio("SPI", summary.spi())].into_iter().flatten().collect();
    match indices.is_empty() {
        true => format!("{estimate}."),
        false => format!("{estimate}; {}.", indices.join(", ")),
    }
}
