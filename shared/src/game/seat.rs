//! A seat: one player's place in the game, kept for the whole game.

use serde::{Deserialize, Serialize};

use super::presence::RttEstimate;
use super::timing::ClickLimiter;
use crate::bot::Level;
use crate::ids::SeatId;
use crate::protocol::TabId;
use crate::view::{PlayerView, Presence, Standing, TabMark};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Seat {
    pub id: SeatId,
    pub name: String,
    /// The secret that lets a socket act for this seat; empty for a bot, whose seat no socket
    /// may take.
    pub token: String,
    /// Set for a seat the game plays itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bot: Option<Level>,
    pub capital: i64,
    pub standing: Standing,
    /// Left the waiting room; the seat no longer counts or shows.
    pub left: bool,
    /// Presence as last announced to everyone.
    pub presence: Presence,
    pub rtt: RttEstimate,
    /// Round trip as last announced, so small changes don't flood the room.
    pub announced_rtt: Option<u32>,
    /// This round's product.
    pub product: Product,
}

/// One round's work of one player.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct Product {
    /// Clicks counted by the server.
    pub clicks: u32,
    pub clicks_limit: ClickLimiter,
    /// Credited build time, once shipped.
    pub shipped_ms: Option<u32>,
    /// The least round trip credited to any socket of the seat since the round began: what its
    /// stamps are credited with, so that a second, slower socket buys nothing.
    #[serde(default)]
    pub rtt_floor: Option<u32>,
    /// How far each tab's inputs of the round are counted (and known to be stored: what was
    /// stored is all saved, so that is not stored itself).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tabs: Vec<TabCount>,
    /// Version 3 numbered one seat's inputs once for all its tabs: that number is tab 0's.
    #[serde(default, skip_serializing)]
    pub seq: u32,
    /// A bot's taps of this round's plan played so far.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub played: u32,
}

/// One tab's numbered inputs of the round, as far as the server went with them.
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize)]
pub(crate) struct TabCount {
    pub tab: TabId,
    /// Counted up to this number.
    pub seq: u32,
    /// Known to be stored up to this number.
    #[serde(skip)]
    pub saved: u32,
}

impl Product {
    /// Where tab `tab` stands, if it sent anything this round.
    pub fn tab(&self, tab: TabId) -> Option<&TabCount> {
        self.tabs.iter().find(|t| t.tab == tab)
    }

    pub fn tab_mut(&mut self, tab: TabId) -> Option<&mut TabCount> {
        self.tabs.iter_mut().find(|t| t.tab == tab)
    }

    /// Each tab's marks, as the seat's own screens hear them.
    pub fn marks(&self) -> Vec<TabMark> {
        self.tabs.iter().map(|t| TabMark { tab: t.tab, seq: t.seq, saved: t.saved }).collect()
    }
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Seat {
    pub fn new(id: SeatId, name: String, token: String, capital: i64) -> Self {
        Self {
            id,
            name,
            token,
            bot: None,
            capital,
            standing: Standing::Active,
            left: false,
            presence: Presence::Away,
            rtt: RttEstimate::default(),
            announced_rtt: None,
            product: Product::default(),
        }
    }

    /// A seat the game plays itself: always there, online, and never anyone's to take.
    pub fn bot(id: SeatId, name: String, level: Level, capital: i64) -> Self {
        let mut seat = Self::new(id, name, String::new(), capital);
        seat.bot = Some(level);
        seat.presence = Presence::Online;
        seat
    }

    /// A seat a person holds.
    pub fn is_person(&self) -> bool {
        !self.left && self.bot.is_none()
    }

    pub fn is_active(&self) -> bool {
        !self.left && self.standing == Standing::Active
    }

    pub fn view(&self) -> PlayerView {
        PlayerView {
            seat: self.id,
            name: self.name.clone(),
            capital: self.capital,
            standing: self.standing,
            presence: self.presence,
            rtt_ms: self.announced_rtt,
            shipped: self.product.shipped_ms.is_some(),
            bot: self.bot,
        }
    }
}
