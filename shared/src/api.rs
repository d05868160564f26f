//! The HTTP side of the game: taking a seat before opening the WebSocket.
//!
//! - `POST /api/games` with [`CreateGame`]: a private game (or a practice game against bots);
//!   answers [`SeatGrant`] for the host.
//! - `POST /api/games/{code}/join` with [`JoinGame`]: a seat, or an [`ApiError`].
//! - `POST /api/quick-play` with [`JoinGame`]: a seat in a public game that is still waiting.
//! - `GET /api/games/{code}/ws`: the game's WebSocket (see [`crate::protocol`]).
//! - `GET /api/games/{code}/usage`: [`RoomUsage`], what the game's room did, for operators.

use serde::{Deserialize, Serialize};

use crate::ids::SeatId;
use crate::rules::Rules;

/// Largest request body the API reads.
pub const MAX_BODY_BYTES: usize = 4 * 1024;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateGame {
    pub name: String,
    pub cap: u8,
    /// The default rules when absent.
    #[serde(default)]
    pub rules: Option<Rules>,
    /// A practice game: the host against [`crate::rules::PRACTICE_BOTS`] bots, started at once;
    /// `cap` is then the host and the bots.
    #[serde(default)]
    pub practice: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinGame {
    pub name: String,
}

/// A seat taken: keep the token; it is the only way to act for the seat or take it back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatGrant {
    pub code: String,
    pub seat: SeatId,
    pub name: String,
    pub token: String,
}

/// Why a request failed, with the HTTP status it comes with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApiErrorCode {
    /// 400: the body is not the expected JSON, or a rule is out of bounds.
    BadRequest,
    /// 400: the name is empty or too long once cleaned.
    BadName,
    /// 404: no such game.
    NotFound,
    /// 409: every seat is taken.
    Full,
    /// 409: the game has begun; open its link to watch.
    Started,
    /// 404: no such route.
    NoRoute,
    /// 405: the route exists, the method does not.
    BadMethod,
    /// 500: something on our side went wrong.
    Internal,
    /// 429: too many new games from one address, or too many of its sockets closed for flooding a
    /// game; the `Retry-After` header says when to try again.
    TooMany,
    /// 403: an operator's route asked without the operator's secret.
    Forbidden,
    /// 500: the game's stored state could not be read back after a restart; it is lost.
    Unrestorable,
}

impl ApiErrorCode {
    pub fn status(self) -> u16 {
        match self {
            Self::BadRequest | Self::BadName => 400,
            Self::NotFound | Self::NoRoute => 404,
            Self::BadMethod => 405,
            Self::Full | Self::Started => 409,
            Self::Internal | Self::Unrestorable => 500,
            Self::TooMany => 429,
            Self::Forbidden => 403,
        }
    }
}

/// The body of every failed API request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub error: ApiErrorCode,
    pub reason: String,
}

impl ApiError {
    pub fn new(error: ApiErrorCode, reason: impl Into<String>) -> Self {
        Self { error, reason: reason.into() }
    }
}

/// What a game's room has handled since its Durable Object was last loaded into memory: the
/// figures its Cloudflare bill is made of. Counts live in memory only (counting in storage would
/// add a write per event), so they restart when the object is evicted; `since` says when.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomUsage {
    /// When the object was loaded, in ms since the epoch.
    pub since: u64,
    /// HTTP requests to the room (seats taken, socket upgrades, these calls).
    pub requests: u64,
    /// WebSocket messages received (billed at 20 to a request).
    pub socket_messages: u64,
    /// Alarm invocations (each billed as a request).
    pub alarms: u64,
    /// Times the room's in-memory timer fired (not billed: the object was awake for it).
    #[serde(default)]
    pub timers: u64,
    /// Writes of the game's state (and its deletion) to storage.
    pub storage_writes: u64,
    /// Times the alarm was set.
    pub alarm_sets: u64,
}
