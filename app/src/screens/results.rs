//! Round results: per player clicks, time to ship, profit, new capital and eliminations; the
//! burn, the same for everyone, said once. Four columns fit a 360 px phone without scrolling.

use leptos::prelude::*;
use shared::view::RoundSummary;

use super::colour;
use crate::money::money;
use crate::net::socket::GameState;

/// `ms` as seconds with one decimal, in whole-number arithmetic: float formatting would add to
/// the download.
pub fn seconds(ms: u32) -> String {
    format!("{}.{} s", ms / 1000, ms % 1000 / 100)
}

/// The rows of one settled round, with the players' names.
#[component]
pub fn ResultsTable(summary: RoundSummary) -> impl IntoView {
    let state = expect_context::<GameState>();
    let name = move |seat| {
        state.view.with_untracked(|v| v.as_ref().and_then(|v| v.player(seat)).map(|p| p.name.clone()))
    };
    let burn = summary.rows.first().map_or(0, |r| r.burn);
    view! {
        <table class="results" data-testid="results">
            <caption data-burn=burn>
                <span data-testid="results-round">{format!("Round {}", summary.round)}</span>
                <span class="sub">{format!(" · each startup burned {}", money(burn))}</span>
            </caption>
            <thead><tr>
                <th scope="col">"Player"</th><th scope="col">"Clicks"</th>
                <th scope="col">"Profit"</th><th scope="col">"Capital"</th>
            </tr></thead>
            <tbody>
                {summary.rows.into_iter().map(|row| view! {
                    <tr class:out=row.eliminated data-testid="result-row">
                        <th scope="row">
                            <i class="dot" aria-hidden="true" style:background=colour(row.seat)></i>
                            <bdi class="name" data-testid="row-name">{name(row.seat)}</bdi>
                            {row.eliminated.then(|| view! { <span class="sub">"broke"</span> })}
                        </th>
                        <td><span data-testid="row-clicks">{row.clicks}</span>
                            <span class="sub" data-testid="row-ms" data-ms=row.ms>{format!("in {}", seconds(row.ms))}</span></td>
                        <td data-testid="row-profit">{money(row.profit)}</td>
                        <td data-testid="capital">{money(row.capital)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn RoundResults() -> impl IntoView {
    let state = expect_context::<GameState>();
    let last = move || state.view.with(|v| v.as_ref().and_then(|v| v.history.last().cloned()));
    view! {
        <section class="card" aria-live="polite">
            <h1>"Round results"</h1>
            {move || last().map(|summary| view! { <ResultsTable summary/> })}
        </section>
    }
}
