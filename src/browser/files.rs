//! Reading the files a citizen attached.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::complaint::AttachmentInfo;

/// What the core needs to check a file, without its bytes.
pub fn info(file: &web_sys::File) -> AttachmentInfo {
    AttachmentInfo { name: file.name(), mime: file.type_(), size: file.size() as u64 }
}

/// The file's bytes; fails if the file was moved or deleted since it was chosen.
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, JsValue> {
    let buffer = JsFuture::from(file.array_buffer()).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
