//! Parts of the app that the first screen does not need, fetched when first used.
//!
//! With the cargo feature `split` (the release build, see `index.html`), each function
//! declared with [`on_demand!`] is a split point of `wasm_split`: `cargo xtask post-build`
//! (xtask/src/split.rs) moves the code only such functions reach out of the main wasm
//! into a module per part, which the browser fetches the first time one of its functions
//! is called. Without the feature (browser tests, clippy) they are plain async functions
//! whose future is ready at once: the same code runs unsplit, in the same tick.
//!
//! This module is only the mechanism, and imports no other module of the ui (a native
//! test, `tests/native/layers.rs`, checks it): each part's doors, its `on_demand!`
//! functions, stand beside the code they open (the RACI page's in `raci/mod.rs`, the
//! exports' in `services/export.rs`, ...). A part's name is the macro's first word
//! (`raci:`); functions of several modules may share one part (`exports`, `notices`).

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
            // The code of the commands (`model::install_commands`) comes with the parts,
            // not with the start screen: each part that loads makes sure it is there.
            $crate::model::install_commands();
            Ok($body)
        }
        $(#[$attr])*
        #[cfg(not(feature = "split"))]
        $vis async fn $name($($arg: $type),*) -> Result<$output, $crate::ui::parts::PartNotLoaded> {
            Ok($body)
        }
    };
}

pub(crate) use on_demand;

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

/// Where [`run`] says that a part could not be fetched: the plan's notice
/// (`PlanContext`, in `ui/mod.rs`). A trait, so that this mechanism imports no other
/// module of the ui.
pub trait TellNotLoaded: Copy + 'static {
    /// Shows `message` as an error.
    fn tell_not_loaded(self, message: String);
}

/// Runs a fetch action of a part (an export, say): the action once its part is there, or
/// a notice that it could not be fetched.
pub fn run(context: impl TellNotLoaded, what: &'static str, action: PartLoad<()>) {
    let mut action = action;
    let report = move |result: Result<(), PartNotLoaded>| {
        if result.is_err() {
            context.tell_not_loaded(format!(
                "Planwright could not fetch {what}: it is loaded when first used, and the app's server cannot be reached. Nothing was changed; try again when you are online."
            ));
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
