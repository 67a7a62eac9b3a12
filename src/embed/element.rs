//! The bridge to `element.js`, which defines the custom element class.

use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

#[wasm_bindgen(module = "/src/embed/element.js")]
extern "C" {
    fn define_aduan_widget(connected: &Closure<dyn Fn(HtmlElement, bool)>, disconnected: &Closure<dyn Fn(HtmlElement)>);

    fn asset_base() -> String;
}

/// The URL of the folder the widget's files were loaded from, ending in `/`.
pub fn widget_files() -> String {
    asset_base()
}

/// Defines `<aduan-widget>` with these callbacks: `connected(element, attributes_changed)`
/// and `disconnected(element)`.
pub fn define(connected: fn(HtmlElement, bool), disconnected: fn(HtmlElement)) {
    let connected = Closure::<dyn Fn(HtmlElement, bool)>::new(connected);
    let disconnected = Closure::<dyn Fn(HtmlElement)>::new(disconnected);
    define_aduan_widget(&connected, &disconnected);
    // The element class calls these for as long as the page lives.
    connected.forget();
    disconnected.forget();
}
