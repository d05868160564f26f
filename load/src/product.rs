//! One round's product on a bot's side, as a person builds it in the app: clicks at the bot's own
//! human rate with jittered gaps, gathered by the app's own [`Journal`] (batches sent every
//! [`CLICK_BATCH_MS`] or once full, numbered, kept until the server stores them and sent again
//! after a reconnect), and a ship at a varied moment (or never: the server ships it at the end).
//! Pure: the caller brings the clock and the randomness.

use std::time::{Duration, Instant};

use shared::journal::Journal;
use shared::protocol::ClientMsg;
use shared::rules::CLICK_BATCH_MS;

/// Slowest and fastest click rates a bot picks from, per second: a relaxed player to a frantic one,
/// below the server's bound of 20 a second.
pub const RATE_RANGE: (f64, f64) = (4.0, 18.0);
/// Share of products a player never ships, leaving it to the server at the round's end.
const NEVER_SHIPPED: f64 = 0.2;
/// Nobody ships sooner than this into a round, unless a run says otherwise ([`Pace`]).
const SHIP_FROM_MS: u32 = 1_500;

/// How a bot plays a round, beside its rate: how often its held taps go out, and how soon into a
/// round it may ship. The app's own by default; a run that times replies may ask for more of
/// them (`clix-load fault flood`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pace {
    /// How often held taps go out as a batch.
    pub batch: Duration,
    /// Nobody ships sooner than this into a round: a player who shipped taps no more.
    pub ship_from: Duration,
}

impl Default for Pace {
    fn default() -> Self {
        Self { batch: Duration::from_millis(CLICK_BATCH_MS), ship_from: ms(SHIP_FROM_MS) }
    }
}

/// A bot's click rate, per second, picked once for the whole game.
pub fn pick_rate(rng: &mut fastrand::Rng) -> f64 {
    RATE_RANGE.0 + rng.f64() * (RATE_RANGE.1 - RATE_RANGE.0)
}

/// One round's product being built.
#[derive(Debug)]
pub struct Build {
    pub round: u8,
    started: Instant,
    round_ms: u32,
    rate: f64,
    next_click: Option<Instant>,
    /// Every tap and the ship, until the server has stored them.
    pub journal: Journal,
    /// Taps made this round: what the player would count.
    pub tapped: u32,
    next_flush: Instant,
    /// How often held taps go out.
    batch: Duration,
    ship_at: Option<Instant>,
    shipped: bool,
    /// The round's window has passed on this screen: no more clicks.
    closed: bool,
}

impl Build {
    /// Starts building round `round`, which began at `started` on this screen; `now` is later
    /// than `started` when the bot arrives mid-round.
    pub fn new(
        round: u8,
        started: Instant,
        round_ms: u32,
        rate: f64,
        pace: Pace,
        rng: &mut fastrand::Rng,
    ) -> Self {
        let now = Instant::now().max(started);
        let batch = pace.batch;
        let ship_at = (rng.f64() >= NEVER_SHIPPED).then(|| {
            let from = u32::try_from(pace.ship_from.as_millis()).unwrap_or(u32::MAX);
            let span = round_ms.saturating_sub(from).max(1);
            started + ms(from.saturating_add(rng.u32(0..span)))
        });
        let mut build = Self {
            round,
            started,
            round_ms,
            rate,
            next_click: None,
            // A tab of its own: a seat played from several sockets numbers each one's inputs apart.
            journal: Journal::new(round, rng.u32(1..)),
            tapped: 0,
            next_flush: started + batch,
            batch,
            ship_at,
            shipped: false,
            closed: false,
        };
        build.next_click = Some(now + build.gap(rng));
        while build.next_flush <= now {
            build.next_flush += batch;
        }
        build
    }

    /// When [`Build::poll`] next has something to do; `None` once shipped or closed.
    pub fn deadline(&self) -> Option<Instant> {
        if self.shipped || self.closed {
            return None;
        }
        let flush = (self.journal.open_taps() > 0).then_some(self.next_flush);
        let end = Some(self.started + ms(self.round_ms));
        [self.next_click, flush, self.ship_at, end].into_iter().flatten().min()
    }

    /// Milliseconds since the round started on this screen.
    pub fn elapsed(&self, now: Instant) -> u32 {
        u32::try_from(now.saturating_duration_since(self.started).as_millis()).unwrap_or(u32::MAX)
    }

    /// Clicks, batches and the ship due by `now`, in the order to send them.
    pub fn poll(&mut self, now: Instant, rng: &mut fastrand::Rng) -> Vec<ClientMsg> {
        let mut out = Vec::new();
        if self.shipped || self.closed {
            return out;
        }
        let end = self.started + ms(self.round_ms);
        // Another tab of the seat shipped: the product is done, as the app's button says.
        if self.journal.shipped() {
            self.shipped = true;
            return out;
        }
        if let Some(at) = self.next_click.filter(|at| *at <= now && *at <= end) {
            self.tapped += 1;
            let stamp = self.elapsed(at.max(now).min(end));
            // A late timer does not make a person catch up: the next click follows this one.
            self.next_click = Some(now + self.gap(rng));
            out.extend(self.journal.tap(stamp));
        }
        if now >= self.next_flush {
            out.extend(self.flush());
            while self.next_flush <= now {
                self.next_flush += self.batch;
            }
        }
        if self.ship_at.is_some_and(|at| at <= now) {
            out.extend(self.journal.ship(self.elapsed(now)));
            self.shipped = true;
        } else if now >= end {
            out.extend(self.flush());
            self.closed = true;
        }
        out
    }

    fn flush(&mut self) -> Option<ClientMsg> {
        self.journal.close_batch()
    }

    /// The time to the next click: the bot's mean gap, jittered by ±50%.
    fn gap(&self, rng: &mut fastrand::Rng) -> Duration {
        Duration::from_secs_f64((0.5 + rng.f64()) / self.rate)
    }
}

fn ms(ms: u32) -> Duration {
    Duration::from_millis(u64::from(ms))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Plays a round on a virtual clock and returns what was sent.
    fn play(seed: u64, rate: f64) -> Vec<ClientMsg> {
        let mut rng = fastrand::Rng::with_seed(seed);
        let start = Instant::now();
        let mut build = Build::new(1, start, 10_000, rate, Pace::default(), &mut rng);
        let mut sent = Vec::new();
        while let Some(at) = build.deadline() {
            sent.extend(build.poll(at, &mut rng));
        }
        sent
    }

    #[test]
    fn batches_stay_within_the_bound_and_the_ship_comes_last() {
        for seed in 0..50 {
            let sent = play(seed, 18.0);
            let mut last_at = 0;
            for (i, msg) in sent.iter().enumerate() {
                match *msg {
                    ClientMsg::Click { count, at, .. } => {
                        assert!((1..=shared::rules::CLICK_BATCH_MAX).contains(&count));
                        assert!(at >= last_at && at <= 10_000);
                        last_at = at;
                    }
                    ClientMsg::Ship { at, .. } => {
                        assert_eq!(i, sent.len() - 1);
                        assert!((SHIP_FROM_MS..=10_000).contains(&at));
                    }
                    ref other => panic!("unexpected {other:?}"),
                }
            }
        }
    }

    #[test]
    fn clicks_come_at_about_the_chosen_rate() {
        let sent = play(7, 10.0);
        let clicks: u32 =
            sent.iter().map(|m| if let ClientMsg::Click { count, .. } = m { *count } else { 0 }).sum();
        let until = sent.iter().rev().find_map(|m| match m {
            ClientMsg::Ship { at, .. } => Some(*at),
            _ => None,
        });
        let secs = f64::from(until.unwrap_or(10_000)) / 1000.0;
        let rate = f64::from(clicks) / secs;
        assert!((7.0..13.0).contains(&rate), "rate {rate}");
    }
}

#[cfg(test)]
mod paid {
    use std::time::Instant;

    use shared::game::Game;
    use shared::ids::{ConnId, SeatId};
    use shared::protocol::{ClientMsg, PROTOCOL_VERSION};
    use shared::rules::{GameConfig, Rules};
    use shared::view::Phase;

    use super::{Build, Pace};

    /// A bot's round played against the game itself, both on one virtual clock: every tap is paid.
    #[test]
    fn every_tap_a_bot_makes_is_paid() {
        for seed in 0..40 {
            let mut rng = fastrand::Rng::with_seed(seed);
            let rules = Rules { round_ms: 5_000, ..Rules::default() };
            let t0 = 1_700_000_000_000u64;
            let mut game =
                Game::new("paidgame2345".into(), GameConfig::private(2, rules).expect("valid"), 7, t0);
            for n in 0..2u64 {
                let token = format!("token-{n}");
                game.handle_join(&format!("P{n}"), token.clone(), t0).expect("seat");
                game.handle_connect(ConnId(n + 1), None, None, t0);
                game.handle_message(
                    ConnId(n + 1),
                    ClientMsg::Hello { protocol: PROTOCOL_VERSION, token: Some(token) },
                    t0,
                );
            }
            let start = t0 + u64::from(rules.intermission_ms);
            game.handle_timeout(start);
            assert!(matches!(game.phase(), Phase::Round { .. }));
            let base = Instant::now();
            let rate = super::RATE_RANGE.0 + rng.f64() * (super::RATE_RANGE.1 - super::RATE_RANGE.0);
            let mut build = Build::new(1, base, rules.round_ms, rate, Pace::default(), &mut rng);
            while let Some(at) = build.deadline() {
                let now = t0 + u64::from(rules.intermission_ms) + at.duration_since(base).as_millis() as u64;
                for msg in build.poll(at, &mut rng) {
                    game.handle_message(ConnId(1), msg, now);
                }
                while let Some(t) = game.poll_transmit() {
                    if t.to.contains(&ConnId(1)) {
                        build.journal.hear(t.msg.round, &t.msg.event);
                    }
                }
            }
            // The round closes its grace after its end; no round trip was measured.
            game.handle_timeout(start + u64::from(rules.round_ms) + rules.round_grace_ms(0));
            let rows = game.view(None).history[0].rows.clone();
            let paid = rows.iter().find(|r| r.seat == SeatId(0)).map_or(0, |r| r.clicks);
            assert_eq!(paid, build.tapped, "seed {seed} at {rate:.1}/s: {} refused", build.journal.refused());
        }
    }
}
