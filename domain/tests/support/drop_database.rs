//! A PostgreSQL test database that is dropped when its guard is dropped, also when the test
//! panics: `Drop` cannot await, so it runs `DROP DATABASE … WITH (FORCE)` on a thread of its own
//! with a small runtime of its own and waits for it (a runtime cannot be started inside the
//! test's, and the test's may be the one unwinding). Shared by domain/tests and server/tests
//! (`#[path]`).

#![allow(dead_code)]

use sea_orm::ConnectionTrait;

/// Drops the database `name` of the server at `admin_url` (a URL of another database there)
/// when dropped. `WITH (FORCE)` ends the test's own connections still open.
pub struct DropDatabase {
    pub admin_url: String,
    pub name: String,
}

impl DropDatabase {
    pub fn new(admin_url: &str, name: &str) -> Self {
        DropDatabase { admin_url: admin_url.to_string(), name: name.to_string() }
    }

    /// The URL of the database itself.
    pub fn url(&self) -> String {
        let (base, _) = self.admin_url.rsplit_once('/').expect("database URL ends with /<database>");
        format!("{base}/{}", self.name)
    }
}

impl Drop for DropDatabase {
    fn drop(&mut self) {
        let (admin_url, name) = (self.admin_url.clone(), self.name.clone());
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
            runtime.block_on(async {
                let admin = domain::db::connect(&admin_url, 1).await.ok()?;
                let result =
                    admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await;
                let _ = admin.close().await;
                result.ok()
            })
        })
        .join();
        if !matches!(dropped, Ok(Some(_))) {
            eprintln!("test database {} could not be dropped", self.name);
        }
    }
}
