//! The `vitrine` command line as an operator uses it: settings from flags, the environment and a
//! configuration file (flags win, then the environment, then the file), and clear messages for
//! mistakes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vitrine-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `vitrine` with no Vitrine variable inherited from the test's environment.
fn vitrine(dir: &Path, args: &[&str], env: &[(&str, String)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_vitrine"));
    command.current_dir(dir).args(args).env("RUST_LOG", "warn");
    for (variable, _) in vitrine::config_file::SETTINGS.iter().map(|(k, v)| (v, k)) {
        command.env_remove(variable);
    }
    command.env_remove("VITRINE_CONFIG").env_remove("VITRINE_NOW");
    for (variable, value) in env {
        command.env(variable, value);
    }
    command.output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn flags_win_over_the_environment_which_wins_over_the_file() {
    let dir = workdir("precedence");
    std::fs::write(dir.join("vitrine.toml"), "database_url = \"sqlite://from-file.db\"\ndb_pool = 2\n").unwrap();

    let from_file = vitrine(&dir, &["--config", "vitrine.toml", "migrate"], &[]);
    assert!(from_file.status.success(), "{}", stderr(&from_file));
    assert!(dir.join("from-file.db").exists(), "the file's database_url is used");

    let env = [("DATABASE_URL", "sqlite://from-env.db".to_string())];
    let from_env = vitrine(&dir, &["--config", "vitrine.toml", "migrate"], &env);
    assert!(from_env.status.success(), "{}", stderr(&from_env));
    assert!(dir.join("from-env.db").exists(), "the environment wins over the file");

    // The file can also be named by VITRINE_CONFIG.
    let by_variable = vitrine(&dir, &["migrate"], &[("VITRINE_CONFIG", "other.toml".to_string())]);
    assert!(!by_variable.status.success(), "other.toml does not exist yet");
    std::fs::write(dir.join("other.toml"), "database_url = \"sqlite://from-variable.db\"\n").unwrap();
    let by_variable = vitrine(&dir, &["migrate"], &[("VITRINE_CONFIG", "other.toml".to_string())]);
    assert!(by_variable.status.success(), "{}", stderr(&by_variable));
    assert!(dir.join("from-variable.db").exists(), "the file named by VITRINE_CONFIG is used");

    // A flag wins over the environment and the file.
    let env = [("VITRINE_CONFIG", "vitrine.toml".to_string()), ("DATABASE_URL", "sqlite://from-env-2.db".to_string())];
    let from_flag = vitrine(&dir, &["--database-url", "sqlite://from-flag.db", "migrate"], &env);
    assert!(from_flag.status.success(), "{}", stderr(&from_flag));
    assert!(dir.join("from-flag.db").exists(), "the flag wins");
    assert!(!dir.join("from-env-2.db").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn mistakes_stop_the_program_with_their_reason() {
    let dir = workdir("mistakes");
    std::fs::write(dir.join("typo.toml"), "databse_url = \"sqlite://x.db\"\n").unwrap();
    let typo = vitrine(&dir, &["--config", "typo.toml", "migrate"], &[]);
    assert!(!typo.status.success());
    assert!(stderr(&typo).contains("unknown setting `databse_url`"), "{}", stderr(&typo));

    std::fs::write(dir.join("bind.toml"), "bind = \"nowhere\"\n").unwrap();
    let bind = vitrine(&dir, &["--config", "bind.toml", "migrate"], &[]);
    assert!(!bind.status.success());
    assert!(stderr(&bind).contains("nowhere") && stderr(&bind).contains("bind"), "{}", stderr(&bind));

    let missing = vitrine(&dir, &["--config", "missing.toml", "migrate"], &[]);
    assert!(!missing.status.success());
    assert!(stderr(&missing).contains("cannot read the configuration file missing.toml"), "{}", stderr(&missing));

    let database = vitrine(&dir, &["migrate"], &[("DATABASE_URL", "mysql://x".to_string())]);
    assert!(!database.status.success());
    assert!(stderr(&database).contains("expected sqlite://<file> or postgres://"), "{}", stderr(&database));
    assert!(!dir.join("x.db").exists());
    let _ = std::fs::remove_dir_all(&dir);
}
