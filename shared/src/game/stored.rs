//! What a restart keeps of a game: its own type and version, apart from the live [`Game`], so
//! that the bytes a deploy finds in storage are read on purpose rather than by accident.
//!
//! Version 1 is what was stored before versions were written: the same fields, with those added
//! later defaulted. Version 3 added bots (a seed, a lone player's wait, seats the game plays).
//! Version 4 numbers each tab's inputs apart (a product's `tabs`, where version 3 had one `seq`
//! per seat): an older build would read no number at all and count inputs sent again twice.
//! A version above [`STORED_VERSION`] comes from a newer deploy than this one (a rollback) and is
//! not guessed at: an older build would take a bot for a person who never connects.

use std::collections::{BTreeMap, VecDeque};

use serde::{Deserialize, Serialize};

use super::seat::{Seat, TabCount};
use super::{Dirty, Game};
use crate::ids::SeatId;
use crate::rules::GameConfig;
use crate::view::{Phase, RoundSummary};

/// The version this build writes.
pub const STORED_VERSION: u32 = 4;

/// A game as stored.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StoredGame {
    #[serde(default = "first_version")]
    version: u32,
    code: String,
    config: GameConfig,
    /// The bots' seed; 0 before version 3, which had no bots.
    #[serde(default)]
    seed: u64,
    phase: Phase,
    round: u8,
    seats: Vec<Seat>,
    host: Option<SeatId>,
    history: Vec<RoundSummary>,
    winners: Vec<SeatId>,
    rematch: Option<String>,
    empty_since: Option<u64>,
    /// Since when a public game's one person has waited alone; absent before version 3.
    #[serde(default)]
    alone_since: Option<u64>,
    round_closes_at: Option<u64>,
    next_nonce: u32,
    /// When it was saved, in ms since the epoch; 0 in version 1.
    #[serde(default)]
    saved_at: u64,
}

fn first_version() -> u32 {
    1
}

/// Stored bytes this build cannot turn back into a game.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    /// The game's code, where the bytes still say it.
    pub code: Option<String>,
    /// The version the bytes claim, where they say one.
    pub version: Option<u64>,
    pub error: String,
}

impl Game {
    /// What to store: the JSON of [`StoredGame`]. Serializing it cannot fail (string keys, no
    /// floats); the fallback keeps that a promise without a panic.
    pub fn stored(&self) -> String {
        let stored = StoredGame {
            version: STORED_VERSION,
            code: self.code.clone(),
            config: self.config.clone(),
            seed: self.seed,
            phase: self.phase,
            round: self.round,
            seats: self.seats.clone(),
            host: self.host,
            history: self.history.clone(),
            winners: self.winners.clone(),
            rematch: self.rematch.clone(),
            empty_since: self.empty_since,
            alone_since: self.alone_since,
            round_closes_at: self.round_closes_at,
            next_nonce: self.next_nonce,
            saved_at: self.saved_at,
        };
        serde_json::to_string(&stored).unwrap_or_default()
    }

    /// The game back from what [`Game::stored`] wrote, by this version or an earlier one. Every
    /// input it holds is saved, by definition; sockets come back with [`Game::restore_conn`].
    pub fn from_stored(json: &str) -> Result<Game, Unreadable> {
        let unreadable = |error: String| {
            let loose = serde_json::from_str::<serde_json::Value>(json).ok();
            let field = |name: &str| loose.as_ref().and_then(|v| v.get(name).cloned());
            Unreadable {
                code: field("code").and_then(|c| c.as_str().map(str::to_string)),
                version: field("version").and_then(|v| v.as_u64()),
                error,
            }
        };
        let stored: StoredGame = serde_json::from_str(json).map_err(|e| unreadable(e.to_string()))?;
        if stored.version > STORED_VERSION {
            return Err(unreadable(format!("version {} is newer than {STORED_VERSION}", stored.version)));
        }
        let mut seats = stored.seats;
        for product in seats.iter_mut().map(|s| &mut s.product) {
            // Version 3's one number per seat: the pages that sent it speak protocol 3, and are
            // told to reload; what they kept comes back as tab 0's.
            if product.seq > 0 && product.tabs.is_empty() {
                product.tabs.push(TabCount { tab: 0, seq: product.seq, saved: 0 });
            }
            product.seq = 0;
            for tab in &mut product.tabs {
                tab.saved = tab.seq;
            }
        }
        let mut game = Game {
            code: stored.code,
            config: stored.config,
            seed: stored.seed,
            phase: stored.phase,
            round: stored.round,
            seats,
            host: stored.host,
            history: stored.history,
            winners: stored.winners,
            rematch: stored.rematch,
            empty_since: stored.empty_since,
            alone_since: stored.alone_since,
            plans: Vec::new(),
            round_closes_at: stored.round_closes_at,
            next_nonce: stored.next_nonce,
            now: 0,
            conns: BTreeMap::new(),
            outbox: VecDeque::new(),
            closes: VecDeque::new(),
            dirty: Dirty::Clean,
            saves: 0,
            unsaved: VecDeque::new(),
            awaited: Vec::new(),
            own_close: None,
            saved_at: stored.saved_at,
            restored_from: None,
            records: VecDeque::new(),
            flood_closes: BTreeMap::new(),
            address_closes: BTreeMap::new(),
        };
        // A round running at the restart goes on with its bots' plans, made afresh.
        if matches!(game.phase, Phase::Round { .. }) {
            game.plan_bots();
        }
        Ok(game)
    }
}
