//! Screens mounted with fixed views in headless Chromium.
#![cfg(target_arch = "wasm32")]

use app::net::socket::GameState;
use app::screens::{CapitalChart, Countdown, PlayerList, ResultsTable};
use leptos::prelude::*;
use shared::ids::SeatId;
use shared::rules::{Rules, Visibility};
use shared::view::{GameView, Phase, PlayerView, Presence, RoundRow, RoundSummary, Standing, You};
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
        you: Some(You { seat: SeatId(1), clicks: 0, seq: 0, saved: 0 }),
    }
}

fn mount(view: GameView) -> web_sys::HtmlElement {
    mount_with(view, || view! { <PlayerList/> }.into_any())
}

fn mount_with(view: GameView, render: impl Fn() -> AnyView + 'static) -> web_sys::HtmlElement {
    let document = document();
    let parent: web_sys::HtmlElement = document.create_element("div").expect("a div").unchecked_into();
    document.body().expect("a body").append_child(&parent).expect("mounted");
    let state = GameState::new();
    state.view.set(Some(view));
    let handle = leptos::mount::mount_to(parent.clone(), move || {
        provide_context(state);
        render()
    });
    handle.forget();
    parent
}

fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let nodes = root.query_selector_all(selector).expect("a valid selector");
    (0..nodes.length())
        .map(|i| nodes.item(i).expect("within the length").text_content().unwrap_or_default())
        .collect()
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
    assert!(root.query_selector("b").expect("a valid selector").is_none());
}

fn row(seat: u8, clicks: u32, ms: u32, capital_before: i64) -> RoundRow {
    let profit = shared::rules::profit(clicks, ms);
    let capital = capital_before + profit - 5_000;
    RoundRow { seat: SeatId(seat), clicks, ms, profit, burn: 5_000, capital, eliminated: capital < 1 }
}

fn after_two_rounds() -> GameView {
    let mut view = waiting_room();
    let first = RoundSummary { round: 1, rows: vec![row(0, 120, 8_000, 30_000), row(1, 10, 10_000, 30_000)] };
    let second =
        RoundSummary { round: 2, rows: vec![row(0, 100, 10_000, 32_500), row(1, 0, 10_000, 25_500)] };
    view.history = vec![first, second];
    view.phase = Phase::Over { ended_at: 1 };
    view
}

#[wasm_bindgen_test]
fn results_table_shows_every_figure_of_the_round() {
    let view = after_two_rounds();
    let summary = view.history[0].clone();
    let root = mount_with(view, move || view! { <ResultsTable summary=summary.clone()/> }.into_any());
    assert_eq!(texts(&root, "caption"), ["Round 1"]);
    let cells = texts(&root, "[data-testid=result-row] th, [data-testid=result-row] td");
    assert_eq!(
        cells,
        [
            "Ada",
            "120",
            "8000",
            "$7,500",
            "-$5,000",
            "$32,500",
            "<b>Bob</b>",
            "10",
            "10000",
            "$500",
            "-$5,000",
            "$25,500"
        ]
    );
}

#[wasm_bindgen_test]
fn chart_draws_a_line_per_player_from_the_starting_capital() {
    let view = after_two_rounds();
    let chart_view = view.clone();
    let root = mount_with(view, move || view! { <CapitalChart view=chart_view.clone()/> }.into_any());
    let lines = root.query_selector_all("polyline").expect("a valid selector");
    assert_eq!(lines.length(), 2);
    for i in 0..lines.length() {
        let points = lines
            .item(i)
            .expect("within the length")
            .unchecked_into::<web_sys::Element>()
            .get_attribute("points")
            .expect("a polyline has points");
        assert_eq!(points.split(' ').count(), 3, "start plus two rounds: {points}");
    }
    assert_eq!(texts(&root, ".legend span"), ["Ada: $32,500", "<b>Bob</b>: $20,500"]);
}

#[wasm_bindgen_test]
fn countdown_names_the_round_and_the_seconds_left() {
    let mut view = waiting_room();
    // Three seconds from now on the server's clock; the page's offset to it is zero here.
    let starts_at = (js_sys::Date::now() + 2_500.0) as u64;
    view.phase = Phase::Intermission { round: 2, starts_at };
    let root = mount_with(view, || view! { <Countdown/> }.into_any());
    assert_eq!(texts(&root, "h1"), ["Round 2 starts in 3"]);
    assert_eq!(texts(&root, "[data-testid=countdown]"), ["3"]);
    assert_eq!(texts(&root, "[data-testid=player] .name"), ["Ada", "<b>Bob</b>"], "with the standings");
}

#[wasm_bindgen_test]
fn names_are_isolated_from_the_text_around_them() {
    // A right-to-left name must not pull the badges and presence beside it into its direction.
    let mut view = waiting_room();
    view.players[0].name = "שלום 12".into();
    let root = mount(view.clone());
    let names = root.query_selector_all("[data-testid=player] bdi.name").expect("a valid selector");
    assert_eq!(names.length(), 2, "every name in the list is its own <bdi>");
    let summary = after_two_rounds().history[0].clone();
    let table = mount_with(view, move || view! { <ResultsTable summary=summary.clone()/> }.into_any());
    assert_eq!(texts(&table, "[data-testid=result-row] th bdi").len(), 2, "and in the results");
}
