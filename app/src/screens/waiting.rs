//! The waiting room: the invite, the players, the countdown or the host's Start, the rules.
//!
//! Its forms are heard as their events bubble to the game's screen: a form is painted again only
//! when what it shows changes, so what is typed in it stays.

use leptos::prelude::*;
use shared::api::ApiErrorCode;
use shared::bot::Level;
use shared::ids::SeatId;
use shared::protocol::ClientMsg;
use shared::rules::{MIN_PLAYERS, Visibility};
use shared::view::{GameView, Phase};
use web_sys::Element;

use super::markup::{escape, name as isolated, value};
use super::paint::Painter;
use super::{Screen, invite};
use crate::device;
use crate::money::money;

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

/// The waiting room's frame: each part is painted into it as what it shows changes.
const FRAME: &str = concat!(
    r#"<section class="card waiting"><h1>Waiting room</h1><div data-part="invite"></div>"#,
    r#"<ul class="players" data-testid="players" aria-label="Players" data-part="players"></ul>"#,
    r#"<div data-part="countdown"></div><div data-part="join"></div><div data-part="rules"></div>"#,
    r#"<div class="part" data-part="host"></div></section>"#,
);

/// Paints the waiting room of `v`.
pub fn draw(screen: &Screen, p: &mut Painter, v: &GameView) {
    p.frame("waiting", || FRAME.into());
    let seated = v.you.is_some();
    let private = v.visibility == Visibility::Private;
    let is_host = seated && v.you.as_ref().map(|y| y.seat) == v.host;
    let enough = v.players.len() >= MIN_PLAYERS;
    let full = v.players.len() >= usize::from(v.cap);
    let countdown = match v.phase {
        Phase::Waiting { starts_at: Some(at) } => {
            Some(((at as f64 - screen.clock.get()) / 1000.0).ceil().max(0.0) as u64)
        }
        _ => None,
    };
    // Painted only when the code changes: the QR code and a "Copied" stay put.
    p.html("invite", &invite::markup(&v.code));
    super::paint_players(screen, p, v);
    p.html("countdown", &countdown.map(|s| countdown_markup(v, s)).unwrap_or_default());
    // What is typed in the join form stays until a refusal is to be said.
    p.html("join", &if seated { String::new() } else { join_markup(screen.seat.error.get()) });
    p.html("rules", &rules_markup(v, countdown.is_some(), is_host));
    let host = if is_host && private {
        // Painted again only when the room fills or empties, or becomes startable, so a
        // keyboard in the form keeps its place.
        format!(
            r#"{}<button data-testid="start"{}>Start</button>"#,
            add_bot_markup(full),
            if enough { "" } else { " disabled" }
        )
    } else {
        String::new()
    };
    p.html("host", &host);
}

/// "Starting in 3 s"; bots that came to a lone player's game say so, and that the wait is short.
fn countdown_markup(v: &GameView, seconds: u64) -> String {
    let bots = v.players.iter().any(|p| p.bot.is_some());
    let lead = if bots && v.visibility != Visibility::Private { "Bots joined you. " } else { "" };
    format!(r#"<p class="countdown" data-testid="countdown">{lead}Starting in {seconds} s</p>"#)
}

/// The rules, and what the game waits for, said to everyone seated: who starts it, or how it
/// starts. A name stays isolated from the sentence around it.
fn rules_markup(v: &GameView, counting: bool, is_host: bool) -> String {
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
    if v.you.is_none() || counting {
        return out;
    }
    let private = v.visibility == Visibility::Private;
    let enough = v.players.len() >= MIN_PLAYERS;
    let host = v.host.and_then(|h| v.player(h)).map(|p| p.name.clone());
    let waiting_for = match (private, is_host, enough, host) {
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
}

/// A form of the waiting room sent: the join form, or the host's add-bot form.
pub fn submitted(screen: &Screen, form: &Element) {
    let Some(code) = screen.state.view.with_untracked(|v| v.as_ref().map(|v| v.code.clone())) else { return };
    if form.class_list().contains("join") {
        screen.seat.join(code, value(form, "#join-name").unwrap_or_default());
    } else if let Some(level) = picked_level(form) {
        screen.sender.send(ClientMsg::AddBot { level });
    }
}

/// A button of the waiting room pressed.
pub fn clicked(screen: &Screen, button: &Element) {
    let Some(code) = screen.state.view.with_untracked(|v| v.as_ref().map(|v| v.code.clone())) else { return };
    match button.get_attribute("data-testid").as_deref() {
        Some("copy") => invite::copy(&code, button.clone()),
        Some("share") => invite::share(&code),
        Some("start") => screen.sender.send(ClientMsg::Start),
        Some("remove-bot") => {
            if let Some(seat) = button.get_attribute("data-remove-bot").and_then(|s| s.parse().ok()) {
                screen.sender.send(ClientMsg::RemoveBot { seat: SeatId(seat) });
            }
        }
        Some("quick-play-instead") => {
            let around = button.closest(".waiting").ok().flatten();
            let name = around.and_then(|a| value(&a, "#join-name")).unwrap_or_else(device::name);
            screen.seat.quick_play(name);
        }
        _ => {}
    }
}
