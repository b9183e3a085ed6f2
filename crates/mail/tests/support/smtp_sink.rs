//! A real SMTP server for the tests, on 127.0.0.1 and a free port: it speaks enough of
//! RFC 5321 for a real client (EHLO, STARTTLS, AUTH PLAIN/LOGIN, MAIL, RCPT, DATA with dot
//! unstuffing, RSET, NOOP, QUIT), keeps every message it accepted, and answers 4xx/5xx or
//! hangs up on demand, per recipient, to exercise the outbox's retry rules. It can speak
//! TLS from the first byte (`smtps://`) or after STARTTLS, with a certificate for
//! 127.0.0.1 made for the run (its PEM is what the client is told to trust).
#![allow(dead_code)]

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;

/// How the sink protects its connections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    Plain,
    /// Plain until the client says STARTTLS (offered in the EHLO answer).
    StartTls,
    /// TLS from the first byte.
    Tls,
}

/// A connection, plain or TLS.
trait Io: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Io for T {}

/// What the sink does, once, for the next message to a recipient.
#[derive(Debug, Clone)]
pub enum Fault {
    /// Answer `RCPT TO` with this line (e.g. `"451 4.3.0 try later"`).
    Rcpt(&'static str),
    /// Take the whole message, then answer with this line instead of 250.
    AfterData(&'static str),
    /// Take the whole message, then close the connection without a word.
    HangUpAfterData,
}

/// A message the sink accepted (answered 250 to).
#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    /// The message as sent (CRLF line ends, dots unstuffed).
    pub data: Vec<u8>,
    /// Whether it came over TLS.
    pub secure: bool,
}

#[derive(Default)]
struct State {
    accepted: Vec<Received>,
    /// Messages whose text arrived but that got no 250 (a fault answered instead).
    refused_after_data: Vec<Received>,
    faults: HashMap<String, VecDeque<Fault>>,
    auth: Vec<String>,
    connections: usize,
}

pub struct SmtpSink {
    pub addr: SocketAddr,
    security: Security,
    certificate_pem: Option<String>,
    state: Arc<Mutex<State>>,
    task: JoinHandle<()>,
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        SmtpSink::start_with(Security::Plain).await
    }

    pub async fn start_with(security: Security) -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(Mutex::new(State::default()));
        let shared = Arc::clone(&state);
        let (acceptor, certificate_pem) = match security {
            Security::Plain => (None, None),
            _ => {
                let (acceptor, pem) = tls();
                (Some(acceptor), Some(pem))
            }
        };
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                shared.lock().unwrap().connections += 1;
                let shared = Arc::clone(&shared);
                let acceptor = acceptor.clone();
                tokio::spawn(async move {
                    match (security, acceptor) {
                        (Security::Tls, Some(acceptor)) => {
                            if let Ok(tls) = acceptor.accept(stream).await {
                                serve(Box::new(tls), true, None, shared).await;
                            }
                        }
                        (_, starttls) => serve(Box::new(stream), false, starttls, shared).await,
                    }
                });
            }
        });
        SmtpSink {
            addr,
            security,
            certificate_pem,
            state,
            task,
        }
    }

    /// The URL a client uses: `smtp://127.0.0.1:{port}`, with `?tls=required` for
    /// STARTTLS, or `smtps://` for TLS from the start.
    pub fn url(&self) -> String {
        match self.security {
            Security::Plain => format!("smtp://{}", self.addr),
            Security::StartTls => format!("smtp://{}?tls=required", self.addr),
            Security::Tls => format!("smtps://{}", self.addr),
        }
    }

    /// The sink's certificate (self-signed, for 127.0.0.1), for the client to trust.
    pub fn certificate_pem(&self) -> Option<&str> {
        self.certificate_pem.as_deref()
    }

    /// The next message to `recipient` meets `fault` (queued: several calls, several
    /// messages).
    pub fn fault(&self, recipient: &str, fault: Fault) {
        self.state
            .lock()
            .unwrap()
            .faults
            .entry(recipient.to_lowercase())
            .or_default()
            .push_back(fault);
    }

    pub fn accepted(&self) -> Vec<Received> {
        self.state.lock().unwrap().accepted.clone()
    }

    pub fn refused_after_data(&self) -> Vec<Received> {
        self.state.lock().unwrap().refused_after_data.clone()
    }

    /// The decoded `AUTH` credentials seen (`user\0password` for PLAIN).
    pub fn auth(&self) -> Vec<String> {
        self.state.lock().unwrap().auth.clone()
    }

    pub fn connections(&self) -> usize {
        self.state.lock().unwrap().connections
    }

    /// Waits until `n` messages were accepted (at most 20 s).
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        for _ in 0..2000 {
            let accepted = self.accepted();
            if accepted.len() >= n {
                return accepted;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("the sink got {} messages, not {n}", self.accepted().len());
    }
}

/// A certificate for 127.0.0.1 and localhost made for this run, and its PEM.
fn tls() -> (TlsAcceptor, String) {
    use tokio_rustls::rustls::{self, pki_types::PrivateKeyDer};
    let made =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".into(), "localhost".into()]).unwrap();
    let key = PrivateKeyDer::try_from(made.key_pair.serialize_der()).unwrap();
    // ring is the provider lettre's rustls uses in this tree; its lack of post-quantum
    // key exchange (the deprecation) does not matter for a certificate made for one test.
    #[allow(deprecated)]
    let provider = rustls::crypto::ring::default_provider();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(provider))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![made.cert.der().clone()], key)
        .unwrap();
    (TlsAcceptor::from(Arc::new(config)), made.cert.pem())
}

/// What a session ended with.
enum Next {
    Done,
    /// The client asked for STARTTLS and was told to go ahead: the plain connection.
    StartTls(Box<dyn Io>),
}

/// One connection: the plain part, then (after STARTTLS) the rest over TLS.
async fn serve(
    stream: Box<dyn Io>,
    secure: bool,
    starttls: Option<TlsAcceptor>,
    state: Arc<Mutex<State>>,
) {
    match session(stream, secure, starttls.is_some(), true, &state).await {
        Next::Done => {}
        Next::StartTls(plain) => {
            let Some(acceptor) = starttls else { return };
            if let Ok(tls) = acceptor.accept(plain).await {
                // RFC 3207: no greeting after the handshake; the client says EHLO again.
                session(Box::new(tls), true, false, false, &state).await;
            }
        }
    }
}

async fn session(
    stream: Box<dyn Io>,
    secure: bool,
    offer_starttls: bool,
    greet: bool,
    state: &Arc<Mutex<State>>,
) -> Next {
    let (read, mut write) = tokio::io::split(stream);
    let mut lines = BufReader::new(read);
    macro_rules! say {
        ($text:expr) => {
            if write
                .write_all(format!("{}\r\n", $text).as_bytes())
                .await
                .is_err()
            {
                return Next::Done;
            }
        };
    }
    if greet {
        say!("220 sink.test ESMTP ready");
    }
    let mut from = String::new();
    let mut to: Vec<String> = Vec::new();
    let mut pending_fault: Option<Fault> = None;
    let mut line = String::new();
    loop {
        line.clear();
        match lines.read_line(&mut line).await {
            Ok(0) | Err(_) => return Next::Done,
            Ok(_) => {}
        }
        let command = line.trim_end_matches(['\r', '\n']).to_string();
        let upper = command.to_ascii_uppercase();
        if upper.starts_with("EHLO") {
            say!("250-sink.test");
            if offer_starttls {
                say!("250-STARTTLS");
            }
            say!("250-8BITMIME");
            say!("250-SMTPUTF8");
            say!("250 AUTH PLAIN LOGIN");
        } else if upper == "STARTTLS" && offer_starttls {
            say!("220 2.0.0 go ahead");
            return Next::StartTls(lines.into_inner().unsplit(write));
        } else if upper.starts_with("HELO") {
            say!("250 sink.test");
        } else if upper.starts_with("AUTH PLAIN") {
            let encoded = command[10..].trim();
            let decoded = decode_base64(encoded);
            state.lock().unwrap().auth.push(decoded);
            say!("235 2.7.0 accepted");
        } else if upper.starts_with("MAIL FROM:") {
            from = address(&command[10..]);
            to.clear();
            pending_fault = None;
            say!("250 2.1.0 ok");
        } else if upper.starts_with("RCPT TO:") {
            let recipient = address(&command[8..]);
            let fault = state
                .lock()
                .unwrap()
                .faults
                .get_mut(&recipient.to_lowercase())
                .and_then(VecDeque::pop_front);
            match fault {
                Some(Fault::Rcpt(reply)) => say!(reply),
                other => {
                    pending_fault = other;
                    to.push(recipient);
                    say!("250 2.1.5 ok");
                }
            }
        } else if upper == "DATA" {
            if to.is_empty() {
                say!("554 5.5.1 no valid recipients");
                continue;
            }
            say!("354 end with <CRLF>.<CRLF>");
            let mut data = Vec::new();
            loop {
                let mut raw = Vec::new();
                match lines.read_until(b'\n', &mut raw).await {
                    Ok(0) | Err(_) => return Next::Done,
                    Ok(_) => {}
                }
                if raw == b".\r\n" {
                    break;
                }
                let unstuffed = if raw.starts_with(b"..") {
                    &raw[1..]
                } else {
                    &raw[..]
                };
                data.extend_from_slice(unstuffed);
            }
            let received = Received {
                from: from.clone(),
                to: std::mem::take(&mut to),
                data,
                secure,
            };
            match pending_fault.take() {
                Some(Fault::AfterData(reply)) => {
                    state.lock().unwrap().refused_after_data.push(received);
                    say!(reply);
                }
                Some(Fault::HangUpAfterData) => {
                    state.lock().unwrap().refused_after_data.push(received);
                    return Next::Done;
                }
                _ => {
                    state.lock().unwrap().accepted.push(received);
                    say!("250 2.0.0 queued");
                }
            }
        } else if upper == "RSET" {
            to.clear();
            pending_fault = None;
            say!("250 2.0.0 ok");
        } else if upper == "NOOP" {
            say!("250 2.0.0 ok");
        } else if upper == "QUIT" {
            say!("221 2.0.0 bye");
            return Next::Done;
        } else {
            say!("502 5.5.2 not implemented");
        }
    }
}

/// `<a@b>` (with optional parameters after it) → `a@b`.
fn address(text: &str) -> String {
    let text = text.trim();
    match (text.find('<'), text.find('>')) {
        (Some(start), Some(end)) if start < end => text[start + 1..end].to_string(),
        _ => text.split_whitespace().next().unwrap_or("").to_string(),
    }
}

fn decode_base64(text: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let (mut bits, mut count, mut out) = (0u32, 0, Vec::new());
    for c in text.bytes().filter(|&c| c != b'=') {
        let Some(v) = ALPHABET.iter().position(|&a| a == c) else {
            continue;
        };
        bits = (bits << 6) | v as u32;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
