//! What every field of one widget shares: its config, its language and the
//! current validation errors.

use std::sync::Arc;

use leptos::prelude::*;

use crate::complaint::{Field, FieldError};
use crate::config::Config;
use crate::messages::Messages;

/// The widget-wide context, provided by [`super::Widget`]. Each widget on a page
/// has its own, so two widgets never see each other's errors.
#[derive(Clone)]
pub struct FormContext {
    pub config: Arc<Config>,
    pub text: &'static Messages,
    errors: Signal<Vec<FieldError>>,
}

impl FormContext {
    pub fn new(config: Arc<Config>, errors: Signal<Vec<FieldError>>) -> Self {
        let text = config.language.messages();
        Self { config, text, errors }
    }

    /// The context of the enclosing widget.
    pub fn get() -> Self {
        expect_context::<FormContext>()
    }

    pub fn errors(&self) -> Signal<Vec<FieldError>> {
        self.errors
    }

    /// The error for `field` from the last attempt to send, if any.
    pub fn error(&self, field: Field) -> Signal<Option<FieldError>> {
        let errors = self.errors;
        Signal::derive(move || errors.with(|all| all.iter().find(|e| e.field == field).cloned()))
    }

    /// `aria-describedby` for `field`'s input: its hint (if it has one), then
    /// any extra ids, then its error while there is one.
    pub fn described_by(&self, field: Field, extra: &'static [&'static str]) -> Signal<Option<String>> {
        let has_hint = !self.text.question(field).hint.is_empty();
        let error = self.error(field);
        Signal::derive(move || {
            let mut ids: Vec<String> = Vec::new();
            if has_hint {
                ids.push(format!("{}-hint", field.id_base()));
            }
            ids.extend(extra.iter().map(|id| (*id).to_owned()));
            if error.with(Option::is_some) {
                ids.push(format!("{}-error", field.id_base()));
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        })
    }
}
