//! "Compare with a file": the open plan beside another copy of it, the differences
//! chosen one by one and merged in one undo step (the rules are `crate::diff`). A part
//! fetched when first opened, with the `diff` engine.

mod page;

pub use page::{provide_compare, CompareButton, CompareView};

use leptos::prelude::*;

use crate::ui::parts::{on_demand, ViewMaker};

on_demand! { compare:
    /// "Compare with a file", with the `diff` engine.
    pub fn compare_page() -> ViewMaker {
        || view! { <page::ComparePage/> }.into_any()
    }
}
