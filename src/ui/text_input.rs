//! A one-line text answer: title, location detail, name, phone, email, NIK.

use leptos::prelude::*;

use super::FormContext;
use super::question::{QuestionLabel, error_text, group_class, invalid};
use crate::complaint::Field;

/// A labelled `<input>` bound to one answer of the draft.
#[component]
pub fn TextInput(
    /// The question it answers.
    field: Field,
    /// What the citizen has typed, exactly.
    value: RwSignal<String>,
    /// The input `type`: `text`, `tel` or `email`. Default: `text`.
    #[prop(default = "text")]
    input_type: &'static str,
    /// The `autocomplete` token (`name`, `tel`, `email`) so phones can fill it in.
    /// Default: none.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// The `inputmode`, e.g. `numeric` for the NIK. Default: from the type.
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// A width modifier such as `aduan-input--width-20`. Default: full width.
    #[prop(optional)]
    width: Option<&'static str>,
    /// Whether the label adds "(opsional)". Default: required.
    #[prop(into, default = Signal::stored(false))]
    optional: Signal<bool>,
) -> impl IntoView {
    let context = FormContext::get();
    let error = error_text(&context, field);
    // Spelling suggestions only help with prose, not with numbers or addresses.
    let spellcheck = (input_type != "text" || inputmode.is_some()).then_some("false");
    let class = Signal::derive(move || {
        let mut class = String::from("aduan-input");
        if let Some(width) = width {
            class.push(' ');
            class.push_str(width);
        }
        if error.with(Option::is_some) {
            class.push_str(" aduan-input--error");
        }
        class
    });
    view! {
        <div class=group_class(error)>
            <QuestionLabel field=field optional=optional error=error />
            <input
                class=class
                id=field.input_id()
                name=field.input_id()
                type=input_type
                autocomplete=autocomplete
                inputmode=inputmode
                spellcheck=spellcheck
                // Arabic or other right-to-left text is shown in its own direction.
                dir="auto"
                aria-describedby=context.described_by(field, &[])
                aria-invalid=invalid(error)
                prop:value=value
                on:input=move |event| value.set(event_target_value(&event))
            />
        </div>
    }
}
