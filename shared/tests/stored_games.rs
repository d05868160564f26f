//! What a restart keeps, pinned: a deploy must not drop running games. A game stored by an earlier
//! version loads and plays on; this version's stored JSON is pinned byte for byte; bytes that
//! cannot be read are refused with what they still say, never guessed at.

use shared::bot::Level;
use shared::game::{Game, STORED_VERSION, StorageOp};
use shared::ids::{ConnId, SeatId};
use shared::protocol::ClientMsg;
use shared::rules::{GameConfig, Rules};
use shared::view::{GameView, Phase};

/// Stored by the version before the network's measure joined fair timing (no `rtt_floor` in a
/// product, no version field), 4 s into round 1 of a two-player game: P0 has 20 clicks, P1
/// shipped at 3 s.
const MID_ROUND: &str = include_str!("stored/mid-round-before-network-measure.json");
/// Stored by version 2 (no bots), 2 s into round 1: Ada's two batches counted, Bob shipped.
const V2_MID_ROUND: &str = include_str!("stored/v2-mid-round.json");
/// Stored by version 3 (one numbering of inputs per seat), the game [`mid_round`] plays.
const V3_MID_ROUND: &str = include_str!("stored/v3-mid-round.json");
/// This version's stored game, 2 s into round 1: Ada's two batches counted (from her tab 11),
/// Bob shipped (from his tab 12), and the host's bot one batch in.
const PINNED: &str = include_str!("stored/v4-mid-round.json");

/// A two-player game stored mid-round by an earlier version, loaded by this one: both players'
/// sockets come back after the deploy, and round 1 is played out.
fn finish_round_one(stored: &str) -> GameView {
    let mut game = Game::from_stored(stored).expect("the earlier version's game loads");
    let Phase::Round { round: 1, ends_at, .. } = game.phase() else {
        panic!("stored mid-round: {:?}", game.phase())
    };
    game.restore_conn(ConnId(1), Some(Some(SeatId(0))), None, None, ends_at - 5_000);
    game.restore_conn(ConnId(2), Some(Some(SeatId(1))), None, None, ends_at - 5_000);
    game.handle_restored(ends_at - 5_000);
    game.handle_timeout(ends_at + 1_000);
    game.view(None)
}

#[test]
fn a_game_stored_before_versions_loads_and_finishes_its_round() {
    let view = finish_round_one(MID_ROUND);
    let rows = &view.history.first().expect("round 1 settled").rows;
    let clicks: Vec<u32> = rows.iter().map(|r| r.clicks).collect();
    assert_eq!(clicks[0], 20, "the clicks stored before the deploy count");
    assert_eq!(rows[1].ms, 3_000, "the ship stored before the deploy stands");
}

#[test]
fn a_game_stored_by_version_2_loads_and_finishes_its_round() {
    let view = finish_round_one(V2_MID_ROUND);
    let rows = &view.history.first().expect("round 1 settled").rows;
    assert_eq!((rows[0].clicks, rows[1].ms), (22, 1_981));
    assert!(view.players.iter().all(|p| p.bot.is_none()));
}

/// A game of two people and the host's bot, played into round 1 on a fixed clock.
fn mid_round() -> Game {
    let t0 = 1_700_000_000_000;
    let rules = Rules::default();
    let mut game = Game::new("pinnedgame23".into(), GameConfig::private(3, rules).expect("valid"), 7, t0);
    for (n, name) in ["Ada", "Bob"].into_iter().enumerate() {
        game.handle_join(name, format!("token-{n}"), t0).expect("a free seat");
        game.handle_connect(ConnId(n as u64 + 1), None, None, t0);
        let hello = ClientMsg::Hello {
            protocol: shared::protocol::PROTOCOL_VERSION,
            token: Some(format!("token-{n}")),
        };
        game.handle_message(ConnId(n as u64 + 1), hello, t0);
    }
    // The bot fills the game, which starts.
    game.handle_message(ConnId(1), ClientMsg::AddBot { level: Level::Sharp }, t0);
    let started = t0 + u64::from(rules.intermission_ms);
    game.handle_timeout(started);
    assert!(matches!(game.phase(), Phase::Round { round: 1, .. }), "{:?}", game.phase());
    game.handle_message(
        ConnId(1),
        ClientMsg::Click { round: 1, tab: 11, seq: 1, count: 10, at: 900 },
        started + 950,
    );
    game.handle_message(
        ConnId(1),
        ClientMsg::Click { round: 1, tab: 11, seq: 2, count: 12, at: 1_900 },
        started + 1_950,
    );
    game.handle_timeout(started + 1_950);
    game.handle_message(ConnId(2), ClientMsg::Ship { round: 1, tab: 12, seq: 1, at: 1_500 }, started + 2_000);
    game
}

#[test]
fn this_versions_stored_game_is_pinned() {
    let stored = mid_round().stored();
    if std::env::var_os("CLIX_UPDATE_STORED").is_some() {
        std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/stored/v4-mid-round.json"), &stored)
            .expect("writes");
    }
    assert_eq!(
        stored,
        PINNED.trim_end(),
        "the stored format changed: bump STORED_VERSION and keep reading the old one"
    );
    let value: serde_json::Value = serde_json::from_str(&stored).expect("JSON");
    assert_eq!(value["version"], STORED_VERSION);
}

#[test]
fn a_stored_game_comes_back_with_every_input_it_holds_saved() {
    let mut game = Game::from_stored(PINNED).expect("loads");
    assert_eq!(game.stored(), PINNED.trim_end(), "reading and writing again changes nothing");
    let ada = game.view(Some(SeatId(0))).you.expect("a seat");
    assert_eq!((ada.clicks, ada.tab(11).seq, ada.tab(11).saved), (22, 2, 2));
    // Ada's client sends her second batch again: it counts nothing more and is acknowledged.
    game.restore_conn(ConnId(7), Some(Some(SeatId(0))), None, None, 1_700_000_005_000);
    game.handle_restored(1_700_000_005_000);
    // Bob's socket did not come back: he is shown away, which is stored with the next coalesced
    // save, holding nothing back.
    assert_eq!(game.poll_storage(), None);
    game.handle_timeout(1_700_000_007_000);
    assert!(matches!(game.poll_storage(), Some(StorageOp::Save { hold: false, .. })));
    game.handle_message(
        ConnId(7),
        ClientMsg::Click { round: 1, tab: 11, seq: 2, count: 12, at: 1_900 },
        1_700_000_007_000,
    );
    assert_eq!(game.view(Some(SeatId(0))).you.as_ref().map(|y| y.clicks), Some(22));
    assert_eq!(game.poll_storage(), None, "a repeat changes nothing to store");
}

#[test]
fn a_game_stored_by_version_3_counts_its_seats_numbers_as_tab_zeros() {
    let mut game = Game::from_stored(V3_MID_ROUND).expect("loads");
    let ada = game.view(Some(SeatId(0))).you.expect("a seat");
    assert_eq!((ada.clicks, ada.tab(0).seq, ada.tab(0).saved), (22, 2, 2));
    // A page that kept Ada's second batch under the one numbering reloads into this version and
    // sends it again as tab 0's: it counts nothing more. Her new tab's first batch counts.
    game.restore_conn(ConnId(7), Some(Some(SeatId(0))), None, None, 1_700_000_005_000);
    game.handle_restored(1_700_000_005_000);
    let again = ClientMsg::Click { round: 1, tab: 0, seq: 2, count: 12, at: 1_900 };
    game.handle_message(ConnId(7), again, 1_700_000_005_100);
    let new_tab = ClientMsg::Click { round: 1, tab: 5, seq: 1, count: 3, at: 3_000 };
    game.handle_message(ConnId(7), new_tab, 1_700_000_005_200);
    assert_eq!(game.view(Some(SeatId(0))).you.as_ref().map(|y| y.clicks), Some(25));
    assert!(game.stored().contains(r#""tabs":[{"tab":0,"seq":2},{"tab":5,"seq":1}]"#), "{}", game.stored());
}

#[test]
fn bytes_that_cannot_be_read_are_refused_with_what_they_still_say() {
    let newer = PINNED.replacen(&format!("\"version\":{STORED_VERSION}"), "\"version\":99", 1);
    let err = Game::from_stored(&newer).expect_err("a newer version is not guessed at");
    assert_eq!((err.code.as_deref(), err.version), (Some("pinnedgame23"), Some(99)));
    let broken = PINNED.replacen("\"seats\":", "\"seats\":7,\"x\":", 1);
    let err = Game::from_stored(&broken).expect_err("a field of the wrong type");
    assert_eq!(err.code.as_deref(), Some("pinnedgame23"));
    assert!(err.error.contains("invalid type"), "{}", err.error);
    let err = Game::from_stored(&PINNED[..PINNED.len() / 2]).expect_err("cut short");
    assert_eq!((err.code, err.version), (None, None), "not even JSON: {}", err.error);
    let err = Game::from_stored(r#"{"code":"abc","version":2}"#).expect_err("fields missing");
    assert_eq!((err.code.as_deref(), err.version), (Some("abc"), Some(2)));
    assert!(err.error.contains("missing field"), "{}", err.error);
}

#[test]
fn a_new_game_is_saved_before_anyone_hears_of_it() {
    let mut game =
        Game::new("pinnedgame23".into(), GameConfig::private(2, Rules::default()).expect("valid"), 7, 1);
    assert_eq!(game.poll_storage(), Some(StorageOp::Save { save: 1, hold: true }));
}
