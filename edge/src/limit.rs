//! New games per client address: a burst allowance, then 429 with `Retry-After`. And the 429 of
//! a game's room for an address whose sockets it closed for flooding too often.
//!
//! Counting is Cloudflare's rate limiting binding (`NEW_GAMES` in wrangler.toml): counters live
//! at the location that received the request, cost no Durable Object and no storage, and
//! `wrangler dev` runs the same binding locally. Creating a game, quick play and a rematch all
//! draw on one allowance, since each may open a Durable Object with stored state.

use shared::api::{ApiError, ApiErrorCode};
use worker::{Env, Request, Response, Result};

use crate::log::{self, Trouble};
use crate::reply::api_error;

/// The binding's name in wrangler.toml.
const BINDING: &str = "NEW_GAMES";
/// The binding's period in seconds, as wrangler.toml sets it (the binding takes 10 or 60).
pub const PERIOD_S: u32 = 60;

/// The key an address is counted under. An IPv6 client usually holds a whole /64, so its
/// addresses count as one; an IPv4 address counts alone.
pub fn address_key(ip: &str) -> String {
    match ip.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Ok(std::net::IpAddr::V4(v4)) => v4.to_string(),
        // Cloudflare always sets the header; without it, all such requests share one allowance.
        Err(_) => "unknown".into(),
    }
}

/// `None` when `req`'s address may open another game; otherwise the 429 to answer.
pub async fn refuse(env: &Env, req: &Request, route: &'static str) -> Option<Result<Response>> {
    let limiter = match env.rate_limiter(BINDING) {
        Ok(limiter) => limiter,
        Err(err) => return fail_open(err),
    };
    // Set by Cloudflare's edge for every request, overwriting whatever the client sent.
    let ip = req.headers().get("CF-Connecting-IP").ok().flatten().unwrap_or_default();
    match limiter.limit(address_key(&ip)).await {
        Ok(outcome) if outcome.success => None,
        Ok(_) => {
            log::trouble(None, &Trouble::RateLimited { route });
            Some(too_many())
        }
        Err(err) => fail_open(err),
    }
}

/// A limiter that cannot answer lets the player in: it guards cost, not correctness.
fn fail_open(err: worker::Error) -> Option<Result<Response>> {
    log::trouble(None, &Trouble::InternalError { during: "rate limit", error: err.to_string() });
    None
}

fn too_many() -> Result<Response> {
    let reason = "Too many new games from your network. Please wait a minute and try again.";
    let mut response = api_error(ApiError::new(ApiErrorCode::TooMany, reason))?;
    response.headers_mut().set("Retry-After", &PERIOD_S.to_string())?;
    Ok(response)
}

/// The 429 for a socket from an address whose sockets in this game were closed for flooding
/// too often lately; `wait_ms` until it may open one again.
pub fn flooded(wait_ms: u64) -> Result<Response> {
    let reason =
        "Too many sockets from your network were closed for flooding this game. Please wait a minute.";
    let mut response = api_error(ApiError::new(ApiErrorCode::TooMany, reason))?;
    response.headers_mut().set("Retry-After", &wait_ms.div_ceil(1_000).max(1).to_string())?;
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_counts_by_its_64_and_ipv4_alone() {
        assert_eq!(address_key("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(address_key("2001:db8:1:2:bbbb::9"), address_key("2001:db8:1:2::1"));
        assert_ne!(address_key("2001:db8:1:3::1"), address_key("2001:db8:1:2::1"));
        assert_eq!(address_key("203.0.113.7"), "203.0.113.7");
        assert_eq!(address_key(""), "unknown");
        assert_eq!(address_key("not an address"), "unknown");
    }
}
