//! Secrets handed to a browser or an inbox (session cookies, e-mailed links): 32 random bytes
//! from the operating system, written in URL-safe base64, and stored only as their SHA-256, so
//! that reading the database (or a backup) opens no session and redeems no link.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// A new random token (43 URL-safe characters, 256 bits).
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    // The OS random source failing is not something a request can recover from.
    getrandom::fill(&mut bytes).expect("the operating system's random source is unavailable");
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database keeps of a token: its hex SHA-256.
pub fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Whether a string can be one of our tokens (refused before any query).
pub fn looks_like_token(token: &str) -> bool {
    token.len() == 43 && token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_url_safe_and_stored_as_digests() {
        let a = random_token();
        let b = random_token();
        assert_ne!(a, b);
        assert!(looks_like_token(&a), "{a}");
        assert_eq!(digest(&a).len(), 64);
        assert_ne!(digest(&a), a);
        assert!(!looks_like_token("../../etc/passwd"));
        assert!(!looks_like_token(""));
    }
}
