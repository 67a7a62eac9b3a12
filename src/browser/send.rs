//! Sending one validated complaint to the configured backend.

use std::time::Duration;

use crate::complaint::ValidComplaint;
use crate::config::Config;
use crate::delivery::{DeliveryError, Receipt, read_answer};
use crate::payload::{ClientId, ComplaintPayload, Envelope, TriageRecord};

use super::{clock, files, http};

/// Time allowed for the server to take the complaint: a minute, plus a second
/// for every 16 KB, because a photo on a weak village signal uploads slowly.
fn timeout_for(bytes: usize) -> Duration {
    Duration::from_secs(60 + (bytes / 16_384) as u64)
}

/// Reads the attachments, builds the payload and POSTs it. The same `client_id`
/// goes with every retry, so a backend that got an earlier attempt keeps one copy.
pub async fn send_complaint(
    complaint: &ValidComplaint,
    attached: &[web_sys::File],
    config: &Config,
    client_id: &ClientId,
    triage: Option<TriageRecord>,
) -> Result<Receipt, DeliveryError> {
    let mut bytes = Vec::with_capacity(attached.len());
    for file in attached {
        // A file deleted from the phone since it was chosen cannot be sent; the
        // citizen is told to try again, and the form still holds everything else.
        let read = files::read_bytes(file).await;
        bytes.push(read.map_err(|_| DeliveryError::FileUnreadable { name: file.name() })?);
    }
    let submitted_at = clock::now_rfc3339();
    let page_url = web_sys::window().and_then(|window| window.location().href().ok());
    let envelope = Envelope {
        client_id,
        submitted_at: &submitted_at,
        language: config.language,
        page_url: page_url.as_deref(),
        triage,
    };
    let json = ComplaintPayload::new(complaint, config, &envelope, &bytes).to_json();
    let timeout = timeout_for(json.len());
    let url = config.delivery.backend_for(None).kind.url().unwrap_or_default().to_owned();
    let answer = http::post_json(&url, json, timeout).await?;
    read_answer(client_id, answer.status, &answer.body)
}
