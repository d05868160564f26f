//! What a run counts: latency samples, message and request counts, errors and losses. One
//! [`Tally`] per run, shared by every bot of it; all times come from one monotonic clock.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::Serialize;
use shared::api::RoomUsage;

/// The actions whose effect is timed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A click batch, until its sender hears it counted (the floor: until everyone hears its echo).
    Click,
    /// A ship, until every player of the game hears of it.
    Ship,
    /// The host's start, until every player hears of the first countdown.
    Start,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Self::Click => "click",
            Self::Ship => "ship",
            Self::Start => "start",
        }
    }
}

/// Byte sizes seen of one kind of server message.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Size {
    pub count: u64,
    pub total: u64,
    pub min: u64,
    pub max: u64,
}

impl Size {
    fn add(&mut self, bytes: u64) {
        self.min = if self.count == 0 { bytes } else { self.min.min(bytes) };
        self.max = self.max.max(bytes);
        self.count += 1;
        self.total += bytes;
    }
}

/// One click batch's answer: its game, when it came and how long it took.
#[derive(Clone, Debug)]
pub struct ClickTime {
    pub game: String,
    pub at: Instant,
    pub ms: f64,
}

/// Everything a run counts.
#[derive(Debug, Default)]
pub struct Metrics {
    /// Latencies in ms, by kind.
    pub latency: BTreeMap<Kind, Vec<f64>>,
    /// Per game and round, how far apart its players saw the round start, in ms.
    pub skew: Vec<f64>,
    /// WebSocket messages sent by the clients.
    pub ws_out: u64,
    /// Of those, heartbeats: the runtime answers each itself, without waking the room or
    /// billing it (`edge/src/room_socket.rs`).
    pub heartbeats: u64,
    /// The runtime's answers to them.
    pub heartbeats_answered: u64,
    /// WebSocket messages the clients received.
    pub ws_in: u64,
    /// HTTP requests other than WebSocket upgrades.
    pub http: u64,
    /// WebSocket upgrades that reached the server.
    pub upgrades: u64,
    /// Players × rounds played, summed over games; the server's bots are players too.
    pub player_rounds: u64,
    /// The same for the people's seats alone (this tool's players): no bot in it.
    pub person_rounds: u64,
    /// HTTP failures, refusals by kind, unexpected closes.
    pub errors: BTreeMap<String, u64>,
    /// Sockets that died without a close handshake, not counting those dropped on purpose.
    pub dropped: u64,
    /// Seats that did not end the game seated.
    pub unseated: u64,
    /// What must never happen: confirmed clicks not kept, effects never heard of, games unfinished.
    pub lost: BTreeMap<String, u64>,
    /// Actions whose effect did not reach every player (a socket was down), by kind.
    pub incomplete: BTreeMap<Kind, u64>,
    /// Byte sizes of server messages, by type.
    pub sizes: BTreeMap<String, Size>,
    /// Lines a fault run adds to the report (downtime, reconnect time, checks passed).
    pub notes: Vec<String>,
    /// What the games' rooms say they handled, summed; `None` when no room was asked (the floor).
    pub rooms: Option<RoomUsage>,
    /// Click latencies in ms with the moment each was answered, for a fault run that compares
    /// a window of the run with the rest.
    pub click_times: Vec<ClickTime>,
}

impl Metrics {
    pub fn sample(&mut self, kind: Kind, took: Duration) {
        self.latency.entry(kind).or_default().push(took.as_secs_f64() * 1_000.0);
    }

    /// A click batch of game `game` sent at `sent` was answered at `now`.
    pub fn click(&mut self, game: &str, sent: Instant, now: Instant) {
        let took = now.saturating_duration_since(sent);
        self.sample(Kind::Click, took);
        self.click_times.push(ClickTime {
            game: game.to_string(),
            at: now,
            ms: took.as_secs_f64() * 1_000.0,
        });
    }

    pub fn error(&mut self, what: impl Into<String>) {
        *self.errors.entry(what.into()).or_default() += 1;
    }

    pub fn lost(&mut self, what: impl Into<String>) {
        *self.lost.entry(what.into()).or_default() += 1;
    }

    pub fn size(&mut self, what: &str, bytes: usize) {
        self.sizes.entry(what.to_string()).or_default().add(bytes as u64);
    }
}

/// A run's [`Metrics`], shared by its bots.
#[derive(Clone, Debug, Default)]
pub struct Tally(Arc<Mutex<Metrics>>);

impl Tally {
    pub fn with<R>(&self, f: impl FnOnce(&mut Metrics) -> R) -> R {
        // A bot that panicked mid-update leaves counts that are still worth reporting.
        let mut metrics = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut metrics)
    }

    pub fn note(&self, line: impl Into<String>) {
        let line = line.into();
        println!("  {line}");
        self.with(|m| m.notes.push(line));
    }
}
