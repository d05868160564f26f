//! Startup CliX's app: the lobby and the game in the browser, rendered client-side with Leptos.
//!
//! - [`net`]: everything that crosses the network: the game's WebSocket ([`net::socket`]) and
//!   the HTTP API ([`net::http`]). Nothing else talks to the server.
//! - [`device`]: what this browser remembers: the player's name and each game's seat token.
//! - [`money`]: dollars as players read them.
//! - [`place`]: which page the address names, kept in step with the address bar.
//! - [`pages`]: one per route: home, and a game by its invite link.
//! - [`screens`]: the game's screens, one per phase, and the pieces they share.

pub mod device;
pub mod money;
pub mod net;
pub mod pages;
pub mod place;
pub mod screens;

use leptos::prelude::*;
#[cfg(feature = "entry")]
use wasm_bindgen::prelude::wasm_bindgen;

#[component]
pub fn App() -> impl IntoView {
    let here = place::Here::follow_the_address();
    provide_context(here);
    let place = here.place();
    view! {
        <main class="app">
            {move || match place.get() {
                place::Place::Home => view! { <pages::Home/> }.into_any(),
                place::Place::Game(code) => view! { <pages::GamePage code/> }.into_any(),
                place::Place::Nowhere => view! { <pages::NotFound/> }.into_any(),
            }}
        </main>
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
