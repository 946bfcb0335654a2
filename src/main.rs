#[cfg(target_arch = "wasm32")]
fn main() {
    // Readable panics in the console while developing; release builds skip the
    // formatting code it pulls in.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    // The plan file reader's worker loads this same wasm to check big files: there is
    // no page to draw in there.
    if web_sys::window().is_none() {
        return;
    }
    // The served page works offline; tests that mount the app in a page of their own do not.
    planwright::ui::register_service_worker();
    leptos::mount::mount_to_body(planwright::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Planwright runs in the browser: use `cargo xtask serve`.");
}
