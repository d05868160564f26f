//! Startup CliX's app: the lobby and the game in the browser, on Leptos's reactive system: each
//! page and screen is markup text painted into the page, and painted again, part by part, as
//! the signals it reads change (`screens::paint` says why).
//!
//! - [`net`]: everything that crosses the network: the game's WebSocket ([`net::socket`]) and
//!   the HTTP API ([`net::http`]). Nothing else talks to the server.
//! - [`device`]: what this browser remembers: the player's name and each game's seat token.
//! - [`place`]: which page the address names, kept in step with the address bar.
//! - [`pages`]: one per place: home, and a game by its invite link.
//! - [`screens`]: the game's screens, one per phase, and the pieces they share.
//! - [`tabs`]: several tabs of one seat: each page's lock on its inputs, and those of pages gone.

pub mod device;
pub mod net;
pub mod pages;
pub mod place;
pub mod screens;
pub mod tabs;

use leptos::prelude::*;

/// Shows the page the address names in `root`, and the next one whenever the place changes:
/// what a page started is cleaned up as it goes.
pub fn show_pages(root: web_sys::Element) {
    let here = place::Here::follow_the_address();
    provide_context(here);
    let place = here.place();
    screens::keep(RenderEffect::new(move |_| {
        let place = place.get();
        untrack(|| pages::show(&root, place));
    }));
}

/// Entry point, called by the generated JavaScript once the module is loaded. Compiled, and so
/// linted, in the component tests too, which only leave it unmarked as the start.
#[cfg_attr(feature = "entry", wasm_bindgen::prelude::wasm_bindgen(start))]
pub fn start() {
    // A panic's message in the console instead of a bare "unreachable" (0.8 KB gzip on the
    // home page: the formatting it needs is in the app already; docs/SIZE.md).
    console_error_panic_hook::set_once();
    // The reactive system's tasks run on the browser's microtasks.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    // The document's `<main>`, which says the app is loading until the app paints its pages there.
    let main = web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector("main.app").ok());
    let Some(Some(root)) = main else { return };
    // The app's owner, for as long as the page is open.
    let owner = Owner::new();
    owner.with(|| show_pages(root));
    std::mem::forget(owner);
}
