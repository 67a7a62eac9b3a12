//! Reading hand-written JSON (a webmaster's config) with errors that name the key.
//!
//! Part of the pure core. Written by hand rather than with `serde` derives on
//! purpose: derived deserialisers with path tracking cost the phone ~40 KB of
//! WebAssembly, and a hand reader can say exactly which key is wrong
//! (`agencies[3].id`), which keys would have been right, and when a key is
//! written twice (JSON parsers silently keep one of the two).

use crate::json::Json;

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
    entries: &'a [(String, Json)],
}

impl<'a> Object<'a> {
    /// Reads `value` as an object whose keys must all be in `known`.
    ///
    /// # Example
    /// ```
    /// use aduan::json_reader::Object;
    /// let value = aduan::json::parse(r#"{"id": "dlh", "nama": "x"}"#).unwrap();
    /// let error = Object::new(&value, "agencies[0]", &["id", "name"]).err().unwrap();
    /// assert_eq!(error.key, "agencies[0].nama");
    /// ```
    pub fn new(value: &'a Json, path: &str, known: &[&str]) -> Result<Self> {
        let Json::Object(entries) = value else {
            return Err(key_error(path, format!("expected an object {{…}}, found {}", value.kind())));
        };
        let object = Object { path: path.to_owned(), entries };
        for (index, (key, _)) in entries.iter().enumerate() {
            if !known.contains(&key.as_str()) {
                return Err(key_error(
                    object.key(key),
                    format!("unknown key; the keys here are: {}", known.join(", ")),
                ));
            }
            if entries[..index].iter().any(|(earlier, _)| earlier == key) {
                return Err(key_error(object.key(key), "appears twice; keep one"));
            }
        }
        Ok(object)
    }

    /// The raw value of `key`, for a reader of its own (null reads as absent).
    pub fn value(&self, key: &str) -> Option<&'a Json> {
        self.get(key).filter(|value| **value != Json::Null)
    }

    fn get(&self, key: &str) -> Option<&'a Json> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
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
        match self.get(key) {
            None | Some(Json::Null) => Ok(None),
            Some(Json::String(text)) => Ok(Some(text.clone())),
            Some(other) => Err(key_error(self.key(key), format!("expected a string \"…\", found {}", other.kind()))),
        }
    }

    /// A whole number that may be absent.
    pub fn optional_number(&self, key: &str) -> Result<Option<u64>> {
        match self.get(key) {
            None | Some(Json::Null) => Ok(None),
            Some(value) => value
                .as_u64()
                .map(Some)
                .ok_or_else(|| key_error(self.key(key), format!("expected a whole number, found {}", value.kind()))),
        }
    }

    /// A required whole number.
    pub fn number(&self, key: &str) -> Result<u64> {
        self.optional_number(key)?.ok_or_else(|| key_error(self.key(key), "missing; it is required"))
    }

    /// A nested object that may be absent.
    pub fn optional_object(&self, key: &str, known: &[&str]) -> Result<Option<Object<'a>>> {
        match self.get(key) {
            None | Some(Json::Null) => Ok(None),
            Some(value) => Object::new(value, &self.key(key), known).map(Some),
        }
    }

    /// A required nested object.
    pub fn object(&self, key: &str, known: &[&str]) -> Result<Object<'a>> {
        self.optional_object(key, known)?.ok_or_else(|| key_error(self.key(key), "missing; it is required"))
    }

    /// An array that may be absent (read as empty), as (path, element) pairs.
    pub fn array(&self, key: &str) -> Result<Vec<(String, &'a Json)>> {
        match self.get(key) {
            None | Some(Json::Null) => Ok(Vec::new()),
            Some(Json::Array(items)) => {
                let base = self.key(key);
                Ok(items.iter().enumerate().map(|(i, item)| (format!("{base}[{i}]"), item)).collect())
            }
            Some(other) => Err(key_error(self.key(key), format!("expected an array […], found {}", other.kind()))),
        }
    }

    /// An array of strings that may be absent.
    pub fn strings(&self, key: &str) -> Result<Option<Vec<String>>> {
        if self.get(key).is_none() {
            return Ok(None);
        }
        self.array(key)?
            .into_iter()
            .map(|(path, item)| match item {
                Json::String(text) => Ok(text.clone()),
                other => Err(key_error(path, format!("expected a string \"…\", found {}", other.kind()))),
            })
            .collect::<Result<Vec<_>>>()
            .map(Some)
    }
}

/// Parses `text` as JSON; a syntax error says the line and column.
pub fn parse(text: &str) -> Result<Json> {
    crate::json::parse(text).map_err(|error| key_error("", format!("not valid JSON: {error}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse as json;

    #[test]
    fn each_wrong_shape_is_named_with_its_path() {
        let value = json(r#"{"a": {"b": [1, "x", {"c": true}]}, "n": -1, "s": 5}"#).unwrap();
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
        let value = json(r#"{"x": null}"#).unwrap();
        let top = Object::new(&value, "", &["x", "y"]).unwrap();
        assert_eq!(top.optional_string("x").unwrap(), None);
        assert_eq!(top.optional_number("y").unwrap(), None);
        assert!(top.array("y").unwrap().is_empty());
        assert_eq!(top.strings("y").unwrap(), None);
    }

    #[test]
    fn a_key_written_twice_is_named() {
        let value = json(r#"{"id": "dlh", "id": "dinkes"}"#).unwrap();
        let error = Object::new(&value, "agencies[2]", &["id"]).unwrap_err();
        assert_eq!(error.key, "agencies[2].id");
        assert!(error.problem.contains("twice"));
    }

    #[test]
    fn syntax_errors_give_line_and_column() {
        let error = parse("{\n  \"a\": 1,\n}").unwrap_err();
        assert!(error.problem.contains("line 3"), "{}", error.problem);
    }
}
