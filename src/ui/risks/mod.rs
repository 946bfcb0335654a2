//! The risk register: the table of scored risks (`register`), the side panel that edits
//! one risk (`panel`), and the heat map and exposure charts (`charts`). A part fetched
//! when first opened.

mod charts;
mod panel;
mod register;

use leptos::prelude::*;

use crate::ui::parts::{on_demand, ViewMaker};

on_demand! { risks:
    /// The Risks page: the register, its side panel and charts.
    pub fn risks_page() -> ViewMaker {
        || view! { <register::RisksPage/> }.into_any()
    }
}
