//! The optional configuration file: `vitrine --config /etc/vitrine.toml …` (or `VITRINE_CONFIG`)
//! holds, in TOML, the settings of the environment variables that configure a deployment (not
//! the test clock `VITRINE_NOW`, nor the log filter `RUST_LOG`):
//!
//! ```toml
//! database_url = "postgres://vitrine@db.internal/vitrine"
//! bind = "0.0.0.0:3000"
//! public_url = "https://vitrine.soignies.be"
//! media_dir = "/var/lib/vitrine/media"
//! db_pool = 16
//! ```
//!
//! Precedence: command-line flags, then environment variables, then the file, then defaults.
//! The file's values are exported as the environment variables not already set, before the
//! command line is parsed, so every value is checked by the same parser whatever its source.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The settings a file may hold, with the environment variable each one stands for.
pub const SETTINGS: [(&str, &str); 13] = [
    ("database_url", "DATABASE_URL"),
    ("db_pool", "VITRINE_DB_POOL"),
    ("bind", "VITRINE_BIND"),
    ("public_url", "VITRINE_PUBLIC_URL"),
    ("media_dir", "VITRINE_MEDIA_DIR"),
    ("site_root", "VITRINE_SITE_ROOT"),
    ("page_cache", "VITRINE_PAGE_CACHE"),
    ("smtp_url", "VITRINE_SMTP_URL"),
    ("mail_from", "VITRINE_MAIL_FROM"),
    ("trusted_proxies", "VITRINE_TRUSTED_PROXIES"),
    ("metrics_bind", "VITRINE_METRICS_BIND"),
    ("log_format", "VITRINE_LOG_FORMAT"),
    ("shutdown_delay", "VITRINE_SHUTDOWN_DELAY"),
];

/// The file named by `--config <file>` or `--config=<file>` on the command line, else by
/// `VITRINE_CONFIG`.
pub fn path_from(args: &[OsString], env: Option<OsString>) -> Option<PathBuf> {
    let mut args = args.iter().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        if arg == "--config" {
            return args.next().map(PathBuf::from);
        }
        if let Some(path) = arg.to_str().and_then(|a| a.strip_prefix("--config=")) {
            return Some(PathBuf::from(path));
        }
    }
    env.filter(|e| !e.is_empty()).map(PathBuf::from)
}

/// The `(environment variable, value)` pairs a file sets, or what is wrong with it.
pub fn read(path: &Path) -> Result<Vec<(&'static str, String)>, String> {
    let file = path.display();
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read the configuration file {file}: {e}"))?;
    let table: toml::Table = text.parse().map_err(|e| format!("{file} is not valid TOML: {e}"))?;
    let mut pairs = Vec::new();
    for (key, value) in table {
        let Some((_, variable)) = SETTINGS.iter().find(|(name, _)| *name == key) else {
            let known: Vec<&str> = SETTINGS.iter().map(|(name, _)| *name).collect();
            return Err(format!("{file}: unknown setting `{key}` (known settings: {})", known.join(", ")));
        };
        let value = match value {
            toml::Value::String(text) => text,
            toml::Value::Integer(number) => number.to_string(),
            toml::Value::Boolean(switch) => if switch { "on" } else { "off" }.to_string(),
            // A list (`trusted_proxies = ["127.0.0.1", "::1"]`) becomes the variable's comma-separated form.
            toml::Value::Array(items) if items.iter().all(toml::Value::is_str) => {
                items.iter().filter_map(toml::Value::as_str).collect::<Vec<_>>().join(",")
            }
            other => {
                return Err(format!(
                    "{file}: `{key}` must be a string, a whole number, true/false or a list of strings, not {}",
                    other.type_str()
                ))
            }
        };
        pairs.push((*variable, value));
    }
    Ok(pairs)
}

/// Exports a file's settings as the environment variables that are not already set. Called
/// before any other thread starts (the environment is shared by the whole process).
pub fn apply(pairs: Vec<(&'static str, String)>) {
    for (variable, value) in pairs {
        if std::env::var_os(variable).is_none() {
            std::env::set_var(variable, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    fn file(name: &str, text: &str) -> PathBuf {
        let path = std::env::temp_dir().join(format!("vitrine-config-{}-{name}.toml", std::process::id()));
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn the_file_is_named_by_the_flag_or_the_environment() {
        assert_eq!(path_from(&args(&["vitrine", "--config", "a.toml", "serve"]), None), Some("a.toml".into()));
        assert_eq!(
            path_from(&args(&["vitrine", "--config=b.toml", "serve"]), Some("c.toml".into())),
            Some("b.toml".into())
        );
        assert_eq!(path_from(&args(&["vitrine", "serve"]), Some("c.toml".into())), Some("c.toml".into()));
        assert_eq!(path_from(&args(&["vitrine", "serve"]), Some("".into())), None);
        assert_eq!(path_from(&args(&["vitrine", "--", "--config", "x"]), None), None);
    }

    #[test]
    fn settings_become_their_environment_variables() {
        let path = file("ok", "database_url = \"postgres://v@db/v\"\ndb_pool = 16\nbind = \"0.0.0.0:8080\"\n");
        let mut pairs = read(&path).unwrap();
        pairs.sort();
        assert_eq!(
            pairs,
            vec![
                ("DATABASE_URL", "postgres://v@db/v".to_string()),
                ("VITRINE_BIND", "0.0.0.0:8080".to_string()),
                ("VITRINE_DB_POOL", "16".to_string()),
            ]
        );
    }

    #[test]
    fn lists_become_comma_separated() {
        let path =
            file("list", "trusted_proxies = [\"127.0.0.1\", \"10.0.0.0/8\"]\nmetrics_bind = \"127.0.0.1:9300\"\n");
        let mut pairs = read(&path).unwrap();
        pairs.sort();
        assert_eq!(
            pairs,
            vec![
                ("VITRINE_METRICS_BIND", "127.0.0.1:9300".to_string()),
                ("VITRINE_TRUSTED_PROXIES", "127.0.0.1,10.0.0.0/8".to_string()),
            ]
        );
    }

    #[test]
    fn mistakes_are_named() {
        let unknown = read(&file("unknown", "databse_url = \"sqlite://x.db\"\n")).unwrap_err();
        assert!(unknown.contains("unknown setting `databse_url`") && unknown.contains("database_url"), "{unknown}");
        let typed = read(&file("typed", "db_pool = [1, 2]\n")).unwrap_err();
        assert!(typed.contains("`db_pool` must be a string, a whole number, true/false or a list"), "{typed}");
        let broken = read(&file("broken", "bind = \n")).unwrap_err();
        assert!(broken.contains("is not valid TOML"), "{broken}");
        let missing = read(Path::new("/nonexistent/vitrine.toml")).unwrap_err();
        assert!(missing.contains("cannot read the configuration file /nonexistent/vitrine.toml"), "{missing}");
    }
}
