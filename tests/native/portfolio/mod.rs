//! Several plans together (`planwright::portfolio`) and what a plan needs to be one of
//! them: its id, links to tasks of other plans (model, file, schedule, compare), the
//! refresh of those links, the portfolio file, cycles and critical paths across plans,
//! people across plans and their workload.
//!
//! The program used throughout: Platform builds for ten working days to its GA on
//! Friday 2027-01-15; Payments integrates after that GA and goes live on 2027-02-02,
//! held then by its marketing campaign, two working days after its cut-over; Mobile
//! releases after Payments is live.

mod across_plans;
mod external_links;
mod people;
mod portfolio_file;
mod refresh;

use chrono::NaiveDate;
use planwright::model::{DependencyKind, ExternalDependency, KnownTask, Person, Plan, PlanId, RaciRole, TaskId};
use planwright::portfolio::{PlanSource, Portfolio};

use crate::common::{date, empty_plan, finish_to_start, milestone, person, raci, task};

pub const PLATFORM: &str = "pl-4f9c2a1b";
pub const PAYMENTS: &str = "pl-0b7e5d13";
pub const MOBILE: &str = "pl-5c6d7e8f";

/// What a plan knows of another plan's task.
pub fn known(plan_name: &str, name: &str, milestone: bool, start: NaiveDate, finish: NaiveDate) -> KnownTask {
    KnownTask { plan_name: plan_name.into(), name: name.into(), milestone, start, finish, missing: false }
}

pub fn external(
    plan: &str,
    predecessor: &str,
    successor: &str,
    kind: DependencyKind,
    lag: i32,
    known: KnownTask,
) -> ExternalDependency {
    ExternalDependency {
        plan: PlanId::new(plan),
        predecessor: TaskId::new(predecessor),
        successor: TaskId::new(successor),
        kind,
        lag,
        known,
    }
}

/// Platform GA as Payments first knows it: Friday 2027-01-15.
pub fn platform_ga() -> KnownTask {
    known("Platform", "Platform GA", true, date(2027, 1, 15), date(2027, 1, 15))
}

pub fn maya(id: &str) -> Person {
    Person { email: "maya.okafor@example.com".into(), ..person(id, "Maya Okafor") }
}

/// Platform: T1 "Build the platform" (10 working days, 2027-01-04 to 01-15, Maya
/// Responsible), T2 "Platform GA" after it (01-15), T3 "Harden the platform" after
/// the GA (10 working days, 01-18 to 01-29, Maya Responsible).
pub fn platform() -> Plan {
    let mut plan = Plan { id: Some(PlanId::new(PLATFORM)), name: "Platform".into(), ..empty_plan() };
    plan.people = vec![person("P1", "Lee Chen"), person("P2", "Ana Diaz"), maya("P3")];
    plan.tasks = vec![
        task("T1", "Build the platform", 10),
        milestone("T2", "Platform GA"),
        task("T3", "Harden the platform", 10),
    ];
    plan.dependencies = vec![finish_to_start("T1", "T2"), finish_to_start("T2", "T3")];
    plan.raci = vec![
        raci("T1", "P3", RaciRole::R),
        raci("T1", "P1", RaciRole::A),
        raci("T2", "P1", RaciRole::A),
        raci("T3", "P3", RaciRole::R),
        raci("T3", "P1", RaciRole::A),
    ];
    plan
}

/// Platform with its build `days` working days longer: the GA moves as much.
pub fn platform_slipped(days: u32) -> Plan {
    let mut plan = platform();
    plan.tasks[0].duration += days;
    plan
}

/// Payments: T12 "Integrate payments" (5 working days after Platform GA: 01-18 to
/// 01-22), then T13 "Load test" (2), T14 "Security review" (2), T15 "Cut over" (1, to
/// 01-29); T30 "Marketing campaign" (22, 01-04 to 02-02); T20 "Payments live" after T15
/// and T30 (02-02).
pub fn payments() -> Plan {
    let mut plan = Plan { id: Some(PlanId::new(PAYMENTS)), name: "Payments".into(), ..empty_plan() };
    plan.people = vec![maya("P1"), person("P2", "Sam Reyes")];
    plan.tasks = vec![
        task("T12", "Integrate payments", 5),
        task("T13", "Load test", 2),
        task("T14", "Security review", 2),
        task("T15", "Cut over", 1),
        task("T30", "Marketing campaign", 22),
        milestone("T20", "Payments live"),
    ];
    plan.dependencies = vec![
        finish_to_start("T12", "T13"),
        finish_to_start("T13", "T14"),
        finish_to_start("T14", "T15"),
        finish_to_start("T15", "T20"),
        finish_to_start("T30", "T20"),
    ];
    plan.external_dependencies = vec![external(PLATFORM, "T2", "T12", DependencyKind::FS, 0, platform_ga())];
    plan.raci = ["T12", "T13", "T14", "T15", "T30"]
        .iter()
        .flat_map(|task| [raci(task, "P1", RaciRole::R), raci(task, "P2", RaciRole::A)])
        .chain([raci("T20", "P2", RaciRole::A)])
        .collect();
    plan
}

/// Mobile: T1 "Release the app" (3 working days after Payments is live), T2 "App live".
pub fn mobile() -> Plan {
    let mut plan = Plan { id: Some(PlanId::new(MOBILE)), name: "Mobile".into(), ..empty_plan() };
    plan.people = vec![person("P1", "Kim Park")];
    plan.tasks = vec![task("T1", "Release the app", 3), milestone("T2", "App live")];
    plan.dependencies = vec![finish_to_start("T1", "T2")];
    let live = known("Payments", "Payments live", true, date(2027, 2, 2), date(2027, 2, 2));
    plan.external_dependencies = vec![external(PAYMENTS, "T20", "T1", DependencyKind::FS, 0, live)];
    plan.raci = vec![raci("T1", "P1", RaciRole::AR), raci("T2", "P1", RaciRole::A)];
    plan
}

/// A portfolio of these plans, as if kept in this browser.
pub fn portfolio_of(plans: impl IntoIterator<Item = Plan>) -> Portfolio {
    let mut portfolio = Portfolio::new();
    for plan in plans {
        portfolio.add(plan, PlanSource::Stored);
    }
    portfolio
}

pub fn fixture_text(folder: &str, name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(folder).join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}
