//! The waiting room (SPEC §2): seats, names, the host, starting, and who may say what.

mod sim;

use shared::game::JoinError;
use shared::ids::SeatId;
use shared::protocol::{ClientMsg, Event, PROTOCOL_VERSION, Rejection};
use shared::rules::{BOTS_AFTER_MS, GameConfig, PUBLIC_START_MS, Rules};
use shared::view::Phase;
use sim::Sim;

fn private(cap: u8) -> Sim {
    Sim::new(GameConfig::private(cap, Rules::default()).expect("valid rules"))
}

fn intermission_from(at: u64) -> Phase {
    Phase::Intermission { round: 1, starts_at: at + u64::from(Rules::default().intermission_ms) }
}

#[test]
fn only_the_host_starts_a_private_game_and_only_with_two_players() {
    let mut sim = private(4);
    let host = sim.player("Ada", 0);
    sim.run_until_quiet();
    sim.send(host, &ClientMsg::Start);
    sim.run_until_quiet();
    assert_eq!(sim.client(host).rejections(), [Rejection::NotEnoughPlayers]);

    let guest = sim.player("Bob", 60);
    sim.run_until_quiet();
    sim.send(guest, &ClientMsg::Start);
    sim.run_until_quiet();
    assert_eq!(sim.client(guest).rejections(), [Rejection::NotHost]);
    assert_eq!(sim.game.phase(), Phase::Waiting { starts_at: None });

    sim.send(host, &ClientMsg::Start);
    let pressed = sim.now;
    sim.run_until_quiet();
    assert_eq!(sim.game.phase(), intermission_from(pressed));
    assert_eq!(sim.view(guest).phase, intermission_from(pressed));
    sim.send(host, &ClientMsg::Start);
    sim.run_until_quiet();
    assert_eq!(sim.client(host).rejections(), [Rejection::NotEnoughPlayers, Rejection::OutOfPhase]);
}

#[test]
fn a_private_game_starts_when_full() {
    let mut sim = private(3);
    sim.player("Ada", 0);
    sim.player("Bob", 0);
    assert_eq!(sim.game.phase(), Phase::Waiting { starts_at: None });
    sim.player("Cy", 0);
    assert_eq!(sim.game.phase(), intermission_from(sim.now));
    assert_eq!(sim.join("Dee", 0), Err(JoinError::Started));
}

#[test]
fn a_public_game_starts_twenty_seconds_after_its_second_player() {
    let mut sim = Sim::new(GameConfig::public());
    let first = sim.player("Ada", 0);
    sim.advance(5_000);
    assert_eq!(sim.game.phase(), Phase::Waiting { starts_at: None });
    sim.player("Bob", 0);
    let starts_at = sim.now + PUBLIC_START_MS;
    assert_eq!(sim.game.phase(), Phase::Waiting { starts_at: Some(starts_at) });
    sim.advance(7_000);
    sim.player("Cy", 0);
    assert_eq!(
        sim.game.phase(),
        Phase::Waiting { starts_at: Some(starts_at) },
        "a third player does not move it"
    );
    sim.send(first, &ClientMsg::Start);
    sim.advance(starts_at - 1 - sim.now);
    assert_eq!(sim.client(first).rejections(), [Rejection::NotHost]);
    assert_eq!(
        sim.view(first).phase,
        Phase::Waiting { starts_at: Some(starts_at) },
        "the countdown is shown"
    );
    sim.advance(1);
    assert_eq!(sim.game.phase(), intermission_from(starts_at));
}

#[test]
fn a_public_countdown_stops_when_a_player_leaves_and_restarts_with_the_next() {
    let mut sim = Sim::new(GameConfig::public());
    sim.player("Ada", 0);
    let bob = sim.player("Bob", 0);
    sim.run_until_quiet();
    sim.send(bob, &ClientMsg::Leave);
    // Short of the wait after which bots would keep Ada company.
    sim.advance(BOTS_AFTER_MS - 1_000);
    assert_eq!(sim.game.phase(), Phase::Waiting { starts_at: None });
    assert_eq!(sim.game.view(None).players.len(), 1);
    sim.player("Cy", 0);
    assert_eq!(sim.game.phase(), Phase::Waiting { starts_at: Some(sim.now + PUBLIC_START_MS) });
}

#[test]
fn a_public_game_starts_at_once_when_full() {
    let mut sim = Sim::new(GameConfig::public());
    for name in ["A", "B", "C", "D", "E"] {
        sim.player(name, 0);
    }
    assert!(matches!(sim.game.phase(), Phase::Waiting { starts_at: Some(_) }));
    sim.player("F", 0);
    assert_eq!(sim.game.phase(), intermission_from(sim.now));
    assert_eq!(sim.join("G", 0), Err(JoinError::Started));
}

#[test]
fn the_host_badge_passes_on_when_the_host_leaves() {
    let mut sim = private(4);
    let ada = sim.player("Ada", 0);
    let bob = sim.join("Bob", 0).expect("free seat");
    let cy = sim.player("Cy", 30);
    sim.run_until_quiet();
    assert_eq!(sim.view(cy).host, Some(SeatId(0)));
    sim.send(ada, &ClientMsg::Leave);
    sim.run_until_quiet();
    // Bob holds a seat but never connected: the badge goes to someone who is there.
    assert_eq!(sim.game.view(None).host, Some(SeatId(2)));
    assert!(sim.client(cy).events().any(|e| *e == Event::PlayerLeft { seat: SeatId(0) }));
    sim.send(cy, &ClientMsg::Leave);
    sim.run_until_quiet();
    assert_eq!(sim.game.view(None).host, Some(SeatId(1)), "with nobody online, the next seat");
    sim.connect(bob);
    sim.run_until_quiet();
    assert_eq!(sim.view(bob).host, Some(SeatId(1)));
    sim.send(bob, &ClientMsg::Leave);
    sim.run_until_quiet();
    assert_eq!(sim.game.view(None).host, None);
}

#[test]
fn join_errors() {
    let mut sim = private(2);
    for name in ["", "   ", "\u{7}\u{1b}", &"x".repeat(25)] {
        assert_eq!(sim.join(name, 0), Err(JoinError::BadName), "{name:?}");
    }
    sim.player("Ada", 0);
    sim.player("Bob", 0);
    assert_eq!(sim.join("Cy", 0), Err(JoinError::Started));

    let mut empty = private(4);
    empty.advance(10 * 60 * 1_000);
    assert_eq!(empty.game.phase(), Phase::Closed);
    assert_eq!(empty.join("Cy", 0), Err(JoinError::Closed));
}

#[test]
fn a_room_that_churns_through_two_hundred_seats_is_full() {
    let mut sim = private(2);
    for n in 0..200 {
        let i = sim.player(&format!("P{n}"), 0);
        sim.run_until_quiet();
        sim.send(i, &ClientMsg::Leave);
        sim.run_until_quiet();
        sim.disconnect(i);
    }
    assert_eq!(sim.game.phase(), Phase::Waiting { starts_at: None });
    assert_eq!(sim.join("Late", 0), Err(JoinError::Full));
}

#[test]
fn names_are_trimmed_cleaned_bounded_and_unique() {
    let mut sim = private(10);
    let mut join = |name: &str| sim.game.handle_join(name, format!("t-{name}"), sim::T0).map(|j| j.name);
    assert_eq!(join("  Ada  "), Ok("Ada".into()));
    assert_eq!(join("ada"), Ok("ada 2".into()), "duplicates ignore case");
    assert_eq!(join("A\u{0}d\ta\u{7f}"), Ok("Ada 3".into()));
    let long = "é".repeat(24);
    assert_eq!(join(&long), Ok(long.clone()), "24 characters, 48 bytes");
    assert_eq!(join(&format!(" {long}\n")), Ok(format!("{} 2", "é".repeat(22))));
    assert_eq!(join(&"é".repeat(25)), Err(JoinError::BadName));
    assert_eq!(join("<b>Bo</b>"), Ok("<b>Bo</b>".into()), "kept as text; escaping is the renderer's");
}

#[test]
fn a_wrong_seat_token_is_refused_and_closed() {
    let mut sim = private(4);
    sim.player("Ada", 0);
    let impostor = sim.outsider(20, Some("secret-guess"));
    sim.run_until_quiet();
    assert_eq!(sim.client(impostor).rejections(), [Rejection::BadToken]);
    assert_eq!(sim.client(impostor).closed, Some(1008));
    assert!(sim.client(impostor).view.is_none(), "nothing is shown to a bad token");
}

#[test]
fn spectators_watch_but_cannot_act() {
    let mut sim = private(2);
    let ada = sim.player("Ada", 0);
    let watcher = sim.outsider(0, None);
    sim.run_until_quiet();
    assert_eq!(sim.view(watcher).you, None);
    assert_eq!(sim.view(watcher).players.len(), 1);
    sim.player("Bob", 0);
    sim.run_to(10_000, |p| matches!(p, Phase::Round { .. }));
    for msg in [
        ClientMsg::Start,
        ClientMsg::Click { round: 0, tab: 1, seq: 1, count: 1, at: 5 },
        ClientMsg::Ship { round: 0, tab: 1, seq: 1, at: 5 },
        ClientMsg::Leave,
    ] {
        sim.send(watcher, &msg);
    }
    sim.run_until_quiet();
    assert_eq!(sim.client(watcher).rejections(), [Rejection::NotAPlayer; 4]);
    assert_eq!(sim.game.view(Some(SeatId(0))).you.as_ref().map(|y| y.clicks), Some(0));
    assert!(sim.client(ada).rejections().is_empty());
}

#[test]
fn another_protocol_version_is_told_to_reload() {
    let mut sim = private(4);
    let old = sim.outsider(0, None);
    sim.run_until_quiet();
    sim.open_socket(old);
    sim.send(old, &ClientMsg::Hello { protocol: PROTOCOL_VERSION + 1, token: None });
    sim.run_until_quiet();
    assert_eq!(sim.client(old).rejections(), [Rejection::ProtocolMismatch]);
    assert_eq!(sim.client(old).closed, Some(4000));
}

#[test]
fn hello_comes_first_and_only_once() {
    let mut sim = private(4);
    let ada = sim.join("Ada", 0).expect("free seat");
    sim.open_socket(ada);
    sim.send(ada, &ClientMsg::Start);
    // Spelled otherwise than the app does, so the runtime leaves it to the room.
    sim.send_frame(ada, r#"{"type": "heartbeat"}"#);
    sim.send(ada, &ClientMsg::Hello { protocol: PROTOCOL_VERSION, token: Some("secret-0".into()) });
    sim.send(ada, &ClientMsg::Hello { protocol: PROTOCOL_VERSION, token: None });
    sim.run_until_quiet();
    let client = sim.client(ada);
    assert_eq!(client.rejections(), [Rejection::HelloFirst; 3]);
    assert_eq!(client.view().you.as_ref().map(|y| y.seat), Some(SeatId(0)), "the first hello counted");
    assert_eq!(sim.game.hello_of(client.conn.expect("open")), Some(Some(SeatId(0))));
}

#[test]
fn leaving_the_waiting_room_frees_the_seat_and_voids_its_token() {
    let mut sim = private(3);
    sim.player("Ada", 0);
    let bob = sim.player("Bob", 0);
    sim.run_until_quiet();
    sim.send(bob, &ClientMsg::Leave);
    sim.run_until_quiet();
    assert_eq!(sim.game.view(None).players.len(), 1);
    sim.disconnect(bob);
    sim.connect(bob);
    sim.run_until_quiet();
    assert_eq!(sim.client(bob).rejections(), [Rejection::BadToken]);
    assert_eq!(sim.client(bob).closed, Some(1008));
    sim.player("Cy", 0);
    assert_eq!(sim.game.phase(), Phase::Waiting { starts_at: None }, "two of three seats taken");
}

#[test]
fn a_click_in_the_waiting_room_uses_no_number_and_costs_no_save() {
    let mut sim = private(4);
    let ada = sim.player("Ada", 0);
    sim.run_until_quiet();
    let saves = sim.storage.len();
    sim.send(ada, &ClientMsg::Click { round: 0, tab: 7, seq: 1, count: 3, at: 0 });
    sim.send(ada, &ClientMsg::Ship { round: 0, tab: 7, seq: 2, at: 0 });
    sim.run_until_quiet();
    assert_eq!(sim.client(ada).rejections(), [Rejection::OutOfPhase; 2]);
    assert_eq!(sim.storage.len(), saves, "nothing to store");
    let you = sim.game.view(Some(SeatId(0))).you.expect("seated");
    assert!(you.tabs.is_empty(), "no number used: {:?}", you.tabs);
}
