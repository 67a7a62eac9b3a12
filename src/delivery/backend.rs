//! Where complaints go: the backends a regency configures, and which agency
//! uses which.
//!
//! Part of the pure core. Agencies already run something: a JSON webhook, a
//! Laravel app taking multipart forms, an Open311 server, or only a WhatsApp
//! number or an email inbox. The config names a default backend and may give an
//! agency its own (`agencies[].backend`).

use crate::email::{EmailAddress, parse_email};
use crate::json::Json;
use crate::json_reader::{Object, Result, key_error};
use crate::phone::{PhoneNumber, parse_phone};

/// All the regency's backends, and the one used when an agency has none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivery {
    pub default: String,
    pub backends: Vec<Backend>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backend {
    /// The config's name for it, e.g. `"kominfo"`.
    pub id: String,
    pub kind: BackendKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackendKind {
    /// POST the `aduan.complaint/1` JSON (docs/payload.md), with optional static headers.
    Json { url: String, headers: Vec<(String, String)> },
    /// POST `multipart/form-data` with one field per answer and the files, as a
    /// PHP/Laravel form handler expects. `fields` renames the default field names.
    Multipart { url: String, headers: Vec<(String, String)>, fields: Vec<(MultipartField, String)> },
    /// POST an Open311 GeoReport v2 service request.
    Open311(Open311),
    /// Hand the complaint to the citizen's WhatsApp, addressed to this number.
    WhatsApp { number: PhoneNumber },
    /// Hand the complaint to the citizen's email program, addressed here.
    Email { address: EmailAddress },
}

impl BackendKind {
    /// Where requests go, or `None` for a hand-off (the citizen's own app sends it).
    pub fn url(&self) -> Option<&str> {
        match self {
            BackendKind::Json { url, .. } | BackendKind::Multipart { url, .. } => Some(url),
            BackendKind::Open311(open311) => Some(&open311.url),
            BackendKind::WhatsApp { .. } | BackendKind::Email { .. } => None,
        }
    }
}

/// An Open311 GeoReport v2 server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Open311 {
    /// The endpoint, e.g. `https://lapor.example.go.id/open311/v2/`; requests go to `requests.json` under it.
    pub url: String,
    pub api_key: Option<String>,
    pub jurisdiction_id: Option<String>,
    /// `service_code` by agency id, then by triage topic id, then the default.
    pub service_codes_by_agency: Vec<(String, String)>,
    pub service_codes_by_topic: Vec<(String, String)>,
    pub default_service_code: String,
    /// How the first photo goes with the request, if at all.
    pub media: Open311Media,
}

/// How an Open311 request carries a photo. The standard request has only
/// `media_url`, a public address, so the photo needs a host first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Open311Media {
    /// No photo (the default): the form request stays plain.
    None,
    /// A `media` file part (the request becomes multipart/form-data), an
    /// extension FixMyStreet-style servers accept (`media_upload: true`).
    Upload,
    /// Uploaded first to this media host, whose answer `{"url": …}` becomes
    /// `media_url` (`media_host`).
    Host { url: String },
}

/// The answers a multipart form carries, each under a configurable name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MultipartField {
    ClientId,
    Kind,
    Title,
    Description,
    IncidentDate,
    Kecamatan,
    KecamatanCode,
    Desa,
    DesaCode,
    LocationDetail,
    Latitude,
    Longitude,
    Agency,
    AgencyName,
    Anonymous,
    Confidential,
    Name,
    Phone,
    Email,
    Nik,
    /// The whole `aduan.complaint/1` JSON, attachments' data left empty.
    Payload,
    /// The file parts.
    Attachments,
}

impl MultipartField {
    pub const ALL: [MultipartField; 22] = [
        MultipartField::ClientId,
        MultipartField::Kind,
        MultipartField::Title,
        MultipartField::Description,
        MultipartField::IncidentDate,
        MultipartField::Kecamatan,
        MultipartField::KecamatanCode,
        MultipartField::Desa,
        MultipartField::DesaCode,
        MultipartField::LocationDetail,
        MultipartField::Latitude,
        MultipartField::Longitude,
        MultipartField::Agency,
        MultipartField::AgencyName,
        MultipartField::Anonymous,
        MultipartField::Confidential,
        MultipartField::Name,
        MultipartField::Phone,
        MultipartField::Email,
        MultipartField::Nik,
        MultipartField::Payload,
        MultipartField::Attachments,
    ];

    /// The key used in the config's `fields` map.
    pub fn code(self) -> &'static str {
        match self {
            MultipartField::ClientId => "client_id",
            MultipartField::Kind => "kind",
            MultipartField::Title => "title",
            MultipartField::Description => "description",
            MultipartField::IncidentDate => "incident_date",
            MultipartField::Kecamatan => "kecamatan",
            MultipartField::KecamatanCode => "kecamatan_code",
            MultipartField::Desa => "desa",
            MultipartField::DesaCode => "desa_code",
            MultipartField::LocationDetail => "location_detail",
            MultipartField::Latitude => "latitude",
            MultipartField::Longitude => "longitude",
            MultipartField::Agency => "agency",
            MultipartField::AgencyName => "agency_name",
            MultipartField::Anonymous => "anonymous",
            MultipartField::Confidential => "confidential",
            MultipartField::Name => "name",
            MultipartField::Phone => "phone",
            MultipartField::Email => "email",
            MultipartField::Nik => "nik",
            MultipartField::Payload => "payload",
            MultipartField::Attachments => "attachments",
        }
    }

    /// The default field name: Indonesian, as Indonesian Laravel apps name them.
    pub fn default_name(self) -> &'static str {
        match self {
            MultipartField::ClientId => "client_id",
            MultipartField::Kind => "jenis",
            MultipartField::Title => "judul",
            MultipartField::Description => "isi",
            MultipartField::IncidentDate => "tanggal_kejadian",
            MultipartField::Kecamatan => "kecamatan",
            MultipartField::KecamatanCode => "kode_kecamatan",
            MultipartField::Desa => "desa",
            MultipartField::DesaCode => "kode_desa",
            MultipartField::LocationDetail => "detail_lokasi",
            MultipartField::Latitude => "latitude",
            MultipartField::Longitude => "longitude",
            MultipartField::Agency => "instansi",
            MultipartField::AgencyName => "nama_instansi",
            MultipartField::Anonymous => "anonim",
            MultipartField::Confidential => "rahasia",
            MultipartField::Name => "nama",
            MultipartField::Phone => "telepon",
            MultipartField::Email => "email",
            MultipartField::Nik => "nik",
            MultipartField::Payload => "payload",
            MultipartField::Attachments => "lampiran[]",
        }
    }
}

impl Delivery {
    /// The backend for complaints addressed to `agency` (or to nobody).
    pub fn backend_for(&self, agency_backend: Option<&str>) -> &Backend {
        let id = agency_backend.unwrap_or(&self.default);
        self.backends
            .iter()
            .find(|backend| backend.id == id)
            .or_else(|| self.backends.iter().find(|backend| backend.id == self.default))
            .expect("a checked config's default backend exists")
    }

    /// A single JSON webhook, the config's `endpoint` shorthand.
    pub fn json_endpoint(url: &str) -> Delivery {
        Delivery {
            default: "default".into(),
            backends: vec![Backend {
                id: "default".into(),
                kind: BackendKind::Json { url: url.into(), headers: Vec::new() },
            }],
        }
    }

    /// The URL of the default backend, when it has one (the `endpoint` attribute overrides it).
    pub fn default_url_mut(&mut self) -> Option<&mut String> {
        let default = self.default.clone();
        self.backends.iter_mut().find(|b| b.id == default).and_then(|backend| match &mut backend.kind {
            BackendKind::Json { url, .. } | BackendKind::Multipart { url, .. } => Some(url),
            BackendKind::Open311(open311) => Some(&mut open311.url),
            BackendKind::WhatsApp { .. } | BackendKind::Email { .. } => None,
        })
    }
}

/// Reads the config's `delivery` object.
pub fn read_delivery(value: &Json) -> Result<Delivery> {
    let delivery = Object::new(value, "delivery", &["default", "backends"])?;
    let default = delivery.string("default")?;
    // The keys are backend ids, so they are read here rather than as known keys.
    let Some(Json::Object(entries)) = delivery.value("backends") else {
        return Err(key_error("delivery.backends", "expected an object of backends by id"));
    };
    if entries.is_empty() {
        return Err(key_error("delivery.backends", "list at least one backend"));
    }
    let mut backends = Vec::new();
    for (id, backend) in entries {
        let key = format!("delivery.backends.{id}");
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
            return Err(key_error(key, "backend ids use lowercase letters, digits and '-' only"));
        }
        backends.push(Backend { id: id.clone(), kind: read_backend(backend, &key)? });
    }
    if !backends.iter().any(|b| b.id == default) {
        return Err(key_error("delivery.default", format!("\"{default}\" is not one of delivery.backends")));
    }
    Ok(Delivery { default, backends })
}

/// `typed`, the value of `name`, if it is an http(s) URL or a path on the host page's site.
fn http_url(backend: &Object, name: &str, typed: String) -> Result<String> {
    let url = typed.trim().to_owned();
    if url.starts_with("https://") || url.starts_with("http://") || url.starts_with('/') {
        Ok(url)
    } else {
        Err(key_error(backend.key(name), format!("\"{url}\" is not an http(s) URL or a path starting with '/'")))
    }
}

fn read_open311_media(backend: &Object) -> Result<Open311Media> {
    let upload = match backend.value("media_upload") {
        None => false,
        Some(Json::Bool(flag)) => *flag,
        Some(other) => {
            return Err(key_error(backend.key("media_upload"), format!("expected true/false, found {}", other.kind())));
        }
    };
    match (upload, backend.optional_string("media_host")?) {
        (false, None) => Ok(Open311Media::None),
        (true, None) => Ok(Open311Media::Upload),
        (false, Some(url)) => Ok(Open311Media::Host { url: http_url(backend, "media_host", url)? }),
        (true, Some(_)) => Err(key_error(
            backend.key("media_host"),
            "choose one: media_upload sends the photo in the request, media_host sends its address",
        )),
    }
}

fn read_backend(value: &Json, key: &str) -> Result<BackendKind> {
    const KEYS: &[&str] = &[
        "type",
        "url",
        "headers",
        "fields",
        "api_key",
        "jurisdiction_id",
        "service_codes_by_agency",
        "service_codes_by_topic",
        "default_service_code",
        "media_upload",
        "media_host",
        "number",
        "address",
    ];
    let backend = Object::new(value, key, KEYS)?;
    let url = || http_url(&backend, "url", backend.string("url")?);
    let pairs = |name: &str| -> Result<Vec<(String, String)>> {
        let Some(object) = backend.value(name) else { return Ok(Vec::new()) };
        let Json::Object(entries) = object else {
            return Err(key_error(backend.key(name), "expected an object of names to values"));
        };
        entries
            .iter()
            .map(|(k, v)| match v {
                Json::String(text) => Ok((k.clone(), text.clone())),
                other => Err(key_error(
                    format!("{}.{k}", backend.key(name)),
                    format!("expected a string, found {}", other.kind()),
                )),
            })
            .collect()
    };
    match backend.string("type")?.as_str() {
        "json" => Ok(BackendKind::Json { url: url()?, headers: pairs("headers")? }),
        "multipart" => {
            let mut fields = Vec::new();
            for (code, name) in pairs("fields")? {
                let field = MultipartField::ALL.into_iter().find(|f| f.code() == code).ok_or_else(|| {
                    let known: Vec<&str> = MultipartField::ALL.iter().map(|f| f.code()).collect();
                    key_error(
                        format!("{}.{code}", backend.key("fields")),
                        format!("unknown field; the fields are: {}", known.join(", ")),
                    )
                })?;
                fields.push((field, name));
            }
            Ok(BackendKind::Multipart { url: url()?, headers: pairs("headers")?, fields })
        }
        "open311" => Ok(BackendKind::Open311(Open311 {
            url: url()?,
            api_key: backend.optional_string("api_key")?,
            jurisdiction_id: backend.optional_string("jurisdiction_id")?,
            service_codes_by_agency: pairs("service_codes_by_agency")?,
            service_codes_by_topic: pairs("service_codes_by_topic")?,
            default_service_code: backend.string("default_service_code")?,
            media: read_open311_media(&backend)?,
        })),
        "whatsapp" => {
            let typed = backend.string("number")?;
            let number = parse_phone(&typed).ok().filter(PhoneNumber::is_mobile).ok_or_else(|| {
                key_error(backend.key("number"), format!("\"{typed}\" is not an Indonesian mobile number"))
            })?;
            Ok(BackendKind::WhatsApp { number })
        }
        "email" => {
            let typed = backend.string("address")?;
            let address = parse_email(&typed)
                .ok_or_else(|| key_error(backend.key("address"), format!("\"{typed}\" is not an email address")))?;
            Ok(BackendKind::Email { address })
        }
        other => Err(key_error(
            backend.key("type"),
            format!("unknown backend type \"{other}\"; use json, multipart, open311, whatsapp or email"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;

    /// Bengkalis with `delivery` in place of `endpoint`, then `change` applied.
    fn config_with(delivery: serde_json::Value, change: fn(&mut serde_json::Value)) -> Result<Config, String> {
        let mut config: serde_json::Value = serde_json::from_str(include_str!("../../config/bengkalis.json")).unwrap();
        config.as_object_mut().unwrap().remove("endpoint");
        config["delivery"] = delivery;
        change(&mut config);
        Config::from_json(&config.to_string()).map_err(|error| error.key)
    }

    fn one(backend: serde_json::Value) -> serde_json::Value {
        serde_json::json!({"default": "utama", "backends": {"utama": backend}})
    }

    #[test]
    fn each_mistake_in_delivery_is_named_by_its_key() {
        let none = |_: &mut serde_json::Value| {};
        type Change = fn(&mut serde_json::Value);
        let cases: Vec<(&str, serde_json::Value, Change, &str)> = vec![
            (
                "unknown type",
                one(serde_json::json!({"type": "fax", "url": "/x"})),
                none,
                "delivery.backends.utama.type",
            ),
            ("no URL", one(serde_json::json!({"type": "json"})), none, "delivery.backends.utama.url"),
            (
                "not a URL",
                one(serde_json::json!({"type": "json", "url": "ftp://x"})),
                none,
                "delivery.backends.utama.url",
            ),
            (
                "unknown multipart field",
                one(serde_json::json!({"type": "multipart", "url": "/x", "fields": {"judul": "title"}})),
                none,
                "delivery.backends.utama.fields.judul",
            ),
            (
                "open311 without a default service code",
                one(serde_json::json!({"type": "open311", "url": "/open311/v2"})),
                none,
                "delivery.backends.utama.default_service_code",
            ),
            (
                "open311 photo both in the request and on a media host",
                one(serde_json::json!({"type": "open311", "url": "/o", "default_service_code": "U",
                    "media_upload": true, "media_host": "/media"})),
                none,
                "delivery.backends.utama.media_host",
            ),
            (
                "open311 media host not a URL",
                one(serde_json::json!({"type": "open311", "url": "/o", "default_service_code": "U",
                    "media_host": "berkas.go.id"})),
                none,
                "delivery.backends.utama.media_host",
            ),
            (
                "WhatsApp on a landline",
                one(serde_json::json!({"type": "whatsapp", "number": "(0766) 21234"})),
                none,
                "delivery.backends.utama.number",
            ),
            (
                "bad email",
                one(serde_json::json!({"type": "email", "address": "dlh@"})),
                none,
                "delivery.backends.utama.address",
            ),
            (
                "default not among the backends",
                serde_json::json!({"default": "lain", "backends": {"utama": {"type": "json", "url": "/x"}}}),
                none,
                "delivery.default",
            ),
            (
                "backend id with capitals",
                serde_json::json!({"default": "Utama", "backends": {"Utama": {"type": "json", "url": "/x"}}}),
                none,
                "delivery.backends.Utama",
            ),
            (
                "agency on a backend that does not exist",
                one(serde_json::json!({"type": "json", "url": "/x"})),
                |c| c["agencies"][0]["backend"] = "wa".into(),
                "agencies[0].backend",
            ),
            (
                "both endpoint and delivery",
                one(serde_json::json!({"type": "json", "url": "/x"})),
                |c| c["endpoint"] = "/api".into(),
                "endpoint",
            ),
        ];
        for (story, delivery, change, key) in cases {
            assert_eq!(config_with(delivery, change).unwrap_err(), key, "{story}");
        }
    }

    #[test]
    fn an_open311_photo_goes_nowhere_in_the_request_or_to_a_media_host() {
        use super::{BackendKind, Open311Media};
        let media = |extra: serde_json::Value| {
            let mut backend = serde_json::json!({"type": "open311", "url": "/o", "default_service_code": "U"});
            backend.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
            let config = config_with(one(backend), |_| {}).unwrap();
            let BackendKind::Open311(open311) = &config.delivery.backend_for(None).kind else { panic!("open311") };
            open311.media.clone()
        };
        assert_eq!(media(serde_json::json!({})), Open311Media::None);
        assert_eq!(media(serde_json::json!({"media_upload": false})), Open311Media::None);
        assert_eq!(media(serde_json::json!({"media_upload": true})), Open311Media::Upload);
        assert_eq!(
            media(serde_json::json!({"media_host": " https://berkas.go.id/media "})),
            Open311Media::Host { url: "https://berkas.go.id/media".into() }
        );
    }

    #[test]
    fn the_endpoint_shorthand_is_one_json_backend() {
        let config = Config::from_json(include_str!("../../config/bengkalis.json")).unwrap();
        assert_eq!(config.delivery.backends.len(), 1);
        assert_eq!(config.delivery.backend_for(None).kind.url(), Some("/api/complaints"));
    }

    #[test]
    fn the_endpoint_attribute_overrides_the_default_backend_but_not_a_hand_off() {
        let open311 = one(serde_json::json!({"type": "open311", "url": "/open311/v2", "default_service_code": "UMUM"}));
        let config = config_with(open311, |_| {}).unwrap();
        let moved = config.with_overrides(None, Some("https://uji.go.id/open311/v2")).unwrap();
        assert_eq!(moved.delivery.backend_for(None).kind.url(), Some("https://uji.go.id/open311/v2"));
        let whatsapp =
            config_with(one(serde_json::json!({"type": "whatsapp", "number": "0812 7000 113"})), |_| {}).unwrap();
        assert_eq!(whatsapp.with_overrides(None, Some("/api")).unwrap_err().key, "endpoint");
    }
}
