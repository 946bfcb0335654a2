//! One person across several plans: proposed by e-mail or name, joined only when the
//! user confirms; their Responsible tasks across the portfolio week by week, overload
//! flagged with the tasks and plans; and one plan's RACI check counting the others.

use planwright::analysis::raci::{check, check_with_elsewhere, RaciProblemKind};
use planwright::model::{ModelError, Plan, PlanId, RaciRole};
use planwright::portfolio::file::PersonRef;
use planwright::portfolio::{overview, propose_person_links, responsible_elsewhere, MemberId, Portfolio};
use planwright::schedule::compute;

use super::{mobile, payments, platform, portfolio_of, PAYMENTS, PLATFORM};
use crate::common::{date, person, raci};

fn person_ref(plan: &str, person: &str) -> PersonRef {
    PersonRef { plan: PlanId::new(plan), person: person.into() }
}

/// Payments with its marketing campaign given to Sam, so Maya's Payments tasks run
/// one after another (2027-01-18 to 01-29) and only Platform's hardening overlaps them.
fn payments_for_maya() -> Plan {
    let mut plan = payments();
    for cell in plan.raci.iter_mut().filter(|cell| cell.task.as_str() == "T30" && cell.role == RaciRole::R) {
        cell.person = "P2".into();
    }
    plan
}

fn maya_linked(threshold: u32) -> Portfolio {
    let mut portfolio = portfolio_of([platform(), payments_for_maya()]);
    portfolio.overload_threshold = threshold;
    portfolio.link_people("Maya Okafor".into(), vec![person_ref(PLATFORM, "P3"), person_ref(PAYMENTS, "P1")]).unwrap();
    portfolio
}

#[test]
fn people_with_one_e_mail_or_name_in_several_plans_are_proposed_not_joined() {
    let mut with_sam = mobile();
    with_sam.people.push(person("P2", "  sam   REYES "));
    let portfolio = portfolio_of([platform(), payments(), with_sam]);
    let proposals = propose_person_links(&portfolio);
    let found: Vec<(&str, bool, Vec<&str>)> = proposals
        .iter()
        .map(|proposal| {
            let people = proposal.people.iter().map(|person| person.person.as_str()).collect();
            (proposal.name.as_str(), proposal.same_email, people)
        })
        .collect();
    assert_eq!(found, [("Maya Okafor", true, vec!["P3", "P1"]), ("Sam Reyes", false, vec!["P2", "P2"])]);
    assert!(portfolio.people.is_empty(), "nothing is joined on a guess");
    assert_eq!(portfolio.portfolio_people().len(), 3 + 2 + 2, "each person of each plan on their own");
}

#[test]
fn a_confirmed_link_joins_people_and_is_no_longer_proposed() {
    let portfolio = maya_linked(3);
    assert!(propose_person_links(&portfolio).is_empty());
    let maya = &portfolio.portfolio_people()[0];
    assert_eq!((maya.name.as_str(), maya.link), ("Maya Okafor", Some(0)));
    assert_eq!(maya.members, [(MemberId(0), 2), (MemberId(1), 0)]);
    assert_eq!(portfolio.to_file().people, portfolio.people, "kept in the portfolio file");
}

#[test]
fn a_link_of_two_people_of_one_plan_or_of_nobody_is_refused_and_changes_nothing() {
    let mut portfolio = maya_linked(3);
    let before = portfolio.people.clone();
    let error =
        portfolio.link_people("Two".into(), vec![person_ref(PLATFORM, "P1"), person_ref(PAYMENTS, "P1")]).unwrap_err();
    assert!(
        matches!(&error, ModelError::Invalid { message, .. } if message.contains("a person is one person in each plan")),
        "{error}"
    );
    let error = portfolio.link_people("Ghost".into(), vec![person_ref(PLATFORM, "P9")]).unwrap_err();
    assert_eq!(error.to_string(), "person P9 of plan pl-4f9c2a1b does not exist");
    assert_eq!(portfolio.people, before);
}

#[test]
fn linking_a_third_plan_extends_the_link_and_unlinking_drops_a_link_left_with_one() {
    let mut portfolio = maya_linked(3);
    let mut also = mobile();
    also.people.push(super::maya("P2"));
    portfolio.add(also, planwright::portfolio::PlanSource::Stored);
    portfolio
        .link_people("Maya Okafor".into(), vec![person_ref(super::MOBILE, "P2"), person_ref(PAYMENTS, "P1")])
        .unwrap();
    assert_eq!(portfolio.people.len(), 1);
    assert_eq!(portfolio.people[0].plans.len(), 3);
    portfolio.unlink_person(&person_ref(super::MOBILE, "P2"));
    portfolio.unlink_person(&person_ref(PLATFORM, "P3"));
    assert!(portfolio.people.is_empty());
}

/// An overload as the test reads it: first and last day, tasks at once, the tasks and
/// the plans (by member number).
type OverloadSeen<'a> = (chrono::NaiveDate, chrono::NaiveDate, usize, Vec<&'a str>, Vec<usize>);

#[test]
fn a_persons_workload_spans_plans_week_by_week_and_flags_overload_with_tasks_and_plans() {
    let portfolio = maya_linked(1);
    let found = overview(&portfolio, date(2027, 1, 11));
    let maya = found.workload.people.iter().find(|load| load.person.name == "Maya Okafor").unwrap();
    let tasks: Vec<(usize, &str)> = maya.tasks.iter().map(|task| (task.member.0, task.task.as_str())).collect();
    assert_eq!(tasks, [(0, "T1"), (0, "T3"), (1, "T12"), (1, "T13"), (1, "T14"), (1, "T15")]);
    let weeks: Vec<(chrono::NaiveDate, usize, bool, usize)> =
        maya.weeks.iter().map(|week| (week.monday, week.peak, week.overloaded, week.tasks.len())).collect();
    assert_eq!(
        weeks,
        [
            (date(2027, 1, 4), 1, false, 1),
            (date(2027, 1, 11), 1, false, 1),
            (date(2027, 1, 18), 2, true, 2),
            (date(2027, 1, 25), 2, true, 4),
        ]
    );
    let overloads: Vec<OverloadSeen> = maya
        .overloads
        .iter()
        .map(|overload| {
            let named = overload.tasks.iter().map(|&task| maya.tasks[task].task.as_str()).collect();
            let plans = overload.members.iter().map(|member| member.0).collect();
            (overload.first_day, overload.last_day, overload.concurrent, named, plans)
        })
        .collect();
    assert_eq!(
        overloads,
        [
            (date(2027, 1, 18), date(2027, 1, 22), 2, vec!["T3", "T12"], vec![0, 1]),
            (date(2027, 1, 25), date(2027, 1, 29), 2, vec!["T3", "T13", "T14", "T15"], vec![0, 1]),
        ]
    );
    let apart = overview(&portfolio_of([platform(), payments_for_maya()]), date(2027, 1, 11));
    assert!(apart.workload.people.iter().all(|load| load.overloads.is_empty()), "unlinked, each plan alone is fine");
    let relaxed = overview(&maya_linked(3), date(2027, 1, 11));
    assert!(relaxed.workload.people.iter().all(|load| load.overloads.is_empty()));
}

#[test]
fn the_raci_check_counts_the_other_plans_when_asked() {
    let mut portfolio = maya_linked(3);
    portfolio.members[1].plan.settings.overload_threshold = 1;
    let found = overview(&portfolio, date(2027, 1, 11));
    let plan = &portfolio.member(MemberId(1)).plan;
    let schedule = compute(plan).unwrap();
    let alone = check(plan, &schedule);
    assert!(!alone.problems.iter().any(|problem| matches!(problem.kind, RaciProblemKind::Overloaded { .. })));
    let elsewhere = responsible_elsewhere(&portfolio, &found.responsibilities, MemberId(1));
    assert_eq!(elsewhere.iter().map(|task| task.task.as_str()).collect::<Vec<_>>(), ["T1", "T3"]);
    let counted = check_with_elsewhere(plan, &schedule, &elsewhere);
    let overloads: Vec<&str> = counted
        .problems
        .iter()
        .filter(|problem| matches!(problem.kind, RaciProblemKind::Overloaded { .. }))
        .map(|problem| problem.message.as_str())
        .collect();
    assert_eq!(
        overloads,
        ["Maya Okafor (P1) is Responsible for 2 tasks at once (more than 1) from 2027-01-18 to 2027-01-29: \
          T12 \"Integrate payments\", T13 \"Load test\", T14 \"Security review\", T15 \"Cut over\", \
          and in Platform: T3 \"Harden the platform\""]
    );
    match &counted.problems.iter().find(|problem| problem.person.is_some()).unwrap().kind {
        RaciProblemKind::Overloaded { elsewhere, .. } => assert_eq!(elsewhere.len(), 1),
        other => panic!("{other:?}"),
    }
}

#[test]
fn two_people_of_one_plan_with_one_name_are_not_proposed_for_that_plan() {
    let mut twice = payments();
    twice.people.push(person("P3", "Maya Okafor"));
    twice.people[0].email.clear();
    twice.raci.push(raci("T20", "P3", RaciRole::I));
    let portfolio = portfolio_of([platform(), twice]);
    assert!(propose_person_links(&portfolio).is_empty(), "which Maya of Payments is meant cannot be told");
}

#[test]
fn the_open_plan_counts_the_other_plans_of_the_kept_portfolio_file() {
    let file = maya_linked(3).to_file();
    // The open plan has an edit not yet saved: T12 is Maya's no longer (its stored copy,
    // among the others, still says so and is left out).
    let stored_payments = payments_for_maya();
    let mut open = stored_payments.clone();
    open.raci.retain(|cell| !(cell.task.as_str() == "T12" && cell.role.is_responsible()));
    let others = vec![platform(), stored_payments];
    let elsewhere = planwright::portfolio::responsible_elsewhere_in(&file, &open, others.clone()).unwrap();
    assert_eq!(elsewhere.iter().map(|task| task.task.as_str()).collect::<Vec<_>>(), ["T1", "T3"]);
    assert!(elsewhere.iter().all(|task| task.person.as_str() == "P1" && task.plan_name == platform().name));
    // A plan the portfolio does not list counts nothing from it.
    let mut outside = open.clone();
    outside.id = Some(planwright::model::PlanId::new("pl-elsewhere"));
    assert_eq!(planwright::portfolio::responsible_elsewhere_in(&file, &outside, others), None);
}

#[test]
fn the_timeline_flags_a_task_whose_person_works_in_another_plan_at_the_same_time() {
    let file = maya_linked(3).to_file();
    let open = payments_for_maya();
    let elsewhere = planwright::portfolio::responsible_elsewhere_in(&file, &open, vec![platform()]).unwrap();
    let schedule = compute(&open).unwrap();
    let mut load = planwright::schedule::resource_load(&open, &schedule);
    let t12 = open.task_index("T12").unwrap();
    assert!(!load.is_flagged(t12), "alone, T12 is Maya's only task of its days");
    planwright::analysis::raci::add_elsewhere(&mut load, &open, &schedule, &elsewhere);
    assert!(load.is_flagged(t12));
    assert_eq!(load.elsewhere[t12], [format!("T3 Harden the platform in {}", platform().name)]);
    let untouched = open.task_index("T20").unwrap();
    assert!(load.elsewhere[untouched].is_empty());
}
