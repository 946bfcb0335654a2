//! Planwright: a planner for technical program managers that runs in the browser.
//!
//! `model`, `schedule`, `file`, `chart`, `report`, `diff`, `session` and `portfolio` are
//! pure Rust and tested natively; `storage` and `ui` are the thin browser layer on top
//! (`storage`'s errors and accounting are plain Rust too, tested natively; its
//! `LocalStore` is browser-only).

pub mod analysis;
pub mod chart;
pub mod diff;
pub mod file;
pub mod model;
pub mod portfolio;
pub mod report;
pub mod schedule;
pub mod session;

pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(target_arch = "wasm32")]
pub use ui::App;
