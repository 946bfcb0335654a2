//! Small form controls shared by the views.

use leptos::prelude::*;

/// An input that commits its value when it changes (Enter or leaving the field).
/// When the commit is refused, the field shows the plan's value again.
#[component]
pub fn CommitInput(
    /// The value from the plan.
    #[prop(into)]
    value: Signal<String>,
    /// Applies a new value; returns whether it was accepted.
    on_commit: Callback<String, bool>,
    /// The accessible name of the field.
    #[prop(into)]
    label: String,
    /// The input type: "text", "number", "date".
    #[prop(default = "text")]
    kind: &'static str,
    /// Extra CSS class.
    #[prop(optional, into)]
    class: String,
    /// Lowest value of a number field.
    #[prop(optional, into)]
    min: Option<String>,
    /// Highest value of a number field.
    #[prop(optional, into)]
    max: Option<String>,
    /// A `data-task-name` attribute, so a new task's name field can be found and focused.
    #[prop(optional, into)]
    data_task_name: Option<String>,
) -> impl IntoView {
    // A date field fires `change` at every typed digit that makes some date, so it
    // commits only when left or on Enter; other fields commit on `change`.
    let is_date = kind == "date";
    let context = use_context::<super::PlanContext>();
    let commit = move |input: web_sys::HtmlInputElement| {
        // A focused date field removed with its view is left (blurred) after the view's
        // values are gone: reading them then was a panic. Nothing to commit to any more.
        let Some(shown) = value.try_get_untracked() else { return };
        let text = input.value();
        if is_date && input.validity().bad_input() {
            on_commit_refused(&input, &value);
            if let Some(context) = context {
                context.refuse("the date is incomplete: give day, month and year, or pick one");
            }
            return;
        }
        if text == shown {
            return;
        }
        if on_commit.try_run(text) == Some(false) {
            on_commit_refused(&input, &value);
        }
    };
    view! {
        <input
            type=kind
            class=format!("input {class}")
            aria-label=label
            min=min
            max=max
            data-task-name=data_task_name
            prop:value=move || value.get()
            on:change=move |event| {
                if !is_date {
                    commit(event_target(&event));
                }
            }
            on:blur=move |event| {
                if is_date {
                    commit(event_target(&event));
                }
            }
            on:keydown=move |event| {
                if is_date && event.key() == "Enter" {
                    commit(event_target(&event));
                }
            }
        />
    }
}

/// Puts the plan's value back into a field whose edit was refused.
fn on_commit_refused(input: &web_sys::HtmlInputElement, value: &Signal<String>) {
    input.set_value(&value.get_untracked());
}

/// A multi-line field that commits when it changes.
#[component]
pub fn CommitTextArea(
    /// The value from the plan.
    #[prop(into)]
    value: Signal<String>,
    /// Applies a new value; returns whether it was accepted.
    on_commit: Callback<String, bool>,
    /// The accessible name of the field.
    #[prop(into)]
    label: String,
    /// Visible rows.
    #[prop(default = 3)]
    rows: u32,
) -> impl IntoView {
    view! {
        <textarea
            class="input input--area"
            aria-label=label
            rows=rows
            prop:value=move || value.get()
            on:change=move |event| {
                let text = event_target_value(&event);
                if !on_commit.run(text) {
                    let area: web_sys::HtmlTextAreaElement = event_target(&event);
                    area.set_value(&value.get_untracked());
                }
            }
        ></textarea>
    }
}

/// A CSS length in whole pixels. Through an integer: formatting an `f64` itself
/// (`{}` of a float) links about 10 KB of WebAssembly for float printing.
pub fn px(value: f64) -> String {
    format!("{}px", value.round() as i64)
}

/// Reads an optional ISO date from a date field ("" clears it).
pub fn parse_optional_date(text: &str) -> Result<Option<chrono::NaiveDate>, String> {
    let text = text.trim();
    if text.is_empty() {
        Ok(None)
    } else {
        crate::model::dates::parse_iso_date(text).map(Some)
    }
}

pub fn format_optional_date(date: Option<chrono::NaiveDate>) -> String {
    date.map(crate::model::dates::format_iso_date).unwrap_or_default()
}

/// Reads a whole number within bounds, explaining a refusal.
pub fn parse_number<T: std::str::FromStr + PartialOrd + std::fmt::Display>(
    text: &str,
    field: &str,
    low: T,
    high: T,
) -> Result<T, String> {
    let value: T = text.trim().parse().map_err(|_| format!("{field} must be a whole number from {low} to {high}"))?;
    if value < low || value > high {
        return Err(format!("{field} must be from {low} to {high}"));
    }
    Ok(value)
}

/// Focuses the element matching `selector` once the view has drawn it, trying for a
/// few frames (a row scrolled into view is drawn a frame later); `select_text` also
/// selects an input's text.
pub fn focus_when_drawn(selector: String, select_text: bool) {
    fn attempt(selector: String, select_text: bool, frames_left: u32) {
        request_animation_frame(move || {
            use wasm_bindgen::JsCast;
            match document().query_selector(&selector).ok().flatten() {
                Some(element) => {
                    if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
                        let _ = element.focus();
                        if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>().filter(|_| select_text) {
                            input.select();
                        }
                    }
                }
                None if frames_left > 0 => attempt(selector, select_text, frames_left - 1),
                None => {}
            }
        });
    }
    attempt(selector, select_text, 20);
}
