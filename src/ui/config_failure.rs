//! What appears in place of a widget whose config could not be loaded: a plain
//! apology for the citizen and, in small print, what the webmaster must fix.

use leptos::prelude::*;

use crate::messages::Lang;

/// The failure message; never a blank box.
#[component]
pub fn ConfigFailure(
    /// The language from the element's `lang` attribute (the config, which
    /// would say, is what failed).
    lang: Lang,
    /// What went wrong, for the webmaster.
    detail: String,
) -> impl IntoView {
    let text = lang.messages();
    view! {
        <div class="aduan-notice aduan-notice--error" role="alert">
            <h2 class="aduan-notice__title">{text.config_failed_title}</h2>
            <p class="aduan-body">{text.config_failed_body}</p>
            <p class="aduan-hint aduan-notice__detail">{text.config_failed_detail}" "<code>{detail}</code></p>
        </div>
    }
}
