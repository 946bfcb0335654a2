//! The address of a view: the part of the page's link after `#`, so that a reload comes
//! back to the same view and selection, Back and Forward move between views, and a
//! bookmark opens the view it was taken on.
//!
//! `#/plan`, `#/timeline`, `#/timeline/T12` (the task selected), `#/raci`, `#/risks`,
//! `#/risks/R3` (the risk open in the side panel), `#/report`, `#/compare`. A share link's
//! fragment (`#plan=…`, `file::share`) is not an address: it starts without the slash.

use crate::model::validate::check_id;
use crate::model::{RiskId, TaskId};

/// The views of a plan, in the order of the header's tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    Plan,
    Timeline,
    Raci,
    Risks,
    Log,
    Budget,
    Report,
}

impl Page {
    /// Every view, in the header's order (Alt+1 to Alt+7).
    pub const ALL: [Page; 7] =
        [Page::Plan, Page::Timeline, Page::Raci, Page::Risks, Page::Log, Page::Budget, Page::Report];

    /// The view's name on its tab.
    pub fn label(self) -> &'static str {
        match self {
            Page::Plan => "Plan",
            Page::Timeline => "Timeline",
            Page::Raci => "RACI",
            Page::Risks => "Risks",
            Page::Log => "Log",
            Page::Budget => "Budget",
            Page::Report => "Status",
        }
    }

    /// The view's name in its address (`#/risks`), and in its tab's test id.
    pub fn path(self) -> &'static str {
        match self {
            Page::Plan => "plan",
            Page::Timeline => "timeline",
            Page::Raci => "raci",
            Page::Risks => "risks",
            Page::Log => "log",
            Page::Budget => "budget",
            Page::Report => "report",
        }
    }
}

/// Where the user is in the open plan: a view, with the task or risk selected in it, or
/// the comparison with another copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Address {
    /// A view; `selected` is the task selected on the timeline or the risk open in the
    /// register (other views select nothing).
    View { page: Page, selected: Option<String> },
    /// The comparison with another copy of the plan.
    Compare,
}

const COMPARE_PATH: &str = "compare";

impl Address {
    /// The address of a view and what is selected in it: the task counts on the
    /// timeline, the risk in the register, neither elsewhere.
    pub fn of_view(page: Page, task: Option<&TaskId>, risk: Option<&RiskId>) -> Self {
        let selected = match page {
            Page::Timeline => task.map(ToString::to_string),
            Page::Risks => risk.map(ToString::to_string),
            _ => None,
        };
        Address::View { page, selected }
    }

    /// Reads a link's fragment, with or without its `#`. Not an address (empty, a share
    /// link, an unknown view): `None`, and the app stays where it is. An id that no plan
    /// could hold opens the view with nothing selected.
    pub fn parse(fragment: &str) -> Option<Self> {
        let path = fragment.strip_prefix('#').unwrap_or(fragment).strip_prefix('/')?;
        let path = path.strip_suffix('/').unwrap_or(path);
        let mut segments = path.split('/');
        let view = segments.next()?;
        let selected = segments.next();
        if segments.next().is_some() {
            return None;
        }
        if view == COMPARE_PATH {
            return selected.is_none().then_some(Address::Compare);
        }
        let page = Page::ALL.into_iter().find(|page| page.path() == view)?;
        let selectable = matches!(page, Page::Timeline | Page::Risks);
        if selected.is_some() && !selectable {
            return None;
        }
        let selected = selected.filter(|id| check_id(id, "T").is_ok()).map(str::to_string);
        Some(Address::View { page, selected })
    }

    /// The fragment that names this address, `#` included.
    pub fn to_fragment(&self) -> String {
        match self {
            Address::View { page, selected: Some(id) } => format!("#/{}/{id}", page.path()),
            Address::View { page, selected: None } => format!("#/{}", page.path()),
            Address::Compare => format!("#/{COMPARE_PATH}"),
        }
    }

    /// How the browser's history should follow a move from `from` to this address: a new
    /// entry when the view changes (so Back returns to the view before), the same entry
    /// when only the selection does (Back does not walk through every task clicked).
    pub fn history_entry(&self, from: Option<&Address>) -> HistoryEntry {
        match from {
            Some(from) if from == self => HistoryEntry::Unchanged,
            Some(from) if from.view() == self.view() => HistoryEntry::Replace,
            Some(_) => HistoryEntry::Push,
            // The first address of a visit names the view the app opened on.
            None => HistoryEntry::Replace,
        }
    }

    /// The view, selection aside (`None`: the comparison).
    pub fn view(&self) -> Option<Page> {
        match self {
            Address::View { page, .. } => Some(*page),
            Address::Compare => None,
        }
    }
}

/// What changing the address does to the browser's history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryEntry {
    /// The address is already shown.
    Unchanged,
    /// Replace the current entry.
    Replace,
    /// Add an entry, for Back to return to the current one.
    Push,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(page: Page, selected: Option<&str>) -> Address {
        Address::View { page, selected: selected.map(str::to_string) }
    }

    #[test]
    fn every_view_and_selection_reads_back_from_its_fragment() {
        let addresses = [
            view(Page::Plan, None),
            view(Page::Timeline, None),
            view(Page::Timeline, Some("T12")),
            view(Page::Raci, None),
            view(Page::Risks, None),
            view(Page::Risks, Some("R3")),
            view(Page::Report, None),
            Address::Compare,
        ];
        let fragments: Vec<String> = addresses.iter().map(Address::to_fragment).collect();
        assert_eq!(
            fragments,
            ["#/plan", "#/timeline", "#/timeline/T12", "#/raci", "#/risks", "#/risks/R3", "#/report", "#/compare"]
        );
        for (address, fragment) in addresses.iter().zip(&fragments) {
            assert_eq!(Address::parse(fragment).as_ref(), Some(address), "{fragment}");
        }
    }

    #[test]
    fn a_fragment_reads_without_its_hash_and_with_a_trailing_slash() {
        assert_eq!(Address::parse("/risks/R3"), Some(view(Page::Risks, Some("R3"))));
        assert_eq!(Address::parse("#/raci/"), Some(view(Page::Raci, None)));
    }

    #[test]
    fn a_share_link_an_empty_fragment_or_an_unknown_view_is_no_address() {
        for fragment in
            ["", "#", "#plan=AAAA", "#/", "#/gantt", "#/Timeline", "#/raci/T1", "#/compare/x", "#/risks/R3/x"]
        {
            assert_eq!(Address::parse(fragment), None, "{fragment:?}");
        }
    }

    #[test]
    fn an_id_no_plan_could_hold_opens_the_view_with_nothing_selected() {
        assert_eq!(Address::parse("#/timeline/%20T1"), Some(view(Page::Timeline, None)));
        assert_eq!(Address::parse("#/risks/"), Some(view(Page::Risks, None)));
    }

    #[test]
    fn only_the_timeline_and_the_register_carry_a_selection() {
        let task = TaskId::new("T4");
        let risk = RiskId::new("R2");
        assert_eq!(Address::of_view(Page::Timeline, Some(&task), Some(&risk)), view(Page::Timeline, Some("T4")));
        assert_eq!(Address::of_view(Page::Risks, Some(&task), Some(&risk)), view(Page::Risks, Some("R2")));
        assert_eq!(Address::of_view(Page::Raci, Some(&task), Some(&risk)), view(Page::Raci, None));
    }

    #[test]
    fn a_new_view_adds_a_history_entry_and_a_new_selection_replaces_it() {
        let timeline = view(Page::Timeline, None);
        let task = view(Page::Timeline, Some("T2"));
        let risks = view(Page::Risks, None);
        assert_eq!(task.history_entry(Some(&timeline)), HistoryEntry::Replace);
        assert_eq!(risks.history_entry(Some(&task)), HistoryEntry::Push);
        assert_eq!(Address::Compare.history_entry(Some(&risks)), HistoryEntry::Push);
        assert_eq!(risks.history_entry(Some(&risks)), HistoryEntry::Unchanged);
        assert_eq!(risks.history_entry(None), HistoryEntry::Replace, "the first address replaces the bare link");
    }
}
