//! The chart's status line: a refusal of the last key or drag, the link being drawn or
//! selected, or the selected task with its dates, risks and main keys.

use leptos::prelude::*;

use super::Chart;
use crate::model::dates::format_iso_date;

impl Chart {
    pub fn status_line(self) -> impl IntoView {
        let refusal = self.state.refusal;
        view! {
            <p class="gantt__status" class:gantt__status--refused=move || refusal.with(Option::is_some) data-testid="chart-status" aria-live="polite">{move || self.status()}</p>
        }
    }

    fn status(self) -> String {
        let Chart { context, state, geometry } = self;
        if let Some(refused) = state.refusal.get() {
            return refused;
        }
        if let Some(from) = state.link_from.get() {
            return format!("Linking from {from}: choose the next task with ↑ ↓ and press Enter, or Escape.");
        }
        if let Some((from, to)) = state.selected_link.get() {
            return format!("Link {from} → {to} selected: Delete removes it.");
        }
        let Some(id) = context.view.selected_task.get() else {
            return "Click a bar or press ↓ to select a task; ? shows every key.".to_string();
        };
        context.document.plan.with(|plan| {
            context.derived.schedule.with(|schedule| {
                let index = plan.task_index(id.as_str());
                let name = index.map(|index| plan.tasks[index].name.clone()).unwrap_or_default();
                let dates = match (index, schedule) {
                    (Some(index), Ok(schedule)) => format!(
                        ": {} to {}",
                        format_iso_date(schedule.start_date(index)),
                        format_iso_date(schedule.finish_date(index))
                    ),
                    _ => String::new(),
                };
                let risks = geometry
                    .risks_by_task
                    .with(|risks| risks.get(&id).map(|risks| format!(" · Risks: {}", risks.join("; "))));
                format!("{id} {name}{dates}{} · ← → move, Shift+← → length, ? all keys", risks.unwrap_or_default())
            })
        })
    }
}
