//! The Log page: a tab per kind of entry (assumptions, issues, decisions), each with its
//! count; the search and filters; the table of the chosen kind (`table`); and the side
//! panel that edits the open entry (`panel`). Which rows show, in which order, is
//! `model::log_table::log_rows`. A fourth tab holds the change requests
//! (`change_requests`).

use chrono::NaiveDate;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::panel::{focus_row, LogPanel, PanelQuestion};
use super::table::LogTable;
use crate::model::log::{new_assumption, new_decision, new_issue};
use crate::model::log_table::{kind_counts, kind_plural, log_rows, status_choices, LogFilter, LogSort, Row};
use crate::model::{Command, LogEntry, LogEntryId, LogKind, PersonId, Severity};
use crate::storage;
use crate::ui::state::{use_plan, PlanContext};
use crate::ui::widgets::focus_when_drawn;

/// What the page's parts share: the tab shown, the filter and order, and the panel's
/// question.
#[derive(Clone, Copy)]
pub struct LogView {
    pub context: PlanContext,
    pub tab: RwSignal<LogKind>,
    /// The fourth tab, the change requests, is shown (rather than `tab`'s entries).
    pub requests: RwSignal<bool>,
    pub filter: RwSignal<LogFilter>,
    pub sort: RwSignal<Option<LogSort>>,
    pub question: RwSignal<PanelQuestion>,
    pub today: NaiveDate,
}

impl LogView {
    /// Shows another kind's tab: its own status filter and order; an entry of another
    /// kind closes.
    pub fn choose_tab(self, kind: LogKind) {
        if self.requests.get_untracked() {
            self.requests.set(false);
        }
        if self.tab.get_untracked() == kind {
            return;
        }
        self.show_kind(kind);
        if self.context.view.selected_log.with_untracked(|id| id.as_ref().is_some_and(|id| id.kind() != kind)) {
            self.context.view.selected_log.set(None);
            self.question.set(PanelQuestion::None);
        }
    }

    /// Shows the change requests' tab; an open entry closes.
    pub fn choose_change_requests(self) {
        self.requests.set(true);
        self.question.set(PanelQuestion::None);
        self.context.view.selected_log.set(None);
    }

    /// The table of another kind, with the same search and owner.
    fn show_kind(self, kind: LogKind) {
        self.requests.set(false);
        self.tab.set(kind);
        self.filter.update(|filter| *filter = filter.for_other_kind());
        self.sort.set(None);
    }

    /// Adds an entry of the tab's kind and opens it in the panel, its first field focused.
    pub fn add(self) {
        let (context, today) = (self.context, self.today);
        let entry = context.document.plan.with_untracked(|plan| match self.tab.get_untracked() {
            LogKind::Assumption => LogEntry::Assumption(new_assumption(plan, "New assumption", today)),
            LogKind::Issue => LogEntry::Issue(new_issue(plan, "New issue", today)),
            LogKind::Decision => LogEntry::Decision(new_decision(plan, "New decision", Vec::new(), today)),
        });
        let id = entry.id();
        if context.dispatch(Command::AddLogEntry { entry, index: None }).is_ok() {
            // A new entry must show whatever the filters were.
            self.filter.set(LogFilter::default());
            self.question.set(PanelQuestion::None);
            context.view.selected_log.set(Some(id));
            focus_when_drawn("[data-testid=log-panel] .log-panel__title".into(), true);
        }
    }

    /// Opens an entry of the table in the panel.
    pub fn open(self, id: LogEntryId) {
        self.question.set(PanelQuestion::None);
        self.context.view.selected_log.set(Some(id));
    }
}

/// The Log page: tabs, filters, the table and the open entry's panel.
#[component]
pub fn LogPage() -> impl IntoView {
    let context = use_plan();
    let today = storage::today();
    // An entry opened from elsewhere (a task's details) opens on its kind's tab, the
    // focus in its panel.
    let opened = context.view.selected_log.get_untracked();
    let first_tab = opened.as_ref().map_or(LogKind::Assumption, |id| id.kind());
    if opened.is_some() {
        focus_when_drawn("[data-testid=log-panel] .log-panel__title".into(), false);
    }
    let log = LogView {
        context,
        tab: RwSignal::new(first_tab),
        requests: RwSignal::new(false),
        filter: RwSignal::new(LogFilter::default()),
        sort: RwSignal::new(None),
        question: RwSignal::new(PanelQuestion::None),
        today,
    };
    let rows = Memo::new(move |_| {
        let (kind, filter, sort) = (log.tab.get(), log.filter.get(), log.sort.get());
        context.document.plan.with(|plan| log_rows(plan, kind, &filter, sort, today))
    });
    // An entry opened from its panel's links (an issue's assumption) shows its tab; a
    // deleted entry (or an undone add) closes its panel.
    Effect::new(move |_| {
        let Some(id) = context.view.selected_log.get() else { return };
        if context.document.plan.with(|plan| plan.log_entry(&id).is_none()) {
            context.view.selected_log.set(None);
        } else if id.kind() != log.tab.get_untracked() || log.requests.get_untracked() {
            log.show_kind(id.kind());
        }
    });
    let keys = window_event_listener(leptos::ev::keydown, move |event| on_page_key(log, event));
    on_cleanup(move || keys.remove());

    view! {
        <div class="page log-page">
            <h2 class="visually-hidden" id="log-title">"RAID log"</h2>
            <LogTabs log=log/>
            {move || if log.requests.get() {
                view! {
                    <div role="tabpanel" id="log-tabpanel" aria-labelledby=REQUESTS_TAB_ID>
                        <super::change_requests::ChangeRequestsTab/>
                    </div>
                }
                .into_any()
            } else {
                view! { <LogEntries log=log rows=rows/> }.into_any()
            }}
        </div>
    }
}

/// The tab of one kind: Add, the filters, the count, the table and the open entry.
#[component]
fn LogEntries(log: LogView, rows: Memo<Vec<Row>>) -> impl IntoView {
    let context = log.context;
    view! {
        <div class="toolbar" role="toolbar" aria-label="Log">
            <button type="button" class="button button--primary" data-testid="log-add" title=move || format!("Add {} (N)", an(log.tab.get()))
                on:click=move |_| log.add()>{move || format!("Add {}", log.tab.get().label())}</button>
            <FilterControls log=log/>
            <super::exports::LogExports log=log/>
        </div>
        <ShownCount log=log rows=rows/>
        <div class=move || if context.view.selected_log.with(Option::is_some) { "log__body log__body--panel" } else { "log__body" }>
            <div class="grid-scroll" role="tabpanel" id="log-tabpanel" aria-labelledby=move || tab_id(log.tab.get())>
                <LogTable log=log rows=rows/>
                <Show when=move || rows.with(Vec::is_empty)>
                    <p class="empty">{move || empty_text(log)}</p>
                </Show>
            </div>
            {move || context.view.selected_log.get().map(|id| view! { <LogPanel id=id log=log/> })}
        </div>
    }
}

/// "an assumption", "an issue", "a decision".
fn an(kind: LogKind) -> String {
    match kind {
        LogKind::Assumption | LogKind::Issue => format!("an {}", kind.label()),
        LogKind::Decision => format!("a {}", kind.label()),
    }
}

/// The element id of a kind's tab.
fn tab_id(kind: LogKind) -> String {
    format!("log-tab-{}", kind.label())
}

/// The element id of the change requests' tab.
const REQUESTS_TAB_ID: &str = "log-tab-change-requests";

fn empty_text(log: LogView) -> String {
    let kind = log.tab.get();
    let none = log.context.document.plan.with(|plan| kind_counts(plan, kind, log.today).0 == 0);
    if none {
        format!("No {} yet. Add one (N) to start.", kind_plural(kind).to_lowercase())
    } else {
        format!("No {} matches the filters.", kind.label())
    }
}

/// N adds an entry of the tab's kind and / goes to the search, anywhere on the page
/// but in a text field; Escape closes the panel and goes back to the entry's row.
fn on_page_key(log: LogView, event: web_sys::KeyboardEvent) {
    if log.requests.get_untracked()
        || event.default_prevented()
        || event.ctrl_key()
        || event.meta_key()
        || event.alt_key()
        || in_field(&event)
    {
        return;
    }
    match event.key().as_str() {
        "n" | "N" => {
            event.prevent_default();
            log.add();
        }
        "/" => {
            event.prevent_default();
            focus_when_drawn("[data-testid=log-search]".into(), false);
        }
        "Escape" => {
            if let Some(id) = log.context.view.selected_log.get_untracked() {
                log.context.view.selected_log.set(None);
                focus_row(&id);
            }
        }
        _ => {}
    }
}

/// Whether a key went to a form field or editable text (where letters are text).
fn in_field(event: &web_sys::KeyboardEvent) -> bool {
    event.target().and_then(|target| target.dyn_into::<web_sys::HtmlElement>().ok()).is_some_and(|element| {
        matches!(element.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA") || element.is_content_editable()
    })
}

/// The tabs: a kind each, with its count (and how many are overdue), then the change
/// requests. ← → move between them (and Home, End), the tab under the focus shown at once.
#[component]
fn LogTabs(log: LogView) -> impl IntoView {
    let context = log.context;
    // The tabs in order: a kind each, then the change requests.
    let requests_index = LogKind::ALL.len();
    let on_key = move |event: web_sys::KeyboardEvent| {
        let index = if log.requests.get_untracked() {
            requests_index
        } else {
            LogKind::ALL.iter().position(|kind| *kind == log.tab.get_untracked()).unwrap_or(0)
        };
        let next = match event.key().as_str() {
            "ArrowRight" => (index + 1) % (requests_index + 1),
            "ArrowLeft" => (index + requests_index) % (requests_index + 1),
            "Home" => 0,
            "End" => requests_index,
            _ => return,
        };
        event.prevent_default();
        let id = match LogKind::ALL.get(next) {
            Some(kind) => {
                log.choose_tab(*kind);
                tab_id(*kind)
            }
            None => {
                log.choose_change_requests();
                REQUESTS_TAB_ID.to_string()
            }
        };
        if let Some(tab) = document().get_element_by_id(&id) {
            let _ = tab.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    };
    let tab = move |kind: LogKind| {
        let selected = move || !log.requests.get() && log.tab.get() == kind;
        let counts = move || context.document.plan.with(|plan| kind_counts(plan, kind, log.today));
        view! {
            <button type="button" role="tab" class="log__tab" id=tab_id(kind) data-testid=tab_id(kind)
                aria-selected=move || selected().to_string() aria-controls="log-tabpanel"
                tabindex=move || if selected() { "0" } else { "-1" }
                on:click=move |_| log.choose_tab(kind)>
                {kind_plural(kind)}
                " "
                <span class="log__tab-count">{move || counts().0}</span>
                {move || (counts().1 > 0).then(|| view! {
                    " "
                    <span class="flag flag--overdue">{format!("{} overdue", counts().1)}</span>
                })}
            </button>
        }
    };
    let requests = move || log.requests.get();
    let request_count = move || context.document.plan.with(|plan| plan.change_requests.len());
    view! {
        <div class="log__tabs" role="tablist" aria-label="Kinds of log entries" on:keydown=on_key>
            {LogKind::ALL.into_iter().map(tab).collect_view()}
            <button type="button" role="tab" class="log__tab" id=REQUESTS_TAB_ID data-testid=REQUESTS_TAB_ID
                aria-selected=move || requests().to_string() aria-controls="log-tabpanel"
                tabindex=move || if requests() { "0" } else { "-1" }
                on:click=move |_| log.choose_change_requests()>
                "Change requests "
                <span class="log__tab-count">{request_count}</span>
            </button>
        </div>
    }
}

/// "Showing 2 of 5 issues · 1 overdue", and Clear filters while any is set.
#[component]
fn ShownCount(log: LogView, rows: Memo<Vec<Row>>) -> impl IntoView {
    let context = log.context;
    let text = move || {
        let kind = log.tab.get();
        let (total, overdue) = context.document.plan.with(|plan| kind_counts(plan, kind, log.today));
        let shown = rows.with(Vec::len);
        let noun = if total == 1 { kind.label().to_string() } else { kind_plural(kind).to_lowercase() };
        let overdue = if overdue > 0 { format!(" · {overdue} overdue") } else { String::new() };
        format!("Showing {shown} of {total} {noun}{overdue}")
    };
    view! {
        <p class="log__count" data-testid="log-count" aria-live="polite">
            {text}
            {move || log.filter.with(LogFilter::is_narrowed).then(|| view! {
                " "
                <button type="button" class="link-button" data-testid="log-clear-filters"
                    on:click=move |_| log.filter.set(LogFilter::default())>"Clear filters"</button>
            })}
        </p>
    }
}

/// Search, status (standing or superseded for decisions), severity (issues) and owner.
#[component]
fn FilterControls(log: LogView) -> impl IntoView {
    let context = log.context;
    let filter = log.filter;
    let people = move || {
        context
            .document
            .plan
            .with(|plan| plan.people.iter().map(|person| (person.id.clone(), person.name.clone())).collect::<Vec<_>>())
    };
    let owner_value = move || match filter.with(|filter| filter.owner.clone()) {
        None => String::new(),
        Some(None) => "-".into(),
        Some(Some(person)) => person.to_string(),
    };
    let owner_word = move || if log.tab.get() == LogKind::Decision { "decider" } else { "owner" };
    // Drawn again for each tab: its statuses are its kind's.
    let status_select = move || {
        let kind = log.tab.get();
        view! {
            <select class="input" aria-label="Filter by status" data-testid="log-filter-status"
                prop:value=move || filter.with(|filter| filter.status.clone())
                on:change=move |event| {
                    let label = event_target_value(&event);
                    filter.update(|filter| filter.status = label);
                }>
                <option value="">{if kind == LogKind::Decision { "All decisions" } else { "Any status" }}</option>
                {status_choices(kind).into_iter().map(|label| view! { <option value=label>{label}</option> }).collect_view()}
            </select>
        }
    };
    let severity_select = move || {
        (log.tab.get() == LogKind::Issue).then(|| view! {
            <select class="input" aria-label="Filter by severity" data-testid="log-filter-severity"
                prop:value=move || filter.with(|filter| filter.severity.map_or("", Severity::label).to_string())
                on:change=move |event| {
                    let label = event_target_value(&event);
                    filter.update(|filter| filter.severity = Severity::ALL.into_iter().find(|severity| severity.label() == label));
                }>
                <option value="">"Any severity"</option>
                {Severity::ALL.into_iter().rev().map(|severity| view! { <option value=severity.label()>{severity.label()}</option> }).collect_view()}
            </select>
        })
    };
    view! {
        <input type="search" class="input log__search" aria-label="Search the log" data-testid="log-search"
            placeholder=move || format!("Search {} (/)", kind_plural(log.tab.get()).to_lowercase())
            prop:value=move || filter.with(|filter| filter.text.clone())
            on:input=move |event| {
                let text = event_target_value(&event);
                filter.update(|filter| filter.text = text);
            }/>
        {status_select}
        {severity_select}
        <select class="input" aria-label=move || format!("Filter by {}", owner_word()) data-testid="log-filter-owner" prop:value=owner_value
            on:change=move |event| {
                let value = event_target_value(&event);
                filter.update(|filter| filter.owner = match value.as_str() {
                    "" => None,
                    "-" => Some(None),
                    person => Some(Some(PersonId::new(person))),
                });
            }>
            <option value="">{move || format!("Any {}", owner_word())}</option>
            <option value="-">{move || format!("No {}", owner_word())}</option>
            {move || people().into_iter().map(|(person, name)| view! { <option value=person.to_string()>{name}</option> }).collect_view()}
        </select>
    }
}
