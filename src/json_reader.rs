//! Reading hand-written JSON (a webmaster's config) with errors that name the key.
//!
//! Part of the pure core. Written by hand rather than with `serde` derives on
//! purpose: derived deserialisers with path tracking cost the phone ~40 KB of
//! WebAssembly, and a hand reader can say exactly which key is wrong
//! (`agencies[3].id`) and which keys would have been right.

use serde_json::{Map, Value};

/// What is wrong with one key: its path from the top of the file, and the problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyError {
    pub key: String,
    pub problem: String,
}

pub type Result<T> = std::result::Result<T, KeyError>;

/// An error at `key`.
pub fn key_error(key: impl Into<String>, problem: impl Into<String>) -> KeyError {
    KeyError { key: key.into(), problem: problem.into() }
}

/// A JSON object being read, with the path that leads to it.
#[derive(Debug)]
pub struct Object<'a> {
    path: String,
    map: &'a Map<String, Value>,
}

impl<'a> Object<'a> {
    /// Reads `value` as an object whose keys must all be in `known`.
    ///
    /// # Example
    /// ```
    /// use aduan::json_reader::Object;
    /// let value = serde_json::json!({"id": "dlh", "nama": "x"});
    /// let error = Object::new(&value, "agencies[0]", &["id", "name"]).err().unwrap();
    /// assert_eq!(error.key, "agencies[0].nama");
    /// ```
    pub fn new(value: &'a Value, path: &str, known: &[&str]) -> Result<Self> {
        let Value::Object(map) = value else {
            return Err(key_error(path, format!("expected an object {{…}}, found {}", kind(value))));
        };
        let object = Object { path: path.to_owned(), map };
        if let Some(unknown) = map.keys().find(|key| !known.contains(&key.as_str())) {
            return Err(key_error(
                object.key(unknown),
                format!("unknown key; the keys here are: {}", known.join(", ")),
            ));
        }
        Ok(object)
    }

    /// The path of `key` inside this object.
    pub fn key(&self, key: &str) -> String {
        if self.path.is_empty() { key.to_owned() } else { format!("{}.{key}", self.path) }
    }

    /// A required string.
    pub fn string(&self, key: &str) -> Result<String> {
        self.optional_string(key)?.ok_or_else(|| key_error(self.key(key), "missing; it is required"))
    }

    /// A string that may be absent (or null).
    pub fn optional_string(&self, key: &str) -> Result<Option<String>> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.clone())),
            Some(other) => Err(key_error(self.key(key), format!("expected a string \"…\", found {}", kind(other)))),
        }
    }

    /// A whole number that may be absent.
    pub fn optional_number(&self, key: &str) -> Result<Option<u64>> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => value
                .as_u64()
                .map(Some)
                .ok_or_else(|| key_error(self.key(key), format!("expected a whole number, found {}", kind(value)))),
        }
    }

    /// A required whole number.
    pub fn number(&self, key: &str) -> Result<u64> {
        self.optional_number(key)?.ok_or_else(|| key_error(self.key(key), "missing; it is required"))
    }

    /// A nested object that may be absent.
    pub fn optional_object(&self, key: &str, known: &[&str]) -> Result<Option<Object<'a>>> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => Object::new(value, &self.key(key), known).map(Some),
        }
    }

    /// A required nested object.
    pub fn object(&self, key: &str, known: &[&str]) -> Result<Object<'a>> {
        self.optional_object(key, known)?.ok_or_else(|| key_error(self.key(key), "missing; it is required"))
    }

    /// An array that may be absent (read as empty), as (path, element) pairs.
    pub fn array(&self, key: &str) -> Result<Vec<(String, &'a Value)>> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => {
                let base = self.key(key);
                Ok(items.iter().enumerate().map(|(i, item)| (format!("{base}[{i}]"), item)).collect())
            }
            Some(other) => Err(key_error(self.key(key), format!("expected an array […], found {}", kind(other)))),
        }
    }

    /// An array of strings that may be absent.
    pub fn strings(&self, key: &str) -> Result<Option<Vec<String>>> {
        if !self.map.contains_key(key) {
            return Ok(None);
        }
        self.array(key)?
            .into_iter()
            .map(|(path, item)| match item {
                Value::String(text) => Ok(text.clone()),
                other => Err(key_error(path, format!("expected a string \"…\", found {}", kind(other)))),
            })
            .collect::<Result<Vec<_>>>()
            .map(Some)
    }
}

/// Parses `text` as JSON; a syntax error says the line and column.
pub fn parse(text: &str) -> Result<Value> {
    serde_json::from_str(text)
        .map_err(|error| key_error("", format!("not valid JSON at line {}, column {}", error.line(), error.column())))
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_wrong_shape_is_named_with_its_path() {
        let value = json!({"a": {"b": [1, "x", {"c": true}]}, "n": -1, "s": 5});
        let top = Object::new(&value, "", &["a", "n", "s"]).unwrap();
        assert_eq!(top.string("s").unwrap_err().key, "s");
        assert_eq!(top.string("missing").unwrap_err().problem, "missing; it is required");
        assert_eq!(top.number("n").unwrap_err().key, "n");
        let a = top.object("a", &["b"]).unwrap();
        assert_eq!(a.strings("b").unwrap_err().key, "a.b[0]");
        let items = a.array("b").unwrap();
        let inner = Object::new(items[2].1, &items[2].0, &["c"]).unwrap();
        assert_eq!(inner.string("c").unwrap_err().key, "a.b[2].c");
        assert!(Object::new(items[1].1, &items[1].0, &[]).unwrap_err().problem.contains("found a string"));
    }

    #[test]
    fn absent_and_null_read_as_not_given() {
        let value = json!({"x": null});
        let top = Object::new(&value, "", &["x", "y"]).unwrap();
        assert_eq!(top.optional_string("x").unwrap(), None);
        assert_eq!(top.optional_number("y").unwrap(), None);
        assert!(top.array("y").unwrap().is_empty());
        assert_eq!(top.strings("y").unwrap(), None);
    }

    #[test]
    fn syntax_errors_give_line_and_column() {
        let error = parse("{\n  \"a\": 1,\n}").unwrap_err();
        assert!(error.problem.contains("line 3"), "{}", error.problem);
    }
}
