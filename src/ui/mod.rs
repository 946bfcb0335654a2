//! The Leptos user interface: thin components that read the plan's signals and
//! send commands. `App` is the root; the shell, each view, the services and widgets
//! have a folder each (docs/ARCHITECTURE.md, "The ui tree"). No module imports one that
//! imports it back (`tests/native/layers.rs`).

// The app's frame, around every view: header and menus, banners, global keys, drops.
mod shell;

// The views, a folder each; a view fetched on demand has its door (`on_demand!`) in its
// folder's `mod.rs`.
mod budget;
mod compare;
mod interchange;
mod log;
mod plan;
mod portfolio;
mod raci;
mod report;
mod risks;
mod start;
mod timeline;

// What views share: services (print, export, clipboard, share links, files), widgets.
mod services;
mod widgets;

// Below them all: the plan's state, the lazy-loading mechanism, the DOM drawing layer.
mod dom;
mod focus;
mod panic_report;
mod parts;
mod state;

pub use panic_report::install_panic_report;
pub use services::share::link_fragment;
pub use shell::update_banner::register_service_worker;
pub use state::{provide_plan, use_plan, Notice, Page, PlanContext, SaveState, EXAMPLE_PLAN_URL};

use leptos::prelude::*;

impl parts::TellNotLoaded for PlanContext {
    fn tell_not_loaded(self, message: String) {
        self.session.notice.set(Some(Notice::error(message, Vec::new())));
    }
}

/// The whole app: start screen or the open plan, with the header and banners.
#[component]
pub fn App() -> impl IntoView {
    let context = provide_plan();
    shell::theme::apply_kept(context);
    let compare = compare::provide_compare(context);
    let portfolio = portfolio::provide_portfolio();
    shell::keys::install_global_listeners(context);
    shell::address::follow_address(context, compare);
    view! {
        <div
            class="app"
            on:dragover=move |event: leptos::ev::DragEvent| event.prevent_default()
            on:drop=move |event: leptos::ev::DragEvent| shell::open::on_drop(context, event)
        >
            <shell::header::Header/>
            <shell::banners::Banners/>
            <services::share::SharedPlanLink/>
            <shell::announce::ScheduleAnnouncer/>
            <main class="app__main" id="main">
                // The start screen is in the first download, the first view of a first
                // visit; every view of a plan is a part fetched when first shown (parts.rs),
                // the timeline first of all, as soon as a plan is open.
                {move || match context.document.plan_id.get() {
                    None if portfolio.is_open() => {
                        parts::show("the portfolio", || parts::styled("portfolio", Box::pin(portfolio::portfolio_page()))).into_any()
                    }
                    None => view! { <start::StartScreen/> }.into_any(),
                    Some(_) if compare.is_open() => {
                        parts::show("the comparison", || parts::styled("compare", Box::pin(compare::compare_page()))).into_any()
                    }
                    Some(_) => match context.view.page.get() {
                        Page::Plan => parts::show("the Plan page", || Box::pin(plan::plan_page())).into_any(),
                        Page::Timeline => parts::show("the timeline", || Box::pin(timeline::timeline_page())).into_any(),
                        Page::Raci => parts::show("the RACI matrix", || parts::styled("raci", Box::pin(raci::raci_page()))).into_any(),
                        Page::Risks => parts::show("the risk register", || parts::styled("risks", Box::pin(risks::risks_page()))).into_any(),
                        Page::Log => parts::show("the RAID log", || parts::styled("log", Box::pin(log::log_page()))).into_any(),
                        Page::Budget => parts::show("the budget", || parts::styled("budget", Box::pin(budget::budget_page()))).into_any(),
                        Page::Report => {
                            parts::show("the status report", || parts::styled("report", Box::pin(report::report_page()))).into_any()
                        }
                    },
                }}
            </main>
        </div>
    }
}
