//! The waiting room: the invite, the players, the countdown or the host's Start, the rules.
//!
//! Its words and forms are markup text (`markup.rs` says why), heard here as their events
//! bubble: a form is drawn again only when what it shows changes, so what is typed in it stays.

use leptos::ev::{MouseEvent, SubmitEvent};
use leptos::prelude::*;
use shared::api::ApiErrorCode;
use shared::bot::Level;
use shared::protocol::ClientMsg;
use shared::rules::{MIN_PLAYERS, Visibility};
use shared::view::Phase;
use web_sys::Element;

use super::markup::{element, escape, name as isolated, value};
use super::{PlayerList, invite, use_server_clock};
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

/// The form of someone watching, to take a seat under the name this device last played under;
/// with the reason a try was refused, and where the game is full, the way to another.
fn join_markup(refused: Option<(ApiErrorCode, String)>) -> String {
    let mut out = format!(
        concat!(
            r#"<form class="join"><label for="join-name">Your name</label>"#,
            r#"<input id="join-name" data-testid="join-name" maxlength="24" value="{}">"#,
            r#"<button type="submit" data-testid="join">Join game</button></form>"#,
        ),
        escape(&device::name())
    );
    if let Some((code, reason)) = refused {
        out += &format!(r#"<p class="error" role="alert" data-testid="join-error">{}</p>"#, escape(&reason));
        if code == ApiErrorCode::Full {
            out += r#"<button data-testid="quick-play-instead">Quick play instead</button>"#;
        }
    }
    out
}

/// The level picked in the add-bot form.
fn picked_level(form: &Element) -> Option<Level> {
    let value = value(form, "select")?;
    Level::ALL.into_iter().find(|l| l.label() == value)
}

#[component]
pub fn WaitingRoom() -> impl IntoView {
    let state = expect_context::<GameState>();
    let sender = expect_context::<Sender>();
    let seat = expect_context::<Seat>();
    let clock = use_server_clock();
    let view_of = move || state.view.get();
    // Memos, so that the invite (QR code, "Copied") is built once and the forms only when what
    // they show changes, not at every presence change.
    let code =
        Memo::new(move |_| state.view.with(|v| v.as_ref().map(|v| v.code.clone()).unwrap_or_default()));
    let seated = Memo::new(move |_| view_of().is_some_and(|v| v.you.is_some()));
    let is_host = move || view_of().is_some_and(|v| v.you.is_some() && v.you.map(|y| y.seat) == v.host);
    let private = move || view_of().is_some_and(|v| v.visibility == Visibility::Private);
    let enough = move || view_of().is_some_and(|v| v.players.len() >= MIN_PLAYERS);
    let full = Memo::new(move |_| view_of().is_some_and(|v| v.players.len() >= usize::from(v.cap)));
    let countdown = move || match view_of().map(|v| v.phase) {
        Some(Phase::Waiting { starts_at: Some(at) }) => {
            Some(((at as f64 - clock.get()) / 1000.0).ceil().max(0.0) as u64)
        }
        _ => None,
    };
    let countdown_markup = move || {
        let Some(s) = countdown() else { return String::new() };
        // Bots that came to a lone player's game say so, and that the wait is short.
        let bots = view_of().is_some_and(|v| v.players.iter().any(|p| p.bot.is_some()));
        let lead = if bots && !private() { "Bots joined you. " } else { "" };
        format!(r#"<p class="countdown" data-testid="countdown">{lead}Starting in {s} s</p>"#)
    };
    // The rules, and what the game waits for, said to everyone seated: who starts it, or how it
    // starts. A name stays isolated from the sentence around it.
    let rules_markup = move || {
        let Some(v) = view_of() else { return String::new() };
        let r = v.rules;
        let mut out = format!(
            r#"<p class="rules" data-testid="rules">Rules: {} to start, {} burn a round, {} round{} of {} s, {} players at most.</p>"#,
            money(r.starting_capital),
            money(r.burn),
            r.max_rounds,
            if r.max_rounds == 1 { "" } else { "s" },
            r.round_ms / 1000,
            v.cap
        );
        if v.you.is_none() || countdown().is_some() {
            return out;
        }
        let host = v.host.and_then(|h| v.player(h)).map(|p| p.name.clone());
        let waiting_for = match (private(), is_host(), enough(), host) {
            (true, true, false, _) => "Waiting for a second player to join.".to_string(),
            (true, true, true, _) => "Everyone here? Press Start.".to_string(),
            (true, false, _, Some(host)) => format!("Waiting for {} to start the game.", isolated(&host, "")),
            (true, false, _, None) => "Waiting for the host to start the game.".to_string(),
            (false, ..) => {
                "The game starts 20 s after a second player arrives. Nobody else here within 15 s? Bots join you."
                    .to_string()
            }
        };
        out += &format!(r#"<p class="hint" data-testid="waiting-for">{waiting_for}</p>"#);
        out
    };
    let submitted = move |e: SubmitEvent| {
        let Some(form) = element(e.target()) else { return };
        e.prevent_default();
        if form.class_list().contains("join") {
            seat.join(code.get_untracked(), value(&form, "#join-name").unwrap_or_default());
        } else if let Some(level) = picked_level(&form) {
            sender.send(ClientMsg::AddBot { level });
        }
    };
    let clicked = move |e: MouseEvent| {
        let Some(button) = element(e.target()).and_then(|t| t.closest("button").ok().flatten()) else {
            return;
        };
        match button.get_attribute("data-testid").as_deref() {
            Some("copy") => invite::copy(&code.get_untracked(), button),
            Some("share") => invite::share(&code.get_untracked()),
            Some("quick-play-instead") => {
                let around = button.closest(".waiting").ok().flatten();
                let name = around.and_then(|a| value(&a, "#join-name")).unwrap_or_else(device::name);
                seat.quick_play(name);
            }
            _ => {}
        }
    };

    view! {
        <section class="card waiting" on:submit=submitted on:click=clicked>
            <h1>"Waiting room"</h1>
            <div inner_html=move || invite::markup(&code.get())></div>
            <PlayerList/>
            <div inner_html=countdown_markup></div>
            <div inner_html=move || if seated.get() { String::new() } else { join_markup(seat.error.get()) }></div>
            <div inner_html=rules_markup></div>
            <Show when=move || is_host() && private()>
                // Drawn again only when the room fills or empties, so a keyboard in the list
                // keeps its place.
                <div inner_html=move || add_bot_markup(full.get())></div>
                <button data-testid="start" disabled=move || !enough()
                    on:click=move |_| sender.send(ClientMsg::Start)>"Start"</button>
            </Show>
        </section>
    }
}
