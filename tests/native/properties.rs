//! Property tests of the plan file (proptest):
//! - every valid plan, however hostile its text, survives `to_json` then `parse` unchanged;
//! - `parse` never panics, on arbitrary bytes, arbitrary text, token soup, mutated valid
//!   files (flipped bytes, cuts, inserted JSON fragments, duplicated keys, deep nesting)
//!   and valid plans with one value replaced; every refusal explains itself, and anything
//!   `parse` accepts is written back and read again unchanged.
//!
//! Case counts are modest so the native tier stays fast; `PROPTEST_CASES=10000 cargo test
//! --test properties` runs more. A failure is shrunk to a small case and its seed saved in
//! tests/native/properties.proptest-regressions (commit it: it is then replayed first).
// Native only: proptest is not a dependency of the wasm build.

use crate::common;

use std::collections::{BTreeSet, HashSet};

use chrono::{Days, NaiveDate, Weekday};
use planwright::file::{parse, to_json, FileError, FileErrorKind};
use planwright::model::budget::COMMON_CURRENCIES;
use planwright::model::text::shows_nothing;
use planwright::model::validate::{MAX_ID_CHARS, MAX_NAME_CHARS, MAX_TEXT_CHARS, MAX_WORKING_DAYS};
use planwright::model::{
    Assumption, AssumptionId, AssumptionStatus, Budget, Decision, DecisionId, Issue, IssueId, IssueStatus, Money,
    Severity, TaskCost,
};
use planwright::model::{
    Baseline, BaselineId, BaselineTask, Calendar, ConstraintKind, DateConstraint, Dependency, DependencyKind,
    ExternalDependency, Holiday, KnownTask, Person, PersonId, Plan, PlanId, PlanSettings, RaciCell, RaciRole, Risk,
    RiskId, RiskResponse, RiskStatus, Task, TaskId, TaskKind,
};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::TestCaseError;
use serde_json::{json, Value};

// ---------------------------------------------------------------- text

/// Pieces of text that have broken parsers, escapers, renderers and spreadsheets before.
const NASTY: &[&str] = &[
    "\"",
    "\\",
    "\\\"",
    "\\u0000",
    "\\ud800",
    "\u{0}",
    "\u{1}",
    "\u{8}",
    "\u{c}",
    "\u{1b}[31m",
    "\u{1f}",
    "\u{7f}",
    "\u{85}",
    "\u{9f}",
    "\n",
    "\r",
    "\r\n",
    "\t",
    "\u{a0}",
    "\u{2028}",
    "\u{2029}",
    "\u{feff}",
    "\u{200b}",
    "\u{200d}",
    "\u{202e}",
    "\u{fffd}",
    "\u{ffff}",
    "\u{d7ff}",
    "\u{e000}",
    "\u{10ffff}",
    "😀",
    "👩‍👩‍👧",
    "e\u{301}",
    "設計",
    "עברית",
    "<script>alert(1)</script>",
    "</script>",
    "<img src=x onerror=alert(1)>",
    "<!--",
    "]]>",
    "&amp;",
    "&#0;",
    "javascript:alert(1)",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "null",
    "\"format\": \"planwright\"",
    "{\"a\": [1, 2]}",
    "1e999",
    "NaN",
    "-0",
    " at line 1 column 2",
    "expected u32",
    "invalid type: ",
    "=cmd|' /C calc'!A0",
    "+1",
    "@SUM(1)",
    "%s%n",
    "${x}",
    "'; DROP TABLE plans; --",
];

fn truncate_chars(text: String, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text
    } else {
        text.chars().take(max_chars).collect()
    }
}

/// Any text of at most `max_chars` characters: usually a short mix of nasty pieces, any
/// Unicode scalar value (control characters included) and ASCII; now and then exactly
/// `max_chars` characters of one (possibly multi-byte or escaped) character.
fn text(max_chars: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(NASTY).prop_map(str::to_string),
        3 => any::<char>().prop_map(String::from),
        2 => "[ -~]{1,8}",
    ];
    let short = prop::collection::vec(piece, 0..10).prop_map(move |pieces| truncate_chars(pieces.concat(), max_chars));
    let longest = prop::sample::select(&["x", "é", "😀", "\u{0}", "\"", "\\", " "][..])
        .prop_map(move |character| character.repeat(max_chars));
    // Long free text is costly to escape: rarer, so a plan holds one or two.
    let rarity = if max_chars > MAX_NAME_CHARS { 80 } else { 15 };
    prop_oneof![rarity => short, 1 => longest]
}

/// Text that shows something (names and titles must).
fn name(max_chars: usize) -> impl Strategy<Value = String> {
    text(max_chars).prop_map(move |text| {
        if shows_nothing(&text) {
            let mut name: String = text.chars().take(max_chars - 1).collect();
            name.push('N');
            name
        } else {
            text
        }
    })
}

/// `count` different ids: "T12" style, or any of the characters ids allow, up to the
/// longest id; in random order.
fn ids(prefix: &'static str, count: usize) -> impl Strategy<Value = Vec<String>> {
    let id = prop_oneof![
        3 => "[0-9]{1,4}".prop_map(move |number| format!("{prefix}{number}")),
        1 => proptest::string::string_regex(&format!("[A-Za-z0-9._-]{{1,{MAX_ID_CHARS}}}")).unwrap(),
        1 => prop::sample::select(&["-", ".", "_", "..", "0", "T-1.2_3"][..]).prop_map(str::to_string),
        1 => Just(format!("{prefix}{}", "9".repeat(MAX_ID_CHARS - 1))),
    ];
    prop::collection::btree_set(id, count)
        .prop_map(|ids: BTreeSet<String>| ids.into_iter().collect::<Vec<_>>())
        .prop_shuffle()
}

// ---------------------------------------------------------------- numbers and dates

fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()
}

fn last_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2200, 12, 31).unwrap()
}

/// A date a plan may hold (years 1970 to 2200), often one at an edge.
fn date() -> impl Strategy<Value = NaiveDate> {
    let span = (last_day() - first_day()).num_days() as u64;
    let edges: Vec<NaiveDate> =
        [(1970, 1, 1), (1970, 1, 2), (1972, 2, 29), (2000, 2, 29), (2027, 1, 4), (2199, 12, 31)]
            .into_iter()
            .map(|(year, month, day)| NaiveDate::from_ymd_opt(year, month, day).unwrap())
            .chain([last_day(), NaiveDate::from_ymd_opt(2200, 2, 28).unwrap()])
            .collect();
    prop_oneof![
        1 => prop::sample::select(edges),
        3 => (0..=span).prop_map(|days| first_day().checked_add_days(Days::new(days)).unwrap()),
    ]
}

fn working_days() -> impl Strategy<Value = u32> {
    prop_oneof![Just(0), Just(1), Just(MAX_WORKING_DAYS), 0..=MAX_WORKING_DAYS, 0u32..20]
}

fn lag() -> impl Strategy<Value = i32> {
    let max = MAX_WORKING_DAYS as i32;
    prop_oneof![Just(0), Just(-max), Just(max), -max..=max, -5i32..5]
}

fn progress() -> impl Strategy<Value = u8> {
    prop_oneof![Just(0), Just(100), 0u8..=100]
}

fn calendar() -> impl Strategy<Value = Calendar> {
    let weekdays = prop::sample::subsequence(
        vec![Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun],
        1..=7,
    )
    .prop_shuffle();
    let holidays = prop::collection::vec((date(), text(MAX_NAME_CHARS)), 0..5).prop_map(|holidays| {
        let mut seen = HashSet::new();
        holidays
            .into_iter()
            .filter(|(date, _)| seen.insert(*date))
            .map(|(date, name)| Holiday { date, name })
            .collect::<Vec<_>>()
    });
    (weekdays, holidays).prop_map(|(working_weekdays, holidays)| Calendar { working_weekdays, holidays })
}

// ---------------------------------------------------------------- a whole plan

/// Everything of a task but its id and parent, which depend on the other tasks.
#[derive(Clone, Debug)]
struct TaskSeed {
    name: String,
    milestone: bool,
    duration: u32,
    parent: Option<Index>,
    start_no_earlier_than: Option<NaiveDate>,
    /// Another kind of date constraint, given to a task without a start-no-earlier-than
    /// (a task has one).
    constraint: Option<DateConstraint>,
    deadline: Option<NaiveDate>,
    progress: u8,
    notes: String,
}

/// A date constraint of a kind other than start-no-earlier-than.
fn other_constraint() -> impl Strategy<Value = DateConstraint> {
    let kinds: Vec<ConstraintKind> =
        ConstraintKind::ALL.into_iter().filter(|kind| *kind != ConstraintKind::StartNoEarlierThan).collect();
    (prop::sample::select(kinds), date()).prop_map(|(kind, date)| DateConstraint { kind, date })
}

fn task_seed() -> impl Strategy<Value = TaskSeed> {
    (
        name(MAX_NAME_CHARS),
        prop::bool::weighted(0.2),
        working_days(),
        prop::option::weighted(0.6, any::<Index>()),
        prop::option::of(date()),
        prop::option::of(other_constraint()),
        prop::option::of(date()),
        progress(),
        text(MAX_TEXT_CHARS),
    )
        .prop_map(
            |(name, milestone, duration, parent, start_no_earlier_than, constraint, deadline, progress, notes)| {
                let constraint = constraint.filter(|_| start_no_earlier_than.is_none());
                TaskSeed {
                    name,
                    milestone,
                    duration,
                    parent,
                    start_no_earlier_than,
                    constraint,
                    deadline,
                    progress,
                    notes,
                }
            },
        )
}

#[derive(Clone, Debug)]
struct RiskSeed {
    title: String,
    texts: [String; 5],
    probability: u8,
    impact: u8,
    owner: Option<Index>,
    response: RiskResponse,
    status: RiskStatus,
    review_date: Option<NaiveDate>,
    linked_tasks: Vec<Index>,
}

fn risk_seed() -> impl Strategy<Value = RiskSeed> {
    (
        name(MAX_NAME_CHARS),
        [text(MAX_TEXT_CHARS), text(MAX_NAME_CHARS), text(MAX_TEXT_CHARS), text(MAX_TEXT_CHARS), text(MAX_TEXT_CHARS)],
        1u8..=5,
        1u8..=5,
        prop::option::of(any::<Index>()),
        prop::sample::select(RiskResponse::ALL.to_vec()),
        prop::sample::select(RiskStatus::ALL.to_vec()),
        prop::option::of(date()),
        prop::collection::vec(any::<Index>(), 0..4),
    )
        .prop_map(|(title, texts, probability, impact, owner, response, status, review_date, linked_tasks)| {
            RiskSeed { title, texts, probability, impact, owner, response, status, review_date, linked_tasks }
        })
}

type BaselineSeed = (String, NaiveDate, Vec<(Index, NaiveDate, NaiveDate)>);

fn baseline_seed() -> impl Strategy<Value = BaselineSeed> {
    (text(MAX_NAME_CHARS), date(), prop::collection::vec((any::<Index>(), date(), date()), 0..6))
}

/// The parts of a plan before they are tied together.
#[derive(Clone, Debug)]
struct PlanSeed {
    name: String,
    description: String,
    start: NaiveDate,
    calendar: Calendar,
    settings: PlanSettings,
    task_ids: Vec<String>,
    tasks: Vec<TaskSeed>,
    person_ids: Vec<String>,
    /// Name, role, team and e-mail address (empty: none).
    people: Vec<(String, String, String, String)>,
    /// The plan's own id, if it has one.
    plan_id: Option<String>,
    external: Vec<ExternalSeed>,
    dependencies: Vec<(Index, Index, DependencyKind, i32)>,
    raci: Vec<(Index, Index, RaciRole)>,
    risk_ids: Vec<String>,
    risks: Vec<RiskSeed>,
    baseline_ids: Vec<String>,
    baselines: Vec<BaselineSeed>,
    raid: RaidSeed,
}

/// A log entry before it is tied to the plan: its kind (0 an assumption, 1 an issue, 2 a
/// decision), its title, a longer text, an owner, a date and linked tasks.
type LogSeed = (u8, String, String, Option<Index>, NaiveDate, Vec<Index>);

/// The RAID log and the budget: log entries, a task's fixed and actual costs, the currency.
#[derive(Clone, Debug)]
struct RaidSeed {
    entries: Vec<LogSeed>,
    costs: Vec<(Index, u32, u32)>,
    currency: String,
}

fn raid_seed(tasks: usize) -> impl Strategy<Value = RaidSeed> {
    let entry = (
        0u8..3,
        name(MAX_NAME_CHARS),
        text(MAX_TEXT_CHARS),
        prop::option::of(any::<Index>()),
        date(),
        prop::collection::vec(any::<Index>(), 0..3),
    );
    (
        prop::collection::vec(entry, 0..=3),
        prop::collection::vec((any::<Index>(), any::<u32>(), any::<u32>()), if tasks == 0 { 0..=0 } else { 0..=3 }),
        prop::sample::select(COMMON_CURRENCIES.to_vec()),
    )
        .prop_map(|(entries, costs, currency)| RaidSeed { entries, costs, currency: currency.to_string() })
}

/// An external link before it is tied to the plan: the other plan's id, the
/// predecessor's id there, the successor (any task), kind, lag, the plan's and the
/// task's names, milestone, two dates and whether it is missing.
type ExternalSeed = (String, String, Index, DependencyKind, i32, String, String, bool, NaiveDate, NaiveDate, bool);

fn external_seed() -> impl Strategy<Value = ExternalSeed> {
    (
        "pl-[0-9a-f]{8}|[A-Za-z0-9._-]{1,40}",
        "T[0-9]{1,4}|[A-Za-z0-9._-]{1,40}",
        any::<Index>(),
        prop::sample::select(DependencyKind::ALL.to_vec()),
        lag(),
        name(MAX_NAME_CHARS),
        name(MAX_NAME_CHARS),
        any::<bool>(),
        date(),
        date(),
        prop::bool::weighted(0.2),
    )
}

/// An e-mail address, or none (empty); now and then the longest one.
fn email() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => Just(String::new()),
        2 => "[a-z0-9._+-]{1,12}@[a-z0-9.-]{1,12}",
        1 => Just(format!("{}@example.com", "a".repeat(MAX_NAME_CHARS - 12))),
    ]
}

fn plan_seed() -> impl Strategy<Value = PlanSeed> {
    (0usize..=12, 0usize..=5, 0usize..=4, 0usize..=2).prop_flat_map(|(tasks, people, risks, baselines)| {
        let settings = (PlanSettings::RANGE, PlanSettings::RANGE)
            .prop_map(|(overload_threshold, consulted_limit)| PlanSettings { overload_threshold, consulted_limit });
        let header = (name(MAX_NAME_CHARS), text(MAX_TEXT_CHARS), date(), calendar(), settings);
        let timeline = (
            ids("T", tasks),
            prop::collection::vec(task_seed(), tasks),
            prop::collection::vec(
                (any::<Index>(), any::<Index>(), prop::sample::select(DependencyKind::ALL.to_vec()), lag()),
                0..=2 * tasks,
            ),
        );
        let who = (
            ids("P", people),
            prop::collection::vec((name(MAX_NAME_CHARS), text(MAX_NAME_CHARS), text(MAX_NAME_CHARS), email()), people),
            prop::collection::vec(
                (any::<Index>(), any::<Index>(), prop::sample::select(RaciRole::ALL.to_vec())),
                0..=2 * tasks,
            ),
        );
        let rest = (
            ids("R", risks),
            prop::collection::vec(risk_seed(), risks),
            ids("B", baselines),
            prop::collection::vec(baseline_seed(), baselines),
        );
        let outside = (
            prop::option::weighted(0.7, "pl-[0-9a-f]{8}|[A-Za-z0-9._-]{1,40}"),
            prop::collection::vec(external_seed(), if tasks == 0 { 0..=0 } else { 0..=3 }),
            raid_seed(tasks),
        );
        (header, timeline, who, rest, outside).prop_map(
            |(
                (name, description, start, calendar, settings),
                (task_ids, tasks, dependencies),
                (person_ids, people, raci),
                (risk_ids, risks, baseline_ids, baselines),
                (plan_id, external, raid),
            )| PlanSeed {
                name,
                description,
                start,
                calendar,
                settings,
                task_ids,
                tasks,
                person_ids,
                people,
                plan_id,
                external,
                dependencies,
                raci,
                risk_ids,
                risks,
                baseline_ids,
                baselines,
                raid,
            },
        )
    })
}

/// Ties the parts into a valid plan, by construction rather than by filtering:
/// - tasks are in outline order (a parent before its children, every subtree in one
///   block), and only a task that is not a milestone has children;
/// - a dependency goes from a task to one after that task's whole block, so it never
///   links a task to its own summary or subtask and never closes a cycle (numbering each
///   task's own node by its place and its roll-up by the end of its block, every edge of
///   the precedence graph goes forward);
/// - pairs of tasks, RACI cells and linked tasks are never listed twice.
fn build_plan(seed: PlanSeed) -> Plan {
    let count = seed.tasks.len();
    let mut parents: Vec<Option<usize>> = Vec::with_capacity(count);
    // The previous task and its ancestors, outermost first.
    let mut chain: Vec<usize> = Vec::new();
    for (index, task) in seed.tasks.iter().enumerate() {
        let candidates: Vec<usize> =
            (0..chain.len()).filter(|&position| !seed.tasks[chain[position]].milestone).collect();
        let parent_position = match &task.parent {
            Some(choice) if !candidates.is_empty() => Some(candidates[choice.index(candidates.len())]),
            _ => None,
        };
        match parent_position {
            Some(position) => {
                parents.push(Some(chain[position]));
                chain.truncate(position + 1);
            }
            None => {
                parents.push(None);
                chain.clear();
            }
        }
        chain.push(index);
    }
    // The last task of each task's block.
    let mut block_end: Vec<usize> = (0..count).collect();
    for index in (0..count).rev() {
        if let Some(parent) = parents[index] {
            block_end[parent] = block_end[parent].max(block_end[index]);
        }
    }

    let task_id = |index: usize| TaskId::new(seed.task_ids[index].as_str());
    let person_id = |index: usize| PersonId::new(seed.person_ids[index].as_str());
    let tasks = seed
        .tasks
        .iter()
        .enumerate()
        .map(|(index, task)| Task {
            id: task_id(index),
            name: task.name.clone(),
            parent: parents[index].map(task_id),
            kind: if task.milestone { TaskKind::Milestone } else { TaskKind::Task },
            duration: if task.milestone { 0 } else { task.duration },
            start_no_earlier_than: task.start_no_earlier_than,
            constraint: task.constraint,
            deadline: task.deadline,
            progress: task.progress,
            notes: task.notes.clone(),
        })
        .collect();

    let mut pairs = HashSet::new();
    let mut dependencies = Vec::new();
    for (from, to, kind, lag) in &seed.dependencies {
        let predecessor = from.index(count);
        let after = block_end[predecessor] + 1;
        if after >= count {
            continue;
        }
        let successor = after + to.index(count - after);
        if pairs.insert((predecessor, successor)) {
            dependencies.push(Dependency {
                predecessor: task_id(predecessor),
                successor: task_id(successor),
                kind: *kind,
                lag: *lag,
            });
        }
    }

    let people_count = seed.people.len();
    let mut cells = HashSet::new();
    let mut raci = Vec::new();
    if people_count > 0 {
        for (task, person, role) in &seed.raci {
            let (task, person) = (task.index(count), person.index(people_count));
            if cells.insert((task, person)) {
                raci.push(RaciCell { task: task_id(task), person: person_id(person), role: *role });
            }
        }
    }

    let risks = seed
        .risks
        .iter()
        .zip(&seed.risk_ids)
        .map(|(risk, id)| {
            let [description, mut category, mitigation, contingency, trigger] = risk.texts.clone();
            if shows_nothing(&category) {
                // A category is a name (listed in the plan's risk categories): never blank.
                category = category.chars().take(MAX_NAME_CHARS - 1).chain(['C']).collect();
            }
            let mut linked = Vec::new();
            if count > 0 {
                for choice in &risk.linked_tasks {
                    let task = task_id(choice.index(count));
                    if !linked.contains(&task) {
                        linked.push(task);
                    }
                }
            }
            Risk {
                id: RiskId::new(id.as_str()),
                title: risk.title.clone(),
                description,
                category,
                probability: risk.probability,
                impact: risk.impact,
                owner: risk.owner.filter(|_| people_count > 0).map(|choice| person_id(choice.index(people_count))),
                response: risk.response,
                mitigation,
                contingency,
                trigger,
                status: risk.status,
                review_date: risk.review_date,
                linked_tasks: linked,
                created: None,
                updated: None,
                history: Vec::new(),
            }
        })
        .collect::<Vec<Risk>>();
    // A risk's category must be one of the plan's: the defaults, then the ones drawn.
    let mut risk_categories = planwright::model::default_risk_categories();
    for risk in &risks {
        if !risk_categories.contains(&risk.category) {
            risk_categories.push(risk.category.clone());
        }
    }

    let baselines = seed
        .baselines
        .iter()
        .zip(&seed.baseline_ids)
        .map(|((name, taken, entries), id)| Baseline {
            id: BaselineId::new(id.as_str()),
            name: name.clone(),
            taken: *taken,
            tasks: if count == 0 {
                Vec::new()
            } else {
                // A baseline keeps one entry per task.
                let mut listed = HashSet::new();
                entries
                    .iter()
                    .filter(|(task, _, _)| listed.insert(task.index(count)))
                    .map(|(task, one, other)| BaselineTask {
                        task: task_id(task.index(count)),
                        start: *one.min(other),
                        finish: *one.max(other),
                        cost: None,
                    })
                    .collect()
            },
        })
        .collect();

    let task_ids: Vec<TaskId> = (0..count).map(task_id).collect();
    let person_ids: Vec<PersonId> = (0..people_count).map(person_id).collect();
    let (assumptions, issues, decisions, budget) = log_and_budget(&seed.raid, &task_ids, &person_ids);
    let plan_id = seed.plan_id.map(PlanId::new);
    let external = external_dependencies(&seed.external, plan_id.as_ref(), &task_id, count);
    let plan = Plan {
        id: plan_id,
        name: seed.name,
        revision: 0,
        modified: None,
        saved_by: None,
        description: seed.description,
        start: seed.start,
        calendar: seed.calendar,
        settings: seed.settings,
        people: seed
            .people
            .into_iter()
            .enumerate()
            .map(|(index, (name, role, team, email))| Person { id: person_id(index), name, role, team, email })
            .collect(),
        tasks,
        dependencies,
        external_dependencies: external,
        raci,
        risk_categories,
        risks,
        baselines,
        ..Plan::new("", seed.start)
    };
    Plan { assumptions, issues, decisions, budget, ..plan }
}

/// The log entries of the seed, each linking tasks of the plan once and owned by one of
/// its people (when it has any), and the budget: the seed's currency and task costs,
/// each task once.
fn log_and_budget(
    seed: &RaidSeed,
    tasks: &[TaskId],
    people: &[PersonId],
) -> (Vec<Assumption>, Vec<Issue>, Vec<Decision>, Budget) {
    let (mut assumptions, mut issues, mut decisions) = (Vec::new(), Vec::new(), Vec::new());
    for (kind, title, text, owner, day, linked) in &seed.entries {
        let owner = owner.filter(|_| !people.is_empty()).map(|choice| people[choice.index(people.len())].clone());
        let mut linked_tasks: Vec<TaskId> = Vec::new();
        for choice in linked.iter().filter(|_| !tasks.is_empty()) {
            let task = tasks[choice.index(tasks.len())].clone();
            if !linked_tasks.contains(&task) {
                linked_tasks.push(task);
            }
        }
        match kind {
            0 => assumptions.push(Assumption {
                id: AssumptionId::new(format!("A{}", assumptions.len() + 1)),
                statement: title.clone(),
                owner,
                validate_by: Some(*day),
                status: AssumptionStatus::ALL[title.len() % 3],
                notes: text.clone(),
                linked_tasks,
                created: Some(*day),
            }),
            1 => issues.push(Issue {
                id: IssueId::new(format!("I{}", issues.len() + 1)),
                title: title.clone(),
                description: text.clone(),
                severity: Severity::ALL[title.len() % 4],
                owner,
                raised: Some(*day),
                due: Some(*day),
                status: IssueStatus::ALL[text.len() % 4],
                resolution: String::new(),
                linked_tasks,
                from_risk: None,
                from_assumption: None,
            }),
            _ => decisions.push(Decision {
                id: DecisionId::new(format!("D{}", decisions.len() + 1)),
                title: title.clone(),
                decided_by: owner,
                decided_by_name: String::new(),
                date: *day,
                options: String::new(),
                rationale: text.clone(),
                linked_tasks,
                linked_risks: Vec::new(),
                superseded_by: None,
            }),
        }
    }
    let mut budget = Budget { currency: seed.currency.clone(), ..Budget::default() };
    for (choice, fixed, actual) in seed.costs.iter().filter(|_| !tasks.is_empty()) {
        let task = tasks[choice.index(tasks.len())].clone();
        let cost =
            TaskCost { fixed: Money(i64::from(*fixed)), actual: Money(i64::from(*actual)), ..TaskCost::none(task) };
        if budget.task(&cost.task).is_none() && !cost.is_empty() {
            budget.tasks.push(cost);
        }
    }
    (assumptions, issues, decisions, budget)
}

/// The external links of the seeds: to another plan than `own`, each once, a
/// milestone on one day, dates in order.
fn external_dependencies(
    seeds: &[ExternalSeed],
    own: Option<&PlanId>,
    task_id: &dyn Fn(usize) -> TaskId,
    count: usize,
) -> Vec<ExternalDependency> {
    let mut links: Vec<ExternalDependency> = Vec::new();
    for (plan, predecessor, successor, kind, lag, plan_name, name, milestone, one, other, missing) in seeds {
        let plan = PlanId::new(plan.as_str());
        let (start, finish) = if *milestone { (*one, *one) } else { (*one.min(other), *one.max(other)) };
        let link = ExternalDependency {
            plan,
            predecessor: TaskId::new(predecessor.as_str()),
            successor: task_id(successor.index(count)),
            kind: *kind,
            lag: *lag,
            known: KnownTask {
                plan_name: plan_name.clone(),
                name: name.clone(),
                milestone: *milestone,
                start,
                finish,
                missing: *missing,
            },
        };
        let listed = links.iter().any(|other| other.links(&link.plan, &link.predecessor, &link.successor));
        if own != Some(&link.plan) && !listed {
            links.push(link);
        }
    }
    links
}

/// A valid plan with hostile text, every kind of item and dates at the edges.
fn plan() -> impl Strategy<Value = Plan> {
    plan_seed().prop_map(build_plan)
}

// ---------------------------------------------------------------- what every outcome must be

/// Whatever `parse` says about `text`, it says it properly: a refusal has at least one
/// problem, each with a message and a place fitting its kind; an acceptance is a plan
/// that `to_json` writes and `parse` reads back unchanged.
fn check_outcome(text: &str) -> Result<(), TestCaseError> {
    match parse(text) {
        Ok(plan) => {
            let written = to_json(&plan);
            match parse(&written) {
                Ok(again) => prop_assert!(again == plan, "an accepted plan changed when written and read back"),
                Err(error) => prop_assert!(false, "an accepted plan, written back, was refused: {error}"),
            }
            Ok(())
        }
        Err(error) => check_refusal(text, &error),
    }
}

fn check_refusal(text: &str, error: &FileError) -> Result<(), TestCaseError> {
    prop_assert!(!error.problems.is_empty(), "a refusal without a problem: {error:?}");
    prop_assert!(!error.to_string().trim().is_empty());
    let lines = text.split('\n').count();
    for problem in &error.problems {
        prop_assert!(!problem.message.trim().is_empty(), "a problem without a message: {error:?}");
        if let Some(path) = &problem.path {
            prop_assert!(!path.is_empty(), "an empty path: {error:?}");
        }
        match error.kind {
            FileErrorKind::Syntax => prop_assert!(
                problem.line.is_some() && problem.column.is_some(),
                "a syntax error without line and column: {error:?}"
            ),
            FileErrorKind::Structure | FileErrorKind::Invalid | FileErrorKind::NewerVersion => {
                prop_assert!(problem.path.is_some(), "a problem without a path: {error:?}")
            }
            FileErrorKind::TooLarge | FileErrorKind::NotPlanwright | FileErrorKind::WrongFormat => {}
        }
        if let Some(line) = problem.line {
            prop_assert!((1..=lines).contains(&line), "line {line} of {lines}: {error:?}");
        }
        if let Some(column) = problem.column {
            prop_assert!(column >= 1, "columns count from 1: {error:?}");
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- round trip

/// The generator is only as good as what it makes: this checks that a hundred plans
/// hold every kind of item, every enum value and the extremes, so the round trip below
/// cannot pass on trivial plans.
#[test]
fn the_plan_generator_makes_every_kind_of_item_and_the_extremes() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let mut runner = TestRunner::deterministic();
    let strategy = plan();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut note = |what: String| {
        seen.insert(what);
    };
    for _ in 0..100 {
        let plan = strategy.new_tree(&mut runner).unwrap().current();
        let texts = [&plan.name, &plan.description]
            .into_iter()
            .chain(plan.tasks.iter().flat_map(|task| [&task.name, &task.notes]))
            .chain(plan.risks.iter().flat_map(|risk| [&risk.title, &risk.mitigation, &risk.category]))
            .chain(plan.people.iter().flat_map(|person| [&person.name, &person.role, &person.team]));
        for text in texts {
            let chars = text.chars().count();
            if chars == MAX_TEXT_CHARS {
                note("longest text".into());
            }
            if chars == MAX_NAME_CHARS {
                note("longest name".into());
            }
            if text.chars().any(|c| c.is_control() && c != '\n') {
                note("control character".into());
            }
            if text.contains("</script>") || text.contains('"') || text.contains('\\') {
                note("markup, quote or backslash".into());
            }
            if text.chars().any(|c| c as u32 > 0xffff) {
                note("beyond the basic plane".into());
            }
        }
        let dates = [Some(plan.start)]
            .into_iter()
            .chain(plan.tasks.iter().flat_map(|task| {
                [task.start_no_earlier_than, task.constraint.map(|constraint| constraint.date), task.deadline]
            }))
            .chain(plan.calendar.holidays.iter().map(|holiday| Some(holiday.date)))
            .flatten();
        for date in dates {
            if date == first_day() || date == last_day() {
                note(format!("date {date}"));
            }
        }
        for task in &plan.tasks {
            if task.kind == TaskKind::Milestone {
                note("milestone".into());
            }
            if let Some(constraint) = task.date_constraint() {
                note(format!("constraint {}", constraint.kind.label()));
            }
            let grandparent = task.parent.as_ref().and_then(|parent| plan.task(parent.as_str())?.parent.clone());
            if grandparent.is_some() {
                note("subtask of a subtask".into());
            }
            if task.duration == MAX_WORKING_DAYS {
                note("longest duration".into());
            }
        }
        for dependency in &plan.dependencies {
            note(format!("dependency {:?}", dependency.kind));
            if dependency.lag.unsigned_abs() == MAX_WORKING_DAYS {
                note("longest lag or lead".into());
            }
            if plan.has_children(dependency.predecessor.as_str()) || plan.has_children(dependency.successor.as_str()) {
                note("dependency of a summary".into());
            }
        }
        for cell in &plan.raci {
            note(format!("RACI {:?}", cell.role));
        }
        for risk in &plan.risks {
            if risk.owner.is_some() && !risk.linked_tasks.is_empty() && risk.review_date.is_some() {
                note("risk with owner, tasks and review date".into());
            }
        }
        if plan.baselines.iter().any(|baseline| !baseline.tasks.is_empty()) {
            note("baseline".into());
        }
        if plan.calendar.working_weekdays.len() == 7 || plan.calendar.working_weekdays == [Weekday::Sun] {
            note("unusual week".into());
        }
        if plan.settings != PlanSettings::default() {
            note("settings".into());
        }
        if plan.id.is_some() {
            note("plan id".into());
        }
        if plan.people.iter().any(|person| person.email.chars().count() == MAX_NAME_CHARS) {
            note("longest e-mail address".into());
        }
        for link in &plan.external_dependencies {
            note(format!("external {:?}", link.kind));
            if link.known.missing {
                note("missing external task".into());
            }
            if link.known.milestone {
                note("external milestone".into());
            }
        }
    }
    let mut expected: BTreeSet<String> = [
        "longest text",
        "longest name",
        "control character",
        "markup, quote or backslash",
        "beyond the basic plane",
        "date 1970-01-01",
        "date 2200-12-31",
        "milestone",
        "subtask of a subtask",
        "longest duration",
        "longest lag or lead",
        "dependency of a summary",
        "risk with owner, tasks and review date",
        "baseline",
        "unusual week",
        "settings",
        "plan id",
        "longest e-mail address",
        "missing external task",
        "external milestone",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    expected.extend(DependencyKind::ALL.iter().map(|kind| format!("dependency {kind:?}")));
    expected.extend(ConstraintKind::ALL.iter().map(|kind| format!("constraint {}", kind.label())));
    expected.extend(RaciRole::ALL.iter().map(|role| format!("RACI {role:?}")));
    expected.extend(DependencyKind::ALL.iter().map(|kind| format!("external {kind:?}")));
    let missing: Vec<&String> = expected.difference(&seen).collect();
    assert!(missing.is_empty(), "the generator never made: {missing:?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn every_valid_plan_survives_to_json_then_parse_unchanged(plan in plan()) {
        let text = to_json(&plan);
        match parse(&text) {
            Ok(read) => prop_assert!(read == plan, "the plan read back differs from the one written"),
            Err(error) => prop_assert!(false, "to_json wrote a file parse refuses: {error}"),
        }
        prop_assert_eq!(to_json(&plan), text, "the same plan gives the same bytes");
    }
}

// ---------------------------------------------------------------- arbitrary input

/// Bits of JSON and of plan files, to make text that gets further into the reader than
/// random bytes do.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    " ",
    "\n",
    "\"",
    "\\",
    "null",
    "true",
    "false",
    "0",
    "-0",
    "1",
    "1.5",
    "-1",
    "1e999",
    "-1e999",
    "4294967296",
    "18446744073709551616",
    "NaN",
    "Infinity",
    "\"format\"",
    "\"planwright\"",
    "\"version\"",
    "\"plan\"",
    "\"name\"",
    "\"start\"",
    "\"2027-01-04\"",
    "\"2027-02-30\"",
    "\"calendar\"",
    "\"working_weekdays\"",
    "\"mon\"",
    "\"holidays\"",
    "\"tasks\"",
    "\"id\"",
    "\"T1\"",
    "\"parent\"",
    "\"kind\"",
    "\"milestone\"",
    "\"duration\"",
    "\"dependencies\"",
    "\"FS\"",
    "\"raci\"",
    "\"A/R\"",
    "\"risks\"",
    "\"baselines\"",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\u{feff}",
    "\u{0}",
];

fn token_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..200).prop_map(|tokens| tokens.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn parse_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check_outcome(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn parse_never_panics_on_arbitrary_text(text in any::<String>()) {
        check_outcome(&text)?;
    }

    #[test]
    fn parse_never_panics_on_json_token_soup(text in token_soup()) {
        check_outcome(&text)?;
    }

    #[test]
    fn parse_never_panics_on_an_envelope_around_token_soup(plan in token_soup(), version in "1|2|0|-0|1.0|1e0|\"1\"|null") {
        check_outcome(&format!("{{\"format\": \"planwright\", \"version\": {version}, \"plan\": {plan}}}"))?;
    }
}

// ---------------------------------------------------------------- mutated valid files

/// One change to the bytes of a valid file.
#[derive(Clone, Debug)]
enum Mutation {
    /// XOR one byte (the result is read as lossy UTF-8).
    Flip(Index, u8),
    /// Cut the file short.
    Truncate(Index),
    /// Insert a fragment of JSON anywhere.
    Insert(Index, &'static str),
    /// Repeat a line: a key given twice, or an element twice.
    DuplicateLine(Index),
    DeleteLine(Index),
    SwapLines(Index, Index),
    /// Wrap the value after a `": "` in this many arrays, or objects.
    Nest(Index, usize, bool),
    /// Replace the value after a `": "` with another.
    Replace(Index, &'static str),
}

const FRAGMENTS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "null",
    "1e999",
    "NaN",
    "-0",
    "1.5",
    "4294967296",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "{\"a\": [[[[",
    "]]]]}",
    "\"x\": 1,",
    "\"format\": \"planwright\",",
    "\"version\": 2,",
    "\"plan\": {},",
    "\u{feff}",
    "\u{0}",
    "\u{2028}",
    "/* comment */",
    "// comment\n",
];

const VALUES: &[&str] = &[
    "null",
    "true",
    "0",
    "-0",
    "-1",
    "1.5",
    "1e2",
    "1e999",
    "-1e999",
    "255",
    "256",
    "10001",
    "-10001",
    "2147483648",
    "-2147483649",
    "4294967296",
    "18446744073709551616",
    "\"\"",
    "\" \"",
    "\"T1\"",
    "\"P1\"",
    "\"A/R\"",
    "\"FS\"",
    "\"milestone\"",
    "\"1969-12-31\"",
    "\"2201-01-01\"",
    "\"2027-02-30\"",
    "\"2027-1-4\"",
    "\"sun\"",
    "[]",
    "{}",
    "[null]",
    "{\"id\": \"T1\"}",
    "\"\\u0000\"",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    let depth = prop_oneof![1usize..=8, 120usize..=135, Just(1_000), Just(20_000)];
    prop_oneof![
        (any::<Index>(), 1u8..=255).prop_map(|(at, mask)| Mutation::Flip(at, mask)),
        any::<Index>().prop_map(Mutation::Truncate),
        (any::<Index>(), prop::sample::select(FRAGMENTS)).prop_map(|(at, fragment)| Mutation::Insert(at, fragment)),
        any::<Index>().prop_map(Mutation::DuplicateLine),
        any::<Index>().prop_map(Mutation::DeleteLine),
        (any::<Index>(), any::<Index>()).prop_map(|(one, other)| Mutation::SwapLines(one, other)),
        (any::<Index>(), depth, any::<bool>()).prop_map(|(at, depth, objects)| Mutation::Nest(at, depth, objects)),
        (any::<Index>(), prop::sample::select(VALUES)).prop_map(|(at, value)| Mutation::Replace(at, value)),
    ]
}

/// Where a value after `": "` starts and ends (before a `,` or the end of its line).
fn values_in(text: &str) -> Vec<(usize, usize)> {
    text.match_indices("\": ")
        .map(|(at, separator)| {
            let start = at + separator.len();
            let line_end = text[start..].find('\n').map_or(text.len(), |end| start + end);
            let end = if text[..line_end].ends_with(',') { line_end - 1 } else { line_end };
            (start, end.max(start))
        })
        .collect()
}

fn apply(text: String, mutation: &Mutation) -> String {
    match mutation {
        Mutation::Flip(at, mask) => {
            let mut bytes = text.into_bytes();
            if !bytes.is_empty() {
                let at = at.index(bytes.len());
                bytes[at] ^= mask;
            }
            String::from_utf8_lossy(&bytes).into_owned()
        }
        Mutation::Truncate(at) => {
            let bytes = text.as_bytes();
            String::from_utf8_lossy(&bytes[..at.index(bytes.len() + 1)]).into_owned()
        }
        Mutation::Insert(at, fragment) => {
            let mut bytes = text.into_bytes();
            let at = at.index(bytes.len() + 1);
            bytes.splice(at..at, fragment.bytes());
            String::from_utf8_lossy(&bytes).into_owned()
        }
        Mutation::DuplicateLine(at) | Mutation::DeleteLine(at) => {
            let mut lines: Vec<&str> = text.split('\n').collect();
            let at = at.index(lines.len());
            if matches!(mutation, Mutation::DuplicateLine(_)) {
                lines.insert(at, lines[at]);
            } else {
                lines.remove(at);
            }
            lines.join("\n")
        }
        Mutation::SwapLines(one, other) => {
            let mut lines: Vec<&str> = text.split('\n').collect();
            let (one, other) = (one.index(lines.len()), other.index(lines.len()));
            lines.swap(one, other);
            lines.join("\n")
        }
        Mutation::Nest(at, depth, objects) => {
            let values = values_in(&text);
            if values.is_empty() {
                return text;
            }
            let (start, end) = values[at.index(values.len())];
            let (open, close) = if *objects { ("{\"a\": ", "}") } else { ("[", "]") };
            format!(
                "{}{}{}{}{}",
                &text[..start],
                open.repeat(*depth),
                &text[start..end],
                close.repeat(*depth),
                &text[end..]
            )
        }
        Mutation::Replace(at, value) => {
            let values = values_in(&text);
            if values.is_empty() {
                return text;
            }
            let (start, end) = values[at.index(values.len())];
            format!("{}{}{}", &text[..start], value, &text[end..])
        }
    }
}

/// A valid file to mutate: a generated plan, the sample plan or a larger generated
/// program, pretty-printed as `to_json` writes it or on one line.
fn valid_file() -> impl Strategy<Value = String> {
    let plan = prop_oneof![
        4 => plan(),
        1 => Just(common::sample_plan()),
        1 => (0u64..1000).prop_map(|seed| common::generated_plan(40, seed)),
    ];
    (plan, prop::bool::weighted(0.25)).prop_map(|(plan, compact)| {
        let text = to_json(&plan);
        if compact {
            serde_json::from_str::<Value>(&text).unwrap().to_string()
        } else {
            text
        }
    })
}

/// One change to the JSON value of a valid plan, at a place chosen by walking down.
#[derive(Clone, Debug)]
enum ValueChange {
    Replace(Value),
    /// Remove the chosen field or element.
    Remove,
    /// Add a field to the chosen object (or an element to the chosen array).
    Add(String, Value),
    /// Repeat an element of the chosen array (a task, a person, a link...).
    Repeat,
}

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        prop::sample::select(VALUES).prop_map(|text| serde_json::from_str::<Value>(text).unwrap_or(Value::Null)),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(|number| json!(number)),
        text(50).prop_map(Value::from),
        Just(json!(-0.0)),
    ]
}

fn value_change() -> impl Strategy<Value = ValueChange> {
    prop_oneof![
        3 => json_leaf().prop_map(ValueChange::Replace),
        1 => Just(ValueChange::Remove),
        1 => (prop::sample::select(&["extra", "id", "name", "", "tasks", "\u{0}"][..]), json_leaf())
            .prop_map(|(key, value)| ValueChange::Add(key.to_string(), value)),
        1 => Just(ValueChange::Repeat),
    ]
}

fn change_value(value: &mut Value, path: &[Index], change: &ValueChange) {
    let (step, rest) = match path.split_first() {
        Some(split) => split,
        None => return change_here(value, change),
    };
    let descend = match value {
        Value::Object(map) if !map.is_empty() => {
            let key = map.keys().nth(step.index(map.len())).unwrap().clone();
            if rest.is_empty() && matches!(change, ValueChange::Remove) {
                map.remove(&key);
                return;
            }
            map.get_mut(&key)
        }
        Value::Array(items) if !items.is_empty() => {
            let at = step.index(items.len());
            if rest.is_empty() && matches!(change, ValueChange::Remove) {
                items.remove(at);
                return;
            }
            items.get_mut(at)
        }
        _ => None,
    };
    match descend {
        Some(child) => change_value(child, rest, change),
        None => change_here(value, change),
    }
}

fn change_here(value: &mut Value, change: &ValueChange) {
    match (change, value) {
        (ValueChange::Replace(new), value) => *value = new.clone(),
        (ValueChange::Add(key, new), Value::Object(map)) => {
            map.insert(key.clone(), new.clone());
        }
        (ValueChange::Add(_, new), Value::Array(items)) => items.push(new.clone()),
        (ValueChange::Repeat, Value::Array(items)) if !items.is_empty() => items.push(items[0].clone()),
        (_, value) => *value = Value::Null,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn parse_never_panics_on_mutated_valid_files(
        file in valid_file(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let text = mutations.iter().fold(file, apply);
        check_outcome(&text)?;
    }

    #[test]
    fn parse_explains_every_change_to_one_value_of_a_valid_plan(
        plan in plan(),
        path in prop::collection::vec(any::<Index>(), 0..7),
        change in value_change(),
        compact in any::<bool>(),
    ) {
        let mut value: Value = serde_json::from_str(&to_json(&plan)).unwrap();
        change_value(&mut value, &path, &change);
        let text = if compact { value.to_string() } else { serde_json::to_string_pretty(&value).unwrap() };
        check_outcome(&text)?;
    }
}
