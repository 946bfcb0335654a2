//! The parts of an MS Project XML (MSPDI) file that Planwright reads, as serde reads
//! them with quick-xml. Every field is optional text: MS Project, GanttProject and
//! ProjectLibre each leave out different elements, and a value is checked where it is
//! used, so a refusal can name the task it belongs to. Elements not listed here are
//! skipped by the reader; the ones that mean a loss are read only to be reported.

use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub(super) struct ProjectXml {
    pub save_version: Option<String>,
    pub name: Option<String>,
    pub title: Option<String>,
    pub schedule_from_start: Option<String>,
    pub start_date: Option<String>,
    pub calendar_uid: Option<String>,
    pub default_start_time: Option<String>,
    pub default_finish_time: Option<String>,
    pub minutes_per_day: Option<String>,
    pub last_saved: Option<String>,
    pub extended_attributes: ExtendedAttributesXml,
    pub calendars: CalendarsXml,
    pub tasks: TasksXml,
    pub resources: ResourcesXml,
    pub assignments: AssignmentsXml,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ExtendedAttributesXml {
    #[serde(rename = "ExtendedAttribute")]
    pub list: Vec<ExtendedAttributeDefinitionXml>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub(super) struct ExtendedAttributeDefinitionXml {
    #[serde(rename = "FieldID")]
    pub field_id: Option<String>,
    pub field_name: Option<String>,
    pub alias: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct CalendarsXml {
    #[serde(rename = "Calendar")]
    pub list: Vec<CalendarXml>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub(super) struct CalendarXml {
    #[serde(rename = "UID")]
    pub uid: Option<String>,
    pub name: Option<String>,
    pub is_base_calendar: Option<String>,
    #[serde(rename = "BaseCalendarUID")]
    pub base_calendar_uid: Option<String>,
    pub week_days: Option<WeekDaysXml>,
    pub exceptions: ExceptionsXml,
    pub work_weeks: WorkWeeksXml,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct WeekDaysXml {
    #[serde(rename = "WeekDay")]
    pub list: Vec<WeekDayXml>,
}

/// A weekday's working time, or (DayType 0, before Project 2007) an exception.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub(super) struct WeekDayXml {
    pub day_type: Option<String>,
    pub day_working: Option<String>,
    pub time_period: Option<TimePeriodXml>,
    pub working_times: WorkingTimesXml,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub(super) struct TimePeriodXml {
    pub from_date: Option<String>,
    pub to_date: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct WorkingTimesXml {
    #[serde(rename = "WorkingTime")]
    pub list: Vec<WorkingTimeXml>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub(super) struct WorkingTimeXml {
    pub from_time: Option<String>,
    pub to_time: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ExceptionsXml {
    #[serde(rename = "Exception")]
    pub list: Vec<ExceptionXml>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub(super) struct ExceptionXml {
    pub time_period: Option<TimePeriodXml>,
    pub name: Option<String>,
    #[serde(rename = "Type")]
    pub recurrence: Option<String>,
    pub period: Option<String>,
    pub day_working: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct WorkWeeksXml {
    #[serde(rename = "WorkWeek")]
    pub list: Vec<serde::de::IgnoredAny>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct TasksXml {
    #[serde(rename = "Task")]
    pub list: Vec<TaskXml>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub(super) struct TaskXml {
    #[serde(rename = "UID")]
    pub uid: Option<String>,
    #[serde(rename = "ID")]
    pub id: Option<String>,
    pub name: Option<String>,
    pub active: Option<String>,
    pub manual: Option<String>,
    pub is_null: Option<String>,
    pub outline_number: Option<String>,
    pub outline_level: Option<String>,
    pub start: Option<String>,
    pub finish: Option<String>,
    pub duration: Option<String>,
    pub duration_format: Option<String>,
    pub recurring: Option<String>,
    pub milestone: Option<String>,
    pub summary: Option<String>,
    pub is_subproject: Option<String>,
    pub external_task: Option<String>,
    pub fixed_cost: Option<String>,
    pub cost: Option<String>,
    pub percent_complete: Option<String>,
    pub actual_start: Option<String>,
    pub constraint_type: Option<String>,
    #[serde(rename = "CalendarUID")]
    pub calendar_uid: Option<String>,
    pub constraint_date: Option<String>,
    pub deadline: Option<String>,
    pub leveling_delay: Option<String>,
    pub notes: Option<String>,
    #[serde(rename = "PredecessorLink")]
    pub predecessor_links: Vec<PredecessorLinkXml>,
    #[serde(rename = "ExtendedAttribute")]
    pub extended_attributes: Vec<TaskExtendedAttributeXml>,
    #[serde(rename = "Baseline")]
    pub baselines: Vec<BaselineXml>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub(super) struct PredecessorLinkXml {
    #[serde(rename = "PredecessorUID")]
    pub predecessor_uid: Option<String>,
    #[serde(rename = "Type")]
    pub link_type: Option<String>,
    pub cross_project: Option<String>,
    pub link_lag: Option<String>,
    pub lag_format: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub(super) struct TaskExtendedAttributeXml {
    #[serde(rename = "FieldID")]
    pub field_id: Option<String>,
    pub value: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub(super) struct BaselineXml {
    pub number: Option<String>,
    pub start: Option<String>,
    pub finish: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ResourcesXml {
    #[serde(rename = "Resource")]
    pub list: Vec<ResourceXml>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub(super) struct ResourceXml {
    #[serde(rename = "UID")]
    pub uid: Option<String>,
    pub name: Option<String>,
    #[serde(rename = "Type")]
    pub resource_type: Option<String>,
    pub is_null: Option<String>,
    pub code: Option<String>,
    pub group: Option<String>,
    pub standard_rate: Option<String>,
    pub cost: Option<String>,
    #[serde(rename = "CalendarUID")]
    pub calendar_uid: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct AssignmentsXml {
    #[serde(rename = "Assignment")]
    pub list: Vec<AssignmentXml>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub(super) struct AssignmentXml {
    #[serde(rename = "TaskUID")]
    pub task_uid: Option<String>,
    #[serde(rename = "ResourceUID")]
    pub resource_uid: Option<String>,
}
