//! Finishing HTML pages: Leptos's output made valid and deterministic ([`tidy_html`]), a
//! Content-Security-Policy that allows exactly the page's inline scripts, an ETag and
//! `no-cache` (browsers revalidate, and an unchanged page costs a 304 without a body).

use std::hash::{DefaultHasher, Hash, Hasher};

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use futures_util::stream;
use http::header::{self, HeaderValue};
use http::StatusCode;
use http_body_util::BodyExt;

/// Largest HTML page finished here (a directory page is about 40 KB). A bigger one is sent as
/// it is, streamed, without an ETag, and never cached.
pub const MAX_HTML_BYTES: usize = 4 * 1024 * 1024;

/// Reads a body up to `max` bytes: all of it, or, past `max`, a body that replays what was read
/// and streams the rest, so nothing is lost.
pub async fn buffer_up_to(body: Body, max: usize) -> Result<Bytes, Body> {
    let mut body = body;
    let mut chunks: Vec<Bytes> = Vec::new();
    let mut size = 0;
    while let Some(frame) = body.frame().await {
        let Ok(frame) = frame else {
            tracing::warn!("a response body failed while being read");
            return Err(Body::empty());
        };
        if let Ok(data) = frame.into_data() {
            size += data.len();
            chunks.push(data);
            if size > max {
                let read = stream::iter(chunks.into_iter().map(Ok::<_, axum::Error>));
                let rest = body.into_data_stream();
                return Err(Body::from_stream(futures_util::StreamExt::chain(read, rest)));
            }
        }
    }
    Ok(match chunks.len() {
        1 => chunks.pop().unwrap_or_default(),
        _ => chunks.concat().into(),
    })
}

/// Buffers HTML pages to tidy them (`tidy_html`) and give them an ETag and `no-cache`.
/// `own_head_scripts`: the inline scripts the shell writes in `<head>` (`app::own_head_scripts`),
/// the only ones there the page's Content-Security-Policy allows.
pub async fn finish_html(own_head_scripts: &'static [String], request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match buffer_up_to(body, MAX_HTML_BYTES).await {
        Ok(bytes) => bytes,
        Err(whole) => {
            tracing::warn!("an HTML page over {MAX_HTML_BYTES} bytes is sent unfinished");
            parts.headers.remove(header::CONTENT_LENGTH);
            parts.headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            return Response::from_parts(parts, whole);
        }
    };
    // The policy is read from Leptos's output, where our own scripts are in `<head>` (the loader,
    // allowed only if it is one the shell writes) and after `</html>` (the hydration data);
    // `tidy_html` then moves the latter into the body (their text unchanged).
    if let Ok(policy) =
        HeaderValue::from_str(&super::headers::page_policy(&String::from_utf8_lossy(&bytes), own_head_scripts))
    {
        parts.headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    let html = tidy_html(&bytes);
    let mut hasher = DefaultHasher::new();
    html.hash(&mut hasher);
    parts.status.as_u16().hash(&mut hasher);
    let etag = format!("W/\"{:016x}\"", hasher.finish());
    // A page that said `private` or `no-store` keeps it (the page cache must see it).
    if !parts.headers.contains_key(header::CACHE_CONTROL) {
        parts.headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    if let Ok(value) = HeaderValue::from_str(&etag) {
        parts.headers.insert(header::ETAG, value);
    }
    Response::from_parts(parts, Body::from(html))
}

/// Answers `If-None-Match` with 304 Not Modified when the page's ETag matches.
pub async fn answer_conditional_get(request: Request, next: Next) -> Response {
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    let response = next.run(request).await;
    let Some(etag) = response.headers().get(header::ETAG).and_then(|v| v.to_str().ok()) else {
        return response;
    };
    if !self::if_none_match(if_none_match.as_ref(), etag) || response.status() != StatusCode::OK {
        return response;
    }
    let (mut parts, _) = response.into_parts();
    parts.status = StatusCode::NOT_MODIFIED;
    parts.headers.remove(header::CONTENT_LENGTH);
    // No body, so no coding (the page cache's copies carry theirs; the weak ETag is every
    // coding's).
    parts.headers.remove(header::CONTENT_ENCODING);
    Response::from_parts(parts, Body::empty())
}

/// Whether an `If-None-Match` value names `etag` (or `*`). Also used by the page cache's hits
/// ([`super::hits`]).
pub fn if_none_match(value: Option<&HeaderValue>, etag: &str) -> bool {
    value.and_then(|v| v.to_str().ok()).is_some_and(|v| v.split(',').any(|tag| tag.trim() == etag || tag.trim() == "*"))
}

/// Makes Leptos's HTML valid and deterministic without changing the DOM the browser builds:
/// - `<!>` placeholders become `<!---->` (the same empty comment node);
/// - the per-request nonce is dropped (the Content-Security-Policy allows the inline scripts by
///   their hashes instead) and
///   the `crossorigin` attributes that carried it become `crossorigin=""`, the anonymous mode
///   their invalid value meant anyway; the page's bytes, and so its ETag, no longer change on
///   every request;
/// - the hydration-data scripts written after `</html>` move before `</body>`, which is where
///   the HTML parser puts them anyway.
fn tidy_html(html: &[u8]) -> Vec<u8> {
    use memchr::memmem;
    let nonce = std::str::from_utf8(html).ok().and_then(find_nonce);
    // The page in the order it is sent: up to `</body>`, the scripts after `</html>`, then
    // `</body></html>`; or the page as it is.
    let mut pieces: [&[u8]; 3] = [html, &[], &[]];
    if let (Some(body_end), Some(html_end)) = (memmem::rfind(html, b"</body>"), memmem::rfind(html, b"</html>")) {
        let tail_start = html_end + "</html>".len();
        if body_end < html_end && tail_start < html.len() {
            let mut tail = &html[tail_start..];
            while let Some(rest) = tail.strip_prefix(b"<!---->") {
                tail = rest;
            }
            pieces = [&html[..body_end], tail, &html[body_end..tail_start]];
        }
    }
    // One pass over each piece with the replacements (all ASCII, so UTF-8 stays whole). Each
    // pattern's next match is remembered, so the text is searched once per pattern.
    let crossorigin = nonce.as_ref().map(|n| format!("crossorigin=\"{n}\""));
    let nonce_attribute = nonce.as_ref().map(|n| format!(" nonce=\"{n}\""));
    let replacements: Vec<(memmem::Finder<'_>, &[u8])> = [
        Some(("<!>", &b"<!---->"[..])),
        crossorigin.as_deref().map(|p| (p, &b"crossorigin=\"\""[..])),
        nonce_attribute.as_deref().map(|p| (p, &b""[..])),
    ]
    .into_iter()
    .flatten()
    .map(|(pattern, by)| (memmem::Finder::new(pattern.as_bytes()), by))
    .collect();
    let mut out = Vec::with_capacity(html.len() + 256);
    for piece in pieces {
        let mut next: Vec<Option<usize>> = replacements.iter().map(|(f, _)| f.find(piece)).collect();
        let mut at = 0;
        loop {
            let Some((which, start)) =
                next.iter().enumerate().filter_map(|(i, n)| n.map(|n| (i, n))).min_by_key(|&(_, n)| n)
            else {
                break;
            };
            let (finder, by) = &replacements[which];
            out.extend_from_slice(&piece[at..start]);
            out.extend_from_slice(by);
            at = start + finder.needle().len();
            // Matches that began inside the replaced text are gone; look again from here.
            for (i, n) in next.iter_mut().enumerate() {
                if n.is_some_and(|n| n < at) {
                    *n = replacements[i].0.find(&piece[at..]).map(|m| m + at);
                }
            }
        }
        out.extend_from_slice(&piece[at..]);
    }
    out
}

/// The nonce Leptos put on its first inline script, if any.
fn find_nonce(html: &str) -> Option<String> {
    let start = html.find("<script type=\"module\" nonce=\"").map(|i| i + "<script type=\"module\" nonce=\"".len())?;
    let end = html[start..].find('"')? + start;
    let nonce = &html[start..end];
    nonce.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_').then(|| nonce.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn streamed(chunks: Vec<&'static [u8]>) -> Body {
        Body::from_stream(stream::iter(chunks.into_iter().map(|c| Ok::<_, std::io::Error>(Bytes::from_static(c)))))
    }

    #[tokio::test]
    async fn bodies_over_the_limit_are_passed_on_whole() {
        let small = buffer_up_to(streamed(vec![b"<p>a", b"b</p>"]), 16).await.ok().unwrap();
        assert_eq!(&small[..], b"<p>ab</p>");
        // Over the limit: nothing is lost, and the body is not cut or emptied.
        let big = buffer_up_to(streamed(vec![b"0123456789", b"abcdefghij", b"KLMNOPQRST"]), 15).await.err().unwrap();
        let bytes = axum::body::to_bytes(big, usize::MAX).await.unwrap();
        assert_eq!(&bytes[..], b"0123456789abcdefghijKLMNOPQRST");
    }

    #[test]
    fn if_none_match_lists_and_star_match() {
        let etag = "W/\"abc\"";
        let value = |v: &'static str| HeaderValue::from_static(v);
        assert!(if_none_match(Some(&value("W/\"x\", W/\"abc\"")), etag));
        assert!(if_none_match(Some(&value("*")), etag));
        assert!(!if_none_match(Some(&value("W/\"abcd\"")), etag));
        assert!(!if_none_match(None, etag));
    }

    #[test]
    fn placeholders_become_empty_comments() {
        assert_eq!(tidy_html(b"<p>a<!>b</p><!>"), b"<p>a<!---->b</p><!---->".to_vec());
        assert_eq!(tidy_html(b"<!-- x --><!DOCTYPE html>"), b"<!-- x --><!DOCTYPE html>".to_vec());
        assert_eq!(tidy_html(b"<!><!>\xc3\xa9<!>"), b"<!----><!---->\xc3\xa9<!---->".to_vec());
    }

    #[test]
    fn nonce_is_dropped_and_trailing_scripts_move_into_the_body() {
        let page = concat!(
            r#"<html><head><link rel="modulepreload" href="/pkg/v.js" crossorigin="Ab-9_x">"#,
            r#"<script type="module" nonce="Ab-9_x">go()</script></head><body><main></main><!></body>"#,
            r#"<!----></html><!----><script nonce="Ab-9_x">data=1</script><script nonce="Ab-9_x">x<!></script>"#
        );
        let tidy = String::from_utf8(tidy_html(page.as_bytes())).unwrap();
        assert_eq!(
            tidy,
            concat!(
                r#"<html><head><link rel="modulepreload" href="/pkg/v.js" crossorigin="">"#,
                r#"<script type="module">go()</script></head><body><main></main><!----><script>data=1</script>"#,
                r#"<script>x<!----></script></body>"#,
                r#"<!----></html>"#
            )
        );
    }
}
