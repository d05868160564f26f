//! Rounds: the countdown, building by clicks, shipping, and closing the round.

use super::Game;
use super::seat::{Product, TabCount};
use super::timing::credit_stamp;
use crate::ids::{ConnId, SeatId};
use crate::protocol::{Event, MAX_CLICKS_PER_MESSAGE, MAX_TABS_PER_ROUND, Rejection, TabId};
#[cfg(doc)]
use crate::rules::Rules;
use crate::view::Phase;

impl Game {
    /// Active players: neither eliminated nor forfeited.
    pub(super) fn active(&self) -> impl Iterator<Item = &super::seat::Seat> {
        self.seats.iter().filter(|s| s.is_active())
    }

    /// Starts the countdown before the next round.
    pub(super) fn begin_intermission(&mut self, now: u64) {
        self.round = self.round.saturating_add(1);
        for seat in &mut self.seats {
            seat.product = Product::default();
        }
        let starts_at = now + u64::from(self.config.rules.intermission_ms);
        self.phase = Phase::Intermission { round: self.round, starts_at };
        self.empty_since = None;
        let seated: Vec<_> = self.conns.iter().filter_map(|(&id, c)| c.seat().map(|s| (s, id))).collect();
        for (seat, conn) in seated {
            self.note_credit(seat, conn);
        }
        if self.round == 1 {
            let players = self.active().count();
            let bots = self.active().filter(|s| s.bot.is_some()).count();
            self.record(super::Record::Started { players, bots });
        }
        self.broadcast(Event::Phase { phase: self.phase });
        self.save();
    }

    /// The build window opens. It closes for messages after its end plus a grace: the largest
    /// round trip credited to an active player and a tolerance ([`Rules::round_grace_ms`]), so
    /// that the last clicks of a distant player, made in time on their screen, still arrive in time.
    pub(super) fn begin_round(&mut self, now: u64) {
        let round_ms = u64::from(self.config.rules.round_ms);
        let ends_at = now + round_ms;
        let slowest = self.active().filter_map(|s| s.product.rtt_floor).max().unwrap_or(0);
        self.round_closes_at = Some(ends_at + self.config.rules.round_grace_ms(slowest));
        self.phase = Phase::Round { round: self.round, started_at: now, ends_at };
        self.plan_bots();
        self.broadcast(Event::Phase { phase: self.phase });
        self.save();
    }

    /// Where a stamp from `seat`, received now on `conn`, lands on the round's credited
    /// timeline: the round trip credited is the least of any socket of the seat this round (no
    /// more than this socket's own, which counted in it once measured).
    fn credited(&self, seat: SeatId, conn: ConnId, claimed: u32, started_at: u64) -> u32 {
        let floor = self.seat(seat).and_then(|s| s.product.rtt_floor);
        let rtt = floor.unwrap_or_else(|| self.conns.get(&conn).map_or(0, super::presence::Conn::credit));
        let credited = credit_stamp(claimed, self.now.saturating_sub(started_at), rtt);
        // In a round the runtime restarted, an input sent again on reconnecting was made before
        // it arrives, perhaps long before: what the restart proves is only that it reached the
        // server after the last save it kept (a ship is saved on arrival). So it may claim back
        // to that save, less its round trip.
        match self.restored_from {
            Some(saved_at) if claimed < credited => {
                let since_save = saved_at.saturating_sub(started_at).saturating_sub(u64::from(rtt));
                let floor = u32::try_from(since_save).unwrap_or(u32::MAX);
                claimed.max(floor).min(credited)
            }
            _ => credited,
        }
    }

    /// The seat's product for this round, if it may still work on it.
    fn workable(&self, seat: SeatId) -> Result<u64, Rejection> {
        let Phase::Round { started_at, .. } = self.phase else { return Err(Rejection::OutOfPhase) };
        let s = self.seat(seat).ok_or(Rejection::NotAPlayer)?;
        if !s.is_active() {
            return Err(Rejection::Eliminated);
        }
        if s.product.shipped_ms.is_some() {
            return Err(Rejection::AlreadyShipped);
        }
        Ok(started_at)
    }

    /// One numbered input of tab `tab` of the seat (see [`crate::journal`]): counted once, in
    /// the tab's order. A repeat counts nothing and is answered with what stands, so that a
    /// client sending again after a reconnect learns where the server is. Every tab of the seat
    /// numbers its own inputs, so two tabs are never taken for repeats of each other; the click
    /// bound and the ship stay the seat's.
    pub(super) fn input(
        &mut self,
        seat: SeatId,
        conn: ConnId,
        (round, tab, seq): (u8, TabId, u32),
        take: impl FnOnce(&mut Self) -> Result<(), Rejection>,
    ) -> Result<(), Rejection> {
        if round != self.round {
            return Err(Rejection::OtherRound);
        }
        // Before the first round there is nothing to number: a click or ship in the waiting
        // room uses up no number and costs no save.
        if matches!(self.phase, Phase::Waiting { .. }) {
            return Err(Rejection::OutOfPhase);
        }
        let Some(product) = self.seat(seat).map(|s| &s.product) else { return Err(Rejection::NotAPlayer) };
        let (counted, saved) = product.tab(tab).map_or((0, 0), |t| (t.seq, t.saved));
        if seq <= counted {
            let clicks = product.clicks;
            self.send(conn, Event::YourClicks { clicks, tab, seq: counted });
            if saved > 0 && seq <= saved {
                self.send(conn, Event::Saved { tab, seq: saved });
            }
            return Ok(());
        }
        if seq > counted + 1 {
            return Err(Rejection::SeqAhead);
        }
        if product.tab(tab).is_none() && product.tabs.len() >= MAX_TABS_PER_ROUND {
            return Err(Rejection::TooManyTabs);
        }
        // Counted or refused, the number is used: the client drops a refused input, and the
        // inputs it sent after it keep their numbers. Every socket of the seat hears where the
        // count stands.
        let taken = take(self);
        let Some(s) = self.seat_mut(seat) else { return taken };
        match s.product.tab_mut(tab) {
            Some(t) => t.seq = seq,
            None => s.product.tabs.push(TabCount { tab, seq, saved: 0 }),
        }
        let clicks = s.product.clicks;
        self.send_seat(seat, Event::YourClicks { clicks, tab, seq });
        self.save_soon();
        taken
    }

    pub(super) fn click(&mut self, seat: SeatId, count: u32, at: u32) -> Result<(), Rejection> {
        let started_at = self.workable(seat)?;
        // Clicks are credited when the client says, up to the server's own clock: clicks sent
        // again after a reconnect keep their moments, so the human bound does not refuse them for
        // arriving together. Claiming sooner gains nothing: the bound allows fewer clicks by an
        // earlier time, and a ship is credited by its own stamp.
        let at = at.min(u32::try_from(self.now.saturating_sub(started_at)).unwrap_or(u32::MAX));
        if at > self.config.rules.round_ms {
            return Err(Rejection::OutOfPhase);
        }
        let count = count.min(MAX_CLICKS_PER_MESSAGE);
        let Some(s) = self.seat_mut(seat) else { return Err(Rejection::NotAPlayer) };
        let taken = s.product.clicks_limit.take(count, at);
        s.product.clicks += taken;
        Ok(())
    }

    pub(super) fn ship(&mut self, seat: SeatId, conn: ConnId, at: u32, now: u64) -> Result<(), Rejection> {
        let started_at = self.workable(seat)?;
        let at = self.credited(seat, conn, at, started_at);
        self.ship_at(seat, at, now);
        Ok(())
    }

    /// Ships the seat's product, credited at `at` ms into the round: not before its own latest
    /// click, and never past the round's end.
    pub(super) fn ship_at(&mut self, seat: SeatId, at: u32, now: u64) {
        let round_ms = self.config.rules.round_ms;
        let Some(s) = self.seat_mut(seat) else { return };
        let ms = at.max(s.product.clicks_limit.last_at()).min(round_ms);
        s.product.shipped_ms = Some(ms);
        let bot = s.bot.is_some();
        self.broadcast(Event::Shipped { seat });
        // Its own screens hear the credited moment: the price they show is then what it is paid.
        self.send_seat(seat, Event::YourShip { ms });
        // A person's ship is stored before anyone hears of it: only their client could send it
        // again. A bot's comes back by itself: after a restart its plan ships it at the same
        // moment, so it waits for the next coalesced save rather than costing a write of its own.
        if bot {
            self.save_soon();
        } else {
            self.save();
        }
        if self.all_shipped() {
            self.close_round(now);
        }
    }

    pub(super) fn all_shipped(&self) -> bool {
        self.active().all(|s| s.product.shipped_ms.is_some())
    }

    /// Ships what is left, settles the round, and moves on.
    pub(super) fn close_round(&mut self, now: u64) {
        if !matches!(self.phase, Phase::Round { .. }) {
            return;
        }
        self.round_closes_at = None;
        self.plans.clear();
        self.awaited.clear();
        self.own_close = None;
        self.restored_from = None;
        self.settle(now);
    }
}
