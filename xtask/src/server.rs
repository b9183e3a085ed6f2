//! Starts a built `dokkan` (release, or the tests' debug build) on a fresh port against a
//! database, and stops it with SIGTERM (the way an orchestrator would).

use crate::util::{self, run, step};
use anyhow::{bail, Context};
use std::{
    io::{Read, Write},
    net::TcpStream,
    path::PathBuf,
    process::{Child, Command},
    time::{Duration, Instant},
};

pub struct Server {
    child: Child,
    pub port: u16,
    pub log: PathBuf,
    /// Where the development mail sink writes this server's mail.
    pub mail_dir: PathBuf,
}

impl Server {
    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Migrates a freshly created `database`, seeds the demo catalog, starts serving.
    /// `fake_card_provider`: the card flow runs against the local fake (the binary must
    /// contain it: debug builds do, release builds do not).
    pub fn start_fresh(
        dokkan: &std::path::Path,
        database_url: &str,
        name: &str,
        fake_card_provider: bool,
    ) -> anyhow::Result<Server> {
        Self::start_fresh_with(dokkan, database_url, name, fake_card_provider, &[])
    }

    /// Like [`Server::start_fresh`], with extra environment for `dokkan serve`.
    pub fn start_fresh_with(
        dokkan: &std::path::Path,
        database_url: &str,
        name: &str,
        fake_card_provider: bool,
        env: &[(&str, &str)],
    ) -> anyhow::Result<Server> {
        step(&format!("Preparing database {name} (fresh, demo catalog)"));
        run(util::dokkan(dokkan)
            .args(["migrate", "--fresh"])
            .env("DATABASE_URL", database_url))?;
        run(util::dokkan(dokkan)
            .arg("seed")
            .env("DATABASE_URL", database_url))?;
        let port = util::free_port()?;
        let log = util::root()
            .join("target")
            .join(format!("{name}-server.log"));
        let log_file = std::fs::File::create(&log)?;
        let mail_dir = util::root().join("target").join(format!("{name}-mail"));
        // Each run starts with an empty mailbox, so tests only see their own mail.
        let _ = std::fs::remove_dir_all(&mail_dir);
        let child = util::dokkan(dokkan)
            .arg("serve")
            .env("DATABASE_URL", database_url)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("DOKKAN_PUBLIC_URL", format!("http://127.0.0.1:{port}"))
            .env("DOKKAN_MAIL_DIR", &mail_dir)
            .env(
                "DOKKAN_FAKE_CARD_PROVIDER",
                if fake_card_provider { "1" } else { "0" },
            )
            // The browser tests' push service is a local receiver (no internet here).
            .env("DOKKAN_PUSH_ALLOW_LOOPBACK", "1")
            .env(
                "RUST_LOG",
                std::env::var("RUST_LOG").unwrap_or_else(|_| "warn".into()),
            )
            .envs(env.iter().copied())
            .stdout(log_file.try_clone()?)
            .stderr(log_file)
            .spawn()
            .context("starting dokkan")?;
        let server = Server {
            child,
            port,
            log,
            mail_dir,
        };
        server.wait_ready()?;
        println!(
            "    serving on {} (log: {})",
            server.base_url(),
            server.log.display()
        );
        Ok(server)
    }

    fn wait_ready(&self) -> anyhow::Result<()> {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if get_status(self.port, "/ready") == Some(200) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        bail!(
            "dokkan did not become ready in 30 s; see {}",
            self.log.display()
        )
    }

    pub fn stop(mut self) -> anyhow::Result<()> {
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait()? {
                if !status.success() {
                    bail!(
                        "dokkan exited with {status} after SIGTERM; see {}",
                        self.log.display()
                    );
                }
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        bail!("dokkan did not stop within 15 s of SIGTERM")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// A bare HTTP/1.1 GET; the status code, or `None` when nothing answers.
pub fn get_status(port: u16, path: &str) -> Option<u16> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut head = [0u8; 32];
    let n = stream.read(&mut head).ok()?;
    let line = String::from_utf8_lossy(&head[..n]);
    line.split_whitespace().nth(1)?.parse().ok()
}
