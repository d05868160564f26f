//! The player list, mounted with a fixed view in headless Chromium.
#![cfg(target_arch = "wasm32")]

use app::net::socket::GameState;
use app::screens::PlayerList;
use leptos::prelude::*;
use shared::ids::SeatId;
use shared::rules::{Rules, Visibility};
use shared::view::{GameView, Phase, PlayerView, Presence, Standing, You};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn player(seat: u8, name: &str, presence: Presence, rtt_ms: Option<u32>) -> PlayerView {
    PlayerView {
        seat: SeatId(seat),
        name: name.into(),
        capital: 30_000,
        standing: Standing::Active,
        presence,
        rtt_ms,
        shipped: false,
    }
}

fn waiting_room() -> GameView {
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
        you: Some(You { seat: SeatId(1), clicks: 0 }),
    }
}

fn mount(view: GameView) -> web_sys::HtmlElement {
    let document = document();
    let parent: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&parent).unwrap();
    let state = GameState::new();
    state.view.set(Some(view));
    let handle = leptos::mount::mount_to(parent.clone(), move || {
        provide_context(state);
        view! { <PlayerList/> }
    });
    handle.forget();
    parent
}

fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let nodes = root.query_selector_all(selector).unwrap();
    (0..nodes.length()).map(|i| nodes.item(i).unwrap().text_content().unwrap_or_default()).collect()
}

#[wasm_bindgen_test]
fn lists_every_player_with_badges_presence_and_round_trip() {
    let root = mount(waiting_room());
    assert_eq!(texts(&root, "[data-testid=player] .name"), ["Ada", "<b>Bob</b>"]);
    assert_eq!(texts(&root, "[data-testid=presence]"), ["online", "away"]);
    assert_eq!(texts(&root, ".rtt"), ["42 ms", ""]);
    assert_eq!(texts(&root, ".badge.host"), ["host"]);
    // The viewer's own row is marked, and a name is text, never markup.
    assert_eq!(texts(&root, ".badge.you"), ["you"]);
    assert!(root.query_selector("b").unwrap().is_none());
}
