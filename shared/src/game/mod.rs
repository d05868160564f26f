//! The game as a pure state machine: no clock, no I/O, no randomness of its own.
//!
//! Call order, for the owner (the Durable Object, or a test's simulation):
//! 1. feed what happened with a `handle_*` method, passing the current time in ms;
//! 2. drain [`Game::poll_transmit`] and [`Game::poll_close`] and carry them out;
//! 3. carry out [`Game::poll_storage`] (save [`Game::stored`], or delete it) and, once a save is
//!    durable, tell the game with [`Game::handle_saved`]; write each [`Game::poll_record`] to the
//!    operator's log;
//! 4. arm one timer for [`Game::poll_timeout`] and call [`Game::handle_timeout`] when it fires
//!    (early or late is fine: it does what is due and nothing else). Only [`Game::poll_alarm`]
//!    must survive a restart; the rest matters only while sockets are open.
//!
//! Sockets are not part of the saved state: after a restart the owner re-registers the ones still
//! open with [`Game::restore_conn`].
//!
//! Saves come in two kinds. What everyone hears of (a phase, a ship, a seat) is saved before
//! anyone hears of it. Counted clicks are saved at most every
//! [`SAVE_CLICKS_WITHIN_MS`](crate::rules::SAVE_CLICKS_WITHIN_MS): each client keeps its inputs
//! until [`Event::Saved`] says they are stored, and sends them again after a restart (see
//! [`crate::journal`]). So are presence and round trips, which a restart works out afresh from
//! the sockets that come back.

mod bots;
mod lobby;
mod outbox;
mod play;
mod presence;
mod record;
mod saving;
mod seat;
mod settle;
mod stored;
mod timers;
pub mod timing;

use std::collections::{BTreeMap, VecDeque};

use crate::ids::{ConnId, SeatId};
use crate::protocol::{ClientMsg, Event, Rejection, decode_client};
use crate::rules::{GameConfig, REJOIN_SETTLE_MS, REJOIN_WAIT_MS};
use crate::view::{GameView, Phase, You};

pub use lobby::{JoinError, Joined};
pub use outbox::{CLOSE_POLICY, CLOSE_RELOAD, Close, StorageOp, Transmit};
use presence::Conn;
pub use record::{CleanUp, Record};
use saving::Dirty;
use seat::Seat;
pub use stored::{STORED_VERSION, StoredGame, Unreadable};
pub use timers::Timer;
pub use timing::NetworkMeasure;

/// One game, from its waiting room to its end. What a restart keeps is [`StoredGame`].
#[derive(Clone, Debug)]
pub struct Game {
    code: String,
    config: GameConfig,
    /// The room's seed for its bots' dice: the game has no randomness of its own.
    seed: u64,
    phase: Phase,
    /// The latest round begun; 0 before the first.
    round: u8,
    seats: Vec<Seat>,
    host: Option<SeatId>,
    history: Vec<crate::view::RoundSummary>,
    winners: Vec<SeatId>,
    rematch: Option<String>,
    /// While waiting: since when no socket has been open, for the clean-up.
    empty_since: Option<u64>,
    /// While a public game waits with one person and no bots: since when, for the bots.
    alone_since: Option<u64>,
    /// What each bot does in the running round; planned afresh from the seed, never stored.
    plans: Vec<(SeatId, crate::bot::Turn)>,
    /// When the running round stops taking messages: its end plus the latency grace.
    round_closes_at: Option<u64>,
    next_nonce: u32,
    /// The time of the input being handled, stamped on every message it causes.
    now: u64,
    conns: BTreeMap<ConnId, Conn>,
    outbox: VecDeque<Transmit>,
    closes: VecDeque<Close>,
    dirty: Dirty,
    /// Saves handed out so far; each is numbered for [`Game::handle_saved`].
    saves: u32,
    /// Inputs each save in flight holds: (save, seat, round, tab, seq).
    unsaved: VecDeque<(u32, SeatId, u8, crate::protocol::TabId, u32)>,
    /// After a restart mid-round: the seats online before it that have not come back, and the
    /// round's own close, which waits for them (see [`Game::handle_restored`]).
    awaited: Vec<SeatId>,
    own_close: Option<u64>,
    /// When the last save was handed out; stored, so that a restart knows its age.
    saved_at: u64,
    /// In a round running at a restart: when the save it came back from was made.
    restored_from: Option<u64>,
    records: VecDeque<Record>,
    /// When each seat's sockets were closed for flooding lately; in memory only, so a restart
    /// forgives them.
    flood_closes: BTreeMap<SeatId, Vec<u64>>,
    /// When sockets from each address were closed for flooding lately; in memory only as well.
    address_closes: BTreeMap<String, Vec<u64>>,
}

impl Game {
    /// A new game in its waiting room; `seed` (random, from the owner) drives its bots' dice.
    pub fn new(code: String, config: GameConfig, seed: u64, now: u64) -> Self {
        let created = Record::Created { visibility: config.visibility, cap: config.cap };
        Self {
            code,
            config,
            seed,
            phase: Phase::Waiting { starts_at: None },
            round: 0,
            seats: Vec::new(),
            host: None,
            history: Vec::new(),
            winners: Vec::new(),
            rematch: None,
            empty_since: Some(now),
            alone_since: None,
            plans: Vec::new(),
            round_closes_at: None,
            next_nonce: 1,
            now,
            conns: BTreeMap::new(),
            outbox: VecDeque::new(),
            closes: VecDeque::new(),
            dirty: Dirty::Now,
            saves: 0,
            unsaved: VecDeque::new(),
            awaited: Vec::new(),
            own_close: None,
            saved_at: now,
            restored_from: None,
            records: VecDeque::from([created]),
            flood_closes: BTreeMap::new(),
            address_closes: BTreeMap::new(),
        }
    }

    pub fn code(&self) -> &str {
        &self.code
    }

    pub fn config(&self) -> &GameConfig {
        &self.config
    }

    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// What `conn` said in its hello: `None` before it, then its seat (`None` for a spectator).
    pub fn hello_of(&self, conn: ConnId) -> Option<Option<SeatId>> {
        self.conns.get(&conn).and_then(|c| c.hello)
    }

    /// Opens the rematch under `code`, unless one is open already; answers the rematch's code.
    /// Only a finished game has one.
    pub fn handle_rematch(&mut self, code: String, now: u64) -> Option<String> {
        self.now = now;
        if !matches!(self.phase, Phase::Over { .. }) {
            return None;
        }
        if self.rematch.is_none() {
            self.rematch = Some(code.clone());
            self.broadcast(Event::Rematch { code });
            self.save();
        }
        self.rematch.clone()
    }

    /// The rematch's code, once someone opened one.
    pub fn rematch(&self) -> Option<&str> {
        self.rematch.as_deref()
    }

    /// The game as `seat` (or a spectator, for `None`) sees it.
    pub fn view(&self, seat: Option<SeatId>) -> GameView {
        GameView {
            code: self.code.clone(),
            visibility: self.config.visibility,
            cap: self.config.cap,
            rules: self.config.rules,
            phase: self.phase,
            players: self.seats.iter().filter(|s| !s.left).map(Seat::view).collect(),
            host: self.host,
            history: self.history.clone(),
            winners: self.winners.clone(),
            rematch: self.rematch.clone(),
            you: seat.and_then(|id| self.seat(id)).map(|s| You {
                seat: s.id,
                clicks: s.product.clicks,
                tabs: s.product.marks(),
                shipped_ms: s.product.shipped_ms,
            }),
        }
    }

    // ---- inputs ----

    /// A socket opened from address `from` (as [`Game::may_connect`] counts it, where known),
    /// over a path the network measured as `network` (where it could). It must say hello before
    /// anything else.
    pub fn handle_connect(
        &mut self,
        conn: ConnId,
        network: Option<NetworkMeasure>,
        from: Option<String>,
        now: u64,
    ) {
        self.now = now;
        self.conns.insert(conn, Conn::new(now, network, from));
    }

    /// Re-registers a socket that outlived a restart, silently: the players already know it.
    /// `hello` is what the socket had said: `None` if nothing yet, `Some(seat)` after hello;
    /// `network` and `from` what was known of it when it opened.
    pub fn restore_conn(
        &mut self,
        conn: ConnId,
        hello: Option<Option<SeatId>>,
        network: Option<NetworkMeasure>,
        from: Option<String>,
        now: u64,
    ) {
        self.now = now;
        let mut c = Conn::new(now, network, from);
        c.hello = hello;
        // The same socket, so the same path: its seat's samples stand for its own.
        if let Some(seat) = hello.flatten().and_then(|id| self.seat(id)) {
            c.rtt = seat.rtt.clone();
        }
        self.conns.insert(conn, c);
        if hello.is_some() {
            self.empty_since = None;
        }
    }

    /// Tells the game that restoring sockets is over: a seat shown online whose sockets did not
    /// come back is away (everyone still connected hears it), and with no socket left the
    /// clean-up clock starts. Every socket that came back gets the game afresh: what it sent
    /// after the last save is lost here, and its client sends it again on a snapshot.
    ///
    /// A round running at a restart waits for the players who were online before it, up to
    /// [`REJOIN_WAIT_MS`]: their clients hold the inputs the restart lost and send them again on
    /// reconnecting, which must happen before the round is paid, even if its time ran out while
    /// the server was down.
    pub fn handle_restored(&mut self, now: u64) {
        self.now = now;
        if let (Phase::Round { .. }, Some(close)) = (self.phase, self.round_closes_at) {
            self.restored_from = Some(self.saved_at);
            let online =
                self.active().filter(|s| s.bot.is_none() && s.presence == crate::view::Presence::Online);
            let online: Vec<SeatId> = online.map(|s| s.id).collect();
            self.awaited =
                online.into_iter().filter(|&id| !self.conns.values().any(|c| c.seat() == Some(id))).collect();
            if !self.awaited.is_empty() {
                self.own_close = Some(close);
                self.round_closes_at = Some(close.max(now + REJOIN_WAIT_MS));
            }
        }
        // Presence as the sockets that came back say (it is stored only now and then): a seat
        // shown online whose sockets did not come back is away, one whose did is online.
        let seats: Vec<SeatId> = self.seats.iter().filter(|s| !s.left).map(|s| s.id).collect();
        for seat in seats {
            self.announce_presence(seat);
        }
        let back: Vec<(ConnId, Option<SeatId>)> =
            self.conns.iter().filter_map(|(&id, c)| c.hello.map(|seat| (id, seat))).collect();
        for (conn, seat) in back {
            let view = self.view(seat);
            self.send(conn, Event::Snapshot { view });
        }
        if self.conns.is_empty() && self.empty_since.is_none() {
            self.empty_since = Some(now);
        }
    }

    /// A text frame arrived on `conn`. Decoding happens here so every refusal is answered alike.
    pub fn handle_frame(&mut self, conn: ConnId, frame: &str, now: u64) {
        self.now = now;
        let Some(c) = self.conns.get_mut(&conn) else { return };
        c.last_heard = now;
        // The runtime hands text frames over already decoded, with U+FFFD where the bytes were
        // not UTF-8. No message of the protocol carries free text (names travel over HTTP), so a
        // replacement character can only come from a broken or hostile client.
        if frame.contains(char::REPLACEMENT_CHARACTER) {
            self.record(Record::InvalidUtf8 { conn });
            return self.close(conn, outbox::CLOSE_INVALID_DATA, "invalid UTF-8");
        }
        if !c.admit(now) || c.flooded_out(now) {
            return self.strike(conn, Rejection::Flood);
        }
        match decode_client(frame) {
            Ok(msg) => self.handle_message(conn, msg, now),
            Err(rejection) => self.strike(conn, rejection),
        }
    }

    /// A binary frame arrived: the protocol is text only.
    pub fn handle_binary(&mut self, conn: ConnId, now: u64) {
        self.now = now;
        if let Some(c) = self.conns.get_mut(&conn) {
            c.last_heard = now;
            let error =
                if c.admit(now) && !c.flooded_out(now) { Rejection::BadJson } else { Rejection::Flood };
            self.strike(conn, error);
        }
    }

    /// One decoded message from `conn`.
    pub fn handle_message(&mut self, conn: ConnId, msg: ClientMsg, now: u64) {
        self.now = now;
        let Some(c) = self.conns.get(&conn) else { return };
        let hello = c.hello;
        let seat = match (hello, msg) {
            (None, ClientMsg::Hello { protocol, token }) => {
                return self.hello(conn, protocol, token, now);
            }
            (None, _) | (Some(_), ClientMsg::Hello { .. }) => {
                return self.strike(conn, Rejection::HelloFirst);
            }
            (Some(_), ClientMsg::Heartbeat) => return self.probe_if_due(conn, now),
            (Some(_), ClientMsg::ProbeAck { nonce }) => return self.probe_ack(conn, nonce, now),
            (Some(None), _) => return self.reject(conn, Rejection::NotAPlayer),
            (Some(Some(seat)), msg) => (seat, msg),
        };
        let (result, input) = match seat.1 {
            ClientMsg::Start => (self.start(seat.0, now), None),
            ClientMsg::Click { round, tab, seq, count, at } => (
                self.input(seat.0, conn, (round, tab, seq), |g| g.click(seat.0, count, at)),
                Some((tab, seq)),
            ),
            ClientMsg::Ship { round, tab, seq, at } => (
                self.input(seat.0, conn, (round, tab, seq), |g| g.ship(seat.0, conn, at, now)),
                Some((tab, seq)),
            ),
            ClientMsg::Leave => (self.leave(seat.0, now), None),
            ClientMsg::AddBot { level } => (self.add_bot(seat.0, level, now), None),
            ClientMsg::RemoveBot { seat: bot } => (self.remove_bot(seat.0, bot), None),
            // Answered above; kept exhaustive so a new message cannot slip past this match.
            ClientMsg::Hello { .. } | ClientMsg::Heartbeat | ClientMsg::ProbeAck { .. } => (Ok(()), None),
        };
        if let Err(rejection) = result {
            self.reject_input(conn, rejection, input);
        }
        // A clicking player sends batches, not heartbeats: any message may carry the next probe,
        // or round trips would stand still for as long as someone plays.
        self.probe_if_due(conn, now);
    }

    /// A socket closed or failed.
    pub fn handle_disconnect(&mut self, conn: ConnId, now: u64) {
        self.now = now;
        let Some(c) = self.conns.remove(&conn) else { return };
        if let Some(seat) = c.seat() {
            self.announce_presence(seat);
        }
        if self.conns.is_empty() && matches!(self.phase, Phase::Waiting { .. }) {
            self.empty_since = Some(now);
        }
    }

    // ---- outputs ----

    /// The next message to send.
    pub fn poll_transmit(&mut self) -> Option<Transmit> {
        self.outbox.pop_front()
    }

    /// The next socket to close.
    pub fn poll_close(&mut self) -> Option<Close> {
        self.closes.pop_front()
    }

    fn seat(&self, id: SeatId) -> Option<&Seat> {
        self.seats.get(usize::from(id.0)).filter(|s| !s.left)
    }

    fn seat_mut(&mut self, id: SeatId) -> Option<&mut Seat> {
        self.seats.get_mut(usize::from(id.0)).filter(|s| !s.left)
    }

    /// An awaited seat is back after a restart; once all are, the round closes at its own time
    /// or shortly after the last one's return, time for its inputs to arrive again.
    fn rejoined(&mut self, seat: SeatId) {
        self.awaited.retain(|&s| s != seat);
        if self.awaited.is_empty()
            && let Some(own) = self.own_close.take()
            && matches!(self.phase, Phase::Round { .. })
        {
            self.round_closes_at = Some(own.max(self.now + REJOIN_SETTLE_MS));
        }
    }

    fn broadcast(&mut self, event: Event) {
        let to = self.conns.iter().filter(|(_, c)| c.hello.is_some()).map(|(id, _)| *id).collect();
        self.push(to, event);
    }
}
