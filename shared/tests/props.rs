//! Invariants of played games: money adds up, every game ends in time, and the click bound
//! holds whatever the batches. Arbitrary input of every kind is in `fuzz.rs`.

mod sim;

use proptest::prelude::*;
use shared::game::timing::ClickLimiter;
use shared::rules::RESULTS_MS;
use shared::view::Phase;
use sim::arbitrary::rules;
use sim::ledger::check_money;
use sim::{Plan, Sim};

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_limiter_never_admits_more_than_the_bound(batches in prop::collection::vec((0..60u32, 0..1_500u32), 1..200)) {
        let mut limiter = ClickLimiter::default();
        let mut taken = Vec::new();
        let mut at = 0;
        for (count, step) in batches {
            at += step;
            taken.push((limiter.take(count, at), at));
        }
        // No stretch of batches, from the one at `from` to the one at `to`, counts more than 25
        // plus 20 a second of its length.
        for (i, &(_, from)) in taken.iter().enumerate() {
            let mut sum = 0;
            for &(n, to) in &taken[i..] {
                sum += n;
                prop_assert!(u64::from(sum) * 1_000 <= 25_000 + 20 * u64::from(to - from), "{sum} clicks from {from} to {to}");
            }
        }
        let total: u32 = taken.iter().map(|(n, _)| n).sum();
        prop_assert!(total <= 20 * at / 1_000 + 5);
    }

    #[test]
    fn honest_batches_lose_no_click(rate in 1..=20u32, gaps in prop::collection::vec(200..1_000u32, 1..40)) {
        // Clicks evenly `1000 / rate` ms apart, sent in batches at arbitrary moments.
        let mut limiter = ClickLimiter::default();
        let (mut at, mut made, mut counted) = (0u32, 0u32, 0u32);
        for gap in gaps {
            at += gap;
            let by_now = at * rate / 1_000;
            let batch = by_now - made;
            made = by_now;
            counted += limiter.take(batch, at);
        }
        prop_assert_eq!(counted, made);
    }
}

fn plan() -> impl Strategy<Value = Plan> {
    let ship = proptest::option::of(0..31_000u32);
    let claim = proptest::option::of(prop_oneof![0..31_000u32, any::<u32>()]);
    (0..45u32, 0..31_000u32, ship, 0..3_000u32, claim).prop_map(
        |(rate, until, ship, click_skew, ship_claim)| {
            let mut plan = if rate == 0 { Plan::default() } else { Plan::steady(rate, until, ship) };
            plan.ship = ship;
            plan.click_skew = click_skew;
            plan.ship_claim = ship_claim;
            plan
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn played_games_keep_their_accounts_and_end_in_time(
        rules in rules(),
        players in prop::collection::vec((0..1_500u64, prop::collection::vec(plan(), 1..4)), 2..7),
    ) {
        let rtts: Vec<u64> = players.iter().map(|p| p.0).collect();
        let mut sim = Sim::started(rules, &rtts);
        // The views are pinned by the scenario tests; here they would only cost time.
        sim.check_views = false;
        for (client, (_, plans)) in sim.clients.iter_mut().zip(players) {
            client.plans = plans;
        }
        let round = u64::from(rules.intermission_ms) + u64::from(rules.round_ms) + rules.round_grace_ms(1_000) + RESULTS_MS;
        sim.run_to(u64::from(rules.max_rounds) * round, |p| matches!(p, Phase::Over { .. }));
        let history = sim.game.view(None).history;
        check_money(&rules, &history);
        let winners = sim.game.view(None).winners;
        prop_assert!(!winners.is_empty(), "a game played out has a winner");
    }
}
