//! The visitor's address, resolved once per request by [`resolve`] and put in the request's
//! extensions as [`ClientIp`] for everything after it (the login, reset and follow throttles,
//! which count an IPv6 client by its /64: `domain::accounts::throttle::client_network`).
//!
//! Behind a reverse proxy (the binary has no TLS, so HTTPS deployments have one) every TCP peer
//! is the proxy. Only when the peer is one of the configured trusted proxies
//! (`VITRINE_TRUSTED_PROXIES`) is the client taken from the forwarding headers: the right-most
//! hop that is not itself trusted, since each proxy appends the address it received from and
//! anything to its left was written by the client and may be forged. Otherwise the headers are
//! ignored. `X-Forwarded-For` is read when present (nginx, Caddy, Apache, HAProxy, Traefik all
//! set it), else RFC 7239 `Forwarded`: a proxy that writes only `Forwarded` must drop any
//! incoming `X-Forwarded-For`.

use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request};
use axum::middleware::Next;
use axum::response::Response;
use http::header::HeaderMap;
use ipnet::IpNet;

pub use app::state::ClientIp;

/// The addresses and CIDR ranges of the reverse proxies whose forwarding headers are believed.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(Arc<[IpNet]>);

impl TrustedProxies {
    /// Parses a list separated by commas or spaces: `127.0.0.1, ::1, 10.0.0.0/8`. An empty list
    /// trusts nobody.
    pub fn parse(list: &str) -> Result<Self, String> {
        let mut nets = Vec::new();
        for item in list.split(|c: char| c == ',' || c.is_whitespace()).filter(|i| !i.is_empty()) {
            let net = match IpNet::from_str(item) {
                Ok(net) => net.trunc(),
                Err(_) => IpAddr::from_str(item).map(IpNet::from).map_err(|_| {
                    format!(
                        "`{item}` is neither an IP address nor a CIDR range (expected e.g. 127.0.0.1, ::1, 10.0.0.0/8)"
                    )
                })?,
            };
            nets.push(net);
        }
        Ok(TrustedProxies(nets.into()))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|net| net.contains(&ip))
    }
}

/// The client's address for a request from `peer` with these headers.
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &TrustedProxies) -> IpAddr {
    let peer = peer.to_canonical();
    if !trusted.contains(peer) {
        return peer;
    }
    let hops = if headers.contains_key("x-forwarded-for") { forwarded_for(headers) } else { forwarded(headers) };
    // From the right: the nearest proxy's record first. The first untrusted hop is the client;
    // a hop that is not an address ("unknown", an obfuscated name, garbage) ends the walk at the
    // last trusted hop, which is then the best we know.
    let mut client = peer;
    for hop in hops.iter().rev() {
        match hop {
            Some(ip) if trusted.contains(*ip) => client = *ip,
            Some(ip) => return *ip,
            None => break,
        }
    }
    client
}

/// The hops of every `X-Forwarded-For` line, left to right.
fn forwarded_for(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    headers
        .get_all("x-forwarded-for")
        .iter()
        .flat_map(|value| {
            let text = value.to_str().unwrap_or("");
            text.split(',').map(|hop| node_address(hop.trim())).collect::<Vec<_>>()
        })
        .collect()
}

/// The `for=` of each element of every RFC 7239 `Forwarded` line, left to right; an element
/// without `for=` counts as an unknown hop.
fn forwarded(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let mut hops = Vec::new();
    for value in headers.get_all(http::header::FORWARDED) {
        let text = value.to_str().unwrap_or("");
        for element in split_outside_quotes(text, ',') {
            let node = split_outside_quotes(element, ';').into_iter().find_map(|pair| {
                let (name, value) = pair.split_once('=')?;
                name.trim().eq_ignore_ascii_case("for").then(|| value.trim())
            });
            hops.push(node.and_then(|node| node_address(node.trim_matches('"'))));
        }
    }
    hops
}

/// Splits at `separator` except inside a quoted string.
fn split_outside_quotes(text: &str, separator: char) -> Vec<&str> {
    let (mut parts, mut start, mut quoted, mut escaped) = (Vec::new(), 0, false, false);
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            c if c == separator && !quoted => {
                parts.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// A hop's address: `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1`, `[2001:db8::1]` or
/// `[2001:db8::1]:4711`; `None` for anything else.
fn node_address(node: &str) -> Option<IpAddr> {
    if let Ok(ip) = IpAddr::from_str(node) {
        return Some(ip.to_canonical());
    }
    if let Ok(socket) = SocketAddr::from_str(node) {
        return Some(socket.ip().to_canonical());
    }
    let inner = node.strip_prefix('[')?.strip_suffix(']')?;
    std::net::Ipv6Addr::from_str(inner).ok().map(|ip| IpAddr::V6(ip).to_canonical())
}

/// The middleware: puts the request's [`ClientIp`] in its extensions. Without a TCP peer (a
/// router called in-process), nothing is set and throttles count under `unknown`.
pub async fn resolve(trusted: TrustedProxies, mut request: Request, next: Next) -> Response {
    if let Some(peer) = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip()) {
        let client = client_address(peer, request.headers(), &trusted);
        request.extensions_mut().insert(ClientIp(client));
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(http::header::HeaderName::from_str(name).unwrap(), value.parse().unwrap());
        }
        map
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn lists_of_addresses_and_ranges_are_parsed() {
        let trusted = TrustedProxies::parse("127.0.0.1, ::1 10.0.0.0/8,fd00::/8").unwrap();
        assert!(trusted.contains(ip("127.0.0.1")) && trusted.contains(ip("::1")));
        assert!(trusted.contains(ip("10.20.30.40")) && trusted.contains(ip("::ffff:10.1.2.3")));
        assert!(trusted.contains(ip("fd12::5")) && !trusted.contains(ip("11.0.0.1")));
        assert!(TrustedProxies::parse("").unwrap().is_empty());
        let wrong = TrustedProxies::parse("127.0.0.1, localhost").unwrap_err();
        assert!(wrong.contains("`localhost`"), "{wrong}");
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err());
    }

    #[test]
    fn headers_from_an_untrusted_peer_are_ignored() {
        let none = TrustedProxies::default();
        let forged = headers(&[("x-forwarded-for", "203.0.113.9"), ("forwarded", "for=203.0.113.9")]);
        assert_eq!(client_address(ip("198.51.100.7"), &forged, &none), ip("198.51.100.7"));
        let trusted = TrustedProxies::parse("127.0.0.1").unwrap();
        assert_eq!(client_address(ip("198.51.100.7"), &forged, &trusted), ip("198.51.100.7"));
    }

    #[test]
    fn the_right_most_untrusted_hop_is_the_client() {
        let trusted = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8").unwrap();
        let peer = ip("127.0.0.1");
        // A forged left-most hop is not believed.
        let xff = headers(&[("x-forwarded-for", "1.2.3.4, 203.0.113.9")]);
        assert_eq!(client_address(peer, &xff, &trusted), ip("203.0.113.9"));
        // Trusted proxies in the chain are skipped, over several lines.
        let chain = headers(&[("x-forwarded-for", "1.2.3.4, 203.0.113.9"), ("x-forwarded-for", "10.0.0.5")]);
        assert_eq!(client_address(peer, &chain, &trusted), ip("203.0.113.9"));
        // Nothing but proxies: the farthest one.
        assert_eq!(client_address(peer, &headers(&[("x-forwarded-for", "10.0.0.5")]), &trusted), ip("10.0.0.5"));
        // An unreadable hop stops the walk at the last trusted one.
        let garbage = headers(&[("x-forwarded-for", "203.0.113.9, unknown")]);
        assert_eq!(client_address(peer, &garbage, &trusted), peer);
        // No header: the peer.
        assert_eq!(client_address(peer, &HeaderMap::new(), &trusted), peer);
        // Ports and brackets.
        let ports = headers(&[("x-forwarded-for", "[2001:db8::7]:4711")]);
        assert_eq!(client_address(peer, &ports, &trusted), ip("2001:db8::7"));
    }

    #[test]
    fn rfc_7239_forwarded_is_read() {
        let trusted = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8").unwrap();
        let peer = ip("127.0.0.1");
        let value = "for=1.2.3.4;proto=https, For=\"[2001:db8:cafe::17]:4711\";by=10.0.0.1, for=10.0.0.9";
        assert_eq!(client_address(peer, &headers(&[("forwarded", value)]), &trusted), ip("2001:db8:cafe::17"));
        let quoted = "for=192.0.2.60;proto=http;by=\"a;b,c\", for=\"198.51.100.17:8080\"";
        assert_eq!(client_address(peer, &headers(&[("forwarded", quoted)]), &trusted), ip("198.51.100.17"));
        // An element without `for`, or an obfuscated node, is an unknown hop.
        let hidden = "for=203.0.113.9, for=_hidden";
        assert_eq!(client_address(peer, &headers(&[("forwarded", hidden)]), &trusted), peer);
        // X-Forwarded-For wins when both are present.
        let both = headers(&[("forwarded", "for=1.2.3.4"), ("x-forwarded-for", "203.0.113.9")]);
        assert_eq!(client_address(peer, &both, &trusted), ip("203.0.113.9"));
    }
}
