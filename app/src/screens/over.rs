//! Game over: the winners and their moment, the final standings, every player's capital round
//! by round, and the way to a rematch.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::view::{GameView, Standing};

use super::Screen;
use super::markup::{Markup, Part, button, dot, html, player};
use super::paint::Painter;
use crate::device;
use crate::net::http;
use shared::money::money;

/// Every player ranked, with what became of them: the winners, who went broke and in which
/// round, who left.
pub fn standings_markup(view: &GameView) -> Markup {
    let me = view.you.as_ref().map(|y| y.seat);
    html! {
        table.results.standings data-testid="standings" {
            caption { "Final standings" }
            thead { tr { th scope="col" { "#" } th scope="col" { "Player" } th scope="col" { "Capital" } } }
            tbody {
                @for (rank, p) in view.standings() {
                    tr.mine[Some(p.seat) == me].out[p.standing != Standing::Active] data-testid="standing" {
                        td.rank { (rank) }
                        th scope="row" {
                            (dot(p.seat)) (player(p, false))
                            @match p.standing {
                                _ if view.winners.contains(&p.seat) => (fate("winner")),
                                Standing::Active => {},
                                Standing::Eliminated { round } => (fate(&format!("broke in round {round}"))),
                                Standing::Forfeited => (fate("left")),
                            }
                        }
                        td { (money(p.capital)) }
                    }
                }
            }
        }
    }
}

fn fate(said: &str) -> Markup {
    html! { span.sub.fate data-testid="fate" { (said) } }
}

/// A name in a sentence, in first-strong isolates (FSI … PDI, the text form of `<bdi>`) so that
/// it cannot reorder the words around it; a bot is said to be one.
fn label(p: &shared::view::PlayerView) -> String {
    let bot = if p.bot.is_some() { " (bot)" } else { "" };
    format!("\u{2068}{}\u{2069}{bot}", p.name)
}

fn frame() -> Markup {
    html! {
        section.card.over {
            div.part data-part=(Part::Moment) {}
            h1 data-testid="winner" data-part=(Part::Winner) {}
            div.part data-part=(Part::YouWon) {}
            div.part data-part=(Part::Result) {}
            h2 { "In the room" }
            (super::players_list())
            div.actions {
                button data-testid=(button::PLAY_AGAIN) data-part=(Part::Again) {}
                button.secondary data-testid=(button::SHARE_RESULT) { "Share result" }
                a.button.secondary href="/" { "Home" }
            }
            div.part data-part=(Part::Refused) {}
        }
    }
}

/// Paints game over. A finished game changes no more but for presence and the rematch: the
/// standings, chart and last round are painted again only when the result itself changes, as
/// when the winners arrive a message after the phase. The page's announcer says who won, once;
/// presence moving in the room below is not announced.
pub fn draw(screen: &Screen, p: &mut Painter, v: &GameView) {
    if p.frame("over", frame) {
        super::feel::game_over();
    }
    let names: Vec<String> = v.winners.iter().filter_map(|s| v.player(*s).map(label)).collect();
    let winners = match names.len() {
        0 => "Nobody won: everyone left.".to_string(),
        1 => format!("{} wins!", names[0]),
        _ => format!("Shared win: {}", names.join(" and ")),
    };
    let won = v.you.as_ref().is_some_and(|y| v.winners.contains(&y.seat));
    // The winner's moment: a burst behind the title, still under reduced motion.
    p.html(Part::Moment, &html! { @if won { div.moment aria-hidden="true" { @for _ in 0..12 { i {} } } } });
    p.text(Part::Winner, &winners);
    let place = your_place(v, won);
    p.html(Part::YouWon, &html! { @if let Some((id, line)) = &place { p.hint data-testid=(id) { (line) } } });
    let said = match &place {
        Some((_, line)) => format!("Game over. {winners} {line}"),
        None => format!("Game over. {winners}"),
    };
    p.text(Part::Announce, &said);
    p.html(
        Part::Result,
        &html! {
            div.table { (standings_markup(v)) }
            (super::chart_markup(v))
            // The last round's own figures, which the standings sum up.
            @if let Some(summary) = v.history.last() { div.table { (super::results_markup(v, summary)) } }
        },
    );
    super::paint_players(screen, p, v);
    p.text(Part::Again, if v.rematch.is_some() { "Join the rematch" } else { "Play again" });
    let refused = screen.refused.get();
    p.html(Part::Refused, &html! { @if let Some(e) = refused { p.error role="alert" { (e) } } });
}

/// What became of this device's player, in a line under the winners (with its test id): every
/// player who is not among them reads their place, and how their game ended.
fn your_place(v: &GameView, won: bool) -> Option<(&'static str, String)> {
    if won {
        return Some(("you-won", "Your startup made it. Well played!".into()));
    }
    let me = v.you.as_ref()?;
    let standings = v.standings();
    let &(rank, p) = standings.iter().find(|(_, p)| p.seat == me.seat)?;
    let of = standings.len();
    let line = match p.standing {
        Standing::Eliminated { round } => {
            format!("Your startup went broke in round {round} and finished #{rank} of {of}.")
        }
        Standing::Forfeited => format!("You left the game and finished #{rank} of {of}."),
        Standing::Active => format!("Your startup finished #{rank} of {of}."),
    };
    Some(("your-place", line))
}

/// "Share result": the game's link, whose preview shows how it ended, by the system share sheet
/// where there is one, else copied.
pub fn share_result(screen: &Screen, pressed: &web_sys::Element) {
    let Some(code) = screen.state.view.with_untracked(|v| v.as_ref().map(|v| v.code.clone())) else { return };
    if super::invite::can_share() {
        super::invite::share(&code, "How our game of Startup CliX ended");
    } else {
        super::invite::copy(&code, pressed.clone(), "Link copied", "Share result");
    }
}

/// "Play again": a seat in the rematch, under the name played.
pub fn play_again(screen: &Screen) {
    let Some(v) = screen.state.view.get_untracked() else { return };
    let name = v.me().map(|p| p.name.clone()).unwrap_or_else(device::name);
    let (refused, here) = (screen.refused, screen.here);
    spawn_local(async move {
        match http::rematch(&v.code, &name).await {
            Ok(grant) => crate::pages::sit(&grant, here),
            Err(e) => refused.set(Some(e.reason)),
        }
    });
}
