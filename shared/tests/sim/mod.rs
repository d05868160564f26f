//! One `Game` driven on a virtual clock by fake players over a network where every message takes
//! half its player's round trip each way. Nothing sleeps: time jumps to the next thing due.
#![allow(dead_code, reason = "each test file uses its own part of the harness")]

mod client;

use std::collections::BTreeMap;

#[allow(unused_imports, reason = "not every test file plans rounds")]
pub use client::{Client, Plan};
use shared::game::{Close, Game, JoinError, StorageOp};
use shared::ids::ConnId;
use shared::protocol::{ClientMsg, Event, PROTOCOL_VERSION, ServerMsg};
use shared::rules::{GameConfig, HEARTBEAT_MS, Rules};
use shared::view::{GameView, Phase, RoundRow};

/// The sims' epoch: any server time will do, as long as it is not zero.
pub const T0: u64 = 1_700_000_000_000;
/// Guards a test against a game that never stops producing work.
const MAX_STEPS: u64 = 10_000_000;

enum Due {
    ToServer { conn: ConnId, frame: String },
    ToClient { client: usize, conn: ConnId, msg: ServerMsg },
    Closed { client: usize, conn: ConnId, code: u16 },
    Heartbeat { client: usize, conn: ConnId },
    Act { client: usize, conn: ConnId, round: u8, ship: bool, stamp_skew: u32 },
}

pub struct Sim {
    pub game: Game,
    pub now: u64,
    pub clients: Vec<Client>,
    /// Every socket the game closed, when.
    pub closes: Vec<(u64, Close)>,
    /// Every storage request, when.
    pub storage: Vec<(u64, StorageOp)>,
    /// Whether every client's view is compared with the game's whenever nothing is in flight.
    pub check_views: bool,
    /// How many times views were compared.
    pub views_checked: u64,
    queue: BTreeMap<(u64, u64), Due>,
    seq: u64,
    /// Messages and closes on their way to clients.
    to_clients: usize,
    owners: BTreeMap<ConnId, usize>,
    steps: u64,
}

impl Sim {
    pub fn new(config: GameConfig) -> Self {
        let mut sim = Self {
            game: Game::new("simgame23456".into(), config, T0),
            now: T0,
            clients: Vec::new(),
            closes: Vec::new(),
            storage: Vec::new(),
            check_views: true,
            views_checked: 0,
            queue: BTreeMap::new(),
            seq: 0,
            to_clients: 0,
            owners: BTreeMap::new(),
            steps: 0,
        };
        sim.flush();
        sim
    }

    /// A private game of one connected player per round trip in `rtts`, full and so starting.
    pub fn started(rules: Rules, rtts: &[u64]) -> Self {
        let cap = u8::try_from(rtts.len()).expect("a few players");
        let mut sim = Self::new(GameConfig::private(cap, rules).expect("valid rules and cap"));
        for (n, rtt) in rtts.iter().enumerate() {
            sim.player(&format!("P{n}"), *rtt);
        }
        sim
    }

    /// Someone pressed "Play again" and the owner opened a rematch under `code`.
    pub fn rematch(&mut self, code: &str) -> Option<String> {
        let answer = self.game.handle_rematch(code.to_string(), self.now);
        self.flush();
        answer
    }

    /// The rows of a settled round, as the game keeps them.
    pub fn rows(&self, round: u8) -> Vec<RoundRow> {
        let history = self.game.view(None).history;
        history.into_iter().find(|s| s.round == round).map(|s| s.rows).unwrap_or_default()
    }

    /// The runtime restarts: the game comes back from its saved state and the sockets that stayed
    /// open are registered again, as the Durable Object does after eviction.
    pub fn restart(&mut self) {
        let saved = serde_json::to_string(&self.game).expect("a game serializes");
        let open: Vec<_> =
            self.owners.keys().filter_map(|&conn| self.game.hello_of(conn).map(|h| (conn, h))).collect();
        self.game = serde_json::from_str(&saved).expect("a saved game loads");
        for (conn, hello) in open {
            self.game.restore_conn(conn, Some(hello), self.now);
        }
        self.game.handle_restored(self.now);
        self.flush();
    }

    /// Takes a seat over HTTP; the player is not connected yet.
    pub fn join(&mut self, name: &str, rtt: u64) -> Result<usize, JoinError> {
        let token = format!("secret-{}", self.clients.len());
        let joined = self.game.handle_join(name, token.clone(), self.now)?;
        self.flush();
        self.clients.push(Client::new(&joined.name, rtt, Some(joined.seat), Some(token)));
        Ok(self.clients.len() - 1)
    }

    /// Takes a seat and connects.
    pub fn player(&mut self, name: &str, rtt: u64) -> usize {
        let i = self.join(name, rtt).expect("the seat is free");
        self.connect(i);
        i
    }

    /// Someone with the invite link and no seat, or a seat token of their own making.
    pub fn outsider(&mut self, rtt: u64, token: Option<&str>) -> usize {
        self.clients.push(Client::new("outsider", rtt, None, token.map(String::from)));
        let i = self.clients.len() - 1;
        self.connect(i);
        i
    }

    /// Opens a new socket for client `i` and says hello with its token.
    pub fn connect(&mut self, i: usize) {
        self.open_socket(i);
        let token = self.clients[i].token.clone();
        self.send(i, &ClientMsg::Hello { protocol: PROTOCOL_VERSION, token });
    }

    /// Opens a socket that has said nothing yet.
    pub fn open_socket(&mut self, i: usize) {
        let conn = ConnId(self.owners.len() as u64 + 1);
        self.owners.insert(conn, i);
        let c = &mut self.clients[i];
        c.conn = Some(conn);
        c.view = None;
        c.closed = None;
        self.game.handle_connect(conn, self.now);
        self.flush();
        self.push(self.now + HEARTBEAT_MS, Due::Heartbeat { client: i, conn });
    }

    /// The client's socket drops; the server notices at once.
    pub fn disconnect(&mut self, i: usize) {
        if let Some(conn) = self.clients[i].conn.take() {
            self.game.handle_disconnect(conn, self.now);
            self.flush();
        }
    }

    pub fn send(&mut self, i: usize, msg: &ClientMsg) {
        if *msg == ClientMsg::Leave
            && matches!(self.clients[i].view.as_ref().map(|v| v.phase), Some(Phase::Waiting { .. }))
        {
            self.clients[i].left_room = true;
        }
        let frame = serde_json::to_string(msg).expect("client messages serialize");
        self.send_frame(i, &frame);
    }

    /// A binary frame, which the protocol does not use, reaches the server at once.
    pub fn send_binary(&mut self, i: usize) {
        if let Some(conn) = self.clients[i].conn {
            self.game.handle_binary(conn, self.now);
            self.flush();
        }
    }

    pub fn send_frame(&mut self, i: usize, frame: &str) {
        let c = &self.clients[i];
        if let Some(conn) = c.conn {
            self.push(self.now + c.up(), Due::ToServer { conn, frame: frame.to_string() });
        }
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

    pub fn client(&self, i: usize) -> &Client {
        &self.clients[i]
    }

    /// The view client `i` has built for itself.
    pub fn view(&self, i: usize) -> &GameView {
        self.clients[i].view()
    }

    /// Every client's view must equal the game's own view for it. Called whenever nothing is on
    /// its way to a client, this pins the contract: a snapshot, then deltas, add up to the state.
    pub fn assert_views(&self) {
        for c in &self.clients {
            let (Some(view), Some(_)) = (&c.view, c.conn) else { continue };
            if c.left_room {
                continue;
            }
            let expected = self.game.view(c.seat);
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
            Due::ToServer { conn, frame } => {
                self.game.handle_frame(conn, &frame, self.now);
                self.flush();
            }
            Due::ToClient { client, conn, msg } => {
                self.to_clients -= 1;
                if self.clients[client].conn == Some(conn) {
                    self.receive(client, msg);
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
            Due::Act { client, conn, round, ship, stamp_skew } => {
                let c = &self.clients[client];
                let in_round = matches!(c.view.as_ref().map(|v| v.phase), Some(Phase::Round { round: r, .. }) if r == round);
                let playing = c.conn == Some(conn) && in_round && c.active();
                let (Some(start), true) = (c.round_start, playing) else { return };
                let elapsed = u32::try_from(self.now - start).expect("rounds are short");
                let msg = match (ship, c.plan(round).and_then(|p| p.ship_claim)) {
                    (true, Some(claim)) => ClientMsg::Ship { at: claim },
                    (true, None) => ClientMsg::Ship { at: elapsed },
                    (false, _) => ClientMsg::Click { count: 1, at: elapsed + stamp_skew },
                };
                self.send(client, &msg);
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
        match msg.event {
            Event::Probe { nonce } => self.send(i, &ClientMsg::ProbeAck { nonce }),
            Event::Phase { phase: Phase::Round { round, .. } } => self.begin_round(i, round),
            _ => {}
        }
    }

    /// Schedules the round's plan on the client's own screen, from the moment the round reached it.
    fn begin_round(&mut self, i: usize, round: u8) {
        let c = &mut self.clients[i];
        c.round_start = Some(self.now);
        let (Some(plan), Some(conn), true) = (c.plan(round).cloned(), c.conn, c.active()) else { return };
        for t in &plan.clicks {
            let act = Due::Act { client: i, conn, round, ship: false, stamp_skew: plan.click_skew };
            self.push(self.now + u64::from(*t), act);
        }
        if let Some(t) = plan.ship {
            self.push(
                self.now + u64::from(t),
                Due::Act { client: i, conn, round, ship: true, stamp_skew: 0 },
            );
        }
    }

    /// Carries out what the game asks: sends, closes, storage.
    fn flush(&mut self) {
        while let Some(t) = self.game.poll_transmit() {
            for conn in t.to {
                let Some(&client) = self.owners.get(&conn) else { continue };
                let at = self.now + self.clients[client].down();
                self.to_clients += 1;
                self.push(at, Due::ToClient { client, conn, msg: t.msg.clone() });
            }
        }
        while let Some(close) = self.game.poll_close() {
            if let Some(&client) = self.owners.get(&close.conn) {
                let at = self.now + self.clients[client].down();
                self.to_clients += 1;
                self.push(at, Due::Closed { client, conn: close.conn, code: close.code });
            }
            self.closes.push((self.now, close));
        }
        if let Some(op) = self.game.poll_storage() {
            self.storage.push((self.now, op));
        }
    }

    fn push(&mut self, at: u64, due: Due) {
        self.seq += 1;
        self.queue.insert((at, self.seq), due);
    }
}
