//! The flood guard (SPEC §4): a socket over its message budget is told a few times, then closed;
//! garbage is refused and its sender closed; a seat, or an address, closed for flooding too often
//! waits before it may come back. Refusals the rules make are not held against anyone.

mod sim;

use shared::game::Record;
use shared::ids::SeatId;
use shared::protocol::{ClientMsg, Rejection};
use shared::rules::{GameConfig, Rules};
use shared::view::Presence;
use sim::Sim;

/// A heartbeat that is not the runtime's exact frame: it reaches the game like any message.
const HEARTBEAT_SPELLED_OTHERWISE: &str = r#"{ "type": "heartbeat" }"#;

fn private(cap: u8) -> Sim {
    Sim::new(GameConfig::private(cap, Rules::default()).expect("valid rules"))
}

fn presence_of(sim: &Sim, viewer: usize, seat: u8) -> Option<Presence> {
    sim.view(viewer).player(SeatId(seat)).map(|p| p.presence)
}

#[test]
fn a_flood_is_told_a_few_times_then_closed_within_a_second_of_going_over() {
    let mut sim = private(4);
    let ada = sim.player("Ada", 0);
    let bob = sim.player("Bob", 0);
    // Ada's heartbeats would spend her budget too; the test counts only what it sends.
    sim.clients[ada].heartbeat = false;
    sim.advance(5_000);
    // Answers to no probe: ignored when admitted, so only the floods are answered.
    let stray = ClientMsg::ProbeAck { nonce: 0 };
    for _ in 0..70 {
        sim.send(ada, &stray);
    }
    sim.run_until_quiet();
    // 60 at once are taken; of the 10 over the budget, the first few are told why, no more.
    assert_eq!(sim.client(ada).rejections(), [Rejection::Flood; 3]);
    assert_eq!(sim.client(ada).closed, None);
    // Then 40 a second, over the 30 it may send: still over its budget a second later.
    for _ in 0..39 {
        sim.advance(25);
        sim.send(ada, &stray);
        sim.send(bob, &stray);
    }
    sim.run_until_quiet();
    assert_eq!(sim.client(ada).closed, None, "not before its second over the budget is out");
    sim.advance(25);
    sim.send(ada, &stray);
    sim.run_until_quiet();
    assert_eq!(sim.client(ada).closed, Some(1008), "closed on the first message a second after going over");
    assert_eq!(sim.client(ada).rejections(), [Rejection::Flood; 3], "the flood costs no more replies");
    assert!(sim.client(bob).rejections().is_empty(), "one socket's flood is its own");
    assert_eq!(presence_of(&sim, bob, 0), Some(Presence::Away));
    let closed = sim.records.iter().any(|(_, r)| matches!(r, Record::FloodClosed { .. }));
    assert!(closed, "the operator hears of it");
}

#[test]
fn a_burst_that_stops_is_forgiven() {
    let mut sim = private(4);
    let ada = sim.player("Ada", 0);
    sim.clients[ada].heartbeat = false;
    sim.advance(5_000);
    let stray = ClientMsg::ProbeAck { nonce: 0 };
    for _ in 0..3 {
        // A reconnect sending its journal again, say: ten over the budget, then quiet until
        // the budget is full again.
        for _ in 0..70 {
            sim.send(ada, &stray);
        }
        sim.run_until_quiet();
        sim.advance(2_500);
    }
    assert_eq!(sim.client(ada).closed, None);
    // Told why once: a socket that bursts again has heard it, and the answers would cost the room
    // a send for each message it does not want however the bursts are spaced.
    assert_eq!(sim.client(ada).rejections(), [Rejection::Flood; 3], "told why the first time only");
}

#[test]
fn a_flooding_spectator_or_socket_before_hello_is_closed_too() {
    let mut sim = private(4);
    sim.player("Ada", 0);
    let watcher = sim.outsider(0, None);
    sim.clients[watcher].heartbeat = false;
    sim.run_until_quiet();
    // A message any player may send, refused to a spectator: fine now and then, not by the thousand.
    for _ in 0..2_000 {
        sim.send(watcher, &ClientMsg::Start);
    }
    sim.run_until_quiet();
    let mut told = vec![Rejection::NotAPlayer; 59];
    told.extend([Rejection::Flood; 3]);
    assert_eq!(sim.client(watcher).rejections(), told, "the burst answered, then a few floods");
    assert_eq!(sim.client(watcher).closed, Some(1008));

    let silent = sim.outsider(0, None);
    sim.clients[silent].heartbeat = false;
    sim.clients[silent].conn = None;
    sim.open_socket(silent);
    // The heartbeat spelled otherwise: the runtime answers only the exact frame, and the room
    // counts the rest.
    for _ in 0..2_000 {
        sim.send_frame(silent, HEARTBEAT_SPELLED_OTHERWISE);
    }
    sim.run_until_quiet();
    assert_eq!(sim.client(silent).closed, Some(1008));
    assert!(sim.client(silent).rejections().len() <= 50, "never more answers than strikes");
    assert_eq!(sim.game.view(None).players.len(), 1, "nothing changed");
}

#[test]
fn a_seat_closed_for_flooding_three_times_in_a_minute_waits_before_it_may_return() {
    let mut sim = private(4);
    let ada = sim.player("Ada", 0);
    sim.player("Bob", 0);
    sim.clients[ada].heartbeat = false;
    sim.run_until_quiet();
    let flood = |sim: &mut Sim| {
        for _ in 0..200 {
            sim.send_frame(ada, HEARTBEAT_SPELLED_OTHERWISE);
        }
        sim.run_until_quiet();
    };
    for _ in 0..3 {
        flood(&mut sim);
        assert_eq!(sim.client(ada).closed, Some(1008));
        sim.advance(5_000);
        sim.connect(ada);
        sim.run_until_quiet();
    }
    // The third close was at about 10 s: the hello after it is turned away at once.
    assert_eq!(sim.client(ada).closed, Some(1008));
    assert_eq!(sim.client(ada).rejections().last(), Some(&Rejection::Flood));
    assert!(sim.game.view(None).player(SeatId(0)).is_some(), "the seat stays");
    sim.advance(60_000);
    sim.connect(ada);
    sim.run_until_quiet();
    assert_eq!(sim.client(ada).closed, None, "back a minute later");
    assert_eq!(presence_of(&sim, ada, 0), Some(Presence::Online));
}

#[test]
fn an_address_closed_for_flooding_twice_in_a_minute_is_turned_away_before_the_upgrade() {
    let mut sim = private(4);
    let ada = sim.player("Ada", 0);
    let bob = sim.player("Bob", 0);
    // A spectator on Ada's network: what it does must not cost her the socket she has open.
    let pest = sim.outsider(0, None);
    sim.clients[pest].from = sim.clients[ada].from.clone();
    sim.clients[pest].heartbeat = false;
    sim.disconnect(pest);
    sim.connect(pest);
    sim.run_until_quiet();
    for _ in 0..2 {
        for _ in 0..200 {
            sim.send_frame(pest, HEARTBEAT_SPELLED_OTHERWISE);
        }
        sim.run_until_quiet();
        assert_eq!(sim.client(pest).closed, Some(1008));
        sim.advance(5_000);
        sim.connect(pest);
        sim.run_until_quiet();
    }
    // Closed at about 0 and 5 s: the socket asked for at 10 s is refused before it opens, with
    // the wait until the first close is a minute old.
    let refused = sim.client(pest).refused.expect("turned away before the upgrade");
    assert!((49_000..=51_000).contains(&refused), "waits {refused} ms");
    assert_eq!(sim.client(pest).conn, None);
    // Ada's socket from the same address, Bob's from another, and both seats carry on.
    assert_eq!(presence_of(&sim, bob, 0), Some(Presence::Online));
    sim.connect(bob);
    sim.run_until_quiet();
    assert_eq!(sim.client(bob).refused, None);
    assert_eq!(presence_of(&sim, bob, 0), Some(Presence::Online));
    assert_eq!(presence_of(&sim, bob, 1), Some(Presence::Online));
    sim.advance(refused);
    sim.connect(pest);
    sim.run_until_quiet();
    assert_eq!(
        (sim.client(pest).refused, sim.client(pest).closed),
        (None, None),
        "back once the minute is up"
    );
}

#[test]
fn garbage_is_refused_without_effect_and_its_sender_closed() {
    let mut sim = private(4);
    sim.player("Ada", 0);
    let pest = sim.outsider(0, None);
    sim.clients[pest].heartbeat = false;
    sim.run_until_quiet();
    let before = sim.game.view(None);
    let huge = format!(r#"{{"type":"leave","pad":"{}"}}"#, "x".repeat(5_000));
    let frames = [huge.as_str(), "{", r#"{"type":"fly"}"#, r#"{"type":"hello","protocol":1}"#];
    let mut expected = Vec::new();
    for n in 0..60 {
        if n % 12 == 11 {
            sim.send_binary(pest);
            expected.push(Rejection::BadJson);
        } else {
            sim.send_frame(pest, frames[n % 4]);
            let kinds = [
                Rejection::FrameTooLarge,
                Rejection::BadJson,
                Rejection::UnknownMessage,
                Rejection::HelloFirst,
            ];
            expected.push(kinds[n % 4]);
        }
        sim.advance(200);
    }
    expected.truncate(50);
    assert_eq!(sim.client(pest).rejections(), expected, "answered until the 50th, then closed");
    assert_eq!(sim.client(pest).closed, Some(1008));
    assert_eq!(sim.game.view(None), before);
}

#[test]
fn refused_actions_are_not_held_against_a_socket() {
    let mut sim = private(4);
    sim.player("Ada", 0);
    let bob = sim.player("Bob", 0);
    for _ in 0..80 {
        sim.send(bob, &ClientMsg::Start);
        sim.advance(100);
    }
    assert_eq!(sim.client(bob).rejections(), [Rejection::NotHost; 80]);
    assert_eq!(sim.client(bob).closed, None);
}
