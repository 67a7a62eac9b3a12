//! What a backend's answer means: a receipt, or a reason the complaint was not taken.
//!
//! Part of the pure core. The browser edge sends the request and hands the status
//! and body here, so every kind of answer (a receipt, a refusal with a reason, a
//! captive Wi-Fi portal's HTML page, an overloaded server) is tested natively.

pub mod backend;
pub mod outbox;
pub mod request;

use crate::json::{self, Json};
use crate::messages::Messages;
use crate::payload::ClientId;
use request::AnswerFormat;

/// Proof that a backend accepted a complaint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receipt {
    pub client_id: ClientId,
    /// The backend's own number for the complaint, when it gives one.
    pub tracking_number: Option<String>,
    /// True when the backend already had this complaint (a retry that arrived twice).
    pub duplicate: bool,
}

impl Receipt {
    /// The number the citizen keeps: the backend's, else the start of the client id.
    pub fn reference(&self) -> &str {
        self.tracking_number.as_deref().unwrap_or(self.client_id.short())
    }
}

/// Why a complaint was not delivered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeliveryError {
    /// The request never reached a server: no signal, DNS failure, CORS refusal.
    Offline,
    /// No answer in time.
    Timeout,
    /// The backend refused the complaint (4xx); sending it again will not help.
    Rejected { reason: Option<String> },
    /// The backend failed or is overloaded (5xx, 408, 429); trying later may help.
    ServerError { status: u16 },
    /// A 2xx answer that is not the backend's (a captive portal's login page),
    /// so the complaint may not have arrived.
    Unreadable,
    /// An attached file can no longer be read (deleted or moved on the phone since
    /// it was chosen); the citizen has to choose it again.
    FileUnreadable { name: String },
}

impl DeliveryError {
    /// Whether sending the same complaint again could succeed.
    pub fn is_worth_retrying(&self) -> bool {
        !matches!(self, DeliveryError::Rejected { .. } | DeliveryError::FileUnreadable { .. })
    }

    /// The sentence the citizen reads.
    pub fn describe(&self, messages: &Messages) -> String {
        match self {
            DeliveryError::Offline => messages.delivery_offline.to_owned(),
            DeliveryError::Timeout => messages.delivery_timeout.to_owned(),
            DeliveryError::Rejected { reason } => (messages.delivery_rejected)(reason.as_deref()),
            DeliveryError::ServerError { status } => (messages.delivery_server_error)(*status),
            DeliveryError::Unreadable => messages.delivery_unreadable.to_owned(),
            DeliveryError::FileUnreadable { name } => (messages.delivery_file_unreadable)(name),
        }
    }
}

/// Longest backend reason shown to a citizen; the rest is cut.
const REASON_MAX: usize = 300;

/// Reads a backend's answer to a JSON POST.
///
/// # Example
/// ```
/// use aduan::{delivery::read_answer, payload::ClientId};
/// let id = ClientId::from_random([1; 16]);
/// let receipt = read_answer(&id, 201, r#"{"tracking_number": "BKS-2026-000042"}"#).unwrap();
/// assert_eq!(receipt.reference(), "BKS-2026-000042");
/// ```
pub fn read_answer(client_id: &ClientId, status: u16, body: &str) -> Result<Receipt, DeliveryError> {
    let json: Option<Json> = json::parse(body.trim()).ok();
    match status {
        200..=299 => {
            let receipt =
                |tracking_number, duplicate| Receipt { client_id: client_id.clone(), tracking_number, duplicate };
            if body.trim().is_empty() {
                return Ok(receipt(None, false));
            }
            match json {
                Some(object @ Json::Object(_)) => {
                    let tracking = ["tracking_number", "trackingNumber", "ticket", "id"]
                        .iter()
                        .find_map(|key| scalar_text(object.get(key)?));
                    let duplicate = object.get("duplicate").and_then(Json::as_bool).unwrap_or(false);
                    Ok(receipt(tracking, duplicate))
                }
                _ => Err(DeliveryError::Unreadable),
            }
        }
        408 | 429 | 500..=599 => Err(DeliveryError::ServerError { status }),
        _ => Err(DeliveryError::Rejected { reason: json.as_ref().and_then(reason) }),
    }
}

/// Reads a backend's answer in the shape its request asked for.
///
/// # Example
/// ```
/// use aduan::delivery::{read_answer_as, request::AnswerFormat};
/// use aduan::payload::ClientId;
/// let id = ClientId::from_random([1; 16]);
/// let answer = r#"[{"service_request_id": "2026-0042", "service_notice": "Diteruskan ke DLH"}]"#;
/// let receipt = read_answer_as(AnswerFormat::Open311, &id, 201, answer).unwrap();
/// assert_eq!(receipt.reference(), "2026-0042");
/// ```
pub fn read_answer_as(
    format: AnswerFormat,
    client_id: &ClientId,
    status: u16,
    body: &str,
) -> Result<Receipt, DeliveryError> {
    match (format, status) {
        (AnswerFormat::Open311, 200..=299) => match json::parse(body.trim()) {
            // GeoReport v2 answers with a list of one: the request's id, or a
            // token to look the id up by when the server assigns it later.
            Ok(Json::Array(items)) => {
                let first = items.first();
                let tracking = ["service_request_id", "token"]
                    .iter()
                    .find_map(|key| first.and_then(|item| item.get(key)).and_then(scalar_text));
                Ok(Receipt { client_id: client_id.clone(), tracking_number: tracking, duplicate: false })
            }
            _ => Err(DeliveryError::Unreadable),
        },
        _ => read_answer(client_id, status, body),
    }
}

/// Reads a media host's answer to a photo upload: the photo's public address,
/// for an Open311 request's `media_url`. Failures read like a backend's, so a
/// host that is down is retried and one that refuses the photo says why.
///
/// # Example
/// ```
/// use aduan::delivery::read_media_address;
/// let address = read_media_address(201, r#"{"url": "https://berkas.example.go.id/media/ab12.jpg"}"#);
/// assert_eq!(address.unwrap(), "https://berkas.example.go.id/media/ab12.jpg");
/// ```
pub fn read_media_address(status: u16, body: &str) -> Result<String, DeliveryError> {
    let json: Option<Json> = json::parse(body.trim()).ok();
    match status {
        200..=299 => json
            .as_ref()
            .and_then(|object| ["url", "media_url"].iter().find_map(|key| object.get(key)?.as_str()))
            .map(str::trim)
            .filter(|url| url.starts_with("https://") || url.starts_with("http://"))
            .map(str::to_owned)
            .ok_or(DeliveryError::Unreadable),
        408 | 429 | 500..=599 => Err(DeliveryError::ServerError { status }),
        _ => Err(DeliveryError::Rejected { reason: json.as_ref().and_then(reason) }),
    }
}

/// The human-readable reason in an error body, in the shapes backends use:
/// `{"error": {"message": …}}`, `{"error": "…"}`, `{"message": …}` (Laravel),
/// and Open311's `[{"code": …, "description": …}]`.
fn reason(json: &Json) -> Option<String> {
    let text = match json {
        Json::Array(items) => items.first()?.get("description").and_then(Json::as_str),
        Json::Object(_) => json
            .get("error")
            .and_then(|error| error.get("message").and_then(Json::as_str).or(error.as_str()))
            .or_else(|| json.get("message").and_then(Json::as_str))
            .or_else(|| json.get("description").and_then(Json::as_str)),
        _ => None,
    }?;
    let text = crate::text::clean_line(text);
    (!text.is_empty()).then(|| crate::text::truncate_chars(&text, REASON_MAX).to_owned())
}

fn scalar_text(value: &Json) -> Option<String> {
    match value {
        Json::String(text) if !text.trim().is_empty() => Some(crate::text::clean_line(text)),
        Json::Number(number) => Some(number.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id() -> ClientId {
        ClientId::from_random([9; 16])
    }

    #[test]
    fn a_media_host_answer_gives_the_photo_address_or_a_reason() {
        let host = "https://berkas.example.go.id/media/ab12.jpg";
        assert_eq!(read_media_address(201, &format!(r#"{{"url": "{host}"}}"#)), Ok(host.to_owned()));
        assert_eq!(read_media_address(200, &format!(r#"{{"media_url": " {host} "}}"#)), Ok(host.to_owned()));
        // A captive portal's page, an empty body or a script address are not an address.
        for body in ["<html>Masuk ke WiFi</html>", "", r#"{"url": "javascript:alert(1)"}"#, r#"{"url": 5}"#] {
            assert_eq!(read_media_address(200, body), Err(DeliveryError::Unreadable), "{body}");
        }
        assert_eq!(read_media_address(503, ""), Err(DeliveryError::ServerError { status: 503 }));
        assert!(read_media_address(503, "").unwrap_err().is_worth_retrying());
        assert_eq!(
            read_media_address(413, r#"{"error": {"code": "too_large", "message": "Foto terlalu besar"}}"#),
            Err(DeliveryError::Rejected { reason: Some("Foto terlalu besar".into()) })
        );
    }

    #[test]
    fn successful_answers_become_receipts() {
        let cases: &[(u16, &str, Option<&str>, bool)] = &[
            (201, r#"{"tracking_number": "BKS-2026-000001", "duplicate": false}"#, Some("BKS-2026-000001"), false),
            (200, r#"{"tracking_number": "BKS-2026-000001", "duplicate": true}"#, Some("BKS-2026-000001"), true),
            (201, r#"{"trackingNumber": "A-7"}"#, Some("A-7"), false),
            (200, r#"{"id": 1234}"#, Some("1234"), false),
            (200, r#"{"ticket": "  T 9 "}"#, Some("T 9"), false),
            (200, r#"{"ok": true}"#, None, false),
            (204, "", None, false),
            (202, "  \n", None, false),
        ];
        for (status, body, tracking, duplicate) in cases {
            let receipt = read_answer(&id(), *status, body).unwrap_or_else(|e| panic!("{status} {body}: {e:?}"));
            assert_eq!(receipt.tracking_number.as_deref(), *tracking, "{body}");
            assert_eq!(receipt.duplicate, *duplicate, "{body}");
        }
    }

    #[test]
    fn without_a_tracking_number_the_citizen_keeps_the_short_client_id() {
        let receipt = read_answer(&id(), 204, "").unwrap();
        assert_eq!(receipt.reference(), "09090909");
    }

    #[test]
    fn a_captive_portal_page_is_not_mistaken_for_a_receipt() {
        let page = "<html><body>Silakan login Wi-Fi</body></html>";
        assert_eq!(read_answer(&id(), 200, page), Err(DeliveryError::Unreadable));
        assert_eq!(read_answer(&id(), 200, "[1,2]"), Err(DeliveryError::Unreadable));
    }

    #[test]
    fn refusals_carry_the_backends_reason_in_every_common_shape() {
        let cases: &[(u16, &str, Option<&str>)] = &[
            (
                400,
                r#"{"error": {"code": "invalid_complaint", "message": "Masukkan judul laporan"}}"#,
                Some("Masukkan judul laporan"),
            ),
            (422, r#"{"message": "The title field is required.", "errors": {}}"#, Some("The title field is required.")),
            (400, r#"{"error": "judul kosong"}"#, Some("judul kosong")),
            (400, r#"[{"code": 400, "description": "service_code not found"}]"#, Some("service_code not found")),
            (403, r#"[{"code": 403, "description": "Invalid api_key"}]"#, Some("Invalid api_key")),
            (404, "<html>Not Found</html>", None),
            (400, r#"{"error": {"message": "   "}}"#, None),
        ];
        for (status, body, reason) in cases {
            assert_eq!(
                read_answer(&id(), *status, body),
                Err(DeliveryError::Rejected { reason: reason.map(String::from) }),
                "{body}"
            );
        }
    }

    #[test]
    fn an_overlong_or_multiline_reason_is_tidied_for_display() {
        let body = serde_json::json!({"message": format!("baris\nkedua {}", "x".repeat(1000))}).to_string();
        let Err(DeliveryError::Rejected { reason: Some(reason) }) = read_answer(&id(), 400, &body) else {
            panic!("expected a refusal with a reason");
        };
        assert!(reason.starts_with("baris kedua"));
        assert_eq!(reason.chars().count(), REASON_MAX);
    }

    #[test]
    fn overload_and_server_failures_are_worth_retrying_but_refusals_are_not() {
        for status in [408, 429, 500, 502, 503] {
            let error = read_answer(&id(), status, "").unwrap_err();
            assert_eq!(error, DeliveryError::ServerError { status });
            assert!(error.is_worth_retrying());
        }
        assert!(!read_answer(&id(), 400, "{}").unwrap_err().is_worth_retrying());
        assert!(DeliveryError::Offline.is_worth_retrying());
    }
}
