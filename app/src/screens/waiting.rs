//! The waiting room: the invite, the players, the countdown or the host's Start, the rules.

use leptos::prelude::*;
use shared::protocol::ClientMsg;
use shared::rules::{MIN_PLAYERS, Visibility};
use shared::view::Phase;

use super::{PlayerList, use_server_clock};
use crate::device;
use crate::net::invite_link;
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
    let link = move || invite_link(&code());
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
            <div class="invite">
                <label for="invite">"Invite link"</label>
                <input id="invite" data-testid="invite" readonly prop:value=link/>
            </div>
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
                {move || seat.error.get().map(|(_, reason)| view! { <p class="error" role="alert">{reason}</p> })}
            </Show>
            <Show when=move || is_host() && private()>
                <button data-testid="start" disabled=move || !enough()
                    on:click=move |_| sender.send(ClientMsg::Start)>"Start"</button>
            </Show>
        </section>
    }
}
