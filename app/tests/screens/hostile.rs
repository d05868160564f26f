//! Every screen painted with names and messages from a hostile corpus: nothing a player wrote
//! becomes an element or an attribute, every name reads exactly as sent, and no script runs.

use super::support::{after_two_rounds, in_round, mount_state, texts, wait, waiting_room};
use app::net::socket::{GameState, Link};
use leptos::prelude::*;
use shared::bot::Level;
use shared::ids::SeatId;
use shared::view::{GameView, Phase};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

/// Names and messages that try to become markup, break out of an attribute, smuggle entities,
/// reorder the text around them, or stretch the layout.
const CORPUS: [&str; 10] = [
    "<script>window.pwned=1</script>",
    "<img src=x onerror=\"window.pwned=1\">",
    "\"><svg onload=window.pwned=1>",
    "' onmouseover='window.pwned=1' x='",
    "&lt;b&gt; &amp;amp; &#x3C;i&#x3E;",
    "\u{202E}evil\u{202C} \u{2066}x\u{2069}",
    "</bdi></li></ul></table><b>",
    "Supercalifragilisticexpialidocious-and-then-some-more-letters-without-a-break",
    "<!-- ]]> ${x} {{x}} `x`",
    "<style>*{display:none}</style>",
];

/// The page's elements as the app wrote them: each element's name and its attributes' names,
/// in order. Values are left out: they are where players' words go.
fn shape(root: &web_sys::HtmlElement) -> Vec<String> {
    let all = root.query_selector_all("*").expect("a valid selector");
    (0..all.length())
        .filter_map(|i| all.item(i)?.dyn_into::<web_sys::Element>().ok())
        .map(|el| {
            let mut names = el.get_attribute_names().iter().filter_map(|n| n.as_string()).collect::<Vec<_>>();
            names.sort();
            format!("{} {}", el.tag_name(), names.join(" "))
        })
        .collect()
}

fn pwned() -> bool {
    let window = web_sys::window().expect("a window");
    js_sys::Reflect::get(&window, &"pwned".into()).is_ok_and(|v| !v.is_undefined())
}

/// `view` with its players named from the corpus (or plainly, `plain`), a bot among them.
fn named(mut view: GameView, plain: bool, from: usize) -> GameView {
    for (i, p) in view.players.iter_mut().enumerate() {
        p.name = if plain { format!("Player {i}") } else { CORPUS[(from + i) % CORPUS.len()].into() };
    }
    view
}

/// A game of four from the corpus, one a bot, in the phase of `base`.
fn four(base: GameView) -> GameView {
    let mut view = base;
    let mut third = view.players[0].clone();
    third.seat = SeatId(2);
    third.bot = Some(Level::Easy);
    let mut fourth = view.players[1].clone();
    fourth.seat = SeatId(3);
    view.players.push(third);
    view.players.push(fourth);
    view
}

/// Paints `state`'s screen twice, with plain names and with the corpus, and checks the shape,
/// the names, and that nothing ran.
async fn holds(make: impl Fn() -> GameState, set: impl Fn(&GameState, bool, usize)) {
    for from in [0, 4] {
        let plain = make();
        set(&plain, true, from);
        let plain_root = mount_state(plain);
        let hostile = make();
        set(&hostile, false, from);
        let root = mount_state(hostile);
        wait(30).await;
        assert_eq!(shape(&root), shape(&plain_root), "a player's words made an element or attribute");
        let sent: Vec<String> = hostile
            .view
            .with_untracked(|v| v.as_ref().expect("a view").players.iter().map(|p| p.name.clone()).collect());
        for name in texts(&root, "bdi") {
            assert!(sent.contains(&name), "{name:?} is not a name as sent: {sent:?}");
        }
        let list = texts(&root, "[data-testid=players] bdi.name");
        if !list.is_empty() {
            assert_eq!(list, sent, "the player list reads every name as sent");
        }
        assert!(!pwned(), "a script ran");
        // Each screen is mounted afresh: the old ones go, so the next shape is its own.
        plain_root.remove();
        root.remove();
    }
}

fn live(view: GameView) -> GameState {
    let state = GameState::new();
    state.link.set(Link::Live);
    state.view.set(Some(view));
    state
}

fn rename(state: &GameState, plain: bool, from: usize) {
    state.view.update(|v| {
        if let Some(view) = v.take() {
            *v = Some(named(view, plain, from));
        }
    });
    state.rejection.set(Some(if plain { "Refused.".into() } else { CORPUS[from].into() }));
}

#[wasm_bindgen_test]
async fn the_waiting_room_keeps_every_name_text() {
    // As the host, who sees the bot's remove button with its name in a label.
    holds(
        || {
            let mut view = four(waiting_room());
            if let Some(you) = view.you.as_mut() {
                you.seat = SeatId(0);
            }
            live(view)
        },
        rename,
    )
    .await;
    // As a visitor, with the join form.
    holds(
        || {
            let mut view = four(waiting_room());
            view.you = None;
            live(view)
        },
        rename,
    )
    .await;
}

#[wasm_bindgen_test]
async fn the_countdown_and_the_round_keep_every_name_text() {
    holds(
        || {
            let mut view = four(waiting_room());
            view.phase = Phase::Intermission { round: 1, starts_at: js_sys::Date::now() as u64 + 60_000 };
            live(view)
        },
        rename,
    )
    .await;
    holds(
        || {
            let mut view = four(waiting_room());
            in_round(&mut view, 1_000)
        },
        rename,
    )
    .await;
}

#[wasm_bindgen_test]
async fn results_and_game_over_keep_every_name_text() {
    holds(
        || {
            let mut view = after_two_rounds();
            view.phase = Phase::Results { round: 2, next_at: js_sys::Date::now() as u64 + 60_000 };
            live(view)
        },
        rename,
    )
    .await;
    holds(
        || {
            let mut view = after_two_rounds();
            view.winners = vec![SeatId(0), SeatId(1)];
            view.you = None;
            live(view)
        },
        rename,
    )
    .await;
}

#[wasm_bindgen_test]
async fn trouble_keeps_every_message_text() {
    holds(
        || {
            let state = live(waiting_room());
            state.link.set(Link::Gone(shared::link::Gone::NotFound));
            state
        },
        rename,
    )
    .await;
    // The banner's refusal, as the server wrote it.
    let state = live(named(waiting_room(), false, 0));
    state.rejection.set(Some(CORPUS[1].into()));
    let root = mount_state(state);
    wait(30).await;
    assert_eq!(texts(&root, "[data-testid=rejection]"), [CORPUS[1]]);
    assert!(
        root.query_selector("img").expect("a valid selector").is_some_and(|img| img.class_name() == "qr")
    );
    assert!(!pwned());
}
