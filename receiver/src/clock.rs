//! Dates and times from the system clock, without a date library.
//!
//! The shared core never reads a clock: it is handed "today". The receiver's
//! "today" is the date in Western Indonesia Time (WIB, UTC+7), where Bengkalis and
//! the other regencies of Sumatra and Java are, so a complaint about this morning
//! is not refused as "in the future" while it is still yesterday in UTC.

use std::time::{SystemTime, UNIX_EPOCH};

use aduan::calendar::CalendarDate;

/// WIB is UTC+7 all year: Indonesia has no daylight saving time.
pub const WIB_OFFSET_SECONDS: i64 = 7 * 3600;

const SECONDS_PER_DAY: i64 = 86_400;

/// Seconds since 1970-01-01T00:00:00Z; negative for a clock set before then.
pub fn unix_seconds(now: SystemTime) -> i64 {
    match now.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
        Err(before) => i64::try_from(before.duration().as_secs()).map_or(i64::MIN, |secs| -secs),
    }
}

/// The proleptic Gregorian date `days` days after 1970-01-01, as (year, month, day).
///
/// Howard Hinnant's `civil_from_days`: it counts in 400-year eras starting on
/// 1 March, so the leap day falls at the end of each year and needs no special case.
///
/// # Example
/// ```
/// use aduan_receiver::clock::civil_from_days;
/// assert_eq!(civil_from_days(0), (1970, 1, 1));
/// assert_eq!(civil_from_days(11_016), (2000, 2, 29));
/// assert_eq!(civil_from_days(-1), (1969, 12, 31));
/// ```
pub fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468; // days since 0000-03-01
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097); // [0, 146096]
    let year_of_era = (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365; // [0, 399]
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100); // [0, 365], from 1 March
    let shifted_month = (5 * day_of_year + 2) / 153; // [0, 11], March = 0
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    // Both fit: month is 1–12 and day 1–31 by construction.
    (year, month as u8, day as u8)
}

/// Today's date in WIB.
pub fn today_wib(now: SystemTime) -> CalendarDate {
    let days = (unix_seconds(now).saturating_add(WIB_OFFSET_SECONDS)).div_euclid(SECONDS_PER_DAY);
    let (year, month, day) = civil_from_days(days);
    let year = u16::try_from(year.clamp(1, i64::from(u16::MAX))).unwrap_or(u16::MAX);
    CalendarDate::new(year, month, day)
        .or_else(|| CalendarDate::new(year, month, 28))
        .expect("civil_from_days gives a real month, and day 28 exists in every month")
}

/// The instant as RFC 3339 in UTC to the second, e.g. `2026-11-28T03:04:05Z`:
/// the form the `received_at` column and the API use.
pub fn rfc3339_utc(now: SystemTime) -> String {
    let seconds = unix_seconds(now);
    let (year, month, day) = civil_from_days(seconds.div_euclid(SECONDS_PER_DAY));
    let of_day = seconds.rem_euclid(SECONDS_PER_DAY);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", of_day / 3600, of_day % 3600 / 60, of_day % 60)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use aduan::calendar::days_in_month;

    use super::*;

    fn at(seconds: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(seconds)
    }

    /// The day after `date`, by the rule a person uses with a paper calendar.
    fn next_day((year, month, day): (i64, u8, u8)) -> (i64, u8, u8) {
        if day < days_in_month(year as u16, month) {
            (year, month, day + 1)
        } else if month < 12 {
            (year, month + 1, 1)
        } else {
            (year + 1, 1, 1)
        }
    }

    #[test]
    fn the_fast_date_conversion_agrees_with_counting_day_by_day() {
        // 1970 to 2106, across the 2000 (leap) and 2100 (not leap) century rules.
        let mut counted = (1970, 1, 1);
        for days in 0..50_000 {
            assert_eq!(civil_from_days(days), counted, "day {days}");
            counted = next_day(counted);
        }
    }

    #[test]
    fn known_dates_convert_exactly() {
        let cases = [
            (0, (1970, 1, 1)),
            (11_016, (2000, 2, 29)),
            (20_819, (2027, 1, 1)),
            (47_481, (2099, 12, 31)),
            (47_541, (2100, 3, 1)),
            (-719_468, (0, 3, 1)),
            (-1, (1969, 12, 31)),
        ];
        for (days, date) in cases {
            assert_eq!(civil_from_days(days), date, "day {days}");
        }
    }

    #[test]
    fn the_date_in_wib_turns_over_at_five_in_the_afternoon_utc() {
        // 2026-11-27T16:59:59Z is 23:59:59 WIB; one second later it is the 28th in Bengkalis.
        let evening = at(1_795_798_799);
        assert_eq!(rfc3339_utc(evening), "2026-11-27T16:59:59Z");
        assert_eq!(today_wib(evening).to_string(), "2026-11-27");
        assert_eq!(today_wib(at(1_795_798_800)).to_string(), "2026-11-28");
    }

    #[test]
    fn timestamps_are_rfc3339_in_utc() {
        assert_eq!(rfc3339_utc(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339_utc(at(951_782_400 + 3_723)), "2000-02-29T01:02:03Z");
        assert_eq!(rfc3339_utc(UNIX_EPOCH - Duration::from_secs(1)), "1969-12-31T23:59:59Z");
    }
}
