//! Small form controls shared by the views.

mod markdown;

pub use markdown::{text_table, MarkdownView};

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::ui::state::PlanContext;

/// A refusal as a field shows it: "Not changed: the lag must be …."
pub fn refused(message: impl std::fmt::Display) -> String {
    format!("Not changed: {message}.")
}

/// "1 task", "2 tasks": a count with its noun, singular for one.
pub fn counted(count: usize, singular: &str, plural: &str) -> String {
    format!("{count} {}", if count == 1 { singular } else { plural })
}

/// A page-wide unique element id for a field's message: `{prefix}-{n}`.
pub fn unique_id(prefix: &str) -> String {
    thread_local! {
        static NEXT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    }
    let number = NEXT.with(|next| {
        next.set(next.get() + 1);
        next.get()
    });
    format!("{prefix}-{number}")
}

/// Runs an edit that answers whether the plan took it, and gives back the words of a
/// refusal: the plan's door (`PlanContext::dispatch`, `refuse`) writes them into the
/// page's notice, far from the field; the field shows them beside itself instead, and the
/// notice goes back to what it was.
pub fn refusal_of(context: Option<PlanContext>, edit: impl FnOnce() -> bool) -> Option<String> {
    let shown = context.map(|context| context.session.notice.get_untracked());
    if edit() {
        return None;
    }
    let said = context.and_then(|context| {
        let now = context.session.notice.get_untracked().filter(|notice| notice.is_error)?;
        let shown = shown.flatten();
        (Some(&now) != shown.as_ref()).then(|| {
            context.session.notice.set(shown);
            now.text
        })
    });
    Some(said.unwrap_or_else(|| "Not changed.".to_string()))
}

/// The message of a refused field, under it, tied to it by `aria-describedby`: drawn
/// over what follows, so nothing on the page moves.
#[component]
pub fn FieldRefusal(
    /// The message's element id, which the field's `aria-describedby` names.
    id: String,
    /// What was refused and why; nothing is drawn while `None`.
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    view! {
        <span class="field-refusal" id=id role="alert" hidden=move || message.with(Option::is_none)>
            {move || message.get()}
        </span>
    }
}

/// An input that commits its value when it changes (Enter or leaving the field). A
/// refused value stays in the field, marked invalid, with the reason under it; Escape
/// puts the plan's value back. A date field takes ISO dates as text (`2027-03-05`, as the
/// app writes dates everywhere), with a button that opens the browser's calendar.
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
    let context = use_context::<PlanContext>();
    let is_date = kind == "date";
    let refusal = RwSignal::new(None::<String>);
    let message_id = unique_id("refusal");
    let input = NodeRef::<leptos::html::Input>::new();
    let commit = move |text: String| {
        // A focused field removed with its view is left (blurred) after the view's values
        // are gone: reading them then was a panic. Nothing to commit to any more.
        let Some(shown) = value.try_get_untracked() else { return };
        if text == shown {
            refusal.set(None);
            return;
        }
        refusal.set(refusal_of(context, || on_commit.try_run(text).unwrap_or(true)));
    };
    let picker_label = is_date.then(|| label.clone());
    let field = view! {
        <input
            node_ref=input
            type=if is_date { "text" } else { kind }
            class=format!("input {class}{}", if is_date { " input--date" } else { "" })
            placeholder=is_date.then_some("YYYY-MM-DD")
            aria-label=label
            aria-invalid=move || refusal.with(Option::is_some).then_some("true")
            aria-describedby={
                let message_id = message_id.clone();
                move || refusal.with(Option::is_some).then(|| message_id.clone())
            }
            min=min
            max=max
            data-task-name=data_task_name
            prop:value=move || value.get()
            on:change=move |event| commit(event_target_value(&event))
            // Leaving commits too: a value set without typing (autofill, a script) fires
            // no `change`. A refused text already said why; it is not sent again.
            on:blur=move |event| {
                if refusal.try_with_untracked(Option::is_none) == Some(true) {
                    commit(event_target_value(&event));
                }
            }
            // Escape takes back what was typed (refused or not): nothing is committed.
            on:keydown=move |event| {
                if event.key() == "Escape" {
                    let field: web_sys::HtmlInputElement = event_target(&event);
                    field.set_value(&value.get_untracked());
                    refusal.set(None);
                }
            }
        />
    };
    // A date field goes with its calendar button; other fields stand alone, as the views
    // lay them out.
    let field = match picker_label {
        Some(label) => view! {
            <span class="date-field">
                {field}
                <DatePicker label=label field=input on_pick=Callback::new(move |date: String| commit(date))/>
            </span>
        }
        .into_any(),
        None => field.into_any(),
    };
    view! {
        {field}
        <FieldRefusal id=message_id message=refusal/>
    }
}

/// A small calendar, drawn (an emoji is missing from some systems' fonts).
const CALENDAR_ICON: &str = r#"<svg viewBox="0 0 16 16" aria-hidden="true"><rect x="2" y="3" width="12" height="11" rx="1.5"/><path d="M2 6.5h12M5 1.5v3M11 1.5v3"/></svg>"#;

/// A button that opens the browser's calendar for a date field typed as text, and
/// writes the picked date into it in ISO form.
#[component]
fn DatePicker(
    /// The date field's accessible name.
    label: String,
    /// The text field the date goes into.
    field: NodeRef<leptos::html::Input>,
    /// Commits the picked date (`YYYY-MM-DD`).
    on_pick: Callback<String>,
) -> impl IntoView {
    let calendar = NodeRef::<leptos::html::Input>::new();
    let open = move |_| {
        let (Some(calendar), Some(field)) = (calendar.get_untracked(), field.get_untracked()) else { return };
        let typed = field.value();
        calendar.set_value(if parse_optional_date(&typed).is_ok() { typed.trim() } else { "" });
        if calendar.show_picker().is_err() {
            let _ = field.focus();
        }
    };
    view! {
        <button type="button" class="icon-button date-picker" title="Pick a date" aria-label=format!("Pick {label} from a calendar") on:click=open inner_html=CALENDAR_ICON></button>
        <input type="date" class="date-picker__calendar" tabindex="-1" aria-hidden="true" node_ref=calendar
            on:change=move |event| {
                let picked = event_target_value(&event);
                if let Some(field) = field.get_untracked() {
                    field.set_value(&picked);
                }
                on_pick.run(picked);
            }/>
    }
}

/// A multi-line field that commits when it changes. With a `limit`, it counts the
/// characters as they are typed; a text over the limit (a long paste) stays in the field,
/// is not committed, and can be cut to the limit with one button.
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
    /// The most characters the plan keeps in it: shown as a counter.
    #[prop(optional)]
    limit: Option<usize>,
) -> impl IntoView {
    let context = use_context::<PlanContext>();
    let refusal = RwSignal::new(None::<String>);
    let message_id = unique_id("refusal");
    let counter_id = unique_id("counter");
    let typed = RwSignal::new(None::<String>);
    let area = NodeRef::<leptos::html::Textarea>::new();
    let length = Signal::derive(move || {
        typed
            .with(|typed| typed.as_ref().map(|text| text.chars().count()))
            .unwrap_or_else(|| value.with(|text| text.chars().count()))
    });
    let over = move || limit.map_or(0, |limit| length.get().saturating_sub(limit));
    let commit = move |text: String| {
        if let Some(refused) = limit.and_then(|limit| over_the_limit(&text, limit)) {
            return refusal.set(Some(refused));
        }
        typed.set(None);
        // Left after its view is gone (as `CommitInput`): nothing to commit to any more.
        let Some(shown) = value.try_get_untracked() else { return };
        if text == shown {
            return refusal.set(None);
        }
        refusal.set(refusal_of(context, || on_commit.try_run(text).unwrap_or(true)));
    };
    let keep_first = Callback::new(move |()| {
        let (Some(limit), Some(area)) = (limit, area.get_untracked()) else { return };
        let cut: String = area.value().chars().take(limit).collect();
        area.set_value(&cut);
        commit(cut);
    });
    let described_by = {
        let (message_id, counter_id) = (message_id.clone(), counter_id.clone());
        move || {
            let ids = [limit.map(|_| counter_id.clone()), refusal.with(Option::is_some).then(|| message_id.clone())];
            let ids: Vec<String> = ids.into_iter().flatten().collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <textarea
            node_ref=area
            class="input input--area"
            aria-label=label
            aria-invalid=move || (refusal.with(Option::is_some) || over() > 0).then_some("true")
            aria-describedby=described_by
            rows=rows
            prop:value=move || value.get()
            on:input=move |event| {
                if limit.is_some() {
                    typed.set(Some(event_target_value(&event)));
                }
            }
            on:change=move |event| commit(event_target_value(&event))
        ></textarea>
        {limit.map(|limit| view! { <CharacterCounter id=counter_id length=length limit=limit on_cut=keep_first/> })}
        <FieldRefusal id=message_id message=refusal/>
    }
}

/// Why a text over `limit` characters is not saved yet, or nothing when it fits.
fn over_the_limit(text: &str, limit: usize) -> Option<String> {
    let over = text.chars().count().checked_sub(limit).filter(|over| *over > 0)?;
    Some(format!(
        "Not saved yet: {} over the limit of {}. Shorten it, or keep the first {}.",
        counted(over, "character", "characters"),
        thousands(limit),
        thousands(limit)
    ))
}

/// "1,234 of 20,000 characters", or how far over the limit a text is, with a button that
/// keeps the first `limit` characters.
#[component]
fn CharacterCounter(
    /// The element id, which the field's `aria-describedby` names.
    id: String,
    /// Characters in the field now.
    length: Signal<usize>,
    /// The most characters the plan keeps.
    limit: usize,
    /// Cuts the text to the limit (and commits it).
    on_cut: Callback<()>,
) -> impl IntoView {
    let over = move || length.get().saturating_sub(limit);
    let is_over = move || over() > 0;
    view! {
        <span class="field-counter" class:field-counter--over=is_over id=id aria-live="polite">
            {move || match over() {
                0 => format!("{} of {} characters", thousands(length.get()), thousands(limit)),
                over => format!("{} over the limit of {}", counted(over, "character", "characters"), thousands(limit)),
            }}
        </span>
        <Show when=is_over>
            <button type="button" class="button button--quiet field-counter__cut" on:click=move |_| on_cut.run(())>
                {format!("Keep the first {} characters", thousands(limit))}
            </button>
        </Show>
    }
}

/// `20,000`: a count with thousands separated, as the app writes counts.
pub fn thousands(count: usize) -> String {
    let digits = count.to_string();
    let mut written = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            written.push(',');
        }
        written.push(digit);
    }
    written
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

/// A date as the fields show it (`2027-03-05`), or empty for none.
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
        request_animation_frame(move || match document().query_selector(&selector).ok().flatten() {
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
        });
    }
    attempt(selector, select_text, 20);
}

/// "Count their work in other plans": shown while the open plan is in the portfolio kept
/// in this browser; ticked, the overload checks (the timeline's flags, the RACI check)
/// count the Responsible tasks the portfolio's other plans give the same people.
#[component]
pub fn CountWorkElsewhere(
    /// The checkbox's text.
    label: &'static str,
    /// The label's class.
    class: &'static str,
) -> impl IntoView {
    let context = crate::ui::state::use_plan();
    let in_portfolio = move || {
        context.document.plan.track();
        context.kept_portfolio_names_open_plan()
    };
    let count = move |on: bool| {
        let action = Box::pin(crate::ui::state::count_work_elsewhere_part(context, on));
        crate::ui::parts::run(context, "the other plans of the portfolio", action);
    };
    view! {
        <Show when=in_portfolio>
            <label class=class title="Add the tasks the portfolio's other plans give the same people to the overload checks">
                <input type="checkbox" data-testid="count-work-elsewhere" prop:checked=move || context.derived.elsewhere.with(Option::is_some)
                    on:change=move |event| count(event_target_checked(&event))/>
                {label}
            </label>
        </Show>
    }
}
