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
