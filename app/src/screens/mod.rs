//! The game's screens: one per phase, and the pieces they share.

mod clock;
mod players;
mod trouble;
mod waiting;

pub use clock::use_server_clock;
pub use players::PlayerList;
pub use trouble::{LinkBanner, Trouble};
pub use waiting::WaitingRoom;

use leptos::prelude::*;
use shared::view::Phase;

use crate::net::socket::GameState;

/// The screen of the game's current phase, under the link's state.
#[component]
pub fn GameScreen() -> impl IntoView {
    let state = expect_context::<GameState>();
    let phase = Memo::new(move |_| state.view.with(|v| v.as_ref().map(|v| std::mem::discriminant(&v.phase))));
    let screen = move || {
        // Reading (not just tracking) the memo makes it compute and subscribe to the view.
        let _ = phase.get();
        let Some(view) = state.view.get_untracked() else {
            return view! { <p class="card" aria-busy="true">"Connecting…"</p> }.into_any();
        };
        match view.phase {
            Phase::Waiting { .. } => view! { <WaitingRoom/> }.into_any(),
            _ => view! { <section class="card"><h2>"Game on"</h2><PlayerList/></section> }.into_any(),
        }
    };
    view! {
        <LinkBanner/>
        {screen}
    }
}
