//! CSV import: the table (encoding, delimiter, quoting), the mapping, the plan built
//! from them with every problem listed by row, and the Jira preset on a realistic
//! Jira export (tests/fixtures/csv/jira-export.csv, written for these tests with
//! Jira's column names, repeated columns and date form).

use chrono::NaiveDate;

use planwright::file::csv_import::{
    build_plan, detect_date_format, jira_mapping, mapping_key, read_table, DateDetection, DateFormat, ImportOptions,
    Mapping,
};
use planwright::file::FileErrorKind;
use planwright::model::{DependencyKind, TaskKind};
use planwright::schedule;

use super::fixture_bytes;

fn options() -> ImportOptions {
    ImportOptions { plan_name: "Imported".into(), default_start: NaiveDate::from_ymd_opt(2027, 1, 4).unwrap() }
}

#[test]
fn the_delimiter_and_a_byte_order_mark_are_found_and_quoted_fields_kept_whole() {
    for (text, delimiter) in [
        ("Name,Duration\r\n\"Design, review\",3\r\n", b','),
        ("\u{feff}Name;Duration\nDesign, review;3\n", b';'),
        ("Name\tDuration\nDesign, review\t3\n", b'\t'),
    ] {
        let table = read_table(text.as_bytes()).unwrap();
        assert_eq!(table.delimiter, delimiter);
        assert_eq!(table.headers, ["Name", "Duration"]);
        assert_eq!(table.rows[0].cells, ["Design, review", "3"]);
    }
}

#[test]
fn a_file_that_is_not_utf8_is_refused_with_how_to_save_it() {
    let latin1 = b"Name,Duration\nR\xe9vision,3\n";
    let error = read_table(latin1).unwrap_err();
    assert_eq!(error.kind, FileErrorKind::WrongFormat);
    assert!(error.to_string().contains("line 2") && error.to_string().contains("CSV UTF-8"), "{error}");
    assert!(read_table(b"\xff\xfeN\x00").unwrap_err().to_string().contains("UTF-16"));
}

#[test]
fn a_csv_with_no_usable_rows_is_refused() {
    for text in ["Name,Duration\n", "Name,Duration\n,\n , \n", ""] {
        let error = read_table(text.as_bytes()).unwrap_err();
        assert!(error.to_string().contains("no rows"), "{text:?}: {error}");
    }
}

#[test]
fn a_mapped_table_becomes_a_plan_with_outline_links_owners_and_dates() {
    // Predecessors name rows by their id column, the WBS number here.
    let text = "WBS,Task,Days,Predecessors,Done,Owner\n1,Build,,,,\n1.1,Design,5,,100%,Ana\n1.2,Code,2w,1.1FS+1d,40,Ana\n2,Launch,0,1.2,,Maya\n";
    let table = read_table(text.as_bytes()).unwrap();
    let mapping = Mapping {
        name: Some(1),
        id: Some(0),
        outline_number: Some(0),
        duration: Some(2),
        predecessors: vec![3],
        progress: Some(4),
        owner: Some(5),
        ..Mapping::default()
    };
    let plan = build_plan(&table, &mapping, &options()).unwrap().plan;
    let tasks: Vec<(&str, Option<&str>, u32)> = plan
        .tasks
        .iter()
        .map(|task| (task.name.as_str(), task.parent.as_ref().map(|p| p.as_str()), task.duration))
        .collect();
    assert_eq!(tasks, [("Build", None, 1), ("Design", Some("T1"), 5), ("Code", Some("T1"), 10), ("Launch", None, 0)]);
    assert_eq!(plan.tasks[3].kind, TaskKind::Milestone);
    assert_eq!((plan.dependencies[0].kind, plan.dependencies[0].lag), (DependencyKind::FS, 1));
    assert_eq!(plan.people.len(), 2);
    assert_eq!(plan.tasks[2].progress, 40);
}

#[test]
fn every_problem_is_listed_by_row_before_anything_is_imported() {
    let text = "Name,Start,Finish,Days\nDesign,2027-01-04,2027-01-08,\n,2027-01-11,,\nBuild,next week,,3\nTest,2027-01-20,2027-01-18,x\n";
    let table = read_table(text.as_bytes()).unwrap();
    let mapping = Mapping { name: Some(0), start: Some(1), finish: Some(2), duration: Some(3), ..Mapping::default() };
    let error = build_plan(&table, &mapping, &options()).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("line 3, column \"Name\": the task's name is empty"), "{message}");
    assert!(message.contains("line 4, column \"Start\""), "{message}");
    assert!(message.contains("line 5, column \"Finish\""), "{message}");
    assert!(message.contains("line 5, column \"Days\""), "{message}");
    assert_eq!(error.problems.len(), 4);
}

#[test]
fn a_mapping_without_a_name_column_is_refused() {
    let table = read_table(b"Name,Days\nDesign,3\n").unwrap();
    let error = build_plan(&table, &Mapping { duration: Some(1), ..Mapping::default() }, &options()).unwrap_err();
    assert!(error.to_string().contains("no column is mapped to the task name"), "{error}");
}

#[test]
fn a_link_cycle_in_a_csv_is_refused_naming_the_tasks() {
    let table = read_table(b"Id,Name,Predecessors\n1,Design,2\n2,Build,1\n").unwrap();
    let mapping = Mapping { name: Some(1), id: Some(0), predecessors: vec![2], ..Mapping::default() };
    let error = build_plan(&table, &mapping, &options()).unwrap_err();
    assert!(error.to_string().contains("\"Design\"") && error.to_string().contains("cycle"), "{error}");
}

#[test]
fn ambiguous_dates_are_reported_for_the_user_to_choose() {
    let table = read_table(b"Name,Start\nA,03/04/2027\nB,05/06/2027\n").unwrap();
    assert_eq!(
        detect_date_format(table.column_values(1)),
        DateDetection::Ambiguous(vec![DateFormat::DayFirst, DateFormat::MonthFirst])
    );
}

#[test]
fn a_mapping_is_remembered_under_the_files_columns() {
    let first = read_table(b"Task,Days\nA,1\n").unwrap();
    let second = read_table(b"Task;Days\nB;2\nC;3\n").unwrap();
    assert_eq!(mapping_key(&first.headers), mapping_key(&second.headers));
    let mapping = Mapping { name: Some(0), duration: Some(1), ..Mapping::default() };
    let stored = serde_json::to_string(&mapping).unwrap();
    assert_eq!(serde_json::from_str::<Mapping>(&stored).unwrap(), mapping);
}

#[test]
fn a_jira_export_becomes_a_scheduled_plan_with_epics_as_summaries_and_blocks_as_links() {
    let table = read_table(&fixture_bytes("csv/jira-export.csv")).unwrap();
    let mapping = jira_mapping(&table.headers).expect("a Jira export");
    assert_eq!(mapping.successors.len(), 2, "Jira repeats the Blocks column");
    let imported = build_plan(&table, &mapping, &options()).unwrap();
    let plan = &imported.plan;
    assert_eq!(plan.tasks.len(), 10);
    let task = |name: &str| plan.tasks.iter().find(|task| task.name == name).unwrap();
    let epic = task("Checkout rewrite");
    assert!(plan.has_children(epic.id.as_str()), "an epic is a summary");
    assert_eq!(task("Build the payment service").parent.as_ref(), Some(&epic.id));
    assert_eq!(task("Write load scripts").parent.as_ref(), Some(&task("Load test").id), "Parent by issue id");
    let design = task("Design the payment API");
    assert_eq!(design.start_no_earlier_than, NaiveDate::from_ymd_opt(2027, 1, 4));
    assert_eq!(design.duration, 5, "start 4 January, due 8 January");
    let links = |from: &str, to: &str| {
        plan.dependencies
            .iter()
            .filter(|link| link.predecessor == task(from).id && link.successor == task(to).id)
            .count()
    };
    assert_eq!(
        links("Design the payment API", "Build the payment service"),
        1,
        "blocks, once though both sides list it"
    );
    assert_eq!(links("Design the payment API", "Security review"), 1, "is blocked by");
    assert_eq!(links("Export vendor data", "Switch DNS to the new vendor"), 1);
    assert!(imported.notes.iter().any(|note| note.contains("OPS-42")), "{:?}", imported.notes);
    assert_eq!(task("Switch DNS to the new vendor").deadline, NaiveDate::from_ymd_opt(2027, 2, 12), "a due date alone");
    assert!(plan.people.iter().any(|person| person.name == "Ana Silva"));
    schedule::compute(plan).unwrap();
}
