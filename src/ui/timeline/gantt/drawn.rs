//! What the chart draws for one scroll position, as data: the rows' bars and labels,
//! the links, the ticks and the shaded days (`draw.rs` puts them on the page).

use super::ROW_HEIGHT;
use crate::chart::{bar, link_path, link_points, Bar, BarKind, RowWindow, Tick, TickLevel, TimeScale};
use crate::model::dates::format_iso_date;
use crate::model::hashing::IdMap;
use crate::model::outline::OutlineRow;
use crate::model::{DependencyKind, Plan, TaskId};

/// One drawn row: what its bar shows (`RowNodes` writes only what changed).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct RowView {
    pub bar: Bar,
    pub id: String,
    pub title: String,
    /// The baseline's bar for this task: left edge and width.
    pub baseline: Option<(i64, i64)>,
    /// Who is Responsible for this task and for others at the same time, said in words.
    pub overloaded: Option<String>,
    /// The open risks that threaten this task, said in words.
    pub risks: Option<String>,
    /// Working days the task is late against a deadline or a no-later-than date (its
    /// negative float), when it is.
    pub behind: Option<i64>,
    /// The task of another plan this one waits on (the latest to finish, if several), as a
    /// ghost bar at its last known dates.
    pub ghost: Option<Ghost>,
}

/// A task of another plan drawn in the row of the task that waits on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Ghost {
    pub x: i64,
    pub width: i64,
    /// "Platform upgrade: GA".
    pub label: String,
    /// Every link of the row to other plans, with the dates known.
    pub title: String,
    /// The task is no longer in its plan.
    pub missing: bool,
}

/// The ghost bar of the row of `task`, if it waits on tasks of other plans.
fn ghost_of(plan: &Plan, scale: &TimeScale, task: &TaskId) -> Option<Ghost> {
    let mut waits = plan.external_dependencies.iter().filter(|link| &link.successor == task).peekable();
    waits.peek()?;
    let links: Vec<&crate::model::ExternalDependency> = waits.collect();
    let last = links.iter().max_by_key(|link| link.known.finish)?;
    let known = &last.known;
    let lines: Vec<String> = links
        .iter()
        .map(|link| {
            format!(
                "Waits on {}: {} {} ({}), last known {} to {}{}",
                link.known.plan_name,
                link.predecessor,
                link.known.name,
                link.kind.label(),
                format_iso_date(link.known.start),
                format_iso_date(link.known.finish),
                if link.known.missing { ", no longer in its plan" } else { "" }
            )
        })
        .collect();
    Some(Ghost {
        x: scale.x(known.start).round() as i64,
        width: scale.width(known.start, known.finish).round().max(6.0) as i64,
        label: format!("{}: {}", known.plan_name, known.name),
        title: lines.join("\n"),
        missing: known.missing,
    })
}

/// One drawn link arrow.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) struct LinkView {
    pub path: String,
    pub critical: bool,
    pub label: String,
    /// Its predecessor and successor.
    pub ends: (TaskId, TaskId),
}

/// A tick of the date header, with the key its element is kept by: it is drawn again only
/// when its level, date or place changes.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct AxisTick {
    pub key: (bool, chrono::NaiveDate, i64),
    pub tick: Tick,
}

impl AxisTick {
    pub fn new(tick: Tick) -> Self {
        AxisTick { key: (tick.level == TickLevel::Major, tick.start, tick.x.round() as i64), tick }
    }
}

/// What the chart draws for one scroll position.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Drawn {
    pub rows: Vec<RowView>,
    pub links: Vec<LinkView>,
    pub ticks: Vec<AxisTick>,
    /// Left edges of the shaded non-working days.
    pub shaded: Vec<i64>,
    /// Width of one day, in pixels (of a shaded day).
    pub day_width: f64,
}

/// What every drawn row reads: the plan, its schedule and what is derived from them.
pub(super) struct RowSources<'a> {
    pub plan: &'a Plan,
    pub schedule: &'a crate::schedule::Schedule,
    pub scale: &'a TimeScale,
    /// Each task's dates in the baseline in use.
    pub baseline: &'a IdMap<&'a str, (chrono::NaiveDate, chrono::NaiveDate)>,
    pub load: &'a crate::schedule::ResourceLoad,
    /// The risks that threaten each task and are not closed: "R1 Vendor API late".
    pub risks: &'a IdMap<TaskId, Vec<String>>,
}

pub(super) fn row_view(sources: &RowSources, row: usize, outline_row: &OutlineRow) -> RowView {
    let RowSources { plan, schedule, scale, baseline, load, risks } = *sources;
    let task = &plan.tasks[outline_row.index];
    let baseline = baseline
        .get(task.id.as_str())
        .map(|&(start, finish)| (scale.x(start).round() as i64, scale.width(start, finish).round().max(2.0) as i64));
    let bar = bar(schedule, scale, row, outline_row);
    let float = schedule.tasks[outline_row.index].total_float;
    let title = bar_title(schedule, &bar, task, outline_row.index);
    let overloaded = load.overlaps.get(outline_row.index).filter(|overlaps| !overlaps.is_empty()).map(|overlaps| {
        let people: Vec<String> = overlaps
            .iter()
            .map(|overlap| {
                let others: Vec<&str> = overlap.others.iter().map(|&other| plan.tasks[other].id.as_str()).collect();
                let more = overlap.other_count - overlap.others.len();
                format!(
                    "{} is also Responsible for {}{} at the same time",
                    plan.people[overlap.person].name,
                    others.join(", "),
                    if more > 0 { format!(" and {more} more") } else { String::new() }
                )
            })
            .collect();
        format!("Overloaded: {}.", people.join("; "))
    });
    let elsewhere = load.elsewhere.get(outline_row.index).filter(|elsewhere| !elsewhere.is_empty());
    let overloaded = match (overloaded, elsewhere) {
        (overloaded, None) => overloaded,
        (overloaded, Some(elsewhere)) => Some(format!(
            "{}Also Responsible in other plans at the same time: {}.",
            overloaded.map(|text| format!("{text} ")).unwrap_or_default(),
            elsewhere.join("; ")
        )),
    };
    let title = match &overloaded {
        Some(text) => format!("{title}\n{text}"),
        None => title,
    };
    let risks = risks.get(&task.id).map(|risks| format!("Risks: {}", risks.join("; ")));
    let title = match &risks {
        Some(text) => format!("{title}\n{text}"),
        None => title,
    };
    RowView {
        ghost: ghost_of(plan, scale, &task.id),
        behind: (float < 0).then_some(-float),
        risks,
        overloaded,
        baseline,
        bar,
        id: task.id.to_string(),
        title,
    }
}

/// A bar's tooltip: the task, its dates, progress and float, and a constraint the links
/// make impossible.
fn bar_title(schedule: &crate::schedule::Schedule, bar: &Bar, task: &crate::model::Task, index: usize) -> String {
    let start = format_iso_date(schedule.start_date(index));
    let finish = format_iso_date(schedule.finish_date(index));
    let float = schedule.tasks[index].total_float;
    let title = if bar.kind == BarKind::Milestone {
        format!("{} {}: {start}", task.id, task.name)
    } else {
        format!(
            "{} {}: {start} to {finish}, {}% done, float {} working days",
            task.id,
            task.name,
            bar.progress.round() as i64,
            if float < 0 { format!("−{}", -float) } else { float.to_string() }
        )
    };
    match schedule.conflict(index) {
        Some(conflict) => format!("{title}\nCannot be met: {conflict}."),
        None => title,
    }
}

/// The risks that are not closed, by the tasks they threaten.
pub(super) fn open_risks_by_task(plan: &Plan) -> IdMap<TaskId, Vec<String>> {
    let mut by_task: IdMap<TaskId, Vec<String>> = IdMap::default();
    for risk in plan.risks.iter().filter(|risk| risk.status != crate::model::RiskStatus::Closed) {
        for task in &risk.linked_tasks {
            by_task.entry(task.clone()).or_default().push(format!(
                "{} {} (score {})",
                risk.id,
                risk.title,
                risk.score()
            ));
        }
    }
    by_task
}

/// Links with at least one end in the row window; the other end may be off screen.
pub(super) fn visible_links(
    plan: &Plan,
    schedule: &crate::schedule::Schedule,
    scale: &TimeScale,
    outline: &[OutlineRow],
    link_rows: &[LinkRows],
    window: RowWindow,
) -> Vec<LinkView> {
    link_rows
        .iter()
        .filter(|link| window.contains(link.from_row) || window.contains(link.to_row))
        .map(|link| {
            let dependency = &plan.dependencies[link.dependency];
            let from_bar = bar(schedule, scale, link.from_row, &outline[link.from_row]);
            let to_bar = bar(schedule, scale, link.to_row, &outline[link.to_row]);
            let (start, end) = link_points(dependency.kind, &from_bar, &to_bar, ROW_HEIGHT);
            let into_end = matches!(dependency.kind, DependencyKind::FF | DependencyKind::SF);
            LinkView {
                path: link_path(start, end, into_end),
                critical: from_bar.critical && to_bar.critical,
                label: format!(
                    "{} → {} ({}{}): click to select, Delete removes it",
                    dependency.predecessor,
                    dependency.successor,
                    dependency.kind.label(),
                    if dependency.lag == 0 { String::new() } else { format!("{:+}", dependency.lag) }
                ),
                ends: (dependency.predecessor.clone(), dependency.successor.clone()),
            }
        })
        .collect()
}

/// The outline rows a dependency joins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct LinkRows {
    pub dependency: usize,
    pub from_row: usize,
    pub to_row: usize,
}

/// Every dependency whose two tasks have rows (tasks inside a collapsed summary have
/// none, and their links are not drawn). Changes with the plan, not with scrolling.
pub(super) fn link_rows(plan: &Plan, outline: &[OutlineRow]) -> Vec<LinkRows> {
    let mut row_of = vec![None; plan.tasks.len()];
    for (row, outline_row) in outline.iter().enumerate() {
        row_of[outline_row.index] = Some(row);
    }
    let index_of: IdMap<&str, usize> =
        plan.tasks.iter().enumerate().map(|(index, task)| (task.id.as_str(), index)).collect();
    plan.dependencies
        .iter()
        .enumerate()
        .filter_map(|(dependency, link)| {
            let from = *index_of.get(link.predecessor.as_str())?;
            let to = *index_of.get(link.successor.as_str())?;
            Some(LinkRows { dependency, from_row: row_of[from]?, to_row: row_of[to]? })
        })
        .collect()
}
