//! The UI: Leptos components, one per file. They read signals, call the pure core
//! (validation, messages, delivery) and the browser edge through small states
//! (`DraftState`, `TriageState`, `OutboxState`), and render; they never
//! build requests or decide rules themselves. Markup follows GOV.UK Frontend:
//! `{field}-hint` and `{field}-error` ids chained into `aria-describedby`, an error
//! summary that takes focus, inline errors with a visually hidden prefix.

mod agency_suggestion;
mod attachments;
mod character_count;
mod choice;
mod config_failure;
mod context;
mod date_input;
mod draft_notice;
mod draft_state;
mod emergency_banner;
mod error_summary;
mod focus;
mod hand_off;
mod kind_radios;
mod location;
mod my_location;
mod outbox_list;
mod outbox_state;
mod privacy;
mod question;
mod receipt;
mod referral_notice;
mod send_failure;
mod text_input;
mod triage_state;
mod widget;

pub use config_failure::ConfigFailure;
pub use context::FormContext;
pub use draft_state::{Attached, AttachedState, DraftState};
pub use outbox_state::OutboxState;
pub use triage_state::TriageState;
pub use widget::Widget;
use widget::sleep;
