//! Reading a plan file the user chose (to open it, or to compare with it) without
//! holding the page. A file over the cap is refused by its size, unread. A small one is
//! read and checked here, at once. A big one is read and checked in a worker
//! (`parse_worker.js`, running the app's own wasm); the page then builds the checked plan
//! from the pieces the worker sends back, a few milliseconds at a time, yielding to the
//! browser in between and showing how far it is. Until a plan is returned nothing
//! changes: the caller decides what to do with it.

use std::cell::Cell;

use leptos::prelude::Set;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::file::pieces::{PlanAssembly, PlanPieces};
use crate::file::{self, FileError};
use crate::model::Plan;
use crate::ui::state::{Notice, PlanContext};

/// Files from this size on are read in the worker; under it, reading and checking take
/// a few milliseconds (about 10 ms a megabyte in Chromium) and are done on the page.
const READ_IN_WORKER_FROM_BYTES: f64 = 1_048_576.0;
/// How long one step of building the plan on the page may run before it yields.
const STEP_MILLISECONDS: f64 = 8.0;
/// Bytes of the checked plan copied into the wasm's memory in one task.
const COPY_BYTES_PER_TASK: usize = 4 * 1_048_576;
/// Elements read between two looks at the clock.
const ELEMENTS_BETWEEN_CLOCK_READS: usize = 64;

#[wasm_bindgen(module = "/src/ui/services/parse_worker.js")]
extern "C" {
    fn parse_worker_url() -> String;
}

#[wasm_bindgen]
extern "C" {
    /// The URL of the app's wasm-bindgen glue (its `import.meta.url`), which the worker imports.
    #[wasm_bindgen(thread_local_v2, js_namespace = ["import", "meta"], js_name = url)]
    static GLUE_URL: String;
}

thread_local! {
    static READING: Cell<bool> = const { Cell::new(false) };
}

/// Why a chosen file gave no plan.
pub enum ReadFailure {
    /// The file could not be read at all (the message says why).
    Unreadable(String),
    /// The file was read and refused: every problem, with its place in the file.
    Refused(Vec<String>),
}

/// A refused file's problems as the page lists them.
fn problems(error: FileError) -> ReadFailure {
    ReadFailure::Refused(error.problems.iter().map(ToString::to_string).collect())
}

/// Reads and checks a chosen plan file as `file::parse` does, keeping the page responsive
/// and saying how far it is in `context.session.notice` while a big file takes time.
pub async fn read_plan_file(context: PlanContext, file: &web_sys::File) -> Result<Plan, ReadFailure> {
    let size = file.size();
    file::check_size(size as usize).map_err(problems)?;
    if size < READ_IN_WORKER_FROM_BYTES {
        let text = super::files::read_text(file).await.map_err(ReadFailure::Unreadable)?;
        return file::parse(&text).map_err(problems);
    }
    if READING.get() {
        return Err(ReadFailure::Unreadable("another plan file is still being read; wait for it".into()));
    }
    READING.set(true);
    let reading = format!("Reading {} ({} MB)…", file.name(), tenths(size / 104_857.6));
    context.session.notice.set(Some(Notice::info(reading.clone())));
    let result = read_in_worker(context, file, &reading).await;
    READING.set(false);
    result
}

async fn read_in_worker(context: PlanContext, file: &web_sys::File, reading: &str) -> Result<Plan, ReadFailure> {
    mark("planwright:file-read-started");
    let Some(answer) = check_in_worker(file).await else {
        // A browser that cannot run the worker: read the file here, as small files are.
        let text = super::files::read_text(file).await.map_err(ReadFailure::Unreadable)?;
        return file::parse(&text).map_err(problems);
    };
    let field = |name: &str| js_sys::Reflect::get(&answer, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
    if let Some(failure) = field("failure").as_string() {
        return Err(ReadFailure::Unreadable(format!("it could not be read ({failure})")));
    }
    let problems = field("problems");
    if !problems.is_undefined() {
        let problems = js_sys::Array::from(&problems).iter().filter_map(|problem| problem.as_string()).collect();
        return Err(ReadFailure::Refused(problems));
    }
    mark("planwright:file-checked");
    let broken = |message: String| ReadFailure::Unreadable(format!("the checked plan could not be built ({message})"));
    let (Ok(json), Ok(words)) =
        (field("json").dyn_into::<js_sys::Uint8Array>(), field("words").dyn_into::<js_sys::Uint32Array>())
    else {
        return Err(broken("the worker's answer holds no plan".into()));
    };
    // Copied into the wasm's memory a few megabytes per task, zeroed a chunk at a time
    // too (`vec![0; n]` of 40 MB and one copy took a 100 ms task in Chromium).
    let length = json.length() as usize;
    let mut bytes: Vec<u8> = Vec::with_capacity(length);
    while bytes.len() < length {
        let start = bytes.len();
        let end = length.min(start + COPY_BYTES_PER_TASK);
        bytes.resize(end, 0);
        json.subarray(start as u32, end as u32).copy_to(&mut bytes[start..end]);
        super::next_task().await;
    }
    mark("planwright:file-copied");
    let pieces = PlanPieces::from_words(bytes, &words.to_vec()).map_err(broken)?;
    let mut assembly = PlanAssembly::new(pieces).map_err(broken)?;
    let clock = web_sys::window().and_then(|window| window.performance());
    let now = || clock.as_ref().map_or(0.0, web_sys::Performance::now);
    loop {
        let step_start = now();
        let mut done = false;
        while !done && now() - step_start < STEP_MILLISECONDS {
            done = assembly.read_some(ELEMENTS_BETWEEN_CLOCK_READS).map_err(broken)?;
        }
        if done {
            break;
        }
        let (read, total) = assembly.progress();
        context.session.notice.set(Some(Notice::info(format!("{reading} {}%", read * 100 / total.max(1)))));
        super::next_task().await;
    }
    mark("planwright:plan-built");
    assembly.finish().map_err(broken)
}

/// A Performance API mark, for benchmarks (`docs/benchmarks.md`).
fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|window| window.performance()) {
        let _ = performance.mark(name);
    }
}

/// Sends the file to a new worker and waits for its answer, then ends the worker.
/// None when the worker could not be started or could not answer (no module workers, its
/// script did not load, or the compiled module or file cannot be handed to it).
async fn check_in_worker(file: &web_sys::File) -> Option<JsValue> {
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options(&parse_worker_url(), &options).ok()?;
    let message = js_sys::Object::new();
    let glue = GLUE_URL.with(String::clone);
    for (name, value) in [("glue", JsValue::from_str(&glue)), ("module", wasm_bindgen::module()), ("file", file.into())]
    {
        let _ = js_sys::Reflect::set(&message, &JsValue::from_str(name), &value);
    }
    let ready = next_message(&worker).await;
    let answer = match ready.map(|_| worker.post_message(&message)) {
        Some(Ok(())) => next_message(&worker).await,
        _ => None,
    };
    worker.terminate();
    answer
}

/// The data of the worker's next message; None on an error event (its script did not
/// load or run) or a message that could not be received.
async fn next_message(worker: &web_sys::Worker) -> Option<JsValue> {
    let message = js_sys::Promise::new(&mut |resolve, reject| {
        worker.set_onmessage(Some(&resolve));
        worker.set_onerror(Some(&reject));
        worker.set_onmessageerror(Some(&reject));
    });
    let event = JsFuture::from(message).await.ok()?;
    Some(event.unchecked_into::<web_sys::MessageEvent>().data())
}

/// "40.9" from 409.4 (tenths), without float formatting (large in wasm).
fn tenths(value: f64) -> String {
    let tenths = value.round() as u64;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// Reads a plan file's text in the worker (`parse_worker.js`) and checks it with every
/// check of `file::parse`. Answers `{ problems }` for a refused file (each problem as the
/// page shows it, with its place in the file) or `{ json, words }`: the checked
/// plan's JSON and where its pieces are (`file::pieces`).
#[wasm_bindgen]
pub fn read_plan_file_in_worker(text: String) -> JsValue {
    let answer = js_sys::Object::new();
    let set = |name: &str, value: JsValue| {
        let _ = js_sys::Reflect::set(&answer, &JsValue::from_str(name), &value);
    };
    match file::parse_into_pieces(&text) {
        Ok(pieces) => {
            set("json", js_sys::Uint8Array::from(&pieces.json[..]).into());
            set("words", js_sys::Uint32Array::from(&pieces.to_words()[..]).into());
        }
        Err(error) => set(
            "problems",
            error
                .problems
                .iter()
                .map(|problem| JsValue::from_str(&problem.to_string()))
                .collect::<js_sys::Array>()
                .into(),
        ),
    }
    answer.into()
}
