//! A fake player: its socket as it knows it, the view it folds from what it received, and what it
//! does in each round on its own screen.

use std::sync::atomic::{AtomicU32, Ordering};

use shared::game::NetworkMeasure;
use shared::ids::{ConnId, SeatId};
use shared::journal::Journal;
use shared::protocol::{Event, Rejection, ServerMsg};
use shared::view::{GameView, Standing};

/// What a player does in one round, in ms since the round started on its own screen.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    /// One click at each of these moments.
    pub clicks: Vec<u32>,
    /// When it ships; `None` leaves the product to ship itself at the round's end.
    pub ship: Option<u32>,
    /// Added to every click's stamp: a liar claiming its clicks came later than they did.
    pub click_skew: u32,
    /// Taken from every click's stamp: a liar claiming its clicks came sooner than they did.
    pub click_early: u32,
    /// Stamp claimed for the ship instead of the true moment: a liar claiming it shipped sooner.
    pub ship_claim: Option<u32>,
}

impl Plan {
    /// `per_second` clicks a second, evenly spaced, the first one interval in, all before `until`.
    pub fn steady(per_second: u32, until: u32, ship: Option<u32>) -> Self {
        let clicks = (1..).map(|k| k * 1_000 / per_second).take_while(|&t| t < until).collect();
        Self { clicks, ship, ..Self::default() }
    }

    /// Clicks this plan makes up to its ship, or up to `round_ms` when it does not ship; a click
    /// at the very moment of the ship is sent first, so it counts.
    pub fn clicks_before(&self, round_ms: u32) -> u32 {
        let end = self.ship.unwrap_or(round_ms);
        let n = self.clicks.iter().filter(|&&t| t <= end).count();
        u32::try_from(n).unwrap_or(u32::MAX)
    }
}

/// One fake player (or spectator) and the socket it holds.
#[derive(Clone, Debug)]
pub struct Client {
    pub name: String,
    /// Round trip to the server: each way takes half of it.
    pub rtt: u64,
    /// What the network measures of its path when a socket opens; by default exactly its round
    /// trip, 10 ms of it (at most) the hop from the edge to the game.
    pub network: Option<NetworkMeasure>,
    /// How long it sits on a probe before answering: 0 for an honest client.
    pub probe_delay: u64,
    pub seat: Option<SeatId>,
    pub token: Option<String>,
    /// The socket it has open, until it closes it or learns the server closed it.
    pub conn: Option<ConnId>,
    /// Built from the last snapshot and every event after it; `None` before the first snapshot.
    pub view: Option<GameView>,
    /// Everything received, with the local time of arrival.
    pub inbox: Vec<(u64, ServerMsg)>,
    /// Close code of the last socket the server closed.
    pub closed: Option<u16>,
    /// Its address, as the server counts it; each client's its own unless a test shares one.
    pub from: String,
    /// The wait in ms the server named when it last refused to open a socket, before the upgrade.
    pub refused: Option<u64>,
    /// Sends a heartbeat every `HEARTBEAT_MS` while connected.
    pub heartbeat: bool,
    /// Round `r` follows `plans[(r - 1) % len]`; no plans, no play.
    pub plans: Vec<Plan>,
    /// Left the waiting room: its seat is gone, so its view is no longer the game's.
    pub left_room: bool,
    /// Local time the running round started on this screen.
    pub round_start: Option<u64>,
    /// Its inputs of the round until the server has stored them.
    pub journal: Journal,
    /// Taps it made, all rounds together: what the player counts.
    pub tapped: u32,
}

/// Each simulated page is a tab of its own, numbering its own inputs, as the app's pages are.
static NEXT_TAB: AtomicU32 = AtomicU32::new(1);

impl Client {
    pub fn new(name: &str, rtt: u64, seat: Option<SeatId>, token: Option<String>) -> Self {
        let rtt_ms = u32::try_from(rtt).expect("a round trip in ms fits");
        let hop_ms = rtt_ms.min(10);
        Self {
            name: name.to_string(),
            rtt,
            network: Some(NetworkMeasure { client_tcp_rtt_ms: rtt_ms - hop_ms, hop_ms }),
            probe_delay: 0,
            seat,
            token,
            conn: None,
            view: None,
            inbox: Vec::new(),
            closed: None,
            from: format!("{name}'s address"),
            refused: None,
            heartbeat: true,
            plans: Vec::new(),
            left_room: false,
            round_start: None,
            journal: Journal::new(0, NEXT_TAB.fetch_add(1, Ordering::Relaxed)),
            tapped: 0,
        }
    }

    /// Time a message takes to the server.
    pub fn up(&self) -> u64 {
        self.rtt / 2
    }

    /// Time a message takes from the server; both ways add up to the round trip exactly.
    pub fn down(&self) -> u64 {
        self.rtt - self.rtt / 2
    }

    pub fn plan(&self, round: u8) -> Option<&Plan> {
        let n = self.plans.len();
        (n > 0 && round > 0).then(|| &self.plans[usize::from(round - 1) % n])
    }

    /// Whether its own view says it still plays.
    pub fn active(&self) -> bool {
        let me = self.view.as_ref().and_then(GameView::me);
        me.is_some_and(|p| p.standing == Standing::Active)
    }

    /// Every refusal received, oldest first.
    pub fn rejections(&self) -> Vec<Rejection> {
        self.events()
            .filter_map(|e| match e {
                Event::Rejected { error, .. } => Some(*error),
                _ => None,
            })
            .collect()
    }

    pub fn events(&self) -> impl Iterator<Item = &Event> {
        self.inbox.iter().map(|(_, m)| &m.event)
    }

    /// The view it holds; a test asking for it before any snapshot is itself wrong.
    pub fn view(&self) -> &GameView {
        self.view.as_ref().expect("the client has received a snapshot")
    }
}
