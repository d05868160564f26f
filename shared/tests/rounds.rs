//! Rounds (SPEC §1): the phase timings, clicks and their bound, shipping, profit, burn and
//! elimination.

mod sim;

use shared::game::Game;
use shared::ids::SeatId;
use shared::protocol::{ClientMsg, Event, Rejection};
use shared::rules::{LATE_INPUT_SLACK_MS, RESULTS_MS, Rules};
use shared::view::{Phase, Standing};
use sim::{Plan, Sim};

fn in_round(p: &Phase) -> bool {
    matches!(p, Phase::Round { .. })
}

/// Starts round 1 and returns when it started on the server.
fn first_round(sim: &mut Sim) -> u64 {
    sim.run_to(20_000, in_round);
    sim.run_until_quiet();
    match sim.game.phase() {
        Phase::Round { started_at, .. } => started_at,
        other => panic!("round 1 is not running: {other:?}"),
    }
}

/// Runs to the end of the running round and until every client has heard of it.
fn settle(sim: &mut Sim) {
    sim.run_to(30_000, |p| matches!(p, Phase::Results { .. } | Phase::Over { .. }));
    sim.run_until_quiet();
}

#[test]
fn phases_follow_the_rules_timings() {
    let rules = Rules { intermission_ms: 2_000, round_ms: 5_000, max_rounds: 2, ..Rules::default() };
    let mut sim = Sim::started(rules, &[0, 0]);
    let t = sim.now;
    assert_eq!(sim.game.phase(), Phase::Intermission { round: 1, starts_at: t + 2_000 });
    sim.advance(1_999);
    assert!(matches!(sim.game.phase(), Phase::Intermission { .. }));
    sim.advance(1);
    assert_eq!(sim.game.phase(), Phase::Round { round: 1, started_at: t + 2_000, ends_at: t + 7_000 });
    // Nobody ships, and no round trip is credited: messages are taken the least slack longer
    // (1% of a 5 s round is less).
    let slack = LATE_INPUT_SLACK_MS;
    sim.advance(5_000 + slack - 1);
    assert!(in_round(&sim.game.phase()));
    sim.advance(1);
    let settled = t + 7_000 + slack;
    assert_eq!(sim.game.phase(), Phase::Results { round: 1, next_at: settled + RESULTS_MS });
    sim.advance(RESULTS_MS);
    let next = settled + RESULTS_MS + 2_000;
    assert_eq!(sim.game.phase(), Phase::Intermission { round: 2, starts_at: next });
    sim.advance(2_000 + 5_000 + slack);
    assert_eq!(sim.game.phase(), Phase::Over { ended_at: next + 5_000 + slack }, "two rounds at most");
    assert_eq!(sim.game.view(None).history.len(), 2);
}

#[test]
fn the_round_waits_for_the_slowest_round_trip() {
    let mut sim = Sim::started(Rules::default(), &[0, 300]);
    let started = first_round(&mut sim);
    let ends = started + 10_000;
    // The slower player's round trip, and the least slack (more than 1% of 10 s).
    sim.advance(ends + 300 + LATE_INPUT_SLACK_MS - 1 - sim.now);
    assert!(in_round(&sim.game.phase()));
    sim.advance(1);
    assert!(matches!(sim.game.phase(), Phase::Results { round: 1, .. }));
}

#[test]
fn a_last_batch_held_up_on_its_way_still_counts() {
    // A 3 s round, whose 1% would leave 30 ms: the batch a page sends as the round ends on its
    // screen, held up 250 ms by a busy page, proxy or server, is taken all the same.
    let rules = Rules { round_ms: 3_000, max_rounds: 1, ..Rules::default() };
    let mut sim = Sim::started(rules, &[0, 0]);
    let started = first_round(&mut sim);
    sim.advance(started + 3_000 + 250 - sim.now);
    assert!(in_round(&sim.game.phase()), "still taking the round's last messages");
    sim.click(0, 5, 2_990);
    settle(&mut sim);
    assert!(sim.client(0).rejections().is_empty(), "{:?}", sim.client(0).rejections());
    assert_eq!(sim.rows(1)[0].clicks, 5);
}

#[test]
fn the_round_closes_as_soon_as_everyone_shipped() {
    let mut sim = Sim::started(Rules::default(), &[0, 100]);
    sim.clients[0].plans = vec![Plan { ship: Some(2_500), ..Plan::default() }];
    sim.clients[1].plans = vec![Plan { ship: Some(4_000), ..Plan::default() }];
    let started = first_round(&mut sim);
    settle(&mut sim);
    // The second ship reaches the server after its own 4 s plus the round trip.
    assert_eq!(sim.game.phase(), Phase::Results { round: 1, next_at: started + 4_100 + RESULTS_MS });
    assert_eq!(sim.rows(1).iter().map(|r| r.ms).collect::<Vec<_>>(), [2_500, 4_000]);
}

#[test]
fn clicks_are_bounded_by_twenty_a_second_plus_a_burst() {
    let mut sim = Sim::started(Rules::default(), &[0, 0]);
    let started = first_round(&mut sim);
    let clicks = |sim: &Sim| sim.game.view(Some(SeatId(0))).you.as_ref().map(|y| y.clicks);
    sim.click(0, 100, 0);
    sim.run_until_quiet();
    assert_eq!(clicks(&sim), Some(5), "only the burst at once");
    // A bot asking for 200 clicks a second gets 20 of them a second, and the excess never counts.
    while sim.now + 50 <= started + 10_000 {
        sim.advance(50);
        let at = u32::try_from(sim.now - started).expect("inside the round");
        sim.click(0, 10, at);
    }
    sim.run_until_quiet();
    assert_eq!(clicks(&sim), Some(205), "20 a second for 10 s, plus the burst");
    assert_eq!(sim.view(0).you.as_ref().map(|y| y.clicks), Some(205), "and the player is told");
    let told: Vec<(u64, u32)> = sim
        .client(0)
        .inbox
        .iter()
        .filter_map(|(t, m)| match m.event {
            Event::YourClicks { clicks, .. } => Some((*t - started, clicks)),
            _ => None,
        })
        .collect();
    for (i, &(from, _)) in told.iter().enumerate() {
        let before = if i == 0 { 0 } else { told[i - 1].1 };
        let within = told.iter().take_while(|(t, _)| *t <= from + 1_000).last().map_or(0, |&(_, c)| c);
        assert!(within - before <= 25, "{} clicks in the second from {from} ms", within - before);
    }
    settle(&mut sim);
    let row = &sim.rows(1)[0];
    assert_eq!((row.clicks, row.ms, row.profit), (205, 10_000, 10_250));
}

#[test]
fn a_spurt_counts_no_more_than_a_second_allows() {
    let mut sim = Sim::started(Rules::default(), &[0, 0]);
    first_round(&mut sim);
    sim.advance(3_000);
    // 25 count: a second's worth and the burst, saved up since the round began.
    sim.click(0, 60, 3_000);
    sim.advance(1_000);
    // A second later, a second's worth more; a moment after that, nothing.
    sim.click(0, 60, 4_000);
    sim.advance(1);
    sim.click(0, 60, 4_001);
    sim.run_until_quiet();
    assert_eq!(sim.game.view(Some(SeatId(0))).you.as_ref().map(|y| y.clicks), Some(45));
}

#[test]
fn honest_clicking_at_the_bound_loses_nothing_whatever_the_batches() {
    let mut sim = Sim::started(Rules::default(), &[0, 0]);
    let started = first_round(&mut sim);
    // 20 clicks a second, flushed in uneven batches as a browser's timer would, each stamped
    // with the true time since the round started (this player is 0 ms away).
    let mut at = (sim.now - started) as u32;
    for (i, count) in [6u32, 4, 7, 3, 5, 5, 6, 4].iter().cycle().take(32).enumerate() {
        at += if i % 2 == 0 { 300 } else { 200 };
        sim.advance(if i % 2 == 0 { 300 } else { 200 });
        sim.click(0, *count, at);
    }
    sim.run_until_quiet();
    assert_eq!(sim.game.view(Some(SeatId(0))).you.as_ref().map(|y| y.clicks), Some(160));
}

#[test]
fn clicks_and_ships_out_of_phase_are_refused() {
    let mut sim = Sim::started(Rules { max_rounds: 1, ..Rules::default() }, &[0, 0]);
    sim.click(0, 1, 0);
    sim.ship(0, 0);
    let started = first_round(&mut sim);
    // After the round's end, inside the grace left for slower players: too late for this one.
    sim.advance(started + 10_050 - sim.now);
    sim.click(0, 1, 10_050);
    sim.run_to(20_000, |p| matches!(p, Phase::Over { .. }));
    sim.click(0, 1, 0);
    sim.ship(0, 0);
    sim.run_until_quiet();
    // The first two left before the countdown reached the screen: inputs of round 0, another round.
    let refused = [
        Rejection::OtherRound,
        Rejection::OtherRound,
        Rejection::OutOfPhase,
        Rejection::OutOfPhase,
        Rejection::OutOfPhase,
    ];
    assert_eq!(sim.client(0).rejections(), refused);
    assert_eq!(sim.rows(1)[0].clicks, 0);
}

#[test]
fn one_ship_per_round() {
    let mut sim = Sim::started(Rules::default(), &[40, 0]);
    sim.clients[0].plans = vec![Plan { clicks: vec![100, 200, 300], ship: Some(1_000), ..Plan::default() }];
    first_round(&mut sim);
    sim.advance(2_000);
    // A second ship is never sent; a forged one (the next number) is refused, as are clicks.
    sim.ship(0, 1_900);
    sim.click(0, 4, 1_900);
    let tab = sim.client(0).journal.tab();
    sim.send(0, &ClientMsg::Ship { round: 1, tab, seq: 6, at: 1_900 });
    sim.run_until_quiet();
    assert_eq!(sim.client(0).rejections(), [Rejection::AlreadyShipped; 2]);
    assert!(sim.view(1).player(SeatId(0)).is_some_and(|p| p.shipped), "everyone saw it ship");
    settle(&mut sim);
    let row = &sim.rows(1)[0];
    assert_eq!((row.clicks, row.ms, row.profit), (3, 1_000, 1_500));
}

#[test]
fn an_unshipped_product_ships_itself_at_the_round_end() {
    let mut sim = Sim::started(Rules::default(), &[120, 0]);
    sim.clients[0].plans = vec![Plan::steady(3, 10_000, None)];
    sim.clients[1].plans = vec![Plan { ship: Some(500), ..Plan::default() }];
    first_round(&mut sim);
    settle(&mut sim);
    let row = &sim.rows(1)[0];
    assert_eq!((row.clicks, row.ms, row.profit), (29, 10_000, 1_450));
    assert!(sim.view(1).players.iter().all(|p| p.shipped));
}

#[test]
fn profit_is_floor_of_500000_clicks_per_ms_and_ms_counts_as_a_second_at_least() {
    let mut sim = Sim::started(Rules::default(), &[0, 70]);
    sim.clients[0].plans =
        vec![Plan { clicks: (1..=7).map(|k| k * 100).collect(), ship: Some(3_333), ..Plan::default() }];
    sim.clients[1].plans = vec![Plan { clicks: vec![100, 200, 300], ship: Some(400), ..Plan::default() }];
    first_round(&mut sim);
    settle(&mut sim);
    let rows: Vec<_> = sim.rows(1).iter().map(|r| (r.clicks, r.ms, r.profit, r.burn, r.capital)).collect();
    // 500,000 × 7 / 3,333 = 1,050.1; 500,000 × 3 / max(400, 1,000) = 1,500, and the results
    // say 1,000 ms, the time that was paid for.
    assert_eq!(rows, [(7, 3_333, 1_050, 5_000, 26_050), (3, 1_000, 1_500, 5_000, 26_500)]);
}

#[test]
fn a_ship_never_predates_its_own_last_click() {
    let mut sim = Sim::started(Rules::default(), &[0, 0]);
    first_round(&mut sim);
    sim.advance(2_000);
    sim.click(0, 5, 2_000);
    sim.ship(0, 1_500);
    settle(&mut sim);
    assert_eq!((sim.rows(1)[0].clicks, sim.rows(1)[0].ms), (5, 2_000));
}

#[test]
fn the_burn_eliminates_below_one_dollar_and_the_eliminated_watch() {
    let rules = Rules { starting_capital: 5_000, burn: 5_000, max_rounds: 5, ..Rules::default() };
    let mut sim = Sim::started(rules, &[0, 50, 90]);
    sim.clients[1].plans = vec![Plan { clicks: vec![500], ..Plan::default() }];
    sim.clients[2].plans = vec![Plan::steady(10, 10_001, Some(10_000))];
    first_round(&mut sim);
    settle(&mut sim);
    let rows: Vec<_> = sim.rows(1).iter().map(|r| (r.profit, r.capital, r.eliminated)).collect();
    assert_eq!(rows, [(0, 0, true), (50, 50, false), (5_000, 5_000, false)], "$0 is out, $50 plays on");
    assert_eq!(sim.view(1).player(SeatId(0)).map(|p| p.standing), Some(Standing::Eliminated { round: 1 }));

    sim.run_to(30_000, in_round);
    sim.run_until_quiet();
    sim.click(0, 1, 1);
    sim.ship(0, 1);
    sim.send(0, &ClientMsg::Leave);
    settle(&mut sim);
    assert_eq!(sim.client(0).rejections(), [Rejection::Eliminated; 3]);
    let round2: Vec<_> = sim.rows(2).iter().map(|r| (r.seat.0, r.capital, r.eliminated)).collect();
    assert_eq!(round2, [(1, -4_900, true), (2, 5_000, false)], "the eliminated have no row");
    assert!(sim.client(1).events().any(|e| *e == Event::GameOver { winners: vec![SeatId(2)] }));
}

#[test]
fn a_restart_in_the_middle_of_a_round_loses_nothing() {
    let mut sim = Sim::started(Rules::default(), &[0, 80]);
    sim.clients[0].plans = vec![Plan::steady(5, 10_000, None)];
    sim.clients[1].plans = vec![Plan::steady(8, 10_000, Some(9_000))];
    first_round(&mut sim);
    let phase = sim.game.phase();
    sim.advance(5_000);
    sim.restart();
    assert_eq!(sim.game.phase(), phase, "the timers come back with the state");
    settle(&mut sim);
    let rows: Vec<_> = sim.rows(1).iter().map(|r| (r.clicks, r.ms, r.profit)).collect();
    assert_eq!(rows, [(49, 10_000, 2_450), (72, 9_000, 4_000)]);
}

#[test]
fn a_kill_between_saves_loses_no_tap() {
    let mut sim = Sim::started(Rules::default(), &[0, 80]);
    sim.clients[0].plans = vec![Plan::steady(15, 10_000, None)];
    sim.clients[1].plans = vec![Plan::steady(10, 10_000, Some(4_000))];
    first_round(&mut sim);
    sim.advance(4_700);
    // Clicks are stored every two seconds: some counted ones are in memory only.
    let live = sim.game.view(Some(SeatId(0))).you.as_ref().map(|y| y.clicks);
    let stored = sim.store.bytes.as_deref().map(|bytes| Game::from_stored(bytes).expect("loads"));
    let kept = stored.and_then(|g| g.view(Some(SeatId(0))).you).map(|y| y.clicks);
    assert!(kept < live, "the kill must fall between saves: {kept:?} of {live:?} stored");
    // The runtime dies with every socket; the players come back a second later.
    sim.restart_without(&[0, 1]);
    sim.advance(1_000);
    sim.connect(0);
    sim.connect(1);
    settle(&mut sim);
    let rows = sim.rows(1);
    assert_eq!(rows[0].clicks, sim.client(0).tapped, "every tap made before the kill counts");
    assert_eq!(rows[1].clicks, sim.client(1).tapped);
    assert!(rows[1].ms <= 4_000 + 80, "the ship stands: {}", rows[1].ms);
}

#[test]
fn a_round_whose_time_ran_out_during_a_restart_waits_for_its_players() {
    let mut sim = Sim::started(Rules::default(), &[0, 60]);
    sim.clients[0].plans = vec![Plan::steady(12, 10_000, None)];
    sim.clients[1].plans = vec![Plan::steady(9, 10_000, None)];
    let started = first_round(&mut sim);
    sim.advance(started + 9_000 - sim.now);
    let live = sim.game.view(Some(SeatId(0))).you.as_ref().map(|y| y.clicks);
    // Killed 9 s into the round; the runtime is back 3 s later, after the round's end.
    sim.restart_without(&[0, 1]);
    sim.advance(3_000);
    sim.game.handle_timeout(sim.now);
    assert!(in_round(&sim.game.phase()), "the round waits for the players who were online");
    sim.connect(0);
    sim.advance(2_000);
    assert!(in_round(&sim.game.phase()), "and for the last of them");
    sim.connect(1);
    settle(&mut sim);
    let rows = sim.rows(1);
    assert_eq!(Some(rows[0].clicks), live, "every click made before the kill is paid");
    assert_eq!(rows[0].clicks, sim.client(0).tapped);
    assert_eq!(rows[1].clicks, sim.client(1).tapped);
}

#[test]
fn a_player_who_never_returns_after_a_restart_holds_the_round_ten_seconds_at_most() {
    let mut sim = Sim::started(Rules::default(), &[0, 0]);
    let started = first_round(&mut sim);
    sim.advance(started + 9_500 - sim.now);
    sim.restart_without(&[1]);
    sim.run_to(30_000, |p| matches!(p, Phase::Results { .. }));
    assert!(sim.now - started <= 9_500 + 10_000 + 100, "closed {} ms in", sim.now - started);
}

#[test]
fn a_ship_lost_to_a_kill_is_sent_again_and_keeps_its_moment() {
    let mut sim = Sim::started(Rules::default(), &[0, 80]);
    sim.clients[1].plans =
        vec![Plan { clicks: vec![500, 1_000, 1_500], ship: Some(4_000), ..Plan::default() }];
    let started = first_round(&mut sim);
    // The ship leaves P1's screen 4 s in (the start took 40 ms to reach it) and needs 40 ms to
    // arrive: the kill comes first.
    sim.advance(started + 4_040 + 20 - sim.now);
    assert!(sim.game.view(None).player(SeatId(1)).is_some_and(|p| !p.shipped));
    sim.restart_without(&[0, 1]);
    sim.advance(2_000);
    sim.connect(0);
    sim.connect(1);
    sim.run_until_quiet();
    assert!(sim.game.view(None).player(SeatId(1)).is_some_and(|p| p.shipped), "sent again on reconnecting");
    settle(&mut sim);
    let row = sim.rows(1)[1].clone();
    assert_eq!((row.clicks, row.ms), (3, 4_000), "credited when it was made, not when it came back");
}
