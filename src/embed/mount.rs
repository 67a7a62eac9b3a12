//! Mounting and unmounting one widget per `<aduan-widget>` element.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

use crate::browser::http;
use crate::config::{self, Config, LoadError};
use crate::messages::Lang;
use crate::ui::{ConfigFailure, Widget};

/// A widget on the page. `generation` tells a config that arrives late for an
/// element that has since been remounted from one that is still wanted.
struct Mounted {
    element: HtmlElement,
    generation: u64,
    /// The Leptos view; dropping it unmounts it and frees its reactive state.
    view: Option<Box<dyn Any>>,
}

thread_local! {
    static MOUNTED: RefCell<Vec<Mounted>> = const { RefCell::new(Vec::new()) };
    static GENERATION: Cell<u64> = const { Cell::new(0) };
}

/// Called when an element enters the page, and again when its attributes change.
pub fn connected(element: HtmlElement, attributes_changed: bool) {
    let mounted = MOUNTED.with(|all| all.borrow().iter().any(|m| m.element == element));
    if mounted && !attributes_changed {
        // Moved within the page: disconnect and connect fire together; keep it.
        return;
    }
    unmount(&element);
    let Some(root) = shadow_root(&element) else {
        web_sys::console::error_1(&"Aduan: this element cannot hold a shadow root".into());
        return;
    };
    super::stylesheet::adopt(&root);

    let lang = element.get_attribute("lang").and_then(|code| Lang::from_code(&code)).unwrap_or_default();
    let Some(container) = container(&root, lang) else {
        return;
    };
    container.set_text_content(Some(lang.messages().loading));

    let generation = GENERATION.with(|g| {
        g.set(g.get() + 1);
        g.get()
    });
    MOUNTED.with(|all| all.borrow_mut().push(Mounted { element: element.clone(), generation, view: None }));

    wasm_bindgen_futures::spawn_local(async move {
        let loaded = load(&element).await;
        let still_wanted =
            MOUNTED.with(|all| all.borrow().iter().any(|m| m.element == element && m.generation == generation));
        if !still_wanted {
            return;
        }
        container.set_text_content(None);
        let view: Box<dyn Any> = match loaded {
            Ok(config) => {
                container.set_attribute("lang", config.language.code()).ok();
                let device_key = device_key(&element, &config);
                let config = Arc::new(config);
                let model_url = format!("{}triage/model.bin", super::element::widget_files());
                Box::new(mount_to(container, move || {
                    view! { <Widget config=config model_url=model_url device_key=device_key /> }
                }))
            }
            Err(error) => {
                let detail = error.to_string();
                web_sys::console::error_1(&format!("Aduan: {detail}").into());
                Box::new(mount_to(container, move || view! { <ConfigFailure lang=lang detail=detail /> }))
            }
        };
        MOUNTED.with(|all| {
            if let Some(entry) =
                all.borrow_mut().iter_mut().find(|m| m.element == element && m.generation == generation)
            {
                entry.view = Some(view);
            }
        });
    });
}

/// Called when an element leaves the page. A move also disconnects first, so the
/// widget is only torn down if the element is still out of the page a moment later.
pub fn disconnected(element: HtmlElement) {
    queue_microtask(move || {
        if !element.is_connected() {
            unmount(&element);
        }
    });
}

fn unmount(element: &HtmlElement) {
    let removed: Vec<Mounted> = MOUNTED.with(|all| {
        let mut all = all.borrow_mut();
        let (gone, kept) = all.drain(..).partition(|m| m.element == *element);
        *all = kept;
        gone
    });
    // Dropped outside the borrow: unmounting runs cleanups that may touch the list.
    drop(removed);
}

/// Keeps two widgets of one regency apart on the device (their drafts and
/// outboxes): by the element's id, else by its place among the page's widgets
/// (the first keeps the plain regency code).
fn device_key(element: &HtmlElement, config: &Config) -> String {
    let id = element.id();
    if !id.is_empty() {
        return format!("{}#{id}", config.regency.code);
    }
    let position = element
        .owner_document()
        .and_then(|document| document.query_selector_all("aduan-widget").ok())
        .and_then(|all| (0..all.length()).find(|&i| all.item(i).is_some_and(|node| node == ***element)));
    match position {
        Some(index) if index > 0 => format!("{}#{index}", config.regency.code),
        _ => config.regency.code.clone(),
    }
}

fn shadow_root(element: &HtmlElement) -> Option<ShadowRoot> {
    element.shadow_root().or_else(|| element.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).ok())
}

/// Replaces whatever the shadow root held with a fresh container for the widget.
fn container(root: &ShadowRoot, lang: Lang) -> Option<HtmlElement> {
    let document = root.owner_document()?;
    let container = document.create_element("div").ok()?.dyn_into::<HtmlElement>().ok()?;
    container.set_class_name("aduan");
    container.set_attribute("lang", lang.code()).ok()?;
    // Keep a fallback <style> (old browsers) but drop any previous widget.
    let children = root.children();
    for index in (0..children.length()).rev() {
        if let Some(child) = children.item(index)
            && child.tag_name() != "STYLE"
        {
            child.remove();
        }
    }
    root.append_child(&container).ok()?;
    Some(container)
}

async fn load(element: &HtmlElement) -> Result<Config, LoadError> {
    let attribute = |name: &str| element.get_attribute(name).filter(|value| !value.trim().is_empty());
    let url = attribute("config").ok_or(LoadError::NoConfigAttribute)?;
    let answer = match http::prefetched(url.trim()).await {
        Some(answer) => answer,
        None => http::get(&url).await,
    };
    let answer = answer.ok_or_else(|| LoadError::Unreachable { url: url.clone() })?;
    config::load(&url, answer.status, &answer.body, attribute("lang").as_deref(), attribute("endpoint").as_deref())
}
