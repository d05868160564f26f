//! Round results: per player clicks, time to ship, profit, new capital and eliminations; the
//! burn, the same for everyone, said once. Four columns fit a 360 px phone without scrolling.

use std::fmt::Write;

use shared::view::{GameView, Phase, RoundSummary, Standing};

use super::Screen;
use super::markup::{dot, escape, player};
use super::paint::Painter;
use crate::money::money;

/// `ms` as seconds with one decimal, in whole-number arithmetic: float formatting would add to
/// the download.
pub fn seconds(ms: u32) -> String {
    format!("{}.{} s", ms / 1000, ms % 1000 / 100)
}

/// The table of one settled round, with the players' names from `view`.
pub fn results_markup(view: &GameView, summary: &RoundSummary) -> String {
    let burn = summary.rows.first().map_or(0, |r| r.burn);
    let mut out = format!(
        r#"<table class="results" data-testid="results"><caption data-burn="{burn}"><span data-testid="results-round">Round {}</span><span class="sub"> · each startup burned {}</span></caption><thead><tr><th scope="col">Player</th><th scope="col">Clicks</th><th scope="col">Profit</th><th scope="col">Capital</th></tr></thead><tbody>"#,
        summary.round,
        escape(&money(burn))
    );
    for row in &summary.rows {
        let who = view
            .player(row.seat)
            .map(|p| player(p, r#"class="name" data-testid="row-name""#))
            .unwrap_or_default();
        let _ = write!(
            out,
            r#"<tr data-testid="result-row"{}><th scope="row">{}{}{}</th><td><span data-testid="row-clicks">{}</span><span class="sub" data-testid="row-ms" data-ms="{}">in {}</span></td><td data-testid="row-profit">{}</td><td data-testid="capital">{}</td></tr>"#,
            if row.eliminated { r#" class="out""# } else { "" },
            dot(row.seat),
            who,
            if row.eliminated { r#"<span class="sub">broke</span>"# } else { "" },
            row.clicks,
            row.ms,
            seconds(row.ms),
            escape(&money(row.profit)),
            escape(&money(row.capital)),
        );
    }
    out.push_str("</tbody></table>");
    out
}

/// Paints the results of the round just settled, and when the next one starts.
pub fn draw(screen: &Screen, p: &mut Painter, v: &GameView) {
    p.frame("results", || {
        // The seconds tick outside the live region: a screen reader hears the results once,
        // and the round itself when its countdown begins.
        r#"<section class="card"><div aria-live="polite"><h1>Round results</h1><div class="table" data-part="results"></div><p class="out-note" data-part="fate" hidden></p></div><p class="next" aria-hidden="true" data-testid="next-round" data-part="next"></p></section>"#
            .into()
    });
    p.html("results", &v.history.last().map(|summary| results_markup(v, summary)).unwrap_or_default());
    let broke_now = v.me().is_some_and(|me| me.standing == Standing::Eliminated { round: v.phase.round() });
    p.text(
        "fate",
        if broke_now { "Your startup went broke. You can watch the rest of the game." } else { "" },
    );
    p.flag("fate", "hidden", !broke_now);
    if let Phase::Results { round, next_at } = v.phase {
        // The round itself starts after the next countdown, which the countdown screen counts to.
        let left = screen.seconds_until(next_at + u64::from(v.rules.intermission_ms));
        let next = round.saturating_add(1);
        p.text("next", &format!("Round {next} of {} starts in {left} s", v.rules.max_rounds));
    }
}
