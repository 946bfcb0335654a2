//! The risk register: a table of scored risks to sort and filter, the heat map that
//! filters it, the open exposure over time, and a side panel that edits one risk.
//! Which rows show, in which order, is `model::risk::register_rows`.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::charts::{ExposureTrend, RiskHeatMap};
use super::panel::{focus_row, PanelQuestion, RiskPanel};
use crate::model::dates::format_iso_date;
use crate::model::risk::{self, RegisterColumn, RegisterFilter, RegisterSort, RiskBand};
use crate::model::{Command, PersonId, Risk, RiskId, RiskStatus, TaskId};
use crate::storage;
use crate::ui::state::use_plan;
use crate::ui::widgets::CommitInput;

/// The table's columns: heading, sort column, and a hint.
const COLUMNS: [(&str, Option<RegisterColumn>, &str); 12] = [
    ("Id", Some(RegisterColumn::Id), ""),
    ("Title", Some(RegisterColumn::Title), ""),
    ("Category", Some(RegisterColumn::Category), ""),
    ("P", Some(RegisterColumn::Probability), "Probability: 1 rare … 5 almost certain"),
    ("I", Some(RegisterColumn::Impact), "Impact: 1 negligible … 5 program fails or slips more than a month"),
    ("Score", Some(RegisterColumn::Score), "Probability × impact. Low 1–4, medium 5–9, high 10–16, critical 20–25"),
    ("Owner", Some(RegisterColumn::Owner), ""),
    ("Response", Some(RegisterColumn::Response), ""),
    ("Status", Some(RegisterColumn::Status), ""),
    ("Review", Some(RegisterColumn::Review), "Review date; overdue ones are marked"),
    ("Tasks", None, "The tasks it threatens"),
    ("Updated", Some(RegisterColumn::Updated), ""),
];

#[component]
pub fn RisksPage() -> impl IntoView {
    let context = use_plan();
    let today = storage::today();
    let filter = RwSignal::new(RegisterFilter::default());
    let sort = RwSignal::new(None::<RegisterSort>);
    let question = RwSignal::new(PanelQuestion::None);
    let rows = Memo::new(move |_| {
        let (filter, sort) = (filter.get(), sort.get());
        context.document.plan.with(|plan| {
            risk::register_rows(plan, &filter, sort)
                .into_iter()
                .map(|index| plan.risks[index].clone())
                .collect::<Vec<_>>()
        })
    });
    let critical = Memo::new(move |_| {
        context.document.plan.with(|plan| {
            context.derived.schedule.with(|schedule| match schedule {
                Ok(schedule) => crate::analysis::risk::risks_on_critical_path(plan, schedule),
                Err(_) => Vec::new(),
            })
        })
    });
    // A deleted risk (or an undone add) closes its panel.
    Effect::new(move |_| {
        if let Some(id) = context.view.selected_risk.get() {
            if context.document.plan.with(|plan| plan.risk(id.as_str()).is_none()) {
                context.view.selected_risk.set(None);
            }
        }
    });
    let add = move || {
        let risk = context.document.plan.with_untracked(|plan| risk::new_risk(plan, "New risk", today));
        let id = risk.id.clone();
        if context.dispatch(Command::AddRisk { risk, index: None }).is_ok() {
            // A new risk must show even when the filters would hide it.
            filter.set(RegisterFilter {
                show_closed: filter.with_untracked(|filter| filter.show_closed),
                ..RegisterFilter::default()
            });
            question.set(PanelQuestion::None);
            context.view.selected_risk.set(Some(id));
            focus_later("[data-testid=risk-panel] .risk-panel__title");
        }
    };
    let export = move |markdown: bool| {
        let (text, name) = context.document.plan.with_untracked(|plan| {
            let stem = crate::file::file_name(plan).trim_end_matches(".plan.json").to_string();
            if markdown {
                (crate::file::risks_markdown(plan), format!("{stem}.risks.md"))
            } else {
                (crate::file::risks_csv(plan), format!("{stem}.risks.csv"))
            }
        });
        let mime = if markdown { "text/markdown" } else { "text/csv" };
        crate::ui::services::files::offer_download(context, &name, &text, mime);
    };
    // N and / work anywhere on the page while the register is shown, not only once
    // the focus is inside it; never in a text field, and never for a key that another
    // handler (the chart, a menu) has taken.
    let on_page_key = move |event: web_sys::KeyboardEvent| {
        if event.default_prevented() || event.ctrl_key() || event.meta_key() || event.alt_key() || in_field(&event) {
            return;
        }
        match event.key().as_str() {
            "n" | "N" => {
                event.prevent_default();
                add();
            }
            "/" => {
                event.prevent_default();
                focus_later("[data-testid=risk-search]");
            }
            "Escape" if context.view.selected_risk.get_untracked().is_some() => {
                if let Some(id) = context.view.selected_risk.get_untracked() {
                    context.view.selected_risk.set(None);
                    focus_row(&id);
                }
            }
            _ => {}
        }
    };
    let keys = window_event_listener(leptos::ev::keydown, on_page_key);
    on_cleanup(move || keys.remove());
    let counts = move || {
        context.document.plan.with(|plan| {
            let closed = plan.risks.iter().filter(|risk| risk.status == RiskStatus::Closed).count();
            (plan.risks.len(), closed)
        })
    };

    view! {
        <div class="page risks-page">
            <div class="toolbar" role="toolbar" aria-label="Risks">
                <button type="button" class="button button--primary" data-testid="add-risk" title="Add a risk (N)" on:click=move |_| add()>"Add risk"</button>
                <FilterControls filter=filter/>
                <span class="toolbar__spacer"></span>
                <CategoryEditor/>
                <button type="button" class="button" data-testid="risk-export-csv" title="Export the register as CSV" on:click=move |_| export(false)>"CSV"</button>
                <button type="button" class="button" data-testid="risk-export-markdown" title="Export the register as a Markdown table" on:click=move |_| export(true)>"Markdown"</button>
                <crate::ui::services::print::PrintButton printout=crate::ui::services::print::Printout::Risks/>
            </div>
            <div class="risks__overview">
                <RiskHeatMap filter=filter today=today/>
                <ExposureTrend today=today/>
                <AttentionCard today=today critical=critical question=question/>
            </div>
            <p class="risks__count" data-testid="risk-count" aria-live="polite">
                {move || {
                    let (total, closed) = counts();
                    let shown = rows.with(Vec::len);
                    let hidden = if filter.with(|filter| filter.show_closed) || closed == 0 { String::new() } else { format!(" · {closed} closed hidden") };
                    format!("Showing {shown} of {total} risks{hidden}")
                }}
                {move || filter.with(RegisterFilter::is_narrowed).then(|| view! {
                    " "
                    <button type="button" class="link-button" data-testid="risk-clear-filters" on:click=move |_| {
                        filter.update(|filter| *filter = RegisterFilter { show_closed: filter.show_closed, ..RegisterFilter::default() });
                    }>"Clear filters"</button>
                })}
            </p>
            <div class=move || if context.view.selected_risk.with(Option::is_some) { "risks__body risks__body--panel" } else { "risks__body" }>
                <div class="grid-scroll">
                    <table class="table risks" data-testid="risk-register">
                        <thead>
                            <tr>
                                {COLUMNS.into_iter().map(|(heading, column, hint)| view! { <SortHeader heading=heading column=column hint=hint sort=sort/> }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || rows.get() key=|risk| risk.clone() let:risk>
                                <RiskRow risk=risk today=today critical=critical question=question/>
                            </For>
                        </tbody>
                    </table>
                    <Show when=move || rows.with(Vec::is_empty)>
                        <p class="empty">{move || if counts().0 == 0 { "No risks yet. Add one (N) to start the register." } else { "No risk matches the filters." }}</p>
                    </Show>
                </div>
                {move || context.view.selected_risk.get().map(|id| view! { <RiskPanel id=id today=today question=question/> })}
            </div>
        </div>
    }
}

/// What needs the TPM's attention: open risks with an overdue review, on the critical
/// path, without an owner, or without a mitigation. Each id opens the risk.
#[component]
fn AttentionCard(
    today: chrono::NaiveDate,
    critical: Memo<Vec<crate::analysis::risk::CriticalRisk>>,
    question: RwSignal<PanelQuestion>,
) -> impl IntoView {
    let context = use_plan();
    let groups = Memo::new(move |_| {
        let on_critical_path: Vec<RiskId> =
            critical.with(|critical| critical.iter().map(|entry| entry.risk.clone()).collect());
        context.document.plan.with(|plan| {
            let open = || plan.risks.iter().filter(|risk| risk.status.is_open());
            let ids = |risks: Vec<&Risk>| risks.into_iter().map(|risk| risk.id.clone()).collect::<Vec<_>>();
            vec![
                ("Review overdue", risk::overdue_reviews(plan, today)),
                ("Threatens the critical path", on_critical_path),
                ("No owner", ids(open().filter(|risk| risk.owner.is_none()).collect())),
                ("No mitigation written", ids(open().filter(|risk| risk.mitigation.trim().is_empty()).collect())),
                ("Critical band", ids(open().filter(|risk| RiskBand::of(risk) == RiskBand::Critical).collect())),
            ]
        })
    });
    view! {
        <section class="card attention" aria-label="Needs attention" data-testid="risk-attention">
            <h2 class="card__title">"Needs attention"</h2>
            <dl class="attention__list">
                {move || groups.get().into_iter().map(|(label, ids)| {
                    let empty = ids.is_empty();
                    view! {
                        <dt class=if empty { "attention__label attention__label--none" } else { "attention__label" }>{format!("{label} ({})", ids.len())}</dt>
                        <dd class="attention__ids">
                            {if empty { Some("none") } else { None }}
                            {ids.into_iter().map(|id| {
                                let shown = id.to_string();
                                view! {
                                    <button type="button" class="link-button" title=format!("Open {shown}") on:click=move |_| {
                                        question.set(PanelQuestion::None);
                                        context.view.selected_risk.set(Some(id.clone()));
                                    }>{shown.clone()}</button>
                                    " "
                                }
                            }).collect_view()}
                        </dd>
                    }
                }).collect_view()}
            </dl>
        </section>
    }
}

/// A column heading; a sortable one is a button that sorts by it, then reverses.
#[component]
fn SortHeader(
    heading: &'static str,
    column: Option<RegisterColumn>,
    hint: &'static str,
    sort: RwSignal<Option<RegisterSort>>,
) -> impl IntoView {
    let title = (!hint.is_empty()).then_some(hint);
    let Some(column) = column else {
        return view! { <th scope="col" title=title>{heading}</th> }.into_any();
    };
    let direction = move || sort.get().filter(|sort| sort.column == column).map(|sort| sort.descending);
    let aria_sort = move || match direction() {
        Some(true) => "descending",
        Some(false) => "ascending",
        None => "none",
    };
    // Numbers and dates that matter most when high or late start descending.
    let first_descending = matches!(
        column,
        RegisterColumn::Score | RegisterColumn::Probability | RegisterColumn::Impact | RegisterColumn::Updated
    );
    let on_click = move |_| {
        sort.set(match direction() {
            None => Some(RegisterSort { column, descending: first_descending }),
            Some(descending) if descending != first_descending => None,
            Some(descending) => Some(RegisterSort { column, descending: !descending }),
        });
    };
    view! {
        <th scope="col" title=title aria-sort=aria_sort>
            <button type="button" class="sort-button" data-sort=heading on:click=on_click>
                {heading}
                <span class="sort-button__arrow" aria-hidden="true">{move || match direction() { Some(true) => "▼", Some(false) => "▲", None => "" }}</span>
            </button>
        </th>
    }
    .into_any()
}

/// Search, status, owner, band and category filters, and the closed-risks toggle.
#[component]
fn FilterControls(filter: RwSignal<RegisterFilter>) -> impl IntoView {
    let context = use_plan();
    let people = move || {
        context
            .document
            .plan
            .with(|plan| plan.people.iter().map(|person| (person.id.clone(), person.name.clone())).collect::<Vec<_>>())
    };
    let categories = move || context.document.plan.with(|plan| plan.risk_categories.clone());
    let owner_value = move || match filter.with(|filter| filter.owner.clone()) {
        None => String::new(),
        Some(None) => "-".into(),
        Some(Some(person)) => person.to_string(),
    };
    view! {
        <input type="search" class="input risks__search" placeholder="Search risks (/)" aria-label="Search risks" data-testid="risk-search"
            prop:value=move || filter.with(|filter| filter.text.clone())
            on:input=move |event| {
                let text = event_target_value(&event);
                filter.update(|filter| filter.text = text);
            }/>
        <select class="input" aria-label="Filter by status" data-testid="risk-filter-status"
            prop:value=move || filter.with(|filter| filter.status.map_or("", RiskStatus::label).to_string())
            on:change=move |event| {
                let label = event_target_value(&event);
                filter.update(|filter| filter.status = RiskStatus::ALL.into_iter().find(|status| status.label() == label));
            }>
            <option value="">"Any status"</option>
            {RiskStatus::ALL.into_iter().map(|status| view! { <option value=status.label()>{status.label()}</option> }).collect_view()}
        </select>
        <select class="input" aria-label="Filter by owner" data-testid="risk-filter-owner" prop:value=owner_value
            on:change=move |event| {
                let value = event_target_value(&event);
                filter.update(|filter| filter.owner = match value.as_str() {
                    "" => None,
                    "-" => Some(None),
                    person => Some(Some(PersonId::new(person))),
                });
            }>
            <option value="">"Any owner"</option>
            <option value="-">"No owner"</option>
            {move || people().into_iter().map(|(person, name)| view! { <option value=person.to_string()>{name}</option> }).collect_view()}
        </select>
        <select class="input" aria-label="Filter by band" data-testid="risk-filter-band"
            prop:value=move || filter.with(|filter| filter.band.map_or("", RiskBand::label).to_string())
            on:change=move |event| {
                let label = event_target_value(&event);
                filter.update(|filter| filter.band = RiskBand::from_label(&label));
            }>
            <option value="">"Any band"</option>
            {RiskBand::ALL.into_iter().rev().map(|band| view! { <option value=band.label()>{band.label()}</option> }).collect_view()}
        </select>
        <select class="input" aria-label="Filter by category" data-testid="risk-filter-category"
            prop:value=move || filter.with(|filter| filter.category.clone().unwrap_or_default())
            on:change=move |event| {
                let value = event_target_value(&event);
                filter.update(|filter| filter.category = (!value.is_empty()).then_some(value));
            }>
            <option value="">"Any category"</option>
            {move || categories().into_iter().map(|name| view! { <option value=name.clone()>{name.clone()}</option> }).collect_view()}
        </select>
        {move || filter.with(|filter| filter.cell).map(|(probability, impact)| view! {
            <button type="button" class="chip" data-testid="risk-cell-filter" title="Clear the heat-map cell filter"
                on:click=move |_| filter.update(|filter| filter.cell = None)>
                {format!("P{probability} × I{impact} ✕")}
            </button>
        })}
        <label class="field field--inline">
            <input type="checkbox" data-testid="risk-show-closed" prop:checked=move || filter.with(|filter| filter.show_closed)
                on:change=move |event| {
                    let checked = event_target::<web_sys::HtmlInputElement>(&event).checked();
                    filter.update(|filter| filter.show_closed = checked);
                }/>
            "Show closed"
        </label>
    }
}

/// One risk in the table. A click or Enter opens it in the panel; ↑ ↓ move; Delete asks
/// to delete it.
#[component]
fn RiskRow(
    risk: Risk,
    today: chrono::NaiveDate,
    critical: Memo<Vec<crate::analysis::risk::CriticalRisk>>,
    question: RwSignal<PanelQuestion>,
) -> impl IntoView {
    let context = use_plan();
    let id = StoredValue::new(risk.id.clone());
    let band = RiskBand::of(&risk);
    let owner = context.document.plan.with_untracked(|plan| {
        risk.owner
            .as_ref()
            .map(|owner| plan.person(owner.as_str()).map_or_else(|| owner.to_string(), |person| person.name.clone()))
    });
    let overdue = risk::review_overdue(&risk, today);
    let critical_tasks = move || {
        critical.with(|critical| {
            critical.iter().find(|entry| entry.risk == id.get_value()).map(|entry| entry.tasks.clone())
        })
    };
    let selected = move || context.view.selected_risk.with(|selected| selected.as_ref() == Some(&id.get_value()));
    let open = move || {
        question.set(PanelQuestion::None);
        context.view.selected_risk.set(Some(id.get_value()));
    };
    let on_key = move |event: web_sys::KeyboardEvent| {
        let row: web_sys::HtmlElement = event_target(&event);
        if row.tag_name() != "TR" {
            return;
        }
        match event.key().as_str() {
            "Enter" | " " => {
                event.prevent_default();
                open();
            }
            "ArrowDown" | "ArrowUp" => {
                event.prevent_default();
                let next = if event.key() == "ArrowDown" {
                    row.next_element_sibling()
                } else {
                    row.previous_element_sibling()
                };
                if let Some(next) = next.and_then(|next| next.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = next.focus();
                    if context.view.selected_risk.get_untracked().is_some() {
                        if let Some(next_id) = next.get_attribute("data-risk-row") {
                            question.set(PanelQuestion::None);
                            context.view.selected_risk.set(Some(RiskId::new(&next_id)));
                        }
                    }
                }
            }
            "Delete" | "Backspace" => {
                event.prevent_default();
                context.view.selected_risk.set(Some(id.get_value()));
                question.set(PanelQuestion::Delete);
            }
            _ => {}
        }
    };
    let row_class = move || {
        let mut class = format!("risks__row risks__row--{}", risk.status.label());
        if selected() {
            class.push_str(" risks__row--selected");
        }
        class
    };
    let linked = risk.linked_tasks.iter().map(TaskId::to_string).collect::<Vec<_>>().join(", ");
    view! {
        <tr class=row_class tabindex="0" data-testid="risk-row" data-risk-row=risk.id.to_string() aria-selected=move || selected().to_string()
            on:click=move |_| open() on:keydown=on_key>
            <td class="table__id">{risk.id.to_string()}</td>
            <td class="risks__title">
                <span>{risk.title.clone()}</span>
                {move || critical_tasks().map(|tasks| view! {
                    <span class="flag flag--critical" data-testid="risk-critical-flag"
                        title=format!("Threatens tasks on the critical path: {}", tasks.iter().map(TaskId::to_string).collect::<Vec<_>>().join(", "))>"⚑ critical path"</span>
                })}
            </td>
            <td>{risk.category.clone()}</td>
            <td class="risks__number">{risk.probability}</td>
            <td class="risks__number">{risk.impact}</td>
            <td><span class=format!("score score--{}", band.label())>{format!("{} {}", risk.score(), band.label())}</span></td>
            <td>{owner.unwrap_or_else(|| "–".into())}</td>
            <td>{risk.response.label()}</td>
            <td><span class=format!("status status--{}", risk.status.label())>{risk.status.label()}</span></td>
            <td class=if overdue { "risks__date risks__date--overdue" } else { "risks__date" }
                title=overdue.then_some("The review date has passed")>
                {risk.review_date.map(format_iso_date).unwrap_or_default()}
                {overdue.then_some(" overdue")}
            </td>
            <td class="risks__tasks">{linked}</td>
            <td class="risks__date">{risk.updated.map(format_iso_date).unwrap_or_default()}</td>
        </tr>
    }
}

/// The editable list of risk categories: rename, remove (refused while a risk uses
/// it), add.
#[component]
fn CategoryEditor() -> impl IntoView {
    let context = use_plan();
    let set = move |categories: Vec<String>| context.dispatch(Command::SetRiskCategories(categories)).is_ok();
    view! {
        <details class="risks__categories">
            <summary class="button">"Categories"</summary>
            <div class="risks__categories-body card">
                <ul class="risks__category-list">
                    {move || context.document.plan.with(|plan| plan.risk_categories.clone()).into_iter().map(|name| {
                        let stored = StoredValue::new(name.clone());
                        let used = context.document.plan.with_untracked(|plan| plan.risks.iter().filter(|risk| risk.category == name).count());
                        view! {
                            <li class="risks__category">
                                <CommitInput label=format!("Rename category {name}") value=Signal::stored(name.clone())
                                    on_commit=Callback::new(move |text: String| context.dispatch(Command::RenameRiskCategory { from: stored.get_value(), to: text.trim().to_string() }).is_ok())/>
                                <span class="risks__category-used">{format!("{used} risk{}", if used == 1 { "" } else { "s" })}</span>
                                <button type="button" class="icon-button icon-button--danger" aria-label=format!("Remove category {name}")
                                    on:click=move |_| {
                                        let name = stored.get_value();
                                        let rest = context.document.plan.with_untracked(|plan| plan.risk_categories.iter().filter(|other| **other != name).cloned().collect());
                                        set(rest);
                                    }>"✕"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <CommitInput label="New category" value=Signal::stored(String::new())
                    on_commit=Callback::new(move |text: String| {
                        let text = text.trim().to_string();
                        if text.is_empty() {
                            return false;
                        }
                        let mut categories = context.document.plan.with_untracked(|plan| plan.risk_categories.clone());
                        categories.push(text);
                        set(categories)
                    })/>
            </div>
        </details>
    }
}

/// Whether a key went to a form field or editable text (where letters are text, not
/// shortcuts).
fn in_field(event: &web_sys::KeyboardEvent) -> bool {
    event.target().and_then(|target| target.dyn_into::<web_sys::HtmlElement>().ok()).is_some_and(|element| {
        matches!(element.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA") || element.is_content_editable()
    })
}

/// Focuses an element once the view has drawn it.
fn focus_later(selector: &'static str) {
    set_timeout(
        move || {
            if let Some(element) = document().query_selector(selector).ok().flatten() {
                let _ = element.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        },
        std::time::Duration::from_millis(0),
    );
}
