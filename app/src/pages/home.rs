//! Home: the player's name, quick play, creating a private game, joining by code, and how to play.

use std::pin::Pin;

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{ApiError, CreateGame, SeatGrant};
use shared::ids::{is_valid_code, normalize_code};
use shared::rules::{PRIVATE_CAP_DEFAULT, PRIVATE_CAP_MAX, PRIVATE_CAP_MIN, Rules};

use crate::device;
use crate::net::http;
use crate::place::Here;

#[component]
pub fn Home() -> impl IntoView {
    let name = RwSignal::new(device::name());
    let cap = RwSignal::new(PRIVATE_CAP_DEFAULT);
    let rules = RwSignal::new(Rules::default());
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let here = expect_context::<Here>();

    // Practice takes the rules above too, against three bots, and starts at once.
    let create = move |practice: bool| {
        let request = CreateGame {
            name: name.get_untracked(),
            cap: cap.get_untracked(),
            rules: Some(rules.get_untracked()),
            practice,
        };
        device::remember_name(&request.name);
        ask_for_seat(Box::pin(async move { http::create_game(&request).await }), busy, error, here);
    };
    let quick = move |_| {
        let player = name.get_untracked();
        device::remember_name(&player);
        ask_for_seat(Box::pin(async move { http::quick_play(&player).await }), busy, error, here);
    };
    // One step: the seat is taken here, under the name above, and the game opens seated.
    let join = move || {
        let typed = normalize_code(&code.get_untracked());
        if !is_valid_code(&typed) {
            error.set(Some("That code does not look right: it has 12 letters and digits.".into()));
            return;
        }
        // This device already sits in that game: back to the seat, not a second one.
        if device::seat(&typed).is_some() {
            return here.go(&format!("/g/{typed}"));
        }
        let player = name.get_untracked();
        device::remember_name(&player);
        ask_for_seat(Box::pin(async move { http::join_game(&typed, &player).await }), busy, error, here);
    };
    view! {
        <section class="card home">
            <h1>"Startup CliX"</h1>
            <ol class="howto">
                <li>"Each round, build a product by clicking as fast as you can."</li>
                <li>"Ship it: profit is $500 × your clicks per second; every round burns $5,000."</li>
                <li>"Go broke and you are out. The last startup standing wins."</li>
            </ol>
            <label for="name">"Your name"</label>
            <input id="name" data-testid="name" maxlength="24" autocomplete="nickname"
                prop:value=move || name.get()
                on:input=move |e| name.set(event_target_value(&e))/>
            <button class="quick" data-testid="quick-play" disabled=move || busy.get() on:click=quick>"Quick play"</button>
            <form class="create" on:submit=move |e: leptos::ev::SubmitEvent| { e.prevent_default(); create(false); }>
                <label for="cap">"Players"</label>
                <select id="cap" data-testid="cap" on:change=move |e| {
                    if let Ok(n) = event_target_value(&e).parse() { cap.set(n) }
                }>
                    {(PRIVATE_CAP_MIN..=PRIVATE_CAP_MAX).map(|n| view! {
                        <option value=n selected=move || cap.get() == n>{n}</option>
                    }).collect_view()}
                </select>
                <RulesForm rules/>
                <div class="actions">
                    <button type="submit" data-testid="create" disabled=move || busy.get()>"Create game"</button>
                    <button type="button" class="secondary" data-testid="practice" disabled=move || busy.get()
                        on:click=move |_| create(true)>"Practice vs 3 bots"</button>
                </div>
            </form>
            <form class="join" on:submit=move |e: leptos::ev::SubmitEvent| { e.prevent_default(); join(); }>
                <label for="code">"Join by code"</label>
                <input id="code" data-testid="code" autocomplete="off" placeholder="abcd-efgh-jkmn"
                    on:input=move |e| code.set(event_target_value(&e))/>
                <button type="submit" data-testid="join-code" disabled=move || busy.get()>"Join"</button>
            </form>
            <Show when=move || error.get().is_some()>
                <p class="error" role="alert" data-testid="error">{move || error.get()}</p>
            </Show>
        </section>
    }
}

/// Runs a request for a seat: on success the seat is kept and its game opened, otherwise the
/// reason is shown. `busy` holds the buttons off meanwhile.
fn ask_for_seat(
    request: Pin<Box<dyn Future<Output = Result<SeatGrant, ApiError>>>>,
    busy: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    here: Here,
) {
    busy.set(true);
    spawn_local(async move {
        match request.await {
            Ok(grant) => super::sit(&grant, here),
            Err(err) => error.set(Some(err.reason)),
        }
        busy.set(false);
    });
}

/// One number of the rules, in the unit people think in. `get` and `set` are plain functions so
/// that the five fields share one compiled component.
#[component]
fn RuleField(
    id: &'static str,
    label: &'static str,
    min: i64,
    max: i64,
    step: i64,
    rules: RwSignal<Rules>,
    get: fn(&Rules) -> i64,
    set: fn(&mut Rules, i64),
) -> impl IntoView {
    view! {
        <label for=id>{label}</label>
        <input id=id data-testid=id type="number" inputmode="numeric" min=min max=max step=step
            prop:value=move || rules.with(get).to_string()
            on:change=move |e| {
                if let Ok(v) = event_target_value(&e).parse::<i64>() {
                    rules.update(|r| set(r, v.clamp(min, max)))
                }
            }/>
    }
}

/// The rules of a private game, folded away: the defaults suit most games.
#[component]
fn RulesForm(rules: RwSignal<Rules>) -> impl IntoView {
    view! {
        <details class="rules-form">
            <summary>"Rules"</summary>
            <RuleField id="rule-capital" label="Starting capital ($)" min=5_000 max=100_000 step=1_000 rules
                get=|r| r.starting_capital set=|r, v| r.starting_capital = v/>
            <RuleField id="rule-burn" label="Burn per round ($)" min=0 max=50_000 step=500 rules
                get=|r| r.burn set=|r, v| r.burn = v/>
            <RuleField id="rule-countdown" label="Countdown (s)" min=1 max=10 step=1 rules
                get=|r| i64::from(r.intermission_ms / 1000) set=|r, v| r.intermission_ms = v as u32 * 1000/>
            <RuleField id="rule-round" label="Round length (s)" min=3 max=30 step=1 rules
                get=|r| i64::from(r.round_ms / 1000) set=|r, v| r.round_ms = v as u32 * 1000/>
            <RuleField id="rule-rounds" label="Rounds" min=1 max=50 step=1 rules
                get=|r| i64::from(r.max_rounds) set=|r, v| r.max_rounds = v as u8/>
        </details>
    }
}
