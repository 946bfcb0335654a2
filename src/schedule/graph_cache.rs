//! Scheduling the same plan again after an edit that keeps its tasks' order, ids and
//! parents and its links (a duration, progress, a name, a constraint): the precedence
//! graph and its topological order are kept from the last scheduling instead of being
//! built again, which at 10,000 tasks was about a third of `compute`'s time.
//!
//! The graph carries a key: everything of the plan it was built from (the tasks' ids and
//! parents in order; each link's ends, kind and lag), copied. Before the graph is used the
//! key is compared with the plan, field by field, and a graph that does not fit is built
//! again: a stale graph cannot be used.

use crate::model::graph::{Cycle, TaskGraph};
use crate::model::{DependencyKind, Plan, TaskId};

use super::{compute_on, Order, Schedule, ScheduleError};

/// Schedules plans, keeping the graph of the last one for the next.
#[derive(Default)]
pub struct GraphCache {
    kept: Option<KeptGraph>,
    builds: u64,
}

struct KeptGraph {
    /// What the graph was built from.
    key: GraphKey,
    graph: TaskGraph,
    /// Its topological order, or the cycle that prevents one: the same for every plan
    /// with this key.
    order: Result<Vec<u32>, Cycle>,
}

impl GraphCache {
    /// The plan's schedule, equal to `schedule::compute(plan)`: on the graph kept from
    /// the last call when the plan's tasks and links still match it, on a new one else.
    pub fn compute(&mut self, plan: &Plan) -> Result<Schedule, ScheduleError> {
        let fits = self.kept.as_ref().is_some_and(|kept| kept.key.fits(plan));
        if !fits {
            let graph = TaskGraph::build(plan);
            let order = graph.topological_order(plan);
            self.kept = Some(KeptGraph { key: GraphKey::of(plan), graph, order });
            self.builds += 1;
        }
        let kept = self.kept.as_ref().expect("kept just above");
        compute_on(plan, &kept.graph, Order::Known(&kept.order))
    }

    /// How many times a graph has been built (to show that an edit kept it).
    pub fn builds(&self) -> u64 {
        self.builds
    }
}

/// Everything of a plan that its task graph depends on: compared in place, string by
/// string, which at 10,000 tasks costs a fraction of comparing a serialized key.
struct GraphKey {
    /// Each task's id and parent, in the plan's order.
    tasks: Vec<(TaskId, Option<TaskId>)>,
    /// Each link's ends, kind and lag, in the plan's order.
    links: Vec<(TaskId, TaskId, DependencyKind, i32)>,
}

impl GraphKey {
    fn of(plan: &Plan) -> Self {
        Self {
            tasks: plan.tasks.iter().map(|task| (task.id.clone(), task.parent.clone())).collect(),
            links: plan
                .dependencies
                .iter()
                .map(|link| (link.predecessor.clone(), link.successor.clone(), link.kind, link.lag))
                .collect(),
        }
    }

    fn fits(&self, plan: &Plan) -> bool {
        self.tasks.len() == plan.tasks.len()
            && self.links.len() == plan.dependencies.len()
            && self.tasks.iter().zip(&plan.tasks).all(|((id, parent), task)| *id == task.id && *parent == task.parent)
            && self.links.iter().zip(&plan.dependencies).all(|((predecessor, successor, kind, lag), link)| {
                *predecessor == link.predecessor
                    && *successor == link.successor
                    && *kind == link.kind
                    && *lag == link.lag
            })
    }
}
