//! The embed layer: the `<aduan-widget>` element a webmaster puts in a page.
//!
//! Each element gets its own Shadow DOM, so the host theme cannot restyle the
//! form and the form's styles cannot leak into the theme; each loads its own
//! config and mounts its own Leptos view, so several widgets can share a page and
//! a broken config shows a message in place of that one widget only.

mod element;
mod mount;
mod stylesheet;

/// Registers `<aduan-widget>`; elements already in the page start at once.
pub fn register() {
    // A panic would stop every widget on the page (panics abort in release), so
    // none is expected; if one happens anyway, the console says where.
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("Aduan: internal error: {info}").into());
    }));
    element::define(mount::connected, mount::disconnected);
}
