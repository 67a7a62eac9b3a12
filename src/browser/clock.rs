//! The device's clock, read once where the core needs "today" or "now".

use crate::calendar::CalendarDate;

/// Today's date on the citizen's device, in its own time zone (WIB, WITA or WIT
/// in Indonesia): the day the citizen thinks it is.
pub fn today() -> CalendarDate {
    let now = js_sys::Date::new_0();
    let year = u16::try_from(now.get_full_year()).unwrap_or(2000);
    let month = u8::try_from(now.get_month() + 1).unwrap_or(1);
    let day = u8::try_from(now.get_date()).unwrap_or(1);
    // The browser only gives real dates; the fallback keeps validation working
    // on a device whose clock is broken beyond reason.
    CalendarDate::new(year, month, day).unwrap_or_else(|| CalendarDate::new(2000, 1, 1).expect("1 January 2000 exists"))
}

/// Now, as RFC 3339 in UTC (`2026-11-28T03:04:05.000Z`).
pub fn now_rfc3339() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Now, in milliseconds since the Unix epoch: the outbox's clock.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// The device's local hour and minute at `ms`, for "trying again at 14.05".
pub fn local_time(ms: u64) -> (u32, u32) {
    let at = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    (at.get_hours(), at.get_minutes())
}
