//! "Not the regency's job": who handles the matter instead, with a number to
//! call and a link. Sending stays possible.

use leptos::prelude::*;

use super::{FormContext, TriageState};
use crate::triage::Route;

/// Shown under the description when the suggestion is a referral.
#[component]
pub fn ReferralNotice(
    /// The triage state; the referral is read from its suggestion.
    triage: TriageState,
) -> impl IntoView {
    let context = FormContext::get();
    let text = context.text;
    let regency = context.config.regency.name.clone();
    // Only a change of referral re-renders (and re-announces) the notice.
    let referral = Memo::new(move |_| {
        triage.suggestion.with(|s| match s.as_ref().map(|s| &s.route) {
            Some(Route::Referral(referral)) => Some(referral.clone()),
            _ => None,
        })
    });
    move || {
        let referral = referral.get()?;
        let call = referral.phone.clone().map(|phone| {
            let href = format!("tel:{}", phone.replace([' ', '-'], ""));
            view! { <a class="aduan-call" href=href>{(text.referral_call)(&phone)}</a> }
        });
        let site = referral.url.clone().map(|url| {
            view! { <a class="aduan-link" href=url target="_blank" rel="noopener">{text.referral_site}</a> }
        });
        Some(view! {
            <div class="aduan-inset aduan-inset--referral" role="status">
                <h3 class="aduan-inset__title">{(text.referral_title)(&regency)}</h3>
                <p class="aduan-body">{(text.referral_body)(&referral.name)}</p>
                <p class="aduan-body aduan-inset__actions">{call}" "{site}</p>
                <p class="aduan-hint">{text.referral_still_send}</p>
            </div>
        })
    }
}
