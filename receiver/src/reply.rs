//! What the receiver answers: a status, a few headers and a JSON body.
//!
//! Every answer, the refusals included, is JSON, because the widget shows the
//! `error.message` of a refusal to the citizen (see `aduan::delivery::read_answer`)
//! and because an agency's own tools should never have to parse HTML error pages.
//! The one exception is a photo the media host serves back ([`Reply::photo`]).
//! The error shape is always
//! `{"error": {"code": "…", "message": "…", "fields": [{"field": "…", "message": "…"}]}}`.

use aduan::messages::Lang;
use aduan::payload::Rejection;
use serde::Serialize;

/// An answer, independent of the HTTP library that sends it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    /// Empty for 204.
    pub body: Vec<u8>,
    /// A few words for the request log (a tracking number, an error code), never
    /// sent and never personal data.
    pub note: Option<String>,
    /// Close the connection instead of sending this answer: the fault switch's
    /// answer lost on the way back (`drop_next`). Always false without `--faults`.
    pub hang_up: bool,
}

/// The body of every refusal.
#[derive(Serialize)]
struct ErrorBody<'a> {
    error: ErrorDetail<'a>,
}

#[derive(Serialize)]
struct ErrorDetail<'a> {
    /// Machine-readable, stable: clients branch on it.
    code: &'a str,
    /// For people; the widget shows it to the citizen.
    message: &'a str,
    fields: Vec<FieldMessage>,
}

#[derive(Serialize)]
struct FieldMessage {
    field: &'static str,
    message: String,
}

/// Sent if a body cannot be serialised, which structs of strings never fail to be.
const UNSERIALISABLE: &[u8] =
    br#"{"error": {"code": "internal_error", "message": "the answer could not be written", "fields": []}}"#;

impl Reply {
    /// `body` serialised with its fields in declaration order, so answers read
    /// in the order the API documents them.
    pub fn json(status: u16, body: &impl Serialize) -> Self {
        Self {
            status,
            headers: vec![("Content-Type", "application/json; charset=utf-8".to_owned())],
            body: serde_json::to_vec(body).unwrap_or_else(|_| UNSERIALISABLE.to_vec()),
            note: None,
            hang_up: false,
        }
    }

    /// A stored photo, served as the type it was stored with. It never changes
    /// (its address is its content's hash), so any cache may keep it for a year.
    pub fn photo(mime: &str, bytes: Vec<u8>) -> Self {
        Self {
            status: 200,
            headers: vec![
                ("Content-Type", mime.to_owned()),
                ("Cache-Control", "public, max-age=31536000, immutable".to_owned()),
            ],
            body: bytes,
            note: None,
            hang_up: false,
        }
    }

    pub fn no_content() -> Self {
        Self { status: 204, headers: Vec::new(), body: Vec::new(), note: None, hang_up: false }
    }

    /// A refusal that is not about a field of the complaint.
    pub fn error(status: u16, code: &str, message: &str) -> Self {
        let mut reply = Self::json(status, &ErrorBody { error: ErrorDetail { code, message, fields: Vec::new() } });
        reply.note = Some(code.to_owned());
        reply
    }

    /// A payload the shared core refused, explained in `lang`; for an invalid
    /// complaint, `fields` lists every problem so a hand-made client can fix all
    /// of them at once.
    pub fn rejected(rejection: &Rejection, lang: Lang) -> Self {
        let fields = match rejection {
            Rejection::Invalid(errors) => errors
                .iter()
                .map(|error| FieldMessage { field: error.field.code(), message: (lang.messages().field_error)(error) })
                .collect(),
            _ => Vec::new(),
        };
        let message = rejection.message(lang);
        let mut reply =
            Self::json(400, &ErrorBody { error: ErrorDetail { code: rejection.code(), message: &message, fields } });
        reply.note = Some(rejection.code().to_owned());
        reply
    }

    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

#[cfg(test)]
mod tests {
    use aduan::complaint::{Field, FieldError, Problem};
    use serde_json::{Value, json};

    use super::*;

    fn body(reply: &Reply) -> Value {
        serde_json::from_slice(&reply.body).unwrap()
    }

    #[test]
    fn an_invalid_complaint_lists_every_field_in_the_citizens_language() {
        let rejection = Rejection::Invalid(vec![
            FieldError { field: Field::Title, problem: Problem::Missing },
            FieldError { field: Field::IncidentDate, problem: Problem::DateInFuture },
        ]);
        let reply = Reply::rejected(&rejection, Lang::Id);
        assert_eq!(reply.status, 400);
        let json = body(&reply);
        assert_eq!(json["error"]["code"], "invalid_complaint");
        assert_eq!(json["error"]["message"], "Masukkan judul laporan");
        assert_eq!(json["error"]["fields"][0]["field"], "title");
        assert_eq!(json["error"]["fields"][0]["message"], "Masukkan judul laporan");
        assert_eq!(json["error"]["fields"][1]["field"], "incident_date");
        assert_eq!(body(&Reply::rejected(&rejection, Lang::En))["error"]["message"], "Enter a title for your report");
    }

    #[test]
    fn other_refusals_have_the_same_shape_with_no_fields() {
        let json = body(&Reply::rejected(&Rejection::BadClientId, Lang::Id));
        assert_eq!(json["error"]["code"], "bad_client_id");
        assert_eq!(json["error"]["fields"], json!([]));
        let reply = Reply::error(415, "unsupported_media_type", "send JSON");
        assert_eq!(
            String::from_utf8_lossy(&reply.body),
            r#"{"error":{"code":"unsupported_media_type","message":"send JSON","fields":[]}}"#,
            "keys come in the documented order"
        );
    }
}
