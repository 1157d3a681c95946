//! The e-mail sender (`vitrine::mailer`) against a real SMTP conversation: the test sink of
//! `support/smtp_sink.rs` listens on a loopback port, lettre talks to it over TCP, and the outbox
//! lives in a real database made by the migrations (SQLite, and PostgreSQL when
//! `TEST_DATABASE_URL` is set). Rounds are driven with `mailer::run_once` and an injected instant,
//! so retries are walked through deterministically; the spawned loop is tested for what only it
//! does (waking up, stopping, two instances sharing one outbox).

#[path = "../../domain/tests/support/mod.rs"]
mod db_support;
#[path = "support/smtp_sink.rs"]
mod smtp_sink;

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use common::values::Email;
use common::Lang;
use db_support::{at, on_every_backend};
use domain::mail::{self, Message, Template, Trouble};
use domain::Clock;
use mail_parser::{MessageParser, MimeHeaders};
use sea_orm::{DatabaseConnection, DbBackend, FromQueryResult, JsonValue, Statement};
use smtp_sink::{Received, SmtpSink};
use vitrine::mailer::{self, Mailer, Settings, SmtpUrl, Transport};

const FROM: &str = "Vitrine <noreply@vitrine.test>";

fn t0() -> DateTime<Utc> {
    at("2026-12-14T09:00:00Z")
}

fn settings() -> Settings {
    Settings::new(mailer::parse_mailbox(FROM).expect("valid sender"))
}

/// A client of `sink` that says `helo` in EHLO (so tests can tell instances apart).
fn transport(sink: &SmtpSink, helo: &str) -> Transport {
    mailer::transport(&SmtpUrl::parse(&sink.url(helo)).expect("valid SMTP URL")).expect("transport")
}

fn reset(to: &str, lang: Lang) -> Message {
    Message {
        to: Email::parse(to).expect("valid address"),
        lang,
        template: Template::PasswordReset { link: format!("https://vitrine.example/reset/{to}"), minutes_valid: 30 },
    }
}

fn invitation(to: &str, lang: Lang) -> Message {
    Message {
        to: Email::parse(to).expect("valid address"),
        lang,
        template: Template::Invitation {
            business: Some("Bakkerij <Janssens> & Zonen".into()),
            link: "https://vitrine.example/uitnodiging/abc".into(),
            inviter: "Stad Zinnik".into(),
            expiry_days: 7,
        },
    }
}

/// What a mail client would show of a received message.
struct Opened {
    from_name: String,
    from_address: String,
    to: String,
    subject: String,
    message_id: String,
    has_date: bool,
    content_language: String,
    root_type: String,
    text: String,
    html: String,
    part_types: Vec<String>,
}

fn open(received: &Received) -> Opened {
    let message = MessageParser::default().parse(&received.data).expect("a parsable e-mail");
    let from = message.from().and_then(|a| a.first()).expect("a From address");
    let content_type = |part: &mail_parser::MessagePart| {
        part.content_type().map(|t| format!("{}/{}", t.ctype(), t.subtype().unwrap_or("")))
    };
    Opened {
        from_name: from.name().unwrap_or_default().to_string(),
        from_address: from.address().unwrap_or_default().to_string(),
        to: message.to().and_then(|a| a.first()).and_then(|a| a.address()).unwrap_or_default().to_string(),
        subject: message.subject().unwrap_or_default().to_string(),
        message_id: message.message_id().unwrap_or_default().to_string(),
        has_date: message.date().is_some(),
        content_language: message.header_raw("Content-Language").unwrap_or_default().trim().to_string(),
        root_type: content_type(message.root_part()).unwrap_or_default(),
        text: message
            .text_body
            .first()
            .and_then(|&i| message.body_text(i_of(&message.text_body, i)))
            .unwrap_or_default()
            .to_string(),
        html: message
            .html_body
            .first()
            .and_then(|&i| message.body_html(i_of(&message.html_body, i)))
            .unwrap_or_default()
            .to_string(),
        part_types: message.parts.iter().skip(1).filter_map(content_type).collect(),
    }
}

/// `body_text(n)`/`body_html(n)` take the position in `text_body`/`html_body`, not the part id.
fn i_of(list: &[u32], id: u32) -> usize {
    list.iter().position(|&x| x == id).unwrap_or(0)
}

/// An e-mail reaches the SMTP server once, from the configured sender to its recipient, as
/// `multipart/alternative` with a plain-text and an HTML part, in the recipient's language.
#[tokio::test]
async fn an_email_arrives_once_with_both_parts_in_the_recipients_language() {
    on_every_backend(|db| async move {
        let sink = SmtpSink::start().await;
        let smtp = transport(&sink, "vitrine-test");
        let french = mail::enqueue(&db.db, &reset("marie@example.be", Lang::Fr), t0()).await.unwrap();
        let dutch = mail::enqueue(&db.db, &invitation("jan@example.be", Lang::Nl), t0()).await.unwrap();

        let report = mailer::run_once(&db.db, &smtp, &settings(), t0()).await.unwrap();
        assert_eq!((report.claimed, report.sent), (2, 2), "{}: {report:?}", db.label);
        let received = sink.received();
        assert_eq!(received.len(), 2, "{}", db.label);

        let by_recipient: HashMap<&str, &Received> = received.iter().map(|r| (r.rcpt_to[0].as_str(), r)).collect();
        let marie = by_recipient["marie@example.be"];
        assert_eq!(marie.mail_from, "noreply@vitrine.test");
        assert_eq!(marie.rcpt_to, ["marie@example.be"]);
        let opened = open(marie);
        assert_eq!((opened.from_name.as_str(), opened.from_address.as_str()), ("Vitrine", "noreply@vitrine.test"));
        assert_eq!(opened.to, "marie@example.be");
        assert_eq!(opened.subject, "Réinitialiser votre mot de passe Vitrine");
        assert_eq!(opened.content_language, "fr");
        assert!(opened.has_date, "Date header");
        assert!(opened.message_id.starts_with(&format!("vitrine.{french}.")), "{}", opened.message_id);
        assert!(opened.message_id.ends_with("@vitrine.test"), "{}", opened.message_id);
        assert_eq!(opened.root_type, "multipart/alternative");
        assert_eq!(opened.part_types, ["text/plain", "text/html"], "plain text first, HTML preferred");
        assert!(opened.text.contains("Choisissez-en un nouveau"), "{}", opened.text);
        assert!(opened.text.contains("https://vitrine.example/reset/marie@example.be"));
        assert!(opened.text.contains("Ce lien est valable 30 minutes"));
        assert!(opened.html.contains("<html lang=\"fr\">"), "{}", opened.html);
        assert!(opened.html.contains("href=\"https://vitrine.example/reset/marie@example.be\""));

        let opened = open(by_recipient["jan@example.be"]);
        assert_eq!(opened.subject, "Uitnodiging om ‘Bakkerij <Janssens> & Zonen’ te beheren op Vitrine");
        assert_eq!(opened.content_language, "nl");
        assert!(opened.message_id.starts_with(&format!("vitrine.{dutch}.")));
        assert!(opened.text.contains("Stad Zinnik nodigt u uit"), "{}", opened.text);
        assert!(opened.text.contains("Deze uitnodiging is 7 dagen geldig."));
        assert!(opened.html.contains("<html lang=\"nl\">"));
        assert!(opened.html.contains("Bakkerij &lt;Janssens&gt; &amp; Zonen"), "escaped in HTML");

        // Nothing is sent twice, even much later.
        let again = mailer::run_once(&db.db, &smtp, &settings(), t0() + TimeDelta::hours(2)).await.unwrap();
        assert_eq!(again.claimed, 0, "{}", db.label);
        assert_eq!(sink.received().len(), 2);
        let counts = mail::counts(&db.db, t0()).await.unwrap();
        assert_eq!((counts.sent, counts.pending, counts.failed), (2, 0, 0));
    })
    .await;
}

/// The SMTP server answers "try again later", then is down altogether: the e-mail waits in the
/// outbox on the retry schedule and arrives, once, when the server is back.
#[tokio::test]
async fn nothing_is_lost_while_the_smtp_server_refuses_or_is_down() {
    on_every_backend(|db| async move {
        let sink = SmtpSink::start().await;
        let smtp = transport(&sink, "vitrine-test");
        let settings = settings();
        mail::enqueue(&db.db, &reset("patient@example.be", Lang::Nl), t0()).await.unwrap();

        sink.refuse_next(1);
        let refused = mailer::run_once(&db.db, &smtp, &settings, t0()).await.unwrap();
        assert_eq!((refused.claimed, refused.retried), (1, 1), "{}: {refused:?}", db.label);
        assert_eq!(sink.refused(), 1);
        assert!(sink.received().is_empty());
        let early = mailer::run_once(&db.db, &smtp, &settings, t0() + TimeDelta::seconds(59)).await.unwrap();
        assert_eq!(early.claimed, 0, "{}: not before its retry time", db.label);

        sink.stop().await;
        let down = mailer::run_once(&db.db, &smtp, &settings, t0() + TimeDelta::minutes(1)).await.unwrap();
        assert_eq!((down.claimed, down.retried), (1, 1), "{}: {down:?}", db.label);
        let counts = mail::counts(&db.db, t0() + TimeDelta::minutes(1)).await.unwrap();
        assert_eq!((counts.pending, counts.failed), (1, 0), "{}: waiting, not failed", db.label);

        sink.restart().await;
        let back = mailer::run_once(&db.db, &smtp, &settings, t0() + TimeDelta::minutes(3)).await.unwrap();
        assert_eq!(back.sent, 1, "{}: retried 2 minutes after the second failure: {back:?}", db.label);
        let received = sink.received();
        assert_eq!(received.len(), 1);
        assert_eq!(open(&received[0]).subject, "Uw wachtwoord voor Vitrine opnieuw instellen");
        let later = mailer::run_once(&db.db, &smtp, &settings, t0() + TimeDelta::hours(1)).await.unwrap();
        assert_eq!(later.claimed, 0);
        assert_eq!(sink.received().len(), 1, "{}: arrived once", db.label);
    })
    .await;
}

/// A recipient the server refuses for good is not retried, and administrators see why.
#[tokio::test]
async fn a_refused_recipient_is_given_up_and_reported() {
    on_every_backend(|db| async move {
        let sink = SmtpSink::start().await;
        sink.reject_recipient("nobody@example.be");
        let smtp = transport(&sink, "vitrine-test");
        let id = mail::enqueue(&db.db, &reset("nobody@example.be", Lang::En), t0()).await.unwrap();
        mail::enqueue(&db.db, &reset("somebody@example.be", Lang::En), t0()).await.unwrap();

        let report = mailer::run_once(&db.db, &smtp, &settings(), t0()).await.unwrap();
        assert_eq!((report.sent, report.gave_up), (1, 1), "{}: {report:?}", db.label);
        let problems = mail::failures(&db.db, t0(), 10).await.unwrap();
        assert_eq!(problems.len(), 1, "{}", db.label);
        assert_eq!((problems[0].id, problems[0].trouble), (id, Trouble::Failed));
        let error = problems[0].last_error.clone().unwrap_or_default();
        assert!(error.contains("550") && error.contains("no such mailbox"), "{}: {error}", db.label);
        assert_eq!(sink.received()[0].rcpt_to, ["somebody@example.be"]);
    })
    .await;
}

/// The spawned loop sends an e-mail queued by its instance at once (not at its next poll, an hour
/// away here) when woken by its own notifier, not by another instance's, and stops when asked.
#[tokio::test]
async fn the_sender_loop_wakes_up_for_a_new_email_and_stops_on_request() {
    on_every_backend(|db| async move {
        let sink = SmtpSink::start().await;
        let settings = Settings { poll_interval: Duration::from_secs(3600), ..settings() };
        let notifier = mail::Notifier::new();
        let sender =
            Mailer::spawn(db.db.clone(), notifier.clone(), transport(&sink, "vitrine-test"), settings, Clock::System);
        // Let its first round find the outbox empty; it then waits. Kept as a sleep: the first
        // round is not observable from outside, and a sleep too short cannot make the test fail
        // wrongly (the e-mail would go out in that first round), only prove less.
        tokio::time::sleep(Duration::from_millis(300)).await;
        mail::enqueue(&db.db, &reset("prompt@example.be", Lang::Fr), Utc::now()).await.unwrap();
        // Another app in this process rings its own notifier: this sender sleeps on.
        mail::Notifier::new().wake();
        let early = sink.wait_for(1, Duration::from_millis(500)).await;
        assert!(early.is_empty(), "{}: woken by another instance's notifier", db.label);
        notifier.wake();
        let received = sink.wait_for(1, Duration::from_secs(10)).await;
        assert_eq!(received.len(), 1, "{}: sent without waiting for the next poll", db.label);
        tokio::time::timeout(Duration::from_secs(5), sender.stop()).await.expect("the loop stops promptly");
    })
    .await;
}

/// Two instances (two connection pools, two sender loops, two SMTP clients) share one PostgreSQL
/// outbox: each of 50 e-mails is delivered exactly once, and both instances take part.
#[tokio::test]
async fn two_instances_deliver_each_email_exactly_once() {
    let Some(db) = db_support::postgres().await else {
        eprintln!("two_instances_deliver_each_email_exactly_once skipped: it needs PostgreSQL (set TEST_DATABASE_URL)");
        return;
    };
    // Each round's log line (claimed, batch) is shown when the test fails; the instances' batch
    // sizes differ so that their rounds can be told apart.
    let _ = tracing_subscriber::fmt().with_test_writer().with_env_filter("warn,vitrine::mailer=debug").try_init();
    let instance_b = second_pool(&db.db).await;
    let sink = SmtpSink::start().await;
    // No message goes through before both instances are talking to the server (each has claimed
    // a batch), so the test cannot pass by one instance doing all the work.
    sink.hold_until_clients(2, Duration::from_secs(20));
    let mut queued = HashSet::new();
    for n in 0..50 {
        let id = mail::enqueue(&db.db, &reset(&format!("shopper{n}@example.be"), Lang::Fr), Utc::now()).await.unwrap();
        queued.insert(id);
    }
    let settings = Settings { poll_interval: Duration::from_millis(50), batch: 5, ..settings() };
    let a = Mailer::spawn(
        db.db.clone(),
        mail::Notifier::new(),
        transport(&sink, "instance-a"),
        settings.clone(),
        Clock::System,
    );
    let b = Mailer::spawn(
        instance_b.clone(),
        mail::Notifier::new(),
        transport(&sink, "instance-b"),
        Settings { batch: 6, ..settings },
        Clock::System,
    );
    sink.wait_for(50, Duration::from_secs(60)).await;
    // Stopped, each sender has finished what it was sending: a duplicate, were there one, is in
    // the sink now (no sleep needed to give it room).
    a.stop().await;
    b.stop().await;

    let received = sink.received();
    let ids: Vec<i64> = received
        .iter()
        .map(|r| {
            let message_id = open(r).message_id;
            message_id.split('.').nth(1).and_then(|id| id.parse().ok()).expect("vitrine.<id>.<time>@… Message-ID")
        })
        .collect();
    let distinct: HashSet<i64> = ids.iter().copied().collect();
    assert_eq!(received.len(), 50, "each e-mail exactly once");
    assert_eq!(distinct, queued);
    let by_instance: HashMap<&str, usize> = received.iter().fold(HashMap::new(), |mut counts, r| {
        *counts.entry(r.helo.as_str()).or_default() += 1;
        counts
    });
    assert_eq!(by_instance.len(), 2, "both instances sent some: {by_instance:?} (clients: {:?})", sink.clients());
    assert_eq!(mail::counts(&db.db, Utc::now()).await.unwrap().sent, 50);
    instance_b.close().await.ok();
    db.drop_async().await;
}

/// Another pool on the same PostgreSQL database, as a second instance would open.
async fn second_pool(db: &DatabaseConnection) -> DatabaseConnection {
    let row =
        JsonValue::find_by_statement(Statement::from_string(DbBackend::Postgres, "SELECT current_database() AS name"))
            .one(db)
            .await
            .unwrap()
            .expect("a row");
    let name = row["name"].as_str().expect("the database's name");
    let admin_url = std::env::var("TEST_DATABASE_URL").expect("set when postgres() returned a database");
    let (base, _) = admin_url.rsplit_once('/').expect("URL ends with /<database>");
    assert_eq!(db.get_database_backend(), DbBackend::Postgres);
    domain::db::connect(&format!("{base}/{name}"), 4).await.expect("second pool")
}

/// The sink itself, spoken to by hand: the commands lettre does not use in the tests above (HELO,
/// RSET, NOOP, an unknown command, commands out of order) and dot-unstuffing of the message.
#[tokio::test]
async fn the_test_sink_speaks_smtp() {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let sink = SmtpSink::start().await;
    let stream = tokio::net::TcpStream::connect(("127.0.0.1", sink.port())).await.unwrap();
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    let mut exchange = async |command: &str| -> String {
        if !command.is_empty() {
            write.write_all(format!("{command}\r\n").as_bytes()).await.unwrap();
        }
        lines.next_line().await.unwrap().expect("an answer")
    };
    assert!(exchange("").await.starts_with("220 "));
    assert!(exchange("HELO by-hand.test").await.starts_with("250 "));
    assert!(exchange("RCPT TO:<early@example.be>").await.starts_with("503 "), "MAIL first");
    assert!(exchange("MAIL FROM:<someone@example.be>").await.starts_with("250 "));
    assert!(exchange("RSET").await.starts_with("250 "));
    assert!(exchange("DATA").await.starts_with("503 "), "RSET forgot the envelope");
    assert!(exchange("NOOP").await.starts_with("250 "));
    assert!(exchange("VRFY root").await.starts_with("502 "));
    assert!(exchange("MAIL FROM:<someone@example.be> BODY=8BITMIME").await.starts_with("250 "));
    assert!(exchange("RCPT TO:<you@example.be>").await.starts_with("250 "));
    assert!(exchange("DATA").await.starts_with("354 "));
    let answer = exchange("Subject: dots\r\n\r\n..a line that began with a dot\r\n...\r\nend\r\n.").await;
    assert!(answer.starts_with("250 "), "{answer}");
    assert!(exchange("QUIT").await.starts_with("221 "));

    let received = sink.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].helo, "by-hand.test");
    assert_eq!(received[0].mail_from, "someone@example.be");
    assert_eq!(received[0].rcpt_to, ["you@example.be"]);
    assert_eq!(received[0].data, b"Subject: dots\r\n\r\n.a line that began with a dot\r\n..\r\nend\r\n");
}
