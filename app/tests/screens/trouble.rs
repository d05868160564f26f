//! Screens that say what went wrong.

use super::support::{mount_state, one, texts, wait, waiting_room};
use app::net::socket::{GameState, Link};
use leptos::prelude::*;
use shared::link::Gone;
use shared::view::{GameView, Phase};
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
async fn trouble_screens_say_what_happened() {
    let closed = GameState::new();
    closed.view.set(Some(GameView { phase: Phase::Closed, ..waiting_room() }));
    let not_found = GameState::new();
    not_found.link.set(Link::Gone(Gone::NotFound));
    for (state, title) in [(not_found, "Game not found"), (closed, "This game has closed")] {
        let root = mount_state(state);
        assert_eq!(texts(&root, "[data-testid=trouble] h1"), [title]);
        assert_eq!(one(&root, "[data-testid=trouble]").get_attribute("role").as_deref(), Some("alert"));
    }
    let state = GameState::new();
    state.view.set(Some(waiting_room()));
    let root = mount_state(state);
    for (link, said) in [
        (Link::Reload, "A new version of the game is out. Please reload the page."),
        (Link::Gone(Gone::Lost), "This game could not be restored after a server restart. Sorry!"),
        (Link::Gone(Gone::SeatRefused), "This seat belongs to someone else."),
    ] {
        state.link.set(link);
        wait(20).await;
        assert_eq!(texts(&root, "[data-testid=link]"), [said]);
    }
    state.link.set(Link::Live);
    state.rejection.set(Some("You already shipped this round.".into()));
    wait(20).await;
    assert_eq!(texts(&root, "[data-testid=rejection]"), ["You already shipped this round."]);
}
