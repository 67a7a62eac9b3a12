//! Where it happened: kecamatan, then desa or kelurahan from the config's
//! official list, then free text for the street or landmark.

use leptos::prelude::*;

use super::FormContext;
use super::choice::Choice;
use super::text_input::TextInput;
use crate::complaint::Field;

/// The location questions, in one fieldset.
#[component]
pub fn Location(
    /// Kemendagri code of the chosen kecamatan, or empty.
    kecamatan: RwSignal<String>,
    /// Kemendagri code of the chosen desa or kelurahan, or empty.
    desa: RwSignal<String>,
    /// Street, RT/RW or landmark.
    detail: RwSignal<String>,
    /// Whether the kecamatan may be left out: only complaints need a place.
    #[prop(into)]
    optional: Signal<bool>,
) -> impl IntoView {
    let context = FormContext::get();
    let text = context.text;
    let config = context.config.clone();

    // A desa from another kecamatan would be refused: forget it when the
    // citizen changes the kecamatan.
    let config_for_reset = config.clone();
    let forget_other_desa = Callback::new(move |()| {
        let fits = kecamatan.with_untracked(|chosen| {
            config_for_reset
                .kecamatan(chosen)
                .is_some_and(|k| desa.with_untracked(|code| k.desa.iter().any(|d| d.code == *code)))
        });
        if !fits && !desa.with_untracked(String::is_empty) {
            desa.set(String::new());
        }
    });

    let kecamatan_options: Vec<(String, String)> =
        config.areas.iter().map(|k| (k.code.clone(), k.name.clone())).collect();
    let config_for_desa = config.clone();
    let desa_options = Signal::derive(move || {
        kecamatan.with(|chosen| {
            config_for_desa
                .kecamatan(chosen)
                .map(|k| {
                    k.desa
                        .iter()
                        .map(|d| {
                            let label = if d.is_kelurahan() {
                                format!("{} {}", d.name, text.kelurahan_suffix)
                            } else {
                                d.name.clone()
                            };
                            (d.code.clone(), label)
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
    });
    let desa_placeholder =
        Signal::derive(
            move || if kecamatan.with(String::is_empty) { text.choose_kecamatan_first } else { text.choose_desa },
        );
    let has_areas = !config.areas.is_empty();

    view! {
        <fieldset class="aduan-fieldset aduan-fieldset--section">
            <legend class="aduan-fieldset__legend aduan-fieldset__legend--section">{text.location.label}</legend>
            {has_areas.then(|| view! {
                <Choice
                    field=Field::Kecamatan
                    value=kecamatan
                    options=kecamatan_options
                    placeholder=text.choose_kecamatan
                    optional=optional
                    on_change=forget_other_desa
                />
                <Choice
                    field=Field::Desa
                    value=desa
                    options=desa_options
                    placeholder=desa_placeholder
                    optional=true
                />
            })}
            <TextInput field=Field::LocationDetail value=detail autocomplete="off" optional=Signal::derive(move || has_areas || optional.get()) />
        </fieldset>
    }
}
