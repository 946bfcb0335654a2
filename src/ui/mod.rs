//! The Leptos user interface: thin components that read the plan's signals and
//! send commands. The app shell lives here; each view has its own module.

mod address;
mod announce;
mod compare;
mod cross_plan;
mod dom;
mod files;
mod gantt;
mod interchange;
mod links;
mod panic_report;
mod parts;
mod plan_page;
mod plan_reader;
mod portfolio;
mod raci;
mod report;
mod risk_charts;
mod risk_panel;
mod risks;
mod share;
mod shell;
mod start;
mod state;
mod task_actions;
mod task_details;
mod task_grid;
mod theme;
mod timeline;
mod typing;
mod update_banner;
mod widgets;

pub use panic_report::install_panic_report;
pub use share::link_fragment;
pub use state::{provide_plan, use_plan, Notice, Page, PlanContext, SaveState, EXAMPLE_PLAN_URL};
pub use update_banner::register_service_worker;

use leptos::prelude::*;

/// The whole app: start screen or the open plan, with the header and banners.
#[component]
pub fn App() -> impl IntoView {
    let context = provide_plan();
    theme::apply_kept(context);
    let compare = compare::provide_compare(context);
    let portfolio = portfolio::provide_portfolio();
    shell::install_global_listeners(context);
    address::follow_address(context, compare);
    view! {
        <div
            class="app"
            on:dragover=move |event: leptos::ev::DragEvent| event.prevent_default()
            on:drop=move |event: leptos::ev::DragEvent| shell::on_drop(context, event)
        >
            <shell::Header/>
            <shell::Banners/>
            <share::SharedPlanLink/>
            <announce::ScheduleAnnouncer/>
            <main class="app__main" id="main">
                // The start screen is in the first download, the first view of a first
                // visit; every view of a plan is a part fetched when first shown (parts.rs),
                // the timeline first of all, as soon as a plan is open.
                {move || match context.plan_id.get() {
                    None if portfolio.is_open() => {
                        parts::show("the portfolio", || parts::styled("portfolio", Box::pin(parts::portfolio_page()))).into_any()
                    }
                    None => view! { <start::StartScreen/> }.into_any(),
                    Some(_) if compare.is_open() => {
                        parts::show("the comparison", || parts::styled("compare", Box::pin(parts::compare_page()))).into_any()
                    }
                    Some(_) => match context.page.get() {
                        Page::Plan => parts::show("the Plan page", || Box::pin(parts::plan_page())).into_any(),
                        Page::Timeline => parts::show("the timeline", || Box::pin(parts::timeline_page())).into_any(),
                        Page::Raci => parts::show("the RACI matrix", || parts::styled("raci", Box::pin(parts::raci_page()))).into_any(),
                        Page::Risks => parts::show("the risk register", || parts::styled("risks", Box::pin(parts::risks_page()))).into_any(),
                        Page::Report => {
                            parts::show("the status report", || parts::styled("report", Box::pin(parts::report_page()))).into_any()
                        }
                    },
                }}
            </main>
        </div>
    }
}
