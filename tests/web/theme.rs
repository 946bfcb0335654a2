//! Light, dark and the system's: the header's "More" menu sets the theme on the page's root
//! element, the choice is kept in local storage and comes back after a reload, and with
//! "System theme" the page's colours follow the system's `prefers-color-scheme`.

use leptos::mount::mount_to;
use leptos::prelude::document;
use leptos::task::tick;
use wasm_bindgen_test::*;

use super::support::*;

const THEME_KEY: &str = "planwright:theme";
/// The page's background (`--color-canvas` in style/tokens.css), as computed, in each theme.
const LIGHT_CANVAS: &str = "rgb(244, 246, 249)";
const DARK_CANVAS: &str = "rgb(14, 19, 27)";

fn root() -> web_sys::Element {
    document().document_element().unwrap()
}

fn data_theme() -> Option<String> {
    root().get_attribute("data-theme")
}

/// The computed value of `property` on `element`.
fn computed(element: &web_sys::Element, property: &str) -> String {
    let style = web_sys::window().unwrap().get_computed_style(element).unwrap().unwrap();
    style.get_property_value(property).unwrap()
}

fn canvas_colour() -> String {
    computed(&document().body().unwrap(), "background-color")
}

fn system_is_dark() -> bool {
    web_sys::window().unwrap().match_media("(prefers-color-scheme: dark)").unwrap().unwrap().matches()
}

/// Opens the header's "More" menu and chooses `theme` (system, light or dark).
async fn choose_theme(wrapper: &web_sys::HtmlElement, theme: &str) {
    click(wrapper, "[data-testid=export-menu] summary");
    wait_for("the theme choices", || find(wrapper, &format!("[data-testid=theme-{theme}]")).is_some()).await;
    click(wrapper, &format!("[data-testid=theme-{theme}]"));
    tick().await;
}

fn checked_choice(wrapper: &web_sys::HtmlElement) -> String {
    find_all(wrapper, "[role=menuitemradio][aria-checked=true]")
        .iter()
        .map(|item| item.get_attribute("data-testid").unwrap_or_default())
        .collect::<Vec<_>>()
        .join(",")
}

/// A page that starts with no theme attribute, as a fresh page with nothing stored does.
fn forget_theme_on_the_page() {
    root().remove_attribute("data-theme").unwrap();
}

#[wasm_bindgen_test]
async fn the_switch_sets_the_theme_on_the_page_and_keeps_it_across_a_reload() {
    forget_theme_on_the_page();
    let wrapper = fresh_wrapper();
    let app = mount_to(wrapper.clone(), planwright::App);
    tick().await;
    assert_eq!(data_theme(), None, "nothing chosen: the system's theme");
    assert_eq!(checked_choice(&wrapper), "theme-system");

    choose_theme(&wrapper, "dark").await;
    assert_eq!(data_theme().as_deref(), Some("dark"));
    assert_eq!(storage().get_item(THEME_KEY).unwrap().as_deref(), Some("dark"));
    assert_eq!(canvas_colour(), DARK_CANVAS);
    assert_eq!(computed(&root(), "color-scheme"), "dark", "form controls and scroll bars follow");
    let menu = find(&wrapper, "[data-testid=export-menu]").unwrap();
    assert!(!menu.has_attribute("open"), "the menu closes after a choice");

    // "Reload": a fresh page (no attribute) and a fresh app on the same storage.
    drop(app);
    forget_theme_on_the_page();
    let _again = mount_to(wrapper.clone(), planwright::App);
    tick().await;
    assert_eq!(data_theme().as_deref(), Some("dark"), "the kept choice comes back");
    assert_eq!(checked_choice(&wrapper), "theme-dark");

    choose_theme(&wrapper, "light").await;
    assert_eq!(data_theme().as_deref(), Some("light"));
    assert_eq!(storage().get_item(THEME_KEY).unwrap().as_deref(), Some("light"));
    assert_eq!(canvas_colour(), LIGHT_CANVAS);
    forget_theme_on_the_page();
}

#[wasm_bindgen_test]
async fn the_system_theme_follows_the_media_query_and_keeps_nothing() {
    forget_theme_on_the_page();
    let (wrapper, _app) = start_app().await;
    choose_theme(&wrapper, "dark").await;
    assert_eq!(canvas_colour(), DARK_CANVAS);

    choose_theme(&wrapper, "system").await;
    assert_eq!(data_theme(), None, "no attribute: the stylesheets follow the system");
    assert_eq!(storage().get_item(THEME_KEY).unwrap(), None, "nothing kept for the system's theme");
    let expected = if system_is_dark() { DARK_CANVAS } else { LIGHT_CANVAS };
    assert_eq!(canvas_colour(), expected, "the page's colours follow prefers-color-scheme");
    assert_eq!(computed(&root(), "color-scheme"), "light dark");
}
