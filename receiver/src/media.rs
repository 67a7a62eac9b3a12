//! The media host: keeps a photo at a public address, because an Open311
//! request can carry a photo only as an address (`media_url`).
//!
//! Before the widget posts an Open311 request it uploads the first photo here
//! (`POST /api/media`, a form with one `media` file) and puts the address it gets
//! back into `media_url`; whoever reads the request fetches the photo with `GET
//! /api/media/{token}.{ext}`. A photo's token comes from the SHA-256 of its bytes,
//! so the widget's retries keep one copy under one address. The fault switch
//! leaves uploads alone: it is about complaint submissions. A real agency would
//! keep photos in its own file storage; this host makes the demo and the tests
//! work end to end. Routed from `http.rs`; rows kept by `store.rs`.

use std::fmt;
use std::sync::PoisonError;
use std::time::SystemTime;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::clock;
use crate::content_type::ContentType;
use crate::http::{self, App, Incoming};
use crate::multipart::{self, Part};
use crate::reply::Reply;

use crate::store::NewMedia;

/// Where photos are uploaded.
pub const UPLOADS: &str = "/api/media";

/// Where stored photos are served, each at `{PHOTOS}{token}.{ext}`.
pub const PHOTOS: &str = "/api/media/";

/// The largest photo taken. The widget scales photos well below this; a camera
/// original sent by another client still fits.
pub const MEDIA_MAX_BYTES: usize = 10 * 1024 * 1024;

/// Room in a form for its boundaries, part headers and any small fields besides
/// the photo, so a photo of exactly [`MEDIA_MAX_BYTES`] is still read whole.
const FORM_OVERHEAD_BYTES: usize = 64 * 1024;

/// The form's file part.
pub const FILE_FIELD: &str = "media";

/// Hex digits of the SHA-256 that make a token: 128 bits, which no one guesses
/// and no two photos share.
pub const TOKEN_LEN: usize = 32;

/// The kinds of photo the host keeps: what browsers show and the widget makes.
/// Anything else (a PDF, an SVG that could carry script) is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhotoType {
    Jpeg,
    Png,
    Webp,
}

impl PhotoType {
    pub const ALL: [PhotoType; 3] = [PhotoType::Jpeg, PhotoType::Png, PhotoType::Webp];

    /// The type for a media type's essence, in any case; `None` for any other.
    pub fn from_mime(mime: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.mime().eq_ignore_ascii_case(mime.trim()))
    }

    /// The type an address's extension names, exactly as this host writes it.
    pub fn from_extension(extension: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.extension() == extension)
    }

    pub fn mime(self) -> &'static str {
        match self {
            PhotoType::Jpeg => "image/jpeg",
            PhotoType::Png => "image/png",
            PhotoType::Webp => "image/webp",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            PhotoType::Jpeg => "jpg",
            PhotoType::Png => "png",
            PhotoType::Webp => "webp",
        }
    }
}

/// Why an upload is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MediaError {
    /// The body is not `multipart/form-data`.
    NotAForm,
    /// No usable `Host` header to build the photo's address from.
    NoHost,
    /// The photo is over [`MEDIA_MAX_BYTES`], or the body too large to hold one.
    TooLarge,
    /// The body cannot be read or is not a well-formed form.
    Malformed(String),
    /// No `media` part.
    NoPhoto,
    /// More than one `media` part: which one is meant is a guess.
    SeveralPhotos,
    /// The `media` part's `Content-Type` is not one of [`PhotoType`]'s.
    NotAPhoto { mime: String },
    /// The `media` part has no bytes.
    Empty,
}

impl fmt::Display for MediaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MediaError::NotAForm => {
                write!(f, "send the photo as multipart/form-data with one `{FILE_FIELD}` file part")
            }
            MediaError::NoHost => f.write_str("the request needs a Host header naming this receiver"),
            MediaError::TooLarge => write!(f, "the photo is larger than {} MiB", MEDIA_MAX_BYTES / (1024 * 1024)),
            MediaError::Malformed(detail) => f.write_str(detail),
            MediaError::NoPhoto => write!(f, "the form has no `{FILE_FIELD}` part holding the photo"),
            MediaError::SeveralPhotos => write!(f, "the form has more than one `{FILE_FIELD}` part; send one photo"),
            MediaError::NotAPhoto { mime } => {
                write!(f, "the photo is {mime}; send image/jpeg, image/png or image/webp")
            }
            MediaError::Empty => write!(f, "the `{FILE_FIELD}` part is empty"),
        }
    }
}

impl std::error::Error for MediaError {}

impl MediaError {
    /// The refusal in the receiver's usual `{"error": …}` shape.
    pub fn reply(&self) -> Reply {
        let (status, code) = match self {
            MediaError::NotAForm | MediaError::NotAPhoto { .. } => (415, "unsupported_media_type"),
            MediaError::TooLarge => (413, "too_large"),
            MediaError::NoHost
            | MediaError::Malformed(_)
            | MediaError::NoPhoto
            | MediaError::SeveralPhotos
            | MediaError::Empty => (400, "malformed"),
        };
        Reply::error(status, code, &self.to_string())
    }
}

pub type Result<T> = std::result::Result<T, MediaError>;

/// The receiver's origin as the client reached it: the request's `Host`, with
/// `https://` when the web server in front says the client used HTTPS
/// (`X-Forwarded-Proto: https`, as the README's nginx example sets), else
/// `http://`. `None` when `Host` is missing or is not a plain `host[:port]`,
/// since its text goes into an address handed to others.
///
/// # Example
/// ```
/// use aduan_receiver::media::public_base;
/// assert_eq!(public_base(Some("127.0.0.1:8787"), None).as_deref(), Some("http://127.0.0.1:8787"));
/// assert_eq!(public_base(Some("aduan.go.id"), Some("https")).as_deref(), Some("https://aduan.go.id"));
/// assert_eq!(public_base(Some("evil.example/x?"), None), None);
/// ```
pub fn public_base(host: Option<&str>, forwarded_proto: Option<&str>) -> Option<String> {
    let host = host?.trim();
    let plain = !host.is_empty()
        && host.len() <= 255
        && host.bytes().all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b));
    let scheme = match forwarded_proto.map(str::trim) {
        Some(proto) if proto.eq_ignore_ascii_case("https") => "https",
        _ => "http",
    };
    plain.then(|| format!("{scheme}://{host}"))
}

/// The address a stored photo is served at: `base`, [`PHOTOS`], the token and
/// the extension of its type.
///
/// # Example
/// ```
/// use aduan_receiver::media::{PhotoType, photo_address};
/// assert_eq!(
///     photo_address("http://127.0.0.1:8787", "0123456789abcdef0123456789abcdef", PhotoType::Png),
///     "http://127.0.0.1:8787/api/media/0123456789abcdef0123456789abcdef.png"
/// );
/// ```
pub fn photo_address(base: &str, token: &str, kind: PhotoType) -> String {
    format!("{base}{PHOTOS}{token}.{}", kind.extension())
}

/// The token a photo is stored under: the start of its SHA-256 in hex.
pub fn token_of(sha256_hex: &str) -> &str {
    &sha256_hex[..TOKEN_LEN.min(sha256_hex.len())]
}

/// The last part of a photo's address, read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhotoAddress<'a> {
    pub token: &'a str,
    /// The type the extension names; `None` for an address without one.
    pub extension: Option<PhotoType>,
}

/// Reads the last part of a photo's address, `{token}.{ext}` or `{token}`.
/// `None` when the token is not [`TOKEN_LEN`] lowercase hex digits or the
/// extension is not one this host writes.
pub fn read_address(name: &str) -> Option<PhotoAddress<'_>> {
    let (token, extension) = match name.split_once('.') {
        Some((token, extension)) => (token, Some(PhotoType::from_extension(extension)?)),
        None => (name, None),
    };
    let is_token = token.len() == TOKEN_LEN && token.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    is_token.then_some(PhotoAddress { token, extension })
}

/// Picks the photo out of a form's parts: exactly one `media` part, of a photo
/// type, not empty and not over [`MEDIA_MAX_BYTES`]. Other parts are ignored.
pub fn photo_part<'a>(parts: &[Part<'a>]) -> Result<(PhotoType, &'a [u8])> {
    let mut photos = parts.iter().filter(|part| part.name == FILE_FIELD);
    let photo = match (photos.next(), photos.next()) {
        (None, _) => return Err(MediaError::NoPhoto),
        (Some(_), Some(_)) => return Err(MediaError::SeveralPhotos),
        (Some(photo), None) => photo,
    };
    // RFC 7578: a part without a Content-Type is text/plain, a file
    // application/octet-stream; neither is a photo.
    let mime = photo
        .content_type
        .as_deref()
        .map_or_else(|| "application/octet-stream".to_owned(), |content_type| ContentType::parse(content_type).essence);
    let kind = PhotoType::from_mime(&mime).ok_or(MediaError::NotAPhoto { mime })?;
    match photo.data.len() {
        0 => Err(MediaError::Empty),
        length if length > MEDIA_MAX_BYTES => Err(MediaError::TooLarge),
        _ => Ok((kind, photo.data)),
    }
}

/// The answer to a photo stored (201) or already stored (200).
#[derive(Serialize)]
struct Stored<'a> {
    url: &'a str,
}

/// Answers a request whose path is [`UPLOADS`] or starts with [`PHOTOS`].
/// Uploads are not put through the fault switch.
pub(crate) fn route(app: &App, request: &mut Incoming<'_>, path: &str, origin_denied: bool, now: SystemTime) -> Reply {
    match path.strip_prefix(PHOTOS) {
        None => match request.method {
            "POST" if origin_denied => http::origin_not_allowed(),
            "POST" => upload(app, request, now).unwrap_or_else(|refusal| refusal.reply()),
            "OPTIONS" => Reply::no_content(),
            _ => http::method_not_allowed("POST, OPTIONS"),
        },
        Some(name) => match request.method {
            "GET" | "HEAD" => serve(app, name),
            "OPTIONS" => Reply::no_content(),
            _ => http::method_not_allowed("GET, OPTIONS"),
        },
    }
}

/// `POST /api/media`: keep the photo once and answer its address.
fn upload(app: &App, request: &mut Incoming<'_>, now: SystemTime) -> Result<Reply> {
    let form = request.header("Content-Type").map(ContentType::parse);
    let form = form.filter(|form| form.essence == "multipart/form-data").ok_or(MediaError::NotAForm)?;
    let base = public_base(request.header("Host"), request.header("X-Forwarded-Proto")).ok_or(MediaError::NoHost)?;
    let body_max = MEDIA_MAX_BYTES + FORM_OVERHEAD_BYTES;
    // Refuse a declared oversize body before reading any of it.
    if request.content_length.is_some_and(|length| length > body_max) {
        return Err(MediaError::TooLarge);
    }
    let body = http::read_at_most(request.body, body_max, request.content_length)
        .map_err(|error| MediaError::Malformed(format!("the body could not be read: {error}")))?
        .ok_or(MediaError::TooLarge)?;

    let _decoding = app.decoding();
    let boundary = form
        .parameter("boundary")
        .ok_or_else(|| MediaError::Malformed("multipart/form-data needs a boundary parameter".to_owned()))?;
    let parts = multipart::parse(&body, boundary)
        .map_err(|error| MediaError::Malformed(format!("bad multipart body: {error}")))?;
    let (kind, bytes) = photo_part(&parts)?;
    let sha256: String = Sha256::digest(bytes).iter().map(|byte| format!("{byte:02x}")).collect();
    let received_at = clock::rfc3339_utc(now);
    let new =
        NewMedia { token: token_of(&sha256), mime: kind.mime(), sha256: &sha256, bytes, received_at: &received_at };
    let saved = app.store.lock().unwrap_or_else(PoisonError::into_inner).save_media(&new);
    let saved = match saved {
        Ok(saved) => saved,
        Err(error) => return Ok(failed(format!("storage_failed: {error}"))),
    };
    // The address follows the stored copy, which a retry labelled differently
    // does not change. Only this host writes the table, so the copy is a photo
    // type unless another tool put something else there.
    let Some(stored_kind) = PhotoType::from_mime(&saved.mime) else {
        return Ok(failed(format!("storage_failed: the media row {} holds {}", saved.token, saved.mime)));
    };
    let url = photo_address(&base, &saved.token, stored_kind);
    let mut reply = Reply::json(if saved.duplicate { 200 } else { 201 }, &Stored { url: &url });
    reply.note =
        Some(if saved.duplicate { format!("media {} again", saved.token) } else { format!("media {}", saved.token) });
    Ok(reply)
}

/// `GET /api/media/{token}.{ext}` or `/api/media/{token}`: the photo's bytes.
/// An extension other than the stored type's is another address, and not found.
fn serve(app: &App, name: &str) -> Reply {
    let not_found = || Reply::error(404, "not_found", "no photo is kept at this address");
    let Some(PhotoAddress { token, extension: asked }) = read_address(name) else { return not_found() };
    let found = app.store.lock().unwrap_or_else(PoisonError::into_inner).find_media(token);
    match found {
        Ok(Some(stored)) => match PhotoType::from_mime(&stored.mime) {
            // Only photo types are ever served, whatever else a row might hold.
            Some(kind) if asked.is_none_or(|asked| asked == kind) => Reply::photo(kind.mime(), stored.bytes),
            _ => not_found(),
        },
        Ok(None) => not_found(),
        Err(error) => failed(format!("storage_failed: {error}")),
    }
}

/// A 500 the widget retries later; `note` goes to the log only.
fn failed(note: String) -> Reply {
    let mut reply = Reply::error(500, "storage_failed", "the photo could not be stored or read; try again later");
    reply.note = Some(note);
    reply
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "0123456789abcdef0123456789abcdef";

    fn part(name: &str, content_type: Option<&str>, data: &'static [u8]) -> Part<'static> {
        Part {
            name: name.to_owned(),
            filename: Some("foto.jpg".to_owned()),
            content_type: content_type.map(str::to_owned),
            data,
        }
    }

    #[test]
    fn each_photo_type_reads_back_from_its_mime_and_its_extension() {
        let cases = [
            ("image/jpeg", "jpg", PhotoType::Jpeg),
            ("image/png", "png", PhotoType::Png),
            ("image/webp", "webp", PhotoType::Webp),
        ];
        for (mime, extension, kind) in cases {
            assert_eq!((kind.mime(), kind.extension()), (mime, extension));
            assert_eq!(PhotoType::from_mime(mime), Some(kind));
            assert_eq!(PhotoType::from_mime(&mime.to_uppercase()), Some(kind), "media types ignore case");
            assert_eq!(PhotoType::from_extension(extension), Some(kind));
        }
        for other in ["image/gif", "image/svg+xml", "application/pdf", "image/jpg", "", "image/"] {
            assert_eq!(PhotoType::from_mime(other), None, "{other}");
        }
        for other in ["jpeg", "JPG", "gif", "", "png "] {
            assert_eq!(PhotoType::from_extension(other), None, "{other}");
        }
    }

    #[test]
    fn an_address_names_a_token_and_at_most_one_known_extension() {
        let upper = TOKEN.to_uppercase();
        let found = |extension| Some(PhotoAddress { token: TOKEN, extension });
        let cases: Vec<(String, Option<PhotoAddress<'_>>)> = vec![
            (format!("{TOKEN}.jpg"), found(Some(PhotoType::Jpeg))),
            (format!("{TOKEN}.png"), found(Some(PhotoType::Png))),
            (format!("{TOKEN}.webp"), found(Some(PhotoType::Webp))),
            (TOKEN.to_owned(), found(None)),
            (format!("{TOKEN}."), None),
            (format!("{TOKEN}.gif"), None),
            (format!("{TOKEN}.jpg.png"), None),
            (format!("{upper}.jpg"), None),
            (TOKEN[1..].to_owned(), None),
            (format!("{TOKEN}0"), None),
            (format!("{}g.jpg", &TOKEN[1..]), None),
            (String::new(), None),
            (".jpg".to_owned(), None),
        ];
        for (name, expected) in cases {
            assert_eq!(read_address(&name), expected, "{name:?}");
        }
    }

    #[test]
    fn the_public_base_is_taken_only_from_a_plain_host() {
        let cases: &[(Option<&str>, Option<&str>)] = &[
            (Some("127.0.0.1:8787"), Some("http://127.0.0.1:8787")),
            (Some("aduan.bengkaliskab.go.id"), Some("http://aduan.bengkaliskab.go.id")),
            (Some(" localhost "), Some("http://localhost")),
            (Some("[::1]:8080"), Some("http://[::1]:8080")),
            (None, None),
            (Some(""), None),
            (Some("evil.example/phish"), None),
            (Some("a b"), None),
            (Some("user@host"), None),
            (Some("host\"><script>"), None),
        ];
        for (host, expected) in cases {
            assert_eq!(public_base(*host, None).as_deref(), *expected, "{host:?}");
        }
        assert_eq!(public_base(Some(&"a".repeat(256)), None), None, "longer than any host name");
        // Only the proxy's word for HTTPS changes the scheme.
        let host = Some("aduan.bengkaliskab.go.id");
        assert_eq!(public_base(host, Some("HTTPS")).as_deref(), Some("https://aduan.bengkaliskab.go.id"));
        assert_eq!(public_base(host, Some("http")).as_deref(), Some("http://aduan.bengkaliskab.go.id"));
        assert_eq!(public_base(host, Some("gopher")).as_deref(), Some("http://aduan.bengkaliskab.go.id"));
    }

    #[test]
    fn an_address_carries_its_types_extension_and_reads_back() {
        let base = "http://127.0.0.1:8787";
        for kind in PhotoType::ALL {
            let address = photo_address(base, TOKEN, kind);
            assert_eq!(address, format!("{base}/api/media/{TOKEN}.{}", kind.extension()));
            let name = address.strip_prefix(&format!("{base}{PHOTOS}")).expect("under the photos path");
            assert_eq!(read_address(name), Some(PhotoAddress { token: TOKEN, extension: Some(kind) }), "it reads back");
        }
        assert_eq!(
            token_of("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            "e3b0c44298fc1c149afbf4c8996fb924"
        );
    }

    #[test]
    fn the_photo_is_the_one_media_part_of_a_photo_type() {
        let photo = part(FILE_FIELD, Some("image/jpeg"), b"\xff\xd8\xff");
        let note = Part { filename: None, ..part("catatan", None, b"dari widget") };
        let cases: Vec<(Vec<Part<'static>>, Result<PhotoType>)> = vec![
            (vec![photo.clone()], Ok(PhotoType::Jpeg)),
            (vec![note.clone(), photo.clone()], Ok(PhotoType::Jpeg)),
            (vec![part(FILE_FIELD, Some("Image/PNG; name=x"), b"\x89PNG")], Ok(PhotoType::Png)),
            (vec![Part { filename: None, ..part(FILE_FIELD, Some("image/webp"), b"RIFF") }], Ok(PhotoType::Webp)),
            (vec![], Err(MediaError::NoPhoto)),
            (vec![note.clone()], Err(MediaError::NoPhoto)),
            (vec![part("media[]", Some("image/jpeg"), b"\xff")], Err(MediaError::NoPhoto)),
            (vec![photo.clone(), photo.clone()], Err(MediaError::SeveralPhotos)),
            (
                vec![part(FILE_FIELD, Some("application/pdf"), b"%PDF")],
                Err(MediaError::NotAPhoto { mime: "application/pdf".into() }),
            ),
            (
                vec![part(FILE_FIELD, None, b"\xff\xd8")],
                Err(MediaError::NotAPhoto { mime: "application/octet-stream".into() }),
            ),
            (vec![part(FILE_FIELD, Some("image/png"), b"")], Err(MediaError::Empty)),
        ];
        for (parts, expected) in cases {
            let names: Vec<&str> = parts.iter().map(|part| part.name.as_str()).collect();
            assert_eq!(photo_part(&parts).map(|(kind, _)| kind), expected, "{names:?}");
        }
    }

    #[test]
    fn a_photo_of_exactly_the_limit_is_taken_and_one_byte_more_is_not() {
        let largest = vec![0xffu8; MEDIA_MAX_BYTES + 1];
        let at_limit = Part { data: &largest[..MEDIA_MAX_BYTES], ..part(FILE_FIELD, Some("image/jpeg"), b"") };
        assert_eq!(photo_part(std::slice::from_ref(&at_limit)).map(|(_, bytes)| bytes.len()), Ok(MEDIA_MAX_BYTES));
        let over = Part { data: &largest, ..at_limit };
        assert_eq!(photo_part(&[over]), Err(MediaError::TooLarge));
    }

    #[test]
    fn refusals_use_the_receivers_codes_and_statuses() {
        let cases = [
            (MediaError::NotAForm, 415, "unsupported_media_type"),
            (MediaError::NotAPhoto { mime: "application/pdf".into() }, 415, "unsupported_media_type"),
            (MediaError::TooLarge, 413, "too_large"),
            (MediaError::NoPhoto, 400, "malformed"),
            (MediaError::SeveralPhotos, 400, "malformed"),
            (MediaError::Empty, 400, "malformed"),
            (MediaError::NoHost, 400, "malformed"),
        ];
        for (error, status, code) in cases {
            let reply = error.reply();
            assert_eq!((reply.status, reply.note.as_deref()), (status, Some(code)), "{error:?}");
        }
        assert_eq!(
            MediaError::NotAPhoto { mime: "application/pdf".into() }.to_string(),
            "the photo is application/pdf; send image/jpeg, image/png or image/webp"
        );
    }
}
