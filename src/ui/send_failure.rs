//! What the citizen sees when a complaint did not go: why, and that nothing
//! typed is lost.

use leptos::html;
use leptos::prelude::*;

use super::FormContext;
use crate::delivery::DeliveryError;

/// The notice above the send button after a failed attempt.
#[component]
pub fn SendFailure(
    /// Why the last attempt failed.
    error: DeliveryError,
    /// Set to the notice's element so the form can focus it.
    node_ref: NodeRef<html::Div>,
) -> impl IntoView {
    let text = FormContext::get().text;
    let worth_retrying = error.is_worth_retrying();
    view! {
        <div class="aduan-notice aduan-notice--error" tabindex="-1" role="alert" node_ref=node_ref>
            <h3 class="aduan-notice__title">{text.not_sent_title}</h3>
            <p class="aduan-body">{error.describe(text)}</p>
            {worth_retrying.then(|| view! { <p class="aduan-body">{text.not_sent_kept}</p> })}
        </div>
    }
}
