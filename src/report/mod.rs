//! The stakeholder status report: the plan as of one day, as a typed value the app
//! renders ([`status_report`]) and as Markdown to paste into a mail or a wiki
//! ([`status_markdown`]). Pure: the day is an argument, nothing reads a clock.
//!
//! The report holds the overall status (red, amber or green) and every reason for it,
//! the forecast finish (the end of the critical path) against the baseline, the
//! milestones due in the next [`MILESTONE_LOOKAHEAD_DAYS`] days, the tasks that slipped
//! since the baseline and by how much, the tasks past their scheduled finish and not
//! done, the [`TOP_RISKS`] highest open risks, the date constraints the links make
//! impossible (each with what makes it so), the RACI problems and the progress of each
//! workstream (each top-level task). A missed deadline says by how many working days
//! ("T14 \"Name\" is 3 working days late against its deadline 2027-03-05").
//!
//! # The status rule
//!
//! The baseline is the latest one the plan has (the one the timeline compares with
//! unless another is chosen; [`status_report_against`] takes any). Slippage is counted
//! in working days of the plan's calendar, from the baseline's date to the forecast.
//!
//! **Red** when any of:
//! - the plan finishes more than [`RED_FINISH_SLIP_WORKING_DAYS`] (10) working days
//!   later than the baseline's finish: two working weeks is more than float or a
//!   weekend of catch-up can absorb, so the end date is at risk and sponsors must hear
//!   it;
//! - a milestone misses its deadline: its forecast is after the deadline, or the
//!   deadline has passed and the milestone is not done;
//! - an open risk in the critical band (score 20–25) threatens a task on the critical
//!   path: a likely, severe event with no float to absorb it.
//!
//! **Amber** when none of the above, but any of:
//! - the plan finishes 1 to 10 working days later than the baseline;
//! - a milestone's forecast is more than [`AMBER_MILESTONE_SLIP_WORKING_DAYS`] (5)
//!   working days later than its baseline date (a week is the usual tolerance for an
//!   interim milestone that has no deadline);
//! - a task that is not a milestone misses its deadline (same test as milestones);
//! - a milestone's date has passed and it is not marked done;
//! - a task on the critical path is past its scheduled finish and not done (its
//!   progress is under 100%): the schedule assumes it is, so the finish is optimistic;
//! - an open risk in the high band (10–16) threatens a task on the critical path, or an
//!   open risk in the critical band threatens none.
//!
//! **Green** otherwise. Open risks are those open or monitoring.
//!
//! Without a baseline the rules that compare with it do not apply and the report says
//! "no baseline set" instead of claiming any slippage; deadlines, overdue work and
//! risks still count.

mod budget_table;
pub mod document;
mod status;
mod status_desk;
mod status_markdown;

pub use budget_table::budget_table;
pub use status::{
    status_report, status_report_against, BaselineComparison, MilestoneOutlook, OverdueTask, RagStatus, RiskSummary,
    SlippedTask, StatusReason, StatusReasonKind, StatusReport, WorkstreamProgress, AMBER_MILESTONE_SLIP_WORKING_DAYS,
    MILESTONE_LOOKAHEAD_DAYS, RED_FINISH_SLIP_WORKING_DAYS, RED_OVER_BUDGET_PERCENT, TOP_RISKS,
};
pub use status_desk::{
    budget_sentence, BudgetSummary, LogLine, LogSummary, ASSUMPTIONS_LOOKAHEAD_DAYS, DECISIONS_LOOKBACK_DAYS,
};
pub use status_markdown::{status_document, status_markdown, STATUS_RULE};
