//! The capital chart of game over: every player's capital round by round, rounds along, a money
//! axis with the $0 line, each player in their colour, the winners' lines heavier and marked.
//!
//! Written as SVG markup, every name in it escaped by the markup type.

use shared::view::GameView;

use super::colour;
use super::markup::{Markup, html};
use crate::money::money;

/// A round step for the money axis: 1, 2 or 5 times a power of ten, at least `rough`.
fn nice_step(rough: i64) -> i64 {
    let mut unit = 1_i64;
    while unit.saturating_mul(10) <= rough {
        unit = unit.saturating_mul(10);
    }
    [1, 2, 5, 10].into_iter().map(|k| unit.saturating_mul(k)).find(|s| *s >= rough).unwrap_or(unit)
}

/// The chart's SVG markup. Whole numbers in a large view box: drawing needs no float
/// formatting, which would add to the download.
pub fn chart_svg(view: &GameView) -> Markup {
    const W: i64 = 3000;
    const H: i64 = 1400;
    const LEFT: i64 = 900;
    // Labels are 110 units; on a phone style.css makes them 170, and the room below the plot
    // (round labels, the axis title) is kept for the larger size.
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
            (p.seat, points, view.winners.contains(&p.seat))
        })
        .collect();
    let high = series.iter().flat_map(|s| s.1.iter().copied()).max().unwrap_or(start).max(1);
    let low = series.iter().flat_map(|s| s.1.iter().copied()).min().unwrap_or(0).min(0);
    let step = nice_step((high - low) / 4 + 1);
    let (min, max) = (low.div_euclid(step) * step, (high + step - 1).div_euclid(step) * step);
    // Saturating: no capital the rules allow comes near overflow, but a drawing must never panic.
    let y = |c: i64| H - (c.saturating_sub(min)).saturating_mul(H) / max.saturating_sub(min).max(1);
    let x = |r: i64| r * W / rounds;
    let ticks = std::iter::successors(Some(min), |t| Some(t + step)).take_while(|t| *t <= max);
    // At most about ten round labels, however long the game.
    let every = (rounds + 9) / 10;
    let labels = (0..=rounds).filter(|r| r % every == 0 || *r == rounds);
    html! {
        svg viewBox={ (-LEFT) " -100 " (W + LEFT + 150) " " (H + 600) } role="img"
            aria-label="Capital of every player, round by round" font-size=(FONT) {
            @for tick in ticks {
                line x1="0" x2=(W) y1=(y(tick)) y2=(y(tick)) class=(if tick == 0 { "zero" } else { "grid" }) {}
                text x="-40" y=(y(tick) + FONT / 3) text-anchor="end" class="tick" { (money(tick)) }
            }
            @for r in labels {
                text x=(x(r)) y=(H + 230) text-anchor="middle" class="tick" {
                    @if r == 0 { "start" } @else { (r) }
                }
            }
            text x=(W / 2) y=(H + 440) text-anchor="middle" class="axis-title" { "round" }
            @for (seat, points, won) in &series {
                polyline points={
                    @for (r, c) in points.iter().enumerate() {
                        @if r > 0 { " " } (x(r as i64)) "," (y(*c))
                    }
                } fill="none" class={ (colour(*seat)) @if *won { " winner" } } {}
                @if *won {
                    circle cx=(x(points.len() as i64 - 1)) cy=(y(points.last().copied().unwrap_or(start))) r="70"
                        class={ (colour(*seat)) " winner-mark" } {}
                }
            }
        }
    }
}

/// The chart with its legend: names, final capital, the winners said in words.
pub fn chart_markup(view: &GameView) -> Markup {
    html! {
        figure.chart data-testid="chart" {
            div { (chart_svg(view)) }
            figcaption.legend {
                @for p in &view.players {
                    @let last = view
                        .history
                        .iter()
                        .rev()
                        .find_map(|s| s.rows.iter().find(|r| r.seat == p.seat).map(|r| r.capital))
                        .unwrap_or(view.rules.starting_capital);
                    span {
                        i class=(colour(p.seat)) {}
                        bdi { (p.name) }
                        @if p.bot.is_some() { " (bot)" }
                        ": " (money(last))
                        @if view.winners.contains(&p.seat) { " (winner)" }
                    }
                }
            }
        }
    }
}
