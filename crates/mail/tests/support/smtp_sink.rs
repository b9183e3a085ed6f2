//! A real SMTP server for the tests, on 127.0.0.1 and a free port: it speaks enough of
//! RFC 5321 for a real client (EHLO, AUTH PLAIN/LOGIN, MAIL, RCPT, DATA with dot
//! unstuffing, RSET, NOOP, QUIT), keeps every message it accepted, and answers 4xx/5xx or
//! hangs up on demand, per recipient, to exercise the outbox's retry rules.
#![allow(dead_code)]

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

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
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(Mutex::new(State::default()));
        let shared = Arc::clone(&state);
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                shared.lock().unwrap().connections += 1;
                tokio::spawn(session(stream, Arc::clone(&shared)));
            }
        });
        SmtpSink { addr, state, task }
    }

    /// `smtp://127.0.0.1:{port}` (no TLS).
    pub fn url(&self) -> String {
        format!("smtp://{}", self.addr)
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

async fn session(stream: TcpStream, state: Arc<Mutex<State>>) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    macro_rules! say {
        ($text:expr) => {
            if write
                .write_all(format!("{}\r\n", $text).as_bytes())
                .await
                .is_err()
            {
                return;
            }
        };
    }
    say!("220 sink.test ESMTP ready");
    let mut from = String::new();
    let mut to: Vec<String> = Vec::new();
    let mut pending_fault: Option<Fault> = None;
    let mut line = String::new();
    loop {
        line.clear();
        match lines.read_line(&mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let command = line.trim_end_matches(['\r', '\n']).to_string();
        let upper = command.to_ascii_uppercase();
        if upper.starts_with("EHLO") {
            say!("250-sink.test");
            say!("250-8BITMIME");
            say!("250-SMTPUTF8");
            say!("250 AUTH PLAIN LOGIN");
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
                    Ok(0) | Err(_) => return,
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
            };
            match pending_fault.take() {
                Some(Fault::AfterData(reply)) => {
                    state.lock().unwrap().refused_after_data.push(received);
                    say!(reply);
                }
                Some(Fault::HangUpAfterData) => {
                    state.lock().unwrap().refused_after_data.push(received);
                    return;
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
            return;
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
