//! What an operator should hear of: the game's milestones and the trouble it met. The owner
//! drains these with [`Game::poll_record`] and writes each as one log line with the game's code.
//! Records never carry a seat token or a name.

use serde::Serialize;

use super::Game;
use crate::ids::ConnId;
use crate::protocol::Rejection;
use crate::rules::Visibility;

/// One thing that happened, for the operator's log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Record {
    /// A new game opened its waiting room.
    Created { visibility: Visibility, cap: u8 },
    /// The first countdown began, with `bots` of its players played by the game.
    Started { players: usize, bots: usize },
    /// A round was paid out.
    RoundSettled { round: u8, active: usize, eliminated: usize },
    /// The game ended; `winners` may be 0 when forfeits ended it.
    Ended { rounds: u8, winners: usize },
    /// The stored game was deleted: a waiting room nobody came back to, or a finished game's day
    /// passed.
    CleanedUp { reason: CleanUp },
    /// A socket's hello named no seat of this game (a forged or stale token); it was closed.
    BadSeatToken { conn: ConnId },
    /// A socket kept sending what the game refuses (floods, garbage) and was closed.
    FloodClosed { conn: ConnId, last: Rejection },
    /// A text frame was not UTF-8; the socket was closed with 1007.
    InvalidUtf8 { conn: ConnId },
}

/// Why a game's stored state went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CleanUp {
    Abandoned,
    Expired,
}

impl Record {
    /// Whether the line reports trouble rather than a milestone.
    pub fn is_error(&self) -> bool {
        matches!(self, Self::BadSeatToken { .. } | Self::FloodClosed { .. } | Self::InvalidUtf8 { .. })
    }
}

impl Game {
    pub(super) fn record(&mut self, record: Record) {
        self.records.push_back(record);
    }

    /// The next line for the operator's log.
    pub fn poll_record(&mut self) -> Option<Record> {
        self.records.pop_front()
    }
}
