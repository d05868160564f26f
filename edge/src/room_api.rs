//! What the Worker asks of a game room, over the room's `fetch`.

use serde::{Deserialize, Serialize};
use shared::rules::GameConfig;

/// One request to a room; the body of `POST https://room/call`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "call", rename_all = "snake_case")]
pub enum RoomCall {
    /// Open the game under `code` and seat its host.
    Create { code: String, config: GameConfig, name: String },
    /// Take a seat.
    Join { name: String },
    /// Take a seat in the game under `code`, opening it with `config` if nobody has yet. Quick
    /// play and rematches use it, so that two players arriving together share one game.
    Open { code: String, config: GameConfig, name: String },
    /// A finished game's rematch: opens it under `code` unless one is open, answers [`Rematch`].
    Rematch { code: String },
    /// The game as a spectator sees it.
    Info,
    /// What the room has handled, answered as [`shared::api::RoomUsage`].
    Usage,
}

/// The rematch of a finished game: its code and the rules it is played by.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Rematch {
    pub code: String,
    pub config: GameConfig,
}
