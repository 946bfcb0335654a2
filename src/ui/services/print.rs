//! Printing: a view's Print button draws a printout outside the app (the timeline as
//! one SVG image, a register or matrix as its Markdown table), opens the browser's
//! print dialog and takes the printout away again. The printout is made by a part,
//! fetched when Print is first used.

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
    Timeline,
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
        Printout::Timeline => context.derived.schedule.with_untracked(|schedule| match schedule {
            Ok(schedule) => {
                let svg = crate::chart::timeline_svg(plan, schedule, today);
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
    let print = move |_| {
        let made = make_printout(context, printout);
        parts::run(
            context,
            "printing",
            Box::pin(async move {
                match made.await? {
                    Ok(printed) => content.set(Some(printed)),
                    Err(message) => {
                        context.refuse(message);
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
    };
    let title = move || context.document.plan.with_untracked(|plan| plan.name.clone());
    view! {
        <button type="button" class="button" data-testid="print" title="Print, or save as PDF from the print dialog" on:click=print>"Print"</button>
        {move || content.get().map(|printed| view! {
            <leptos::portal::Portal>
                <div class="print-only" data-testid="printout">
                    <h1 class="print-only__title">{title()}</h1>
                    {(printed.draw)(printed.content.clone())}
                </div>
            </leptos::portal::Portal>
        })}
    }
}
