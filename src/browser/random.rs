//! Random bytes for client ids.

/// 16 random bytes from the browser's cryptographic generator. Should that be
/// missing (it never is where WebAssembly runs), `Math.random` still gives ids
/// unique enough to tell complaints apart.
pub fn random_16() -> [u8; 16] {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|window| window.crypto().ok())
        .is_some_and(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for byte in &mut bytes {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes
}
