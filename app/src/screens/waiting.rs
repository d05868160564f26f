//! The waiting room: the invite, the players, the countdown or the host's Start, the rules.

use leptos::prelude::*;
use shared::api::ApiErrorCode;
use shared::bot::Level;
use shared::protocol::ClientMsg;
use shared::rules::{MIN_PLAYERS, Visibility};
use shared::view::Phase;

use super::{Invite, PlayerList, use_server_clock};
use crate::device;
use crate::money::money;
use crate::net::socket::GameState;
use crate::pages::game::{Seat, Sender};

/// The host's form to seat a bot of a chosen level, steady unless another is picked.
fn add_bot_markup(full: bool) -> String {
    let options: String = Level::ALL
        .iter()
        .map(|&l| {
            let selected = if l == Level::Steady { " selected" } else { "" };
            format!(r#"<option value="{0}"{selected}>{0}</option>"#, l.label())
        })
        .collect();
    format!(
        r#"<form class="add-bot"><label for="bot-level">Add a bot</label><select id="bot-level" data-testid="bot-level">{options}</select><button type="submit" class="secondary" data-testid="add-bot"{}>Add bot</button></form>"#,
        if full { " disabled" } else { "" }
    )
}

/// The level picked in the add-bot form that `e` submitted.
fn picked_level(e: &leptos::ev::SubmitEvent) -> Option<Level> {
    use wasm_bindgen::JsCast;
    let form = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    let select = form.query_selector("select").ok()??;
    let value = js_sys::Reflect::get(&select, &"value".into()).ok()?.as_string()?;
    Level::ALL.into_iter().find(|l| l.label() == value)
}

#[component]
pub fn WaitingRoom() -> impl IntoView {
    let state = expect_context::<GameState>();
    let sender = expect_context::<Sender>();
    let seat = expect_context::<Seat>();
    let clock = use_server_clock();
    let view_of = move || state.view.get();
    // A memo: the invite (QR code, "Copied") is built once, not at every presence change.
    let code =
        Memo::new(move |_| state.view.with(|v| v.as_ref().map(|v| v.code.clone()).unwrap_or_default()));
    let seated = move || view_of().is_some_and(|v| v.you.is_some());
    let is_host = move || view_of().is_some_and(|v| v.you.is_some() && v.you.map(|y| y.seat) == v.host);
    let private = move || view_of().is_some_and(|v| v.visibility == Visibility::Private);
    let enough = move || view_of().is_some_and(|v| v.players.len() >= MIN_PLAYERS);
    // A memo, so that the add-bot form is drawn again only when the room fills or empties.
    let full = Memo::new(move |_| view_of().is_some_and(|v| v.players.len() >= usize::from(v.cap)));
    let countdown = move || match view_of().map(|v| v.phase) {
        Some(Phase::Waiting { starts_at: Some(at) }) => {
            Some(((at as f64 - clock.get()) / 1000.0).ceil().max(0.0) as u64)
        }
        _ => None,
    };
    let name = RwSignal::new(device::name());
    // What the game waits for, said to everyone seated: who starts it, or how it starts. A name
    // stays isolated from the sentence around it.
    let waiting_for = move || {
        let v = view_of()?;
        v.you?;
        if countdown().is_some() {
            return None;
        }
        let host = v.host.and_then(|h| v.player(h)).map(|p| p.name.clone());
        Some(match (private(), is_host(), enough(), host) {
            (true, true, false, _) => view! { "Waiting for a second player to join." }.into_any(),
            (true, true, true, _) => view! { "Everyone here? Press Start." }.into_any(),
            (true, false, _, Some(host)) => {
                view! { "Waiting for " <bdi>{host}</bdi> " to start the game." }.into_any()
            }
            (true, false, _, None) => view! { "Waiting for the host to start the game." }.into_any(),
            (false, ..) => view! {
                "The game starts 20 s after a second player arrives. Nobody else here within 15 s? Bots join you."
            }
            .into_any(),
        })
    };

    view! {
        <section class="card waiting">
            <h1>"Waiting room"</h1>
            {move || view! { <Invite code=code.get()/> }}
            <PlayerList/>
            {move || countdown().map(|s| {
                // Bots that came to a lone player's game say so, and that the wait is short.
                let bots = view_of().is_some_and(|v| v.players.iter().any(|p| p.bot.is_some()));
                let lead = if bots && !private() { "Bots joined you. " } else { "" };
                view! { <p class="countdown" data-testid="countdown">{format!("{lead}Starting in {s} s")}</p> }
            })}
            <Show when=move || !seated()>
                <form class="join" on:submit=move |e: leptos::ev::SubmitEvent| {
                    e.prevent_default();
                    seat.join(code.get_untracked(), name.get_untracked());
                }>
                    <label for="join-name">"Your name"</label>
                    <input id="join-name" data-testid="join-name" maxlength="24"
                        prop:value=move || name.get() on:input=move |e| name.set(event_target_value(&e))/>
                    <button type="submit" data-testid="join">"Join game"</button>
                </form>
                {move || seat.error.get().map(|(code, reason)| view! {
                    <p class="error" role="alert" data-testid="join-error">{reason}</p>
                    {(code == ApiErrorCode::Full).then(|| view! {
                        <button data-testid="quick-play-instead" on:click=move |_| seat.quick_play(name.get_untracked())>
                            "Quick play instead"
                        </button>
                    })}
                })}
            </Show>
            {move || view_of().map(|v| {
                let r = v.rules;
                view! {
                    <p class="rules" data-testid="rules">{format!(
                        "Rules: {} to start, {} burn a round, {} round{} of {} s, {} players at most.",
                        money(r.starting_capital), money(r.burn), r.max_rounds,
                        if r.max_rounds == 1 { "" } else { "s" }, r.round_ms / 1000, v.cap
                    )}</p>
                }
            })}
            {move || waiting_for().map(|text| view! { <p class="hint" data-testid="waiting-for">{text}</p> })}
            <Show when=move || is_host() && private()>
                // Markup text (`markup.rs` says why), heard here as its events bubble; drawn again
                // only when the room fills or empties, so a keyboard in the list keeps its place.
                <div on:submit=move |e: leptos::ev::SubmitEvent| {
                    e.prevent_default();
                    if let Some(level) = picked_level(&e) {
                        sender.send(ClientMsg::AddBot { level });
                    }
                } inner_html=move || add_bot_markup(full.get())></div>
                <button data-testid="start" disabled=move || !enough()
                    on:click=move |_| sender.send(ClientMsg::Start)>"Start"</button>
            </Show>
        </section>
    }
}
