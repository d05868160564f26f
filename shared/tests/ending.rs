//! The end (SPEC §1, §2): forfeits, the last round, winners, the rematch and the clean-up.

mod sim;

use shared::game::{CleanUp, Record, StorageOp};
use shared::ids::SeatId;
use shared::protocol::{ClientMsg, Event, Rejection};
use shared::rules::{EXPIRE_AFTER_MS, Rules};
use shared::view::{Phase, Presence, Standing};
use sim::{Plan, Sim};

fn over(p: &Phase) -> bool {
    matches!(p, Phase::Over { .. })
}

fn play_out(sim: &mut Sim) -> Vec<SeatId> {
    sim.run_to(60 * 60 * 1_000, over);
    sim.run_until_quiet();
    let winners = sim.game.view(None).winners;
    for c in sim.clients.iter().filter(|c| c.conn.is_some()) {
        assert!(
            c.events().any(|e| *e == Event::GameOver { winners: winners.clone() }),
            "{} was told",
            c.name
        );
    }
    winners
}

fn idle() -> Plan {
    Plan::default()
}

#[test]
fn a_forfeit_leaves_the_others_playing() {
    let mut sim = Sim::started(Rules { max_rounds: 2, ..Rules::default() }, &[0, 40, 90]);
    sim.clients[2].plans = vec![Plan::steady(10, 1_500, None)];
    sim.run_to(10_000, |p| matches!(p, Phase::Round { .. }));
    sim.advance(2_000);
    sim.send(2, &ClientMsg::Leave);
    sim.run_until_quiet();
    let seen = sim.view(0).player(SeatId(2)).cloned().expect("a forfeit keeps its place");
    assert_eq!((seen.standing, seen.presence), (Standing::Forfeited, Presence::Away));
    sim.advance(1_000);
    sim.click(2, 1, 3_000);
    sim.run_until_quiet();
    assert_eq!(sim.client(2).rejections(), [Rejection::NotAPlayer], "it watches on as a spectator");
    sim.run_to(30_000, |p| matches!(p, Phase::Results { .. }));
    assert_eq!(sim.rows(1).iter().map(|r| r.seat.0).collect::<Vec<_>>(), [0, 1], "no row, no burn");
    assert!(matches!(sim.game.phase(), Phase::Results { round: 1, .. }));
}

#[test]
fn the_last_player_standing_wins_when_the_others_forfeit() {
    let mut sim = Sim::started(Rules::default(), &[0, 30, 60]);
    sim.send(1, &ClientMsg::Leave);
    sim.run_until_quiet();
    assert!(matches!(sim.game.phase(), Phase::Intermission { round: 1, .. }));
    sim.send(0, &ClientMsg::Leave);
    let winners = play_out(&mut sim);
    assert_eq!(winners, [SeatId(2)]);
    assert!(sim.game.view(None).history.is_empty(), "over before any round was played");
    sim.send(2, &ClientMsg::Leave);
    sim.run_until_quiet();
    assert_eq!(sim.client(2).rejections(), [Rejection::OutOfPhase]);
}

#[test]
fn after_the_last_round_the_highest_capital_wins() {
    let mut sim = Sim::started(Rules { max_rounds: 3, ..Rules::default() }, &[0, 150, 250]);
    sim.clients[0].plans = vec![Plan::steady(12, 10_000, None)];
    sim.clients[1].plans = vec![Plan::steady(14, 6_001, Some(6_000))];
    sim.clients[2].plans = vec![Plan::steady(9, 10_000, Some(9_500))];
    assert_eq!(play_out(&mut sim), [SeatId(1)]);
    assert_eq!(sim.game.view(None).history.len(), 3);
    let capitals: Vec<_> = sim.rows(3).iter().map(|r| r.capital).collect();
    // Per round: 119 clicks in 10 s, 84 in 6 s, 85 in 9.5 s; each pays its profit less $5,000.
    assert_eq!(
        capitals,
        [30_000 + 3 * (5_950 - 5_000), 30_000 + 3 * (7_000 - 5_000), 30_000 + 3 * (4_473 - 5_000)]
    );
}

#[test]
fn an_exact_tie_is_shared() {
    let mut sim = Sim::started(Rules { max_rounds: 2, ..Rules::default() }, &[0, 200, 10]);
    for i in 0..2 {
        sim.clients[i].plans = vec![Plan::steady(11, 10_000, Some(7_000))];
    }
    sim.clients[2].plans = vec![Plan::steady(10, 10_000, Some(7_000))];
    assert_eq!(play_out(&mut sim), [SeatId(0), SeatId(1)]);
}

#[test]
fn the_last_active_player_wins() {
    let rules = Rules { starting_capital: 20_000, burn: 5_000, ..Rules::default() };
    let mut sim = Sim::started(rules, &[0, 80]);
    sim.clients[0].plans = vec![Plan::steady(9, 10_000, None)];
    sim.clients[1].plans = vec![idle()];
    assert_eq!(play_out(&mut sim), [SeatId(0)]);
    // 89 clicks a round pay $4,450: seat 0 loses $550 a round, seat 1 all $5,000 of the burn.
    assert_eq!(sim.game.view(None).history.len(), 4);
    assert_eq!(sim.view(0).player(SeatId(0)).map(|p| p.capital), Some(20_000 - 4 * 550));
}

#[test]
fn players_broke_in_the_same_round_rank_by_capital() {
    let rules = Rules { starting_capital: 5_000, burn: 6_000, ..Rules::default() };
    let mut sim = Sim::started(rules, &[0, 100, 200]);
    sim.clients[0].plans = vec![Plan { clicks: vec![100, 200], ..idle() }];
    sim.clients[1].plans = vec![Plan { clicks: (1..=10).map(|k| k * 100).collect(), ..idle() }];
    sim.clients[2].plans = vec![Plan { clicks: vec![5_000], ..idle() }];
    assert_eq!(play_out(&mut sim), [SeatId(1)]);
    let capitals: Vec<_> = sim.rows(1).iter().map(|r| (r.capital, r.eliminated)).collect();
    assert_eq!(capitals, [(-900, true), (-500, true), (-950, true)]);
}

#[test]
fn a_game_nobody_plays_still_ends() {
    let mut sim = Sim::started(Rules::default(), &[0, 0]);
    sim.disconnect(0);
    sim.disconnect(1);
    sim.run_to(10 * 60 * 1_000, over);
    // $30,000 less $5,000 a round: both reach $0 in round 6 and share the win.
    assert_eq!(sim.game.view(None).history.len(), 6);
    assert_eq!(sim.game.view(None).winners, [SeatId(0), SeatId(1)]);
}

#[test]
fn a_finished_game_is_deleted_a_day_after_it_ends() {
    let mut sim = Sim::started(Rules { max_rounds: 1, ..Rules::default() }, &[0, 0]);
    sim.disconnect(1);
    sim.check_views = false;
    play_out(&mut sim);
    let Phase::Over { ended_at } = sim.game.phase() else { unreachable!("played out") };
    assert!(matches!(sim.storage.last(), Some(&(at, StorageOp::Save { hold: true, .. })) if at == ended_at));
    sim.advance(ended_at + EXPIRE_AFTER_MS - 1 - sim.now);
    assert!(over(&sim.game.phase()));
    assert!(sim.storage.iter().all(|(_, op)| matches!(op, StorageOp::Save { .. })));
    sim.advance(1);
    assert_eq!(sim.game.phase(), Phase::Closed);
    assert_eq!(sim.storage.last(), Some(&(ended_at + EXPIRE_AFTER_MS, StorageOp::Delete)));
    assert_eq!(sim.closes.last().map(|(at, c)| (*at, c.code)), Some((ended_at + EXPIRE_AFTER_MS, 1000)));
    // The operator's log tells the game's life: created, started, its round, its end, its deletion.
    let events: Vec<&Record> = sim.records.iter().map(|(_, r)| r).collect();
    assert!(matches!(events[0], Record::Created { cap: 2, .. }), "{events:?}");
    assert!(events.contains(&&Record::Started { players: 2, bots: 0 }), "{events:?}");
    assert!(events.iter().any(|r| matches!(r, Record::RoundSettled { round: 1, .. })), "{events:?}");
    assert!(events.iter().any(|r| matches!(r, Record::Ended { rounds: 1, .. })), "{events:?}");
    assert_eq!(
        sim.records.last(),
        Some(&(ended_at + EXPIRE_AFTER_MS, Record::CleanedUp { reason: CleanUp::Expired }))
    );

    // Someone comes back to the closed game: it is shown, refuses to act, and stays deleted.
    sim.connect(1);
    sim.send(1, &ClientMsg::Leave);
    sim.run_until_quiet();
    assert_eq!(sim.view(1).phase, Phase::Closed);
    assert_eq!(sim.client(1).rejections(), [Rejection::GameClosed]);
    assert_eq!(sim.storage.last().map(|s| s.1), Some(StorageOp::Delete), "nothing saved after the delete");
}

#[test]
fn a_rematch_opens_once_and_only_after_the_end() {
    let mut sim = Sim::started(Rules { max_rounds: 1, ..Rules::default() }, &[0, 120]);
    let watcher = sim.outsider(60, None);
    assert_eq!(sim.rematch("early3456abc"), None);
    play_out(&mut sim);
    assert_eq!(sim.rematch("first23456ab").as_deref(), Some("first23456ab"));
    assert_eq!(sim.rematch("second3456ab").as_deref(), Some("first23456ab"));
    sim.advance(1_000);
    assert_eq!(sim.game.rematch(), Some("first23456ab"));
    for i in [0, 1, watcher] {
        let told: Vec<_> = sim.client(i).events().filter(|e| matches!(e, Event::Rematch { .. })).collect();
        assert_eq!(told, [&Event::Rematch { code: "first23456ab".into() }], "{i} invited once");
        assert_eq!(sim.view(i).rematch.as_deref(), Some("first23456ab"));
    }
}
