//! Sockets and presence: who is connected, who went silent, each seat's round trip, and the
//! per-socket guard against floods and garbage.

use serde::{Deserialize, Serialize};

use super::timing::{NetworkMeasure, credited_rtt};
use crate::ids::SeatId;
use crate::view::Presence;

/// Round-trip samples kept per seat; the median of them is the estimate, so one slow probe
/// neither costs nor pays.
const RTT_SAMPLES: usize = 5;

/// The server's measure of a seat's round trip.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RttEstimate {
    samples: Vec<u32>,
}

impl RttEstimate {
    pub fn record(&mut self, sample: u32) {
        if self.samples.len() == RTT_SAMPLES {
            self.samples.remove(0);
        }
        self.samples.push(sample);
    }

    /// The median of the recent samples; `None` before the first.
    pub fn estimate(&self) -> Option<u32> {
        let mut sorted = self.samples.clone();
        sorted.sort_unstable();
        sorted.get(sorted.len() / 2).copied()
    }
}

/// Messages a socket may send per second, sustained. A player sends about one message a
/// second (a click batch, a heartbeat or a probe answer); thirty leaves room for any honest burst.
const MESSAGES_PER_SECOND: u64 = 30;
/// Messages a socket may send at once.
const MESSAGE_BURST: u64 = 60;
/// Refused messages (floods or garbage) after which a socket is closed as abusive.
pub const STRIKES_TO_CLOSE: u32 = 50;
/// How long a socket may stay over its budget before it is closed: a client that bursts once
/// (a reconnect sending its journal again) is back within it, a flood is not.
pub const FLOOD_CLOSE_MS: u64 = 1_000;
/// Messages of budget a socket over it must win back (by sending less than its rate) for its
/// spell over the budget to end.
const FLOOD_FORGIVEN_AT: u64 = 10;
/// Messages over the budget that are answered with `flood`, in a socket's whole life: the client
/// hears why, and a flood costs no reply per message it sends, however its frames are spaced
/// (a flood that pauses long enough to win back its budget begins a new spell, not new answers).
pub const FLOODS_ANSWERED: u32 = 3;

/// Closes for flooding within [`FLOOD_WAIT_MS`] after which a seat's token must wait before a
/// socket of it may say hello again.
pub const FLOOD_CLOSES_TO_WAIT: usize = 3;
/// How far back a seat's closes for flooding count, and so how long it waits at most.
pub const FLOOD_WAIT_MS: u64 = 60_000;
/// Closes for flooding within [`FLOOD_WAIT_MS`] after which a client address may not open
/// another socket to the game. Fewer than a seat's: turning an address away takes nothing a
/// player has (sockets open stay, and seats), while each socket let in costs everyone on the
/// runtime the thousands of frames it writes before it hears the Close. Two, not one: a player
/// whose page misbehaved once does not lock out the network it shares.
pub const ADDRESS_CLOSES_TO_WAIT: usize = 2;
/// Addresses whose closes for flooding a room remembers at most, so that a flood from many
/// addresses cannot grow its memory; the one closed longest ago is forgotten first.
const ADDRESSES_KEPT: usize = 64;

/// One open socket.
#[derive(Clone, Debug)]
pub struct Conn {
    /// Set once `hello` was accepted; `None` inside means a spectator.
    pub hello: Option<Option<SeatId>>,
    /// What the network measured of this socket's path, when it opened.
    pub network: Option<NetworkMeasure>,
    /// The client's address as the room counts it (a whole IPv6 /64 as one), when known.
    pub from: Option<String>,
    /// This socket's own probe samples: stamps it carries are credited from these.
    pub rtt: RttEstimate,
    pub last_heard: u64,
    /// The probe in flight: its nonce and when it was sent.
    pub probe: Option<(u32, u64)>,
    /// When the last probe was sent, answered or not.
    pub probed_at: Option<u64>,
    /// Refused messages so far.
    pub strikes: u32,
    /// Since when the socket has been over its budget; cleared once it won back
    /// [`FLOOD_FORGIVEN_AT`] messages of budget.
    pub flooding: Option<u64>,
    /// Messages over the budget it was told `flood` for.
    floods_told: u32,
    /// Message budget, in thousandths of a message.
    budget: u64,
    budget_at: u64,
}

impl Conn {
    pub fn new(now: u64, network: Option<NetworkMeasure>, from: Option<String>) -> Self {
        Self {
            hello: None,
            network,
            from,
            rtt: RttEstimate::default(),
            last_heard: now,
            probe: None,
            probed_at: None,
            strikes: 0,
            flooding: None,
            floods_told: 0,
            budget: MESSAGE_BURST * 1_000,
            budget_at: now,
        }
    }

    /// The seat this socket plays for, once it said hello with that seat's token.
    pub fn seat(&self) -> Option<SeatId> {
        self.hello.flatten()
    }

    /// The round trip credited to this socket's stamps.
    pub fn credit(&self) -> u32 {
        credited_rtt(self.network, self.rtt.estimate())
    }

    /// The credit, once something measured it: the network, or a probe. An unmeasured socket
    /// not yet probed is credited nothing, which says nothing of its path.
    pub fn measured_credit(&self) -> Option<u32> {
        (self.network.is_some() || self.rtt.estimate().is_some()).then(|| self.credit())
    }

    /// Spends one message from the socket's budget; `false` when it is over it. A socket still
    /// in its spell over the budget [`FLOOD_CLOSE_MS`] after it began is flooding, whether this
    /// message fits or not: see [`Conn::flooded_out`].
    pub fn admit(&mut self, now: u64) -> bool {
        let elapsed = now.saturating_sub(self.budget_at);
        self.budget_at = self.budget_at.max(now);
        self.budget = (self.budget + elapsed * MESSAGES_PER_SECOND).min(MESSAGE_BURST * 1_000);
        if self.budget >= FLOOD_FORGIVEN_AT * 1_000 {
            self.flooding = None;
        }
        if self.budget >= 1_000 {
            self.budget -= 1_000;
            true
        } else {
            self.flooding.get_or_insert(now);
            false
        }
    }

    /// Whether a flood has gone on long enough to close the socket: the socket went over its
    /// budget [`FLOOD_CLOSE_MS`] ago or more and has not won back [`FLOOD_FORGIVEN_AT`] since.
    pub fn flooded_out(&self, now: u64) -> bool {
        self.flooding.is_some_and(|since| since + FLOOD_CLOSE_MS <= now)
    }

    /// Whether this message over the budget still gets its `flood` answer; counts it if so.
    pub fn tell_flood(&mut self) -> bool {
        let tell = self.floods_told < FLOODS_ANSWERED;
        self.floods_told += u32::from(tell);
        tell
    }
}

use super::Game;
use super::outbox::CLOSE_RELOAD;
use crate::ids::ConnId;
use crate::protocol::{Event, PROTOCOL_VERSION, Rejection};
use crate::rules::{AWAY_AFTER_MS, PROBE_EVERY_MS};
use crate::view::Phase;

/// A change of round trip smaller than this is not worth telling everyone.
const RTT_ANNOUNCE_STEP_MS: u32 = 3;

impl Game {
    /// The socket's first message: binds it to a seat (with that seat's token) or to spectating.
    pub(super) fn hello(&mut self, conn: ConnId, protocol: u32, token: Option<String>, now: u64) {
        if protocol != PROTOCOL_VERSION {
            self.reject(conn, Rejection::ProtocolMismatch);
            return self.close(conn, CLOSE_RELOAD, "protocol mismatch: reload");
        }
        let seat = match token {
            None => None,
            Some(token) => match self.seat_of_token(&token) {
                Some(seat) => Some(seat),
                None => {
                    self.record(super::Record::BadSeatToken { conn });
                    self.reject(conn, Rejection::BadToken);
                    return self.close(conn, super::outbox::CLOSE_POLICY, "bad seat token");
                }
            },
        };
        if let Some(seat) = seat
            && self.must_wait(seat, now)
        {
            // Its seat and what it already stored stay; only this socket is turned away.
            self.reject(conn, Rejection::Flood);
            return self.close(conn, super::outbox::CLOSE_POLICY, "flooding: wait a minute");
        }
        if let Some(c) = self.conns.get_mut(&conn) {
            c.hello = Some(seat);
        }
        if let Some(seat) = seat {
            self.note_credit(seat, conn);
            self.rejoined(seat);
        }
        self.empty_since = None;
        // Presence first, so that the snapshot already shows this player online.
        if let Some(seat) = seat {
            self.announce_presence(seat);
        }
        let view = self.view(seat);
        self.send(conn, Event::Snapshot { view });
        if seat.is_some() {
            self.probe(conn, now);
        }
    }

    /// Whether a socket from address `from` may open now. Where sockets from it were closed for
    /// flooding [`ADDRESS_CLOSES_TO_WAIT`] times within the last [`FLOOD_WAIT_MS`], `Err` with
    /// the ms until that is no longer so. Asked before the upgrade: a flooder turned away there
    /// sends the room no frame at all, where one turned away at hello has already sent its
    /// thousands, which the runtime reads one by one. Sockets open already and seats stay.
    pub fn may_connect(&mut self, from: &str, now: u64) -> Result<(), u64> {
        let Some(closes) = self.address_closes.get_mut(from) else { return Ok(()) };
        closes.retain(|&at| at + FLOOD_WAIT_MS > now);
        // Waits until all but the last few are a minute old (each is younger than that).
        match closes.len().checked_sub(ADDRESS_CLOSES_TO_WAIT).and_then(|i| closes.get(i)) {
            Some(&at) => Err(at + FLOOD_WAIT_MS - now),
            None => {
                if closes.is_empty() {
                    self.address_closes.remove(from);
                }
                Ok(())
            }
        }
    }

    /// Remembers that a socket from `from` was closed for flooding at `now`.
    pub(super) fn note_address_close(&mut self, from: String, now: u64) {
        if !self.address_closes.contains_key(&from) && self.address_closes.len() >= ADDRESSES_KEPT {
            self.address_closes.retain(|_, closes| closes.last().is_some_and(|&at| at + FLOOD_WAIT_MS > now));
            let oldest = self.address_closes.iter().min_by_key(|(_, closes)| closes.last().copied());
            if let Some(key) = oldest.map(|(key, _)| key.clone())
                && self.address_closes.len() >= ADDRESSES_KEPT
            {
                self.address_closes.remove(&key);
            }
        }
        self.address_closes.entry(from).or_default().push(now);
    }

    /// Whether the seat's sockets were closed for flooding [`FLOOD_CLOSES_TO_WAIT`] times within
    /// the last [`FLOOD_WAIT_MS`]: then its token waits before it may open another.
    fn must_wait(&mut self, seat: SeatId, now: u64) -> bool {
        let Some(closes) = self.flood_closes.get_mut(&seat) else { return false };
        closes.retain(|&at| at + FLOOD_WAIT_MS > now);
        closes.len() >= FLOOD_CLOSES_TO_WAIT
    }

    /// The person's seat this token holds; a bot's seat is no one's to take.
    fn seat_of_token(&self, token: &str) -> Option<SeatId> {
        self.persons().find(|s| s.token == token).map(|s| s.id)
    }

    /// Sends a probe to time the socket's round trip.
    pub(super) fn probe(&mut self, conn: ConnId, now: u64) {
        let nonce = self.next_nonce;
        self.next_nonce = self.next_nonce.wrapping_add(1);
        if let Some(c) = self.conns.get_mut(&conn) {
            c.probe = Some((nonce, now));
            c.probed_at = Some(now);
            self.send(conn, Event::Probe { nonce });
        }
    }

    /// Probes again once [`PROBE_EVERY_MS`] passed since the last probe, whatever the socket
    /// sent. Each probe costs the player an answer, so the samples are spaced; the median of
    /// five covers 30 s.
    pub(super) fn probe_if_due(&mut self, conn: ConnId, now: u64) {
        let due =
            self.conns.get(&conn).is_some_and(|c| c.probed_at.is_none_or(|at| at + PROBE_EVERY_MS <= now));
        if due {
            self.probe(conn, now);
        }
    }

    /// The runtime answered a heartbeat of `conn` at `at`, without waking the room: the socket
    /// was heard then. A seat's socket that only says it is there gets its probes from here,
    /// spaced as [`Game::probe_if_due`] spaces them.
    pub fn handle_heard(&mut self, conn: ConnId, at: u64, now: u64) {
        self.now = now;
        let Some(c) = self.conns.get_mut(&conn) else { return };
        // A runtime's moment from the future would keep a silent socket forever.
        let at = at.min(now);
        if at <= c.last_heard {
            return;
        }
        c.last_heard = at;
        if c.seat().is_some() {
            self.probe_if_due(conn, now);
        }
    }

    /// A probe came back: one more round-trip sample for the socket's seat.
    pub(super) fn probe_ack(&mut self, conn: ConnId, nonce: u32, now: u64) {
        let Some(c) = self.conns.get_mut(&conn) else { return };
        // A stale or made-up nonce is ignored: only the probe in flight measures anything.
        let Some((_, sent_at)) = c.probe.filter(|(n, _)| *n == nonce) else { return };
        c.probe = None;
        let Some(seat) = c.seat() else { return };
        let sample = u32::try_from(now.saturating_sub(sent_at)).unwrap_or(u32::MAX);
        c.rtt.record(sample);
        if let Some(s) = self.seat_mut(seat) {
            s.rtt.record(sample);
        }
        self.note_credit(seat, conn);
        self.announce_presence(seat);
    }

    /// Lowers the seat's credit for this round to what `conn` is credited, if that is less:
    /// a seat's stamps count on its fastest path (`timing.rs`).
    pub(super) fn note_credit(&mut self, seat: SeatId, conn: ConnId) {
        if !matches!(self.phase, Phase::Intermission { .. } | Phase::Round { .. }) {
            return;
        }
        let Some(credit) = self.conns.get(&conn).and_then(Conn::measured_credit) else { return };
        if let Some(s) = self.seat_mut(seat) {
            let floor = s.product.rtt_floor.map_or(credit, |f| f.min(credit));
            s.product.rtt_floor = Some(floor);
        }
    }

    /// Tells everyone if the seat's presence or round trip changed.
    pub(super) fn announce_presence(&mut self, seat: SeatId) {
        let online = self.conns.values().any(|c| c.seat() == Some(seat));
        let Some(s) = self.seat_mut(seat) else { return };
        // A bot is always there.
        let presence = if online || s.bot.is_some() { Presence::Online } else { Presence::Away };
        let rtt = s.rtt.estimate();
        let rtt_moved = match (rtt, s.announced_rtt) {
            (Some(new), Some(old)) => new.abs_diff(old) >= RTT_ANNOUNCE_STEP_MS,
            (new, old) => new != old,
        };
        if presence == s.presence && !rtt_moved {
            return;
        }
        s.presence = presence;
        if rtt_moved {
            s.announced_rtt = rtt;
        }
        let rtt_ms = s.announced_rtt;
        self.broadcast(Event::Presence { seat, presence, rtt_ms });
        // Presence and round trips are worked out afresh after a restart, so they are stored
        // with the next coalesced save; who hosts is not, and is stored before anyone hears.
        if presence == Presence::Away && self.host == Some(seat) {
            self.hand_over_host(seat);
            self.save();
        } else {
            self.save_soon();
        }
    }

    /// Closes sockets that have been silent for [`AWAY_AFTER_MS`]: their players are away.
    pub(super) fn drop_silent(&mut self, now: u64) {
        let silent: Vec<ConnId> = self
            .conns
            .iter()
            .filter(|(_, c)| c.last_heard + AWAY_AFTER_MS <= now)
            .map(|(id, _)| *id)
            .collect();
        for conn in silent {
            self.close(conn, 1001, "silent for too long");
        }
        if self.conns.is_empty() && matches!(self.phase, Phase::Waiting { .. }) {
            self.empty_since.get_or_insert(now);
        }
    }
}
