//! `application/x-www-form-urlencoded` bodies and query strings, the way Open311
//! clients send a service request.
//!
//! Decoded as the WHATWG URL standard says browsers and PHP do: `&` separates
//! pairs, the first `=` separates name from value, `+` is a space, `%XX` is a
//! byte, and a `%` not followed by two hex digits stays as it is. Repeated names
//! are kept, in order; what they mean is up to the caller.

use std::fmt;

/// A name or value that is not UTF-8 once its `%XX` escapes are decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotUtf8;

impl fmt::Display for NotUtf8 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the form is not UTF-8 once decoded")
    }
}

impl std::error::Error for NotUtf8 {}

/// The `(name, value)` pairs of a form, in order.
///
/// # Example
/// ```
/// use aduan_receiver::form::parse;
/// let pairs = parse(b"description=Lampu+padam%21&attribute%5Bwarna%5D%5B%5D=merah&flag").unwrap();
/// assert_eq!(pairs, [
///     ("description".to_owned(), "Lampu padam!".to_owned()),
///     ("attribute[warna][]".to_owned(), "merah".to_owned()),
///     ("flag".to_owned(), String::new()),
/// ]);
/// ```
pub fn parse(body: &[u8]) -> Result<Vec<(String, String)>, NotUtf8> {
    body.split(|&b| b == b'&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = match pair.iter().position(|&b| b == b'=') {
                Some(equals) => (&pair[..equals], &pair[equals + 1..]),
                None => (pair, &pair[..0]),
            };
            Ok((decode(name)?, decode(value)?))
        })
        .collect()
}

/// One name or value: `+` to space, `%XX` to its byte, then UTF-8.
fn decode(text: &[u8]) -> Result<String, NotUtf8> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text;
    while let Some((&byte, after)) = rest.split_first() {
        rest = after;
        match byte {
            b'+' => bytes.push(b' '),
            b'%' => match after {
                [high, low, tail @ ..] if high.is_ascii_hexdigit() && low.is_ascii_hexdigit() => {
                    bytes.push(hex(*high) << 4 | hex(*low));
                    rest = tail;
                }
                _ => bytes.push(b'%'),
            },
            _ => bytes.push(byte),
        }
    }
    String::from_utf8(bytes).map_err(|_| NotUtf8)
}

fn hex(digit: u8) -> u8 {
    match digit {
        b'0'..=b'9' => digit - b'0',
        b'a'..=b'f' => digit - b'a' + 10,
        _ => digit - b'A' + 10,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(body: &str) -> Vec<(String, String)> {
        parse(body.as_bytes()).unwrap()
    }

    fn owned(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect()
    }

    #[test]
    fn forms_decode_as_browsers_encode_them() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("", &[]),
            ("a=1", &[("a", "1")]),
            ("a=1&&b=2&", &[("a", "1"), ("b", "2")]),
            ("a=1&a=2", &[("a", "1"), ("a", "2")]),
            ("a", &[("a", "")]),
            ("=x", &[("", "x")]),
            ("a=b=c", &[("a", "b=c")]),
            ("jalan+rusak=ada+lubang", &[("jalan rusak", "ada lubang")]),
            ("x=%2B%26%3D%25", &[("x", "+&=%")]),
            ("x=caf%C3%A9+%E2%9C%93", &[("x", "café ✓")]),
            ("x=%zz%4%", &[("x", "%zz%4%")]),
            ("x=%4a%4A", &[("x", "JJ")]),
            ("x=sudah%0D%0Adua+baris", &[("x", "sudah\r\ndua baris")]),
            (
                "attribute%5Bwarna%5D%5B%5D=a&attribute[warna][]=b",
                &[("attribute[warna][]", "a"), ("attribute[warna][]", "b")],
            ),
            ("x=tanpa%20escape ✓", &[("x", "tanpa escape ✓")]),
        ];
        for (body, expected) in cases {
            assert_eq!(pairs(body), owned(expected), "{body}");
        }
    }

    #[test]
    fn bytes_that_are_not_utf8_are_refused() {
        assert_eq!(parse(b"x=%FF"), Err(NotUtf8));
        assert_eq!(parse(b"%C3=1"), Err(NotUtf8));
        assert_eq!(parse(b"x=\xff"), Err(NotUtf8));
    }

    /// The obviously correct decoder, one character at a time with `u8::from_str_radix`.
    fn slow_decode(text: &str) -> Vec<u8> {
        let chars: Vec<char> = text.chars().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let escape: String = chars.iter().skip(i + 1).take(2).collect();
            if chars[i] == '%' && escape.len() == 2 && escape.chars().all(|c| c.is_ascii_hexdigit()) {
                out.push(u8::from_str_radix(&escape, 16).unwrap());
                i += 3;
            } else {
                let c = if chars[i] == '+' { ' ' } else { chars[i] };
                out.extend_from_slice(c.to_string().as_bytes());
                i += 1;
            }
        }
        out
    }

    #[test]
    fn the_decoder_agrees_with_the_obvious_one() {
        // Every string of up to 5 characters over an alphabet with every edge case.
        let alphabet = ['%', '4', 'a', 'F', '+', 'g'];
        for length in 0..=5u32 {
            for mut code in 0..alphabet.len().pow(length) {
                let text: String = (0..length)
                    .map(|_| {
                        let c = alphabet[code % alphabet.len()];
                        code /= alphabet.len();
                        c
                    })
                    .collect();
                let expected = String::from_utf8(slow_decode(&text)).map_err(|_| NotUtf8);
                assert_eq!(decode(text.as_bytes()), expected, "{text}");
            }
        }
    }
}
