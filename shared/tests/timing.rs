//! Fair timing (SPEC §1): latency costs nothing, and lying about time pays at most 1%.

mod sim;

use shared::game::timing::credit_stamp;
use shared::rules::{MAX_RTT_CREDIT_MS, Rules};
use shared::view::{Phase, RoundRow};
use sim::{Plan, Sim};

/// Bursty clicking: four quick clicks every 400 ms, up to `until`.
fn bursts(until: u32, ship: Option<u32>) -> Plan {
    let clicks = (0..until / 400).flat_map(|b| (1..=4).map(move |k| b * 400 + k * 40)).collect();
    Plan { clicks, ship, ..Plan::default() }
}

fn rounds_of_play() -> Vec<Plan> {
    vec![
        Plan::steady(12, 10_000, None),
        Plan::steady(15, 10_000, Some(6_543)),
        Plan::steady(19, 10_000, Some(2_000)),
        bursts(10_000, Some(9_990)),
        // Faster than the bound: the bot's excess is dropped alike, wherever it is.
        Plan::steady(30, 10_000, Some(7_000)),
        Plan { clicks: vec![10, 20, 30], ship: Some(400), ..Plan::default() },
    ]
}

/// Plays one game of two players, `plans[0]` at `rtts[0]` and `plans[1]` at `rtts[1]`, and
/// returns each round's two rows.
fn duel(rtts: [u64; 2], plans: [Vec<Plan>; 2]) -> Vec<[RoundRow; 2]> {
    let rounds = plans[0].len();
    let rules = Rules { max_rounds: u8::try_from(rounds).expect("a few rounds"), ..Rules::default() };
    let mut sim = Sim::started(rules, &rtts);
    for (client, plans) in sim.clients.iter_mut().zip(plans) {
        client.plans = plans;
    }
    sim.run_to(10 * 60 * 1_000, |p| matches!(p, Phase::Over { .. }));
    (1..=u8::try_from(rounds).expect("a few rounds"))
        .map(|r| {
            let rows = sim.rows(r);
            assert_eq!(rows.len(), 2, "both played round {r}");
            [rows[0].clone(), rows[1].clone()]
        })
        .collect()
}

#[test]
fn an_honest_stamp_is_credited_exactly_whatever_the_round_trip() {
    for rtt in [0, 1, 50, 200, 999, MAX_RTT_CREDIT_MS] {
        for t in [0, 1, 999, 1_000, 5_000, 9_999, 10_000] {
            assert_eq!(credit_stamp(t, u64::from(t + rtt), rtt), t, "t {t}, rtt {rtt}");
        }
    }
}

#[test]
fn a_stamp_is_held_inside_what_the_clock_and_round_trip_allow() {
    assert_eq!(credit_stamp(u32::MAX, 5_000, 200), 5_000, "never after the server's own clock");
    // Claiming to have shipped at once, 10 s into the round, 200 ms away: at best 100/101 of it.
    let earliest = credit_stamp(0, 10_200, 200);
    assert!(earliest * 101 >= 10_000 * 100, "{earliest} is more than 1% early");
    assert!(earliest <= 10_000);
    // A round trip past the credit's cap buys no more.
    let capped = credit_stamp(0, 12_000, 5_000);
    assert!(capped * 101 >= 11_000 * 100, "{capped}");
    assert_eq!(credit_stamp(0, 100, 1_000), 0, "nothing before the round");
}

#[test]
fn a_distant_player_scores_within_one_percent_of_a_near_one() {
    for far in [50, 200, 400, u64::from(MAX_RTT_CREDIT_MS)] {
        let rows = duel([0, far], [rounds_of_play(), rounds_of_play()]);
        for (r, [near, distant]) in rows.iter().enumerate() {
            let gap = near.profit.abs_diff(distant.profit);
            assert!(
                gap * 100 <= near.profit.unsigned_abs(),
                "round {}, {far} ms: {near:?} vs {distant:?}",
                r + 1
            );
            assert!(near.profit > 0, "round {} pays something", r + 1);
        }
    }
}

/// The liar's round against its honest twin's, both `rtt` away: at most 1% more, plus the dollar
/// that flooring the honest profit may cost.
fn assert_no_gain(rtt: u64, lie: impl Fn(&Plan) -> Plan) {
    let honest = rounds_of_play();
    let liar: Vec<Plan> = honest.iter().map(&lie).collect();
    for (r, [twin, cheat]) in duel([rtt, rtt], [honest, liar]).iter().enumerate() {
        let at = format!("round {}, {rtt} ms: honest {twin:?}, liar {cheat:?}", r + 1);
        assert!(cheat.ms.max(1_000) * 101 >= twin.ms.max(1_000) * 100, "{at}");
        assert!(cheat.profit * 100 <= twin.profit * 101 + 101, "{at}");
    }
}

#[test]
fn claiming_an_earlier_ship_gains_at_most_one_percent() {
    for rtt in [0, 200] {
        assert_no_gain(rtt, |p| Plan { ship_claim: p.ship.map(|_| 0), ..p.clone() });
    }
}

#[test]
fn claiming_later_clicks_gains_at_most_one_percent() {
    for rtt in [0, 200] {
        assert_no_gain(rtt, |p| Plan { click_skew: 500, ..p.clone() });
    }
}

#[test]
fn both_lies_at_once_gain_at_most_one_percent() {
    for rtt in [0, 200, 600] {
        assert_no_gain(rtt, |p| Plan { click_skew: 5_000, ship_claim: p.ship.map(|s| s / 2), ..p.clone() });
    }
}

/// How a player treats time, in the table below.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Strategy {
    Honest,
    /// Answers every probe 900 ms late, so its round trip looks 900 ms longer.
    LateProbes,
    /// Claims every click a second sooner than it made it, and its ship at 0 ms: the earliest
    /// the server could take, since a ship may not come before the product's last click.
    ForgedStamps,
    /// Both at once.
    Both,
}

const STRATEGIES: [Strategy; 4] =
    [Strategy::Honest, Strategy::LateProbes, Strategy::ForgedStamps, Strategy::Both];
const LATENCIES: [u64; 5] = [0, 50, 200, 400, 1_000];

/// One round of two players who both tap 15 times a second for real and ship at `ship_ms` on
/// their screens: an honest one 0 ms away, and one `rtt` away playing `strategy`. The network
/// measures both sockets' paths, or neither. Returns their profits: (honest at 0 ms, the other).
fn round_against_honest(rtt: u64, strategy: Strategy, measured: bool, ship_ms: u32) -> (i64, i64) {
    let rules = Rules { max_rounds: 1, ..Rules::default() };
    let mut sim = Sim::new(shared::rules::GameConfig::private(2, rules).expect("valid rules"));
    let reference = sim.join("Honest", 0).expect("a seat");
    let player = sim.join("Player", rtt).expect("a seat");
    let plan = Plan::steady(15, ship_ms, Some(ship_ms));
    let forged = matches!(strategy, Strategy::ForgedStamps | Strategy::Both);
    sim.clients[reference].plans = vec![plan.clone()];
    let (ship_claim, click_early) = if forged { (Some(0), 1_000) } else { (None, 0) };
    sim.clients[player].plans = vec![Plan { ship_claim, click_early, ..plan }];
    if matches!(strategy, Strategy::LateProbes | Strategy::Both) {
        sim.clients[player].probe_delay = 900;
    }
    if !measured {
        for i in [reference, player] {
            sim.clients[i].network = None;
        }
    }
    // The cap is reached: the game starts by itself.
    sim.connect(reference);
    sim.connect(player);
    sim.run_to(60_000, |p| matches!(p, Phase::Over { .. }));
    let rows = sim.rows(1);
    let profit = |i: usize| {
        let seat = sim.clients[i].seat;
        rows.iter().find(|r| Some(r.seat) == seat).expect("both played").profit
    };
    (profit(reference), profit(player))
}

/// Profit relative to the honest player's at 0 ms, in percent.
fn relative(reference: i64, other: i64) -> f64 {
    (other as f64 / reference as f64 - 1.0) * 100.0
}

/// The table of `docs/PERFORMANCE.md`: every strategy at every latency, shipping at 2 s and at
/// 9.5 s, with the network's measure and without (`cargo test -p shared --test timing table --
/// --nocapture` prints it). Targets (SPEC §1): honest play within 1% of 0 ms; lying at most 1%
/// over honest play at the same latency where the network measured the path; where it did not,
/// at most 3% shipping at 9.5 s and 15% at 2 s.
#[test]
fn table_of_strategies_latencies_and_measures() {
    for measured in [true, false] {
        for ship_ms in [2_000, 9_500] {
            println!(
                "\nnetwork measure {}, tapping 15/s, shipping at {:.1} s: profit vs honest at 0 ms",
                if measured { "present" } else { "missing" },
                f64::from(ship_ms) / 1_000.0
            );
            println!("| latency | honest | late probes | forged stamps | both |");
            println!("| --- | --- | --- | --- | --- |");
            for rtt in LATENCIES {
                let results: Vec<(i64, i64)> =
                    STRATEGIES.iter().map(|&s| round_against_honest(rtt, s, measured, ship_ms)).collect();
                let cells: Vec<String> =
                    results.iter().map(|&(r, o)| format!("{:+.2}% (${o})", relative(r, o))).collect();
                println!("| {rtt} ms | {} |", cells.join(" | "));
                let honest_here = results[0].1;
                // Honest play: within 1% of the honest player 0 ms away, where measured.
                if measured {
                    let gap = relative(results[0].0, honest_here).abs();
                    assert!(gap <= 1.0, "honest at {rtt} ms, ship {ship_ms}: {gap:.2}%");
                }
                // Lying: compared with honest play at the same latency.
                let allowed = match (measured, ship_ms) {
                    (true, _) => 1.0,
                    (false, 9_500) => 3.0,
                    (false, _) => 15.0,
                };
                for (strategy, &(_, liar)) in STRATEGIES.iter().zip(&results).skip(1) {
                    // Plus the dollar that flooring the honest profit may cost it.
                    let gain = relative(honest_here, liar - 1);
                    assert!(
                        gain <= allowed,
                        "{strategy:?} at {rtt} ms, ship {ship_ms}, measured {measured}: {gain:+.2}%"
                    );
                }
            }
        }
    }
}

#[test]
fn a_second_socket_on_a_slower_path_buys_nothing() {
    // Sees the round start on its fast socket, sends its ship claim over a slow one.
    let rules = Rules { max_rounds: 1, ..Rules::default() };
    let mut sim = Sim::new(shared::rules::GameConfig::private(2, rules).expect("valid rules"));
    let honest = sim.join("Honest", 20).expect("a seat");
    let cheat = sim.join("Cheat", 20).expect("a seat");
    sim.clients[honest].plans = vec![Plan::steady(15, 2_000, Some(2_000))];
    sim.clients[cheat].plans = vec![Plan::steady(15, 2_000, None)];
    sim.connect(honest);
    sim.connect(cheat);
    // A second socket of the same seat whose path the network measured at 800 ms, answering
    // probes late too.
    let token = sim.clients[cheat].token.clone();
    let twin = sim.outsider(800, token.as_deref());
    sim.clients[twin].seat = sim.clients[cheat].seat;
    sim.clients[twin].probe_delay = 900;
    sim.run_to(60_000, |p| matches!(p, Phase::Round { .. }));
    // 2 s into the round on its screen (the start took 10 ms to reach it), the claim of an
    // instant ship goes over the slow socket, where it takes 400 ms to arrive.
    sim.advance(2_010);
    sim.ship(twin, 0);
    sim.run_to(60_000, |p| matches!(p, Phase::Over { .. }));
    let rows = sim.rows(1);
    let row = |i: usize| rows.iter().find(|r| Some(r.seat) == sim.clients[i].seat).expect("played").clone();
    let (h, c) = (row(honest), row(cheat));
    // Credited from the seat's fastest path (20 ms), not the twin's 800 ms: at least 100/101 of
    // the 2 s it really took. Credited from the twin's path it would have made about 25% more.
    assert!(c.ms * 101 >= 2_000 * 100, "credited {} ms", c.ms);
    assert!(c.profit <= h.profit * 101 / 100 + 1, "{c:?} vs {h:?}");
}

#[test]
fn each_screen_hears_where_its_ship_was_credited() {
    let rules = Rules { max_rounds: 2, ..Rules::default() };
    let mut sim = Sim::started(rules, &[80, 30]);
    // An honest player far away, and one claiming it shipped at once: the server credits the
    // first as stamped and holds the second to the edge of its window.
    sim.clients[0].plans = vec![Plan::steady(12, 10_000, Some(6_543))];
    sim.clients[1].plans = vec![Plan { ship_claim: Some(0), ..Plan::steady(12, 10_000, Some(6_543)) }];
    sim.run_to(60_000, |p| matches!(p, Phase::Results { .. }));
    // The last word is on its way to the far player.
    sim.advance(100);
    let rows = sim.rows(1);
    assert_eq!(rows[0].ms, 6_543);
    assert!(rows[1].ms > 6_000, "the claim was not believed: {}", rows[1].ms);
    for (client, row) in sim.clients.iter().zip(&rows) {
        let journal = &client.journal;
        assert_eq!((journal.shipped_at(), journal.ship_credited()), (Some(row.ms), true), "{}", client.name);
    }
}
