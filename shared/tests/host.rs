//! The glue between a game and its Durable Object, run natively over the in-memory twin of its
//! storage: the order of writes and messages, coalesced saves and their acknowledgements, the
//! alarm set once a round, and stored bytes that cannot be read.

use std::cell::RefCell;
use std::rc::Rc;

use shared::game::Game;
use shared::host::{self, Host, MemoryStore, Sockets, Store, StoreOp};
use shared::ids::ConnId;
use shared::protocol::{ClientMsg, PROTOCOL_VERSION, ServerMsg};
use shared::rules::{GameConfig, Rules, SAVE_CLICKS_WITHIN_MS};
use shared::view::Phase;

const T0: u64 = 1_700_000_000_000;

/// What happened, in order, across the store and the sockets.
#[derive(Clone, Default)]
struct Trace(Rc<RefCell<Vec<String>>>);

impl Trace {
    fn take(&self) -> Vec<String> {
        std::mem::take(&mut self.0.borrow_mut())
    }
}

struct TracedStore(MemoryStore, Trace);

impl Store for TracedStore {
    fn save(&mut self, json: &str, hold: bool) -> bool {
        self.1.0.borrow_mut().push(format!("save hold={hold}"));
        self.0.save(json, hold)
    }
    fn delete(&mut self) {
        self.1.0.borrow_mut().push("delete".into());
        self.0.delete();
    }
    fn set_alarm(&mut self, at: u64) {
        self.1.0.borrow_mut().push(format!("alarm +{}", at.saturating_sub(T0)));
        self.0.set_alarm(at);
    }
}

struct TracedSockets(Trace);

impl Sockets for TracedSockets {
    fn send(&mut self, _to: &[ConnId], msg: &ServerMsg) {
        let name = serde_json::to_value(&msg.event).ok().and_then(|v| v["type"].as_str().map(String::from));
        self.0.0.borrow_mut().push(format!("send {}", name.unwrap_or_default()));
    }
    fn close(&mut self, conn: ConnId, code: u16, _reason: &'static str) {
        self.0.0.borrow_mut().push(format!("close {} {code}", conn.0));
    }
}

struct Owner {
    game: Game,
    host: Host,
    store: TracedStore,
    sockets: TracedSockets,
    trace: Trace,
    now: u64,
}

impl Owner {
    /// A two-player game in its first round, with the trace emptied.
    fn in_round() -> Self {
        let trace = Trace::default();
        let game =
            Game::new("hostgame2345".into(), GameConfig::private(2, Rules::default()).expect("valid"), 7, T0);
        let mut owner = Owner {
            game,
            host: Host::default(),
            store: TracedStore(MemoryStore::default(), trace.clone()),
            sockets: TracedSockets(trace.clone()),
            trace,
            now: T0,
        };
        for n in 0..2u64 {
            let token = format!("token-{n}");
            owner.step(|g, now| {
                g.handle_join(&format!("P{n}"), token.clone(), now).expect("a seat");
                g.handle_connect(ConnId(n + 1), None, None, now);
                g.handle_message(
                    ConnId(n + 1),
                    ClientMsg::Hello { protocol: PROTOCOL_VERSION, token: Some(token) },
                    now,
                );
            });
        }
        owner.now += 3_000;
        owner.step(|g, now| g.handle_timeout(now));
        assert!(matches!(owner.game.phase(), Phase::Round { .. }));
        owner.trace.take();
        owner
    }

    fn step(&mut self, f: impl FnOnce(&mut Game, u64)) -> Option<u32> {
        let stepped = self.host.step(&mut self.game, &mut self.store, &mut self.sockets, self.now, f);
        stepped.save
    }

    fn saved(&mut self, save: u32) {
        self.host.saved(&mut self.game, &mut self.store, &mut self.sockets, save, self.now);
    }
}

#[test]
fn a_ship_is_written_before_anyone_hears_of_it() {
    let mut o = Owner::in_round();
    o.now += 1_000;
    let save = o.step(|g, now| {
        g.handle_message(ConnId(2), ClientMsg::Ship { round: 1, tab: 1, seq: 1, at: 990 }, now)
    });
    let trace = o.trace.take();
    assert_eq!(trace.first().map(String::as_str), Some("save hold=true"), "{trace:?}");
    assert!(trace.iter().any(|t| t == "send shipped"), "{trace:?}");
    // The ship's own acknowledgement waits for the write to be durable.
    assert!(!trace.iter().any(|t| t == "send saved"), "{trace:?}");
    o.saved(save.expect("a save"));
    assert_eq!(o.trace.take(), ["send saved"]);
}

#[test]
fn clicks_are_written_within_two_seconds_holding_nothing_and_acknowledged_once_durable() {
    let mut o = Owner::in_round();
    for (n, at) in [(1, 500), (2, 1_000), (3, 1_500)] {
        o.now = T0 + 3_000 + u64::from(at);
        let save = o.step(|g, now| {
            g.handle_message(ConnId(1), ClientMsg::Click { round: 1, tab: 1, seq: n, count: 5, at }, now)
        });
        assert_eq!(save, None, "no write per batch");
    }
    assert_eq!(o.trace.take(), ["send your_clicks"; 3]);
    o.now = T0 + 3_000 + 500 + SAVE_CLICKS_WITHIN_MS;
    let save = o.step(|g, now| g.handle_timeout(now)).expect("the clicks are saved");
    assert_eq!(o.trace.take(), ["save hold=false"]);
    o.saved(save);
    assert_eq!(o.trace.take(), ["send saved"]);
    let you = o.game.view(Some(shared::ids::SeatId(0))).you.expect("seated");
    assert_eq!((you.clicks, you.tab(1).seq, you.tab(1).saved), (15, 3, 3));
}

#[test]
fn the_alarm_is_set_about_once_a_round_and_only_ever_later() {
    let mut o = Owner::in_round();
    let mut alarms = Vec::new();
    while !matches!(o.game.phase(), Phase::Over { .. }) {
        o.now = o.game.poll_timeout().expect("a running game has a deadline");
        o.step(|g, now| g.handle_timeout(now));
        alarms.extend(o.trace.take().into_iter().filter(|t| t.starts_with("alarm")));
    }
    let at: Vec<u64> =
        alarms.iter().map(|a| a.trim_start_matches("alarm +").parse().expect("a time")).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{alarms:?}");
    // Ten rounds, and the day a finished game is kept.
    assert!(at.len() <= 11, "{} alarm sets: {alarms:?}", at.len());
    assert!(matches!(o.store.0.log.last(), Some(StoreOp::SetAlarm(_))));
}

#[test]
fn a_restart_has_only_what_was_written() {
    let mut o = Owner::in_round();
    o.now += 700;
    o.step(|g, now| {
        g.handle_message(ConnId(1), ClientMsg::Click { round: 1, tab: 1, seq: 1, count: 9, at: 690 }, now)
    });
    // Killed before the coalesced write: the stored game has no clicks, and its seat says so.
    let game = host::restore(o.store.0.bytes.as_deref()).expect("readable").expect("stored");
    let you = game.view(Some(shared::ids::SeatId(0))).you.expect("seated");
    assert_eq!((you.clicks, you.tabs.len()), (0, 0));
    assert_eq!(host::restore(None).map(|g| g.is_none()), Ok(true));
    let lost =
        host::restore(Some(r#"{"code":"hostgame2345","version":1,"phase":7}"#)).expect_err("unreadable");
    assert_eq!((lost.code.as_deref(), lost.version), (Some("hostgame2345"), Some(1)));
}
