//! Browser tests: the real app mounted in headless Chromium with real local
//! storage. Run by `cargo xtask test` (wasm-bindgen-test-runner + ChromeDriver): one test
//! binary, a module per feature, the shared helpers in `support`.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::wasm_bindgen_test_configure;

wasm_bindgen_test_configure!(run_in_browser);

mod support;

mod announce;
mod big_files;
mod budget;
mod change_requests;
mod compare;
mod cross_plan;
mod grid;
mod interchange;
mod log;
mod people;
mod portfolio;
mod raci;
mod report;
mod risks;
mod session;
mod storage;
mod theme;
mod timeline;
