//! A polite live region that tells a screen reader what each edit did to the schedule
//! ("T9 now finishes 2027-03-08, 2 working days later; 3 other tasks moved; the plan
//! finishes 2027-06-28"). The sentence is decided in `analysis::change`.

use leptos::prelude::*;

use crate::analysis::change::{describe, Snapshot};
use crate::ui::state::use_plan;

/// The live region; visually hidden, it speaks after each edit of the open plan (never
/// when another plan is opened).
#[component]
pub fn ScheduleAnnouncer() -> impl IntoView {
    let context = use_plan();
    let said = RwSignal::new(String::new());
    // The schedule as it was before the latest change, with the plan it belongs to.
    let before = StoredValue::new_local(None::<(Option<String>, Snapshot)>);
    Effect::new(move |_| {
        let plan_id = context.document.plan_id.get();
        context.derived.schedule.with(|schedule| {
            let Ok(schedule) = schedule else { return };
            let now = Snapshot::of(schedule);
            let previous = before.try_update_value(|kept| kept.replace((plan_id.clone(), now))).flatten();
            let Some((previous_plan, previous)) = previous.filter(|(id, _)| *id == plan_id) else {
                return;
            };
            let edited = context.document.last_edited.get_value();
            let sentence =
                context.document.plan.with_untracked(|plan| describe(plan, &previous, schedule, edited.as_ref()));
            if let (Some(sentence), Some(_)) = (sentence, previous_plan) {
                said.set(sentence);
            }
        });
    });
    view! {
        <div class="visually-hidden" role="status" aria-live="polite" data-testid="schedule-news">{move || said.get()}</div>
    }
}
