//! The public view of a game: what a socket is shown, built by the server and kept current on the
//! client by folding events into it with [`GameView::apply`], the same code on both sides.

use serde::{Deserialize, Serialize};

use crate::bot::Level;
use crate::ids::SeatId;
use crate::protocol::{Event, TabId};
use crate::rules::{Rules, Visibility};

/// A game as one socket sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GameView {
    pub code: String,
    pub visibility: Visibility,
    pub cap: u8,
    pub rules: Rules,
    pub phase: Phase,
    /// Seated players in seat order; in the waiting room, only those still there.
    pub players: Vec<PlayerView>,
    pub host: Option<SeatId>,
    /// Every settled round, oldest first: the results screen and the capital chart.
    pub history: Vec<RoundSummary>,
    pub winners: Vec<SeatId>,
    /// The code of the rematch, once someone opened one.
    pub rematch: Option<String>,
    /// This socket's own seat, if it has one.
    pub you: Option<You>,
}

/// The phases of a game, each with the server time of its deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "phase", rename_all = "snake_case")]
pub enum Phase {
    /// Players gather; a public game shows when it will start once two are in.
    Waiting { starts_at: Option<u64> },
    /// The countdown before round `round`.
    Intermission { round: u8, starts_at: u64 },
    /// Building: clicks count until `ends_at` (server time, as the client saw the round start).
    Round { round: u8, started_at: u64, ends_at: u64 },
    /// Round `round` was settled; the next countdown begins at `next_at`.
    Results { round: u8, next_at: u64 },
    /// The game is over.
    Over { ended_at: u64 },
    /// Nobody came back to the waiting room: the game closed without playing.
    Closed,
}

impl Phase {
    /// The round this phase belongs to; 0 before the first.
    pub fn round(&self) -> u8 {
        match *self {
            Self::Intermission { round, .. } | Self::Round { round, .. } | Self::Results { round, .. } => {
                round
            }
            Self::Waiting { .. } | Self::Over { .. } | Self::Closed => 0,
        }
    }
}

/// Whether a player is connected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    Online,
    Away,
}

/// Whether a player is still in the game.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Standing {
    Active,
    /// Capital fell below $1 after round `round`'s burn.
    Eliminated {
        round: u8,
    },
    /// Left a running game.
    Forfeited,
}

/// One seated player, as everyone sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlayerView {
    pub seat: SeatId,
    pub name: String,
    pub capital: i64,
    pub standing: Standing,
    pub presence: Presence,
    /// Round trip measured by the server, once known.
    pub rtt_ms: Option<u32>,
    /// Shipped in the current round.
    pub shipped: bool,
    /// A bot's level; absent for a person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bot: Option<Level>,
}

/// The viewer's own seat.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct You {
    pub seat: SeatId,
    /// Clicks the server counted this round, from every tab of the seat.
    pub clicks: u32,
    /// How far the server counted and stored each tab's inputs of this round.
    #[serde(default)]
    pub tabs: Vec<TabMark>,
    /// When this round's product was credited as shipped, in ms into the round.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipped_ms: Option<u32>,
}

/// How far the server went with one tab's inputs of the round.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TabMark {
    pub tab: TabId,
    /// The tab's inputs numbered up to this one are counted.
    pub seq: u32,
    /// And up to this one, stored.
    pub saved: u32,
}

impl You {
    /// Where the server stands with tab `tab`; a tab it has not heard from stands at nothing.
    pub fn tab(&self, tab: TabId) -> TabMark {
        self.tabs.iter().find(|m| m.tab == tab).copied().unwrap_or(TabMark { tab, seq: 0, saved: 0 })
    }

    fn mark(&mut self, tab: TabId) -> &mut TabMark {
        let at = match self.tabs.iter().position(|m| m.tab == tab) {
            Some(at) => at,
            None => {
                self.tabs.push(TabMark { tab, seq: 0, saved: 0 });
                self.tabs.len() - 1
            }
        };
        &mut self.tabs[at]
    }
}

/// One settled round.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundSummary {
    pub round: u8,
    pub rows: Vec<RoundRow>,
}

/// One player's line of a settled round.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundRow {
    pub seat: SeatId,
    pub clicks: u32,
    /// Build time credited, in ms.
    pub ms: u32,
    pub profit: i64,
    pub burn: i64,
    /// Capital after profit and burn.
    pub capital: i64,
    pub eliminated: bool,
}

impl GameView {
    pub fn player(&self, seat: SeatId) -> Option<&PlayerView> {
        self.players.iter().find(|p| p.seat == seat)
    }

    fn player_mut(&mut self, seat: SeatId) -> Option<&mut PlayerView> {
        self.players.iter_mut().find(|p| p.seat == seat)
    }

    /// The viewer's own player, if seated.
    pub fn me(&self) -> Option<&PlayerView> {
        self.you.as_ref().and_then(|you| self.player(you.seat))
    }

    /// Every player, best first: the winners, then those still in by capital, then the broke by
    /// how long they lasted, then those who left. Equal places share a rank ("1, 1, 3").
    pub fn standings(&self) -> Vec<(usize, &PlayerView)> {
        let place = |p: &PlayerView| {
            let group = match p.standing {
                _ if self.winners.contains(&p.seat) => 0,
                Standing::Active => 1,
                Standing::Eliminated { .. } => 2,
                Standing::Forfeited => 3,
            };
            let lasted = match p.standing {
                Standing::Eliminated { round } => round,
                _ => u8::MAX,
            };
            (group, std::cmp::Reverse(lasted), std::cmp::Reverse(p.capital))
        };
        // A handful of players, each put in its place: the smallest code for the app's download.
        // The seat settles every tie, so there is one order.
        let mut players: Vec<&PlayerView> = Vec::with_capacity(self.players.len());
        for p in &self.players {
            let at = players.partition_point(|q| (place(q), q.seat) < (place(p), p.seat));
            players.insert(at, p);
        }
        let mut ranked: Vec<(usize, &PlayerView)> = Vec::with_capacity(players.len());
        for (i, p) in players.into_iter().enumerate() {
            let rank = match ranked.last() {
                Some(&(rank, prev)) if place(prev) == place(p) => rank,
                _ => i + 1,
            };
            ranked.push((rank, p));
        }
        ranked
    }

    /// Folds one event into the view. Unknown seats are ignored rather than trusted.
    pub fn apply(&mut self, event: &Event) {
        match event {
            Event::Snapshot { view } => *self = view.clone(),
            Event::PlayerJoined { player } => match self.player_mut(player.seat) {
                Some(existing) => *existing = player.clone(),
                None => {
                    // Kept in seat order, as the server sends them.
                    let at = self.players.partition_point(|p| p.seat < player.seat);
                    self.players.insert(at, player.clone());
                }
            },
            Event::PlayerLeft { seat } => self.players.retain(|p| p.seat != *seat),
            Event::Forfeited { seat } => {
                if let Some(p) = self.player_mut(*seat) {
                    p.standing = Standing::Forfeited;
                }
                // The server unbinds a forfeiting player's sockets: they watch from now on.
                if self.you.as_ref().is_some_and(|you| you.seat == *seat) {
                    self.you = None;
                }
            }
            Event::Presence { seat, presence, rtt_ms } => {
                if let Some(p) = self.player_mut(*seat) {
                    p.presence = *presence;
                    p.rtt_ms = *rtt_ms;
                }
            }
            Event::HostChanged { seat } => self.host = *seat,
            Event::Phase { phase } => {
                // The server starts each round's products afresh at the countdown before it.
                if matches!(phase, Phase::Intermission { .. } | Phase::Round { .. }) {
                    self.players.iter_mut().for_each(|p| p.shipped = false);
                    if let Some(you) = &mut self.you {
                        *you = You { seat: you.seat, clicks: 0, tabs: Vec::new(), shipped_ms: None };
                    }
                }
                self.phase = *phase;
            }
            Event::YourClicks { clicks, tab, seq } => {
                if let Some(you) = &mut self.you {
                    you.clicks = *clicks;
                    you.mark(*tab).seq = *seq;
                }
            }
            Event::Saved { tab, seq } => {
                if let Some(you) = &mut self.you {
                    you.mark(*tab).saved = *seq;
                }
            }
            Event::YourShip { ms } => {
                if let Some(you) = &mut self.you {
                    you.shipped_ms = Some(*ms);
                }
            }
            Event::Shipped { seat } => {
                if let Some(p) = self.player_mut(*seat) {
                    p.shipped = true;
                }
            }
            Event::RoundResults { summary } => {
                for row in &summary.rows {
                    if let Some(p) = self.player_mut(row.seat) {
                        p.capital = row.capital;
                        p.shipped = true;
                        if row.eliminated {
                            p.standing = Standing::Eliminated { round: summary.round };
                        }
                    }
                    // Every product ships at the settling, the unshipped ones at the round's end.
                    if let Some(you) = self.you.as_mut().filter(|you| you.seat == row.seat) {
                        you.shipped_ms = Some(row.ms);
                    }
                }
                self.history.push(summary.clone());
            }
            Event::GameOver { winners } => self.winners = winners.clone(),
            Event::Rematch { code } => self.rematch = Some(code.clone()),
            Event::Probe { .. } | Event::Rejected { .. } => {}
        }
    }
}
