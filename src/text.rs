//! Cleaning what citizens type before it is checked, counted or sent.
//!
//! Part of the pure core. Text arrives from paste as often as from typing: control
//! characters, stray line breaks in one-line fields and runs of spaces are removed
//! here, while emoji, Arabic or other right-to-left scripts and markup-like text are
//! kept exactly (the UI shows all text as text, never as markup).

/// Cleans a one-line answer: control characters go, any run of white space
/// (including line breaks from a paste) becomes one space, and the ends are trimmed.
///
/// # Example
/// ```
/// use aduan::text::clean_line;
/// assert_eq!(clean_line("  Jalan\n rusak\u{0}  parah "), "Jalan rusak parah");
/// assert_eq!(clean_line("<b>Lampu</b> 💡"), "<b>Lampu</b> 💡");
/// ```
pub fn clean_line(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut pending_space = false;
    for c in raw.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else if !is_unwanted_control(c) {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Cleans a multi-line answer: control characters other than line breaks and tabs
/// go, Windows and old Mac line endings become `\n`, more than two blank lines in a
/// row collapse, trailing spaces on each line go, and the whole is trimmed.
///
/// # Example
/// ```
/// use aduan::text::clean_text;
/// assert_eq!(clean_text("Baris satu  \r\n\r\n\r\n\r\nBaris dua\u{7}"), "Baris satu\n\n\nBaris dua");
/// ```
pub fn clean_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut newlines = 0usize;
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        let c = match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                '\n'
            }
            '\u{2028}' | '\u{2029}' => '\n',
            other => other,
        };
        if c == '\n' {
            // Trailing spaces of the line just ended carry no meaning.
            let kept = out.trim_end_matches([' ', '\t']).len();
            out.truncate(kept);
            newlines += 1;
            if newlines <= 3 && !out.is_empty() {
                out.push('\n');
            }
        } else if c == '\t' || !is_unwanted_control(c) {
            newlines = 0;
            out.push(c);
        }
    }
    let kept = out.trim_end().len();
    out.truncate(kept);
    let start = out.len() - out.trim_start().len();
    out.drain(..start);
    out
}

/// How long a text is, as a citizen counts it: one per character (Unicode scalar).
pub fn char_count(text: &str) -> usize {
    text.chars().count()
}

/// Cuts `text` to at most `max` characters, never inside a character.
pub fn truncate_chars(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((index, _)) => &text[..index],
        None => text,
    }
}

/// Control characters (C0 and C1, DEL) and bidi overrides that could disguise
/// text for the agency reading it; ordinary right-to-left letters are not affected.
fn is_unwanted_control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_answers_lose_controls_and_extra_space() {
        let cases = [
            ("", ""),
            ("   ", ""),
            ("\t\n", ""),
            ("Sampah  menumpuk", "Sampah menumpuk"),
            ("Sampah\r\nmenumpuk", "Sampah menumpuk"),
            ("a\u{0}b\u{1b}c\u{7f}d", "abcd"),
            // NEL is a line break, so it separates words like one.
            ("a\u{85}b", "a b"),
            ("\u{202E}kcatta\u{202C}", "kcatta"),
            ("\u{FEFF}Judul", "Judul"),
        ];
        for (raw, want) in cases {
            assert_eq!(clean_line(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn one_line_answers_keep_emoji_rtl_and_markup_as_typed() {
        for kept in [
            "Banjir 🌊🏚️ di gang",
            "👨‍👩‍👧 keluarga",
            "شكوى عن الطريق",
            "<script>alert(1)</script>",
            "Tom & Jerry's \"jalan\"",
        ] {
            assert_eq!(clean_line(kept), kept);
        }
    }

    #[test]
    fn multi_line_answers_keep_paragraphs_but_not_walls_of_blank_lines() {
        let cases = [
            ("\n\n  Halo  \n", "Halo"),
            ("a\r\nb\rc", "a\nb\nc"),
            ("a\n\n\n\n\n\nb", "a\n\n\nb"),
            ("a   \nb", "a\nb"),
            ("a\tb", "a\tb"),
            ("a\u{0}\u{8}b", "ab"),
            ("a\u{2028}b", "a\nb"),
        ];
        for (raw, want) in cases {
            assert_eq!(clean_text(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn counting_and_cutting_respect_character_boundaries() {
        assert_eq!(char_count("jalan"), 5);
        assert_eq!(char_count("🌊a"), 2);
        assert_eq!(truncate_chars("🌊🌊🌊", 2), "🌊🌊");
        assert_eq!(truncate_chars("ab", 5), "ab");
    }

    #[test]
    fn a_megabyte_paste_is_cleaned_in_one_pass() {
        let paste = "Jalan berlubang 🚧 \u{0}\r\n".repeat(1 << 16);
        assert!(paste.len() > 1_000_000);
        let cleaned = clean_text(&paste);
        assert!(!cleaned.contains('\u{0}') && !cleaned.contains('\r'));
        assert_eq!(clean_line(&paste).matches("🚧").count(), 1 << 16);
    }
}
