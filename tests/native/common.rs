//! Builders and a small seeded random generator shared by the native tests.

use chrono::NaiveDate;
use planwright::model::{
    Assumption, AssumptionId, AssumptionStatus, Baseline, BaselineId, BaselineTask, Budget, Calendar, DayRate,
    Decision, DecisionId, Dependency, DependencyKind, Holiday, Issue, IssueId, IssueStatus, Money, Person, PersonId,
    Plan, RaciCell, RaciRole, Risk, RiskId, RiskResponse, RiskStatus, Severity, Task, TaskCost, TaskId, TaskKind,
};

pub fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a real date in a test")
}

pub fn task(id: &str, name: &str, duration: u32) -> Task {
    Task { duration, ..Task::new(TaskId::new(id), name) }
}

pub fn subtask(id: &str, name: &str, duration: u32, parent: &str) -> Task {
    Task { parent: Some(TaskId::new(parent)), ..task(id, name, duration) }
}

pub fn milestone(id: &str, name: &str) -> Task {
    Task { kind: TaskKind::Milestone, duration: 0, ..Task::new(TaskId::new(id), name) }
}

pub fn dependency(predecessor: &str, successor: &str, kind: DependencyKind, lag: i32) -> Dependency {
    Dependency { predecessor: TaskId::new(predecessor), successor: TaskId::new(successor), kind, lag }
}

pub fn finish_to_start(predecessor: &str, successor: &str) -> Dependency {
    dependency(predecessor, successor, DependencyKind::FS, 0)
}

pub fn person(id: &str, name: &str) -> Person {
    Person { id: PersonId::new(id), name: name.into(), role: String::new(), team: String::new(), email: String::new() }
}

pub fn raci(task: &str, person: &str, role: RaciRole) -> RaciCell {
    RaciCell { task: TaskId::new(task), person: PersonId::new(person), role }
}

pub fn risk(id: &str, title: &str, owner: Option<&str>, linked_tasks: &[&str]) -> Risk {
    Risk {
        owner: owner.map(PersonId::new),
        linked_tasks: linked_tasks.iter().map(|task| TaskId::new(*task)).collect(),
        ..Risk::new(RiskId::new(id), title)
    }
}

/// A plan starting Monday 2027-01-04 on a Monday-to-Friday calendar.
pub fn empty_plan() -> Plan {
    Plan::new("Launch", date(2027, 1, 4))
}

/// A small program that uses every kind of item and every field:
///
/// ```text
/// T1 Backend (summary)          T4 Frontend (summary)        T7 Launch (milestone)
///   T2 API design  3d             T5 UI mockups  4d
///   T3 API build   5d             T6 UI build    6d
/// ```
pub fn sample_plan() -> Plan {
    let mut plan = empty_plan();
    plan.description = "Ship the new checkout.\nTwo teams, one launch.".into();
    plan.calendar.holidays = vec![Holiday { date: date(2027, 1, 18), name: "Martin Luther King Jr. Day".into() }];
    plan.people = vec![
        Person { role: "TPM".into(), team: "Program".into(), ..person("P1", "Ada Lovelace") },
        Person { role: "Tech lead".into(), team: "Backend".into(), ..person("P2", "Grace Hopper") },
        Person { role: "Designer".into(), team: "Frontend".into(), ..person("P3", "Linus Åkesson") },
    ];
    plan.tasks = vec![
        task("T1", "Backend", 0),
        Task { progress: 100, notes: "Reviewed with security.".into(), ..subtask("T2", "API design", 3, "T1") },
        Task { progress: 40, deadline: Some(date(2027, 1, 15)), ..subtask("T3", "API build", 5, "T1") },
        task("T4", "Frontend", 0),
        Task { start_no_earlier_than: Some(date(2027, 1, 6)), ..subtask("T5", "UI mockups", 4, "T4") },
        subtask("T6", "UI build", 6, "T4"),
        milestone("T7", "Launch"),
    ];
    plan.dependencies = vec![
        finish_to_start("T2", "T3"),
        dependency("T2", "T5", DependencyKind::SS, 1),
        dependency("T3", "T6", DependencyKind::FF, 2),
        finish_to_start("T6", "T7"),
        dependency("T3", "T7", DependencyKind::FS, -1),
    ];
    plan.raci = vec![
        raci("T2", "P1", RaciRole::A),
        raci("T2", "P2", RaciRole::R),
        raci("T3", "P2", RaciRole::AR),
        raci("T5", "P3", RaciRole::R),
        raci("T6", "P3", RaciRole::R),
        raci("T6", "P1", RaciRole::C),
        raci("T7", "P1", RaciRole::I),
    ];
    plan.risks = vec![
        Risk {
            probability: 4,
            impact: 5,
            response: RiskResponse::Mitigate,
            mitigation: "Second vendor on standby.".into(),
            review_date: Some(date(2027, 1, 11)),
            ..risk("R1", "Payment vendor API late", Some("P2"), &["T3", "T6"])
        },
        Risk {
            status: RiskStatus::Monitoring,
            response: RiskResponse::Accept,
            ..risk("R2", "Designer on leave", None, &[])
        },
        risk("R3", "Launch date moves", Some("P2"), &["T7"]),
    ];
    plan.baselines = vec![Baseline {
        id: BaselineId::new("B1"),
        name: "Kick-off".into(),
        taken: date(2027, 1, 4),
        tasks: ["T2", "T3", "T5", "T6", "T7"]
            .iter()
            .map(|id| BaselineTask {
                task: TaskId::new(*id),
                start: date(2027, 1, 4),
                finish: date(2027, 1, 8),
                cost: None,
            })
            .collect(),
    }];
    plan
}

fn task_ids(ids: &[&str]) -> Vec<TaskId> {
    ids.iter().map(|id| TaskId::new(*id)).collect()
}

/// The sample program with a RAID log and a budget in euros: every field of each kind
/// of entry set somewhere (an overdue assumption and issue on 2027-02-01, a decision
/// superseded by one whose decider left the plan, text a spreadsheet could take for a
/// formula), day rates of the two Responsible people, task costs, a workstream budget,
/// and the baseline's costs (BAC).
pub fn raid_plan() -> Plan {
    let mut plan = sample_plan();
    plan.assumptions = vec![
        Assumption {
            id: AssumptionId::new("A1"),
            statement: "Vendor keeps the 2026 price".into(),
            owner: Some(PersonId::new("P2")),
            validate_by: Some(date(2027, 1, 20)),
            status: AssumptionStatus::Open,
            notes: "Quote valid, \"for now\".".into(),
            linked_tasks: task_ids(&["T3", "T6"]),
            created: Some(date(2027, 1, 4)),
        },
        Assumption {
            id: AssumptionId::new("A2"),
            statement: "=SUM(A1) stays text".into(),
            owner: None,
            validate_by: None,
            status: AssumptionStatus::Confirmed,
            notes: String::new(),
            linked_tasks: Vec::new(),
            created: None,
        },
    ];
    plan.issues = vec![
        Issue {
            id: IssueId::new("I1"),
            title: "Payment sandbox down".into(),
            description: "Since Monday.\nBlocks | the build.".into(),
            severity: Severity::High,
            owner: Some(PersonId::new("P2")),
            raised: Some(date(2027, 1, 11)),
            due: Some(date(2027, 1, 15)),
            status: IssueStatus::InProgress,
            resolution: String::new(),
            linked_tasks: task_ids(&["T3"]),
            from_risk: Some(RiskId::new("R1")),
            from_assumption: None,
        },
        Issue {
            id: IssueId::new("I2"),
            title: "Mockups late".into(),
            description: String::new(),
            severity: Severity::Low,
            owner: None,
            raised: Some(date(2027, 1, 12)),
            due: Some(date(2027, 1, 19)),
            status: IssueStatus::Resolved,
            resolution: "A second designer helped.".into(),
            linked_tasks: task_ids(&["T5", "T6"]),
            from_risk: None,
            from_assumption: Some(AssumptionId::new("A1")),
        },
    ];
    plan.decisions = vec![
        Decision {
            id: DecisionId::new("D1"),
            title: "Use vendor A".into(),
            decided_by: Some(PersonId::new("P1")),
            decided_by_name: "Ada Lovelace".into(),
            date: date(2027, 1, 5),
            options: "Vendor A, vendor B".into(),
            rationale: "Cheaper, and known to the team.".into(),
            linked_tasks: task_ids(&["T3"]),
            linked_risks: vec![RiskId::new("R1")],
            superseded_by: Some(DecisionId::new("D2")),
        },
        Decision {
            id: DecisionId::new("D2"),
            title: "Use vendor B".into(),
            decided_by: None,
            decided_by_name: "Former CTO".into(),
            date: date(2027, 1, 25),
            options: "Vendor B".into(),
            rationale: "Vendor A stopped trading.".into(),
            linked_tasks: Vec::new(),
            linked_risks: Vec::new(),
            superseded_by: None,
        },
    ];
    let cost = |task: &str, fixed: i64, actual: i64, budget: Option<i64>| TaskCost {
        task: TaskId::new(task),
        fixed: Money(fixed),
        actual: Money(actual),
        budget: budget.map(Money),
    };
    plan.budget = Budget {
        currency: "EUR".into(),
        total: Some(Money(5_000_000)),
        day_rates: vec![
            DayRate { person: PersonId::new("P2"), rate: Money(80_000) },
            DayRate { person: PersonId::new("P3"), rate: Money(65_050) },
        ],
        tasks: vec![cost("T1", 0, 0, Some(1_000_000)), cost("T3", 120_000, 250_000, None), cost("T6", 0, 10_000, None)],
    };
    let baseline_costs = [("T2", 240_000), ("T3", 520_000), ("T5", 260_200), ("T6", 390_300)];
    for entry in &mut plan.baselines[0].tasks {
        entry.cost = baseline_costs.iter().find(|(task, _)| *task == entry.task.as_str()).map(|(_, cost)| Money(*cost));
    }
    plan
}

/// A valid plan of `task_count` tasks in workstreams of up to ten (a summary and
/// its subtasks), with forward dependencies of every kind, RACI cells, risks and a
/// baseline. The same seed gives the same plan.
pub fn generated_plan(task_count: usize, seed: u64) -> Plan {
    let mut random = Random::new(seed);
    let mut plan = empty_plan();
    plan.calendar = Calendar {
        holidays: vec![
            Holiday { date: date(2027, 5, 31), name: "Memorial Day".into() },
            Holiday { date: date(2027, 7, 5), name: "Independence Day (observed)".into() },
        ],
        ..Calendar::default()
    };
    plan.people = (1..=20).map(|number| person(&format!("P{number}"), &format!("Person {number}"))).collect();
    let mut leaves = Vec::new();
    let mut current_summary: Option<String> = None;
    for number in 1..=task_count {
        let id = format!("T{number}");
        if number % 10 == 1 && number < task_count {
            plan.tasks.push(task(&id, &format!("Workstream {number}"), 0));
            current_summary = Some(id);
            continue;
        }
        let mut new_task = task(&id, &format!("Task {number}"), random.below(15) as u32);
        new_task.parent = current_summary.as_deref().map(TaskId::new);
        new_task.progress = random.below(101) as u8;
        if random.below(20) == 0 {
            new_task.kind = TaskKind::Milestone;
            new_task.duration = 0;
        }
        if random.below(30) == 0 {
            new_task.start_no_earlier_than = Some(date(2027, 1 + random.below(12) as u32, 1 + random.below(28) as u32));
        }
        if random.below(30) == 0 {
            new_task.deadline = Some(date(2027, 1 + random.below(12) as u32, 1 + random.below(28) as u32));
        }
        plan.tasks.push(new_task);
        leaves.push(id);
    }
    // Forward links between subtasks only (earlier to later in the list) can never form a cycle.
    let mut pairs = std::collections::HashSet::new();
    while plan.dependencies.len() < task_count.min(leaves.len() * leaves.len().saturating_sub(1) / 2) {
        let successor = 1 + random.below(leaves.len() as u64 - 1) as usize;
        let predecessor = random.below(successor as u64) as usize;
        if pairs.insert((predecessor, successor)) {
            let kind = DependencyKind::ALL[random.below(4) as usize];
            let lag = random.below(7) as i32 - 3;
            plan.dependencies.push(dependency(&leaves[predecessor], &leaves[successor], kind, lag));
        }
    }
    let mut cells = std::collections::HashSet::new();
    while plan.raci.len() < task_count.min(leaves.len() * 20) {
        let task_id = &leaves[random.below(leaves.len() as u64) as usize];
        let person_id = format!("P{}", 1 + random.below(20));
        if cells.insert((task_id.clone(), person_id.clone())) {
            let role = RaciRole::ALL[random.below(5) as usize];
            plan.raci.push(raci(task_id, &person_id, role));
        }
    }
    for number in 1..=task_count {
        let mut linked = Vec::new();
        for _ in 0..random.below(3).min(leaves.len() as u64) {
            let task_id = &leaves[random.below(leaves.len() as u64) as usize];
            if !linked.contains(&task_id.as_str()) {
                linked.push(task_id.as_str());
            }
        }
        let owner = format!("P{}", 1 + random.below(20));
        let mut new_risk = risk(&format!("R{number}"), &format!("Risk {number}"), Some(&owner), &linked);
        new_risk.probability = 1 + random.below(5) as u8;
        new_risk.impact = 1 + random.below(5) as u8;
        new_risk.status = RiskStatus::ALL[random.below(4) as usize];
        new_risk.response = RiskResponse::ALL[random.below(4) as usize];
        plan.risks.push(new_risk);
    }
    plan.baselines = vec![Baseline {
        id: BaselineId::new("B1"),
        name: "Plan of record".into(),
        taken: date(2027, 1, 4),
        tasks: leaves
            .iter()
            .map(|id| BaselineTask {
                task: TaskId::new(id.as_str()),
                start: date(2027, 2, 1),
                finish: date(2027, 2, 5),
                cost: None,
            })
            .collect(),
    }];
    plan
}

/// SplitMix64: a tiny, seeded generator so the randomised tests repeat exactly.
pub struct Random(u64);

impl Random {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in 0..bound (bound > 0).
    pub fn below(&mut self, bound: u64) -> u64 {
        self.next_u64() % bound
    }
}

/// The test file this module is compiled into (each integration test is its own crate).
const TEST_BINARY: &str = env!("CARGO_CRATE_NAME");

/// Compares with a golden file, or rewrites it when `UPDATE_GOLDEN` is set.
pub fn assert_golden(name: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|error| {
        panic!("{}: {error}; run `UPDATE_GOLDEN=1 cargo test --test {}` to write it", path.display(), TEST_BINARY)
    });
    if expected != actual.as_bytes() {
        let expected = String::from_utf8_lossy(&expected);
        let difference = expected
            .split_inclusive('\n')
            .zip(actual.split_inclusive('\n'))
            .position(|(old, new)| old != new)
            .map_or_else(|| "in length".to_string(), |line| format!("from line {}", line + 1));
        panic!(
            "{} differs {difference}.\nexpected:\n{expected:?}\nactual:\n{actual:?}\n\
             If the change is intended, run `UPDATE_GOLDEN=1 cargo test --test {}` and review the diff.",
            path.display(),
            TEST_BINARY
        );
    }
}

/// Reads RFC 4180 CSV back into records: the test's own reader, to check the export
/// from the other side.
pub fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut characters = text.chars().peekable();
    let mut quoted = false;
    while let Some(character) = characters.next() {
        match (quoted, character) {
            (true, '"') if characters.peek() == Some(&'"') => {
                characters.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, other) => field.push(other),
            (false, '"') => {
                assert!(field.is_empty(), "a quote inside an unquoted field: {field:?}");
                quoted = true;
            }
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(characters.next(), Some('\n'), "a bare CR outside quotes");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, '\n') => panic!("a bare LF outside quotes"),
            (false, other) => field.push(other),
        }
    }
    assert!(!quoted && field.is_empty() && record.is_empty(), "the text ends inside a record");
    records
}
