//! A choice from a list, as a native `<select>`: the control phones render best.

use leptos::prelude::*;

use super::FormContext;
use super::question::{QuestionLabel, class_when, error_text, group_class, invalid};
use crate::complaint::Field;

/// A labelled `<select>` whose first option (value "") means "nothing chosen".
#[component]
pub fn Choice(
    /// The question it answers.
    field: Field,
    /// The chosen value (a code or id), or empty.
    value: RwSignal<String>,
    /// The options as (value, label), in display order.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    /// The label of the empty first option.
    #[prop(into)]
    placeholder: Signal<&'static str>,
    /// Whether the label adds "(opsional)". Default: required.
    #[prop(into, default = Signal::stored(false))]
    optional: Signal<bool>,
    /// Called after the citizen changes the choice. Default: nothing.
    #[prop(optional)]
    on_change: Option<Callback<()>>,
) -> impl IntoView {
    let context = FormContext::get();
    let error = error_text(&context, field);
    view! {
        <div class=group_class(error)>
            <QuestionLabel field=field optional=optional error=error />
            <select
                class=class_when(move || error.with(Option::is_some), "aduan-select", "aduan-select aduan-select--error")
                id=field.input_id()
                name=field.input_id()
                aria-describedby=context.described_by(field, &[])
                aria-invalid=invalid(error)
                prop:value=value
                on:change=move |event| {
                    value.set(event_target_value(&event));
                    if let Some(on_change) = on_change {
                        on_change.run(());
                    }
                }
            >
                <option value="">{placeholder}</option>
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(code, label)| {
                            let selected = value.with_untracked(|chosen| *chosen == code);
                            view! { <option value=code selected=selected>{label}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}
