//! "Your reports on this device": every complaint the outbox holds, where it
//! stands, and what the citizen can do about it.

use leptos::prelude::*;

use super::{FormContext, OutboxState};
use crate::browser::{clock, network};
use crate::delivery::outbox::{Entry, Status};
use crate::messages::Messages;
use crate::payload::ClientId;

/// Where one complaint stands, as a sentence.
pub fn status_sentence(entry: &Entry, text: &Messages) -> String {
    match &entry.status {
        Status::Sent(receipt) => (text.status_sent)(receipt.reference()),
        Status::Failed(error) => (text.status_failed)(&error.describe(text)),
        Status::Waiting { .. } | Status::Sending if !network::is_online() => text.status_waiting_connection.to_owned(),
        Status::Waiting { last_error: Some(error), due } => {
            let (hour, minute) = clock::local_time(*due);
            (text.status_waiting_retry)(&error.describe(text), hour, minute)
        }
        Status::Waiting { last_error: None, .. } | Status::Sending => text.status_sending.to_owned(),
    }
}

/// The list, above the form; hidden while it has nothing to show.
#[component]
pub fn OutboxList(
    outbox: OutboxState,
    /// The complaint the receipt already shows, left out of the list.
    current: Signal<Option<ClientId>>,
    /// "Edit report" on a refused complaint: put it back into the form.
    on_edit: Callback<ClientId>,
) -> impl IntoView {
    let text = FormContext::get().text;
    let shown = Memo::new(move |_| {
        let current = current.get();
        outbox
            .outbox
            .with(|o| o.entries().iter().filter(|e| Some(&e.id) != current.as_ref()).cloned().collect::<Vec<_>>())
    });
    let hidden = Signal::derive(move || shown.with(Vec::is_empty));
    view! {
        <section class="aduan-outbox" hidden=hidden aria-labelledby="aduan-outbox-title">
            <h2 class="aduan-outbox__title" id="aduan-outbox-title">{text.outbox_title}</h2>
            // Rebuilt whole when anything changes: a handful of items, and a
            // keyed list would add its diffing code to the wasm.
            <ul class="aduan-outbox__list" aria-live="polite">
                {move || {
                    shown
                        .get()
                        .into_iter()
                        .map(|entry| view! { <OutboxItem entry=entry outbox=outbox on_edit=on_edit /> })
                        .collect::<Vec<_>>()
                }}
            </ul>
        </section>
    }
}

#[component]
fn OutboxItem(entry: Entry, outbox: OutboxState, on_edit: Callback<ClientId>) -> impl IntoView {
    let text = FormContext::get().text;
    let sentence = status_sentence(&entry, text);
    let (waiting, failed, sent) = match entry.status {
        Status::Waiting { .. } => (true, false, false),
        Status::Failed(_) => (false, true, false),
        Status::Sent(_) => (false, false, true),
        Status::Sending => (false, false, false),
    };
    let title = entry.title.clone();
    let action = move |label: &'static str, run: Box<dyn Fn() + Send + Sync>| {
        let title = title.clone();
        view! {
            <button type="button" class="aduan-button aduan-button--secondary aduan-outbox__action" on:click=move |_| run()>
                {label}
                <span class="aduan-visually-hidden">": "{title}</span>
            </button>
        }
    };
    let id = entry.id.clone();
    let (retry_id, edit_id, remove_id) = (id.clone(), id.clone(), id);
    view! {
        <li class="aduan-outbox__item">
            <p class="aduan-outbox__name" dir="auto">{entry.title.clone()}</p>
            <p class="aduan-body">{sentence}</p>
            {(waiting || failed).then(|| action(text.send_now, Box::new(move || outbox.retry(&retry_id))))}
            {failed.then(|| action(text.edit_report, Box::new(move || on_edit.run(edit_id.clone()))))}
            {(failed || waiting).then(|| {
                let remove_id = remove_id.clone();
                action(text.discard_report, Box::new(move || outbox.remove(&remove_id)))
            })}
            {sent.then(|| action(text.dismiss, Box::new(move || outbox.remove(&remove_id))))}
        </li>
    }
}
