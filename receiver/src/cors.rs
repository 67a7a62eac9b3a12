//! Which web pages may send complaints: the receiver's side of CORS.
//!
//! The widget runs on the regency's website and POSTs to the receiver, often on
//! another host, so the browser asks first (a preflight) and then reads the answer
//! only if the receiver names the page's origin. The origin list is the receiver's
//! only say in which sites embed it; it is not authentication, since anything
//! other than a browser can send any `Origin` it likes.

/// The origins given with `--allow-origin`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AllowedOrigins {
    any: bool,
    listed: Vec<String>,
}

/// What to answer a request that carries an `Origin` header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Send CORS headers with this `Access-Control-Allow-Origin` value.
    Allow(String),
    /// Send no CORS headers; refuse a POST.
    Deny,
}

impl AllowedOrigins {
    /// `origins` as the command line normalised them: lowercase
    /// `scheme://host[:port]`, or `*` for any.
    pub fn new<S: AsRef<str>>(origins: &[S]) -> Self {
        Self {
            any: origins.iter().any(|origin| origin.as_ref() == "*"),
            listed: origins.iter().map(|o| o.as_ref().to_ascii_lowercase()).filter(|o| o != "*").collect(),
        }
    }

    /// Decides for a request from `origin` that reached us as `host` (its `Host`
    /// header).
    ///
    /// A page on the receiver's own host is always allowed: the browser treats it
    /// as same-origin and a regency that serves the receiver under its own site
    /// should not have to list itself. Only the host is compared, because behind a
    /// proxy that ends TLS the receiver cannot tell `http` from `https`.
    ///
    /// # Example
    /// ```
    /// use aduan_receiver::cors::{AllowedOrigins, Verdict};
    /// let origins = AllowedOrigins::new(&["https://bengkaliskab.go.id"]);
    /// let site = "https://bengkaliskab.go.id";
    /// assert_eq!(origins.decide(site, Some("aduan.example")), Verdict::Allow(site.to_owned()));
    /// assert_eq!(origins.decide("https://evil.example", Some("aduan.example")), Verdict::Deny);
    /// ```
    pub fn decide(&self, origin: &str, host: Option<&str>) -> Verdict {
        let normalised = origin.trim().to_ascii_lowercase();
        let same_origin = host.is_some_and(|host| {
            let origin_host = normalised.split_once("://").map(|(_, rest)| rest);
            origin_host.is_some_and(|origin_host| origin_host.eq_ignore_ascii_case(host.trim()))
        });
        if self.listed.contains(&normalised) || same_origin {
            Verdict::Allow(origin.trim().to_owned())
        } else if self.any {
            Verdict::Allow("*".to_owned())
        } else {
            Verdict::Deny
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_allowed_only_when_listed_or_the_receivers_own() {
        let origins = AllowedOrigins::new(&["https://bengkaliskab.go.id", "http://localhost:8080"]);
        let cases: &[(&str, Option<&str>, Option<&str>)] = &[
            ("https://bengkaliskab.go.id", Some("aduan.bengkaliskab.go.id"), Some("https://bengkaliskab.go.id")),
            ("https://BENGKALISKAB.go.id", None, Some("https://BENGKALISKAB.go.id")),
            ("http://localhost:8080", Some("127.0.0.1:8787"), Some("http://localhost:8080")),
            // Another port is another origin.
            ("http://localhost:8081", Some("127.0.0.1:8787"), None),
            // The http twin of a listed https site is not the same origin.
            ("http://bengkaliskab.go.id", None, None),
            ("https://bengkaliskab.go.id.evil.example", None, None),
            ("null", Some("127.0.0.1:8787"), None),
            // Same host as the receiver: same-origin, whatever the scheme.
            (
                "https://aduan.bengkaliskab.go.id",
                Some("aduan.bengkaliskab.go.id"),
                Some("https://aduan.bengkaliskab.go.id"),
            ),
            ("http://127.0.0.1:8787", Some("127.0.0.1:8787"), Some("http://127.0.0.1:8787")),
        ];
        for (origin, host, allowed) in cases {
            let expected = allowed.map_or(Verdict::Deny, |o| Verdict::Allow(o.to_string()));
            assert_eq!(origins.decide(origin, *host), expected, "{origin} at {host:?}");
        }
    }

    #[test]
    fn a_star_allows_every_origin_with_a_star() {
        let origins = AllowedOrigins::new(&["*"]);
        assert_eq!(origins.decide("https://anywhere.example", None), Verdict::Allow("*".into()));
        assert_eq!(origins.decide("null", None), Verdict::Allow("*".into()));
    }

    #[test]
    fn with_no_list_only_the_receivers_own_pages_are_allowed() {
        let origins = AllowedOrigins::default();
        assert_eq!(origins.decide("https://bengkaliskab.go.id", Some("aduan.example")), Verdict::Deny);
        assert_eq!(
            origins.decide("https://aduan.example", Some("aduan.example")),
            Verdict::Allow("https://aduan.example".into())
        );
    }
}
