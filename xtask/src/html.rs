//! Edits of the built index.html with lol_html, a streaming HTML rewriter: elements are
//! found by CSS selectors in the parser's view of the page, so the order or quoting of
//! attributes, a comment or a script's text cannot be mistaken for a tag. Everything a
//! handler does not change is written out as it was.

use std::borrow::Cow;

use lol_html::errors::RewritingError;
use lol_html::html_content::{ContentType, TextChunk};
use lol_html::{text, ElementContentHandlers, HandlerResult, RewriteStrSettings, Selector};

use crate::Result;

/// One handler of `rewrite`: a selector and what to do with the elements it matches.
pub type Handler<'h> = (Cow<'static, Selector>, ElementContentHandlers<'h>);

/// Selects the page's inline scripts, the `<script>` elements without a `src`.
pub const INLINE_SCRIPT: &str = "script:not([src])";

/// The page rewritten by `handlers`; an error of a handler names what went wrong.
pub fn rewrite(html: &str, handlers: Vec<Handler<'_>>) -> Result<String> {
    let settings = handlers
        .into_iter()
        .fold(RewriteStrSettings::new(), |settings, handler| settings.append_element_content_handler(handler));
    lol_html::rewrite_str(html, settings).map_err(|error| match error {
        // A handler's own message already names what is wrong with the page.
        RewritingError::ContentHandlerError(error) => error.to_string().into(),
        other => format!("index.html cannot be rewritten: {other}").into(),
    })
}

/// The text of each inline script (see `INLINE_SCRIPT`), in the page's order.
pub fn inline_scripts(html: &str) -> Result<Vec<String>> {
    let mut scripts = Vec::new();
    let mut current = String::new();
    rewrite(
        html,
        vec![text!(INLINE_SCRIPT, |chunk| {
            current.push_str(chunk.as_str());
            if chunk.last_in_text_node() {
                scripts.push(std::mem::take(&mut current));
            }
            Ok(())
        })],
    )?;
    Ok(scripts)
}

/// A text handler that replaces the whole text of each element by `edit` of it. lol_html
/// hands text over in chunks as it streams: they are kept back until the last one.
pub fn edit_text<'h>(
    mut edit: impl FnMut(&str) -> String + 'h,
) -> impl FnMut(&mut TextChunk<'_>) -> HandlerResult + 'h {
    let mut text = String::new();
    move |chunk| {
        text.push_str(chunk.as_str());
        if chunk.last_in_text_node() {
            // Raw text (a script's): inserted as it is, not escaped as HTML text would be.
            chunk.replace(&edit(&std::mem::take(&mut text)), ContentType::Html);
        } else {
            chunk.remove();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_read_whole_and_in_order_and_others_are_not() {
        let page = "<head><script src=\"a.js\"></script><script type=\"module\">one('<b>')</script>\
                    <!-- <script>not a script</script> --><script>two()</script></head>";
        assert_eq!(inline_scripts(page).unwrap(), ["one('<b>')", "two()"]);
    }

    #[test]
    fn a_script_s_text_is_edited_whole_and_the_rest_is_kept() {
        let page = "<head><script type=\"module\">import x from './a.js';</script><p>./a.js</p></head>";
        let edited =
            rewrite(page, vec![text!(INLINE_SCRIPT, edit_text(|script| script.replace("./a.js", "./b&c.js")))])
                .unwrap();
        assert_eq!(edited, "<head><script type=\"module\">import x from './b&c.js';</script><p>./a.js</p></head>");
    }
}
