//! The game's screens: one per phase, painted as markup text (`paint.rs` says why), and the
//! pieces they share.

mod chart;
mod colour;
pub mod feel;
pub mod invite;
pub mod markup;
mod over;
pub mod paint;
mod players;
mod results;
mod round;
mod trouble;
mod waiting;

pub use chart::chart_markup;
pub use colour::colour;
pub use over::standings_markup;
pub use players::players_markup;
pub use results::results_markup;

use std::time::Duration;

use leptos::prelude::*;
use shared::rules::CLICK_BATCH_MS;
use shared::view::{GameView, Phase, Standing};
use wasm_bindgen::JsCast;
use web_sys::{Element, MouseEvent};

use crate::net::socket::{GameState, Link, performance_now};
use crate::pages::game::{Seat, Sender};
use crate::place::Here;
use markup::{Markup, Part, button, element, html};
use paint::Painter;

/// What the screens read and act through, and where they are painted.
#[derive(Clone, Copy)]
pub struct Screen {
    pub state: GameState,
    pub sender: Sender,
    pub seat: Seat,
    here: Here,
    /// The server's time, ticking ten times a second, for countdowns and the time bar.
    pub clock: RwSignal<f64>,
    /// Why asking for a rematch failed.
    refused: RwSignal<Option<String>>,
    muted: RwSignal<bool>,
    painter: StoredValue<Painter, LocalStorage>,
}

impl Screen {
    fn view(&self) -> Option<GameView> {
        self.state.view.get()
    }

    fn live(&self) -> bool {
        self.state.link.get() == Link::Live
    }

    /// Whole seconds from now to the server's moment `at`, as a countdown shows them: never
    /// under 1, so that "0" is never on screen before the moment has come.
    fn seconds_until(&self, at: u64) -> u64 {
        ((at as f64 - self.clock.get()) / 1000.0).ceil().max(1.0) as u64
    }
}

/// The parts every screen of a game has: the bar, the link's state, the one live region that
/// tells a screen reader what happened, and the screen itself.
fn shell() -> Markup {
    html! {
        header.bar {
            a.brand href="/" { "Startup CliX" }
            span.bar-actions {
                button.secondary.leave data-testid=(button::LEAVE) data-part=(Part::Leave) hidden { "Leave game" }
                button.mute.secondary data-testid=(button::MUTE) data-part=(Part::Mute) {}
            }
        }
        div.banner role="status" aria-live="polite" data-testid="link" data-part=(Part::Link) {}
        // Always in the page, so what a screen writes into it is announced: a live region that
        // arrives with its content often is not.
        div.sr-only role="status" aria-live="polite" data-testid="announce" data-part=(Part::Announce) {}
        div.part data-part=(Part::Screen) {}
    }
}

/// Shows the game's screen of its current phase in `root`, under the bar and the link's state,
/// until the current owner is cleaned up. Reads the game from the context the game page gives.
pub fn show(root: &Element) {
    let state = expect_context::<GameState>();
    let screen = Screen {
        state,
        sender: expect_context::<Sender>(),
        seat: expect_context::<Seat>(),
        here: expect_context::<Here>(),
        clock: RwSignal::new(state.server_now()),
        refused: RwSignal::new(None),
        muted: RwSignal::new(feel::muted()),
        painter: StoredValue::new_local(Painter::default()),
    };
    let sender = screen.sender;
    let in_round = move || {
        state.view.with_untracked(|v| v.as_ref().is_some_and(|v| matches!(v.phase, Phase::Round { .. })))
    };
    let every = |ms: u64, f: Box<dyn Fn()>| {
        if let Ok(handle) = set_interval_with_handle(f, Duration::from_millis(ms)) {
            on_cleanup(move || handle.clear());
        }
    };
    every(100, Box::new(move || screen.clock.set(state.server_now())));
    // A round's taps go out in batches; the batch still held goes out when this screen's round
    // time is up, inside the server's grace for latency, rather than after the round closed.
    every(
        CLICK_BATCH_MS,
        Box::new(move || {
            if in_round() {
                sender.flush();
            }
        }),
    );
    keep(RenderEffect::new(move |_| {
        let Some(started) = state.round_started.get() else { return };
        let round_ms = state.view.with_untracked(|v| v.as_ref().map_or(10_000, |v| v.rules.round_ms));
        let left = (started + f64::from(round_ms) - performance_now()).max(0.0);
        if let Ok(handle) =
            set_timeout_with_handle(move || sender.flush(), Duration::from_millis(left as u64))
        {
            on_cleanup(move || handle.clear());
        }
    }));
    // And when the page goes away, as on a reload mid-round.
    let hide =
        leptos::leptos_dom::helpers::window_event_listener_untyped("pagehide", move |_| sender.flush());
    on_cleanup(move || hide.remove());

    screen.painter.update_value(|p| p.start(root.clone(), &shell()));
    // Painted at once, so the screen is there as soon as it is in the page, and again whenever
    // what it reads changes.
    keep(RenderEffect::new(move |_| draw(&screen)));
    paint::listen(root, "click", Box::new(move |e| clicked(&screen, e.unchecked_ref())));
    paint::listen(root, "submit", Box::new(move |e| submitted(&screen, &e)));
    paint::listen(root, "pointerdown", Box::new(move |e| round::pressed(&screen, &e)));
    paint::listen(root, "keydown", Box::new(move |e| round::key(&screen, e.unchecked_ref())));
}

/// Keeps an effect running until the current owner is cleaned up.
pub fn keep(effect: RenderEffect<()>) {
    StoredValue::new_local(effect);
}

/// Paints the screen of what the game shows now.
fn draw(screen: &Screen) {
    let view = screen.view();
    let link = screen.state.link.get();
    let rejection = screen.state.rejection.get();
    let muted = screen.muted.get();
    screen.painter.update_value(|p| {
        if !p.started() {
            return;
        }
        let gone = link == Link::Gone(shared::link::Gone::NotFound);
        // The game's own screens read the signals they need as they paint.
        let phase = view.as_ref().map(|v| v.phase);
        match (gone, &view, phase) {
            (true, ..) => {
                p.frame("not_found", || trouble::markup(trouble::Whole::NotFound));
            }
            (_, None, _) | (_, _, None) => {
                p.frame("connecting", || html! { p.card aria-busy="true" { "Connecting…" } });
            }
            (_, Some(view), Some(phase)) => match phase {
                Phase::Waiting { .. } => waiting::draw(screen, p, view),
                Phase::Intermission { .. } => round::draw_countdown(screen, p, view),
                Phase::Round { .. } => round::draw(screen, p, view),
                Phase::Results { .. } => results::draw(screen, p, view),
                Phase::Over { .. } => over::draw(screen, p, view),
                Phase::Closed => {
                    p.frame("closed", || trouble::markup(trouble::Whole::Closed));
                }
            },
        }
        p.html(Part::Link, &trouble::banner_markup(link, rejection.as_deref()));
        p.flag(Part::Leave, "hidden", !view.as_ref().is_some_and(can_leave));
        p.text(Part::Mute, if muted { "Sound off" } else { "Sound on" });
        p.attr(Part::Mute, "aria-pressed", Some(if muted { "true" } else { "false" }));
    });
}

/// Whether this device holds a seat it may give up: in the waiting room or a running game.
fn can_leave(v: &GameView) -> bool {
    v.me().is_some_and(|me| me.standing == Standing::Active)
        && !matches!(v.phase, Phase::Over { .. } | Phase::Closed)
}

/// The player list, painted into part [`Part::Players`] of any frame that has it, row by row:
/// a round trip that moves rewrites its own row alone.
fn paint_players(screen: &Screen, p: &mut Painter, view: &GameView) {
    let live = screen.live();
    p.rows(Part::Players, &players_markup(view, live));
    p.attr(Part::Players, "class", Some(if live { "players" } else { "players stale" }));
}

/// The player list's element in a frame.
fn players_list() -> Markup {
    html! { ul.players data-testid="players" aria-label="Players" data-part=(Part::Players) {} }
}

/// A click on a button of any screen, heard where it bubbles to.
fn clicked(screen: &Screen, e: &MouseEvent) {
    let Some((pressed, id)) = markup::pressed(e.target()) else { return };
    match id.as_str() {
        button::LEAVE => leave(screen),
        button::MUTE => {
            let muted = !screen.muted.get_untracked();
            feel::set_muted(muted);
            screen.muted.set(muted);
        }
        button::PRODUCT => e.prevent_default(),
        button::SHIP => round::ship(screen),
        button::PLAY_AGAIN => over::play_again(screen),
        button::SHARE_RESULT => over::share_result(screen, &pressed),
        _ => waiting::clicked(screen, &pressed, &id),
    }
}

/// A form sent on any screen (the waiting room has them).
fn submitted(screen: &Screen, e: &web_sys::Event) {
    if let Some(form) = element(e.target()) {
        e.prevent_default();
        waiting::submitted(screen, &form);
    }
}

/// "Leave game", after a confirmation: frees the seat in the waiting room, forfeits a running game.
fn leave(screen: &Screen) {
    let Some(window) = web_sys::window() else { return };
    let state = screen.state;
    let Some(view) = state.view.get_untracked() else { return };
    let question = if matches!(view.phase, Phase::Waiting { .. }) {
        "Leave this waiting room? Your seat goes to someone else."
    } else {
        "Leave this game? You forfeit and cannot come back as a player."
    };
    if window.confirm_with_message(question).unwrap_or(false) {
        screen.sender.send(shared::protocol::ClientMsg::Leave);
        crate::device::forget_seat(&view.code);
        // A moment for the message to leave before the page does.
        set_timeout(
            move || {
                let _ = window.location().set_href("/");
            },
            Duration::from_millis(300),
        );
    }
}
