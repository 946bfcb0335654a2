//! Scheduling the same plan again after an edit that keeps its tasks' order, ids and
//! parents and its links (a duration, progress, a name, a constraint): the precedence
//! graph and its topological order are kept from the last scheduling instead of being
//! built again, which at 10,000 tasks was about a third of `compute`'s time.
//!
//! The graph carries a key: everything of the plan it was built from (the tasks' ids and
//! parents in order; each link's ends, kind and lag). Before the graph is used the key is
//! checked against the plan, in place, and a graph that does not fit is built again:
//! a stale graph cannot be used.

use crate::model::graph::{Cycle, TaskGraph};
use crate::model::{DependencyKind, Plan};

use super::{compute_on, Order, Schedule, ScheduleError};

/// Schedules plans, keeping the graph of the last one for the next.
#[derive(Default)]
pub struct GraphCache {
    kept: Option<KeptGraph>,
    builds: u64,
}

struct KeptGraph {
    /// What the graph was built from, as bytes (`feed_key`).
    key: Vec<u8>,
    graph: TaskGraph,
    /// Its topological order, or the cycle that prevents one: the same for every plan
    /// with this key.
    order: Result<Vec<u32>, Cycle>,
}

impl GraphCache {
    /// The plan's schedule, equal to `schedule::compute(plan)`: on the graph kept from
    /// the last call when the plan's tasks and links still match it, on a new one else.
    pub fn compute(&mut self, plan: &Plan) -> Result<Schedule, ScheduleError> {
        let fits = self.kept.as_ref().is_some_and(|kept| key_matches(&kept.key, plan));
        if !fits {
            let mut key = KeyWriter(Vec::with_capacity(self.kept.as_ref().map_or(0, |kept| kept.key.len())));
            feed_key(plan, &mut key);
            let graph = TaskGraph::build(plan);
            let order = graph.topological_order(plan);
            self.kept = Some(KeptGraph { key: key.0, graph, order });
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

/// Where the key's bytes go: written when a graph is built, compared when it is reused.
trait KeySink {
    fn bytes(&mut self, bytes: &[u8]);
}

struct KeyWriter(Vec<u8>);

impl KeySink for KeyWriter {
    fn bytes(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }
}

/// Compares the bytes fed with a written key, from its start on.
struct KeyChecker<'a> {
    rest: &'a [u8],
    same: bool,
}

impl KeySink for KeyChecker<'_> {
    fn bytes(&mut self, bytes: &[u8]) {
        if self.same {
            match self.rest.strip_prefix(bytes) {
                Some(rest) => self.rest = rest,
                None => self.same = false,
            }
        }
    }
}

fn key_matches(key: &[u8], plan: &Plan) -> bool {
    let mut checker = KeyChecker { rest: key, same: true };
    feed_key(plan, &mut checker);
    checker.same && checker.rest.is_empty()
}

/// Everything `TaskGraph::build` reads, in an encoding where two plans give the same
/// bytes exactly when the graph would be the same: counts first, and every text with its
/// length before it.
fn feed_key(plan: &Plan, sink: &mut impl KeySink) {
    sink.bytes(&(plan.tasks.len() as u64).to_le_bytes());
    for task in &plan.tasks {
        feed_text(sink, task.id.as_str());
        match &task.parent {
            Some(parent) => {
                sink.bytes(&[1]);
                feed_text(sink, parent.as_str());
            }
            None => sink.bytes(&[0]),
        }
    }
    sink.bytes(&(plan.dependencies.len() as u64).to_le_bytes());
    for link in &plan.dependencies {
        feed_text(sink, link.predecessor.as_str());
        feed_text(sink, link.successor.as_str());
        let kind = match link.kind {
            DependencyKind::FS => 0,
            DependencyKind::SS => 1,
            DependencyKind::FF => 2,
            DependencyKind::SF => 3,
        };
        sink.bytes(&[kind]);
        sink.bytes(&link.lag.to_le_bytes());
    }
}

fn feed_text(sink: &mut impl KeySink, text: &str) {
    sink.bytes(&(text.len() as u64).to_le_bytes());
    sink.bytes(text.as_bytes());
}
