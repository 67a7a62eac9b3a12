//! The frame of every question: label or legend, hint, inline error, and the
//! `--error` modifier that draws the red bar beside a question that needs fixing.
//! Components put these pieces around their own inputs.

use leptos::prelude::*;

use super::FormContext;
use crate::complaint::Field;

/// The head of a question with one input: its `<label for>`, hint and inline
/// error. The caller puts it and the input in a [`group_class`] `<div>`.
///
/// Heads take no children on purpose: a child view would be type-erased at
/// every call site, and each erasure costs the phone WebAssembly.
#[component]
pub fn QuestionLabel(
    /// The question; its label, hint and error come from the messages.
    field: Field,
    /// Whether the label adds "(opsional)". Default: required.
    #[prop(into, default = Signal::stored(false))]
    optional: Signal<bool>,
    /// The error sentence to show, from [`error_text`] (or checked live).
    error: Signal<Option<String>>,
) -> impl IntoView {
    let question = FormContext::get().text.question(field);
    view! {
        <label class="aduan-label" for=field.input_id()>
            {question.label}
            <OptionalMark optional=optional />
        </label>
        <Hint field=field />
        <ErrorMessage field=field error=error />
    }
}

/// The head of a question with several inputs (radios, a date): the legend,
/// hint and inline error, to go first inside its `<fieldset>`.
#[component]
pub fn QuestionLegend(
    /// The question; its legend, hint and error come from the messages.
    field: Field,
    /// Whether the legend adds "(opsional)". Default: required.
    #[prop(into, default = Signal::stored(false))]
    optional: Signal<bool>,
    /// The error sentence to show, from [`error_text`].
    error: Signal<Option<String>>,
) -> impl IntoView {
    let question = FormContext::get().text.question(field);
    view! {
        <legend class="aduan-fieldset__legend">
            {question.label}
            <OptionalMark optional=optional />
        </legend>
        <Hint field=field />
        <ErrorMessage field=field error=error />
    }
}

/// The hint under a label, if the question has one.
#[component]
pub fn Hint(
    /// Whose hint; its id is `{field}-hint`.
    field: Field,
) -> impl IntoView {
    let hint = FormContext::get().text.question(field).hint;
    (!hint.is_empty()).then(|| {
        view! { <div class="aduan-hint" id=format!("{}-hint", field.id_base())>{hint}</div> }
    })
}

/// The inline error, with a prefix only screen readers hear.
#[component]
pub fn ErrorMessage(
    /// Whose error; its id is `{field}-error`.
    field: Field,
    /// The sentence to show, or `None` for no error.
    error: Signal<Option<String>>,
) -> impl IntoView {
    let prefix = FormContext::get().text.error_prefix;
    // Always in the page and hidden when there is no error: cheaper to build
    // than a view that comes and goes (see `invalid`).
    let hidden = Signal::derive(move || error.with(Option::is_none));
    let sentence = Signal::derive(move || error.get().unwrap_or_default());
    view! {
        <p class="aduan-error-message" id=format!("{}-error", field.id_base()) hidden=hidden>
            <span class="aduan-visually-hidden">{prefix}" "</span>
            {sentence}
        </p>
    }
}

#[component]
fn OptionalMark(optional: Signal<bool>) -> impl IntoView {
    let mark = FormContext::get().text.optional;
    let hidden = Signal::derive(move || !optional.get());
    view! { <span class="aduan-label__optional" hidden=hidden>" "{mark}</span> }
}

/// The sentence for `field`'s error from the last submission.
pub fn error_text(context: &FormContext, field: Field) -> Signal<Option<String>> {
    let error = context.error(field);
    let describe = context.text.field_error;
    Signal::derive(move || error.with(|e| e.as_ref().map(describe)))
}

/// The class of a question's `<div>`, with the red bar while it has an error.
pub fn group_class(error: Signal<Option<String>>) -> Signal<&'static str> {
    Signal::derive(move || {
        if error.with(Option::is_some) { "aduan-form-group aduan-form-group--error" } else { "aduan-form-group" }
    })
}

/// `aria-invalid` while a field has an error; absent otherwise.
///
/// Reactive attributes in this UI are `Signal`s rather than closures: every
/// closure is a type of its own that the compiler expands into its own rendering
/// code, while all `Signal<Option<&str>>` attributes share one. That keeps the
/// WebAssembly small.
pub fn invalid(error: Signal<Option<String>>) -> Signal<Option<&'static str>> {
    Signal::derive(move || error.with(Option::is_some).then_some("true"))
}

/// One of two classes, by a condition.
pub fn class_when(
    condition: impl Fn() -> bool + Send + Sync + 'static,
    plain: &'static str,
    flagged: &'static str,
) -> Signal<&'static str> {
    Signal::derive(move || if condition() { flagged } else { plain })
}
