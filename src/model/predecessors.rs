//! A task's predecessors as text, as the task grid's Predecessors cell shows and takes
//! them, in MS Project's form: a list separated by commas or semicolons, each item a
//! task's id with an optional link type and lag, `3FS+2d, T7SS, 5FF-1d, 12`. A bare
//! number names the task `T<number>` (ids are `T12` here, numbers in MS Project); no
//! type means finish-to-start; the lag counts working days, its `d` optional. The form
//! the grid writes (`T3FS+2`, `Dependency::predecessor_label`) reads back the same.
//!
//! Also the tasks a person may mean by a few typed letters of a name or id, for the
//! links form's suggestions.

use super::text::quoted;
use super::validate::MAX_WORKING_DAYS;
use super::{Command, Dependency, DependencyKind, Plan, TaskId};

/// One item of the list: a link into the task whose cell it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PredecessorLink {
    pub predecessor: TaskId,
    pub kind: DependencyKind,
    /// Working days; negative is lead time.
    pub lag: i32,
}

/// Why a list was refused: which item (counted from 1, as typed) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PredecessorError {
    pub item: usize,
    /// The item as typed (trimmed).
    pub text: String,
    pub message: String,
}

/// `item 2, "T7XX": no task has the id T7XX`.
impl std::fmt::Display for PredecessorError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "item {}, {}: {}", self.item, quoted(&self.text), self.message)
    }
}

impl std::error::Error for PredecessorError {}

/// Reads the predecessors typed for `successor`: every item or none (the first wrong
/// item is refused, saying what is wrong). Empty text means no predecessors; empty
/// items (`3,,5` or a trailing comma) are skipped.
pub fn parse_predecessors(
    plan: &Plan,
    successor: &TaskId,
    text: &str,
) -> Result<Vec<PredecessorLink>, PredecessorError> {
    let mut links: Vec<PredecessorLink> = Vec::new();
    let items = text.split([',', ';']).map(str::trim).filter(|item| !item.is_empty());
    for (number, item) in items.enumerate() {
        let refuse = |message: String| PredecessorError { item: number + 1, text: item.to_string(), message };
        let link = parse_item(plan, item).map_err(refuse)?;
        if link.predecessor == *successor {
            return Err(refuse(format!("{} cannot be its own predecessor", link.predecessor)));
        }
        if let Some(earlier) = links.iter().position(|listed| listed.predecessor == link.predecessor) {
            let message = format!(
                "{} is already item {}: list each predecessor once, with one type and lag",
                link.predecessor,
                earlier + 1
            );
            return Err(refuse(message));
        }
        links.push(link);
    }
    Ok(links)
}

/// One item: the task's id, then an optional type and lag.
fn parse_item(plan: &Plan, item: &str) -> Result<PredecessorLink, String> {
    let (predecessor, rest) = match task_at_start(plan, item) {
        Some(found) => found,
        None => return Err(format!("no task has the id {}", unknown_id(item))),
    };
    let (kind, lag) =
        parse_type_and_lag(rest.trim_start()).map_err(|problem| format!("after {predecessor}, {problem}"))?;
    Ok(PredecessorLink { predecessor, kind, lag })
}

/// The task whose id starts the item (the longest such id, without regard to case), or
/// that a leading number names (`12` is `T12` unless a task's id is `12`), and the rest.
/// An id counts only where it ends: `T99` is not T9 followed by a 9, but `T3FS` is T3
/// followed by a link type.
fn task_at_start<'a>(plan: &Plan, item: &'a str) -> Option<(TaskId, &'a str)> {
    let ends_there = |length: usize| ends_an_id(&item[..length], &item[length..]);
    let starts_item = |id: &str| item.get(..id.len()).is_some_and(|start| start.eq_ignore_ascii_case(id));
    let by_id = plan
        .tasks
        .iter()
        .map(|task| task.id.as_str())
        .filter(|id| !id.is_empty() && starts_item(id) && ends_there(id.len()))
        .max_by_key(|id| id.len());
    let digits = item.bytes().take_while(u8::is_ascii_digit).count();
    let numbered = (digits > 0 && ends_there(digits))
        .then(|| format!("{}{}", TaskId::PREFIX, &item[..digits]))
        .filter(|id| plan.task(id).is_some());
    match (by_id, numbered) {
        (Some(id), Some(numbered)) if digits > id.len() => Some((TaskId(numbered), &item[digits..])),
        (Some(id), _) => Some((TaskId(id.to_string()), &item[id.len()..])),
        (None, Some(numbered)) => Some((TaskId(numbered), &item[digits..])),
        (None, None) => None,
    }
}

/// Whether `id` can end where `rest` begins: at the item's end, before a character no
/// id holds (a space, a sign), or where digits turn to letters or letters to digits.
fn ends_an_id(id: &str, rest: &str) -> bool {
    let (Some(last), Some(next)) = (id.chars().next_back(), rest.chars().next()) else { return true };
    let in_an_id = next.is_ascii_alphanumeric() || next == '_' || next == '.';
    !in_an_id || last.is_ascii_digit() != next.is_ascii_digit()
}

/// The id an item seems to name, for a refusal: its leading letters and digits without a
/// link type after them (`T99FS+2` names T99, `99` names T99).
fn unknown_id(item: &str) -> String {
    let word: &str =
        &item[..item.find(|c: char| !(c.is_ascii_alphanumeric() || "-_.".contains(c))).unwrap_or(item.len())];
    let word = match word.len().checked_sub(2).map(|cut| word.split_at(cut)) {
        Some((id, kind)) if !id.is_empty() && link_kind(kind).is_some() => id,
        _ => word,
    };
    if !word.is_empty() && word.bytes().all(|byte| byte.is_ascii_digit()) {
        format!("{}{word}", TaskId::PREFIX)
    } else if word.is_empty() {
        item.to_string()
    } else {
        word.to_string()
    }
}

fn link_kind(text: &str) -> Option<DependencyKind> {
    DependencyKind::ALL.into_iter().find(|kind| kind.label().eq_ignore_ascii_case(text))
}

/// `FS+2d`, `SS`, `-1`, ``: the link type (finish-to-start when left out) and the lag.
fn parse_type_and_lag(text: &str) -> Result<(DependencyKind, i32), String> {
    let (kind, rest) = match text.get(..2).and_then(link_kind) {
        Some(kind) => (kind, text[2..].trim_start()),
        None => (DependencyKind::FS, text),
    };
    if rest.is_empty() {
        return Ok((kind, 0));
    }
    let Some(sign) = rest.chars().next().filter(|sign| matches!(sign, '+' | '-' | '−')) else {
        return Err(format!(
            "{} is not a link type and lag: write a type (FS, SS, FF or SF) and a lag such as +2d or -1d",
            quoted(text)
        ));
    };
    let amount = rest[sign.len_utf8()..].trim();
    let digits = amount.bytes().take_while(u8::is_ascii_digit).count();
    let unit = amount[digits..].trim();
    let in_days = ["", "d", "day", "days"].iter().any(|days| unit.eq_ignore_ascii_case(days));
    if digits == 0 || !in_days {
        return Err(format!("the lag {} must be whole working days, such as {sign}2d", quoted(rest)));
    }
    let days: u64 = amount[..digits].parse().unwrap_or(u64::MAX);
    if days > u64::from(MAX_WORKING_DAYS) {
        return Err(format!("the lag {} is beyond ±{MAX_WORKING_DAYS} working days", quoted(rest)));
    }
    let days = days as i32;
    Ok((kind, if sign == '+' { days } else { -days }))
}

/// The commands that make `successor`'s links from its predecessors be `wanted`: remove
/// those left out, change the type or lag of those kept, add the new ones (removals
/// first, so a link replaced by another never counts as a cycle). Empty when nothing
/// changes. Sent as one `Command::Batch`, they are one undo step and apply all or none.
pub fn predecessor_changes(plan: &Plan, successor: &TaskId, wanted: &[PredecessorLink]) -> Vec<Command> {
    let current: Vec<&Dependency> = plan.dependencies.iter().filter(|link| link.successor == *successor).collect();
    let mut commands: Vec<Command> = current
        .iter()
        .filter(|link| !wanted.iter().any(|wanted| wanted.predecessor == link.predecessor))
        .map(|link| Command::RemoveDependency { predecessor: link.predecessor.clone(), successor: successor.clone() })
        .collect();
    for link in wanted {
        let dependency = Dependency {
            predecessor: link.predecessor.clone(),
            successor: successor.clone(),
            kind: link.kind,
            lag: link.lag,
        };
        match current.iter().find(|existing| existing.predecessor == link.predecessor) {
            Some(existing) if **existing == dependency => {}
            Some(_) => commands.push(Command::UpdateDependency(dependency)),
            None => commands.push(Command::AddDependency(dependency)),
        }
    }
    // Removals, then changes and additions in the order typed.
    commands
}

/// The links into `successor` as the cell writes them: `T3, T5SS+2`.
pub fn predecessors_text(plan: &Plan, successor: &TaskId) -> String {
    let labels: Vec<String> = plan
        .dependencies
        .iter()
        .filter(|link| link.successor == *successor)
        .map(Dependency::predecessor_label)
        .collect();
    labels.join(", ")
}

/// The tasks (indices into `plan.tasks`) that `query` may mean, best first, at most
/// `limit`: an id equal to it, then ids starting with it, then names with a word starting
/// with it, then names holding it anywhere; without regard to case. `leave_out` (the
/// task being linked) is never offered. An empty query offers nothing.
pub fn task_suggestions(plan: &Plan, query: &str, leave_out: Option<&TaskId>, limit: usize) -> Vec<usize> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    let mut ranked: Vec<(u8, usize)> = plan
        .tasks
        .iter()
        .enumerate()
        .filter(|(_, task)| Some(&task.id) != leave_out)
        .filter_map(|(index, task)| suggestion_rank(&task.id, &task.name, &query).map(|rank| (rank, index)))
        .collect();
    // Stable: tasks of one rank stay in outline order.
    ranked.sort_by_key(|&(rank, _)| rank);
    ranked.into_iter().take(limit).map(|(_, index)| index).collect()
}

/// How well a task matches a lower-case query: 0 is best; `None` when it does not.
fn suggestion_rank(id: &TaskId, name: &str, query: &str) -> Option<u8> {
    let id = id.as_str().to_lowercase();
    let name = name.to_lowercase();
    if id == query {
        Some(0)
    } else if id.starts_with(query) {
        Some(1)
    } else {
        // Where the name holds it: at the start of a word is a better match.
        let at_word_start = |at: usize| !name[..at].chars().next_back().is_some_and(char::is_alphanumeric);
        let mut found = name.match_indices(query).map(|(at, _)| at).peekable();
        found.peek()?;
        Some(if found.any(at_word_start) { 2 } else { 3 })
    }
}
