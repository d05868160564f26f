//! One `Game` driven on a virtual clock by fake players over a network where every message takes
//! half its player's round trip each way. Nothing sleeps: time jumps to the next thing due.
#![allow(dead_code, reason = "each test file uses its own part of the harness")]

pub mod arbitrary;
mod client;
pub mod ledger;
mod players;

use std::collections::BTreeMap;

#[allow(unused_imports, reason = "not every test file plans rounds")]
pub use client::{Client, Plan};
use shared::game::{Close, Game, Record, StorageOp};
use shared::host::{Host, MemoryStore, Sockets, Stepped, StoreOp};
use shared::ids::ConnId;
use shared::protocol::{ClientMsg, Event, HEARTBEAT_FRAME, ServerMsg};
use shared::rules::{GameConfig, HEARTBEAT_MS};
use shared::view::Phase;

/// The sims' epoch: any server time will do, as long as it is not zero.
pub const T0: u64 = 1_700_000_000_000;
/// Guards a test against a game that never stops producing work.
const MAX_STEPS: u64 = 10_000_000;

/// Something queued on the virtual clock.
enum Due {
    ToServer {
        conn: ConnId,
        frame: String,
    },
    ToClient {
        client: usize,
        conn: ConnId,
        // Boxed: a snapshot is far larger than every other thing queued.
        msg: Box<ServerMsg>,
    },
    Closed {
        client: usize,
        conn: ConnId,
        code: u16,
    },
    Heartbeat {
        client: usize,
        conn: ConnId,
    },
    Act {
        client: usize,
        conn: ConnId,
        round: u8,
        ship: bool,
    },
    /// A probe's answer, held back by a client that sits on its probes.
    Answer {
        client: usize,
        conn: ConnId,
        nonce: u32,
    },
}

pub struct Sim {
    pub game: Game,
    pub now: u64,
    pub clients: Vec<Client>,
    /// Every socket the game closed, when.
    pub closes: Vec<(u64, Close)>,
    /// Every storage request, when.
    pub storage: Vec<(u64, StorageOp)>,
    /// The game's storage, its in-memory twin: the last bytes saved are all a restart has.
    pub store: MemoryStore,
    pub host: Host,
    /// Every line for the operator's log, when.
    pub records: Vec<(u64, Record)>,
    /// Whether every client's view is compared with the game's whenever nothing is in flight.
    pub check_views: bool,
    /// How many times views were compared.
    pub views_checked: u64,
    /// When the runtime last answered each socket's heartbeat by itself: such a frame never
    /// reaches the game, which hears of it when its timer next fires, as the room does.
    pub heard: BTreeMap<ConnId, u64>,
    /// Heartbeats the runtime answered.
    pub heartbeats_answered: u64,
    queue: BTreeMap<(u64, u64), Due>,
    seq: u64,
    /// Messages and closes on their way to clients.
    to_clients: usize,
    owners: BTreeMap<ConnId, usize>,
    /// Sockets opened so far: each gets the next number, never one a dead socket had.
    sockets: u64,
    steps: u64,
}

impl Sim {
    pub fn new(config: GameConfig) -> Self {
        Self::seeded(config, 7)
    }

    /// A game whose bots roll their dice from `seed`.
    pub fn seeded(config: GameConfig, seed: u64) -> Self {
        let mut sim = Self {
            game: Game::new("simgame23456".into(), config, seed, T0),
            now: T0,
            clients: Vec::new(),
            closes: Vec::new(),
            storage: Vec::new(),
            store: MemoryStore::default(),
            host: Host::default(),
            records: Vec::new(),
            check_views: true,
            views_checked: 0,
            heard: BTreeMap::new(),
            heartbeats_answered: 0,
            queue: BTreeMap::new(),
            seq: 0,
            to_clients: 0,
            owners: BTreeMap::new(),
            sockets: 0,
            steps: 0,
        };
        sim.flush();
        sim
    }

    /// Runs everything due in the next `ms`, then stands at the end of it.
    pub fn advance(&mut self, ms: u64) {
        let until = self.now + ms;
        while self.step(until) {}
        self.now = until;
    }

    /// Runs until no message is on the wire either way, which must happen within a minute:
    /// heartbeats over a round trip near their period would keep the wire busy for ever.
    pub fn run_until_quiet(&mut self) {
        let until = self.now + 60_000;
        while self.in_flight() {
            assert!(self.step(until), "the wire never went quiet");
        }
    }

    fn in_flight(&self) -> bool {
        let wire = |d: &Due| matches!(d, Due::ToServer { .. } | Due::ToClient { .. } | Due::Closed { .. });
        self.queue.values().any(wire)
    }

    /// Runs until `done`, which must happen within `max_ms`.
    pub fn run_until(&mut self, max_ms: u64, mut done: impl FnMut(&Sim) -> bool) {
        let until = self.now + max_ms;
        while !done(self) {
            assert!(self.step(until), "not reached within {max_ms} ms; phase {:?}", self.game.phase());
        }
    }

    /// Runs until the game's phase matches, within `max_ms`.
    pub fn run_to(&mut self, max_ms: u64, wanted: impl Fn(&Phase) -> bool) {
        self.run_until(max_ms, |s| wanted(&s.game.phase()));
    }

    /// Every client's view must equal the game's own view for it. Called whenever nothing is on
    /// its way to a client, this pins the contract: a snapshot, then deltas, add up to the state.
    pub fn assert_views(&self) {
        for c in &self.clients {
            let (Some(view), Some(conn)) = (&c.view, c.conn) else { continue };
            if c.left_room {
                continue;
            }
            // As the server sees the socket: a forfeiting player's sockets watch.
            let expected = self.game.view(self.game.hello_of(conn).flatten());
            assert_eq!(view, &expected, "view of {} at {} differs", c.name, self.now - T0);
        }
    }

    /// Does the earliest thing due by `until`: a delivery, a client's move, or the game's timer.
    /// Deliveries due at the same moment as the timer go first.
    fn step(&mut self, until: u64) -> bool {
        self.steps += 1;
        assert!(self.steps < MAX_STEPS, "the simulation does not settle");
        let next = self.queue.keys().next().map(|&(at, _)| at);
        let timer = self.game.poll_timeout();
        let at = match (next, timer) {
            (Some(n), Some(t)) => n.min(t),
            (n, t) => match n.or(t) {
                Some(at) => at,
                None => return false,
            },
        };
        if at > until {
            return false;
        }
        self.now = self.now.max(at);
        if next == Some(at) {
            let (_, due) = self.queue.pop_first().expect("a key was just seen");
            self.deliver(due);
        } else {
            for (&conn, &at) in &self.heard {
                self.game.handle_heard(conn, at, self.now);
            }
            self.game.handle_timeout(self.now);
            self.flush();
            let again = self.game.poll_timeout();
            assert!(again.is_none_or(|t| t > self.now), "timer at {again:?} still due after firing");
        }
        if self.check_views && self.to_clients == 0 {
            self.assert_views();
            self.views_checked += 1;
        }
        true
    }

    fn deliver(&mut self, due: Due) {
        match due {
            Due::ToServer { conn, frame } if frame == HEARTBEAT_FRAME => {
                self.heard.insert(conn, self.now);
                self.heartbeats_answered += 1;
            }
            Due::ToServer { conn, frame } => {
                self.game.handle_frame(conn, &frame, self.now);
                self.flush();
            }
            Due::ToClient { client, conn, msg } => {
                self.to_clients -= 1;
                if self.clients[client].conn == Some(conn) {
                    self.receive(client, *msg);
                }
            }
            Due::Closed { client, conn, code } => {
                self.to_clients -= 1;
                let c = &mut self.clients[client];
                if c.conn == Some(conn) {
                    c.conn = None;
                    c.closed = Some(code);
                }
            }
            Due::Heartbeat { client, conn } => {
                let c = &self.clients[client];
                let (open, beating) = (c.conn == Some(conn), c.heartbeat);
                if open && beating {
                    self.send(client, &ClientMsg::Heartbeat);
                }
                if open {
                    self.push(self.now + HEARTBEAT_MS, Due::Heartbeat { client, conn });
                }
            }
            Due::Answer { client, conn, nonce } => {
                if self.clients[client].conn == Some(conn) {
                    self.send(client, &ClientMsg::ProbeAck { nonce });
                }
            }
            Due::Act { client, conn, round, ship } => {
                let c = &self.clients[client];
                let in_round = matches!(c.view.as_ref().map(|v| v.phase), Some(Phase::Round { round: r, .. }) if r == round);
                let playing = c.conn == Some(conn) && in_round && c.active();
                let (Some(start), true) = (c.round_start, playing) else { return };
                let elapsed = u32::try_from(self.now - start).expect("rounds are short");
                let (skew, early, claim) =
                    c.plan(round).map_or((0, 0, None), |p| (p.click_skew, p.click_early, p.ship_claim));
                let c = &mut self.clients[client];
                // As on a screen: the product button is gone once shipped.
                if !ship && c.journal.shipped() {
                    return;
                }
                c.tapped += u32::from(!ship);
                let journal = &mut c.journal;
                let sent = match (ship, claim) {
                    (true, claim) => journal.ship(claim.unwrap_or(elapsed)),
                    (false, _) => {
                        journal.tap(elapsed.saturating_add(skew).saturating_sub(early));
                        journal.close_batch().into_iter().collect()
                    }
                };
                for msg in sent {
                    self.send(client, &msg);
                }
            }
        }
    }

    /// A client takes in one message: folds it into its view and reacts as a real client does.
    fn receive(&mut self, i: usize, msg: ServerMsg) {
        let c = &mut self.clients[i];
        match (&msg.event, &mut c.view) {
            (Event::Snapshot { view }, v) => *v = Some(view.clone()),
            (event, Some(v)) => v.apply(event),
            (_, None) => {}
        }
        c.inbox.push((self.now, msg.clone()));
        c.journal.hear(msg.round, &msg.event);
        match msg.event {
            // A (re)connect, or a restart: what the server has not stored goes again.
            Event::Snapshot { ref view } => {
                let c = &mut self.clients[i];
                c.journal.restore(view.phase.round(), view.you.as_ref());
                for msg in c.journal.unsaved() {
                    self.send(i, &msg);
                }
            }
            Event::Phase { phase } if phase.round() != self.clients[i].journal.round() => {
                self.clients[i].journal.begin(phase.round());
                if let Phase::Round { round, .. } = phase {
                    self.begin_round(i, round);
                }
            }
            Event::Probe { nonce } => match (self.clients[i].probe_delay, self.clients[i].conn) {
                (0, _) | (_, None) => self.send(i, &ClientMsg::ProbeAck { nonce }),
                (delay, Some(conn)) => self.push(self.now + delay, Due::Answer { client: i, conn, nonce }),
            },
            Event::Phase { phase: Phase::Round { round, .. } } => self.begin_round(i, round),
            _ => {}
        }
    }

    /// Schedules the round's plan on the client's own screen, from the moment the round reached it.
    fn begin_round(&mut self, i: usize, round: u8) {
        let c = &mut self.clients[i];
        c.round_start = Some(self.now);
        let (Some(plan), Some(conn), true) = (c.plan(round).cloned(), c.conn, c.active()) else { return };
        for (t, ship) in plan.clicks.iter().map(|&t| (t, false)).chain(plan.ship.map(|t| (t, true))) {
            self.push(self.now + u64::from(t), Due::Act { client: i, conn, round, ship });
        }
    }

    /// Carries out what the game asks, as the Durable Object does: through `shared::host`, over
    /// the in-memory twin of its storage, which is durable at once.
    fn flush(&mut self) {
        let mut wire = Wire::default();
        let stepped = self.host.step(&mut self.game, &mut self.store, &mut wire, self.now, |_, _| ());
        self.carry(stepped, wire);
    }

    fn carry(&mut self, stepped: Stepped<()>, wire: Wire) {
        for (to, msg) in wire.sent {
            for conn in to {
                let Some(&client) = self.owners.get(&conn) else { continue };
                let at = self.now + self.clients[client].down();
                self.to_clients += 1;
                self.push(at, Due::ToClient { client, conn, msg: Box::new(msg.clone()) });
            }
        }
        for close in wire.closed {
            if let Some(&client) = self.owners.get(&close.conn) {
                let at = self.now + self.clients[client].down();
                self.to_clients += 1;
                self.push(at, Due::Closed { client, conn: close.conn, code: close.code });
            }
            self.closes.push((self.now, close));
        }
        self.records.extend(stepped.records.into_iter().map(|(_, record)| (self.now, record)));
        if stepped.deleted {
            self.storage.push((self.now, StorageOp::Delete));
        }
        if let Some(save) = stepped.save {
            let hold = self.store.log.iter().rev().find_map(|op| match op {
                StoreOp::Save { hold } => Some(*hold),
                _ => None,
            });
            self.storage.push((self.now, StorageOp::Save { save, hold: hold.unwrap_or(true) }));
            let mut wire = Wire::default();
            let acked = self.host.saved(&mut self.game, &mut self.store, &mut wire, save, self.now);
            self.carry(acked, wire);
        }
    }

    fn push(&mut self, at: u64, due: Due) {
        self.seq += 1;
        self.queue.insert((at, self.seq), due);
    }
}

/// What a step sent, in order, for the simulation to deliver.
#[derive(Default)]
struct Wire {
    sent: Vec<(Vec<ConnId>, ServerMsg)>,
    closed: Vec<Close>,
}

impl Sockets for Wire {
    fn send(&mut self, to: &[ConnId], msg: &ServerMsg) {
        self.sent.push((to.to_vec(), msg.clone()));
    }

    fn close(&mut self, conn: ConnId, code: u16, reason: &'static str) {
        self.closed.push(Close { conn, code, reason });
    }
}
