//! What the views share that is not a view: printing (`print`), the exports of the
//! "More" menu (`export`), the clipboard (`clipboard`), share links (`share`), downloads
//! and the plan file picker (`files`), and reading plan files (`plan_reader`, in a
//! worker when big, with `parse_worker.js`).

pub mod clipboard;
pub mod export;
pub mod files;
pub mod plan_reader;
pub mod print;
pub mod share;

/// A count that grows from `step` to `total` by `step` each browser task: a long list drawn
/// a few items at a time (`list[..count]`), the page answering in between.
pub fn counted_up_in_turns(total: usize, step: usize) -> leptos::prelude::RwSignal<usize> {
    use leptos::prelude::*;
    let count = RwSignal::new(step.min(total));
    leptos::task::spawn_local(async move {
        while count.try_get_untracked().is_some_and(|drawn| drawn < total) {
            next_task().await;
            let _ = count.try_update(|drawn| *drawn = (*drawn + step).min(total));
        }
    });
    count
}

/// Waits for the browser's next task: it can draw and handle input in between.
/// (A message to oneself, as `setTimeout` waits at least 4 ms once nested.)
pub async fn next_task() {
    let Ok(channel) = web_sys::MessageChannel::new() else { return };
    let arrived = js_sys::Promise::new(&mut |resolve, _| channel.port1().set_onmessage(Some(&resolve)));
    if channel.port2().post_message(&wasm_bindgen::JsValue::NULL).is_ok() {
        let _ = wasm_bindgen_futures::JsFuture::from(arrived).await;
    }
    channel.port1().set_onmessage(None);
}
