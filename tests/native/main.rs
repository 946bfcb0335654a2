//! The native tests of the pure modules, in one test binary (one link, quick to build),
//! a module per area. Each refusal of the file reader has a fixture under
//! tests/fixtures; golden exports are under tests/golden.
// Native only: plain #[test]s; the wasm test run (tests/web/) skips this binary.
#![cfg(not(target_arch = "wasm32"))]

mod common;

mod change_requests;
mod chart;
mod chart_keys;
mod diff;
mod earned_value;
mod edge_files;
mod exports;
mod file_parse;
mod file_pieces;
mod grid_columns;
mod interchange;
mod layers;
mod log_budget_exports;
mod log_table;
mod model_commands;
mod portfolio;
mod predecessors;
mod properties;
mod raci;
mod raid_log;
mod risks;
mod round_trip;
mod save_protocol;
mod schedule;
mod schedule_change;
