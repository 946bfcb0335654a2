//! The two-way comparison: every difference between our plan and theirs, matched by id,
//! in a fixed order (the plan, holidays, people, tasks, links, external links, RACI
//! cells, risks, baselines, then the RAID log's assumptions, issues and decisions and the
//! budget, in `log_compare`; within each, our order for changed and removed items and
//! theirs for added ones).

use std::collections::{HashMap, HashSet};

use super::change::{
    BaselineField, Change, DependencyField, ExternalDependencyField, FieldChange, PersonField, PlanField, RiskField,
    TaskField,
};
use super::log_compare;
use crate::model::outline::outline;
use crate::model::{ExternalDependency, Plan, Task, TaskId};

/// Every difference between `ours` and `theirs`.
pub(crate) fn compare(ours: &Plan, theirs: &Plan) -> Vec<Change> {
    let mut changes = Vec::new();
    compare_plan_fields(ours, theirs, &mut changes);
    compare_holidays(ours, theirs, &mut changes);
    compare_people(ours, theirs, &mut changes);
    compare_tasks(ours, theirs, &mut changes);
    compare_dependencies(ours, theirs, &mut changes);
    compare_external_dependencies(ours, theirs, &mut changes);
    compare_raci(ours, theirs, &mut changes);
    compare_risks(ours, theirs, &mut changes);
    compare_baselines(ours, theirs, &mut changes);
    log_compare::compare_assumptions(ours, theirs, &mut changes);
    log_compare::compare_issues(ours, theirs, &mut changes);
    log_compare::compare_decisions(ours, theirs, &mut changes);
    log_compare::compare_budget(ours, theirs, &mut changes);
    changes
}

/// Pushes `make(FieldChange)` when the two values differ.
fn field<T: PartialEq + Clone, C>(changes: &mut Vec<C>, from: &T, to: &T, make: impl FnOnce(FieldChange<T>) -> C) {
    if from != to {
        changes.push(make(FieldChange::new(from.clone(), to.clone())));
    }
}

fn compare_plan_fields(ours: &Plan, theirs: &Plan, changes: &mut Vec<Change>) {
    let mut fields = Vec::new();
    field(&mut fields, &ours.name, &theirs.name, PlanField::Name);
    field(&mut fields, &ours.description, &theirs.description, PlanField::Description);
    field(&mut fields, &ours.start, &theirs.start, PlanField::Start);
    let mut our_days = ours.calendar.working_weekdays.clone();
    let mut their_days = theirs.calendar.working_weekdays.clone();
    our_days.sort_by_key(|day| day.num_days_from_monday());
    their_days.sort_by_key(|day| day.num_days_from_monday());
    field(&mut fields, &our_days, &their_days, PlanField::WorkingWeekdays);
    let (our_settings, their_settings) = (&ours.settings, &theirs.settings);
    field(
        &mut fields,
        &our_settings.overload_threshold,
        &their_settings.overload_threshold,
        PlanField::OverloadThreshold,
    );
    field(&mut fields, &our_settings.consulted_limit, &their_settings.consulted_limit, PlanField::ConsultedLimit);
    field(&mut fields, &ours.risk_categories, &theirs.risk_categories, PlanField::RiskCategories);
    changes.extend(fields.into_iter().map(Change::Plan));
}

fn compare_holidays(ours: &Plan, theirs: &Plan, changes: &mut Vec<Change>) {
    let our_holidays: HashMap<_, _> = ours.calendar.holidays.iter().map(|holiday| (holiday.date, holiday)).collect();
    let their_holidays: HashMap<_, _> =
        theirs.calendar.holidays.iter().map(|holiday| (holiday.date, holiday)).collect();
    for holiday in &ours.calendar.holidays {
        match their_holidays.get(&holiday.date) {
            None => changes.push(Change::HolidayRemoved(holiday.clone())),
            Some(theirs) => {
                field(changes, &holiday.name, &theirs.name, |name| Change::HolidayRenamed { date: holiday.date, name })
            }
        }
    }
    for holiday in &theirs.calendar.holidays {
        if !our_holidays.contains_key(&holiday.date) {
            changes.push(Change::HolidayAdded(holiday.clone()));
        }
    }
}

fn compare_people(ours: &Plan, theirs: &Plan, changes: &mut Vec<Change>) {
    let their_people: HashMap<_, _> = theirs.people.iter().map(|person| (&person.id, person)).collect();
    let our_people: HashSet<_> = ours.people.iter().map(|person| &person.id).collect();
    for person in &ours.people {
        let Some(theirs) = their_people.get(&person.id) else {
            changes.push(Change::PersonRemoved(person.clone()));
            continue;
        };
        let mut fields = Vec::new();
        field(&mut fields, &person.name, &theirs.name, PersonField::Name);
        field(&mut fields, &person.role, &theirs.role, PersonField::Role);
        field(&mut fields, &person.team, &theirs.team, PersonField::Team);
        field(&mut fields, &person.email, &theirs.email, PersonField::Email);
        changes.extend(fields.into_iter().map(|field| Change::PersonChanged { id: person.id.clone(), field }));
    }
    for person in &theirs.people {
        if !our_people.contains(&person.id) {
            changes.push(Change::PersonAdded(person.clone()));
        }
    }
}

fn compare_tasks(ours: &Plan, theirs: &Plan, changes: &mut Vec<Change>) {
    let our_tasks: HashMap<&TaskId, &Task> = ours.tasks.iter().map(|task| (&task.id, task)).collect();
    let their_tasks: HashMap<&TaskId, &Task> = theirs.tasks.iter().map(|task| (&task.id, task)).collect();
    let reordered = reordered_tasks(ours, theirs, &their_tasks);
    // Outline order, so that a parent comes before its subtasks here as in the grid.
    for row in outline(ours) {
        let task = &ours.tasks[row.index];
        let Some(theirs) = their_tasks.get(&task.id) else {
            changes.push(Change::TaskRemoved(task.clone()));
            continue;
        };
        let mut fields = Vec::new();
        field(&mut fields, &task.name, &theirs.name, TaskField::Name);
        field(&mut fields, &task.parent, &theirs.parent, TaskField::Parent);
        if let Some(order) = reordered.get(&task.id) {
            fields.push(TaskField::Order(order.clone()));
        }
        field(&mut fields, &task.kind, &theirs.kind, TaskField::Kind);
        field(&mut fields, &task.duration, &theirs.duration, TaskField::Duration);
        field(&mut fields, &task.date_constraint(), &theirs.date_constraint(), TaskField::Constraint);
        field(&mut fields, &task.deadline, &theirs.deadline, TaskField::Deadline);
        field(&mut fields, &task.progress, &theirs.progress, TaskField::Progress);
        field(&mut fields, &task.notes, &theirs.notes, TaskField::Notes);
        changes.extend(fields.into_iter().map(|field| Change::TaskChanged { id: task.id.clone(), field }));
    }
    for row in outline(theirs) {
        let task = &theirs.tasks[row.index];
        if !our_tasks.contains_key(&task.id) {
            changes.push(Change::TaskAdded(task.clone()));
        }
    }
}

/// Tasks under the same parent in both plans whose order among the siblings they share
/// changed: the fewest tasks whose moves explain the new order (all but a longest run
/// kept in order), each with the sibling it comes after in each plan.
fn reordered_tasks(
    ours: &Plan,
    theirs: &Plan,
    their_tasks: &HashMap<&TaskId, &Task>,
) -> HashMap<TaskId, FieldChange<Option<TaskId>>> {
    let their_position: HashMap<&TaskId, usize> =
        theirs.tasks.iter().enumerate().map(|(index, task)| (&task.id, index)).collect();
    // Shared siblings in our list order, grouped by parent.
    let mut groups: HashMap<Option<&TaskId>, Vec<&TaskId>> = HashMap::new();
    for task in &ours.tasks {
        if their_tasks.get(&task.id).is_some_and(|theirs| theirs.parent == task.parent) {
            groups.entry(task.parent.as_ref()).or_default().push(&task.id);
        }
    }
    let mut moved = HashMap::new();
    let (our_before, their_before) = (siblings_before(ours), siblings_before(theirs));
    for siblings in groups.values() {
        let positions: Vec<usize> = siblings.iter().map(|id| their_position[id]).collect();
        let kept = longest_increasing_run(&positions);
        for (index, id) in siblings.iter().enumerate() {
            if !kept.contains(&index) {
                let change = FieldChange::new(our_before[id].cloned(), their_before[id].cloned());
                moved.insert((*id).clone(), change);
            }
        }
    }
    moved
}

/// For every task, the sibling listed just before it (same parent), if any.
fn siblings_before(plan: &Plan) -> HashMap<&TaskId, Option<&TaskId>> {
    let mut last_child: HashMap<Option<&TaskId>, &TaskId> = HashMap::new();
    plan.tasks.iter().map(|task| (&task.id, last_child.insert(task.parent.as_ref(), &task.id))).collect()
}

/// The indices of a longest strictly increasing subsequence of `values` (patience
/// sorting, O(n log n): a top level of thousands of tasks stays quick).
fn longest_increasing_run(values: &[usize]) -> HashSet<usize> {
    // tails[k]: index of the smallest last value of an increasing run of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; values.len()];
    for (index, &value) in values.iter().enumerate() {
        let length = tails.partition_point(|&tail| values[tail] < value);
        previous[index] = length.checked_sub(1).map(|before| tails[before]);
        if length == tails.len() {
            tails.push(index);
        } else {
            tails[length] = index;
        }
    }
    let mut kept = HashSet::new();
    let mut current = tails.last().copied();
    while let Some(index) = current {
        kept.insert(index);
        current = previous[index];
    }
    kept
}

fn compare_dependencies(ours: &Plan, theirs: &Plan, changes: &mut Vec<Change>) {
    let key = |dependency: &crate::model::Dependency| (dependency.predecessor.clone(), dependency.successor.clone());
    let their_links: HashMap<_, _> =
        theirs.dependencies.iter().map(|dependency| (key(dependency), dependency)).collect();
    let our_links: HashSet<_> = ours.dependencies.iter().map(key).collect();
    for dependency in &ours.dependencies {
        let Some(theirs) = their_links.get(&key(dependency)) else {
            changes.push(Change::DependencyRemoved(dependency.clone()));
            continue;
        };
        let mut fields = Vec::new();
        field(&mut fields, &dependency.kind, &theirs.kind, DependencyField::Kind);
        field(&mut fields, &dependency.lag, &theirs.lag, DependencyField::Lag);
        changes.extend(fields.into_iter().map(|field| Change::DependencyChanged {
            predecessor: dependency.predecessor.clone(),
            successor: dependency.successor.clone(),
            field,
        }));
    }
    for dependency in &theirs.dependencies {
        if !our_links.contains(&key(dependency)) {
            changes.push(Change::DependencyAdded(dependency.clone()));
        }
    }
}

fn compare_external_dependencies(ours: &Plan, theirs: &Plan, changes: &mut Vec<Change>) {
    let key = |link: &ExternalDependency| (link.plan.clone(), link.predecessor.clone(), link.successor.clone());
    let their_links: HashMap<_, _> = theirs.external_dependencies.iter().map(|link| (key(link), link)).collect();
    let our_links: HashSet<_> = ours.external_dependencies.iter().map(key).collect();
    for link in &ours.external_dependencies {
        let Some(theirs) = their_links.get(&key(link)) else {
            changes.push(Change::ExternalDependencyRemoved(link.clone()));
            continue;
        };
        let mut fields = Vec::new();
        field(&mut fields, &link.kind, &theirs.kind, ExternalDependencyField::Kind);
        field(&mut fields, &link.lag, &theirs.lag, ExternalDependencyField::Lag);
        field(&mut fields, &link.known, &theirs.known, ExternalDependencyField::Known);
        changes.extend(fields.into_iter().map(|field| Change::ExternalDependencyChanged {
            plan: link.plan.clone(),
            predecessor: link.predecessor.clone(),
            successor: link.successor.clone(),
            field,
        }));
    }
    for link in &theirs.external_dependencies {
        if !our_links.contains(&key(link)) {
            changes.push(Change::ExternalDependencyAdded(link.clone()));
        }
    }
}

fn compare_raci(ours: &Plan, theirs: &Plan, changes: &mut Vec<Change>) {
    let key = |cell: &crate::model::RaciCell| (cell.task.clone(), cell.person.clone());
    let their_cells: HashMap<_, _> = theirs.raci.iter().map(|cell| (key(cell), cell)).collect();
    let our_cells: HashSet<_> = ours.raci.iter().map(key).collect();
    for cell in &ours.raci {
        match their_cells.get(&key(cell)) {
            None => changes.push(Change::RaciRemoved(cell.clone())),
            Some(theirs) => field(changes, &cell.role, &theirs.role, |role| Change::RaciChanged {
                task: cell.task.clone(),
                person: cell.person.clone(),
                role,
            }),
        }
    }
    for cell in &theirs.raci {
        if !our_cells.contains(&key(cell)) {
            changes.push(Change::RaciAdded(cell.clone()));
        }
    }
}

fn compare_risks(ours: &Plan, theirs: &Plan, changes: &mut Vec<Change>) {
    let their_risks: HashMap<_, _> = theirs.risks.iter().map(|risk| (&risk.id, risk)).collect();
    let our_risks: HashSet<_> = ours.risks.iter().map(|risk| &risk.id).collect();
    for risk in &ours.risks {
        let Some(theirs) = their_risks.get(&risk.id) else {
            changes.push(Change::RiskRemoved(risk.clone()));
            continue;
        };
        let mut fields = Vec::new();
        field(&mut fields, &risk.title, &theirs.title, RiskField::Title);
        field(&mut fields, &risk.description, &theirs.description, RiskField::Description);
        field(&mut fields, &risk.category, &theirs.category, RiskField::Category);
        field(&mut fields, &risk.probability, &theirs.probability, RiskField::Probability);
        field(&mut fields, &risk.impact, &theirs.impact, RiskField::Impact);
        field(&mut fields, &risk.owner, &theirs.owner, RiskField::Owner);
        field(&mut fields, &risk.response, &theirs.response, RiskField::Response);
        field(&mut fields, &risk.mitigation, &theirs.mitigation, RiskField::Mitigation);
        field(&mut fields, &risk.contingency, &theirs.contingency, RiskField::Contingency);
        field(&mut fields, &risk.trigger, &theirs.trigger, RiskField::Trigger);
        field(&mut fields, &risk.status, &theirs.status, RiskField::Status);
        field(&mut fields, &risk.review_date, &theirs.review_date, RiskField::ReviewDate);
        field(&mut fields, &risk.linked_tasks, &theirs.linked_tasks, RiskField::LinkedTasks);
        field(&mut fields, &risk.created, &theirs.created, RiskField::Created);
        field(&mut fields, &risk.updated, &theirs.updated, RiskField::Updated);
        field(&mut fields, &risk.history, &theirs.history, RiskField::History);
        changes.extend(fields.into_iter().map(|field| Change::RiskChanged { id: risk.id.clone(), field }));
    }
    for risk in &theirs.risks {
        if !our_risks.contains(&risk.id) {
            changes.push(Change::RiskAdded(risk.clone()));
        }
    }
}

fn compare_baselines(ours: &Plan, theirs: &Plan, changes: &mut Vec<Change>) {
    let their_baselines: HashMap<_, _> = theirs.baselines.iter().map(|baseline| (&baseline.id, baseline)).collect();
    let our_baselines: HashSet<_> = ours.baselines.iter().map(|baseline| &baseline.id).collect();
    for baseline in &ours.baselines {
        let Some(theirs) = their_baselines.get(&baseline.id) else {
            changes.push(Change::BaselineRemoved(baseline.clone()));
            continue;
        };
        let mut fields = Vec::new();
        field(&mut fields, &baseline.name, &theirs.name, BaselineField::Name);
        field(&mut fields, &baseline.taken, &theirs.taken, BaselineField::Taken);
        field(&mut fields, &baseline.tasks, &theirs.tasks, BaselineField::Tasks);
        changes.extend(fields.into_iter().map(|field| Change::BaselineChanged { id: baseline.id.clone(), field }));
    }
    for baseline in &theirs.baselines {
        if !our_baselines.contains(&baseline.id) {
            changes.push(Change::BaselineAdded(baseline.clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::longest_increasing_run;

    #[test]
    fn longest_increasing_run_keeps_the_most_in_order() {
        let kept = longest_increasing_run(&[2, 0, 1]);
        assert_eq!(kept.len(), 2);
        assert!(kept.contains(&1) && kept.contains(&2), "0 and 1 stay, 2 moved: {kept:?}");
        assert_eq!(longest_increasing_run(&[0, 1, 2, 3]).len(), 4);
        assert_eq!(longest_increasing_run(&[]).len(), 0);
        assert_eq!(longest_increasing_run(&[3, 2, 1, 0]).len(), 1);
    }
}
