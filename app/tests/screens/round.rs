//! The countdown and the round: the price, the ship, a lost link, a player out of the game.

use super::support::{in_round, mount, mount_state, one, texts, wait, waiting_room};
use app::net::socket::Link;
use leptos::prelude::*;
use shared::view::{Phase, Standing};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn countdown_names_the_round_and_the_seconds_left() {
    let mut view = waiting_room();
    // Three seconds from now on the server's clock; the page's offset to it is zero here.
    let starts_at = (js_sys::Date::now() + 2_500.0) as u64;
    view.phase = Phase::Intermission { round: 2, starts_at };
    let root = mount(view);
    assert_eq!(texts(&root, "h1"), ["Round 2 starts in 3"]);
    assert_eq!(texts(&root, "[data-testid=countdown]"), ["3"]);
    assert_eq!(texts(&root, "[data-testid=player] .name"), ["Ada", "<b>Bob</b>"], "with the standings");
    assert!(texts(&root, "[data-testid=out]").is_empty(), "a player still in is not told they watch");
}

#[wasm_bindgen_test]
fn a_broke_player_watches_the_round_and_is_told_why() {
    let mut view = waiting_room();
    view.players[0].standing = Standing::Eliminated { round: 1 };
    let state = in_round(&mut view, 1_000);
    state.view.update(|v| {
        if let Some(v) = v {
            v.phase = Phase::Round { round: 2, started_at: 0, ends_at: 0 };
        }
    });
    let root = mount_state(state);
    assert_eq!(
        texts(&root, "[data-testid=out]"),
        ["Your startup went broke in round 1. You are watching the rest of the game."]
    );
    for id in ["product", "ship", "clicks"] {
        let found = root.query_selector(&format!("[data-testid={id}]")).expect("a valid selector");
        assert!(found.is_none(), "no {id} for a player out of the game");
    }
    assert_eq!(texts(&root, "[data-testid=player] .name"), ["Ada", "<b>Bob</b>"], "with the standings");
    // The countdown before the next round says so too.
    let mut view = waiting_room();
    view.players[1].standing = Standing::Eliminated { round: 1 };
    view.phase = Phase::Intermission { round: 2, starts_at: (js_sys::Date::now() + 2_500.0) as u64 };
    let root = mount(view);
    assert_eq!(texts(&root, "h1"), ["Round 2 starts in 3"]);
    assert_eq!(
        texts(&root, "[data-testid=out]"),
        ["Your startup went broke in round 1. You are watching the rest of the game."]
    );
}

#[wasm_bindgen_test]
async fn after_shipping_the_price_stands_where_the_ship_was_made() {
    let mut view = waiting_room();
    let state = in_round(&mut view, 2_000);
    state.journal.update(|j| {
        j.taps(20, 1_900);
        j.ship(2_000);
    });
    let root = mount_state(state);
    let expected = shared::money::money(shared::rules::profit(20, 2_000));
    assert_eq!(texts(&root, "[data-testid=price]"), std::slice::from_ref(&expected));
    wait(700).await;
    assert_eq!(texts(&root, "[data-testid=price]"), [expected], "it does not fall on");
    assert!(texts(&root, ".meter .label")[1].starts_with("Shipping for"));
    assert_eq!(texts(&root, "[data-testid=ship]"), ["Shipping…"]);
    // The server credited it 30 ms later than this screen stamped it: that is what it pays.
    state.journal.update(|j| {
        j.hear(1, &shared::protocol::Event::YourShip { ms: 2_030 });
    });
    wait(50).await;
    let paid = shared::money::money(shared::rules::profit(20, 2_030));
    assert_eq!(texts(&root, "[data-testid=price]"), [paid]);
    assert!(texts(&root, ".meter .label")[1].starts_with("Shipped for"));
    assert_eq!(texts(&root, "[data-testid=ship]"), ["Shipped"]);
}

#[wasm_bindgen_test]
async fn the_price_falls_while_building_and_the_round_says_its_time() {
    let mut view = waiting_room();
    let state = in_round(&mut view, 1_000);
    state.journal.update(|j| {
        j.taps(10, 900);
    });
    let root = mount_state(state);
    let first = texts(&root, "[data-testid=price]");
    wait(600).await;
    assert_ne!(texts(&root, "[data-testid=price]"), first);
    assert_eq!(texts(&root, "[data-testid=clicks]"), ["10"]);
    let status = texts(&root, "[data-testid=round-status]");
    assert!(status[0].starts_with("Round 1 of 10 · "), "{status:?}");
    let product = one(&root, "[data-testid=product]");
    assert!(!product.unchecked_ref::<web_sys::HtmlButtonElement>().disabled());
    assert_eq!(document().active_element().map(|e| e.is_same_node(Some(&product))), Some(true), "focused");
}

#[wasm_bindgen_test]
async fn a_lost_link_pauses_the_player_and_says_so() {
    let mut view = waiting_room();
    let state = in_round(&mut view, 1_000);
    state.journal.update(|j| {
        j.taps(7, 900);
    });
    let root = mount_state(state);
    assert!(root.query_selector("[data-testid=paused]").expect("a valid selector").is_none());
    state.link.set(Link::Retrying(2));
    wait(50).await;
    assert_eq!(texts(&root, "[data-testid=paused]").len(), 1);
    assert_eq!(texts(&root, "[data-testid=price]"), ["—"], "no falling price while paused");
    assert_eq!(texts(&root, "[data-testid=clicks]"), ["7"], "the clicks made are kept");
    for id in ["product", "ship"] {
        let button = one(&root, &format!("[data-testid={id}]"));
        assert!(button.unchecked_ref::<web_sys::HtmlButtonElement>().disabled(), "{id} is off");
    }
    assert_eq!(texts(&root, "[data-testid=presence]"), ["unknown", "unknown"], "nobody is shown online");
    assert_eq!(texts(&root, "[data-testid=link]"), ["Connection lost. Reconnecting (attempt 2)…"]);
    state.link.set(Link::Live);
    wait(50).await;
    assert!(root.query_selector("[data-testid=paused]").expect("a valid selector").is_none());
    assert_eq!(texts(&root, "[data-testid=presence]"), ["online", "away"]);
}
