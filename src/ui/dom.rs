//! Elements drawn by code rather than by views: the chart's bars, links and ticks and
//! the task grid's rows, where thousands of rows may pass through a few drawn ones.
//! Each drawing writes only what changed.

use leptos::prelude::document;

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

/// An element with the values last written to it, so a drawing writes only what changed.
pub struct Kept {
    pub element: web_sys::Element,
    /// The attributes written, by name, and the text.
    written: Vec<(&'static str, String)>,
}

impl Kept {
    pub fn new(tag: &str, class: &str, svg: bool) -> Self {
        Kept { element: new_element(tag, class, svg), written: Vec::new() }
    }

    /// Sets an attribute unless it already has this value; `"text"` sets the text content,
    /// `"value"` an input's value: the property (what the field shows) and the attribute
    /// (its default value), which keeps the value written while the person types another.
    pub fn set(&mut self, name: &'static str, value: &str) {
        match self.written.iter_mut().find(|(written, _)| *written == name) {
            Some((_, old)) if old.as_str() == value => return,
            Some((_, old)) => *old = value.to_string(),
            None => self.written.push((name, value.to_string())),
        }
        match name {
            "text" => self.element.set_text_content(Some(value)),
            "value" => {
                use wasm_bindgen::JsCast;
                let input = self.element.unchecked_ref::<web_sys::HtmlInputElement>();
                input.set_default_value(value);
                input.set_value(value);
            }
            _ => {
                let _ = self.element.set_attribute(name, value);
            }
        }
    }
}

impl std::ops::Deref for Kept {
    type Target = web_sys::Element;

    fn deref(&self) -> &web_sys::Element {
        &self.element
    }
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
