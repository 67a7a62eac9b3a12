//! The two privacy choices of SP4N-LAPOR!, each explained in one plain sentence.

use leptos::prelude::*;

use super::FormContext;
use crate::messages::Question;

/// Anonim and Rahasia checkboxes, and a link to the regency's privacy notice.
#[component]
pub fn Privacy(
    /// Anonim: identity hidden from the agency.
    anonymous: RwSignal<bool>,
    /// Rahasia: the report is not published.
    confidential: RwSignal<bool>,
) -> impl IntoView {
    let context = FormContext::get();
    let text = context.text;
    let privacy_url = context.config.privacy_url.clone();
    view! {
        <fieldset class="aduan-fieldset aduan-fieldset--section aduan-form-group">
            <legend class="aduan-fieldset__legend aduan-fieldset__legend--section">{text.privacy.label}</legend>
            <div class="aduan-checkboxes">
                <Checkbox id="aduan-anonymous" question=text.anonymous checked=anonymous />
                <Checkbox id="aduan-confidential" question=text.confidential checked=confidential />
            </div>
            {privacy_url.map(|url| view! {
                <p class="aduan-body"><a class="aduan-link" href=url target="_blank" rel="noopener">{text.privacy_link}</a></p>
            })}
        </fieldset>
    }
}

#[component]
fn Checkbox(id: &'static str, question: Question, checked: RwSignal<bool>) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    view! {
        <div class="aduan-checkboxes__item">
            <input
                class="aduan-checkboxes__input"
                type="checkbox"
                id=id
                name=id
                aria-describedby=hint_id.clone()
                prop:checked=checked
                on:change=move |event| checked.set(event_target_checked(&event))
            />
            <label class="aduan-label aduan-checkboxes__label" for=id>{question.label}</label>
            <div class="aduan-hint aduan-checkboxes__hint" id=hint_id>{question.hint}</div>
        </div>
    }
}
