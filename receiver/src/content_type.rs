//! `Content-Type` and `Content-Disposition` values: a media type and its parameters.
//!
//! The receiver takes three kinds of body (JSON, `multipart/form-data` and
//! Open311's url-encoded forms) and must find a multipart body's boundary, which
//! clients may quote. Both headers share RFC 9110's shape, `type; name=value;
//! name="quoted value"`, so one reader serves both.

/// A header value split into its first token and its parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentType {
    /// The media type (`application/json`) or disposition (`form-data`), lowercased.
    pub essence: String,
    /// Parameters in the order given, names lowercased, values unquoted.
    pub parameters: Vec<(String, String)>,
}

impl ContentType {
    /// Reads `value`. Parameters that are not `name=value` are skipped, as
    /// browsers do; a quoted value may hold `;` and backslash-escaped characters.
    ///
    /// # Example
    /// ```
    /// use aduan_receiver::content_type::ContentType;
    /// let parsed = ContentType::parse(r#"Multipart/Form-Data; boundary="----=_Part 7; a""#);
    /// assert_eq!(parsed.essence, "multipart/form-data");
    /// assert_eq!(parsed.parameter("boundary"), Some("----=_Part 7; a"));
    /// ```
    pub fn parse(value: &str) -> Self {
        let (essence, mut rest) = value.split_once(';').unwrap_or((value, ""));
        let mut parameters = Vec::new();
        loop {
            rest = rest.trim_start_matches([' ', '\t', ';']);
            if rest.is_empty() {
                break;
            }
            let name_end = rest.find(['=', ';']).unwrap_or(rest.len());
            let name = rest[..name_end].trim().to_ascii_lowercase();
            if !rest[name_end..].starts_with('=') {
                rest = &rest[name_end..];
                continue;
            }
            let after = rest[name_end + 1..].trim_start_matches([' ', '\t']);
            let (value, remainder) = if let Some(quoted) = after.strip_prefix('"') {
                unquote(quoted)
            } else {
                let end = after.find(';').unwrap_or(after.len());
                (after[..end].trim_end().to_owned(), &after[end..])
            };
            if !name.is_empty() {
                parameters.push((name, value));
            }
            rest = remainder;
        }
        Self { essence: essence.trim().to_ascii_lowercase(), parameters }
    }

    /// The first parameter called `name` (case does not matter).
    pub fn parameter(&self, name: &str) -> Option<&str> {
        self.parameters.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// True when there is no `charset`, or it is UTF-8: all the receiver reads.
    pub fn is_utf8(&self) -> bool {
        self.parameter("charset")
            .is_none_or(|charset| charset.eq_ignore_ascii_case("utf-8") || charset.eq_ignore_ascii_case("utf8"))
    }
}

/// A quoted string's value, after the opening quote, and what follows its
/// closing quote. `\x` stands for `x` (RFC 9110's quoted-pair); an unclosed
/// quote runs to the end.
fn unquote(text: &str) -> (String, &str) {
    let mut value = String::new();
    let mut chars = text.char_indices();
    while let Some((index, c)) = chars.next() {
        match c {
            '"' => return (value, &text[index + 1..]),
            '\\' => {
                if let Some((_, escaped)) = chars.next() {
                    value.push(escaped);
                }
            }
            _ => value.push(c),
        }
    }
    (value, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parameters(value: &str) -> Vec<(String, String)> {
        ContentType::parse(value).parameters
    }

    #[test]
    fn parameters_are_read_quoted_or_not() {
        let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
            list.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect()
        };
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("text/plain", &[]),
            ("text/plain;charset=utf-8", &[("charset", "utf-8")]),
            ("multipart/form-data; boundary=abc", &[("boundary", "abc")]),
            (r#"multipart/form-data; BOUNDARY="a;b c""#, &[("boundary", "a;b c")]),
            (
                r#"form-data; name="lampiran[]"; filename="foto \"1\".jpg""#,
                &[("name", "lampiran[]"), ("filename", "foto \"1\".jpg")],
            ),
            ("form-data; name=payload ; x", &[("name", "payload")]),
            ("a/b; ; ;c=1;;d=\"2", &[("c", "1"), ("d", "2")]),
            (r#"form-data; filename="C:\\fakepath\\a.png""#, &[("filename", r"C:\fakepath\a.png")]),
            ("form-data; filename=\"berkas ✓.pdf\"", &[("filename", "berkas ✓.pdf")]),
        ];
        for (value, expected) in cases {
            assert_eq!(parameters(value), pairs(expected), "{value}");
        }
    }

    #[test]
    fn the_essence_is_lowercased_and_trimmed() {
        assert_eq!(ContentType::parse(" Application/JSON ;charset=UTF-8").essence, "application/json");
        assert_eq!(ContentType::parse("").essence, "");
    }

    #[test]
    fn only_a_missing_or_utf8_charset_counts_as_utf8() {
        for (value, utf8) in [
            ("application/json", true),
            ("application/json; charset=UTF-8", true),
            ("application/json; charset=\"utf8\"", true),
            ("application/x-www-form-urlencoded; charset=iso-8859-1", false),
        ] {
            assert_eq!(ContentType::parse(value).is_utf8(), utf8, "{value}");
        }
    }
}
