//! The plan's types read from and written as JSON, field by field in declaration order
//! (which keeps the file output stable and diffable), with `json::Json` and
//! `json::Writer`. Reading is strict: an unknown or repeated field, a missing one, a
//! value of the wrong kind or out of range, or a date that is not a real `YYYY-MM-DD`
//! day is refused, with serde's wording (the file format was first read with serde).

use chrono::{NaiveDate, Weekday};

use super::json::{unknown_variant, Category, Json, JsonError, Number, Writer};
use crate::model::dates::{format_iso_date, parse_iso_date};
use crate::model::{
    Baseline, BaselineId, BaselineTask, Calendar, Dependency, DependencyKind, Holiday, Person, PersonId, Plan,
    PlanSettings, RaciCell, RaciRole, Risk, RiskAssessment, RiskId, RiskResponse, RiskStatus, Task, TaskId, TaskKind,
    DEFAULT_RISK_CATEGORIES, WEEKDAY_NAMES,
};

type Read<T> = Result<T, JsonError>;

const TEXT: &str = "text in quotes";
const LIST: &str = "a sequence";
const DATE: &str = "a date in the form YYYY-MM-DD";
const U8: &str = "a whole number from 0 to 255";
const U32: &str = "a whole number from 0 to 4294967295";
const U64: &str = "a whole number from 0 to 18446744073709551615";
const I32: &str = "a whole number from -2147483648 to 2147483647";

fn text(json: &mut Json) -> Read<String> {
    json.string(TEXT).map(|text| text.into_owned())
}

fn optional_text(json: &mut Json) -> Read<Option<String>> {
    if json.null()? {
        Ok(None)
    } else {
        text(json).map(Some)
    }
}

fn date(json: &mut Json) -> Read<NaiveDate> {
    let text = json.string(DATE)?;
    parse_iso_date(&text).map_err(|message| json.error(Category::Data, message))
}

fn optional_date(json: &mut Json) -> Read<Option<NaiveDate>> {
    if json.null()? {
        Ok(None)
    } else {
        date(json).map(Some)
    }
}

fn u8_number(json: &mut Json) -> Read<u8> {
    json.unsigned(u8::MAX as u64, U8).map(|value| value as u8)
}

fn u32_number(json: &mut Json) -> Read<u32> {
    json.unsigned(u32::MAX as u64, U32).map(|value| value as u32)
}

fn i32_number(json: &mut Json) -> Read<i32> {
    Ok(match json.whole_number(i32::MIN as i64, i32::MAX as u64, I32)? {
        Number::Unsigned(value) => value as i32,
        Number::Negative(value) => value as i32,
        Number::Other(_) => 0,
    })
}

/// One of `names` (a choice such as a dependency kind): its index.
fn choice(json: &mut Json, names: &[&str]) -> Read<usize> {
    if json.whitespace() != Some(b'"') {
        let quoted: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
        return Err(json.invalid_type(&format!("one of {}", quoted.join(", "))));
    }
    let name = json.string("")?;
    names
        .iter()
        .position(|known| *known == name)
        .ok_or_else(|| json.error(Category::Data, unknown_variant(&name, names)))
}

/// The bits of fields `0..count`.
const fn all(count: usize) -> u32 {
    (1 << count) - 1
}

const fn bits(fields: &[usize]) -> u32 {
    let mut mask = 0;
    let mut index = 0;
    while index < fields.len() {
        mask |= 1 << fields[index];
        index += 1;
    }
    mask
}

// ------------------------------------------------------------ reading

const PLAN_FIELDS: [&str; 14] = [
    "name",
    "revision",
    "modified",
    "description",
    "start",
    "calendar",
    "settings",
    "people",
    "tasks",
    "dependencies",
    "raci",
    "risk_categories",
    "risks",
    "baselines",
];

/// Reads a plan. A plan without `risk_categories` reads with none (see `file::parse`).
pub(crate) fn plan(json: &mut Json) -> Read<Plan> {
    // Every field is overwritten by the file or checked as missing; the categories start
    // empty rather than with `Plan::new`'s defaults.
    let mut plan = Plan { risk_categories: Vec::new(), ..Plan::new("", NaiveDate::default()) };
    let given = json.object("Plan", &PLAN_FIELDS, |json, field| {
        match field {
            0 => plan.name = text(json)?,
            1 => plan.revision = json.unsigned(u64::MAX, U64)?,
            2 => plan.modified = optional_date(json)?,
            3 => plan.description = text(json)?,
            4 => plan.start = date(json)?,
            5 => plan.calendar = calendar(json)?,
            6 => plan.settings = settings(json)?,
            7 => plan.people = json.list(LIST, person)?,
            8 => plan.tasks = json.list(LIST, task)?,
            9 => plan.dependencies = json.list(LIST, dependency)?,
            10 => plan.raci = json.list(LIST, raci_cell)?,
            11 => {
                plan.risk_categories = json.list("a list of category names", text)?;
                if plan.risk_categories.is_empty() {
                    return Err(
                        json.error(Category::Data, "the list of risk categories must name at least one category")
                    );
                }
            }
            12 => plan.risks = json.list(LIST, risk)?,
            _ => plan.baselines = json.list(LIST, baseline)?,
        }
        Ok(())
    })?;
    json.require(given, all(14) & !bits(&[1, 2, 6, 11]), &PLAN_FIELDS)?;
    Ok(plan)
}

fn calendar(json: &mut Json) -> Read<Calendar> {
    const FIELDS: [&str; 2] = ["working_weekdays", "holidays"];
    let mut calendar = Calendar { working_weekdays: Vec::new(), holidays: Vec::new() };
    let given = json.object("Calendar", &FIELDS, |json, field| {
        if field == 0 {
            calendar.working_weekdays = weekdays(json)?;
        } else {
            calendar.holidays = json.list(LIST, holiday)?;
        }
        Ok(())
    })?;
    json.require(given, all(2), &FIELDS)?;
    Ok(calendar)
}

/// The working weekdays; an unknown name is refused once the list is read (placed by
/// the calendar around it).
fn weekdays(json: &mut Json) -> Read<Vec<Weekday>> {
    let names = json.list(LIST, text)?;
    names
        .iter()
        .map(|name| {
            WEEKDAY_NAMES.iter().find(|(short, _)| short == name).map(|(_, day)| *day).ok_or_else(|| {
                JsonError::data(format!(
                    "unknown weekday \"{name}\": expected one of mon, tue, wed, thu, fri, sat, sun"
                ))
            })
        })
        .collect()
}

fn settings(json: &mut Json) -> Read<PlanSettings> {
    const FIELDS: [&str; 2] = ["overload_threshold", "consulted_limit"];
    let mut settings = PlanSettings::default();
    json.object("PlanSettings", &FIELDS, |json, field| {
        let value = u32_number(json)?;
        if field == 0 {
            settings.overload_threshold = value;
        } else {
            settings.consulted_limit = value;
        }
        Ok(())
    })?;
    Ok(settings)
}

fn holiday(json: &mut Json) -> Read<Holiday> {
    const FIELDS: [&str; 2] = ["date", "name"];
    let mut holiday = Holiday { date: NaiveDate::default(), name: String::new() };
    let given = json.object("Holiday", &FIELDS, |json, field| {
        if field == 0 {
            holiday.date = date(json)?;
        } else {
            holiday.name = text(json)?;
        }
        Ok(())
    })?;
    json.require(given, all(2), &FIELDS)?;
    Ok(holiday)
}

pub(crate) fn person(json: &mut Json) -> Read<Person> {
    const FIELDS: [&str; 4] = ["id", "name", "role", "team"];
    let mut values: [String; 4] = Default::default();
    let given = json.object("Person", &FIELDS, |json, field| {
        values[field] = text(json)?;
        Ok(())
    })?;
    json.require(given, all(4), &FIELDS)?;
    let [id, name, role, team] = values;
    Ok(Person { id: PersonId(id), name, role, team })
}

const TASK_KINDS: [&str; 2] = ["task", "milestone"];

pub(crate) fn task(json: &mut Json) -> Read<Task> {
    const FIELDS: [&str; 9] =
        ["id", "name", "parent", "kind", "duration", "start_no_earlier_than", "deadline", "progress", "notes"];
    let mut task = Task {
        id: TaskId(String::new()),
        name: String::new(),
        parent: None,
        kind: TaskKind::Task,
        duration: 0,
        start_no_earlier_than: None,
        deadline: None,
        progress: 0,
        notes: String::new(),
    };
    let given = json.object("Task", &FIELDS, |json, field| {
        match field {
            0 => task.id = TaskId(text(json)?),
            1 => task.name = text(json)?,
            2 => task.parent = optional_text(json)?.map(TaskId),
            3 => task.kind = if choice(json, &TASK_KINDS)? == 0 { TaskKind::Task } else { TaskKind::Milestone },
            4 => task.duration = u32_number(json)?,
            5 => task.start_no_earlier_than = optional_date(json)?,
            6 => task.deadline = optional_date(json)?,
            7 => task.progress = u8_number(json)?,
            _ => task.notes = text(json)?,
        }
        Ok(())
    })?;
    json.require(given, bits(&[0, 1, 3, 4, 7, 8]), &FIELDS)?;
    Ok(task)
}

pub(crate) fn dependency(json: &mut Json) -> Read<Dependency> {
    const FIELDS: [&str; 4] = ["predecessor", "successor", "kind", "lag"];
    let mut dependency = Dependency {
        predecessor: TaskId(String::new()),
        successor: TaskId(String::new()),
        kind: DependencyKind::FS,
        lag: 0,
    };
    let given = json.object("Dependency", &FIELDS, |json, field| {
        match field {
            0 => dependency.predecessor = TaskId(text(json)?),
            1 => dependency.successor = TaskId(text(json)?),
            2 => {
                let labels = DependencyKind::ALL.map(DependencyKind::label);
                dependency.kind = DependencyKind::ALL[choice(json, &labels)?];
            }
            _ => dependency.lag = i32_number(json)?,
        }
        Ok(())
    })?;
    json.require(given, all(4), &FIELDS)?;
    Ok(dependency)
}

/// The roles in the order a file names them in messages.
const RACI_ROLES: [RaciRole; 5] = [RaciRole::R, RaciRole::A, RaciRole::C, RaciRole::I, RaciRole::AR];

pub(crate) fn raci_cell(json: &mut Json) -> Read<RaciCell> {
    const FIELDS: [&str; 3] = ["task", "person", "role"];
    let mut cell = RaciCell { task: TaskId(String::new()), person: PersonId(String::new()), role: RaciRole::R };
    let given = json.object("RaciCell", &FIELDS, |json, field| {
        match field {
            0 => cell.task = TaskId(text(json)?),
            1 => cell.person = PersonId(text(json)?),
            _ => cell.role = RACI_ROLES[choice(json, &RACI_ROLES.map(RaciRole::label))?],
        }
        Ok(())
    })?;
    json.require(given, all(3), &FIELDS)?;
    Ok(cell)
}

fn risk_status(json: &mut Json) -> Read<RiskStatus> {
    Ok(RiskStatus::ALL[choice(json, &RiskStatus::ALL.map(RiskStatus::label))?])
}

pub(crate) fn risk(json: &mut Json) -> Read<Risk> {
    const FIELDS: [&str; 17] = [
        "id",
        "title",
        "description",
        "category",
        "probability",
        "impact",
        "owner",
        "response",
        "mitigation",
        "contingency",
        "trigger",
        "status",
        "review_date",
        "linked_tasks",
        "created",
        "updated",
        "history",
    ];
    let mut risk = Risk {
        id: RiskId(String::new()),
        title: String::new(),
        description: String::new(),
        category: String::new(),
        probability: 0,
        impact: 0,
        owner: None,
        response: RiskResponse::Mitigate,
        mitigation: String::new(),
        contingency: String::new(),
        trigger: String::new(),
        status: RiskStatus::Open,
        review_date: None,
        linked_tasks: Vec::new(),
        created: None,
        updated: None,
        history: Vec::new(),
    };
    let given = json.object("Risk", &FIELDS, |json, field| {
        match field {
            0 => risk.id = RiskId(text(json)?),
            1 => risk.title = text(json)?,
            2 => risk.description = text(json)?,
            3 => risk.category = text(json)?,
            4 => risk.probability = u8_number(json)?,
            5 => risk.impact = u8_number(json)?,
            6 => risk.owner = optional_text(json)?.map(PersonId),
            7 => risk.response = RiskResponse::ALL[choice(json, &RiskResponse::ALL.map(RiskResponse::label))?],
            8 => risk.mitigation = text(json)?,
            9 => risk.contingency = text(json)?,
            10 => risk.trigger = text(json)?,
            11 => risk.status = risk_status(json)?,
            12 => risk.review_date = optional_date(json)?,
            13 => risk.linked_tasks = json.list(LIST, |json| text(json).map(TaskId))?,
            14 => risk.created = optional_date(json)?,
            15 => risk.updated = optional_date(json)?,
            _ => risk.history = json.list(LIST, risk_assessment)?,
        }
        Ok(())
    })?;
    json.require(given, all(17) & !bits(&[6, 12, 14, 15, 16]), &FIELDS)?;
    Ok(risk)
}

fn risk_assessment(json: &mut Json) -> Read<RiskAssessment> {
    const FIELDS: [&str; 4] = ["date", "probability", "impact", "status"];
    let mut assessment =
        RiskAssessment { date: NaiveDate::default(), probability: 0, impact: 0, status: RiskStatus::Open };
    let given = json.object("RiskAssessment", &FIELDS, |json, field| {
        match field {
            0 => assessment.date = date(json)?,
            1 => assessment.probability = u8_number(json)?,
            2 => assessment.impact = u8_number(json)?,
            _ => assessment.status = risk_status(json)?,
        }
        Ok(())
    })?;
    json.require(given, all(4), &FIELDS)?;
    Ok(assessment)
}

pub(crate) fn baseline(json: &mut Json) -> Read<Baseline> {
    const FIELDS: [&str; 4] = ["id", "name", "taken", "tasks"];
    let mut baseline =
        Baseline { id: BaselineId(String::new()), name: String::new(), taken: NaiveDate::default(), tasks: Vec::new() };
    let given = json.object("Baseline", &FIELDS, |json, field| {
        match field {
            0 => baseline.id = BaselineId(text(json)?),
            1 => baseline.name = text(json)?,
            2 => baseline.taken = date(json)?,
            _ => baseline.tasks = json.list(LIST, baseline_task)?,
        }
        Ok(())
    })?;
    json.require(given, all(4), &FIELDS)?;
    Ok(baseline)
}

fn baseline_task(json: &mut Json) -> Read<BaselineTask> {
    const FIELDS: [&str; 3] = ["task", "start", "finish"];
    let mut task =
        BaselineTask { task: TaskId(String::new()), start: NaiveDate::default(), finish: NaiveDate::default() };
    let given = json.object("BaselineTask", &FIELDS, |json, field| {
        match field {
            0 => task.task = TaskId(text(json)?),
            1 => task.start = date(json)?,
            _ => task.finish = date(json)?,
        }
        Ok(())
    })?;
    json.require(given, all(3), &FIELDS)?;
    Ok(task)
}

/// Reads all of `text` as one value with `read`.
pub(crate) fn read_all<T>(text: &str, read: impl FnOnce(&mut Json) -> Read<T>) -> Read<T> {
    let mut json = Json::new(text);
    let value = read(&mut json)?;
    json.end()?;
    Ok(value)
}

// ------------------------------------------------------------ writing

fn date_or_null(out: &mut Writer, date: Option<NaiveDate>) {
    match date {
        Some(date) => out.string(&format_iso_date(date)),
        None => out.null(),
    }
}

fn list<T>(out: &mut Writer, items: &[T], write: impl Fn(&mut Writer, &T)) {
    out.open('[');
    for item in items {
        out.next();
        write(out, item);
    }
    out.close(']');
}

pub(crate) fn write_plan(out: &mut Writer, plan: &Plan) {
    out.open('{');
    out.key("name");
    out.string(&plan.name);
    if plan.revision != 0 {
        out.key("revision");
        out.number(plan.revision);
    }
    if let Some(modified) = plan.modified {
        out.key("modified");
        out.string(&format_iso_date(modified));
    }
    out.key("description");
    out.string(&plan.description);
    out.key("start");
    out.string(&format_iso_date(plan.start));
    out.key("calendar");
    out.open('{');
    out.key("working_weekdays");
    out.strings(plan.calendar.working_weekdays.iter().map(|day| WEEKDAY_NAMES[day.num_days_from_monday() as usize].0));
    out.key("holidays");
    list(out, &plan.calendar.holidays, |out, holiday| {
        out.open('{');
        out.key("date");
        out.string(&format_iso_date(holiday.date));
        out.key("name");
        out.string(&holiday.name);
        out.close('}');
    });
    out.close('}');
    out.key("settings");
    out.open('{');
    out.key("overload_threshold");
    out.number(plan.settings.overload_threshold);
    out.key("consulted_limit");
    out.number(plan.settings.consulted_limit);
    out.close('}');
    out.key("people");
    list(out, &plan.people, |out, person| {
        out.open('{');
        for (name, value) in
            [("id", person.id.as_str()), ("name", &person.name), ("role", &person.role), ("team", &person.team)]
        {
            out.key(name);
            out.string(value);
        }
        out.close('}');
    });
    out.key("tasks");
    list(out, &plan.tasks, write_task);
    out.key("dependencies");
    list(out, &plan.dependencies, |out, dependency| {
        out.open('{');
        out.key("predecessor");
        out.string(dependency.predecessor.as_str());
        out.key("successor");
        out.string(dependency.successor.as_str());
        out.key("kind");
        out.string(dependency.kind.label());
        out.key("lag");
        out.number(dependency.lag);
        out.close('}');
    });
    out.key("raci");
    list(out, &plan.raci, |out, cell| {
        out.open('{');
        out.key("task");
        out.string(cell.task.as_str());
        out.key("person");
        out.string(cell.person.as_str());
        out.key("role");
        out.string(cell.role.label());
        out.close('}');
    });
    if !plan.risk_categories.iter().map(String::as_str).eq(DEFAULT_RISK_CATEGORIES) {
        out.key("risk_categories");
        out.strings(plan.risk_categories.iter().map(String::as_str));
    }
    out.key("risks");
    list(out, &plan.risks, write_risk);
    out.key("baselines");
    list(out, &plan.baselines, |out, baseline| {
        out.open('{');
        out.key("id");
        out.string(baseline.id.as_str());
        out.key("name");
        out.string(&baseline.name);
        out.key("taken");
        out.string(&format_iso_date(baseline.taken));
        out.key("tasks");
        list(out, &baseline.tasks, |out, task| {
            out.open('{');
            out.key("task");
            out.string(task.task.as_str());
            out.key("start");
            out.string(&format_iso_date(task.start));
            out.key("finish");
            out.string(&format_iso_date(task.finish));
            out.close('}');
        });
        out.close('}');
    });
    out.close('}');
}

fn write_task(out: &mut Writer, task: &Task) {
    out.open('{');
    out.key("id");
    out.string(task.id.as_str());
    out.key("name");
    out.string(&task.name);
    out.key("parent");
    match &task.parent {
        Some(parent) => out.string(parent.as_str()),
        None => out.null(),
    }
    out.key("kind");
    out.string(TASK_KINDS[(task.kind == TaskKind::Milestone) as usize]);
    out.key("duration");
    out.number(task.duration);
    out.key("start_no_earlier_than");
    date_or_null(out, task.start_no_earlier_than);
    out.key("deadline");
    date_or_null(out, task.deadline);
    out.key("progress");
    out.number(task.progress);
    out.key("notes");
    out.string(&task.notes);
    out.close('}');
}

fn write_risk(out: &mut Writer, risk: &Risk) {
    out.open('{');
    for (name, value) in [
        ("id", risk.id.as_str()),
        ("title", &risk.title),
        ("description", &risk.description),
        ("category", &risk.category),
    ] {
        out.key(name);
        out.string(value);
    }
    out.key("probability");
    out.number(risk.probability);
    out.key("impact");
    out.number(risk.impact);
    out.key("owner");
    match &risk.owner {
        Some(owner) => out.string(owner.as_str()),
        None => out.null(),
    }
    out.key("response");
    out.string(risk.response.label());
    for (name, value) in
        [("mitigation", &risk.mitigation), ("contingency", &risk.contingency), ("trigger", &risk.trigger)]
    {
        out.key(name);
        out.string(value);
    }
    out.key("status");
    out.string(risk.status.label());
    out.key("review_date");
    date_or_null(out, risk.review_date);
    out.key("linked_tasks");
    out.strings(risk.linked_tasks.iter().map(TaskId::as_str));
    for (name, date) in [("created", risk.created), ("updated", risk.updated)] {
        if let Some(date) = date {
            out.key(name);
            out.string(&format_iso_date(date));
        }
    }
    if !risk.history.is_empty() {
        out.key("history");
        list(out, &risk.history, |out, entry| {
            out.open('{');
            out.key("date");
            out.string(&format_iso_date(entry.date));
            out.key("probability");
            out.number(entry.probability);
            out.key("impact");
            out.number(entry.impact);
            out.key("status");
            out.string(entry.status.label());
            out.close('}');
        });
    }
    out.close('}');
}
