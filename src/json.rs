//! A small JSON reader and writer for the three documents the widget handles:
//! the config it loads, the payload it sends and the answer it reads.
//!
//! Part of the pure core. Written here rather than used from `serde_json`
//! because `serde_json`'s generic machinery costs the phone about 12 KB of
//! brotli-compressed WebAssembly, a tenth of the widget. The reader is tested
//! against `serde_json` on generated and mutated documents (see the tests), and
//! it keeps numbers as their text, so no float parsing or printing ships at all.

use std::fmt::{self, Write};

/// A parsed JSON value. Objects keep their keys in document order, duplicates
/// included, so a config reader can say when a key appears twice.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// A number, as written (it matched JSON's number grammar).
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The value of the first `key` in an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(value) => Some(*value),
            _ => None,
        }
    }

    /// A number that is a whole, non-negative integer that fits in a `u64`.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(text) => text.parse().ok(),
            _ => None,
        }
    }

    /// What kind of value this is, for error messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "true/false",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }
}

/// Where and why a document is not JSON. Lines and columns count from 1;
/// columns count characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub problem: &'static str,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {}, column {}", self.problem, self.line, self.column)
    }
}

/// Nesting deeper than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 128;

/// Parses a whole document; only white space may follow the value.
///
/// # Example
/// ```
/// use aduan::json::{parse, Json};
/// let value = parse(r#"{"id": "dlh", "n": 3, "ok": true}"#).unwrap();
/// assert_eq!(value.get("id").and_then(Json::as_str), Some("dlh"));
/// assert_eq!(value.get("n").and_then(Json::as_u64), Some(3));
/// assert_eq!(parse("{\n  \"a\": 1,\n}").unwrap_err().line, 3);
/// ```
pub fn parse(text: &str) -> Result<Json, SyntaxError> {
    let mut parser = Parser { text, bytes: text.as_bytes(), at: 0 };
    parser.skip_space();
    let value = parser.value(0)?;
    parser.skip_space();
    if parser.at < parser.bytes.len() {
        return Err(parser.error("unexpected text after the end of the value"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn error(&self, problem: &'static str) -> SyntaxError {
        let before = &self.text[..floor_char_boundary(self.text, self.at)];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        SyntaxError { line, column, problem }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    fn expect_word(&mut self, word: &str, value: Json) -> Result<Json, SyntaxError> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a value"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        match self.peek() {
            None => Err(self.error("unexpected end of the document")),
            Some(b'n') => self.expect_word("null", Json::Null),
            Some(b't') => self.expect_word("true", Json::Bool(true)),
            Some(b'f') => self.expect_word("false", Json::Bool(false)),
            Some(b'"') => self.string().map(Json::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                self.skip_space();
                if self.peek() == Some(b']') {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                loop {
                    self.skip_space();
                    items.push(self.value(depth + 1)?);
                    self.skip_space();
                    match self.peek() {
                        Some(b',') => self.at += 1,
                        Some(b']') => {
                            self.at += 1;
                            return Ok(Json::Array(items));
                        }
                        _ => return Err(self.error("expected ',' or ']'")),
                    }
                }
            }
            Some(b'{') => {
                self.at += 1;
                let mut entries = Vec::new();
                self.skip_space();
                if self.peek() == Some(b'}') {
                    self.at += 1;
                    return Ok(Json::Object(entries));
                }
                loop {
                    self.skip_space();
                    if self.peek() != Some(b'"') {
                        return Err(self.error("expected a key in double quotes"));
                    }
                    let key = self.string()?;
                    self.skip_space();
                    if self.peek() != Some(b':') {
                        return Err(self.error("expected ':'"));
                    }
                    self.at += 1;
                    self.skip_space();
                    entries.push((key, self.value(depth + 1)?));
                    self.skip_space();
                    match self.peek() {
                        Some(b',') => self.at += 1,
                        Some(b'}') => {
                            self.at += 1;
                            return Ok(Json::Object(entries));
                        }
                        _ => return Err(self.error("expected ',' or '}'")),
                    }
                }
            }
            Some(_) => Err(self.error("expected a value")),
        }
    }

    fn number(&mut self) -> Result<Json, SyntaxError> {
        let start = self.at;
        let digits = |parser: &mut Self| {
            let from = parser.at;
            while let Some(b'0'..=b'9') = parser.peek() {
                parser.at += 1;
            }
            parser.at > from
        };
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        if self.peek() == Some(b'0') {
            self.at += 1;
        } else if !digits(self) {
            return Err(self.error("invalid number"));
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !digits(self) {
                return Err(self.error("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            if !digits(self) {
                return Err(self.error("invalid number"));
            }
        }
        Ok(Json::Number(self.text[start..self.at].to_owned()))
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        self.at += 1; // the opening quote
        let mut out = String::new();
        loop {
            // Copy the run up to the next quote, backslash or control character at once.
            let run = self.bytes[self.at..].iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20);
            let Some(run) = run else {
                self.at = self.bytes.len();
                return Err(self.error("unterminated string"));
            };
            out.push_str(&self.text[self.at..self.at + run]);
            self.at += run;
            match self.bytes[self.at] {
                b'"' => {
                    self.at += 1;
                    return Ok(out);
                }
                b'\\' => {
                    self.at += 1;
                    let escaped = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.at += 1;
                            let first = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&first) {
                                if !self.bytes[self.at..].starts_with(b"\\u") {
                                    return Err(self.error("lone surrogate in a \\u escape"));
                                }
                                self.at += 2;
                                let second = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&second) {
                                    return Err(self.error("lone surrogate in a \\u escape"));
                                }
                                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                            } else if (0xDC00..0xE000).contains(&first) {
                                return Err(self.error("lone surrogate in a \\u escape"));
                            } else {
                                first
                            };
                            out.push(char::from_u32(code).ok_or_else(|| self.error("invalid \\u escape"))?);
                            continue;
                        }
                        _ => return Err(self.error("invalid escape")),
                    };
                    out.push(escaped);
                    self.at += 1;
                }
                _ => return Err(self.error("control character in a string")),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let digits = self.bytes.get(self.at..self.at + 4).ok_or_else(|| self.error("invalid \\u escape"))?;
        let mut code = 0;
        for &b in digits {
            let digit = (b as char).to_digit(16).ok_or_else(|| self.error("invalid \\u escape"))?;
            code = code * 16 + digit;
        }
        self.at += 4;
        Ok(code)
    }
}

/// The largest char boundary not above `at` (errors may point inside a character).
fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Writes JSON text: values are appended in order and the writer adds the commas.
///
/// # Example
/// ```
/// use aduan::json::Writer;
/// let mut json = Writer::new();
/// json.begin_object();
/// json.key("title").string("Jalan \"rusak\"\n");
/// json.key("size").number(3);
/// json.key("tags").begin_array();
/// json.bool(true).null();
/// json.end_array();
/// json.end_object();
/// assert_eq!(json.finish(), r#"{"title":"Jalan \"rusak\"\n","size":3,"tags":[true,null]}"#);
/// ```
#[derive(Default)]
pub struct Writer {
    out: String,
    /// Whether the next value at this level needs a comma before it.
    needs_comma: Vec<bool>,
    after_key: bool,
}

impl Writer {
    pub fn new() -> Self {
        Self::default()
    }

    fn separate(&mut self) {
        if self.after_key {
            self.after_key = false;
        } else if let Some(needs) = self.needs_comma.last_mut() {
            if *needs {
                self.out.push(',');
            }
            *needs = true;
        }
    }

    pub fn begin_object(&mut self) -> &mut Self {
        self.separate();
        self.out.push('{');
        self.needs_comma.push(false);
        self
    }

    pub fn end_object(&mut self) -> &mut Self {
        self.needs_comma.pop();
        self.out.push('}');
        self
    }

    pub fn begin_array(&mut self) -> &mut Self {
        self.separate();
        self.out.push('[');
        self.needs_comma.push(false);
        self
    }

    pub fn end_array(&mut self) -> &mut Self {
        self.needs_comma.pop();
        self.out.push(']');
        self
    }

    /// A key inside an object; the next call writes its value.
    pub fn key(&mut self, key: &str) -> &mut Self {
        self.separate();
        write_string(&mut self.out, key);
        self.out.push(':');
        self.after_key = true;
        self
    }

    pub fn string(&mut self, text: &str) -> &mut Self {
        self.separate();
        write_string(&mut self.out, text);
        self
    }

    pub fn optional_string(&mut self, text: Option<&str>) -> &mut Self {
        match text {
            Some(text) => self.string(text),
            None => self.null(),
        }
    }

    pub fn number(&mut self, number: u64) -> &mut Self {
        self.separate();
        let _ = write!(self.out, "{number}");
        self
    }

    /// A number already written as JSON text, such as `-0.500000`; the caller
    /// guarantees its form (see [`crate::complaint::Coordinates::lat`]).
    pub fn raw_number(&mut self, number: &str) -> &mut Self {
        self.separate();
        self.out.push_str(number);
        self
    }

    pub fn bool(&mut self, value: bool) -> &mut Self {
        self.separate();
        self.out.push_str(if value { "true" } else { "false" });
        self
    }

    pub fn null(&mut self) -> &mut Self {
        self.separate();
        self.out.push_str("null");
        self
    }

    pub fn finish(self) -> String {
        self.out
    }
}

fn write_string(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    let mut start = 0;
    for (at, c) in text.char_indices() {
        let escape = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            c if (c as u32) < 0x20 => "",
            _ => continue,
        };
        out.push_str(&text[start..at]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push_str(escape);
        }
        start = at + c.len_utf8();
    }
    out.push_str(&text[start..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The obviously correct slow path: serde_json's reading of the same text.
    fn to_serde(value: &Json) -> serde_json::Value {
        match value {
            Json::Null => serde_json::Value::Null,
            Json::Bool(b) => serde_json::Value::Bool(*b),
            Json::Number(text) => serde_json::from_str(text).expect("numbers are valid JSON"),
            Json::String(s) => serde_json::Value::String(s.clone()),
            Json::Array(items) => serde_json::Value::Array(items.iter().map(to_serde).collect()),
            Json::Object(entries) => {
                // serde_json keeps the last of duplicate keys.
                let mut map = serde_json::Map::new();
                for (k, v) in entries {
                    map.insert(k.clone(), to_serde(v));
                }
                serde_json::Value::Object(map)
            }
        }
    }

    /// A tiny deterministic generator, so failures reproduce.
    struct Random(u64);

    impl Random {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }

        fn text(&mut self) -> String {
            const PIECES: &[&str] = &[
                "a", "Jalan", " ", "\"", "\\", "/", "\n", "\t", "\u{1}", "\u{1f}", "é", "💡", "شكوى", "\u{2028}", "<b>",
            ];
            (0..self.below(6)).map(|_| PIECES[self.below(PIECES.len() as u64) as usize]).collect()
        }

        fn value(&mut self, depth: u32) -> serde_json::Value {
            let leaf = depth > 3 || self.below(3) == 0;
            match if leaf { self.below(5) } else { 5 + self.below(2) } {
                0 => serde_json::Value::Null,
                1 => serde_json::Value::Bool(self.below(2) == 0),
                2 => serde_json::json!(self.below(1 << 40)),
                3 => serde_json::json!(-(self.below(1000) as i64) as f64 / 8.0),
                4 => serde_json::Value::String(self.text()),
                5 => serde_json::Value::Array((0..self.below(4)).map(|_| self.value(depth + 1)).collect()),
                _ => serde_json::Value::Object(
                    (0..self.below(4)).map(|_| (self.text(), self.value(depth + 1))).collect(),
                ),
            }
        }
    }

    #[test]
    fn generated_documents_read_as_serde_json_reads_them() {
        let mut random = Random(0x5eed_1234_abcd_0001);
        for _ in 0..2000 {
            let expected = random.value(0);
            for text in [serde_json::to_string(&expected).unwrap(), serde_json::to_string_pretty(&expected).unwrap()] {
                let ours = parse(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
                assert_eq!(to_serde(&ours), expected, "{text}");
            }
        }
    }

    #[test]
    fn mutated_documents_are_accepted_exactly_when_serde_json_accepts_them() {
        let mut random = Random(0x0dd_ba11_cafe_f00d);
        let alphabet = b"{}[]\":,\\/ntrufalse0123456789-+.eEu\n \t\x01";
        for _ in 0..20_000 {
            let mut text = serde_json::to_string(&random.value(0)).unwrap().into_bytes();
            for _ in 0..1 + random.below(3) {
                let at = random.below(text.len() as u64 + 1) as usize;
                match random.below(3) {
                    0 if at < text.len() => {
                        text.remove(at);
                    }
                    1 => text.insert(at, alphabet[random.below(alphabet.len() as u64) as usize]),
                    _ if at < text.len() => text[at] = alphabet[random.below(alphabet.len() as u64) as usize],
                    _ => {}
                }
            }
            let Ok(text) = String::from_utf8(text) else { continue };
            let theirs = serde_json::from_str::<serde_json::Value>(&text);
            // serde_json refuses numbers beyond f64; the grammar allows them, and
            // so do we (we keep their text and read only whole u64s from it).
            if theirs.as_ref().is_err_and(|e| e.to_string().starts_with("number out of range")) {
                continue;
            }
            let ours = parse(&text);
            assert_eq!(ours.is_ok(), theirs.is_ok(), "{text:?}: ours {ours:?}, serde_json {theirs:?}");
            if let (Ok(ours), Ok(theirs)) = (ours, theirs) {
                assert_eq!(to_serde(&ours), theirs, "{text:?}");
            }
        }
    }

    #[test]
    fn escapes_and_surrogates_follow_the_standard() {
        assert_eq!(parse(r#""\ud83d\udca1 \u00e9\/""#), Ok(Json::String("💡 é/".into())));
        for bad in [r#""\ud83d""#, r#""\udca1""#, r#""\ud83d\u0041""#, r#""\x41""#, "\"a\u{1}b\"", r#""\u12""#] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn numbers_keep_their_text_and_only_whole_ones_read_as_u64() {
        assert_eq!(parse("5242880").unwrap().as_u64(), Some(5_242_880));
        assert_eq!(parse("-1").unwrap().as_u64(), None);
        assert_eq!(parse("1.5").unwrap().as_u64(), None);
        assert_eq!(parse("1e3").unwrap(), Json::Number("1e3".into()));
        for bad in ["01", "1.", ".5", "-", "1e", "+1", "0x10"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn errors_point_at_line_and_column() {
        let error = parse("{\n  \"a\": 1,\n  \"b\" 2\n}").unwrap_err();
        assert_eq!((error.line, error.column, error.problem), (3, 7, "expected ':'"));
        assert_eq!(parse("").unwrap_err().problem, "unexpected end of the document");
        assert_eq!(parse("{} x").unwrap_err().problem, "unexpected text after the end of the value");
        assert_eq!(parse("\"Bengkalis").unwrap_err().problem, "unterminated string");
        assert_eq!(parse("[1, 2").unwrap_err().problem, "expected ',' or ']'");
    }

    #[test]
    fn deep_nesting_is_refused_without_overflowing_the_stack() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(parse(&deep).unwrap_err().problem, "nested too deeply");
        let fine = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(parse(&fine).is_ok());
    }

    #[test]
    fn duplicate_keys_are_kept_in_order() {
        let value = parse(r#"{"a": 1, "a": 2}"#).unwrap();
        assert_eq!(
            value,
            Json::Object(vec![("a".into(), Json::Number("1".into())), ("a".into(), Json::Number("2".into()))])
        );
        assert_eq!(value.get("a").and_then(Json::as_u64), Some(1));
    }

    #[test]
    fn written_text_reads_back_as_serde_json_reads_it() {
        let mut random = Random(0xfeed_beef_0000_0042);
        for _ in 0..2000 {
            let text = random.text();
            let mut json = Writer::new();
            json.begin_array().string(&text).number(random.next()).bool(true).null();
            json.begin_object().key(&text).optional_string(None).key("x").begin_array().end_array().end_object();
            json.end_array();
            let written = json.finish();
            let read: serde_json::Value = serde_json::from_str(&written).unwrap_or_else(|e| panic!("{written}: {e}"));
            assert_eq!(read[0], serde_json::Value::String(text.clone()));
            assert_eq!(read[4][&text], serde_json::Value::Null);
        }
    }
}
