//! The task outline: tasks in tree order with their depth and WBS numbers, built
//! from parent links (so a hand-edited file with children out of order still shows
//! each task under its parent).

use std::collections::HashMap;

use super::Plan;

/// One row of the outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutlineRow {
    /// Index into `plan.tasks`.
    pub index: usize,
    /// 0 for a top-level task.
    pub depth: usize,
    /// Work breakdown number, such as `2.3.1`.
    pub wbs: String,
    pub has_children: bool,
}

/// Every task in tree order: each parent followed by its children, in list order.
pub fn outline(plan: &Plan) -> Vec<OutlineRow> {
    let index_of: HashMap<&str, usize> =
        plan.tasks.iter().enumerate().map(|(index, task)| (task.id.as_str(), index)).collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); plan.tasks.len()];
    let mut roots = Vec::new();
    for (index, task) in plan.tasks.iter().enumerate() {
        match task.parent.as_ref().and_then(|parent| index_of.get(parent.as_str())) {
            Some(&parent) if parent != index => children[parent].push(index),
            _ => roots.push(index),
        }
    }
    let mut rows = Vec::with_capacity(plan.tasks.len());
    // Depth-first without recursion: deep outlines must not overflow the stack.
    let mut stack: Vec<(usize, usize, String)> =
        roots.iter().enumerate().rev().map(|(position, &index)| (index, 0, (position + 1).to_string())).collect();
    let mut visited = vec![false; plan.tasks.len()];
    while let Some((index, depth, wbs)) = stack.pop() {
        if std::mem::replace(&mut visited[index], true) {
            continue;
        }
        for (position, &child) in children[index].iter().enumerate().rev() {
            stack.push((child, depth + 1, format!("{wbs}.{}", position + 1)));
        }
        rows.push(OutlineRow { index, depth, wbs, has_children: !children[index].is_empty() });
    }
    rows
}

/// The siblings of a task (tasks with the same parent), in list order, as indices.
pub fn siblings(plan: &Plan, index: usize) -> Vec<usize> {
    let parent = &plan.tasks[index].parent;
    plan.tasks.iter().enumerate().filter(|(_, task)| &task.parent == parent).map(|(index, _)| index).collect()
}
