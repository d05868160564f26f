//! The live player list: name, host badge, presence, round trip, capital, shipped mark; for the
//! host of a private waiting room, a button to take each bot out.

use shared::rules::Visibility;
use shared::view::{GameView, Phase, Presence, Standing};

use super::markup::{Markup, button, dot, html, player};

/// The list's items, one per player. `live`: this page is in step with the game; offline it
/// hears nothing, so it must not go on saying who is online.
pub fn players_markup(view: &GameView, live: bool) -> Vec<Markup> {
    let in_round = matches!(view.phase, Phase::Round { .. });
    let me = view.you.as_ref().map(|y| y.seat);
    // The host of a private waiting room may take bots out again.
    let hosted = view.visibility == Visibility::Private;
    let hosting = hosted && me.is_some() && me == view.host;
    let removable = hosting && matches!(view.phase, Phase::Waiting { .. });
    let badge = |text: &str, class: &str| html! { " " span class={ "badge " (class) } { (text) } };
    view.players
        .iter()
        .map(|p| {
            let online = p.presence == Presence::Online;
            let presence = match (live, online) {
                (false, _) => "unknown",
                (true, true) => "online",
                (true, false) => "away",
            };
            html! {
                li.player.away[!online].out[p.standing != Standing::Active] data-testid="player" {
                    (dot(p.seat)) (player(p, false))
                    @if Some(p.seat) == me { (badge("you", "you")) }
                    // A public game has no host to wait for: nobody there is shown as one.
                    @if hosted && Some(p.seat) == view.host { (badge("host", "host")) }
                    " " span.presence data-testid="presence" { (presence) }
                    " " span.rtt data-testid="rtt" { @if let Some(ms) = p.rtt_ms { (ms) " ms" } }
                    " " span.capital { (shared::money::money(p.capital)) }
                    // A mark of the round being played; it means nothing once the round is over.
                    @if in_round && p.shipped { (badge("shipped", "shipped")) }
                    @match p.standing {
                        Standing::Eliminated { .. } => (badge("broke", "out")),
                        Standing::Forfeited => (badge("left", "out")),
                        Standing::Active => {},
                    }
                    @if removable && p.bot.is_some() {
                        " " button.remove-bot type="button" data-remove-bot=(p.seat.0)
                            data-testid=(button::REMOVE_BOT) aria-label={ "Take " (p.name) " out" } { "×" }
                    }
                }
            }
        })
        .collect()
}
