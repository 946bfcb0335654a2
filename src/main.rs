#[cfg(target_arch = "wasm32")]
fn main() {
    // Readable panics in the console while developing; release builds skip the
    // formatting code it pulls in.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(planwright::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Planwright runs in the browser: use `cargo xtask serve`.");
}
