//! An SMTP server for tests: a real SMTP conversation over TCP on `127.0.0.1:0`, storing what it
//! receives so tests can read the e-mails as a mail server got them.
//!
//! Why not a crate: `mailin-embedded`, the embeddable SMTP server on crates.io, serves on blocking
//! threads forever (it cannot be stopped to simulate an outage, nor restarted on its port), and
//! its only TLS backend brings rustls with its default features, hence aws-lc-rs (a C build) and a
//! second crypto provider in the test binary next to ring. What the tests need is small: the
//! commands of RFC 5321 that lettre sends (EHLO/HELO, MAIL, RCPT, DATA with dot-unstuffing, RSET,
//! NOOP, QUIT), and ways to fail: answer `451` to the next N messages, refuse a recipient with
//! `550`, or stop listening altogether and come back on the same port.
//!
//! It is a test double with limits (no TLS, no AUTH, no pipelining advertised, lines up to
//! 64 KiB, messages up to 10 MiB), not a mail server.

#![allow(dead_code)]

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;

/// One accepted message, as the sink received it.
#[derive(Debug, Clone)]
pub struct Received {
    /// The name the client gave in EHLO/HELO.
    pub helo: String,
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    /// The message after dot-unstuffing, CRLF line ends, without the final `.` line.
    pub data: Vec<u8>,
}

#[derive(Default)]
struct State {
    received: Vec<Received>,
    /// Messages still to refuse with 451 at the end of DATA.
    refuse_next: usize,
    refused: usize,
    rejected_recipients: HashSet<String>,
    /// Time taken before answering each DATA (a slow server).
    delay: Duration,
    /// Every name given in EHLO/HELO so far.
    helos_seen: HashSet<String>,
    /// Answers to DATA wait until this many clients (by EHLO name) have connected, or the deadline.
    hold: Option<(usize, tokio::time::Instant)>,
}

pub struct SmtpSink {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    /// The accept loop and every connection: aborting them all is an outage.
    tasks: Mutex<Option<tokio::task::JoinHandle<()>>>,
}

const MAX_LINE: usize = 64 * 1024;
const MAX_MESSAGE: usize = 10 * 1024 * 1024;

impl SmtpSink {
    /// Listens on a free loopback port.
    pub async fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind the SMTP sink");
        let addr = listener.local_addr().expect("the sink's address");
        let sink = SmtpSink { addr, state: Arc::default(), tasks: Mutex::new(None) };
        sink.serve(listener);
        sink
    }

    fn serve(&self, listener: TcpListener) {
        let state = self.state.clone();
        let task = tokio::spawn(async move {
            // Connections live in this set: aborting the accept loop drops them too.
            let mut connections = JoinSet::new();
            loop {
                tokio::select! {
                    accepted = listener.accept() => match accepted {
                        Ok((stream, _)) => { connections.spawn(converse(stream, state.clone())); }
                        Err(_) => continue,
                    },
                    Some(_) = connections.join_next(), if !connections.is_empty() => {}
                }
            }
        });
        *self.tasks.lock().unwrap() = Some(task);
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// `smtp://127.0.0.1:<port>/<helo>`: the path is the name the client gives in EHLO.
    pub fn url(&self, helo: &str) -> String {
        format!("smtp://{}/{helo}", self.addr)
    }

    pub fn received(&self) -> Vec<Received> {
        self.state.lock().unwrap().received.clone()
    }

    /// Answers `451 4.3.0` (try again later) to the next `count` messages.
    pub fn refuse_next(&self, count: usize) {
        self.state.lock().unwrap().refuse_next = count;
    }

    /// How many messages were refused with 451 so far.
    pub fn refused(&self) -> usize {
        self.state.lock().unwrap().refused
    }

    /// Answers `550 5.1.1` to `RCPT TO:<address>`.
    pub fn reject_recipient(&self, address: &str) {
        self.state.lock().unwrap().rejected_recipients.insert(address.to_ascii_lowercase());
    }

    pub fn set_delay(&self, delay: Duration) {
        self.state.lock().unwrap().delay = delay;
    }

    /// Holds every answer to DATA until `clients` different EHLO names have been seen (at most
    /// `timeout`): several senders are then surely all at work before any message goes through.
    pub fn hold_until_clients(&self, clients: usize, timeout: Duration) {
        self.state.lock().unwrap().hold = Some((clients, tokio::time::Instant::now() + timeout));
    }

    /// The EHLO/HELO names seen so far.
    pub fn clients(&self) -> HashSet<String> {
        self.state.lock().unwrap().helos_seen.clone()
    }

    /// Stops listening and drops every connection: connecting is refused until [`Self::restart`].
    pub async fn stop(&self) {
        let task = self.tasks.lock().unwrap().take();
        if let Some(task) = task {
            task.abort();
            let _ = task.await;
        }
    }

    /// Listens again on the same port, keeping what was received.
    pub async fn restart(&self) {
        let listener = TcpListener::bind(self.addr).await.expect("bind the SMTP sink's port again");
        self.serve(listener);
    }

    /// Waits until `count` messages were received, or `timeout` passed; returns what arrived.
    pub async fn wait_for(&self, count: usize, timeout: Duration) -> Vec<Received> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let received = self.received();
            if received.len() >= count || tokio::time::Instant::now() >= deadline {
                return received;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        if let Some(task) = self.tasks.lock().unwrap().take() {
            task.abort();
        }
    }
}

/// The envelope of the transaction under way.
#[derive(Default)]
struct Envelope {
    mail_from: Option<String>,
    rcpt_to: Vec<String>,
}

/// The address between `<` and `>` after `FROM:` or `TO:` (parameters after it are ignored).
fn path_argument(rest: &str) -> Option<String> {
    let open = rest.find('<')?;
    let close = rest[open..].find('>')? + open;
    Some(rest[open + 1..close].to_string())
}

async fn converse(stream: TcpStream, state: Arc<Mutex<State>>) {
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);
    let mut helo = String::new();
    let mut envelope = Envelope::default();
    macro_rules! reply {
        ($text:expr) => {
            if write.write_all(format!("{}\r\n", $text).as_bytes()).await.is_err() {
                return;
            }
        };
    }
    reply!("220 sink.test ESMTP test sink");
    let mut line = Vec::new();
    loop {
        line.clear();
        match (&mut reader).take(MAX_LINE as u64).read_until(b'\n', &mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        let (verb, rest) = text.split_once(' ').unwrap_or((text, ""));
        match verb.to_ascii_uppercase().as_str() {
            "EHLO" => {
                helo = rest.trim().to_string();
                state.lock().unwrap().helos_seen.insert(helo.clone());
                envelope = Envelope::default();
                reply!(format!("250-sink.test greets {helo}"));
                reply!("250 8BITMIME");
            }
            "HELO" => {
                helo = rest.trim().to_string();
                state.lock().unwrap().helos_seen.insert(helo.clone());
                envelope = Envelope::default();
                reply!("250 sink.test");
            }
            "MAIL" => match rest.get(..5).filter(|p| p.eq_ignore_ascii_case("FROM:")).and(path_argument(rest)) {
                Some(from) => {
                    envelope = Envelope { mail_from: Some(from), rcpt_to: Vec::new() };
                    reply!("250 2.1.0 OK");
                }
                None => reply!("501 5.5.4 syntax: MAIL FROM:<address>"),
            },
            "RCPT" => {
                if envelope.mail_from.is_none() {
                    reply!("503 5.5.1 MAIL first");
                    continue;
                }
                match rest.get(..3).filter(|p| p.eq_ignore_ascii_case("TO:")).and(path_argument(rest)) {
                    Some(to) if state.lock().unwrap().rejected_recipients.contains(&to.to_ascii_lowercase()) => {
                        reply!("550 5.1.1 no such mailbox here")
                    }
                    Some(to) => {
                        envelope.rcpt_to.push(to);
                        reply!("250 2.1.5 OK");
                    }
                    None => reply!("501 5.5.4 syntax: RCPT TO:<address>"),
                }
            }
            "DATA" => {
                if envelope.rcpt_to.is_empty() {
                    reply!("503 5.5.1 RCPT first");
                    continue;
                }
                reply!("354 end data with <CR><LF>.<CR><LF>");
                let Some(data) = read_data(&mut reader).await else { return };
                let delay = state.lock().unwrap().delay;
                if !delay.is_zero() {
                    tokio::time::sleep(delay).await;
                }
                loop {
                    let hold = {
                        let state = state.lock().unwrap();
                        state.hold.filter(|(clients, until)| {
                            state.helos_seen.len() < *clients && tokio::time::Instant::now() < *until
                        })
                    };
                    if hold.is_none() {
                        break;
                    }
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
                let verdict = {
                    let mut state = state.lock().unwrap();
                    if data.len() > MAX_MESSAGE {
                        "552 5.3.4 message too big".to_string()
                    } else if state.refuse_next > 0 {
                        state.refuse_next -= 1;
                        state.refused += 1;
                        "451 4.3.0 temporary failure, try again later".to_string()
                    } else {
                        state.received.push(Received {
                            helo: helo.clone(),
                            mail_from: envelope.mail_from.clone().unwrap_or_default(),
                            rcpt_to: envelope.rcpt_to.clone(),
                            data,
                        });
                        format!("250 2.0.0 queued as {}", state.received.len())
                    }
                };
                envelope = Envelope::default();
                reply!(verdict);
            }
            "RSET" => {
                envelope = Envelope::default();
                reply!("250 2.0.0 OK");
            }
            "NOOP" => reply!("250 2.0.0 OK"),
            "QUIT" => {
                reply!("221 2.0.0 bye");
                return;
            }
            _ => reply!("502 5.5.2 command not recognised"),
        }
    }
}

/// The message after `354`, up to the line holding a single `.`, dot-unstuffed (RFC 5321
/// §4.5.2: a line the client started with a `.` got a second one). None if the client left.
async fn read_data(reader: &mut BufReader<tokio::net::tcp::OwnedReadHalf>) -> Option<Vec<u8>> {
    let mut data = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        match (&mut *reader).take(MAX_LINE as u64).read_until(b'\n', &mut line).await {
            Ok(0) | Err(_) => return None,
            Ok(_) => {}
        }
        if line == b".\r\n" || line == b".\n" {
            return Some(data);
        }
        let unstuffed = if line.starts_with(b".") { &line[1..] } else { &line[..] };
        // Past the limit the rest is dropped; the verdict then says too big.
        if data.len() <= MAX_MESSAGE {
            data.extend_from_slice(unstuffed);
        }
    }
}
