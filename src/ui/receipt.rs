//! The receipt: the number to keep, what was sent, and what happens next.

use leptos::html;
use leptos::prelude::*;

use super::FormContext;
use crate::complaint::ValidComplaint;
use crate::delivery::Receipt;

/// Shown in place of the form once a backend has accepted the complaint; in the
/// page but hidden before then (cheaper to build once than to swap in).
#[component]
pub fn ReceiptPanel(
    /// The backend's receipt and the complaint as it was sent, once accepted.
    sent: Signal<Option<(Receipt, ValidComplaint)>>,
    /// Set to the heading so the widget can move focus to it.
    heading_ref: NodeRef<html::H2>,
    /// Called by "send another report".
    on_another: Callback<()>,
) -> impl IntoView {
    let context = FormContext::get();
    let text = context.text;
    let config = context.config.clone();
    let from_complaint = move |read: fn(&ValidComplaint) -> String| {
        Signal::derive(move || {
            sent.with(|sent| sent.as_ref().map(|(_, complaint)| read(complaint)).unwrap_or_default())
        })
    };

    let hidden = Signal::derive(move || sent.with(Option::is_none));
    let reference = Signal::derive(move || {
        sent.with(|sent| sent.as_ref().map(|(r, _)| r.reference().to_owned()).unwrap_or_default())
    });
    let agency_sentence = Signal::derive(move || {
        let agency = sent.with(|sent| sent.as_ref().and_then(|(_, c)| c.agency.clone()));
        match agency.as_deref().and_then(|id| config.agency(id)) {
            Some(agency) => (text.receipt_agency)(&agency.label(config.language)),
            None => text.receipt_no_agency.to_owned(),
        }
    });
    let kind = Signal::derive(move || {
        sent.with(|sent| sent.as_ref().map(|(_, c)| text.kind_question(c.kind).label).unwrap_or_default())
    });
    let title = from_complaint(|complaint| complaint.title.clone());
    let place = from_complaint(|complaint| {
        let location = &complaint.location;
        [
            Some(location.detail.clone()),
            location.desa.as_ref().map(|d| d.name.clone()),
            location.kecamatan.as_ref().map(|k| k.name.clone()),
        ]
        .into_iter()
        .flatten()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
    });
    let no_place = Signal::derive(move || place.with(String::is_empty));
    let promise = context.config.response_hours.map(|hours| (text.response_promise)(hours));

    view! {
        <div class="aduan-receipt" hidden=hidden>
            <div class="aduan-panel">
                <h2 class="aduan-panel__title" tabindex="-1" node_ref=heading_ref>{text.receipt_title}</h2>
                <div class="aduan-panel__body">
                    {text.tracking_number}
                    <br />
                    <strong class="aduan-panel__reference">{reference}</strong>
                </div>
            </div>
            <p class="aduan-body">{text.receipt_keep}</p>
            <p class="aduan-body">{agency_sentence}</p>
            <h3 class="aduan-summary__title">{text.receipt_summary}</h3>
            <dl class="aduan-summary">
                <div class="aduan-summary__row">
                    <dt class="aduan-summary__key">{text.kind.label}</dt>
                    <dd class="aduan-summary__value">{kind}</dd>
                </div>
                <div class="aduan-summary__row">
                    <dt class="aduan-summary__key">{text.title.label}</dt>
                    <dd class="aduan-summary__value" dir="auto">{title}</dd>
                </div>
                <div class="aduan-summary__row" hidden=no_place>
                    <dt class="aduan-summary__key">{text.location.label}</dt>
                    <dd class="aduan-summary__value">{place}</dd>
                </div>
            </dl>
            {promise.map(|promise| view! { <p class="aduan-body">{promise}</p> })}
            <button type="button" class="aduan-button aduan-button--secondary" on:click=move |_| on_another.run(())>
                {text.another_report}
            </button>
        </div>
    }
}
