//! What every settled history must satisfy, whatever was played: the rules' arithmetic, row by row.

use shared::rules::Rules;
use shared::view::RoundSummary;

/// The most clicks a round may count: 20 a second, plus the burst.
pub fn click_bound(rules: &Rules) -> u32 {
    20 * rules.round_ms / 1_000 + 5
}

/// Every row: profit from its clicks and ms, capital = before - burn + profit, elimination below $1,
/// and nobody plays on after elimination.
pub fn check_money(rules: &Rules, history: &[RoundSummary]) {
    assert!(history.len() <= usize::from(rules.max_rounds));
    let mut capital = std::collections::BTreeMap::new();
    for (n, summary) in history.iter().enumerate() {
        assert_eq!(usize::from(summary.round), n + 1);
        for row in &summary.rows {
            let before = capital.get(&row.seat).copied().unwrap_or(rules.starting_capital);
            assert!(before >= 1, "{:?} played on after elimination", row.seat);
            assert!(row.clicks <= click_bound(rules) && row.ms <= rules.round_ms, "{row:?}");
            let profit = i64::from(row.clicks) * 500_000 / i64::from(row.ms.max(1_000));
            assert_eq!((row.profit, row.burn), (profit, rules.burn), "{row:?}");
            assert_eq!(row.capital, before - rules.burn + row.profit, "{row:?}");
            assert_eq!(row.eliminated, row.capital < 1, "{row:?}");
            capital.insert(row.seat, row.capital);
        }
    }
}
