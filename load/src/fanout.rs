//! Who of a game's players has heard of each action, and when: an action's latency is the time
//! from its sending to the last of them hearing of it. One per game (or floor room), shared by
//! its bots; they all run in this process, so one monotonic clock times both ends.

use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

use crate::metrics::{Kind, Metrics};

/// An action whose effect every player should hear of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// The game's start (the host's `start`, or the join that filled the game).
    Start,
    /// Seat `seat` shipped in round `round`.
    Ship { round: u8, seat: u8 },
    /// The floor's echo of the `n`th message of the socket numbered `from`.
    Echo { from: usize, n: u64 },
}

#[derive(Debug)]
struct Spread {
    kind: Kind,
    sent: Instant,
    /// Bit `i` set once reader `i` heard of it.
    heard: u64,
    last: Instant,
}

/// One game's record of actions and round starts.
#[derive(Debug)]
pub struct Fanout {
    /// Players expected to hear of everything: the bots that read their socket.
    readers: usize,
    actions: HashMap<Action, Spread>,
    /// When each reader saw each round start.
    round_starts: BTreeMap<u8, Vec<Instant>>,
    /// When a bot last tapped, and last shipped: a kill is timed against them.
    pub last_tap: Option<Instant>,
    pub last_ship: Option<Instant>,
}

impl Fanout {
    pub fn new(readers: usize) -> Self {
        Self {
            readers,
            actions: HashMap::new(),
            round_starts: BTreeMap::new(),
            last_tap: None,
            last_ship: None,
        }
    }

    /// `action` was sent (or, for a start by filling the game, made) at `at`.
    pub fn sent(&mut self, action: Action, kind: Kind, at: Instant) {
        if kind == Kind::Ship {
            self.last_ship = Some(at);
        }
        self.actions.insert(action, Spread { kind, sent: at, heard: 0, last: at });
    }

    /// Reader `reader` heard of `action` at `at`; answers the action's kind if it was sent.
    pub fn heard(&mut self, action: Action, reader: usize, at: Instant) -> Option<Kind> {
        let spread = self.actions.get_mut(&action)?;
        let bit = 1u64 << reader.min(63);
        if spread.heard & bit == 0 {
            spread.heard |= bit;
            spread.last = spread.last.max(at);
        }
        Some(spread.kind)
    }

    /// A reader saw round `round` start at `at`.
    pub fn round_started(&mut self, round: u8, at: Instant) {
        self.round_starts.entry(round).or_default().push(at);
    }

    /// When the first reader saw round `round` start.
    pub fn first_start(&self, round: u8) -> Option<Instant> {
        self.round_starts.get(&round).and_then(|starts| starts.iter().min().copied())
    }

    /// Moves what is complete into `metrics`: latencies of actions every reader heard of, the
    /// skew of rounds every reader saw start; the rest is counted as incomplete.
    pub fn settle(&self, metrics: &mut Metrics) {
        let everyone = if self.readers >= 64 { u64::MAX } else { (1u64 << self.readers) - 1 };
        for spread in self.actions.values() {
            if spread.heard & everyone == everyone {
                metrics.sample(spread.kind, spread.last.saturating_duration_since(spread.sent));
            } else {
                *metrics.incomplete.entry(spread.kind).or_default() += 1;
            }
        }
        // One reader alone has no spread to measure.
        let spread = |starts: &&Vec<Instant>| starts.len() == self.readers && self.readers > 1;
        for starts in self.round_starts.values().filter(spread) {
            let (Some(first), Some(last)) = (starts.iter().min(), starts.iter().max()) else { continue };
            metrics.skew.push(last.saturating_duration_since(*first).as_secs_f64() * 1_000.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn times_an_action_to_its_last_reader_and_counts_the_rest_incomplete() {
        let t0 = Instant::now();
        let mut fanout = Fanout::new(2);
        fanout.sent(Action::Ship { round: 1, seat: 0 }, Kind::Ship, t0);
        fanout.sent(Action::Ship { round: 1, seat: 1 }, Kind::Ship, t0);
        fanout.heard(Action::Ship { round: 1, seat: 0 }, 0, t0 + Duration::from_millis(2));
        fanout.heard(Action::Ship { round: 1, seat: 0 }, 1, t0 + Duration::from_millis(5));
        fanout.heard(Action::Ship { round: 1, seat: 1 }, 1, t0 + Duration::from_millis(5));
        assert_eq!(fanout.heard(Action::Start, 0, t0), None);
        let mut metrics = Metrics::default();
        fanout.settle(&mut metrics);
        assert_eq!(metrics.latency[&Kind::Ship], vec![5.0]);
        assert_eq!(metrics.incomplete[&Kind::Ship], 1);
    }
}
