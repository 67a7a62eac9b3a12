//! The error summary at the top of the form: what to fix, each a link that moves
//! focus to the question. It takes focus itself when shown, so a screen reader
//! user hears it at once.

use leptos::html;
use leptos::prelude::*;

use super::FormContext;
use super::focus::focus_by_id;

/// Lists the errors of the last attempt to send; hidden without errors.
#[component]
pub fn ErrorSummary(
    /// Set to the summary's element so the form can focus it.
    node_ref: NodeRef<html::Div>,
) -> impl IntoView {
    let context = FormContext::get();
    let text = context.text;
    let errors = context.errors();
    let hidden = Signal::derive(move || errors.with(Vec::is_empty));
    let items = move || {
        errors.with(|errors| {
            errors
                .iter()
                .map(|error| {
                    let target = error.target_id();
                    let sentence = (text.field_error)(error);
                    view! {
                        <li>
                            <a
                                class="aduan-error-summary__link"
                                href=format!("#{target}")
                                on:click=move |event| {
                                    event.prevent_default();
                                    if let Some(summary) = node_ref.get() {
                                        focus_by_id(&summary, target);
                                    }
                                }
                            >
                                {sentence}
                            </a>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="aduan-error-summary" tabindex="-1" hidden=hidden node_ref=node_ref>
            <div role="alert">
                <h2 class="aduan-error-summary__title">{text.error_summary_title}</h2>
                <ul class="aduan-error-summary__list">{items}</ul>
            </div>
        </div>
    }
}
