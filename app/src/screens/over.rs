//! Game over: the winners, the final standings, every player's capital round by round, and the
//! way to a rematch.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use shared::view::GameView;

use super::{PlayerList, ResultsTable};
use crate::device;
use crate::net::http;
use crate::net::socket::GameState;

/// Colours of the chart's lines, distinguishable and AA against white.
const LINE_COLOURS: [&str; 10] = [
    "#1d4ed8", "#b91c1c", "#047857", "#7c3aed", "#b45309", "#0e7490", "#be185d", "#4d7c0f", "#374151",
    "#9a3412",
];

/// Capital of every player after every round, as an SVG line chart.
#[component]
pub fn CapitalChart(view: GameView) -> impl IntoView {
    // Whole numbers in a large view box: drawing needs no float formatting, which would add
    // several kilobytes to the download.
    const W: i64 = 3200;
    const H: i64 = 1600;
    let rounds = view.history.len().max(1) as i64;
    let start = view.rules.starting_capital;
    let series: Vec<(String, Vec<i64>)> = view
        .players
        .iter()
        .map(|p| {
            let mut points = vec![start];
            points.extend(
                view.history
                    .iter()
                    .filter_map(|s| s.rows.iter().find(|r| r.seat == p.seat).map(|r| r.capital)),
            );
            (p.name.clone(), points)
        })
        .collect();
    let max = series.iter().flat_map(|(_, v)| v.iter().copied()).max().unwrap_or(start).max(1);
    let min = series.iter().flat_map(|(_, v)| v.iter().copied()).min().unwrap_or(0).min(0);
    // Saturating: no capital the rules allow comes near overflow, but a drawing must never panic.
    let y = move |c: i64| H - (c.saturating_sub(min)).saturating_mul(H) / max.saturating_sub(min).max(1);
    let zero = y(0);
    view! {
        <figure class="chart" data-testid="chart">
            <svg viewBox=format!("-40 -40 {} {}", W + 80, H + 80) role="img" aria-label="Capital of every player, round by round">
                <line x1="0" x2=W y1=zero y2=zero class="axis"/>
                {series.iter().enumerate().map(|(i, (name, points))| {
                    let path = points.iter().enumerate()
                        .map(|(r, c)| format!("{},{}", r as i64 * W / rounds, y(*c)))
                        .collect::<Vec<_>>().join(" ");
                    view! {
                        <polyline points=path fill="none" stroke=LINE_COLOURS[i % LINE_COLOURS.len()] stroke-width="25">
                            <title>{name.clone()}</title>
                        </polyline>
                    }
                }).collect_view()}
            </svg>
            <figcaption class="legend">
                {series.into_iter().enumerate().map(|(i, (name, points))| view! {
                    <span><i style:background=LINE_COLOURS[i % LINE_COLOURS.len()]></i>
                        <bdi>{name}</bdi>{format!(": {}", crate::money::money(points.last().copied().unwrap_or_default()))}</span>
                }).collect_view()}
            </figcaption>
        </figure>
    }
}

#[component]
pub fn GameOver() -> impl IntoView {
    let state = expect_context::<GameState>();
    let navigate = use_navigate();
    let error = RwSignal::new(None::<String>);
    let view_now = move || state.view.get();
    let winners = move || {
        view_now().map(|v| {
            let names: Vec<String> =
                v.winners.iter().filter_map(|s| v.player(*s).map(|p| p.name.clone())).collect();
            match names.len() {
                0 => "Nobody won: everyone left.".to_string(),
                // First-strong isolates (FSI … PDI), the text form of <bdi>: a name cannot
                // reorder the words around it.
                1 => format!("\u{2068}{}\u{2069} wins!", names[0]),
                _ => format!("Shared win: \u{2068}{}\u{2069}", names.join("\u{2069} and \u{2068}")),
            }
        })
    };
    let play_again = move |_| {
        let Some(v) = state.view.get_untracked() else { return };
        let name = v.me().map(|p| p.name.clone()).unwrap_or_else(device::name);
        let navigate = navigate.clone();
        spawn_local(async move {
            match http::rematch(&v.code, &name).await {
                Ok(grant) => crate::pages::sit(&grant, navigate),
                Err(e) => error.set(Some(e.reason)),
            }
        });
    };
    view! {
        <section class="card over" aria-live="polite">
            <h1 data-testid="winner">{winners}</h1>
            {move || view_now().map(|view| view! { <CapitalChart view/> })}
            {move || view_now().and_then(|v| v.history.last().cloned()).map(|summary| view! { <ResultsTable summary/> })}
            <PlayerList/>
            <div class="actions">
                <button data-testid="play-again" on:click=play_again>
                    {move || if view_now().is_some_and(|v| v.rematch.is_some()) { "Join the rematch" } else { "Play again" }}
                </button>
                <a class="button secondary" href="/">"Home"</a>
            </div>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </section>
    }
}
