//! A plan as an MSPDI file that MS Project (2007 and later), GanttProject and
//! ProjectLibre open: the elements in the order of the schema's sequences
//! (mspdi_pj12.xsd), tasks in outline order, each task's `PredecessorLink`s after its
//! own fields (only its `Baseline`, which the schema puts after them, follows), UIDs
//! that stay the same from one export to the next (`uids`), the project calendar,
//! the people as work resources, Responsible cells as assignments and the latest
//! baseline as MS Project's first. Deterministic: the same plan gives the same bytes.

use chrono::{Datelike, NaiveDate, Weekday};

use super::calendar::DAY_TYPES;
use super::uids::{person_uids, task_uids};
use super::units::{duration_text, DEFAULT_MINUTES_PER_DAY};
use super::xml_check::MSPDI_NAMESPACE;
use crate::model::outline::outline;
use crate::model::{Baseline, ConstraintKind, DependencyKind, Holiday, Plan, TaskKind};
use crate::schedule::{compute, Schedule, WorkingCalendar};

/// `SaveVersion` 14: what Project 2010 to 2019 write, and every reader accepts.
const SAVE_VERSION: u32 = 14;
/// The project calendar's UID.
const CALENDAR_UID: u32 = 1;
/// The working day Planwright writes: 08:00 to 12:00 and 13:00 to 17:00, 480 minutes.
const DAY_START: &str = "08:00:00";
const DAY_END: &str = "17:00:00";
const WORKING_TIMES: [(&str, &str); 2] = [("08:00:00", "12:00:00"), ("13:00:00", "17:00:00")];
/// `DurationFormat` and `LagFormat` 7: days.
const DAYS_FORMAT: u32 = 7;

/// The plan as MS Project XML.
pub fn write(plan: &Plan) -> String {
    let schedule = compute(plan).ok();
    let mut xml = XmlText::default();
    xml.out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    xml.out.push_str(&format!("<Project xmlns=\"{MSPDI_NAMESPACE}\">\n"));
    xml.depth = 1;
    write_project_fields(&mut xml, plan, schedule.as_ref());
    write_calendar(&mut xml, plan);
    write_tasks(&mut xml, plan, schedule.as_ref());
    write_resources(&mut xml, plan);
    write_assignments(&mut xml, plan);
    xml.out.push_str("</Project>\n");
    xml.out
}

/// XML text built element by element, indented with tabs as MS Project writes it.
#[derive(Default)]
struct XmlText {
    out: String,
    depth: usize,
}

impl XmlText {
    fn open(&mut self, name: &str) {
        self.indent();
        self.out.push_str(&format!("<{name}>\n"));
        self.depth += 1;
    }

    fn close(&mut self, name: &str) {
        self.depth -= 1;
        self.indent();
        self.out.push_str(&format!("</{name}>\n"));
    }

    fn leaf(&mut self, name: &str, value: impl std::fmt::Display) {
        self.indent();
        let text = value.to_string();
        self.out.push_str(&format!("<{name}>{}</{name}>\n", quick_xml::escape::escape(xml_characters(&text))));
    }

    fn indent(&mut self) {
        self.out.extend(std::iter::repeat_n('\t', self.depth));
    }
}

/// The text without the control characters XML 1.0 cannot hold (tab and line breaks stay).
fn xml_characters(text: &str) -> String {
    text.chars().filter(|&c| !c.is_control() || matches!(c, '\t' | '\n' | '\r')).collect()
}

fn at_time(date: NaiveDate, time: &str) -> String {
    format!("{}T{time}", date.format("%Y-%m-%d"))
}

fn write_project_fields(xml: &mut XmlText, plan: &Plan, schedule: Option<&Schedule>) {
    let working_days = plan.calendar.working_weekdays.len() as u32;
    let finish = schedule.map_or(plan.start, Schedule::finish_date_of_plan);
    xml.leaf("SaveVersion", SAVE_VERSION);
    xml.leaf("Name", &plan.name);
    xml.leaf("Title", &plan.name);
    xml.leaf("ScheduleFromStart", 1);
    xml.leaf("StartDate", at_time(plan.start, DAY_START));
    xml.leaf("FinishDate", at_time(finish, DAY_END));
    // The schema requires a currency; a plan has no costs, so any will do.
    xml.leaf("CurrencyCode", "USD");
    xml.leaf("CalendarUID", CALENDAR_UID);
    xml.leaf("DefaultStartTime", DAY_START);
    xml.leaf("DefaultFinishTime", DAY_END);
    xml.leaf("MinutesPerDay", DEFAULT_MINUTES_PER_DAY);
    xml.leaf("MinutesPerWeek", DEFAULT_MINUTES_PER_DAY * working_days);
    xml.leaf("DaysPerMonth", 20);
    xml.leaf("DurationFormat", DAYS_FORMAT);
    // Durations stay as written when people are assigned (as Planwright has them).
    xml.leaf("NewTasksEffortDriven", 0);
}

fn write_calendar(xml: &mut XmlText, plan: &Plan) {
    xml.open("Calendars");
    xml.open("Calendar");
    xml.leaf("UID", CALENDAR_UID);
    xml.leaf("Name", "Standard");
    xml.leaf("IsBaseCalendar", 1);
    xml.leaf("BaseCalendarUID", -1);
    xml.open("WeekDays");
    for (day_type, weekday) in DAY_TYPES {
        write_weekday(xml, day_type, plan.calendar.working_weekdays.contains(&weekday));
    }
    xml.close("WeekDays");
    if !plan.calendar.holidays.is_empty() {
        xml.open("Exceptions");
        for (first, last, name) in holiday_runs(&plan.calendar.holidays, &plan.calendar.working_weekdays) {
            write_exception(xml, first, last, name);
        }
        xml.close("Exceptions");
    }
    xml.close("Calendar");
    xml.close("Calendars");
}

fn write_weekday(xml: &mut XmlText, day_type: u32, working: bool) {
    xml.open("WeekDay");
    xml.leaf("DayType", day_type);
    xml.leaf("DayWorking", u8::from(working));
    if working {
        xml.open("WorkingTimes");
        for (from, to) in WORKING_TIMES {
            xml.open("WorkingTime");
            xml.leaf("FromTime", from);
            xml.leaf("ToTime", to);
            xml.close("WorkingTime");
        }
        xml.close("WorkingTimes");
    }
    xml.close("WeekDay");
}

fn write_exception(xml: &mut XmlText, first: NaiveDate, last: NaiveDate, name: &str) {
    xml.open("Exception");
    xml.leaf("EnteredByOccurrences", 0);
    xml.open("TimePeriod");
    xml.leaf("FromDate", at_time(first, "00:00:00"));
    xml.leaf("ToDate", at_time(last, "23:59:00"));
    xml.close("TimePeriod");
    xml.leaf("Occurrences", 1);
    xml.leaf("Name", name);
    // Type 1: every day of the period.
    xml.leaf("Type", 1);
    xml.leaf("DayWorking", 0);
    xml.close("Exception");
}

/// Holidays as runs of days with one name, a run going on over the non-working
/// weekdays between its days (a holiday from Friday to Monday is one exception).
fn holiday_runs<'a>(holidays: &'a [Holiday], working: &[Weekday]) -> Vec<(NaiveDate, NaiveDate, &'a str)> {
    let mut sorted: Vec<&Holiday> = holidays.iter().collect();
    sorted.sort_by_key(|holiday| holiday.date);
    let mut runs: Vec<(NaiveDate, NaiveDate, &str)> = Vec::new();
    for holiday in sorted {
        if let Some(run) = runs.last_mut() {
            let only_days_off_between = run
                .1
                .iter_days()
                .skip(1)
                .take_while(|day| *day < holiday.date)
                .all(|day| !working.contains(&day.weekday()));
            if run.2 == holiday.name && only_days_off_between {
                run.1 = holiday.date;
                continue;
            }
        }
        runs.push((holiday.date, holiday.date, holiday.name.as_str()));
    }
    runs
}

fn write_tasks(xml: &mut XmlText, plan: &Plan, schedule: Option<&Schedule>) {
    let uids = task_uids(plan);
    let index_of_id: std::collections::HashMap<&str, usize> =
        plan.tasks.iter().enumerate().map(|(index, task)| (task.id.as_str(), index)).collect();
    let baseline = plan.baselines.last();
    let calendar = WorkingCalendar::new(&plan.calendar, plan.start);
    xml.open("Tasks");
    for (row_number, row) in outline(plan).into_iter().enumerate() {
        let context = TaskContext { plan, schedule, calendar: &calendar, uids: &uids, index_of_id: &index_of_id };
        write_task(xml, &context, &row, row_number + 1, baseline);
    }
    xml.close("Tasks");
}

struct TaskContext<'a> {
    plan: &'a Plan,
    schedule: Option<&'a Schedule>,
    calendar: &'a WorkingCalendar,
    uids: &'a [u32],
    index_of_id: &'a std::collections::HashMap<&'a str, usize>,
}

fn write_task(
    xml: &mut XmlText,
    context: &TaskContext,
    row: &crate::model::outline::OutlineRow,
    row_number: usize,
    baseline: Option<&Baseline>,
) {
    let task = &context.plan.tasks[row.index];
    let (start, finish, days) = task_dates(context, row.index);
    xml.open("Task");
    xml.leaf("UID", context.uids[row.index]);
    xml.leaf("ID", row_number);
    xml.leaf("Name", &task.name);
    xml.leaf("IsNull", 0);
    xml.leaf("WBS", &row.wbs);
    xml.leaf("OutlineNumber", &row.wbs);
    xml.leaf("OutlineLevel", row.depth + 1);
    xml.leaf("Start", start);
    xml.leaf("Finish", finish);
    xml.leaf("Duration", duration_text(days, DEFAULT_MINUTES_PER_DAY));
    xml.leaf("DurationFormat", DAYS_FORMAT);
    xml.leaf("Milestone", u8::from(task.kind == TaskKind::Milestone));
    xml.leaf("Summary", u8::from(row.has_children));
    xml.leaf("PercentComplete", task.progress);
    write_constraint(xml, task);
    if let Some(deadline) = task.deadline {
        xml.leaf("Deadline", at_time(deadline, DAY_END));
    }
    if !task.notes.is_empty() {
        xml.leaf("Notes", &task.notes);
    }
    write_links(xml, context, task);
    if let Some(entry) = baseline.and_then(|baseline| baseline.tasks.iter().find(|entry| entry.task == task.id)) {
        write_baseline(xml, context.calendar, entry, task.kind == TaskKind::Milestone);
    }
    xml.close("Task");
}

/// Start and finish as MS Project writes them, and the duration in working days: from
/// the schedule (a summary spans its subtasks), the plan's start when there is none.
fn task_dates(context: &TaskContext, index: usize) -> (String, String, i64) {
    let task = &context.plan.tasks[index];
    let Some(schedule) = context.schedule else {
        let start = context.plan.start;
        return (at_time(start, DAY_START), at_time(start, DAY_END), i64::from(task.duration));
    };
    let times = &schedule.tasks[index];
    let start_day = schedule.start_date(index);
    let finish_day = schedule.finish_date(index);
    if times.milestone {
        // A milestone is a moment: the end of its day after finish-to-start work, else its start.
        let moment = if times.early_start_at_day_end { DAY_END } else { DAY_START };
        return (at_time(start_day, moment), at_time(start_day, moment), 0);
    }
    let days = (schedule.finish_day(index) - schedule.start_day(index) + 1).max(0);
    let days = if times.summary { days } else { i64::from(task.duration) };
    (at_time(start_day, DAY_START), at_time(finish_day, DAY_END), days)
}

/// MSPDI's ConstraintType: 2 must start on, 3 must finish on, 4 start no earlier than,
/// 5 start no later than, 6 finish no earlier than, 7 finish no later than.
fn write_constraint(xml: &mut XmlText, task: &crate::model::Task) {
    let Some(constraint) = task.date_constraint() else {
        xml.leaf("ConstraintType", 0);
        return;
    };
    let number = match constraint.kind {
        ConstraintKind::MustStartOn => 2,
        ConstraintKind::MustFinishOn => 3,
        ConstraintKind::StartNoEarlierThan => 4,
        ConstraintKind::StartNoLaterThan => 5,
        ConstraintKind::FinishNoEarlierThan => 6,
        ConstraintKind::FinishNoLaterThan => 7,
    };
    xml.leaf("ConstraintType", number);
    let time = if constraint.kind.is_on_start() { DAY_START } else { DAY_END };
    xml.leaf("ConstraintDate", at_time(constraint.date, time));
}

/// The task's predecessors, each a `PredecessorLink`: `Type` 0 FF, 1 FS, 2 SF, 3 SS,
/// the lag in tenths of a minute of working time.
fn write_links(xml: &mut XmlText, context: &TaskContext, task: &crate::model::Task) {
    for link in context.plan.dependencies.iter().filter(|link| link.successor == task.id) {
        let Some(&predecessor) = context.index_of_id.get(link.predecessor.as_str()) else { continue };
        xml.open("PredecessorLink");
        xml.leaf("PredecessorUID", context.uids[predecessor]);
        xml.leaf(
            "Type",
            match link.kind {
                DependencyKind::FF => 0,
                DependencyKind::FS => 1,
                DependencyKind::SF => 2,
                DependencyKind::SS => 3,
            },
        );
        xml.leaf("CrossProject", 0);
        xml.leaf("LinkLag", i64::from(link.lag) * i64::from(DEFAULT_MINUTES_PER_DAY) * 10);
        xml.leaf("LagFormat", DAYS_FORMAT);
        xml.close("PredecessorLink");
    }
}

fn write_baseline(xml: &mut XmlText, calendar: &WorkingCalendar, entry: &crate::model::BaselineTask, milestone: bool) {
    let days = if milestone { 0 } else { calendar.working_days_between(entry.start, entry.finish) + 1 };
    xml.open("Baseline");
    xml.leaf("Number", 0);
    xml.leaf("Start", at_time(entry.start, if milestone { DAY_END } else { DAY_START }));
    xml.leaf("Finish", at_time(entry.finish, DAY_END));
    xml.leaf("Duration", duration_text(days.max(0), DEFAULT_MINUTES_PER_DAY));
    xml.close("Baseline");
}

/// MSPDI's resource `Type` 1: work.
const WORK_RESOURCE: u32 = 1;

fn write_resources(xml: &mut XmlText, plan: &Plan) {
    if plan.people.is_empty() {
        return;
    }
    let uids = person_uids(plan);
    xml.open("Resources");
    for (index, person) in plan.people.iter().enumerate() {
        xml.open("Resource");
        xml.leaf("UID", uids[index]);
        xml.leaf("ID", index + 1);
        xml.leaf("Name", &person.name);
        xml.leaf("Type", WORK_RESOURCE);
        xml.leaf("IsNull", 0);
        if !person.role.is_empty() {
            xml.leaf("Code", &person.role);
        }
        if !person.team.is_empty() {
            xml.leaf("Group", &person.team);
        }
        xml.close("Resource");
    }
    xml.close("Resources");
}

/// Each Responsible cell (R or A/R) as an assignment of the person to the task.
fn write_assignments(xml: &mut XmlText, plan: &Plan) {
    let task_uids = task_uids(plan);
    let person_uids = person_uids(plan);
    let task_index: std::collections::HashMap<&str, usize> =
        plan.tasks.iter().enumerate().map(|(index, task)| (task.id.as_str(), index)).collect();
    let person_index: std::collections::HashMap<&str, usize> =
        plan.people.iter().enumerate().map(|(index, person)| (person.id.as_str(), index)).collect();
    let assignments: Vec<(u32, u32)> = plan
        .raci
        .iter()
        .filter(|cell| cell.role.is_responsible())
        .filter_map(|cell| {
            let task = task_index.get(cell.task.as_str())?;
            let person = person_index.get(cell.person.as_str())?;
            Some((task_uids[*task], person_uids[*person]))
        })
        .collect();
    if assignments.is_empty() {
        return;
    }
    xml.open("Assignments");
    for (number, (task, person)) in assignments.into_iter().enumerate() {
        xml.open("Assignment");
        xml.leaf("UID", number + 1);
        xml.leaf("TaskUID", task);
        xml.leaf("ResourceUID", person);
        xml.leaf("Units", 1);
        xml.close("Assignment");
    }
    xml.close("Assignments");
}
