//! The risk register's model (`model::risk`, the risk commands, the risk fields of the
//! plan file) and its exports, compared byte for byte with golden files under
//! tests/golden. `UPDATE_GOLDEN=1 cargo test --test risks` rewrites the golden files
//! from the current output (check the diff before committing it).

use crate::common;

use crate::common::{assert_golden, date, finish_to_start, person, read_csv, risk, sample_plan, task};
use chrono::NaiveDate;
use planwright::analysis::risk::{critical_linked_tasks, risks_on_critical_path, CriticalRisk};
use planwright::file::{parse, risks_csv, risks_markdown, to_json, FileError, FileErrorKind};
use planwright::model::risk::{
    assessment_on, duplicate_risk, exposure_series, impact_level, last_baseline_date, mark_occurred, moves_since,
    new_risk, overdue_reviews, probability_level, register_order, register_rows, response_task, review_overdue, score,
    score_history, ExposurePoint, HeatMap, RegisterColumn, RegisterFilter, RegisterSort, RiskBand, RiskMove,
    IMPACT_LEVELS, LEVELS, POSSIBLE_SCORES, PROBABILITY_LEVELS,
};
use planwright::model::validate::{validate_plan, MAX_RISK_CATEGORIES};
use planwright::model::{
    apply, default_risk_categories, Command, Item, ModelError, PersonId, Plan, Risk, RiskAssessment, RiskId,
    RiskResponse, RiskStatus, TaskId, DEFAULT_RISK_CATEGORIES,
};
use planwright::schedule::compute;

// ---------------------------------------------------------------- helpers

fn entry(on: NaiveDate, probability: u8, impact: u8, status: RiskStatus) -> RiskAssessment {
    RiskAssessment { date: on, probability, impact, status }
}

fn open(on: NaiveDate, probability: u8, impact: u8) -> RiskAssessment {
    entry(on, probability, impact, RiskStatus::Open)
}

/// Applies a command that must succeed and change the plan, checks that its undo
/// restores the plan exactly and that the redo (the undo's own inverse) gives the same
/// result again, and returns the plan as the command left it.
fn applies_and_undoes(plan: &mut Plan, command: Command) -> Plan {
    let before = plan.clone();
    let undo = apply(plan, command.clone()).unwrap_or_else(|error| panic!("{command:?} was refused: {error}"));
    assert_ne!(*plan, before, "{command:?} changed nothing");
    let after = plan.clone();
    let redo = apply(plan, undo.clone()).unwrap_or_else(|error| panic!("the undo {undo:?} was refused: {error}"));
    assert_eq!(*plan, before, "the undo restores the plan exactly");
    apply(plan, redo).unwrap();
    assert_eq!(*plan, after, "the redo gives the same plan again");
    assert!(validate_plan(plan).is_empty(), "{:?}", validate_plan(plan));
    after
}

fn refused(plan: &mut Plan, command: Command) -> ModelError {
    let before = plan.clone();
    let error = apply(plan, command.clone()).expect_err("the command was accepted");
    assert_eq!(*plan, before, "a refused command changes nothing");
    error
}

/// The risk as stored, changed by `change`, as an `EditRisk` on `today`.
fn edit(plan: &Plan, id: &str, today: NaiveDate, change: impl FnOnce(&mut Risk)) -> Command {
    let mut risk = plan.risk(id).unwrap().clone();
    change(&mut risk);
    Command::EditRisk { risk, today }
}

fn ids(risks: &[RiskId]) -> Vec<&str> {
    risks.iter().map(RiskId::as_str).collect()
}

/// A file of the sample plan with `edit` applied to its JSON text.
fn file_with(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut value: serde_json::Value = serde_json::from_str(&to_json(&sample_plan())).unwrap();
    edit(&mut value["plan"]);
    serde_json::to_string_pretty(&value).unwrap()
}

fn refused_file(text: &str) -> FileError {
    parse(text).expect_err("the file was accepted")
}

fn assert_problem(error: &FileError, kind: FileErrorKind, path: &str, message_part: &str) {
    assert_eq!(error.kind, kind, "{error:?}");
    let found = error
        .problems
        .iter()
        .any(|problem| problem.path.as_deref() == Some(path) && problem.message.contains(message_part));
    assert!(found, "no problem at {path} saying {message_part:?}: {error:?}");
}

// ---------------------------------------------------------------- scores and bands

#[test]
fn the_score_is_probability_times_impact_for_every_cell() {
    for probability in LEVELS {
        for impact in LEVELS {
            let risk = Risk { probability, impact, ..Risk::new("R1".into(), "x") };
            assert_eq!(risk.score(), probability * impact);
            assert_eq!(score(probability, impact), probability * impact);
            assert_eq!(RiskBand::of(&risk), RiskBand::of_score(probability * impact));
        }
    }
}

#[test]
fn every_band_boundary() {
    let cases = [
        (1, RiskBand::Low),
        (4, RiskBand::Low),
        (5, RiskBand::Medium),
        (9, RiskBand::Medium),
        (10, RiskBand::High),
        (16, RiskBand::High),
        (20, RiskBand::Critical),
        (25, RiskBand::Critical),
    ];
    for (score, band) in cases {
        assert_eq!(RiskBand::of_score(score), band, "score {score}");
        assert!(band.scores().contains(&score));
    }
    assert_eq!(RiskBand::Low.scores(), 1..=4);
    assert_eq!(RiskBand::Medium.scores(), 5..=9);
    assert_eq!(RiskBand::High.scores(), 10..=16);
    assert_eq!(RiskBand::Critical.scores(), 20..=25);
}

#[test]
fn scores_17_to_19_cannot_occur_and_would_fall_in_high() {
    let products: std::collections::BTreeSet<u8> =
        LEVELS.flat_map(|probability| LEVELS.map(move |impact| probability * impact)).collect();
    assert_eq!(products.into_iter().collect::<Vec<_>>(), POSSIBLE_SCORES);
    for impossible in 17..=19 {
        assert!(!POSSIBLE_SCORES.contains(&impossible));
        assert!(RiskBand::ALL.iter().all(|band| !band.scores().contains(&impossible)));
        assert_eq!(RiskBand::of_score(impossible), RiskBand::High);
    }
    // Every possible score is in exactly one band, and in the band of_score gives.
    for score in POSSIBLE_SCORES {
        let bands: Vec<RiskBand> = RiskBand::ALL.into_iter().filter(|band| band.scores().contains(&score)).collect();
        assert_eq!(bands, [RiskBand::of_score(score)], "score {score}");
    }
}

#[test]
fn the_grid_has_8_low_7_medium_7_high_and_3_critical_cells() {
    let mut cells = std::collections::BTreeMap::new();
    for probability in LEVELS {
        for impact in LEVELS {
            *cells.entry(RiskBand::of_score(probability * impact)).or_insert(0) += 1;
        }
    }
    assert_eq!(
        cells.into_iter().collect::<Vec<_>>(),
        [(RiskBand::Low, 8), (RiskBand::Medium, 7), (RiskBand::High, 7), (RiskBand::Critical, 3)]
    );
}

#[test]
fn bands_have_labels_that_read_back() {
    let labels: Vec<&str> = RiskBand::ALL.iter().map(|band| band.label()).collect();
    assert_eq!(labels, ["low", "medium", "high", "critical"]);
    for band in RiskBand::ALL {
        assert_eq!(RiskBand::from_label(band.label()), Some(band));
    }
    assert_eq!(RiskBand::from_label("severe"), None);
    assert!(RiskBand::Low < RiskBand::Critical, "bands order by seriousness");
}

#[test]
fn every_level_has_a_name_and_a_plain_meaning() {
    for levels in [PROBABILITY_LEVELS, IMPACT_LEVELS] {
        assert_eq!(levels.map(|level| level.value), [1, 2, 3, 4, 5]);
        assert!(levels.iter().all(|level| !level.name.is_empty() && !level.meaning.is_empty()));
    }
    assert_eq!(impact_level(5).unwrap().meaning, "program fails or slips more than a month");
    assert_eq!(probability_level(5).unwrap().name, "Almost certain");
    assert_eq!(probability_level(1).unwrap().name, "Rare");
    assert_eq!(impact_level(1).unwrap().name, "Negligible");
    for outside in [0, 6, 255] {
        assert_eq!(probability_level(outside), None);
        assert_eq!(impact_level(outside), None);
    }
}

// ---------------------------------------------------------------- the register

#[test]
fn a_review_is_overdue_only_after_its_date_and_only_while_the_risk_is_open() {
    let today = date(2027, 2, 10);
    let with = |review: Option<NaiveDate>, status: RiskStatus| Risk {
        review_date: review,
        status,
        ..Risk::new("R1".into(), "x")
    };
    assert!(review_overdue(&with(Some(date(2027, 2, 9)), RiskStatus::Open), today), "yesterday");
    assert!(review_overdue(&with(Some(date(2026, 1, 1)), RiskStatus::Monitoring), today));
    assert!(!review_overdue(&with(Some(today), RiskStatus::Open), today), "due today is not overdue yet");
    assert!(!review_overdue(&with(Some(date(2027, 2, 11)), RiskStatus::Open), today));
    assert!(!review_overdue(&with(None, RiskStatus::Open), today));
    assert!(!review_overdue(&with(Some(date(2027, 1, 1)), RiskStatus::Closed), today));
    assert!(!review_overdue(&with(Some(date(2027, 1, 1)), RiskStatus::Occurred), today));

    let plan = sample_plan();
    // R1 is reviewed on 2027-01-11; R2 and R3 have no review date.
    assert_eq!(ids(&overdue_reviews(&plan, date(2027, 1, 11))), Vec::<&str>::new());
    assert_eq!(ids(&overdue_reviews(&plan, date(2027, 1, 12))), ["R1"]);
}

#[test]
fn open_and_monitoring_count_as_open_closed_and_occurred_do_not() {
    let open: Vec<RiskStatus> = RiskStatus::ALL.into_iter().filter(|status| status.is_open()).collect();
    assert_eq!(open, [RiskStatus::Open, RiskStatus::Monitoring]);
}

#[test]
fn the_default_order_puts_open_risks_first_then_the_highest_score() {
    let mut plan = sample_plan();
    let scored = |id: &str, probability: u8, impact: u8, status: RiskStatus| Risk {
        probability,
        impact,
        status,
        ..risk(id, id, None, &[])
    };
    plan.risks = vec![
        scored("R1", 1, 1, RiskStatus::Closed),
        scored("R2", 2, 2, RiskStatus::Open),
        scored("R3", 5, 5, RiskStatus::Monitoring),
        scored("R4", 4, 4, RiskStatus::Open),
        scored("R5", 2, 2, RiskStatus::Open),
        scored("R6", 5, 5, RiskStatus::Occurred),
    ];
    let order: Vec<&str> = register_order(&plan).into_iter().map(|index| plan.risks[index].id.as_str()).collect();
    assert_eq!(order, ["R4", "R2", "R5", "R3", "R6", "R1"], "equal scores keep plan order");
}

/// Seven risks over every status, band and owner case, for the register's table.
fn register_plan() -> Plan {
    let mut plan = sample_plan();
    let day = |d| date(2027, 1, d);
    plan.risks = vec![
        Risk {
            probability: 2,
            impact: 2,
            review_date: Some(day(20)),
            ..risk("R2", "Vendor late", Some("P2"), &["T3"])
        },
        Risk {
            probability: 5,
            impact: 4,
            updated: Some(day(9)),
            ..risk("R10", "Key engineer leaves", Some("P1"), &[])
        },
        Risk { probability: 3, impact: 3, status: RiskStatus::Monitoring, ..risk("R3", "Scope creep", None, &["T5"]) },
        Risk { probability: 5, impact: 5, status: RiskStatus::Closed, ..risk("R4", "Audit fails", Some("P3"), &[]) },
        Risk {
            probability: 3,
            impact: 3,
            category: "external".into(),
            mitigation: "Second supplier on standby".into(),
            review_date: Some(day(11)),
            ..risk("R5", "Card network change", Some("P3"), &["T2"])
        },
        Risk { probability: 1, impact: 5, status: RiskStatus::Occurred, ..risk("R6", "Outage", Some("P1"), &[]) },
    ];
    plan
}

fn row_ids<'a>(plan: &'a Plan, filter: &RegisterFilter, sort: Option<RegisterSort>) -> Vec<&'a str> {
    register_rows(plan, filter, sort).into_iter().map(|index| plan.risks[index].id.as_str()).collect::<Vec<_>>()
}

#[test]
fn the_register_hides_closed_risks_until_asked_and_keeps_the_default_order() {
    let plan = register_plan();
    let all = RegisterFilter::default();
    assert_eq!(row_ids(&plan, &all, None), ["R10", "R5", "R2", "R3", "R6"], "open by score, then monitoring, occurred");
    assert!(!all.is_narrowed());
    let with_closed = RegisterFilter { show_closed: true, ..RegisterFilter::default() };
    assert_eq!(row_ids(&plan, &with_closed, None), ["R10", "R5", "R2", "R3", "R6", "R4"]);
    let closed = RegisterFilter { status: Some(RiskStatus::Closed), ..RegisterFilter::default() };
    assert_eq!(row_ids(&plan, &closed, None), ["R4"], "asking for closed risks shows them without the toggle");
    assert!(closed.is_narrowed());
}

#[test]
fn the_register_filters_by_status_owner_band_category_cell_and_text() {
    let plan = register_plan();
    let rows = |filter: RegisterFilter| row_ids(&plan, &filter, None);
    assert_eq!(rows(RegisterFilter { status: Some(RiskStatus::Monitoring), ..Default::default() }), ["R3"]);
    assert_eq!(rows(RegisterFilter { owner: Some(Some(PersonId::new("P1"))), ..Default::default() }), ["R10", "R6"]);
    assert_eq!(rows(RegisterFilter { owner: Some(None), ..Default::default() }), ["R3"], "no owner");
    assert_eq!(rows(RegisterFilter { band: Some(RiskBand::Medium), ..Default::default() }), ["R5", "R3", "R6"]);
    assert_eq!(
        rows(RegisterFilter { band: Some(RiskBand::Critical), show_closed: true, ..Default::default() }),
        ["R10", "R4"]
    );
    assert_eq!(rows(RegisterFilter { category: Some("external".into()), ..Default::default() }), ["R5"]);
    assert_eq!(
        rows(RegisterFilter { cell: Some((3, 3)), ..Default::default() }),
        ["R5", "R3"],
        "a heat-map cell holds open and monitoring risks, as it counts them"
    );
    assert_eq!(
        rows(RegisterFilter { cell: Some((5, 5)), show_closed: true, ..Default::default() }),
        Vec::<&str>::new(),
        "closed R4 is not in the cell"
    );
    assert_eq!(HeatMap::of(&plan).count(3, 3), 2);
    // Text: every word, any field, ignoring case: title, mitigation, owner's name, task ids.
    assert_eq!(rows(RegisterFilter { text: "SUPPLIER".into(), ..Default::default() }), ["R5"]);
    assert_eq!(rows(RegisterFilter { text: "ada".into(), ..Default::default() }), ["R10", "R6"], "owner Ada Lovelace");
    assert_eq!(rows(RegisterFilter { text: "t5".into(), ..Default::default() }), ["R3"], "linked task");
    assert_eq!(rows(RegisterFilter { text: "  vendor   late ".into(), ..Default::default() }), ["R2"]);
    assert_eq!(rows(RegisterFilter { text: "vendor outage".into(), ..Default::default() }), Vec::<&str>::new());
}

#[test]
fn the_register_sorts_by_any_column_with_empty_values_last() {
    let plan = register_plan();
    let shown = RegisterFilter { show_closed: true, ..RegisterFilter::default() };
    let sorted = |column, descending| row_ids(&plan, &shown, Some(RegisterSort { column, descending }));
    assert_eq!(sorted(RegisterColumn::Id, false), ["R2", "R3", "R4", "R5", "R6", "R10"], "by the id's number");
    assert_eq!(sorted(RegisterColumn::Id, true), ["R10", "R6", "R5", "R4", "R3", "R2"]);
    assert_eq!(
        sorted(RegisterColumn::Score, true),
        ["R4", "R10", "R5", "R3", "R6", "R2"],
        "equal scores keep the default order"
    );
    assert_eq!(sorted(RegisterColumn::Title, false), ["R4", "R5", "R10", "R6", "R3", "R2"]);
    assert_eq!(sorted(RegisterColumn::Owner, false), ["R10", "R6", "R2", "R5", "R4", "R3"], "by name; no owner last");
    assert_eq!(sorted(RegisterColumn::Owner, true), ["R5", "R4", "R2", "R10", "R6", "R3"], "no owner last either way");
    assert_eq!(sorted(RegisterColumn::Review, false), ["R5", "R2", "R10", "R3", "R6", "R4"], "no review date last");
    assert_eq!(sorted(RegisterColumn::Review, true), ["R2", "R5", "R10", "R3", "R6", "R4"]);
    assert_eq!(sorted(RegisterColumn::Status, false), ["R10", "R5", "R2", "R3", "R6", "R4"]);
    assert_eq!(sorted(RegisterColumn::Updated, false)[0], "R10", "the only one with an updated date");
    assert_eq!(sorted(RegisterColumn::Probability, false), ["R6", "R2", "R5", "R3", "R10", "R4"]);
}

#[test]
fn the_heat_map_counts_open_risks_by_probability_and_impact() {
    let mut plan = sample_plan();
    plan.risks.push(Risk { probability: 4, impact: 5, ..risk("R4", "Same cell as R1", None, &[]) });
    plan.risks.push(Risk { probability: 4, impact: 5, status: RiskStatus::Closed, ..risk("R5", "Closed", None, &[]) });
    let map = HeatMap::of(&plan);
    assert_eq!(map.count(4, 5), 2, "R1 and R4; the closed R5 does not count");
    assert_eq!(map.count(3, 3), 2, "R2 (monitoring) and R3");
    assert_eq!(map.total(), 4);
    assert_eq!((map.count(0, 3), map.count(3, 6)), (0, 0));
    assert_eq!(map.counts[3][4], 2, "counts[probability - 1][impact - 1]");
}

// ---------------------------------------------------------------- history: EditRisk

#[test]
fn changing_probability_records_a_history_entry_dated_today_and_undo_removes_it() {
    let mut plan = sample_plan();
    let today = date(2027, 1, 20);
    assert!(plan.risk("R1").unwrap().history.is_empty());
    let after = {
        let command = edit(&plan, "R1", today, |risk| risk.probability = 2);
        applies_and_undoes(&mut plan, command)
    };
    let risk = after.risk("R1").unwrap();
    assert_eq!((risk.probability, risk.impact), (2, 5));
    assert_eq!(risk.history, [open(today, 2, 5)]);
    assert_eq!(risk.updated, Some(today));
    assert_eq!(risk.created, None, "unknown, and an edit does not invent it");
}

#[test]
fn changing_impact_or_status_records_too_and_other_fields_only_set_updated() {
    let mut plan = sample_plan();
    let (monday, tuesday, wednesday) = (date(2027, 1, 18), date(2027, 1, 19), date(2027, 1, 20));
    {
        let command = edit(&plan, "R1", monday, |risk| risk.impact = 3);
        applies_and_undoes(&mut plan, command)
    };
    {
        let command = edit(&plan, "R1", tuesday, |risk| risk.status = RiskStatus::Monitoring);
        applies_and_undoes(&mut plan, command)
    };
    let after = {
        let command = edit(&plan, "R1", wednesday, |risk| {
            risk.mitigation = "A third vendor.".into();
            risk.review_date = Some(date(2027, 2, 1));
        });
        applies_and_undoes(&mut plan, command)
    };
    let risk = after.risk("R1").unwrap();
    assert_eq!(risk.history, [open(monday, 4, 3), entry(tuesday, 4, 3, RiskStatus::Monitoring)]);
    assert_eq!(risk.updated, Some(wednesday));
    assert_eq!(risk.mitigation, "A third vendor.");
}

#[test]
fn an_edit_that_changes_nothing_changes_nothing() {
    let mut plan = sample_plan();
    let before = plan.clone();
    let undo = {
        let command = edit(&plan, "R1", date(2027, 1, 20), |_| {});
        apply(&mut plan, command)
    }
    .unwrap();
    assert_eq!(plan, before, "not even the updated date");
    apply(&mut plan, undo).unwrap();
    assert_eq!(plan, before);
}

#[test]
fn a_second_change_on_the_same_day_replaces_that_days_entry() {
    let mut plan = sample_plan();
    let (first, second) = (date(2027, 1, 18), date(2027, 1, 25));
    {
        let command = edit(&plan, "R1", first, |risk| risk.probability = 3);
        apply(&mut plan, command)
    }
    .unwrap();
    {
        let command = edit(&plan, "R1", second, |risk| risk.probability = 2);
        apply(&mut plan, command)
    }
    .unwrap();
    let after = {
        let command = edit(&plan, "R1", second, |risk| risk.probability = 1);
        applies_and_undoes(&mut plan, command)
    };
    assert_eq!(after.risk("R1").unwrap().history, [open(first, 3, 5), open(second, 1, 5)]);

    // Back to where the day began: the day leaves no entry.
    let after = {
        let command = edit(&plan, "R1", second, |risk| risk.probability = 3);
        applies_and_undoes(&mut plan, command)
    };
    assert_eq!(after.risk("R1").unwrap().history, [open(first, 3, 5)]);
    assert_eq!(after.risk("R1").unwrap().updated, Some(second));
}

#[test]
fn undo_of_a_same_day_change_restores_the_entry_it_replaced() {
    let mut plan = sample_plan();
    let today = date(2027, 1, 18);
    {
        let command = edit(&plan, "R1", today, |risk| risk.probability = 3);
        apply(&mut plan, command)
    }
    .unwrap();
    let before = plan.clone();
    let undo = {
        let command = edit(&plan, "R1", today, |risk| risk.probability = 2);
        apply(&mut plan, command)
    }
    .unwrap();
    assert_eq!(plan.risk("R1").unwrap().history, [open(today, 2, 5)]);
    apply(&mut plan, undo).unwrap();
    assert_eq!(plan, before);
    assert_eq!(plan.risk("R1").unwrap().history, [open(today, 3, 5)]);
}

#[test]
fn the_first_change_of_a_risk_without_history_keeps_its_old_values_from_its_created_date() {
    let mut plan = sample_plan();
    plan.risks[0].created = Some(date(2027, 1, 4));
    let today = date(2027, 1, 20);
    let after = {
        let command = edit(&plan, "R1", today, |risk| risk.probability = 2);
        applies_and_undoes(&mut plan, command)
    };
    assert_eq!(after.risk("R1").unwrap().history, [open(date(2027, 1, 4), 4, 5), open(today, 2, 5)]);

    // Created the same day: the day's last values are all there is.
    let mut plan = sample_plan();
    plan.risks[0].created = Some(today);
    let after = {
        let command = edit(&plan, "R1", today, |risk| risk.probability = 2);
        applies_and_undoes(&mut plan, command)
    };
    assert_eq!(after.risk("R1").unwrap().history, [open(today, 2, 5)]);
}

#[test]
fn edit_risk_keeps_the_stored_dates_and_history_whatever_the_edit_holds() {
    let mut plan = sample_plan();
    plan.risks[0].created = Some(date(2027, 1, 4));
    plan.risks[0].history = vec![open(date(2027, 1, 4), 4, 5)];
    let today = date(2027, 1, 20);
    let after = {
        let command = edit(&plan, "R1", today, |risk| {
            risk.title = "Vendor API very late".into();
            risk.created = Some(date(2030, 1, 1));
            risk.updated = Some(date(2030, 1, 1));
            risk.history = vec![open(date(2030, 1, 1), 1, 1)];
        });
        applies_and_undoes(&mut plan, command)
    };
    let risk = after.risk("R1").unwrap();
    assert_eq!(risk.title, "Vendor API very late");
    assert_eq!(risk.created, Some(date(2027, 1, 4)));
    assert_eq!(risk.updated, Some(today));
    assert_eq!(risk.history, [open(date(2027, 1, 4), 4, 5)]);
}

#[test]
fn an_edit_dated_before_the_last_entry_goes_into_that_entry_so_the_history_stays_in_order() {
    let mut plan = sample_plan();
    let colleague = date(2027, 1, 21);
    plan.risks[0].history = vec![open(date(2027, 1, 4), 3, 5), open(colleague, 4, 5)];
    plan.risks[0].updated = Some(colleague);
    let behind = date(2027, 1, 20);
    let after = {
        let command = edit(&plan, "R1", behind, |risk| risk.impact = 4);
        applies_and_undoes(&mut plan, command)
    };
    let risk = after.risk("R1").unwrap();
    assert_eq!(risk.history, [open(date(2027, 1, 4), 3, 5), open(colleague, 4, 4)]);
    assert_eq!(risk.updated, Some(colleague), "updated never goes back");
}

#[test]
fn an_invalid_edit_is_refused_and_changes_nothing() {
    let mut plan = sample_plan();
    let today = date(2027, 1, 20);
    let error = {
        let command = edit(&plan, "R1", today, |risk| risk.probability = 6);
        refused(&mut plan, command)
    };
    assert!(matches!(&error, ModelError::Invalid { field, .. } if field == "probability"), "{error:?}");
    let error = {
        let command = edit(&plan, "R1", today, |risk| risk.category = "weather".into());
        refused(&mut plan, command)
    };
    assert_eq!(
        error,
        ModelError::Invalid {
            field: "category".into(),
            message: "\"weather\" is not one of the plan's risk categories (technical, schedule, resource, scope, \
                      external, budget)"
                .into()
        }
    );
    let error = {
        let command = edit(&plan, "R1", today, |risk| risk.owner = Some("P9".into()));
        refused(&mut plan, command)
    };
    assert_eq!(error, ModelError::NotFound(Item::Person("P9".into())));
    let error = refused(&mut plan, Command::EditRisk { risk: risk("R9", "Ghost", None, &[]), today });
    assert_eq!(error, ModelError::NotFound(Item::Risk("R9".into())));
    let error = {
        let command = edit(&plan, "R1", date(2201, 1, 1), |risk| risk.impact = 1);
        refused(&mut plan, command)
    };
    assert!(matches!(&error, ModelError::Invalid { field, .. } if field == "updated"), "{error:?}");
}

#[test]
fn update_risk_replaces_the_risk_exactly_history_included() {
    let mut plan = sample_plan();
    let mut replacement = plan.risk("R2").unwrap().clone();
    replacement.history = vec![open(date(2027, 1, 4), 2, 2), open(date(2027, 1, 8), 3, 3)];
    replacement.created = Some(date(2027, 1, 4));
    let after = applies_and_undoes(&mut plan, Command::UpdateRisk(replacement.clone()));
    assert_eq!(after.risk("R2").unwrap(), &replacement);

    let mut out_of_order = replacement.clone();
    out_of_order.history.reverse();
    let error = refused(&mut plan, Command::UpdateRisk(out_of_order));
    assert_eq!(
        error,
        ModelError::Invalid {
            field: "history".into(),
            message: "entry 2: date 2027-01-04 is not after the entry before it (2027-01-08): the history is oldest \
                      first, one entry per day"
                .into()
        }
    );
}

// ---------------------------------------------------------------- new, duplicate, occurred

#[test]
fn a_new_risk_is_dated_today_with_its_first_history_entry() {
    let mut plan = sample_plan();
    let today = date(2027, 1, 20);
    let new = new_risk(&plan, "Load test fails", today);
    assert_eq!(new.id, RiskId::new("R4"));
    assert_eq!((new.probability, new.impact, new.status), (3, 3, RiskStatus::Open));
    assert_eq!(new.category, "technical");
    assert_eq!((new.created, new.updated), (Some(today), Some(today)));
    assert_eq!(new.history, [open(today, 3, 3)]);
    let after = applies_and_undoes(&mut plan, Command::AddRisk { risk: new.clone(), index: None });
    assert_eq!(after.risks.last(), Some(&new));

    plan.risk_categories = vec!["people".into(), "money".into()];
    plan.risks.clear();
    assert_eq!(new_risk(&plan, "x", today).category, "people", "the plan's first category");
}

#[test]
fn a_duplicate_is_a_new_risk_just_after_the_original() {
    let mut plan = sample_plan();
    let today = date(2027, 1, 20);
    plan.risks[0].history = vec![open(date(2027, 1, 4), 4, 5)];
    let command = duplicate_risk(&plan, &RiskId::new("R1"), today).unwrap();
    let after = applies_and_undoes(&mut plan, command);
    let ids: Vec<&str> = after.risks.iter().map(|risk| risk.id.as_str()).collect();
    assert_eq!(ids, ["R1", "R4", "R2", "R3"]);
    let copy = &after.risks[1];
    let original = &after.risks[0];
    assert_eq!(copy.title, "Payment vendor API late (copy)");
    assert_eq!((copy.probability, copy.impact, &copy.owner), (4, 5, &original.owner));
    assert_eq!(copy.linked_tasks, original.linked_tasks);
    assert_eq!(copy.history, [open(today, 4, 5)], "a fresh history");
    assert_eq!((copy.created, copy.updated), (Some(today), Some(today)));
    assert_eq!(duplicate_risk(&plan, &RiskId::new("R9"), today), None);
}

#[test]
fn occurred_adds_a_linked_response_task_beside_the_threatened_one_in_one_undo_step() {
    let mut plan = sample_plan();
    plan.risks[0].contingency = "Switch to the second vendor.".into();
    let today = date(2027, 1, 20);
    let (task, index) = response_task(&plan, &plan.risks[0], today);
    assert_eq!(task.id, TaskId::new("T8"));
    assert_eq!(task.name, "Respond to R1: Payment vendor API late");
    assert_eq!(task.notes, "Switch to the second vendor.");
    assert_eq!(task.start_no_earlier_than, Some(today));
    assert_eq!(task.parent, Some(TaskId::new("T1")), "R1 threatens T3, under T1");
    assert_eq!(index, 3, "just after T3");

    let command = mark_occurred(&plan, &RiskId::new("R1"), today, true, false).unwrap();
    let after = applies_and_undoes(&mut plan, command);
    assert_eq!(after.tasks[3].id, TaskId::new("T8"));
    let risk = after.risk("R1").unwrap();
    assert_eq!(risk.status, RiskStatus::Occurred);
    assert_eq!(risk.linked_tasks, [TaskId::new("T3"), TaskId::new("T6"), TaskId::new("T8")]);
    assert_eq!(risk.history, [entry(today, 4, 5, RiskStatus::Occurred)]);
    compute(&after).expect("the plan still schedules");
}

#[test]
fn occurred_without_a_task_only_sets_the_status_and_a_risk_without_links_gets_its_task_at_the_end() {
    let mut plan = sample_plan();
    let today = date(2027, 1, 20);
    let command = mark_occurred(&plan, &RiskId::new("R2"), today, false, false).unwrap();
    assert!(matches!(command, Command::EditRisk { .. }));
    let after = applies_and_undoes(&mut plan, command);
    assert_eq!(after.tasks, sample_plan().tasks);
    assert_eq!(after.risk("R2").unwrap().status, RiskStatus::Occurred);

    let (task, index) = response_task(&plan, plan.risk("R2").unwrap(), today);
    assert_eq!((task.parent, index), (None, plan.tasks.len()));
    assert_eq!(
        mark_occurred(&plan, &RiskId::new("R9"), today, true, false).unwrap_err(),
        ModelError::NotFound(Item::Risk("R9".into()))
    );
}

// ---------------------------------------------------------------- history: reading it

/// Three risks with histories, one without dates and one created without history:
///
/// ```text
/// R1  01-04 2×3 open      01-11 4×3 open   01-18 4×3 closed
/// R2  01-11 5×5 open      01-18 3×5 monitoring
/// R3  no dates, 2×2 open (counts throughout)
/// R4  created 01-08, no history, 1×3 open
/// ```
fn history_plan() -> Plan {
    let mut plan = sample_plan();
    let dated = |id: &str, history: Vec<RiskAssessment>| {
        let last = *history.last().unwrap();
        Risk {
            probability: last.probability,
            impact: last.impact,
            status: last.status,
            created: Some(history[0].date),
            updated: Some(last.date),
            history,
            ..risk(id, id, None, &[])
        }
    };
    plan.risks = vec![
        dated(
            "R1",
            vec![
                open(date(2027, 1, 4), 2, 3),
                open(date(2027, 1, 11), 4, 3),
                entry(date(2027, 1, 18), 4, 3, RiskStatus::Closed),
            ],
        ),
        dated("R2", vec![open(date(2027, 1, 11), 5, 5), entry(date(2027, 1, 18), 3, 5, RiskStatus::Monitoring)]),
        Risk { probability: 2, impact: 2, ..risk("R3", "R3", None, &[]) },
        Risk { probability: 1, impact: 3, created: Some(date(2027, 1, 8)), ..risk("R4", "R4", None, &[]) },
    ];
    assert!(validate_plan(&plan).is_empty(), "{:?}", validate_plan(&plan));
    plan
}

#[test]
fn where_a_risk_stood_on_a_day_is_the_last_entry_on_or_before_it() {
    let plan = history_plan();
    let r1 = plan.risk("R1").unwrap();
    assert_eq!(assessment_on(r1, date(2027, 1, 3)), None, "before its first entry");
    assert_eq!(assessment_on(r1, date(2027, 1, 4)), Some(open(date(2027, 1, 4), 2, 3)));
    assert_eq!(assessment_on(r1, date(2027, 1, 10)), Some(open(date(2027, 1, 4), 2, 3)));
    assert_eq!(assessment_on(r1, date(2027, 1, 11)), Some(open(date(2027, 1, 11), 4, 3)));
    assert_eq!(assessment_on(r1, date(2030, 1, 1)), Some(entry(date(2027, 1, 18), 4, 3, RiskStatus::Closed)));

    let r3 = plan.risk("R3").unwrap();
    assert_eq!(assessment_on(r3, date(1999, 1, 1)), Some(open(date(1999, 1, 1), 2, 2)), "no dates: always there");
    let r4 = plan.risk("R4").unwrap();
    assert_eq!(assessment_on(r4, date(2027, 1, 7)), None, "before it was created");
    assert_eq!(assessment_on(r4, date(2027, 1, 9)), Some(open(date(2027, 1, 8), 1, 3)));
}

#[test]
fn the_exposure_series_sums_the_open_scores_at_every_change() {
    let plan = history_plan();
    let point = |on: NaiveDate, exposure: u32, open_risks: u32| ExposurePoint { date: on, exposure, open_risks };
    assert_eq!(
        exposure_series(&plan, date(2027, 1, 25)),
        [
            point(date(2027, 1, 4), 6 + 4, 2),            // R1 2×3, R3 2×2
            point(date(2027, 1, 8), 6 + 4 + 3, 3),        // R4 created
            point(date(2027, 1, 11), 12 + 25 + 4 + 3, 4), // R1 4×3, R2 5×5
            point(date(2027, 1, 18), 15 + 4 + 3, 3),      // R1 closed, R2 3×5 monitoring
            point(date(2027, 1, 25), 15 + 4 + 3, 3),      // today
        ]
    );
    // Today on the last change: no extra point. Today before the changes: they are all shown.
    assert_eq!(exposure_series(&plan, date(2027, 1, 18)).len(), 4);
    assert_eq!(exposure_series(&plan, date(2026, 12, 1)).len(), 4);
}

#[test]
fn the_last_exposure_point_is_the_registers_current_open_total() {
    let plan = history_plan();
    let current: u32 = plan.risks.iter().filter(|risk| risk.status.is_open()).map(|risk| u32::from(risk.score())).sum();
    assert_eq!(exposure_series(&plan, date(2027, 3, 1)).last().unwrap().exposure, current);
}

#[test]
fn a_plan_without_dates_has_one_exposure_point_today() {
    let plan = sample_plan();
    let today = date(2027, 1, 20);
    // R1 4×5 open, R2 3×3 monitoring, R3 3×3 open.
    assert_eq!(exposure_series(&plan, today), [ExposurePoint { date: today, exposure: 20 + 9 + 9, open_risks: 3 }]);
    let empty = common::empty_plan();
    assert_eq!(exposure_series(&empty, today), [ExposurePoint { date: today, exposure: 0, open_risks: 0 }]);
}

#[test]
fn a_risks_score_over_time_runs_from_its_history_to_today() {
    let plan = history_plan();
    let today = date(2027, 1, 25);
    let r2 = plan.risk("R2").unwrap();
    assert_eq!(
        score_history(r2, today),
        [
            open(date(2027, 1, 11), 5, 5),
            entry(date(2027, 1, 18), 3, 5, RiskStatus::Monitoring),
            entry(today, 3, 5, RiskStatus::Monitoring),
        ]
    );
    let scores: Vec<u8> = score_history(r2, today).iter().map(RiskAssessment::score).collect();
    assert_eq!(scores, [25, 15, 15]);
    assert_eq!(score_history(r2, date(2027, 1, 18)).len(), 2, "no repeat of the last day");
    let r4 = plan.risk("R4").unwrap();
    assert_eq!(score_history(r4, today), [open(date(2027, 1, 8), 1, 3), open(today, 1, 3)]);
    let r3 = plan.risk("R3").unwrap();
    assert_eq!(score_history(r3, today), [open(today, 2, 2)]);
}

#[test]
fn moves_since_a_day_give_the_heat_map_ghosts() {
    let plan = history_plan();
    let since = date(2027, 1, 11);
    assert_eq!(
        moves_since(&plan, since),
        [
            RiskMove { risk: "R1".into(), then: Some((4, 3)), now: None },
            RiskMove { risk: "R2".into(), then: Some((5, 5)), now: Some((3, 5)) },
        ]
    );
    assert_eq!(
        moves_since(&plan, date(2027, 1, 5)),
        [
            RiskMove { risk: "R1".into(), then: Some((2, 3)), now: None },
            RiskMove { risk: "R2".into(), then: None, now: Some((3, 5)) },
            RiskMove { risk: "R4".into(), then: None, now: Some((1, 3)) },
        ],
        "R2 and R4 did not exist yet"
    );
    assert_eq!(moves_since(&plan, date(2027, 2, 1)), [], "nothing moved since the last change");
    assert_eq!(last_baseline_date(&plan), Some(date(2027, 1, 4)));
    assert_eq!(last_baseline_date(&common::empty_plan()), None);
}

#[test]
fn edits_build_the_history_that_the_series_read() {
    let mut plan = common::empty_plan();
    let days = [date(2027, 1, 4), date(2027, 1, 11), date(2027, 1, 18)];
    let new = new_risk(&plan, "Vendor late", days[0]);
    apply(&mut plan, Command::AddRisk { risk: new, index: None }).unwrap();
    {
        let command = edit(&plan, "R1", days[1], |risk| risk.probability = 5);
        apply(&mut plan, command)
    }
    .unwrap();
    {
        let command = edit(&plan, "R1", days[2], |risk| risk.status = RiskStatus::Closed);
        apply(&mut plan, command)
    }
    .unwrap();
    let exposure: Vec<(NaiveDate, u32)> =
        exposure_series(&plan, days[2]).iter().map(|point| (point.date, point.exposure)).collect();
    assert_eq!(exposure, [(days[0], 9), (days[1], 15), (days[2], 0)]);
    assert!(parse(&to_json(&plan)).is_ok());
}

// ---------------------------------------------------------------- the critical path

/// T1 (5 days) → T2 (5 days) is the critical path; T3 (1 day) has float.
fn critical_plan() -> Plan {
    let mut plan = common::empty_plan();
    plan.people = vec![person("P1", "Ada Lovelace")];
    plan.tasks = vec![task("T1", "Build", 5), task("T2", "Test", 5), task("T3", "Docs", 1)];
    plan.dependencies = vec![finish_to_start("T1", "T2")];
    plan.risks = vec![
        risk("R1", "Build late", Some("P1"), &["T3", "T2"]),
        risk("R2", "Docs late", None, &["T3"]),
        Risk { status: RiskStatus::Closed, ..risk("R3", "Closed", None, &["T1"]) },
        risk("R4", "No links", None, &[]),
        Risk { status: RiskStatus::Monitoring, ..risk("R5", "Watched", None, &["T1", "T2"]) },
    ];
    plan
}

#[test]
fn open_risks_threatening_critical_tasks_are_flagged_with_those_tasks() {
    let plan = critical_plan();
    let schedule = compute(&plan).unwrap();
    assert!(schedule.tasks[0].critical && schedule.tasks[1].critical && !schedule.tasks[2].critical);
    assert_eq!(
        risks_on_critical_path(&plan, &schedule),
        [
            CriticalRisk { risk: "R1".into(), tasks: vec!["T2".into()] },
            CriticalRisk { risk: "R5".into(), tasks: vec!["T1".into(), "T2".into()] },
        ]
    );
    assert_eq!(critical_linked_tasks(&plan, &schedule, plan.risk("R3").unwrap()), [TaskId::new("T1")]);
    assert_eq!(critical_linked_tasks(&plan, &schedule, plan.risk("R2").unwrap()), Vec::<TaskId>::new());
}

#[test]
fn the_flag_follows_the_schedule_when_the_critical_path_moves() {
    let mut plan = critical_plan();
    plan.tasks[2].duration = 20;
    let schedule = compute(&plan).unwrap();
    let flagged: Vec<String> =
        risks_on_critical_path(&plan, &schedule).into_iter().map(|critical| critical.risk.to_string()).collect();
    assert_eq!(flagged, ["R1", "R2"], "T3 is now the longest path");
}

// ---------------------------------------------------------------- categories

#[test]
fn a_new_plan_has_the_six_default_categories() {
    assert_eq!(common::empty_plan().risk_categories, DEFAULT_RISK_CATEGORIES);
    assert_eq!(default_risk_categories(), DEFAULT_RISK_CATEGORIES);
}

#[test]
fn the_category_list_can_be_replaced_and_undone_but_not_lose_a_category_in_use() {
    let mut plan = sample_plan();
    let mut list = default_risk_categories();
    list.push("security".into());
    let after = applies_and_undoes(&mut plan, Command::SetRiskCategories(list.clone()));
    assert_eq!(after.risk_categories, list);

    // Every sample risk is "technical".
    let error = refused(&mut plan, Command::SetRiskCategories(vec!["schedule".into()]));
    assert_eq!(
        error.to_string(),
        "risk categories must keep \"technical\": R1, R2, R3 still have it (rename the category, or give them \
         another one first)"
    );
    let cases = [
        (vec![], "risk categories", "must name at least one category"),
        (vec!["technical".into(), " ".into()], "risk category 2", "must not be empty"),
        (vec!["technical".into(), "technical".into()], "risk category 2", "repeats \"technical\""),
        (vec!["technical".into(), "x".repeat(501)], "risk category 2", "is longer than 500 characters"),
    ];
    for (list, field, message) in cases {
        let error = refused(&mut plan, Command::SetRiskCategories(list));
        assert_eq!(error, ModelError::Invalid { field: field.into(), message: message.into() });
    }
    let too_many: Vec<String> = (0..=MAX_RISK_CATEGORIES).map(|number| format!("c{number}")).collect();
    let error = refused(&mut plan, Command::SetRiskCategories(too_many));
    assert_eq!(error.to_string(), "risk categories names 101 categories; at most 100");
}

#[test]
fn renaming_a_category_renames_it_in_every_risk_in_one_undo_step() {
    let mut plan = sample_plan();
    plan.risks[1].category = "resource".into();
    let after = applies_and_undoes(
        &mut plan,
        Command::RenameRiskCategory { from: "technical".into(), to: "engineering".into() },
    );
    assert_eq!(after.risk_categories[0], "engineering", "in the same place");
    let categories: Vec<&str> = after.risks.iter().map(|risk| risk.category.as_str()).collect();
    assert_eq!(categories, ["engineering", "resource", "engineering"]);
    assert_eq!(after.risks[0].updated, None, "a rename is not an edit of the risks");

    let mut plan = sample_plan();

    let error = refused(&mut plan, Command::RenameRiskCategory { from: "technical".into(), to: "budget".into() });
    assert_eq!(error, ModelError::AlreadyExists(Item::RiskCategory("budget".into())));
    let error = refused(&mut plan, Command::RenameRiskCategory { from: "weather".into(), to: "x".into() });
    assert_eq!(error, ModelError::NotFound(Item::RiskCategory("weather".into())));
    let error = refused(&mut plan, Command::RenameRiskCategory { from: "technical".into(), to: "".into() });
    assert_eq!(error, ModelError::Invalid { field: "risk category 1".into(), message: "must not be empty".into() });
    let before = plan.clone();
    apply(&mut plan, Command::RenameRiskCategory { from: "scope".into(), to: "scope".into() }).unwrap();
    assert_eq!(plan, before);
}

#[test]
fn a_risk_may_only_have_one_of_the_plans_categories() {
    let mut plan = sample_plan();
    let error = refused(
        &mut plan,
        Command::AddRisk { risk: Risk { category: "Technical".into(), ..risk("R4", "x", None, &[]) }, index: None },
    );
    assert!(matches!(&error, ModelError::Invalid { field, .. } if field == "category"), "{error:?}");
    plan.risk_categories.push("security".into());
    applies_and_undoes(
        &mut plan,
        Command::AddRisk { risk: Risk { category: "security".into(), ..risk("R4", "x", None, &[]) }, index: None },
    );
}

// ---------------------------------------------------------------- the plan file

#[test]
fn every_new_field_round_trips() {
    let mut plan = history_plan();
    plan.risk_categories = vec!["technical".into(), "people".into(), "Ünïcödé \"q\"".into()];
    plan.risks[0].category = "people".into();
    plan.risks[1].category = "Ünïcödé \"q\"".into();
    let text = to_json(&plan);
    assert_eq!(parse(&text).unwrap(), plan);
    assert_eq!(to_json(&parse(&text).unwrap()), text, "the same bytes again");
}

#[test]
fn new_fields_are_written_only_when_they_hold_something() {
    let text = to_json(&sample_plan());
    for field in ["risk_categories", "created", "updated", "history"] {
        assert!(!text.contains(&format!("\"{field}\"")), "{field} written for a plan without it");
    }
    let mut plan = sample_plan();
    plan.risk_categories.push("security".into());
    plan.risks[0].created = Some(date(2027, 1, 4));
    plan.risks[0].history = vec![open(date(2027, 1, 4), 4, 5)];
    let text = to_json(&plan);
    let (categories, risks) = (text.find("\"risk_categories\"").unwrap(), text.find("\"risks\"").unwrap());
    assert!(text.find("\"raci\"").unwrap() < categories && categories < risks, "just before the risks");
    let linked = text.find("\"linked_tasks\"").unwrap();
    let created = text.find("\"created\"").unwrap();
    let history = text.find("\"history\"").unwrap();
    assert!(linked < created && created < history && !text.contains("\"updated\""), "{text}");
    assert!(text.contains(
        "\"history\": [\n          {\n            \"date\": \"2027-01-04\",\n            \"probability\": 4,\n            \
         \"impact\": 5,\n            \"status\": \"open\"\n          }\n        ]"
    ));
}

#[test]
fn files_written_before_the_risk_fields_still_read_and_stay_in_canonical_form() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/accept/full.plan.json");
    let old = std::fs::read_to_string(path).unwrap();
    assert!(!old.contains("history") && !old.contains("risk_categories"));
    let plan = parse(&old).unwrap();
    assert_eq!(plan.risk_categories, DEFAULT_RISK_CATEGORIES);
    assert!(plan.risks.iter().all(|risk| risk.created.is_none() && risk.updated.is_none() && risk.history.is_empty()));
    assert_eq!(to_json(&plan), old, "written again, byte for byte the same");
}

#[test]
fn an_older_file_with_its_own_categories_reads_them_into_the_list() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/accept/risk_categories_of_an_older_file.plan.json");
    let old = std::fs::read_to_string(path).unwrap();
    assert!(!old.contains("risk_categories"));
    let plan = parse(&old).unwrap();
    let mut expected = default_risk_categories();
    expected.extend(["security".to_string(), "Vendor".to_string()]);
    assert_eq!(plan.risk_categories, expected, "the defaults, then the others in order of first use");
    let written = to_json(&plan);
    assert!(written.contains("\"risk_categories\""));
    assert_eq!(parse(&written).unwrap(), plan);
}

#[test]
fn a_history_entry_added_is_a_diff_of_added_lines_only() {
    let mut plan = sample_plan();
    plan.risks[0].history = vec![open(date(2027, 1, 4), 4, 5)];
    plan.risks[0].created = Some(date(2027, 1, 4));
    plan.risks[0].updated = Some(date(2027, 1, 4));
    let before = to_json(&plan);
    {
        let command = edit(&plan, "R1", date(2027, 1, 11), |risk| risk.probability = 3);
        apply(&mut plan, command)
    }
    .unwrap();
    let after = to_json(&plan);
    let removed: Vec<&str> = before.lines().filter(|line| !after.lines().any(|new| new == *line)).collect();
    // Besides the probability and the updated date, only lines are added: the new entry
    // (six lines) and a comma after the old one's closing brace.
    assert_eq!(removed, ["        \"probability\": 4,", "        \"updated\": \"2027-01-04\","], "{after}");
    assert_eq!(after.lines().count(), before.lines().count() + 6);
}

#[test]
fn risk_rules_are_refused_with_their_json_paths() {
    /// What the case is, how it changes the plan's JSON, and the refusal expected.
    type Case = (&'static str, fn(&mut serde_json::Value), FileErrorKind, &'static str, &'static str);
    let cases: [Case; 11] = [
        (
            "category not listed",
            |plan| {
                plan["risk_categories"] = serde_json::json!(["technical", "budget"]);
                plan["risks"][1]["category"] = "weather".into();
            },
            FileErrorKind::Invalid,
            "plan.risks[1].category",
            "\"weather\" is not one of the plan's risk categories (technical, budget)",
        ),
        (
            "category not in the file's own list",
            |plan| plan["risk_categories"] = serde_json::json!(["schedule", "budget"]),
            FileErrorKind::Invalid,
            "plan.risks[0].category",
            "\"technical\" is not one of the plan's risk categories (schedule, budget)",
        ),
        (
            "category listed twice",
            |plan| plan["risk_categories"] = serde_json::json!(["technical", "scope", "technical"]),
            FileErrorKind::Invalid,
            "plan.risk_categories[2]",
            "repeats \"technical\"",
        ),
        (
            "blank category",
            |plan| plan["risk_categories"] = serde_json::json!(["technical", "  "]),
            FileErrorKind::Invalid,
            "plan.risk_categories[1]",
            "must not be empty",
        ),
        (
            "empty list",
            |plan| plan["risk_categories"] = serde_json::json!([]),
            FileErrorKind::Structure,
            "plan.risk_categories",
            "must name at least one category",
        ),
        (
            "history out of order",
            |plan| {
                plan["risks"][2]["history"] = serde_json::json!([
                    {"date": "2027-01-11", "probability": 3, "impact": 3, "status": "open"},
                    {"date": "2027-01-11", "probability": 3, "impact": 3, "status": "open"}
                ])
            },
            FileErrorKind::Invalid,
            "plan.risks[2].history[1].date",
            "2027-01-11 is not after the entry before it (2027-01-11)",
        ),
        (
            "history probability out of range",
            |plan| {
                plan["risks"][0]["history"] =
                    serde_json::json!([{"date": "2027-01-11", "probability": 6, "impact": 3, "status": "open"}])
            },
            FileErrorKind::Invalid,
            "plan.risks[0].history[0].probability",
            "6 is outside 1 to 5",
        ),
        (
            "history date not a date",
            |plan| {
                plan["risks"][0]["history"] =
                    serde_json::json!([{"date": "2027-02-30", "probability": 2, "impact": 3, "status": "open"}])
            },
            FileErrorKind::Structure,
            "plan.risks[0].history[0].date",
            "not a real calendar date",
        ),
        (
            "history entry without status",
            |plan| {
                plan["risks"][0]["history"] = serde_json::json!([{"date": "2027-01-11", "probability": 2, "impact": 3}])
            },
            FileErrorKind::Structure,
            "plan.risks[0].history[0]",
            "status",
        ),
        (
            "created in another century",
            |plan| plan["risks"][0]["created"] = "2201-01-01".into(),
            FileErrorKind::Structure,
            "plan.risks[0].created",
            "outside the years 1970 to 2200",
        ),
        (
            "unknown field in a history entry",
            |plan| {
                plan["risks"][0]["history"] = serde_json::json!([
                    {"date": "2027-01-11", "probability": 2, "impact": 3, "status": "open", "score": 6}
                ])
            },
            FileErrorKind::Structure,
            "plan.risks[0].history[0].score",
            "unknown field `score`, expected one of `date`, `probability`, `impact`, `status`",
        ),
    ];
    for (what, edit, kind, path, message) in cases {
        let error = refused_file(&file_with(edit));
        assert!(error.problems.iter().any(|problem| problem.path.as_deref() == Some(path)), "{what}: {error:?}");
        assert_problem(&error, kind, path, message);
    }
}

#[test]
fn every_risk_reject_fixture_is_refused_at_its_path() {
    let cases = [
        ("risk_category_not_listed", FileErrorKind::Invalid, "plan.risks[0].category", "\"weather\""),
        ("risk_categories_empty", FileErrorKind::Structure, "plan.risk_categories", "at least one category"),
        ("risk_history_out_of_order", FileErrorKind::Invalid, "plan.risks[0].history[1].date", "not after"),
        ("risk_history_impact_zero", FileErrorKind::Invalid, "plan.risks[0].history[0].impact", "0 is outside"),
    ];
    for (name, kind, path, message) in cases {
        let path_of_file =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reject").join(format!("{name}.json"));
        let text = std::fs::read_to_string(&path_of_file).unwrap();
        assert_problem(&refused_file(&text), kind, path, message);
    }
}

#[test]
fn the_example_plan_has_dated_categorised_risks_with_history() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/program.plan.json");
    let text = std::fs::read_to_string(path).unwrap();
    let plan = parse(&text).unwrap();
    assert_eq!(to_json(&plan), text, "in the form to_json writes");
    assert_eq!(plan.risks.len(), 10);
    for risk in &plan.risks {
        assert!(plan.risk_categories.contains(&risk.category), "{}", risk.id);
        assert!(risk.created.is_some() && risk.updated.is_some(), "{}", risk.id);
        let last = risk.history.last().unwrap_or_else(|| panic!("{} has no history", risk.id));
        assert_eq!((last.probability, last.impact, last.status), (risk.probability, risk.impact, risk.status));
        assert_eq!(
            risk.history[0].date,
            risk.created.unwrap(),
            "{}: the first entry is the day it was entered",
            risk.id
        );
    }
    assert!(plan.risks.iter().filter(|risk| risk.history.len() > 1).count() >= 5, "enough changes for a trend");
    let series = exposure_series(&plan, date(2027, 1, 25));
    assert!(series.len() >= 6, "{series:?}");
    let current: u32 = plan.risks.iter().filter(|risk| risk.status.is_open()).map(|risk| u32::from(risk.score())).sum();
    assert_eq!(series.last().unwrap().exposure, current);
}

// ---------------------------------------------------------------- exports

/// Risks in every status, with an owner, without one, with text a spreadsheet or a
/// Markdown table could misread, dates and history.
fn export_plan() -> Plan {
    let mut plan = sample_plan();
    plan.people.push(person("P4", "=Mallory, \"the\" | tester"));
    plan.risk_categories.push("security".into());
    plan.risks = vec![
        Risk {
            probability: 4,
            impact: 5,
            description: "The vendor's sandbox, needed for T3, is not ready.\nTheir date: 2027-01-20.".into(),
            mitigation: "Second vendor on standby.".into(),
            contingency: "Switch vendors; +5 days.".into(),
            trigger: "No sandbox by 2027-01-15".into(),
            review_date: Some(date(2027, 1, 11)),
            created: Some(date(2027, 1, 4)),
            updated: Some(date(2027, 1, 11)),
            history: vec![open(date(2027, 1, 4), 3, 5), open(date(2027, 1, 11), 4, 5)],
            ..risk("R1", "Payment vendor API late", Some("P2"), &["T3", "T6"])
        },
        Risk {
            status: RiskStatus::Monitoring,
            response: RiskResponse::Accept,
            category: "resource".into(),
            ..risk("R2", "Designer on leave", None, &[])
        },
        Risk {
            probability: 2,
            impact: 2,
            category: "security".into(),
            response: RiskResponse::Transfer,
            mitigation: "-Insurance | vendor".into(),
            ..risk("R3", "=HYPERLINK(\"http://x\",\"Launch\")", Some("P4"), &["T7"])
        },
        Risk {
            probability: 5,
            impact: 5,
            status: RiskStatus::Closed,
            response: RiskResponse::Avoid,
            history: vec![open(date(2027, 1, 4), 5, 5), entry(date(2027, 1, 8), 5, 5, RiskStatus::Closed)],
            ..risk("R4", "Old platform end of life", Some("P1"), &["T2"])
        },
        Risk {
            probability: 3,
            impact: 4,
            status: RiskStatus::Occurred,
            ..risk("R5", "Pen test found issues", None, &[])
        },
    ];
    assert!(validate_plan(&plan).is_empty(), "{:?}", validate_plan(&plan));
    plan
}

#[test]
fn csv_export_matches_its_golden_file() {
    assert_golden("risk_register.csv", &risks_csv(&export_plan()));
}

#[test]
fn markdown_export_matches_its_golden_file() {
    assert_golden("risk_register.md", &risks_markdown(&export_plan()));
}

#[test]
fn csv_export_reads_back_with_every_field_in_the_default_order() {
    let plan = export_plan();
    let records = read_csv(&risks_csv(&plan));
    assert_eq!(records.len(), 1 + plan.risks.len());
    assert!(records.iter().all(|record| record.len() == 20));
    let column = |heading: &str| records[0].iter().position(|cell| cell == heading).unwrap();
    let order: Vec<&str> = records[1..].iter().map(|record| record[0].as_str()).collect();
    assert_eq!(order, ["R1", "R3", "R2", "R5", "R4"], "open by score, monitoring, occurred, closed");
    let r1 = &records[1];
    assert_eq!(r1[column("Score")], "20");
    assert_eq!(r1[column("Band")], "critical");
    assert_eq!(r1[column("Owner")], "Grace Hopper");
    assert_eq!(r1[column("Owner ID")], "P2");
    assert_eq!(
        r1[column("Description")],
        "The vendor's sandbox, needed for T3, is not ready.\nTheir date: 2027-01-20."
    );
    assert_eq!(r1[column("Linked tasks")], "T3, T6");
    assert_eq!(r1[column("Review date")], "2027-01-11");
    assert_eq!((r1[column("Created")].as_str(), r1[column("Updated")].as_str()), ("2027-01-04", "2027-01-11"));
    assert_eq!(r1[column("History")], "2027-01-04: P3 I5 open; 2027-01-11: P4 I5 open");
    let r3 = &records[2];
    assert_eq!(r3[column("Title")], "'=HYPERLINK(\"http://x\",\"Launch\")");
    assert_eq!(r3[column("Owner")], "'=Mallory, \"the\" | tester");
    assert_eq!(r3[column("Mitigation")], "'-Insurance | vendor");
    assert_eq!(r3[column("Band")], "low");
    let r2 = &records[3];
    assert_eq!((r2[column("Owner")].as_str(), r2[column("Review date")].as_str()), ("", ""));
    for record in &records {
        for field in record {
            assert!(!field.starts_with(['=', '+', '-', '@', '\t', '\r']), "{field:?}");
        }
    }
}

#[test]
fn markdown_export_keeps_one_line_per_row_and_escapes_pipes() {
    let text = risks_markdown(&export_plan());
    let register: Vec<&str> = text.lines().skip(2).take_while(|line| !line.is_empty()).collect();
    assert_eq!(register.len(), 2 + 5, "heading, rule and one line per risk");
    let pipes = |line: &str| line.matches('|').count() - line.matches("\\|").count();
    assert!(register.iter().all(|line| pipes(line) == 13), "12 cells: {register:#?}");
    assert!(text.contains(
        "| R3 | =HYPERLINK(\"http://x\",\"Launch\") | security | 2 | 2 | 4 | low | =Mallory, \"the\" \\| tester |"
    ));
    assert!(text.contains("The vendor's sandbox, needed for T3, is not ready.<br>Their date: 2027-01-20."));
    assert!(text.contains("| T3 API build<br>T6 UI build |"));
}
