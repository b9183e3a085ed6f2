//! Finds or brings up PostgreSQL, in this order:
//! 1. `DATABASE_URL`, when set;
//! 2. a server on 127.0.0.1:5432 (trust auth, user `postgres`);
//! 3. a private cluster under `target/postgres`, started from the machine's PostgreSQL
//!    binaries (Debian's `postgresql` is installed first when missing and we are root).

use crate::util::{self, run, step};
use anyhow::{bail, Context};
use std::{
    net::{SocketAddr, TcpStream},
    path::PathBuf,
    process::Command,
    time::Duration,
};

const PRIVATE_PORT: u16 = 54329;

/// A URL for database `name` on a running server. With `DATABASE_URL` set, that URL
/// is used as it is.
pub fn ensure(name: &str) -> anyhow::Result<String> {
    if let Ok(url) = std::env::var("DATABASE_URL") {
        if !url.is_empty() {
            println!("    using DATABASE_URL");
            return Ok(url);
        }
    }
    Ok(format!("{}/{name}", ensure_server()?))
}

/// The base URL (no database) of a running server we may create databases on.
pub fn ensure_server() -> anyhow::Result<String> {
    if let Ok(url) = std::env::var("DATABASE_URL") {
        // Query parameters (sslmode, …) are dropped: the base is only for creating and
        // naming other databases on the same server.
        let without_query = url.split('?').next().unwrap_or_default();
        if let Some((base, _db)) = without_query.rsplit_once('/') {
            if base.contains("://") && !base.ends_with("//") {
                return Ok(base.to_string());
            }
        }
    }
    if listening(5432) {
        println!("    using PostgreSQL on 127.0.0.1:5432");
        return Ok("postgres://postgres@127.0.0.1:5432".to_string());
    }
    start_private_cluster()?;
    Ok(format!("postgres://postgres@127.0.0.1:{PRIVATE_PORT}"))
}

fn listening(port: u16) -> bool {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    TcpStream::connect_timeout(&addr, Duration::from_millis(500)).is_ok()
}

fn postgres_bin_dir() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_string_lossy().parse::<u32>().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

fn start_private_cluster() -> anyhow::Result<()> {
    step(&format!(
        "Starting a private PostgreSQL cluster on 127.0.0.1:{PRIVATE_PORT}"
    ));
    if listening(PRIVATE_PORT) {
        println!("    already running");
        return Ok(());
    }
    let bin = match postgres_bin_dir() {
        Some(bin) => bin,
        None => {
            if !util::is_root() {
                bail!(
                    "PostgreSQL is not running and its server binaries are missing.\n\
                     Either set DATABASE_URL to a PostgreSQL 15+ database, start a server on \
                     127.0.0.1:5432 with trust authentication, or install it: \
                     `sudo apt-get install -y postgresql`"
                );
            }
            util::apt_install(&["postgresql"])?;
            postgres_bin_dir().context("postgresql installed but initdb not found")?
        }
    };
    let base = util::root().join("target").join("postgres");
    let data = base.join("data");
    let socket = base.join("socket");
    std::fs::create_dir_all(&socket)?;
    // initdb refuses to run as root: as root, the cluster belongs to the postgres user.
    let as_postgres = util::is_root();
    if as_postgres {
        run(Command::new("chown")
            .args(["-R", "postgres:postgres"])
            .arg(&base))?;
        let reachable = Command::new("runuser")
            .args(["-u", "postgres", "--", "test", "-w"])
            .arg(&base)
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        if !reachable {
            bail!(
                "the postgres user cannot reach {} (a parent folder is private); \
                 set DATABASE_URL or start PostgreSQL on 127.0.0.1:5432",
                base.display()
            );
        }
    }
    let pg = |program: &str| -> Command {
        let path = bin.join(program);
        if as_postgres {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(path);
            command
        } else {
            Command::new(path)
        }
    };
    if !data.join("PG_VERSION").exists() {
        run(pg("initdb")
            .arg("-D")
            .arg(&data)
            .args([
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ])
            .stdout(std::process::Stdio::null()))?;
    }
    run(pg("pg_ctl")
        .arg("-D")
        .arg(&data)
        .arg("-l")
        .arg(data.join("server.log"))
        .arg("-o")
        .arg(format!(
            "-p {PRIVATE_PORT} -k {} -c listen_addresses=127.0.0.1",
            socket.display()
        ))
        .args(["-w", "start"]))?;
    println!(
        "    stop it with: {} -D {} -m fast stop",
        bin.join("pg_ctl").display(),
        data.display()
    );
    Ok(())
}
