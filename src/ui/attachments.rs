//! Photos and documents: limits stated up front, each chosen file listed with
//! its size, a thumbnail for a photo and a remove button, and a file that
//! breaks a limit flagged at once rather than silently dropped. Photos are
//! scaled down (and their EXIF dropped) as soon as they are chosen.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::question::{QuestionLabel, class_when, group_class, invalid};
use super::{Attached, AttachedState, FormContext};
use crate::browser::{files, photo};
use crate::complaint::{Field, FieldError, Problem};
use crate::config::Limits;
use crate::messages::human_size;
use crate::validate::check_attachments;

/// The first problem with the chosen files: one that could not be read, else
/// the limits. Also what sending checks.
pub fn attachments_problem(all: &[Attached], limits: &Limits) -> Option<Problem> {
    if let Some(unreadable) = all.iter().find(|a| a.state == AttachedState::Unreadable) {
        return Some(Problem::FileUnreadable { name: unreadable.file.name() });
    }
    let infos: Vec<_> = all.iter().map(|a| files::info(&a.file)).collect();
    check_attachments(&infos, limits).err()
}

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

    let (max_side, quality) = (limits.photo_max_side, limits.photo_quality);
    let allowed = limits.attachment_types.clone();
    let live_error = Signal::derive(move || {
        files
            .with(|all| attachments_problem(all, &limits))
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
                    // A photo of an allowed type is scaled; anything else is
                    // listed as chosen, and the limits flag it if need be.
                    let mime = file.type_();
                    let scale = crate::photo::is_photo(&mime) && allowed.iter().any(|t| t.eq_ignore_ascii_case(&mime));
                    let state = if scale { AttachedState::Preparing } else { AttachedState::Ready };
                    Attached { key, file, state, preview: None }
                })
                .collect();
            for attached in chosen.iter().filter(|a| a.state == AttachedState::Preparing) {
                let (key, original) = (attached.key, attached.file.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let scaled = photo::scale(&original, max_side, quality).await;
                    // The photo may have been removed meanwhile: then nothing changes.
                    files.try_update(|all| {
                        let Some(attached) = all.iter_mut().find(|a| a.key == key) else { return };
                        match scaled {
                            Some((file, thumbnail)) => {
                                attached.file = file;
                                attached.state = AttachedState::Scaled;
                                attached.preview = Some(thumbnail);
                            }
                            None => attached.state = AttachedState::Unreadable,
                        }
                    });
                });
            }
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
                            let size = match attached.state {
                                AttachedState::Preparing => text.preparing_photo.to_owned(),
                                AttachedState::Scaled => format!("{}, {}", human_size(attached.file.size() as u64, lang), text.photo_scaled),
                                AttachedState::Ready | AttachedState::Unreadable => human_size(attached.file.size() as u64, lang),
                            };
                            let key = attached.key;
                            let thumbnail = attached.preview.clone().map(|canvas| {
                                let _ = canvas.set_attribute("class", "aduan-file-list__preview");
                                let _ = canvas.set_attribute("role", "img");
                                let _ = canvas.set_attribute("aria-label", &(text.preview_of)(&name));
                                let slot = NodeRef::<html::Span>::new();
                                slot.on_load(move |slot| {
                                    let _ = slot.append_child(&canvas);
                                });
                                view! { <span node_ref=slot></span> }
                            });
                            view! {
                                <li class="aduan-file-list__item">
                                    {thumbnail}
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
