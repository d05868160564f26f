//! The capital chart of game over: every player's capital round by round, rounds along, a money
//! axis with the $0 line, each player in their colour, the winners' lines heavier and marked.
//!
//! Written as SVG text; every name in it goes through `escape`.

use std::fmt::Write;

use shared::view::GameView;

use super::colour;
use super::markup::escape;
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
pub fn chart_svg(view: &GameView) -> String {
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
    let mut svg = format!(
        r#"<svg viewBox="{} -100 {} {}" role="img" aria-label="Capital of every player, round by round" font-size="{FONT}">"#,
        -LEFT,
        W + LEFT + 150,
        H + 600
    );
    let mut tick = min;
    while tick <= max {
        let (class, at) = (if tick == 0 { "zero" } else { "grid" }, y(tick));
        let _ = write!(
            svg,
            r#"<line x1="0" x2="{W}" y1="{at}" y2="{at}" class="{class}"/><text x="-40" y="{}" text-anchor="end" class="tick">{}</text>"#,
            at + FONT / 3,
            escape(&money(tick))
        );
        tick += step;
    }
    // At most about ten round labels, however long the game.
    let every = (rounds + 9) / 10;
    for r in (0..=rounds).filter(|r| r % every == 0 || *r == rounds) {
        let label = if r == 0 { "start".to_string() } else { r.to_string() };
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" text-anchor="middle" class="tick">{label}</text>"#,
            x(r),
            H + 230
        );
    }
    let _ = write!(
        svg,
        r#"<text x="{}" y="{}" text-anchor="middle" class="axis-title">round</text>"#,
        W / 2,
        H + 440
    );
    for (seat, points, won) in &series {
        let path: Vec<String> =
            points.iter().enumerate().map(|(r, c)| format!("{},{}", x(r as i64), y(*c))).collect();
        let (width, class) = if *won { (45, " class=\"winner\"") } else { (22, "") };
        let _ = write!(
            svg,
            r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="{width}" stroke-linejoin="round"{class}/>"#,
            path.join(" "),
            colour(*seat)
        );
        if *won {
            let last = points.last().copied().unwrap_or(start);
            let _ = write!(
                svg,
                r#"<circle cx="{}" cy="{}" r="70" fill="{}" class="winner-mark"/>"#,
                x(points.len() as i64 - 1),
                y(last),
                colour(*seat)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// The chart with its legend: names, final capital, the winners said in words.
pub fn chart_markup(view: &GameView) -> String {
    let mut legend = String::new();
    for p in &view.players {
        let last = view
            .history
            .iter()
            .rev()
            .find_map(|s| s.rows.iter().find(|r| r.seat == p.seat).map(|r| r.capital))
            .unwrap_or(view.rules.starting_capital);
        let won = if view.winners.contains(&p.seat) { " (winner)" } else { "" };
        let _ = write!(
            legend,
            r#"<span><i style="background:{}"></i><bdi>{}</bdi>{}: {}{won}</span>"#,
            colour(p.seat),
            escape(&p.name),
            if p.bot.is_some() { " (bot)" } else { "" },
            escape(&money(last))
        );
    }
    format!(
        r#"<figure class="chart" data-testid="chart"><div>{}</div><figcaption class="legend">{legend}</figcaption></figure>"#,
        chart_svg(view)
    )
}
