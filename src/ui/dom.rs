//! Elements drawn by code rather than by views: the chart's bars, links, ticks and shaded
//! days and the task grid's rows, where thousands of rows may pass through a few drawn
//! ones. Leptos views per row were too slow at 10,000 tasks; this layer is what replaces
//! them, and all of it is here.
//!
//! # The contract
//!
//! - **A list per layer.** A [`KeyedList`] keeps the drawn rows of one kind (a
//!   [`KeyedRow`]: a bar with its marks and label, a link arrow, a tick, a grid row) by a
//!   key its items carry: a task id, a link's two tasks, a tick's level, date and place.
//!   Each [`KeyedList::draw`] is handed every item in view, in order: a row whose key was
//!   drawn before keeps its elements and is brought up to date (its `update`); a new key
//!   gets new elements; a key no longer handed in has its elements removed. A row whose
//!   elements cannot show the item any more ([`KeyedRow::fits`]: a task that became a
//!   summary) is made again. [`place`] then puts the rows' elements in their layer in
//!   that order, moving only those out of place.
//! - **What it owns.** A layer (the element a list draws into) holds only the list's
//!   nodes: the view around it renders the layer empty and never puts anything in it, and
//!   nothing else writes to the drawn elements. Listeners are not per element: one per
//!   kind of event on the container reads back what was hit from attributes (an
//!   [`Action`], a task id).
//! - **Only what changed is written.** A [`Kept`] element remembers what was last
//!   written to each attribute, its text and its value, and writes again only a different
//!   value, so an edit touches the few bars, labels and links it moved. No closure, memo
//!   or allocation per element beyond the values written.
//! - **The trap: a view rebuilt in place hands you the previous DOM.** When the component
//!   around a layer is made again in the same place (another plan opened), its node
//!   references can point at the elements of the one before, still holding the nodes that
//!   one drew, which the new list does not know. So a list's first drawing empties its
//!   layers (`draw`'s `layers`) before drawing anything.

use std::hash::Hash;

use leptos::prelude::document;

use crate::model::hashing::IdMap;

const SVG_NAMESPACE: &str = "http://www.w3.org/2000/svg";

/// A new element with a class (an SVG element when `svg`).
pub fn new_element(tag: &str, class: &str, svg: bool) -> web_sys::Element {
    let element =
        if svg { document().create_element_ns(Some(SVG_NAMESPACE), tag) } else { document().create_element(tag) }
            .expect("the document makes elements");
    if !class.is_empty() {
        let _ = element.set_attribute("class", class);
    }
    element
}

/// Sets attributes that never change on a new element.
pub fn set_fixed(element: &web_sys::Element, attributes: &[(&str, &str)]) {
    for (name, value) in attributes {
        let _ = element.set_attribute(name, value);
    }
}

/// What of an element `Kept` writes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    Attribute(&'static str),
    Text,
    /// An input's value.
    Value,
}

/// An element with the values last written to it, so a drawing writes only what changed.
pub struct Kept {
    pub element: web_sys::Element,
    /// The values written, by what they were written to.
    written: Vec<(Slot, String)>,
}

impl Kept {
    pub fn new(tag: &str, class: &str, svg: bool) -> Self {
        Kept { element: new_element(tag, class, svg), written: Vec::new() }
    }

    /// A new element appended to `parent`.
    pub fn child(parent: &web_sys::Element, tag: &str, class: &str) -> Self {
        let kept = Kept::new(tag, class, false);
        let _ = parent.append_child(&kept.element);
        kept
    }

    /// The element with attributes that never change (`set_fixed`).
    pub fn with(self, attributes: &[(&str, &str)]) -> Self {
        set_fixed(&self.element, attributes);
        self
    }

    /// Whether `value` differs from what was last written to `slot` (and notes it).
    fn changes(&mut self, slot: Slot, value: &str) -> bool {
        match self.written.iter_mut().find(|(written, _)| *written == slot) {
            Some((_, old)) if old.as_str() == value => false,
            Some((_, old)) => {
                value.clone_into(old);
                true
            }
            None => {
                self.written.push((slot, value.to_string()));
                true
            }
        }
    }

    /// Sets an attribute unless it already has this value.
    pub fn set_attr(&mut self, name: &'static str, value: &str) {
        if self.changes(Slot::Attribute(name), value) {
            let _ = self.element.set_attribute(name, value);
        }
    }

    pub fn set_class(&mut self, class: &str) {
        self.set_attr("class", class);
    }

    pub fn set_style(&mut self, style: &str) {
        self.set_attr("style", style);
    }

    pub fn set_title(&mut self, title: &str) {
        self.set_attr("title", title);
    }

    /// Sets the text content unless it already is this text.
    pub fn set_text(&mut self, text: &str) {
        if self.changes(Slot::Text, text) {
            self.element.set_text_content(Some(text));
        }
    }

    /// Sets an input's value: the property (what the field shows) and the attribute (its
    /// default value), which keeps the value written while the person types another.
    pub fn set_value(&mut self, value: &str) {
        if self.changes(Slot::Value, value) {
            use wasm_bindgen::JsCast;
            let input = self.element.unchecked_ref::<web_sys::HtmlInputElement>();
            input.set_default_value(value);
            input.set_value(value);
        }
    }
}

impl std::ops::Deref for Kept {
    type Target = web_sys::Element;

    fn deref(&self) -> &web_sys::Element {
        &self.element
    }
}

/// Sets or clears an optional part of a drawn row (a bar's baseline, a grid row's
/// conflict mark), made by `make` when it first applies and removed when it no longer
/// does; returns it while it applies, to be brought up to date.
pub fn optional(part: &mut Option<Kept>, applies: bool, make: impl FnOnce() -> Kept) -> Option<&mut Kept> {
    match (applies, part.is_some()) {
        (true, false) => *part = Some(make()),
        (false, true) => {
            if let Some(gone) = part.take() {
                gone.remove();
            }
        }
        _ => {}
    }
    part.as_mut()
}

/// Puts `nodes` into `layer` in this order, moving only the ones out of place. `layer`
/// holds no other nodes.
pub fn place<'a>(layer: &web_sys::Element, nodes: impl Iterator<Item = &'a web_sys::Element>) {
    let mut cursor = layer.first_child();
    for node in nodes {
        let node: &web_sys::Node = node;
        if cursor.as_ref() == Some(node) {
            cursor = node.next_sibling();
        } else {
            let _ = layer.insert_before(node, cursor.as_ref());
        }
    }
}

/// The elements drawn for one item of a `KeyedList`.
pub trait KeyedRow {
    /// What one row shows.
    type Item;
    /// What keeps a row's elements from one drawing to the next.
    type Key: Eq + Hash + Clone;

    fn key(item: &Self::Item) -> &Self::Key;
    /// New elements for `item`, not yet in a layer (`place` puts them there) and not yet
    /// showing its values (`KeyedList::draw`'s `update` writes them next).
    fn new(item: &Self::Item) -> Self;
    /// Whether these elements can show `item`; if not, they are made again.
    fn fits(&self, _item: &Self::Item) -> bool {
        true
    }
    /// Takes the row's elements out of the page.
    fn remove(&self);
}

/// Drawn rows kept by key between drawings (see the module's contract).
pub struct KeyedList<R: KeyedRow> {
    /// Counts the drawings; a row not stamped with the current one has left the view.
    drawing: u64,
    rows: IdMap<R::Key, (u64, R)>,
}

impl<R: KeyedRow> Default for KeyedList<R> {
    fn default() -> Self {
        KeyedList { drawing: 0, rows: IdMap::default() }
    }
}

impl<R: KeyedRow> KeyedList<R> {
    /// Brings the rows to `items`: keeps, makes and removes rows by key, and calls
    /// `update` on each row in view with its item, to write what changed. The first
    /// drawing empties `layers` first (the elements the rows are placed in): a view
    /// rebuilt in place hands over the previous one's elements with its nodes.
    pub fn draw(&mut self, layers: &[&web_sys::Element], items: &[R::Item], mut update: impl FnMut(&mut R, &R::Item)) {
        if self.drawing == 0 {
            for layer in layers {
                layer.set_text_content(None);
            }
        }
        self.drawing += 1;
        let drawing = self.drawing;
        for item in items {
            let key = R::key(item);
            match self.rows.get(key).map(|(_, row)| row.fits(item)) {
                Some(true) => {}
                Some(false) => {
                    if let Some((_, old)) = self.rows.remove(key) {
                        old.remove();
                    }
                    self.rows.insert(key.clone(), (drawing, R::new(item)));
                }
                None => {
                    self.rows.insert(key.clone(), (drawing, R::new(item)));
                }
            }
            if let Some((stamp, row)) = self.rows.get_mut(key) {
                *stamp = drawing;
                update(row, item);
            }
        }
        self.rows.retain(|_, (stamp, row)| {
            let kept = *stamp == drawing;
            if !kept {
                row.remove();
            }
            kept
        });
    }

    /// The rows of `items` in their order, to `place` their elements.
    pub fn in_order<'a>(&'a self, items: &'a [R::Item]) -> impl Iterator<Item = &'a R> + 'a {
        items.iter().filter_map(|item| self.get(R::key(item)))
    }

    pub fn get(&self, key: &R::Key) -> Option<&R> {
        self.rows.get(key).map(|(_, row)| row)
    }

    pub fn get_mut(&mut self, key: &R::Key) -> Option<&mut R> {
        self.rows.get_mut(key).map(|(_, row)| row)
    }

    /// Every drawn row, in no order.
    pub fn rows_mut(&mut self) -> impl Iterator<Item = &mut R> {
        self.rows.values_mut().map(|(_, row)| row)
    }
}

/// A closed set of values that drawn elements name in one attribute, for the container's
/// listener to read back: what a grid row's button does (`data-action`), which handle of
/// a bar was pressed (`data-handle`). The builder writes `as_str` with `mark`, the
/// handler reads it with `closest`; the strings live only in `as_str`.
pub trait Action: Copy + Sized + 'static {
    /// The attribute that names it, e.g. `data-action`.
    const ATTRIBUTE: &'static str;
    /// Every value, for `parse`.
    const ALL: &'static [Self];

    fn as_str(self) -> &'static str;

    fn parse(value: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|action| action.as_str() == value)
    }

    /// Names it on a new element.
    fn mark(self, element: &web_sys::Element) {
        let _ = element.set_attribute(Self::ATTRIBUTE, self.as_str());
    }

    /// The nearest element at or above `target` that names one, and what it names (none
    /// when that element names an unknown value).
    fn closest(target: &web_sys::Element) -> Option<(Self, web_sys::Element)> {
        let element = target.closest(&format!("[{}]", Self::ATTRIBUTE)).ok().flatten()?;
        let action = Self::parse(&element.get_attribute(Self::ATTRIBUTE)?)?;
        Some((action, element))
    }
}
