//! The picture of a game's link, 1200 × 630 PNG, for chats that unfurl it: the waiting room
//! (whose game, who is in, the seats free, the rules, the code), a running game (the round and
//! the standings so far) or a finished one (the winner, the final standings and the capital
//! chart of the game-over screen).
//!
//! - [`Card`]: what a picture shows, taken from the `GameView` anyone is sent; its [`Card::file`]
//!   names the game's state, so a chat's copy of the waiting room never hides the result.
//! - [`draw`]: the picture drawn; [`canvas`] and [`text`] its shapes and words.
//! - [`serve`]: the route, each picture drawn once and kept in the Cache API.

pub mod canvas;
pub mod draw;
pub mod serve;
pub mod text;

use std::hash::{DefaultHasher, Hash, Hasher};

use shared::chart::Chart;
use shared::ids::SeatId;
use shared::money::money;
use shared::view::{GameView, Phase, Standing};

use crate::preview;

/// The size chat apps ask for (Open Graph's `summary_large_image`).
pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

/// Changed with the drawing, so that pictures kept by an older version are not served for it.
const DRAWING: u32 = 1;

/// What a game's picture shows.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Card {
    pub code: String,
    /// Whose game, in words: "Ada's game".
    pub whose: String,
    pub scene: Scene,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Scene {
    Waiting { players: Vec<Entry>, cap: u8, rules: Vec<String> },
    Running { round: u8, of: u8, standings: Vec<Entry> },
    Over { headline: String, standings: Vec<Entry>, chart: Chart },
    Closed,
}

/// A player as a picture lists them.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Entry {
    pub rank: usize,
    pub seat: SeatId,
    pub name: String,
    pub bot: bool,
    pub host: bool,
    pub capital: i64,
    /// Won the game; or went broke or left it.
    pub won: bool,
    pub out: bool,
}

impl Card {
    pub fn of(view: &GameView) -> Self {
        let host = view.host.and_then(|h| view.player(h));
        let whose = host.map_or_else(|| "A game".to_string(), |h| format!("{}'s game", h.name));
        let entries = || -> Vec<Entry> {
            view.standings()
                .into_iter()
                .map(|(rank, p)| Entry {
                    rank,
                    seat: p.seat,
                    name: p.name.clone(),
                    bot: p.bot.is_some(),
                    host: view.host == Some(p.seat),
                    capital: p.capital,
                    won: view.winners.contains(&p.seat),
                    out: p.standing != Standing::Active,
                })
                .collect()
        };
        let r = view.rules;
        let scene = match view.phase {
            Phase::Waiting { .. } => Scene::Waiting {
                // In the order they arrived, as the waiting room lists them.
                players: {
                    let mut players = entries();
                    players.sort_by_key(|e| view.players.iter().position(|p| p.seat == e.seat));
                    players
                },
                cap: view.cap,
                rules: vec![
                    format!("{} to start", money(r.starting_capital)),
                    format!("{} burn a round", money(r.burn)),
                    format!(
                        "{} round{} of {} s",
                        r.max_rounds,
                        if r.max_rounds == 1 { "" } else { "s" },
                        r.round_ms / 1000
                    ),
                ],
            },
            Phase::Intermission { round, .. } | Phase::Round { round, .. } | Phase::Results { round, .. } => {
                Scene::Running { round, of: r.max_rounds, standings: entries() }
            }
            Phase::Over { .. } => Scene::Over {
                // The sentence of the link's description, without its invitation.
                headline: preview::outcome(view),
                standings: entries(),
                chart: Chart::of(view),
            },
            Phase::Closed => Scene::Closed,
        };
        Self { code: view.code.clone(), whose, scene }
    }

    /// The picture's file name: the state in words and a hash of all it shows. Equal for equal
    /// pictures, and another name as soon as anything in the picture changes.
    pub fn file(&self) -> String {
        let mut hasher = DefaultHasher::new();
        (DRAWING, self).hash(&mut hasher);
        let state = match &self.scene {
            Scene::Waiting { .. } => "waiting".to_string(),
            Scene::Running { round, .. } => format!("round-{round}"),
            Scene::Over { .. } => "over".to_string(),
            Scene::Closed => "closed".to_string(),
        };
        format!("{state}-{:016x}.png", hasher.finish())
    }

    /// Whether the picture may be kept for good: a finished game changes no more.
    pub fn is_final(&self) -> bool {
        matches!(self.scene, Scene::Over { .. } | Scene::Closed)
    }

    /// The address of the picture of game `code` named `file`, under `origin`.
    pub fn address(origin: &str, code: &str, file: &str) -> String {
        format!("{origin}/api/games/{code}/cards/{file}")
    }
}

/// Whether `file` could be a picture's name ([`Card::file`]): checked before a room is asked.
pub fn is_file_name(file: &str) -> bool {
    file.len() <= 48
        && file.strip_suffix(".png").is_some_and(|stem| {
            !stem.is_empty()
                && stem.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}
