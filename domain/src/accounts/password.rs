//! Passwords: the policy a new password must meet, and argon2id hashing.
//!
//! - Policy: at least 8 characters (NIST SP 800-63B), at most 256 (hashing stays bounded),
//!   and not guessable: zxcvbn's estimate must reach "somewhat guessable" (score 2, over 10^8
//!   guesses), which refuses the very common passwords ("motdepasse", "azerty123", a word plus a
//!   year, the account's own e-mail) while any long passphrase passes. No composition rules.
//! - Hashing: argon2id with the `argon2` crate's defaults, which are OWASP's recommended
//!   parameters (19 MiB, 2 iterations, 1 lane). It runs on tokio's blocking pool, never on the
//!   async workers, and at most [`hashing_slots`] hashes run at once: twenty logins at the same
//!   instant queue here instead of taking every core from the public pages.
//! - Unknown accounts: [`verify`] against a fixed dummy hash takes as long as a real check, so
//!   the time of an answer does not tell whether an e-mail has an account.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use tokio::sync::Semaphore;

use crate::error::DomainError;

pub const MIN_CHARS: usize = 8;
pub const MAX_CHARS: usize = 256;

/// Why a new password is refused (the problem key of its form message, `form.<key>`).
pub fn policy_problem(password: &str, personal: &[&str]) -> Option<&'static str> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Some("password_too_short");
    }
    if chars > MAX_CHARS {
        return Some("password_too_long");
    }
    let estimate = zxcvbn::zxcvbn(password, personal);
    if (estimate.score() as u8) < 2 {
        return Some("password_too_common");
    }
    None
}

/// How many hashes may run at once: one core is always left to the rest of the server.
fn hashing_slots() -> &'static Semaphore {
    static SLOTS: OnceLock<Semaphore> = OnceLock::new();
    SLOTS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        Semaphore::new(cores.saturating_sub(1).max(1))
    })
}

async fn on_hashing_thread<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, DomainError> {
    let _slot = hashing_slots().acquire().await.map_err(|e| DomainError::Internal(e.to_string()))?;
    tokio::task::spawn_blocking(work).await.map_err(|e| DomainError::Internal(format!("hashing thread: {e}")))
}

/// The argon2id PHC string of a password (random salt).
pub async fn hash(password: String) -> Result<String, DomainError> {
    on_hashing_thread(move || {
        let salt = new_salt()?;
        Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string())
    })
    .await?
    .map_err(|e| DomainError::Internal(format!("argon2: {e}")))
}

/// Whether `password` matches the stored PHC string. An empty or unreadable stored hash (an
/// invited account without a password yet) is checked against a dummy hash and never matches.
pub async fn verify(password: String, stored: String) -> Result<bool, DomainError> {
    on_hashing_thread(move || {
        let argon2 = Argon2::default();
        match PasswordHash::new(&stored) {
            Ok(parsed) => argon2.verify_password(password.as_bytes(), &parsed).is_ok(),
            Err(_) => {
                if let Ok(dummy) = PasswordHash::new(dummy_hash()) {
                    let _ = argon2.verify_password(password.as_bytes(), &dummy);
                }
                false
            }
        }
    })
    .await
}

/// 16 random bytes from the OS as a PHC salt.
fn new_salt() -> Result<SaltString, argon2::password_hash::Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|_| argon2::password_hash::Error::Crypto)?;
    SaltString::encode_b64(&bytes)
}

/// A real argon2id hash of a random password, computed once: checking against it costs what a
/// real check costs.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let Ok(salt) = new_salt() else { return String::new() };
        let secret = super::tokens::random_token();
        Argon2::default().hash_password(secret.as_bytes(), &salt).map(|h| h.to_string()).unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_common_passwords_are_refused_and_passphrases_welcome() {
        assert_eq!(policy_problem("abc12", &[]), Some("password_too_short"));
        assert_eq!(policy_problem("password", &[]), Some("password_too_common"));
        assert_eq!(policy_problem("azerty123", &[]), Some("password_too_common"));
        assert_eq!(policy_problem("motdepasse", &[]), Some("password_too_common"));
        assert_eq!(policy_problem("12345678", &[]), Some("password_too_common"));
        assert_eq!(policy_problem(&"x".repeat(300), &[]), Some("password_too_long"));
        assert_eq!(policy_problem("la boulangerie ouvre à sept heures", &[]), None);
        assert_eq!(policy_problem("Tr0mb0ne-Grenadine!", &[]), None);
    }

    #[test]
    fn the_accounts_own_address_is_not_a_password() {
        assert_eq!(
            policy_problem("marie.dupont", &["marie.dupont@example.be", "marie.dupont"]),
            Some("password_too_common")
        );
    }

    #[tokio::test]
    async fn a_hash_is_argon2id_with_owasp_parameters_and_verifies_only_its_password() {
        let phc = hash("la boulangerie ouvre à sept heures".into()).await.unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(verify("la boulangerie ouvre à sept heures".into(), phc.clone()).await.unwrap());
        assert!(!verify("la boulangerie ouvre à huit heures".into(), phc).await.unwrap());
        assert!(!verify("anything".into(), String::new()).await.unwrap());
    }
}
