//! `multipart/form-data` bodies (RFC 7578, framed as RFC 2046 says), read
//! whole from memory.
//!
//! Agencies whose backend is a PHP or Laravel app receive complaints from the
//! widget's multipart adapter as form fields and file uploads; the receiver takes
//! the same bodies, so that adapter can be tested end to end. Bodies are at most
//! [`crate::http::MAX_BODY_BYTES`], so a parser over a byte slice is enough and
//! each part's data is borrowed, never copied.

use std::fmt;

use crate::content_type::ContentType;

/// Longest boundary RFC 2046 allows.
const BOUNDARY_MAX: usize = 70;

/// Largest header block of one part: a few short lines in practice.
const PART_HEADERS_MAX: usize = 16 * 1024;

/// More parts than any form sends; it bounds the bookkeeping a body can cause.
pub const PARTS_MAX: usize = 1000;

/// One field or file of a form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part<'a> {
    /// The `name` of its `Content-Disposition: form-data`, as sent.
    pub name: String,
    /// The `filename`, for a file; `None` for a plain field.
    pub filename: Option<String>,
    /// Its `Content-Type` header, if any (RFC 7578 defaults it to `text/plain`).
    pub content_type: Option<String>,
    /// The bytes between its headers and the next boundary, untouched.
    pub data: &'a [u8],
}

/// Why a body is not a well-formed `multipart/form-data` body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MultipartError {
    /// The boundary is empty, longer than 70 characters, or has characters
    /// RFC 2046 does not allow.
    BadBoundary,
    /// No boundary line opens the first part.
    NoFirstBoundary,
    /// A boundary line goes on with something other than `--` or a line break.
    BadBoundaryLine,
    /// A part's headers do not end, are too long, or are not `Name: value` lines.
    BadHeaders,
    /// A part has no `Content-Disposition: form-data` with a `name`.
    NoName,
    /// The body ends before the closing `--boundary--`: it was cut off.
    MissingFinalBoundary,
    /// More than [`PARTS_MAX`] parts.
    TooManyParts,
}

impl fmt::Display for MultipartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MultipartError::BadBoundary => "the boundary must be 1 to 70 letters, digits or '()+_,-./:=? characters",
            MultipartError::NoFirstBoundary => "no boundary line opens the first part",
            MultipartError::BadBoundaryLine => "a boundary line is followed by something other than a line break",
            MultipartError::BadHeaders => "a part's headers are malformed",
            MultipartError::NoName => "a part has no Content-Disposition: form-data with a name",
            MultipartError::MissingFinalBoundary => "the body ends before the closing boundary; it was cut off",
            MultipartError::TooManyParts => "the body has too many parts",
        })
    }
}

impl std::error::Error for MultipartError {}

pub type Result<T> = std::result::Result<T, MultipartError>;

/// Splits `body` into its parts, in order. `boundary` is the `boundary`
/// parameter of the `Content-Type`, already unquoted.
///
/// Strict where leniency would guess: lines end in CRLF, every boundary line is
/// a whole line, and a body without its closing boundary is an error rather
/// than a short last file. A preamble before the first boundary and an
/// epilogue after the last are ignored, as RFC 2046 says.
///
/// # Example
/// ```
/// use aduan_receiver::multipart::parse;
/// let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"judul\"\r\n\r\nLampu padam\r\n--XyZ--\r\n";
/// let parts = parse(body, "XyZ").unwrap();
/// assert_eq!((parts[0].name.as_str(), parts[0].data), ("judul", &b"Lampu padam"[..]));
/// ```
pub fn parse<'a>(body: &'a [u8], boundary: &str) -> Result<Vec<Part<'a>>> {
    if boundary.is_empty() || boundary.len() > BOUNDARY_MAX || !boundary.bytes().all(is_boundary_char) {
        return Err(MultipartError::BadBoundary);
    }
    // The CRLF before a boundary belongs to the boundary, not to the part before it.
    let delimiter = [b"\r\n--", boundary.as_bytes()].concat();
    let mut at = if body.starts_with(&delimiter[2..]) {
        delimiter.len() - 2
    } else {
        find(body, &delimiter).ok_or(MultipartError::NoFirstBoundary)? + delimiter.len()
    };
    let mut parts = Vec::new();
    loop {
        let next = match after_boundary(body, at)? {
            Next::Part(start) => start,
            Next::End => return Ok(parts),
            Next::CutOff => return Err(MultipartError::MissingFinalBoundary),
        };
        if parts.len() == PARTS_MAX {
            return Err(MultipartError::TooManyParts);
        }
        let rest = &body[next..];
        let (headers, data_start) = if rest.starts_with(b"\r\n") {
            // A part with no headers at all starts straight with the blank line.
            (&rest[..0], next + 2)
        } else {
            match find(&rest[..rest.len().min(PART_HEADERS_MAX + 4)], b"\r\n\r\n") {
                Some(end) => (&rest[..end], next + end + 4),
                None if find(rest, &delimiter).is_none() => return Err(MultipartError::MissingFinalBoundary),
                None => return Err(MultipartError::BadHeaders),
            }
        };
        let data_end =
            data_start + find(&body[data_start..], &delimiter).ok_or(MultipartError::MissingFinalBoundary)?;
        parts.push(part(headers, &body[data_start..data_end])?);
        at = data_end + delimiter.len();
    }
}

/// What follows a boundary.
enum Next {
    /// A part, starting at this index.
    Part(usize),
    /// The closing `--`: the form is complete.
    End,
    /// Nothing, or only part of a line: the body was cut off.
    CutOff,
}

/// Reads what follows a boundary that ends at `at`.
fn after_boundary(body: &[u8], at: usize) -> Result<Next> {
    let rest = &body[at..];
    if rest.starts_with(b"--") {
        return Ok(Next::End);
    }
    // RFC 2046 lets a sender pad a boundary line with spaces and tabs.
    let padding = rest.iter().take_while(|&&b| b == b' ' || b == b'\t').count();
    match &rest[padding..] {
        [b'\r', b'\n', ..] => Ok(Next::Part(at + padding + 2)),
        [] | [b'\r'] | [b'-'] => Ok(Next::CutOff),
        _ => Err(MultipartError::BadBoundaryLine),
    }
}

/// Reads one part's headers; only `Content-Disposition` and `Content-Type` matter.
fn part<'a>(headers: &[u8], data: &'a [u8]) -> Result<Part<'a>> {
    // Filenames may be raw UTF-8 (RFC 7578 §4.2) or, from old clients, Latin-1:
    // a stray byte must not cost the citizen the whole complaint.
    let headers = String::from_utf8_lossy(headers);
    let mut disposition = None;
    let mut content_type = None;
    for line in headers.split("\r\n").filter(|line| !line.is_empty()) {
        let (name, value) = line.split_once(':').ok_or(MultipartError::BadHeaders)?;
        // A line starting with whitespace would be an obsolete folded line.
        if name.is_empty() || name.starts_with([' ', '\t']) {
            return Err(MultipartError::BadHeaders);
        }
        if name.eq_ignore_ascii_case("Content-Disposition") {
            disposition = Some(ContentType::parse(value));
        } else if name.eq_ignore_ascii_case("Content-Type") {
            content_type = Some(value.trim().to_owned());
        }
    }
    let disposition = disposition.filter(|d| d.essence == "form-data").ok_or(MultipartError::NoName)?;
    let name = disposition.parameter("name").ok_or(MultipartError::NoName)?.to_owned();
    let filename = disposition.parameter("filename").map(str::to_owned);
    Ok(Part { name, filename, content_type, data })
}

/// RFC 2046's `bchars`.
fn is_boundary_char(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"'()+_,-./:=? ".contains(&byte)
}

/// Where `needle` first occurs in `haystack`.
///
/// Looks only at the places where the needle's first byte occurs. That is linear
/// in the haystack when, as for every delimiter here (`\r\n--` and a boundary,
/// which cannot hold `\r`), the first byte occurs nowhere else in the needle: a
/// partial match never overlaps the next candidate.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, _) = needle.split_first()?;
    let mut from = 0;
    while let Some(offset) = haystack.get(from..)?.iter().position(|&b| b == first) {
        let candidate = from + offset;
        if haystack.get(candidate..candidate + needle.len())? == needle {
            return Some(candidate);
        }
        from = candidate + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const B: &str = "----AduanBatas7MA4YWxkTrZu0gW";

    /// A body from `(headers, data)` parts, framed the way browsers frame it.
    fn body(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut body = Vec::new();
        for (headers, data) in parts {
            body.extend_from_slice(format!("--{B}\r\n{headers}\r\n\r\n").as_bytes());
            body.extend_from_slice(data);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{B}--\r\n").as_bytes());
        body
    }

    fn field(name: &str) -> String {
        format!("Content-Disposition: form-data; name=\"{name}\"")
    }

    #[test]
    fn fields_and_files_come_back_in_order_with_their_headers() {
        let photo: Vec<u8> = (0..=255).collect();
        let file_headers = "Content-Disposition: form-data; name=\"lampiran[]\"; filename=\"jalan rusak.jpg\"\r\n\
                            Content-Type: image/jpeg";
        let body = body(&[
            (&field("judul"), b"Jalan berlubang"),
            (file_headers, &photo),
            (&field("isi"), b"Baris satu\r\nBaris dua\r\n"),
            (&field("kosong"), b""),
        ]);
        let parts = parse(&body, B).unwrap();
        assert_eq!(parts.len(), 4);
        assert_eq!(
            parts[0],
            Part { name: "judul".into(), filename: None, content_type: None, data: b"Jalan berlubang" }
        );
        assert_eq!(parts[1].name, "lampiran[]");
        assert_eq!(parts[1].filename.as_deref(), Some("jalan rusak.jpg"));
        assert_eq!(parts[1].content_type.as_deref(), Some("image/jpeg"));
        assert_eq!(parts[1].data, photo.as_slice(), "every byte value survives");
        assert_eq!(parts[2].data, b"Baris satu\r\nBaris dua\r\n", "line breaks inside a field are data");
        assert_eq!(parts[3].data, b"");
    }

    #[test]
    fn data_that_nearly_contains_the_boundary_is_kept_whole() {
        // Everything here is almost a boundary line, but not quite one.
        let tricky = format!("\r\n--{}\r\n-{B}\r\n--{B}", &B[..B.len() - 1]);
        let tricky = format!("{tricky}x\r\n\r\n--");
        let refused = body(&[(&field("a"), tricky.as_bytes()), (&field("b"), b"\r")]);
        let parts = parse(&refused, B);
        // `--{B}x` is the boundary followed by junk: the boundary appears inside
        // the data, which RFC 2046 forbids, so it is refused rather than guessed at.
        assert_eq!(parts, Err(MultipartError::BadBoundaryLine));

        let near = format!("\r\n--{}\r\n-{B}\r\n\r--{B}\r\n", &B[..B.len() - 1]);
        let taken = body(&[(&field("a"), near.as_bytes()), (&field("b"), b"\r")]);
        let parts = parse(&taken, B).unwrap();
        assert_eq!(parts[0].data, near.as_bytes());
        assert_eq!(parts[1].data, b"\r");
    }

    #[test]
    fn a_preamble_an_epilogue_and_padding_after_a_boundary_are_allowed() {
        let body =
            format!("This is a preamble.\r\n--{B}  \t\r\n{}\r\n\r\nnilai\r\n--{B}--\r\nand an epilogue", field("nama"));
        let parts = parse(body.as_bytes(), B).unwrap();
        assert_eq!((parts.len(), parts[0].data), (1, &b"nilai"[..]));
        // No line break after the closing boundary is fine too.
        let body = format!("--{B}\r\n{}\r\n\r\nx\r\n--{B}--", field("a"));
        assert_eq!(parse(body.as_bytes(), B).unwrap().len(), 1);
    }

    #[test]
    fn a_quoted_boundary_with_spaces_and_punctuation_works() {
        let boundary = "=_Part 12:(a)+b,c/d?";
        let body = format!("--{boundary}\r\n{}\r\n\r\nya\r\n--{boundary}--\r\n", field("anonim"));
        let content_type = ContentType::parse(&format!("multipart/form-data; boundary=\"{boundary}\""));
        let parts = parse(body.as_bytes(), content_type.parameter("boundary").unwrap()).unwrap();
        assert_eq!(parts[0].data, b"ya");
    }

    #[test]
    fn a_body_cut_off_anywhere_is_an_error_never_a_short_part() {
        let full = body(&[(&field("judul"), b"Sampah menumpuk"), (&field("isi"), b"Sudah seminggu")]);
        assert!(parse(&full, B).is_ok());
        for length in 0..full.len() - 2 {
            let cut = &full[..length];
            let result = parse(cut, B);
            assert!(result.is_err(), "cut at {length}: {:?}", String::from_utf8_lossy(cut));
        }
        let expected = Err(MultipartError::MissingFinalBoundary);
        assert_eq!(parse(&full[..full.len() - 10], B), expected);
        assert_eq!(parse(format!("--{B}\r\n{}\r\n\r\nx", field("a")).as_bytes(), B), expected);
        assert_eq!(parse(format!("--{B}").as_bytes(), B), expected);
    }

    #[test]
    fn malformed_bodies_are_refused_with_a_reason() {
        let long = "x".repeat(71);
        let cases: Vec<(Vec<u8>, &str, MultipartError)> = vec![
            (body(&[(&field("a"), b"1")]), "", MultipartError::BadBoundary),
            (body(&[(&field("a"), b"1")]), &long, MultipartError::BadBoundary),
            (body(&[(&field("a"), b"1")]), "bad\rboundary", MultipartError::BadBoundary),
            (b"no boundary here".to_vec(), B, MultipartError::NoFirstBoundary),
            (body(&[(&field("a"), b"1")]), "AnotherBoundary", MultipartError::NoFirstBoundary),
            // LF-only line ends: the boundary line does not end in CRLF.
            (format!("--{B}\n{}\n\nx\n--{B}--\n", field("a")).into_bytes(), B, MultipartError::BadBoundaryLine),
            (body(&[("Content-Type: text/plain", b"1")]), B, MultipartError::NoName),
            (body(&[("Content-Disposition: attachment; name=\"a\"", b"1")]), B, MultipartError::NoName),
            (body(&[("Content-Disposition: form-data; filename=\"a.txt\"", b"1")]), B, MultipartError::NoName),
            (body(&[("Content-Disposition form-data", b"1")]), B, MultipartError::BadHeaders),
            (body(&[(&format!("{}\r\n folded", field("a")), b"1")]), B, MultipartError::BadHeaders),
        ];
        for (body, boundary, expected) in cases {
            assert_eq!(parse(&body, boundary), Err(expected.clone()), "{}", String::from_utf8_lossy(&body));
        }
    }

    #[test]
    fn a_part_with_endless_headers_is_refused() {
        let headers = format!("{}\r\nX-Padding: {}", field("a"), "x".repeat(PART_HEADERS_MAX));
        assert_eq!(parse(&body(&[(&headers, b"1")]), B), Err(MultipartError::BadHeaders));
    }

    #[test]
    fn a_part_without_headers_has_no_name() {
        let body = format!("--{B}\r\n\r\ndata\r\n--{B}--\r\n");
        assert_eq!(parse(body.as_bytes(), B), Err(MultipartError::NoName));
    }

    #[test]
    fn too_many_parts_are_refused() {
        let name = field("a");
        let parts: Vec<(&str, &[u8])> = (0..=PARTS_MAX).map(|_| (name.as_str(), &b""[..])).collect();
        assert_eq!(parse(&body(&parts), B), Err(MultipartError::TooManyParts));
        assert_eq!(parse(&body(&parts[1..]), B).map(|p| p.len()), Ok(PARTS_MAX));
    }

    #[test]
    fn a_form_with_no_parts_is_empty() {
        assert_eq!(parse(format!("--{B}--\r\n").as_bytes(), B), Ok(vec![]));
    }

    /// The obviously correct search the fast one must agree with.
    fn slow_find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
        haystack.windows(needle.len()).position(|window| window == needle)
    }

    #[test]
    fn the_fast_search_agrees_with_the_obvious_one() {
        let needle = b"\r\n--ab";
        // Every haystack of up to 7 bytes over the needle's alphabet and one other byte.
        let alphabet = b"\r\n-abx";
        for length in 0..=7u32 {
            for mut code in 0..alphabet.len().pow(length) {
                let haystack: Vec<u8> = (0..length)
                    .map(|_| {
                        let byte = alphabet[code % alphabet.len()];
                        code /= alphabet.len();
                        byte
                    })
                    .collect();
                assert_eq!(find(&haystack, needle), slow_find(&haystack, needle), "{haystack:?}");
            }
        }
        assert_eq!(find(b"abc", b""), None);
        assert_eq!(find(b"", b"a"), None);
    }
}
