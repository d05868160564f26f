//! A card drawn: a navy band with the game's name and the sentence that matters (whose game,
//! the round, who won), the body on the page's paper, a gold rule along the bottom, like the
//! site's own picture (`public/preview.png`) and the app's colours.

use shared::chart::{self, Chart};
use shared::ids::display_code;
use shared::money::money;

use super::canvas::{Align, Canvas, GOLD, INK, MUTED, NAVY, ON_NAVY, PAPER, RULE, Style, WHITE, seat_colour};
use super::text::Weight::{Bold, Regular};
use super::{Card, Entry, HEIGHT, Scene, WIDTH};

const W: f32 = WIDTH as f32;
const H: f32 = HEIGHT as f32;
const MARGIN: f32 = 64.0;
const RIGHT: f32 = W - MARGIN;
const BAND: f32 = 176.0;
/// Rows of players a card lists before it says "and N more".
const ROWS: usize = 6;
const ROW: f32 = 48.0;
const FIRST_ROW: f32 = 284.0;

const LOGO: Style = Style::new(34.0, Bold, WHITE);
const CODE: Style = Style::new(26.0, Regular, ON_NAVY);
const TITLE: Style = Style::new(56.0, Bold, WHITE);
const HEADING: Style = Style::new(28.0, Bold, MUTED);
const NAME: Style = Style::new(32.0, Regular, INK);
const FIGURE: Style = Style::new(30.0, Bold, INK);
const SMALL: Style = Style::new(26.0, Regular, MUTED);
const TICK: Style = Style::new(18.0, Regular, MUTED);
const BUTTON: Style = Style::new(34.0, Bold, INK);

/// The card as PNG; `None` only if the picture could not be made or encoded.
pub fn png(card: &Card) -> Option<Vec<u8>> {
    let mut c = Canvas::new(WIDTH, HEIGHT, PAPER)?;
    c.rect(0.0, 0.0, W, BAND, NAVY);
    let logo = c.text("Startup Cli", (MARGIN, 66.0), LOGO, Align::Left, 400.0);
    c.text("X", (MARGIN + logo, 66.0), LOGO.in_colour(GOLD), Align::Left, 60.0);
    c.text(&format!("Game {}", display_code(&card.code)), (RIGHT, 64.0), CODE, Align::Right, 500.0);
    c.rect(0.0, H - 28.0, W, 28.0, GOLD);
    match &card.scene {
        Scene::Waiting { players, cap, rules } => waiting(&mut c, &card.whose, players, *cap, rules),
        Scene::Running { round, of, standings } => {
            title(&mut c, &format!("{}: round {round} of {of}", card.whose));
            c.text("Standings so far", (MARGIN, 236.0), HEADING, Align::Left, 600.0);
            ranked(&mut c, standings, RIGHT);
            c.text("Open the link to watch live.", (MARGIN, 584.0), SMALL, Align::Left, 1000.0);
        }
        Scene::Over { headline, standings, chart } => {
            title(&mut c, headline);
            c.text("Final standings", (MARGIN, 236.0), HEADING, Align::Left, 480.0);
            ranked(&mut c, standings, 560.0);
            capital_chart(&mut c, chart);
        }
        Scene::Closed => {
            title(&mut c, "This game closed before it started");
            c.text("Start your own: a multiplayer clicker,", (MARGIN, 280.0), NAME, Align::Left, 1072.0);
            c.text("played live with friends.", (MARGIN, 326.0), NAME, Align::Left, 1072.0);
            button(&mut c, MARGIN, "Play Startup CliX");
        }
    }
    c.png()
}

/// The band's sentence: smaller down to 40 px where it is long, then cut.
fn title(c: &mut Canvas, words: &str) {
    let room = RIGHT - MARGIN;
    let wide = super::text::width(words, TITLE.size, TITLE.weight);
    let size = if wide > room { (TITLE.size * room / wide).max(40.0) } else { TITLE.size };
    c.text(words, (MARGIN, 142.0), Style { size, ..TITLE }, Align::Left, room);
}

/// A gold button at `x`, near the bottom, as the site's own picture has.
fn button(c: &mut Canvas, x: f32, words: &str) {
    let w = super::text::width(words, BUTTON.size, BUTTON.weight) + 88.0;
    c.rounded(x, 470.0, w, 84.0, 18.0, GOLD);
    c.text(words, (x + w / 2.0, 524.0), BUTTON, Align::Centre, w);
}

/// A player's colour, as the app's dot beside a name.
fn dot(c: &mut Canvas, x: f32, baseline: f32, entry: &Entry) {
    c.circle(x, baseline - 11.0, 11.0, seat_colour(entry.seat));
}

/// A name with what the app says after it ("(bot)", "(host)"), cut to `max` pixels.
fn name(c: &mut Canvas, entry: &Entry, at: (f32, f32), style: Style, max: f32) {
    let mut marks = Vec::new();
    if entry.bot {
        marks.push("bot");
    }
    if entry.host {
        marks.push("host");
    }
    let after = if marks.is_empty() { String::new() } else { format!(" ({})", marks.join(", ")) };
    let after_w = super::text::width(&after, style.size, Regular);
    let drawn = c.text(&entry.name, at, style, Align::Left, (max - after_w).max(0.0));
    c.text(
        &after,
        (at.0 + drawn, at.1),
        style.in_colour(MUTED).with_weight(Regular),
        Align::Left,
        after_w + 1.0,
    );
}

fn waiting(c: &mut Canvas, whose: &str, players: &[Entry], cap: u8, rules: &[String]) {
    title(c, &format!("Join {whose}"));
    c.text("Who's in", (MARGIN, 236.0), HEADING, Align::Left, 560.0);
    let free = usize::from(cap).saturating_sub(players.len());
    let row = rows(c, players, MARGIN + 36.0, |c, entry, y| {
        dot(c, MARGIN + 12.0, y, entry);
        name(c, entry, (MARGIN + 36.0, y), NAME, 560.0);
    });
    // The seats still free, as empty places in the list.
    for i in 0..free.min(ROWS - row) {
        let y = FIRST_ROW + (row + i) as f32 * ROW;
        c.circle(MARGIN + 12.0, y - 11.0, 11.0, RULE);
        c.text("a free seat", (MARGIN + 36.0, y), NAME.in_colour(MUTED), Align::Left, 560.0);
    }
    let x = 720.0;
    let seats = match free {
        0 => "No seat free".to_string(),
        1 => "1 seat free".to_string(),
        n => format!("{n} seats free"),
    };
    c.text(&seats, (x, 250.0), Style::new(48.0, Bold, NAVY), Align::Left, RIGHT - x);
    c.text(&format!("of {cap}"), (x, 292.0), SMALL, Align::Left, RIGHT - x);
    for (i, line) in rules.iter().enumerate() {
        c.text(line, (x, 348.0 + i as f32 * 36.0), SMALL, Align::Left, RIGHT - x);
    }
    button(c, x, if free == 0 { "Watch live" } else { "Join the game" });
}

/// Lists `entries` a row each, drawn by `row` at its baseline, at most [`ROWS`] rows: where there
/// are more, the last says "and N more" at `words`. Returns the rows used.
fn rows(
    c: &mut Canvas,
    entries: &[Entry],
    words: f32,
    mut row: impl FnMut(&mut Canvas, &Entry, f32),
) -> usize {
    let shown = if entries.len() > ROWS { ROWS - 1 } else { entries.len() };
    for (i, entry) in entries.iter().take(shown).enumerate() {
        row(c, entry, FIRST_ROW + i as f32 * ROW);
    }
    if entries.len() == shown {
        return shown;
    }
    let more = entries.len() - shown;
    c.text(&format!("and {more} more"), (words, FIRST_ROW + shown as f32 * ROW), SMALL, Align::Left, 400.0);
    shown + 1
}

/// Players ranked, each row from the left margin to `right`: rank, colour, name, capital.
fn ranked(c: &mut Canvas, standings: &[Entry], right: f32) {
    rows(c, standings, MARGIN + 70.0, |c, entry, y| {
        let ink = if entry.out { MUTED } else { INK };
        c.text(&entry.rank.to_string(), (MARGIN + 22.0, y), FIGURE.in_colour(ink), Align::Right, 40.0);
        dot(c, MARGIN + 46.0, y, entry);
        let figure = if entry.won { FIGURE } else { FIGURE.in_colour(ink).with_weight(Regular) };
        let capital = c.text(&money(entry.capital), (right, y), figure, Align::Right, 260.0);
        let style = if entry.won { NAME.with_weight(Bold) } else { NAME.in_colour(ink) };
        name(c, entry, (MARGIN + 70.0, y), style, right - capital - MARGIN - 86.0);
    });
}

/// The game-over chart on a white panel at the right: the money axis, the rounds, a line per
/// player in their colour, the winners' heavier and marked.
fn capital_chart(c: &mut Canvas, chart: &Chart) {
    let (x0, y0, w, h) = (600.0, 204.0, RIGHT - 600.0, 378.0);
    c.rounded(x0, y0, w, h, 16.0, WHITE);
    let (left, top, right, bottom) = (x0 + 104.0, y0 + 26.0, x0 + w - 28.0, y0 + h - 54.0);
    let px = |x: i64| left + x as f32 * (right - left) / chart::WIDTH as f32;
    let py = |y: i64| top + y as f32 * (bottom - top) / chart::HEIGHT as f32;
    for tick in &chart.ticks {
        let colour = if tick.is_zero() { MUTED } else { RULE };
        c.rect(left, py(tick.y) - 1.0, right - left, 2.0, colour);
        c.text(&money(tick.dollars), (left - 12.0, py(tick.y) + 6.0), TICK, Align::Right, 96.0);
    }
    for mark in &chart.rounds {
        let label = if mark.round == 0 { "start".to_string() } else { mark.round.to_string() };
        c.text(&label, (px(mark.x), bottom + 28.0), TICK, Align::Centre, 80.0);
    }
    c.text("round", ((left + right) / 2.0, bottom + 48.0), TICK, Align::Centre, 200.0);
    // The winners drawn last, over the others.
    let mut lines: Vec<_> = chart.lines.iter().collect();
    lines.sort_by_key(|l| l.won);
    for line in lines {
        let colour = seat_colour(line.seat);
        let points: Vec<(f32, f32)> = line.points.iter().map(|&(x, y)| (px(x), py(y))).collect();
        c.polyline(&points, if line.won { 7.0 } else { 4.0 }, colour);
        if line.won
            && let Some(&(x, y)) = points.last()
        {
            c.circle(x, y, 10.0, colour);
        }
    }
}
