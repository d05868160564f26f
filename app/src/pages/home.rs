//! Home: the player's name, quick play, creating a private game, joining by code, and how to play.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use shared::api::CreateGame;
use shared::ids::{is_valid_code, normalize_code};
use shared::rules::{PRIVATE_CAP_DEFAULT, PRIVATE_CAP_MAX, PRIVATE_CAP_MIN};

use crate::device;
use crate::net::http;

#[component]
pub fn Home() -> impl IntoView {
    let name = RwSignal::new(device::name());
    let cap = RwSignal::new(PRIVATE_CAP_DEFAULT);
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let navigate = use_navigate();

    let create = {
        let navigate = navigate.clone();
        move || {
            let request = CreateGame { name: name.get_untracked(), cap: cap.get_untracked(), rules: None };
            device::remember_name(&request.name);
            busy.set(true);
            let navigate = navigate.clone();
            spawn_local(async move {
                match http::create_game(&request).await {
                    Ok(grant) => {
                        device::remember_seat(&grant);
                        navigate(&format!("/g/{}", grant.code), Default::default());
                    }
                    Err(err) => error.set(Some(err.reason)),
                }
                busy.set(false);
            });
        }
    };
    let quick = {
        let navigate = navigate.clone();
        move |_| {
            let player = name.get_untracked();
            device::remember_name(&player);
            busy.set(true);
            let navigate = navigate.clone();
            spawn_local(async move {
                match http::quick_play(&player).await {
                    Ok(grant) => {
                        device::remember_seat(&grant);
                        navigate(&format!("/g/{}", grant.code), Default::default());
                    }
                    Err(err) => error.set(Some(err.reason)),
                }
                busy.set(false);
            });
        }
    };
    let join = move || {
        let typed = normalize_code(&code.get_untracked());
        if is_valid_code(&typed) {
            device::remember_name(&name.get_untracked());
            navigate(&format!("/g/{typed}"), Default::default());
        } else {
            error.set(Some("That code does not look right: it has 12 letters and digits.".into()));
        }
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
            <form class="create" on:submit={
                let create = create.clone();
                move |e: leptos::ev::SubmitEvent| { e.prevent_default(); create(); }
            }>
                <label for="cap">"Players"</label>
                <select id="cap" data-testid="cap" on:change=move |e| {
                    if let Ok(n) = event_target_value(&e).parse() { cap.set(n) }
                }>
                    {(PRIVATE_CAP_MIN..=PRIVATE_CAP_MAX).map(|n| view! {
                        <option value=n selected=move || cap.get() == n>{n}</option>
                    }).collect_view()}
                </select>
                <button type="submit" data-testid="create" disabled=move || busy.get()>"Create game"</button>
            </form>
            <form class="join" on:submit=move |e: leptos::ev::SubmitEvent| { e.prevent_default(); join(); }>
                <label for="code">"Join by code"</label>
                <input id="code" data-testid="code" autocomplete="off" placeholder="abcd-efgh-jkmn"
                    on:input=move |e| code.set(event_target_value(&e))/>
                <button type="submit">"Join"</button>
            </form>
            <Show when=move || error.get().is_some()>
                <p class="error" role="alert" data-testid="error">{move || error.get()}</p>
            </Show>
        </section>
    }
}
