//! Game over: the winners and their moment, the final standings, every player's capital round
//! by round, and the way to a rematch.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use shared::view::{GameView, Standing};

use super::{PlayerList, ResultsTable, colour};
use crate::device;
use crate::money::money;
use crate::net::http;
use crate::net::socket::GameState;

/// A round step for the money axis: 1, 2 or 5 times a power of ten, at least `rough`.
fn nice_step(rough: i64) -> i64 {
    let mut unit = 1_i64;
    while unit.saturating_mul(10) <= rough {
        unit = unit.saturating_mul(10);
    }
    [1, 2, 5, 10].into_iter().map(|k| unit.saturating_mul(k)).find(|s| *s >= rough).unwrap_or(unit)
}

/// Capital of every player after every round, as an SVG line chart: rounds along, a money axis
/// with the $0 line, each player in their colour, the winners' lines heavier and marked.
#[component]
pub fn CapitalChart(view: GameView) -> impl IntoView {
    // Whole numbers in a large view box: drawing needs no float formatting, which would add
    // several kilobytes to the download.
    const W: i64 = 3000;
    const H: i64 = 1400;
    const LEFT: i64 = 700;
    const FONT: i64 = 110;
    let rounds = view.history.len().max(1) as i64;
    let start = view.rules.starting_capital;
    let series: Vec<_> = view
        .players
        .iter()
        .map(|p| {
            let mut points = vec![start];
            points.extend(
                view.history
                    .iter()
                    .filter_map(|s| s.rows.iter().find(|r| r.seat == p.seat).map(|r| r.capital)),
            );
            (p.seat, p.name.clone(), points, view.winners.contains(&p.seat))
        })
        .collect();
    let high = series.iter().flat_map(|s| s.2.iter().copied()).max().unwrap_or(start).max(1);
    let low = series.iter().flat_map(|s| s.2.iter().copied()).min().unwrap_or(0).min(0);
    let step = nice_step((high - low) / 4 + 1);
    let (min, max) = (low.div_euclid(step) * step, (high + step - 1).div_euclid(step) * step);
    // Saturating: no capital the rules allow comes near overflow, but a drawing must never panic.
    let y = move |c: i64| H - (c.saturating_sub(min)).saturating_mul(H) / max.saturating_sub(min).max(1);
    let x = move |r: i64| r * W / rounds;
    let ticks: Vec<i64> = (0..).map(|k| min + k * step).take_while(|v| *v <= max).collect();
    // At most about ten round labels, however long the game.
    let every = (rounds + 9) / 10;
    let label = |r: i64| if r == 0 { "start".to_string() } else { r.to_string() };
    view! {
        <figure class="chart" data-testid="chart">
            <svg viewBox=format!("{} -100 {} {}", -LEFT, W + LEFT + 150, H + 3 * FONT + 300) role="img"
                aria-label="Capital of every player, round by round" font-size=FONT>
                {ticks.into_iter().map(|v| view! {
                    <line x1="0" x2=W y1=y(v) y2=y(v) class=if v == 0 { "zero" } else { "grid" }/>
                    <text x="-40" y=y(v) + FONT / 3 text-anchor="end" class="tick">{money(v)}</text>
                }).collect_view()}
                {(0..=rounds).filter(|r| r % every == 0 || *r == rounds).map(|r| view! {
                    <text x=x(r) y=H + FONT + 60 text-anchor="middle" class="tick">{label(r)}</text>
                }).collect_view()}
                <text x=W / 2 y=H + 2 * FONT + 120 text-anchor="middle" class="axis-title">"round"</text>
                {series.iter().map(|(seat, name, points, won)| {
                    let path = points.iter().enumerate()
                        .map(|(r, c)| format!("{},{}", x(r as i64), y(*c)))
                        .collect::<Vec<_>>().join(" ");
                    let last = (x(points.len() as i64 - 1), y(points.last().copied().unwrap_or(start)));
                    view! {
                        <polyline points=path fill="none" stroke=colour(*seat) stroke-width=if *won { "45" } else { "22" }
                            stroke-linejoin="round" class:winner=*won>
                            <title>{name.clone()}</title>
                        </polyline>
                        {won.then(|| view! {
                            <circle cx=last.0 cy=last.1 r="70" fill=colour(*seat) class="winner-mark"/>
                        })}
                    }
                }).collect_view()}
            </svg>
            <figcaption class="legend">
                {series.into_iter().map(|(seat, name, points, won)| view! {
                    <span><i style:background=colour(seat)></i>
                        <bdi>{name}</bdi>{format!(": {}", money(points.last().copied().unwrap_or_default()))}
                        {won.then_some(" (winner)")}</span>
                }).collect_view()}
            </figcaption>
        </figure>
    }
}

/// Every player ranked, with what became of them: the winners, who went broke and in which
/// round, who left.
#[component]
pub fn FinalStandings(view: GameView) -> impl IntoView {
    let me = view.you.map(|y| y.seat);
    let rows: Vec<_> = view
        .standings()
        .into_iter()
        .map(|(rank, p)| {
            let fate = match p.standing {
                _ if view.winners.contains(&p.seat) => "winner".to_string(),
                Standing::Active => String::new(),
                Standing::Eliminated { round } => format!("broke in round {round}"),
                Standing::Forfeited => "left".to_string(),
            };
            let out = !matches!(p.standing, Standing::Active);
            (rank, p.seat, p.name.clone(), p.capital, fate, Some(p.seat) == me, out)
        })
        .collect();
    view! {
        <table class="results standings" data-testid="standings">
            <caption>"Final standings"</caption>
            <thead><tr>
                <th scope="col">"#"</th><th scope="col">"Player"</th><th scope="col">"Capital"</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|(rank, seat, name, capital, fate, mine, out)| view! {
                    <tr data-testid="standing" class:mine=mine class:out=out>
                        <td class="rank">{rank}</td>
                        <th scope="row">
                            <i class="dot" aria-hidden="true" style:background=colour(seat)></i>
                            <bdi class="name">{name}</bdi>
                            {(!fate.is_empty()).then(|| view! { <span class="sub fate" data-testid="fate">{fate}</span> })}
                        </th>
                        <td>{money(capital)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn GameOver() -> impl IntoView {
    let state = expect_context::<GameState>();
    let navigate = use_navigate();
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
        })
    };
    let i_won = move || {
        result.with(|v| v.as_ref().is_some_and(|v| v.you.is_some_and(|y| v.winners.contains(&y.seat))))
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
                    <FinalStandings view=view.clone()/>
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
