//! Indonesian phone numbers, in every way people write them, normalised to `+62…`.
//!
//! Part of the pure core. Agencies reply by phone or WhatsApp, so a number must be
//! one they can dial: `0812-3456-7890`, `+62 812 3456 7890`, `62812…`, `(0766) 21234`
//! and `+62 (0)812…` are all the same kind of thing and all come out as `+62…`.

use std::fmt;

/// A phone number that passed the checks, in E.164 form (`+62` then the national
/// significant number, no spaces).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    /// `+62…`, ready for a `tel:` link or a `wa.me` address.
    pub fn as_e164(&self) -> &str {
        &self.0
    }

    /// Whether this is a mobile number (national number starting with 8), the
    /// kind that can receive WhatsApp messages and SMS.
    pub fn is_mobile(&self) -> bool {
        self.0.as_bytes().get(3) == Some(&b'8')
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a number was refused; the messages module turns this into a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhoneProblem {
    /// Letters or symbols other than spaces, dashes, dots, brackets and one leading `+`.
    NotANumber,
    /// A country code other than Indonesia's +62.
    NotIndonesian,
    /// Digits only, but too few or too many for an Indonesian number.
    WrongLength,
}

/// Reads a phone number as typed and returns it as `+62…`.
///
/// # Example
/// ```
/// use aduan::phone::{parse_phone, PhoneProblem};
/// for typed in ["0812-3456-7890", "+62 812 3456 7890", "62812.3456.7890", "+62 (0)812 3456 7890"] {
///     assert_eq!(parse_phone(typed).unwrap().as_e164(), "+6281234567890");
/// }
/// assert_eq!(parse_phone("(0766) 21234").unwrap().as_e164(), "+6276621234");
/// assert_eq!(parse_phone("0812 34"), Err(PhoneProblem::WrongLength));
/// ```
pub fn parse_phone(typed: &str) -> Result<PhoneNumber, PhoneProblem> {
    let mut digits = String::with_capacity(16);
    let mut plus = false;
    for c in typed.trim().chars() {
        match c {
            '0'..='9' => digits.push(c),
            // Full-width digits arrive from some phone keyboards.
            '０'..='９' => digits.push(char::from(b'0' + (c as u32 - '０' as u32) as u8)),
            '+' if digits.is_empty() && !plus => plus = true,
            ' ' | '-' | '.' | '(' | ')' | '/' | '\u{a0}' => {}
            _ => return Err(PhoneProblem::NotANumber),
        }
        if digits.len() > 20 {
            return Err(PhoneProblem::WrongLength);
        }
    }

    let national = if plus {
        digits.strip_prefix("62").ok_or(PhoneProblem::NotIndonesian)?
    } else if let Some(rest) = digits.strip_prefix("0062") {
        rest
    } else if let Some(rest) = digits.strip_prefix('0') {
        rest
    } else if let Some(rest) = digits.strip_prefix("62") {
        rest
    } else {
        // A mobile number with its leading 0 forgotten: "812 3456 7890".
        digits.as_str()
    };
    // "+62 (0)812…" and "+62 0812…": the trunk 0 has no place after the country code.
    let national = national.strip_prefix('0').unwrap_or(national);

    let plausible = match national.as_bytes().first() {
        // Mobile: 08xx then 6 to 9 more digits, so 9 to 12 after the 0.
        Some(b'8') => (9..=12).contains(&national.len()),
        // Fixed line: a 2–3 digit area code (21 Jakarta, 766 Bengkalis) and 5–8 digits.
        Some(b'2'..=b'7' | b'9') => (7..=11).contains(&national.len()),
        _ => false,
    };
    if plausible { Ok(PhoneNumber(format!("+62{national}"))) } else { Err(PhoneProblem::WrongLength) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_written_forms_normalise_to_e164() {
        let cases = [
            ("081234567890", "+6281234567890"),
            ("0812-3456-7890", "+6281234567890"),
            ("0812 3456 7890", "+6281234567890"),
            ("0812.3456.7890", "+6281234567890"),
            ("+6281234567890", "+6281234567890"),
            ("+62 812-3456-7890", "+6281234567890"),
            ("+62-812-3456-7890", "+6281234567890"),
            ("6281234567890", "+6281234567890"),
            ("62 812 3456 7890", "+6281234567890"),
            ("006281234567890", "+6281234567890"),
            ("+62 (0)812 3456 7890", "+6281234567890"),
            ("+62 0812 3456 7890", "+6281234567890"),
            ("81234567890", "+6281234567890"),
            ("  0812 3456 7890  ", "+6281234567890"),
            ("０８１２３４５６７８９０", "+6281234567890"),
            ("0812\u{a0}3456\u{a0}789", "+628123456789"),
            ("0811-123-456", "+62811123456"),
            ("(0766) 21234", "+6276621234"),
            ("0766-21234", "+6276621234"),
            ("(0765) 696380", "+62765696380"),
            ("021 1234 5678", "+622112345678"),
            ("+62 21 1234 5678", "+622112345678"),
        ];
        for (typed, want) in cases {
            assert_eq!(parse_phone(typed).map(|p| p.to_string()), Ok(want.to_string()), "{typed:?}");
        }
    }

    #[test]
    fn numbers_that_cannot_be_dialled_are_refused_with_a_reason() {
        use PhoneProblem::*;
        let cases = [
            ("", WrongLength),
            ("   ", WrongLength),
            ("0812", WrongLength),
            ("0812 345", WrongLength),
            ("0812 3456 7890 1234", WrongLength),
            ("0812345678901234567890123", WrongLength),
            ("112", WrongLength),
            ("0123456789", WrongLength),
            ("+1 415 555 2671", NotIndonesian),
            ("+60 12-345 6789", NotIndonesian),
            ("0812-3456-789O", NotANumber),
            ("telp 0812", NotANumber),
            ("0812+3456", NotANumber),
            ("++6281234567890", NotANumber),
            ("📞0812", NotANumber),
        ];
        for (typed, want) in cases {
            assert_eq!(parse_phone(typed), Err(want), "{typed:?}");
        }
    }

    #[test]
    fn mobile_numbers_are_told_apart_from_fixed_lines() {
        assert!(parse_phone("0812 3456 7890").unwrap().is_mobile());
        assert!(!parse_phone("(0766) 21234").unwrap().is_mobile());
    }
}
