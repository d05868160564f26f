//! Game over: the winners and their moment, the final standings, every player's capital round
//! by round, and the way to a rematch.

use std::fmt::Write;

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::view::{GameView, Standing};

use super::markup::{dot, escape, player};
use super::{CapitalChart, PlayerList, ResultsTable};
use crate::device;
use crate::money::money;
use crate::net::http;
use crate::net::socket::GameState;
use crate::place::Here;

/// Every player ranked, with what became of them: the winners, who went broke and in which
/// round, who left. Written as markup text (`markup.rs` says why).
pub fn standings_markup(view: &GameView) -> String {
    let me = view.you.map(|y| y.seat);
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

#[component]
pub fn GameOver() -> impl IntoView {
    let state = expect_context::<GameState>();
    let here = expect_context::<Here>();
    let error = RwSignal::new(None::<String>);
    // A finished game changes no more but for presence and the rematch: what is drawn from it
    // (standings, chart, winners) follows the view without those, so it is drawn again only
    // when the result itself arrives or changes.
    let result = Memo::new(move |_| {
        state.view.with(|v| {
            v.clone().map(|mut v| {
                for p in &mut v.players {
                    (p.presence, p.rtt_ms) = (shared::view::Presence::Online, None);
                }
                v.rematch = None;
                v
            })
        })
    });
    let winners = move || {
        result.with(|v| {
            v.as_ref().map(|v| {
                let names: Vec<String> = v.winners.iter().filter_map(|s| v.player(*s).map(label)).collect();
                match names.len() {
                    0 => "Nobody won: everyone left.".to_string(),
                    1 => format!("{} wins!", names[0]),
                    _ => format!("Shared win: {}", names.join(" and ")),
                }
            })
        })
    };
    let i_won = move || {
        result.with(|v| v.as_ref().is_some_and(|v| v.you.is_some_and(|y| v.winners.contains(&y.seat))))
    };
    let play_again = move |_| {
        let Some(v) = state.view.get_untracked() else { return };
        let name = v.me().map(|p| p.name.clone()).unwrap_or_else(device::name);
        spawn_local(async move {
            match http::rematch(&v.code, &name).await {
                Ok(grant) => crate::pages::sit(&grant, here),
                Err(e) => error.set(Some(e.reason)),
            }
        });
    };
    view! {
        <section class="card over" aria-live="polite">
            // The winner's moment: a burst behind the title, still under reduced motion.
            {move || i_won().then(|| view! {
                <div class="moment" aria-hidden="true">
                    {(0..12).map(|i| view! { <i style=format!("--i:{i}")></i> }).collect_view()}
                </div>
            })}
            <h1 data-testid="winner">{winners}</h1>
            {move || i_won().then(|| view! { <p class="hint" data-testid="you-won">"Your startup made it. Well played!"</p> })}
            {move || result.get().map(|view| {
                let last = view.history.last().cloned();
                view! {
                    <div class="table" inner_html=standings_markup(&view)></div>
                    <CapitalChart view/>
                    // The last round's own figures, which the standings sum up.
                    {last.map(|summary| view! { <ResultsTable summary/> })}
                }
            })}
            <h2>"In the room"</h2>
            <PlayerList/>
            <div class="actions">
                <button data-testid="play-again" on:click=play_again>
                    {move || if state.view.with(|v| v.as_ref().is_some_and(|v| v.rematch.is_some())) { "Join the rematch" } else { "Play again" }}
                </button>
                <a class="button secondary" href="/">"Home"</a>
            </div>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </section>
    }
}
