//! Email addresses, checked loosely: the aim is to catch typos, not to enforce RFC 5322.
//!
//! Part of the pure core.

use std::fmt;

/// An address that looks deliverable: one `@`, a local part, and a domain with a dot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Checks an address as typed; the domain's ASCII letters are lowercased, the
/// local part kept. Letters beyond ASCII (internationalised domains) are allowed.
///
/// # Example
/// ```
/// use aduan::email::parse_email;
/// assert_eq!(parse_email(" Warga@Contoh.CO.ID ").unwrap().as_str(), "Warga@contoh.co.id");
/// assert!(parse_email("warga@contoh").is_none());
/// ```
pub fn parse_email(typed: &str) -> Option<EmailAddress> {
    let typed = typed.trim();
    if typed.len() > 254 {
        return None;
    }
    let (local, domain) = typed.split_once('@')?;
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| !c.is_whitespace() && !c.is_control() && !"@<>()[]\\,;:\"".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || !c.is_ascii())
        })
        && labels.last().is_some_and(|tld| tld.chars().count() >= 2 && !tld.chars().all(|c| c.is_ascii_digit()));
    (local_ok && domain_ok).then(|| EmailAddress(format!("{local}@{}", domain.to_ascii_lowercase())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_addresses_are_accepted() {
        for typed in [
            "warga@contoh.id",
            "nama.lengkap+aduan@mail.contoh.co.id",
            "a_b-c@sub-domain.example.org",
            "  spasi@contoh.id\n",
            "pengguna@bücher.de",
        ] {
            assert!(parse_email(typed).is_some(), "{typed:?}");
        }
    }

    #[test]
    fn typos_are_caught() {
        for typed in [
            "",
            "warga",
            "warga@",
            "@contoh.id",
            "warga@@contoh.id",
            "warga@contoh",
            "warga@contoh.",
            "warga@.contoh.id",
            "warga@contoh..id",
            "warga @contoh.id",
            "warga@contoh .id",
            ".warga@contoh.id",
            "wa..rga@contoh.id",
            "warga@contoh.i",
            "warga@192.168.1.1",
            "warga@-contoh.id",
            "<script>@x.id",
            "warga,lain@contoh.id",
        ] {
            assert!(parse_email(typed).is_none(), "{typed:?}");
        }
        assert!(parse_email(&format!("{}@contoh.id", "a".repeat(65))).is_none());
    }
}
