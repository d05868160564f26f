//! Round results: per player clicks, time to ship, profit, new capital and eliminations; the
//! burn, the same for everyone, said once. Four columns fit a 360 px phone without scrolling.

use shared::view::{GameView, Phase, RoundSummary, Standing};

use super::Screen;
use super::markup::{Markup, Part, dot, html, player};
use super::paint::Painter;
use shared::money::money;

/// `ms` as seconds with one decimal, in whole-number arithmetic: float formatting would add to
/// the download.
pub fn seconds(ms: u32) -> String {
    format!("{}.{} s", ms / 1000, ms % 1000 / 100)
}

/// The table of one settled round, with the players' names from `view`.
pub fn results_markup(view: &GameView, summary: &RoundSummary) -> Markup {
    let burn = summary.rows.first().map_or(0, |r| r.burn);
    html! {
        table.results data-testid="results" {
            caption data-burn=(burn) {
                span data-testid="results-round" { "Round " (summary.round) }
                span.sub { " · each startup burned " (money(burn)) }
            }
            thead { tr { th scope="col" { "Player" } th scope="col" { "Clicks" } th scope="col" { "Profit" } th scope="col" { "Capital" } } }
            tbody {
                @for row in &summary.rows {
                    tr.out[row.eliminated] data-testid="result-row" {
                        th scope="row" {
                            (dot(row.seat))
                            @if let Some(p) = view.player(row.seat) { (player(p, true)) }
                            @if row.eliminated { span.sub { "broke" } }
                        }
                        td {
                            span data-testid="row-clicks" { (row.clicks) }
                            span.sub data-testid="row-ms" data-ms=(row.ms) { "in " (seconds(row.ms)) }
                        }
                        td data-testid="row-profit" { (money(row.profit)) }
                        td data-testid="capital" { (money(row.capital)) }
                    }
                }
            }
        }
    }
}

/// Paints the results of the round just settled, and when the next one starts.
pub fn draw(screen: &Screen, p: &mut Painter, v: &GameView) {
    p.frame("results", || {
        // The seconds tick apart from the table: the page's announcer says the results once.
        html! {
            section.card {
                h1 { "Round results" }
                div.table data-part=(Part::Results) {}
                p.out-note data-part=(Part::Fate) hidden {}
                p.next aria-hidden="true" data-testid="next-round" data-part=(Part::Next) {}
            }
        }
    });
    let last = v.history.last();
    p.html(Part::Results, &html! { @if let Some(summary) = last { (results_markup(v, summary)) } });
    let broke_now = v.me().is_some_and(|me| me.standing == Standing::Eliminated { round: v.phase.round() });
    let fate = if broke_now { "Your startup went broke. You can watch the rest of the game." } else { "" };
    p.text(Part::Fate, fate);
    p.flag(Part::Fate, "hidden", !broke_now);
    if let Some(summary) = last {
        let mine = v.you.as_ref().and_then(|y| summary.rows.iter().find(|r| r.seat == y.seat));
        let said = match mine {
            Some(r) => format!(
                "Round {} results: you made {}, your capital is {}. {fate}",
                summary.round,
                money(r.profit),
                money(r.capital)
            ),
            None => format!("Round {} results are in.", summary.round),
        };
        p.text(Part::Announce, said.trim_end());
    }
    if let Phase::Results { round, next_at } = v.phase {
        // The round itself starts after the next countdown, which the countdown screen counts to.
        let left = screen.seconds_until(next_at + u64::from(v.rules.intermission_ms));
        let next = round.saturating_add(1);
        p.text(Part::Next, &format!("Round {next} of {} starts in {left} s", v.rules.max_rounds));
    }
}
