//! Fair timing: a player's latency must not cost them money, and lying about time must not pay.
//!
//! The design: the client stamps every click batch and its ship with the time elapsed since the
//! round started *on its own screen*: on receipt of the round's phase event, less any time the
//! message waited beyond the quickest recent one, as for a page busy when it came
//! ([`crate::arrival`]). The server accepts the stamp only inside what its own clock and the player's measured round trip allow:
//!
//! - not later than the server's own elapsed time at receipt (nobody ships before the round starts
//!   for them, so the stamp can't exceed what the server has seen pass), and
//! - not earlier than `(server elapsed − measured round trip) × 100 / 101`.
//!
//! An honest player `d` ms away has a stamp of exactly `server elapsed − d`, inside the window
//! whenever the credited round trip is within 1% of the real one; so two players who click and
//! ship at the same moments on their screens are credited the same times, whatever their latency.
//! Where a stamp is held to the window (a message that waited on a busy machine, or a lie), the
//! seat hears the moment credited ([`crate::protocol::Event::YourShip`]): its screen then shows
//! the price the round pays, never the one it hoped for.
//!
//! ## What a liar can gain, and what that rests on
//!
//! A liar claims the lower edge. With a credited round trip `r` and a true one `R`, a product
//! shipped `t` ms into the round on the liar's screen is credited `(t + R − r) × 100/101`: at
//! least 100/101 of the honest time as long as `r ≤ R`, so profit (inversely proportional to
//! time) grows by at most 1%. Everything rests on `r ≤ R`, and `R` is what the client could
//! inflate: it answers the server's probes, and answering them late makes its round trip look
//! longer. So the probes alone never decide the credit ([`credited_rtt`]):
//!
//! - **Measured by the network.** Cloudflare's edge measures the TCP round trip of the socket's
//!   connection (`cf.clientTcpRtt`, from the kernel's own timing of acknowledgements), and the
//!   Worker times the hop from the edge to the game's Durable Object. A message travels exactly
//!   that path, plus the object's own processing, so their sum is at most its true round trip:
//!   the credit is the probes' median, capped at that sum, with no allowance added. What the sum
//!   leaves out (processing, jitter, a path that got slower since the socket opened) costs an
//!   honest player nothing while it stays within the 1% window (10 ms a second of the round).
//!   A liar gains at most 1%, *assuming* the client's TCP stack acknowledges as any operating
//!   system does: a client that holds back its kernel's acknowledgements could inflate
//!   `clientTcpRtt` too, up to [`MAX_RTT_CREDIT_MS`].
//! - **Not measured** (no `clientTcpRtt`, as under `wrangler dev`): only the probes tell, capped
//!   at [`UNMEASURED_RTT_CAP_MS`]. A liar gains at most `101/100 × t / (t − 150 ms)` − 1: 2.6%
//!   shipping at 9.5 s, 9.2% at 2 s; an honest player further away than that cap is credited
//!   only the cap, and pays for the rest of its latency.
//!
//! Stamps count on each seat's fastest path: a seat's credit is the least credited to any of
//! its sockets since the round began (its product's `rtt_floor`), so a second socket on a
//! slower route, or one opened mid-round, buys nothing. A socket not yet probed is credited
//! its network measure (or nothing, unmeasured), and the median of five probes ignores a round
//! trip that jumps once. `shared/tests/timing.rs` plays every strategy at every latency.

use serde::{Deserialize, Serialize};

use crate::rules::{CLICK_BURST, MAX_CLICKS_PER_SECOND, MAX_RTT_CREDIT_MS, UNMEASURED_RTT_CAP_MS};

/// What the network measured of a socket's path, outside the client's reach. The Worker takes
/// it when the socket opens and hands it to the room.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkMeasure {
    /// The edge's measure of the TCP round trip to the client (`cf.clientTcpRtt`), in ms.
    pub client_tcp_rtt_ms: u32,
    /// The round trip from the edge to the game's Durable Object, timed by the Worker, in ms.
    pub hop_ms: u32,
}

impl NetworkMeasure {
    /// The round trip of a message over this path, processing aside.
    pub fn round_trip(self) -> u32 {
        self.client_tcp_rtt_ms.saturating_add(self.hop_ms)
    }
}

/// The round trip credited to a socket's stamps: what its probes measured (`probed`, their
/// median), never more than the network measured, or than [`UNMEASURED_RTT_CAP_MS`] without a
/// measure; before any probe, the network's measure (or nothing).
pub fn credited_rtt(network: Option<NetworkMeasure>, probed: Option<u32>) -> u32 {
    let credit = match network {
        Some(m) => probed.map_or(m.round_trip(), |p| p.min(m.round_trip())),
        None => probed.unwrap_or(0).min(UNMEASURED_RTT_CAP_MS),
    };
    credit.min(MAX_RTT_CREDIT_MS)
}

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

/// Clicks the limiter holds at most, in thousandths: a second's worth and the burst.
const FULL_MILLI: u64 = (MAX_CLICKS_PER_SECOND as u64 + CLICK_BURST as u64) * 1_000;
/// Thousandths of a click earned per ms: 20 a second.
const EARNED_PER_MS: u64 = MAX_CLICKS_PER_SECOND as u64;

/// The human bound on clicks, on the player's credited timeline: a bucket that earns 20 clicks a
/// second, starts with [`CLICK_BURST`] and holds at most a second's worth plus the burst. So a
/// round counts at most `20 × seconds + burst` in all, idle seconds cannot be saved up for a later
/// spurt, and no stretch of the round counts more than 25 plus 20 a second of its length.
///
/// Clients send clicks in batches stamped with their last click, and a batch's clicks were made
/// since the batch before: a bucket counts them as earned over that time, where a window of a
/// second would see two batches a little under a second apart as one second's clicks and refuse
/// honest clicking at 13 a second. A batch counts as far as the bucket holds; the excess never
/// counts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClickLimiter {
    /// Clicks it may count now, in thousandths, as of `last_at`; `None` in a limiter stored by
    /// the version that kept a window instead, rebuilt from `total` on its next batch.
    #[serde(default)]
    tokens: Option<u64>,
    total: u32,
    /// The credited time of the latest batch; time never runs backwards for a player.
    last_at: u32,
}

impl ClickLimiter {
    /// Takes up to `count` clicks made by credited time `at`; returns how many count.
    pub fn take(&mut self, count: u32, at: u32) -> u32 {
        let at = at.max(self.last_at);
        let earned_by_last = u64::from(CLICK_BURST) * 1_000 + EARNED_PER_MS * u64::from(self.last_at);
        let held =
            self.tokens.unwrap_or_else(|| earned_by_last.saturating_sub(u64::from(self.total) * 1_000));
        let held = (held + EARNED_PER_MS * u64::from(at - self.last_at)).min(FULL_MILLI);
        // At most 25 clicks: fits in u32.
        let taken = count.min((held / 1_000) as u32);
        self.tokens = Some(held - u64::from(taken) * 1_000);
        self.total += taken;
        self.last_at = at;
        taken
    }

    /// The credited time of the latest click: a ship may not claim to come before it.
    pub fn last_at(&self) -> u32 {
        self.last_at
    }
}
