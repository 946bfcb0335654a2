//! The RACI matrix as the UI shows it: the role letters a cell or a summary row holds,
//! the matrix's rows and team columns, and the keys and menu that set a role. Pure rules
//! on the plan alone; the checks that need the schedule (overload, missing roles) are in
//! `crate::analysis::raci`.

use std::collections::HashMap;

use super::outline::outline;
use super::{Person, Plan, RaciRole};

/// A set of RACI letters: one cell's role, or the union a summary row shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct RoleSet(u8);

impl RoleSet {
    pub const EMPTY: RoleSet = RoleSet(0);
    const ACCOUNTABLE: u8 = 1;
    const RESPONSIBLE: u8 = 2;
    const CONSULTED: u8 = 4;
    const INFORMED: u8 = 8;
    /// Labels of all sixteen sets, by bits; letters in the order A, R, C, I, so that
    /// A and R together read "A/R", as the A/R role does.
    const LABELS: [&'static str; 16] = [
        "", "A", "R", "A/R", "C", "A/C", "R/C", "A/R/C", "I", "A/I", "R/I", "A/R/I", "C/I", "A/C/I", "R/C/I", "A/R/C/I",
    ];

    pub fn of(role: RaciRole) -> Self {
        Self(match role {
            RaciRole::A => Self::ACCOUNTABLE,
            RaciRole::R => Self::RESPONSIBLE,
            RaciRole::AR => Self::ACCOUNTABLE | Self::RESPONSIBLE,
            RaciRole::C => Self::CONSULTED,
            RaciRole::I => Self::INFORMED,
        })
    }

    pub fn union(self, other: RoleSet) -> Self {
        Self(self.0 | other.0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn has_accountable(self) -> bool {
        self.0 & Self::ACCOUNTABLE != 0
    }

    pub fn has_responsible(self) -> bool {
        self.0 & Self::RESPONSIBLE != 0
    }

    pub fn has_consulted(self) -> bool {
        self.0 & Self::CONSULTED != 0
    }

    pub fn has_informed(self) -> bool {
        self.0 & Self::INFORMED != 0
    }

    /// "R", "A/R", "A/R/C", ... or "" for no role; a single role reads as its label.
    pub fn label(self) -> &'static str {
        Self::LABELS[usize::from(self.0 & 15)]
    }
}

/// The matrix as the RACI view shows it: a task's own role for each person, and for a
/// summary the union of its subtasks' roles (all levels down; its own stored roles
/// are left out, see the module notes). Dense: tasks × people sets of one byte.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RaciMatrix {
    people: usize,
    roles: Vec<RoleSet>,
    summary: Vec<bool>,
}

impl RaciMatrix {
    pub fn build(plan: &Plan) -> Self {
        let people = plan.people.len();
        let task_index: HashMap<&str, usize> =
            plan.tasks.iter().enumerate().map(|(index, task)| (task.id.as_str(), index)).collect();
        let person_index: HashMap<&str, usize> =
            plan.people.iter().enumerate().map(|(index, person)| (person.id.as_str(), index)).collect();
        let rows = outline(plan);
        let mut summary = vec![false; plan.tasks.len()];
        for row in &rows {
            summary[row.index] = row.has_children;
        }
        let mut roles = vec![RoleSet::EMPTY; plan.tasks.len() * people];
        for cell in &plan.raci {
            if let (Some(&task), Some(&person)) =
                (task_index.get(cell.task.as_str()), person_index.get(cell.person.as_str()))
            {
                if !summary[task] {
                    let slot = &mut roles[task * people + person];
                    *slot = slot.union(RoleSet::of(cell.role));
                }
            }
        }
        // Children come after their parent in the outline, so going backwards each row
        // is complete before it is added to its parent's.
        for row in rows.iter().rev() {
            let Some(parent) = plan.tasks[row.index].parent.as_ref().and_then(|id| task_index.get(id.as_str())) else {
                continue;
            };
            let (parent, child) = (*parent, row.index);
            if parent == child {
                continue;
            }
            for person in 0..people {
                let union = roles[parent * people + person].union(roles[child * people + person]);
                roles[parent * people + person] = union;
            }
        }
        Self { people, roles, summary }
    }

    /// The roles shown for a task and a person (by their indices in the plan).
    pub fn roles(&self, task: usize, person: usize) -> RoleSet {
        assert!(person < self.people, "person index {person} out of range");
        self.roles[task * self.people + person]
    }

    /// Whether the task's row is a summary: shown greyed, not editable.
    pub fn is_summary(&self, task: usize) -> bool {
        self.summary[task]
    }
}

/// The people of one team, as one group of matrix columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TeamColumns {
    /// The team's name; empty for people without a team.
    pub team: String,
    /// Indices into `plan.people`, in list order.
    pub people: Vec<usize>,
}

/// The matrix's columns grouped by team: teams in the order their first member
/// appears in `plan.people`, people without a team last.
pub fn team_columns(plan: &Plan) -> Vec<TeamColumns> {
    let mut groups: Vec<TeamColumns> = Vec::new();
    let mut without_team = Vec::new();
    for (index, person) in plan.people.iter().enumerate() {
        let team = person.team.trim();
        if team.is_empty() {
            without_team.push(index);
        } else if let Some(group) = groups.iter_mut().find(|group| group.team == team) {
            group.people.push(index);
        } else {
            groups.push(TeamColumns { team: team.to_string(), people: vec![index] });
        }
    }
    if !without_team.is_empty() {
        groups.push(TeamColumns { team: String::new(), people: without_team });
    }
    groups
}

/// A person's column heading: "Name (role)", or the name alone without a role.
pub fn person_heading(person: &Person) -> String {
    let role = person.role.trim();
    if role.is_empty() {
        person.name.clone()
    } else {
        format!("{} ({role})", person.name)
    }
}

/// The one role a person holds when they are given a second one on the same task (a
/// hand-over onto someone who already has a role there): Accountable and Responsible
/// are kept together as A/R, either of them outranks Consulted, and Consulted outranks
/// Informed. Nothing the two roles carried is lost from the checks: whoever was
/// Accountable or Responsible still is.
pub fn merged_role(first: RaciRole, second: RaciRole) -> RaciRole {
    let accountable = first.is_accountable() || second.is_accountable();
    let responsible = first.is_responsible() || second.is_responsible();
    match (accountable, responsible) {
        (true, true) => RaciRole::AR,
        (true, false) => RaciRole::A,
        (false, true) => RaciRole::R,
        (false, false) if first == RaciRole::C || second == RaciRole::C => RaciRole::C,
        (false, false) => RaciRole::I,
    }
}

/// What a key pressed on the matrix's selected cells does to their role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellKeyAction {
    /// Sets every selected cell to this role, or clears them (`None`).
    Set(Option<RaciRole>),
    /// Steps the focused cell to the next role (see [`next_role`]) and fills the
    /// selection with it.
    Step,
}

/// The choices of the matrix's role menu, in its order: the role (`None` clears the
/// cell), the key that sets it, and what it means.
pub const ROLE_CHOICES: [(Option<RaciRole>, &str, &str); 6] = [
    (Some(RaciRole::R), "R", "Responsible: does the work"),
    (Some(RaciRole::A), "A", "Accountable: signs it off"),
    (Some(RaciRole::AR), "B", "Accountable and Responsible"),
    (Some(RaciRole::C), "C", "Consulted: asked before"),
    (Some(RaciRole::I), "I", "Informed: told after"),
    (None, "Delete", "No role"),
];

/// The role keys of the matrix (as `KeyboardEvent.key` names them, either case): R, A,
/// C and I set that role, B sets A/R, Delete and Backspace clear, Space and Enter step
/// to the next role. Any other key is not a role key.
pub fn cell_key_action(key: &str) -> Option<CellKeyAction> {
    let role = match key.to_ascii_lowercase().as_str() {
        "r" => Some(RaciRole::R),
        "a" => Some(RaciRole::A),
        "b" => Some(RaciRole::AR),
        "c" => Some(RaciRole::C),
        "i" => Some(RaciRole::I),
        "delete" | "backspace" => None,
        " " | "enter" => return Some(CellKeyAction::Step),
        _ => return None,
    };
    Some(CellKeyAction::Set(role))
}

/// The role after `role` in the order Space steps through: empty, R, A, A/R, C, I, and
/// back to empty.
pub fn next_role(role: Option<RaciRole>) -> Option<RaciRole> {
    const ORDER: [Option<RaciRole>; 6] =
        [None, Some(RaciRole::R), Some(RaciRole::A), Some(RaciRole::AR), Some(RaciRole::C), Some(RaciRole::I)];
    let at = ORDER.iter().position(|candidate| *candidate == role).unwrap_or(0);
    ORDER[(at + 1) % ORDER.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_roles_keep_accountable_and_responsible_and_rank_consulted_over_informed() {
        use RaciRole::*;
        assert_eq!(merged_role(A, R), AR);
        assert_eq!(merged_role(R, A), AR);
        assert_eq!(merged_role(AR, I), AR);
        assert_eq!(merged_role(A, C), A);
        assert_eq!(merged_role(I, R), R);
        assert_eq!(merged_role(C, I), C);
        assert_eq!(merged_role(I, I), I);
        for role in RaciRole::ALL {
            assert_eq!(merged_role(role, role), role, "{role:?} with itself");
        }
    }

    #[test]
    fn role_keys_set_clear_or_step_and_other_keys_do_nothing() {
        assert_eq!(cell_key_action("r"), Some(CellKeyAction::Set(Some(RaciRole::R))));
        assert_eq!(cell_key_action("A"), Some(CellKeyAction::Set(Some(RaciRole::A))));
        assert_eq!(cell_key_action("b"), Some(CellKeyAction::Set(Some(RaciRole::AR))));
        assert_eq!(cell_key_action("Delete"), Some(CellKeyAction::Set(None)));
        assert_eq!(cell_key_action("Backspace"), Some(CellKeyAction::Set(None)));
        assert_eq!(cell_key_action(" "), Some(CellKeyAction::Step));
        assert_eq!(cell_key_action("Enter"), Some(CellKeyAction::Step));
        assert_eq!(cell_key_action("x"), None);
        assert_eq!(cell_key_action("ArrowDown"), None);
    }

    #[test]
    fn every_menu_choice_has_the_key_that_sets_the_same_role() {
        for (role, key, _) in ROLE_CHOICES {
            assert_eq!(cell_key_action(key), Some(CellKeyAction::Set(role)), "{key}");
        }
    }

    #[test]
    fn stepping_goes_through_every_role_and_back_to_empty() {
        let mut role = None;
        let mut seen = Vec::new();
        for _ in 0..6 {
            role = next_role(role);
            seen.push(role);
        }
        assert_eq!(
            seen,
            [Some(RaciRole::R), Some(RaciRole::A), Some(RaciRole::AR), Some(RaciRole::C), Some(RaciRole::I), None]
        );
    }
}
