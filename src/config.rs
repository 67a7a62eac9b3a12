//! The widget's configuration: which regency, its agencies and areas, where
//! complaints go, and the limits of the form.
//!
//! Part of the pure core. A webmaster writes the config as JSON (documented in
//! `config/README.md`); [`Config::from_json`] reads it and checks it, and every
//! error names the key it is about (`agencies[3].id`), because the person reading
//! the message is fixing a file by hand.

use std::collections::BTreeSet;
use std::fmt;

use crate::delivery::backend::{Delivery, read_delivery};
use crate::json_reader::{self, Object, key_error};
use crate::messages::Lang;
use crate::triage::routing::{Routing, read_routing};

/// The config format this widget reads. A config names it as `"version": 1`.
pub const CONFIG_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The config format; must be [`CONFIG_VERSION`].
    pub version: u32,
    /// The language the form speaks. Default: Indonesian (`"id"`).
    pub language: Lang,
    pub regency: Regency,
    /// Where complaints go: the backends, and the default one (from `delivery`,
    /// or from the `endpoint` shorthand for a single JSON webhook). Relative URLs
    /// resolve against the host page.
    pub delivery: Delivery,
    /// The agencies (Perangkat Daerah) a citizen may address; may be empty.
    pub agencies: Vec<Agency>,
    /// The kecamatan of the regency, each with its desa and kelurahan; may be
    /// empty, and then the form asks only for a free-text location.
    pub areas: Vec<Kecamatan>,
    pub limits: Limits,
    /// How soon the agency promises a first answer, shown on the receipt.
    /// Default: none shown.
    pub response_hours: Option<u32>,
    /// A page explaining how the regency handles personal data, linked from the form.
    pub privacy_url: Option<String>,
    /// Where each triage topic goes, keyword rules and emergency numbers (see
    /// `src/triage/routing.rs`). Absent: the form makes no suggestions.
    pub triage: Option<Routing>,
}

/// The regency or city (kabupaten / kota) that runs the widget.
#[derive(Clone, Debug, PartialEq)]
pub struct Regency {
    /// Kemendagri region code, e.g. `14.03` for Kabupaten Bengkalis.
    pub code: String,
    /// The full name as citizens know it, e.g. `Kabupaten Bengkalis`.
    pub name: String,
}

/// A government agency that handles complaints (a Perangkat Daerah: a Dinas,
/// Badan, Satpol PP, an RSUD…).
#[derive(Clone, Debug, PartialEq)]
pub struct Agency {
    /// Stable id used in payloads and routing, lowercase letters, digits and `-`.
    pub id: String,
    /// The official name in Indonesian.
    pub name: String,
    /// The name in English, where the agency has one. Default: the Indonesian name.
    pub name_en: Option<String>,
    /// The abbreviation citizens use (DLH, Damkar, Disdukcapil).
    pub short_name: Option<String>,
    /// The id of the backend this agency's complaints go to. Default: the
    /// delivery's default.
    pub backend: Option<String>,
}

impl Agency {
    /// The name to show in `lang`, with the abbreviation where there is one.
    pub fn label(&self, lang: Lang) -> String {
        let name = match lang {
            Lang::En => self.name_en.as_deref().unwrap_or(&self.name),
            Lang::Id => &self.name,
        };
        match &self.short_name {
            Some(short) if short != name => format!("{name} ({short})"),
            _ => name.to_owned(),
        }
    }
}

/// A kecamatan (district), the level below the regency.
#[derive(Clone, Debug, PartialEq)]
pub struct Kecamatan {
    /// Kemendagri code, e.g. `14.03.10` for Rupat.
    pub code: String,
    pub name: String,
    /// Its desa (villages) and kelurahan (urban wards).
    pub desa: Vec<Desa>,
}

/// A desa (village, with its own elected government) or kelurahan (urban ward,
/// run by the regency); both are the lowest level of the address.
#[derive(Clone, Debug, PartialEq)]
pub struct Desa {
    /// Kemendagri code: `…1nnn` for a kelurahan, `…2nnn` for a desa.
    pub code: String,
    pub name: String,
}

impl Desa {
    /// Kemendagri codes number kelurahan from 1001 and desa from 2001.
    pub fn is_kelurahan(&self) -> bool {
        self.code.rsplit('.').next().is_some_and(|last| last.starts_with('1'))
    }
}

/// Limits of the form. Each has a default, so a config may leave any out.
#[derive(Clone, Debug, PartialEq)]
pub struct Limits {
    /// Default 150 characters.
    pub title_max: usize,
    /// Default 20 characters: enough for "what, where".
    pub description_min: usize,
    /// Default 4,000 characters, the Open311 limit for a description.
    pub description_max: usize,
    /// Default 200 characters.
    pub location_detail_max: usize,
    /// Default 3 files.
    pub attachments_max_count: usize,
    /// Default 5 MiB per file.
    pub attachment_max_bytes: u64,
    /// MIME types accepted. Default: JPEG, PNG, WebP photos and PDF documents.
    pub attachment_types: Vec<String>,
    /// Photos are scaled so their longest side is at most this many pixels, and
    /// re-encoded as JPEG (which drops EXIF, the GPS position above all). Default 1600.
    pub photo_max_side: u32,
    /// JPEG quality of scaled photos, 1 to 100. Default 80.
    pub photo_quality: u8,
    /// A form sent sooner than this after it appeared is refused as a bot's
    /// (people take longer to write a complaint). Default 3 seconds; 0 turns it off.
    pub min_fill_seconds: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            title_max: 150,
            description_min: 20,
            description_max: 4000,
            location_detail_max: 200,
            attachments_max_count: 3,
            attachment_max_bytes: 5 * 1024 * 1024,
            attachment_types: ["image/jpeg", "image/png", "image/webp", "application/pdf"].map(String::from).to_vec(),
            photo_max_side: 1600,
            photo_quality: 80,
            min_fill_seconds: 3,
        }
    }
}

/// What is wrong with a config, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// The key, as a path from the top of the file (`areas[2].desa[0].code`), or
    /// the attribute name when an attribute overrides the config.
    pub key: String,
    /// What is wrong there, for the webmaster (English, technical).
    pub problem: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.key.is_empty() || self.key == "." {
            write!(f, "{}", self.problem)
        } else {
            write!(f, "`{}`: {}", self.key, self.problem)
        }
    }
}

impl std::error::Error for ConfigError {}

pub type Result<T> = std::result::Result<T, ConfigError>;

impl From<json_reader::KeyError> for ConfigError {
    fn from(error: json_reader::KeyError) -> Self {
        ConfigError { key: error.key, problem: error.problem }
    }
}

fn problem(key: impl Into<String>, problem: impl Into<String>) -> ConfigError {
    ConfigError { key: key.into(), problem: problem.into() }
}

impl Config {
    /// Reads and checks a config file.
    ///
    /// # Example
    /// ```
    /// use aduan::config::Config;
    /// let error = Config::from_json(r#"{"version": 1, "regency": {"code": "14.03", "name": "Kabupaten Bengkalis"},
    ///     "endpoint": "/api/complaints", "agencies": [{"id": "DLH", "name": "Dinas Lingkungan Hidup"}]}"#)
    ///     .unwrap_err();
    /// assert_eq!(error.key, "agencies[0].id");
    /// ```
    pub fn from_json(text: &str) -> Result<Config> {
        let value = json_reader::parse(text)?;
        let config = read_config(&value)?;
        config.check()?;
        Ok(config)
    }

    /// Applies the widget element's attributes, which win over the file.
    pub fn with_overrides(mut self, lang: Option<&str>, endpoint: Option<&str>) -> Result<Config> {
        if let Some(code) = lang {
            self.language = Lang::from_code(code)
                .ok_or_else(|| problem("lang", format!("unknown language \"{code}\"; use \"id\" or \"en\"")))?;
        }
        if let Some(url) = endpoint {
            check_endpoint("endpoint", url)?;
            let default = self
                .delivery
                .default_url_mut()
                .ok_or_else(|| problem("endpoint", "the default backend is a hand-off and has no URL to override"))?;
            *default = url.trim().to_owned();
        }
        Ok(self)
    }

    pub fn agency(&self, id: &str) -> Option<&Agency> {
        self.agencies.iter().find(|agency| agency.id == id)
    }

    pub fn kecamatan(&self, code: &str) -> Option<&Kecamatan> {
        self.areas.iter().find(|kecamatan| kecamatan.code == code)
    }

    /// The rules a parsed config must also meet; each error names its key.
    fn check(&self) -> Result<()> {
        if self.version != CONFIG_VERSION {
            return Err(problem(
                "version",
                format!("this widget reads config version {CONFIG_VERSION}, not {}", self.version),
            ));
        }
        non_empty("regency.code", &self.regency.code)?;
        non_empty("regency.name", &self.regency.name)?;

        let mut agency_ids = BTreeSet::new();
        for (i, agency) in self.agencies.iter().enumerate() {
            let key = format!("agencies[{i}].id");
            let id_is_well_formed = !agency.id.is_empty()
                && agency.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !id_is_well_formed {
                return Err(problem(key, "use lowercase letters, digits and '-' only, e.g. \"dlh\""));
            }
            if !agency_ids.insert(agency.id.as_str()) {
                return Err(problem(key, format!("\"{}\" is used by another agency", agency.id)));
            }
            non_empty(&format!("agencies[{i}].name"), &agency.name)?;
        }

        let mut area_codes = BTreeSet::new();
        for (i, kecamatan) in self.areas.iter().enumerate() {
            non_empty(&format!("areas[{i}].name"), &kecamatan.name)?;
            if !area_codes.insert(kecamatan.code.as_str()) {
                return Err(problem(format!("areas[{i}].code"), format!("\"{}\" appears twice", kecamatan.code)));
            }
            let prefix = format!("{}.", kecamatan.code);
            for (j, desa) in kecamatan.desa.iter().enumerate() {
                non_empty(&format!("areas[{i}].desa[{j}].name"), &desa.name)?;
                let key = format!("areas[{i}].desa[{j}].code");
                if !desa.code.starts_with(&prefix) {
                    return Err(problem(
                        key,
                        format!("\"{}\" is not inside kecamatan \"{}\"", desa.code, kecamatan.code),
                    ));
                }
                if !area_codes.insert(desa.code.as_str()) {
                    return Err(problem(key, format!("\"{}\" appears twice", desa.code)));
                }
            }
        }

        let limits = &self.limits;
        if limits.title_max == 0 {
            return Err(problem("limits.title_max", "must be at least 1"));
        }
        if limits.description_max == 0 || limits.description_min > limits.description_max {
            return Err(problem("limits.description_max", "must be at least 1 and at least limits.description_min"));
        }
        if limits.attachments_max_count > 10 {
            return Err(problem("limits.attachments_max_count", "at most 10 files can be sent with one complaint"));
        }
        if limits.attachments_max_count > 0 && limits.attachment_types.is_empty() {
            return Err(problem(
                "limits.attachment_types",
                "list at least one type, or set attachments_max_count to 0",
            ));
        }
        for (i, mime) in limits.attachment_types.iter().enumerate() {
            if !mime.contains('/') || mime.contains(char::is_whitespace) {
                return Err(problem(
                    format!("limits.attachment_types[{i}]"),
                    format!("\"{mime}\" is not a MIME type like \"image/jpeg\""),
                ));
            }
        }
        Ok(())
    }
}

/// Why a widget could not get its config; shown to the webmaster in the console
/// and in small print where the widget would be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The element has no `config` attribute.
    NoConfigAttribute,
    /// No server answered for the config URL (offline, wrong host, CORS).
    Unreachable { url: String },
    /// The server answered with an error status (404: wrong path).
    Http { url: String, status: u16 },
    /// The file is there but is not a valid config.
    Invalid { url: String, error: ConfigError },
    /// An attribute (`lang`, `endpoint`) has a value the widget cannot use.
    BadAttribute(ConfigError),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NoConfigAttribute => {
                write!(f, "<aduan-widget> needs a config attribute, e.g. <aduan-widget config=\"/aduan/config.json\">")
            }
            LoadError::Unreachable { url } => {
                write!(f, "could not fetch the config \"{url}\" (offline, wrong host, or blocked by CORS)")
            }
            LoadError::Http { url, status } => write!(f, "the config \"{url}\" answered HTTP {status}"),
            LoadError::Invalid { url, error } => write!(f, "the config \"{url}\" is not valid: {error}"),
            LoadError::BadAttribute(error) => write!(f, "attribute {error}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// Turns what the browser fetched into a config, applying the element's attributes.
///
/// # Example
/// ```
/// use aduan::config::{load, LoadError};
/// assert!(matches!(load("/c.json", 404, "", None, None), Err(LoadError::Http { status: 404, .. })));
/// ```
pub fn load(
    url: &str,
    status: u16,
    body: &str,
    lang: Option<&str>,
    endpoint: Option<&str>,
) -> std::result::Result<Config, LoadError> {
    if !(200..300).contains(&status) {
        return Err(LoadError::Http { url: url.to_owned(), status });
    }
    let config = Config::from_json(body).map_err(|error| LoadError::Invalid { url: url.to_owned(), error })?;
    config.with_overrides(lang, endpoint).map_err(LoadError::BadAttribute)
}

/// Reads the config's shape; [`Config::check`] then applies the rules.
fn read_config(value: &crate::json::Json) -> Result<Config> {
    const KEYS: &[&str] = &[
        "version",
        "language",
        "regency",
        "endpoint",
        "delivery",
        "agencies",
        "areas",
        "limits",
        "response_hours",
        "privacy_url",
        "triage",
    ];
    let top = Object::new(value, "", KEYS)?;
    let language = match top.optional_string("language")? {
        None => Lang::default(),
        Some(code) => Lang::from_code(&code)
            .ok_or_else(|| key_error("language", format!("unknown language \"{code}\"; use \"id\" or \"en\"")))?,
    };
    let regency = top.object("regency", &["code", "name"])?;
    let agencies = top
        .array("agencies")?
        .into_iter()
        .map(|(path, item)| {
            let agency = Object::new(item, &path, &["id", "name", "name_en", "short_name", "backend"])?;
            Ok(Agency {
                id: agency.string("id")?,
                name: agency.string("name")?,
                name_en: agency.optional_string("name_en")?,
                short_name: agency.optional_string("short_name")?,
                backend: agency.optional_string("backend")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let areas = top
        .array("areas")?
        .into_iter()
        .map(|(path, item)| {
            let kecamatan = Object::new(item, &path, &["code", "name", "desa"])?;
            let desa = kecamatan
                .array("desa")?
                .into_iter()
                .map(|(path, item)| {
                    let desa = Object::new(item, &path, &["code", "name"])?;
                    Ok(Desa { code: desa.string("code")?, name: desa.string("name")? })
                })
                .collect::<Result<Vec<_>>>()?;
            Ok(Kecamatan { code: kecamatan.string("code")?, name: kecamatan.string("name")?, desa })
        })
        .collect::<Result<Vec<_>>>()?;
    let delivery = match (top.optional_string("endpoint")?, top.value("delivery")) {
        (Some(url), None) => {
            check_endpoint("endpoint", &url)?;
            Delivery::json_endpoint(url.trim())
        }
        (None, Some(delivery)) => read_delivery(delivery)?,
        (Some(_), Some(_)) => {
            return Err(problem("endpoint", "give either \"endpoint\" (one JSON webhook) or \"delivery\", not both"));
        }
        (None, None) => return Err(problem("delivery", "missing: give \"endpoint\" or \"delivery\"")),
    };
    for (i, agency) in agencies.iter().enumerate() {
        if let Some(backend) = &agency.backend
            && !delivery.backends.iter().any(|b| b.id == *backend)
        {
            return Err(problem(
                format!("agencies[{i}].backend"),
                format!("\"{backend}\" is not one of delivery.backends"),
            ));
        }
    }
    let agency_ids: Vec<&str> = agencies.iter().map(|a| a.id.as_str()).collect();
    let triage = match top.value("triage") {
        Some(triage) => Some(read_routing(triage, &agency_ids)?),
        None => None,
    };
    Ok(Config {
        version: u32::try_from(top.number("version")?).unwrap_or(u32::MAX),
        language,
        regency: Regency { code: regency.string("code")?, name: regency.string("name")? },
        delivery,
        agencies,
        areas,
        limits: read_limits(&top)?,
        response_hours: top.optional_number("response_hours")?.map(|hours| u32::try_from(hours).unwrap_or(u32::MAX)),
        privacy_url: top.optional_string("privacy_url")?,
        triage,
    })
}

fn read_limits(top: &Object<'_>) -> Result<Limits> {
    let mut limits = Limits::default();
    let Some(given) = top.optional_object(
        "limits",
        &[
            "title_max",
            "description_min",
            "description_max",
            "location_detail_max",
            "attachments_max_count",
            "attachment_max_bytes",
            "attachment_types",
            "photo_max_side",
            "photo_quality",
            "min_fill_seconds",
        ],
    )?
    else {
        return Ok(limits);
    };
    let size = |key: &str, into: &mut usize| -> Result<()> {
        if let Some(n) = given.optional_number(key)? {
            *into = usize::try_from(n).unwrap_or(usize::MAX);
        }
        Ok(())
    };
    size("title_max", &mut limits.title_max)?;
    size("description_min", &mut limits.description_min)?;
    size("description_max", &mut limits.description_max)?;
    size("location_detail_max", &mut limits.location_detail_max)?;
    size("attachments_max_count", &mut limits.attachments_max_count)?;
    if let Some(bytes) = given.optional_number("attachment_max_bytes")? {
        limits.attachment_max_bytes = bytes;
    }
    if let Some(types) = given.strings("attachment_types")? {
        limits.attachment_types = types;
    }
    let allows = |mime: &str| limits.attachment_types.iter().any(|t| t.eq_ignore_ascii_case(mime));
    if limits.attachment_types.iter().any(|t| crate::photo::is_photo(t)) && !allows("image/jpeg") {
        return Err(problem(
            given.key("attachment_types"),
            "photos are scaled down and sent as JPEG, so a list with photo types must include \"image/jpeg\"",
        ));
    }
    if let Some(side) = given.optional_number("photo_max_side")? {
        limits.photo_max_side = u32::try_from(side)
            .ok()
            .filter(|side| (320..=8192).contains(side))
            .ok_or_else(|| key_error(given.key("photo_max_side"), "use 320 to 8192 pixels"))?;
    }
    if let Some(quality) = given.optional_number("photo_quality")? {
        limits.photo_quality = u8::try_from(quality)
            .ok()
            .filter(|q| (1..=100).contains(q))
            .ok_or_else(|| key_error(given.key("photo_quality"), "use 1 to 100"))?;
    }
    if let Some(seconds) = given.optional_number("min_fill_seconds")? {
        limits.min_fill_seconds = u32::try_from(seconds)
            .ok()
            .filter(|s| *s <= 60)
            .ok_or_else(|| key_error(given.key("min_fill_seconds"), "use 0 to 60 seconds"))?;
    }
    Ok(limits)
}

fn non_empty(key: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() { Err(problem(key, "must not be empty")) } else { Ok(()) }
}

fn check_endpoint(key: &str, url: &str) -> Result<()> {
    let url = url.trim();
    let allowed = url.starts_with("https://") || url.starts_with("http://") || url.starts_with('/');
    if allowed && !url.contains(char::is_whitespace) {
        Ok(())
    } else {
        Err(problem(key, format!("\"{url}\" is not an http(s) URL or a path starting with '/'")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{
        "version": 1,
        "regency": {"code": "14.03", "name": "Kabupaten Bengkalis"},
        "endpoint": "/api/complaints"
    }"#;

    fn with(edit: impl FnOnce(&mut serde_json::Value)) -> String {
        let mut value: serde_json::Value = serde_json::from_str(MINIMAL).unwrap();
        edit(&mut value);
        value.to_string()
    }

    #[test]
    fn a_minimal_config_gets_the_documented_defaults() {
        let config = Config::from_json(MINIMAL).unwrap();
        assert_eq!(config.language, Lang::Id);
        assert_eq!(config.limits, Limits::default());
        assert!(config.agencies.is_empty() && config.areas.is_empty());
    }

    #[test]
    fn the_shipped_bengkalis_config_is_valid_and_complete() {
        let config = Config::from_json(include_str!("../config/bengkalis.json")).unwrap();
        assert_eq!(config.regency.code, "14.03");
        assert_eq!(config.areas.len(), 11);
        assert_eq!(config.areas.iter().map(|k| k.desa.len()).sum::<usize>(), 155);
        let kelurahan = config.areas.iter().flat_map(|k| &k.desa).filter(|d| d.is_kelurahan()).count();
        assert_eq!(kelurahan, 19);
        for id in ["dlh", "damkar", "bpbd", "kesbangpol", "diskominfotik", "pupr", "disdukcapil"] {
            assert!(config.agency(id).is_some(), "{id}");
        }
    }

    #[test]
    fn every_bad_config_names_the_key_at_fault() {
        type Edit = fn(&mut serde_json::Value);
        let cases: &[(&str, Edit, &str)] = &[
            (
                "unknown key",
                |v| {
                    v["endpont"] = "x".into();
                },
                "endpont",
            ),
            (
                "missing regency",
                |v| {
                    v.as_object_mut().unwrap().remove("regency");
                },
                "regency",
            ),
            (
                "wrong type",
                |v| {
                    v["regency"]["name"] = 5.into();
                },
                "regency.name",
            ),
            (
                "empty name",
                |v| {
                    v["regency"]["name"] = " ".into();
                },
                "regency.name",
            ),
            (
                "future version",
                |v| {
                    v["version"] = 2.into();
                },
                "version",
            ),
            (
                "bad language",
                |v| {
                    v["language"] = "jv".into();
                },
                "language",
            ),
            (
                "endpoint not a URL",
                |v| {
                    v["endpoint"] = "ftp://x".into();
                },
                "endpoint",
            ),
            (
                "a photo quality of 0",
                |v| {
                    v["limits"] = serde_json::json!({"photo_quality": 0});
                },
                "limits.photo_quality",
            ),
            (
                "photos scaled to a thumbnail",
                |v| {
                    v["limits"] = serde_json::json!({"photo_max_side": 100});
                },
                "limits.photo_max_side",
            ),
            (
                "a minimum fill time of ten minutes",
                |v| {
                    v["limits"] = serde_json::json!({"min_fill_seconds": 600});
                },
                "limits.min_fill_seconds",
            ),
            (
                "PNG photos without JPEG, which scaled photos become",
                |v| {
                    v["limits"] = serde_json::json!({"attachment_types": ["image/png", "application/pdf"]});
                },
                "limits.attachment_types",
            ),
            (
                "agency id with capitals",
                |v| {
                    v["agencies"] = serde_json::json!([{"id": "DLH", "name": "x"}]);
                },
                "agencies[0].id",
            ),
            (
                "duplicate agency",
                |v| {
                    v["agencies"] = serde_json::json!([{"id": "dlh", "name": "x"}, {"id": "dlh", "name": "y"}]);
                },
                "agencies[1].id",
            ),
            (
                "agency key typo",
                |v| {
                    v["agencies"] = serde_json::json!([{"id": "dlh", "nama": "x"}]);
                },
                "agencies[0].nama",
            ),
            (
                "desa outside kecamatan",
                |v| {
                    v["areas"] = serde_json::json!([{"code": "14.03.01", "name": "Bengkalis", "desa": [{"code": "14.03.02.2001", "name": "Bantan Tengah"}]}]);
                },
                "areas[0].desa[0].code",
            ),
            (
                "duplicate kecamatan",
                |v| {
                    v["areas"] =
                        serde_json::json!([{"code": "14.03.01", "name": "A"}, {"code": "14.03.01", "name": "B"}]);
                },
                "areas[1].code",
            ),
            (
                "limits inverted",
                |v| {
                    v["limits"] = serde_json::json!({"description_min": 50, "description_max": 10});
                },
                "limits.description_max",
            ),
            (
                "too many files",
                |v| {
                    v["limits"] = serde_json::json!({"attachments_max_count": 50});
                },
                "limits.attachments_max_count",
            ),
            (
                "bad mime",
                |v| {
                    v["limits"] = serde_json::json!({"attachment_types": ["jpg"]});
                },
                "limits.attachment_types[0]",
            ),
        ];
        for (story, edit, key) in cases {
            let error = Config::from_json(&with(*edit)).expect_err(story);
            assert_eq!(error.key, *key, "{story}: {error}");
            assert!(!error.problem.is_empty(), "{story}");
        }
    }

    #[test]
    fn syntax_errors_say_where_in_the_file() {
        let error = Config::from_json("{\n  \"version\": 1,\n  \"regency\": {\n}").unwrap_err();
        assert!(error.problem.contains("line"), "{error}");
        assert!(Config::from_json("").is_err());
        assert!(Config::from_json(&format!("{MINIMAL} trailing")).is_err());
    }

    #[test]
    fn attributes_override_the_file_and_are_checked_too() {
        let config = Config::from_json(MINIMAL).unwrap();
        let english = config.clone().with_overrides(Some("en"), Some("https://example.go.id/api")).unwrap();
        assert_eq!(english.language, Lang::En);
        assert_eq!(english.delivery.backend_for(None).kind.url(), Some("https://example.go.id/api"));
        assert_eq!(config.clone().with_overrides(Some("fr"), None).unwrap_err().key, "lang");
        assert_eq!(config.with_overrides(None, Some("javascript:alert(1)")).unwrap_err().key, "endpoint");
    }

    #[test]
    fn load_errors_tell_the_webmaster_what_to_fix() {
        let cases = [
            (load("/aduan/config.json", 404, "Not found", None, None).unwrap_err(), "HTTP 404"),
            (load("/aduan/config.json", 200, "<html>", None, None).unwrap_err(), "not valid"),
            (load("/aduan/config.json", 200, MINIMAL, Some("xx"), None).unwrap_err(), "attribute `lang`"),
            (LoadError::NoConfigAttribute, "config attribute"),
            (LoadError::Unreachable { url: "https://x.id/c.json".into() }, "could not fetch"),
        ];
        for (error, says) in cases {
            assert!(error.to_string().contains(says), "{error}");
        }
        assert_eq!(load("/c.json", 200, MINIMAL, Some("en"), None).unwrap().language, Lang::En);
    }

    #[test]
    fn agency_labels_add_the_abbreviation_once() {
        let agency = Agency {
            id: "dlh".into(),
            name: "Dinas Lingkungan Hidup".into(),
            name_en: Some("Environment Agency".into()),
            short_name: Some("DLH".into()),
            backend: None,
        };
        assert_eq!(agency.label(Lang::Id), "Dinas Lingkungan Hidup (DLH)");
        assert_eq!(agency.label(Lang::En), "Environment Agency (DLH)");
        let plain = Agency { short_name: None, name_en: None, ..agency };
        assert_eq!(plain.label(Lang::En), "Dinas Lingkungan Hidup");
    }
}
