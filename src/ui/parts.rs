//! Parts of the app that the first screen does not need, fetched when first used.
//!
//! With the cargo feature `split` (the release build, see `index.html`), each function
//! declared with [`on_demand!`] is a split point of `wasm_split`: `cargo xtask post-build`
//! (xtask/src/split.rs) moves the code only such functions reach out of the main wasm
//! into a module per part, which the browser fetches the first time one of its functions
//! is called. Without the feature (browser tests, clippy) they are plain async functions
//! whose future is ready at once: the same code runs unsplit, in the same tick.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use leptos::prelude::*;

/// A part of the app could not be fetched (offline before it was ever cached, or the
/// server unreachable).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PartNotLoaded;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for PartNotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        PartNotLoaded
    }
}

/// Declares a function whose code is fetched on first use, with the other functions
/// of the same part: `on_demand! { part: pub fn name(args) -> T { body } }` gives an
/// `async fn name(args) -> Result<T, PartNotLoaded>`.
macro_rules! on_demand {
    ($part:ident: $(#[$attr:meta])* $vis:vis fn $name:ident($($arg:ident: $type:ty),* $(,)?) -> $output:ty $body:block) => {
        $(#[$attr])*
        #[cfg(feature = "split")]
        #[::leptos::wasm_split::wasm_split($part, wasm_split_path = ::leptos::wasm_split, fallible)]
        $vis fn $name($($arg: $type),*) -> Result<$output, $crate::ui::parts::PartNotLoaded> {
            Ok($body)
        }
        $(#[$attr])*
        #[cfg(not(feature = "split"))]
        $vis async fn $name($($arg: $type),*) -> Result<$output, $crate::ui::parts::PartNotLoaded> {
            Ok($body)
        }
    };
}

/// Draws a view of a part; the part's function returns it once the part is there.
pub type ViewMaker = fn() -> AnyView;

/// Fetching a part, boxed so that every view on demand shares one copy of [`show`].
pub type PartLoad<T> = Pin<Box<dyn Future<Output = Result<T, PartNotLoaded>>>>;

#[derive(Clone, Copy)]
enum PartState {
    Loading,
    Ready(ViewMaker),
    Failed,
}

/// Shows the view that `load` gives: at once when its part is already there (always,
/// unsplit), else "Loading…" until it is fetched, or, if it cannot be fetched, a message
/// with "Try again"; the rest of the app keeps working either way. `what` names the view
/// in that message ("the RACI matrix").
pub fn show(what: &'static str, load: fn() -> PartLoad<ViewMaker>) -> impl IntoView {
    let state = RwSignal::new(PartState::Loading);
    fetch(load, state);
    let failure = format!(
        "Planwright could not fetch {what}: it is loaded when first opened, and the app's server cannot be reached. Your plan is safe. Try again when you are online."
    );
    move || match state.get() {
        PartState::Ready(make) => make(),
        PartState::Loading => {
            view! { <p class="part-loading" role="status" data-testid="part-loading">"Loading…"</p> }.into_any()
        }
        PartState::Failed => view! {
            <div class="banner banner--error" role="alert" data-testid="part-not-loaded">
                <span>{failure.clone()}</span>
                <button type="button" class="button" on:click=move |_| fetch(load, state)>"Try again"</button>
            </div>
        }
        .into_any(),
    }
}

fn fetch(load: fn() -> PartLoad<ViewMaker>, state: RwSignal<PartState>) {
    let settle = move |result: Result<ViewMaker, PartNotLoaded>| {
        // The view may be gone by the time a fetch ends.
        let _ = state.try_set(result.map_or(PartState::Failed, PartState::Ready));
    };
    let mut loading = load();
    match poll_once(&mut loading) {
        Some(result) => settle(result),
        None => {
            state.set(PartState::Loading);
            leptos::task::spawn_local(async move { settle(loading.await) });
        }
    }
}

/// Runs a fetch action of a part (an export, say): the action once its part is there, or
/// a notice that it could not be fetched.
pub fn run(context: super::PlanContext, what: &'static str, action: PartLoad<()>) {
    let mut action = action;
    let report = move |result: Result<(), PartNotLoaded>| {
        if result.is_err() {
            context.notice.set(Some(super::Notice::error(
                format!(
                    "Planwright could not fetch {what}: it is loaded when first used, and the app's server cannot be reached. Nothing was changed; try again when you are online."
                ),
                Vec::new(),
            )));
        }
    };
    match poll_once(&mut action) {
        Some(result) => report(result),
        None => leptos::task::spawn_local(async move { report(action.await) }),
    }
}

/// A view of a part that has a stylesheet of its own (`style/part-<part>.css`): its view
/// shows once both the part and the stylesheet are there, never unstyled. The stylesheet
/// is asked for at once, so the two download side by side.
pub fn styled(part: &'static str, view: PartLoad<ViewMaker>) -> PartLoad<ViewMaker> {
    let stylesheet = stylesheet(part);
    Box::pin(async move {
        let make = view.await?;
        stylesheet.await?;
        Ok(make)
    })
}

/// An action of a part whose stylesheet styles what it opens (a dialog): the
/// stylesheet is there before the action runs.
pub fn styled_action(part: &'static str, action: PartLoad<()>) -> PartLoad<()> {
    let stylesheet = stylesheet(part);
    Box::pin(async move {
        stylesheet.await?;
        action.await
    })
}

/// The attribute a part's `<link>` gets when its stylesheet has loaded ("load") or could
/// not be fetched ("error").
const STYLESHEET_STATE: &str = "data-state";

/// Links the part's stylesheet into the page, if the build took it out of the first load:
/// `cargo xtask post-build` leaves `<meta name="part-stylesheet" data-part=… content=…>`
/// (xtask/src/minify.rs). Unsplit (browser tests) there is none: nothing to wait for.
fn stylesheet(part: &'static str) -> StylesheetLoad {
    use wasm_bindgen::JsCast;
    let document = document();
    let find = |selector: String| document.query_selector(&selector).ok().flatten();
    // A stylesheet that could not be fetched before is asked for anew.
    let linked = find(format!("link[data-part='{part}']")).filter(|link| {
        let failed = link.get_attribute(STYLESHEET_STATE).as_deref() == Some("error");
        if failed {
            link.remove();
        }
        !failed
    });
    let link = linked.or_else(|| {
        let href = find(format!("meta[name=part-stylesheet][data-part='{part}']"))?.get_attribute("content")?;
        let link = document.create_element("link").ok()?;
        for (name, value) in [("rel", "stylesheet"), ("href", href.as_str()), ("data-part", part)] {
            link.set_attribute(name, value).ok()?;
        }
        // Registered before any waiting future's own listener, so it runs first.
        let noted = link.clone();
        let note_state = wasm_bindgen::closure::Closure::once_into_js(move |event: web_sys::Event| {
            let _ = noted.set_attribute(STYLESHEET_STATE, &event.type_());
        });
        for event in ["load", "error"] {
            link.add_event_listener_with_callback(event, note_state.unchecked_ref()).ok()?;
        }
        document.head()?.append_child(&link).ok()?;
        Some(link)
    });
    StylesheetLoad { link }
}

/// Waiting for a part's stylesheet; a stylesheet that could not be fetched is taken out
/// again, so "Try again" asks for it anew.
struct StylesheetLoad {
    link: Option<web_sys::Element>,
}

impl Future for StylesheetLoad {
    type Output = Result<(), PartNotLoaded>;

    fn poll(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Self::Output> {
        use wasm_bindgen::JsCast;
        let Some(link) = &self.link else { return Poll::Ready(Ok(())) };
        match link.get_attribute(STYLESHEET_STATE).as_deref() {
            Some("load") => Poll::Ready(Ok(())),
            Some(_) => {
                link.remove();
                Poll::Ready(Err(PartNotLoaded))
            }
            None => {
                let waker = context.waker().clone();
                let wake = wasm_bindgen::closure::Closure::once_into_js(move || waker.wake());
                for event in ["load", "error"] {
                    let _ = link.add_event_listener_with_callback(event, wake.unchecked_ref());
                }
                Poll::Pending
            }
        }
    }
}

/// The future's result if it is ready without waiting (a part already fetched, or no
/// split at all), so such views draw in the same tick.
fn poll_once<T>(future: &mut PartLoad<T>) -> Option<Result<T, PartNotLoaded>> {
    match future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(result) => Some(result),
        Poll::Pending => None,
    }
}

// The parts. Each view's own module keeps its code; these are only the doors in.

on_demand! { timeline:
    /// The timeline: the chart, the grid and their keys. A returning user's first view,
    /// cached by the service worker after the first visit.
    pub fn timeline_page() -> ViewMaker {
        || view! { <super::timeline::TimelinePage/> }.into_any()
    }
}

on_demand! { portfolio:
    /// The portfolio: several plans of this browser together.
    pub fn portfolio_page() -> ViewMaker {
        || view! { <super::portfolio::PortfolioPage/> }.into_any()
    }
}

on_demand! { plan:
    /// The Plan page (name, calendar, people).
    pub fn plan_page() -> ViewMaker {
        || view! { <super::plan_page::PlanPage/> }.into_any()
    }
}

on_demand! { raci:
    /// The RACI page.
    pub fn raci_page() -> ViewMaker {
        || view! { <super::raci::RaciPage/> }.into_any()
    }
}

on_demand! { risks:
    /// The Risks page: the register, its side panel and charts.
    pub fn risks_page() -> ViewMaker {
        || view! { <super::risks::RisksPage/> }.into_any()
    }
}

on_demand! { report:
    /// The status report.
    pub fn report_page() -> ViewMaker {
        || view! { <super::report::ReportPage/> }.into_any()
    }
}

on_demand! { compare:
    /// "Compare with a file", with the `diff` engine.
    pub fn compare_page() -> ViewMaker {
        || view! { <super::compare::ComparePage/> }.into_any()
    }
}

on_demand! { exports:
    /// The exports of the "More" menu: timeline SVG, Mermaid, calendar.
    pub fn export(context: super::PlanContext, kind: super::report::Export) -> () {
        super::report::export(context, kind)
    }
}

on_demand! { exports:
    /// The exports of the "More" menu for other planners: MS Project XML, Excel.
    pub fn export_interchange(context: super::PlanContext, kind: super::interchange::Export) -> () {
        super::interchange::export(context, kind)
    }
}

on_demand! { exports:
    /// "Copy share link" of the "More" menu.
    pub fn copy_share_link(context: super::PlanContext) -> () {
        super::share::copy_share_link(context)
    }
}

on_demand! { print:
    /// What a Print button prints (the timeline's SVG, a view's Markdown table).
    pub fn printout(
        context: super::PlanContext,
        printout: super::report::Printout,
    ) -> Result<super::report::Printed, String> {
        super::report::printout(context, printout)
    }
}

on_demand! { help:
    /// The chart's keys and mouse gestures.
    pub fn chart_help() -> ViewMaker {
        super::gantt::chart_help
    }
}

on_demand! { links:
    /// The timeline's dependencies card, below the chart and the grid: fetched when the
    /// page is scrolled near it.
    pub fn dependencies_card() -> ViewMaker {
        || view! { <super::links::DependenciesCard/> }.into_any()
    }
}

on_demand! { details:
    /// The selected task's details beside the chart and the grid: fetched when a task is
    /// first selected.
    pub fn task_details() -> ViewMaker {
        || view! { <super::task_details::TaskDetails/> }.into_any()
    }
}

on_demand! { notices:
    /// The banner of a failed save, a conflict with another tab, or unusable storage.
    pub fn save_problem_banner() -> ViewMaker {
        || view! { <super::shell::SaveProblemBanner/> }.into_any()
    }
}

on_demand! { notices:
    /// The question before undo removes an imported plan, and the way back after.
    pub fn import_question_banner() -> ViewMaker {
        || view! { <super::shell::ImportQuestionBanner/> }.into_any()
    }
}

on_demand! { notices:
    /// Redo after undo took an import back: the plan comes back.
    pub fn bring_back_import(context: super::PlanContext) -> () {
        context.bring_back_import()
    }
}

on_demand! { notices:
    /// The banners of stored plans kept aside because they could not be read.
    pub fn kept_aside_banners() -> ViewMaker {
        || view! { <super::shell::KeptAsideBanners/> }.into_any()
    }
}

on_demand! { notices:
    /// The offer to import the plan a share link carries.
    pub fn shared_plan_offer() -> ViewMaker {
        || view! { <super::share::SharedPlanOffer/> }.into_any()
    }
}

on_demand! { reader:
    /// Reading a plan file that was chosen or dropped (checked in a worker when big).
    pub fn import_file(context: super::PlanContext, file: web_sys::File) -> () {
        super::shell::read_and_import(context, file)
    }
}

on_demand! { interchange:
    /// Reading an MS Project XML file, and its loss report before the import.
    pub fn open_ms_project(context: super::PlanContext, file: web_sys::File) -> () {
        super::interchange::open_ms_project(context, file)
    }
}

on_demand! { interchange:
    /// Reading a CSV file, and its mapping step before the import.
    pub fn open_csv(context: super::PlanContext, file: web_sys::File) -> () {
        super::interchange::open_csv(context, file)
    }
}
