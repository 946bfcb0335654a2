//! What reads across the plans: cycles through links between plans, the chain that
//! drives each plan's finish, the overview's rows and shared timeline, the steps it is
//! computed in, and the portfolio status report.

use planwright::model::{apply, BaselineId, Command, DependencyKind, PlanId, RiskStatus};
use planwright::portfolio::file::PersonRef;
use planwright::portfolio::{overview, portfolio_markdown, ChainOrigin, MemberId, OverviewRun, PortfolioProblemKind};
use planwright::report::RagStatus;
use planwright::schedule::{compute, take_baseline};

use super::{external, known, mobile, payments, platform, platform_slipped, portfolio_of, PAYMENTS, PLATFORM};
use crate::common::{assert_golden, date, risk};

#[test]
fn a_link_closing_a_cycle_across_plans_is_refused_naming_tasks_and_plans() {
    let portfolio = portfolio_of([platform(), payments(), mobile()]);
    let load_test = known("Payments", "Load test", false, date(2027, 1, 25), date(2027, 1, 26));
    let back = external(PAYMENTS, "T13", "T1", DependencyKind::FS, 0, load_test);
    let cycle = portfolio.check_new_link(MemberId(0), &back).unwrap_err();
    assert_eq!(
        cycle.to_string(),
        "T1 of \"Platform\" → T2 of \"Platform\" → T12 of \"Payments\" → T13 of \"Payments\" → T1 of \"Platform\""
    );
    assert_eq!(cycle.tasks.first(), cycle.tasks.last());
    let harmless = external(
        PAYMENTS,
        "T13",
        "T3",
        DependencyKind::FS,
        0,
        known("Payments", "Load test", false, date(2027, 1, 25), date(2027, 1, 26)),
    );
    let to_harden = portfolio.check_new_link(MemberId(0), &harmless);
    assert!(to_harden.is_ok(), "Harden the platform waiting on the load test closes nothing: {to_harden:?}");
}

#[test]
fn a_cycle_the_files_already_close_is_a_problem_of_the_overview() {
    let mut closed = platform();
    let load_test = known("Payments", "Load test", false, date(2027, 1, 25), date(2027, 1, 26));
    apply(
        &mut closed,
        Command::AddExternalDependency(external(PAYMENTS, "T13", "T1", DependencyKind::FS, 0, load_test)),
    )
    .expect("the plan alone cannot see the cycle");
    let portfolio = portfolio_of([closed, payments()]);
    assert!(portfolio.cross_plan_cycle().is_some());
    let found = overview(&portfolio, date(2027, 1, 11));
    let cycle = found.problems.iter().find(|problem| matches!(problem.kind, PortfolioProblemKind::CrossPlanCycle(_)));
    assert!(cycle.expect("listed").message.starts_with("Links across plans form a cycle: T"), "{cycle:?}");
    assert_eq!(found.chains.len(), 2);
    assert_eq!(found.chains[0].origin, ChainOrigin::Cycle, "Platform's chain stops rather than loop");
}

#[test]
fn each_plans_finish_chain_follows_its_links_into_the_plan_it_waits_on() {
    let today = date(2027, 1, 11);
    let mut slipped = payments();
    slipped.external_dependencies[0].known =
        known("Platform", "Platform GA", true, date(2027, 1, 22), date(2027, 1, 22));
    let portfolio = portfolio_of([platform_slipped(5), slipped, mobile()]);
    let found = overview(&portfolio, today);
    let chain = &found.chains[1];
    assert_eq!((chain.member, chain.finish), (MemberId(1), date(2027, 2, 5)));
    assert_eq!(chain.origin, ChainOrigin::PlanStart);
    let steps: Vec<(usize, &str)> = chain.steps.iter().map(|step| (step.member.0, step.task.as_str())).collect();
    assert_eq!(steps, [(0, "T1"), (0, "T2"), (1, "T12"), (1, "T13"), (1, "T14"), (1, "T15"), (1, "T20")]);
    let crossings: Vec<(&str, &str)> =
        chain.crossings().map(|(before, after)| (before.task.as_str(), after.task.as_str())).collect();
    assert_eq!(crossings, [("T2", "T12")], "Platform's GA drives Payments' integration");
    assert!(chain.steps[2].after.expect("linked").across_plans);

    // Before the slip Payments' finish is its own marketing campaign's.
    let on_time = overview(&portfolio_of([platform(), payments()]), today);
    let own: Vec<&str> = on_time.chains[1].steps.iter().map(|step| step.task.as_str()).collect();
    assert_eq!(own, ["T30", "T20"]);
    // Mobile waits on Payments live, and so, through Payments, on Platform.
    let mobile_chain: Vec<(usize, &str)> =
        found.chains[2].steps.iter().map(|step| (step.member.0, step.task.as_str())).collect();
    assert_eq!(
        mobile_chain,
        [(0, "T1"), (0, "T2"), (1, "T12"), (1, "T13"), (1, "T14"), (1, "T15"), (1, "T20"), (2, "T1"), (2, "T2")]
    );
}

#[test]
fn a_chain_from_a_plan_outside_the_portfolio_says_so() {
    let found = overview(&portfolio_of([payments()]), date(2027, 1, 11));
    let mut held = payments();
    held.tasks[4].duration = 1;
    let found_held = overview(&portfolio_of([held]), date(2027, 1, 11));
    assert_eq!(found.chains[0].origin, ChainOrigin::PlanStart);
    match &found_held.chains[0].origin {
        ChainOrigin::Outside { plan_name, task, .. } => {
            assert_eq!((plan_name.as_str(), task.as_str()), ("Platform", "T2"))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_milestones_another_plan_drives_are_listed_with_the_driving_task() {
    let mut slipped = payments();
    slipped.external_dependencies[0].known =
        known("Platform", "Platform GA", true, date(2027, 1, 22), date(2027, 1, 22));
    let portfolio = portfolio_of([platform_slipped(5), slipped, mobile()]);
    let found = overview(&portfolio, date(2027, 1, 11));
    let driven: Vec<(usize, &str, Option<usize>)> = found
        .cross_plan_drivers
        .iter()
        .map(|driver| (driver.member.0, driver.milestone.as_str(), driver.driving_member.map(|member| member.0)))
        .collect();
    assert_eq!(driven, [(1, "T20", Some(0)), (2, "T2", Some(1))]);
}

#[test]
fn the_overview_has_a_row_per_plan_with_dates_variance_status_risks_and_raci_errors() {
    let today = date(2027, 1, 11);
    let mut late = payments();
    let schedule = compute(&late).unwrap();
    late.baselines =
        vec![take_baseline(&late, &schedule, BaselineId::new("B1"), "Plan of record".into(), date(2027, 1, 4))];
    late.tasks[4].duration = 25; // the campaign, and so the launch, three working days later
    late.risks = vec![
        planwright::model::Risk {
            probability: 5,
            impact: 4,
            ..risk("R1", "Card network certification", None, &["T13"])
        },
        planwright::model::Risk {
            probability: 5,
            impact: 5,
            status: RiskStatus::Closed,
            ..risk("R2", "Closed", None, &[])
        },
    ];
    late.raci.retain(|cell| cell.task.as_str() != "T15");
    let portfolio = portfolio_of([platform(), late]);
    let found = overview(&portfolio, today);
    let row = &found.rows[1];
    assert_eq!((row.start, row.finish), (date(2027, 1, 4), date(2027, 2, 5)));
    assert_eq!(row.finish_variance, Some(3));
    assert_eq!(row.status, RagStatus::Amber);
    assert_eq!(row.critical_risks.iter().map(|risk| risk.id.as_str()).collect::<Vec<_>>(), ["R1"], "open ones only");
    assert_eq!(row.raci_errors, 2, "T15 has no Accountable and no Responsible person");
    assert_eq!(found.rows[0].finish_variance, None, "no baseline");
}

#[test]
fn every_milestone_is_on_one_timeline_by_date_with_its_plan() {
    let found = overview(&portfolio_of([mobile(), platform(), payments()]), date(2027, 1, 11));
    let timeline: Vec<(chrono::NaiveDate, usize, &str)> = found
        .milestones
        .iter()
        .map(|milestone| (milestone.date, milestone.member.0, milestone.task.as_str()))
        .collect();
    assert_eq!(timeline, [(date(2027, 1, 15), 1, "T2"), (date(2027, 2, 2), 2, "T20"), (date(2027, 2, 5), 0, "T2")]);
    assert_eq!(found.milestones[0].name, "Platform GA");
}

#[test]
fn the_overview_in_steps_is_the_overview_at_once() {
    let portfolio = portfolio_of([platform_slipped(5), payments(), mobile()]);
    let mut run = OverviewRun::new(&portfolio, date(2027, 1, 11));
    let mut steps = 1;
    while !run.step() {
        steps += 1;
    }
    assert_eq!(steps, run.step_count());
    assert_eq!(run.finish(), overview(&portfolio, date(2027, 1, 11)));
    let refreshes: Vec<bool> = overview(&portfolio, date(2027, 1, 11)).refreshes.iter().map(Option::is_some).collect();
    assert_eq!(refreshes, [false, true, true], "plans with external links are refreshed from the others");
}

/// Three programs: Platform slipped a week, Payments not yet refreshed and with a
/// baseline, a critical risk, a RACI gap and a link to a plan outside the portfolio,
/// Mobile after it; Maya Responsible in Platform and Payments at once.
fn three_programs() -> planwright::portfolio::Portfolio {
    let mut paying = payments();
    let schedule = compute(&paying).unwrap();
    paying.baselines =
        vec![take_baseline(&paying, &schedule, BaselineId::new("B1"), "Plan of record".into(), date(2027, 1, 4))];
    paying.risks = vec![planwright::model::Risk {
        probability: 4,
        impact: 5,
        ..risk("R1", "Card network certification", None, &["T13"])
    }];
    paying.raci.retain(|cell| cell.task.as_str() != "T15");
    let fraud = known("Fraud checks", "Fraud rules signed off", false, date(2027, 1, 18), date(2027, 1, 22));
    paying.external_dependencies.push(external("pl-77aa01c3", "T40", "T20", DependencyKind::FF, -1, fraud));
    let mut portfolio = portfolio_of([platform_slipped(5), paying, mobile()]);
    portfolio.overload_threshold = 1;
    portfolio
        .link_people(
            "Maya Okafor".into(),
            vec![
                PersonRef { plan: PlanId::new(PLATFORM), person: "P3".into() },
                PersonRef { plan: PlanId::new(PAYMENTS), person: "P1".into() },
            ],
        )
        .unwrap();
    portfolio
}

#[test]
fn the_portfolio_status_report_matches_its_golden_file() {
    let portfolio = three_programs();
    let found = overview(&portfolio, date(2027, 1, 18));
    assert_golden("portfolio_status_report.md", &portfolio_markdown(&portfolio, &found));
}
