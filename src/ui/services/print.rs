//! Printing: a view's Print button draws a printout outside the app (the timeline as
//! one SVG image, a register or matrix as its Markdown table), opens the browser's
//! print dialog and takes the printout away again. The printout is made by a part,
//! fetched when Print is first used.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::storage;
use crate::ui::parts::{self, on_demand, PartNotLoaded};
use crate::ui::state::{use_plan, PlanContext};
use crate::ui::widgets::MarkdownView;

on_demand! { print:
    /// What a Print button prints (the timeline's SVG, a view's Markdown table).
    fn make_printout(context: PlanContext, printout: Printout) -> Result<Printed, String> {
        printout_of(context, printout)
    }
}

/// The browser's print dialog (the print stylesheet leaves the controls out).
pub fn print_page() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// What a view prints instead of its interactive self: the timeline as one SVG image
/// (every task, not only the rows in view), or a register or matrix as its Markdown
/// table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Printout {
    /// The whole timeline, or a period of it (its first and last days).
    Timeline(Option<(NaiveDate, NaiveDate)>),
    Raci,
    Risks,
}

/// A printout, drawn by the part that made it: `draw` shows `content`.
#[derive(Clone, Debug)]
pub struct Printed {
    draw: fn(String) -> AnyView,
    content: String,
}

/// Makes the printout of a view (the `print` part, fetched when Print is first used):
/// the timeline as an SVG image, or a register or matrix as its Markdown table.
fn printout_of(context: PlanContext, printout: Printout) -> Result<Printed, String> {
    let today = storage::today();
    let markdown = |content| Printed { draw: |text| view! { <MarkdownView text=text/> }.into_any(), content };
    context.document.plan.with_untracked(|plan| match printout {
        Printout::Raci => Ok(markdown(crate::file::raci_markdown(plan))),
        Printout::Risks => Ok(markdown(crate::file::risks_markdown(plan))),
        Printout::Timeline(period) => context.derived.schedule.with_untracked(|schedule| match schedule {
            Ok(schedule) => {
                let svg = match period {
                    Some((from, to)) => {
                        if !(0..plan.tasks.len())
                            .any(|index| crate::chart::svg_export::at_work(schedule, index, from, to))
                        {
                            return Err(format!(
                                "no task is at work from {} to {}: nothing to print",
                                crate::model::dates::format_iso_date(from),
                                crate::model::dates::format_iso_date(to)
                            ));
                        }
                        crate::chart::timeline_svg_between(plan, schedule, today, from, to)
                    }
                    None => crate::chart::timeline_svg(plan, schedule, today),
                };
                let encoded = String::from(js_sys::encode_uri_component(&svg));
                Ok(Printed {
                    draw: |url| view! { <img class="print-only__image" src=url alt="The timeline"/> }.into_any(),
                    content: format!("data:image/svg+xml;charset=utf-8,{encoded}"),
                })
            }
            Err(error) => Err(format!("the plan cannot be scheduled: {error}")),
        }),
    })
}

/// A Print button: it draws the printout outside the app (the print stylesheet then
/// hides the app), opens the print dialog, and takes the printout away again.
#[component]
pub fn PrintButton(printout: Printout) -> impl IntoView {
    let context = use_plan();
    let content = RwSignal::new(None::<Printed>);
    view! {
        <button type="button" class="button" data-testid="print" title="Print, or save as PDF from the print dialog" on:click=move |_| print(context, content, printout)>"Print"</button>
        <PrintoutSlot content/>
    }
}

/// The timeline's Print menu: the whole plan, or the days from one date to another, fitted
/// to the page's width (the names at the left of every page, as they are part of each row).
#[component]
pub fn TimelinePrintMenu() -> impl IntoView {
    let context = use_plan();
    let content = RwSignal::new(None::<Printed>);
    let menu = NodeRef::<leptos::html::Details>::new();
    let (from, to) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let problem = RwSignal::new(None::<String>);
    let close = move || {
        if let Some(menu) = menu.get_untracked() {
            menu.set_open(false);
        }
    };
    let print_period = move |_| match period_of(&from.get_untracked(), &to.get_untracked()) {
        Ok(period) => {
            problem.set(None);
            close();
            print(context, content, Printout::Timeline(period));
        }
        Err(message) => problem.set(Some(message)),
    };
    view! {
        <details class="menu print-menu" node_ref=menu data-testid="print-menu">
            <summary class="button" title="Print, or save as PDF from the print dialog">"Print ▾"</summary>
            <div class="menu__items print-menu__items">
                <button type="button" class="menu__item" data-testid="print" on:click=move |_| {
                    close();
                    print(context, content, Printout::Timeline(None));
                }>"The whole plan"</button>
                <p class="print-menu__head">"Or the days from"</p>
                <div class="print-menu__period">
                    <input type="text" class="input print-menu__date" placeholder="YYYY-MM-DD" aria-label="Print from (YYYY-MM-DD)"
                        data-testid="print-from" prop:value=from on:input=move |event| from.set(event_target_value(&event))/>
                    <span>"to"</span>
                    <input type="text" class="input print-menu__date" placeholder="YYYY-MM-DD" aria-label="Print to (YYYY-MM-DD)"
                        data-testid="print-to" prop:value=to on:input=move |event| to.set(event_target_value(&event))
                        on:keydown=move |event| if event.key() == "Enter" { print_period(()) }/>
                </div>
                <p class="field-refusal print-menu__problem" role="alert" data-testid="print-problem" hidden=move || problem.with(Option::is_none)>{move || problem.get()}</p>
                <button type="button" class="button" data-testid="print-period" on:click=move |_| print_period(())>"Print these days"</button>
            </div>
        </details>
        <PrintoutSlot content/>
    }
}

/// The period typed in the Print menu: both dates, or neither for the whole plan.
fn period_of(from: &str, to: &str) -> Result<Option<(NaiveDate, NaiveDate)>, String> {
    let read = |text: &str, which: &str| {
        crate::ui::widgets::parse_optional_date(text).map_err(|problem| format!("The {which} date: {problem}"))
    };
    match (read(from, "first")?, read(to, "last")?) {
        (Some(from), Some(to)) => Ok(Some((from.min(to), from.max(to)))),
        (None, None) => Ok(None),
        (None, Some(_)) => Err("Give the first day to print too (YYYY-MM-DD).".into()),
        (Some(_), None) => Err("Give the last day to print too (YYYY-MM-DD).".into()),
    }
}

/// Makes `printout` and prints it (see [`PrintButton`]).
fn print(context: PlanContext, content: RwSignal<Option<Printed>>, printout: Printout) {
    let made = make_printout(context, printout);
    parts::run(
        context,
        "printing",
        Box::pin(async move {
            match made.await? {
                Ok(printed) => content.set(Some(printed)),
                Err(message) => {
                    context
                        .session
                        .notice
                        .set(Some(crate::ui::Notice::error(format!("Not printed: {message}."), Vec::new())));
                    return Ok(());
                }
            }
            // Let the printout draw (and an image decode) before the dialog opens.
            set_timeout(
                move || {
                    print_page();
                    content.set(None);
                },
                std::time::Duration::from_millis(150),
            );
            Ok::<(), PartNotLoaded>(())
        }),
    );
}

/// Where a printout is drawn while it prints, outside the app: a title line (the plan, the
/// day it is printed, the baseline it is compared with) above it.
#[component]
fn PrintoutSlot(content: RwSignal<Option<Printed>>) -> impl IntoView {
    let context = use_plan();
    let title = move || context.document.plan.with_untracked(|plan| plan.name.clone());
    let subtitle = move || {
        let baseline =
            context.derived.baseline.with_untracked(|baseline| baseline.as_ref().map(|baseline| baseline.name.clone()));
        let printed = crate::model::dates::format_iso_date(storage::today());
        match baseline {
            Some(name) => format!("Printed {printed} · compared with the baseline “{name}”"),
            None => format!("Printed {printed} · no baseline"),
        }
    };
    move || {
        content.get().map(|printed| {
            view! {
                <leptos::portal::Portal>
                    <div class="print-only" data-testid="printout">
                        <h1 class="print-only__title">{title()}</h1>
                        <p class="print-only__subtitle" data-testid="printout-subtitle">{subtitle()}</p>
                        {(printed.draw)(printed.content.clone())}
                    </div>
                </leptos::portal::Portal>
            }
        })
    }
}
