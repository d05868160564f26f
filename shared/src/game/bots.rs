//! Bots at the table: seated by the host, by a practice game, or by a lone quick-play player's
//! wait; played by the game's own timers through the same click bound and shipping rules as
//! anyone. A bot sends nothing over a socket: its taps cost no request.

use super::Game;
use super::seat::Seat;
use crate::bot::{Dice, Level, NAMES, Turn, turn};
use crate::ids::SeatId;
use crate::name::unique_name;
use crate::protocol::{Event, Rejection};
use crate::rules::{BOTS_AFTER_MS, BOTS_FILL_TO, BOTS_START_MS, CLICK_BATCH_MS, Visibility};
use crate::view::{Phase, Presence};

/// A bot's taps go in batches this long, as a person's do.
const BATCH: u32 = CLICK_BATCH_MS as u32;

impl Game {
    /// Seats taken by people, in the waiting room or in the game.
    pub(super) fn persons(&self) -> impl Iterator<Item = &Seat> {
        self.seats.iter().filter(|s| s.is_person())
    }

    fn bots(&self) -> impl Iterator<Item = &Seat> {
        self.seats.iter().filter(|s| !s.left && s.bot.is_some())
    }

    /// Seats a bot of `level` in the waiting room; with the last free seat the game starts, as
    /// it does when a person takes it.
    pub(super) fn seat_bot(&mut self, level: Level, now: u64) -> Result<SeatId, Rejection> {
        if !matches!(self.phase, Phase::Waiting { .. }) {
            return Err(Rejection::OutOfPhase);
        }
        if self.players() >= usize::from(self.config.cap) || self.seats.len() >= super::lobby::MAX_SEATS_EVER
        {
            return Err(Rejection::Full);
        }
        let mut dice = Dice::new(self.seed ^ self.seats.len() as u64);
        let first = dice.between(0, NAMES.len() as u32 - 1) as usize;
        let taken = || self.seats.iter().filter(|s| !s.left).map(|s| s.name.as_str());
        // A name no one here has, where one is left; otherwise the usual suffix.
        let name = (0..NAMES.len())
            .map(|i| NAMES[(first + i) % NAMES.len()])
            .find(|n| taken().all(|t| t != *n))
            .unwrap_or(NAMES[first]);
        let name = unique_name(name, taken());
        // Bounded by MAX_SEATS_EVER above, well inside a byte.
        let id = SeatId(self.seats.len() as u8);
        let seat = Seat::bot(id, name, level, self.config.rules.starting_capital);
        self.broadcast(Event::PlayerJoined { player: seat.view() });
        self.seats.push(seat);
        self.save();
        if self.players() >= usize::from(self.config.cap) {
            self.begin_intermission(now);
        }
        Ok(id)
    }

    /// Takes a bot out of the waiting room.
    pub(super) fn unseat_bot(&mut self, seat: SeatId) -> Result<(), Rejection> {
        if !matches!(self.phase, Phase::Waiting { .. }) {
            return Err(Rejection::OutOfPhase);
        }
        let s = self.seat_mut(seat).filter(|s| s.bot.is_some()).ok_or(Rejection::NotABot)?;
        s.left = true;
        self.broadcast(Event::PlayerLeft { seat });
        self.save();
        Ok(())
    }

    /// The host's request to seat a bot.
    pub(super) fn add_bot(&mut self, by: SeatId, level: Level, now: u64) -> Result<(), Rejection> {
        self.hosts_private_room(by)?;
        self.seat_bot(level, now).map(|_| ())
    }

    /// The host's request to take a bot out.
    pub(super) fn remove_bot(&mut self, by: SeatId, seat: SeatId) -> Result<(), Rejection> {
        self.hosts_private_room(by)?;
        self.unseat_bot(seat)
    }

    /// A practice game: the host against bots of every level, filling the game, which starts
    /// at once.
    pub fn handle_practice(&mut self, now: u64) {
        self.now = now;
        for level in Level::ALL.into_iter().cycle() {
            if self.seat_bot(level, now).is_err() || !matches!(self.phase, Phase::Waiting { .. }) {
                return;
            }
        }
    }

    /// With no person left in the waiting room, its bots go too: bots never play alone.
    pub(super) fn empty_of_people(&mut self) {
        if self.persons().next().is_none() {
            self.send_bots_away();
        }
    }

    /// Every bot leaves the waiting room.
    fn send_bots_away(&mut self) {
        let bots: Vec<SeatId> = self.bots().map(|s| s.id).collect();
        for seat in bots {
            // In the waiting room, a bot's seat is always the room's to empty.
            let _ = self.unseat_bot(seat);
        }
    }

    /// A person arriving at a public game with bots takes the place of the last one seated.
    pub(super) fn make_room_for_a_person(&mut self) {
        if self.config.visibility != Visibility::Public {
            return;
        }
        if let Some(bot) = self.bots().last().map(|s| s.id) {
            let _ = self.unseat_bot(bot);
        }
    }

    /// Keeps track of a public game's lone player, whose wait for bots starts when they are
    /// alone and ends when anyone joins them.
    pub(super) fn watch_for_loneliness(&mut self, now: u64) {
        let alone = self.config.visibility == Visibility::Public
            && matches!(self.phase, Phase::Waiting { .. })
            && self.persons().count() == 1
            && self.bots().next().is_none();
        self.alone_since = match (alone, self.alone_since) {
            (true, Some(since)) => Some(since),
            (true, None) => Some(now),
            (false, _) => None,
        };
    }

    /// When bots fill a lone player's public game: 15 s after they were left alone, once they
    /// are there to see it (a player whose socket has not come back would only lose to them).
    pub(super) fn bots_fill_due(&self) -> Option<u64> {
        let since = self.alone_since?;
        let online = self.persons().any(|s| s.presence == Presence::Online);
        online.then_some(since + BOTS_AFTER_MS)
    }

    /// Fills the lone player's game with bots up to four, their levels mixed, and starts the
    /// game's countdown.
    pub(super) fn fill_with_bots(&mut self, now: u64) {
        self.alone_since = None;
        let mut dice = Dice::new(self.seed ^ now);
        while self.players() < BOTS_FILL_TO.min(usize::from(self.config.cap)) {
            let level = Level::ALL[dice.between(0, 2) as usize];
            if self.seat_bot(level, now).is_err() {
                break;
            }
        }
        if let Phase::Waiting { .. } = self.phase {
            self.phase = Phase::Waiting { starts_at: Some(now + BOTS_START_MS) };
            self.broadcast(Event::Phase { phase: self.phase });
            self.save();
        }
    }

    /// A public game's countdown ran out: it starts, unless its bots would play for nobody (the
    /// people they joined all went away meanwhile): then they leave, and the room waits for its
    /// people to come back, who get bots again 15 s after.
    pub(super) fn public_start(&mut self, now: u64) {
        let nobody_there = self.persons().all(|s| s.presence != Presence::Online);
        if nobody_there && self.bots().next().is_some() {
            self.send_bots_away();
            self.phase = Phase::Waiting { starts_at: None };
            self.broadcast(Event::Phase { phase: self.phase });
            self.schedule_public_start(now);
            self.watch_for_loneliness(now);
            self.save();
        } else {
            self.begin_intermission(now);
        }
    }

    /// Plans this round for every bot in it. Plans are not stored: the same dice plan the same
    /// round after a restart, and each bot's `played` says how far it got.
    pub(super) fn plan_bots(&mut self) {
        let round_ms = self.config.rules.round_ms;
        let (seed, round) = (self.seed, self.round);
        self.plans = self
            .active()
            .filter_map(|s| s.bot.map(|level| (s.id, level)))
            .map(|(seat, level)| (seat, turn(level, round_ms, &mut Dice::for_round(seed, round, seat.0))))
            .collect();
    }

    /// When a bot next has something to do in the running round: send its taps, a batch a
    /// second as the app does, or ship.
    pub(super) fn bots_due(&self) -> Option<u64> {
        let Phase::Round { started_at, .. } = self.phase else { return None };
        let round_ms = u64::from(self.config.rules.round_ms);
        self.plans
            .iter()
            .filter_map(|(seat, plan)| {
                let product = &self.seat(*seat).filter(|s| s.is_active())?.product;
                if product.shipped_ms.is_some() {
                    return None;
                }
                let end = plan.ship.map_or(round_ms, u64::from);
                let batch = plan
                    .taps
                    .get(product.played as usize)
                    .map(|&tap| u64::from(tap.div_ceil(BATCH) * BATCH).min(end));
                let ship = plan.ship.map(u64::from);
                batch.into_iter().chain(ship).min()
            })
            .min()
            .map(|at| started_at + at)
    }

    /// Plays every bot up to `now`: the taps made by then count through the seat's click bound,
    /// and a bot whose moment to ship has come ships.
    pub(super) fn play_bots(&mut self, now: u64) {
        let Phase::Round { started_at, .. } = self.phase else { return };
        let elapsed = u32::try_from(now.saturating_sub(started_at)).unwrap_or(u32::MAX);
        let plans = std::mem::take(&mut self.plans);
        let mut tapped = false;
        for (seat, plan) in &plans {
            let Some(s) = self.seat_mut(*seat).filter(|s| s.is_active() && s.product.shipped_ms.is_none())
            else {
                continue;
            };
            let Turn { taps, ship } = plan;
            let until = ship.map_or(elapsed, |ship| ship.min(elapsed));
            let due: Vec<u32> =
                taps.iter().skip(s.product.played as usize).take_while(|&&at| at <= until).copied().collect();
            // A batch a second, as the app sends them, even when the timer comes late (or after
            // a restart, replaying what the last save had not kept): the bound counts batches.
            for batch in due.chunk_by(|a, b| a.div_ceil(BATCH) == b.div_ceil(BATCH)) {
                let (count, last) = (batch.len() as u32, batch[batch.len() - 1]);
                s.product.clicks += s.product.clicks_limit.take(count, last);
                s.product.played += count;
                tapped = true;
            }
            if let Some(ship) = ship.filter(|&ship| ship <= elapsed) {
                self.ship_at(*seat, ship, now);
            }
            if !matches!(self.phase, Phase::Round { .. }) {
                break;
            }
        }
        if matches!(self.phase, Phase::Round { .. }) {
            self.plans = plans;
        }
        if tapped {
            self.save_soon();
        }
    }
}
