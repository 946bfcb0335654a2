//! MSPDI import rules on small files: what is carried, what is a loss, and what is
//! refused with a clear message (changing nothing: `read` only returns a value).

use planwright::file::mspdi::{self, LossKind};
use planwright::file::{FileErrorKind, MAX_FILE_BYTES};
use planwright::model::{ConstraintKind, DependencyKind, TaskKind};

/// A minimal MSPDI file around the given `<Task>` elements.
fn project(tasks: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Project xmlns="http://schemas.microsoft.com/project">
  <SaveVersion>14</SaveVersion><Title>Vendor plan</Title><StartDate>2027-01-04T08:00:00</StartDate>
  <CalendarUID>1</CalendarUID><MinutesPerDay>480</MinutesPerDay>
  <Calendars><Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar></Calendar></Calendars>
  <Tasks>
    <Task><UID>0</UID><ID>0</ID><Name>Vendor plan</Name><OutlineLevel>0</OutlineLevel></Task>
    {tasks}
  </Tasks>
</Project>"#
    )
}

fn task(uid: u32, level: u32, name: &str, extra: &str) -> String {
    format!("<Task><UID>{uid}</UID><ID>{uid}</ID><Name>{name}</Name><OutlineLevel>{level}</OutlineLevel><Duration>PT16H0M0S</Duration>{extra}</Task>")
}

fn link(predecessor: u32, kind: u32, lag: i64, format: u32) -> String {
    format!("<PredecessorLink><PredecessorUID>{predecessor}</PredecessorUID><Type>{kind}</Type><LinkLag>{lag}</LinkLag><LagFormat>{format}</LagFormat></PredecessorLink>")
}

fn loss(imported: &mspdi::Imported, kind: LossKind) -> String {
    imported.losses.iter().find(|loss| loss.kind == kind).map(ToString::to_string).unwrap_or_default()
}

#[test]
fn the_outline_gives_parents_and_the_project_summary_is_the_plan() {
    let text = project(
        &[
            task(1, 1, "Build", ""),
            task(2, 2, "Frontend", ""),
            task(3, 3, "Forms", ""),
            task(4, 1, "Launch", "<Milestone>1</Milestone>"),
        ]
        .concat(),
    );
    let plan = mspdi::read(&text).unwrap().plan;
    assert_eq!(plan.name, "Vendor plan");
    let parents: Vec<Option<&str>> = plan.tasks.iter().map(|task| task.parent.as_ref().map(|id| id.as_str())).collect();
    assert_eq!(parents, [None, Some("T1"), Some("T2"), None]);
    assert_eq!((plan.tasks[3].kind, plan.tasks[3].duration), (TaskKind::Milestone, 0));
    assert_eq!(plan.tasks[2].duration, 2);
}

#[test]
fn link_types_and_lags_in_tenths_of_a_minute_become_working_days() {
    let text = project(
        &[
            task(1, 1, "A", ""),
            task(2, 1, "B", &link(1, 0, 9_600, 7)),
            task(3, 1, "C", &link(2, 2, 0, 7)),
            task(4, 1, "D", &link(3, 3, -4_800, 7)),
            task(5, 1, "E", &link(4, 1, 7_200, 5)),
        ]
        .concat(),
    );
    let imported = mspdi::read(&text).unwrap();
    let links: Vec<(DependencyKind, i32)> =
        imported.plan.dependencies.iter().map(|link| (link.kind, link.lag)).collect();
    assert_eq!(
        links,
        [(DependencyKind::FF, 2), (DependencyKind::SF, 0), (DependencyKind::SS, -1), (DependencyKind::FS, 2)]
    );
    let rounded = loss(&imported, LossKind::LagRounded);
    assert!(rounded.contains("T4 \"D\" → T5 \"E\": 1.5 days → 2"), "{rounded}");
}

#[test]
fn constraints_map_to_planwrights_and_as_late_as_possible_is_a_loss() {
    let constraint = |kind: u32| {
        format!("<ConstraintType>{kind}</ConstraintType><ConstraintDate>2027-01-11T08:00:00</ConstraintDate>")
    };
    let tasks: String = (0..8).map(|kind| task(kind + 1, 1, &format!("Task {kind}"), &constraint(kind))).collect();
    let imported = mspdi::read(&project(&tasks)).unwrap();
    let kinds: Vec<Option<ConstraintKind>> =
        imported.plan.tasks.iter().map(|task| task.date_constraint().map(|constraint| constraint.kind)).collect();
    use ConstraintKind::*;
    assert_eq!(
        kinds,
        [
            None,
            None,
            Some(MustStartOn),
            Some(MustFinishOn),
            Some(StartNoEarlierThan),
            Some(StartNoLaterThan),
            Some(FinishNoEarlierThan),
            Some(FinishNoLaterThan)
        ]
    );
    assert!(loss(&imported, LossKind::AsLateAsPossible).contains("T2 \"Task 1\""));
}

#[test]
fn what_cannot_be_carried_is_listed_naming_the_tasks() {
    let text = project(
        &[
            task(1, 1, "Half day", "").replace("PT16H0M0S", "PT4H0M0S"),
            task(2, 1, "Manual", "<Manual>1</Manual>"),
            task(3, 1, "Weekly sync", "<Recurring>1</Recurring>"),
            task(4, 1, "Costly", "<FixedCost>1500</FixedCost>"),
            task(
                5,
                1,
                "Custom",
                "<ExtendedAttribute><FieldID>188743731</FieldID><Value>red</Value></ExtendedAttribute>",
            ),
            task(6, 1, "Own calendar", "<CalendarUID>3</CalendarUID>"),
        ]
        .concat(),
    );
    let imported = mspdi::read(&text).unwrap();
    assert!(loss(&imported, LossKind::DurationRounded).contains("T1 \"Half day\" 0.5 days → 1"));
    assert!(loss(&imported, LossKind::ManuallyScheduled).contains("T2 \"Manual\""));
    assert!(loss(&imported, LossKind::Recurring).contains("T3 \"Weekly sync\""));
    assert!(loss(&imported, LossKind::Costs).contains("T4 \"Costly\""));
    assert!(loss(&imported, LossKind::CustomFields).contains("T5 \"Custom\""));
    assert!(loss(&imported, LossKind::TaskCalendar).contains("T6 \"Own calendar\""));
}

#[test]
fn the_calendar_resources_assignments_and_first_baseline_are_carried() {
    let text = project(&task(1, 1, "Design", "<Baseline><Number>0</Number><Start>2027-01-04T08:00:00</Start><Finish>2027-01-05T17:00:00</Finish></Baseline><Baseline><Number>1</Number><Start>2027-01-04T08:00:00</Start><Finish>2027-01-06T17:00:00</Finish></Baseline>"))
        .replace(
            "<IsBaseCalendar>1</IsBaseCalendar>",
            "<IsBaseCalendar>1</IsBaseCalendar><WeekDays><WeekDay><DayType>6</DayType><DayWorking>0</DayWorking></WeekDay></WeekDays>\
             <Exceptions><Exception><TimePeriod><FromDate>2027-01-18T00:00:00</FromDate><ToDate>2027-01-19T23:59:00</ToDate></TimePeriod><Name>Offsite</Name><Type>1</Type><DayWorking>0</DayWorking></Exception></Exceptions>",
        )
        .replace(
            "</Tasks>",
            "</Tasks><Resources><Resource><UID>7</UID><Name>Maya Okafor</Name><Type>1</Type><Code>TPM</Code><Group>Platform</Group></Resource>\
             <Resource><UID>8</UID><Name>Concrete</Name><Type>0</Type></Resource></Resources>\
             <Assignments><Assignment><UID>1</UID><TaskUID>1</TaskUID><ResourceUID>7</ResourceUID></Assignment></Assignments>",
        );
    let imported = mspdi::read(&text).unwrap();
    let plan = &imported.plan;
    assert_eq!(plan.calendar.working_weekdays.len(), 4, "Friday (DayType 6) is off");
    let holidays: Vec<String> =
        plan.calendar.holidays.iter().map(|holiday| format!("{} {}", holiday.date, holiday.name)).collect();
    assert_eq!(holidays, ["2027-01-18 Offsite", "2027-01-19 Offsite"]);
    assert_eq!(
        (plan.people[0].id.as_str(), plan.people[0].role.as_str(), plan.people[0].team.as_str()),
        ("P7", "TPM", "Platform")
    );
    assert_eq!(plan.raci.len(), 1);
    assert_eq!(plan.baselines[0].tasks[0].finish.to_string(), "2027-01-05");
    assert!(loss(&imported, LossKind::NonWorkResource).contains("Concrete"));
    assert!(loss(&imported, LossKind::OtherBaselines).contains("Baseline 1"));
}

#[test]
fn a_link_cycle_is_refused_naming_the_tasks() {
    let text = project(&[task(1, 1, "Design", &link(2, 1, 0, 7)), task(2, 1, "Build", &link(1, 1, 0, 7))].concat());
    let error = mspdi::read(&text).unwrap_err();
    assert_eq!(error.kind, FileErrorKind::Invalid);
    let message = error.to_string();
    assert!(
        message.contains("cycle") && message.contains("T1 \"Design\"") && message.contains("T2 \"Build\""),
        "{message}"
    );
}

#[test]
fn xml_that_is_not_ms_projects_is_refused_as_such() {
    let error =
        mspdi::read(r#"<?xml version="1.0"?><Project Type="Project" LVVersion="20008000"></Project>"#).unwrap_err();
    assert_eq!(error.kind, FileErrorKind::WrongFormat);
    assert!(error.to_string().contains("not an MS Project file"), "{error}");
    let error = mspdi::read("<project><tasks/></project>").unwrap_err();
    assert!(error.to_string().contains("<project>"), "{error}");
    let error = mspdi::read("{\"format\": \"planwright\"}").unwrap_err();
    assert_eq!(error.kind, FileErrorKind::WrongFormat, "a plan file is no XML at all");
}

#[test]
fn a_truncated_file_is_refused_with_its_place() {
    let text = project(&task(1, 1, "Design", ""));
    let cut = &text[..text.len() / 2];
    let error = mspdi::read(cut).unwrap_err();
    assert_eq!(error.kind, FileErrorKind::Syntax);
    assert!(error.problems[0].line.is_some(), "{error:?}");
    assert!(error.to_string().contains("cut short"), "{error}");
}

#[test]
fn a_file_over_the_size_cap_is_refused_before_it_is_read() {
    let padding = " ".repeat(MAX_FILE_BYTES);
    let error = mspdi::read(&format!("{}{padding}", project(""))).unwrap_err();
    assert_eq!(error.kind, FileErrorKind::TooLarge);
}

#[test]
fn a_task_without_a_uid_is_refused_naming_its_place() {
    let error = mspdi::read(&project("<Task><Name>Nameless</Name></Task>")).unwrap_err();
    assert_eq!(error.kind, FileErrorKind::Structure);
    assert!(error.to_string().contains("Task[2]") && error.to_string().contains("UID"), "{error}");
}

#[test]
fn a_task_that_breaks_a_plan_rule_is_named_as_the_file_has_it() {
    let text = project(&task(1, 1, "Design", "<Deadline>1901-01-01T17:00:00</Deadline>"));
    let error = mspdi::read(&text).unwrap_err();
    assert_eq!(error.kind, FileErrorKind::Invalid);
    assert!(error.to_string().starts_with("T1 \"Design\" (deadline)"), "{error}");
}

#[test]
fn tasks_are_read_in_the_order_of_their_ids_whatever_the_files_order() {
    let text = project(&[task(2, 2, "Frontend", ""), task(1, 1, "Build", "")].concat());
    let plan = mspdi::read(&text).unwrap().plan;
    let names: Vec<&str> = plan.tasks.iter().map(|task| task.name.as_str()).collect();
    assert_eq!(names, ["Build", "Frontend"]);
    assert_eq!(plan.tasks[1].parent.as_ref().map(|id| id.as_str()), Some("T1"));
}
