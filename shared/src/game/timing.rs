//! Fair timing: a player's latency must not cost them money, and lying about time must not pay.
//!
//! The design: the client stamps every click batch and its ship with the time elapsed since the
//! round started *on its own screen* (it starts on receipt of the round's phase event). The server
//! accepts the stamp only inside what its own clock and the player's measured round trip allow:
//!
//! - not later than the server's own elapsed time at receipt (nobody ships before the round starts
//!   for them, so the stamp can't exceed what the server has seen pass), and
//! - not earlier than `(server elapsed − measured round trip) × 100 / 101`.
//!
//! An honest player `d` ms away has a stamp of exactly `server elapsed − d`, inside the window
//! whenever the measured round trip is within 1% of the real one; so two players who click and
//! ship at the same moments on their screens are credited the same times, whatever their latency.
//! A liar can claim at most the lower edge, which is at least 100/101 of the honest time, so their
//! profit (inversely proportional to time) grows by at most 1%.
//! The round trip credited is capped at [`MAX_RTT_CREDIT_MS`].

use serde::{Deserialize, Serialize};

use crate::rules::{CLICK_BURST, MAX_CLICKS_PER_SECOND, MAX_RTT_CREDIT_MS};

/// The window of credible stamps for a message the server receives `server_elapsed` ms into the
/// round from a player whose round trip is `rtt` ms, and where `claimed` lands in it.
pub fn credit_stamp(claimed: u32, server_elapsed: u64, rtt: u32) -> u32 {
    let upper = server_elapsed.min(u64::from(u32::MAX));
    let rtt = u64::from(rtt.min(MAX_RTT_CREDIT_MS));
    // Rounded up: rounding down would let a liar's time fall just short of 100/101 of the truth.
    let lower = (upper.saturating_sub(rtt) * 100).div_ceil(101);
    // Both bounds fit in u32: upper was capped to it and lower <= upper.
    u64::from(claimed).clamp(lower, upper) as u32
}

/// Milli-tokens: one click costs 1,000, so the refill of 20 clicks a second is 20 per ms.
const CLICK_COST: u32 = 1_000;
const BUCKET_CAPACITY: u32 = CLICK_BURST * CLICK_COST;

/// The human bound on clicks, as a token bucket on the player's credited timeline: at most
/// 20 clicks per second over any one-second window, plus [`CLICK_BURST`].
///
/// The bucket holds at most the burst and refills at 20 clicks a second, so any window of a
/// second admits at most 20 + burst clicks and a whole round at most `20 × seconds + burst`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClickBucket {
    milli_tokens: u32,
    /// The credited time of the latest click batch; time never runs backwards for a player.
    last_at: u32,
}

impl Default for ClickBucket {
    fn default() -> Self {
        Self { milli_tokens: BUCKET_CAPACITY, last_at: 0 }
    }
}

impl ClickBucket {
    /// Takes up to `count` clicks made at credited time `at`; returns how many count.
    pub fn take(&mut self, count: u32, at: u32) -> u32 {
        let at = at.max(self.last_at);
        let refill = (at - self.last_at).saturating_mul(MAX_CLICKS_PER_SECOND);
        self.milli_tokens = self.milli_tokens.saturating_add(refill).min(BUCKET_CAPACITY);
        self.last_at = at;
        let taken = count.min(self.milli_tokens / CLICK_COST);
        self.milli_tokens -= taken * CLICK_COST;
        taken
    }

    /// The credited time of the latest click: a ship may not claim to come before it.
    pub fn last_at(&self) -> u32 {
        self.last_at
    }
}
