//! The waiting room: the invite, the players, the countdown or the host's Start, the rules.

use leptos::prelude::*;
use shared::api::ApiErrorCode;
use shared::protocol::ClientMsg;
use shared::rules::{MIN_PLAYERS, Visibility};
use shared::view::Phase;

use super::{Invite, PlayerList, use_server_clock};
use crate::device;
use crate::net::socket::GameState;
use crate::pages::game::{Seat, Sender};

#[component]
pub fn WaitingRoom() -> impl IntoView {
    let state = expect_context::<GameState>();
    let sender = expect_context::<Sender>();
    let seat = expect_context::<Seat>();
    let clock = use_server_clock();
    let view_of = move || state.view.get();
    let code = move || view_of().map(|v| v.code).unwrap_or_default();
    let seated = move || view_of().is_some_and(|v| v.you.is_some());
    let is_host = move || view_of().is_some_and(|v| v.you.is_some() && v.you.map(|y| y.seat) == v.host);
    let private = move || view_of().is_some_and(|v| v.visibility == Visibility::Private);
    let enough = move || view_of().is_some_and(|v| v.players.len() >= MIN_PLAYERS);
    let countdown = move || match view_of().map(|v| v.phase) {
        Some(Phase::Waiting { starts_at: Some(at) }) => {
            Some(((at as f64 - clock.get()) / 1000.0).ceil().max(0.0) as u64)
        }
        _ => None,
    };
    let name = RwSignal::new(device::name());

    view! {
        <section class="card waiting">
            <h1>"Waiting room"</h1>
            {move || view! { <Invite code=code()/> }}
            <PlayerList/>
            {move || countdown().map(|s| view! { <p class="countdown" data-testid="countdown">{format!("Starting in {s} s")}</p> })}
            <Show when=move || !seated()>
                <form class="join" on:submit=move |e: leptos::ev::SubmitEvent| {
                    e.prevent_default();
                    seat.join(code(), name.get_untracked());
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
                        "Rules: ${} to start, ${} burn a round, {} rounds of {} s, {} players at most.",
                        r.starting_capital, r.burn, r.max_rounds, r.round_ms / 1000, v.cap
                    )}</p>
                }
            })}
            <Show when=move || is_host() && private()>
                <button data-testid="start" disabled=move || !enough()
                    on:click=move |_| sender.send(ClientMsg::Start)>"Start"</button>
            </Show>
        </section>
    }
}
