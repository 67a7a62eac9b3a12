//! The emergency banner at the top of the form: danger happening now needs a
//! phone call, not a form. It never blocks the form.

use leptos::prelude::*;

use super::{FormContext, TriageState};
use crate::triage::Danger;

/// Shown while the text reads as danger happening now.
#[component]
pub fn EmergencyBanner(
    /// The triage state; the emergency is read from its suggestion.
    triage: TriageState,
) -> impl IntoView {
    let context = FormContext::get();
    let text = context.text;
    let numbers = context.config.triage.as_ref().map(|routing| routing.emergency.clone()).unwrap_or_default();
    // Only a change of danger re-renders (and re-announces) the banner, not
    // every pause in typing.
    let danger =
        Memo::new(move |_| triage.suggestion.with(|s| s.as_ref().and_then(|s| s.emergency.as_ref().map(|e| e.danger))));
    let banner = move || {
        let danger = danger.get()?;
        let specific = match danger {
            Danger::Fire => (numbers.fire.clone(), text.service_fire),
            Danger::Rescue => (numbers.rescue.clone(), text.service_rescue),
            Danger::Medical | Danger::Accident => (numbers.ambulance.clone(), text.service_ambulance),
            Danger::Violence => (numbers.police.clone(), text.service_police),
        };
        let calls = [(numbers.general.clone(), text.service_general), specific]
            .into_iter()
            .map(|(number, service)| {
                let href = format!("tel:{}", number.replace([' ', '-'], ""));
                view! { <li><a class="aduan-call aduan-call--urgent" href=href>{(text.emergency_call)(&number, service)}</a></li> }
            })
            .collect_view();
        Some(view! {
            <div class="aduan-emergency" role="alert">
                <h3 class="aduan-emergency__title">{text.emergency_title}</h3>
                <p class="aduan-body">{text.emergency_body}</p>
                <ul class="aduan-emergency__calls">{calls}</ul>
            </div>
        })
    };
    // An element with role="alert" is announced when it is inserted; an empty
    // alert region left in the page would only confuse assistive technology.
    view! { <div class="aduan-emergency-region">{banner}</div> }
}
