//! Values that merchants type (e-mail, phone, web and social links, slug, opening span), parsed
//! once where they enter the system (the seed loader today, the merchant forms later) and carried
//! as these types afterwards, so that a page can only ever render a checked value: an `href` made
//! from a [`WebUrl`] cannot be `javascript:`, a `tel:` link is always E.164.
//!
//! Hand-written parsers rather than the `url`, `email_address` or `phonenumber` crates: this crate
//! is compiled into the browser's WASM bundle too (the DTOs carry these types), and `url` alone
//! brings IDNA and Unicode tables worth more than the rest of the bundle's growth in a year. The
//! rules are deliberately narrower than the RFCs (no user info in URLs, no quoted local parts in
//! e-mail addresses, Belgian phone numbers only): what a shop of the town publishes, and nothing a
//! browser could read differently from us. Each parser refuses control characters, NUL and overly
//! long input, and trims only ordinary surrounding whitespace.
//!
//! Deserialisation goes through the same parsers (`serde(try_from)`), so a value crossing to the
//! browser is checked again on arrival rather than trusted.

use serde::{Deserialize, Serialize};

use crate::time::Span;

/// Why a typed value was refused (developer-facing: the forms will translate the kind).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    #[error("empty")]
    Empty,
    #[error("too long (at most {0} characters)")]
    TooLong(usize),
    #[error("contains a control character or invisible space")]
    ControlCharacter,
    #[error("not an e-mail address: {0}")]
    Email(&'static str),
    #[error("not a Belgian phone number: {0}")]
    Phone(&'static str),
    #[error("not a web address: {0}")]
    Url(&'static str),
    #[error("not a {0} address")]
    Social(&'static str),
    #[error("not a slug: {0}")]
    Slug(&'static str),
    #[error("not opening hours: {0}")]
    Span(String),
}

/// Trims surrounding ASCII spaces, tabs and newlines (what a paste adds), then refuses anything
/// still containing a control or invisible formatting character, or longer than `max` bytes.
fn clean(text: &str, max: usize) -> Result<&str, ValueError> {
    if text.len() > max * 4 {
        // Refused before any scan: a megabyte of input costs nothing.
        return Err(ValueError::TooLong(max));
    }
    let text = text.trim_matches(|c: char| c == ' ' || c == '\t' || c == '\n' || c == '\r');
    if text.is_empty() {
        return Err(ValueError::Empty);
    }
    if text.chars().any(is_hostile) {
        return Err(ValueError::ControlCharacter);
    }
    if text.len() > max {
        return Err(ValueError::TooLong(max));
    }
    Ok(text)
}

/// Control characters (NUL, newlines, DEL, C1), and invisible characters that make two texts look
/// alike or reorder what is displayed: zero-width spaces and joiners, bidirectional controls, the
/// byte-order mark, soft hyphen.
fn is_hostile(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}')
        || matches!(c, '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

macro_rules! string_value {
    ($name:ident) => {
        impl $name {
            /// The value as text (canonical form).
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = ValueError;
            fn from_str(text: &str) -> Result<Self, ValueError> {
                Self::parse(text)
            }
        }

        impl TryFrom<String> for $name {
            type Error = ValueError;
            fn try_from(text: String) -> Result<Self, ValueError> {
                Self::parse(&text)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }
    };
}

/// An e-mail address: `local@domain.tld`, domain in lower case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);
string_value!(Email);

impl Email {
    /// RFC 5321's limit on a whole address.
    pub const MAX_LEN: usize = 254;

    pub fn parse(text: &str) -> Result<Self, ValueError> {
        let text = clean(text, Self::MAX_LEN)?;
        let (local, domain) = text.rsplit_once('@').ok_or(ValueError::Email("no @"))?;
        if local.is_empty() || local.len() > 64 {
            return Err(ValueError::Email("the part before @ is empty or too long"));
        }
        // A subset of RFC 5322's unquoted characters, with single dots between them: `?`, `&`,
        // `%`, `#` and `/` are left out because a `mailto:` link reads them as headers
        // (`a?cc=someone@x.be` would add a recipient).
        let atext = |c: char| c.is_ascii_alphanumeric() || "+-_'".contains(c);
        if !local.split('.').all(|part| !part.is_empty() && part.chars().all(atext)) {
            return Err(ValueError::Email("unexpected character before @"));
        }
        let domain = host_name(domain).map_err(ValueError::Email)?;
        Ok(Self(format!("{local}@{domain}")))
    }

    /// The `mailto:` link target.
    pub fn mailto_href(&self) -> String {
        format!("mailto:{}", self.0)
    }
}

/// A public DNS host name in lower case: dot-separated labels of ASCII letters, digits and inner
/// hyphens (internationalised names in their `xn--` form), ending with an alphabetic top-level
/// label. Refuses IP addresses and single-label hosts (`localhost`): a shop's site is public.
fn host_name(text: &str) -> Result<String, &'static str> {
    if text.is_empty() || text.len() > 253 {
        return Err("the domain is empty or too long");
    }
    let host = text.to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 {
        return Err("the domain has no dot");
    }
    for label in &labels {
        let valid = !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid {
            return Err("the domain has an invalid part");
        }
    }
    let tld = labels[labels.len() - 1];
    if tld.len() < 2 || !(tld.bytes().all(|b| b.is_ascii_lowercase()) || tld.starts_with("xn--")) {
        return Err("the domain does not end with a top-level domain");
    }
    Ok(host)
}

/// A Belgian phone number, kept in E.164 (`+3267331427`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);
string_value!(Phone);

impl Phone {
    /// Longer than any way of writing a Belgian number.
    pub const MAX_LEN: usize = 32;

    /// Accepts the ways Belgians write numbers: `067 33 14 27`, `0470/12.34.56`, `+32 2 511 22 33`,
    /// `0032 (0)67 33 14 27`. The national number has 8 digits (fixed lines, 0800/090x numbers)
    /// or 9 starting with 4 (mobiles).
    pub fn parse(text: &str) -> Result<Self, ValueError> {
        let text = clean(text, Self::MAX_LEN)?;
        let mut digits = String::with_capacity(16);
        for (i, c) in text.char_indices() {
            match c {
                '0'..='9' => digits.push(c),
                '+' if i == 0 => digits.push_str("00"),
                ' ' | '.' | '/' | '-' | '(' | ')' => {}
                _ => return Err(ValueError::Phone("unexpected character")),
            }
        }
        // "+32 (0)67…": the trunk zero written in brackets after the country code.
        let national = if let Some(rest) = digits.strip_prefix("0032") {
            rest.strip_prefix('0').filter(|_| text.contains("(0)")).unwrap_or(rest)
        } else if digits.starts_with("00") {
            return Err(ValueError::Phone("not a Belgian (+32) number"));
        } else if let Some(rest) = digits.strip_prefix('0') {
            rest
        } else {
            return Err(ValueError::Phone("starts with neither 0 nor +32"));
        };
        let valid = match national.len() {
            8 => !national.starts_with('0'),
            9 => national.starts_with('4'),
            _ => false,
        };
        if !valid {
            return Err(ValueError::Phone("wrong number of digits"));
        }
        Ok(Self(format!("+32{national}")))
    }

    /// The `tel:` link target (E.164).
    pub fn tel_href(&self) -> String {
        format!("tel:{}", self.0)
    }

    /// The number the way it is printed in Belgium, in international form: `+32 67 33 14 27`,
    /// `+32 2 511 22 33`, `+32 470 12 34 56`, `+32 800 12 345`.
    pub fn display(&self) -> String {
        let national = &self.0[3..];
        let groups: &[usize] = match (national.len(), national.as_bytes()[0]) {
            (9, _) => &[3, 2, 2, 2],
            (8, b'8' | b'9') if national.starts_with("80") || national.starts_with("90") => &[3, 2, 3],
            // One-digit zones: Brussels (2), Antwerp (3), Liège (4), Ghent (9).
            (8, b'2' | b'3' | b'4' | b'9') => &[1, 3, 2, 2],
            _ => &[2, 2, 2, 2],
        };
        let mut out = String::from("+32");
        let mut at = 0;
        for size in groups {
            out.push(' ');
            out.push_str(&national[at..at + size]);
            at += size;
        }
        out
    }
}

/// A web address whose scheme is `http` or `https` and which has a public host name: the only
/// kind of link a page puts in an `href` for a merchant. Scheme and host in lower case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WebUrl(String);
string_value!(WebUrl);

impl WebUrl {
    pub const MAX_LEN: usize = 2000;

    pub fn parse(text: &str) -> Result<Self, ValueError> {
        let text = clean(text, Self::MAX_LEN)?;
        if text.chars().any(char::is_whitespace) {
            return Err(ValueError::Url("contains a space"));
        }
        // Browsers read `\` as `/` in http(s) URLs: `https:\\evil.example` must not pass as
        // something else than what we checked.
        if text.contains('\\') {
            return Err(ValueError::Url("contains a backslash"));
        }
        let (scheme, rest) = text.split_once("://").ok_or(ValueError::Url("no http:// or https://"))?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Err(ValueError::Url("only http and https links are allowed"));
        }
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, path) = rest.split_at(end);
        // `https://trusted.example@evil.example` shows one host and opens another.
        if authority.contains('@') {
            return Err(ValueError::Url("user names in links are not allowed"));
        }
        let (host, port) = match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        };
        if let Some(port) = port {
            if port.is_empty() || port.len() > 5 || !port.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ValueError::Url("bad port"));
            }
        }
        let host = host_name(host).map_err(ValueError::Url)?;
        let port = port.map(|p| format!(":{p}")).unwrap_or_default();
        Ok(Self(format!("{scheme}://{host}{port}{path}")))
    }

    /// The host name (lower case, without port).
    pub fn host(&self) -> &str {
        let rest = self.0.split_once("://").map(|(_, rest)| rest).unwrap_or("");
        let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
        authority.split(':').next().unwrap_or(authority)
    }
}

/// The social networks a business can link to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Network {
    Facebook,
    Instagram,
}

impl Network {
    fn domain(self) -> &'static str {
        match self {
            Network::Facebook => "facebook.com",
            Network::Instagram => "instagram.com",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Network::Facebook => "Facebook",
            Network::Instagram => "Instagram",
        }
    }
}

/// A [`WebUrl`] on a given social network's own domain (or a subdomain such as `www.` or `m.`),
/// so that a "Facebook" link cannot lead anywhere else.
pub fn social_url(network: Network, text: &str) -> Result<WebUrl, ValueError> {
    let url = WebUrl::parse(text)?;
    let domain = network.domain();
    let host = url.host();
    let on_network = host == domain || host.strip_suffix(domain).is_some_and(|sub| sub.ends_with('.'));
    if !on_network || !url.as_str().starts_with("https://") {
        return Err(ValueError::Social(network.name()));
    }
    Ok(url)
}

/// A URL-safe identifier (`boulangerie-du-marche`): lower-case ASCII letters and digits, single
/// inner hyphens, at most 120 characters (the database column's size).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);
string_value!(Slug);

impl Slug {
    pub const MAX_LEN: usize = 120;

    /// Strict: no trimming, no case folding (a slug is an identifier, not typed text).
    pub fn parse(text: &str) -> Result<Self, ValueError> {
        if text.is_empty() {
            return Err(ValueError::Empty);
        }
        if text.len() > Self::MAX_LEN {
            return Err(ValueError::TooLong(Self::MAX_LEN));
        }
        if !text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
            return Err(ValueError::Slug("only lower-case letters, digits and hyphens"));
        }
        if text.starts_with('-') || text.ends_with('-') || text.contains("--") {
            return Err(ValueError::Slug("hyphens only between letters or digits, one at a time"));
        }
        Ok(Self(text.to_string()))
    }
}

/// Parses opening hours written `HH:MM-HH:MM` (`9:00-12:30`, `18:00-02:00`, `00:00-24:00`).
///
/// A closing time before the opening runs past midnight; `24:00` closes at midnight. The same
/// time twice (`09:00-09:00`) is refused rather than read as 24 hours: it is far more often a
/// typing slip, and "around the clock" is written `00:00-24:00`.
pub fn parse_span(text: &str) -> Result<Span, ValueError> {
    let text = clean(text, 32).map_err(|e| ValueError::Span(e.to_string()))?;
    let bad = |why: &str| ValueError::Span(format!("'{text}' {why}"));
    let (opens, closes) = text.split_once('-').ok_or_else(|| bad("is not HH:MM-HH:MM"))?;
    let minutes = |t: &str, allow_24: bool| -> Result<u16, ValueError> {
        let t = t.trim_matches(' ');
        let (h, m) = t.split_once(':').ok_or_else(|| bad("is not HH:MM-HH:MM"))?;
        let digits = |s: &str, min, max| s.len() >= min && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(h, 1, 2) || !digits(m, 2, 2) {
            return Err(bad("is not HH:MM-HH:MM"));
        }
        let (h, m): (u16, u16) = (h.parse().unwrap_or(99), m.parse().unwrap_or(99));
        if m >= 60 || h > 24 || (h == 24 && (m != 0 || !allow_24)) {
            return Err(bad("has a time that is not a time of day"));
        }
        Ok(h * 60 + m)
    };
    let (opens, closes) = (minutes(opens, false)?, minutes(closes, true)?);
    if opens == closes {
        return Err(bad("opens and closes at the same time (write 00:00-24:00 for around the clock)"));
    }
    Ok(Span { opens, closes: closes % 1440 })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Inputs no value type may accept.
    fn hostile() -> Vec<String> {
        vec![
            String::new(),
            "   ".into(),
            "\0".into(),
            "a\0b".into(),
            "javascript:alert(1)".into(),
            "JaVaScRiPt:alert(1)".into(),
            " javascript:alert(1)".into(),
            "java\tscript:alert(1)".into(),
            "data:text/html,<script>alert(1)</script>".into(),
            "vbscript:msgbox(1)".into(),
            "x".repeat(100_000),
            "\u{202E}evil".into(),
            "\u{200B}".into(),
            "line\nbreak".into(),
        ]
    }

    #[test]
    fn hostile_input_is_refused_everywhere() {
        for text in hostile() {
            assert!(Email::parse(&text).is_err(), "email {text:?}");
            assert!(Phone::parse(&text).is_err(), "phone {text:?}");
            assert!(WebUrl::parse(&text).is_err(), "url {text:?}");
            assert!(social_url(Network::Facebook, &text).is_err(), "facebook {text:?}");
            assert!(Slug::parse(&text).is_err(), "slug {text:?}");
            assert!(parse_span(&text).is_err(), "span {text:?}");
        }
    }

    #[test]
    fn emails_are_checked_and_their_domain_lowered() {
        assert_eq!(Email::parse(" Info@Patisserie-Lemaire.BE ").unwrap().as_str(), "Info@patisserie-lemaire.be");
        assert_eq!(Email::parse("a.b+tag@x.co").unwrap().mailto_href(), "mailto:a.b+tag@x.co");
        for bad in [
            "plain",
            "@x.be",
            "a@",
            "a@b",
            "a@@b.be",
            "a b@c.be",
            "a@b .be",
            ".a@b.be",
            "a..b@c.be",
            "a@-b.be",
            "a@b.be-",
            "a@b..be",
            "a@1.2.3.4",
            "a@[127.0.0.1]",
            "\"quoted\"@b.be",
            "a@b.be\r\nBcc: victim@x.be",
            "a@b.be?subject=x",
            "javascript:alert(1)//@x.be",
            "a<script>@b.be",
            "a?cc=victim@b.be",
            "a%0Acc@b.be",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
        let long_local = format!("{}@b.be", "a".repeat(65));
        assert!(Email::parse(&long_local).is_err());
    }

    #[test]
    fn belgian_phone_numbers_become_e164() {
        for (written, e164, shown) in [
            ("+32 67 33 14 27", "+3267331427", "+32 67 33 14 27"),
            ("067 33 14 27", "+3267331427", "+32 67 33 14 27"),
            ("067/33.14.27", "+3267331427", "+32 67 33 14 27"),
            ("0032 67 33 14 27", "+3267331427", "+32 67 33 14 27"),
            ("+32 (0)67 33 14 27", "+3267331427", "+32 67 33 14 27"),
            ("02 511 22 33", "+3225112233", "+32 2 511 22 33"),
            ("0470 12 34 56", "+32470123456", "+32 470 12 34 56"),
            ("+32470123456", "+32470123456", "+32 470 12 34 56"),
            ("0800 12 345", "+3280012345", "+32 800 12 345"),
        ] {
            let phone = Phone::parse(written).unwrap_or_else(|e| panic!("{written}: {e}"));
            assert_eq!(phone.as_str(), e164, "{written}");
            assert_eq!(phone.tel_href(), format!("tel:{e164}"));
            assert_eq!(phone.display(), shown, "{written}");
        }
        for bad in [
            "67 33 14 27",
            "+33 1 23 45 67 89",
            "0033 1 23 45 67 89",
            "067 33 14 2",
            "067 33 14 27 8",
            "0670 33 14 27",
            "00 67 33 14 27",
            "+32 067 33 14 27 ",
            "067 33 14 27;ext=1",
            "067+33 14 27",
            "tel:067331427",
            "٠٦٧٣٣١٤٢٧", // Arabic-Indic digits
            "067 33 14 27\u{0}",
        ] {
            assert!(Phone::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn only_http_and_https_links_with_a_host() {
        assert_eq!(
            WebUrl::parse("https://www.patisserie-lemaire.be").unwrap().as_str(),
            "https://www.patisserie-lemaire.be"
        );
        assert_eq!(WebUrl::parse(" HTTPS://Example.BE/Path?Q=1#x ").unwrap().as_str(), "https://example.be/Path?Q=1#x");
        assert_eq!(WebUrl::parse("http://example.be:8080/a").unwrap().host(), "example.be");
        for bad in [
            "www.example.be",
            "ftp://example.be",
            "https:/example.be",
            "https://",
            "https:///path",
            "https://example",
            "https://localhost/",
            "https://127.0.0.1/",
            "https://[::1]/",
            "https://user:pass@example.be",
            "https://example.be@evil.example",
            "https:\\\\evil.example",
            "https://evil.example\\@example.be",
            "https://exa mple.be",
            "https://example.be/a b",
            "https://example.be:99999999/",
            "https://example.be:/",
            "https://-example.be",
            "javascript://example.be/%0Aalert(1)",
            "JAVASCRIPT://example.be",
            "data://example.be",
            "https://example.be/\u{202E}",
            "//example.be",
        ] {
            assert!(WebUrl::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn social_links_stay_on_their_network() {
        let fb = social_url(Network::Facebook, "https://www.facebook.com/patisserielemaire").unwrap();
        assert_eq!(fb.as_str(), "https://www.facebook.com/patisserielemaire");
        assert!(social_url(Network::Instagram, "https://instagram.com/x").is_ok());
        for (network, bad) in [
            (Network::Facebook, "https://facebook.com.evil.example/x"),
            (Network::Facebook, "https://notfacebook.com/x"),
            (Network::Facebook, "https://www.instagram.com/x"),
            (Network::Facebook, "http://www.facebook.com/x"),
            (Network::Instagram, "https://www.facebook.com/x"),
            (Network::Instagram, "javascript:alert(1)//instagram.com"),
        ] {
            assert!(social_url(network, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn slugs_are_strict_identifiers() {
        assert_eq!(Slug::parse("boulangerie-du-marche").unwrap().as_str(), "boulangerie-du-marche");
        assert!(Slug::parse(&"a".repeat(120)).is_ok());
        for bad in ["", "-a", "a-", "a--b", "A", "a b", " a", "é", "a/b", "a.b", "..", "a_b", &"a".repeat(121)] {
            assert!(Slug::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn spans_parse_and_refuse_ambiguity() {
        assert_eq!(parse_span("09:00-12:30").unwrap(), Span { opens: 540, closes: 750 });
        assert_eq!(parse_span("9:00 - 12:30").unwrap(), Span { opens: 540, closes: 750 });
        assert_eq!(parse_span("18:00-24:00").unwrap(), Span { opens: 1080, closes: 0 });
        assert!(parse_span("18:00-02:00").unwrap().past_midnight());
        assert_eq!(parse_span("00:00-24:00").unwrap(), Span { opens: 0, closes: 0 });
        for bad in [
            "09:00-09:00",
            "00:00-00:00",
            "9-12",
            "25:00-26:00",
            "09:60-10:00",
            "24:00-10:00",
            "abc",
            "09:00",
            "+9:00-12:00",
            "09:00-+12:00",
            "009:00-12:00",
            "09:0-12:00",
            "09:00-12:00-13:00",
            "٠٩:٠٠-١٢:٠٠",
            "09:00\u{0}-12:00",
            "09:00\u{200B}-12:00",
        ] {
            assert!(parse_span(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn values_round_trip_through_serde_and_are_checked_on_the_way_in() {
        let phone = Phone::parse("067 33 14 27").unwrap();
        let json = serde_json::to_string(&phone).unwrap();
        assert_eq!(json, "\"+3267331427\"");
        assert_eq!(serde_json::from_str::<Phone>(&json).unwrap(), phone);
        assert!(serde_json::from_str::<WebUrl>("\"javascript:alert(1)\"").is_err());
        assert!(serde_json::from_str::<Email>("\"nope\"").is_err());
    }
}
