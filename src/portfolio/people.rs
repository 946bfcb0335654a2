//! One person across several plans. Each plan has its own people, with its own ids; the
//! portfolio joins them only by a link the user confirms (`Portfolio::link_people`),
//! kept in the portfolio file. Links are proposed for people with the same e-mail
//! address, or the same name, in several plans (`propose_person_links`); nothing is
//! joined on a guess.

use crate::model::text::shortened;
use crate::model::{Item, ModelError, PersonId};

use super::file::{PersonLink, PersonRef};
use super::members::{MemberId, Portfolio};

/// A person as the portfolio sees them: the people of several plans a link joins, or
/// one person of one plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortfolioPerson {
    pub name: String,
    /// Who they are in each plan: the member and the person's index in its plan.
    pub members: Vec<(MemberId, usize)>,
    /// The link that joins them (index into `Portfolio::people`), if any.
    pub link: Option<usize>,
}

/// People who may be one person, for the user to confirm.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonLinkProposal {
    pub name: String,
    pub people: Vec<PersonRef>,
    /// They share an e-mail address (else only a name).
    pub same_email: bool,
}

impl Portfolio {
    /// Everyone, once: each link's people as one person (in the order of the links),
    /// then everyone no link names, plan by plan.
    pub fn portfolio_people(&self) -> Vec<PortfolioPerson> {
        let mut people = Vec::new();
        let mut linked = std::collections::HashSet::new();
        for (index, link) in self.people.iter().enumerate() {
            let members = self.linked_people(link);
            linked.extend(members.iter().copied());
            if !members.is_empty() {
                people.push(PortfolioPerson { name: link.name.clone(), members, link: Some(index) });
            }
        }
        for member in self.member_ids() {
            for (index, person) in self.member(member).plan.people.iter().enumerate() {
                if !linked.contains(&(member, index)) {
                    people.push(PortfolioPerson {
                        name: person.name.clone(),
                        members: vec![(member, index)],
                        link: None,
                    });
                }
            }
        }
        people
    }

    /// Confirms that `people` are one person, shown as `name`: a new link, or the links
    /// already holding any of them made one with them. Refused if a person is not in
    /// the portfolio, or the link would hold two people of one plan.
    pub fn link_people(&mut self, name: String, people: Vec<PersonRef>) -> Result<(), ModelError> {
        for person in &people {
            let exists = self
                .members_with_id(&person.plan)
                .into_iter()
                .any(|member| self.member(member).plan.person(person.person.as_str()).is_some());
            if !exists {
                return Err(ModelError::NotFound(Item::PersonOfPlan {
                    person: person.person.clone(),
                    plan: person.plan.clone(),
                }));
            }
        }
        let joins = |link: &PersonLink| link.plans.iter().any(|entry| people.contains(entry));
        let mut plans: Vec<PersonRef> = Vec::new();
        let joined = self.people.iter().filter(|link| joins(link)).flat_map(|link| link.plans.iter());
        for person in joined.chain(&people) {
            if !plans.contains(person) {
                plans.push(person.clone());
            }
        }
        let second_of_a_plan = plans.iter().enumerate().find_map(|(at, person)| {
            plans[..at].iter().find(|earlier| earlier.plan == person.plan).map(|earlier| (earlier, person))
        });
        if let Some((first, second)) = second_of_a_plan {
            let message = format!(
                "would join {} and {} of plan {}: a person is one person in each plan",
                shortened(first.person.as_str()),
                shortened(second.person.as_str()),
                shortened(first.plan.as_str())
            );
            return Err(ModelError::Invalid { field: "people".into(), message });
        }
        if plans.len() < 2 {
            let message = "must name the person in at least two plans: a link joins one person across plans";
            return Err(ModelError::Invalid { field: "people".into(), message: message.into() });
        }
        self.people.retain(|link| !joins(link));
        self.people.push(PersonLink { name, plans });
        Ok(())
    }

    /// Takes a person out of the link that holds them; a link left with one person goes.
    pub fn unlink_person(&mut self, person: &PersonRef) {
        for link in &mut self.people {
            link.plans.retain(|entry| entry != person);
        }
        self.people.retain(|link| link.plans.len() > 1);
    }
}

/// People of several plans who share an e-mail address or, failing that, a name (case
/// and spacing aside), and whom no link joins yet. A name or address two people of one
/// plan share proposes nothing for that plan: which one is meant cannot be told.
pub fn propose_person_links(portfolio: &Portfolio) -> Vec<PersonLinkProposal> {
    let mut proposals: Vec<PersonLinkProposal> = Vec::new();
    for same_email in [true, false] {
        let mut groups: Vec<(String, Vec<PersonRef>)> = Vec::new();
        for member in portfolio.member_ids() {
            let plan = &portfolio.member(member).plan;
            let plan_id = portfolio.member(member).id();
            for person in &plan.people {
                let key = if same_email { normalized(&person.email) } else { normalized(&person.name) };
                if key.is_empty() {
                    continue;
                }
                let reference = PersonRef { plan: plan_id.clone(), person: person.id.clone() };
                match groups.iter_mut().find(|(group, _)| *group == key) {
                    Some((_, people)) => people.push(reference),
                    None => groups.push((key, vec![reference])),
                }
            }
        }
        for (_, people) in groups {
            let people = one_per_plan(people);
            let covered = proposals.iter().any(|proposal| people.iter().all(|person| proposal.people.contains(person)));
            if people.len() < 2 || covered || already_linked(portfolio, &people) {
                continue;
            }
            let name = name_of(portfolio, &people[0]);
            proposals.push(PersonLinkProposal { name, people, same_email });
        }
    }
    proposals
}

/// Lower case, spaces trimmed and runs of them made one.
fn normalized(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The people of plans that have one of them, in order (two of one plan are dropped).
fn one_per_plan(people: Vec<PersonRef>) -> Vec<PersonRef> {
    let count = |plan: &crate::model::PlanId| people.iter().filter(|person| &person.plan == plan).count();
    people.iter().filter(|person| count(&person.plan) == 1).cloned().collect()
}

fn already_linked(portfolio: &Portfolio, people: &[PersonRef]) -> bool {
    portfolio.people.iter().any(|link| people.iter().all(|person| link.plans.contains(person)))
}

fn name_of(portfolio: &Portfolio, person: &PersonRef) -> String {
    portfolio
        .members_with_id(&person.plan)
        .into_iter()
        .find_map(|member| portfolio.member(member).plan.person(person.person.as_str()).map(|known| known.name.clone()))
        .unwrap_or_else(|| PersonId::to_string(&person.person))
}
