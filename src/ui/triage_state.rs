//! The triage state of one form: the model once it has arrived, the latest
//! suggestion, and whether the citizen has chosen the kind and the agency
//! themselves (a suggestion never overrides a choice).

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;

use super::DraftState;
use crate::config::Config;
use crate::payload::TriageRecord;
use crate::triage::{Confidence, Model, Route, Suggestion, suggest};

/// How long typing must pause before the text is read again.
const READ_AFTER: Duration = Duration::from_millis(400);

/// Copyable handles to the triage signals.
#[derive(Clone, Copy)]
pub struct TriageState {
    pub model: RwSignal<Option<Arc<Model>>>,
    pub suggestion: RwSignal<Option<Suggestion>>,
    /// The citizen picked a kind: stop preselecting it.
    pub kind_chosen: RwSignal<bool>,
    /// The citizen picked an agency (in the list or with a button): stop preselecting it.
    pub agency_chosen: RwSignal<bool>,
    typing: StoredValue<u64>,
}

impl TriageState {
    pub fn new() -> Self {
        Self {
            model: RwSignal::new(None),
            suggestion: RwSignal::new(None),
            kind_chosen: RwSignal::new(false),
            agency_chosen: RwSignal::new(false),
            typing: StoredValue::new(0),
        }
    }

    /// Reads the draft's title and description once typing pauses, and applies
    /// the result: the suggestion, and the kind and agency while the citizen
    /// has not chosen them.
    pub fn read_later(self, draft: DraftState, config: Arc<Config>) {
        let ticket = self.typing.get_value() + 1;
        self.typing.set_value(ticket);
        set_timeout(
            move || {
                if self.typing.try_get_value() != Some(ticket) {
                    return;
                }
                let (Some(model), Some(routing)) = (self.model.get_untracked(), config.triage.as_ref()) else {
                    return;
                };
                let text = format!("{}\n{}", draft.title.get_untracked(), draft.description.get_untracked());
                let suggestion = suggest(&model, routing, &text);
                self.apply(draft, &suggestion);
                self.suggestion.set(Some(suggestion));
            },
            READ_AFTER,
        );
    }

    fn apply(self, draft: DraftState, suggestion: &Suggestion) {
        if !self.kind_chosen.get_untracked()
            && let Some(kind) = suggestion.kind
            && draft.kind.get_untracked() != Some(kind)
        {
            draft.kind.set(Some(kind));
        }
        if !self.agency_chosen.get_untracked() {
            let preselect = match (&suggestion.route, suggestion.confidence) {
                (Route::Agency(id), Confidence::Sure) => id.clone(),
                _ => String::new(),
            };
            if draft.agency.with_untracked(|current| *current != preselect) {
                draft.agency.set(preselect);
            }
        }
    }

    /// What travels with the complaint: the suggestion and how the final
    /// agency relates to it.
    pub fn record(&self, final_agency: &str) -> Option<TriageRecord> {
        let model = self.model.get_untracked()?;
        let suggestion = self.suggestion.get_untracked()?;
        // Only what the citizen was shown counts: an agency suggestion (and its
        // alternatives) appears only when the form is fairly sure.
        let shown = suggestion.topic.is_some() && suggestion.confidence != Confidence::Unsure;
        let suggested_agency = match &suggestion.route {
            Route::Agency(id) if shown => Some(id.clone()),
            _ => None,
        };
        let offered_alternative =
            suggested_agency.is_some() && suggestion.alternatives.iter().any(|(id, _)| id == final_agency);
        let choice = if final_agency.is_empty() {
            "unknown"
        } else if suggested_agency.as_deref() == Some(final_agency) {
            "suggested"
        } else if offered_alternative {
            "alternative"
        } else {
            "other"
        };
        Some(TriageRecord {
            model: model.id().to_owned(),
            topic: suggestion.topic.map(|t| t.code().to_owned()),
            confidence: suggestion.confidence.code().to_owned(),
            suggested_agency,
            referral: match &suggestion.route {
                Route::Referral(referral) => Some(referral.name.clone()),
                _ => None,
            },
            emergency: suggestion.emergency.as_ref().map(|e| e.danger.code().to_owned()),
            choice: choice.to_owned(),
        })
    }

    /// Forgets everything for the next report (the model stays).
    pub fn clear(&self) {
        self.suggestion.set(None);
        self.kind_chosen.set(false);
        self.agency_chosen.set(false);
    }
}

impl Default for TriageState {
    fn default() -> Self {
        Self::new()
    }
}
