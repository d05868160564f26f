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

use super::markup::{Markup, Part, button, html, name as isolated, value};
use super::paint::Painter;
use super::{Screen, invite};
use crate::device;
use shared::money::money;

/// The host's form to seat a bot of a chosen level, steady unless another is picked, and the
/// Start button. Drawn with the frame and never again while it lasts: the room filling or
/// becoming startable turns buttons off and on, so a keyboard in the form keeps its place and
/// the level picked stays.
fn host_markup() -> Markup {
    html! {
        form.add-bot {
            label for="bot-level" { "Add a bot" }
            select #bot-level data-testid="bot-level" {
                @for l in Level::ALL {
                    option value=(l.label()) selected[l == Level::Steady] { (l.label()) }
                }
            }
            button.secondary type="submit" data-testid=(button::ADD_BOT) data-part=(Part::AddBot) { "Add bot" }
        }
        button data-testid=(button::START) data-part=(Part::Start) { "Start" }
    }
}

/// The form of someone watching, to take a seat under the name this device last played under;
/// with the reason a try was refused, and where the game is full, the way to another.
fn join_markup(refused: Option<(ApiErrorCode, String)>) -> Markup {
    html! {
        form.join {
            label for="join-name" { "Your name" }
            input #join-name data-testid="join-name" maxlength="24" value=(device::name());
            button type="submit" data-testid="join" { "Join game" }
        }
        @if let Some((code, reason)) = refused {
            p.error role="alert" data-testid="join-error" { (reason) }
            @if code == ApiErrorCode::Full {
                button data-testid=(button::QUICK_PLAY_INSTEAD) { "Quick play instead" }
            }
        }
    }
}

/// The level picked in the add-bot form.
fn picked_level(form: &Element) -> Option<Level> {
    let value = value(form, "select")?;
    Level::ALL.into_iter().find(|l| l.label() == value)
}

/// The waiting room's frame: each part is painted into it as what it shows changes.
fn frame(hosting: bool) -> Markup {
    html! {
        section.card.waiting {
            h1 { "Waiting room" }
            div data-part=(Part::Invite) {}
            (super::players_list())
            div data-part=(Part::Countdown) {}
            div data-part=(Part::Join) {}
            div data-part=(Part::Rules) {}
            @if hosting { (host_markup()) }
        }
    }
}

/// Paints the waiting room of `v`.
pub fn draw(screen: &Screen, p: &mut Painter, v: &GameView) {
    let seated = v.you.is_some();
    let private = v.visibility == Visibility::Private;
    let is_host = seated && v.you.as_ref().map(|y| y.seat) == v.host;
    let hosting = is_host && private;
    p.frame(if hosting { "waiting host" } else { "waiting" }, || frame(hosting));
    let enough = v.players.len() >= MIN_PLAYERS;
    let full = v.players.len() >= usize::from(v.cap);
    let countdown = match v.phase {
        Phase::Waiting { starts_at: Some(at) } => Some(screen.seconds_until(at)),
        _ => None,
    };
    // Painted only when the code changes: the QR code and a "Copied" stay put.
    p.html(Part::Invite, &invite::markup(&v.code));
    super::paint_players(screen, p, v);
    p.html(Part::Countdown, &html! { @if let Some(s) = countdown { (countdown_markup(v, s)) } });
    // What is typed in the join form stays until a refusal is to be said.
    p.html(Part::Join, &html! { @if !seated { (join_markup(screen.seat.error.get())) } });
    p.html(Part::Rules, &rules_markup(v, countdown.is_some(), is_host));
    if hosting {
        p.flag(Part::AddBot, "disabled", full);
        p.flag(Part::Start, "disabled", !enough);
    }
}

/// "Starting in 3 s"; bots that came to a lone player's game say so, and that the wait is short.
fn countdown_markup(v: &GameView, seconds: u64) -> Markup {
    let bots = v.players.iter().any(|p| p.bot.is_some());
    let lead = bots && v.visibility != Visibility::Private;
    html! {
        p.countdown data-testid="countdown" { @if lead { "Bots joined you. " } "Starting in " (seconds) " s" }
    }
}

/// The rules, and what the game waits for, said to everyone seated: who starts it, or how it
/// starts. A name stays isolated from the sentence around it.
fn rules_markup(v: &GameView, counting: bool, is_host: bool) -> Markup {
    let r = v.rules;
    let private = v.visibility == Visibility::Private;
    let enough = v.players.len() >= MIN_PLAYERS;
    let host = v.host.and_then(|h| v.player(h)).map(|p| p.name.as_str());
    html! {
        p.rules data-testid="rules" {
            "Rules: " (money(r.starting_capital)) " to start, " (money(r.burn)) " burn a round, "
            (r.max_rounds) " round" @if r.max_rounds != 1 { "s" } " of " (r.round_ms / 1000) " s, "
            (v.cap) " players at most."
        }
        @if v.you.is_some() && !counting {
            p.hint data-testid="waiting-for" {
                @match (private, is_host, enough, host) {
                    (true, true, false, _) => "Waiting for a second player to join.",
                    (true, true, true, _) => "Everyone here? Press Start.",
                    (true, false, _, Some(host)) => { "Waiting for " (isolated(host, "")) " to start the game." },
                    (true, false, _, None) => "Waiting for the host to start the game.",
                    (false, ..) => "The game starts 20 s after a second player arrives. Nobody else here within 15 s? Bots join you.",
                }
            }
        }
    }
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

/// A button of the waiting room pressed, `id` by its `data-testid`.
pub fn clicked(screen: &Screen, pressed: &Element, id: &str) {
    let Some(code) = screen.state.view.with_untracked(|v| v.as_ref().map(|v| v.code.clone())) else { return };
    match id {
        button::COPY => invite::copy(&code, pressed.clone(), "Copied", "Copy"),
        button::SHARE => invite::share(&code, "Join my game of Startup CliX"),
        button::START => screen.sender.send(ClientMsg::Start),
        button::REMOVE_BOT => {
            if let Some(seat) = pressed.get_attribute("data-remove-bot").and_then(|s| s.parse().ok()) {
                screen.sender.send(ClientMsg::RemoveBot { seat: SeatId(seat) });
            }
        }
        button::QUICK_PLAY_INSTEAD => {
            let around = pressed.closest(".waiting").ok().flatten();
            let name = around.and_then(|a| value(&a, "#join-name")).unwrap_or_else(device::name);
            screen.seat.quick_play(name);
        }
        _ => {}
    }
}
