//! Bots: seats the game plays itself, so that nobody waits alone for a quick-play game and a host
//! can practise. A bot is plain code like the rest of the game: no clock and no randomness of its
//! own (the room hands it a seed, and time comes from the game's own timers), and its taps go
//! through the same click bound as anyone's. This module plans what a bot does in a round; the
//! game plays the plan.

use serde::{Deserialize, Serialize};

use crate::rules::MIN_BUILD_MS;

/// How well a bot plays: about 8, 11 and 15 clicks a second, each with a human spread.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Easy,
    Steady,
    Sharp,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Easy, Level::Steady, Level::Sharp];

    /// Clicks a second the bot aims at.
    pub fn rate(self) -> u32 {
        match self {
            Self::Easy => 8,
            Self::Steady => 11,
            Self::Sharp => 15,
        }
    }

    /// The level as people read it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Easy => "easy",
            Self::Steady => "steady",
            Self::Sharp => "sharp",
        }
    }
}

/// Names bots sit under: pioneers of computing, so that a bot reads as one at a glance even
/// before its mark. A name taken already gets the game's usual suffix.
pub const NAMES: [&str; 12] = [
    "Ada", "Grace", "Alan", "Edsger", "Barbara", "Dennis", "Radia", "Linus", "Margaret", "Ken", "Frances",
    "Donald",
];

/// A seeded generator (SplitMix64): the same seed plays the same bot, in a test and after a
/// restart alike.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dice(u64);

impl Dice {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The dice of one seat in one round of a game seeded with `seed`: a bot's round is planned
    /// afresh from these, so that nothing of the plan needs storing and a restart plays it on.
    pub fn for_round(seed: u64, round: u8, seat: u8) -> Self {
        let mut dice =
            Self(seed ^ (u64::from(round) << 8 | u64::from(seat)).wrapping_mul(0xD6E8_FEB8_6659_FD93));
        dice.roll();
        dice
    }

    pub fn roll(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A whole number in `low..=high`.
    pub fn between(&mut self, low: u32, high: u32) -> u32 {
        let span = u64::from(high.saturating_sub(low)) + 1;
        low + (self.roll() % span) as u32
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u32) -> bool {
        self.between(0, 99) < percent
    }
}

/// What a bot does in one round: taps at these moments (ms into the round, rising), then ships
/// at `ship`, or lets the round's end ship for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Turn {
    pub taps: Vec<u32>,
    pub ship: Option<u32>,
}

/// Plans a round of `round_ms` for a bot of `level`.
///
/// Like a person, it reacts to the start a moment late, taps at an uneven pace around its rate
/// with the odd hesitation, and ships when it feels like it: mostly mid-round, sometimes early,
/// sometimes late, now and then not at all.
pub fn turn(level: Level, round_ms: u32, dice: &mut Dice) -> Turn {
    let ship = match dice.between(0, 99) {
        0..=14 => Some(dice.between(35, 55)),
        15..=69 => Some(dice.between(55, 85)),
        70..=89 => Some(dice.between(85, 98)),
        _ => None,
    }
    .map(|percent| (round_ms / 100 * percent).max(MIN_BUILD_MS));
    let until = ship.unwrap_or(round_ms);
    let pace = 1_000 / level.rate();
    let mut taps = Vec::new();
    let mut at = dice.between(250, 700);
    while at <= until {
        taps.push(at);
        // Each gap 50–120 % of the pace; one tap in twenty waits a little longer, which brings
        // the mean back to about the pace.
        let mut gap = pace * dice.between(50, 120) / 100;
        if dice.chance(5) {
            gap += dice.between(150, 500);
        }
        at += gap.max(1);
    }
    Turn { taps, ship }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::timing::ClickLimiter;

    #[test]
    fn the_same_seed_plays_the_same_round() {
        let (mut a, mut b) = (Dice::new(7), Dice::new(7));
        assert_eq!(turn(Level::Steady, 10_000, &mut a), turn(Level::Steady, 10_000, &mut b));
        assert_ne!(turn(Level::Steady, 10_000, &mut a), turn(Level::Steady, 10_000, &mut Dice::new(8)));
    }

    #[test]
    fn levels_feel_different_and_stay_within_the_bound() {
        for (level, low, high) in
            [(Level::Easy, 6.0, 9.0), (Level::Steady, 8.5, 12.5), (Level::Sharp, 12.0, 17.0)]
        {
            let mut dice = Dice::new(42);
            let mut rates = Vec::new();
            for _ in 0..200 {
                let t = turn(level, 10_000, &mut dice);
                let end = t.ship.unwrap_or(10_000);
                assert!(t.taps.windows(2).all(|w| w[0] < w[1]), "taps rise");
                assert!(t.taps.iter().all(|&at| at <= end), "no tap after the ship");
                // Every tap counts under the bound people are held to, one batch a second.
                let mut bound = ClickLimiter::default();
                let mut counted = 0;
                for second in t.taps.chunk_by(|a, b| a / 1_000 == b / 1_000) {
                    counted += bound.take(second.len() as u32, *second.last().expect("a chunk has a tap"));
                }
                assert_eq!(counted as usize, t.taps.len(), "{level:?} lost taps to the bound");
                rates.push(t.taps.len() as f64 * 1_000.0 / f64::from(end));
            }
            let mean = rates.iter().sum::<f64>() / rates.len() as f64;
            assert!((low..high).contains(&mean), "{level:?}: {mean:.1} clicks a second");
        }
    }

    #[test]
    fn ships_come_at_varied_moments_and_sometimes_not_at_all() {
        let mut dice = Dice::new(3);
        let ships: Vec<Option<u32>> = (0..400).map(|_| turn(Level::Steady, 10_000, &mut dice).ship).collect();
        let never = ships.iter().filter(|s| s.is_none()).count();
        let late = ships.iter().filter(|s| s.is_some_and(|ms| ms >= 8_500)).count();
        let early = ships.iter().filter(|s| s.is_some_and(|ms| ms < 5_500)).count();
        assert!(
            (20..70).contains(&never) && (50..120).contains(&late) && (30..100).contains(&early),
            "{never} {late} {early}"
        );
        assert!(ships.iter().flatten().all(|&ms| ms >= MIN_BUILD_MS));
    }
}
