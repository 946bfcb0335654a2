//! Files in and out of the browser: downloads and reading picked or dropped files.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// A button that opens the browser's chooser for a plan file (through a hidden file
/// input) and hands the chosen file to `on_file`; the input is cleared after each choice,
/// so choosing the same file again is a new choice.
#[component]
pub fn PlanFilePicker(
    /// The button's text.
    #[prop(into)]
    label: String,
    /// Extra CSS class for the button.
    #[prop(optional, into)]
    class: String,
    /// The button's `data-testid`, if tests find it.
    #[prop(optional)]
    button_testid: Option<&'static str>,
    /// The file input's accessible name.
    input_label: &'static str,
    /// The file input's `data-testid`.
    input_testid: &'static str,
    /// The kinds of file the chooser offers (plan files unless given).
    #[prop(optional)]
    accept: Option<&'static str>,
    /// What to do with the chosen file.
    on_file: impl Fn(web_sys::File) + 'static,
) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    view! {
        <button type="button" class=format!("button {class}") data-testid=button_testid on:click=move |_| {
            if let Some(input) = input.get() {
                input.click();
            }
        }>{label}</button>
        <input
            type="file"
            accept=accept.unwrap_or(".json,application/json")
            class="visually-hidden"
            tabindex="-1"
            aria-label=input_label
            data-testid=input_testid
            node_ref=input
            on:change=move |event| {
                let input: web_sys::HtmlInputElement = event_target(&event);
                if let Some(file) = input.files().and_then(|files| files.get(0)) {
                    on_file(file);
                }
                input.set_value("");
            }
        />
    }
}

/// Offers `text` as a file download named `file_name`.
pub fn download(file_name: &str, text: &str, mime: &str) -> Result<(), JsValue> {
    download_part(file_name, &JsValue::from_str(text), mime)
}

/// Offers `bytes` (a workbook, say) as a file download named `file_name`.
pub fn download_bytes(file_name: &str, bytes: &[u8], mime: &str) -> Result<(), JsValue> {
    download_part(file_name, &js_sys::Uint8Array::from(bytes), mime)
}

/// Offers a download of one blob part: a string or a byte array.
fn download_part(file_name: &str, part: &JsValue, mime: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(part);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window().and_then(|window| window.document()).ok_or("no document")?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    web_sys::HtmlElement::style(&anchor).set_property("display", "none")?;
    let body = document.body().ok_or("no body")?;
    body.append_child(&anchor)?;
    anchor.click();
    body.remove_child(&anchor)?;
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}

/// Offers `text` as a download, or tells the user the browser did not.
pub fn offer_download(context: crate::ui::state::PlanContext, file_name: &str, text: &str, mime: &str) {
    if download(file_name, text, mime).is_err() {
        context.refuse("the browser did not offer the download");
    }
}

/// Reads a picked or dropped file as text.
pub async fn read_text(file: &web_sys::File) -> Result<String, String> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.map_err(|error| {
        format!("the browser could not read the file ({})", crate::storage::describe_js_error(&error))
    })?;
    text.as_string().ok_or_else(|| "the file is not text".to_string())
}

/// Fetches a text file from the app's own origin (relative to the page).
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| "the network request failed (offline?)".to_string())?;
    let response: web_sys::Response = response.unchecked_into();
    if !response.ok() {
        return Err(format!("the server answered {}", response.status()));
    }
    let text = response.text().map_err(|_| "the response has no text".to_string())?;
    let text =
        wasm_bindgen_futures::JsFuture::from(text).await.map_err(|_| "the response could not be read".to_string())?;
    text.as_string().ok_or_else(|| "the response is not text".to_string())
}
