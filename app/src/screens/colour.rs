//! One colour per player, by seat, the same in the standings, the results and the chart.

use shared::ids::SeatId;

/// The classes of the ten colours (`public/style.css`, `.c0` to `.c9`: distinguishable, and AA
/// against white as lines and dots). A class rather than a `style` attribute: the page's
/// Content-Security-Policy allows no inline style.
const COLOURS: [&str; 10] = ["c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"];

/// The class that gives seat `seat` its colour (as `--c`, and as the background of a dot).
pub fn colour(seat: SeatId) -> &'static str {
    COLOURS[usize::from(seat.0) % COLOURS.len()]
}
