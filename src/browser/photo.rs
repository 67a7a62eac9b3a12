//! Scaling a photo down in the browser before it is attached: a phone's 4 MB
//! camera picture becomes a few hundred kilobytes that upload on weak signal,
//! and the re-encoded JPEG carries pixels only, none of the camera's EXIF (GPS
//! position, device, time).

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{CanvasRenderingContext2d, File, HtmlCanvasElement, ImageBitmap};

use crate::photo::{jpeg_name, scaled_size};

/// Longest side of a thumbnail, in canvas pixels (shown at half that, sharp on
/// phone screens).
const THUMBNAIL_SIDE: u32 = 128;

/// The photo redrawn with its longest side at most `max_side` pixels and saved
/// as JPEG at `quality` (1–100), and a thumbnail of it; `None` if the browser
/// cannot decode it (an iPhone HEIC on a browser without HEIC support, or a
/// damaged file). The thumbnail is a canvas rather than an `<img>` of a `blob:`
/// URL, which a host page's Content-Security-Policy (`img-src 'self'`) would block.
pub async fn scale(file: &File, max_side: u32, quality: u8) -> Option<(File, HtmlCanvasElement)> {
    let window = web_sys::window()?;
    // Decoding applies the EXIF orientation, so a portrait photo stays upright.
    let bitmap: ImageBitmap =
        JsFuture::from(window.create_image_bitmap_with_blob(file).ok()?).await.ok()?.dyn_into().ok()?;
    let (width, height) = (bitmap.width(), bitmap.height());
    let canvas = draw(&bitmap, scaled_size(width, height, max_side))?;
    let thumbnail = draw(&bitmap, scaled_size(width, height, THUMBNAIL_SIDE))?;
    bitmap.close();
    let blob = jpeg(&canvas, quality).await?;
    let parts = js_sys::Array::of1(&blob);
    let options = web_sys::FilePropertyBag::new();
    options.set_type("image/jpeg");
    let scaled = File::new_with_blob_sequence_and_options(&parts, &jpeg_name(&file.name()), &options).ok()?;
    Some((scaled, thumbnail))
}

/// A canvas of `(width, height)` with the bitmap drawn to fill it.
fn draw(bitmap: &ImageBitmap, (width, height): (u32, u32)) -> Option<HtmlCanvasElement> {
    let canvas: HtmlCanvasElement = web_sys::window()?.document()?.create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(width);
    canvas.set_height(height);
    let context: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    // JPEG has no transparency: a transparent PNG gets white, not black.
    context.set_fill_style_str("#fff");
    context.fill_rect(0.0, 0.0, f64::from(width), f64::from(height));
    context.draw_image_with_image_bitmap_and_dw_and_dh(bitmap, 0.0, 0.0, f64::from(width), f64::from(height)).ok()?;
    Some(canvas)
}

async fn jpeg(canvas: &HtmlCanvasElement, quality: u8) -> Option<web_sys::Blob> {
    let super::Pending { promise, resolve, .. } = super::pending();
    let on_blob = Closure::once_into_js(move |blob: JsValue| {
        let _ = resolve.call1(&JsValue::NULL, &blob);
    });
    canvas
        .to_blob_with_type_and_encoder_options(
            on_blob.unchecked_ref(),
            "image/jpeg",
            &JsValue::from_f64(f64::from(quality.clamp(1, 100)) / 100.0),
        )
        .ok()?;
    JsFuture::from(promise).await.ok()?.dyn_into().ok()
}
