//! The whole form, from the first question to the receipt.

use std::sync::Arc;
use std::time::Duration;

use leptos::html;
use leptos::prelude::*;

use super::agency_suggestion::AgencySuggestion;
use super::attachments::{Attachments, attachments_problem};
use super::character_count::CharacterCount;
use super::choice::Choice;
use super::date_input::DateInput;
use super::draft_notice::{DraftNews, DraftNotice};
use super::emergency_banner::EmergencyBanner;
use super::error_summary::ErrorSummary;
use super::focus::focus_element;
use super::hand_off::HandOffPanel;
use super::kind_radios::KindRadios;
use super::location::Location;
use super::my_location::MyLocation;
use super::outbox_list::{OutboxList, status_sentence};
use super::privacy::Privacy;
use super::receipt::{Outcome, ReceiptPanel};
use super::referral_notice::ReferralNotice;
use super::send_failure::SendFailure;
use super::text_input::TextInput;
use super::{Attached, AttachedState, DraftState, FormContext, OutboxState, TriageState};
use crate::browser::{clock, files, http, network, random, storage};
use crate::complaint::{Draft, Field, FieldError, ValidComplaint};
use crate::config::Config;
use crate::delivery::DeliveryError;
use crate::delivery::outbox::{Entry, Status};
use crate::delivery::request::{HandOff, Outgoing};
use crate::payload::{ClientId, ComplaintPayload, Envelope};
use crate::saved_draft;
use crate::spam::{self, Suspicion};
use crate::triage::Model;

/// How long typing must pause before the draft is saved on the device.
const SAVE_AFTER: Duration = Duration::from_millis(500);

/// What to move focus to once it is on screen.
#[derive(Clone, Copy)]
enum FocusTarget {
    Summary,
    Failure,
    Receipt,
    HandOff,
    Heading,
    Undo,
}

/// Waits without blocking the page.
pub(super) async fn sleep(duration: Duration) {
    let mut resolver = None;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| resolver = Some(resolve));
    if let Some(resolve) = resolver {
        set_timeout(move || drop(resolve.call0(&wasm_bindgen::JsValue::NULL)), duration);
    }
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Where the form stands.
#[derive(Clone, Debug, PartialEq)]
enum Stage {
    Editing,
    /// Valid, on its way into the outbox and out to the backend; the form stays
    /// on screen until the first attempt ends.
    Sending(ClientId, ValidComplaint),
    /// Out of the form: delivered, or kept in the outbox until it can be.
    Submitted(ClientId, ValidComplaint),
    /// For an agency that takes WhatsApp or email: the link to open.
    HandingOff(HandOff, ValidComplaint, ClientId),
    /// The citizen opened the link.
    HandedOff(ClientId, ValidComplaint),
    /// Not sent, with the reason; every answer is still in the form.
    Failed(DeliveryError),
    /// Looked like a bot's; every answer is still in the form.
    Suspect(Suspicion),
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
    /// Names this widget's draft and outbox on the device, so two widgets keep
    /// apart. Default: the regency code.
    #[prop(optional, into)]
    device_key: Option<String>,
) -> impl IntoView {
    let device_key = device_key.unwrap_or_else(|| config.regency.code.clone());
    let draft = DraftState::new();
    let errors = RwSignal::new(Vec::<FieldError>::new());
    // Errors stay as the last attempt to send found them (GOV.UK), except the
    // attachments' one: files are checked as they are chosen, so once the
    // offending file is removed its error leaves the summary too.
    let limits_for_errors = config.limits.clone();
    let shown_errors = Signal::derive(move || {
        let files_ok = draft.attachments.with(|all| attachments_problem(all, &limits_for_errors).is_none());
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

    let outbox = OutboxState::new(config.clone(), &device_key);
    let stage = RwSignal::new(Stage::Editing);
    let news = RwSignal::new(DraftNews::None);
    // When the form appeared, for the minimum fill time.
    let opened_at = StoredValue::new(clock::now_ms());
    let trap = RwSignal::new(String::new());

    // The draft: restored from an earlier visit, then saved as the citizen types.
    let draft_key = format!("aduan-draft:{device_key}");
    let (draft_key_for_submit, draft_key_for_clear, key_for_hand_off) =
        (draft_key.clone(), draft_key.clone(), draft_key.clone());
    if let Some(saved) =
        storage::load_local(&draft_key).and_then(|text| saved_draft::restore(&text, clock::now_ms()).ok().flatten())
    {
        draft.fill(&saved);
        triage.kind_chosen.set(saved.kind.is_some());
        triage.agency_chosen.set(!saved.agency.is_empty());
        news.set(DraftNews::Restored);
    }
    let save_ticket = StoredValue::new(0u64);
    let key_for_saving = draft_key.clone();
    let save_draft_now = StoredValue::new(move || {
        let snapshot = draft.snapshot();
        if saved_draft::is_blank(&snapshot) {
            storage::remove_local(&key_for_saving);
        } else {
            storage::save_local(&key_for_saving, &saved_draft::save(&snapshot, clock::now_ms()));
        }
    });
    let holds_complaint = move || {
        stage.try_with_untracked(|s| matches!(s, Stage::Editing | Stage::Failed(_) | Stage::Suspect(_))) == Some(true)
    };
    Effect::new(move |first: Option<()>| {
        let _ = draft.tracked();
        if first.is_none() {
            return;
        }
        // Saved once typing pauses, and only while the form holds the complaint:
        // once the outbox has it, a late save would bring it back as a draft.
        let ticket = save_ticket.get_value() + 1;
        save_ticket.set_value(ticket);
        set_timeout(
            move || {
                if save_ticket.try_get_value() == Some(ticket) && holds_complaint() {
                    save_draft_now.with_value(|save| save());
                }
            },
            SAVE_AFTER,
        );
    });
    // The last half second of typing is not lost to a reload, a closed tab, or
    // a phone that kills a tab the citizen switched away from.
    let leaving = network::on_leaving(move || {
        if holds_complaint() {
            save_draft_now.try_with_value(|save| save());
        }
    });
    let _keep_listening = StoredValue::new_local(leaving);

    // The id sent with the last attempt, and the draft it was for: a retry of
    // the same draft reuses the id so the backend can drop a copy that did
    // arrive; an edited draft is a new complaint.
    let last_attempt = StoredValue::new_local(None::<(ClientId, Draft)>);

    let sending = Memo::new(move |_| stage.with(|s| matches!(s, Stage::Sending(..))));
    let failure = Signal::derive(move || stage.with(|s| if let Stage::Failed(e) = s { Some(e.clone()) } else { None }));
    let suspicion = Signal::derive(move || stage.with(|s| if let Stage::Suspect(why) = s { Some(*why) } else { None }));
    let current = Signal::derive(move || {
        stage.with(|s| match s {
            Stage::Submitted(id, _) => outbox
                .outbox
                .with(|o| o.get(id).is_some_and(|e| !matches!(e.status, Status::Failed(_))).then(|| id.clone())),
            _ => None,
        })
    });
    let receipt = Memo::new(move |_| {
        stage.with(|s| match s {
            Stage::Submitted(id, complaint) => {
                let outcome = outbox.outbox.with(|o| match o.get(id) {
                    Some(Entry { status: Status::Sent(receipt), .. }) => Outcome::Delivered(receipt.clone()),
                    Some(entry) => {
                        Outcome::Saved { reference: id.short().to_owned(), status: status_sentence(entry, text) }
                    }
                    None => Outcome::Saved { reference: id.short().to_owned(), status: String::new() },
                });
                Some((outcome, complaint.clone()))
            }
            Stage::HandedOff(id, complaint) => {
                Some((Outcome::HandedOff { reference: id.short().to_owned() }, complaint.clone()))
            }
            _ => None,
        })
    });
    let hand_off = Memo::new(move |_| {
        stage.with(|s| match s {
            Stage::HandingOff(hand_off, complaint, _) => Some((hand_off.clone(), complaint.privacy.anonymous)),
            _ => None,
        })
    });

    let summary_ref = NodeRef::<html::Div>::new();
    let failure_ref = NodeRef::<html::Div>::new();
    let receipt_ref = NodeRef::<html::H2>::new();
    let hand_off_ref = NodeRef::<html::H2>::new();
    let heading_ref = NodeRef::<html::H2>::new();
    let undo_ref = NodeRef::<html::Button>::new();
    let focus_later = move |target: FocusTarget| {
        request_animation_frame(move || {
            let element: Option<web_sys::HtmlElement> = match target {
                FocusTarget::Summary => summary_ref.get_untracked().map(Into::into),
                FocusTarget::Failure => failure_ref.get_untracked().map(Into::into),
                FocusTarget::Receipt => receipt_ref.get_untracked().map(Into::into),
                FocusTarget::HandOff => hand_off_ref.get_untracked().map(Into::into),
                FocusTarget::Heading => heading_ref.get_untracked().map(Into::into),
                FocusTarget::Undo => undo_ref.get_untracked().map(Into::into),
            };
            element.inspect(focus_element);
        });
    };

    // The first attempt's end decides what the citizen sees: the receipt (sent,
    // or saved to go later), or the form again with the backend's refusal.
    Effect::new(move |_| {
        let Some((id, complaint)) = stage.with(|s| match s {
            Stage::Sending(id, complaint) => Some((id.clone(), complaint.clone())),
            _ => None,
        }) else {
            return;
        };
        let status = outbox.outbox.with(|o| o.get(&id).map(|e| e.status.clone()));
        // Sent, or kept to try again: a failure worth retrying, or no attempt
        // at all because the device is offline until the connection returns.
        let kept = match &status {
            Some(Status::Sent(_) | Status::Waiting { last_error: Some(_), .. }) => true,
            Some(Status::Waiting { last_error: None, .. }) => !network::is_online(),
            _ => false,
        };
        match status {
            _ if kept => {
                storage::remove_local(&draft_key);
                draft.clear();
                triage.clear();
                errors.set(Vec::new());
                news.set(DraftNews::None);
                last_attempt.set_value(None);
                stage.set(Stage::Submitted(id, complaint));
                focus_later(FocusTarget::Receipt);
            }
            Some(Status::Failed(error)) => {
                // The form still holds every answer; the outbox lets it go.
                outbox.remove(&id);
                save_draft_now.with_value(|save| save());
                stage.set(Stage::Failed(error));
                focus_later(FocusTarget::Failure);
            }
            _ => {}
        }
    });

    let config_for_submit = config.clone();
    let submit = Callback::new(move |()| {
        if sending.get_untracked() {
            return;
        }
        let config = config_for_submit.clone();
        let draft_key = draft_key_for_submit.clone();
        wasm_bindgen_futures::spawn_local(async move {
            // A photo still being scaled is waited for (a second or two), so its
            // size is checked and it is sent without its EXIF.
            for _ in 0..300 {
                if !draft.preparing() {
                    break;
                }
                sleep(Duration::from_millis(100)).await;
            }
            let snapshot = draft.snapshot();
            let mut found = snapshot.validate(&config, clock::today()).err().unwrap_or_default();
            if let Some(problem) = draft.attachments.with_untracked(|all| attachments_problem(all, &config.limits))
                && !found.iter().any(|e| e.field == Field::Attachments)
            {
                found.push(FieldError { field: Field::Attachments, problem });
                crate::order::sort_by_key(&mut found, |e| e.field);
            }
            let complaint = match snapshot.validate(&config, clock::today()) {
                Ok(complaint) if found.is_empty() => complaint,
                _ => {
                    errors.set(found);
                    stage.set(Stage::Editing);
                    focus_later(FocusTarget::Summary);
                    return;
                }
            };
            errors.set(Vec::new());
            // Only a complete form is screened: someone who presses send on an
            // empty form at once sees what is missing, not a bot warning.
            let elapsed = clock::now_ms().saturating_sub(opened_at.get_value());
            if let Err(why) = spam::screen(&trap.get_untracked(), elapsed, config.limits.min_fill_seconds) {
                stage.set(Stage::Suspect(why));
                focus_later(FocusTarget::Failure);
                return;
            }
            let reused = last_attempt.with_value(|last| match last {
                Some((id, sent)) if *sent == snapshot => Some(id.clone()),
                _ => None,
            });
            let client_id = reused.unwrap_or_else(|| ClientId::from_random(random::random_16()));
            last_attempt.set_value(Some((client_id.clone(), snapshot)));
            stage.set(Stage::Sending(client_id.clone(), complaint.clone()));

            let mut bytes = Vec::new();
            for file in draft.files() {
                // A file deleted from the phone since it was chosen cannot be
                // sent; the form still holds everything else.
                match files::read_bytes(&file).await {
                    Ok(read) => bytes.push(read),
                    Err(_) => {
                        stage.set(Stage::Failed(DeliveryError::FileUnreadable { name: file.name() }));
                        focus_later(FocusTarget::Failure);
                        return;
                    }
                }
            }
            let submitted_at = clock::now_rfc3339();
            let page_url = web_sys::window().and_then(|window| window.location().href().ok());
            let envelope = Envelope {
                client_id: &client_id,
                submitted_at: &submitted_at,
                language: config.language,
                page_url: page_url.as_deref(),
                triage: triage.record(&draft.agency.get_untracked()),
            };
            let payload = ComplaintPayload::new(&complaint, &config, &envelope, &bytes);
            match Outgoing::for_complaint(&payload, &config) {
                Outgoing::HandOff(hand_off) => {
                    stage.set(Stage::HandingOff(hand_off, complaint, client_id));
                    focus_later(FocusTarget::HandOff);
                }
                Outgoing::Request(_) => {
                    outbox.submit(&payload).await;
                    // The outbox keeps it now; a reload must not offer it again as a draft.
                    storage::remove_local(&draft_key);
                }
            }
        });
    });
    let another = Callback::new(move |()| {
        // A delivered anonymous complaint is not left listed for whoever uses
        // this device next; its stored copy is already gone.
        let closed = stage.with_untracked(|s| match s {
            Stage::Submitted(id, _) => outbox.outbox.with_untracked(|o| {
                o.get(id).is_some_and(|e| matches!(e.status, Status::Sent(_)) && !e.keep_receipt).then(|| id.clone())
            }),
            _ => None,
        });
        if let Some(id) = closed {
            outbox.remove(&id);
        }
        draft.clear();
        triage.clear();
        errors.set(Vec::new());
        news.set(DraftNews::None);
        stage.set(Stage::Editing);
        last_attempt.set_value(None);
        opened_at.set_value(clock::now_ms());
        focus_later(FocusTarget::Heading);
    });
    let send_now = Callback::new(move |()| {
        if let Some(id) = current.get_untracked() {
            outbox.retry(&id);
        }
    });

    // "Edit report" on a refused complaint in the list: its answers and files
    // go back into the form, with the backend's reason above the button. The
    // citizen asked for the form, so focus goes to its heading; a refusal that
    // arrives while the receipt shows moves focus to the reason instead.
    let put_back = move |id: ClientId, focus: FocusTarget| {
        let refusal = outbox.outbox.with_untracked(|o| match o.get(&id) {
            Some(Entry { status: Status::Failed(error), .. }) => Some(error.clone()),
            _ => None,
        });
        wasm_bindgen_futures::spawn_local(async move {
            let Some(payload) = outbox.take_back(&id).await else { return };
            let Ok(returned) = payload.to_draft() else { return };
            draft.clear();
            draft.fill(&returned);
            let restored: Vec<Attached> = payload
                .attachments
                .iter()
                .enumerate()
                .filter_map(|(key, file)| {
                    let bytes = crate::base64::decode(&file.data_base64)?;
                    let file = files::file(&bytes, &file.name, &file.mime)?;
                    Some(Attached { key: 1_000_000 + key as u32, file, state: AttachedState::Ready, preview: None })
                })
                .collect();
            draft.attachments.set(restored);
            triage.kind_chosen.set(true);
            triage.agency_chosen.set(true);
            last_attempt.set_value(None);
            news.set(DraftNews::Returned);
            stage.set(refusal.map_or(Stage::Editing, Stage::Failed));
            save_draft_now.with_value(|save| save());
            focus_later(focus);
        });
    };
    let edit_from_outbox = Callback::new(move |id: ClientId| put_back(id, FocusTarget::Heading));
    // A complaint kept to send later and then refused cannot stay on a receipt
    // that promises to send it: it goes back into the form like a first refusal.
    // Taking it back takes a moment; meanwhile it is not taken back twice.
    Effect::new(move |handled: Option<Option<ClientId>>| {
        let refused = stage.with(|s| match s {
            Stage::Submitted(id, _) => outbox
                .outbox
                .with(|o| matches!(o.get(id), Some(Entry { status: Status::Failed(_), .. })).then(|| id.clone())),
            _ => None,
        });
        if let Some(id) = &refused
            && handled.flatten().as_ref() != Some(id)
        {
            put_back(id.clone(), FocusTarget::Failure);
        }
        refused
    });

    // "Clear the form", with an undo until the next change.
    let cleared = StoredValue::new_local(None::<(Draft, Vec<Attached>)>);
    let key_for_clearing = draft_key_for_clear.clone();
    let clear_form = Callback::new(move |()| {
        let files = draft.attachments.try_update(std::mem::take).unwrap_or_default();
        cleared.set_value(Some((draft.snapshot(), files)));
        draft.clear();
        triage.clear();
        errors.set(Vec::new());
        storage::remove_local(&key_for_clearing);
        news.set(DraftNews::Cleared);
        focus_later(FocusTarget::Undo);
    });
    let undo_clear = Callback::new(move |()| {
        if let Some((snapshot, files)) = cleared.try_update_value(Option::take).flatten() {
            draft.fill(&snapshot);
            draft.attachments.set(files);
            save_draft_now.with_value(|save| save());
        }
        news.set(DraftNews::None);
        focus_later(FocusTarget::Heading);
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
    let form_hidden = Signal::derive(move || receipt.with(Option::is_some) || hand_off.with(Option::is_some));
    let handed_off = Callback::new(move |()| {
        if let Stage::HandingOff(_, complaint, id) = stage.get_untracked() {
            storage::remove_local(&key_for_hand_off);
            draft.clear();
            triage.clear();
            last_attempt.set_value(None);
            stage.set(Stage::HandedOff(id, complaint));
            focus_later(FocusTarget::Receipt);
        }
    });
    let back_to_form = Callback::new(move |()| {
        stage.set(Stage::Editing);
        focus_later(FocusTarget::Heading);
    });
    view! {
        <div class="aduan-widget">
            <OutboxList outbox=outbox current=current on_edit=edit_from_outbox />
            <ReceiptPanel sent=receipt.into() heading_ref=receipt_ref on_send_now=send_now on_another=another />
            <HandOffPanel hand_off=hand_off.into() heading_ref=hand_off_ref on_opened=handed_off on_back=back_to_form />
            <div hidden=form_hidden>
            <h2 class="aduan-heading" tabindex="-1" node_ref=heading_ref>{text.heading}</h2>
            <p class="aduan-body">{(text.intro)(&regency)}</p>
            <DraftNotice news=news on_clear=clear_form on_undo=undo_clear undo_ref=undo_ref />
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
                <MyLocation coordinates=draft.coordinates />
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
                // A trap for bots: off screen, out of the tab order and hidden
                // from assistive technology, so no person fills it in.
                <div class="aduan-trap" aria-hidden="true">
                    <label for="aduan-website">{text.trap_label}</label>
                    <input
                        id="aduan-website"
                        name="website"
                        type="text"
                        tabindex="-1"
                        autocomplete="off"
                        prop:value=move || trap.get()
                        on:input=move |event| trap.set(event_target_value(&event))
                    />
                </div>
                <SendFailure error=failure suspicion=suspicion node_ref=failure_ref />
                <button
                    type="submit"
                    class="aduan-button"
                    aria-disabled=move || sending.get().then_some("true")
                >
                    {move || {
                        if sending.get() {
                            text.sending
                        } else if failure.with(Option::is_some) || suspicion.with(Option::is_some) {
                            text.retry
                        } else {
                            text.submit
                        }
                    }}
                </button>
                <div class="aduan-draft-controls">
                    <p class="aduan-hint">{text.draft_note}</p>
                    <button type="button" class="aduan-button aduan-button--secondary" on:click=move |_| clear_form.run(())>
                        {text.delete_draft}
                    </button>
                </div>
            </form>
            </div>
        </div>
    }
}
