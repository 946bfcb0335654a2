//! The plan as plain data. serde reads and writes it field by field in declaration
//! order, which is what makes the file output stable and diffable; `file::parse` and
//! `file::to_json` are the only callers.

use chrono::{NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::budget::{Budget, Money};
use super::change_request::ChangeRequest;
use super::log::{Assumption, Decision, Issue};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The letter every generated id of this kind starts with.
            pub const PREFIX: &'static str = $prefix;

            pub fn new(text: impl Into<String>) -> Self {
                Self(text.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                Self(text.to_string())
            }
        }
    };
}

id_type!(
    /// Identifies a task or milestone, for example `T12`.
    TaskId,
    "T"
);
id_type!(
    /// Identifies a person, for example `P3`.
    PersonId,
    "P"
);
id_type!(
    /// Identifies a risk, for example `R7`.
    RiskId,
    "R"
);
id_type!(
    /// Identifies an assumption of the RAID log, for example `A4`.
    AssumptionId,
    "A"
);
id_type!(
    /// Identifies an issue of the RAID log, for example `I2`.
    IssueId,
    "I"
);
id_type!(
    /// Identifies a decision of the RAID log, for example `D9`.
    DecisionId,
    "D"
);
id_type!(
    /// Identifies a change request, for example `C3`.
    ChangeRequestId,
    "C"
);
id_type!(
    /// Identifies a saved baseline, for example `B1`.
    BaselineId,
    "B"
);
id_type!(
    /// Identifies a plan wherever its file goes, for example `pl-4f9c2a1b`: what a link
    /// from another plan and a portfolio name it by (`PlanId::generate` makes one).
    PlanId,
    "pl-"
);

/// One program plan: the timeline, the RACI matrix and the risk register share it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// The plan's identity across copies and browsers, kept in its file. Left out of a
    /// file while unknown: a file written before plans had ids reads and writes back
    /// unchanged, and gets one at its next save (`Plan::stamp_revision`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<PlanId>,
    pub name: String,
    /// How many times the plan was saved with changes, so two copies of one plan can be
    /// told apart (and the older one found). `Plan::stamp_revision` adds one; commands
    /// never change it, so an undo does not take it back. Left out of a file while 0
    /// (a plan never saved, or a file written before revisions).
    #[serde(default, skip_serializing_if = "super::serde_forms::is_zero")]
    pub revision: u64,
    /// The day of the last saved change (`Plan::stamp_revision` sets it). Left out of a
    /// file while unknown.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::serde_forms::optional_date")]
    pub modified: Option<NaiveDate>,
    /// Who made the last saved change: the name its author set in their browser, stamped
    /// with the revision (Compare shows it, so two copies of one plan can be told apart).
    /// Left out of a file while unknown, so files without it write back byte for byte.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saved_by: Option<String>,
    /// Objectives and context, free text.
    pub description: String,
    /// The first working day the schedule may use.
    #[serde(with = "super::serde_forms::date")]
    pub start: NaiveDate,
    #[serde(deserialize_with = "super::serde_forms::object")]
    pub calendar: Calendar,
    /// Thresholds of the plan's checks. Optional in a file (older files have none and
    /// read as the defaults), always written.
    #[serde(default, deserialize_with = "super::serde_forms::object")]
    pub settings: PlanSettings,
    #[serde(deserialize_with = "super::serde_forms::list_of_objects")]
    pub people: Vec<Person>,
    /// Tasks in outline order: a parent comes before its children.
    #[serde(deserialize_with = "super::serde_forms::list_of_objects")]
    pub tasks: Vec<Task>,
    #[serde(deserialize_with = "super::serde_forms::list_of_objects")]
    pub dependencies: Vec<Dependency>,
    /// Links from tasks of other plans to tasks of this one. Left out of a file while empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "super::serde_forms::list_of_objects")]
    pub external_dependencies: Vec<ExternalDependency>,
    #[serde(deserialize_with = "super::serde_forms::list_of_objects")]
    pub raci: Vec<RaciCell>,
    /// The categories a risk may have, in the order the register offers them; never
    /// empty, each name once. Left out of a file while it is `DEFAULT_RISK_CATEGORIES`
    /// (a file without it reads as those six, plus any other category its risks use:
    /// see `file::parse`), so files written before it are still in canonical form.
    #[serde(
        default,
        skip_serializing_if = "super::serde_forms::is_default_risk_categories",
        deserialize_with = "super::serde_forms::risk_category_list"
    )]
    pub risk_categories: Vec<String>,
    #[serde(deserialize_with = "super::serde_forms::list_of_objects")]
    pub risks: Vec<Risk>,
    #[serde(deserialize_with = "super::serde_forms::list_of_objects")]
    pub baselines: Vec<Baseline>,
    /// The RAID log beside the risks (`model::log`): each list left out of a file while
    /// empty, so files written before the log keep their bytes.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "super::serde_forms::list_of_objects")]
    pub assumptions: Vec<Assumption>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "super::serde_forms::list_of_objects")]
    pub issues: Vec<Issue>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "super::serde_forms::list_of_objects")]
    pub decisions: Vec<Decision>,
    /// Change requests against the baseline (`model::change_request`). Left out while empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "super::serde_forms::list_of_objects")]
    pub change_requests: Vec<ChangeRequest>,
    /// Currency, budget, day rates and task costs (`model::budget`). Left out of a file
    /// while nothing of it is set.
    #[serde(default, skip_serializing_if = "Budget::is_unset", deserialize_with = "super::serde_forms::object")]
    pub budget: Budget,
}

/// Which days count as working days.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    /// Working weekdays, Monday first (`"mon"`, `"tue"`, ...).
    #[serde(with = "super::serde_forms::weekday_list")]
    pub working_weekdays: Vec<Weekday>,
    #[serde(deserialize_with = "super::serde_forms::list_of_objects")]
    pub holidays: Vec<Holiday>,
}

impl Default for Calendar {
    fn default() -> Self {
        Self {
            working_weekdays: vec![Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri],
            holidays: Vec::new(),
        }
    }
}

/// Thresholds of the plan's checks, kept with the plan so everyone who opens the file
/// sees the same problems. Every field may be left out of a file and then takes its
/// default, so a field added here later does not make older files unreadable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PlanSettings {
    /// A person Responsible (R or A/R) for more than this many tasks on one day is
    /// flagged as overloaded. 1 to 100; 3 unless set.
    pub overload_threshold: u32,
    /// A task with more than this many Consulted people is flagged: decisions that
    /// wait on that many people are slow. 1 to 100; 4 unless set.
    pub consulted_limit: u32,
}

impl PlanSettings {
    /// The range both thresholds must lie in.
    pub const RANGE: std::ops::RangeInclusive<u32> = 1..=100;
}

impl Default for PlanSettings {
    fn default() -> Self {
        Self { overload_threshold: 3, consulted_limit: 4 }
    }
}

/// A non-working day that would otherwise be a working weekday.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    #[serde(with = "super::serde_forms::date")]
    pub date: NaiveDate,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    pub role: String,
    pub team: String,
    /// What matches the person across plans besides the name. Optional: left out of a
    /// file while empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum TaskKind {
    #[default]
    Task,
    Milestone,
}

impl TaskKind {
    pub const ALL: [TaskKind; 2] = [Self::Task, Self::Milestone];

    pub fn label(self) -> &'static str {
        match self {
            Self::Task => "task",
            Self::Milestone => "milestone",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Task {
    pub id: TaskId,
    pub name: String,
    /// The summary task this one belongs to; `None` for a top-level workstream or task.
    pub parent: Option<TaskId>,
    pub kind: TaskKind,
    /// Working days; always 0 for a milestone.
    pub duration: u32,
    /// A start-no-earlier-than constraint: the task starts on this day or later (a drag
    /// on the chart sets it). Kept as its own field, written `null` when unset, so files
    /// keep the form they always had; any other kind of constraint is in `constraint`,
    /// and a task has at most one of the two (`Task::date_constraint` gives it).
    #[serde(default, with = "super::serde_forms::optional_date")]
    pub start_no_earlier_than: Option<NaiveDate>,
    /// The task's date constraint when it is of another kind than start-no-earlier-than
    /// (never that one: see `start_no_earlier_than`). Left out of a file while there is
    /// none, so files without constraints keep their bytes.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::serde_forms::optional_object"
    )]
    pub constraint: Option<DateConstraint>,
    /// The day the task should be finished by. Not a constraint (MS Project's deadline):
    /// it never moves the task, but it bounds its late finish, so a task that will miss
    /// it has negative float and is critical, and the forecast passing it is flagged.
    #[serde(default, with = "super::serde_forms::optional_date")]
    pub deadline: Option<NaiveDate>,
    /// Percent complete, 0 to 100.
    pub progress: u8,
    pub notes: String,
}

impl Task {
    /// The task's date constraint, whichever field holds it; `None` is MS Project's "as
    /// soon as possible".
    pub fn date_constraint(&self) -> Option<DateConstraint> {
        let start_no_earlier_than =
            self.start_no_earlier_than.map(|date| DateConstraint { kind: ConstraintKind::StartNoEarlierThan, date });
        self.constraint.or(start_no_earlier_than)
    }

    /// Gives the task this date constraint (or none) in place of the one it had, in the
    /// field that holds its kind.
    pub fn set_date_constraint(&mut self, constraint: Option<DateConstraint>) {
        (self.start_no_earlier_than, self.constraint) = match constraint {
            Some(DateConstraint { kind: ConstraintKind::StartNoEarlierThan, date }) => (Some(date), None),
            other => (None, other),
        };
    }
}

/// The kinds of date constraint MS Project has (besides "as soon as possible", which is
/// none). A start constraint is at the start of its day and a finish constraint at its
/// end, as MS Project sets a date typed without a time. Links win over a constraint, as
/// in MS Project by default: one that the links make impossible is reported, not kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConstraintKind {
    /// Starts on that day or later: holds the task's early start back.
    StartNoEarlierThan,
    /// Starts on that day or earlier: bounds the late start.
    StartNoLaterThan,
    /// Finishes on that day or later: holds the early finish back.
    FinishNoEarlierThan,
    /// Finishes on that day or earlier: bounds the late finish.
    FinishNoLaterThan,
    /// Starts on that day: both a start-no-earlier-than and a start-no-later-than.
    MustStartOn,
    /// Finishes on that day: both a finish-no-earlier-than and a finish-no-later-than.
    MustFinishOn,
}

impl ConstraintKind {
    pub const ALL: [ConstraintKind; 6] = [
        Self::StartNoEarlierThan,
        Self::StartNoLaterThan,
        Self::FinishNoEarlierThan,
        Self::FinishNoLaterThan,
        Self::MustStartOn,
        Self::MustFinishOn,
    ];

    /// As a file writes it: `"finish_no_later_than"`.
    pub fn label(self) -> &'static str {
        match self {
            Self::StartNoEarlierThan => "start_no_earlier_than",
            Self::StartNoLaterThan => "start_no_later_than",
            Self::FinishNoEarlierThan => "finish_no_earlier_than",
            Self::FinishNoLaterThan => "finish_no_later_than",
            Self::MustStartOn => "must_start_on",
            Self::MustFinishOn => "must_finish_on",
        }
    }

    /// As a sentence says it: "start no later than", "finish on".
    pub fn words(self) -> &'static str {
        match self {
            Self::StartNoEarlierThan => "start no earlier than",
            Self::StartNoLaterThan => "start no later than",
            Self::FinishNoEarlierThan => "finish no earlier than",
            Self::FinishNoLaterThan => "finish no later than",
            Self::MustStartOn => "start on",
            Self::MustFinishOn => "finish on",
        }
    }

    /// It constrains the task's start (else its finish).
    pub fn is_on_start(self) -> bool {
        matches!(self, Self::StartNoEarlierThan | Self::StartNoLaterThan | Self::MustStartOn)
    }

    /// It holds the task's early dates back (the forward pass).
    pub fn bounds_early_dates(self) -> bool {
        !matches!(self, Self::StartNoLaterThan | Self::FinishNoLaterThan)
    }

    /// It limits the task's late dates (the backward pass), and is not met when the
    /// links put the task past it.
    pub fn bounds_late_dates(self) -> bool {
        !matches!(self, Self::StartNoEarlierThan | Self::FinishNoEarlierThan)
    }
}

/// A date constraint on a task: `{ "kind": "must_finish_on", "date": "2027-03-05" }`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateConstraint {
    pub kind: ConstraintKind,
    #[serde(with = "super::serde_forms::date")]
    pub date: NaiveDate,
}

/// "must finish no later than 2027-03-05".
impl std::fmt::Display for DateConstraint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "must {} {}", self.kind.words(), super::dates::format_iso_date(self.date))
    }
}

/// How the successor is tied to the predecessor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum DependencyKind {
    /// Finish to start: the successor starts after the predecessor finishes.
    #[default]
    FS,
    /// Start to start.
    SS,
    /// Finish to finish.
    FF,
    /// Start to finish.
    SF,
}

impl DependencyKind {
    pub const ALL: [DependencyKind; 4] = [Self::FS, Self::SS, Self::FF, Self::SF];

    pub fn label(self) -> &'static str {
        match self {
            Self::FS => "FS",
            Self::SS => "SS",
            Self::FF => "FF",
            Self::SF => "SF",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dependency {
    pub predecessor: TaskId,
    pub successor: TaskId,
    pub kind: DependencyKind,
    /// Working days; negative lag is lead time.
    pub lag: i32,
}

impl Dependency {
    /// The link as the task grid's Predecessors column names it: the predecessor's id, with
    /// the kind when it is not a plain finish-to-start and the lag when there is one
    /// ("T3", "T5SS", "T7FS+2", "T8SF-1").
    pub fn predecessor_label(&self) -> String {
        let mut label = self.predecessor.as_str().to_string();
        if self.kind != DependencyKind::FS || self.lag != 0 {
            label.push_str(self.kind.label());
        }
        if self.lag != 0 {
            label.push_str(&format!("{:+}", self.lag));
        }
        label
    }
}

/// A task of this plan waiting on a task of another plan, named by that plan's id and
/// the task's id there. The plan keeps what it last knew of the other task (`known`), so
/// it schedules on its own and its file stays self-contained: in the forward pass the
/// other task stands fixed at its known dates, like any predecessor of the link's kind
/// and lag. `portfolio::refresh` brings the known dates up to date from the other plan.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExternalDependency {
    /// The other plan.
    pub plan: PlanId,
    /// The task of the other plan that this plan's task waits on, by its id there.
    pub predecessor: TaskId,
    /// The task of this plan that waits.
    pub successor: TaskId,
    pub kind: DependencyKind,
    /// Working days of this plan's calendar; negative lag is lead time.
    pub lag: i32,
    #[serde(deserialize_with = "super::serde_forms::object")]
    pub known: KnownTask,
}

impl ExternalDependency {
    /// Whether this is the link from `predecessor` of plan `plan` to `successor`: the
    /// three ids that tell external links apart.
    pub fn links(&self, plan: &PlanId, predecessor: &TaskId, successor: &TaskId) -> bool {
        &self.plan == plan && &self.predecessor == predecessor && &self.successor == successor
    }
}

/// What a plan last knew of a task of another plan: its dates, its name and its plan's
/// name (to show it without that plan at hand), and whether it was still there.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownTask {
    pub plan_name: String,
    pub name: String,
    /// A milestone stands at the end of its day, as one after finish-to-start links
    /// does; other tasks from the start of their first day to the end of their last.
    /// Left out of a file while false.
    #[serde(default, skip_serializing_if = "super::serde_forms::is_false")]
    pub milestone: bool,
    /// The first day of work (a milestone's own day).
    #[serde(with = "super::serde_forms::date")]
    pub start: NaiveDate,
    /// The last day of work (a milestone's own day).
    #[serde(with = "super::serde_forms::date")]
    pub finish: NaiveDate,
    /// The task was not in its plan at the last refresh (removed there, or its id
    /// changed): the link keeps the last dates known, and says so, rather than being
    /// dropped. Left out of a file while false.
    #[serde(default, skip_serializing_if = "super::serde_forms::is_false")]
    pub missing: bool,
}

/// What one person is for one task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RaciRole {
    R,
    A,
    C,
    I,
    /// Accountable and Responsible at once, shown "A/R".
    AR,
}

impl RaciRole {
    pub const ALL: [RaciRole; 5] = [Self::R, Self::A, Self::AR, Self::C, Self::I];

    pub fn label(self) -> &'static str {
        match self {
            Self::R => "R",
            Self::A => "A",
            Self::C => "C",
            Self::I => "I",
            Self::AR => "A/R",
        }
    }

    pub fn from_label(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.label() == text)
    }

    pub fn is_responsible(self) -> bool {
        matches!(self, Self::R | Self::AR)
    }

    pub fn is_accountable(self) -> bool {
        matches!(self, Self::A | Self::AR)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RaciCell {
    pub task: TaskId,
    pub person: PersonId,
    pub role: RaciRole,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum RiskResponse {
    Avoid,
    #[default]
    Mitigate,
    Transfer,
    Accept,
}

impl RiskResponse {
    pub const ALL: [RiskResponse; 4] = [Self::Avoid, Self::Mitigate, Self::Transfer, Self::Accept];

    pub fn label(self) -> &'static str {
        match self {
            Self::Avoid => "avoid",
            Self::Mitigate => "mitigate",
            Self::Transfer => "transfer",
            Self::Accept => "accept",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum RiskStatus {
    #[default]
    Open,
    Monitoring,
    Closed,
    Occurred,
}

impl RiskStatus {
    pub const ALL: [RiskStatus; 4] = [Self::Open, Self::Monitoring, Self::Closed, Self::Occurred];

    /// Whether the risk still threatens the plan: open or monitoring. Closed risks are
    /// gone and occurred ones have become issues; neither counts in the heat map, the
    /// exposure or the review reminders.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Open | Self::Monitoring)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Monitoring => "monitoring",
            Self::Closed => "closed",
            Self::Occurred => "occurred",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    pub id: RiskId,
    pub title: String,
    pub description: String,
    /// One of the plan's `risk_categories` (by default technical, schedule, resource,
    /// scope, external, budget).
    pub category: String,
    /// 1 (rare) to 5 (almost certain); see `risk::PROBABILITY_LEVELS`.
    pub probability: u8,
    /// 1 (negligible) to 5 (program fails or slips more than a month); see
    /// `risk::IMPACT_LEVELS`.
    pub impact: u8,
    pub owner: Option<PersonId>,
    pub response: RiskResponse,
    pub mitigation: String,
    pub contingency: String,
    pub trigger: String,
    pub status: RiskStatus,
    #[serde(default, with = "super::serde_forms::optional_date")]
    pub review_date: Option<NaiveDate>,
    pub linked_tasks: Vec<TaskId>,
    /// The day the risk was entered. Left out of a file when unknown (risks written
    /// before it existed).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::serde_forms::optional_date")]
    pub created: Option<NaiveDate>,
    /// The day the risk was last edited (`Command::EditRisk` sets it). Left out when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::serde_forms::optional_date")]
    pub updated: Option<NaiveDate>,
    /// Every change of probability, impact or status, oldest first, one entry per day
    /// (the last change of a day wins). `Command::EditRisk` keeps it; `model::risk`
    /// reads the score over time and the heat-map positions of earlier days from it.
    /// Left out of a file when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "super::serde_forms::list_of_objects")]
    pub history: Vec<RiskAssessment>,
}

impl Risk {
    /// Probability times impact: 1 to 25 (see `risk::RiskBand` for the bands).
    pub fn score(&self) -> u8 {
        self.probability * self.impact
    }

    /// Where the risk stands now, as a history entry dated `date`.
    pub fn assessment(&self, date: NaiveDate) -> RiskAssessment {
        RiskAssessment { date, probability: self.probability, impact: self.impact, status: self.status }
    }
}

/// A risk's probability, impact and status from one day on: one entry of its history.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskAssessment {
    #[serde(with = "super::serde_forms::date")]
    pub date: NaiveDate,
    /// 1 to 5, as `Risk::probability`.
    pub probability: u8,
    /// 1 to 5, as `Risk::impact`.
    pub impact: u8,
    pub status: RiskStatus,
}

impl RiskAssessment {
    /// Probability times impact.
    pub fn score(&self) -> u8 {
        self.probability * self.impact
    }

    /// The same probability, impact and status (the date aside).
    pub fn same_values(&self, other: &RiskAssessment) -> bool {
        (self.probability, self.impact, self.status) == (other.probability, other.impact, other.status)
    }
}

/// The dates of every task at one moment, kept to measure slippage against.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub id: BaselineId,
    pub name: String,
    #[serde(with = "super::serde_forms::date")]
    pub taken: NaiveDate,
    #[serde(deserialize_with = "super::serde_forms::list_of_objects")]
    pub tasks: Vec<BaselineTask>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineTask {
    pub task: TaskId,
    #[serde(with = "super::serde_forms::date")]
    pub start: NaiveDate,
    #[serde(with = "super::serde_forms::date")]
    pub finish: NaiveDate,
    /// The task's planned cost when the baseline was taken (`model::budget::planned_cost`):
    /// the budget at completion that earned value is measured against. Left out while
    /// the task had no cost, so baselines of plans without costs keep their bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<Money>,
}

/// The category names a new plan offers for risks.
pub const DEFAULT_RISK_CATEGORIES: [&str; 6] = ["technical", "schedule", "resource", "scope", "external", "budget"];

/// `DEFAULT_RISK_CATEGORIES` as a plan holds them.
pub fn default_risk_categories() -> Vec<String> {
    DEFAULT_RISK_CATEGORIES.iter().map(|name| name.to_string()).collect()
}

/// The names of the weekdays in a file, Monday first.
pub const WEEKDAY_NAMES: [(&str, Weekday); 7] = [
    ("mon", Weekday::Mon),
    ("tue", Weekday::Tue),
    ("wed", Weekday::Wed),
    ("thu", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("sun", Weekday::Sun),
];

super::serde_forms::choice_by_label!(TaskKind, DependencyKind, ConstraintKind, RaciRole, RiskResponse, RiskStatus);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_named_by_its_predecessor_with_kind_and_lag_when_they_are_not_plain() {
        let link = |kind, lag| Dependency { predecessor: TaskId::from("T3"), successor: TaskId::from("T4"), kind, lag };
        assert_eq!(link(DependencyKind::FS, 0).predecessor_label(), "T3");
        assert_eq!(link(DependencyKind::SS, 0).predecessor_label(), "T3SS");
        assert_eq!(link(DependencyKind::FS, 2).predecessor_label(), "T3FS+2");
        assert_eq!(link(DependencyKind::SF, -1).predecessor_label(), "T3SF-1");
    }
}
