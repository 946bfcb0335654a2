#[cfg(target_arch = "wasm32")]
fn main() {
    // A panic is reported in every build: its message in the console, and on the page a
    // banner that offers the plan for download (ui/panic_report.rs).
    planwright::ui::install_panic_report();
    // First, in the page and in the worker alike: both read plan files into hash tables.
    seed_hashing();
    // The plan file reader's worker loads this same wasm to check big files: there is
    // no page to draw in there.
    if web_sys::window().is_none() {
        return;
    }
    reserve_heap();
    // The served page works offline; tests that mount the app in a page of their own do not.
    planwright::ui::register_service_worker();
    leptos::mount::mount_to_body(planwright::App);
}

/// Random keys for the model's hash tables, so the ids of a hostile file cannot be made
/// to collide: the standard library has no randomness to give them in the browser.
/// (`Math.random` is not a secure generator, but no one outside sees its numbers.)
#[cfg(target_arch = "wasm32")]
fn seed_hashing() {
    let random_u64 = || (js_sys::Math::random() * (1u64 << 53) as f64) as u64;
    planwright::model::hashing::set_seed(random_u64(), random_u64());
}

/// What the page's memory holds after opening a 10,000-task plan and editing it, with room.
#[cfg(target_arch = "wasm32")]
const HEAP_RESERVE_BYTES: usize = 16 << 20;

/// The allocator takes memory from the browser step by step as it needs it, and each
/// step costs: opening a 10,000-task plan grew the memory ten times, some of them for
/// several milliseconds, and the first edit after it twice more. One block taken and
/// given back at start leaves that memory with the allocator, ready for the open and the
/// edits; pages not yet written cost the machine nothing.
#[cfg(target_arch = "wasm32")]
fn reserve_heap() {
    let reserve: Vec<u8> = Vec::with_capacity(HEAP_RESERVE_BYTES);
    // Without this the compiler may drop an allocation nothing reads.
    std::hint::black_box(&reserve);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Planwright runs in the browser: use `cargo xtask serve`.");
}
