//! The receipt: the number to keep and what happens next.

use leptos::html;
use leptos::prelude::*;

use super::FormContext;
use crate::complaint::ValidComplaint;
use crate::delivery::Receipt;

/// Shown in place of the form once a backend has accepted the complaint.
#[component]
pub fn ReceiptPanel(
    /// The backend's receipt.
    receipt: Receipt,
    /// The complaint as it was sent, summarised so the citizen sees what went.
    complaint: ValidComplaint,
    /// Set to the heading so the widget can move focus to it.
    heading_ref: NodeRef<html::H2>,
    /// Called by "send another report".
    on_another: Callback<()>,
) -> impl IntoView {
    let context = FormContext::get();
    let text = context.text;
    let config = context.config.clone();
    let agency_sentence = match complaint.agency.as_deref().and_then(|id| config.agency(id)) {
        Some(agency) => (text.receipt_agency)(&agency.label(config.language)),
        None => text.receipt_no_agency.to_owned(),
    };
    let place = [complaint.location.detail.clone()]
        .into_iter()
        .chain(complaint.location.desa.as_ref().map(|desa| desa.name.clone()))
        .chain(complaint.location.kecamatan.as_ref().map(|kecamatan| kecamatan.name.clone()))
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let summary = [
        (text.kind.label, text.kind_question(complaint.kind).label.to_owned()),
        (text.title.label, complaint.title.clone()),
        (text.location.label, place),
    ];
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
            <h3 class="aduan-summary__title">{text.receipt_summary}</h3>
            <dl class="aduan-summary">
                {summary
                    .into_iter()
                    .filter(|(_, value)| !value.is_empty())
                    .map(|(label, value)| view! {
                        <div class="aduan-summary__row">
                            <dt class="aduan-summary__key">{label}</dt>
                            <dd class="aduan-summary__value">{value}</dd>
                        </div>
                    })
                    .collect_view()}
            </dl>
            {config.response_hours.map(|hours| view! { <p class="aduan-body">{(text.response_promise)(hours)}</p> })}
            <button type="button" class="aduan-button aduan-button--secondary" on:click=move |_| on_another.run(())>
                {text.another_report}
            </button>
        </div>
    }
}
