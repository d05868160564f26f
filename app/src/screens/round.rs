//! A round: the 3-2-1 countdown, then the product button, the live count and price, Ship, the
//! time bar and the standings.

use std::time::Duration;

use leptos::ev::{KeyboardEvent, PointerEvent};
use leptos::prelude::*;
use shared::rules::{CLICK_BATCH_MS, profit};
use shared::view::{Phase, Standing};

use super::{PlayerList, use_server_clock};
use crate::net::socket::{GameState, Link, performance_now};
use crate::pages::game::Sender;

#[component]
pub fn Countdown() -> impl IntoView {
    let state = expect_context::<GameState>();
    let clock = use_server_clock();
    let phase = move || state.view.with(|v| v.as_ref().map(|v| v.phase));
    let left = move || match phase() {
        Some(Phase::Intermission { starts_at, .. }) => {
            ((starts_at as f64 - clock.get()) / 1000.0).ceil().max(1.0) as u64
        }
        _ => 0,
    };
    let round = move || phase().map(|p| p.round()).unwrap_or_default();
    view! {
        <section class="card countdown-screen">
            <h1 aria-live="assertive">{move || format!("Round {} starts in {}", round(), left())}</h1>
            <p class="big-count" aria-hidden="true" data-testid="countdown">{left}</p>
            <PlayerList/>
        </section>
    }
}

#[component]
pub fn Round() -> impl IntoView {
    let state = expect_context::<GameState>();
    let sender = expect_context::<Sender>();
    let clock = use_server_clock();
    // The journal counts what the server counted plus what it has not answered yet: after a
    // reload or a reconnect too, the screen shows what the round will pay.
    let clicks = move || state.journal.with(|j| j.clicks());
    let shipped = move || state.journal.with(|j| j.shipped());
    // Offline, nothing this page does can reach the game in time to count as it was made: the
    // player is paused until the link is back, and told so.
    let live = move || state.link.get() == Link::Live;

    let round_ms = move || state.view.with(|v| v.as_ref().map(|v| v.rules.round_ms).unwrap_or(10_000));
    let round = move || state.view.with(|v| v.as_ref().map(|v| v.phase.round()).unwrap_or_default());
    let can_play = move || {
        state.view.with(|v| {
            v.as_ref().and_then(|v| v.me()).is_some_and(|me| me.standing == Standing::Active && !me.shipped)
        }) && live()
    };
    let seated = move || state.view.with(|v| v.as_ref().is_some_and(|v| v.you.is_some()));
    let rounds = move || state.view.with(|v| v.as_ref().map(|v| v.rules.max_rounds).unwrap_or_default());
    // Time since the round started on this screen; the clock signal makes it tick.
    let elapsed = move || {
        clock.track();
        state.round_started.get().map(|t| (performance_now() - t).max(0.0) as u32).unwrap_or(0)
    };
    // Once shipped, the price stands where the ship was made: that is what the round pays.
    let price = move || {
        let at = state.journal.with(|j| j.shipped_at()).unwrap_or_else(|| elapsed().min(round_ms()));
        profit(clicks(), at)
    };
    let seconds_left = move || round_ms().saturating_sub(elapsed()).div_ceil(1000);
    let flush = move || sender.flush();
    if let Ok(handle) = set_interval_with_handle(flush, Duration::from_millis(CLICK_BATCH_MS)) {
        on_cleanup(move || handle.clear());
    }
    // The batch still held goes out when this screen's round time is up, inside the server's
    // grace for latency, rather than at the next tick, after the round has closed.
    Effect::new(move |_| {
        let Some(started) = state.round_started.get() else { return };
        let round_ms = state.view.with_untracked(|v| v.as_ref().map_or(10_000, |v| v.rules.round_ms));
        let left = (started + f64::from(round_ms) - performance_now()).max(0.0);
        if let Ok(handle) = set_timeout_with_handle(flush, Duration::from_millis(left as u64)) {
            on_cleanup(move || handle.clear());
        }
    });
    // And when the page goes away, as on a reload mid-round.
    let hide = leptos::leptos_dom::helpers::window_event_listener_untyped("pagehide", move |_| flush());
    on_cleanup(move || hide.remove());
    // Taps on this screen: each restarts the count's pulse, by alternating two equal animations.
    let taps = RwSignal::new(0_u32);
    let pulse = move |odd: bool| {
        let n = taps.get();
        n > 0 && (n % 2 == 1) == odd
    };
    let build = move || {
        if !can_play() || state.journal.with_untracked(|j| j.shipped()) {
            return;
        }
        let at = state.round_started.get_untracked().map(|t| (performance_now() - t).max(0.0) as u32);
        let Some(at) = at.filter(|at| *at <= round_ms()) else { return };
        sender.tap(at);
        taps.update(|n| *n += 1);
        crate::screens::feel::click();
    };
    let ship = move || {
        if !can_play() || state.journal.with_untracked(|j| j.shipped()) {
            return;
        }
        let at = state.round_started.get_untracked().map(|t| (performance_now() - t).max(0.0) as u32);
        sender.ship(at.unwrap_or(0));
        crate::screens::feel::ship();
    };

    // The product button has focus whenever it can be used, so Space and Enter build at once,
    // round after round, without a Tab.
    let product = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let (Some(button), true) = (product.get(), can_play() && !shipped()) {
            let _ = button.focus();
        }
    });

    view! {
        <section class="card round">
            <h1 class="sr-only" aria-live="assertive">{move || format!("Round {} — build!", round())}</h1>
            // Seen, not announced: a screen reader hears the round once, above.
            <p class="round-status" aria-hidden="true" data-testid="round-status">
                {move || format!("Round {} of {} · {} s left", round(), rounds(), seconds_left())}
            </p>
            <div class="timebar" role="progressbar" aria-label="Time left"
                aria-valuemin="0" aria-valuemax=round_ms aria-valuenow=move || round_ms().saturating_sub(elapsed())>
                <div class="timebar-fill" style:width=move || {
                    // Per mille, in whole numbers: float formatting would add to the download.
                    let left = u64::from(round_ms().saturating_sub(elapsed())) * 1000 / u64::from(round_ms().max(1));
                    format!("{}.{}%", left / 10, left % 10)
                }></div>
            </div>
            <Show when=seated fallback=|| view! { <p class="watching">"You are watching this game."</p> }>
                <div class="meter">
                    <p><span class="label">"Clicks"</span> <strong data-testid="clicks"
                        class:pulse-a=move || pulse(true) class:pulse-b=move || pulse(false)>{clicks}</strong></p>
                    <p><span class="label">{move || if shipped() { "Shipped for" } else { "Ships for" }}</span>
                        <strong data-testid="price">{move || {
                            if !live() && !shipped() { "—".to_string() } else { crate::money::money(price()) }
                        }}</strong></p>
                </div>
                <Show when=move || !live()>
                    <p class="paused" role="status" data-testid="paused">
                        "Connection lost: you are paused until it is back. Your clicks so far are kept."
                    </p>
                </Show>
                <button class="product" data-testid="product" node_ref=product disabled=move || !can_play() || shipped()
                    on:pointerdown=move |e: PointerEvent| { e.prevent_default(); build(); }
                    on:keydown=move |e: KeyboardEvent| {
                        if !e.repeat() && (e.key() == " " || e.key() == "Enter") { e.prevent_default(); build(); }
                    }
                    on:click=move |e| e.prevent_default()>
                    "Build!"
                </button>
                <button class="ship" data-testid="ship" disabled=move || !can_play() || shipped()
                    on:click=move |_| ship()>
                    {move || if shipped() { "Shipped" } else { "Ship it" }}
                </button>
            </Show>
            <PlayerList/>
        </section>
    }
}
