//! The rules a plan must keep. `parse` checks a whole plan with them and `apply`
//! checks each edit with the same per-item functions, so a file and an edit can
//! never disagree about what is valid.

use super::hashing::{id_map_with_capacity, IdMap, IdSet};

use super::dates::{EARLIEST_YEAR, LATEST_YEAR};
use super::graph::TaskGraph;
use super::{Baseline, Dependency, Person, Plan, PlanSettings, RaciCell, Risk, RiskAssessment, Task, TaskKind};

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
        return Err(format!("\"{id}\" may use only letters, digits, '-', '_' and '.' (for example {prefix}12)"));
    }
    Ok(())
}

fn check_name(field: &'static str, text: &str) -> Result<(), FieldProblem> {
    if text.trim().is_empty() {
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
    check_name("name", &plan.name)?;
    check_date("start", Some(plan.start))?;
    check_date("modified", plan.modified)?;
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
    check_length("team", &person.team, MAX_NAME_CHARS)
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
    check_date("deadline", task.deadline)?;
    if task.parent.as_ref() == Some(&task.id) {
        return Err(("parent", format!("{} cannot be its own parent", task.id)));
    }
    check_length("notes", &task.notes, MAX_TEXT_CHARS)
}

pub fn check_dependency_fields(dependency: &Dependency) -> Result<(), FieldProblem> {
    if dependency.predecessor == dependency.successor {
        return Err(("successor", format!("{} cannot depend on itself", dependency.successor)));
    }
    if dependency.lag.unsigned_abs() > MAX_WORKING_DAYS {
        return Err(("lag", format!("{} is beyond ±{MAX_WORKING_DAYS} working days", dependency.lag)));
    }
    Ok(())
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
            return Err((Some(index), format!("repeats \"{name}\"")));
        }
    }
    Ok(())
}

/// Why `category` is not acceptable for a risk of a plan with these categories.
pub fn unlisted_category_message(category: &str, categories: &[String]) -> String {
    const LISTED: usize = 12;
    let names: Vec<&str> = categories.iter().take(LISTED).map(String::as_str).collect();
    let more = if categories.len() > LISTED { ", …" } else { "" };
    format!("\"{category}\" is not one of the plan's risk categories ({}{more})", names.join(", "))
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
            return Err(("linked_tasks", format!("lists {task} twice")));
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
            return Err(("tasks", format!("{} finishes before it starts", entry.task)));
        }
    }
    Ok(())
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
            report.add(format!("{base}.id"), format!("the id {} is used twice", person.id));
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
            report.add(format!("{base}.id"), format!("the id {} is used twice", task.id));
        }
    }
    for (index, task) in plan.tasks.iter().enumerate() {
        if let Some(parent) = &task.parent {
            match tasks.get(parent.as_str()) {
                None => report.add(
                    format!("plan.tasks[{index}].parent"),
                    format!("refers to task {parent}, which does not exist"),
                ),
                Some(&parent_index) if plan.tasks[parent_index].kind == TaskKind::Milestone => report.add(
                    format!("plan.tasks[{index}].parent"),
                    format!("{parent} is a milestone and cannot have subtasks"),
                ),
                _ => {}
            }
        }
    }
    if let Some(cycle) = parent_cycle(plan, &tasks) {
        report.add("plan.tasks".into(), format!("the parents form a cycle: {cycle}"));
    }

    let mut pairs: IdSet<(&str, &str)> = IdSet::default();
    for (index, dependency) in plan.dependencies.iter().enumerate() {
        let base = Indexed("plan.dependencies", index);
        report.field(base, check_dependency_fields(dependency));
        for (field, id) in [("predecessor", &dependency.predecessor), ("successor", &dependency.successor)] {
            if !tasks.contains_key(id.as_str()) {
                report.add(format!("{base}.{field}"), format!("refers to task {id}, which does not exist"));
            }
        }
        if !pairs.insert((dependency.predecessor.as_str(), dependency.successor.as_str())) {
            report.add(
                base.to_string(),
                format!("{} → {} is listed twice", dependency.predecessor, dependency.successor),
            );
        }
        if report.full() {
            return report.problems;
        }
    }

    let mut cells: IdSet<(&str, &str)> = IdSet::default();
    for (index, cell) in plan.raci.iter().enumerate() {
        let base = Indexed("plan.raci", index);
        if !tasks.contains_key(cell.task.as_str()) {
            report.add(format!("{base}.task"), format!("refers to task {}, which does not exist", cell.task));
        }
        if !people.contains(cell.person.as_str()) {
            report.add(format!("{base}.person"), format!("refers to person {}, which does not exist", cell.person));
        }
        if !cells.insert((cell.task.as_str(), cell.person.as_str())) {
            report.add(base.to_string(), format!("{} has two roles on {}", cell.person, cell.task));
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
            report.add(format!("{base}.id"), format!("the id {} is used twice", risk.id));
        }
        if let Some(owner) = &risk.owner {
            if !people.contains(owner.as_str()) {
                report.add(format!("{base}.owner"), format!("refers to person {owner}, who does not exist"));
            }
        }
        for (link, task) in risk.linked_tasks.iter().enumerate() {
            if !tasks.contains_key(task.as_str()) {
                report.add(
                    format!("{base}.linked_tasks[{link}]"),
                    format!("refers to task {task}, which does not exist"),
                );
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
            report.add(format!("{base}.id"), format!("the id {} is used twice", baseline.id));
        }
        for (entry, task) in baseline.tasks.iter().enumerate() {
            if !tasks.contains_key(task.task.as_str()) {
                report.add(
                    format!("{base}.tasks[{entry}].task"),
                    format!("refers to task {}, which does not exist", task.task),
                );
            }
            if task.finish < task.start {
                report.add(format!("{base}.tasks[{entry}].finish"), "is before the start".into());
            }
        }
    }

    // The precedence graph is only meaningful once every reference resolves.
    if report.problems.is_empty() {
        let graph = TaskGraph::build(plan);
        if let Err(cycle) = graph.topological_order(plan) {
            report.add("plan.dependencies".into(), format!("the dependencies form a cycle: {cycle}"));
        }
    }
    report.problems
}

/// A chain of parents that comes back to where it started, if any.
pub fn parent_cycle(plan: &Plan, index_of: &IdMap<&str, usize>) -> Option<String> {
    // 0 = not visited, 1 = on the current chain, 2 = known to reach a root.
    let mut state = vec![0u8; plan.tasks.len()];
    for start in 0..plan.tasks.len() {
        let mut chain = Vec::new();
        let mut current = Some(start);
        while let Some(index) = current {
            match state[index] {
                2 => break,
                1 => {
                    let from = chain.iter().position(|&seen| seen == index).unwrap_or(0);
                    let mut names: Vec<&str> =
                        chain[from..].iter().map(|&i: &usize| plan.tasks[i].id.as_str()).collect();
                    names.push(plan.tasks[index].id.as_str());
                    return Some(names.join(" → "));
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
