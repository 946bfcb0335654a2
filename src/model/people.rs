//! Removing a person from a plan: what goes with them, and handing their work to
//! someone else in the same step.
//!
//! A person is referred to by their RACI cells and by the risks they own; nothing else
//! in a plan names a person. Removing them without a word would unassign all of that,
//! so the UI first shows [`PersonRemoval`] (everything that refers to them) and then
//! sends the one command [`removal_command`] builds: one undo step, whether or not the
//! work is handed over.

use chrono::NaiveDate;

use super::raci::merged_role;
use super::{Command, Item, ModelError, PersonId, Plan, RaciRole, RiskId, TaskId};

/// One RACI role the person holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeldRole {
    pub task: TaskId,
    pub task_name: String,
    pub role: RaciRole,
}

/// One risk the person owns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnedRisk {
    pub risk: RiskId,
    pub title: String,
    /// Open or monitoring: an unowned open risk is one nobody watches.
    pub open: bool,
}

/// Everything in a plan that refers to one person, as removing them would change it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonRemoval {
    pub person: PersonId,
    pub name: String,
    /// Their RACI cells, in the plan's task order.
    pub roles: Vec<HeldRole>,
    /// The risks they own, in the register's stored order; without a hand-over these
    /// become unowned.
    pub risks: Vec<OwnedRisk>,
}

impl PersonRemoval {
    /// What refers to `person` in `plan`; `None` if there is no such person.
    pub fn of(plan: &Plan, person: &PersonId) -> Option<Self> {
        let name = plan.person(person.as_str())?.name.clone();
        let mut roles: Vec<(usize, HeldRole)> = plan
            .raci
            .iter()
            .filter(|cell| &cell.person == person)
            .filter_map(|cell| {
                let index = plan.task_index(cell.task.as_str())?;
                let task_name = plan.tasks[index].name.clone();
                Some((index, HeldRole { task: cell.task.clone(), task_name, role: cell.role }))
            })
            .collect();
        roles.sort_by_key(|(index, _)| *index);
        let risks = plan
            .risks
            .iter()
            .filter(|risk| risk.owner.as_ref() == Some(person))
            .map(|risk| OwnedRisk { risk: risk.id.clone(), title: risk.title.clone(), open: risk.status.is_open() })
            .collect();
        Some(Self { person: person.clone(), name, roles: roles.into_iter().map(|(_, role)| role).collect(), risks })
    }

    /// Whether nothing refers to the person: removing them changes nothing else.
    pub fn is_empty(&self) -> bool {
        self.roles.is_empty() && self.risks.is_empty()
    }

    /// "3 RACI roles and 1 risk", "no RACI role and no risk".
    pub fn summary(&self) -> String {
        format!("{} and {}", counted(self.roles.len(), "RACI role"), counted(self.risks.len(), "risk"))
    }
}

/// The role `successor` ends up with on `task` when `role` is handed to them: the role
/// merged with the one they already have there (see [`merged_role`]).
pub fn handed_role(plan: &Plan, task: &TaskId, successor: &PersonId, role: RaciRole) -> RaciRole {
    let existing = plan.raci.iter().find(|cell| &cell.task == task && &cell.person == successor).map(|cell| cell.role);
    existing.map_or(role, |existing| merged_role(existing, role))
}

/// The one command that removes `person`: with a `successor`, their RACI roles are
/// first handed over (merged with the successor's own, see [`handed_role`]) and their
/// risks change owner (an edit of each risk on `today`); without one, the cells go and
/// the risks become unowned. One batch, so one undo step brings everything back.
/// Refused if either person does not exist or the successor is the person removed.
pub fn removal_command(
    plan: &Plan,
    person: &PersonId,
    successor: Option<&PersonId>,
    today: NaiveDate,
) -> Result<Command, ModelError> {
    if plan.person(person.as_str()).is_none() {
        return Err(ModelError::NotFound(Item::Person(person.clone())));
    }
    let Some(successor) = successor else { return Ok(Command::RemovePerson(person.clone())) };
    if successor == person {
        return Err(ModelError::Invalid {
            field: "successor".into(),
            message: "must be someone else than the person removed".into(),
        });
    }
    if plan.person(successor.as_str()).is_none() {
        return Err(ModelError::NotFound(Item::Person(successor.clone())));
    }
    let mut commands: Vec<Command> = plan
        .raci
        .iter()
        .filter(|cell| &cell.person == person)
        .map(|cell| Command::SetRaci {
            task: cell.task.clone(),
            person: successor.clone(),
            role: Some(handed_role(plan, &cell.task, successor, cell.role)),
        })
        .collect();
    commands.extend(plan.risks.iter().filter(|risk| risk.owner.as_ref() == Some(person)).map(|risk| {
        let mut risk = risk.clone();
        risk.owner = Some(successor.clone());
        Command::EditRisk { risk, today }
    }));
    commands.push(Command::RemovePerson(person.clone()));
    Ok(Command::Batch(commands))
}

fn counted(count: usize, what: &str) -> String {
    match count {
        0 => format!("no {what}"),
        1 => format!("1 {what}"),
        many => format!("{many} {what}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{apply, Person, RaciCell, Risk, RiskStatus, Task};

    fn date(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 3, day).unwrap()
    }

    fn person(id: &str, name: &str) -> Person {
        Person {
            id: PersonId(id.into()),
            name: name.into(),
            role: String::new(),
            team: String::new(),
            email: String::new(),
        }
    }

    fn cell(task: &str, person: &str, role: RaciRole) -> RaciCell {
        RaciCell { task: TaskId(task.into()), person: PersonId(person.into()), role }
    }

    /// Three tasks, Maya (P1) and Jonas (P2): Maya is R on T1 and A on T3 (listed
    /// first), Jonas is A on T1; Maya owns R1 (open) and R3 (closed), Jonas owns R2.
    fn plan() -> Plan {
        let mut plan = Plan::new("Plan", date(1));
        plan.people = vec![person("P1", "Maya Okafor"), person("P2", "Jonas Weber")];
        plan.tasks = ["Design", "Build", "Launch"]
            .iter()
            .enumerate()
            .map(|(index, name)| Task::new(TaskId(format!("T{}", index + 1)), *name))
            .collect();
        plan.raci = vec![cell("T3", "P1", RaciRole::A), cell("T1", "P1", RaciRole::R), cell("T1", "P2", RaciRole::A)];
        let owned = |id: &str, owner: &str, status: RiskStatus| Risk {
            owner: Some(PersonId(owner.into())),
            status,
            ..Risk::new(RiskId(id.into()), format!("Risk {id}"))
        };
        plan.risks = vec![
            owned("R1", "P1", RiskStatus::Open),
            owned("R2", "P2", RiskStatus::Open),
            owned("R3", "P1", RiskStatus::Closed),
        ];
        plan
    }

    fn maya() -> PersonId {
        PersonId("P1".into())
    }

    fn jonas() -> PersonId {
        PersonId("P2".into())
    }

    #[test]
    fn a_removal_lists_every_role_by_task_order_and_every_risk_the_person_owns() {
        let removal = PersonRemoval::of(&plan(), &maya()).unwrap();
        assert_eq!(removal.name, "Maya Okafor");
        let roles: Vec<(&str, &str, RaciRole)> =
            removal.roles.iter().map(|held| (held.task.as_str(), held.task_name.as_str(), held.role)).collect();
        assert_eq!(roles, [("T1", "Design", RaciRole::R), ("T3", "Launch", RaciRole::A)]);
        let risks: Vec<(&str, bool)> = removal.risks.iter().map(|owned| (owned.risk.as_str(), owned.open)).collect();
        assert_eq!(risks, [("R1", true), ("R3", false)]);
        assert_eq!(removal.summary(), "2 RACI roles and 2 risks");
        assert!(!removal.is_empty());
        assert!(PersonRemoval::of(&plan(), &PersonId("P9".into())).is_none());
    }

    #[test]
    fn a_person_nothing_refers_to_is_an_empty_removal() {
        let mut plan = plan();
        plan.people.push(person("P3", "Ana Silva"));
        let removal = PersonRemoval::of(&plan, &PersonId("P3".into())).unwrap();
        assert!(removal.is_empty());
        assert_eq!(removal.summary(), "no RACI role and no risk");
    }

    #[test]
    fn without_a_successor_the_roles_go_and_the_risks_become_unowned_in_one_undo_step() {
        let mut plan = plan();
        let original = plan.clone();
        let command = removal_command(&plan, &maya(), None, date(9)).unwrap();
        let undo = apply(&mut plan, command).unwrap();
        assert!(plan.person("P1").is_none());
        assert!(plan.raci.iter().all(|cell| cell.person != maya()));
        assert_eq!(plan.risk("R1").unwrap().owner, None);
        assert_eq!(plan.risk("R2").unwrap().owner, Some(jonas()), "others' risks are untouched");
        apply(&mut plan, undo).unwrap();
        assert_eq!(plan, original, "one undo brings the person, their cells and their risks back");
    }

    #[test]
    fn a_successor_takes_the_roles_merged_with_their_own_and_owns_the_risks() {
        let mut plan = plan();
        let original = plan.clone();
        let command = removal_command(&plan, &maya(), Some(&jonas()), date(9)).unwrap();
        let undo = apply(&mut plan, command).unwrap();
        assert!(plan.person("P1").is_none());
        let role_of = |plan: &Plan, task: &str| {
            plan.raci.iter().find(|cell| cell.task.as_str() == task && cell.person == jonas()).map(|cell| cell.role)
        };
        assert_eq!(role_of(&plan, "T1"), Some(RaciRole::AR), "Jonas's A and Maya's R make A/R");
        assert_eq!(role_of(&plan, "T3"), Some(RaciRole::A), "a task Jonas had no role on takes Maya's");
        for risk in ["R1", "R3"] {
            assert_eq!(plan.risk(risk).unwrap().owner, Some(jonas()), "{risk} changes owner");
            assert_eq!(plan.risk(risk).unwrap().updated, Some(date(9)), "an owner change is an edit of the risk");
        }
        apply(&mut plan, undo).unwrap();
        assert_eq!(plan, original, "one undo takes back the hand-over and the removal");
    }

    #[test]
    fn a_hand_over_to_the_person_removed_or_to_nobody_known_is_refused() {
        let plan = plan();
        assert!(matches!(removal_command(&plan, &maya(), Some(&maya()), date(9)), Err(ModelError::Invalid { .. })));
        let stranger = PersonId("P9".into());
        assert!(matches!(removal_command(&plan, &maya(), Some(&stranger), date(9)), Err(ModelError::NotFound(_))));
        assert!(matches!(removal_command(&plan, &stranger, None, date(9)), Err(ModelError::NotFound(_))));
    }

    #[test]
    fn the_handed_role_shows_what_the_successor_ends_up_with() {
        let plan = plan();
        assert_eq!(handed_role(&plan, &TaskId("T1".into()), &jonas(), RaciRole::R), RaciRole::AR);
        assert_eq!(handed_role(&plan, &TaskId("T2".into()), &jonas(), RaciRole::C), RaciRole::C);
    }
}
