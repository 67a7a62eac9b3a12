//! Open311 GeoReport v2, the open standard city systems use to take a service
//! request: served under `/open311/v2/`, JSON only.
//!
//! `services.json` lists one service per agency in the config, `requests.json`
//! takes a request (a url-encoded form, as the standard says) and
//! `requests/{id}.json` shows one. The widget's Open311 adapter is tested
//! against this, and an agency can point any Open311 client at it. Refusals use
//! the standard's shape, `[{"code": 400, "description": "…"}]`, never the
//! `{"error": …}` of `/api/`; their descriptions never repeat what was sent, so
//! they can go into the request log as they are.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::PoisonError;
use std::time::SystemTime;

use aduan::config::Config;
use aduan::payload::ClientId;
use serde::Serialize;
use serde_json::Value;

use crate::clock;
use crate::content_type::ContentType;
use crate::faults;
use crate::form;
use crate::http::{self, App, Incoming, MAX_BODY_BYTES};
use crate::reply::Reply;
use crate::store::{NewServiceRequest, StoreError};

/// Where the standard's endpoints start.
pub const PREFIX: &str = "/open311/v2/";

/// The standard's limit on a request's description, in characters.
pub const DESCRIPTION_MAX: usize = 4000;

/// The `service_notice` of every request taken.
pub const SERVICE_NOTICE: &str = "Laporan diterima";

/// The attribute the widget sends its client id in: a request with an id seen
/// before is answered with the same `service_request_id` and not stored again.
pub const CLIENT_ID_ATTRIBUTE: &str = "aduan_client_id";

/// What the command line asks of Open311 clients.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    /// `--open311-api-key`: every request must carry this `api_key`. Default: none asked for.
    pub api_key: Option<String>,
    /// `--open311-jurisdiction`: every request must carry this `jurisdiction_id`.
    /// Default: none asked for, and any given is ignored.
    pub jurisdiction: Option<String>,
}

/// A refusal: the HTTP status, which the standard repeats as `code`, and its
/// description.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Open311Error {
    pub status: u16,
    pub description: Cow<'static, str>,
    /// What went wrong inside the receiver, for the log only.
    pub detail: Option<String>,
}

impl Open311Error {
    fn new(status: u16, description: impl Into<Cow<'static, str>>) -> Self {
        Self { status, description: description.into(), detail: None }
    }

    fn bad(description: impl Into<Cow<'static, str>>) -> Self {
        Self::new(400, description)
    }

    pub fn reply(&self) -> Reply {
        let mut reply = error(self.status, &self.description);
        if let Some(detail) = &self.detail {
            reply.note = Some(format!("open311: {detail}"));
        }
        reply
    }
}

pub type Result<T> = std::result::Result<T, Open311Error>;

/// A refusal in the standard's shape.
///
/// # Example
/// ```
/// let reply = aduan_receiver::open311::error(403, "Invalid api_key");
/// assert_eq!(reply.body, br#"[{"code":403,"description":"Invalid api_key"}]"#);
/// ```
pub fn error(status: u16, description: &str) -> Reply {
    #[derive(Serialize)]
    struct Item<'a> {
        code: u16,
        description: &'a str,
    }
    let mut reply = Reply::json(status, &[Item { code: status, description }]);
    reply.note = Some(format!("open311: {description}"));
    reply
}

/// A service request as a client sent it, checked. Blank values count as not
/// sent, since form clients send every field whether filled in or not.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceRequest {
    /// An agency id from the config.
    pub service_code: String,
    /// From `attribute[aduan_client_id]`.
    pub client_id: Option<ClientId>,
    /// At most [`DESCRIPTION_MAX`] characters.
    pub description: Option<String>,
    /// Decimal degrees; given together with `long` or not at all.
    pub lat: Option<f64>,
    pub long: Option<f64>,
    pub address_string: Option<String>,
    pub address_id: Option<String>,
    pub email: Option<String>,
    pub device_id: Option<String>,
    pub account_id: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub phone: Option<String>,
    pub media_url: Option<String>,
    /// Every `attribute[CODE]` as a string and `attribute[CODE][]` as a list,
    /// as a JSON object ordered by code.
    pub attributes_json: String,
}

/// The form fields the standard defines for a request; others are ignored.
const FIELDS: [&str; 15] = [
    "api_key",
    "jurisdiction_id",
    "service_code",
    "lat",
    "long",
    "address_string",
    "address_id",
    "email",
    "device_id",
    "account_id",
    "first_name",
    "last_name",
    "phone",
    "description",
    "media_url",
];

impl ServiceRequest {
    /// Checks a request's form fields in the order a client can act on: who
    /// sends (`api_key`, 403), for where (`jurisdiction_id`, 404), then what
    /// (400s for the service, the location and the rest).
    pub fn from_form(pairs: &[(String, String)], config: &Config, settings: &Settings) -> Result<Self> {
        let mut fields: [Vec<&str>; FIELDS.len()] = Default::default();
        let mut attributes = Vec::new();
        for (name, value) in pairs {
            if let Some(index) = FIELDS.iter().position(|field| field == name) {
                fields[index].push(value.as_str());
            } else if name.starts_with("attribute[") {
                attributes.push((name.as_str(), value.as_str()));
            }
        }
        let all = |name: &str| -> &[&str] {
            FIELDS.iter().position(|field| *field == name).map_or(&[], |index| fields[index].as_slice())
        };

        let key_ok = |key: &String| matches!(all("api_key"), [given] if same_secret(given, key));
        if !settings.api_key.as_ref().is_none_or(key_ok) {
            return Err(Open311Error::new(403, "Invalid api_key"));
        }
        let jurisdiction_ok = |id: &String| matches!(all("jurisdiction_id"), [given] if *given == id.as_str());
        if !settings.jurisdiction.as_ref().is_none_or(jurisdiction_ok) {
            return Err(Open311Error::new(404, "jurisdiction_id not found"));
        }
        let one = |name: &'static str| -> Result<Option<String>> {
            match all(name) {
                [] => Ok(None),
                [value] => Ok(Some(value.trim()).filter(|v| !v.is_empty()).map(str::to_owned)),
                _ => Err(Open311Error::bad(format!("{name} is given more than once"))),
            }
        };

        let service_code = one("service_code")?.ok_or_else(|| Open311Error::bad("service_code is required"))?;
        if config.agency(&service_code).is_none() {
            return Err(Open311Error::bad("service_code not found"));
        }
        let (lat, long) = match (one("lat")?, one("long")?) {
            (None, None) => (None, None),
            (Some(lat), Some(long)) => (
                Some(
                    degrees(&lat, 90.0)
                        .ok_or_else(|| Open311Error::bad("lat must be decimal degrees from -90 to 90"))?,
                ),
                Some(
                    degrees(&long, 180.0)
                        .ok_or_else(|| Open311Error::bad("long must be decimal degrees from -180 to 180"))?,
                ),
            ),
            _ => return Err(Open311Error::bad("lat and long must be given together")),
        };
        let address_string = one("address_string")?;
        let address_id = one("address_id")?;
        if lat.is_none() && address_string.is_none() && address_id.is_none() {
            return Err(Open311Error::bad("lat and long, address_string or address_id is required"));
        }
        let description = one("description")?;
        if description.as_deref().is_some_and(|text| text.chars().count() > DESCRIPTION_MAX) {
            return Err(Open311Error::bad(format!("description is longer than {DESCRIPTION_MAX} characters")));
        }
        let (attributes_json, client_id) = read_attributes(&attributes)?;

        Ok(Self {
            service_code,
            client_id,
            description,
            lat,
            long,
            address_string,
            address_id,
            email: one("email")?,
            device_id: one("device_id")?,
            account_id: one("account_id")?,
            first_name: one("first_name")?,
            last_name: one("last_name")?,
            phone: one("phone")?,
            media_url: one("media_url")?,
            attributes_json,
        })
    }
}

/// `attribute[CODE]=v` becomes `"CODE": "v"`, and each `attribute[CODE][]=v`
/// adds `v` to `"CODE": [...]`; returns the object's JSON and the widget's
/// client id if it is among them.
fn read_attributes(pairs: &[(&str, &str)]) -> Result<(String, Option<ClientId>)> {
    let mut attributes: BTreeMap<&str, Value> = BTreeMap::new();
    for (name, value) in pairs {
        let inner = name.strip_prefix("attribute[").unwrap_or(name);
        let (code, list) = match inner.strip_suffix("][]") {
            Some(code) => (code, true),
            None => (inner.strip_suffix(']').unwrap_or(""), false),
        };
        if code.is_empty() || code.contains(['[', ']']) {
            return Err(Open311Error::bad("an attribute is not named attribute[CODE] or attribute[CODE][]"));
        }
        match (attributes.get_mut(code), list) {
            (None, false) => {
                attributes.insert(code, Value::from(*value));
            }
            (None, true) => {
                attributes.insert(code, Value::Array(vec![Value::from(*value)]));
            }
            (Some(Value::Array(values)), true) => values.push(Value::from(*value)),
            (Some(_), _) => {
                return Err(Open311Error::bad("an attribute is given more than once, or both with and without []"));
            }
        }
    }
    let client_id = match attributes.get(CLIENT_ID_ATTRIBUTE) {
        None => None,
        Some(Value::String(text)) if text.trim().is_empty() => None,
        Some(Value::String(text)) => Some(
            ClientId::parse(text.trim())
                .ok_or_else(|| Open311Error::bad("attribute[aduan_client_id] must be a UUID"))?,
        ),
        Some(_) => return Err(Open311Error::bad("attribute[aduan_client_id] must be given once, without []")),
    };
    let json = serde_json::to_string(&attributes).unwrap_or_else(|_| "{}".to_owned());
    Ok((json, client_id))
}

/// Decimal degrees written plainly (`0.8735`, `-1.5`, `+102`), within ±`limit`.
/// Exponents, `NaN`, `inf` and spaces are refused: no client means them.
fn degrees(text: &str, limit: f64) -> Option<f64> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let plain = !(whole.is_empty() && fraction.is_empty())
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit());
    let value: f64 = if plain { text.parse().ok()? } else { return None };
    (value.abs() <= limit).then_some(value)
}

/// Compares a secret in time that depends on its length only, so the answer's
/// timing tells a guesser nothing about how close the guess was.
fn same_secret(given: &str, expected: &str) -> bool {
    given.len() == expected.len() && given.bytes().zip(expected.bytes()).fold(0, |acc, (a, b)| acc | (a ^ b)) == 0
}

/// Answers a request whose path starts with [`PREFIX`]; `resource` is the rest.
pub(crate) fn route(
    app: &App,
    request: &mut Incoming<'_>,
    resource: &str,
    origin_denied: bool,
    now: SystemTime,
) -> Reply {
    let method = request.method;
    if resource.ends_with(".xml") {
        return error(400, "only JSON is served here; use the .json address");
    }
    if resource == "services.json" {
        return match method {
            "GET" | "HEAD" => services(app, request.url).unwrap_or_else(|refusal| refusal.reply()),
            "OPTIONS" => Reply::no_content(),
            _ => method_not_allowed("GET, OPTIONS"),
        };
    }
    if resource == "requests.json" {
        return match method {
            "POST" if origin_denied => {
                error(403, "this receiver does not take requests from pages on this origin; add it with --allow-origin")
            }
            "POST" => faults::around_submission(
                app.faults.as_ref(),
                |status| error(status, faults::FAILURE_MESSAGE),
                || post_request(app, request, now).unwrap_or_else(|refusal| refusal.reply()),
            ),
            "OPTIONS" => Reply::no_content(),
            _ => method_not_allowed("POST, OPTIONS"),
        };
    }
    let id = resource.strip_prefix("requests/").and_then(|rest| rest.strip_suffix(".json"));
    match id.filter(|id| !id.is_empty() && !id.contains('/')) {
        Some(id) => match method {
            "GET" | "HEAD" => show_request(app, request.url, id).unwrap_or_else(|refusal| refusal.reply()),
            "OPTIONS" => Reply::no_content(),
            _ => method_not_allowed("GET, OPTIONS"),
        },
        None => error(404, "there is nothing at this address"),
    }
}

fn method_not_allowed(allow: &'static str) -> Reply {
    error(405, &format!("this address answers {allow}")).with_header("Allow", allow)
}

/// Reads a GET's query string and checks its `jurisdiction_id`, which a GET
/// need not give but must not give wrong.
fn check_query(app: &App, url: &str) -> Result<()> {
    let query = url.split_once('?').map_or("", |(_, query)| query);
    let query = query.split('#').next().unwrap_or_default();
    let pairs = form::parse(query.as_bytes()).map_err(|_| Open311Error::bad("the query is not UTF-8 once decoded"))?;
    let given: Vec<&str> =
        pairs.iter().filter(|(name, _)| name == "jurisdiction_id").map(|(_, value)| value.as_str()).collect();
    match (&app.open311.jurisdiction, given.as_slice()) {
        (_, []) | (None, _) => Ok(()),
        (Some(jurisdiction), [one]) if *one == jurisdiction.as_str() => Ok(()),
        _ => Err(Open311Error::new(404, "jurisdiction_id not found")),
    }
}

/// `GET services.json`: one realtime service per agency.
fn services(app: &App, url: &str) -> Result<Reply> {
    #[derive(Serialize)]
    struct Service<'a> {
        service_code: &'a str,
        service_name: &'a str,
        description: &'a str,
        metadata: bool,
        #[serde(rename = "type")]
        kind: &'static str,
        keywords: &'static str,
        group: &'a str,
    }
    check_query(app, url)?;
    let group = format!("Pemerintah {}", app.config.regency.name);
    let services: Vec<Service<'_>> = app
        .config
        .agencies
        .iter()
        .map(|agency| Service {
            service_code: &agency.id,
            service_name: &agency.name,
            description: &agency.name,
            metadata: false,
            kind: "realtime",
            keywords: "",
            group: &group,
        })
        .collect();
    Ok(Reply::json(200, &services))
}

/// `POST requests.json`: check the form and store the request once.
fn post_request(app: &App, request: &mut Incoming<'_>, now: SystemTime) -> Result<Reply> {
    let form_type = request.header("Content-Type").map(ContentType::parse);
    if !form_type.is_some_and(|form| form.essence == "application/x-www-form-urlencoded" && form.is_utf8()) {
        return Err(Open311Error::new(
            415,
            "send the request as Content-Type: application/x-www-form-urlencoded in UTF-8",
        ));
    }
    let too_large =
        || Open311Error::new(413, format!("the request is larger than {} MiB", MAX_BODY_BYTES / (1024 * 1024)));
    if request.content_length.is_some_and(|length| length > MAX_BODY_BYTES) {
        return Err(too_large());
    }
    let body = http::read_at_most(request.body, MAX_BODY_BYTES, request.content_length)
        .map_err(|_| Open311Error::bad("the body could not be read"))?
        .ok_or_else(too_large)?;

    let _decoding = app.decoding();
    let pairs = form::parse(&body).map_err(|_| Open311Error::bad("the form is not UTF-8 once decoded"))?;
    let service_request = ServiceRequest::from_form(&pairs, &app.config, &app.open311)?;
    let received_at = clock::rfc3339_utc(now);
    let new =
        NewServiceRequest { request: &service_request, received_at: &received_at, year: clock::today_wib(now).year() };
    let saved = app.store.lock().unwrap_or_else(PoisonError::into_inner).save_open311(&new, &app.tracking_prefix);
    let saved = saved.map_err(|error| storage_failed(&error))?;
    if let Some(faults) = &app.faults {
        faults.count_saved(saved.duplicate);
    }

    #[derive(Serialize)]
    struct Taken<'a> {
        service_request_id: &'a str,
        service_notice: &'static str,
        account_id: Option<&'a str>,
    }
    let mut reply = Reply::json(
        200,
        &[Taken { service_request_id: &saved.tracking_number, service_notice: SERVICE_NOTICE, account_id: None }],
    );
    reply.note = Some(if saved.duplicate { format!("{} again", saved.tracking_number) } else { saved.tracking_number });
    Ok(reply)
}

/// `GET requests/{id}.json`: what the standard shows of a request. Contact
/// details are never shown.
fn show_request(app: &App, url: &str, id: &str) -> Result<Reply> {
    #[derive(Serialize)]
    struct Shown<'a> {
        service_request_id: &'a str,
        status: &'static str,
        service_code: &'a str,
        service_name: Option<&'a str>,
        description: Option<&'a str>,
        requested_datetime: &'a str,
        address: Option<&'a str>,
        lat: Option<f64>,
        long: Option<f64>,
    }
    check_query(app, url)?;
    let found = app.store.lock().unwrap_or_else(PoisonError::into_inner).find_open311(id);
    let found = found
        .map_err(|error| storage_failed(&error))?
        .ok_or_else(|| Open311Error::new(404, "service_request_id not found"))?;
    let shown = Shown {
        service_request_id: &found.service_request_id,
        // This receiver keeps requests; it does not follow their handling.
        status: "open",
        service_code: &found.service_code,
        service_name: app.config.agency(&found.service_code).map(|agency| agency.name.as_str()),
        description: found.description.as_deref(),
        requested_datetime: &found.received_at,
        address: found.address_string.as_deref(),
        lat: found.lat,
        long: found.long,
    };
    Ok(Reply::json(200, &[shown]))
}

/// A 500 the client retries later; the detail goes to the log only.
fn storage_failed(error: &StoreError) -> Open311Error {
    Open311Error {
        detail: Some(format!("storage_failed: {error}")),
        ..Open311Error::new(500, "the request could not be stored; try again later")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::from_json(include_str!("../../config/bengkalis.json")).expect("the example config is valid")
    }

    fn form(text: &str) -> Vec<(String, String)> {
        form::parse(text.as_bytes()).expect("a UTF-8 form")
    }

    fn check(text: &str, settings: &Settings) -> Result<ServiceRequest> {
        ServiceRequest::from_form(&form(text), &config(), settings)
    }

    const PLACE: &str = "service_code=pupr&lat=1.4674&long=102.1031";

    #[test]
    fn a_full_request_is_read_field_by_field() {
        let text = "service_code=dlh&lat=%2B1.48&long=102.08&address_string=Jl.+Pramuka+No.+5\
                    &address_id=&email=warga%40contoh.id&device_id=hp-1&account_id=77&first_name=Dewi\
                    &last_name=Lestari&phone=0812+1111+2222&description=Sampah+dibakar+tiap+sore%0Adekat+sekolah\
                    &media_url=https%3A%2F%2Ffoto.contoh.id%2F1.jpg&attribute[jenis]=pengaduan\
                    &attribute[lampiran][]=a.jpg&attribute[lampiran][]=b.jpg\
                    &attribute%5Baduan_client_id%5D=0A0B0C0D-0000-4000-8000-000000000001&unknown=ignored";
        let request = check(text, &Settings::default()).unwrap();
        assert_eq!(
            request,
            ServiceRequest {
                service_code: "dlh".into(),
                client_id: ClientId::parse("0a0b0c0d-0000-4000-8000-000000000001"),
                description: Some("Sampah dibakar tiap sore\ndekat sekolah".into()),
                lat: Some(1.48),
                long: Some(102.08),
                address_string: Some("Jl. Pramuka No. 5".into()),
                address_id: None,
                email: Some("warga@contoh.id".into()),
                device_id: Some("hp-1".into()),
                account_id: Some("77".into()),
                first_name: Some("Dewi".into()),
                last_name: Some("Lestari".into()),
                phone: Some("0812 1111 2222".into()),
                media_url: Some("https://foto.contoh.id/1.jpg".into()),
                attributes_json: r#"{"aduan_client_id":"0A0B0C0D-0000-4000-8000-000000000001","jenis":"pengaduan","lampiran":["a.jpg","b.jpg"]}"#.into(),
            }
        );
    }

    #[test]
    fn each_rule_refuses_with_the_standards_status_and_description() {
        let keyed = Settings { api_key: Some("kunci-rahasia".into()), jurisdiction: Some("bengkaliskab.go.id".into()) };
        let ok = format!("api_key=kunci-rahasia&jurisdiction_id=bengkaliskab.go.id&{PLACE}");
        assert!(check(&ok, &keyed).is_ok());
        let long_text = "a".repeat(DESCRIPTION_MAX + 1);
        let none = Settings::default();
        let cases: Vec<(String, &Settings, u16, &str)> = vec![
            (PLACE.to_owned(), &keyed, 403, "Invalid api_key"),
            (format!("api_key=kunci-salah&{PLACE}"), &keyed, 403, "Invalid api_key"),
            (format!("api_key=kunci-rahasi&{PLACE}"), &keyed, 403, "Invalid api_key"),
            (format!("api_key=kunci-rahasia&api_key=kunci-rahasia&{PLACE}"), &keyed, 403, "Invalid api_key"),
            (format!("api_key=kunci-rahasia&{PLACE}"), &keyed, 404, "jurisdiction_id not found"),
            (
                format!("api_key=kunci-rahasia&jurisdiction_id=riau.go.id&{PLACE}"),
                &keyed,
                404,
                "jurisdiction_id not found",
            ),
            ("lat=1&long=102".to_owned(), &none, 400, "service_code is required"),
            ("service_code=+&lat=1&long=102".to_owned(), &none, 400, "service_code is required"),
            ("service_code=kpk&lat=1&long=102".to_owned(), &none, 400, "service_code not found"),
            ("service_code=PUPR&lat=1&long=102".to_owned(), &none, 400, "service_code not found"),
            (
                "service_code=pupr&description=Jalan+rusak".to_owned(),
                &none,
                400,
                "lat and long, address_string or address_id is required",
            ),
            (
                "service_code=pupr&lat=&long=&address_string=+".to_owned(),
                &none,
                400,
                "lat and long, address_string or address_id is required",
            ),
            ("service_code=pupr&lat=1.5".to_owned(), &none, 400, "lat and long must be given together"),
            ("service_code=pupr&lat=91&long=102".to_owned(), &none, 400, "lat must be decimal degrees from -90 to 90"),
            (
                "service_code=pupr&lat=satu&long=102".to_owned(),
                &none,
                400,
                "lat must be decimal degrees from -90 to 90",
            ),
            (
                "service_code=pupr&lat=1&long=-180.5".to_owned(),
                &none,
                400,
                "long must be decimal degrees from -180 to 180",
            ),
            (
                "service_code=pupr&lat=1&long=1e2".to_owned(),
                &none,
                400,
                "long must be decimal degrees from -180 to 180",
            ),
            (format!("{PLACE}&lat=2"), &none, 400, "lat is given more than once"),
            (format!("{PLACE}&service_code=dlh"), &none, 400, "service_code is given more than once"),
            (format!("{PLACE}&description={long_text}"), &none, 400, "description is longer than 4000 characters"),
            (
                format!("{PLACE}&attribute[x"),
                &none,
                400,
                "an attribute is not named attribute[CODE] or attribute[CODE][]",
            ),
            (
                format!("{PLACE}&attribute[]=1"),
                &none,
                400,
                "an attribute is not named attribute[CODE] or attribute[CODE][]",
            ),
            (
                format!("{PLACE}&attribute[a][b]=1"),
                &none,
                400,
                "an attribute is not named attribute[CODE] or attribute[CODE][]",
            ),
            (
                format!("{PLACE}&attribute[a]=1&attribute[a]=2"),
                &none,
                400,
                "an attribute is given more than once, or both with and without []",
            ),
            (
                format!("{PLACE}&attribute[a][]=1&attribute[a]=2"),
                &none,
                400,
                "an attribute is given more than once, or both with and without []",
            ),
            (
                format!("{PLACE}&attribute[aduan_client_id]=nomor-7"),
                &none,
                400,
                "attribute[aduan_client_id] must be a UUID",
            ),
            (
                format!("{PLACE}&attribute[aduan_client_id][]=0a0b0c0d-0000-4000-8000-000000000001"),
                &none,
                400,
                "attribute[aduan_client_id] must be given once, without []",
            ),
        ];
        for (text, settings, status, description) in cases {
            let refusal = check(&text, settings).expect_err(&text);
            assert_eq!((refusal.status, refusal.description.as_ref()), (status, description), "{text}");
        }
    }

    #[test]
    fn any_one_kind_of_location_is_enough() {
        for text in [
            "service_code=pupr&lat=0&long=0",
            "service_code=pupr&lat=-90&long=180",
            "service_code=pupr&lat=.5&long=-.5",
            "service_code=pupr&address_string=Jl.+Sudirman%2C+Bengkalis",
            "service_code=pupr&address_id=14.03.02.2019",
            "service_code=pupr&lat=&long=&address_id=7",
        ] {
            assert!(check(text, &Settings::default()).is_ok(), "{text}");
        }
    }

    #[test]
    fn a_description_of_exactly_4000_characters_is_taken() {
        // Characters, not bytes: "é" is two bytes in UTF-8.
        let text = format!("{PLACE}&description={}", "%C3%A9".repeat(DESCRIPTION_MAX));
        let request = check(&text, &Settings::default()).unwrap();
        assert_eq!(request.description.map(|d| d.chars().count()), Some(DESCRIPTION_MAX));
    }

    #[test]
    fn without_settings_any_api_key_and_jurisdiction_are_ignored() {
        let text = format!("api_key=apa+saja&jurisdiction_id=mana+saja&{PLACE}");
        assert!(check(&text, &Settings::default()).is_ok());
    }

    #[test]
    fn degrees_are_plain_decimals_within_range() {
        let cases: &[(&str, Option<f64>)] = &[
            ("1.4674", Some(1.4674)),
            ("-0.5", Some(-0.5)),
            ("+90", Some(90.0)),
            ("90.0000001", None),
            ("12.", Some(12.0)),
            ("", None),
            (".", None),
            ("-", None),
            ("1e1", None),
            ("NaN", None),
            ("inf", None),
            (" 1", None),
            ("1,5", None),
            ("0x10", None),
            ("1.2.3", None),
            ("--1", None),
        ];
        for (text, expected) in cases {
            assert_eq!(degrees(text, 90.0), *expected, "{text:?}");
        }
    }

    #[test]
    fn secrets_compare_equal_only_when_equal() {
        assert!(same_secret("kunci", "kunci"));
        assert!(!same_secret("kunci", "kuncI"));
        assert!(!same_secret("kunc", "kunci"));
        assert!(!same_secret("", "kunci"));
    }
}
