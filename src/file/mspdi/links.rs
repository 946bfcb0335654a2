//! MSPDI predecessor links as Planwright dependencies: `Type` 0 finish-to-finish, 1
//! finish-to-start, 2 start-to-finish, 3 start-to-start; `LinkLag` in tenths of a
//! minute (of a percent for a percent lag) converted to whole working days.

use std::collections::{HashMap, HashSet};

use super::losses::{LossKind, Losses};
use super::tasks::{label, round_2, ReadTask};
use super::units::{is_set, lag_days, number, LagKind};
use crate::model::validate::MAX_WORKING_DAYS;
use crate::model::{Dependency, DependencyKind};

/// `LagFormat` 7: days, MS Project's default.
const DAYS_FORMAT: u32 = 7;

/// Every link of the file between two imported tasks, in the file's order.
pub(super) fn read_links(
    project: &super::document::ProjectXml,
    tasks: &[ReadTask],
    minutes_per_day: u32,
    working_days_per_week: u32,
    losses: &mut Losses,
) -> Vec<Dependency> {
    let index_of_uid: HashMap<i64, usize> = tasks.iter().enumerate().map(|(index, read)| (read.uid, index)).collect();
    let mut links = Vec::new();
    let mut seen = HashSet::new();
    for xml in &project.tasks.list {
        let Some(&successor) = number(&xml.uid).and_then(|uid| index_of_uid.get(&uid)) else {
            continue;
        };
        for link in &xml.predecessor_links {
            let successor_task = &tasks[successor].task;
            let predecessor = number(&link.predecessor_uid).and_then(|uid| index_of_uid.get(&uid)).copied();
            let Some(predecessor) = predecessor.filter(|_| !is_set(&link.cross_project)) else {
                let from = link.predecessor_uid.as_deref().unwrap_or("?").trim();
                losses.add(LossKind::ExternalLink, format!("UID {from} → {}", label(successor_task)));
                continue;
            };
            if predecessor == successor || !seen.insert((predecessor, successor)) {
                continue;
            }
            let lag =
                read_lag(link, &tasks[predecessor], successor_task, minutes_per_day, working_days_per_week, losses);
            links.push(Dependency {
                predecessor: tasks[predecessor].task.id.clone(),
                successor: successor_task.id.clone(),
                kind: link_kind(number(&link.link_type)),
                lag,
            });
        }
    }
    links
}

fn link_kind(link_type: Option<i64>) -> DependencyKind {
    match link_type {
        Some(0) => DependencyKind::FF,
        Some(2) => DependencyKind::SF,
        Some(3) => DependencyKind::SS,
        _ => DependencyKind::FS,
    }
}

/// The lag in working days, with a loss when it had to be rounded or approximated.
fn read_lag(
    link: &super::document::PredecessorLinkXml,
    predecessor: &ReadTask,
    successor: &crate::model::Task,
    minutes_per_day: u32,
    working_days_per_week: u32,
    losses: &mut Losses,
) -> i32 {
    let link_lag = number(&link.link_lag).unwrap_or(0);
    if link_lag == 0 {
        return 0;
    }
    let format = number(&link.lag_format).and_then(|format| u32::try_from(format).ok()).unwrap_or(DAYS_FORMAT);
    let (converted, kind) =
        lag_days(link_lag, format, minutes_per_day, working_days_per_week, predecessor.task.duration);
    let limit = i64::from(MAX_WORKING_DAYS);
    let days = converted.days.clamp(-limit, limit);
    if converted.rounded_from.is_some() || days != converted.days {
        let exact = converted.rounded_from.unwrap_or(converted.days as f64);
        let how = match kind {
            LagKind::Working => "",
            LagKind::Elapsed => " elapsed",
            LagKind::Percent => " as a percentage",
        };
        losses.add(
            LossKind::LagRounded,
            format!("{} → {}: {}{how} days → {days}", label(&predecessor.task), label(successor), round_2(exact)),
        );
    }
    days as i32
}
