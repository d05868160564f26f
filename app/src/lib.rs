//! Startup CliX's app: the lobby and the game in the browser, rendered client-side with Leptos.
//!
//! - [`net`]: everything that crosses the network: the game's WebSocket ([`net::socket`]) and
//!   the HTTP API ([`net::http`]). Nothing else talks to the server.
//! - [`device`]: what this browser remembers: the player's name and each game's seat token.
//! - [`money`]: dollars as players read them.
//! - [`pages`]: one per route: home, and a game by its invite link.
//! - [`screens`]: the game's screens, one per phase, and the pieces they share.

pub mod device;
pub mod money;
pub mod net;
pub mod pages;
pub mod screens;

use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::path;
#[cfg(feature = "entry")]
use wasm_bindgen::prelude::wasm_bindgen;

#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <main class="app">
                <FlatRoutes fallback=|| view! { <pages::NotFound/> }>
                    <Route path=path!("/") view=pages::Home/>
                    <Route path=path!("/g/:code") view=pages::GamePage/>
                </FlatRoutes>
            </main>
        </Router>
    }
}

/// Entry point, called by the generated JavaScript once the module is loaded.
#[cfg(feature = "entry")]
#[wasm_bindgen(start)]
pub fn start() {
    // A panic's message in the console instead of a bare "unreachable" (0.8 KB gzip on the
    // home page: the formatting it needs is in the app already; docs/SIZE.md).
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
