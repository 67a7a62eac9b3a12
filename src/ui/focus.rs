//! Moving focus inside one widget's shadow root.

use wasm_bindgen::JsCast;
use web_sys::{Element, FocusOptions, HtmlElement, ScrollIntoViewOptions, ScrollLogicalPosition};

/// Focuses the element with `id` in the same shadow root (or document) as
/// `anchor`, first scrolling its question into view so the label or legend is
/// seen too, as GOV.UK's error summary does. Fragment links cannot do this: in a
/// shadow root, `href="#id"` would change the host page's address instead.
pub fn focus_by_id(anchor: &Element, id: &str) {
    let root = anchor.get_root_node();
    let target = if let Some(shadow) = root.dyn_ref::<web_sys::ShadowRoot>() {
        shadow.get_element_by_id(id)
    } else if let Some(document) = root.dyn_ref::<web_sys::Document>() {
        document.get_element_by_id(id)
    } else {
        None
    };
    let Some(target) = target.and_then(|t| t.dyn_into::<HtmlElement>().ok()) else {
        return;
    };
    let question = target.closest(".aduan-form-group").ok().flatten().unwrap_or_else(|| target.clone().into());
    let scroll = ScrollIntoViewOptions::new();
    scroll.set_block(ScrollLogicalPosition::Start);
    question.scroll_into_view_with_scroll_into_view_options(&scroll);
    let options = FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = target.focus_with_options(&options);
}

/// Focuses an element that was just rendered (an error summary, a receipt).
pub fn focus_element(element: &HtmlElement) {
    let _ = element.focus();
}
