//! The agency suggestion beside the agency question: who probably handles the
//! complaint, how sure, because of which words, two alternatives, and a way to
//! choose another. When unsure it asks rather than guesses.

use leptos::html;
use leptos::prelude::*;

use super::focus::focus_by_id;
use super::{FormContext, TriageState};
use crate::complaint::Field;
use crate::triage::{Confidence, Route};

/// Shown under the agency list once the text says something.
#[component]
pub fn AgencySuggestion(
    /// The triage state; the suggestion is read from it.
    triage: TriageState,
    /// The chosen agency id, which the buttons set.
    agency: RwSignal<String>,
) -> impl IntoView {
    let context = FormContext::get();
    let text = context.text;
    let config = context.config.clone();
    let area = NodeRef::<html::Div>::new();
    let choose = Callback::new(move |id: String| {
        triage.agency_chosen.set(true);
        agency.set(id);
    });
    let choose_other = move |_| {
        if let Some(area) = area.get() {
            focus_by_id(&area, Field::Agency.input_id());
        }
    };

    // What the panel shows, without the probabilities: it re-renders (and is
    // re-announced) only when that changes, not at every pause in typing.
    let shown = Memo::new(move |_| {
        triage.suggestion.with(|s| {
            s.as_ref().filter(|s| s.topic.is_some()).map(|s| {
                let alternatives: Vec<String> = s.alternatives.iter().map(|(id, _)| id.clone()).collect();
                (s.route.clone(), s.confidence, s.reasons.clone(), alternatives)
            })
        })
    });
    let panel = move || {
        let (route, confidence, reasons, alternatives) = shown.get()?;
        let label = |id: &str| config.agency(id).map(|a| a.label(config.language)).unwrap_or_else(|| id.to_owned());
        let suggested = match (&route, confidence) {
            (Route::Agency(id), Confidence::Sure | Confidence::Likely) => Some(id.clone()),
            // A referral is shown under the description instead.
            (Route::Referral(_), _) => return None,
            _ => None,
        };
        let unsure = suggested.is_none().then_some(text.suggestion_unsure);
        let suggestion = suggested.map(|id| {
            let name = label(&id);
            let reasons = (!reasons.is_empty()).then(|| (text.suggestion_reasons)(&reasons));
            let alternatives = alternatives
                .iter()
                .map(|other| view! { <li><AgencyButton id=other.clone() name=label(other) agency=agency on_choose=choose /></li> })
                .collect_view();
            view! {
                <h3 class="aduan-inset__title">{text.suggestion_title}</h3>
                <p class="aduan-body">{(text.suggestion_body)(&name, confidence == Confidence::Sure)}</p>
                <p class="aduan-body aduan-suggestion__confidence">{(text.suggestion_confidence)(confidence == Confidence::Sure)}</p>
                <p class="aduan-hint">{reasons}</p>
                <AgencyButton id=id name=name agency=agency on_choose=choose />
                <p class="aduan-inset__label">{text.suggestion_alternatives}</p>
                <ul class="aduan-inset__list">{alternatives}</ul>
            }
        });
        Some(view! {
            <div class="aduan-inset">
                {suggestion}
                {unsure.map(|sentence| view! { <p class="aduan-body">{sentence}</p> })}
                <button type="button" class="aduan-link-button" on:click=choose_other>{text.choose_other_agency}</button>
            </div>
        })
    };
    view! { <div class="aduan-suggestion" aria-live="polite" node_ref=area>{panel}</div> }
}

/// "Pilih X": pressed while X is the chosen agency.
#[component]
fn AgencyButton(id: String, name: String, agency: RwSignal<String>, on_choose: Callback<String>) -> impl IntoView {
    let text = FormContext::get().text;
    let pressed = {
        let id = id.clone();
        Signal::derive(move || if agency.with(|current| *current == id) { "true" } else { "false" })
    };
    view! {
        <button
            type="button"
            class="aduan-button aduan-button--secondary aduan-suggestion__choose"
            aria-pressed=pressed
            on:click=move |_| on_choose.run(id.clone())
        >
            {(text.choose_agency)(&name)}
        </button>
    }
}
