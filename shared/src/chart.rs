//! The capital chart of game over, as geometry: every player's capital round by round, rounds
//! along, a money axis in round steps with the $0 line, the winners marked. The app draws it as
//! SVG on the game-over screen and the Worker into the picture of a finished game's link, so
//! both show the same chart.
//!
//! Whole numbers in a box of [`WIDTH`] × [`HEIGHT`], y growing downwards: the app writes them
//! without float formatting, which would add to its download.

use crate::ids::SeatId;
use crate::view::GameView;

/// The plot's width: round 0 (the start) at x = 0, the last round at `WIDTH`.
pub const WIDTH: i64 = 3000;
/// The plot's height: the axis's top at y = 0, its bottom at `HEIGHT`.
pub const HEIGHT: i64 = 1400;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Chart {
    /// The money axis, bottom to top.
    pub ticks: Vec<Tick>,
    /// The rounds labelled along the bottom, at most about ten however long the game.
    pub rounds: Vec<RoundMark>,
    /// One line per player, in the view's order.
    pub lines: Vec<Line>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Tick {
    pub y: i64,
    pub dollars: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RoundMark {
    pub x: i64,
    /// 0 is the start.
    pub round: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Line {
    pub seat: SeatId,
    /// `(x, y)` from the start to the player's last settled round.
    pub points: Vec<(i64, i64)>,
    pub won: bool,
}

impl Tick {
    /// The $0 line, drawn stronger than the grid.
    pub fn is_zero(&self) -> bool {
        self.dollars == 0
    }
}

/// A round step for the money axis: 1, 2 or 5 times a power of ten, at least `rough`.
fn nice_step(rough: i64) -> i64 {
    let mut unit = 1_i64;
    // Divided rather than multiplied: near `i64::MAX` a saturating product would never pass it.
    while unit <= rough / 10 {
        unit *= 10;
    }
    [1, 2, 5, 10].into_iter().map(|k| unit.saturating_mul(k)).find(|s| *s >= rough).unwrap_or(unit)
}

impl Chart {
    pub fn of(view: &GameView) -> Self {
        let rounds = view.history.len().max(1) as i64;
        let start = view.rules.starting_capital;
        let capitals: Vec<(SeatId, Vec<i64>, bool)> = view
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
        let all = || capitals.iter().flat_map(|c| c.1.iter().copied());
        let high = all().max().unwrap_or(start).max(1);
        let low = all().min().unwrap_or(0).min(0);
        let step = nice_step((high - low) / 4 + 1);
        let (min, max) = (low.div_euclid(step) * step, (high + step - 1).div_euclid(step) * step);
        // Saturating: no capital the rules allow comes near overflow, but a drawing must never panic.
        let y =
            |c: i64| HEIGHT - (c.saturating_sub(min)).saturating_mul(HEIGHT) / max.saturating_sub(min).max(1);
        let x = |r: i64| r * WIDTH / rounds;
        let ticks = std::iter::successors(Some(min), |t| Some(t + step))
            .take_while(|t| *t <= max)
            .map(|dollars| Tick { y: y(dollars), dollars })
            .collect();
        let every = (rounds + 9) / 10;
        let marks = (0..=rounds)
            .filter(|r| r % every == 0 || *r == rounds)
            .map(|round| RoundMark { x: x(round), round });
        let lines = capitals
            .into_iter()
            .map(|(seat, points, won)| Line {
                seat,
                points: points.iter().enumerate().map(|(r, c)| (x(r as i64), y(*c))).collect(),
                won,
            })
            .collect();
        Chart { ticks, rounds: marks.collect(), lines }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_one_two_or_five_times_a_power_of_ten() {
        assert_eq!([1, 3, 7, 11, 4_000, 10_751].map(nice_step), [1, 5, 10, 20, 5_000, 20_000]);
        // Never a panic, whatever is asked.
        assert!(nice_step(i64::MAX) > 0);
    }
}
