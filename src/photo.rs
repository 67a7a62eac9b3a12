//! Making photos light and private before they leave the phone.
//!
//! Part of the pure core: the sizes and names. The browser edge decodes the
//! photo, draws it at [`scaled_size`] and re-encodes it as JPEG; re-encoding
//! writes only pixels, so EXIF (the camera's GPS position above all) stays behind.

/// Types the browser can decode and the widget re-encodes. A PDF or an
/// unknown type is sent as chosen.
pub fn is_photo(mime: &str) -> bool {
    matches!(mime, "image/jpeg" | "image/png" | "image/webp" | "image/gif" | "image/bmp")
}

/// The size to draw a `width`×`height` photo at so its longest side is at most
/// `max_side`, keeping its shape; a smaller photo keeps its size.
///
/// # Example
/// ```
/// use aduan::photo::scaled_size;
/// assert_eq!(scaled_size(4000, 3000, 1600), (1600, 1200));
/// assert_eq!(scaled_size(1080, 2400, 1600), (720, 1600));
/// assert_eq!(scaled_size(800, 600, 1600), (800, 600));
/// ```
pub fn scaled_size(width: u32, height: u32, max_side: u32) -> (u32, u32) {
    let longest = width.max(height);
    if longest <= max_side || longest == 0 {
        return (width, height);
    }
    let scale = |side: u32| {
        ((u64::from(side) * u64::from(max_side) + u64::from(longest) / 2) / u64::from(longest)).max(1) as u32
    };
    (scale(width), scale(height))
}

/// The file name after re-encoding: the same name with a `.jpg` extension.
///
/// # Example
/// ```
/// use aduan::photo::jpeg_name;
/// assert_eq!(jpeg_name("IMG_0001.PNG"), "IMG_0001.jpg");
/// assert_eq!(jpeg_name("foto jalan.jpeg"), "foto jalan.jpg");
/// assert_eq!(jpeg_name("tanpa-ekstensi"), "tanpa-ekstensi.jpg");
/// ```
pub fn jpeg_name(name: &str) -> String {
    let stem = match name.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() && extension.len() <= 5 => stem,
        _ => name,
    };
    format!("{stem}.jpg")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaling_keeps_the_shape_and_never_enlarges() {
        for (w, h) in [(4032, 3024), (3024, 4032), (1601, 1), (1, 1601), (1600, 1600), (9000, 9000), (0, 0)] {
            let (sw, sh) = scaled_size(w, h, 1600);
            assert!(sw.max(sh) <= 1600, "{w}x{h} -> {sw}x{sh}");
            assert!(sw <= w.max(1) && sh <= h.max(1), "never larger: {w}x{h} -> {sw}x{sh}");
            if w > 0 && h > 0 && w.max(h) > 1600 {
                assert_eq!(sw.max(sh), 1600);
                let (before, after) = (w as f64 / h as f64, sw as f64 / sh as f64);
                assert!((before - after).abs() / before < 0.01 || sw.min(sh) == 1, "{w}x{h} -> {sw}x{sh}");
            }
        }
    }

    #[test]
    fn only_pictures_are_re_encoded() {
        assert!(is_photo("image/jpeg") && is_photo("image/png") && is_photo("image/webp"));
        assert!(!is_photo("application/pdf") && !is_photo("") && !is_photo("image/svg+xml"));
    }
}
