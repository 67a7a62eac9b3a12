//! What the citizen sees when a complaint did not go: why, and that nothing
//! typed is lost.

use leptos::html;
use leptos::prelude::*;

use super::FormContext;
use crate::delivery::DeliveryError;
use crate::spam::Suspicion;

/// The notice above the send button after a failed attempt; hidden otherwise.
#[component]
pub fn SendFailure(
    /// Why the last attempt failed, or `None` when it did not.
    error: Signal<Option<DeliveryError>>,
    /// Why the form looked like a bot's, when it did.
    suspicion: Signal<Option<Suspicion>>,
    /// Set to the notice's element so the form can focus it.
    node_ref: NodeRef<html::Div>,
) -> impl IntoView {
    let text = FormContext::get().text;
    let hidden = Signal::derive(move || error.with(Option::is_none) && suspicion.with(Option::is_none));
    let reason = Signal::derive(move || match suspicion.get() {
        Some(Suspicion::TooFast) => text.too_fast.to_owned(),
        Some(Suspicion::TrapFilled) => text.trap_filled.to_owned(),
        None => error.with(|e| e.as_ref().map(|e| e.describe(text)).unwrap_or_default()),
    });
    let kept_hidden = Signal::derive(move || {
        !error.with(|e| e.as_ref().is_some_and(DeliveryError::is_worth_retrying)) && suspicion.with(Option::is_none)
    });
    view! {
        <div class="aduan-notice aduan-notice--error" tabindex="-1" role="alert" hidden=hidden node_ref=node_ref>
            <h3 class="aduan-notice__title">{text.not_sent_title}</h3>
            <p class="aduan-body">{reason}</p>
            <p class="aduan-body" hidden=kept_hidden>{text.not_sent_kept}</p>
        </div>
    }
}
