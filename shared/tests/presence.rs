//! Presence and sockets (SPEC §2, §4): dropping out and coming back, silence, round trips, the
//! clean-up of an empty room, a second tab. Floods and garbage: floods.rs.

mod sim;

use shared::game::{CleanUp, Record, StorageOp};
use shared::ids::SeatId;
use shared::protocol::{ClientMsg, Event};
use shared::rules::{ABANDON_AFTER_MS, AWAY_AFTER_MS, GameConfig, HEARTBEAT_MS, PROBE_EVERY_MS, Rules};
use shared::view::{Phase, Presence};
use sim::{Client, Plan, Sim, T0};

fn private(cap: u8) -> Sim {
    Sim::new(GameConfig::private(cap, Rules::default()).expect("valid rules"))
}

fn presence_of(sim: &Sim, viewer: usize, seat: u8) -> Option<Presence> {
    sim.view(viewer).player(SeatId(seat)).map(|p| p.presence)
}

fn round_of(sim: &mut Sim, round: u8) -> u64 {
    sim.run_to(60_000, |p| matches!(p, Phase::Round { round: r, .. } if *r == round));
    match sim.game.phase() {
        Phase::Round { started_at, .. } => started_at,
        _ => unreachable!("just matched"),
    }
}

#[test]
fn a_dropped_player_plays_on_passively_and_returns_to_its_seat() {
    let mut sim = Sim::started(Rules { max_rounds: 3, ..Rules::default() }, &[0, 60, 120]);
    for c in &mut sim.clients {
        c.plans = vec![Plan::steady(10, 10_000, None)];
    }
    sim.run_until_quiet();
    sim.disconnect(1);
    sim.run_until_quiet();
    assert_eq!(presence_of(&sim, 0, 1), Some(Presence::Away));
    let started = round_of(&mut sim, 2);
    sim.advance(started + 3_000 - sim.now);
    sim.connect(1);
    sim.run_until_quiet();
    let snapshot = sim.client(1).events().filter(|e| matches!(e, Event::Snapshot { .. })).last().cloned();
    let Some(Event::Snapshot { view }) = snapshot else { panic!("a snapshot on every connect") };
    assert_eq!(view.you.as_ref().map(|y| y.seat), Some(SeatId(1)));
    assert_eq!(view.history.len(), 1, "the full state, history included");
    assert_eq!(presence_of(&sim, 2, 1), Some(Presence::Online));
    sim.run_to(60_000, |p| matches!(p, Phase::Over { .. }));
    let seat1: Vec<_> = (1..=3).map(|r| (sim.rows(r)[1].clicks, sim.rows(r)[1].ms)).collect();
    // Away for round 1, back too late to play round 2, playing round 3 again.
    assert_eq!(seat1, [(0, 10_000), (0, 10_000), (99, 10_000)]);
}

#[test]
fn silence_for_ten_seconds_closes_the_socket_and_shows_the_player_away() {
    let mut sim = private(4);
    let ada = sim.player("Ada", 0);
    let bob = sim.join("Bob", 100).expect("free seat");
    sim.clients[bob].heartbeat = false;
    sim.connect(bob);
    sim.run_until_quiet();
    assert_eq!(presence_of(&sim, ada, 1), Some(Presence::Online));
    sim.advance(60_000);
    // Bob was last heard when his probe answer arrived, one round trip and a half after T0.
    let closed: Vec<_> = sim.closes.iter().map(|(at, c)| (*at - T0, c.code)).collect();
    assert_eq!(closed, [(150 + 10_000, 1001)]);
    assert_eq!(sim.client(bob).closed, Some(1001));
    assert_eq!(presence_of(&sim, ada, 1), Some(Presence::Away));
    assert_eq!(presence_of(&sim, ada, 0), Some(Presence::Online), "heartbeats keep a socket");
}

#[test]
fn round_trips_are_measured_and_shown() {
    let mut sim = Sim::started(Rules::default(), &[0, 180, 35]);
    sim.advance(5_000);
    let shown: Vec<_> = sim.view(0).players.iter().map(|p| p.rtt_ms).collect();
    assert_eq!(shown, [Some(0), Some(180), Some(35)]);
}

#[test]
fn the_host_badge_moves_to_someone_online_when_the_host_goes_away() {
    let mut sim = private(4);
    let ada = sim.player("Ada", 0);
    let bob = sim.player("Bob", 50);
    sim.run_until_quiet();
    sim.disconnect(ada);
    sim.run_until_quiet();
    assert_eq!(sim.view(bob).host, Some(SeatId(1)));
    sim.connect(ada);
    sim.run_until_quiet();
    assert_eq!(sim.view(ada).host, Some(SeatId(1)), "coming back does not take it back");
    sim.disconnect(bob);
    sim.run_until_quiet();
    assert_eq!(sim.view(ada).host, Some(SeatId(0)));
    sim.disconnect(ada);
    assert_eq!(sim.game.view(None).host, Some(SeatId(0)), "with nobody online, the host keeps it");
}

#[test]
fn an_empty_waiting_room_closes_after_ten_minutes() {
    let mut sim = private(4);
    let ada = sim.player("Ada", 30);
    sim.advance(2 * ABANDON_AFTER_MS);
    assert_eq!(sim.game.phase(), Phase::Waiting { starts_at: None }, "someone is there");
    sim.disconnect(ada);
    let left = sim.now;
    sim.advance(ABANDON_AFTER_MS - 1);
    assert_eq!(sim.game.phase(), Phase::Waiting { starts_at: None });
    assert_ne!(sim.storage.last().map(|s| s.1), Some(StorageOp::Delete));
    sim.advance(1);
    assert_eq!(sim.game.phase(), Phase::Closed);
    assert_eq!(sim.storage.last(), Some(&(left + ABANDON_AFTER_MS, StorageOp::Delete)));
    let cleaned = Record::CleanedUp { reason: CleanUp::Abandoned };
    assert_eq!(sim.records.last(), Some(&(left + ABANDON_AFTER_MS, cleaned)), "the operator hears of it");
}

#[test]
fn a_second_tab_shares_the_seat() {
    let mut sim = Sim::started(Rules::default(), &[0, 40]);
    let tab = sim.clients.len();
    sim.clients.push(Client::new("P0 again", 90, Some(SeatId(0)), Some("secret-0".into())));
    sim.connect(tab);
    sim.clients[tab].plans = vec![Plan { clicks: vec![100, 200, 300], ..Plan::default() }];
    round_of(&mut sim, 1);
    sim.advance(1_000);
    assert_eq!(sim.view(0).you.as_ref().map(|y| y.clicks), Some(3), "both tabs are told");
    sim.disconnect(tab);
    sim.run_until_quiet();
    assert_eq!(presence_of(&sim, 1, 0), Some(Presence::Online));
    sim.disconnect(0);
    sim.run_until_quiet();
    assert_eq!(presence_of(&sim, 1, 0), Some(Presence::Away));
}

#[test]
fn a_quiet_player_is_probed_when_the_room_hears_of_its_heartbeats_at_most_every_six_seconds() {
    let mut sim = private(4);
    let ada = sim.player("Ada", 40);
    sim.run_until_quiet();
    sim.advance(60_000);
    let probes: Vec<u64> = sim
        .client(ada)
        .inbox
        .iter()
        .filter(|(_, m)| matches!(m.event, Event::Probe { .. }))
        .map(|(at, _)| *at)
        .collect();
    // One on hello, then one each time the room's timer reads when the runtime last answered a
    // heartbeat: each answer to a probe is a billed message, so they are spaced.
    let gaps: Vec<u64> = probes.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(gaps.iter().all(|&gap| (PROBE_EVERY_MS..=AWAY_AFTER_MS + 100).contains(&gap)), "{gaps:?}");
    assert!(probes.len() >= 60_000 / AWAY_AFTER_MS as usize, "{probes:?}");
    assert_eq!(sim.view(ada).player(SeatId(0)).and_then(|p| p.rtt_ms), Some(40), "still measured");
}

#[test]
fn heartbeats_are_answered_by_the_runtime_and_never_reach_the_game() {
    let mut sim = private(4);
    let ada = sim.player("Ada", 40);
    let bob = sim.player("Bob", 90);
    sim.run_until_quiet();
    let records = sim.records.len();
    sim.advance(120_000);
    // Two minutes of heartbeats: both stay online, no socket is closed, and the game saw only
    // the probes' answers, never a heartbeat (none is an input, so the records stay as they were).
    assert!(sim.heartbeats_answered >= 2 * 120_000 / HEARTBEAT_MS - 2, "{}", sim.heartbeats_answered);
    assert_eq!(sim.closes, []);
    assert_eq!(
        (presence_of(&sim, ada, 1), presence_of(&sim, bob, 0)),
        (Some(Presence::Online), Some(Presence::Online))
    );
    assert_eq!(sim.records.len(), records);

    // A flood of them costs the game nothing: the runtime answers, the room is not woken.
    for _ in 0..5_000 {
        sim.send(bob, &ClientMsg::Heartbeat);
    }
    sim.run_until_quiet();
    assert_eq!(sim.client(bob).rejections(), []);
    assert_eq!(sim.closes, []);

    // Once Bob says nothing more (no heartbeat, no probe answered), his socket is silent:
    // closed and shown away within the usual ten seconds of the last heartbeat.
    sim.clients[bob].heartbeat = false;
    sim.clients[bob].probe_delay = 3_600_000;
    let stopped = sim.now;
    sim.advance(AWAY_AFTER_MS + HEARTBEAT_MS);
    let closed: Vec<_> = sim.closes.iter().map(|(at, c)| (*at - stopped, c.code)).collect();
    assert!(matches!(closed[..], [(after, 1001)] if after <= AWAY_AFTER_MS), "{closed:?}");
    assert_eq!(presence_of(&sim, ada, 1), Some(Presence::Away));
}

#[test]
fn a_player_whose_socket_did_not_survive_a_restart_is_shown_away_at_once() {
    let mut sim = Sim::started(Rules::default(), &[0, 40, 80]);
    sim.run_until_quiet();
    let online = |sim: &Sim, seat: usize| sim.game.view(None).players[seat].presence == Presence::Online;
    assert!((0..3).all(|s| online(&sim, s)));
    // The runtime dies: Bob's connection dies with it and he never comes back; the others'
    // sockets are there again when it restarts.
    sim.restart_without(&[1]);
    assert!(!online(&sim, 1), "Bob is away as soon as the room is back");
    assert!(online(&sim, 0) && online(&sim, 2));
    sim.run_until_quiet();
    // By a presence event, or by the snapshot every restored socket gets.
    let seen = sim.view(0).player(SeatId(1)).map(|p| p.presence);
    assert_eq!(seen, Some(Presence::Away), "the others are told");
}

#[test]
fn a_clicking_players_round_trip_is_measured_without_heartbeats() {
    // The app sends a heartbeat only after two quiet seconds, so a player clicking through the
    // rounds sends batches alone; their round trip must still follow the network.
    let mut sim = Sim::started(Rules::default(), &[40, 40]);
    sim.clients[0].heartbeat = false;
    sim.clients[0].plans = vec![Plan::steady(5, 9_900, None)];
    round_of(&mut sim, 1);
    sim.clients[0].rtt = 200;
    sim.clients[0].network = None;
    round_of(&mut sim, 3);
    sim.advance(8_000);
    let shown = sim.view(1).player(SeatId(0)).and_then(|p| p.rtt_ms);
    assert_eq!(shown, Some(200), "the other player sees the new round trip");
}
