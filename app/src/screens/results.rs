//! Round results: per player clicks, ms, profit, burn, new capital and eliminations.

use leptos::prelude::*;
use shared::view::RoundSummary;

use crate::net::socket::GameState;

/// The rows of one settled round, with the players' names.
#[component]
pub fn ResultsTable(summary: RoundSummary) -> impl IntoView {
    let state = expect_context::<GameState>();
    let name = move |seat| {
        state.view.with_untracked(|v| v.as_ref().and_then(|v| v.player(seat)).map(|p| p.name.clone()))
    };
    let label = format!("Round {} results", summary.round);
    // On a narrow phone the table scrolls sideways; a focusable region lets a keyboard scroll it too.
    view! {
        <div class="table-scroll" role="region" tabindex="0" aria-label=label>
        <table class="results" data-testid="results">
            <caption>{format!("Round {}", summary.round)}</caption>
            <thead><tr>
                <th scope="col">"Player"</th><th scope="col">"Clicks"</th><th scope="col">"ms"</th>
                <th scope="col">"Profit"</th><th scope="col">"Burn"</th><th scope="col">"Capital"</th>
            </tr></thead>
            <tbody>
                {summary.rows.into_iter().map(|row| view! {
                    <tr class:out=row.eliminated data-testid="result-row">
                        <th scope="row"><bdi>{name(row.seat)}</bdi>{row.eliminated.then_some(" (broke)")}</th>
                        <td>{row.clicks}</td><td>{row.ms}</td>
                        <td>{crate::money::money(row.profit)}</td><td>{crate::money::money(-row.burn)}</td>
                        <td data-testid="capital">{crate::money::money(row.capital)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
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
