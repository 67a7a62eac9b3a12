//! Shrinking the widget's stylesheet before it is embedded in the WebAssembly.
//!
//! Used by `build.rs` (which includes this file) so `style/aduan.css` can stay
//! commented and readable while the phone downloads it without comments and
//! indentation. Pure, and tested here.

/// Removes comments and the white space CSS does not need. Quoted strings are
/// copied as they are.
///
/// # Example
/// ```
/// assert_eq!(
///     aduan::css::minify("/* why */\n.a  .b > p {\n  color: red;\n  font-family: \"Open  Sans\";\n}\n"),
///     ".a .b>p{color: red;font-family: \"Open  Sans\"}"
/// );
/// ```
pub fn minify(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut previous = ' ';
                for c in chars.by_ref() {
                    if previous == '*' && c == '/' {
                        break;
                    }
                    previous = c;
                }
                space = true;
            }
            '"' | '\'' => {
                flush_space(&mut out, &mut space, c);
                out.push(c);
                for inner in chars.by_ref() {
                    out.push(inner);
                    if inner == c {
                        break;
                    }
                }
            }
            c if c.is_whitespace() => space = true,
            '{' | '}' | ';' | ',' | '>' => {
                space = false;
                while out.ends_with(' ') {
                    out.pop();
                }
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                out.push(c);
            }
            c => {
                flush_space(&mut out, &mut space, c);
                out.push(c);
            }
        }
    }
    out
}

/// Writes one pending space, unless it would follow punctuation that needs none.
fn flush_space(out: &mut String, space: &mut bool, _next: char) {
    if *space && !out.is_empty() && !out.ends_with(['{', '}', ';', ',', '>', ' ']) {
        out.push(' ');
    }
    *space = false;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_keep_their_descendant_spaces() {
        assert_eq!(
            minify(".aduan *,\n.aduan *::before {\n  box-sizing: border-box;\n}"),
            ".aduan *,.aduan *::before{box-sizing: border-box}"
        );
        assert_eq!(minify(":host([hidden]) {\n  display: none;\n}"), ":host([hidden]){display: none}");
        assert_eq!(
            minify("@media (min-width: 641px) {\n  .aduan {\n    font-size: 18px;\n  }\n}"),
            "@media (min-width: 641px){.aduan{font-size: 18px}}"
        );
    }

    #[test]
    fn comments_go_and_strings_stay() {
        assert_eq!(minify("a{/* x */color:red}/* y */"), "a{color:red}");
        assert_eq!(minify("a{content:\"/* not a comment */\"}"), "a{content:\"/* not a comment */\"}");
        assert_eq!(minify("a{font-family:'Segoe UI',  Roboto}"), "a{font-family:'Segoe UI',Roboto}");
    }

    #[test]
    fn the_widget_stylesheet_shrinks_and_keeps_every_rule() {
        let css = include_str!("../style/aduan.css");
        let small = minify(css);
        assert!(small.len() < css.len() * 4 / 5, "{} -> {}", css.len(), small.len());
        let mut uncommented = String::new();
        let mut rest = css;
        while let Some((before, after)) = rest.split_once("/*") {
            uncommented.push_str(before);
            rest = after.split_once("*/").map_or("", |(_, after)| after);
        }
        uncommented.push_str(rest);
        assert_eq!(small.matches('{').count(), uncommented.matches('{').count());
        assert_eq!(small.matches('{').count(), small.matches('}').count());
        assert!(small.contains(".aduan-form-group--error{"));
    }
}
