//! Game over: the winners and their moment, the final standings, every player's capital round
//! by round, and the way to a rematch.

use std::fmt::Write;

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::view::{GameView, Standing};

use super::Screen;
use super::markup::{dot, escape, player};
use super::paint::Painter;
use crate::device;
use crate::money::money;
use crate::net::http;

/// Every player ranked, with what became of them: the winners, who went broke and in which
/// round, who left.
pub fn standings_markup(view: &GameView) -> String {
    let me = view.you.as_ref().map(|y| y.seat);
    let mut out = String::from(
        r#"<table class="results standings" data-testid="standings"><caption>Final standings</caption><thead><tr><th scope="col">#</th><th scope="col">Player</th><th scope="col">Capital</th></tr></thead><tbody>"#,
    );
    for (rank, p) in view.standings() {
        let fate = match p.standing {
            _ if view.winners.contains(&p.seat) => "winner".to_string(),
            Standing::Active => String::new(),
            Standing::Eliminated { round } => format!("broke in round {round}"),
            Standing::Forfeited => "left".to_string(),
        };
        let mut class = String::new();
        if Some(p.seat) == me {
            class.push_str(" mine");
        }
        if p.standing != Standing::Active {
            class.push_str(" out");
        }
        let _ = write!(
            out,
            r#"<tr data-testid="standing" class="{}"><td class="rank">{rank}</td><th scope="row">{}{}{}</th><td>{}</td></tr>"#,
            class.trim(),
            dot(p.seat),
            player(p, r#"class="name""#),
            if fate.is_empty() {
                String::new()
            } else {
                format!(r#"<span class="sub fate" data-testid="fate">{fate}</span>"#)
            },
            escape(&money(p.capital)),
        );
    }
    out.push_str("</tbody></table>");
    out
}

/// A name in a sentence, in first-strong isolates (FSI … PDI, the text form of `<bdi>`) so that
/// it cannot reorder the words around it; a bot is said to be one.
fn label(p: &shared::view::PlayerView) -> String {
    let bot = if p.bot.is_some() { " (bot)" } else { "" };
    format!("\u{2068}{}\u{2069}{bot}", p.name)
}

const FRAME: &str = concat!(
    r#"<section class="card over" aria-live="polite"><div class="part" data-part="moment"></div>"#,
    r#"<h1 data-testid="winner" data-part="winner"></h1><div class="part" data-part="you-won"></div>"#,
    r#"<div class="part" data-part="result"></div><h2>In the room</h2>{players}"#,
    r#"<div class="actions"><button data-testid="play-again" data-part="again"></button>"#,
    r#"<a class="button secondary" href="/">Home</a></div><div class="part" data-part="refused"></div></section>"#,
);

/// Paints game over. A finished game changes no more but for presence and the rematch: the
/// standings, chart and last round are painted again only when the result itself changes, as
/// when the winners arrive a message after the phase.
pub fn draw(screen: &Screen, p: &mut Painter, v: &GameView) {
    if p.frame("over", || FRAME.replace("{players}", super::PLAYERS)) {
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
    let moment = if won {
        let bits: String = (0..12).map(|i| format!(r#"<i style="--i:{i}"></i>"#)).collect();
        format!(r#"<div class="moment" aria-hidden="true">{bits}</div>"#)
    } else {
        String::new()
    };
    p.html("moment", &moment);
    p.text("winner", &winners);
    p.html("you-won", &your_place(v, won));
    let mut result = format!(r#"<div class="table">{}</div>{}"#, standings_markup(v), super::chart_markup(v));
    // The last round's own figures, which the standings sum up.
    if let Some(summary) = v.history.last() {
        result += &format!(r#"<div class="table">{}</div>"#, super::results_markup(v, summary));
    }
    p.html("result", &result);
    super::paint_players(screen, p, v);
    p.text("again", if v.rematch.is_some() { "Join the rematch" } else { "Play again" });
    let refused =
        screen.refused.get().map(|e| format!(r#"<p class="error" role="alert">{}</p>"#, escape(&e)));
    p.html("refused", &refused.unwrap_or_default());
}

/// What became of this device's player, in a line under the winners: every player who is not
/// among them reads their place, and how their game ended.
fn your_place(v: &GameView, won: bool) -> String {
    if won {
        return r#"<p class="hint" data-testid="you-won">Your startup made it. Well played!</p>"#.into();
    }
    let Some(me) = v.you.as_ref() else { return String::new() };
    let standings = v.standings();
    let Some(&(rank, p)) = standings.iter().find(|(_, p)| p.seat == me.seat) else { return String::new() };
    let of = standings.len();
    let line = match p.standing {
        Standing::Eliminated { round } => {
            format!("Your startup went broke in round {round} and finished #{rank} of {of}.")
        }
        Standing::Forfeited => format!("You left the game and finished #{rank} of {of}."),
        Standing::Active => format!("Your startup finished #{rank} of {of}."),
    };
    format!(r#"<p class="hint" data-testid="your-place">{line}</p>"#)
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
