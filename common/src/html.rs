//! Text made safe for the HTML the server writes by hand (e-mails, the SVG poster, the sitemap,
//! error pages, `<title>`) and for the JSON-LD inside `<script type="application/ld+json">`.
//! One of each, so that a fix reaches every page.

use std::borrow::Cow;

/// `text` escaped for HTML and XML content and double-quoted attribute values (`&`, `<`, `>`, `"`).
pub fn escape(text: &str) -> Cow<'_, str> {
    // Every attribute written by hand is double-quoted, so `'` stays as typed ("l'offre").
    html_escape::encode_double_quoted_attribute(text)
}

/// `value` as JSON to put inside a `<script>` element. The characters that could end the
/// element or open a comment in it (`<`, `>`, `&`) and the line separators U+2028/U+2029 are
/// written as `\uXXXX` escapes; in JSON they only occur inside strings, where these escapes mean
/// the same characters, so the data is unchanged.
pub fn json_ld(value: &serde_json::Value) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn escape_covers_markup_and_double_quotes() {
        assert_eq!(escape("a & b < c > d \"e\" l'offre"), "a &amp; b &lt; c &gt; d &quot;e&quot; l'offre");
        assert_eq!(escape("</title><script>x</script>"), "&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;");
        // Plain text (accents, slashes of a link) is left alone.
        assert_eq!(escape("Crème brûlée https://a.be/x"), "Crème brûlée https://a.be/x");
    }

    #[test]
    fn json_ld_cannot_close_the_script_nor_open_a_comment() {
        let value = json!({ "name": "</script><script>alert(1)</script> <!-- & \u{2028}\u{2029}" });
        let text = json_ld(&value);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'), "{text}");
        assert!(!text.contains('\u{2028}') && !text.contains('\u{2029}'), "{text}");
        assert!(text.contains("\\u003c/script\\u003e") && text.contains("\\u003c!--"), "{text}");
        // Still the same data for a JSON reader.
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), value);
    }
}
