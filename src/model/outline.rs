//! The task outline: tasks in tree order with their depth and WBS numbers, built
//! from parent links (so a hand-edited file with children out of order still shows
//! each task under its parent).

use super::hashing::{IdMap, IdSet};
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
    let index_of: IdMap<&str, usize> =
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

/// The outline without the descendants of collapsed tasks (their own rows stay).
pub fn visible_outline(rows: &[OutlineRow], plan: &Plan, collapsed: &IdSet<super::TaskId>) -> Vec<OutlineRow> {
    if collapsed.is_empty() {
        return rows.to_vec();
    }
    let mut visible = Vec::with_capacity(rows.len());
    // Depth of the collapsed row whose subtree is being skipped.
    let mut hiding_below: Option<usize> = None;
    for row in rows {
        if let Some(depth) = hiding_below {
            if row.depth > depth {
                continue;
            }
            hiding_below = None;
        }
        if row.has_children && collapsed.contains(&plan.tasks[row.index].id) {
            hiding_below = Some(row.depth);
        }
        visible.push(row.clone());
    }
    visible
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Task, TaskId};

    fn plan() -> Plan {
        let mut plan = Plan::new("Outline", chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap());
        for (id, parent) in [("T1", None), ("T2", Some("T1")), ("T3", Some("T2")), ("T4", Some("T1")), ("T5", None)] {
            let mut task = Task::new(TaskId::from(id), id);
            task.parent = parent.map(TaskId::from);
            plan.tasks.push(task);
        }
        plan
    }

    #[test]
    fn numbers_the_tree_depth_first() {
        let plan = plan();
        let wbs: Vec<String> = outline(&plan).into_iter().map(|row| row.wbs).collect();
        assert_eq!(wbs, ["1", "1.1", "1.1.1", "1.2", "2"]);
    }

    #[test]
    fn a_collapsed_summary_hides_all_its_descendants_only() {
        let plan = plan();
        let rows = outline(&plan);
        let ids = |collapsed: &[&str]| -> Vec<String> {
            let collapsed = collapsed.iter().map(|id| TaskId::from(*id)).collect();
            visible_outline(&rows, &plan, &collapsed).iter().map(|row| plan.tasks[row.index].id.to_string()).collect()
        };
        assert_eq!(ids(&[]), ["T1", "T2", "T3", "T4", "T5"]);
        assert_eq!(ids(&["T2"]), ["T1", "T2", "T4", "T5"]);
        assert_eq!(ids(&["T1"]), ["T1", "T5"]);
        // Collapsing a task without children changes nothing.
        assert_eq!(ids(&["T5"]), ["T1", "T2", "T3", "T4", "T5"]);
    }
}
