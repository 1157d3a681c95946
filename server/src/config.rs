//! Configuration from the command line, environment variables (`VITRINE_*`) and the optional
//! file of [`crate::config_file`], with defaults that run the demo on one machine: an SQLite file
//! next to the working directory, port 3000.
//! Invalid values stop the program with a message naming the variable and what is expected.

use std::net::SocketAddr;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::Args;
use domain::Clock;

#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Database URL: `sqlite://path/to/file.db` (created if missing) or `postgres://user@host/db`.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://vitrine.db", value_parser = parse_database_url)]
    pub database_url: String,

    /// Size of the database connection pool.
    #[arg(long, env = "VITRINE_DB_POOL", default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=256))]
    pub db_pool: u32,

    /// Address and port to listen on.
    #[arg(long, env = "VITRINE_BIND", default_value = "127.0.0.1:3000")]
    pub bind: SocketAddr,

    /// Public base URL of the site (canonical links, JSON-LD, Open Graph); defaults to
    /// `http://<bind address>`.
    #[arg(long, env = "VITRINE_PUBLIC_URL", value_parser = parse_public_url)]
    pub public_url: Option<String>,

    /// Directory of uploaded and seeded media (photos, icons), served under `/media`.
    #[arg(long, env = "VITRINE_MEDIA_DIR", default_value = "media")]
    pub media_dir: PathBuf,

    /// Directory of the built site (CSS, JS, WASM, public files), as produced by cargo-leptos.
    #[arg(long, env = "VITRINE_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// Keep rendered public pages in memory (`on`, the default) or not (`off`: every request
    /// renders, for measuring and debugging).
    #[arg(long, env = "VITRINE_PAGE_CACHE", default_value = "on", value_parser = parse_switch)]
    pub page_cache: bool,

    /// SMTP server for Vitrine's e-mails: `smtp://127.0.0.1:25` (a local relay),
    /// `smtp://user:password@host:587?tls=starttls`, or `smtps://user:password@host` (TLS from the
    /// start). Without it, e-mails wait in the database until it is set. Prefer the environment
    /// variable or the file to the flag for a URL holding a password (the flag shows in `ps`).
    #[arg(long, env = "VITRINE_SMTP_URL", value_parser = crate::mailer::SmtpUrl::parse)]
    pub smtp_url: Option<crate::mailer::SmtpUrl>,

    /// Sender of Vitrine's e-mails, e.g. `Vitrine <noreply@vitrine.soignies.be>`.
    #[arg(long, env = "VITRINE_MAIL_FROM", default_value = "Vitrine <noreply@localhost>", value_parser = crate::mailer::parse_mailbox)]
    pub mail_from: lettre::message::Mailbox,

    /// The reverse proxies in front of Vitrine, whose `X-Forwarded-For` / `Forwarded` headers
    /// name the visitor: addresses or CIDR ranges separated by commas, e.g. `127.0.0.1,::1`.
    /// From any other peer those headers are ignored; empty (the default) trusts nobody.
    #[arg(long, env = "VITRINE_TRUSTED_PROXIES", default_value = "", value_parser = crate::http::client_ip::TrustedProxies::parse)]
    pub trusted_proxies: crate::http::client_ip::TrustedProxies,

    /// Address and port of the Prometheus metrics listener (`GET /metrics`), e.g.
    /// `127.0.0.1:9300`; off when unset. Keep it off the public network.
    #[arg(long, env = "VITRINE_METRICS_BIND")]
    pub metrics_bind: Option<SocketAddr>,

    /// Seconds to keep serving after SIGTERM with `/readyz` answering 503, so that a load
    /// balancer checking it stops sending requests before the listener closes; then the requests
    /// in flight are finished. 0 (the default) closes the listener at once.
    #[arg(long, env = "VITRINE_SHUTDOWN_DELAY", default_value_t = 0, value_parser = clap::value_parser!(u64).range(0..=300))]
    pub shutdown_delay: u64,

    /// Fixes the clock at an RFC 3339 instant (`2026-11-28T10:00:00+01:00`), for tests and demos.
    #[arg(long, env = "VITRINE_NOW", value_parser = parse_instant)]
    pub now: Option<DateTime<Utc>>,
}

impl Config {
    pub fn clock(&self) -> Clock {
        self.now.map(Clock::Fixed).unwrap_or(Clock::System)
    }

    pub fn base_url(&self) -> String {
        self.public_url.clone().unwrap_or_else(|| format!("http://{}", self.bind))
    }

    /// The public URL must be known to write canonical, JSON-LD and Open Graph links: a bind
    /// address that is every interface (`0.0.0.0`, `::`) says nothing of how visitors reach the
    /// site, so it needs `VITRINE_PUBLIC_URL`.
    pub fn check_public_url(&self) -> Result<(), String> {
        if self.public_url.is_none() && self.bind.ip().is_unspecified() {
            return Err(format!(
                "VITRINE_PUBLIC_URL (--public-url) is required when listening on every interface ({}): \
                 set it to the address visitors use, e.g. https://vitrine.soignies.be",
                self.bind
            ));
        }
        Ok(())
    }
}

fn parse_switch(value: &str) -> Result<bool, String> {
    match value.trim().to_ascii_lowercase().as_str() {
        "on" | "true" | "1" | "yes" => Ok(true),
        "off" | "false" | "0" | "no" => Ok(false),
        _ => Err("expected on or off".into()),
    }
}

fn parse_database_url(value: &str) -> Result<String, String> {
    let value = value.trim();
    if value.starts_with("sqlite:") || value.starts_with("postgres://") || value.starts_with("postgresql://") {
        Ok(value.to_string())
    } else {
        Err("expected sqlite://<file> or postgres://<user>@<host>/<database>".into())
    }
}

fn parse_public_url(value: &str) -> Result<String, String> {
    let value = value.trim().trim_end_matches('/');
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"))
        .ok_or("expected an absolute http:// or https:// URL")?;
    if rest.is_empty() || rest.contains(char::is_whitespace) {
        return Err("expected an absolute http:// or https:// URL with a host".into());
    }
    Ok(value.to_string())
}

pub fn parse_instant(value: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(value.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| format!("expected an RFC 3339 instant such as 2026-11-28T10:00:00+01:00 ({e})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_instants_are_checked() {
        assert!(parse_database_url("sqlite://vitrine.db").is_ok());
        assert!(parse_database_url("postgres://postgres@127.0.0.1/test").is_ok());
        assert!(parse_database_url("mysql://x").is_err());
        assert_eq!(parse_public_url("https://vitrine.soignies.be/").unwrap(), "https://vitrine.soignies.be");
        assert!(parse_public_url("vitrine.soignies.be").is_err());
        assert_eq!(
            parse_instant("2026-11-28T10:00:00+01:00").unwrap(),
            "2026-11-28T09:00:00Z".parse::<DateTime<Utc>>().unwrap()
        );
        assert!(parse_instant("tomorrow").is_err());
        assert_eq!(parse_switch("OFF"), Ok(false));
        assert_eq!(parse_switch("on"), Ok(true));
        assert!(parse_switch("maybe").is_err());
    }
}
