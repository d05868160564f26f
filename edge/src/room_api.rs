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
    /// The game as a spectator sees it.
    Info,
}
