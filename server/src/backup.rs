//! `vitrine backup DIR`: a copy of the database and the media folder, taken while the site runs,
//! into a new folder that a restore copies back (DIR/RESTORE.txt says how; docs/DEPLOY.md too).
//!
//! - SQLite: `VACUUM INTO DIR/vitrine.db`, through the same kind of pool connection the server
//!   uses. It reads one snapshot (a read transaction: in WAL mode writers carry on meanwhile)
//!   and writes a compact, complete database file: no `-wal` file to forget.
//! - PostgreSQL: `pg_dump --format=custom` into DIR/vitrine.pgdump (a consistent snapshot too),
//!   restored with `pg_restore`. pg_dump must be on PATH, of the server's major version or newer.
//! - The media folder is copied around the database snapshot: once before it, once after (files
//!   added meanwhile). A photo row of the snapshot points to files written before the row was
//!   committed, so they are in one of the two copies unless the photo was also deleted in those
//!   seconds. Then the copy is checked: every photo file the copied database names must be in
//!   DIR/media, or the backup fails (on PostgreSQL, pg_dump dumps a snapshot exported by a
//!   transaction that lists the photos in that same snapshot).
//!
//! Everything is written into a temporary sibling folder renamed to DIR at the end, so a folder
//! named DIR is always a whole backup, and a failed one leaves nothing that looks like one.

use std::collections::BTreeSet;
use std::path::Path;

use sea_orm::{AccessMode, ConnectionTrait, DbBackend, FromQueryResult, IsolationLevel, JsonValue, Statement, TransactionTrait};

use crate::config::Config;
use crate::run::Error;

/// The database file's name inside a backup (SQLite).
pub const SQLITE_FILE: &str = "vitrine.db";
/// The dump's name inside a backup (PostgreSQL, `pg_dump --format=custom`).
pub const PG_DUMP_FILE: &str = "vitrine.pgdump";
/// The media folder's name inside a backup.
pub const MEDIA_DIR: &str = "media";

/// What a backup holds, for the operator's message.
#[derive(Debug, Default)]
pub struct Report {
    pub media_files: u64,
    pub media_bytes: u64,
    pub photos_checked: usize,
}

/// Writes a backup into `target`, which must not exist yet (or be an empty folder).
pub async fn backup(config: &Config, target: &Path) -> Result<Report, Error> {
    if target.exists() && std::fs::read_dir(target).map(|mut d| d.next().is_some()).unwrap_or(true) {
        return Err(format!("{} already exists and is not empty: name a new folder for each backup", target.display())
            .into());
    }
    let parent = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    let name = target.file_name().ok_or_else(|| format!("{} names no folder", target.display()))?;
    let partial = parent.join(format!(".{}.partial-{}", name.to_string_lossy(), std::process::id()));
    let _ = std::fs::remove_dir_all(&partial);
    std::fs::create_dir_all(partial.join(MEDIA_DIR)).map_err(|e| format!("cannot create {}: {e}", partial.display()))?;
    let result = write_backup(config, &partial).await;
    match result {
        Ok(report) => {
            if target.exists() {
                std::fs::remove_dir(target).map_err(|e| format!("cannot replace {}: {e}", target.display()))?;
            }
            std::fs::rename(&partial, target)
                .map_err(|e| format!("cannot rename {} to {}: {e}", partial.display(), target.display()))?;
            Ok(report)
        }
        Err(error) => {
            let _ = std::fs::remove_dir_all(&partial);
            Err(error)
        }
    }
}

async fn write_backup(config: &Config, dir: &Path) -> Result<Report, Error> {
    let sqlite_path = (config.database_url.strip_prefix("sqlite://"))
        .or_else(|| config.database_url.strip_prefix("sqlite:"))
        .map(|p| p.split('?').next().unwrap_or(p));
    if let Some(path) = sqlite_path {
        // Connecting would create an empty database: a typo must not give an empty backup.
        if !Path::new(path).is_file() {
            return Err(format!("the SQLite database {path} does not exist").into());
        }
    }
    // No migration: the backup is of the database as it is (taken before an upgrade, say).
    let db = domain::db::connect(&config.database_url, 1)
        .await
        .map_err(|e| format!("cannot open the database: {e}"))?;
    let media = config.media_dir.clone();
    let media_copy = dir.join(MEDIA_DIR);
    copy_media(&media, &media_copy).await?;
    // The photo files the copied database names, to find in the copied media folder.
    let named = match db.get_database_backend() {
        DbBackend::Sqlite => {
            let file = std::path::absolute(dir.join(SQLITE_FILE))?;
            let quoted = file.to_string_lossy().replace('\'', "''");
            db.execute_unprepared(&format!("VACUUM INTO '{quoted}'"))
                .await
                .map_err(|e| format!("the SQLite backup (VACUUM INTO) failed: {e}"))?;
            // Read-write but with SQLite's defaults (no pragma of `domain::db::connect`): a WAL
            // database opened read-only needs its -shm file, which the copy does not have.
            let url = format!("sqlite://{}", file.display());
            let copy = sea_orm::Database::connect(url).await.map_err(|e| format!("cannot open the copy: {e}"))?;
            let files = photo_files(&copy).await;
            copy.close().await.ok();
            files?
        }
        _ => {
            // pg_dump dumps the snapshot this transaction exports, in which the photo files are
            // listed: exactly the rows of the dump.
            let txn = db
                .begin_with_config(Some(IsolationLevel::RepeatableRead), Some(AccessMode::ReadOnly))
                .await
                .map_err(|e| format!("cannot start the backup's transaction: {e}"))?;
            let snapshot = JsonValue::find_by_statement(Statement::from_string(
                DbBackend::Postgres,
                "SELECT pg_export_snapshot() AS snapshot",
            ))
            .one(&txn)
            .await?
            .and_then(|row| row["snapshot"].as_str().map(str::to_string))
            .ok_or("PostgreSQL exported no snapshot")?;
            let files = photo_files(&txn).await?;
            pg_dump(&config.database_url, &snapshot, &dir.join(PG_DUMP_FILE)).await?;
            txn.commit().await?;
            files
        }
    };
    db.close().await.ok();
    let mut report = copy_media(&media, &media_copy).await?;
    let missing: Vec<&String> = named.iter().filter(|file| !media_copy.join(file).is_file()).collect();
    if !missing.is_empty() {
        return Err(format!(
            "{} photo file(s) named by the database are not in the media folder {} (first: {}); the backup is \
             incomplete",
            missing.len(),
            media.display(),
            missing[0]
        )
        .into());
    }
    report.photos_checked = named.len();
    std::fs::write(dir.join("RESTORE.txt"), restore_text(config, sqlite_path))?;
    Ok(report)
}

/// Every media file the database's photo rows name (business photos and offers' photos, each
/// variant of an upload), relative to the media folder.
pub async fn photo_files(db: &impl ConnectionTrait) -> Result<BTreeSet<String>, Error> {
    let mut files = BTreeSet::new();
    for sql in [
        "SELECT file, variants FROM business_photos",
        "SELECT photo_file AS file, photo_variants AS variants FROM offers WHERE photo_file IS NOT NULL",
    ] {
        let rows = JsonValue::find_by_statement(Statement::from_string(db.get_database_backend(), sql))
            .all(db)
            .await
            .map_err(|e| format!("cannot list the photos: {e}"))?;
        for row in rows {
            let Some(file) = row["file"].as_str() else { continue };
            files.insert(file.to_string());
            let widths = row["variants"].as_str().unwrap_or("");
            if let Some(key) = domain::photos::store_key_of(file) {
                for width in widths.split_whitespace().filter_map(|w| w.parse::<u32>().ok()) {
                    files.insert(domain::photos::variant_file(key, width));
                }
            }
        }
    }
    Ok(files)
}

/// Copies the files of `from` missing in `to` (recursively; names starting with a dot, such as
/// photos being written, are left out); returns what `to` then holds.
async fn copy_media(from: &Path, to: &Path) -> Result<Report, Error> {
    let (from, to) = (from.to_path_buf(), to.to_path_buf());
    tokio::task::spawn_blocking(move || {
        let mut report = Report::default();
        if from.is_dir() {
            copy_tree(&from, &to, &mut report).map_err(|e| format!("cannot copy the media folder: {e}"))?;
        }
        Ok::<_, Error>(report)
    })
    .await?
}

fn copy_tree(from: &Path, to: &Path, report: &mut Report) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let target = to.join(entry.file_name());
        let kind = entry.file_type()?;
        if kind.is_dir() {
            copy_tree(&entry.path(), &target, report)?;
        } else if kind.is_file() {
            if !target.exists() {
                match std::fs::copy(entry.path(), &target) {
                    Ok(_) => {}
                    // Deleted since it was listed: the database snapshot decides whether it
                    // was needed (checked at the end).
                    Err(error) if error.kind() == std::io::ErrorKind::NotFound => continue,
                    Err(error) => return Err(error),
                }
            }
            report.media_files += 1;
            report.media_bytes += target.metadata().map(|m| m.len()).unwrap_or(0);
        }
    }
    Ok(())
}

/// Runs pg_dump with the password (if the URL has one) in `PGPASSWORD`, never on its command line.
async fn pg_dump(url: &str, snapshot: &str, file: &Path) -> Result<(), Error> {
    let (url, password) = without_password(url);
    let mut command = std::process::Command::new("pg_dump");
    command.args(["--format=custom", "--no-owner", "--snapshot", snapshot]).arg("--file").arg(file);
    command.arg("--dbname").arg(&url);
    if let Some(password) = password {
        command.env("PGPASSWORD", password);
    }
    let output = tokio::task::spawn_blocking(move || command.output()).await?.map_err(|e| {
        format!(
            "cannot run pg_dump ({e}): install PostgreSQL's client tools (Debian: apt install postgresql-client), \
             or dump the database yourself: pg_dump --format=custom --file {} '{url}'",
            file.display()
        )
    })?;
    if !output.status.success() {
        return Err(format!("pg_dump failed: {}", String::from_utf8_lossy(&output.stderr).trim()).into());
    }
    Ok(())
}

/// `postgres://user:secret@host/db` → (`postgres://user@host/db`, `Some("secret")`).
fn without_password(url: &str) -> (String, Option<String>) {
    if let (Some(scheme), Some(at)) = (url.find("://"), url.rfind('@')) {
        if at > scheme {
            if let Some((user, password)) = url[scheme + 3..at].split_once(':') {
                let password = percent_encoding::percent_decode_str(password).decode_utf8_lossy().into_owned();
                return (format!("{}{user}{}", &url[..scheme + 3], &url[at..]), Some(password));
            }
        }
    }
    (url.to_string(), None)
}

fn restore_text(config: &Config, sqlite_file: Option<&str>) -> String {
    let media = config.media_dir.display();
    let database = if let Some(file) = sqlite_file {
        format!(
            "2. Put the database back (and remove the old one's -wal and -shm files):\n\
             \x20    cp vitrine.db {file}\n\
             \x20    rm -f {file}-wal {file}-shm\n"
        )
    } else {
        "2. Restore the database into an empty one (as a PostgreSQL superuser or the database's owner):\n\
         \x20    dropdb vitrine && createdb -O vitrine vitrine\n\
         \x20    pg_restore --no-owner --role=vitrine --dbname=vitrine vitrine.pgdump\n"
            .to_string()
    };
    format!(
        "Vitrine backup, made by `vitrine backup` ({version}).\n\n\
         To restore it (see docs/DEPLOY.md, \"Backups\"):\n\
         1. Stop every Vitrine instance (e.g. systemctl stop vitrine).\n\
         {database}\
         3. Put the media folder back:\n\
         \x20    rsync -a --delete media/ {media}/\n\
         4. Start Vitrine (systemctl start vitrine); it applies any migration the backup lacks.\n",
        version = env!("CARGO_PKG_VERSION"),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_leave_the_url() {
        assert_eq!(
            super::without_password("postgres://vitrine:s%40cret@db/vitrine"),
            ("postgres://vitrine@db/vitrine".to_string(), Some("s@cret".to_string()))
        );
        assert_eq!(super::without_password("postgres://postgres@127.0.0.1/test"), ("postgres://postgres@127.0.0.1/test".into(), None));
    }
}
