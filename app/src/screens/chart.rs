//! The capital chart of game over: every player's capital round by round, rounds along, a money
//! axis with the $0 line, each player in their colour, the winners' lines heavier and marked.
//!
//! Written as SVG markup over `shared::chart`'s geometry (the Worker draws the same into a finished
//! game's link picture), every name in it escaped by the markup type.

use shared::chart::{Chart, HEIGHT as H, WIDTH as W};
use shared::view::GameView;

use super::colour;
use super::markup::{Markup, html};
use shared::money::money;

/// The chart's SVG markup, in the whole numbers of `shared::chart`'s box.
pub fn chart_svg(view: &GameView) -> Markup {
    const LEFT: i64 = 900;
    // Labels are 110 units; on a phone style.css makes them 170, and the room below the plot
    // (round labels, the axis title) is kept for the larger size.
    const FONT: i64 = 110;
    let chart = Chart::of(view);
    html! {
        svg viewBox={ (-LEFT) " -100 " (W + LEFT + 150) " " (H + 600) } role="img"
            aria-label="Capital of every player, round by round" font-size=(FONT) {
            @for tick in &chart.ticks {
                line x1="0" x2=(W) y1=(tick.y) y2=(tick.y) class=(if tick.is_zero() { "zero" } else { "grid" }) {}
                text x="-40" y=(tick.y + FONT / 3) text-anchor="end" class="tick" { (money(tick.dollars)) }
            }
            @for mark in &chart.rounds {
                text x=(mark.x) y=(H + 230) text-anchor="middle" class="tick" {
                    @if mark.round == 0 { "start" } @else { (mark.round) }
                }
            }
            text x=(W / 2) y=(H + 440) text-anchor="middle" class="axis-title" { "round" }
            @for line in &chart.lines {
                polyline points={
                    @for (i, (x, y)) in line.points.iter().enumerate() {
                        @if i > 0 { " " } (x) "," (y)
                    }
                } fill="none" class={ (colour(line.seat)) @if line.won { " winner" } } {}
                @if line.won {
                    @if let Some((x, y)) = line.points.last() {
                        circle cx=(x) cy=(y) r="70" class={ (colour(line.seat)) " winner-mark" } {}
                    }
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
