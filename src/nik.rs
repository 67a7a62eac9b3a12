//! The NIK (Nomor Induk Kependudukan), the 16-digit national identity number.
//!
//! Part of the pure core. Some agencies need it (civil registry matters above all),
//! so the form asks for it optionally and checks that it could be real: 16 digits,
//! a province code that exists, a regency and kecamatan code, a birth date (with 40
//! added to the day for women) and a serial number that is not zero. It does not
//! and cannot confirm that the number belongs to the person typing it.

use crate::calendar::CalendarDate;

/// A NIK that passed the checks: exactly 16 ASCII digits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Nik(String);

impl Nik {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why a NIK was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NikProblem {
    /// Something other than digits (spaces and dots between groups are allowed).
    NotDigits,
    /// Digits, but not 16 of them.
    WrongLength,
    /// The first six digits are not a province, regency and kecamatan code.
    UnknownRegion,
    /// Digits 7–12 are not a birth date (DDMMYY, day + 40 for women).
    ImpossibleBirthDate,
    /// The last four digits, a serial number, are 0000.
    ZeroSerial,
}

/// Kemendagri province codes (the first two digits), including the six Papua
/// provinces formed since 2022 and the codes older NIKs from Papua still carry.
const PROVINCE_CODES: &[u8] = &[
    11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65, 71, 72, 73, 74, 75,
    76, 81, 82, 91, 92, 93, 94, 95, 96, 97,
];

/// Checks a NIK as typed; `today` decides the century of a two-digit birth year.
///
/// # Example
/// ```
/// use aduan::{calendar::CalendarDate, nik::{parse_nik, NikProblem}};
/// let today = CalendarDate::new(2026, 11, 28).unwrap();
/// assert!(parse_nik("1403 0145 0790 0003", today).is_ok()); // a woman born 5 July 1990
/// assert_eq!(parse_nik("1403014507900000", today), Err(NikProblem::ZeroSerial));
/// ```
pub fn parse_nik(typed: &str, today: CalendarDate) -> Result<Nik, NikProblem> {
    let mut digits = Vec::with_capacity(16);
    for c in typed.trim().chars() {
        match c {
            '0'..='9' => digits.push(c as u8 - b'0'),
            ' ' | '.' | '-' | '\u{a0}' => {}
            _ => return Err(NikProblem::NotDigits),
        }
        if digits.len() > 16 {
            return Err(NikProblem::WrongLength);
        }
    }
    if digits.len() != 16 {
        return Err(NikProblem::WrongLength);
    }
    let pair = |at: usize| digits[at] * 10 + digits[at + 1];

    if !PROVINCE_CODES.contains(&pair(0)) || pair(2) == 0 || pair(4) == 0 {
        return Err(NikProblem::UnknownRegion);
    }
    birth_date(pair(6), pair(8), pair(10), today).ok_or(NikProblem::ImpossibleBirthDate)?;
    if digits[12..].iter().all(|&d| d == 0) {
        return Err(NikProblem::ZeroSerial);
    }
    Ok(Nik(digits.iter().map(|d| char::from(b'0' + d)).collect()))
}

/// The birth date a NIK encodes. A two-digit year is read as this century unless
/// that would put the birth after `today`.
fn birth_date(day: u8, month: u8, year: u8, today: CalendarDate) -> Option<CalendarDate> {
    let day = if day > 40 { day - 40 } else { day };
    let this_century = CalendarDate::new(2000 + u16::from(year), month, day);
    match this_century {
        Some(date) if date <= today => Some(date),
        _ => CalendarDate::new(1900 + u16::from(year), month, day),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> CalendarDate {
        CalendarDate::new(2026, 11, 28).unwrap()
    }

    #[test]
    fn plausible_niks_are_accepted_in_the_forms_people_type() {
        let cases = [
            ("1403011203850002", "1403011203850002"), // man, 12 Mar 1985, Bengkalis
            ("1403014507900003", "1403014507900003"), // woman, 5 Jul 1990
            ("1403 0112 0385 0002", "1403011203850002"),
            ("1403.0112.0385.0002", "1403011203850002"),
            ("3578102902000001", "3578102902000001"), // 29 Feb 2000 existed
            ("9471016801240001", "9471016801240001"), // woman born 28 Jan 2024
        ];
        for (typed, want) in cases {
            assert_eq!(parse_nik(typed, today()).map(|n| n.as_str().to_owned()), Ok(want.into()), "{typed}");
        }
    }

    #[test]
    fn implausible_niks_are_refused_with_the_reason() {
        use NikProblem::*;
        let cases = [
            ("", WrongLength),
            ("140301120385000", WrongLength),
            ("14030112038500021", WrongLength),
            ("1403O11203850002", NotDigits),
            ("NIK 1403011203850002", NotDigits),
            ("1003011203850002", UnknownRegion),       // no province 10
            ("2003011203850002", UnknownRegion),       // no province 20
            ("1400011203850002", UnknownRegion),       // regency 00
            ("1403001203850002", UnknownRegion),       // kecamatan 00
            ("1403013203850002", ImpossibleBirthDate), // day 32
            ("1403017203850002", ImpossibleBirthDate), // day 72 (woman, 32)
            ("1403010013850002", ImpossibleBirthDate), // month 13
            ("1403013102850002", ImpossibleBirthDate), // 31 Feb
            ("1403012902010002", ImpossibleBirthDate), // 29 Feb 2001 and 1901
            ("1403011203850000", ZeroSerial),
        ];
        for (typed, want) in cases {
            assert_eq!(parse_nik(typed, today()), Err(want), "{typed}");
        }
    }

    #[test]
    fn a_two_digit_birth_year_never_lands_in_the_future() {
        // Born 1 Dec "26": on 28 Nov 2026 that can only be 1926.
        assert_eq!(birth_date(1, 12, 26, today()), CalendarDate::new(1926, 12, 1));
        assert_eq!(birth_date(1, 11, 26, today()), CalendarDate::new(2026, 11, 1));
        assert_eq!(birth_date(45, 7, 90, today()), CalendarDate::new(1990, 7, 5));
    }
}
