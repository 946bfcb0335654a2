//! Links across plans and the cycles they could close. Each plan keeps its own graph
//! free of cycles (`model::validate`), but a plan cannot see the others: that its task
//! waits on another plan's task which, through that plan's links and back through
//! links to this plan, waits on it, shows only in the graph of every plan's tasks with
//! their links and the external links between them. That graph is built here.

use crate::model::graph::TaskGraph;
use crate::model::hashing::IdIndex;
use crate::model::{ExternalDependency, TaskId};

use super::members::{MemberId, Portfolio};

/// Tasks of several plans that wait on each other in a circle, in order, the first
/// repeated at the end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrossPlanCycle {
    pub tasks: Vec<(MemberId, TaskId)>,
    /// `T12 of "Payments" → T7 of "Platform" → T12 of "Payments"`.
    message: String,
}

impl std::fmt::Display for CrossPlanCycle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl Portfolio {
    /// Refuses an external link for a task of `member` that would close a cycle across
    /// plans, naming its tasks and plans; the UI asks before it sends the command that
    /// adds the link (the plan alone cannot tell).
    pub fn check_new_link(&self, member: MemberId, link: &ExternalDependency) -> Result<(), CrossPlanCycle> {
        match PortfolioGraph::build(self, Some((member, link))).find_cycle() {
            Some(cycle) => Err(self.named_cycle(cycle)),
            None => Ok(()),
        }
    }

    /// A cycle the links across plans form, if any: plans changed apart (each file edited
    /// on its own) can close one that no single edit was allowed to.
    pub fn cross_plan_cycle(&self) -> Option<CrossPlanCycle> {
        PortfolioGraph::build(self, None).find_cycle().map(|cycle| self.named_cycle(cycle))
    }

    fn named_cycle(&self, tasks: Vec<(MemberId, usize)>) -> CrossPlanCycle {
        let tasks: Vec<(MemberId, TaskId)> =
            tasks.into_iter().map(|(member, task)| (member, self.member(member).plan.tasks[task].id.clone())).collect();
        let named: Vec<String> =
            tasks.iter().map(|(member, task)| format!("{task} of {}", self.label(*member))).collect();
        CrossPlanCycle { message: named.join(" → "), tasks }
    }
}

/// Every member's task graph side by side (member `m`'s node `n` is node
/// `offsets[m] + n`), with the edges between them.
struct PortfolioGraph {
    offsets: Vec<usize>,
    /// The member and its task of each node (a summary's two nodes name the summary).
    tasks: Vec<(MemberId, usize)>,
    /// Every edge as (from, to).
    edges: Vec<(u32, u32)>,
}

impl PortfolioGraph {
    /// The graph of every member, with `extra` (a link being added to a member) as if
    /// it were there.
    fn build(portfolio: &Portfolio, extra: Option<(MemberId, &ExternalDependency)>) -> Self {
        let graphs: Vec<TaskGraph> = portfolio.members.iter().map(|member| TaskGraph::build(&member.plan)).collect();
        let indices: Vec<IdIndex> = portfolio
            .members
            .iter()
            .map(|member| IdIndex::new(TaskId::PREFIX, &member.plan.tasks, |task| task.id.as_str()))
            .collect();
        let mut offsets = Vec::with_capacity(graphs.len());
        let mut tasks = Vec::new();
        let mut edges = Vec::new();
        for (member, graph) in graphs.iter().enumerate() {
            let offset = tasks.len();
            offsets.push(offset);
            for node in 0..graph.node_count() as u32 {
                tasks.push((MemberId(member), graph.task_of(node)));
                let from = (offset + node as usize) as u32;
                graph.for_each_outgoing(node, |edge| edges.push((from, offset as u32 + edge.to)));
            }
        }
        let mut graph = Self { offsets, tasks, edges };
        for member in portfolio.member_ids() {
            let own = portfolio.member(member).plan.external_dependencies.iter();
            let added = extra.filter(|(to, _)| *to == member).map(|(_, link)| link);
            for link in own.chain(added) {
                graph.add_cross_edges(portfolio, &graphs, &indices, member, link);
            }
        }
        graph
    }

    /// The edges of one external link of `member`: from the predecessor in every member
    /// with the link's plan id (when several share it, any could be meant) to the
    /// successor.
    fn add_cross_edges(
        &mut self,
        portfolio: &Portfolio,
        graphs: &[TaskGraph],
        indices: &[IdIndex],
        member: MemberId,
        link: &ExternalDependency,
    ) {
        let Some(successor) = indices[member.0].get(link.successor.as_str()) else { return };
        let to = (self.offsets[member.0] + successor as usize) as u32;
        for other in portfolio.members_with_id(&link.plan) {
            if let Some(predecessor) = indices[other.0].get(link.predecessor.as_str()) {
                let from = self.offsets[other.0] + graphs[other.0].dates_node[predecessor as usize] as usize;
                self.edges.push((from as u32, to));
            }
        }
    }

    /// The tasks of a cycle in order, the first repeated at the end; `None` without one.
    fn find_cycle(&self) -> Option<Vec<(MemberId, usize)>> {
        let node_count = self.tasks.len();
        let mut in_degree = vec![0u32; node_count];
        // The edges grouped by the node they leave (compressed rows): `targets[starts[n]..starts[n + 1]]`.
        let mut starts = vec![0usize; node_count + 1];
        for &(from, to) in &self.edges {
            in_degree[to as usize] += 1;
            starts[from as usize + 1] += 1;
        }
        for node in 0..node_count {
            starts[node + 1] += starts[node];
        }
        let mut targets = vec![0u32; self.edges.len()];
        let mut next_slot = starts.clone();
        for &(from, to) in &self.edges {
            targets[next_slot[from as usize]] = to;
            next_slot[from as usize] += 1;
        }
        let mut ready: Vec<u32> = (0..node_count as u32).filter(|&node| in_degree[node as usize] == 0).collect();
        let mut visited = 0;
        while let Some(node) = ready.pop() {
            visited += 1;
            for &next in &targets[starts[node as usize]..starts[node as usize + 1]] {
                in_degree[next as usize] -= 1;
                if in_degree[next as usize] == 0 {
                    ready.push(next);
                }
            }
        }
        (visited < node_count).then(|| self.cycle_among_left(&in_degree))
    }

    /// Walks back from a node the walk could not reach: each such node has a predecessor
    /// that is left too, so the walk comes back on itself.
    fn cycle_among_left(&self, in_degree: &[u32]) -> Vec<(MemberId, usize)> {
        let mut incoming: Vec<Option<u32>> = vec![None; self.tasks.len()];
        for &(from, to) in &self.edges {
            if in_degree[from as usize] > 0 && in_degree[to as usize] > 0 {
                incoming[to as usize] = Some(from);
            }
        }
        let start = in_degree.iter().position(|&degree| degree > 0).unwrap_or(0) as u32;
        let mut seen_at: Vec<Option<usize>> = vec![None; self.tasks.len()];
        let mut walk = Vec::new();
        let mut node = start;
        while seen_at[node as usize].is_none() {
            seen_at[node as usize] = Some(walk.len());
            walk.push(node);
            match incoming[node as usize] {
                Some(previous) => node = previous,
                None => break,
            }
        }
        let mut nodes = walk.split_off(seen_at[node as usize].unwrap_or(0));
        nodes.reverse();
        let mut tasks: Vec<(MemberId, usize)> = Vec::new();
        for node in nodes {
            let task = self.tasks[node as usize];
            if tasks.last() != Some(&task) {
                tasks.push(task);
            }
        }
        if tasks.len() > 1 && tasks.first() == tasks.last() {
            tasks.pop();
        }
        // From its first plan's first task, so the same cycle is always told the same way.
        if let Some(first) = (0..tasks.len()).min_by_key(|&at| tasks[at]) {
            tasks.rotate_left(first);
        }
        if let Some(&first) = tasks.first() {
            tasks.push(first);
        }
        tasks
    }
}
