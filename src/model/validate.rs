//! The rules a plan must keep. `parse` checks a whole plan with them and `apply`
//! checks each edit with the same per-item functions, so a file and an edit can
//! never disagree about what is valid.

use super::hashing::{id_map_with_capacity, IdMap, IdSet};

use super::dates::{EARLIEST_YEAR, LATEST_YEAR};
use super::graph::{Cycle, TaskGraph};
use super::text::{shortened, shows_nothing};
use super::{
    Baseline, BaselineTask, ConstraintKind, Dependency, ExternalDependency, KnownTask, Person, Plan, PlanId,
    PlanSettings, RaciCell, Risk, RiskAssessment, Task, TaskId, TaskKind,
};

/// Longest duration or lag, in working days (about 40 years).
pub const MAX_WORKING_DAYS: u32 = 10_000;
/// Longest name or title.
pub const MAX_NAME_CHARS: usize = 500;
/// Longest free text (notes, descriptions, mitigations).
pub const MAX_TEXT_CHARS: usize = 20_000;
/// Longest id.
pub const MAX_ID_CHARS: usize = 40;
/// How many problems one validation reports before it stops looking.
pub const MAX_PROBLEMS: usize = 50;
/// Most risk categories a plan may list.
pub const MAX_RISK_CATEGORIES: usize = 100;

/// One broken rule: where (a JSON path such as `plan.tasks[3].duration`) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl Problem {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self { path: path.into(), message: message.into() }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// A field-level rule broken by one item: the field's name and what is wrong.
pub type FieldProblem = (&'static str, String);

pub fn check_id(id: &str, prefix: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("must not be empty".into());
    }
    if id.chars().count() > MAX_ID_CHARS {
        return Err(format!("is longer than {MAX_ID_CHARS} characters"));
    }
    if !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.') {
        return Err(format!(
            "\"{}\" may use only letters, digits, '-', '_' and '.' (for example {prefix}12)",
            shortened(id)
        ));
    }
    Ok(())
}

/// A name or title: something a person can see, of at most `MAX_NAME_CHARS`.
fn check_name(field: &'static str, text: &str) -> Result<(), FieldProblem> {
    if shows_nothing(text) {
        return Err((field, "must not be empty".into()));
    }
    check_length(field, text, MAX_NAME_CHARS)
}

fn check_length(field: &'static str, text: &str, limit: usize) -> Result<(), FieldProblem> {
    if text.chars().count() > limit {
        return Err((field, format!("is longer than {limit} characters")));
    }
    Ok(())
}

/// A date a plan file can hold (see `dates::EARLIEST_YEAR`).
fn check_date(field: &'static str, date: Option<chrono::NaiveDate>) -> Result<(), FieldProblem> {
    use chrono::Datelike;
    match date {
        Some(date) if !(EARLIEST_YEAR..=LATEST_YEAR).contains(&date.year()) => {
            Err((field, format!("{date} is outside the years {EARLIEST_YEAR} to {LATEST_YEAR}")))
        }
        _ => Ok(()),
    }
}

pub fn check_plan_fields(plan: &Plan) -> Result<(), FieldProblem> {
    if let Some(id) = &plan.id {
        check_id(id.as_str(), PlanId::PREFIX).map_err(|message| ("id", message))?;
    }
    check_name("name", &plan.name)?;
    check_date("start", Some(plan.start))?;
    check_date("modified", plan.modified)?;
    if let Some(saved_by) = &plan.saved_by {
        check_name("saved_by", saved_by)?;
    }
    check_length("description", &plan.description, MAX_TEXT_CHARS)?;
    if plan.calendar.working_weekdays.is_empty() {
        return Err(("calendar.working_weekdays", "must name at least one working day".into()));
    }
    let mut seen: IdSet<chrono::Weekday> = IdSet::default();
    for day in &plan.calendar.working_weekdays {
        if !seen.insert(*day) {
            return Err(("calendar.working_weekdays", format!("names {day} twice")));
        }
    }
    let mut dates: IdSet<chrono::NaiveDate> = IdSet::default();
    for holiday in &plan.calendar.holidays {
        check_date("calendar.holidays", Some(holiday.date))?;
        if !dates.insert(holiday.date) {
            return Err(("calendar.holidays", format!("lists {} twice", holiday.date)));
        }
        check_length("calendar.holidays", &holiday.name, MAX_NAME_CHARS)?;
    }
    Ok(())
}

/// The thresholds of the checks; fields are named relative to `plan.settings`.
pub fn check_settings_fields(settings: &PlanSettings) -> Result<(), FieldProblem> {
    for (field, value) in
        [("overload_threshold", settings.overload_threshold), ("consulted_limit", settings.consulted_limit)]
    {
        if !PlanSettings::RANGE.contains(&value) {
            let (low, high) = (PlanSettings::RANGE.start(), PlanSettings::RANGE.end());
            return Err((field, format!("must be from {low} to {high}, not {value}")));
        }
    }
    Ok(())
}

pub fn check_person_fields(person: &Person) -> Result<(), FieldProblem> {
    check_id(person.id.as_str(), "P").map_err(|message| ("id", message))?;
    check_name("name", &person.name)?;
    check_length("role", &person.role, MAX_NAME_CHARS)?;
    check_length("team", &person.team, MAX_NAME_CHARS)?;
    check_email(&person.email)
}

/// Whether the text has the shape of an e-mail address: one `@` with something on each
/// side, no spaces or control characters, and no longer than a name.
pub fn is_email_address(email: &str) -> bool {
    email.chars().count() <= MAX_NAME_CHARS
        && email
            .split_once('@')
            .is_some_and(|(name, domain)| !name.is_empty() && !domain.is_empty() && !domain.contains('@'))
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// An e-mail address, when there is one: one `@` with something on each side, and no
/// spaces. (Only its shape: it matches people across plans, nothing is sent to it.)
fn check_email(email: &str) -> Result<(), FieldProblem> {
    if email.is_empty() {
        return Ok(());
    }
    check_length("email", email, MAX_NAME_CHARS)?;
    if !is_email_address(email) {
        return Err(("email", format!("{} is not an e-mail address (name@example.com)", super::text::quoted(email))));
    }
    Ok(())
}

pub fn check_task_fields(task: &Task) -> Result<(), FieldProblem> {
    check_id(task.id.as_str(), "T").map_err(|message| ("id", message))?;
    check_name("name", &task.name)?;
    if task.duration > MAX_WORKING_DAYS {
        return Err(("duration", format!("{} is more than {MAX_WORKING_DAYS} working days", task.duration)));
    }
    if task.kind == TaskKind::Milestone && task.duration != 0 {
        return Err(("duration", format!("a milestone has no duration, but this one has {}", task.duration)));
    }
    if task.progress > 100 {
        return Err(("progress", format!("{} is more than 100 percent", task.progress)));
    }
    check_date("start_no_earlier_than", task.start_no_earlier_than)?;
    check_constraint(task)?;
    check_date("deadline", task.deadline)?;
    if task.parent.as_ref() == Some(&task.id) {
        return Err(("parent", format!("{} cannot be its own parent", shortened(task.id.as_str()))));
    }
    check_length("notes", &task.notes, MAX_TEXT_CHARS)
}

/// A task's `constraint`: a real date, of a kind other than start-no-earlier-than (that
/// one has its own field), and the task's only one: MS Project keeps one constraint per
/// task, and two could contradict each other.
fn check_constraint(task: &Task) -> Result<(), FieldProblem> {
    let Some(constraint) = task.constraint else {
        return Ok(());
    };
    check_date("constraint.date", Some(constraint.date))?;
    if constraint.kind == ConstraintKind::StartNoEarlierThan {
        return Err((
            "constraint.kind",
            "is start_no_earlier_than, which a task keeps in its own field `start_no_earlier_than`".into(),
        ));
    }
    if let Some(date) = task.start_no_earlier_than {
        return Err((
            "constraint",
            format!(
                "is a second date constraint: a task has one, and {} already starts no earlier than {date}",
                shortened(task.id.as_str())
            ),
        ));
    }
    Ok(())
}

pub fn check_dependency_fields(dependency: &Dependency) -> Result<(), FieldProblem> {
    if dependency.predecessor == dependency.successor {
        return Err(("successor", format!("{} cannot depend on itself", shortened(dependency.successor.as_str()))));
    }
    if dependency.lag.unsigned_abs() > MAX_WORKING_DAYS {
        return Err(("lag", format!("{} is beyond ±{MAX_WORKING_DAYS} working days", dependency.lag)));
    }
    Ok(())
}

/// An external link's own fields, named relative to the link. (Whether its successor
/// exists, whether it is listed twice and whether it names the plan itself need the
/// plan: `apply` and `validate_plan` check those.)
pub fn check_external_dependency_fields(link: &ExternalDependency) -> Result<(), FieldProblem> {
    check_id(link.plan.as_str(), PlanId::PREFIX).map_err(|message| ("plan", message))?;
    check_id(link.predecessor.as_str(), TaskId::PREFIX).map_err(|message| ("predecessor", message))?;
    if link.lag.unsigned_abs() > MAX_WORKING_DAYS {
        return Err(("lag", format!("{} is beyond ±{MAX_WORKING_DAYS} working days", link.lag)));
    }
    check_known_task(&link.known)
}

/// What a plan knows of another plan's task: names that show, real dates in order, and a
/// milestone on one day.
fn check_known_task(known: &KnownTask) -> Result<(), FieldProblem> {
    check_name("known.plan_name", &known.plan_name)?;
    check_name("known.name", &known.name)?;
    check_date("known.start", Some(known.start))?;
    check_date("known.finish", Some(known.finish))?;
    if known.finish < known.start {
        return Err(("known.finish", format!("{} is before the start {}", known.finish, known.start)));
    }
    if known.milestone && known.finish != known.start {
        return Err((
            "known.finish",
            format!("{} is not the start {}: a milestone is on one day", known.finish, known.start),
        ));
    }
    Ok(())
}

/// Why an external link may not name the plan it is in.
pub fn links_to_itself(plan: &PlanId) -> String {
    format!(
        "is this plan's own id {}: a task of this plan is linked with a dependency, not an external one",
        shortened(plan.as_str())
    )
}

/// How a message names an external link: `the link T7 of pl-4f9c2a1b → T12`.
pub fn external_link_name(link: &ExternalDependency) -> String {
    external_link_named(&link.plan, &link.predecessor, &link.successor)
}

/// `external_link_name` of the link with these three ids.
pub fn external_link_named(plan: &PlanId, predecessor: &TaskId, successor: &TaskId) -> String {
    format!(
        "the link {} of {} → {}",
        shortened(predecessor.as_str()),
        shortened(plan.as_str()),
        shortened(successor.as_str())
    )
}

/// Every field rule of one risk, its history included. (Whether its category is one of
/// the plan's, and its owner and tasks exist, needs the plan: `apply` and
/// `validate_plan` check those.)
pub fn check_risk_fields(risk: &Risk) -> Result<(), FieldProblem> {
    check_risk_own_fields(risk)?;
    check_risk_history(&risk.history)
        .map_err(|(index, field, message)| ("history", format!("entry {}: {field} {message}", index + 1)))
}

/// A risk's history: each entry a real date, probability and impact 1 to 5, and the
/// dates strictly increasing (oldest first, one entry per day). On error: the entry's
/// index, its field and what is wrong.
pub fn check_risk_history(history: &[RiskAssessment]) -> Result<(), (usize, &'static str, String)> {
    for (index, entry) in history.iter().enumerate() {
        check_date("date", Some(entry.date)).map_err(|(field, message)| (index, field, message))?;
        for (field, value) in [("probability", entry.probability), ("impact", entry.impact)] {
            if !(1..=5).contains(&value) {
                return Err((index, field, format!("{value} is outside 1 to 5")));
            }
        }
        if let Some(before) = index.checked_sub(1).map(|before| history[before].date) {
            if entry.date <= before {
                return Err((
                    index,
                    "date",
                    format!("{} is not after the entry before it ({before}): the history is oldest first, one entry per day", entry.date),
                ));
            }
        }
    }
    Ok(())
}

/// The plan's list of risk categories: at least one, at most `MAX_RISK_CATEGORIES`,
/// each a name (not blank, at most `MAX_NAME_CHARS`) given once. On error: the index
/// of the entry at fault (none for the list as a whole) and what is wrong.
pub fn check_risk_categories(categories: &[String]) -> Result<(), (Option<usize>, String)> {
    if categories.is_empty() {
        return Err((None, "must name at least one category".into()));
    }
    if categories.len() > MAX_RISK_CATEGORIES {
        return Err((None, format!("names {} categories; at most {MAX_RISK_CATEGORIES}", categories.len())));
    }
    let mut seen: IdSet<&str> = IdSet::default();
    for (index, name) in categories.iter().enumerate() {
        check_name("category", name).map_err(|(_, message)| (Some(index), message))?;
        if !seen.insert(name.as_str()) {
            return Err((Some(index), format!("repeats \"{}\"", shortened(name))));
        }
    }
    Ok(())
}

/// Why `category` is not acceptable for a risk of a plan with these categories.
pub fn unlisted_category_message(category: &str, categories: &[String]) -> String {
    const LISTED: usize = 12;
    let names: Vec<String> = categories.iter().take(LISTED).map(|name| shortened(name).to_string()).collect();
    let more = if categories.len() > LISTED { ", …" } else { "" };
    format!("\"{}\" is not one of the plan's risk categories ({}{more})", shortened(category), names.join(", "))
}

/// The rules of a risk's own fields, without its history.
fn check_risk_own_fields(risk: &Risk) -> Result<(), FieldProblem> {
    check_id(risk.id.as_str(), "R").map_err(|message| ("id", message))?;
    check_name("title", &risk.title)?;
    check_length("category", &risk.category, MAX_NAME_CHARS)?;
    for (field, value) in [("probability", risk.probability), ("impact", risk.impact)] {
        if !(1..=5).contains(&value) {
            return Err((field, format!("{value} is outside 1 to 5")));
        }
    }
    for (field, text) in [
        ("description", &risk.description),
        ("mitigation", &risk.mitigation),
        ("contingency", &risk.contingency),
        ("trigger", &risk.trigger),
    ] {
        check_length(field, text, MAX_TEXT_CHARS)?;
    }
    check_date("review_date", risk.review_date)?;
    check_date("created", risk.created)?;
    check_date("updated", risk.updated)?;
    let mut linked: IdSet<&str> = IdSet::default();
    for task in &risk.linked_tasks {
        if !linked.insert(task.as_str()) {
            return Err(("linked_tasks", format!("lists {} twice", shortened(task.as_str()))));
        }
    }
    Ok(())
}

pub fn check_baseline_fields(baseline: &Baseline) -> Result<(), FieldProblem> {
    check_id(baseline.id.as_str(), "B").map_err(|message| ("id", message))?;
    check_length("name", &baseline.name, MAX_NAME_CHARS)?;
    check_date("taken", Some(baseline.taken))?;
    for entry in &baseline.tasks {
        check_date("tasks", Some(entry.start))?;
        check_date("tasks", Some(entry.finish))?;
        if entry.finish < entry.start {
            return Err(("tasks", format!("{} finishes before it starts", shortened(entry.task.as_str()))));
        }
    }
    if let Some((_, entry)) = repeated_baseline_entries(baseline).next() {
        return Err(("tasks", repeated_baseline_task(entry)));
    }
    Ok(())
}

/// The entries of a baseline (with their index) that name a task an earlier entry
/// named: a baseline keeps one start and finish per task.
fn repeated_baseline_entries(baseline: &Baseline) -> impl Iterator<Item = (usize, &BaselineTask)> {
    let mut listed: IdSet<&str> = IdSet::default();
    baseline.tasks.iter().enumerate().filter(move |(_, entry)| !listed.insert(entry.task.as_str()))
}

fn repeated_baseline_task(entry: &BaselineTask) -> String {
    format!("lists task {} twice", shortened(entry.task.as_str()))
}

/// What is wrong with a reference to a task that is not in the plan.
fn unknown_task(id: &str) -> String {
    if id.is_empty() {
        "is empty: it must name a task".into()
    } else {
        format!("refers to task {}, which does not exist", shortened(id))
    }
}

/// What is wrong with a reference to a person who is not in the plan.
fn unknown_person(id: &str) -> String {
    if id.is_empty() {
        "is empty: it must name a person".into()
    } else {
        format!("refers to person {}, who does not exist", shortened(id))
    }
}

/// The path of a list's element, as `plan.tasks[3]`: written out only when a problem needs
/// it, not for each of a big plan's thousands of valid elements.
#[derive(Clone, Copy)]
struct Indexed(&'static str, usize);

impl std::fmt::Display for Indexed {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "{}[{}]", self.0, self.1)
    }
}

/// Collects problems up to a limit.
struct Report {
    problems: Vec<Problem>,
}

impl Report {
    fn add(&mut self, path: String, message: String) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(Problem { path, message });
        }
    }

    fn field(&mut self, base: impl std::fmt::Display, result: Result<(), FieldProblem>) {
        if let Err((field, message)) = result {
            self.add(format!("{base}.{field}"), message);
        }
    }

    fn full(&self) -> bool {
        self.problems.len() >= MAX_PROBLEMS
    }
}

/// Every rule of the whole plan; empty when the plan is valid.
pub fn validate_plan(plan: &Plan) -> Vec<Problem> {
    let mut report = Report { problems: Vec::new() };
    report.field("plan", check_plan_fields(plan));
    report.field("plan.settings", check_settings_fields(&plan.settings));

    let mut people: IdSet<&str> = IdSet::default();
    for (index, person) in plan.people.iter().enumerate() {
        let base = Indexed("plan.people", index);
        report.field(base, check_person_fields(person));
        if !people.insert(person.id.as_str()) {
            report.add(format!("{base}.id"), format!("the id {} is used twice", shortened(person.id.as_str())));
        }
    }

    let mut tasks: IdMap<&str, usize> = id_map_with_capacity(plan.tasks.len());
    for (index, task) in plan.tasks.iter().enumerate() {
        if report.full() {
            return report.problems;
        }
        let base = Indexed("plan.tasks", index);
        report.field(base, check_task_fields(task));
        if tasks.insert(task.id.as_str(), index).is_some() {
            report.add(format!("{base}.id"), format!("the id {} is used twice", shortened(task.id.as_str())));
        }
    }
    for (index, task) in plan.tasks.iter().enumerate() {
        if let Some(parent) = &task.parent {
            match tasks.get(parent.as_str()) {
                None => report.add(format!("plan.tasks[{index}].parent"), unknown_task(parent.as_str())),
                Some(&parent_index) if plan.tasks[parent_index].kind == TaskKind::Milestone => report.add(
                    format!("plan.tasks[{index}].parent"),
                    format!("{} is a milestone and cannot have subtasks", shortened(parent.as_str())),
                ),
                _ => {}
            }
        }
    }
    if let Some(cycle) = parent_cycle(plan, &tasks) {
        report.add("plan.tasks".into(), format!("the parents form a cycle: {cycle}"));
    } else {
        // (In a cycle of parents some task comes before its parent: the cycle says it all.)
        for (child, parent) in tasks_before_their_parents(plan, &tasks) {
            report.add(format!("plan.tasks[{child}].parent"), listed_before_its_parent(&plan.tasks[parent].id));
        }
    }

    let mut pairs: IdSet<(&str, &str)> = IdSet::default();
    for (index, dependency) in plan.dependencies.iter().enumerate() {
        let base = Indexed("plan.dependencies", index);
        report.field(base, check_dependency_fields(dependency));
        for (field, id) in [("predecessor", &dependency.predecessor), ("successor", &dependency.successor)] {
            if !tasks.contains_key(id.as_str()) {
                report.add(format!("{base}.{field}"), unknown_task(id.as_str()));
            }
        }
        if !pairs.insert((dependency.predecessor.as_str(), dependency.successor.as_str())) {
            report.add(
                base.to_string(),
                format!(
                    "{} → {} is listed twice",
                    shortened(dependency.predecessor.as_str()),
                    shortened(dependency.successor.as_str())
                ),
            );
        }
        if report.full() {
            return report.problems;
        }
    }

    check_external_dependencies(plan, &tasks, &mut report);
    if report.full() {
        return report.problems;
    }

    let mut cells: IdSet<(&str, &str)> = IdSet::default();
    for (index, cell) in plan.raci.iter().enumerate() {
        let base = Indexed("plan.raci", index);
        if !tasks.contains_key(cell.task.as_str()) {
            report.add(format!("{base}.task"), unknown_task(cell.task.as_str()));
        }
        if !people.contains(cell.person.as_str()) {
            report.add(format!("{base}.person"), unknown_person(cell.person.as_str()));
        }
        if !cells.insert((cell.task.as_str(), cell.person.as_str())) {
            let (person, task) = (shortened(cell.person.as_str()), shortened(cell.task.as_str()));
            report.add(base.to_string(), format!("{person} has two roles on {task}"));
        }
        if report.full() {
            return report.problems;
        }
    }

    if let Err((entry, message)) = check_risk_categories(&plan.risk_categories) {
        let path = match entry {
            Some(entry) => format!("plan.risk_categories[{entry}]"),
            None => "plan.risk_categories".into(),
        };
        report.add(path, message);
    }
    let categories: IdSet<&str> = plan.risk_categories.iter().map(String::as_str).collect();
    let mut risks: IdSet<&str> = IdSet::default();
    for (index, risk) in plan.risks.iter().enumerate() {
        let base = Indexed("plan.risks", index);
        report.field(base, check_risk_own_fields(risk));
        if let Err((entry, field, message)) = check_risk_history(&risk.history) {
            report.add(format!("{base}.history[{entry}].{field}"), message);
        }
        if !categories.contains(risk.category.as_str()) {
            report.add(format!("{base}.category"), unlisted_category_message(&risk.category, &plan.risk_categories));
        }
        if !risks.insert(risk.id.as_str()) {
            report.add(format!("{base}.id"), format!("the id {} is used twice", shortened(risk.id.as_str())));
        }
        if let Some(owner) = &risk.owner {
            if !people.contains(owner.as_str()) {
                report.add(format!("{base}.owner"), unknown_person(owner.as_str()));
            }
        }
        for (link, task) in risk.linked_tasks.iter().enumerate() {
            if !tasks.contains_key(task.as_str()) {
                report.add(format!("{base}.linked_tasks[{link}]"), unknown_task(task.as_str()));
            }
        }
    }

    let mut baselines: IdSet<&str> = IdSet::default();
    for (index, baseline) in plan.baselines.iter().enumerate() {
        let base = Indexed("plan.baselines", index);
        report.field(base, check_id(baseline.id.as_str(), "B").map_err(|message| ("id", message)));
        // The name as an edit checks it (`check_baseline_fields`); its dates are checked as
        // they are read, and each entry below at its own path.
        report.field(base, check_length("name", &baseline.name, MAX_NAME_CHARS));
        if !baselines.insert(baseline.id.as_str()) {
            report.add(format!("{base}.id"), format!("the id {} is used twice", shortened(baseline.id.as_str())));
        }
        for (entry, task) in baseline.tasks.iter().enumerate() {
            if !tasks.contains_key(task.task.as_str()) {
                report.add(format!("{base}.tasks[{entry}].task"), unknown_task(task.task.as_str()));
            }
            if task.finish < task.start {
                report.add(format!("{base}.tasks[{entry}].finish"), "is before the start".into());
            }
            if let Some(Err(message)) = task.cost.map(super::budget::check_amount) {
                report.add(format!("{base}.tasks[{entry}].cost"), message);
            }
        }
        for (entry, task) in repeated_baseline_entries(baseline) {
            report.add(format!("{base}.tasks[{entry}].task"), repeated_baseline_task(task));
        }
    }

    check_log_and_budget(plan, &mut report);

    // The precedence graph is only meaningful once every reference resolves.
    if report.problems.is_empty() {
        let graph = TaskGraph::build(plan);
        if let Err(cycle) = graph.topological_order(plan) {
            report.add("plan.dependencies".into(), format!("the dependencies form a cycle: {cycle}"));
        }
    }
    report.problems
}

/// The RAID log's entries (each id once per kind, every reference known) and the budget.
fn check_log_and_budget(plan: &Plan, report: &mut Report) {
    use super::log::LogEntryRef;
    use super::log_rules::{budget_problems, entry_problems, Known};
    let known = Known::of(plan);
    let lists: [(&'static str, Vec<LogEntryRef>); 3] = [
        ("plan.assumptions", plan.assumptions.iter().map(LogEntryRef::Assumption).collect()),
        ("plan.issues", plan.issues.iter().map(LogEntryRef::Issue).collect()),
        ("plan.decisions", plan.decisions.iter().map(LogEntryRef::Decision).collect()),
    ];
    for (path, entries) in lists {
        let mut ids: IdSet<&str> = IdSet::default();
        for (index, entry) in entries.into_iter().enumerate() {
            let base = Indexed(path, index);
            for (field, message) in entry_problems(entry, &known) {
                report.add(format!("{base}.{field}"), message);
            }
            if !ids.insert(entry.id()) {
                report.add(format!("{base}.id"), format!("the id {} is used twice", shortened(entry.id())));
            }
        }
    }
    let mut requests: IdSet<&str> = IdSet::default();
    for (index, request) in plan.change_requests.iter().enumerate() {
        let base = Indexed("plan.change_requests", index);
        for (field, message) in super::log_rules::change_request_problems(request, &known) {
            report.add(format!("{base}.{field}"), message);
        }
        if !requests.insert(request.id.as_str()) {
            report.add(format!("{base}.id"), format!("the id {} is used twice", shortened(request.id.as_str())));
        }
    }
    for (field, message) in budget_problems(plan, &known) {
        report.add(format!("plan.budget.{field}"), message);
    }
}

/// The rules of the plan's external links: each link's fields, a successor of this plan,
/// another plan than this one, and each link once.
fn check_external_dependencies(plan: &Plan, tasks: &IdMap<&str, usize>, report: &mut Report) {
    let mut links: IdSet<(&str, &str, &str)> = IdSet::default();
    for (index, link) in plan.external_dependencies.iter().enumerate() {
        let base = Indexed("plan.external_dependencies", index);
        report.field(base, check_external_dependency_fields(link));
        if !tasks.contains_key(link.successor.as_str()) {
            report.add(format!("{base}.successor"), unknown_task(link.successor.as_str()));
        }
        if plan.id.as_ref() == Some(&link.plan) {
            report.add(format!("{base}.plan"), links_to_itself(&link.plan));
        }
        if !links.insert((link.plan.as_str(), link.predecessor.as_str(), link.successor.as_str())) {
            report.add(base.to_string(), format!("{} is listed twice", external_link_name(link)));
        }
        if report.full() {
            return;
        }
    }
}

/// The tasks listed before their parent, each with its parent's index: tasks are in
/// outline order, a parent before its subtasks, so that a reader (a person, a diff,
/// `Plan::subtree_len`) meets a summary before what is inside it. `index_of` maps every
/// task's id to its index.
pub fn tasks_before_their_parents<'a>(
    plan: &'a Plan,
    index_of: &'a IdMap<&str, usize>,
) -> impl Iterator<Item = (usize, usize)> + 'a {
    plan.tasks.iter().enumerate().filter_map(|(index, task)| {
        let parent = *index_of.get(task.parent.as_ref()?.as_str())?;
        (parent > index).then_some((index, parent))
    })
}

/// Why a task listed before its parent is refused.
pub fn listed_before_its_parent(parent: &TaskId) -> String {
    format!(
        "is {}, which comes later in the list: tasks are in outline order, a parent before its subtasks",
        shortened(parent.as_str())
    )
}

/// A chain of parents that comes back to where it started, if any.
pub fn parent_cycle(plan: &Plan, index_of: &IdMap<&str, usize>) -> Option<Cycle> {
    // 0 = not visited, 1 = on the current chain, 2 = known to reach a root.
    let mut state = vec![0u8; plan.tasks.len()];
    for start in 0..plan.tasks.len() {
        let mut chain: Vec<usize> = Vec::new();
        let mut current = Some(start);
        while let Some(index) = current {
            match state[index] {
                2 => break,
                1 => {
                    let from = chain.iter().position(|&seen| seen == index).unwrap_or(0);
                    let mut tasks: Vec<TaskId> = chain[from..].iter().map(|&i| plan.tasks[i].id.clone()).collect();
                    tasks.push(plan.tasks[index].id.clone());
                    return Some(Cycle(tasks));
                }
                _ => {}
            }
            state[index] = 1;
            chain.push(index);
            current = plan.tasks[index].parent.as_ref().and_then(|parent| index_of.get(parent.as_str()).copied());
        }
        for index in chain {
            state[index] = 2;
        }
    }
    None
}

/// Whether `ancestor` is `task` or one of its parents, grandparents, ...
pub fn is_ancestor_or_self(plan: &Plan, ancestor: &str, task: &str) -> bool {
    let mut current = Some(task.to_string());
    let mut steps = 0;
    while let Some(id) = current {
        if id == ancestor {
            return true;
        }
        steps += 1;
        if steps > plan.tasks.len() {
            return false;
        }
        current = plan.task(&id).and_then(|task| task.parent.as_ref().map(|p| p.0.clone()));
    }
    false
}

/// Cell lookups by (task, person), for the checks that need them.
pub fn raci_index(cells: &[RaciCell]) -> IdMap<(&str, &str), usize> {
    cells.iter().enumerate().map(|(index, cell)| ((cell.task.as_str(), cell.person.as_str()), index)).collect()
}
