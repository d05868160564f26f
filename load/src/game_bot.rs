//! A bot that plays the game over its real protocol, as the app does: hello with its seat's
//! token, probe answers at once, a heartbeat only after [`HEARTBEAT_MS`] of quiet, click batches
//! and a ship each round ([`crate::product`]); after a drop it reconnects with the app's backoff
//! and checks that the clicks the server had confirmed are still there.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::stream::SplitSink;
use futures_util::{SinkExt, StreamExt};
use shared::ids::SeatId;
use shared::protocol::{ClientMsg, Event, PROTOCOL_VERSION, ServerMsg};
use shared::rules::HEARTBEAT_MS;
use shared::view::{GameView, Phase, PlayerView, Presence, RoundSummary, Standing};
use tokio::sync::{mpsc, watch};
use tokio_tungstenite::tungstenite::Message;

use crate::fanout::{Action, Fanout};
use crate::metrics::{Kind, Tally};
use crate::product::{Build, pick_rate};
use crate::socket::{self, Ws};

/// What the bots of one game share.
pub struct Table {
    pub code: String,
    /// Seated players, silent ones included: the host starts once all of them are online.
    pub seats: usize,
    pub fanout: Mutex<Fanout>,
    pub tally: Tally,
    /// The server's current base URL; it changes when a fault run restarts the server.
    pub base: watch::Receiver<String>,
}

impl Table {
    pub fn fanout<R>(&self, f: impl FnOnce(&mut Fanout) -> R) -> R {
        f(&mut self.fanout.lock().unwrap_or_else(|poisoned| poisoned.into_inner()))
    }
}

/// One bot's seat.
pub struct Seat {
    /// The bot's number among the game's readers.
    pub reader: usize,
    pub seat: SeatId,
    pub token: String,
    pub host: bool,
}

/// What a run tells a bot.
#[derive(Debug)]
pub enum Command {
    /// Drop the socket at once, without a close frame, and reconnect after this long.
    Drop { back_after: Duration },
    /// Close and stop.
    Stop,
}

/// How a bot's game went.
#[derive(Debug, Default)]
pub struct Outcome {
    pub over: bool,
    /// Still seated (not forfeited) at the game's end.
    pub seated: bool,
    pub rounds: u8,
    /// When each snapshot arrived: the first is the connect, the others reconnects.
    pub snapshots: Vec<Instant>,
    /// When this bot's view came to show every seat online.
    pub all_online: Vec<Instant>,
    /// Reconnects after which the confirmed clicks were found kept.
    pub kept: u32,
    /// The players as this bot saw them at the game's end.
    pub final_players: Vec<PlayerView>,
}

enum End {
    Over,
    Stopped,
    Lost,
    Dropped(Duration),
}

struct Bot {
    me: Seat,
    table: Arc<Table>,
    rng: fastrand::Rng,
    rate: f64,
    view: Option<GameView>,
    build: Option<Build>,
    last_sent: Instant,
    /// Sent actions that the server answers to this socket, oldest first.
    replies: VecDeque<(Kind, Instant)>,
    /// The latest count the server confirmed: (round, clicks).
    confirmed: Option<(u8, u32)>,
    check_kept: bool,
    all_online: bool,
    started: bool,
    out: Outcome,
}

/// Plays seat `me` until the game is over or the run says stop.
pub async fn play(me: Seat, table: Arc<Table>, mut commands: mpsc::UnboundedReceiver<Command>) -> Outcome {
    let mut rng = fastrand::Rng::new();
    let rate = pick_rate(&mut rng);
    let mut bot = Bot {
        me,
        table,
        rng,
        rate,
        view: None,
        build: None,
        last_sent: Instant::now(),
        replies: VecDeque::new(),
        confirmed: None,
        check_kept: false,
        all_online: false,
        started: false,
        out: Outcome::default(),
    };
    let mut attempt = 0;
    loop {
        let base = bot.table.base.borrow().clone();
        let path = format!("/api/games/{}/ws", bot.table.code);
        let end = match socket::open(&base, &path, &bot.table.tally).await {
            Ok(ws) => {
                attempt = 0;
                bot.session(ws, &mut commands).await
            }
            Err(_) => End::Lost,
        };
        bot.check_kept = bot.confirmed.is_some();
        let wait = match end {
            End::Over | End::Stopped => break,
            End::Dropped(wait) => wait,
            End::Lost => {
                attempt += 1;
                socket::backoff(attempt, &mut bot.rng)
            }
        };
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            command = commands.recv() => if matches!(command, Some(Command::Stop) | None) { break },
        }
    }
    bot.out
}

impl Bot {
    async fn session(&mut self, ws: Ws, commands: &mut mpsc::UnboundedReceiver<Command>) -> End {
        let (mut tx, mut rx) = ws.split();
        let hello = ClientMsg::Hello { protocol: PROTOCOL_VERSION, token: Some(self.me.token.clone()) };
        if self.send(&mut tx, hello).await.is_err() {
            return self.lost();
        }
        // Like the app: checked every second, sent only after HEARTBEAT_MS of quiet.
        let second = Duration::from_secs(1);
        let mut beat = tokio::time::interval_at(tokio::time::Instant::now() + second, second);
        let end = 'session: loop {
            let wake = self.build.as_ref().and_then(Build::deadline);
            let far = Instant::now() + Duration::from_secs(3_600);
            let outgoing = tokio::select! {
                frame = rx.next() => match frame {
                    Some(Ok(Message::Text(text))) => self.receive(text.as_str(), Instant::now()),
                    Some(Ok(Message::Close(frame))) => {
                        let why = frame.map(|f| format!("{} {}", f.code, f.reason)).unwrap_or_default();
                        self.table.tally.with(|m| m.error(format!("closed by the server: {why}")));
                        break 'session End::Lost;
                    }
                    Some(Ok(_)) => Vec::new(),
                    Some(Err(_)) | None => break 'session self.lost(),
                },
                () = tokio::time::sleep_until(wake.unwrap_or(far).into()), if wake.is_some() => {
                    let now = Instant::now();
                    let rng = &mut self.rng;
                    self.build.as_mut().map(|b| b.poll(now, rng)).unwrap_or_default()
                }
                _ = beat.tick() => {
                    let quiet = self.last_sent.elapsed() >= Duration::from_millis(HEARTBEAT_MS);
                    if quiet { vec![ClientMsg::Heartbeat] } else { Vec::new() }
                }
                command = commands.recv() => match command {
                    Some(Command::Drop { back_after }) => break 'session End::Dropped(back_after),
                    Some(Command::Stop) | None => {
                        let _ = tx.send(Message::Close(None)).await;
                        break 'session End::Stopped;
                    }
                },
            };
            for msg in outgoing {
                if self.send(&mut tx, msg).await.is_err() {
                    break 'session self.lost();
                }
            }
            if self.out.over {
                let _ = tx.send(Message::Close(None)).await;
                break End::Over;
            }
        };
        // Answers to a socket that is gone never come.
        self.replies.clear();
        end
    }

    fn lost(&mut self) -> End {
        self.table.tally.with(|m| m.dropped += 1);
        End::Lost
    }

    async fn send(&mut self, tx: &mut SplitSink<Ws, Message>, msg: ClientMsg) -> Result<(), ()> {
        let text = serde_json::to_string(&msg).map_err(|_| ())?;
        // Recorded before it leaves, so that no answer can arrive before its question.
        let now = Instant::now();
        match msg {
            ClientMsg::Click { .. } => self.replies.push_back((Kind::Click, now)),
            ClientMsg::Ship { .. } => {
                self.replies.push_back((Kind::Ship, now));
                let ship =
                    Action::Ship { round: self.build.as_ref().map_or(0, |b| b.round), seat: self.me.seat.0 };
                self.table.fanout(|f| f.sent(ship, Kind::Ship, now));
            }
            ClientMsg::Start => {
                self.replies.push_back((Kind::Start, now));
                self.table.fanout(|f| f.sent(Action::Start, Kind::Start, now));
            }
            _ => {}
        }
        tx.send(Message::text(text)).await.map_err(|_| ())?;
        self.last_sent = Instant::now();
        self.table.tally.with(|m| m.ws_out += 1);
        Ok(())
    }

    /// Takes one server message; answers what to send back.
    fn receive(&mut self, text: &str, now: Instant) -> Vec<ClientMsg> {
        let Ok(msg) = serde_json::from_str::<ServerMsg>(text) else {
            self.table.tally.with(|m| m.error("undecodable server message"));
            return Vec::new();
        };
        self.table.tally.with(|m| {
            m.ws_in += 1;
            m.size(event_name(&msg.event), text.len());
        });
        let mut out = Vec::new();
        match &msg.event {
            Event::Probe { nonce } => out.push(ClientMsg::ProbeAck { nonce: *nonce }),
            Event::Snapshot { view } => self.on_snapshot(view, msg.now, now),
            Event::Phase { phase } => self.on_phase(*phase, now),
            Event::YourClicks { clicks } => {
                self.answered(Kind::Click, now);
                self.confirmed = Some((msg.round, *clicks));
            }
            Event::Shipped { seat } => {
                let ship = Action::Ship { round: msg.round, seat: seat.0 };
                self.table.fanout(|f| f.heard(ship, self.me.reader, now));
                if *seat == self.me.seat {
                    self.answered(Kind::Ship, now);
                }
            }
            Event::Rejected { error, .. } => {
                let to = self.replies.pop_front().map_or("unasked", |(kind, _)| kind.name());
                let error = serde_json::to_string(error).unwrap_or_default().replace('"', "");
                self.table.tally.with(|m| m.error(format!("rejected {error} (to {to})")));
            }
            Event::RoundResults { summary } => self.on_results(summary),
            Event::GameOver { .. } => self.out.over = true,
            _ => {}
        }
        let snapshot = matches!(msg.event, Event::Snapshot { .. });
        if let Some(view) = self.view.as_mut().filter(|_| !snapshot) {
            view.apply(&msg.event);
        }
        self.watch_presence(now, snapshot);
        if let Some(view) = self.view.as_ref().filter(|_| self.out.over) {
            self.out.seated = view.player(self.me.seat).is_some_and(|p| p.standing != Standing::Forfeited);
            self.out.final_players = view.players.clone();
        }
        out.extend(self.start_if_ready());
        out
    }

    /// An answer to the oldest action of `kind`: clicks are timed here, at their sender.
    fn answered(&mut self, kind: Kind, now: Instant) {
        let Some(i) = self.replies.iter().position(|(k, _)| *k == kind) else { return };
        if i > 0 {
            self.table.tally.with(|m| m.error(format!("{} answered out of order", kind.name())));
        }
        if let Some((_, sent)) = self.replies.remove(i)
            && kind == Kind::Click
        {
            self.table.tally.with(|m| m.sample(kind, now.saturating_duration_since(sent)));
        }
    }

    fn on_phase(&mut self, phase: Phase, now: Instant) {
        if !matches!(phase, Phase::Waiting { .. }) {
            self.table.fanout(|f| f.heard(Action::Start, self.me.reader, now));
            if self.replies.front().is_some_and(|(k, _)| *k == Kind::Start) {
                self.replies.pop_front();
            }
        }
        match phase {
            Phase::Round { round, .. } => {
                self.table.fanout(|f| f.round_started(round, now));
                self.begin(round, now);
            }
            Phase::Waiting { .. } => {}
            _ => self.build = None,
        }
    }

    fn on_snapshot(&mut self, view: &GameView, server_now: u64, now: Instant) {
        self.view = Some(view.clone());
        self.out.snapshots.push(now);
        if !matches!(view.phase, Phase::Waiting { .. }) {
            self.table.fanout(|f| f.heard(Action::Start, self.me.reader, now));
        }
        match view.phase {
            // Arriving mid-round: the round started when the server says, on this clock.
            Phase::Round { round, started_at, .. } => {
                let behind = Duration::from_millis(server_now.saturating_sub(started_at));
                self.begin(round, now.checked_sub(behind).unwrap_or(now));
            }
            _ => self.build = None,
        }
        if std::mem::take(&mut self.check_kept) {
            self.check_kept(view);
        }
    }

    /// After a reconnect: the server still has at least the clicks it had confirmed.
    fn check_kept(&mut self, view: &GameView) {
        let Some((round, confirmed)) = self.confirmed else { return };
        let settled = view.history.iter().find(|s| s.round == round);
        let now_counted = match view.phase {
            Phase::Round { round: r, .. } | Phase::Results { round: r, .. } if r == round => {
                view.you.map(|y| y.clicks)
            }
            _ => None,
        };
        let kept = settled
            .map(|s| s.rows.iter().find(|r| r.seat == self.me.seat).map_or(0, |r| r.clicks))
            .or(now_counted);
        match kept {
            Some(kept) if kept >= confirmed => self.out.kept += 1,
            Some(_) => self.table.tally.with(|m| m.lost("confirmed clicks gone after a reconnect")),
            None => {
                self.table.tally.with(|m| m.lost("round of the confirmed clicks unknown after a reconnect"))
            }
        }
    }

    fn on_results(&mut self, summary: &RoundSummary) {
        self.out.rounds = self.out.rounds.max(summary.round);
        let Some((_, confirmed)) = self.confirmed.filter(|(round, _)| *round == summary.round) else {
            return;
        };
        let settled = summary.rows.iter().find(|r| r.seat == self.me.seat).map_or(0, |r| r.clicks);
        if settled < confirmed {
            self.table.tally.with(|m| m.lost("round results below the confirmed clicks"));
        }
    }

    /// Starts building round `round` (seen to start at `started`) unless already at it.
    fn begin(&mut self, round: u8, started: Instant) {
        if self.build.as_ref().is_some_and(|b| b.round == round) {
            return;
        }
        let Some(view) = self.view.as_ref() else { return };
        let active = view.me().is_some_and(|p| p.standing == Standing::Active);
        self.build =
            active.then(|| Build::new(round, started, view.rules.round_ms, self.rate, &mut self.rng));
    }

    fn watch_presence(&mut self, now: Instant, reset: bool) {
        let all =
            self.view.as_ref().is_some_and(|v| v.players.iter().all(|p| p.presence == Presence::Online));
        if all && (reset || !self.all_online) {
            self.out.all_online.push(now);
        }
        self.all_online = all;
    }

    /// The host starts once every seat is taken and online.
    fn start_if_ready(&mut self) -> Option<ClientMsg> {
        let view = self.view.as_ref()?;
        let ready = self.me.host
            && !self.started
            && matches!(view.phase, Phase::Waiting { .. })
            && view.players.len() >= self.table.seats
            && view.players.iter().all(|p| p.presence == Presence::Online);
        self.started |= ready;
        ready.then_some(ClientMsg::Start)
    }
}

/// The wire name of a server event, for byte-size statistics.
fn event_name(event: &Event) -> &'static str {
    match event {
        Event::Snapshot { .. } => "snapshot",
        Event::PlayerJoined { .. } => "player_joined",
        Event::PlayerLeft { .. } => "player_left",
        Event::Forfeited { .. } => "forfeited",
        Event::Presence { .. } => "presence",
        Event::HostChanged { .. } => "host_changed",
        Event::Phase { .. } => "phase",
        Event::YourClicks { .. } => "your_clicks",
        Event::Shipped { .. } => "shipped",
        Event::RoundResults { .. } => "round_results",
        Event::GameOver { .. } => "game_over",
        Event::Rematch { .. } => "rematch",
        Event::Probe { .. } => "probe",
        Event::Rejected { .. } => "rejected",
    }
}
