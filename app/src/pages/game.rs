//! A game by its invite link: takes or retakes the seat, opens the socket, shows the screen of
//! the current phase.

use leptos::prelude::*;
use leptos::task::{spawn_local, spawn_local_scoped_with_cancellation};
use shared::api::{ApiErrorCode, SeatGrant};
use shared::link::Gone;
use shared::protocol::ClientMsg;
use web_sys::Element;

use crate::device;
use crate::net::http;
use crate::net::socket::{GameSocket, GameState, Link};
use crate::screens::markup::{Markup, button, html, pressed};
use crate::screens::paint::{listen, paint};
use crate::screens::{self, keep};

/// Sends messages on the game's socket; handed to the screens through context.
#[derive(Clone, Copy)]
pub struct Sender(StoredValue<Option<GameSocket>, LocalStorage>);

impl Sender {
    /// A sender with no socket behind it, for a screen shown on its own.
    pub fn unconnected() -> Self {
        Self(StoredValue::new_local(None))
    }

    pub fn send(&self, msg: ClientMsg) {
        self.0.with_value(|socket| {
            if let Some(socket) = socket {
                socket.send(&msg);
            }
        });
    }

    /// A tap on the product, `at` ms into the round on this screen.
    pub fn tap(&self, at: u32) {
        self.0.with_value(|socket| socket.as_ref().map(|s| s.tap(at)));
    }

    /// Sends the taps gathered so far.
    pub fn flush(&self) {
        self.0.with_value(|socket| socket.as_ref().map(GameSocket::flush));
    }

    /// Ships, `at` ms into the round on this screen.
    pub fn ship(&self, at: u32) {
        self.0.with_value(|socket| socket.as_ref().map(|s| s.ship(at)));
    }
}

/// Takes a seat in the game for the name typed; handed to the screens through context.
#[derive(Clone, Copy)]
pub struct Seat {
    pub grant: RwSignal<Option<SeatGrant>>,
    pub error: RwSignal<Option<(ApiErrorCode, String)>>,
}

impl Seat {
    pub fn join(&self, code: String, name: String) {
        let (grant, error) = (self.grant, self.error);
        device::remember_name(&name);
        spawn_local(async move {
            match http::join_game(&code, &name).await {
                Ok(g) => {
                    device::remember_seat(&g);
                    grant.set(Some(g));
                }
                Err(e) => error.set(Some((e.error, e.reason))),
            }
        });
    }
}

impl Seat {
    /// Takes a seat in any public game instead, and goes there.
    pub fn quick_play(&self, name: String) {
        let error = self.error;
        device::remember_name(&name);
        spawn_local(async move {
            match http::quick_play(&name).await {
                Ok(g) => {
                    device::remember_seat(&g);
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().set_href(&format!("/g/{}", g.code));
                    }
                }
                Err(e) => error.set(Some((e.error, e.reason))),
            }
        });
    }
}

/// Shows game `code` in `root`: fetches the game's code the first time, then takes or retakes
/// the seat, opens the socket and shows the screen of the current phase.
pub fn show(root: &Element, code: String) {
    let attempt = RwSignal::new(0_u32);
    let root = root.clone();
    keep(RenderEffect::new(move |_| {
        attempt.track();
        paint(&root, &html! { p.card aria-busy="true" { "Loading the game…" } });
        let (root, code) = (root.clone(), code.clone());
        // Scoped and cancelled with this page: a load that finishes after the player left (or
        // moved to another game) builds nothing, so it opens no socket.
        spawn_local_scoped_with_cancellation(async move {
            if game(root.clone(), code).await.is_ok() {
                return;
            }
            // The loader keeps no failure, so trying again fetches the file again. A reload
            // helps where trying again cannot: after a new version of the game went out, this
            // page's version of the file is gone.
            paint(&root, &unavailable());
            let again = move |e: web_sys::Event| match pressed(e.target()).map(|(_, id)| id).as_deref() {
                Some(button::RETRY) => attempt.update(|n| *n += 1),
                Some(button::RELOAD) => {
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().reload();
                    }
                }
                _ => {}
            };
            untrack(|| listen(&root, "click", Box::new(again)));
        });
    }));
}

fn unavailable() -> Markup {
    html! {
        section.card.trouble role="alert" data-testid="trouble" {
            h1 { "The game did not load" }
            p { "Check your connection, then try again. If it keeps failing, reload the page." }
            button data-testid=(button::RETRY) { "Try again" } " "
            button.secondary data-testid=(button::RELOAD) { "Reload" }
        }
    }
}

/// The game's file did not arrive: the network failed on the way.
pub struct GameUnavailable;

impl From<leptos::wasm_split::SplitLoaderError> for GameUnavailable {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        Self
    }
}

/// The game's code, in a file of its own (`split_game-<hash>.wasm`) fetched the first time a game is
/// opened: the home page does not wait for it. `fallible`: a failed fetch is an answer the page
/// shows, where Leptos's `#[lazy]` would abort the whole app.
#[leptos::wasm_split::wasm_split(game, wasm_split_path = ::leptos::wasm_split, fallible)]
fn game(root: Element, code: String) -> Result<(), GameUnavailable> {
    // Built inside the page's loading task: reads while building must not subscribe the page.
    untrack(|| play(&root, code));
    Ok(())
}

/// Game `code` in `root`: the seat, the socket, and the screen.
fn play(root: &Element, code: String) {
    let state = GameState::new();
    let seat = Seat { grant: RwSignal::new(device::seat(&code)), error: RwSignal::new(None) };
    let socket = StoredValue::new_local(None::<GameSocket>);
    provide_context(state);
    provide_context(Sender(socket));
    provide_context(seat);

    // (Re)open the socket whenever the seat changes: spectator first, seated once joined.
    let socket_code = code.clone();
    keep(RenderEffect::new(move |_| {
        let token = seat.grant.get().map(|g| g.token);
        shut(socket);
        socket.set_value(Some(GameSocket::open(&socket_code, token, state)));
    }));
    // A token the server no longer knows: forget it and watch instead.
    keep(RenderEffect::new(move |_| {
        if state.link.get() == Link::Gone(Gone::SeatRefused) {
            device::forget_seat(&code);
            seat.grant.set(None);
        }
    }));
    on_cleanup(move || shut(socket));
    screens::show(root);
}

/// Closes the game's socket for good, if one is open.
fn shut(socket: StoredValue<Option<GameSocket>, LocalStorage>) {
    if let Some(old) = socket.try_update_value(Option::take).flatten() {
        old.shut();
    }
}
