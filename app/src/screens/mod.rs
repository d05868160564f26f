//! The game's screens: one per phase, and the pieces they share.

mod chart;
mod clock;
mod colour;
pub mod feel;
pub mod invite;
pub mod markup;
mod over;
mod players;
mod results;
mod round;
mod trouble;
mod waiting;

pub use chart::CapitalChart;
pub use clock::use_server_clock;
pub use colour::colour;
pub use over::{GameOver, standings_markup};
pub use players::PlayerList;
pub use results::{ResultsTable, RoundResults};
pub use round::{Countdown, Round};
pub use trouble::{LinkBanner, MuteToggle, Trouble};
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
            Phase::Intermission { .. } => view! { <Countdown/> }.into_any(),
            Phase::Round { .. } => view! { <Round/> }.into_any(),
            Phase::Results { .. } => view! { <RoundResults/> }.into_any(),
            Phase::Over { .. } => {
                feel::game_over();
                view! { <GameOver/> }.into_any()
            }
            Phase::Closed => view! { <Trouble kind="closed"/> }.into_any(),
        }
    };
    view! {
        <header class="bar">
            <a href="/" class="brand">"Startup CliX"</a>
            <span class="bar-actions"><LeaveButton/><MuteToggle/></span>
        </header>
        <LinkBanner/>
        {screen}
    }
}

/// "Leave game", after a confirmation: frees the seat in the waiting room, forfeits a running game.
#[component]
fn LeaveButton() -> impl IntoView {
    let state = expect_context::<GameState>();
    let sender = expect_context::<crate::pages::game::Sender>();
    let shown = move || {
        state.view.with(|v| {
            v.as_ref().is_some_and(|v| {
                v.me().is_some_and(|me| me.standing == shared::view::Standing::Active)
                    && !matches!(v.phase, Phase::Over { .. } | Phase::Closed)
            })
        })
    };
    let leave = move |_| {
        let Some(window) = web_sys::window() else { return };
        let running = state
            .view
            .with_untracked(|v| v.as_ref().is_some_and(|v| !matches!(v.phase, Phase::Waiting { .. })));
        let question = if running {
            "Leave this game? You forfeit and cannot come back as a player."
        } else {
            "Leave this waiting room? Your seat goes to someone else."
        };
        if window.confirm_with_message(question).unwrap_or(false) {
            sender.send(shared::protocol::ClientMsg::Leave);
            if let Some(code) = state.view.with_untracked(|v| v.as_ref().map(|v| v.code.clone())) {
                crate::device::forget_seat(&code);
            }
            // A moment for the message to leave before the page does.
            set_timeout(
                move || {
                    let _ = window.location().set_href("/");
                },
                std::time::Duration::from_millis(300),
            );
        }
    };
    view! {
        <Show when=shown>
            <button class="secondary leave" data-testid="leave" on:click=leave>"Leave game"</button>
        </Show>
    }
}
