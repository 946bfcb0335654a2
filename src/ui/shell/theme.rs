//! The colour theme on the page: the choice kept in this browser (`session::Theme`, in
//! local storage) set as `data-theme` on the root element, which the stylesheets follow
//! (style/tokens.css: with no attribute they follow the system's colour scheme), and the
//! menu items that choose it. index.html sets the kept choice before the app starts, so
//! the first paint is already in the chosen theme; `apply_kept` sets it again in case
//! that script could not run.

use leptos::prelude::*;

use crate::session::Theme;
use crate::ui::state::{use_plan, Notice, PlanContext};

/// Sets `theme` on the page's root element: its `data-theme`, or none for the system's.
pub fn apply(theme: Theme) {
    let Some(root) = document().document_element() else { return };
    // Setting or removing an attribute of the root element does not fail.
    let _ = match theme.attribute() {
        Some(value) => root.set_attribute("data-theme", value),
        None => root.remove_attribute("data-theme"),
    };
}

/// The theme kept in this browser (the system's when none is, or storage cannot be used).
fn kept(context: PlanContext) -> Theme {
    context.with_store(|store| store.theme()).unwrap_or_default()
}

/// Sets the theme kept in this browser on the page; called once as the app starts.
pub fn apply_kept(context: PlanContext) {
    apply(kept(context));
}

/// Sets `theme` on the page and keeps it; says so when it cannot be kept.
fn choose(context: PlanContext, theme: Theme) {
    apply(theme);
    let kept_for_this_visit_only = match context.with_store(|store| store.set_theme(theme)) {
        Some(Ok(())) => return,
        Some(Err(error)) => format!("could not be kept in this browser: {error}"),
        None => "could not be kept: this browser's storage cannot be used".to_string(),
    };
    context.session.notice.set(Some(Notice::info(format!(
        "The {} applies until this page is closed; it {kept_for_this_visit_only}.",
        theme.label().to_lowercase()
    ))));
}

/// The theme choices, as a group of radio items in a menu (the header's "More").
#[component]
pub fn ThemeChoices(
    /// Called after a choice (the menu closes).
    #[prop(into)]
    on_chosen: Callback<()>,
) -> impl IntoView {
    let context = use_plan();
    let chosen = RwSignal::new(kept(context));
    view! {
        <div class="menu__group" role="group" aria-label="Colour theme">
            {Theme::ALL
                .map(|theme| {
                    view! {
                        <button
                            type="button"
                            role="menuitemradio"
                            class="menu__item"
                            aria-checked=move || (chosen.get() == theme).to_string()
                            data-testid=format!("theme-{}", theme.attribute().unwrap_or("system"))
                            on:click=move |_| {
                                choose(context, theme);
                                chosen.set(theme);
                                on_chosen.run(());
                            }
                        >
                            {theme.label()}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}
