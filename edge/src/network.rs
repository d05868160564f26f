//! What the network measured of a socket's path, for fair timing: the edge's TCP round trip to
//! the client (`cf.clientTcpRtt`) and the hop from the edge to the game's room, which this
//! Worker times itself. Neither is in the client's hands, unlike its answers to probes.

use worker::{Date, Request, Result, Stub};

/// The header that carries the measure from the Worker to the room.
pub const HEADER: &str = "X-Clix-Network";
/// The room answers this path at once, before loading anything.
pub const PING_PATH: &str = "/ping";
/// A first hop slower than this may include waking the room; it is timed once more.
const WARM_HOP_MS: u32 = 20;

/// The edge's TCP round trip to the client, in ms. Cloudflare sets it on every request over
/// TCP; `wrangler dev` leaves it at 0 unless a test injects a `cf` object (miniflare's
/// `MF-CF-Blob` header, which exists only there). 0 means not measured.
pub fn client_tcp_rtt(req: &Request) -> Option<u32> {
    let cf = js_sys::Reflect::get(req.inner(), &"cf".into()).ok()?;
    let rtt = js_sys::Reflect::get(&cf, &"clientTcpRtt".into()).ok()?.as_f64()?;
    // At most what fair timing could credit anyway; `as` saturates, and NaN goes to 0.
    let rtt = rtt.clamp(0.0, f64::from(u32::MAX)) as u32;
    (rtt > 0).then_some(rtt)
}

/// The round trip from here to the room, in ms: the quicker of at most two pings, so that
/// waking the room does not count as distance.
pub async fn hop(stub: &Stub) -> Result<u32> {
    let mut best = u32::MAX;
    for _ in 0..2 {
        let began = Date::now().as_millis();
        stub.fetch_with_str(&format!("https://room{PING_PATH}")).await?;
        // The runtime's clock moves on with I/O, so it has moved by the ping's round trip.
        let took = u32::try_from(Date::now().as_millis().saturating_sub(began)).unwrap_or(u32::MAX);
        best = best.min(took);
        if took <= WARM_HOP_MS {
            break;
        }
    }
    Ok(best)
}
