//! The app's state, provided once as context: one `Copy` handle, `PlanContext`, made of
//! four parts, each a `Copy` struct of signal handles, one per kind of reader:
//! - `document`: the open plan, its storage id and its undo history (`document.rs`);
//! - `derived`: what is computed from them, never stored (schedule, outline, resource
//!   load, baseline in use; `derived.rs`);
//! - `view`: what this tab shows (page, selection, collapsed summaries, text in
//!   progress; `view.rs`);
//! - `session`: where the plan is kept (save state, notices, the plans in storage), and
//!   the browser half of the save and two-tab protocol (`session.rs`, `plans.rs`), whose
//!   rules are pure, in `session::save_protocol`.
//!
//! Components read the parts' signals and change the plan only through
//! `PlanContext::dispatch` (and the other `PlanContext` methods: undo, open, import...).

mod derived;
mod document;
mod plans;
mod session;
mod view;

use leptos::prelude::*;

pub use self::derived::DerivedState;
pub use self::document::{DocumentState, ImportQuestion};
pub use self::plans::count_work_elsewhere_part;
pub use self::session::SessionState;
pub use self::view::ViewState;
pub use crate::session::{Notice, Page, SaveState};

/// The `baseline_choice` that means "compare with no baseline".
pub const NO_BASELINE: &str = "none";

/// The example program, shipped beside the app (`dist/program.plan.json`) and
/// fetched on demand so it does not weigh on the first load.
pub const EXAMPLE_PLAN_URL: &str = "program.plan.json";

/// The Performance API mark set before the stored plan is read at start-up.
pub const OPEN_STARTED_MARK: &str = "planwright:open-started";

/// Everything the components share. Cheap to copy: its four parts are handles.
#[derive(Clone, Copy)]
pub struct PlanContext {
    /// The open plan, its storage id, and its undo history.
    pub document: DocumentState,
    /// What is computed from the document and the view.
    pub derived: DerivedState,
    /// What this tab shows.
    pub view: ViewState,
    /// Where the plan is kept, and what the user is told.
    pub session: SessionState,
}

/// Creates the app state, reads local storage, and provides it as context.
pub fn provide_plan() -> PlanContext {
    let document = DocumentState::new();
    let view = ViewState::new();
    let context =
        PlanContext { document, derived: DerivedState::new(document, view), view, session: SessionState::new() };
    provide_context(context);
    context.start_up();
    on_cleanup(move || context.cancel_timer());
    context
}

/// The app state provided by `provide_plan`.
pub fn use_plan() -> PlanContext {
    expect_context::<PlanContext>()
}
