//! "Use my location": one button that reads the device's position once, says
//! plainly that it will be sent, and lets the citizen take it back. A refusal
//! or a missing GPS only suggests describing the place instead.

use leptos::html;
use leptos::prelude::*;

use super::FormContext;
use crate::browser::geolocation::{LocationError, current_position};
use crate::complaint::Coordinates;

#[component]
pub fn MyLocation(
    /// The shared position, if any.
    coordinates: RwSignal<Option<Coordinates>>,
) -> impl IntoView {
    let text = FormContext::get().text;
    let locating = RwSignal::new(false);
    let problem = RwSignal::new(None::<LocationError>);
    // The button pressed disappears either way, so focus moves to the one that
    // takes its place rather than falling back to the page.
    let use_button = NodeRef::<html::Button>::new();
    let remove_button = NodeRef::<html::Button>::new();
    let focus_on = move |button: NodeRef<html::Button>| {
        request_animation_frame(move || {
            if let Some(button) = button.get_untracked() {
                let _ = button.focus();
            }
        });
    };
    let locate = move |_| {
        if locating.get_untracked() {
            return;
        }
        locating.set(true);
        problem.set(None);
        wasm_bindgen_futures::spawn_local(async move {
            let found = current_position().await;
            // `try_set` hands the value back only when the form is gone.
            if locating.try_set(false).is_some() {
                return;
            }
            match found {
                Ok(point) => {
                    coordinates.set(Some(point));
                    focus_on(remove_button);
                }
                Err(error) => problem.set(Some(error)),
            }
        });
    };
    let shared = move || coordinates.get().map(|point| (text.location_shared)(&point.lat(), &point.long()));
    let none_shared = Signal::derive(move || coordinates.with(Option::is_none));
    let some_shared = Signal::derive(move || coordinates.with(Option::is_some));
    let message = move || match problem.get() {
        None => "",
        Some(LocationError::Denied) => text.location_denied,
        Some(LocationError::Unavailable) => text.location_unavailable,
        Some(LocationError::Unsupported) => text.location_unsupported,
    };
    view! {
        <div class="aduan-form-group aduan-my-location">
            <button
                type="button"
                class="aduan-button aduan-button--secondary"
                hidden=some_shared
                aria-disabled=move || locating.get().then_some("true")
                node_ref=use_button
                on:click=locate
            >
                {move || if locating.get() { text.locating } else { text.use_my_location }}
            </button>
            <div hidden=none_shared>
                <p class="aduan-body" aria-live="polite">{shared}</p>
                <button
                    type="button"
                    class="aduan-button aduan-button--secondary"
                    node_ref=remove_button
                    on:click=move |_| {
                        coordinates.set(None);
                        focus_on(use_button);
                    }
                >
                    {text.remove_location}
                </button>
            </div>
            <p class="aduan-hint" aria-live="polite">{message}</p>
        </div>
    }
}
