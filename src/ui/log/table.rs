//! The table of the tab's entries: a sortable heading per column, a row per entry. A
//! click or Enter opens an entry in the panel; ↑ ↓ move between rows; Delete asks to
//! delete an assumption or an issue (a decision is never deleted).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::page::LogView;
use super::panel::PanelQuestion;
use crate::model::log_table::{columns, CellKind, Column, LogSort, Row};
use crate::model::{AssumptionId, DecisionId, IssueId, LogEntryId, LogKind};
use crate::ui::state::Notice;

/// The table of the tab's entries, under a heading per column.
#[component]
pub fn LogTable(log: LogView, rows: Memo<Vec<Row>>) -> impl IntoView {
    let headings = move || {
        columns(log.tab.get())
            .iter()
            .enumerate()
            .map(|(index, column)| view! { <SortHeader column=*column index=index sort=log.sort/> })
            .collect_view()
    };
    view! {
        <table class="table log" data-testid="log-table">
            <caption class="visually-hidden">{move || crate::model::log_table::kind_plural(log.tab.get())}</caption>
            <thead>
                <tr>{headings}</tr>
            </thead>
            <tbody>
                <For each=move || rows.get() key=|row| row.clone() let:row>
                    <LogRow row=row log=log/>
                </For>
            </tbody>
        </table>
    }
}

/// A column heading: a button that sorts by it, then reverses, then goes back to the
/// log's own order. The linked tasks do not sort.
#[component]
fn SortHeader(column: Column, index: usize, sort: RwSignal<Option<LogSort>>) -> impl IntoView {
    let title = (!column.hint.is_empty()).then_some(column.hint);
    if column.kind == CellKind::Tasks {
        return view! { <th scope="col" title=title>{column.heading}</th> }.into_any();
    }
    let direction = move || sort.get().filter(|sort| sort.column == index).map(|sort| sort.descending);
    let aria_sort = move || match direction() {
        Some(true) => "descending",
        Some(false) => "ascending",
        None => "none",
    };
    let first = column.first_descending;
    let on_click = move |_| {
        sort.set(match direction() {
            None => Some(LogSort { column: index, descending: first }),
            Some(descending) if descending != first => None,
            Some(descending) => Some(LogSort { column: index, descending: !descending }),
        });
    };
    view! {
        <th scope="col" title=title aria-sort=aria_sort>
            <button type="button" class="sort-button" data-sort=column.heading on:click=on_click>
                {column.heading}
                <span class="sort-button__arrow" aria-hidden="true">{move || match direction() { Some(true) => "▼", Some(false) => "▲", None => "" }}</span>
            </button>
        </th>
    }
    .into_any()
}

/// One entry in the table.
#[component]
fn LogRow(row: Row, log: LogView) -> impl IntoView {
    let context = log.context;
    let kind = row.id.kind();
    let id = StoredValue::new(row.id.clone());
    let selected = move || context.view.selected_log.with(|selected| selected.as_ref() == Some(&id.get_value()));
    let on_key = move |event: web_sys::KeyboardEvent| {
        let tr: web_sys::HtmlElement = event_target(&event);
        if tr.tag_name() != "TR" {
            return;
        }
        match event.key().as_str() {
            "Enter" | " " => {
                event.prevent_default();
                log.open(id.get_value());
            }
            "ArrowDown" | "ArrowUp" => {
                event.prevent_default();
                let next =
                    if event.key() == "ArrowDown" { tr.next_element_sibling() } else { tr.previous_element_sibling() };
                if let Some(next) = next.and_then(|next| next.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = next.focus();
                    let next_id = next.get_attribute("data-log-row").map(|text| entry_id(kind, &text));
                    if let Some(next_id) = next_id.filter(|_| context.view.selected_log.with_untracked(Option::is_some))
                    {
                        log.open(next_id);
                    }
                }
            }
            "Delete" | "Backspace" if kind == LogKind::Decision => {
                event.prevent_default();
                let text = format!("Decisions are kept: supersede {} to replace it.", id.get_value().as_str());
                context.session.notice.set(Some(Notice::info(text)));
            }
            "Delete" | "Backspace" => {
                event.prevent_default();
                log.open(id.get_value());
                log.question.set(PanelQuestion::Delete);
            }
            _ => {}
        }
    };
    let mut class = format!("log__row log__row--{}", row.status.replace(' ', "-"));
    if row.settled {
        class.push_str(" log__row--settled");
    }
    if row.overdue {
        class.push_str(" log__row--overdue");
    }
    let row_class = move || if selected() { format!("{class} log__row--selected") } else { class.clone() };
    let cells = columns(kind)
        .iter()
        .zip(row.cells.iter())
        .map(|(column, cell)| draw_cell(column.kind, cell.text.clone(), &row))
        .collect_view();
    view! {
        <tr class=row_class tabindex="0" data-testid="log-row" data-log-row=row.id.as_str().to_string()
            aria-selected=move || selected().to_string()
            on:click=move |_| log.open(id.get_value()) on:keydown=on_key>
            {cells}
        </tr>
    }
}

/// A cell as its column draws it: the overdue flag beside the title and on the date
/// that passed, in words as well as colour.
fn draw_cell(kind: CellKind, text: String, row: &Row) -> AnyView {
    match kind {
        CellKind::Id => view! { <td class="table__id">{text}</td> }.into_any(),
        CellKind::Title => view! {
            <td class="log__title">
                <span>{text}</span>
                {row.overdue.then(|| view! { <span class="flag flag--overdue" data-testid="log-overdue-flag">"overdue"</span> })}
            </td>
        }
        .into_any(),
        CellKind::DueDate if row.overdue => view! {
            <td class="log__date log__date--overdue" title="This day has passed">{text}" (overdue)"</td>
        }
        .into_any(),
        CellKind::Date | CellKind::DueDate => view! { <td class="log__date">{text}</td> }.into_any(),
        CellKind::Status => {
            let class = format!("status log__status--{}", row.status.replace(' ', "-"));
            view! { <td><span class=class>{text}</span></td> }.into_any()
        }
        CellKind::Severity => {
            view! { <td><span class=format!("log__severity log__severity--{text}")>{text.clone()}</span></td> }.into_any()
        }
        CellKind::Tasks => view! { <td class="log__tasks">{text}</td> }.into_any(),
        CellKind::Plain => view! { <td>{text}</td> }.into_any(),
    }
}

/// An entry's id of a kind, from its text.
pub fn entry_id(kind: LogKind, text: &str) -> LogEntryId {
    match kind {
        LogKind::Assumption => LogEntryId::Assumption(AssumptionId::new(text)),
        LogKind::Issue => LogEntryId::Issue(IssueId::new(text)),
        LogKind::Decision => LogEntryId::Decision(DecisionId::new(text)),
    }
}
