//! The mapping of Jira's CSV export ("Export Excel CSV (all fields)"): issue key,
//! summary, issue type, parent or epic link, start and due dates, assignee and the
//! "blocks" links. Epics become summary tasks (their issues name them in Epic Link
//! or Parent), and "A blocks B" a finish-to-start link from A to B.

use super::{DateFormat, Mapping};

/// Jira's column names, as its export writes them.
const ISSUE_KEY: &str = "Issue key";
const ISSUE_ID: &str = "Issue id";
const SUMMARY: &str = "Summary";
const PARENT: &str = "Parent";
const EPIC_LINK: &str = "Custom field (Epic Link)";
const START_DATE: &str = "Custom field (Start date)";
const DUE_DATE: &str = "Due date";
const ASSIGNEE: &str = "Assignee";
const DESCRIPTION: &str = "Description";
const BLOCKS: &str = "Outward issue link (Blocks)";
const BLOCKED_BY: &str = "Inward issue link (Blocks)";

/// The Jira mapping for a file with these headers, or `None` when it is not a Jira
/// export (no "Issue key" and "Summary" columns).
pub fn jira_mapping(headers: &[String]) -> Option<Mapping> {
    let first = |name: &str| headers.iter().position(|header| header == name);
    let every = |name: &str| {
        headers.iter().enumerate().filter(|(_, header)| *header == name).map(|(at, _)| at).collect::<Vec<_>>()
    };
    let key = first(ISSUE_KEY)?;
    let summary = first(SUMMARY)?;
    Some(Mapping {
        name: Some(summary),
        id: Some(key),
        other_id: first(ISSUE_ID),
        parents: [first(PARENT), first(EPIC_LINK)].into_iter().flatten().collect(),
        start: first(START_DATE),
        finish: first(DUE_DATE),
        predecessors: every(BLOCKED_BY),
        successors: every(BLOCKS),
        owner: first(ASSIGNEE),
        notes: first(DESCRIPTION),
        // Jira writes dates as 05/Feb/24 3:12 PM, which read alike in every format.
        date_format: Some(DateFormat::DayFirst),
        ..Mapping::default()
    })
}
