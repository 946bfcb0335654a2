//! The timeline: the page (`page`), the Gantt chart (`gantt`), the task grid
//! (`task_grid`), the edits they share (`task_actions`), the selected task's details
//! (`task_details`) and the dependencies card with the task picker (`links`), links to tasks of other plans (`cross_plan`). Each door
//! below is a part fetched when first shown.

mod cross_plan;
mod gantt;
mod grid_pane;
mod links;
mod page;
mod task_actions;
mod task_details;
mod task_grid;

use leptos::prelude::*;

use crate::ui::parts::{on_demand, ViewMaker};

on_demand! { timeline:
    /// The timeline: the chart, the grid and their keys. A returning user's first view,
    /// cached by the service worker after the first visit.
    pub fn timeline_page() -> ViewMaker {
        || view! { <page::TimelinePage/> }.into_any()
    }
}

on_demand! { help:
    /// The chart's keys and mouse gestures.
    fn chart_help() -> ViewMaker {
        gantt::chart_help
    }
}

on_demand! { links:
    /// The timeline's dependencies card, below the chart and the grid: fetched when the
    /// page is scrolled near it.
    fn dependencies_card() -> ViewMaker {
        || view! { <links::DependenciesCard/> }.into_any()
    }
}

on_demand! { details:
    /// The selected task's details beside the chart and the grid: fetched when a task is
    /// first selected.
    fn task_details() -> ViewMaker {
        || view! { <task_details::TaskDetails/> }.into_any()
    }
}

on_demand! { crossplan:
    /// The notice that a plan this one waits on moved (reads the other plans kept here and
    /// schedules them): fetched only for a plan with links to other plans.
    fn other_plans_moved() -> ViewMaker {
        || view! { <cross_plan::OtherPlansMoved/> }.into_any()
    }
}

on_demand! { crossplan:
    /// The form that adds a link to a task of another plan: fetched when first opened.
    fn cross_plan_form() -> ViewMaker {
        || view! { <cross_plan::CrossPlanForm/> }.into_any()
    }
}
