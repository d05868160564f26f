//! What the screen tests share: fixed views of a game, and mounting the game's screen over them.

use app::net::socket::{GameState, Link};
use app::pages::game::{Seat, Sender};
use leptos::prelude::*;
use shared::ids::SeatId;
use shared::journal::Journal;
use shared::rules::{Rules, Visibility};
use shared::view::{GameView, Phase, PlayerView, Presence, RoundRow, RoundSummary, Standing, You};
use wasm_bindgen::JsCast;

pub fn player(seat: u8, name: &str, presence: Presence, rtt_ms: Option<u32>) -> PlayerView {
    PlayerView {
        seat: SeatId(seat),
        name: name.into(),
        capital: 30_000,
        standing: Standing::Active,
        presence,
        rtt_ms,
        shipped: false,
        bot: None,
    }
}

pub fn waiting_room() -> GameView {
    GameView {
        code: "abcdefghjkmn".into(),
        visibility: Visibility::Private,
        cap: 4,
        rules: Rules::default(),
        phase: Phase::Waiting { starts_at: None },
        players: vec![
            player(0, "Ada", Presence::Online, Some(42)),
            player(1, "<b>Bob</b>", Presence::Away, None),
        ],
        host: Some(SeatId(0)),
        history: vec![],
        winners: vec![],
        rematch: None,
        you: Some(You { seat: SeatId(1), clicks: 0, tabs: Vec::new(), shipped_ms: None }),
    }
}

/// The game's screen over a live link to a game that shows `view`.
pub fn mount(view: GameView) -> web_sys::HtmlElement {
    let state = GameState::new();
    state.link.set(Link::Live);
    state.view.set(Some(view));
    mount_state(state)
}

/// Shows the game's screen over `state`, with the contexts it expects and no socket.
pub fn mount_state(state: GameState) -> web_sys::HtmlElement {
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let parent = element();
    // Kept for the rest of the test run, as the app keeps its own.
    let owner = Owner::new();
    owner.with(|| {
        provide_context(state);
        provide_context(Sender::unconnected());
        provide_context(Seat { grant: RwSignal::new(None), error: RwSignal::new(None) });
        provide_context(app::place::Here::follow_the_address());
        app::screens::show(&parent);
    });
    std::mem::forget(owner);
    parent
}

/// An element in the page holding `markup`, as a screen paints it.
pub fn painted(markup: &app::screens::markup::Markup) -> web_sys::HtmlElement {
    let parent = element();
    app::screens::paint::paint(&parent, markup);
    parent
}

pub fn element() -> web_sys::HtmlElement {
    let document = document();
    let parent: web_sys::HtmlElement = document.create_element("div").expect("a div").unchecked_into();
    document.body().expect("a body").append_child(&parent).expect("mounted");
    parent
}

/// Lets timers and effects run for `ms`.
pub async fn wait(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("a window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

pub fn one(root: &web_sys::HtmlElement, selector: &str) -> web_sys::HtmlElement {
    root.query_selector(selector).expect("a valid selector").expect(selector).unchecked_into()
}

pub fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let nodes = root.query_selector_all(selector).expect("a valid selector");
    (0..nodes.length())
        .map(|i| nodes.item(i).expect("within the length").text_content().unwrap_or_default())
        .collect()
}

pub fn row(seat: u8, clicks: u32, ms: u32, capital_before: i64) -> RoundRow {
    let profit = shared::rules::profit(clicks, ms);
    let capital = capital_before + profit - 5_000;
    RoundRow { seat: SeatId(seat), clicks, ms, profit, burn: 5_000, capital, eliminated: capital < 1 }
}

pub fn after_two_rounds() -> GameView {
    let mut view = waiting_room();
    let first = RoundSummary { round: 1, rows: vec![row(0, 120, 8_000, 30_000), row(1, 10, 10_000, 30_000)] };
    let second =
        RoundSummary { round: 2, rows: vec![row(0, 100, 10_000, 32_500), row(1, 0, 10_000, 25_500)] };
    view.history = vec![first, second];
    view.phase = Phase::Over { ended_at: 1 };
    view
}

pub fn in_round(view: &mut GameView, elapsed: u32) -> GameState {
    let now = js_sys::Date::now() as u64;
    view.phase = Phase::Round { round: 1, started_at: now - u64::from(elapsed), ends_at: now + 60_000 };
    view.you = Some(You { seat: SeatId(0), clicks: 0, tabs: Vec::new(), shipped_ms: None });
    let state = GameState::new();
    state.link.set(Link::Live);
    state.view.set(Some(view.clone()));
    state.round_started.set(Some(app::net::socket::performance_now() - f64::from(elapsed)));
    state.journal.set(Journal::new(1, 1));
    state
}
