//! The portfolio view: several plans of this browser seen together (their dates, status
//! and problems, every milestone on one timeline, people overloaded across plans). The
//! rules are in `crate::portfolio`; this is the view, a part fetched when first opened
//! from the start screen.

mod chart;
mod files;
mod page;
mod workload;

use leptos::prelude::*;

use crate::ui::parts::{on_demand, ViewMaker};

on_demand! { portfolio:
    /// The portfolio: several plans of this browser together.
    pub fn portfolio_page() -> ViewMaker {
        || view! { <page::PortfolioPage/> }.into_any()
    }
}

/// Whether the portfolio view is showing (in place of the start screen).
#[derive(Clone, Copy)]
pub struct PortfolioView {
    open: RwSignal<bool>,
}

impl PortfolioView {
    pub fn is_open(&self) -> bool {
        self.open.get()
    }

    pub fn set_open(&self, open: bool) {
        self.open.set(open);
    }
}

/// Makes the portfolio view's state reachable by the start screen and the page.
pub fn provide_portfolio() -> PortfolioView {
    let view = PortfolioView { open: RwSignal::new(false) };
    provide_context(view);
    view
}

pub fn use_portfolio() -> PortfolioView {
    expect_context::<PortfolioView>()
}

/// "Portfolio…" on the start screen, under the plans kept in this browser.
#[component]
pub fn PortfolioButton() -> impl IntoView {
    let view = use_portfolio();
    view! {
        <button type="button" class="button" data-testid="open-portfolio" on:click=move |_| view.set_open(true)>
            "Portfolio: see plans together…"
        </button>
    }
}
