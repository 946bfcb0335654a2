//! Copying text to the clipboard.

use leptos::prelude::*;

use crate::ui::services::files::offer_download;
use crate::ui::state::{Notice, PlanContext};

/// Copies text to the clipboard and says so; if the browser refuses, offers it as a
/// download instead.
pub fn copy_text(context: PlanContext, text: String, done: impl Into<String>) {
    let done = done.into();
    let Some(clipboard) = web_sys::window().map(|window| window.navigator().clipboard()) else {
        return offer_download(context, "copied.txt", &text, "text/plain");
    };
    let promise = clipboard.write_text(&text);
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => context.session.notice.set(Some(Notice::info(done))),
            Err(_) => {
                context
                    .session
                    .notice
                    .set(Some(Notice::info("The browser refused the clipboard; the text is downloaded instead.")));
                offer_download(context, "copied.txt", &text, "text/plain");
            }
        }
    });
}
