//! A round: the 3-2-1 countdown, then the product button, the live count and price, Ship, the
//! time bar and the standings.

use leptos::prelude::*;
use shared::rules::profit;
use shared::view::{GameView, Phase, Standing};
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;

use super::Screen;
use super::markup::{Markup, Part, button, element, html};
use super::paint::Painter;
use crate::net::socket::{GameState, Link, performance_now};

/// Paints the countdown to round `v.phase.round()`.
pub fn draw_countdown(screen: &Screen, p: &mut Painter, v: &GameView) {
    // A player out of the game is told, before the round, that they will watch it.
    let note = out_note(v);
    let round = v.phase.round();
    p.frame(&format!("countdown {round} {}", note.is_some()), || {
        html! {
            section.card.countdown-screen {
                h1 data-part=(Part::Title) {}
                p.big-count aria-hidden="true" data-testid="countdown" data-part=(Part::Count) {}
                @if let Some(note) = &note { p.out-note data-testid="out" { (note) } }
                (super::players_list())
            }
        }
    });
    let left = match v.phase {
        Phase::Intermission { starts_at, .. } => screen.seconds_until(starts_at),
        _ => 0,
    };
    p.text(Part::Title, &format!("Round {round} starts in {left}"));
    p.text(Part::Count, &left.to_string());
    // Said once, not every second.
    let seconds = v.rules.intermission_ms.div_ceil(1000);
    p.text(Part::Announce, &format!("Round {round} starts in {seconds} seconds."));
    super::paint_players(screen, p, v);
}

/// Why this device's seated player only watches the round, if they do: out of the game.
fn out_note(v: &GameView) -> Option<String> {
    match v.me()?.standing {
        Standing::Active => None,
        Standing::Eliminated { round } => {
            Some(format!("Your startup went broke in round {round}. You are watching the rest of the game."))
        }
        Standing::Forfeited => Some("You left this game. You are watching the rest of it.".into()),
    }
}

/// The round's frame, for a player or for someone watching: a visitor, or a player out of the
/// game, who is told why.
fn frame(v: &GameView, playing: bool) -> Markup {
    html! {
        section.card.round {
            h1.sr-only { "Round " (v.phase.round()) }
            // Seen, not announced: the page's announcer says the round once.
            p.round-status aria-hidden="true" data-testid="round-status" data-part=(Part::Status) {}
            div.timebar role="progressbar" aria-label="Time left" aria-valuemin="0"
                aria-valuemax=(v.rules.round_ms) data-part=(Part::Timebar) {
                div.timebar-fill data-part=(Part::Fill) {}
            }
            @if playing {
                div.meter {
                    p { span.label { "Clicks" } " " strong data-testid="clicks" data-part=(Part::Clicks) {} }
                    p {
                        span.label data-part=(Part::PriceLabel) {} " "
                        strong data-testid="price" data-part=(Part::Price) {}
                    }
                }
                div.part data-part=(Part::Paused) {}
                button.product data-testid=(button::PRODUCT) data-part=(Part::Product) { "Build!" }
                button.ship data-testid=(button::SHIP) data-part=(Part::Ship) {}
            } @else if let Some(note) = out_note(v) {
                p.out-note role="status" data-testid="out" { (note) }
            } @else {
                p.watching { "You are watching this game." }
            }
            (super::players_list())
        }
    }
}

/// Whether this device's player may build and ship now. Offline, nothing this page does can
/// reach the game in time to count as it was made: the player is paused until the link is back.
fn can_play(v: &GameView, link: Link) -> bool {
    v.me().is_some_and(|me| me.standing == Standing::Active && !me.shipped) && link == Link::Live
}

/// Time since the round started on this screen (`started`, on `performance.now()`), in ms.
fn elapsed(started: Option<f64>) -> u32 {
    started.map(|t| (performance_now() - t).max(0.0) as u32).unwrap_or(0)
}

/// Paints round `v.phase.round()`.
pub fn draw(screen: &Screen, p: &mut Painter, v: &GameView) {
    let state = screen.state;
    let playing = v.you.is_some() && out_note(v).is_none();
    let round = v.phase.round();
    p.frame(&format!("round {round} {playing}"), || frame(v, playing));
    // The clock makes the time tick.
    screen.clock.track();
    let round_ms = v.rules.round_ms;
    let elapsed = elapsed(state.round_started.get());
    let left = round_ms.saturating_sub(elapsed);
    p.text(Part::Announce, &format!("Round {round} — build!"));
    p.text(
        Part::Status,
        &format!("Round {round} of {} · {} s left", v.rules.max_rounds, left.div_ceil(1000)),
    );
    p.attr(Part::Timebar, "aria-valuenow", Some(&left.to_string()));
    // Per mille, in whole numbers: float formatting would add to the download.
    let per_mille = u64::from(left) * 1000 / u64::from(round_ms.max(1));
    p.style(Part::Fill, "width", &format!("{}.{}%", per_mille / 10, per_mille % 10));
    super::paint_players(screen, p, v);
    if !playing {
        return;
    }
    // The journal counts what the server counted plus what it has not answered yet: after a
    // reload or a reconnect too, the screen shows what the round will pay.
    let (clicks, shipped_at, credited) =
        state.journal.with(|j| (j.clicks(), j.shipped_at(), j.ship_credited()));
    let shipped = shipped_at.is_some();
    let live = screen.live();
    p.text(Part::Clicks, &clicks.to_string());
    p.text(
        Part::PriceLabel,
        match (shipped, credited) {
            (false, _) => "Ships for",
            (true, false) => "Shipping for",
            (true, true) => "Shipped for",
        },
    );
    // Once shipped, the price stands where the ship was made, then where the server credited it
    // (the same moment for an honest player on a quiet line): that is what the round pays.
    let price = if !live && !shipped {
        "—".to_string()
    } else {
        shared::money::money(profit(clicks, shipped_at.unwrap_or_else(|| elapsed.min(round_ms))))
    };
    p.text(Part::Price, &price);
    p.html(
        Part::Paused,
        &html! {
            @if !live {
                p.paused role="status" data-testid="paused" {
                    "Connection lost: you are paused until it is back. Your clicks so far are kept."
                }
            }
        },
    );
    let usable = can_play(v, state.link.get()) && !shipped;
    p.flag(Part::Product, "disabled", !usable);
    p.flag(Part::Ship, "disabled", !usable);
    p.text(
        Part::Ship,
        match (shipped, credited) {
            (false, _) => "Ship it",
            (true, false) => "Shipping…",
            (true, true) => "Shipped",
        },
    );
    // The product button has focus whenever it can be used, so Space and Enter build at once,
    // round after round, without a Tab. A screen is first painted before it is in the page,
    // where nothing takes focus: the next tick of the clock gives it.
    if let Some(product) = p.find(Part::Product)
        && p.became(Part::Product, usable && product.is_connected())
    {
        let _ = product.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

/// Whether this device's player may build or ship now.
fn may_act(state: GameState) -> bool {
    let link = state.link.get_untracked();
    state.view.with_untracked(|v| v.as_ref().is_some_and(|v| can_play(v, link)))
        && !state.journal.with_untracked(|j| j.shipped())
}

/// A tap on the product: counted at once, sent in a batch.
fn build(screen: &Screen) {
    let round_ms = screen.state.view.with_untracked(|v| v.as_ref().map_or(10_000, |v| v.rules.round_ms));
    let started = screen.state.round_started.get_untracked();
    let Some(at) = started.map(|t| elapsed(Some(t))).filter(|at| may_act(screen.state) && *at <= round_ms)
    else {
        return;
    };
    screen.sender.tap(at);
    // Each tap restarts the count's pulse, by alternating two equal animations.
    if let Some(count) = screen.painter.with_value(|p| p.find(Part::Clicks)) {
        let odd = !count.class_list().contains("pulse-a");
        count.set_class_name(if odd { "pulse-a" } else { "pulse-b" });
    }
    super::feel::click();
}

/// Ship it.
pub fn ship(screen: &Screen) {
    if may_act(screen.state) {
        screen.sender.ship(elapsed(screen.state.round_started.get_untracked()));
        super::feel::ship();
    }
}

fn on_product(target: Option<web_sys::EventTarget>) -> bool {
    element(target).is_some_and(|t| t.get_attribute("data-testid").as_deref() == Some(button::PRODUCT))
}

/// A press on the product builds as the finger lands, not as it lifts.
pub fn pressed(screen: &Screen, e: &web_sys::Event) {
    if on_product(e.target()) {
        e.prevent_default();
        build(screen);
    }
}

/// Space or Enter on the product builds, once per press.
pub fn key(screen: &Screen, e: &KeyboardEvent) {
    if on_product(e.target()) && !e.repeat() && (e.key() == " " || e.key() == "Enter") {
        e.prevent_default();
        build(screen);
    }
}
