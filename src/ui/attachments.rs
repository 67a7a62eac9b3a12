//! Photos and documents: limits stated up front, each chosen file listed with
//! its size and a remove button, and a file that breaks a limit flagged at once
//! rather than silently dropped.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::question::{QuestionLabel, class_when, group_class, invalid};
use super::{Attached, FormContext};
use crate::browser::files;
use crate::complaint::{Field, FieldError};
use crate::messages::human_size;
use crate::validate::check_attachments;

/// The file input and the list of chosen files.
#[component]
pub fn Attachments(
    /// The chosen files, in order.
    files: RwSignal<Vec<Attached>, LocalStorage>,
) -> impl IntoView {
    let context = FormContext::get();
    let text = context.text;
    let lang = context.config.language;
    let limits = context.config.limits.clone();
    let hint =
        (text.attachment_limits)(limits.attachments_max_count, limits.attachment_max_bytes, &limits.attachment_types);
    let accept = limits.attachment_types.join(",");
    let input = NodeRef::<html::Input>::new();
    let next_key = StoredValue::new(0u32);

    let live_error = Signal::derive(move || {
        let infos: Vec<_> = files.with(|all| all.iter().map(|a| files::info(&a.file)).collect());
        check_attachments(&infos, &limits)
            .err()
            .map(|problem| (text.field_error)(&FieldError { field: Field::Attachments, problem }))
    });

    let on_change = move |event: leptos::ev::Event| {
        let Some(target) = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
            return;
        };
        if let Some(list) = target.files() {
            let chosen: Vec<Attached> = (0..list.length())
                .filter_map(|index| list.get(index))
                .map(|file| {
                    let key = next_key.get_value();
                    next_key.set_value(key + 1);
                    Attached { key, file }
                })
                .collect();
            files.update(|all| all.extend(chosen));
        }
        // Cleared so that choosing the same file again (after removing it) fires a change.
        target.set_value("");
    };
    let remove = move |key: u32| {
        files.update(|all| all.retain(|a| a.key != key));
        if let Some(input) = input.get() {
            let _ = input.focus();
        }
    };

    view! {
        <div class=group_class(live_error)>
            <QuestionLabel field=Field::Attachments optional=true error=live_error />
            <p class="aduan-hint" id="aduan-attachments-limits">{hint}</p>
            <input
                class=class_when(move || live_error.with(Option::is_some), "aduan-file-upload", "aduan-file-upload aduan-file-upload--error")
                id=Field::Attachments.input_id()
                name=Field::Attachments.input_id()
                type="file"
                multiple=true
                accept=accept
                aria-describedby=class_when(move || live_error.with(Option::is_some), "aduan-attachments-limits", "aduan-attachments-limits aduan-attachments-error")
                aria-invalid=invalid(live_error)
                node_ref=input
                on:change=on_change
            />
            {move || {
                let chosen = files.get();
                (!chosen.is_empty()).then(|| {
                    let items = chosen
                        .into_iter()
                        .map(|attached| {
                            let name = attached.file.name();
                            let size = human_size(attached.file.size() as u64, lang);
                            let key = attached.key;
                            view! {
                                <li class="aduan-file-list__item">
                                    <span class="aduan-file-list__name">{name.clone()}</span>
                                    <span class="aduan-file-list__size">{size}</span>
                                    <button type="button" class="aduan-button aduan-button--secondary aduan-file-list__remove" on:click=move |_| remove(key)>
                                        {text.remove}
                                        <span class="aduan-visually-hidden">" "{name}</span>
                                    </button>
                                </li>
                            }
                        })
                        .collect_view();
                    view! { <ul class="aduan-file-list" aria-label=text.chosen_files>{items}</ul> }
                })
            }}
        </div>
    }
}
