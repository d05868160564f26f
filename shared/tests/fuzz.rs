//! Bounded fuzzing of everything a client or a visitor controls: arbitrary bytes and mutated
//! frames into every decoder, and arbitrary message sequences, on several sockets and with time
//! passing, into the game core. Nothing may panic, and every game must still end.
//!
//! `FUZZ_CASES` sets the number of sequences (256 by default; bytes get 20 times as many), so a
//! longer run is `FUZZ_CASES=20000 cargo test --release -p shared --test fuzz -- --nocapture`,
//! which prints how many inputs each test fed.

mod sim;

use std::sync::atomic::{AtomicU64, Ordering};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use shared::api::{CreateGame, JoinGame};
use shared::bot::Level;
use shared::game::{Game, NetworkMeasure, StorageOp};
use shared::ids::{ConnId, SeatId, is_valid_code, normalize_code};
use shared::name::clean_name;
use shared::protocol::{
    ClientMsg, MAX_FRAME_BYTES, PROTOCOL_VERSION, ServerMsg, decode_client, encode_server,
};
use shared::rules::{
    ABANDON_AFTER_MS, AWAY_AFTER_MS, EXPIRE_AFTER_MS, GameConfig, PUBLIC_START_MS, RESULTS_MS, Rules,
};
use shared::view::Phase;
use sim::T0;
use sim::arbitrary::rules;
use sim::ledger::{check_money, click_bound};

/// Inputs fed to game cores, over all cases.
static GAME_INPUTS: AtomicU64 = AtomicU64::new(0);

fn sequences() -> u32 {
    std::env::var("FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(256)
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() })
}

/// Valid frames of every kind, the seeds the mutations start from.
const SEEDS: &[&str] = &[
    r#"{"type":"hello","protocol":1,"token":"k3j4h5g6f7d8s9a2"}"#,
    r#"{"type":"hello","protocol":1,"token":null}"#,
    r#"{"type":"heartbeat"}"#,
    r#"{"type":"probe_ack","nonce":7}"#,
    r#"{"type":"start"}"#,
    r#"{"type":"click","count":12,"at":2500}"#,
    r#"{"type":"ship","at":6400}"#,
    r#"{"type":"leave"}"#,
    r#"{"name":"Ada","cap":4,"rules":{"starting_capital":30000,"burn":5000,"intermission_ms":3000,"round_ms":10000,"max_rounds":10}}"#,
    r#"{"round":2,"now":1700000000000,"type":"shipped","seat":1}"#,
    r#"{"round":1,"now":1700000000000,"type":"phase","phase":{"phase":"round","round":1,"started_at":3000,"ends_at":13000}}"#,
    r#"{"round":0,"now":1700000000000,"type":"player_joined","player":{"seat":2,"name":"Bo","capital":300,"standing":{"status":"eliminated","round":2},"presence":"away","rtt_ms":null,"shipped":false}}"#,
];

/// A seed with a handful of byte edits: replaced, inserted or deleted.
fn mutated() -> impl Strategy<Value = Vec<u8>> {
    let seed = proptest::sample::select(SEEDS);
    let edits = prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0..3u8), 1..4);
    (seed, edits).prop_map(|(seed, edits)| {
        let mut bytes = seed.as_bytes().to_vec();
        for (at, byte, kind) in edits {
            let i = at.index(bytes.len() + 1);
            match kind {
                0 if i < bytes.len() => bytes[i] = byte,
                2 if i < bytes.len() => {
                    bytes.remove(i);
                }
                _ => bytes.insert(i, byte),
            }
        }
        bytes
    })
}

/// A seed with its numbers swapped for extreme or odd ones: valid JSON, doubtful values.
fn renumbered() -> impl Strategy<Value = Vec<u8>> {
    let number = prop_oneof![
        any::<u32>().prop_map(|n| n.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        Just("18446744073709551616".to_string()),
        Just("1e3".to_string()),
        Just("-0".to_string()),
        Just("2.5".to_string()),
        Just("null".to_string()),
        Just("\"7\"".to_string()),
    ];
    (proptest::sample::select(SEEDS), prop::collection::vec(number, 8)).prop_map(|(seed, numbers)| {
        let mut out = String::new();
        let mut numbers = numbers.into_iter().cycle();
        let mut in_number = false;
        for c in seed.chars() {
            if c.is_ascii_digit() {
                if !in_number {
                    out.push_str(&numbers.next().unwrap_or_default());
                }
                in_number = true;
            } else {
                in_number = false;
                out.push(c);
            }
        }
        out.into_bytes()
    })
}

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => mutated(),
        2 => renumbered(),
        1 => prop::collection::vec(any::<u8>(), 0..64),
        1 => prop::collection::vec(any::<u8>(), MAX_FRAME_BYTES - 8..MAX_FRAME_BYTES + 8),
    ]
}

#[test]
fn arbitrary_bytes_never_break_a_decoder() {
    let cases = sequences() * 20;
    let fed = AtomicU64::new(0);
    let valid = AtomicU64::new(0);
    runner(cases)
        .run(&bytes(), |bytes| {
            fed.fetch_add(1, Ordering::Relaxed);
            let text = String::from_utf8_lossy(&bytes);
            // The server's decoder: a message it accepts is one it could have been sent.
            if let Ok(msg) = decode_client(&text) {
                valid.fetch_add(1, Ordering::Relaxed);
                prop_assert!(text.len() <= MAX_FRAME_BYTES);
                let again = serde_json::to_string(&msg).expect("client messages serialize");
                prop_assert_eq!(decode_client(&again), Ok(msg));
            }
            // The app's decoder of server events, and the API's of request bodies.
            // The derived decoder of server messages on raw bytes, and the app's reader, which
            // never reads a message differently. The reader may refuse forms the server never
            // writes that the derived one takes (structs as arrays, numeric tags); the mutations
            // here never repeat a key, where the reader would take what the derived one refuses.
            let _ = serde_json::from_slice::<ServerMsg>(&bytes);
            let derived = serde_json::from_str::<ServerMsg>(&text).ok();
            let read = shared::read::server_msg(&text);
            prop_assert!(derived.is_some() || read.is_none(), "read what the derived decoder refuses");
            prop_assert!(read.is_none() || read == derived, "read another message");
            if let Ok(create) = serde_json::from_slice::<CreateGame>(&bytes) {
                let _ = create.rules.unwrap_or_default().validate();
                let _ = clean_name(&create.name);
            }
            if let Ok(join) = serde_json::from_slice::<JoinGame>(&bytes) {
                prop_assert!(clean_name(&join.name).is_none_or(|n| !n.is_empty()));
            }
            // Codes typed or pasted by people.
            let code = normalize_code(&text);
            let _ = is_valid_code(&code);
            // A whole frame into a game, on a socket that said hello and on one that did not.
            let mut game = Game::new("fuzz23456abc".into(), GameConfig::public(), 7, T0);
            let _ = game.handle_join("Ada", "secret-0".into(), T0);
            game.handle_connect(ConnId(0), None, None, T0);
            game.handle_connect(ConnId(1), None, None, T0);
            game.handle_frame(ConnId(1), r#"{"type":"hello","protocol":1,"token":"secret-0"}"#, T0);
            game.handle_frame(ConnId(0), &text, T0);
            game.handle_frame(ConnId(1), &text, T0);
            while game.poll_transmit().is_some() {}
            Ok(())
        })
        .expect("no input breaks a decoder");
    let (fed, valid) = (fed.load(Ordering::Relaxed), valid.load(Ordering::Relaxed));
    eprintln!("fuzz: {fed} byte inputs into the decoders and the game, {valid} of them valid messages");
}

#[test]
fn arbitrary_sequences_never_break_a_game() {
    let strategy = (config(), prop::collection::vec(input(), 0..160));
    runner(sequences())
        .run(&strategy, |(config, inputs)| {
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
            Ok(())
        })
        .expect("no sequence breaks a game");
    eprintln!(
        "fuzz: {} sequences, {} inputs into game cores",
        sequences(),
        GAME_INPUTS.load(Ordering::Relaxed)
    );
}

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
    // Mostly the next few numbers of the first rounds, sometimes anything.
    let round = prop_oneof![4 => 0..4u8, 1 => any::<u8>()];
    let seq = prop_oneof![4 => 0..12u32, 1 => any::<u32>()];
    prop_oneof![
        (protocol, proptest::option::of(token))
            .prop_map(|(protocol, token)| ClientMsg::Hello { protocol, token }),
        Just(ClientMsg::Heartbeat),
        (0..40u32).prop_map(|nonce| ClientMsg::ProbeAck { nonce }),
        Just(ClientMsg::Start),
        (round.clone(), seq.clone(), count, at.clone())
            .prop_map(|(round, seq, count, at)| ClientMsg::Click { round, tab: seq % 3, seq, count, at }),
        (round, seq, at).prop_map(|(round, seq, at)| ClientMsg::Ship { round, tab: seq % 3, seq, at }),
        Just(ClientMsg::Leave),
        prop_oneof![Just(Level::Easy), Just(Level::Steady), Just(Level::Sharp)]
            .prop_map(|level| ClientMsg::AddBot { level }),
        any::<u8>().prop_map(|seat| ClientMsg::RemoveBot { seat: SeatId(seat % 12) }),
    ]
}

fn frame() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        r#"\{"type":"(hello|click|ship|start|leave|heartbeat|probe_ack|add_bot|remove_bot)"(,"[a-z_]{1,9}":(-?[0-9]{1,11}|null|"[a-z0-9-]{0,9}"))*\}"#,
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

/// Drives a game the way its Durable Object does, checking what must always hold after every input.
struct Owner {
    game: Game,
    now: u64,
    joined: u8,
    deleted: bool,
}

impl Owner {
    fn new(config: GameConfig) -> Self {
        Self { game: Game::new("prop23456abc".into(), config, 7, T0), now: T0, joined: 0, deleted: false }
    }

    fn apply(&mut self, input: Input) {
        GAME_INPUTS.fetch_add(1, Ordering::Relaxed);
        let now = self.now;
        match input {
            Input::Join(name) => {
                let token = format!("secret-{}", self.joined);
                if self.game.handle_join(&name, token, now).is_ok() {
                    self.joined += 1;
                }
            }
            Input::Connect(c) => {
                // Every other socket measured by the network, at its own made-up figures.
                let network = (c % 2 == 0)
                    .then_some(NetworkMeasure { client_tcp_rtt_ms: u32::from(c) * 37, hop_ms: 7 });
                // Three addresses among them, so that closes for flooding add up per address too;
                // an address is asked about first, as the Worker does, and a refused one stays out.
                let from = format!("192.0.2.{}", c % 3);
                if self.game.may_connect(&from, now).is_ok() {
                    self.game.handle_connect(ConnId(c.into()), network, Some(from), now);
                }
            }
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
            let text = encode_server(&t.msg);
            let decoded: ServerMsg = serde_json::from_str(&text).expect("the client can read it");
            assert_eq!(decoded, t.msg);
            assert_eq!(shared::read::server_msg(&text).as_ref(), Some(&t.msg), "the app reads it");
        }
        while let Some(close) = self.game.poll_close() {
            assert!([1000, 1001, 1007, 1008, 4000].contains(&close.code), "{close:?}");
        }
        while let Some(record) = self.game.poll_record() {
            // Operator's lines carry events and counts, never a player's token or name.
            let fields = serde_json::to_value(&record).expect("records serialize");
            let allowed = [
                "event",
                "visibility",
                "cap",
                "players",
                "bots",
                "round",
                "active",
                "eliminated",
                "rounds",
                "winners",
                "reason",
                "conn",
                "last",
            ];
            let keys = fields.as_object().expect("a record is an object");
            assert!(keys.keys().all(|k| allowed.contains(&k.as_str())), "{fields}");
        }
        match self.game.poll_storage() {
            Some(StorageOp::Delete) => self.deleted = true,
            Some(StorageOp::Save { save, .. }) => {
                assert!(!self.deleted, "saved after its delete");
                self.game.handle_saved(save, self.now);
            }
            None => {}
        }
    }

    fn check(&self) {
        let config = self.game.config();
        let everyone = self.game.view(None);
        assert!(everyone.players.len() <= usize::from(config.cap), "over the cap");
        let bound = click_bound(&config.rules);
        // People and bots alike.
        for seat in everyone.players.iter().map(|p| p.seat) {
            let clicks = self.game.view(Some(seat)).you.map_or(0, |y| y.clicks);
            assert!(clicks <= bound, "seat {seat:?} has {clicks} clicks");
        }
        // Bots never play alone: a running game with bots has a person in it, or is over.
        if matches!(
            self.game.phase(),
            Phase::Waiting { .. } | Phase::Intermission { .. } | Phase::Round { .. }
        ) && everyone.players.iter().any(|p| p.bot.is_some())
        {
            assert!(everyone.players.iter().any(|p| p.bot.is_none()), "bots alone: {everyone:?}");
        }
        check_money(&config.rules, &everyone.history);
    }
}

/// Longest a game can take from now to its end, with nobody saying anything.
fn lifetime(rules: &Rules) -> u64 {
    let round = u64::from(rules.intermission_ms)
        + u64::from(rules.round_ms)
        + rules.round_grace_ms(1_000)
        + RESULTS_MS;
    AWAY_AFTER_MS + ABANDON_AFTER_MS + PUBLIC_START_MS + u64::from(rules.max_rounds) * round
}
