//! What goes wrong, said plainly: no such game, a full game, a lost link, a refused action.

use leptos::prelude::*;

use shared::link::Gone;

use crate::net::socket::{GameState, Link};

/// A whole-page problem.
#[component]
pub fn Trouble(kind: &'static str) -> impl IntoView {
    let (title, text) = match kind {
        "not_found" => ("Game not found", "Check the code or the link, or start a new game."),
        "full" => ("This game is full", "Every seat is taken. Try quick play or start a game."),
        "closed" => ("This game has closed", "Nobody was left in its waiting room. Start a new one."),
        _ => ("Something went wrong", "Please go back home and try again."),
    };
    view! {
        <section class="card trouble" role="alert" data-testid="trouble">
            <h1>{title}</h1>
            <p>{text}</p>
            <a class="button" href="/">"Home"</a>
        </section>
    }
}

/// The link's state and the latest refusal, announced politely to screen readers.
#[component]
pub fn LinkBanner() -> impl IntoView {
    let state = expect_context::<GameState>();
    let link = move || match state.link.get() {
        Link::Live | Link::Connecting | Link::Shut | Link::Gone(Gone::NotFound) => None,
        Link::Retrying(n) => Some(format!("Connection lost. Reconnecting (attempt {n})…")),
        Link::Reload => Some("A new version of the game is out. Please reload the page.".to_string()),
        Link::Gone(Gone::SeatRefused) => Some("This seat belongs to someone else.".to_string()),
        Link::Gone(Gone::Lost) => {
            Some("This game could not be restored after a server restart. Sorry!".to_string())
        }
    };
    view! {
        <div class="banner" role="status" aria-live="polite" data-testid="link">
            {link}
            {move || state.rejection.get().map(|r| view! { <p class="rejection" data-testid="rejection">{r}</p> })}
        </div>
    }
}

/// Sound on or off, remembered on this device.
#[component]
pub fn MuteToggle() -> impl IntoView {
    let muted = RwSignal::new(super::feel::muted());
    view! {
        <button class="mute secondary" aria-pressed=move || muted.get().to_string()
            on:click=move |_| { let m = !muted.get_untracked(); super::feel::set_muted(m); muted.set(m); }>
            {move || if muted.get() { "Sound off" } else { "Sound on" }}
        </button>
    }
}
