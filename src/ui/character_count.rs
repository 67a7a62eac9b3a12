//! The description: a textarea with a GOV.UK character count. No hard
//! `maxlength` (people paste, then trim); a visible count, hidden from screen
//! readers, and a polite live region that speaks the count once typing pauses.

use std::time::Duration;

use leptos::prelude::*;

use super::FormContext;
use super::question::{QuestionLabel, class_when, error_text, group_class, invalid};
use crate::complaint::Field;
use crate::validate::characters_left;

/// How long typing must pause before the count is announced.
const ANNOUNCE_AFTER: Duration = Duration::from_millis(1000);

/// A labelled `<textarea>` with a character count.
#[component]
pub fn CharacterCount(
    /// The question it answers.
    field: Field,
    /// What the citizen has typed, exactly.
    value: RwSignal<String>,
    /// The most characters allowed; the count goes negative beyond it.
    max: usize,
) -> impl IntoView {
    let context = FormContext::get();
    let text = context.text;
    let error = error_text(&context, field);
    let info_id: &'static str = "aduan-description-info";

    let left = Memo::new(move |_| value.with(|typed| characters_left(typed, max)));
    let announced = RwSignal::new(String::new());
    // Each keystroke takes a ticket; only the last one, a second later, speaks.
    let typing = StoredValue::new(0u64);
    let on_input = move |event: leptos::ev::Event| {
        value.set(event_target_value(&event));
        let ticket = typing.get_value() + 1;
        typing.set_value(ticket);
        set_timeout(
            move || {
                if typing.try_get_value() == Some(ticket) {
                    announced.set((text.characters_left)(left.get_untracked()));
                }
            },
            ANNOUNCE_AFTER,
        );
    };

    let over = move || left.get() < 0;
    let textarea_class = class_when(
        move || over() || error.with(Option::is_some),
        "aduan-textarea",
        "aduan-textarea aduan-textarea--error",
    );
    let count_class = class_when(
        over,
        "aduan-character-count__message",
        "aduan-character-count__message aduan-character-count__message--over",
    );
    let count = Signal::derive(move || (text.characters_left)(left.get()));
    view! {
        <div class=group_class(error)>
            <QuestionLabel field=field error=error />
            <textarea
                class=textarea_class
                id=field.input_id()
                name=field.input_id()
                rows="6"
                dir="auto"
                aria-describedby=context.described_by(field, &["aduan-description-info"])
                aria-invalid=invalid(error)
                prop:value=value
                on:input=on_input
            ></textarea>
            <p class="aduan-visually-hidden" id=info_id>{(text.characters_allowed)(max)}</p>
            <p
                class=count_class
                aria-hidden="true"
            >
                {count}
            </p>
            <p class="aduan-visually-hidden" aria-live="polite">{announced}</p>
        </div>
    }
}
