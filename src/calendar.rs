//! Calendar dates without a clock.
//!
//! Part of the pure core: the browser edge reads today's date from the device and
//! passes it in, so validation ("not in the future") is testable with any "today".

use std::fmt;

/// A day in the proleptic Gregorian calendar, as citizens write it: no time, no zone.
///
/// # Example
/// ```
/// use aduan::calendar::CalendarDate;
/// assert!(CalendarDate::new(2024, 2, 29).is_some());
/// assert!(CalendarDate::new(2023, 2, 29).is_none());
/// assert_eq!(CalendarDate::new(2026, 3, 7).unwrap().to_string(), "2026-03-07");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CalendarDate {
    // Field order matters: the derived `Ord` compares year, then month, then day.
    year: u16,
    month: u8,
    day: u8,
}

impl CalendarDate {
    /// The date, or `None` when that day does not exist (31 April, 29 February 2023).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        (year >= 1 && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(Self {
            year,
            month,
            day,
        })
    }

    /// Reads `YYYY-MM-DD`, the form used on the wire.
    pub fn parse_iso(text: &str) -> Option<Self> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u16> {
            let part = text.get(range)?;
            if !part.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            part.parse().ok()
        };
        let month = u8::try_from(number(5..7)?).ok()?;
        let day = u8::try_from(number(8..10)?).ok()?;
        Self::new(number(0..4)?, month, day)
    }

    pub fn year(self) -> u16 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }
}

impl fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// Days in `month` (1–12) of `year`; 0 for a month that does not exist.
pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        for (year, leap) in [(2024, true), (2023, false), (1900, false), (2000, true), (2100, false)] {
            assert_eq!(is_leap_year(year), leap, "{year}");
        }
    }

    #[test]
    fn impossible_days_are_refused() {
        let cases = [
            (2026, 2, 29, false),
            (2028, 2, 29, true),
            (2026, 4, 31, false),
            (2026, 12, 31, true),
            (2026, 13, 1, false),
            (2026, 0, 1, false),
            (2026, 1, 0, false),
            (0, 1, 1, false),
        ];
        for (year, month, day, exists) in cases {
            assert_eq!(CalendarDate::new(year, month, day).is_some(), exists, "{year}-{month}-{day}");
        }
    }

    #[test]
    fn dates_order_by_year_then_month_then_day() {
        let a = CalendarDate::new(2025, 12, 31).unwrap();
        let b = CalendarDate::new(2026, 1, 1).unwrap();
        let c = CalendarDate::new(2026, 1, 2).unwrap();
        assert!(a < b && b < c);
    }

    #[test]
    fn iso_text_round_trips_and_rejects_near_misses() {
        let date = CalendarDate::new(2026, 3, 7).unwrap();
        assert_eq!(CalendarDate::parse_iso(&date.to_string()), Some(date));
        for bad in ["2026-3-07", "2026-02-30", "26-03-07", "2026/03/07", "2026-03-0x", "２０２６-03-07", ""] {
            assert_eq!(CalendarDate::parse_iso(bad), None, "{bad:?}");
        }
    }
}
