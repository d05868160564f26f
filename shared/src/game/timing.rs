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

/// Clicks counted at most within any window of a second, `(t − 1000 ms, t]`.
const WINDOW_CLICKS: u32 = MAX_CLICKS_PER_SECOND + CLICK_BURST;
const WINDOW_MS: u32 = 1_000;

/// The human bound on clicks, on the player's credited timeline: at most 20 clicks per second
/// over any one-second window, plus [`CLICK_BURST`]; and since the round began, at most
/// `20 × seconds + burst` in all, so idle seconds cannot be saved up for a later spurt.
///
/// Clients send clicks in batches stamped with their last click, so the bound is checked per
/// batch: a batch counts as far as both limits leave room, and the excess never counts. Batches
/// of honest clicking at 20 a second fit whatever their size, since a window holds a second's worth.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClickLimiter {
    /// Batches counted in the last second: (credited time, clicks counted).
    recent: Vec<(u32, u32)>,
    total: u32,
    /// The credited time of the latest batch; time never runs backwards for a player.
    last_at: u32,
}

impl ClickLimiter {
    /// Takes up to `count` clicks made by credited time `at`; returns how many count.
    pub fn take(&mut self, count: u32, at: u32) -> u32 {
        let at = at.max(self.last_at);
        self.last_at = at;
        // Stamps are 0 at the earliest, so a window reaching before the round keeps them all.
        self.recent.retain(|&(t, _)| u64::from(t) + u64::from(WINDOW_MS) > u64::from(at));
        let in_window: u32 = self.recent.iter().map(|&(_, n)| n).sum();
        let earned = u64::from(MAX_CLICKS_PER_SECOND) * u64::from(at) / u64::from(WINDOW_MS);
        // Bounded by u32 time and a 20× factor divided by 1,000: fits in u32.
        let allowed_total = (earned as u32).saturating_add(CLICK_BURST);
        let room = WINDOW_CLICKS.saturating_sub(in_window).min(allowed_total.saturating_sub(self.total));
        let taken = count.min(room);
        if taken > 0 {
            self.recent.push((at, taken));
            self.total += taken;
        }
        taken
    }

    /// The credited time of the latest click: a ship may not claim to come before it.
    pub fn last_at(&self) -> u32 {
        self.last_at
    }
}
