//! The copy of a received body kept in the `payload_json` column.
//!
//! Agencies keep the payload as the widget sent it, so fields this receiver
//! version does not know (version 1 may grow) are not lost. Attachment bytes are
//! the exception: they are already in the `attachments` table, and as base64
//! they would make every row a third larger than the files themselves.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

/// The body with every `attachments[i].data_base64` member removed. Members keep
/// their order and every other value its exact text; only the whitespace between
/// the top-level members and inside `attachments` is dropped. A body without
/// attachment data is returned as it came.
///
/// # Example
/// ```
/// use aduan_receiver::stored_json::without_attachment_data;
/// let body = r#"{"title": "Lampu jalan", "attachments": [{"name": "a.png", "data_base64": "iVBORw=="}]}"#;
/// assert_eq!(without_attachment_data(body), r#"{"title":"Lampu jalan","attachments":[{"name":"a.png"}]}"#);
/// ```
pub fn without_attachment_data(body: &str) -> Cow<'_, str> {
    let Ok(mut top) = serde_json::from_str::<Members>(body) else { return Cow::Borrowed(body) };
    let Some((_, attachments)) = top.0.iter_mut().find(|(key, _)| key == "attachments") else {
        return Cow::Borrowed(body);
    };
    let Ok(mut list) = serde_json::from_str::<Vec<Members>>(attachments.get()) else { return Cow::Borrowed(body) };
    let before: usize = list.iter().map(|members| members.0.len()).sum();
    for members in &mut list {
        members.0.retain(|(key, _)| key != "data_base64");
    }
    if list.iter().map(|members| members.0.len()).sum::<usize>() == before {
        return Cow::Borrowed(body);
    }
    let text = format!("[{}]", list.iter().map(Members::to_json).collect::<Vec<_>>().join(","));
    match RawValue::from_string(text) {
        Ok(cleaned) => *attachments = cleaned,
        Err(_) => return Cow::Borrowed(body),
    }
    Cow::Owned(top.to_json())
}

/// A JSON object's members in the order they were written, each value's text untouched.
struct Members(Vec<(String, Box<RawValue>)>);

impl Members {
    fn to_json(&self) -> String {
        let members: Vec<String> = self
            .0
            .iter()
            .map(|(key, value)| format!("{}:{}", serde_json::Value::from(key.as_str()), value.get()))
            .collect();
        format!("{{{}}}", members.join(","))
    }
}

impl<'de> Deserialize<'de> for Members {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MembersVisitor;

        impl<'de> Visitor<'de> for MembersVisitor {
            type Value = Members;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry::<String, Box<RawValue>>()? {
                    members.push(member);
                }
                Ok(Members(members))
            }
        }

        deserializer.deserialize_map(MembersVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_attachment_data_is_removed_and_everything_else_keeps_its_order_and_text() {
        let body = r#"{"schema":"aduan.complaint/1","title":"Sampah  menumpuk","regency":{"name":"Kabupaten Bengkalis", "code":"14.03"},
            "attachments":[{"name":"a.jpg","type":"image/jpeg","size":3,"data_base64":"/9j/"},{"data_base64":"JVBE","name":"b.pdf"}],"future":[1, 2]}"#;
        assert_eq!(
            without_attachment_data(body),
            r#"{"schema":"aduan.complaint/1","title":"Sampah  menumpuk","regency":{"name":"Kabupaten Bengkalis", "code":"14.03"},"attachments":[{"name":"a.jpg","type":"image/jpeg","size":3},{"name":"b.pdf"}],"future":[1, 2]}"#
        );
    }

    #[test]
    fn a_body_without_attachment_data_is_kept_byte_for_byte() {
        for body in [
            "{\n  \"title\": \"Jalan berlubang\",\n  \"attachments\": []\n}",
            r#"{"title": "Jalan berlubang"}"#,
            r#"{"attachments": [{"name": "x"}]}"#,
            "not json",
        ] {
            assert!(matches!(without_attachment_data(body), Cow::Borrowed(b) if b == body), "{body}");
        }
    }

    #[test]
    fn keys_with_quotes_and_unicode_are_written_back_as_valid_json() {
        let body = r#"{"k\"ey":"nilai ✓","attachments":[{"data_base64":"AA==","n":"é"}]}"#;
        let kept = without_attachment_data(body);
        let reread: serde_json::Value = serde_json::from_str(&kept).unwrap();
        assert_eq!(reread, serde_json::json!({"k\"ey": "nilai ✓", "attachments": [{"n": "é"}]}));
    }
}
