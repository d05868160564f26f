//! A bot against the floor (`load/floor/worker.mjs`): the same frames as the game's bots, at the
//! same rates and moments ([`crate::product`]), the same heartbeats, with rounds as plain
//! wall-clock windows of the game's lengths counted from the host's `start`. The floor echoes
//! each message to every socket of the room, numbered by sender and order, so every bot can tell
//! which action each echo answers.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use serde::Deserialize;
use shared::protocol::{ClientMsg, PROTOCOL_VERSION};
use shared::rules::{HEARTBEAT_MS, RESULTS_MS, Rules};
use tokio::sync::{mpsc, oneshot};
use tokio_tungstenite::tungstenite::Message;

use crate::fanout::{Action, Fanout};
use crate::metrics::{Kind, Tally};
use crate::product::{Build, Pace, pick_rate};
use crate::socket;

/// Echoes still arriving this long after a bot's last round are waited for.
const LINGER: Duration = Duration::from_secs(2);

/// What the bots of one floor room share.
pub struct Room {
    pub name: String,
    pub players: usize,
    pub rules: Rules,
    pub fanout: Mutex<Fanout>,
    pub tally: Tally,
    pub base: String,
    /// How long the host waits, once everyone said hello, before it starts.
    pub start_after: Duration,
}

impl Room {
    pub fn fanout<R>(&self, f: impl FnOnce(&mut Fanout) -> R) -> R {
        f(&mut self.fanout.lock().unwrap_or_else(|poisoned| poisoned.into_inner()))
    }

    /// When round `round` (from 1) opens for a bot that heard the start at `start`: the game's
    /// countdown, then per round the window, the results and the next countdown.
    fn round_start(&self, start: Instant, round: u8) -> Instant {
        let r = &self.rules;
        let cycle = u64::from(r.intermission_ms) + u64::from(r.round_ms) + RESULTS_MS;
        start + Duration::from_millis(u64::from(r.intermission_ms) + u64::from(round - 1) * cycle)
    }
}

/// The parts of an echo a bot needs.
#[derive(Deserialize)]
struct Echo {
    from: usize,
    n: u64,
}

/// Plays seat `me` of `room` until its last round is over. `opened` is told once the socket is
/// open (the host opens first, so it hears everyone's hello); `stop` ends the bot early.
pub async fn play(
    me: usize,
    room: Arc<Room>,
    opened: oneshot::Sender<()>,
    mut stop: mpsc::UnboundedReceiver<()>,
) -> bool {
    let path = format!("/floor/{}/ws?id={me}", room.name);
    let ws = match socket::open(&room.base, &path, &room.tally).await {
        Ok(ws) => ws,
        Err(err) => {
            room.tally.with(|m| m.error(format!("floor socket: {err}")));
            return false;
        }
    };
    let _ = opened.send(());
    let (mut tx, mut rx) = ws.split();
    let mut rng = fastrand::Rng::new();
    let rate = pick_rate(&mut rng);
    // Same length as a seat token, so that the hello frame has the game's size.
    let token: String = (0..32).map(|_| rng.digit(16)).collect();
    let mut outgoing = vec![ClientMsg::Hello { protocol: PROTOCOL_VERSION, token: Some(token) }];
    let mut sent: u64 = 0;
    let mut last_sent = Instant::now();
    let mut hellos = BTreeSet::new();
    let mut start_sent = false;
    let mut start_due: Option<Instant> = None;
    let mut started: Option<Instant> = None;
    let mut next_round: u8 = 1;
    let mut build: Option<Build> = None;
    let second = Duration::from_secs(1);
    let mut beat = tokio::time::interval_at(tokio::time::Instant::now() + second, second);
    loop {
        for msg in outgoing.drain(..) {
            let now = Instant::now();
            sent += 1;
            let kind = match msg {
                ClientMsg::Click { .. } => Some(Kind::Click),
                ClientMsg::Ship { .. } => Some(Kind::Ship),
                ClientMsg::Start => Some(Kind::Start),
                _ => None,
            };
            if let Some(kind) = kind {
                room.fanout(|f| f.sent(Action::Echo { from: me, n: sent }, kind, now));
            }
            let text = serde_json::to_string(&msg).unwrap_or_default();
            if tx.send(Message::text(text)).await.is_err() {
                room.tally.with(|m| m.dropped += 1);
                return false;
            }
            last_sent = Instant::now();
            room.tally.with(|m| m.ws_out += 1);
        }
        let last_round = next_round > room.rules.max_rounds;
        let opens = started.filter(|_| !last_round).map(|s| room.round_start(s, next_round));
        let done = started.filter(|_| last_round).map(|s| {
            room.round_start(s, room.rules.max_rounds)
                + Duration::from_millis(room.rules.round_ms.into())
                + LINGER
        });
        let wake =
            [build.as_ref().and_then(Build::deadline), opens, done, start_due].into_iter().flatten().min();
        let far = Instant::now() + Duration::from_secs(3_600);
        tokio::select! {
            frame = rx.next() => match frame {
                Some(Ok(Message::Text(text))) => {
                    let now = Instant::now();
                    room.tally.with(|m| {
                        m.ws_in += 1;
                        m.size("echo", text.len());
                    });
                    let Ok(echo) = serde_json::from_str::<Echo>(text.as_str()) else { continue };
                    let kind = room.fanout(|f| f.heard(Action::Echo { from: echo.from, n: echo.n }, me, now));
                    if echo.n == 1 {
                        hellos.insert(echo.from);
                    }
                    if kind == Some(Kind::Start) && started.is_none() {
                        started = Some(now);
                    }
                    if me == 0 && hellos.len() == room.players && !start_sent {
                        start_sent = true;
                        start_due = Some(now + room.start_after);
                    }
                }
                Some(Ok(_)) => {}
                Some(Err(_)) | None => {
                    room.tally.with(|m| m.dropped += 1);
                    return false;
                }
            },
            () = tokio::time::sleep_until(wake.unwrap_or(far).into()), if wake.is_some() => {
                let now = Instant::now();
                if start_due.is_some_and(|at| at <= now) {
                    start_due = None;
                    outgoing.push(ClientMsg::Start);
                }
                if let Some(at) = opens.filter(|at| *at <= now) {
                    room.fanout(|f| f.round_started(next_round, at));
                    build = Some(Build::new(next_round, at, room.rules.round_ms, rate, Pace::default(), &mut rng));
                    next_round += 1;
                }
                if let Some(b) = build.as_mut() {
                    outgoing.extend(b.poll(now, &mut rng));
                }
                if done.is_some_and(|at| at <= now) {
                    let _ = tx.send(Message::Close(None)).await;
                    return true;
                }
            }
            _ = beat.tick() => {
                if last_sent.elapsed() >= Duration::from_millis(HEARTBEAT_MS) {
                    outgoing.push(ClientMsg::Heartbeat);
                }
            }
            Some(()) = stop.recv() => {
                let _ = tx.send(Message::Close(None)).await;
                return false;
            }
        }
    }
}
