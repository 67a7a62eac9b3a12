//! The three LAPOR! report kinds as radios, each with a one-line explanation.

use leptos::prelude::*;

use super::FormContext;
use super::question::{QuestionLegend, error_text, group_class};
use crate::complaint::{Field, ReportKind};

/// Pengaduan, Aspirasi or Permintaan Informasi. None is chosen until the citizen chooses.
#[component]
pub fn KindRadios(
    /// The chosen kind.
    value: RwSignal<Option<ReportKind>>,
    /// Called when the citizen chooses a kind. Default: nothing.
    #[prop(optional)]
    on_choose: Option<Callback<()>>,
) -> impl IntoView {
    let context = FormContext::get();
    let text = context.text;
    let error = error_text(&context, Field::Kind);
    view! {
        <div class=group_class(error)>
            <fieldset class="aduan-fieldset" aria-describedby=context.described_by(Field::Kind, &[])>
            <QuestionLegend field=Field::Kind error=error />
            <div class="aduan-radios">
                {ReportKind::ALL
                    .into_iter()
                    .map(|kind| {
                        let question = text.kind_question(kind);
                        let id = format!("aduan-kind-{}", kind.code());
                        let hint_id = format!("{id}-hint");
                        view! {
                            <div class="aduan-radios__item">
                                <input
                                    class="aduan-radios__input"
                                    type="radio"
                                    id=id.clone()
                                    name="aduan-kind"
                                    value=kind.code()
                                    aria-describedby=hint_id.clone()
                                    prop:checked=Signal::derive(move || value.get() == Some(kind))
                                    on:change=move |_| value.set(Some(kind))
                                    // A click on the kind already preselected fires no change,
                                    // but is the citizen's choice all the same.
                                    on:click=move |_| {
                                        if let Some(on_choose) = on_choose {
                                            on_choose.run(());
                                        }
                                    }
                                />
                                <label class="aduan-label aduan-radios__label" for=id>{question.label}</label>
                                <div class="aduan-hint aduan-radios__hint" id=hint_id>{question.hint}</div>
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
            </fieldset>
        </div>
    }
}
