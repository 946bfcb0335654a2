//! The risk register's rules, decided without a browser: scores and bands, what each
//! probability and impact level means, reviews that are overdue, the heat map, the
//! history of a risk (where it stood on any day) and the plan's exposure over time,
//! and the edits the register offers (a new risk, a
//! duplicate, "occurred" with a response task). Risks on the critical path need the
//! schedule: they are in `crate::analysis::risk`.
//!
//! Score and bands: the score is probability × impact, each 1 to 5, so 1 to 25.
//!
//! | band | scores |
//! | --- | --- |
//! | low | 1–4 |
//! | medium | 5–9 |
//! | high | 10–16 |
//! | critical | 20–25 |
//!
//! Each band starts where the one before ends: a score belongs to the highest band whose
//! lowest score it reaches. Only 14 scores can occur (1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15,
//! 16, 20, 25); no two levels from 1 to 5 multiply to 17, 18 or 19, which is why high
//! stops at 16 and critical starts at 20 (`RiskBand::of_score` would put them in high).
//! In the grid: critical is 4×5, 5×4 and 5×5; high is 2×5, 3×4 … 4×4; medium 1×5, 2×3 …
//! 3×3; low everything at or below 4.
//!
//! Dates: the model has no clock. Everything that depends on "today" takes it as an
//! argument (the UI passes the local date), so every answer here is testable.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::validate::{MAX_NAME_CHARS, MAX_TEXT_CHARS};
use super::{
    Command, ModelError, PersonId, Plan, Risk, RiskAssessment, RiskId, RiskResponse, RiskStatus, Task, TaskId,
};

// ---------------------------------------------------------------- scores and bands

/// The lowest and highest probability and impact.
pub const LEVELS: std::ops::RangeInclusive<u8> = 1..=5;

/// Probability × impact.
pub fn score(probability: u8, impact: u8) -> u8 {
    probability * impact
}

/// Every score a risk can have, lowest first.
pub const POSSIBLE_SCORES: [u8; 14] = [1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 20, 25];

/// How serious a score is: low 1–4, medium 5–9, high 10–16, critical 20–25.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RiskBand {
    Low,
    Medium,
    High,
    Critical,
}

impl RiskBand {
    /// Lowest first.
    pub const ALL: [RiskBand; 4] = [Self::Low, Self::Medium, Self::High, Self::Critical];

    /// The band of a score. Bands are closed from below: 17–19 (which no risk can
    /// score) fall in high, anything from 20 in critical, 0 (no risk either) in low.
    pub fn of_score(score: u8) -> Self {
        match score {
            20.. => Self::Critical,
            10.. => Self::High,
            5.. => Self::Medium,
            _ => Self::Low,
        }
    }

    /// The band of a risk's current score.
    pub fn of(risk: &Risk) -> Self {
        Self::of_score(risk.score())
    }

    /// "low", "medium", "high" or "critical": for the register, the exports and CSS
    /// class names (`score--critical`).
    pub fn label(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::Critical => "critical",
        }
    }

    /// The scores the band covers as documented (17–19 cannot occur and belong to none).
    pub fn scores(self) -> std::ops::RangeInclusive<u8> {
        match self {
            Self::Low => 1..=4,
            Self::Medium => 5..=9,
            Self::High => 10..=16,
            Self::Critical => 20..=25,
        }
    }

    pub fn from_label(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|band| band.label() == text)
    }
}

/// What one probability or impact level means, in words the register shows beside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Level {
    /// 1 to 5.
    pub value: u8,
    /// One or two words: "Rare", "Almost certain", "Severe".
    pub name: &'static str,
    /// What choosing it says, in plain language.
    pub meaning: &'static str,
}

/// Probability 1 to 5 (index 0 is level 1).
pub const PROBABILITY_LEVELS: [Level; 5] = [
    Level { value: 1, name: "Rare", meaning: "very unlikely to happen: less than a 10% chance" },
    Level { value: 2, name: "Unlikely", meaning: "could happen but probably will not: 10–30%" },
    Level { value: 3, name: "Possible", meaning: "about as likely as not: 30–50%" },
    Level { value: 4, name: "Likely", meaning: "more likely than not: 50–80%" },
    Level { value: 5, name: "Almost certain", meaning: "expected to happen unless something changes: over 80%" },
];

/// Impact 1 to 5 (index 0 is level 1).
pub const IMPACT_LEVELS: [Level; 5] = [
    Level { value: 1, name: "Negligible", meaning: "no visible effect on dates, scope or cost" },
    Level { value: 2, name: "Minor", meaning: "slips a few days that float absorbs; no milestone moves" },
    Level { value: 3, name: "Moderate", meaning: "a milestone slips up to two weeks, or a small cut in scope" },
    Level { value: 4, name: "Major", meaning: "the launch slips two to four weeks, or a key feature is cut" },
    Level { value: 5, name: "Severe", meaning: "program fails or slips more than a month" },
];

/// The meaning of a probability level, if it is 1 to 5.
pub fn probability_level(value: u8) -> Option<&'static Level> {
    PROBABILITY_LEVELS.get(usize::from(value).checked_sub(1)?)
}

/// The meaning of an impact level, if it is 1 to 5.
pub fn impact_level(value: u8) -> Option<&'static Level> {
    IMPACT_LEVELS.get(usize::from(value).checked_sub(1)?)
}

// ---------------------------------------------------------------- the register

/// Whether a risk's review is overdue on `today`: it is still open (open or
/// monitoring) and its review date is before `today`. A review due today is not yet
/// overdue; closed and occurred risks need no review.
pub fn review_overdue(risk: &Risk, today: NaiveDate) -> bool {
    risk.status.is_open() && risk.review_date.is_some_and(|review| review < today)
}

/// The risks whose review is overdue on `today`, in plan order.
pub fn overdue_reviews(plan: &Plan, today: NaiveDate) -> Vec<RiskId> {
    plan.risks.iter().filter(|risk| review_overdue(risk, today)).map(|risk| risk.id.clone()).collect()
}

/// The register's default order, as indexes into `plan.risks`: open first, then
/// monitoring, occurred and closed; within each, the highest score first; then plan order.
pub fn register_order(plan: &Plan) -> Vec<usize> {
    let mut order: Vec<usize> = (0..plan.risks.len()).collect();
    // A stable sort keeps plan order among equals.
    super::sorting::sort_by_key(&mut order, |&index| {
        let risk = &plan.risks[index];
        (status_rank(risk.status), std::cmp::Reverse(risk.score()))
    });
    order
}

/// Which risks the register's table shows. The default shows every risk that is not
/// closed: closed risks stay behind the "show closed" toggle unless the status filter
/// asks for them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RegisterFilter {
    /// Words that must each appear, ignoring case, in the risk's id, title,
    /// description, category, mitigation, contingency, trigger, owner's name or linked
    /// task ids.
    pub text: String,
    pub status: Option<RiskStatus>,
    /// `Some(None)`: risks without an owner.
    pub owner: Option<Option<PersonId>>,
    pub band: Option<RiskBand>,
    pub category: Option<String>,
    /// A heat-map cell, (probability, impact): the open risks there, as the cell counts.
    pub cell: Option<(u8, u8)>,
    pub show_closed: bool,
}

impl RegisterFilter {
    /// Whether the table shows a risk.
    pub fn accepts(&self, plan: &Plan, risk: &Risk) -> bool {
        let closed_hidden = !self.show_closed && self.status != Some(RiskStatus::Closed);
        if closed_hidden && risk.status == RiskStatus::Closed {
            return false;
        }
        if self.status.is_some_and(|status| status != risk.status)
            || self.owner.as_ref().is_some_and(|owner| *owner != risk.owner)
            || self.band.is_some_and(|band| band != RiskBand::of(risk))
            || self.category.as_ref().is_some_and(|category| *category != risk.category)
        {
            return false;
        }
        if let Some(cell) = self.cell {
            if !risk.status.is_open() || cell != (risk.probability, risk.impact) {
                return false;
            }
        }
        self.matches_text(plan, risk)
    }

    /// Whether any filter is set beyond the default (closed risks hidden).
    pub fn is_narrowed(&self) -> bool {
        let RegisterFilter { text, status, owner, band, category, cell, show_closed: _ } = self;
        !text.trim().is_empty()
            || status.is_some()
            || owner.is_some()
            || band.is_some()
            || category.is_some()
            || cell.is_some()
    }

    fn matches_text(&self, plan: &Plan, risk: &Risk) -> bool {
        let words: Vec<String> = self.text.split_whitespace().map(str::to_lowercase).collect();
        if words.is_empty() {
            return true;
        }
        let owner =
            risk.owner.as_ref().and_then(|owner| plan.person(owner.as_str())).map(|person| person.name.as_str());
        let linked = risk.linked_tasks.iter().map(TaskId::as_str);
        let fields = [
            risk.id.as_str(),
            &risk.title,
            &risk.description,
            &risk.category,
            &risk.mitigation,
            &risk.contingency,
            &risk.trigger,
            owner.unwrap_or(""),
        ];
        let haystack = fields.into_iter().chain(linked).collect::<Vec<_>>().join("\n").to_lowercase();
        words.iter().all(|word| haystack.contains(word.as_str()))
    }
}

/// A column the register's table sorts by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RegisterColumn {
    Id,
    Title,
    Category,
    Probability,
    Impact,
    Score,
    Owner,
    Response,
    Status,
    Review,
    Updated,
}

/// The table's sort: a column and its direction. Empty values (no owner, no review
/// date) come last in both directions; equal values keep the default order
/// (`register_order`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RegisterSort {
    pub column: RegisterColumn,
    pub descending: bool,
}

/// The rows of the register's table, as indexes into `plan.risks`: the risks the filter
/// accepts, sorted by `sort`, or in the default order (`register_order`: open first,
/// highest score first) without one.
pub fn register_rows(plan: &Plan, filter: &RegisterFilter, sort: Option<RegisterSort>) -> Vec<usize> {
    let mut rows: Vec<usize> =
        register_order(plan).into_iter().filter(|&index| filter.accepts(plan, &plan.risks[index])).collect();
    let Some(sort) = sort else { return rows };
    let owner_name = |risk: &Risk| {
        risk.owner
            .as_ref()
            .map(|owner| plan.person(owner.as_str()).map_or(owner.as_str(), |person| &person.name).to_lowercase())
    };
    // Each risk's sort key: `None` for an empty value, which sorts last either way.
    let key = |risk: &Risk| -> Option<SortKey> {
        Some(match sort.column {
            RegisterColumn::Id => SortKey::Number(id_number(risk.id.as_str())),
            RegisterColumn::Title => SortKey::Text(risk.title.to_lowercase()),
            RegisterColumn::Category => SortKey::Text(risk.category.to_lowercase()),
            RegisterColumn::Probability => SortKey::Number(u64::from(risk.probability)),
            RegisterColumn::Impact => SortKey::Number(u64::from(risk.impact)),
            RegisterColumn::Score => SortKey::Number(u64::from(risk.score())),
            RegisterColumn::Owner => SortKey::Text(owner_name(risk)?),
            RegisterColumn::Response => SortKey::Number(response_rank(risk.response)),
            RegisterColumn::Status => SortKey::Number(status_rank(risk.status)),
            RegisterColumn::Review => SortKey::Date(risk.review_date?),
            RegisterColumn::Updated => SortKey::Date(risk.updated?),
        })
    };
    let mut keyed: Vec<(Option<SortKey>, usize)> = rows.iter().map(|&index| (key(&plan.risks[index]), index)).collect();
    // A stable sort keeps the default order among equal values.
    keyed.sort_by(|(left, _), (right, _)| match (left, right) {
        (Some(left), Some(right)) if sort.descending => right.cmp(left),
        (Some(left), Some(right)) => left.cmp(right),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    rows = keyed.into_iter().map(|(_, index)| index).collect();
    rows
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum SortKey {
    Number(u64),
    Text(String),
    Date(NaiveDate),
}

/// The number in an id such as `R12` (so R2 sorts before R10); ids without one last.
fn id_number(id: &str) -> u64 {
    id.trim_start_matches(|character: char| !character.is_ascii_digit()).parse().unwrap_or(u64::MAX)
}

fn status_rank(status: RiskStatus) -> u64 {
    match status {
        RiskStatus::Open => 0,
        RiskStatus::Monitoring => 1,
        RiskStatus::Occurred => 2,
        RiskStatus::Closed => 3,
    }
}

fn response_rank(response: RiskResponse) -> u64 {
    RiskResponse::ALL.iter().position(|other| *other == response).map_or(u64::MAX, |rank| rank as u64)
}

/// Open risks (open or monitoring) by probability and impact: the heat map's numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct HeatMap {
    /// `counts[probability - 1][impact - 1]`.
    pub counts: [[usize; 5]; 5],
}

impl HeatMap {
    pub fn of(plan: &Plan) -> Self {
        let mut map = Self::default();
        for risk in plan.risks.iter().filter(|risk| risk.status.is_open()) {
            if LEVELS.contains(&risk.probability) && LEVELS.contains(&risk.impact) {
                map.counts[usize::from(risk.probability) - 1][usize::from(risk.impact) - 1] += 1;
            }
        }
        map
    }

    /// The number of open risks in a cell (0 outside 1 to 5).
    pub fn count(&self, probability: u8, impact: u8) -> usize {
        let cell = |value: u8| usize::from(value).checked_sub(1).filter(|index| *index < 5);
        match (cell(probability), cell(impact)) {
            (Some(row), Some(column)) => self.counts[row][column],
            _ => 0,
        }
    }

    /// The number of open risks in all cells.
    pub fn total(&self) -> usize {
        self.counts.iter().flatten().sum()
    }
}

// ---------------------------------------------------------------- history

/// Where a risk stood at the end of `date`, as its history records it: the last entry
/// dated on or before `date`. A risk with no history has always stood where it stands
/// now, from its `created` date when that is known (before it: `None`); the answer is
/// then dated `created`, or `date` when that is unknown. Before the first entry of a
/// history, `None`: nothing is recorded yet.
pub fn assessment_on(risk: &Risk, date: NaiveDate) -> Option<RiskAssessment> {
    if risk.history.is_empty() {
        return match risk.created {
            Some(created) if created > date => None,
            Some(created) => Some(risk.assessment(created)),
            None => Some(risk.assessment(date)),
        };
    }
    let recorded = risk.history.partition_point(|entry| entry.date <= date);
    recorded.checked_sub(1).map(|last| risk.history[last])
}

/// A risk's score over time, for a small chart: each entry of its history (one point
/// per change), then a point at `today` with the last values when `today` is later, so
/// the line runs up to now. A risk without history: its current values from `created`
/// (when known and before `today`) and at `today`.
pub fn score_history(risk: &Risk, today: NaiveDate) -> Vec<RiskAssessment> {
    let mut points: Vec<RiskAssessment> = if risk.history.is_empty() {
        risk.created.filter(|created| *created < today).map(|created| risk.assessment(created)).into_iter().collect()
    } else {
        risk.history.clone()
    };
    match points.last() {
        Some(last) if last.date < today => points.push(RiskAssessment { date: today, ..*last }),
        None => points.push(risk.assessment(today)),
        Some(_) => {}
    }
    points
}

/// The plan's exposure on one day: the sum of the scores of the risks open then.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExposurePoint {
    pub date: NaiveDate,
    /// Sum of the scores of the risks open (open or monitoring) at the end of the day.
    pub exposure: u32,
    /// How many risks were open.
    pub open_risks: u32,
}

/// The total open exposure over time, for a small chart: one point at every date on
/// which a risk's history records a change or a risk without history was created,
/// oldest first, each the total at the end of that day (a step line: the value holds
/// until the next point), then a point at `today` when it is later than the last one.
/// A risk counts where `assessment_on` puts it; risks with no dates at all count at
/// their current score throughout. With no dates in the plan, one point: `today`.
pub fn exposure_series(plan: &Plan, today: NaiveDate) -> Vec<ExposurePoint> {
    // Each risk is a step function; the total is the running sum of their steps.
    let contribution = |assessment: &RiskAssessment| {
        if assessment.status.is_open() {
            (i64::from(assessment.score()), 1i64)
        } else {
            (0, 0)
        }
    };
    let mut always = (0i64, 0i64);
    let mut steps: Vec<(NaiveDate, i64, i64)> = Vec::new();
    for risk in &plan.risks {
        if risk.history.is_empty() {
            let (score, open) = contribution(&risk.assessment(today));
            match risk.created {
                Some(created) => steps.push((created, score, open)),
                None => {
                    always.0 += score;
                    always.1 += open;
                }
            }
            continue;
        }
        let mut previous = (0, 0);
        for entry in &risk.history {
            let now = contribution(entry);
            steps.push((entry.date, now.0 - previous.0, now.1 - previous.1));
            previous = now;
        }
    }
    super::sorting::sort_by_key(&mut steps, |step| step.0);
    let point = |date: NaiveDate, total: (i64, i64)| ExposurePoint {
        date,
        exposure: u32::try_from(total.0).unwrap_or(0),
        open_risks: u32::try_from(total.1).unwrap_or(0),
    };
    let mut points: Vec<ExposurePoint> = Vec::new();
    let mut total = always;
    for (index, &(date, score, open)) in steps.iter().enumerate() {
        total.0 += score;
        total.1 += open;
        let last_of_day = steps.get(index + 1).is_none_or(|next| next.0 != date);
        if last_of_day {
            points.push(point(date, total));
        }
    }
    if points.last().is_none_or(|last| last.date < today) {
        points.push(point(today, total));
    }
    points
}

/// A risk whose place on the heat map differs between an earlier day and now: the
/// ghost (`then`) and the arrow to where it is (`now`). A place is (probability,
/// impact) while the risk is open (open or monitoring), `None` otherwise (not yet
/// recorded, closed or occurred).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RiskMove {
    pub risk: RiskId,
    pub then: Option<(u8, u8)>,
    pub now: Option<(u8, u8)>,
}

/// The risks that moved on the heat map since the end of `since` (for example the last
/// baseline's date, `last_baseline_date`, or the last review), in plan order.
pub fn moves_since(plan: &Plan, since: NaiveDate) -> Vec<RiskMove> {
    let place =
        |assessment: RiskAssessment| assessment.status.is_open().then_some((assessment.probability, assessment.impact));
    plan.risks
        .iter()
        .filter_map(|risk| {
            let then = assessment_on(risk, since).and_then(place);
            let now = risk.status.is_open().then_some((risk.probability, risk.impact));
            (then != now).then(|| RiskMove { risk: risk.id.clone(), then, now })
        })
        .collect()
}

/// The day the latest baseline was taken, if there is one.
pub fn last_baseline_date(plan: &Plan) -> Option<NaiveDate> {
    plan.baselines.iter().map(|baseline| baseline.taken).max()
}

// ---------------------------------------------------------------- edits

/// A risk as the register adds it on `today`: the next free id, the plan's first
/// category, probability and impact 3, open, created and updated `today`, and its
/// first history entry. Add it with `Command::AddRisk`.
pub fn new_risk(plan: &Plan, title: impl Into<String>, today: NaiveDate) -> Risk {
    let mut risk = Risk::new(plan.next_risk_id(), title);
    if let Some(first) = plan.risk_categories.first() {
        risk.category = first.clone();
    }
    dated_as_new(risk, today)
}

/// A copy of a risk as a new one (next free id, "(copy)" after the title, created
/// today with a fresh history), added just after the original: one undo step.
/// `None` if there is no such risk.
pub fn duplicate_risk(plan: &Plan, id: &RiskId, today: NaiveDate) -> Option<Command> {
    let index = plan.risks.iter().position(|risk| &risk.id == id)?;
    let original = &plan.risks[index];
    let copy = Risk {
        id: plan.next_risk_id(),
        title: shorten(&format!("{} (copy)", original.title), MAX_NAME_CHARS),
        ..original.clone()
    };
    Some(Command::AddRisk { risk: dated_as_new(copy, today), index: Some(index + 1) })
}

fn dated_as_new(mut risk: Risk, today: NaiveDate) -> Risk {
    risk.created = Some(today);
    risk.updated = Some(today);
    risk.history = vec![risk.assessment(today)];
    risk
}

/// The task that carries out the response when a risk occurs: "Respond to R3: <title>",
/// one working day, not before `today`, the risk's contingency as its notes; placed
/// after the first task the risk threatens (and that task's subtasks), under the same
/// parent, or at the end of the plan when it threatens none. Returns the task and its
/// index in `plan.tasks`.
pub fn response_task(plan: &Plan, risk: &Risk, today: NaiveDate) -> (Task, usize) {
    let mut task =
        Task::new(plan.next_task_id(), shorten(&format!("Respond to {}: {}", risk.id, risk.title), MAX_NAME_CHARS));
    task.start_no_earlier_than = Some(today);
    task.notes = shorten(&risk.contingency, MAX_TEXT_CHARS);
    let beside = risk.linked_tasks.iter().find_map(|id| plan.task_index(id.as_str()));
    let index = match beside {
        Some(index) => {
            task.parent = plan.tasks[index].parent.clone();
            index + plan.subtree_len(index)
        }
        None => plan.tasks.len(),
    };
    (task, index)
}

/// "Occurred": the one-step command that sets the risk's status to occurred (a history
/// entry dated `today`, as `Command::EditRisk` records it) and, when
/// `add_response_task`, adds `response_task` and links it to the risk; when
/// `raise_issue`, it also raises the issue the risk has become (`log::issue_from_risk`,
/// linked to the same tasks, the response task included). One undo step.
pub fn mark_occurred(
    plan: &Plan,
    id: &RiskId,
    today: NaiveDate,
    add_response_task: bool,
    raise_issue: bool,
) -> Result<Command, ModelError> {
    let risk = plan.risk(id.as_str()).ok_or_else(|| ModelError::NotFound(super::Item::Risk(id.clone())))?;
    let mut edited = Risk { status: RiskStatus::Occurred, ..risk.clone() };
    let mut steps = Vec::new();
    if add_response_task {
        let (task, index) = response_task(plan, risk, today);
        edited.linked_tasks.push(task.id.clone());
        steps.push(Command::AddTask { task, index: Some(index) });
    }
    if raise_issue {
        let issue = super::log::issue_from_risk(plan, &edited, today);
        steps.push(Command::AddLogEntry { entry: super::LogEntry::Issue(issue), index: None });
    }
    steps.push(Command::EditRisk { risk: edited, today });
    if steps.len() == 1 {
        return Ok(steps.remove(0));
    }
    Ok(Command::Batch(steps))
}

/// The risk `EditRisk { risk: edit, today }` leaves in place of `stored`: every field
/// of `edit` but the dates and the history, which follow the rules of `EditRisk`.
pub(crate) fn edited(stored: &Risk, edit: Risk, today: NaiveDate) -> Risk {
    let mut result = Risk { created: stored.created, updated: stored.updated, history: stored.history.clone(), ..edit };
    if result == *stored {
        return result;
    }
    result.updated = Some(stored.updated.map_or(today, |updated| updated.max(today)));
    // An entry dated after today (another clock ahead of ours) takes the change, so the
    // history stays in order and its last entry is where the risk stands.
    let day = stored.history.last().map_or(today, |last| last.date.max(today));
    let now = result.assessment(day);
    if !now.same_values(&stored.assessment(day)) {
        if result.history.is_empty() {
            if let Some(created) = stored.created.filter(|created| *created < day) {
                result.history.push(stored.assessment(created));
            }
        }
        record(&mut result.history, now);
    }
    result
}

/// Adds an entry at the end of a history; one on the same day replaces that day's, and
/// a day that ends where the day before it ended leaves no entry.
fn record(history: &mut Vec<RiskAssessment>, entry: RiskAssessment) {
    if history.last().is_some_and(|last| last.date == entry.date) {
        history.pop();
    }
    if history.last().is_some_and(|last| last.same_values(&entry)) {
        return;
    }
    history.push(entry);
}

/// The categories in use that a list lacks, each with the risks using it.
pub(crate) fn categories_in_use_missing(plan: &Plan, categories: &[String]) -> Vec<(String, Vec<RiskId>)> {
    let listed: HashSet<&str> = categories.iter().map(String::as_str).collect();
    let mut missing: Vec<(String, Vec<RiskId>)> = Vec::new();
    for risk in plan.risks.iter().filter(|risk| !listed.contains(risk.category.as_str())) {
        match missing.iter_mut().find(|(category, _)| *category == risk.category) {
            Some((_, risks)) => risks.push(risk.id.clone()),
            None => missing.push((risk.category.clone(), vec![risk.id.clone()])),
        }
    }
    missing
}

/// The first `limit` characters of a text.
fn shorten(text: &str, limit: usize) -> String {
    text.chars().take(limit).collect()
}
