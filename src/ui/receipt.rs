//! The receipt: the number to keep and what happens next.

use leptos::html;
use leptos::prelude::*;

use super::FormContext;
use crate::delivery::Receipt;

/// Shown in place of the form once a backend has accepted the complaint.
#[component]
pub fn ReceiptPanel(
    /// The backend's receipt.
    receipt: Receipt,
    /// The id of the agency the complaint was addressed to, if the citizen chose one.
    agency: Option<String>,
    /// Set to the heading so the widget can move focus to it.
    heading_ref: NodeRef<html::H2>,
    /// Called by "send another report".
    on_another: Callback<()>,
) -> impl IntoView {
    let context = FormContext::get();
    let text = context.text;
    let config = context.config.clone();
    let agency_sentence = match agency.as_deref().and_then(|id| config.agency(id)) {
        Some(agency) => (text.receipt_agency)(&agency.label(config.language)),
        None => text.receipt_no_agency.to_owned(),
    };
    view! {
        <div class="aduan-receipt">
            <div class="aduan-panel">
                <h2 class="aduan-panel__title" tabindex="-1" node_ref=heading_ref>{text.receipt_title}</h2>
                <div class="aduan-panel__body">
                    {text.tracking_number}
                    <br />
                    <strong class="aduan-panel__reference">{receipt.reference().to_owned()}</strong>
                </div>
            </div>
            <p class="aduan-body">{text.receipt_keep}</p>
            <p class="aduan-body">{agency_sentence}</p>
            {config.response_hours.map(|hours| view! { <p class="aduan-body">{(text.response_promise)(hours)}</p> })}
            <button type="button" class="aduan-button aduan-button--secondary" on:click=move |_| on_another.run(())>
                {text.another_report}
            </button>
        </div>
    }
}
