//! One difference between two plans as a typed value, and the sentence that shows it:
//! `T14 duration 5 → 8 working days`, `T3 renamed "Old" → "New"`, `T7 moved under T2`.
//!
//! `from` is always the value in our plan (the open one) and `to` the value in theirs
//! (the file or stored plan compared with it): taking a change sets `from` to `to`.

use chrono::{NaiveDate, Weekday};

use super::log_change::{
    assumption_added, day_rate_sides, decision_added, entry_field_words, issue_added, AssumptionField, BudgetField,
    DecisionField, IssueField, TaskCostField,
};
use crate::model::{
    Assumption, AssumptionId, Baseline, BaselineId, BaselineTask, DateConstraint, Decision, DecisionId, Dependency,
    DependencyKind, ExternalDependency, Holiday, Issue, IssueId, KnownTask, Money, Person, PersonId, PlanId, RaciCell,
    RaciRole, Risk, RiskAssessment, RiskId, RiskResponse, RiskStatus, Task, TaskId, TaskKind, WEEKDAY_NAMES,
};

/// A value in our plan and in theirs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange<T> {
    /// Ours.
    pub from: T,
    /// Theirs.
    pub to: T,
}

impl<T> FieldChange<T> {
    pub fn new(from: T, to: T) -> Self {
        Self { from, to }
    }
}

/// A field of the plan itself, of its calendar's weekdays, of its settings or its list
/// of risk categories (holidays are items of their own, keyed by date).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanField {
    Name(FieldChange<String>),
    Description(FieldChange<String>),
    Start(FieldChange<NaiveDate>),
    WorkingWeekdays(FieldChange<Vec<Weekday>>),
    OverloadThreshold(FieldChange<u32>),
    ConsultedLimit(FieldChange<u32>),
    RiskCategories(FieldChange<Vec<String>>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PersonField {
    Name(FieldChange<String>),
    Role(FieldChange<String>),
    Team(FieldChange<String>),
    Email(FieldChange<String>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TaskField {
    Name(FieldChange<String>),
    /// Moved to another summary (`None`: the top level). Taking it also puts the task
    /// where theirs has it among its new siblings.
    Parent(FieldChange<Option<TaskId>>),
    /// Same summary, another place among its siblings: the sibling it comes after
    /// (`None`: it comes first). Only tasks whose relative order changed are reported
    /// (the fewest that explain the new order), not every task an insertion shifts.
    Order(FieldChange<Option<TaskId>>),
    Kind(FieldChange<TaskKind>),
    Duration(FieldChange<u32>),
    /// The date constraint, whichever kind (one per task, so one change).
    Constraint(FieldChange<Option<DateConstraint>>),
    Deadline(FieldChange<Option<NaiveDate>>),
    Progress(FieldChange<u8>),
    Notes(FieldChange<String>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DependencyField {
    Kind(FieldChange<DependencyKind>),
    Lag(FieldChange<i32>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExternalDependencyField {
    Kind(FieldChange<DependencyKind>),
    Lag(FieldChange<i32>),
    /// What the plan knows of the other plan's task (dates, names, missing), as one.
    Known(FieldChange<KnownTask>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RiskField {
    Title(FieldChange<String>),
    Description(FieldChange<String>),
    Category(FieldChange<String>),
    Probability(FieldChange<u8>),
    Impact(FieldChange<u8>),
    Owner(FieldChange<Option<PersonId>>),
    Response(FieldChange<RiskResponse>),
    Mitigation(FieldChange<String>),
    Contingency(FieldChange<String>),
    Trigger(FieldChange<String>),
    Status(FieldChange<RiskStatus>),
    ReviewDate(FieldChange<Option<NaiveDate>>),
    LinkedTasks(FieldChange<Vec<TaskId>>),
    Created(FieldChange<Option<NaiveDate>>),
    Updated(FieldChange<Option<NaiveDate>>),
    /// The whole dated history (taking it takes theirs as it is).
    History(FieldChange<Vec<RiskAssessment>>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BaselineField {
    Name(FieldChange<String>),
    Taken(FieldChange<NaiveDate>),
    /// The whole list of task dates.
    Tasks(FieldChange<Vec<BaselineTask>>),
}

/// One difference. Added items carry theirs whole, removed items ours whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Plan(PlanField),
    HolidayAdded(Holiday),
    HolidayRemoved(Holiday),
    HolidayRenamed {
        date: NaiveDate,
        name: FieldChange<String>,
    },
    PersonAdded(Person),
    PersonRemoved(Person),
    PersonChanged {
        id: PersonId,
        field: PersonField,
    },
    TaskAdded(Task),
    TaskRemoved(Task),
    TaskChanged {
        id: TaskId,
        field: TaskField,
    },
    DependencyAdded(Dependency),
    DependencyRemoved(Dependency),
    DependencyChanged {
        predecessor: TaskId,
        successor: TaskId,
        field: DependencyField,
    },
    ExternalDependencyAdded(ExternalDependency),
    ExternalDependencyRemoved(ExternalDependency),
    ExternalDependencyChanged {
        plan: PlanId,
        predecessor: TaskId,
        successor: TaskId,
        field: ExternalDependencyField,
    },
    RaciAdded(RaciCell),
    RaciRemoved(RaciCell),
    RaciChanged {
        task: TaskId,
        person: PersonId,
        role: FieldChange<RaciRole>,
    },
    RiskAdded(Risk),
    RiskRemoved(Risk),
    RiskChanged {
        id: RiskId,
        field: RiskField,
    },
    BaselineAdded(Baseline),
    BaselineRemoved(Baseline),
    BaselineChanged {
        id: BaselineId,
        field: BaselineField,
    },
    AssumptionAdded(Assumption),
    AssumptionRemoved(Assumption),
    AssumptionChanged {
        id: AssumptionId,
        field: AssumptionField,
    },
    IssueAdded(Issue),
    IssueRemoved(Issue),
    IssueChanged {
        id: IssueId,
        field: IssueField,
    },
    DecisionAdded(Decision),
    DecisionRemoved(Decision),
    DecisionChanged {
        id: DecisionId,
        field: DecisionField,
    },
    /// The budget's currency or total; `currency` is theirs, which amounts are shown in.
    BudgetChanged {
        field: BudgetField,
        currency: String,
    },
    /// A person's day rate (zero: none), shown in theirs' `currency`.
    DayRateChanged {
        person: PersonId,
        rate: FieldChange<Money>,
        currency: String,
    },
    /// One of a task's amounts, shown in theirs' `currency`.
    TaskCostChanged {
        task: TaskId,
        field: TaskCostField,
        currency: String,
    },
}

/// Which of the three groups a change is shown in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChangeKind {
    /// Theirs has it, ours does not.
    Added,
    /// Ours has it, theirs does not.
    Removed,
    /// Both have it, with a different value of one field.
    Changed,
}

/// What a change is about: matched by id across the two plans (a link by its two
/// tasks, a RACI cell by its task and person, a holiday by its date).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Item {
    /// The plan's own fields, calendar weekdays, settings and risk categories.
    Plan,
    Holiday(NaiveDate),
    Person(PersonId),
    Task(TaskId),
    Dependency {
        predecessor: TaskId,
        successor: TaskId,
    },
    /// A link from a task of another plan, matched by that plan's id and the two tasks.
    ExternalDependency {
        plan: PlanId,
        predecessor: TaskId,
        successor: TaskId,
    },
    Raci {
        task: TaskId,
        person: PersonId,
    },
    Risk(RiskId),
    Baseline(BaselineId),
    Assumption(AssumptionId),
    Issue(IssueId),
    Decision(DecisionId),
    /// The budget's currency and total.
    Budget,
    /// A person's day rate.
    DayRate(PersonId),
    /// A task's fixed cost, actual cost and budget.
    TaskCost(TaskId),
}

impl std::fmt::Display for Item {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Plan => f.write_str("the plan"),
            Self::Holiday(date) => write!(f, "holiday {date}"),
            Self::Person(id) => write!(f, "{id}"),
            Self::Task(id) => write!(f, "{id}"),
            Self::Dependency { predecessor, successor } => write!(f, "link {predecessor} → {successor}"),
            Self::ExternalDependency { plan, predecessor, successor } => {
                write!(f, "external link {predecessor} of {plan} → {successor}")
            }
            Self::Raci { task, person } => write!(f, "{person}'s role on {task}"),
            Self::Risk(id) => write!(f, "{id}"),
            Self::Baseline(id) => write!(f, "baseline {id}"),
            Self::Assumption(id) => write!(f, "{id}"),
            Self::Issue(id) => write!(f, "{id}"),
            Self::Decision(id) => write!(f, "{id}"),
            Self::Budget => f.write_str("the budget"),
            Self::DayRate(person) => write!(f, "{person}'s day rate"),
            Self::TaskCost(task) => write!(f, "{task}'s costs"),
        }
    }
}

/// One field of one item, or the item as a whole (added or removed): what three-way
/// comparison matches the two sides' changes by.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ChangeKey {
    pub item: Item,
    /// `None` for an added or removed item.
    pub field: Option<&'static str>,
}

impl Change {
    pub fn kind(&self) -> ChangeKind {
        match self {
            Self::HolidayAdded(_)
            | Self::PersonAdded(_)
            | Self::TaskAdded(_)
            | Self::DependencyAdded(_)
            | Self::ExternalDependencyAdded(_)
            | Self::RaciAdded(_)
            | Self::RiskAdded(_)
            | Self::BaselineAdded(_)
            | Self::AssumptionAdded(_)
            | Self::IssueAdded(_)
            | Self::DecisionAdded(_) => ChangeKind::Added,
            Self::HolidayRemoved(_)
            | Self::PersonRemoved(_)
            | Self::TaskRemoved(_)
            | Self::DependencyRemoved(_)
            | Self::ExternalDependencyRemoved(_)
            | Self::RaciRemoved(_)
            | Self::RiskRemoved(_)
            | Self::BaselineRemoved(_)
            | Self::AssumptionRemoved(_)
            | Self::IssueRemoved(_)
            | Self::DecisionRemoved(_) => ChangeKind::Removed,
            Self::Plan(_)
            | Self::HolidayRenamed { .. }
            | Self::PersonChanged { .. }
            | Self::TaskChanged { .. }
            | Self::DependencyChanged { .. }
            | Self::ExternalDependencyChanged { .. }
            | Self::RaciChanged { .. }
            | Self::RiskChanged { .. }
            | Self::BaselineChanged { .. }
            | Self::AssumptionChanged { .. }
            | Self::IssueChanged { .. }
            | Self::DecisionChanged { .. }
            | Self::BudgetChanged { .. }
            | Self::DayRateChanged { .. }
            | Self::TaskCostChanged { .. } => ChangeKind::Changed,
        }
    }

    pub fn item(&self) -> Item {
        let link = |dependency: &Dependency| Item::Dependency {
            predecessor: dependency.predecessor.clone(),
            successor: dependency.successor.clone(),
        };
        let cell = |cell: &RaciCell| Item::Raci { task: cell.task.clone(), person: cell.person.clone() };
        let external = |link: &ExternalDependency| Item::ExternalDependency {
            plan: link.plan.clone(),
            predecessor: link.predecessor.clone(),
            successor: link.successor.clone(),
        };
        match self {
            Self::Plan(_) => Item::Plan,
            Self::HolidayAdded(holiday) | Self::HolidayRemoved(holiday) => Item::Holiday(holiday.date),
            Self::HolidayRenamed { date, .. } => Item::Holiday(*date),
            Self::PersonAdded(person) | Self::PersonRemoved(person) => Item::Person(person.id.clone()),
            Self::PersonChanged { id, .. } => Item::Person(id.clone()),
            Self::TaskAdded(task) | Self::TaskRemoved(task) => Item::Task(task.id.clone()),
            Self::TaskChanged { id, .. } => Item::Task(id.clone()),
            Self::DependencyAdded(dependency) | Self::DependencyRemoved(dependency) => link(dependency),
            Self::DependencyChanged { predecessor, successor, .. } => {
                Item::Dependency { predecessor: predecessor.clone(), successor: successor.clone() }
            }
            Self::ExternalDependencyAdded(link) | Self::ExternalDependencyRemoved(link) => external(link),
            Self::ExternalDependencyChanged { plan, predecessor, successor, .. } => Item::ExternalDependency {
                plan: plan.clone(),
                predecessor: predecessor.clone(),
                successor: successor.clone(),
            },
            Self::RaciAdded(raci) | Self::RaciRemoved(raci) => cell(raci),
            Self::RaciChanged { task, person, .. } => Item::Raci { task: task.clone(), person: person.clone() },
            Self::RiskAdded(risk) | Self::RiskRemoved(risk) => Item::Risk(risk.id.clone()),
            Self::RiskChanged { id, .. } => Item::Risk(id.clone()),
            Self::BaselineAdded(baseline) | Self::BaselineRemoved(baseline) => Item::Baseline(baseline.id.clone()),
            Self::BaselineChanged { id, .. } => Item::Baseline(id.clone()),
            Self::AssumptionAdded(entry) | Self::AssumptionRemoved(entry) => Item::Assumption(entry.id.clone()),
            Self::AssumptionChanged { id, .. } => Item::Assumption(id.clone()),
            Self::IssueAdded(entry) | Self::IssueRemoved(entry) => Item::Issue(entry.id.clone()),
            Self::IssueChanged { id, .. } => Item::Issue(id.clone()),
            Self::DecisionAdded(entry) | Self::DecisionRemoved(entry) => Item::Decision(entry.id.clone()),
            Self::DecisionChanged { id, .. } => Item::Decision(id.clone()),
            Self::BudgetChanged { .. } => Item::Budget,
            Self::DayRateChanged { person, .. } => Item::DayRate(person.clone()),
            Self::TaskCostChanged { task, .. } => Item::TaskCost(task.clone()),
        }
    }

    /// The name of the changed field, as in the file (`None` for an added or removed item).
    pub fn field_name(&self) -> Option<&'static str> {
        Some(match self {
            Self::Plan(field) => match field {
                PlanField::Name(_) => "name",
                PlanField::Description(_) => "description",
                PlanField::Start(_) => "start",
                PlanField::WorkingWeekdays(_) => "working_weekdays",
                PlanField::OverloadThreshold(_) => "overload_threshold",
                PlanField::ConsultedLimit(_) => "consulted_limit",
                PlanField::RiskCategories(_) => "risk_categories",
            },
            Self::HolidayRenamed { .. } => "name",
            Self::PersonChanged { field, .. } => match field {
                PersonField::Name(_) => "name",
                PersonField::Role(_) => "role",
                PersonField::Team(_) => "team",
                PersonField::Email(_) => "email",
            },
            Self::TaskChanged { field, .. } => match field {
                TaskField::Name(_) => "name",
                TaskField::Parent(_) => "parent",
                TaskField::Order(_) => "order",
                TaskField::Kind(_) => "kind",
                TaskField::Duration(_) => "duration",
                TaskField::Constraint(_) => "constraint",
                TaskField::Deadline(_) => "deadline",
                TaskField::Progress(_) => "progress",
                TaskField::Notes(_) => "notes",
            },
            Self::DependencyChanged { field, .. } => match field {
                DependencyField::Kind(_) => "kind",
                DependencyField::Lag(_) => "lag",
            },
            Self::ExternalDependencyChanged { field, .. } => match field {
                ExternalDependencyField::Kind(_) => "kind",
                ExternalDependencyField::Lag(_) => "lag",
                ExternalDependencyField::Known(_) => "known",
            },
            Self::RaciChanged { .. } => "role",
            Self::RiskChanged { field, .. } => match field {
                RiskField::Title(_) => "title",
                RiskField::Description(_) => "description",
                RiskField::Category(_) => "category",
                RiskField::Probability(_) => "probability",
                RiskField::Impact(_) => "impact",
                RiskField::Owner(_) => "owner",
                RiskField::Response(_) => "response",
                RiskField::Mitigation(_) => "mitigation",
                RiskField::Contingency(_) => "contingency",
                RiskField::Trigger(_) => "trigger",
                RiskField::Status(_) => "status",
                RiskField::ReviewDate(_) => "review_date",
                RiskField::LinkedTasks(_) => "linked_tasks",
                RiskField::Created(_) => "created",
                RiskField::Updated(_) => "updated",
                RiskField::History(_) => "history",
            },
            Self::BaselineChanged { field, .. } => match field {
                BaselineField::Name(_) => "name",
                BaselineField::Taken(_) => "taken",
                BaselineField::Tasks(_) => "tasks",
            },
            Self::AssumptionChanged { field, .. } => field.name(),
            Self::IssueChanged { field, .. } => field.name(),
            Self::DecisionChanged { field, .. } => field.name(),
            Self::BudgetChanged { field, .. } => field.name(),
            Self::DayRateChanged { .. } => "rate",
            Self::TaskCostChanged { field, .. } => field.name(),
            _ => return None,
        })
    }

    pub fn key(&self) -> ChangeKey {
        ChangeKey { item: self.item(), field: self.field_name() }
    }

    /// The changed field as words, for a list that shows ours and theirs side by side
    /// ("start no earlier than", "linked tasks"); `None` for an added or removed item.
    pub fn field_label(&self) -> Option<String> {
        self.field_name().map(|name| name.replace('_', " "))
    }

    /// Ours and theirs of a changed field, each as the sentence shows it ("5 working
    /// days", "\"Old\""), to put side by side; `None` for an added or removed item.
    pub fn sides(&self) -> Option<(String, String)> {
        fn both<T>(change: &FieldChange<T>, show: impl Fn(&T) -> String) -> Option<(String, String)> {
            Some((show(&change.from), show(&change.to)))
        }
        let text = |value: &String| quoted(value);
        let days = |value: &u32| working_days(i64::from(*value));
        match self {
            Self::Plan(field) => match field {
                PlanField::Name(change) | PlanField::Description(change) => both(change, text),
                PlanField::Start(change) => both(change, plain),
                PlanField::WorkingWeekdays(change) => both(change, |days| weekdays(days)),
                PlanField::OverloadThreshold(change) | PlanField::ConsultedLimit(change) => both(change, plain),
                PlanField::RiskCategories(change) => both(change, |categories| list_or_none(categories)),
            },
            Self::HolidayRenamed { name, .. } => both(name, text),
            Self::PersonChanged { field, .. } => match field {
                PersonField::Name(change)
                | PersonField::Role(change)
                | PersonField::Team(change)
                | PersonField::Email(change) => both(change, text),
            },
            Self::TaskChanged { field, .. } => match field {
                TaskField::Name(change) | TaskField::Notes(change) => both(change, text),
                TaskField::Parent(change) => both(change, under),
                TaskField::Order(change) => both(change, |after| match after {
                    Some(sibling) => format!("after {sibling}"),
                    None => "first among its siblings".into(),
                }),
                TaskField::Kind(change) => both(change, |kind| kind_name(*kind).into()),
                TaskField::Duration(change) => both(change, days),
                TaskField::Constraint(change) => both(change, constraint_or_none),
                TaskField::Deadline(change) => both(change, date_or_none),
                TaskField::Progress(change) => both(change, |value| format!("{value}%")),
            },
            Self::DependencyChanged { field, .. } => match field {
                DependencyField::Kind(change) => both(change, |kind| kind.label().into()),
                DependencyField::Lag(change) => both(change, |lag| working_days(i64::from(*lag))),
            },
            Self::ExternalDependencyChanged { field, .. } => match field {
                ExternalDependencyField::Kind(change) => both(change, |kind| kind.label().into()),
                ExternalDependencyField::Lag(change) => both(change, |lag| working_days(i64::from(*lag))),
                ExternalDependencyField::Known(change) => both(change, known_task),
            },
            Self::RaciChanged { role, .. } => both(role, |role| role.label().into()),
            Self::RiskChanged { field, .. } => match field {
                RiskField::Title(change)
                | RiskField::Description(change)
                | RiskField::Mitigation(change)
                | RiskField::Contingency(change)
                | RiskField::Trigger(change) => both(change, text),
                RiskField::Category(change) => both(change, plain),
                RiskField::Probability(change) | RiskField::Impact(change) => both(change, plain),
                RiskField::Owner(change) => both(change, id_or_none),
                RiskField::Response(change) => both(change, |response| response.label().into()),
                RiskField::Status(change) => both(change, |status| status.label().into()),
                RiskField::ReviewDate(change) | RiskField::Created(change) | RiskField::Updated(change) => {
                    both(change, date_or_none)
                }
                RiskField::LinkedTasks(change) => both(change, |tasks| list_or_none(tasks)),
                RiskField::History(change) => both(change, |history| match history.len() {
                    1 => "1 assessment".into(),
                    count => format!("{count} assessments"),
                }),
            },
            Self::BaselineChanged { field, .. } => match field {
                BaselineField::Name(change) => both(change, text),
                BaselineField::Taken(change) => both(change, plain),
                BaselineField::Tasks(change) => both(change, |tasks| format!("{} task dates", tasks.len())),
            },
            Self::AssumptionChanged { field, .. } => Some(field.sides()),
            Self::IssueChanged { field, .. } => Some(field.sides()),
            Self::DecisionChanged { field, .. } => Some(field.sides()),
            Self::BudgetChanged { field, currency } => Some(field.sides(currency)),
            Self::DayRateChanged { rate, currency, .. } => Some(day_rate_sides(rate, currency)),
            Self::TaskCostChanged { field, currency, .. } => Some(field.sides(currency)),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------- text

/// Long texts (notes, descriptions) are shown cut to this many characters.
const SHOWN_CHARS: usize = 60;

pub(super) fn quoted(text: &str) -> String {
    if text.chars().count() > SHOWN_CHARS {
        format!("\"{}…\"", text.chars().take(SHOWN_CHARS).collect::<String>())
    } else {
        format!("\"{text}\"")
    }
}

fn working_days(days: i64) -> String {
    if days.abs() == 1 {
        format!("{days} working day")
    } else {
        format!("{days} working days")
    }
}

/// "finish no later than 2027-03-05", or "none".
fn constraint_or_none(constraint: &Option<DateConstraint>) -> String {
    match constraint {
        Some(constraint) => format!("{} {}", constraint.kind.words(), constraint.date),
        None => "none".into(),
    }
}

pub(super) fn date_or_none(date: &Option<NaiveDate>) -> String {
    date.map_or_else(|| "none".to_string(), |date| date.to_string())
}

pub(super) fn id_or_none<T: std::fmt::Display>(id: &Option<T>) -> String {
    id.as_ref().map_or_else(|| "none".to_string(), ToString::to_string)
}

pub(super) fn list_or_none<T: std::fmt::Display>(items: &[T]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
    }
}

fn weekdays(days: &[Weekday]) -> String {
    let names: Vec<&str> = days.iter().map(|day| WEEKDAY_NAMES[day.num_days_from_monday() as usize].0).collect();
    if names.is_empty() {
        "none".into()
    } else {
        names.join(", ")
    }
}

fn kind_name(kind: TaskKind) -> &'static str {
    match kind {
        TaskKind::Task => "a task",
        TaskKind::Milestone => "a milestone",
    }
}

fn under(parent: &Option<TaskId>) -> String {
    match parent {
        Some(parent) => format!("under {parent}"),
        None => "at the top level".into(),
    }
}

/// "added x; removed y" between two lists, in their own order.
fn list_edits<T: PartialEq + std::fmt::Display>(from: &[T], to: &[T]) -> String {
    let added: Vec<String> = to.iter().filter(|item| !from.contains(item)).map(ToString::to_string).collect();
    let removed: Vec<String> = from.iter().filter(|item| !to.contains(item)).map(ToString::to_string).collect();
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(format!("added {}", added.join(", ")));
    }
    if !removed.is_empty() {
        parts.push(format!("removed {}", removed.join(", ")));
    }
    if parts.is_empty() {
        parts.push("reordered".into());
    }
    parts.join("; ")
}

/// `"Platform GA" of "Platform", 2027-03-05` (a range for work, "missing" when gone).
fn known_task(known: &KnownTask) -> String {
    let dates = if known.start == known.finish {
        known.finish.to_string()
    } else {
        format!("{} to {}", known.start, known.finish)
    };
    let missing = if known.missing { ", missing" } else { "" };
    format!("{} of {}, {dates}{missing}", quoted(&known.name), quoted(&known.plan_name))
}

/// `T7 of "Platform" → T12`: an external link as a sentence names it.
fn external_link(plan_name: &str, predecessor: &TaskId, successor: &TaskId) -> String {
    format!("external link {predecessor} of {} → {successor}", quoted(plan_name))
}

fn assessment(entry: &RiskAssessment) -> String {
    format!("{} (probability {}, impact {}, {})", entry.date, entry.probability, entry.impact, entry.status.label())
}

fn history_edits(from: &[RiskAssessment], to: &[RiskAssessment]) -> String {
    let added: Vec<String> = to.iter().filter(|entry| !from.contains(entry)).map(assessment).collect();
    let removed: Vec<String> = from.iter().filter(|entry| !to.contains(entry)).map(assessment).collect();
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(format!("added {}", added.join(", ")));
    }
    if !removed.is_empty() {
        parts.push(format!("removed {}", removed.join(", ")));
    }
    parts.join("; ")
}

/// `from → to` of two values shown by `show`.
fn arrow<T>(change: &FieldChange<T>, show: impl Fn(&T) -> String) -> String {
    format!("{} → {}", show(&change.from), show(&change.to))
}

fn plain<T: std::fmt::Display>(value: &T) -> String {
    value.to_string()
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Plan(field) => match field {
                PlanField::Name(change) => write!(f, "plan renamed {}", arrow(change, |value| quoted(value))),
                PlanField::Description(change) => {
                    write!(f, "plan description {}", arrow(change, |value| quoted(value)))
                }
                PlanField::Start(change) => write!(f, "plan start {}", arrow(change, plain)),
                PlanField::WorkingWeekdays(change) => {
                    write!(f, "working weekdays {}", arrow(change, |days| weekdays(days)))
                }
                PlanField::OverloadThreshold(change) => write!(f, "overload threshold {}", arrow(change, plain)),
                PlanField::ConsultedLimit(change) => write!(f, "consulted limit {}", arrow(change, plain)),
                PlanField::RiskCategories(change) => {
                    write!(f, "risk categories: {}", list_edits(&change.from, &change.to))
                }
            },
            Self::HolidayAdded(holiday) => write!(f, "holiday {} added: {}", holiday.date, quoted(&holiday.name)),
            Self::HolidayRemoved(holiday) => write!(f, "holiday {} removed: {}", holiday.date, quoted(&holiday.name)),
            Self::HolidayRenamed { date, name } => {
                write!(f, "holiday {date} renamed {}", arrow(name, |value| quoted(value)))
            }
            Self::PersonAdded(person) => {
                write!(f, "{} added: {}", person.id, quoted(&person.name))?;
                let details: Vec<&str> =
                    [person.role.as_str(), person.team.as_str()].into_iter().filter(|text| !text.is_empty()).collect();
                if !details.is_empty() {
                    write!(f, " ({})", details.join(", "))?;
                }
                Ok(())
            }
            Self::PersonRemoved(person) => write!(f, "{} removed: {}", person.id, quoted(&person.name)),
            Self::PersonChanged { id, field } => match field {
                PersonField::Name(change) => write!(f, "{id} renamed {}", arrow(change, |value| quoted(value))),
                PersonField::Role(change) => write!(f, "{id} role {}", arrow(change, |value| quoted(value))),
                PersonField::Team(change) => write!(f, "{id} team {}", arrow(change, |value| quoted(value))),
                PersonField::Email(change) => write!(f, "{id} e-mail {}", arrow(change, |value| quoted(value))),
            },
            Self::TaskAdded(task) => {
                write!(f, "{} added: ", task.id)?;
                match task.kind {
                    TaskKind::Milestone => write!(f, "milestone {}", quoted(&task.name))?,
                    TaskKind::Task => write!(f, "{}, {}", quoted(&task.name), working_days(task.duration as i64))?,
                }
                write!(f, ", {}", under(&task.parent))
            }
            Self::TaskRemoved(task) => write!(f, "{} removed: {}", task.id, quoted(&task.name)),
            Self::TaskChanged { id, field } => match field {
                TaskField::Name(change) => write!(f, "{id} renamed {}", arrow(change, |value| quoted(value))),
                TaskField::Parent(change) => match &change.to {
                    Some(parent) => write!(f, "{id} moved under {parent} (was {})", under(&change.from)),
                    None => write!(f, "{id} moved to the top level (was {})", under(&change.from)),
                },
                TaskField::Order(change) => match &change.to {
                    Some(sibling) => write!(f, "{id} now comes after {sibling}"),
                    None => write!(f, "{id} now comes first among its siblings"),
                },
                TaskField::Kind(change) => {
                    write!(f, "{id} is now {} (was {})", kind_name(change.to), kind_name(change.from))
                }
                TaskField::Duration(change) => {
                    write!(f, "{id} duration {} → {}", change.from, working_days(change.to as i64))
                }
                TaskField::Constraint(change) => write!(f, "{id} constraint {}", arrow(change, constraint_or_none)),
                TaskField::Deadline(change) => write!(f, "{id} deadline {}", arrow(change, date_or_none)),
                TaskField::Progress(change) => {
                    write!(f, "{id} progress {}", arrow(change, |value| format!("{value}%")))
                }
                TaskField::Notes(change) => write!(f, "{id} notes {}", arrow(change, |value| quoted(value))),
            },
            Self::DependencyAdded(dependency) => {
                write!(
                    f,
                    "link {} → {} added ({}",
                    dependency.predecessor,
                    dependency.successor,
                    dependency.kind.label()
                )?;
                if dependency.lag != 0 {
                    write!(f, ", lag {}", working_days(dependency.lag as i64))?;
                }
                f.write_str(")")
            }
            Self::DependencyRemoved(dependency) => {
                write!(f, "link {} → {} removed", dependency.predecessor, dependency.successor)
            }
            Self::DependencyChanged { predecessor, successor, field } => match field {
                DependencyField::Kind(change) => {
                    write!(f, "link {predecessor} → {successor} kind {}", arrow(change, |kind| kind.label().into()))
                }
                DependencyField::Lag(change) => write!(
                    f,
                    "link {predecessor} → {successor} lag {} → {}",
                    change.from,
                    working_days(change.to as i64)
                ),
            },
            Self::ExternalDependencyAdded(link) => {
                let name = external_link(&link.known.plan_name, &link.predecessor, &link.successor);
                write!(f, "{name} added ({}", link.kind.label())?;
                if link.lag != 0 {
                    write!(f, ", lag {}", working_days(link.lag as i64))?;
                }
                f.write_str(")")
            }
            Self::ExternalDependencyRemoved(link) => {
                write!(f, "{} removed", external_link(&link.known.plan_name, &link.predecessor, &link.successor))
            }
            Self::ExternalDependencyChanged { plan, predecessor, successor, field } => {
                write!(f, "external link {predecessor} of {plan} → {successor} ")?;
                match field {
                    ExternalDependencyField::Kind(change) => {
                        write!(f, "kind {}", arrow(change, |kind| kind.label().into()))
                    }
                    ExternalDependencyField::Lag(change) => {
                        write!(f, "lag {} → {}", change.from, working_days(change.to as i64))
                    }
                    ExternalDependencyField::Known(change) => write!(f, "known task {}", arrow(change, known_task)),
                }
            }
            Self::RaciAdded(cell) => write!(f, "{}'s role on {}: none → {}", cell.person, cell.task, cell.role.label()),
            Self::RaciRemoved(cell) => {
                write!(f, "{}'s role on {}: {} → none", cell.person, cell.task, cell.role.label())
            }
            Self::RaciChanged { task, person, role } => {
                write!(f, "{person}'s role on {task}: {}", arrow(role, |role| role.label().into()))
            }
            Self::RiskAdded(risk) => write!(
                f,
                "{} added: {} (probability {}, impact {})",
                risk.id,
                quoted(&risk.title),
                risk.probability,
                risk.impact
            ),
            Self::RiskRemoved(risk) => write!(f, "{} removed: {}", risk.id, quoted(&risk.title)),
            Self::RiskChanged { id, field } => match field {
                RiskField::Title(change) => write!(f, "{id} renamed {}", arrow(change, |value| quoted(value))),
                RiskField::Description(change) => {
                    write!(f, "{id} description {}", arrow(change, |value| quoted(value)))
                }
                RiskField::Category(change) => write!(f, "{id} category {}", arrow(change, plain)),
                RiskField::Probability(change) => write!(f, "{id} probability {}", arrow(change, plain)),
                RiskField::Impact(change) => write!(f, "{id} impact {}", arrow(change, plain)),
                RiskField::Owner(change) => write!(f, "{id} owner {}", arrow(change, id_or_none)),
                RiskField::Response(change) => {
                    write!(f, "{id} response {}", arrow(change, |response| response.label().into()))
                }
                RiskField::Mitigation(change) => write!(f, "{id} mitigation {}", arrow(change, |value| quoted(value))),
                RiskField::Contingency(change) => {
                    write!(f, "{id} contingency {}", arrow(change, |value| quoted(value)))
                }
                RiskField::Trigger(change) => write!(f, "{id} trigger {}", arrow(change, |value| quoted(value))),
                RiskField::Status(change) => write!(f, "{id} status {}", arrow(change, |status| status.label().into())),
                RiskField::ReviewDate(change) => write!(f, "{id} review date {}", arrow(change, date_or_none)),
                RiskField::LinkedTasks(change) => {
                    write!(f, "{id} linked tasks {}", arrow(change, |tasks| list_or_none(tasks)))
                }
                RiskField::Created(change) => write!(f, "{id} created {}", arrow(change, date_or_none)),
                RiskField::Updated(change) => write!(f, "{id} updated {}", arrow(change, date_or_none)),
                RiskField::History(change) => write!(f, "{id} history: {}", history_edits(&change.from, &change.to)),
            },
            Self::BaselineAdded(baseline) => write!(
                f,
                "baseline {} added: {} (taken {}, {} tasks)",
                baseline.id,
                quoted(&baseline.name),
                baseline.taken,
                baseline.tasks.len()
            ),
            Self::BaselineRemoved(baseline) => {
                write!(f, "baseline {} removed: {}", baseline.id, quoted(&baseline.name))
            }
            Self::BaselineChanged { id, field } => match field {
                BaselineField::Name(change) => {
                    write!(f, "baseline {id} renamed {}", arrow(change, |value| quoted(value)))
                }
                BaselineField::Taken(change) => write!(f, "baseline {id} taken {}", arrow(change, plain)),
                BaselineField::Tasks(change) => {
                    let differing = change.to.iter().filter(|entry| !change.from.contains(entry)).count()
                        + change
                            .from
                            .iter()
                            .filter(|entry| !change.to.iter().any(|other| other.task == entry.task))
                            .count();
                    write!(f, "baseline {id} task dates: {differing} of {} entries differ", change.to.len())
                }
            },
            Self::AssumptionAdded(entry) => f.write_str(&assumption_added(entry)),
            Self::IssueAdded(entry) => f.write_str(&issue_added(entry)),
            Self::DecisionAdded(entry) => f.write_str(&decision_added(entry)),
            Self::AssumptionRemoved(entry) => write!(f, "{} removed: {}", entry.id, quoted(&entry.statement)),
            Self::IssueRemoved(entry) => write!(f, "{} removed: {}", entry.id, quoted(&entry.title)),
            Self::DecisionRemoved(entry) => write!(f, "{} removed: {}", entry.id, quoted(&entry.title)),
            Self::AssumptionChanged { id, field } => entry_sentence(f, id, field.name(), field.sides()),
            Self::IssueChanged { id, field } => entry_sentence(f, id, field.name(), field.sides()),
            Self::DecisionChanged { id, field } => entry_sentence(f, id, field.name(), field.sides()),
            Self::BudgetChanged { field, currency } => {
                let (from, to) = field.sides(currency);
                write!(f, "budget {} {from} → {to}", field.name())
            }
            Self::DayRateChanged { person, rate, currency } => {
                let (from, to) = day_rate_sides(rate, currency);
                write!(f, "{person}'s day rate {from} → {to}")
            }
            Self::TaskCostChanged { task, field, currency } => {
                let (from, to) = field.sides(currency);
                write!(f, "{task} {} {from} → {to}", field.words())
            }
        }
    }
}

/// `A2 status open → confirmed`: an entry's id, the field's words, ours → theirs.
fn entry_sentence(
    f: &mut std::fmt::Formatter<'_>,
    id: &dyn std::fmt::Display,
    field: &str,
    (from, to): (String, String),
) -> std::fmt::Result {
    write!(f, "{id} {} {from} → {to}", entry_field_words(field))
}
