//! Round results, the chart and game over.

use super::support::{after_two_rounds, mount, mount_state, one, painted, texts, wait};
use app::net::socket::{GameState, Link};
use app::screens::{chart_markup, results_markup};
use leptos::prelude::*;
use shared::ids::SeatId;
use shared::view::{Phase, Standing, You};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn results_table_shows_every_figure_of_the_round() {
    let view = after_two_rounds();
    let summary = view.history[0].clone();
    let root = painted(&results_markup(&view, &summary));
    assert_eq!(texts(&root, "[data-testid=results-round]"), ["Round 1"]);
    assert_eq!(texts(&root, "caption .sub"), [" · each startup burned $5,000"]);
    assert_eq!(texts(&root, "[data-testid=row-name]"), ["Ada", "<b>Bob</b>"]);
    assert_eq!(texts(&root, "[data-testid=row-clicks]"), ["120", "10"]);
    assert_eq!(texts(&root, "[data-testid=row-ms]"), ["in 8.0 s", "in 10.0 s"]);
    assert_eq!(texts(&root, "[data-testid=row-profit]"), ["$7,500", "$500"]);
    assert_eq!(texts(&root, "[data-testid=capital]"), ["$32,500", "$25,500"]);
}

#[wasm_bindgen_test]
fn results_say_when_the_next_round_starts_and_who_went_broke() {
    let mut view = after_two_rounds();
    view.history.truncate(1);
    // The next countdown begins in 1.5 s; the round itself after the 3 s countdown.
    view.phase = Phase::Results { round: 1, next_at: (js_sys::Date::now() + 1_500.0) as u64 };
    view.rules.intermission_ms = 3_000;
    let root = mount(view.clone());
    assert_eq!(texts(&root, "[data-testid=next-round]"), ["Round 2 of 10 starts in 5 s"]);
    assert!(one(&root, ".out-note").has_attribute("hidden"), "nobody here went broke");
    // Bob, this screen's player, went broke in this round: his screen says so.
    view.players[1].standing = Standing::Eliminated { round: 1 };
    let root = mount(view);
    let note = one(&root, ".out-note");
    assert!(!note.has_attribute("hidden"));
    assert_eq!(
        note.text_content().unwrap_or_default(),
        "Your startup went broke. You can watch the rest of the game."
    );
}

#[wasm_bindgen_test]
fn chart_draws_a_line_per_player_from_the_starting_capital() {
    let view = after_two_rounds();
    let root = painted(&chart_markup(&view));
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
    // Axes: the rounds along, money up the side with the $0 line among the ticks.
    let ticks = texts(&root, "text.tick");
    for tick in ["start", "1", "2", "$0", "$30,000"] {
        assert!(ticks.iter().any(|t| t == tick), "{tick} in {ticks:?}");
    }
    assert_eq!(root.query_selector_all("line.zero").expect("a valid selector").length(), 1);
}

#[wasm_bindgen_test]
fn the_money_axis_steps_in_round_amounts() {
    // Capital from -$2,300 to $41,000: steps of $20,000 from -$20,000, the $0 line among them.
    let mut view = after_two_rounds();
    view.history[1].rows[0].capital = 41_000;
    view.history[1].rows[1].capital = -2_300;
    let root = painted(&chart_markup(&view));
    let ticks: Vec<String> =
        texts(&root, "text.tick").into_iter().filter(|t| t.starts_with('$') || t.starts_with('-')).collect();
    assert_eq!(ticks, ["-$20,000", "$0", "$20,000", "$40,000", "$60,000"]);
}

#[wasm_bindgen_test]
async fn game_over_ranks_everyone_and_marks_the_winner() {
    let mut view = after_two_rounds();
    view.players[1].standing = Standing::Eliminated { round: 2 };
    view.players[0].shipped = true;
    view.you = Some(You { seat: SeatId(0), clicks: 0, tabs: Vec::new(), shipped_ms: None });
    let state = GameState::new();
    state.link.set(Link::Live);
    state.view.set(Some(view));
    let root = mount_state(state);
    // The phase comes first, the winners a message later: the screen follows.
    state.view.update(|v| {
        if let Some(v) = v {
            v.winners = vec![SeatId(0)];
        }
    });
    wait(50).await;
    assert_eq!(texts(&root, "[data-testid=winner]"), ["\u{2068}Ada\u{2069} wins!"]);
    assert_eq!(texts(&root, "[data-testid=standings] caption"), ["Final standings"]);
    assert_eq!(texts(&root, "[data-testid=standing] .rank"), ["1", "2"]);
    assert_eq!(texts(&root, "[data-testid=fate]"), ["winner", "broke in round 2"]);
    assert_eq!(texts(&root, "[data-testid=you-won]").len(), 1);
    assert_eq!(root.query_selector_all("circle.winner-mark").expect("a valid selector").length(), 1);
    assert!(texts(&root, ".badge.shipped").is_empty(), "no leftover shipped marks after the last round");
    let captions = texts(&root, "caption");
    assert_eq!(captions[0], "Final standings", "the standings first, then the last round: {captions:?}");
    assert!(texts(&root, "[data-testid=your-place]").is_empty(), "the winner reads the winner's line");
}

#[wasm_bindgen_test]
fn game_over_tells_every_other_player_their_place() {
    let mut view = after_two_rounds();
    view.winners = vec![SeatId(0)];
    // This screen's player, Bob, went broke in round 2.
    view.players[1].standing = Standing::Eliminated { round: 2 };
    let root = mount(view.clone());
    assert_eq!(
        texts(&root, "[data-testid=your-place]"),
        ["Your startup went broke in round 2 and finished #2 of 2."]
    );
    assert!(texts(&root, "[data-testid=you-won]").is_empty());
    // Still in at the end, but not the richest.
    view.players[1].standing = Standing::Active;
    let root = mount(view.clone());
    assert_eq!(texts(&root, "[data-testid=your-place]"), ["Your startup finished #2 of 2."]);
    // Someone watching has no place to read.
    view.you = None;
    let root = mount(view);
    assert!(texts(&root, "[data-testid=your-place]").is_empty());
}
