//! The precedence graph of a plan, shared by validation (cycle refusal) and the
//! scheduler, so both agree on what a cycle is.
//!
//! Every task has a node at its own index. A summary task (one with children) has a
//! second node, its roll-up, at `task_count + index`:
//! - the summary's own node gathers what constrains it (its predecessors, its
//!   start-no-earlier-than) and hands that down to each child;
//! - the roll-up takes its dates from the children (earliest start, latest finish)
//!   and is what the summary's successors depend on.
//!
//! So a dependency on a summary applies to its children, and linking a task to its
//! own summary is a cycle like any other.

use super::hashing::{id_map_with_capacity, IdMap};

use super::{Plan, TaskId};

/// What an edge of the precedence graph stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeKind {
    /// The plan's dependency at this index.
    Dependency(u32),
    /// A summary's own node hands its constraints to a child.
    ToChild,
    /// A child's dates roll up into its summary.
    ToRollup,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edge {
    pub from: u32,
    pub to: u32,
    pub kind: EdgeKind,
}

/// The tasks of a plan by index, with hierarchy and precedence edges.
#[derive(Clone, Debug)]
pub struct TaskGraph {
    pub task_count: usize,
    /// The parent's index of every task.
    pub parent: Vec<Option<u32>>,
    /// Whether the task has children.
    pub is_summary: Vec<bool>,
    pub edges: Vec<Edge>,
    /// Outgoing edges of each node as indices into `edges` (compressed rows).
    out_offsets: Vec<u32>,
    out_edges: Vec<u32>,
}

/// The tasks of a cycle in order, the first repeated at the end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cycle(pub Vec<TaskId>);

impl std::fmt::Display for Cycle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.0.iter().map(TaskId::as_str).collect();
        f.write_str(&names.join(" → "))
    }
}

impl TaskGraph {
    /// Builds the graph; ids the plan does not know are skipped (validation reports them).
    pub fn build(plan: &Plan) -> Self {
        let task_count = plan.tasks.len();
        let mut index_of: IdMap<&str, u32> = id_map_with_capacity(task_count);
        for (index, task) in plan.tasks.iter().enumerate() {
            index_of.insert(task.id.as_str(), index as u32);
        }
        let parent: Vec<Option<u32>> = plan
            .tasks
            .iter()
            .map(|task| task.parent.as_ref().and_then(|parent| index_of.get(parent.as_str()).copied()))
            .collect();
        let mut is_summary = vec![false; task_count];
        for parent_index in parent.iter().flatten() {
            is_summary[*parent_index as usize] = true;
        }
        let rollup_or_self = |index: u32| {
            if is_summary[index as usize] {
                task_count as u32 + index
            } else {
                index
            }
        };
        let mut edges = Vec::with_capacity(plan.dependencies.len() + 2 * task_count);
        for (child, parent_index) in parent.iter().enumerate() {
            if let Some(parent_index) = *parent_index {
                let child = child as u32;
                edges.push(Edge { from: parent_index, to: child, kind: EdgeKind::ToChild });
                edges.push(Edge {
                    from: rollup_or_self(child),
                    to: task_count as u32 + parent_index,
                    kind: EdgeKind::ToRollup,
                });
            }
        }
        for (dependency_index, dependency) in plan.dependencies.iter().enumerate() {
            let (Some(&from), Some(&to)) =
                (index_of.get(dependency.predecessor.as_str()), index_of.get(dependency.successor.as_str()))
            else {
                continue;
            };
            edges.push(Edge { from: rollup_or_self(from), to, kind: EdgeKind::Dependency(dependency_index as u32) });
        }
        let node_count = 2 * task_count;
        let mut out_offsets = vec![0u32; node_count + 1];
        for edge in &edges {
            out_offsets[edge.from as usize + 1] += 1;
        }
        for node in 0..node_count {
            out_offsets[node + 1] += out_offsets[node];
        }
        let mut fill = out_offsets.clone();
        let mut out_edges = vec![0u32; edges.len()];
        for (edge_index, edge) in edges.iter().enumerate() {
            let slot = &mut fill[edge.from as usize];
            out_edges[*slot as usize] = edge_index as u32;
            *slot += 1;
        }
        Self { task_count, parent, is_summary, edges, out_offsets, out_edges }
    }

    pub fn node_count(&self) -> usize {
        2 * self.task_count
    }

    /// The task a node belongs to.
    pub fn task_of(&self, node: u32) -> usize {
        node as usize % self.task_count.max(1)
    }

    pub fn outgoing(&self, node: u32) -> impl Iterator<Item = &Edge> + '_ {
        let range = self.out_offsets[node as usize] as usize..self.out_offsets[node as usize + 1] as usize;
        self.out_edges[range].iter().map(|&edge| &self.edges[edge as usize])
    }

    /// Nodes in an order where every edge goes forward, or the first cycle found.
    pub fn topological_order(&self, plan: &Plan) -> Result<Vec<u32>, Cycle> {
        let node_count = self.node_count();
        let mut in_degree = vec![0u32; node_count];
        for edge in &self.edges {
            in_degree[edge.to as usize] += 1;
        }
        let mut order: Vec<u32> = (0..node_count as u32).filter(|&node| in_degree[node as usize] == 0).collect();
        let mut next = 0;
        while next < order.len() {
            let node = order[next];
            next += 1;
            for edge in self.outgoing(node) {
                let degree = &mut in_degree[edge.to as usize];
                *degree -= 1;
                if *degree == 0 {
                    order.push(edge.to);
                }
            }
        }
        if order.len() == node_count {
            Ok(order)
        } else {
            Err(self.find_cycle(plan, &in_degree))
        }
    }

    /// Walks backwards from a node still holding an in-degree: every such node has a
    /// predecessor that is also left over, so the walk must come back on itself.
    fn find_cycle(&self, plan: &Plan, in_degree: &[u32]) -> Cycle {
        let mut incoming: Vec<Option<u32>> = vec![None; self.node_count()];
        for edge in &self.edges {
            if in_degree[edge.from as usize] > 0 && in_degree[edge.to as usize] > 0 {
                incoming[edge.to as usize] = Some(edge.from);
            }
        }
        let start = in_degree.iter().position(|&degree| degree > 0).unwrap_or(0) as u32;
        let mut seen_at: IdMap<u32, usize> = IdMap::default();
        let mut walk = Vec::new();
        let mut node = start;
        while let std::collections::hash_map::Entry::Vacant(slot) = seen_at.entry(node) {
            slot.insert(walk.len());
            walk.push(node);
            match incoming[node as usize] {
                Some(previous) => node = previous,
                None => break,
            }
        }
        let cycle_start = seen_at.get(&node).copied().unwrap_or(0);
        let mut nodes: Vec<u32> = walk[cycle_start..].to_vec();
        nodes.reverse();
        let mut tasks: Vec<TaskId> = Vec::new();
        for node in nodes {
            let id = &plan.tasks[self.task_of(node)].id;
            if tasks.last() != Some(id) {
                tasks.push(id.clone());
            }
        }
        if tasks.len() > 1 && tasks.first() == tasks.last() {
            tasks.pop();
        }
        if let Some(first) = tasks.first().cloned() {
            tasks.push(first);
        }
        Cycle(tasks)
    }
}
