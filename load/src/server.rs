//! `wrangler dev` (workerd, the real Workers runtime) on free loopback ports with its own state
//! directory, in its own process group, so that killing the group ends workerd too, whatever
//! happens: on success, on error, and when a fault run kills it on purpose.

use std::fs::{self, File};
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::http;

/// How long `wrangler dev` may take to answer `GET /`.
const READY_WITHIN: Duration = Duration::from_secs(180);
/// Starts tried on fresh ports before giving up: a port found free may be taken a moment later.
const START_ATTEMPTS: usize = 3;

/// The operator's secret for `GET /api/games/{code}/usage`: `CLIX_USAGE_SECRET` for a server
/// started elsewhere (`--url`), otherwise one made up for the servers this tool starts.
pub fn usage_secret() -> &'static str {
    static SECRET: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SECRET.get_or_init(|| {
        std::env::var("CLIX_USAGE_SECRET")
            .unwrap_or_else(|_| format!("{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..)))
    })
}

/// Which Worker to serve.
#[derive(Clone, Copy, Debug)]
pub enum Worker {
    /// The game from the repository's `wrangler.toml`. With `build`, wrangler first runs the
    /// config's `[build]` command (`scripts/build.sh`, cargo in the main target directory);
    /// without, a copy of the config without `[build]` serves what is built already, so a run
    /// never waits on, or races, a build of sources being edited.
    Game { build: bool },
    /// The JavaScript broadcast floor of `load/floor/`.
    Floor,
}

/// A scratch directory, removed on drop.
pub struct Scratch(PathBuf);

impl Scratch {
    pub fn new(what: &str) -> Result<Self, String> {
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
        let dir = std::env::temp_dir().join(format!("clix-load-{what}-{}-{nanos}", std::process::id()));
        fs::create_dir_all(&dir).map_err(|err| format!("cannot create {}: {err}", dir.display()))?;
        Ok(Self(dir))
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// A running `wrangler dev`; killed with its whole process group on drop.
pub struct DevServer {
    child: Option<Child>,
    pub url: String,
    /// How long it took to answer `GET /`.
    pub boot: Duration,
}

impl DevServer {
    /// Starts `worker` with Durable Object state in `state` and waits until it answers.
    /// `scratch` holds the log and, for the game, the config without `[build]`.
    pub async fn start(root: &Path, worker: Worker, state: &Path, scratch: &Path) -> Result<Self, String> {
        let config = config(root, worker, scratch)?;
        let mut last = String::new();
        for attempt in 1..=START_ATTEMPTS {
            let log = scratch.join(format!("wrangler-{}.log", fastrand::u32(..)));
            match Self::boot(root, config.as_deref(), state, scratch, &log).await {
                Ok(server) => return Ok(server),
                Err(err) => last = format!("attempt {attempt}: {err}"),
            }
        }
        Err(last)
    }

    async fn boot(
        root: &Path,
        config: Option<&Path>,
        state: &Path,
        scratch: &Path,
        log: &Path,
    ) -> Result<Self, String> {
        let (port, inspector) = free_ports().map_err(|err| format!("no free port: {err}"))?;
        let out = File::create(log).map_err(|err| format!("cannot create {}: {err}", log.display()))?;
        let err = out.try_clone().map_err(|err| err.to_string())?;
        let mut command = Command::new(root.join("node_modules/.bin/wrangler"));
        command.arg("dev");
        if let Some(config) = config {
            command.arg("-c").arg(config);
        }
        command
            .args(["--ip", "127.0.0.1", "--port", &port.to_string()])
            .args(["--inspector-port", &inspector.to_string()])
            .arg("--persist-to")
            .arg(state)
            .args(["--show-interactive-dev-session=false", "--log-level", "warn"])
            .arg("--var")
            .arg(format!("USAGE_SECRET:{}", usage_secret()))
            .current_dir(root)
            .env("WRANGLER_SEND_METRICS", "false")
            .env("CI", "true")
            // Its temporary files in the scratch directory, removed on drop: miniflare leaves a
            // directory in the system's for every server it starts.
            .env("TMPDIR", scratch)
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            // Its own group: wrangler's workerd child is killed with it, and the terminal's
            // Ctrl-C reaches this tool, which then kills the group itself.
            .process_group(0);
        let child = command.spawn().map_err(|err| format!("cannot run wrangler: {err}"))?;
        let began = Instant::now();
        let mut server =
            Self { child: Some(child), url: format!("http://127.0.0.1:{port}"), boot: Duration::ZERO };
        while began.elapsed() < READY_WITHIN {
            if let Some(Ok(Some(status))) = server.child.as_mut().map(Child::try_wait) {
                server.child = None;
                return Err(format!("wrangler dev exited early ({status}):\n{}", tail(log)));
            }
            if http::request(&server.url, "GET", "/", None).await.is_ok_and(|r| r.status == 200) {
                server.boot = began.elapsed();
                return Ok(server);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(format!("wrangler dev did not answer within {READY_WITHIN:?}:\n{}", tail(log)))
    }

    /// Kills the whole process group at once, as a crash would, and reaps wrangler.
    pub fn kill(&mut self) {
        let Some(mut child) = self.child.take() else { return };
        // A negative pid names the group; `kill(1)` spares this crate an `unsafe` libc call.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", child.id())])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = child.kill();
        let _ = child.wait();
    }
}

impl Drop for DevServer {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The server a run plays on: one this tool started (with its state and scratch directories), or
/// one given by URL. Fields drop in order: the server is killed before its state is removed.
pub struct Served {
    server: Option<DevServer>,
    pub url: String,
    /// How long the server took to answer, when this tool started it.
    pub boot: Option<Duration>,
    worker: Worker,
    state: Scratch,
    scratch: Scratch,
}

impl Served {
    /// Starts `worker`, unless `url` names a server already running.
    pub async fn up(root: &Path, worker: Worker, url: Option<String>) -> Result<Self, String> {
        let state = Scratch::new("state")?;
        let scratch = Scratch::new("run")?;
        if let Some(url) = url {
            return Ok(Self { server: None, url, boot: None, worker, state, scratch });
        }
        eprintln!("starting wrangler dev ({worker:?}), state in {}", state.path().display());
        let server = DevServer::start(root, worker, state.path(), scratch.path()).await?;
        eprintln!("server answered at {} after {:.1} s", server.url, server.boot.as_secs_f64());
        Ok(Self {
            url: server.url.clone(),
            boot: Some(server.boot),
            server: Some(server),
            worker,
            state,
            scratch,
        })
    }

    /// Kills the server's whole process group at once, as a crash would.
    pub fn kill(&mut self) -> Result<(), String> {
        let server = self.server.as_mut().ok_or("the server was not started by this tool")?;
        server.kill();
        Ok(())
    }

    /// Starts the server again on the same state directory (on a new port).
    pub async fn restart(&mut self, root: &Path) -> Result<(), String> {
        self.server = None;
        let server = DevServer::start(root, self.worker, self.state.path(), self.scratch.path()).await?;
        self.url = server.url.clone();
        self.boot = Some(server.boot);
        self.server = Some(server);
        Ok(())
    }
}

/// The config to pass with `-c`, if any.
fn config(root: &Path, worker: Worker, scratch: &Path) -> Result<Option<PathBuf>, String> {
    match worker {
        Worker::Floor => Ok(Some(root.join("load/floor/wrangler.toml"))),
        Worker::Game { build: true } => Ok(None),
        Worker::Game { build: false } => {
            for built in ["dist/index.html", "edge/build/worker/shim.mjs"] {
                if !root.join(built).exists() {
                    return Err(format!(
                        "{built} is missing: run ./scripts/build.sh first (or pass --build)"
                    ));
                }
            }
            let text = fs::read_to_string(root.join("wrangler.toml")).map_err(|err| err.to_string())?;
            let path = scratch.join("wrangler.toml");
            fs::write(&path, without_build(&text, root)).map_err(|err| err.to_string())?;
            Ok(Some(path))
        }
    }
}

/// The game's config minus its `[build]` table, with its paths made absolute so that the copy
/// works from the scratch directory.
fn without_build(text: &str, root: &Path) -> String {
    let mut out = String::new();
    let mut in_build = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            in_build = trimmed == "[build]";
        }
        if in_build {
            continue;
        }
        let absolute = ["main", "directory"].iter().find_map(|key| {
            let (name, value) = line.split_once('=')?;
            (name.trim() == *key)
                .then(|| format!("{key} = \"{}\"", root.join(value.trim().trim_matches('"')).display()))
        });
        out.push_str(absolute.as_deref().unwrap_or(line));
        out.push('\n');
    }
    out
}

/// Two distinct free loopback ports: one for the Worker, one for its inspector.
/// Two loopback ports free now, for wrangler to listen on a second or so later. Picked below the
/// range the kernel numbers its own sockets from (`listen` on port 0, outgoing connections): one
/// the kernel handed out can be taken by any socket opened in the meantime, where down here only
/// other runs and test files pick, at random, each checking first (as `tests/support/server.mjs`).
fn free_ports() -> std::io::Result<(u16, u16)> {
    let first = 10_000;
    let kernel_from = fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .ok()
        .and_then(|range| range.split_whitespace().next()?.parse::<u16>().ok())
        .filter(|&low| low > first + 1_000)
        .unwrap_or(32_768);
    let pick = |other: Option<u16>| {
        (0..100)
            .map(|_| fastrand::u16(first..kernel_from))
            .find(|&port| Some(port) != other && TcpListener::bind(("127.0.0.1", port)).is_ok())
            .ok_or_else(|| std::io::Error::other(format!("no free port between {first} and {kernel_from}")))
    };
    let port = pick(None)?;
    Ok((port, pick(Some(port))?))
}

fn tail(log: &Path) -> String {
    let text = fs::read_to_string(log).unwrap_or_default();
    let start = text.len().saturating_sub(4_000);
    text.get(start..).unwrap_or(&text).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_the_build_table_and_anchors_paths() {
        let text = "name = \"x\"\nmain = \"edge/shim.mjs\"\n\n[build]\ncommand = \"./b.sh\"\n\n\
                    [assets]\ndirectory = \"dist\"\n";
        let out = without_build(text, Path::new("/repo"));
        assert!(!out.contains("command"));
        assert!(out.contains("main = \"/repo/edge/shim.mjs\""));
        assert!(out.contains("[assets]\ndirectory = \"/repo/dist\""));
    }
}
