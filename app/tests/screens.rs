//! Screens mounted with fixed views in headless Chromium.
#![cfg(target_arch = "wasm32")]

use app::net::socket::{GameState, Link};
use app::pages::game::{Seat, Sender};
use app::screens::{chart_markup, results_markup};
use leptos::prelude::*;
use shared::ids::SeatId;
use shared::journal::Journal;
use shared::link::Gone;
use shared::rules::{Rules, Visibility};
use shared::view::{GameView, Phase, PlayerView, Presence, RoundRow, RoundSummary, Standing, You};
use wasm_bindgen::{JsCast, JsValue};
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
        bot: None,
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
        you: Some(You { seat: SeatId(1), clicks: 0, seq: 0, saved: 0, shipped_ms: None }),
    }
}

/// The game's screen over a live link to a game that shows `view`.
fn mount(view: GameView) -> web_sys::HtmlElement {
    let state = GameState::new();
    state.link.set(Link::Live);
    state.view.set(Some(view));
    mount_state(state)
}

/// Shows the game's screen over `state`, with the contexts it expects and no socket.
fn mount_state(state: GameState) -> web_sys::HtmlElement {
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
fn painted(markup: &str) -> web_sys::HtmlElement {
    let parent = element();
    parent.set_inner_html(markup);
    parent
}

fn element() -> web_sys::HtmlElement {
    let document = document();
    let parent: web_sys::HtmlElement = document.create_element("div").expect("a div").unchecked_into();
    document.body().expect("a body").append_child(&parent).expect("mounted");
    parent
}

/// Lets timers and effects run for `ms`.
async fn wait(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("a window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn one(root: &web_sys::HtmlElement, selector: &str) -> web_sys::HtmlElement {
    root.query_selector(selector).expect("a valid selector").expect(selector).unchecked_into()
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
    room.you = Some(You { seat: SeatId(0), clicks: 0, seq: 0, saved: 0, shipped_ms: None });
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
fn names_are_isolated_from_the_text_around_them() {
    // A right-to-left name must not pull the badges and presence beside it into its direction.
    let mut view = waiting_room();
    view.players[0].name = "שלום 12".into();
    let root = mount(view.clone());
    let names = root.query_selector_all("[data-testid=player] bdi.name").expect("a valid selector");
    assert_eq!(names.length(), 2, "every name in the list is its own <bdi>");
    let summary = after_two_rounds().history[0].clone();
    let table = painted(&results_markup(&view, &summary));
    assert_eq!(texts(&table, "[data-testid=result-row] th bdi").len(), 2, "and in the results");
}

#[wasm_bindgen_test]
fn a_right_to_left_override_in_a_name_reorders_nothing_around_it() {
    // U+202E reverses what follows it up to the end of its isolate: inside <bdi> that is the
    // name alone. The server strips such controls too; the screens must hold if one slips by.
    let mut view = after_two_rounds();
    view.players[0].name = "\u{202E}Ada".into();
    view.winners = vec![SeatId(0)];
    let root = mount(view);
    let names = root.query_selector_all("bdi").expect("a valid selector");
    let hostile = (0..names.length())
        .filter_map(|i| names.item(i))
        .filter(|n| n.text_content().unwrap_or_default() == "\u{202E}Ada")
        .count();
    // The standings, the chart's legend, the last round, and the room under them.
    assert_eq!(hostile, 4, "every place the name appears isolates it");
    for text in texts(&root, "li, tr, h1, .legend span") {
        if let Some(at) = text.find('\u{202E}') {
            assert!(text[..at].ends_with('\u{2068}') || text.contains("Ada"), "{text}");
        }
    }
    let winner = texts(&root, "[data-testid=winner]");
    assert_eq!(winner, ["\u{2068}\u{202E}Ada\u{2069} wins!"], "a heading isolates it with FSI … PDI");
}

fn in_round(view: &mut GameView, elapsed: u32) -> GameState {
    let now = js_sys::Date::now() as u64;
    view.phase = Phase::Round { round: 1, started_at: now - u64::from(elapsed), ends_at: now + 60_000 };
    view.you = Some(You { seat: SeatId(0), clicks: 0, seq: 0, saved: 0, shipped_ms: None });
    let state = GameState::new();
    state.link.set(Link::Live);
    state.view.set(Some(view.clone()));
    state.round_started.set(Some(app::net::socket::performance_now() - f64::from(elapsed)));
    state.journal.set(Journal::new(1));
    state
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
    let expected = app::money::money(shared::rules::profit(20, 2_000));
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
    let paid = app::money::money(shared::rules::profit(20, 2_030));
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

#[wasm_bindgen_test]
async fn game_over_ranks_everyone_and_marks_the_winner() {
    let mut view = after_two_rounds();
    view.players[1].standing = Standing::Eliminated { round: 2 };
    view.players[0].shipped = true;
    view.you = Some(You { seat: SeatId(0), clicks: 0, seq: 0, saved: 0, shipped_ms: None });
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

#[wasm_bindgen_test]
fn markup_in_a_name_stays_text() {
    use app::screens::markup::{escape, name};
    assert_eq!(escape(r#"<b a="1">&'"#), "&lt;b a=&quot;1&quot;&gt;&amp;&#39;");
    assert_eq!(escape("שלום \u{202E}x"), "שלום \u{202E}x");
    assert_eq!(name("<i>", r#"class="name""#), r#"<bdi class="name">&lt;i&gt;</bdi>"#);
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
fn money_reads_as_the_browser_would_write_it() {
    use js_sys::{Array, Intl, Object, Reflect};
    let options = Object::new();
    for (key, value) in [
        ("style", JsValue::from("currency")),
        ("currency", "USD".into()),
        ("maximumFractionDigits", 0.into()),
    ] {
        Reflect::set(&options, &key.into(), &value).expect("a plain object takes any key");
    }
    let intl = Intl::NumberFormat::new(&Array::of1(&"en-US".into()), &options).format();
    for dollars in [
        0,
        1,
        -1,
        999,
        1_000,
        -4_900,
        30_000,
        99_999,
        100_000,
        1_234_567,
        -12_345_678_901,
        9_007_199_254_740_991,
    ] {
        let browser =
            intl.call1(&JsValue::NULL, &JsValue::from_f64(dollars as f64)).expect("Intl formats a number");
        let browser = browser.as_string().expect("as a string");
        assert_eq!(app::money::money(dollars), browser, "{dollars}");
    }
}
