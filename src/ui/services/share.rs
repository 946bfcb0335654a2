//! Share links in the browser: compressing the plan into the link (the browser's own
//! CompressionStream, raw DEFLATE) and, when the app opens on such a link, offering to
//! import the plan it carries. The text side is `file::share`.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::file::share::{share_fragment, shared_bytes, SHARE_FRAGMENT_PREFIX};
use crate::ui::parts::{self, on_demand, ViewMaker};
use crate::ui::state::{use_plan, Notice, PlanContext};

/// Runs bytes through a `CompressionStream` or `DecompressionStream` ("deflate-raw").
async fn transform(bytes: &[u8], stream_class: &str) -> Result<Vec<u8>, JsValue> {
    let constructor: js_sys::Function = js_sys::Reflect::get(&js_sys::global(), &stream_class.into())?.dyn_into()?;
    let transform = js_sys::Reflect::construct(&constructor, &js_sys::Array::of1(&"deflate-raw".into()))?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let stream = web_sys::Blob::new_with_u8_array_sequence(&parts)?.stream();
    let pipe_through: js_sys::Function = js_sys::Reflect::get(&stream, &"pipeThrough".into())?.dyn_into()?;
    let piped: web_sys::ReadableStream = pipe_through.call1(&stream, &transform)?.unchecked_into();
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&piped))?;
    let buffer = wasm_bindgen_futures::JsFuture::from(response.array_buffer()?).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The fragment (`#plan=…`) of a link that carries a plan file's text, or why there
/// is none: too long for a link, or a browser without CompressionStream.
pub async fn link_fragment(plan_text: &str) -> Result<String, String> {
    let compressed = transform(plan_text.as_bytes(), "CompressionStream")
        .await
        .map_err(|_| "this browser cannot compress a plan into a link; share the file instead".to_string())?;
    share_fragment(&compressed).map_err(|too_long| too_long.to_string())
}

/// Copies a link that carries the open plan, or says why it cannot.
fn copy_link(context: PlanContext) {
    let text = context.document.plan.with_untracked(crate::file::to_json);
    leptos::task::spawn_local(async move {
        match link_fragment(&text).await {
            Ok(fragment) => {
                let location = window().location();
                let base =
                    format!("{}{}", location.origin().unwrap_or_default(), location.pathname().unwrap_or_default());
                let link = format!("{base}{fragment}");
                let said = format!(
                    "Share link copied ({} characters). The plan travels inside the link: nothing is sent to a server.",
                    link.len()
                );
                crate::ui::services::clipboard::copy_text(context, link, said);
            }
            Err(message) => context.refuse(message),
        }
    });
}

/// The plan a share link carries, as the offer shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct SharedPlan {
    name: String,
    tasks: usize,
    text: String,
}

/// Reads the plan in the page's link, if it carries one.
async fn read_shared_plan() -> Option<Result<SharedPlan, String>> {
    let fragment = window().location().hash().ok()?;
    let bytes = match shared_bytes(&fragment)? {
        Ok(bytes) => bytes,
        Err(message) => return Some(Err(message)),
    };
    let text = match transform(&bytes, "DecompressionStream").await {
        Ok(text) => String::from_utf8(text).map_err(|_| "the link's plan is not text".to_string()),
        Err(_) => Err("the link is damaged: its plan cannot be unpacked".to_string()),
    };
    Some(text.and_then(|text| match crate::file::parse(&text) {
        Ok(plan) => Ok(SharedPlan { name: plan.name.clone(), tasks: plan.tasks.len(), text }),
        Err(error) => Err(error.problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")),
    }))
}

/// Takes the plan out of the address bar, so a reload does not offer it again.
fn forget_link() {
    let location = window().location();
    let path = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&path));
    }
}

/// Watches the page's link: when it carries a plan (at start, or a share link pasted into
/// the address bar of the open app), shows the offer to import it, which is a part
/// fetched only then.
#[component]
pub fn SharedPlanLink() -> impl IntoView {
    let links_seen = RwSignal::new(0_u32);
    let listener = window_event_listener(leptos::ev::hashchange, move |_| links_seen.update(|seen| *seen += 1));
    on_cleanup(move || listener.remove());
    move || {
        links_seen.track();
        link_carries_plan().then(|| parts::show("the shared plan", || Box::pin(shared_plan_offer())))
    }
}

fn link_carries_plan() -> bool {
    window().location().hash().is_ok_and(|fragment| fragment.starts_with(SHARE_FRAGMENT_PREFIX))
}

/// The offer shown when the app opens on a share link (or one is pasted while it is
/// open): import the plan as a new plan, or dismiss. Nothing is imported unasked.
#[component]
pub fn SharedPlanOffer() -> impl IntoView {
    let context = use_plan();
    let offer = RwSignal::new(None::<SharedPlan>);
    // The page's link, read once: the view is made again when the link changes.
    leptos::task::spawn_local(async move {
        match read_shared_plan().await {
            None => {}
            Some(Ok(plan)) => offer.set(Some(plan)),
            Some(Err(message)) => {
                forget_link();
                context.session.notice.set(Some(Notice::error(
                    "The shared link could not be opened. Nothing was changed.",
                    vec![message],
                )));
            }
        }
    });
    let import = move |_| {
        if let Some(plan) = offer.get_untracked() {
            offer.set(None);
            forget_link();
            context.import_text("the shared link", &plan.text);
        }
    };
    let dismiss = move |_| {
        offer.set(None);
        forget_link();
    };
    move || {
        offer.get().map(|plan| {
            view! {
                <div class="banners">
                    <div class="banner banner--info" role="alert" data-testid="shared-plan-offer">
                        <div class="banner__body">
                            <p class="banner__text">{format!("This link carries a plan: \u{201c}{}\u{201d}, {} tasks.", plan.name, plan.tasks)}</p>
                            <p class="banner__hint">"Import it as a new plan beside yours? Nothing is changed until you do."</p>
                        </div>
                        <button type="button" class="button button--primary" data-testid="shared-plan-import" on:click=import>"Import as a new plan"</button>
                        <button type="button" class="button button--quiet" on:click=dismiss>"Dismiss"</button>
                    </div>
                </div>
            }
        })
    }
}

on_demand! { exports:
    /// "Copy share link" of the "More" menu.
    pub fn copy_share_link(context: PlanContext) -> () {
        copy_link(context)
    }
}

on_demand! { notices:
    /// The offer to import the plan a share link carries.
    fn shared_plan_offer() -> ViewMaker {
        || view! { <SharedPlanOffer/> }.into_any()
    }
}
