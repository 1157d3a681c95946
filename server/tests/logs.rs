//! What the server writes to its log (issue 12): sign-in links' tokens never, the health checks
//! not at `info`, and with `VITRINE_LOG_FORMAT=json` one JSON object a line. The log is captured
//! through the binary's own formatting layers (`vitrine::run::log_layer`), text and JSON, into
//! buffers shared by this file's tests; each test finds its lines by its requests' ids.

#[path = "support/app.rs"]
mod harness;

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use harness::{spawn_app, Backend, Instance, Options};

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Buffer {
    type Writer = Buffer;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

impl Buffer {
    /// What was written, without colours (the text layer colours its lines on a terminal).
    fn text(&self) -> String {
        let raw = String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned();
        let mut plain = String::with_capacity(raw.len());
        let mut chars = raw.chars();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                chars.by_ref().find(|c| c.is_ascii_alphabetic());
            } else {
                plain.push(c);
            }
        }
        plain
    }
}

/// The text log and the JSON log, at the binary's default level (`info`).
fn logs() -> &'static (Buffer, Buffer) {
    static LOGS: OnceLock<(Buffer, Buffer)> = OnceLock::new();
    LOGS.get_or_init(|| {
        use tracing_subscriber::layer::SubscriberExt;
        let (text, json) = (Buffer::default(), Buffer::default());
        let subscriber = tracing_subscriber::registry()
            .with(vitrine::run::log_layer(false, text.clone()))
            .with(vitrine::run::log_layer(true, json.clone()))
            .with(tracing_subscriber::EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
        tracing::subscriber::set_global_default(subscriber).unwrap();
        (text, json)
    })
}

async fn get_with_id(server: &Instance, path: &str, id: &str) -> u16 {
    let response = server.client.get(format!("{}{path}", server.base)).header("x-request-id", id).send().await.unwrap();
    response.status().as_u16()
}

const TOKEN: &str = "Zq9sEcr3tT0kenXyzAbCdEfGhIjKlMnOpQrStUvW";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_links_never_reach_the_log() {
    let (text, json) = logs();
    let server = spawn_app(Backend::Sqlite, Options::empty()).await;
    let paths = [
        format!("/reinitialiser/{TOKEN}"),
        format!("/nl/reinitialiser/{TOKEN}"),
        format!("/invitation/{TOKEN}"),
        format!("/en/invitation/{TOKEN}"),
        format!("/confirmer-adresse/{TOKEN}"),
        format!("/fr/confirmer-adresse/{TOKEN}"),
        format!("/langue/nl/reinitialiser/{TOKEN}"),
        // A link that goes wrong (a 404 under the link's path, a refused character) too.
        format!("/invitation/{TOKEN}/extra"),
        format!("/reinitialiser/{TOKEN}%0A"),
        // The follow links carry theirs in the query, which is never logged.
        format!("/offres/confirmer?jeton={TOKEN}"),
        format!("/offres/desabonnement?cle={TOKEN}"),
    ];
    for (n, path) in paths.iter().enumerate() {
        get_with_id(&server, path, &format!("links-{n}")).await;
    }
    // The request lines are there, with the path redacted…
    let text = text.text();
    for (n, path) in paths.iter().enumerate() {
        let id = format!("id=links-{n} ");
        let line = text.lines().find(|l| l.contains(&id) && l.contains("request served"));
        let line = line.unwrap_or_else(|| panic!("no log line for {path}:\n{text}"));
        if !path.contains('?') {
            assert!(line.contains("[redacted]"), "{line}");
        }
    }
    // …and the token nowhere, in either format.
    assert!(!text.contains(TOKEN), "a token reached the text log:\n{text}");
    let json = json.text();
    assert!(json.contains("links-0"), "{json}");
    assert!(!json.contains(TOKEN), "a token reached the JSON log:\n{json}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_lines_carry_the_request() {
    let (_, json) = logs();
    let server = spawn_app(Backend::Sqlite, Options::empty()).await;
    assert_eq!(get_with_id(&server, "/commerces", "json-page").await, 200);
    get_with_id(&server, &format!("/invitation/{TOKEN}"), "json-link").await;
    let json = json.text();
    let lines: Vec<serde_json::Value> = json
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("not one JSON object a line ({e}): {line}")))
        .collect();
    let served = |id: &str| {
        lines
            .iter()
            .find(|l| l["span"]["id"] == id && l["message"] == "request served")
            .unwrap_or_else(|| panic!("no line for {id}:\n{json}"))
            .clone()
    };
    let page = served("json-page");
    assert_eq!(page["level"], "INFO");
    assert_eq!(page["span"]["method"], "GET");
    assert_eq!(page["span"]["path"], "/commerces");
    assert_eq!(page["status"], 200);
    assert!(page["micros"].as_u64().is_some_and(|m| m > 0), "{page}");
    assert!(page["timestamp"].is_string(), "{page}");
    let link = served("json-link");
    assert_eq!(link["span"]["path"], "/invitation/[redacted]");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_checks_are_not_logged_at_info() {
    let (text, _) = logs();
    let server = spawn_app(Backend::Sqlite, Options::empty()).await;
    assert_eq!(get_with_id(&server, "/healthz", "probe-live").await, 200);
    assert_eq!(get_with_id(&server, "/readyz", "probe-ready").await, 200);
    assert_eq!(get_with_id(&server, "/commerces", "probe-page").await, 200);
    let text = text.text();
    assert!(text.contains("id=probe-page"), "{text}");
    assert!(!text.contains("probe-live") && !text.contains("probe-ready"), "{text}");
}
