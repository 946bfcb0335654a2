//! The portfolio file (which plans, which people are one person) and opening it with
//! the plans at hand: the plans not there said one by one, the rest shown; two plans
//! with one id told apart, never merged.

use planwright::file::FileErrorKind;
use planwright::model::{Plan, PlanId};
use planwright::portfolio::file::{parse, to_json, PersonRef, PlanRef, PortfolioFile};
use planwright::portfolio::{MemberId, PlanSource, Portfolio, PortfolioProblemKind};

use super::{fixture_text, mobile, payments, platform, portfolio_of, PAYMENTS, PLATFORM};

fn reference(id: &str, file: Option<&str>) -> PlanRef {
    PlanRef { id: PlanId::new(id), file: file.map(String::from) }
}

fn file_of(references: Vec<PlanRef>) -> PortfolioFile {
    PortfolioFile { plans: references, ..PortfolioFile::default() }
}

#[test]
fn a_portfolio_file_reads_and_is_written_back_byte_for_byte() {
    for name in ["program.portfolio.json", "plans_only.portfolio.json"] {
        let text = fixture_text("portfolio/accept", name);
        let file = parse(&text).unwrap_or_else(|error| panic!("{name}: {error}"));
        assert_eq!(to_json(&file), text, "{name}");
    }
    let file = parse(&fixture_text("portfolio/accept", "program.portfolio.json")).unwrap();
    assert_eq!(file.plans, [reference(PLATFORM, Some("platform.plan.json")), reference(PAYMENTS, None)]);
    assert_eq!(file.people[0].name, "Maya Okafor");
    assert_eq!(file.people[0].plans[1], PersonRef { plan: PlanId::new(PAYMENTS), person: "P1".into() });
    assert_eq!(file.overload_threshold, 2);
    assert_eq!(parse(&fixture_text("portfolio/accept", "plans_only.portfolio.json")).unwrap().overload_threshold, 3);
}

#[test]
fn each_bad_portfolio_file_is_refused_saying_what_and_where() {
    let cases = [
        ("unknown_field", FileErrorKind::Structure, Some("colour"), "unknown field"),
        ("a_plan_file", FileErrorKind::NotPlanwright, None, "it is a plan file"),
        ("newer_version", FileErrorKind::NewerVersion, Some("version"), "newer version of Planwright"),
        ("same_plan_twice", FileErrorKind::Invalid, Some("plans[2]"), "lists pl-0b7e5d13 twice"),
        ("person_in_an_unlisted_plan", FileErrorKind::Invalid, Some("people[0].plans[1].plan"), "does not list"),
        ("person_link_of_one_plan", FileErrorKind::Invalid, Some("people[0].plans"), "at least two plans"),
        ("two_people_of_one_plan_linked", FileErrorKind::Invalid, Some("people[0].plans[1]"), "second person"),
        ("plan_id_empty", FileErrorKind::Invalid, Some("plans[1].id"), "must not be empty"),
        ("plan_not_an_object", FileErrorKind::Structure, Some("plans[1]"), "expected an object"),
        ("threshold_zero", FileErrorKind::Invalid, Some("overload_threshold"), "from 1 to 100"),
        ("file_name_blank", FileErrorKind::Invalid, Some("plans[0].file"), "must not be empty"),
    ];
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/portfolio/reject");
    assert_eq!(std::fs::read_dir(folder).unwrap().count(), cases.len(), "every fixture has its case");
    for (name, kind, path, part) in cases {
        let error = parse(&fixture_text("portfolio/reject", &format!("{name}.portfolio.json"))).expect_err(name);
        assert_eq!(error.kind, kind, "{name}: {error}");
        let problem = error
            .problems
            .iter()
            .find(|problem| problem.path.as_deref() == path)
            .unwrap_or_else(|| panic!("{name}: no problem at {path:?}: {error:?}"));
        assert!(problem.message.contains(part), "{name}: {}", problem.message);
    }
    for text in ["", "[]", "{\"format\": \"planwright-portfolio\", \"version\": 1, \"plans\": [}"] {
        assert!(parse(text).is_err(), "{text:?}");
    }
}

#[test]
fn opening_a_portfolio_shows_the_plans_here_and_says_which_are_not() {
    let file = file_of(vec![
        reference(PLATFORM, Some("platform.plan.json")),
        reference(PAYMENTS, None),
        reference("pl-77aa01c3", Some("fraud.plan.json")),
        reference("pl-12345678", None),
    ]);
    let stored = vec![payments(), mobile()];
    let files = vec![("platform.plan.json".to_string(), platform())];
    let portfolio = Portfolio::open(&file, stored, files);
    let names: Vec<&str> = portfolio.members.iter().map(|member| member.plan.name.as_str()).collect();
    assert_eq!(names, ["Platform", "Payments"], "the rest shown; Mobile, not listed, is not");
    assert_eq!(portfolio.member(MemberId(0)).source, PlanSource::File("platform.plan.json".into()));
    assert_eq!(portfolio.member(MemberId(1)).source, PlanSource::Stored);
    let problems: Vec<String> = portfolio.problems().into_iter().map(|problem| problem.message).collect();
    assert_eq!(
        problems,
        [
            "Plan pl-77aa01c3 is not here: it is not kept in this browser and its file fraud.plan.json was not opened. \
             The rest of the portfolio is shown without it",
            "Plan pl-12345678 is not kept in this browser. The rest of the portfolio is shown without it",
        ]
    );
    assert_eq!(portfolio.to_file().plans, file.plans, "saving it again keeps the plans not found");
}

#[test]
fn two_plans_with_one_id_are_told_apart_and_said() {
    let file = parse(&fixture_text("portfolio/accept", "plans_only.portfolio.json")).unwrap();
    let copy = Plan { name: "Platform".into(), ..super::platform_slipped(3) };
    let files = vec![("platform.plan.json".to_string(), platform()), ("platform-copy.plan.json".to_string(), copy)];
    let portfolio = Portfolio::open(&file, vec![payments()], files);
    assert_eq!(portfolio.members.len(), 3, "both copies are shown");
    assert_eq!(portfolio.members_with_id(&PlanId::new(PLATFORM)), [MemberId(0), MemberId(1)]);
    assert_eq!(portfolio.label(MemberId(0)), "\"Platform\" (platform.plan.json)");
    assert_eq!(portfolio.label(MemberId(1)), "\"Platform\" (platform-copy.plan.json)");
    assert_eq!(portfolio.label(MemberId(2)), "\"Payments\"");
    let problems = portfolio.problems();
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].kind,
        PortfolioProblemKind::SharedId { id: PlanId::new(PLATFORM), members: vec![MemberId(0), MemberId(1)] }
    );
    assert!(problems[0].message.starts_with("2 plans have the id pl-4f9c2a1b: \"Platform\" (platform.plan.json) and \"Platform\" (platform-copy.plan.json)"), "{}", problems[0].message);
    assert_eq!(portfolio.only_member_with_id(&PlanId::new(PLATFORM)), None, "links to it are ambiguous");
}

#[test]
fn a_plan_file_without_an_id_takes_the_one_the_portfolio_gave_it() {
    let old = Plan { id: None, ..platform() };
    let file = file_of(vec![reference(PLATFORM, Some("platform.plan.json"))]);
    let portfolio = Portfolio::open(&file, vec![], vec![("platform.plan.json".into(), old)]);
    assert_eq!(portfolio.member(MemberId(0)).id(), &PlanId::new(PLATFORM));
    assert!(portfolio.member(MemberId(0)).id_is_new, "export it again to keep it");
    assert!(portfolio.problems().is_empty());
}

#[test]
fn a_file_that_holds_another_plan_is_shown_as_it_is_and_said() {
    let file = file_of(vec![reference(PLATFORM, Some("platform.plan.json"))]);
    let portfolio = Portfolio::open(&file, vec![], vec![("platform.plan.json".into(), payments())]);
    assert_eq!(portfolio.members.len(), 1);
    let kinds: Vec<PortfolioProblemKind> = portfolio.problems().into_iter().map(|problem| problem.kind).collect();
    assert_eq!(
        kinds,
        [
            PortfolioProblemKind::PlanNotFound { reference: reference(PLATFORM, Some("platform.plan.json")) },
            PortfolioProblemKind::FileHoldsAnotherPlan { member: MemberId(0), expected: PlanId::new(PLATFORM) },
        ]
    );
}

#[test]
fn a_plan_without_an_id_gets_one_on_joining_and_is_marked_to_be_saved() {
    let mut portfolio = portfolio_of([payments()]);
    let member = portfolio.add(Plan { id: None, ..mobile() }, PlanSource::Stored);
    let joined = portfolio.member(member);
    assert!(joined.id().as_str().starts_with("pl-"));
    assert!(joined.id_is_new);
    assert!(!portfolio.member(MemberId(0)).id_is_new);
    let file = portfolio.to_file();
    assert_eq!(file.plans[1], PlanRef { id: joined.id().clone(), file: None });
    assert_eq!(parse(&to_json(&file)).unwrap(), file);
}
