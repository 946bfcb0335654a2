//! `model::predecessors`: the task grid's Predecessors cell read in MS Project's form,
//! turned into one step of link commands, and the suggestions of the links form.

use crate::common::{sample_plan, task};
use planwright::model::predecessors::{
    parse_predecessors, predecessor_changes, predecessors_text, task_suggestions, PredecessorLink,
};
use planwright::model::{apply, Command, DependencyKind, ModelError, Plan, TaskId};

fn link(predecessor: &str, kind: DependencyKind, lag: i32) -> PredecessorLink {
    PredecessorLink { predecessor: TaskId::new(predecessor), kind, lag }
}

fn parsed(plan: &Plan, successor: &str, text: &str) -> Vec<PredecessorLink> {
    parse_predecessors(plan, &TaskId::new(successor), text)
        .unwrap_or_else(|error| panic!("{text:?} was refused: {error}"))
}

/// The refusal of `text` in `successor`'s cell, as the grid shows it.
fn refusal(plan: &Plan, successor: &str, text: &str) -> String {
    match parse_predecessors(plan, &TaskId::new(successor), text) {
        Ok(links) => panic!("{text:?} was taken: {links:?}"),
        Err(error) => error.to_string(),
    }
}

#[test]
fn ms_project_s_form_reads_with_types_and_lags() {
    let plan = sample_plan();
    use DependencyKind::*;
    assert_eq!(
        parsed(&plan, "T7", "3FS+2d, T5SS, 6FF-1d, 2"),
        vec![link("T3", FS, 2), link("T5", SS, 0), link("T6", FF, -1), link("T2", FS, 0)]
    );
    assert_eq!(parsed(&plan, "T7", "T2SF+3"), vec![link("T2", SF, 3)]);
}

#[test]
fn a_bare_number_or_id_is_finish_to_start_without_lag() {
    let plan = sample_plan();
    assert_eq!(parsed(&plan, "T7", "3"), vec![link("T3", DependencyKind::FS, 0)]);
    assert_eq!(parsed(&plan, "T7", "T3"), vec![link("T3", DependencyKind::FS, 0)]);
    // A lag without a type is finish-to-start with that lag.
    assert_eq!(parsed(&plan, "T7", "3+2"), vec![link("T3", DependencyKind::FS, 2)]);
}

#[test]
fn white_space_case_and_separators_do_not_matter() {
    let plan = sample_plan();
    let expected = vec![link("T3", DependencyKind::SS, 2), link("T5", DependencyKind::FF, -1)];
    for text in ["t3ss+2d;T5FF-1", "  T3 ss + 2 D ,  5 Ff -1d  ", "T3SS+2 days; t5ff-1 day", "T3SS+2,,T5FF−1,"] {
        assert_eq!(parsed(&plan, "T7", text), expected, "{text:?}");
    }
}

#[test]
fn empty_text_means_no_predecessors() {
    let plan = sample_plan();
    assert_eq!(parsed(&plan, "T7", ""), Vec::new());
    assert_eq!(parsed(&plan, "T7", " ,; "), Vec::new());
}

#[test]
fn what_the_grid_writes_reads_back_the_same() {
    let plan = sample_plan();
    for task in &plan.tasks {
        let text = predecessors_text(&plan, &task.id);
        let read = parsed(&plan, task.id.as_str(), &text);
        let links: Vec<PredecessorLink> = plan
            .dependencies
            .iter()
            .filter(|link| link.successor == task.id)
            .map(|link| PredecessorLink { predecessor: link.predecessor.clone(), kind: link.kind, lag: link.lag })
            .collect();
        assert_eq!(read, links, "{} reads {text:?}", task.id);
    }
    assert_eq!(predecessors_text(&plan, &TaskId::new("T7")), "T6, T3FS-1");
}

#[test]
fn an_unknown_id_is_refused_naming_the_item_and_the_id() {
    let plan = sample_plan();
    assert_eq!(refusal(&plan, "T7", "T3, T99FS+2"), "item 2, \"T99FS+2\": no task has the id T99");
    assert_eq!(refusal(&plan, "T7", "42"), "item 1, \"42\": no task has the id T42");
    assert_eq!(refusal(&plan, "T7", "T3; ?"), "item 2, \"?\": no task has the id ?");
}

#[test]
fn an_id_counts_only_where_it_ends() {
    let mut plan = sample_plan();
    plan.tasks.push(task("T71", "Seventy-one", 1));
    // T7 and T71 both start "T71": the longer is meant; "T79" is neither T7 nor T79.
    assert_eq!(parsed(&plan, "T1", "T71"), vec![link("T71", DependencyKind::FS, 0)]);
    assert_eq!(parsed(&plan, "T1", "T7+1"), vec![link("T7", DependencyKind::FS, 1)]);
    assert_eq!(refusal(&plan, "T1", "T79"), "item 1, \"T79\": no task has the id T79");
    assert!(
        refusal(&plan, "T1", "T7FSX").starts_with("item 1, \"T7FSX\": after T7, \"FSX\" is not a link type and lag")
    );
}

#[test]
fn a_task_cannot_be_its_own_predecessor() {
    let plan = sample_plan();
    assert_eq!(refusal(&plan, "T7", "T3, 7"), "item 2, \"7\": T7 cannot be its own predecessor");
}

#[test]
fn a_predecessor_listed_twice_is_refused() {
    let plan = sample_plan();
    assert_eq!(
        refusal(&plan, "T7", "3, T5, t3SS"),
        "item 3, \"t3SS\": T3 is already item 1: list each predecessor once, with one type and lag"
    );
}

#[test]
fn a_wrong_type_or_lag_is_refused_saying_what_is_expected() {
    let plan = sample_plan();
    let message = refusal(&plan, "T7", "T3XY");
    assert!(message.starts_with("item 1, \"T3XY\": after T3, \"XY\" is not a link type and lag"), "{message}");
    let message = refusal(&plan, "T7", "T3FS2");
    assert!(message.contains("after T3, \"FS2\" is not a link type and lag"), "{message}");
    assert_eq!(
        refusal(&plan, "T7", "T3FS+2w"),
        "item 1, \"T3FS+2w\": after T3, the lag \"+2w\" must be whole working days, such as +2d"
    );
    assert!(refusal(&plan, "T7", "T3FS+").contains("the lag \"+\" must be whole working days"));
}

#[test]
fn a_lag_beyond_the_limit_is_refused_and_one_at_it_is_taken() {
    let plan = sample_plan();
    assert_eq!(parsed(&plan, "T7", "T3FS+10000d"), vec![link("T3", DependencyKind::FS, 10_000)]);
    assert_eq!(parsed(&plan, "T7", "T3FS-10000"), vec![link("T3", DependencyKind::FS, -10_000)]);
    assert_eq!(
        refusal(&plan, "T7", "T3FS+10001d"),
        "item 1, \"T3FS+10001d\": after T3, the lag \"+10001d\" is beyond ±10000 working days"
    );
    assert!(refusal(&plan, "T7", "T3-99999999999999999999999").contains("beyond ±10000 working days"));
}

#[test]
fn the_longest_id_wins_and_a_number_means_its_t_id_unless_a_task_has_that_id() {
    let mut plan = sample_plan();
    plan.tasks.push(task("T12", "Twelve", 1));
    plan.tasks.push(task("12", "A hand-made id", 1));
    assert_eq!(parsed(&plan, "T7", "T12FS+1"), vec![link("T12", DependencyKind::FS, 1)]);
    assert_eq!(parsed(&plan, "T7", "T1SS"), vec![link("T1", DependencyKind::SS, 0)]);
    assert_eq!(parsed(&plan, "T7", "12"), vec![link("12", DependencyKind::FS, 0)]);
    plan.tasks.pop();
    assert_eq!(parsed(&plan, "T7", "12"), vec![link("T12", DependencyKind::FS, 0)]);
}

#[test]
fn the_new_list_becomes_removals_changes_and_additions_in_one_step() {
    let mut plan = sample_plan();
    let before = plan.clone();
    // T7 has T6 (FS) and T3 (FS-1): keep T6, change T3 to SS, add T5.
    let wanted = parsed(&plan, "T7", "T3SS, T6, T5FF+1");
    let commands = predecessor_changes(&plan, &TaskId::new("T7"), &wanted);
    assert_eq!(commands.len(), 2, "a change and an addition: {commands:?}");
    let undo = apply(&mut plan, Command::Batch(commands)).unwrap();
    assert_eq!(predecessors_text(&plan, &TaskId::new("T7")), "T6, T3SS, T5FF+1");
    apply(&mut plan, undo).unwrap();
    assert_eq!(plan, before, "one undo takes the whole list back");

    let removals = predecessor_changes(&plan, &TaskId::new("T7"), &parsed(&plan, "T7", "T3FS-1"));
    assert_eq!(
        removals,
        vec![Command::RemoveDependency { predecessor: TaskId::new("T6"), successor: TaskId::new("T7") }]
    );
    assert_eq!(predecessor_changes(&plan, &TaskId::new("T7"), &parsed(&plan, "T7", "6, 3FS-1")), Vec::new());
}

#[test]
fn a_list_that_would_make_a_cycle_is_refused_whole_naming_its_tasks() {
    let mut plan = sample_plan();
    let before = plan.clone();
    // T3 → T6 already: making T6 a predecessor of T3 closes a circle; T5 alone would be fine.
    let wanted = parsed(&plan, "T3", "T2, T5, T6");
    let commands = predecessor_changes(&plan, &TaskId::new("T3"), &wanted);
    assert_eq!(commands.len(), 2, "two additions: {commands:?}");
    match apply(&mut plan, Command::Batch(commands)) {
        Err(error @ ModelError::Cycle(_)) => {
            let message = error.to_string();
            assert!(message.contains("T3") && message.contains("T6"), "{message}")
        }
        other => panic!("expected a cycle, got {other:?}"),
    }
    assert_eq!(plan, before, "nothing of the list was applied");
}

#[test]
fn replacing_a_link_by_its_reverse_is_not_a_cycle() {
    let mut plan = sample_plan();
    // T3 → T6 (FF+2): make T6 come first instead, in T6's cell and T3's; removals go first.
    let to_t6 = predecessor_changes(&plan, &TaskId::new("T6"), &parsed(&plan, "T6", ""));
    let to_t3 = predecessor_changes(&plan, &TaskId::new("T3"), &parsed(&plan, "T3", "T2, T6"));
    apply(&mut plan, Command::Batch(to_t6.into_iter().chain(to_t3).collect())).unwrap();
    assert_eq!(predecessors_text(&plan, &TaskId::new("T3")), "T2, T6");
}

#[test]
fn suggestions_match_ids_then_word_starts_then_anywhere_in_names() {
    let mut plan = sample_plan();
    plan.tasks.push(task("T8", "Build pipeline", 2));
    let ids = |query: &str, leave_out: Option<&str>| -> Vec<String> {
        let leave_out = leave_out.map(TaskId::new);
        task_suggestions(&plan, query, leave_out.as_ref(), 10)
            .into_iter()
            .map(|index| plan.tasks[index].id.to_string())
            .collect()
    };
    // "build": names with a word starting with it (in outline order) before "rebuild"-like matches.
    assert_eq!(ids("build", None), vec!["T3", "T6", "T8"]);
    assert_eq!(ids("BUI", None), vec!["T3", "T6", "T8"]);
    assert_eq!(ids("t7", None), vec!["T7"]);
    assert_eq!(ids("t", Some("T7")).first().map(String::as_str), Some("T1"), "ids first");
    assert!(!ids("t", Some("T7")).contains(&"T7".to_string()), "the task being linked is left out");
    assert_eq!(ids("ild", None), vec!["T3", "T6", "T8"], "anywhere in a name");
    assert_eq!(ids("api b", None), vec!["T3"]);
    assert_eq!(ids("  ", None), Vec::<String>::new());
    assert_eq!(task_suggestions(&plan, "t", None, 3).len(), 3, "at most the limit");
}

mod constraint_cell {
    //! `model::constraint_text`: the grid's Constraint cell.
    use crate::common::date;
    use planwright::model::constraint_text::{constraint_text, parse_constraint};
    use planwright::model::{ConstraintKind, DateConstraint};

    #[test]
    fn every_kind_reads_back_as_it_is_written() {
        for kind in ConstraintKind::ALL {
            let constraint = Some(DateConstraint { kind, date: date(2027, 3, 5) });
            let text = constraint_text(constraint);
            assert_eq!(parse_constraint(&text), Ok(constraint), "{text}");
            assert_eq!(parse_constraint(&text.to_lowercase()), Ok(constraint), "{text} in lower case");
        }
        assert_eq!(constraint_text(None), "");
    }

    #[test]
    fn a_date_alone_starts_no_earlier_than_it_and_empty_or_asap_is_none() {
        let snet = DateConstraint { kind: ConstraintKind::StartNoEarlierThan, date: date(2027, 2, 3) };
        assert_eq!(parse_constraint(" 2027-02-03 "), Ok(Some(snet)));
        assert_eq!(parse_constraint("mfo2027-02-03").unwrap().unwrap().kind, ConstraintKind::MustFinishOn);
        assert_eq!(parse_constraint(""), Ok(None));
        assert_eq!(parse_constraint(" asap "), Ok(None));
    }

    #[test]
    fn a_wrong_kind_or_date_says_what_to_write() {
        assert!(parse_constraint("ALAP 2027-02-03")
            .unwrap_err()
            .starts_with("\"ALAP\" is not a constraint: write ASAP, or SNET"));
        assert_eq!(
            parse_constraint("fnlt").unwrap_err(),
            "FNLT needs a date in the form YYYY-MM-DD, such as FNLT 2027-02-03"
        );
        assert_eq!(
            parse_constraint("MSO 03/05/2027").unwrap_err(),
            "\"03/05/2027\" is not a date in the form YYYY-MM-DD"
        );
        assert_eq!(parse_constraint("MSO 2027-02-30").unwrap_err(), "\"2027-02-30\" is not a real calendar date");
    }
}
