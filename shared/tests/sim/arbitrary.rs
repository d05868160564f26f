//! Arbitrary rules within their bounds, for the property tests.

use proptest::prelude::*;
use shared::rules::Rules;

pub fn rules() -> impl Strategy<Value = Rules> {
    (5_000..=100_000i64, 0..=50_000i64, 1_000..=10_000u32, 3_000..=30_000u32, 1..=4u8).prop_map(
        |(starting_capital, burn, intermission_ms, round_ms, max_rounds)| Rules {
            starting_capital,
            burn,
            intermission_ms,
            round_ms,
            max_rounds,
        },
    )
}
