//! The waiting room and its player list.

use super::support::{mount, mount_state, one, player, texts, wait, waiting_room};
use app::net::socket::{GameState, Link};
use leptos::prelude::*;
use shared::ids::SeatId;
use shared::rules::Visibility;
use shared::view::{Phase, Presence, You};
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn lists_every_player_with_badges_presence_and_round_trip() {
    let root = mount(waiting_room());
    assert_eq!(texts(&root, "[data-testid=player] .name"), ["Ada", "<b>Bob</b>"]);
    assert_eq!(texts(&root, "[data-testid=presence]"), ["online", "away"]);
    assert_eq!(texts(&root, ".rtt"), ["42 ms", ""]);
    assert_eq!(texts(&root, ".badge.host"), ["host"]);
    // The viewer's own row is marked, and a name is text, never markup.
    assert_eq!(texts(&root, ".badge.you"), ["you"]);
    assert!(root.query_selector("b").expect("a valid selector").is_none());
}

#[wasm_bindgen_test]
fn bots_are_marked_and_only_the_host_may_take_them_out() {
    let mut room = waiting_room();
    let mut grace = player(2, "Grace", Presence::Online, None);
    grace.bot = Some(shared::bot::Level::Sharp);
    room.players.push(grace);
    // Bob sees the mark and no button.
    let root = mount(room.clone());
    assert_eq!(texts(&root, "[data-testid=player] .name"), ["Ada", "<b>Bob</b>", "Grace"]);
    assert_eq!(texts(&root, "[data-testid=bot]"), ["bot"]);
    assert_eq!(one(&root, "[data-testid=bot]").title(), "A bot, sharp");
    assert!(root.query_selector("[data-testid=remove-bot]").expect("a valid selector").is_none());
    // Ada, the host, gets one on the bot's row, saying whom it takes out; none on Bob's.
    room.you = Some(You { seat: SeatId(0), clicks: 0, tabs: Vec::new(), shipped_ms: None });
    let root = mount(room.clone());
    let remove = one(&root, "[data-testid=remove-bot]");
    assert_eq!(remove.get_attribute("aria-label").as_deref(), Some("Take Grace out"));
    assert_eq!(remove.get_attribute("data-remove-bot").as_deref(), Some("2"));
    assert_eq!(texts(&root, "[data-testid=remove-bot]").len(), 1);
    // Once the game runs, bots stay.
    room.phase = Phase::Intermission { round: 1, starts_at: 1 };
    let root = mount(room);
    assert!(root.query_selector("[data-testid=remove-bot]").expect("a valid selector").is_none());
    assert_eq!(texts(&root, "[data-testid=bot]"), ["bot"]);
}

#[wasm_bindgen_test]
fn a_public_game_shows_nobody_as_its_host() {
    let mut room = waiting_room();
    room.visibility = Visibility::Public;
    let root = mount(room);
    assert!(root.query_selector(".badge.host").expect("a valid selector").is_none());
}

#[wasm_bindgen_test]
async fn the_waiting_room_says_who_starts_and_keeps_its_invite() {
    let mut view = waiting_room();
    view.rules.max_rounds = 1;
    let state = GameState::new();
    state.link.set(Link::Live);
    state.view.set(Some(view));
    let root = mount_state(state);
    assert_eq!(texts(&root, "[data-testid=waiting-for]"), ["Waiting for Ada to start the game."]);
    assert_eq!(texts(&root, "[data-testid=waiting-for] bdi"), ["Ada"]);
    let rules = texts(&root, "[data-testid=rules]");
    assert!(rules[0].contains(" 1 round of 10 s"), "{rules:?}");
    assert!(
        root.query_selector("[data-testid=start]").expect("a valid selector").is_none(),
        "only the host starts"
    );
    let qr = one(&root, "img.qr");
    assert_eq!(qr.get_attribute("src").as_deref(), Some("/api/games/abcdefghjkmn/qr.svg"));
    // A round trip moves: the invite (and a "Copied" on it) stays as it is.
    state.view.update(|v| {
        if let Some(v) = v {
            v.players[0].rtt_ms = Some(77);
        }
    });
    wait(50).await;
    assert_eq!(texts(&root, "[data-testid=rtt]")[0], "77 ms");
    assert!(one(&root, "img.qr").is_same_node(Some(&qr)), "the invite was not rebuilt");
}
