//! Settling a round (profit, burn, elimination) and ending the game (winners).

use super::{Game, Record};
use crate::ids::SeatId;
use crate::protocol::Event;
use crate::rules::{ELIMINATION_BELOW, MIN_BUILD_MS, RESULTS_MS, profit};
use crate::view::{Phase, RoundRow, RoundSummary, Standing};

impl Game {
    /// Every active player's product ships (unshipped ones with the clicks so far, at the round's
    /// full length), earns its profit and pays the burn; those left below $1 are eliminated.
    pub(super) fn settle(&mut self, now: u64) {
        let rules = self.config.rules;
        let round = self.round;
        let mut rows = Vec::new();
        for seat in self.seats.iter_mut().filter(|s| s.is_active()) {
            // The time the profit is paid for, as the results say: a product shipped sooner
            // counts as built in a second.
            let ms = seat.product.shipped_ms.unwrap_or(rules.round_ms).max(MIN_BUILD_MS);
            seat.product.shipped_ms = Some(ms);
            let clicks = seat.product.clicks;
            let profit = profit(clicks, ms);
            seat.capital = seat.capital + profit - rules.burn;
            let eliminated = seat.capital < ELIMINATION_BELOW;
            if eliminated {
                seat.standing = Standing::Eliminated { round };
            }
            rows.push(RoundRow {
                seat: seat.id,
                clicks,
                ms,
                profit,
                burn: rules.burn,
                capital: seat.capital,
                eliminated,
            });
        }
        let eliminated = rows.iter().filter(|r| r.eliminated).count();
        let active = self.active().count();
        self.record(Record::RoundSettled { round, active, eliminated });
        let summary = RoundSummary { round, rows };
        self.history.push(summary.clone());
        self.broadcast(Event::RoundResults { summary });
        if self.active().count() <= 1 || round >= rules.max_rounds {
            self.finish(now);
        } else {
            self.phase = Phase::Results { round, next_at: now + RESULTS_MS };
            self.broadcast(Event::Phase { phase: self.phase });
            self.save();
        }
    }

    /// Ends the game and names the winners.
    pub(super) fn finish(&mut self, now: u64) {
        self.winners = self.winners();
        self.record(Record::Ended { rounds: self.round, winners: self.winners.len() });
        self.phase = Phase::Over { ended_at: now };
        self.round_closes_at = None;
        self.broadcast(Event::Phase { phase: self.phase });
        self.broadcast(Event::GameOver { winners: self.winners.clone() });
        self.save();
    }

    /// The last active player; with several (after the last round) or none (all went broke in
    /// the same round), the highest capital among them; an exact tie is shared.
    fn winners(&self) -> Vec<SeatId> {
        let active: Vec<_> = self.active().collect();
        let last_round = self.history.last().map(|s| s.round);
        let pool: Vec<_> = if !active.is_empty() {
            active
        } else {
            let broke_together: Vec<_> = self
                .seats
                .iter()
                .filter(|s| {
                    !s.left
                        && matches!(s.standing, Standing::Eliminated { round } if Some(round) == last_round)
                })
                .collect();
            if broke_together.is_empty() {
                // Only forfeits ended it: nobody is left to win.
                return Vec::new();
            }
            broke_together
        };
        let best = pool.iter().map(|s| s.capital).max();
        pool.iter().filter(|s| Some(s.capital) == best).map(|s| s.id).collect()
    }
}
