//! What the game waits for: its timers, the one the owner arms in memory and the alarm that
//! must outlive a restart, and what each does when it fires.

use super::Game;
use super::saving::Dirty;
use super::{CleanUp, Record};
use crate::ids::ConnId;
use crate::rules::{
    ABANDON_AFTER_MS, ALARM_SLACK_MS, AWAY_AFTER_MS, EXPIRE_AFTER_MS, MAX_RTT_CREDIT_MS,
    SAVE_CLICKS_WITHIN_MS,
};
use crate::view::Phase;

/// What the game waits for. The earliest is the owner's one timer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Timer {
    /// A public game's start, 20 s after its second player arrived.
    PublicStart,
    /// Bots join a public game whose one player has waited alone long enough.
    BotsFill,
    /// A bot's next taps or its ship.
    BotsPlay,
    /// The end of the countdown before a round.
    IntermissionEnd,
    /// The round stops taking clicks and ships what is left.
    RoundClose,
    /// The round results were shown long enough.
    ResultsEnd,
    /// Some socket has been silent too long.
    Silence,
    /// Counted clicks or a presence are due to be saved.
    SaveSoon,
    /// A waiting game nobody is connected to closes.
    Abandon,
    /// A finished game's state is deleted.
    Expire,
}

impl Game {
    /// Time passed: do whatever is due by `now`.
    pub fn handle_timeout(&mut self, now: u64) {
        self.now = now;
        // Each step moves the game on, so a handful covers any backlog (say, after a long
        // restart); the bound only guards against a mistake looping forever.
        for _ in 0..64 {
            match self.next_timer() {
                Some((timer, at)) if at <= now => self.fire(timer, now),
                _ => return,
            }
        }
    }

    /// When [`Game::handle_timeout`] next has something to do.
    pub fn poll_timeout(&self) -> Option<u64> {
        self.next_timer().map(|(_, at)| at)
    }

    /// When a stored alarm must wake the game if nothing else does: after a restart that no
    /// player reconnects to, or with everyone gone. Silence and coalesced saves matter only while
    /// sockets are open, and while the game is in memory its owner's in-memory timer keeps every
    /// deadline to the millisecond; so the alarm is only a backstop, and it is set once a round
    /// rather than once a phase: from the results on it points past the end of the next round
    /// (countdown, round and its largest grace, plus [`ALARM_SLACK_MS`]), which stays true
    /// through the countdown and the round. An owner sets it when this moves later than the
    /// alarm it set; one that fires early finds nothing due and is set again.
    pub fn poll_alarm(&self) -> Option<u64> {
        let rules = &self.config.rules;
        let round = u64::from(rules.round_ms) + rules.round_grace_ms(MAX_RTT_CREDIT_MS);
        let cycle_end = match self.phase {
            Phase::Results { next_at, .. } => next_at + u64::from(rules.intermission_ms) + round,
            Phase::Intermission { starts_at, .. } => starts_at + round,
            _ => return self.lasting_timer().map(|(_, at)| at),
        };
        Some(cycle_end + ALARM_SLACK_MS)
    }

    fn lasting_timer(&self) -> Option<(Timer, u64)> {
        let phase = match self.phase {
            Phase::Waiting { starts_at: Some(at) } => Some((Timer::PublicStart, at)),
            Phase::Waiting { starts_at: None } | Phase::Closed => None,
            Phase::Intermission { starts_at, .. } => Some((Timer::IntermissionEnd, starts_at)),
            Phase::Round { ends_at, .. } => {
                Some((Timer::RoundClose, self.round_closes_at.unwrap_or(ends_at)))
            }
            Phase::Results { next_at, .. } => Some((Timer::ResultsEnd, next_at)),
            Phase::Over { ended_at } => Some((Timer::Expire, ended_at + EXPIRE_AFTER_MS)),
        };
        let abandon = match (self.phase, self.empty_since) {
            (Phase::Waiting { .. }, Some(since)) => Some((Timer::Abandon, since + ABANDON_AFTER_MS)),
            _ => None,
        };
        [phase, abandon].into_iter().flatten().min_by_key(|&(timer, at)| (at, timer))
    }

    fn next_timer(&self) -> Option<(Timer, u64)> {
        let silence =
            self.conns.values().map(|c| c.last_heard + AWAY_AFTER_MS).min().map(|at| (Timer::Silence, at));
        let save = match self.dirty {
            Dirty::Soon { since } => Some((Timer::SaveSoon, since + SAVE_CLICKS_WITHIN_MS)),
            _ => None,
        };
        // Bots need no alarm: a restart with nobody back has no one to fill a room for, and a
        // round's close plays its bots up to the end first.
        let fill = self.bots_fill_due().map(|at| (Timer::BotsFill, at));
        let bots = self.bots_due().map(|at| (Timer::BotsPlay, at));
        [self.lasting_timer(), silence, save, fill, bots]
            .into_iter()
            .flatten()
            .min_by_key(|&(timer, at)| (at, timer))
    }

    fn fire(&mut self, timer: Timer, now: u64) {
        match timer {
            Timer::PublicStart => self.public_start(now),
            Timer::BotsFill => self.fill_with_bots(now),
            Timer::BotsPlay => self.play_bots(now),
            Timer::IntermissionEnd => self.begin_round(now),
            Timer::RoundClose => self.close_round(now),
            Timer::ResultsEnd => self.begin_intermission(now),
            Timer::Silence => self.drop_silent(now),
            // Handed out by the owner's next poll_storage, without holding messages back.
            Timer::SaveSoon => self.dirty = Dirty::SoonDue,
            Timer::Abandon => {
                self.record(Record::CleanedUp { reason: CleanUp::Abandoned });
                self.phase = Phase::Closed;
                self.dirty = Dirty::Delete;
            }
            Timer::Expire => {
                let conns: Vec<ConnId> = self.conns.keys().copied().collect();
                for conn in conns {
                    self.close(conn, 1000, "game expired");
                }
                self.record(Record::CleanedUp { reason: CleanUp::Expired });
                self.phase = Phase::Closed;
                self.dirty = Dirty::Delete;
            }
        }
    }
}
