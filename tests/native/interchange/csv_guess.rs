//! The first mapping of a CSV file that is not a Jira export, from its column names
//! (`csv_import::guess_mapping`).

use chrono::NaiveDate;

use planwright::file::csv_import::{build_plan, guess_mapping, read_table, ImportOptions};

fn headers(names: &[&str]) -> Vec<String> {
    names.iter().map(|name| name.to_string()).collect()
}

#[test]
fn a_spreadsheets_columns_are_mapped_by_their_names() {
    let mapping = guess_mapping(&headers(&[
        "ID",
        " Task Name ",
        "Duration",
        "Start",
        "Finish",
        "Predecessors",
        "% Complete",
        "Resource Names",
        "Notes",
    ]))
    .expect("a name column");
    assert_eq!(mapping.id, Some(0));
    assert_eq!(mapping.name, Some(1), "case and spaces aside");
    assert_eq!(mapping.duration, Some(2));
    assert_eq!((mapping.start, mapping.finish), (Some(3), Some(4)));
    assert_eq!(mapping.predecessors, [5]);
    assert_eq!(mapping.progress, Some(6));
    assert_eq!(mapping.owner, Some(7));
    assert_eq!(mapping.notes, Some(8));
    assert_eq!(mapping.parents, Vec::<usize>::new());
}

#[test]
fn without_a_name_column_nothing_is_guessed() {
    assert_eq!(guess_mapping(&headers(&["Col A", "Duration", "Start"])), None);
}

#[test]
fn a_guessed_mapping_builds_the_plan_of_a_simple_sheet() {
    let table = read_table(b"Name;Duration;Predecessors\nDesign;5;\nBuild;10;1FS+2d\nLaunch;0;2\n").unwrap();
    let mapping = guess_mapping(&table.headers).unwrap();
    let options =
        ImportOptions { plan_name: "Sheet".into(), default_start: NaiveDate::from_ymd_opt(2027, 1, 4).unwrap() };
    let plan = build_plan(&table, &mapping, &options).unwrap().plan;
    assert_eq!(plan.tasks.iter().map(|task| task.name.as_str()).collect::<Vec<_>>(), ["Design", "Build", "Launch"]);
    assert_eq!(plan.dependencies.len(), 2);
}
