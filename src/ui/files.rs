//! Files in and out of the browser: downloads and reading picked or dropped files.

use wasm_bindgen::{JsCast, JsValue};

/// Offers `text` as a file download named `file_name`.
pub fn download(file_name: &str, text: &str, mime: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window().and_then(|window| window.document()).ok_or("no document")?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.style().set_property("display", "none")?;
    let body = document.body().ok_or("no body")?;
    body.append_child(&anchor)?;
    anchor.click();
    body.remove_child(&anchor)?;
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}

/// Offers `text` as a download, or tells the user the browser did not.
pub fn offer_download(context: super::PlanContext, file_name: &str, text: &str, mime: &str) {
    if download(file_name, text, mime).is_err() {
        context.refuse("the browser did not offer the download");
    }
}

/// Reads a picked or dropped file as text.
pub async fn read_text(file: &web_sys::File) -> Result<String, String> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|error| format!("the browser could not read the file ({error:?})"))?;
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
