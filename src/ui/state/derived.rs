//! The derived part: what is computed from the document and the view, never stored and
//! never kept in sync by hand.

use leptos::prelude::*;

use super::{DocumentState, ViewState, NO_BASELINE};
use crate::model::Plan;
use crate::schedule::{compute, GraphCache, Schedule, ScheduleError};

/// What the outline is built from: each task's id and parent, in the plan's order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskStructure(Vec<(crate::model::TaskId, Option<crate::model::TaskId>)>);

impl TaskStructure {
    fn of(plan: &Plan) -> Self {
        Self(plan.tasks.iter().map(|task| (task.id.clone(), task.parent.clone())).collect())
    }

    /// Compared in place: no copy of 10,000 ids after an edit that keeps them.
    fn matches(&self, plan: &Plan) -> bool {
        self.0.len() == plan.tasks.len()
            && self.0.iter().zip(&plan.tasks).all(|((id, parent), task)| *id == task.id && *parent == task.parent)
    }
}

/// The memos derived from the plan. Cheap to copy: all fields are handles.
#[derive(Clone, Copy)]
pub struct DerivedState {
    /// The schedule of the open plan, recomputed when the plan changes.
    pub schedule: Memo<Result<Schedule, ScheduleError>>,
    /// The tasks' order, ids and parents: changes only when one of them does (not at an
    /// edit of a duration or a name), for what depends on them alone.
    pub structure: Memo<TaskStructure>,
    /// The task outline as shown: tree order, without the subtasks of collapsed summaries.
    pub outline: Memo<Vec<crate::model::outline::OutlineRow>>,
    /// Who is Responsible for tasks that run at the same time, from the schedule (and the
    /// portfolio's other plans, while `elsewhere` holds them).
    pub resource_load: Memo<crate::schedule::ResourceLoad>,
    /// The tasks the portfolio's other plans give this plan's people, while the user asked
    /// to count them ("Count their work in other plans"; `PlanContext::count_work_elsewhere`).
    pub elsewhere: RwSignal<Option<std::sync::Arc<Vec<crate::analysis::raci::ResponsibleElsewhere>>>>,
    /// The baseline in use, if the plan has any and one is chosen.
    pub baseline: Memo<Option<crate::model::Baseline>>,
}

impl DerivedState {
    pub(super) fn new(document: DocumentState, view: ViewState) -> Self {
        let plan = document.plan;
        let (collapsed, baseline_choice) = (view.collapsed, view.baseline_choice);
        // The precedence graph is kept between edits that leave the tasks' order, ids and
        // parents and the links as they were (a duration, progress, a name): `GraphCache`
        // checks that against the plan and builds a new graph only when one of them changed.
        let graph_cache = StoredValue::new_local(GraphCache::default());
        let schedule = Memo::new(move |_| {
            plan.with(|plan| graph_cache.try_update_value(|cache| cache.compute(plan)).unwrap_or_else(|| compute(plan)))
        });
        let elsewhere = RwSignal::new(None::<std::sync::Arc<Vec<crate::analysis::raci::ResponsibleElsewhere>>>);
        let resource_load = Memo::new(move |_| {
            plan.with(|plan| {
                schedule.with(|schedule| match schedule {
                    Ok(schedule) => {
                        let mut load = crate::schedule::resource_load(plan, schedule);
                        if let Some(elsewhere) = elsewhere.get() {
                            crate::analysis::raci::add_elsewhere(&mut load, plan, schedule, &elsewhere);
                        }
                        load
                    }
                    Err(_) => crate::schedule::ResourceLoad::default(),
                })
            })
        });
        // Compared with the plan's copy in place: an edit that keeps the baselines copies none
        // of their 10,000 entries.
        let baseline = Memo::new_owning(move |old: Option<Option<crate::model::Baseline>>| {
            let choice = baseline_choice.get();
            plan.with(|plan| {
                let chosen = match &choice {
                    Some(id) if id.as_str() == NO_BASELINE => None,
                    Some(id) => plan.baselines.iter().find(|baseline| &baseline.id == id),
                    None => plan.baselines.last(),
                };
                match old {
                    Some(old) if old.as_ref() == chosen => (old, false),
                    _ => (chosen.cloned(), true),
                }
            })
        });
        // The outline reads only the tasks' order, ids and parents: this key changes (and the
        // outline is built again) only when one of them does, not at every edit of a duration.
        let structure = Memo::new_owning(move |old: Option<TaskStructure>| {
            plan.with(|plan| match old {
                Some(old) if old.matches(plan) => (old, false),
                _ => (TaskStructure::of(plan), true),
            })
        });
        let outline = Memo::new(move |_| {
            // Read, not only tracked: `track()` on a memo subscribes to it without running it,
            // so a key never read would never follow the plan (and the outline would keep
            // rows of deleted tasks). Reading it brings it up to date first.
            structure.with(|_| ());
            plan.with_untracked(|plan| {
                let rows = crate::model::outline::outline(plan);
                collapsed.with(|collapsed| crate::model::outline::visible_outline(&rows, plan, collapsed))
            })
        });
        Self { schedule, structure, outline, resource_load, elsewhere, baseline }
    }
}
