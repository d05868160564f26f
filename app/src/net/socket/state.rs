//! What the screens read of the game: the view the socket's events build, the link's state, and
//! this seat's journal of the round.

use leptos::prelude::*;
use shared::journal::Journal;
use shared::view::GameView;

use super::Link;

/// Reactive state the screens read.
#[derive(Clone, Copy)]
pub struct GameState {
    pub view: RwSignal<Option<GameView>>,
    pub link: RwSignal<Link>,
    /// The latest refusal from the server, to show briefly.
    pub rejection: RwSignal<Option<String>>,
    /// `performance.now()` when the current round started on this screen.
    pub round_started: RwSignal<Option<f64>>,
    /// Server clock minus this page's clock, from the latest message, in ms.
    pub server_offset: RwSignal<f64>,
    /// This seat's taps and ship of the round, kept until the server has stored them: what the
    /// screen counts, and what is sent again after every reconnect.
    pub journal: RwSignal<Journal>,
}

impl GameState {
    pub fn new() -> Self {
        Self {
            view: RwSignal::new(None),
            link: RwSignal::new(Link::Connecting),
            rejection: RwSignal::new(None),
            round_started: RwSignal::new(None),
            server_offset: RwSignal::new(0.0),
            journal: RwSignal::new(Journal::default()),
        }
    }
}

impl GameState {
    /// The server's clock now, as best this page knows it.
    pub fn server_now(&self) -> f64 {
        js_sys::Date::now() + self.server_offset.get_untracked()
    }
}

impl Default for GameState {
    fn default() -> Self {
        Self::new()
    }
}

/// Milliseconds on this page's monotonic clock.
pub fn performance_now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or_default()
}
