//! The widget's stylesheet, built once and shared by every widget's shadow root.

use std::cell::OnceCell;

use wasm_bindgen::JsCast;
use web_sys::{CssStyleSheet, ShadowRoot};

/// `style/aduan.css` without comments and indentation (made by `build.rs`).
const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/aduan.min.css"));

thread_local! {
    static SHEET: OnceCell<Option<CssStyleSheet>> = const { OnceCell::new() };
}

/// Gives `root` the widget's styles. A constructed stylesheet is not subject to
/// the host's `style-src` policy, needs no extra request and is parsed once for
/// all widgets; browsers without one (Safari before 16.4) get a `<style>` element.
pub fn adopt(root: &ShadowRoot) {
    let sheet = SHEET.with(|cell| {
        cell.get_or_init(|| {
            let sheet = CssStyleSheet::new().ok()?;
            sheet.replace_sync(CSS).ok()?;
            Some(sheet)
        })
        .clone()
    });
    match sheet {
        Some(sheet) => root.set_adopted_style_sheets(&js_sys::Array::of1(&sheet)),
        None => {
            let style = root
                .owner_document()
                .and_then(|document| document.create_element("style").ok())
                .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(style) = style {
                style.set_text_content(Some(CSS));
                let _ = root.append_child(&style);
            }
        }
    }
}
