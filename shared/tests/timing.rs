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
