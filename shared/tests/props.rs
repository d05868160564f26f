//! Invariants under arbitrary input: nothing panics, money adds up, caps and the click bound
//! hold, and every game ends.

mod sim;

use proptest::prelude::*;
use shared::game::timing::ClickLimiter;
use shared::game::{Game, StorageOp};
use shared::ids::{ConnId, SeatId};
use shared::protocol::{ClientMsg, PROTOCOL_VERSION, ServerMsg, encode_server};
use shared::rules::{
    ABANDON_AFTER_MS, AWAY_AFTER_MS, EXPIRE_AFTER_MS, GameConfig, PUBLIC_START_MS, RESULTS_MS, Rules,
};
use shared::view::{Phase, RoundSummary};
use sim::{Plan, Sim, T0};

#[derive(Clone, Debug)]
enum Input {
    Join(String),
    Connect(u8),
    Disconnect(u8),
    Frame(u8, String),
    Msg { conn: u8, msg: ClientMsg, as_frame: bool },
    Binary(u8),
    Wait(u32),
    Rematch,
}

fn rules() -> impl Strategy<Value = Rules> {
    (5_000..=100_000i64, 0..=50_000i64, 1_000..=10_000u32, 3_000..=30_000u32, 1..=4u8).prop_map(
        |(starting_capital, burn, intermission_ms, round_ms, max_rounds)| Rules {
            starting_capital,
            burn,
            intermission_ms,
            round_ms,
            max_rounds,
        },
    )
}

fn config() -> impl Strategy<Value = GameConfig> {
    prop_oneof![
        Just(GameConfig::public()),
        (2..=10u8, rules()).prop_map(|(cap, rules)| GameConfig::private(cap, rules).expect("in bounds")),
    ]
}

fn message() -> impl Strategy<Value = ClientMsg> {
    let token = prop_oneof![(0..8u8).prop_map(|n| format!("secret-{n}")), any::<String>()];
    let protocol = prop_oneof![4 => Just(PROTOCOL_VERSION), 1 => any::<u32>()];
    let count = prop_oneof![0..30u32, any::<u32>()];
    let at = prop_oneof![0..32_000u32, any::<u32>()];
    prop_oneof![
        (protocol, proptest::option::of(token))
            .prop_map(|(protocol, token)| ClientMsg::Hello { protocol, token }),
        Just(ClientMsg::Heartbeat),
        (0..40u32).prop_map(|nonce| ClientMsg::ProbeAck { nonce }),
        Just(ClientMsg::Start),
        (count, at.clone()).prop_map(|(count, at)| ClientMsg::Click { count, at }),
        at.prop_map(|at| ClientMsg::Ship { at }),
        Just(ClientMsg::Leave),
    ]
}

fn frame() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        r#"\{"type":"(hello|click|ship|start|leave|heartbeat|probe_ack)"(,"[a-z_]{1,9}":(-?[0-9]{1,11}|null|"[a-z0-9-]{0,9}"))*\}"#,
        (4_000..5_000usize).prop_map(|n| format!(r#"{{"type":"leave","pad":"{}"}}"#, "x".repeat(n))),
    ]
}

fn input() -> impl Strategy<Value = Input> {
    let conn = 0..6u8;
    prop_oneof![
        2 => "[a-zA-Z ]{0,30}|.{0,30}".prop_map(Input::Join),
        2 => conn.clone().prop_map(Input::Connect),
        1 => conn.clone().prop_map(Input::Disconnect),
        3 => (conn.clone(), frame()).prop_map(|(c, f)| Input::Frame(c, f)),
        8 => (conn.clone(), message(), any::<bool>()).prop_map(|(conn, msg, as_frame)| Input::Msg { conn, msg, as_frame }),
        1 => conn.prop_map(Input::Binary),
        4 => prop_oneof![0..200u32, 0..40_000u32].prop_map(Input::Wait),
        1 => Just(Input::Rematch),
    ]
}

/// Drives a game the way its owner does, checking what must always hold after every input.
struct Owner {
    game: Game,
    now: u64,
    joined: u8,
    deleted: bool,
}

impl Owner {
    fn new(config: GameConfig) -> Self {
        Self { game: Game::new("prop23456abc".into(), config, T0), now: T0, joined: 0, deleted: false }
    }

    fn apply(&mut self, input: Input) {
        let now = self.now;
        match input {
            Input::Join(name) => {
                let token = format!("secret-{}", self.joined);
                if self.game.handle_join(&name, token, now).is_ok() {
                    self.joined += 1;
                }
            }
            Input::Connect(c) => self.game.handle_connect(ConnId(c.into()), now),
            Input::Disconnect(c) => self.game.handle_disconnect(ConnId(c.into()), now),
            Input::Frame(c, frame) => self.game.handle_frame(ConnId(c.into()), &frame, now),
            Input::Msg { conn, msg, as_frame: true } => {
                let frame = serde_json::to_string(&msg).expect("client messages serialize");
                self.game.handle_frame(ConnId(conn.into()), &frame, now);
            }
            Input::Msg { conn, msg, as_frame: false } => {
                self.game.handle_message(ConnId(conn.into()), msg, now)
            }
            Input::Binary(c) => self.game.handle_binary(ConnId(c.into()), now),
            Input::Wait(ms) => self.wait_until(now + u64::from(ms)),
            Input::Rematch => {
                let over = matches!(self.game.phase(), Phase::Over { .. });
                assert_eq!(self.game.handle_rematch("rematch2345a".into(), now).is_some(), over);
            }
        }
        self.drain();
        self.check();
    }

    /// Fires every timer due by `until`, each at its own deadline.
    fn wait_until(&mut self, until: u64) {
        while let Some(at) = self.game.poll_timeout().filter(|&at| at <= until) {
            self.now = self.now.max(at);
            self.game.handle_timeout(self.now);
            assert!(self.game.poll_timeout().is_none_or(|t| t > self.now), "a due timer did not fire");
            self.drain();
            self.check();
        }
        self.now = until;
    }

    fn drain(&mut self) {
        while let Some(t) = self.game.poll_transmit() {
            assert!(!t.to.is_empty());
            let decoded: ServerMsg =
                serde_json::from_str(&encode_server(&t.msg)).expect("the client can read it");
            assert_eq!(decoded, t.msg);
        }
        while let Some(close) = self.game.poll_close() {
            assert!([1000, 1001, 1008, 4000].contains(&close.code), "{close:?}");
        }
        match self.game.poll_storage() {
            Some(StorageOp::Delete) => self.deleted = true,
            Some(StorageOp::Save) => assert!(!self.deleted, "saved after its delete"),
            None => {}
        }
    }

    fn check(&self) {
        let config = self.game.config();
        let everyone = self.game.view(None);
        assert!(everyone.players.len() <= usize::from(config.cap), "over the cap");
        let bound = click_bound(&config.rules);
        for seat in 0..self.joined {
            let clicks = self.game.view(Some(SeatId(seat))).you.map_or(0, |y| y.clicks);
            assert!(clicks <= bound, "seat {seat} has {clicks} clicks");
        }
        check_money(&config.rules, &everyone.history);
    }
}

/// The most clicks a round may count: 20 a second, plus the burst.
fn click_bound(rules: &Rules) -> u32 {
    20 * rules.round_ms / 1_000 + 5
}

/// Every row: profit from its clicks and ms, capital = before - burn + profit, elimination below $1,
/// and nobody plays on after elimination.
fn check_money(rules: &Rules, history: &[RoundSummary]) {
    assert!(history.len() <= usize::from(rules.max_rounds));
    let mut capital = std::collections::BTreeMap::new();
    for (n, summary) in history.iter().enumerate() {
        assert_eq!(usize::from(summary.round), n + 1);
        for row in &summary.rows {
            let before = capital.get(&row.seat).copied().unwrap_or(rules.starting_capital);
            assert!(before >= 1, "{:?} played on after elimination", row.seat);
            assert!(row.clicks <= click_bound(rules) && row.ms <= rules.round_ms, "{row:?}");
            let profit = i64::from(row.clicks) * 500_000 / i64::from(row.ms.max(1_000));
            assert_eq!((row.profit, row.burn), (profit, rules.burn), "{row:?}");
            assert_eq!(row.capital, before - rules.burn + row.profit, "{row:?}");
            assert_eq!(row.eliminated, row.capital < 1, "{row:?}");
            capital.insert(row.seat, row.capital);
        }
    }
}

/// Longest a game can take from now to its end, with nobody saying anything.
fn lifetime(rules: &Rules) -> u64 {
    let round = u64::from(rules.intermission_ms) + u64::from(rules.round_ms) * 101 / 100 + 1_000 + RESULTS_MS;
    AWAY_AFTER_MS + ABANDON_AFTER_MS + PUBLIC_START_MS + u64::from(rules.max_rounds) * round
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_input_never_breaks_a_game(config in config(), inputs in prop::collection::vec(input(), 0..160)) {
        let mut owner = Owner::new(config);
        for input in inputs {
            owner.apply(input);
        }
        // Left alone, every game ends, then closes for good and asks for nothing more.
        let rules = owner.game.config().rules;
        let deadline = owner.now + lifetime(&rules);
        owner.wait_until(deadline);
        let ended = owner.game.phase();
        prop_assert!(matches!(ended, Phase::Over { .. } | Phase::Closed), "{ended:?}");
        owner.wait_until(deadline + EXPIRE_AFTER_MS);
        prop_assert_eq!(owner.game.phase(), Phase::Closed);
        prop_assert_eq!(owner.game.poll_timeout(), None);
    }

    #[test]
    fn the_limiter_never_admits_more_than_the_bound(batches in prop::collection::vec((0..60u32, 0..1_500u32), 1..200)) {
        let mut limiter = ClickLimiter::default();
        let mut taken = Vec::new();
        let mut at = 0;
        for (count, step) in batches {
            at += step;
            taken.push((limiter.take(count, at), at));
        }
        // The busiest window of a second, (end − 1000, end], ends at some batch.
        for &(_, end) in &taken {
            let window: u32 = taken.iter().filter(|(_, t)| *t <= end && t + 1_000 > end).map(|(n, _)| n).sum();
            prop_assert!(window <= 25, "{window} clicks in the second up to {end}");
        }
        let total: u32 = taken.iter().map(|(n, _)| n).sum();
        prop_assert!(total <= 20 * at / 1_000 + 5);
    }
}

fn plan() -> impl Strategy<Value = Plan> {
    let ship = proptest::option::of(0..31_000u32);
    let claim = proptest::option::of(prop_oneof![0..31_000u32, any::<u32>()]);
    (0..45u32, 0..31_000u32, ship, 0..3_000u32, claim).prop_map(
        |(rate, until, ship, click_skew, ship_claim)| {
            let mut plan = if rate == 0 { Plan::default() } else { Plan::steady(rate, until, ship) };
            plan.ship = ship;
            plan.click_skew = click_skew;
            plan.ship_claim = ship_claim;
            plan
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn played_games_keep_their_accounts_and_end_in_time(
        rules in rules(),
        players in prop::collection::vec((0..1_500u64, prop::collection::vec(plan(), 1..4)), 2..7),
    ) {
        let rtts: Vec<u64> = players.iter().map(|p| p.0).collect();
        let mut sim = Sim::started(rules, &rtts);
        // The views are pinned by the scenario tests; here they would only cost time.
        sim.check_views = false;
        for (client, (_, plans)) in sim.clients.iter_mut().zip(players) {
            client.plans = plans;
        }
        let round = u64::from(rules.intermission_ms) + u64::from(rules.round_ms) + 1_000 + rules.round_ms as u64 / 100 + RESULTS_MS;
        sim.run_to(u64::from(rules.max_rounds) * round, |p| matches!(p, Phase::Over { .. }));
        let history = sim.game.view(None).history;
        check_money(&rules, &history);
        let winners = sim.game.view(None).winners;
        prop_assert!(!winners.is_empty(), "a game played out has a winner");
    }
}
