//! The notices about the saved draft: restored from an earlier visit, cleared
//! (with undo), or a refused complaint put back to be corrected.

use leptos::html;
use leptos::prelude::*;

use super::FormContext;

/// Which notice shows above the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftNews {
    None,
    Restored,
    Cleared,
    Returned,
}

#[component]
pub fn DraftNotice(
    news: RwSignal<DraftNews>,
    /// "Clear the form", offered with a restored draft.
    on_clear: Callback<()>,
    /// "Undo" after clearing.
    on_undo: Callback<()>,
    /// Set to the undo button, which takes focus once the form is cleared.
    undo_ref: NodeRef<html::Button>,
) -> impl IntoView {
    let text = FormContext::get().text;
    let is = move |which: DraftNews| Signal::derive(move || news.get() != which);
    let hidden = Signal::derive(move || news.get() == DraftNews::None);
    view! {
        <div class="aduan-notice aduan-notice--info" hidden=hidden>
            <div hidden=is(DraftNews::Restored)>
                <p class="aduan-body">{text.draft_restored}" "{text.draft_restored_files}</p>
                <button type="button" class="aduan-button aduan-button--secondary" on:click=move |_| on_clear.run(())>
                    {text.delete_draft}
                </button>
            </div>
            <div hidden=is(DraftNews::Cleared)>
                <p class="aduan-body" role="status">{text.draft_deleted}</p>
                <button type="button" class="aduan-button aduan-button--secondary" node_ref=undo_ref on:click=move |_| on_undo.run(())>
                    {text.undo}
                </button>
            </div>
            <p class="aduan-body" hidden=is(DraftNews::Returned)>{text.edit_returned}</p>
        </div>
    }
}
