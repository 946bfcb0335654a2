//! Which reader a chosen file goes to (`file::kind::kind_of`): by its content first.

use planwright::file::kind::{kind_of, FileKind};

use super::fixture_bytes;

#[test]
fn an_ms_project_file_is_told_by_its_content_whatever_its_name() {
    let xml = fixture_bytes("mspdi/msproject-2007-task-links.xml");
    assert_eq!(kind_of("schedule.xml", &xml), FileKind::MsProject);
    assert_eq!(kind_of("schedule.plan.json", &xml), FileKind::MsProject);
    assert_eq!(kind_of("schedule", b"\xEF\xBB\xBF\r\n  <?xml version=\"1.0\"?><Project/>"), FileKind::MsProject);
}

#[test]
fn any_xml_goes_to_the_ms_project_reader_which_explains_what_it_is() {
    assert_eq!(kind_of("feed.xml", b"<rss version=\"2.0\"></rss>"), FileKind::MsProject);
}

#[test]
fn a_plan_file_is_a_plan_even_under_another_name() {
    assert_eq!(kind_of("plan.txt", b"{ \"format\": \"planwright\" }"), FileKind::Plan);
    assert_eq!(kind_of("tasks.csv", b"\n[1, 2]"), FileKind::Plan);
}

#[test]
fn a_table_is_told_by_its_name_and_anything_else_goes_to_the_plan_reader() {
    let jira = fixture_bytes("csv/jira-export.csv");
    assert_eq!(kind_of("jira-export.csv", &jira), FileKind::Csv);
    assert_eq!(kind_of("Tasks.TSV", b"Name\tDuration"), FileKind::Csv);
    assert_eq!(kind_of("tasks.csv", b"\xFF\xFEN\0a\0"), FileKind::Csv);
    assert_eq!(kind_of("notes.md", b"# Notes"), FileKind::Plan);
    assert_eq!(kind_of("empty.json", b""), FileKind::Plan);
}
