//! The receipt: the number to keep, what was sent, and what happens next. Every
//! way a complaint leaves the form ends here: delivered, kept on the device
//! until the signal returns, or handed to WhatsApp or email.

use leptos::html;
use leptos::prelude::*;

use super::FormContext;
use crate::complaint::ValidComplaint;
use crate::delivery::Receipt;
use crate::messages::Messages;

/// Where the complaint now is.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The backend has it.
    Delivered(Receipt),
    /// The outbox keeps it and sends it when it can; `status` says why it has
    /// not gone yet and when it is tried again.
    Saved { reference: String, status: String },
    /// The citizen's WhatsApp or email app has it, to send themselves.
    HandedOff { reference: String },
}

/// Shown in place of the form once the complaint has left it; in the page but
/// hidden before then (cheaper to build once than to swap in).
#[component]
pub fn ReceiptPanel(
    /// Where the complaint is and the complaint as it was sent, once it left the form.
    sent: Signal<Option<(Outcome, ValidComplaint)>>,
    /// Set to the heading so the widget can move focus to it.
    heading_ref: NodeRef<html::H2>,
    /// Called by "send now" while the complaint waits.
    on_send_now: Callback<()>,
    /// Called by "send another report".
    on_another: Callback<()>,
) -> impl IntoView {
    let context = FormContext::get();
    let text = context.text;
    let config = context.config.clone();
    let outcome = move |read: fn(&Outcome, &Messages) -> String| {
        Signal::derive(move || sent.with(|sent| sent.as_ref().map(|(o, _)| read(o, text)).unwrap_or_default()))
    };
    let heading = outcome(|o, text| {
        match o {
            Outcome::Delivered(_) => text.receipt_title,
            Outcome::Saved { .. } => text.saved_title,
            Outcome::HandedOff { .. } => text.handed_off_title,
        }
        .to_owned()
    });
    let number_label = outcome(|o, text| {
        match o {
            Outcome::Delivered(_) => text.tracking_number,
            Outcome::Saved { .. } => text.temporary_number,
            Outcome::HandedOff { .. } => text.report_number,
        }
        .to_owned()
    });
    let next_step = outcome(|o, text| match o {
        Outcome::Delivered(_) => text.receipt_keep.to_owned(),
        Outcome::Saved { status, .. } => format!("{} {status}", text.saved_body),
        Outcome::HandedOff { .. } => text.handed_off_body.to_owned(),
    });
    let waiting = Signal::derive(move || sent.with(|sent| matches!(sent, Some((Outcome::Saved { .. }, _)))));
    let not_waiting = Signal::derive(move || !waiting.get());
    let from_complaint = move |read: fn(&ValidComplaint) -> String| {
        Signal::derive(move || {
            sent.with(|sent| sent.as_ref().map(|(_, complaint)| read(complaint)).unwrap_or_default())
        })
    };

    let hidden = Signal::derive(move || sent.with(Option::is_none));
    let reference = outcome(|o, _| match o {
        Outcome::Delivered(receipt) => receipt.reference().to_owned(),
        Outcome::Saved { reference, .. } | Outcome::HandedOff { reference } => reference.clone(),
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
            <div class=move || if waiting.get() { "aduan-panel aduan-panel--waiting" } else { "aduan-panel" }>
                <h2 class="aduan-panel__title" tabindex="-1" node_ref=heading_ref>{heading}</h2>
                <div class="aduan-panel__body">
                    {number_label}
                    <br />
                    <strong class="aduan-panel__reference">{reference}</strong>
                </div>
            </div>
            // Polite: a waiting complaint's status changes by itself (retry times, then sent).
            <p class="aduan-body" aria-live="polite">{next_step}</p>
            <button type="button" class="aduan-button" hidden=not_waiting on:click=move |_| on_send_now.run(())>
                {text.send_now}
            </button>
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
