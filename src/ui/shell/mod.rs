//! The app's frame around every view: the header (plan name, plan switcher, view tabs,
//! file actions and the "More" menu), the banners, the keys and file drops that work
//! anywhere on the page, the address bar, the schedule's live region and the theme.

pub mod address;
pub mod announce;
pub mod banners;
pub mod header;
pub mod keys;
pub mod open;
pub mod theme;
pub mod typing;
pub mod update_banner;

use leptos::prelude::*;

use crate::ui::parts::{on_demand, ViewMaker};
use crate::ui::state::PlanContext;

// The rare banners and the plan file reader: parts fetched when first needed.

on_demand! { notices:
    /// The banner of a failed save, a conflict with another tab, or unusable storage.
    pub fn save_problem_banner() -> ViewMaker {
        || view! { <banners::SaveProblemBanner/> }.into_any()
    }
}

on_demand! { notices:
    /// The question before undo removes an imported plan, and the way back after.
    pub fn import_question_banner() -> ViewMaker {
        || view! { <banners::ImportQuestionBanner/> }.into_any()
    }
}

on_demand! { notices:
    /// The banners of stored plans kept aside because they could not be read.
    pub fn kept_aside_banners() -> ViewMaker {
        || view! { <banners::KeptAsideBanners/> }.into_any()
    }
}

on_demand! { reader:
    /// Reading a plan file that was chosen or dropped (checked in a worker when big).
    pub fn import_file(context: PlanContext, file: web_sys::File) -> () {
        open::read_and_import(context, file)
    }
}
