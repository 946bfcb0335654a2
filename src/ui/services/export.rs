//! The exports of the header's "More" menu to other tools: the timeline as SVG, the
//! Mermaid gantt (a file, or copied), the iCalendar file. A part fetched when first used.

use leptos::prelude::*;

use crate::storage;
use crate::ui::parts::on_demand;
use crate::ui::services::clipboard::copy_text;
use crate::ui::services::files::offer_download;
use crate::ui::state::PlanContext;

on_demand! { exports:
    /// The exports of the "More" menu: timeline SVG, Mermaid, calendar.
    pub fn export(context: PlanContext, kind: Export) -> () {
        write_export(context, kind)
    }
}

/// The exports to other tools, for the header's menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    TimelineSvg,
    Mermaid,
    MermaidCopy,
    Calendar,
}

/// Writes an export and offers it as a download (or copies it).
fn write_export(context: PlanContext, kind: Export) {
    let today = storage::today();
    let stem = context
        .document
        .plan
        .with_untracked(|plan| crate::file::file_name(plan).trim_end_matches(".plan.json").to_string());
    let written = context.document.plan.with_untracked(|plan| {
        context.derived.schedule.with_untracked(|schedule| {
            let schedule = schedule.as_ref().map_err(|error| format!("the plan cannot be scheduled: {error}"))?;
            Ok::<String, String>(match kind {
                Export::TimelineSvg => crate::chart::timeline_svg(plan, schedule, today),
                Export::Mermaid | Export::MermaidCopy => crate::file::mermaid_gantt(plan, schedule),
                Export::Calendar => crate::file::calendar_ics(plan, schedule, utc_now()),
            })
        })
    });
    let text = match written {
        Ok(text) => text,
        Err(message) => return context.refuse(message),
    };
    match kind {
        Export::TimelineSvg => offer_download(context, &format!("{stem}.timeline.svg"), &text, "image/svg+xml"),
        Export::Mermaid => offer_download(context, &format!("{stem}.mmd"), &text, "text/plain"),
        Export::MermaidCopy => {
            copy_text(context, text, "The Mermaid gantt is copied: paste it into a ```mermaid block.")
        }
        Export::Calendar => offer_download(context, &format!("{stem}.ics"), &text, "text/calendar"),
    }
}

/// Now in UTC, for the calendar's DTSTAMP.
fn utc_now() -> chrono::NaiveDateTime {
    let milliseconds = js_sys::Date::now() as i64;
    chrono::DateTime::from_timestamp_millis(milliseconds).map(|time| time.naive_utc()).unwrap_or_default()
}
