//! A ticking view of the server's clock, for countdowns and time bars.

use std::time::Duration;

use leptos::prelude::*;

use crate::net::socket::GameState;

/// The server's time, refreshed ten times a second while the screen is mounted.
pub fn use_server_clock() -> ReadSignal<f64> {
    let state = expect_context::<GameState>();
    let (now, set_now) = signal(state.server_now());
    if let Ok(handle) =
        set_interval_with_handle(move || set_now.set(state.server_now()), Duration::from_millis(100))
    {
        on_cleanup(move || handle.clear());
    }
    now
}
