//! The whole form, from the first question to the receipt.

use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;

use super::agency_suggestion::AgencySuggestion;
use super::attachments::Attachments;
use super::character_count::CharacterCount;
use super::choice::Choice;
use super::date_input::DateInput;
use super::emergency_banner::EmergencyBanner;
use super::error_summary::ErrorSummary;
use super::focus::focus_element;
use super::kind_radios::KindRadios;
use super::location::Location;
use super::privacy::Privacy;
use super::receipt::ReceiptPanel;
use super::referral_notice::ReferralNotice;
use super::send_failure::SendFailure;
use super::text_input::TextInput;
use super::{DraftState, FormContext, TriageState};
use crate::browser::{clock, files, http, random, send};
use crate::complaint::{Draft, Field, FieldError, ValidComplaint};
use crate::config::Config;
use crate::delivery::{DeliveryError, Receipt};
use crate::payload::ClientId;
use crate::triage::Model;
use crate::validate::check_attachments;

/// Where the form stands.
#[derive(Clone, Debug, PartialEq)]
enum Stage {
    Editing,
    Sending,
    Failed(DeliveryError),
    /// Accepted: the receipt, and the complaint as sent, for the summary.
    Sent(Receipt, ValidComplaint),
}

/// The complaint form for one regency.
#[component]
pub fn Widget(
    /// The regency's checked config.
    config: Arc<Config>,
    /// Where to fetch the triage model, once the form is on screen. Default: no
    /// triage (the config's `triage.model_url` wins over this).
    #[prop(optional)]
    model_url: Option<String>,
    /// A triage model already loaded (tests). Default: fetched from `model_url`.
    #[prop(optional)]
    model: Option<Arc<Model>>,
) -> impl IntoView {
    let draft = DraftState::new();
    let errors = RwSignal::new(Vec::<FieldError>::new());
    // Errors stay as the last attempt to send found them (GOV.UK), except the
    // attachments' one: files are checked as they are chosen, so once the
    // offending file is removed its error leaves the summary too.
    let limits_for_errors = config.limits.clone();
    let shown_errors = Signal::derive(move || {
        let files_ok = draft.attachments.with(|all| {
            let infos: Vec<_> = all.iter().map(|a| files::info(&a.file)).collect();
            check_attachments(&infos, &limits_for_errors).is_ok()
        });
        errors.with(|all| all.iter().filter(|e| !(files_ok && e.field == Field::Attachments)).cloned().collect())
    });
    let context = FormContext::new(config.clone(), shown_errors);
    let text = context.text;
    provide_context(context);

    // Triage: the model comes after the form is on screen, so a slow line shows
    // the form first; the text is read again whenever typing pauses.
    let triage = TriageState::new();
    if let Some(routing) = config.triage.as_ref() {
        match (model, routing.model_url.clone().or(model_url)) {
            (Some(model), _) => triage.model.set(Some(model)),
            (None, Some(url)) => wasm_bindgen_futures::spawn_local(async move {
                let loaded = http::get_bytes(&url).await.and_then(|bytes| Model::from_bytes(&bytes).ok());
                match loaded {
                    Some(model) => {
                        let _ = triage.model.try_set(Some(Arc::new(model)));
                    }
                    None => {
                        web_sys::console::warn_1(&format!("Aduan: no triage model at {url}; no suggestions").into())
                    }
                }
            }),
            (None, None) => {}
        }
    }
    let config_for_triage = config.clone();
    Effect::new(move |_| {
        draft.title.track();
        draft.description.track();
        triage.model.track();
        triage.read_later(draft, config_for_triage.clone());
    });

    // The id sent with the last attempt, and the draft it was for: a retry of
    // the same draft reuses the id so the backend can drop a copy that did
    // arrive; an edited draft is a new complaint.
    let last_attempt = StoredValue::new_local(None::<(ClientId, Draft)>);

    let stage = RwSignal::new(Stage::Editing);
    let sending = Memo::new(move |_| stage.with(|s| *s == Stage::Sending));
    let receipt =
        Memo::new(move |_| stage.with(|s| if let Stage::Sent(r, c) = s { Some((r.clone(), c.clone())) } else { None }));
    let failure = Signal::derive(move || stage.with(|s| if let Stage::Failed(e) = s { Some(e.clone()) } else { None }));

    let summary_ref = NodeRef::<html::Div>::new();
    let failure_ref = NodeRef::<html::Div>::new();
    let receipt_ref = NodeRef::<html::H2>::new();
    let heading_ref = NodeRef::<html::H2>::new();

    let config_for_submit = config.clone();
    let submit = Callback::new(move |()| {
        if sending.get_untracked() {
            return;
        }
        let snapshot = draft.snapshot();
        match snapshot.validate(&config_for_submit, clock::today()) {
            Err(found) => {
                errors.set(found);
                stage.set(Stage::Editing);
                request_animation_frame(move || {
                    summary_ref.get_untracked().inspect(|summary| focus_element(summary));
                });
            }
            Ok(complaint) => {
                errors.set(Vec::new());
                let reused = last_attempt.with_value(|last| match last {
                    Some((id, sent)) if *sent == snapshot => Some(id.clone()),
                    _ => None,
                });
                let client_id = reused.unwrap_or_else(|| ClientId::from_random(random::random_16()));
                last_attempt.set_value(Some((client_id.clone(), snapshot)));
                stage.set(Stage::Sending);
                let (files, config) = (draft.files(), config_for_submit.clone());
                let record = triage.record(&draft.agency.get_untracked());
                wasm_bindgen_futures::spawn_local(async move {
                    let outcome = match send::send_complaint(&complaint, &files, &config, &client_id, record).await {
                        Ok(receipt) => Stage::Sent(receipt, complaint),
                        Err(error) => Stage::Failed(error),
                    };
                    let sent = matches!(outcome, Stage::Sent(..));
                    // The widget may have been removed from the page meanwhile.
                    if stage.try_set(outcome).is_some() {
                        return;
                    }
                    // Focus follows the outcome, once it is on screen: the receipt's
                    // heading, or the failure notice.
                    request_animation_frame(move || {
                        if sent {
                            receipt_ref.get_untracked().inspect(|heading| focus_element(heading));
                        } else {
                            failure_ref.get_untracked().inspect(|notice| focus_element(notice));
                        }
                    });
                });
            }
        }
    });

    let another = Callback::new(move |()| {
        draft.clear();
        triage.clear();
        errors.set(Vec::new());
        stage.set(Stage::Editing);
        last_attempt.set_value(None);
        request_animation_frame(move || {
            heading_ref.get_untracked().inspect(|heading| focus_element(heading));
        });
    });

    let needs_time_and_place = Signal::derive(move || draft.kind.get().is_some_and(|kind| kind.needs_time_and_place()));
    let not_needed = Signal::derive(move || !needs_time_and_place.get());
    let contact_optional = Signal::derive(move || draft.anonymous.get());
    let agency_options: Vec<(String, String)> =
        config.agencies.iter().map(|agency| (agency.id.clone(), agency.label(config.language))).collect();
    let regency = config.regency.name.clone();
    let limits = config.limits.clone();
    let has_attachments = limits.attachments_max_count > 0;
    let has_agencies = !config.agencies.is_empty();

    // The form stays in the page, hidden while the receipt shows: building it
    // once (rather than swapping it in and out) keeps the WebAssembly smaller, and
    // "send another report" only has to clear the answers.
    let form_hidden = Signal::derive(move || receipt.with(Option::is_some));
    view! {
        <div class="aduan-widget">
            <ReceiptPanel sent=receipt.into() heading_ref=receipt_ref on_another=another />
            <div hidden=form_hidden>
            <h2 class="aduan-heading" tabindex="-1" node_ref=heading_ref>{text.heading}</h2>
            <p class="aduan-body">{(text.intro)(&regency)}</p>
            <EmergencyBanner triage=triage />
            <ErrorSummary node_ref=summary_ref />
            <form
                class="aduan-form"
                novalidate=true
                on:submit=move |event| {
                    event.prevent_default();
                    submit.run(());
                }
            >
                <KindRadios value=draft.kind on_choose=Callback::new(move |()| triage.kind_chosen.set(true)) />
                <TextInput field=Field::Title value=draft.title />
                <CharacterCount field=Field::Description value=draft.description max=limits.description_max />
                <ReferralNotice triage=triage />
                <DateInput day=draft.incident_day month=draft.incident_month year=draft.incident_year optional=not_needed />
                <Location kecamatan=draft.kecamatan desa=draft.desa detail=draft.location_detail optional=not_needed />
                {has_agencies.then(|| view! {
                    <Choice
                        field=Field::Agency
                        value=draft.agency
                        options=agency_options
                        placeholder=text.agency_unknown
                        optional=true
                        on_change=Callback::new(move |()| triage.agency_chosen.set(true))
                    />
                    <AgencySuggestion triage=triage agency=draft.agency />
                })}
                {has_attachments.then(|| view! { <Attachments files=draft.attachments /> })}
                <Privacy anonymous=draft.anonymous confidential=draft.confidential />
                <fieldset class="aduan-fieldset aduan-fieldset--section">
                    <legend class="aduan-fieldset__legend aduan-fieldset__legend--section">{text.contact.label}</legend>
                    <p class="aduan-hint">{text.contact.hint}</p>
                    <TextInput field=Field::Name value=draft.name autocomplete="name" optional=contact_optional />
                    <TextInput
                        field=Field::Phone
                        value=draft.phone
                        input_type="tel"
                        autocomplete="tel"
                        width="aduan-input--width-20"
                        optional=contact_optional
                    />
                    <TextInput field=Field::Email value=draft.email input_type="email" autocomplete="email" optional=true />
                    <TextInput
                        field=Field::Nik
                        value=draft.nik
                        inputmode="numeric"
                        autocomplete="off"
                        width="aduan-input--width-20"
                        optional=true
                    />
                </fieldset>
                <SendFailure error=failure node_ref=failure_ref />
                <button
                    type="submit"
                    class="aduan-button"
                    aria-disabled=move || sending.get().then_some("true")
                >
                    {move || {
                        if sending.get() {
                            text.sending
                        } else if failure.with(Option::is_some) {
                            text.retry
                        } else {
                            text.submit
                        }
                    }}
                </button>
            </form>
            </div>
        </div>
    }
}
