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

/// Bytes as a `Blob` of type `mime`, for a multipart part or a restored attachment.
pub fn blob(bytes: &[u8], mime: &str) -> Option<web_sys::Blob> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()
}

/// Bytes as a `File` named `name`: an attachment put back into the form.
pub fn file(bytes: &[u8], name: &str, mime: &str) -> Option<web_sys::File> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    web_sys::File::new_with_u8_array_sequence_and_options(&parts, name, &options).ok()
}
