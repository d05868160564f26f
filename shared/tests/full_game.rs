//! A whole game of ten players, clicking 4 to 18 times a second from 0 to 250 ms away, checked
//! row by row against the rules worked out by hand from what each player does on its screen.

mod sim;

use shared::ids::SeatId;
use shared::protocol::Event;
use shared::rules::Rules;
use shared::view::{Phase, RoundRow};
use sim::{Plan, Sim};

/// (clicks a second, round trip) of each seat.
const PLAYERS: [(u32, u64); 10] =
    [(4, 0), (6, 250), (8, 30), (10, 220), (11, 60), (12, 190), (14, 90), (15, 160), (16, 120), (18, 140)];

/// What seat `s` does in round `r`: four habits in turn, and seat 0 away from its desk in rounds 3 – 5.
fn plan(s: usize, r: u32) -> Plan {
    let (rate, _) = PLAYERS[s];
    if s == 0 && (3..=5).contains(&r) {
        return Plan::default();
    }
    match (r as usize + s) % 4 {
        // Clicks the whole round and lets the product ship itself.
        0 => Plan::steady(rate, 10_000, None),
        // Ships mid-round, on its last click.
        1 => {
            let ship = 3_000 + 700 * s as u32;
            Plan { ship: Some(ship), ..Plan::steady(rate, ship + 1, None) }
        }
        // Five quick clicks, shipped at 0.7 s: credited as a full second.
        2 => Plan { clicks: vec![50, 100, 150, 200, 250], ship: Some(700), ..Plan::default() },
        // Stops at 6 s and never ships.
        _ => Plan::steady(rate, 6_001, None),
    }
}

/// One row by hand: clicks up to the ship (or the round's end), ms with its one-second floor
/// (the results report the time the profit was paid for), profit, then the burn and the $1 line.
fn expected_row(seat: usize, round: u32, before: i64) -> RoundRow {
    let p = plan(seat, round);
    let shipped = p.ship.unwrap_or(10_000);
    let clicks = p.clicks.iter().filter(|&&t| t <= shipped).count() as u32;
    let ms = shipped.max(1_000);
    let profit = (500_000 * u64::from(clicks) / u64::from(ms)) as i64;
    let capital = before + profit - 5_000;
    RoundRow { seat: SeatId(seat as u8), clicks, ms, profit, burn: 5_000, capital, eliminated: capital < 1 }
}

/// The whole game by hand: each round's rows, and the winners.
fn expected_game() -> (Vec<Vec<RoundRow>>, Vec<SeatId>) {
    let mut capital: Vec<Option<i64>> = vec![Some(30_000); PLAYERS.len()];
    let mut rounds = Vec::new();
    for round in 1..=10 {
        let rows: Vec<RoundRow> = (0..PLAYERS.len())
            .filter_map(|s| capital[s].map(|before| expected_row(s, round, before)))
            .collect();
        for row in &rows {
            capital[usize::from(row.seat.0)] = (!row.eliminated).then_some(row.capital);
        }
        let active: Vec<&RoundRow> = rows.iter().filter(|r| !r.eliminated).collect();
        let last = round == 10 || active.len() <= 1;
        let pool: Vec<&RoundRow> = if active.is_empty() { rows.iter().collect() } else { active };
        let best = pool.iter().map(|r| r.capital).max();
        let winners = pool.iter().filter(|r| Some(r.capital) == best).map(|r| r.seat).collect();
        rounds.push(rows);
        if last {
            return (rounds, winners);
        }
    }
    unreachable!("round 10 is the last")
}

#[test]
fn ten_players_play_a_default_game_to_the_end() {
    let rtts: Vec<u64> = PLAYERS.iter().map(|p| p.1).collect();
    let mut sim = Sim::started(Rules::default(), &rtts);
    for (s, client) in sim.clients.iter_mut().enumerate() {
        client.plans = (1..=10).map(|r| plan(s, r)).collect();
    }
    sim.run_to(10 * 60 * 1_000, |p| matches!(p, Phase::Over { .. }));
    sim.run_until_quiet();

    let (rounds, winners) = expected_game();
    let history = sim.game.view(None).history;
    assert_eq!(history.len(), rounds.len());
    for (summary, expected) in history.iter().zip(&rounds) {
        for (row, want) in summary.rows.iter().zip(expected) {
            assert_eq!(row, want, "round {}", summary.round);
        }
        assert_eq!(summary.rows.len(), expected.len(), "round {}", summary.round);
    }
    assert_eq!(sim.game.view(None).winners, winners);

    // The hand-worked game, in a few numbers: all ten rounds, seat 0 out in round 9, seat 9 first.
    assert_eq!(rounds.len(), 10);
    let out: Vec<(u8, u8)> = rounds
        .iter()
        .enumerate()
        .flat_map(|(r, rows)| rows.iter().filter(|x| x.eliminated).map(move |x| (x.seat.0, r as u8 + 1)))
        .collect();
    assert_eq!(out, [(0, 9)]);
    assert_eq!(winners, [SeatId(9)]);
    // Seat 9 by hand, rounds 1 – 4 repeating: 5 clicks in 0.7 s (+2,500), 108 clicks in 10 s
    // (+5,400), 179 in 10 s (+8,950), 167 shipped at 9.3 s (+8,978); less $5,000 each round.
    let seat9 = 30_000 + 3 * (2_500 + 5_400) + 2 * (8_950 + 8_978) - 10 * 5_000;
    assert_eq!(rounds[9].last().map(|r| r.capital), Some(seat9));
    for c in &sim.clients {
        assert!(c.events().any(|e| *e == Event::GameOver { winners: winners.clone() }), "{}", c.name);
    }
}
