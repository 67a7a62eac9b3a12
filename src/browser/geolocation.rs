//! "Use my location": one reading of the device's position, only when the
//! citizen asks for it.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::complaint::Coordinates;

/// Why no position came.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocationError {
    /// The citizen (or the site's permissions policy) said no.
    Denied,
    /// No fix in time, GPS off, or the reading failed.
    Unavailable,
    /// The browser has no geolocation (or the page is not on HTTPS).
    Unsupported,
}

/// Asks the device once, allowing 20 seconds for a GPS fix and accepting a
/// reading up to a minute old.
pub async fn current_position() -> Result<Coordinates, LocationError> {
    let geolocation =
        web_sys::window().and_then(|window| window.navigator().geolocation().ok()).ok_or(LocationError::Unsupported)?;
    let super::Pending { promise, resolve, reject } = super::pending();
    let on_position = Closure::once_into_js(move |position: JsValue| {
        let _ = resolve.call1(&JsValue::NULL, &position);
    });
    let on_error = Closure::once_into_js(move |error: JsValue| {
        let _ = reject.call1(&JsValue::NULL, &error);
    });
    let options = web_sys::PositionOptions::new();
    options.set_enable_high_accuracy(true);
    options.set_timeout(20_000);
    options.set_maximum_age(60_000);
    geolocation
        .get_current_position_with_error_callback_and_options(
            on_position.unchecked_ref(),
            Some(on_error.unchecked_ref()),
            &options,
        )
        .map_err(|_| LocationError::Unsupported)?;
    match JsFuture::from(promise).await {
        Ok(position) => {
            let coords = position.unchecked_into::<web_sys::Position>().coords();
            Coordinates::from_degrees(coords.latitude(), coords.longitude()).ok_or(LocationError::Unavailable)
        }
        // PERMISSION_DENIED is 1; POSITION_UNAVAILABLE and TIMEOUT mean try again or type it.
        // Chromium names the class GeolocationPositionError, not web-sys's
        // PositionError, so only its `code` is read, never its class.
        Err(error) if error.is_object() => match error.unchecked_into::<web_sys::PositionError>().code() {
            1 => Err(LocationError::Denied),
            _ => Err(LocationError::Unavailable),
        },
        Err(_) => Err(LocationError::Unavailable),
    }
}
