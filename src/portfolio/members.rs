//! The plans of a portfolio, where each came from, and what did not fit: plans the
//! portfolio file names that are not here, files holding another plan than expected,
//! and plans sharing an id, which are told apart rather than merged.

use crate::model::text::shortened;
use crate::model::{Plan, PlanId};

use super::file::{PersonLink, PersonRef, PlanRef, PortfolioFile};

/// Where a plan of the portfolio came from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PlanSource {
    /// Kept in this browser's storage.
    Stored,
    /// Read from a plan file of this name (not stored unless the user asks).
    File(String),
}

impl std::fmt::Display for PlanSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Stored => f.write_str("kept in this browser"),
            Self::File(name) => write!(f, "{}", shortened(name)),
        }
    }
}

/// A plan's place in the portfolio: what tells apart two plans with one id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MemberId(pub usize);

/// One plan of the portfolio.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// A copy of the plan, with an id.
    pub plan: Plan,
    pub source: PlanSource,
    /// The plan had no id before it joined (a new plan never saved, or a file written
    /// before plans had ids): save it, or export its file again, so that the id it was
    /// given, which links and the portfolio file name it by, is kept.
    pub id_is_new: bool,
}

impl Member {
    /// Its id (every member has one: `Portfolio::add` gives one to a plan without).
    pub fn id(&self) -> &PlanId {
        self.plan.id.as_ref().expect("a member always has an id")
    }
}

/// What the portfolio cannot show as asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PortfolioProblemKind {
    /// A plan the portfolio file lists is not kept in this browser and its file was not
    /// opened. The rest of the portfolio is shown without it.
    PlanNotFound { reference: PlanRef },
    /// The file the portfolio names holds another plan (another id): it is shown as it
    /// is (and the plan meant, if not kept in this browser either, is not found).
    FileHoldsAnotherPlan { member: MemberId, expected: PlanId },
    /// Several plans have one id (copies of one plan, or a rare clash): each is shown
    /// apart, and links to that id cannot tell which is meant.
    SharedId { id: PlanId, members: Vec<MemberId> },
    /// A plan's own links form a cycle (a file no check let through): it cannot be
    /// scheduled, and is shown without dates.
    CannotSchedule { member: MemberId },
    /// Links across plans form a cycle (plans changed apart can close one).
    CrossPlanCycle(super::links::CrossPlanCycle),
}

/// One problem, with a sentence naming plans and files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortfolioProblem {
    pub kind: PortfolioProblemKind,
    pub message: String,
}

/// Several plans seen together, each a copy with its source. (Derived data, such as
/// schedules and the overview, is computed from it: `run::OverviewRun`.)
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Portfolio {
    pub members: Vec<Member>,
    /// People the user confirmed are one person across plans (`people::propose_person_links`
    /// proposes them).
    pub people: Vec<PersonLink>,
    /// More Responsible tasks at once than this flags a person in the workload.
    pub overload_threshold: u32,
    /// The plans the portfolio file listed that were not here when it was opened.
    not_found: Vec<PlanRef>,
    /// Files that held another plan than the portfolio file said: the member and the id
    /// expected.
    other_plans: Vec<(MemberId, PlanId)>,
}

impl Portfolio {
    /// An empty portfolio with the default overload threshold.
    pub fn new() -> Self {
        Self { overload_threshold: PortfolioFile::default().overload_threshold, ..Self::default() }
    }

    /// Adds a plan (a copy), giving it an id if it has none (see `Member::id_is_new`).
    pub fn add(&mut self, mut plan: Plan, source: PlanSource) -> MemberId {
        let id_is_new = plan.id.is_none();
        plan.ensure_id();
        self.members.push(Member { plan, source, id_is_new });
        MemberId(self.members.len() - 1)
    }

    /// Adds a plan, giving it `id` if it has none: a plan file written before it joined
    /// the portfolio has the id the portfolio file names it by.
    fn add_with_id(&mut self, mut plan: Plan, source: PlanSource, id: &PlanId) -> MemberId {
        let id_is_new = plan.id.is_none();
        plan.id.get_or_insert_with(|| id.clone());
        let member = self.add(plan, source);
        self.members[member.0].id_is_new = id_is_new;
        member
    }

    /// Takes a plan out; the members after it move up one place.
    pub fn remove(&mut self, member: MemberId) -> Option<Member> {
        (member.0 < self.members.len()).then(|| self.members.remove(member.0))
    }

    pub fn member(&self, member: MemberId) -> &Member {
        &self.members[member.0]
    }

    pub fn member_ids(&self) -> impl Iterator<Item = MemberId> {
        (0..self.members.len()).map(MemberId)
    }

    /// The members with this id: none, one, or several sharing it.
    pub fn members_with_id(&self, id: &PlanId) -> Vec<MemberId> {
        self.member_ids().filter(|&member| self.member(member).id() == id).collect()
    }

    /// The one member with this id, if exactly one has it.
    pub fn only_member_with_id(&self, id: &PlanId) -> Option<MemberId> {
        match self.members_with_id(id).as_slice() {
            [member] => Some(*member),
            _ => None,
        }
    }

    /// A plan as the portfolio names it: `"Platform"`, with where it came from when
    /// another member has the same name or id (`"Platform" (platform.plan.json)`).
    pub fn label(&self, member: MemberId) -> String {
        let this = self.member(member);
        let alike = self.members.iter().enumerate().any(|(other, plan)| {
            other != member.0 && (plan.plan.name == this.plan.name || plan.plan.id == this.plan.id)
        });
        let name = format!("\"{}\"", shortened(&this.plan.name));
        if alike {
            format!("{name} ({})", this.source)
        } else {
            name
        }
    }

    /// Opens a portfolio file with the plans at hand: `stored`, the plans kept in this
    /// browser (the caller may pass them all; only those the file lists join), and
    /// `files`, plan files the user opened with their names (all of them join). A plan
    /// the file lists with a file name is taken from that file if it was opened, else
    /// from the browser; one without a file name from the browser. A file plan with no
    /// id of its own (written before it joined) takes the id the portfolio file gives it.
    pub fn open(file: &PortfolioFile, mut stored: Vec<Plan>, files: Vec<(String, Plan)>) -> Self {
        let mut portfolio =
            Self { people: file.people.clone(), overload_threshold: file.overload_threshold, ..Self::default() };
        let mut files: Vec<Option<(String, Plan)>> = files.into_iter().map(Some).collect();
        for reference in &file.plans {
            let opened = reference.file.as_ref().and_then(|name| {
                files.iter_mut().find(|file| file.as_ref().is_some_and(|(opened, _)| opened == name))?.take()
            });
            if let Some((name, plan)) = opened {
                let member = portfolio.add_with_id(plan, PlanSource::File(name), &reference.id);
                if portfolio.member(member).id() == &reference.id {
                    continue;
                }
                portfolio.other_plans.push((member, reference.id.clone()));
            }
            match stored.iter().position(|plan| plan.id.as_ref() == Some(&reference.id)) {
                Some(index) => {
                    portfolio.add(stored.swap_remove(index), PlanSource::Stored);
                }
                None => portfolio.not_found.push(reference.clone()),
            }
        }
        for (name, plan) in files.into_iter().flatten() {
            portfolio.add(plan, PlanSource::File(name));
        }
        portfolio
    }

    /// The portfolio file of this portfolio: each member by id (and file name), the
    /// people links and the threshold. Plans listed but not found are kept in it, so
    /// saving a portfolio opened without one of its plans does not drop that plan.
    pub fn to_file(&self) -> PortfolioFile {
        let mut plans: Vec<PlanRef> = self
            .members
            .iter()
            .map(|member| PlanRef {
                id: member.id().clone(),
                file: match &member.source {
                    PlanSource::File(name) => Some(name.clone()),
                    PlanSource::Stored => None,
                },
            })
            .collect();
        for reference in &self.not_found {
            if !plans.contains(reference) {
                plans.push(reference.clone());
            }
        }
        let mut seen = std::collections::HashSet::new();
        plans.retain(|plan| seen.insert(plan.clone()));
        PortfolioFile { plans, people: self.people.clone(), overload_threshold: self.overload_threshold }
    }

    /// Everything the portfolio cannot show as asked, each with a sentence.
    pub fn problems(&self) -> Vec<PortfolioProblem> {
        let mut problems: Vec<PortfolioProblem> = self.not_found.iter().map(not_found).collect();
        for (member, expected) in &self.other_plans {
            problems.push(self.holds_another_plan(*member, expected));
        }
        let mut reported: Vec<&PlanId> = Vec::new();
        for member in &self.members {
            let id = member.id();
            if reported.contains(&id) {
                continue;
            }
            let members = self.members_with_id(id);
            if members.len() > 1 {
                reported.push(id);
                problems.push(self.shared_id(id, members));
            }
        }
        problems
    }

    fn holds_another_plan(&self, member: MemberId, expected: &PlanId) -> PortfolioProblem {
        let this = self.member(member);
        let message = format!(
            "{} holds plan {} ({}), not {} as the portfolio says: it is shown as it is",
            this.source,
            shortened(this.id().as_str()),
            self.label(member),
            shortened(expected.as_str()),
        );
        PortfolioProblem {
            kind: PortfolioProblemKind::FileHoldsAnotherPlan { member, expected: expected.clone() },
            message,
        }
    }

    fn shared_id(&self, id: &PlanId, members: Vec<MemberId>) -> PortfolioProblem {
        let named: Vec<String> = members.iter().map(|&member| self.label(member)).collect();
        let message = format!(
            "{} plans have the id {}: {}. They are shown apart; links to {} cannot tell which is meant, so their \
             dates are not refreshed from either",
            members.len(),
            shortened(id.as_str()),
            named.join(" and "),
            shortened(id.as_str()),
        );
        PortfolioProblem { kind: PortfolioProblemKind::SharedId { id: id.clone(), members }, message }
    }

    /// The members a person link names, with the person's index in each plan: every
    /// member with the plan's id (two copies of a plan both hold the person), skipping
    /// plans and people not here.
    pub fn linked_people(&self, link: &PersonLink) -> Vec<(MemberId, usize)> {
        link.plans
            .iter()
            .flat_map(|PersonRef { plan, person }| {
                self.members_with_id(plan).into_iter().filter_map(move |member| {
                    let people = &self.member(member).plan.people;
                    Some((member, people.iter().position(|known| &known.id == person)?))
                })
            })
            .collect()
    }
}

fn not_found(reference: &PlanRef) -> PortfolioProblem {
    let message = match &reference.file {
        Some(file) => format!(
            "Plan {} is not here: it is not kept in this browser and its file {} was not opened. The rest of the \
             portfolio is shown without it",
            shortened(reference.id.as_str()),
            shortened(file)
        ),
        None => format!(
            "Plan {} is not kept in this browser. The rest of the portfolio is shown without it",
            shortened(reference.id.as_str())
        ),
    };
    PortfolioProblem { kind: PortfolioProblemKind::PlanNotFound { reference: reference.clone() }, message }
}
