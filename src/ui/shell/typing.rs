//! Text in progress. A field the user types in holds text the plan does not have until
//! the field commits it (Enter, or leaving the field), and a field whose text was refused
//! keeps that text for correction. Meanwhile the header must not say "Saved"
//! (`PlanContext::typing`), and when the page is hidden or left the text is committed
//! through the field's own path, or the user is asked before it is lost.
//!
//! The views' fields commit in their own ways (the shared widgets, the grid's drawn cells,
//! forms), so this follows them from the window, through the events every field fires:
//! `input` starts text in progress; `change`, leaving the field and Enter are the moments
//! a field commits, and a refusal at that moment (`PlanContext::refusal_count`) with the
//! text still in the field means it is kept, not committed; Escape cancels it.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::ui::state::PlanContext;

/// The field holding text in progress.
struct HeldField {
    element: web_sys::HtmlElement,
    /// The text as last typed.
    typed: String,
    /// The refusals counted when the field was last typed in or refused.
    refusals: u64,
    /// Its text was refused, and it has not been typed in since.
    refused: bool,
}

/// Follows the field holding text in progress, if any.
#[derive(Clone)]
pub struct Typing {
    context: PlanContext,
    held: Rc<RefCell<Option<HeldField>>>,
}

/// The events that start text in progress or may commit it.
const FOLLOWED_EVENTS: [&str; 4] = ["input", "change", "focusout", "keydown"];

impl Typing {
    /// Starts following the fields of the page; the listeners go with the app.
    pub fn follow(context: PlanContext) -> Self {
        let typing = Self { context, held: Rc::default() };
        let follower = typing.clone();
        // One handler for every event: one closure type in the wasm, not four.
        let handler = Rc::new(move |event: web_sys::Event| follower.on_event(&event));
        let listeners: Vec<_> = FOLLOWED_EVENTS
            .into_iter()
            .map(|name| {
                let handler = handler.clone();
                window_event_listener_untyped(name, move |event| handler(event))
            })
            .collect();
        on_cleanup(move || listeners.into_iter().for_each(|listener| listener.remove()));
        typing
    }

    fn on_event(&self, event: &web_sys::Event) {
        let moment = match event.type_().as_str() {
            "input" => return self.on_input(event),
            "change" => Moment::Change,
            "focusout" => Moment::Left,
            _ => match event.dyn_ref::<web_sys::KeyboardEvent>().map(web_sys::KeyboardEvent::key).as_deref() {
                Some("Enter") => Moment::Enter,
                Some("Escape") => Moment::Escape,
                _ => return,
            },
        };
        self.on_commit_point(event, moment);
    }

    fn on_input(&self, event: &web_sys::Event) {
        let Some(element) = text_field(event) else { return };
        let typed = field_text(&element);
        let refusals = self.context.refusal_count();
        *self.held.borrow_mut() = Some(HeldField { element, typed, refusals, refused: false });
        self.show();
    }

    fn on_commit_point(&self, event: &web_sys::Event, moment: Moment) {
        let target = text_field(event);
        let refusals = self.context.refusal_count();
        {
            let mut held = self.held.borrow_mut();
            let Some(field) = held.as_mut() else { return };
            if !field.element.is_connected() {
                *held = None;
            } else if target.as_ref() == Some(&field.element) {
                let shown = field_text(&field.element);
                let refused_now = refusals != field.refusals;
                let keep = match moment {
                    // The field's owner puts the plan's value back.
                    Moment::Escape => false,
                    // A date field fires `change` at each complete date typed: it commits when left.
                    Moment::Change if field.element.get_attribute("type").as_deref() == Some("date") => true,
                    // Enter commits in some fields' own key handlers, and in others by the
                    // `change` the browser fires just after: only a refusal decides here.
                    Moment::Enter if !refused_now => true,
                    _ if refused_now => shown == field.typed,
                    _ => field.refused && shown == field.typed,
                };
                if keep {
                    field.refused |= refused_now;
                    field.refusals = refusals;
                } else {
                    *held = None;
                }
            }
        }
        self.show();
    }

    /// Puts whether a field holds text in progress in the header's save state.
    fn show(&self) {
        let holding = self.held.borrow().is_some();
        if self.context.view.typing.get_untracked() != holding {
            self.context.view.typing.set(holding);
        }
    }

    /// Commits the text in progress of the focused field through its own path, by taking
    /// the focus from it as a person leaving it does; `refocus` gives the focus back
    /// after (the page is only hidden). Returns whether a field still holds text the
    /// plan does not have (refused, or in a field without the focus).
    pub fn commit(&self, refocus: bool) -> bool {
        let field = self.held.borrow().as_ref().map(|field| field.element.clone());
        if let Some(field) = field.filter(|field| field.is_connected()) {
            let focused = document().active_element().is_some_and(|active| active == *field);
            if focused {
                let _ = field.blur();
                if refocus && field.is_connected() {
                    let _ = field.focus();
                }
            }
        }
        let gone = self.held.borrow().as_ref().is_some_and(|field| !field.element.is_connected());
        if gone {
            *self.held.borrow_mut() = None;
        }
        self.show();
        self.held.borrow().is_some()
    }
}

/// When a field may have committed its text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Moment {
    Change,
    Left,
    Enter,
    Escape,
}

/// The event's target, if it is a field for typing text the plan keeps (not a checkbox,
/// a choice, a button, or a search box, whose text filters a view and is no plan's).
fn text_field(event: &web_sys::Event) -> Option<web_sys::HtmlElement> {
    let element = event.target()?.dyn_into::<web_sys::HtmlElement>().ok()?;
    let is_text = match element.tag_name().as_str() {
        "TEXTAREA" => true,
        "INPUT" => matches!(
            element.get_attribute("type").unwrap_or_default().as_str(),
            "" | "text" | "number" | "date" | "email" | "url" | "tel"
        ),
        _ => false,
    };
    is_text.then_some(element)
}

fn field_text(element: &web_sys::HtmlElement) -> String {
    if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.value()
    } else {
        element.dyn_ref::<web_sys::HtmlInputElement>().map(web_sys::HtmlInputElement::value).unwrap_or_default()
    }
}
