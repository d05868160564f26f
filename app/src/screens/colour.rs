//! One colour per player, by seat, the same in the standings, the results and the chart.

use shared::ids::SeatId;

/// Distinguishable, and AA against white as lines and dots.
const COLOURS: [&str; 10] = [
    "#1d4ed8", "#b91c1c", "#047857", "#7c3aed", "#b45309", "#0e7490", "#be185d", "#4d7c0f", "#374151",
    "#9a3412",
];

pub fn colour(seat: SeatId) -> &'static str {
    COLOURS[usize::from(seat.0) % COLOURS.len()]
}
