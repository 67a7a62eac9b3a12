//! Where each topic goes in one regency: the `triage` part of its config.
//!
//! Part of the pure core. A regency maps every topic to one of its agencies, or
//! to a referral when the matter is not the regency's (electricity → PLN), and
//! may add keyword rules that win over the model without retraining ("roro" →
//! Dishub; "SMA" within education → the provincial education office).

use super::Topic;
use crate::json::Json;
use crate::json_reader::{Object, Result, key_error};

/// Where a complaint goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// One of the regency's agencies, by its config id.
    Agency(String),
    /// Not the regency's business: who to contact instead.
    Referral(Referral),
    /// Nobody in particular: an officer decides.
    Unknown,
}

/// An outside body that handles a matter the regency does not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Referral {
    /// As citizens know it: "PLN (listrik)", "Polres Bengkalis".
    pub name: String,
    /// A number to call, e.g. "123".
    pub phone: Option<String>,
    /// A web page or app link.
    pub url: Option<String>,
}

/// A keyword rule: if the text has one of `phrases` (and the model's topic is
/// one of `topics`, when given), the complaint goes to `route`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    /// Words or phrases as the agency writes them; matched after the same
    /// normalisation as the model's features, so "Ro-Ro" matches "roro".
    pub phrases: Vec<String>,
    /// Only when the model's top topic is one of these. Empty: always.
    pub topics: Vec<Topic>,
    pub route: Route,
}

/// The emergency numbers the widget shows. Defaults are Indonesia's national ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmergencyNumbers {
    /// 112, the single emergency number.
    pub general: String,
    /// 113, fire.
    pub fire: String,
    /// 110, police.
    pub police: String,
    /// 115, search and rescue (Basarnas).
    pub rescue: String,
    /// 119, ambulance.
    pub ambulance: String,
}

impl Default for EmergencyNumbers {
    fn default() -> Self {
        Self {
            general: "112".into(),
            fire: "113".into(),
            police: "110".into(),
            rescue: "115".into(),
            ambulance: "119".into(),
        }
    }
}

/// The regency's routing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Routing {
    /// Topic → route, as listed in the config.
    pub topics: Vec<(Topic, Route)>,
    pub rules: Vec<Rule>,
    pub emergency: EmergencyNumbers,
    /// URL of the model file. Default: `triage.bin` beside the widget's script.
    pub model_url: Option<String>,
}

impl Routing {
    /// Where `topic` goes; unmapped topics go to nobody in particular.
    pub fn route(&self, topic: Topic) -> &Route {
        self.topics.iter().find(|(t, _)| *t == topic).map_or(&Route::Unknown, |(_, route)| route)
    }
}

/// Reads the config's `triage` object; `agency_ids` are the config's agencies,
/// so a route to an agency that does not exist names its key.
pub fn read_routing(value: &Json, agency_ids: &[&str]) -> Result<Routing> {
    let triage = Object::new(value, "triage", &["topics", "rules", "emergency_numbers", "model_url"])?;
    let mut routing = Routing { model_url: triage.optional_string("model_url")?, ..Routing::default() };

    if let Some(topics) = triage.optional_object("topics", &Topic::ALL.map(Topic::code))? {
        for topic in Topic::ALL {
            let key = topics.key(topic.code());
            if let Some(route) = topics.optional_object(topic.code(), &["agency", "referral"])? {
                routing.topics.push((topic, read_route(&route, &key, agency_ids)?));
            }
        }
    }
    for (path, item) in triage.array("rules")? {
        let rule = Object::new(item, &path, &["match", "topics", "agency", "referral"])?;
        let phrases = rule.strings("match")?.unwrap_or_default();
        if phrases.is_empty() || phrases.iter().any(|p| p.trim().is_empty()) {
            return Err(key_error(rule.key("match"), "list at least one word or phrase, none empty"));
        }
        let topics = match rule.strings("topics")? {
            None => Vec::new(),
            Some(codes) => codes
                .iter()
                .map(|code| {
                    Topic::from_code(code)
                        .ok_or_else(|| key_error(rule.key("topics"), format!("unknown topic \"{code}\"")))
                })
                .collect::<Result<Vec<_>>>()?,
        };
        let route = read_route(&rule, &path, agency_ids)?;
        routing.rules.push(Rule { phrases, topics, route });
    }
    if let Some(numbers) =
        triage.optional_object("emergency_numbers", &["general", "fire", "police", "rescue", "ambulance"])?
    {
        let defaults = EmergencyNumbers::default();
        let number = |key: &str, default: String| -> Result<String> {
            let value = numbers.optional_string(key)?.unwrap_or(default);
            if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit() || b == b'+' || b == b'-' || b == b' ') {
                return Err(key_error(numbers.key(key), "a phone number: digits, spaces, '+' and '-' only"));
            }
            Ok(value)
        };
        routing.emergency = EmergencyNumbers {
            general: number("general", defaults.general)?,
            fire: number("fire", defaults.fire)?,
            police: number("police", defaults.police)?,
            rescue: number("rescue", defaults.rescue)?,
            ambulance: number("ambulance", defaults.ambulance)?,
        };
    }
    Ok(routing)
}

/// A route from an object with either `agency` or `referral`.
fn read_route(object: &Object<'_>, key: &str, agency_ids: &[&str]) -> Result<Route> {
    let agency = object.optional_string("agency")?;
    let referral = object.optional_object("referral", &["name", "phone", "url"])?;
    match (agency, referral) {
        (Some(id), None) if agency_ids.contains(&id.as_str()) => Ok(Route::Agency(id)),
        (Some(id), None) => {
            Err(key_error(object.key("agency"), format!("\"{id}\" is not one of the config's agencies")))
        }
        (None, Some(referral)) => Ok(Route::Referral(Referral {
            name: referral.string("name")?,
            phone: referral.optional_string("phone")?,
            url: referral.optional_string("url")?,
        })),
        (None, None) => Err(key_error(key, "give an \"agency\" or a \"referral\"")),
        (Some(_), Some(_)) => Err(key_error(key, "give an \"agency\" or a \"referral\", not both")),
    }
}
