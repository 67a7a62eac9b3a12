//! The hand-off: for an agency that takes reports only by WhatsApp or email, the
//! complaint is written out and opened in the citizen's own app to send.

use leptos::html;
use leptos::prelude::*;

use super::FormContext;
use crate::delivery::request::{Channel, HandOff};

/// Shown in place of the form once a complaint for such an agency is valid.
#[component]
pub fn HandOffPanel(
    /// The link to open, and whether the complaint was marked Anonim; `None` hides the panel.
    hand_off: Signal<Option<(HandOff, bool)>>,
    /// Set to the heading so the widget can move focus to it.
    heading_ref: NodeRef<html::H2>,
    /// Called when the citizen follows the link.
    on_opened: Callback<()>,
    /// Called by "edit report": back to the form, answers kept.
    on_back: Callback<()>,
) -> impl IntoView {
    let text = FormContext::get().text;
    let channel = move || hand_off.with(|h| h.as_ref().map(|(h, _)| h.channel));
    let hidden = Signal::derive(move || hand_off.with(Option::is_none));
    let title = move || match channel() {
        Some(Channel::Email) => text.hand_off_email_title,
        _ => text.hand_off_whatsapp_title,
    };
    let body = move || match channel() {
        Some(Channel::Email) => text.hand_off_email_body,
        _ => text.hand_off_whatsapp_body,
    };
    let open = move || match channel() {
        Some(Channel::Email) => text.hand_off_email_open,
        _ => text.hand_off_whatsapp_open,
    };
    let url = move || hand_off.with(|h| h.as_ref().map(|(h, _)| h.url.clone()).unwrap_or_default());
    // WhatsApp opens in a new tab (or its app); an email link opens the mail app in place.
    let target = move || (channel() == Some(Channel::WhatsApp)).then_some("_blank");
    let files = move || hand_off.with(|h| h.as_ref().map_or(0, |(h, _)| h.attachments));
    let files_note = move || (text.hand_off_attach_yourself)(files());
    let no_files = Signal::derive(move || files() == 0);
    let not_anonymous = Signal::derive(move || !hand_off.with(|h| h.as_ref().is_some_and(|(_, anonymous)| *anonymous)));
    // The browser follows the link only after this handler returns; moving on at
    // once would empty `href` first and reload the host page instead.
    let opened = move |_| set_timeout(move || on_opened.run(()), std::time::Duration::ZERO);
    view! {
        <div class="aduan-hand-off" hidden=hidden>
            <h2 class="aduan-heading" tabindex="-1" node_ref=heading_ref>{title}</h2>
            <p class="aduan-body">{body}</p>
            <p class="aduan-body" hidden=no_files>{files_note}</p>
            <div class="aduan-notice aduan-notice--info" hidden=not_anonymous>
                <p class="aduan-body">{text.hand_off_not_anonymous}</p>
            </div>
            <div class="aduan-button-group">
                <a class="aduan-button" href=url target=target rel="noopener noreferrer" on:click=opened>
                    {open}
                </a>
                <button type="button" class="aduan-button aduan-button--secondary" on:click=move |_| on_back.run(())>
                    {text.edit_report}
                </button>
            </div>
        </div>
    }
}
