//! A player's inputs of one round, from the tap to the server's word that they are stored: the
//! client side of "nothing a player does is lost". Used by the app and by the load tool's bots.
//!
//! Taps gather in a batch, sent every [`CLICK_BATCH_MS`] or once it holds [`CLICK_BATCH_MAX`]
//! (the caller keeps the clock and calls [`Journal::close_batch`]). Each batch, and the ship, gets
//! the next number of the round and stays here until [`Event::Saved`] covers it; after every
//! (re)connect, [`Journal::unsaved`] is sent again and the server counts each number once.
//!
//! One seat may be open in several tabs. Each tab numbers its own inputs, under a [`TabId`] it
//! picks at random, so the server counts every tab's inputs once and never takes one tab's for
//! another's repeats. A journal holds its own tab's inputs and, in further lanes, those of tabs
//! that closed or reloaded before the server stored them ([`Journal::adopt`]): one page sends
//! them again for the tab that is gone. Only one page may hold a tab's lane at a time (the app
//! keeps that with a lock per tab), since a lane renumbers what a restarted server lost.
//!
//! What the screen shows is [`Journal::clicks`]: what the server counted for the whole seat, from
//! every tab, plus what this page sent that it has not answered yet. Where the server refused
//! clicks, its number wins.

use std::collections::VecDeque;

use crate::protocol::{ClientMsg, Event, TabId};
use crate::rules::CLICK_BATCH_MAX;
#[cfg(doc)]
use crate::rules::CLICK_BATCH_MS;
use crate::view::You;

mod kept;

/// One input of the round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// `count` clicks, the last of them at `at` ms into the round on this screen.
    Click { count: u32, at: u32 },
    /// The ship, at `at` ms into the round on this screen.
    Ship { at: u32 },
}

/// One tab's numbered inputs of the round, and how far the server went with them.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Lane {
    tab: TabId,
    /// Numbered inputs not yet known to be stored, oldest first.
    entries: VecDeque<(u32, Input)>,
    /// The number the next input gets.
    next: u32,
    /// The server counted this tab's inputs up to this number.
    counted_seq: u32,
}

impl Lane {
    fn new(tab: TabId) -> Self {
        Self { tab, entries: VecDeque::new(), next: 1, counted_seq: 0 }
    }

    /// Clicks sent and not answered yet.
    fn waiting(&self) -> u32 {
        let waiting = self.entries.iter().filter(|&&(seq, _)| seq > self.counted_seq);
        waiting
            .map(|&(_, input)| match input {
                Input::Click { count, .. } => count,
                Input::Ship { .. } => 0,
            })
            .sum()
    }

    /// What the server said of this tab on a (re)connect: stored inputs go, and what it has not
    /// counted is numbered on from what it has (a restart may have taken it back to an earlier
    /// number than the tab used, or forgotten a refused one).
    fn restore(&mut self, counted: u32, saved: u32) {
        self.counted_seq = counted;
        self.entries.retain(|&(seq, _)| seq > saved);
        let mut next = counted + 1;
        for entry in self.entries.iter_mut().filter(|(seq, _)| *seq > counted) {
            entry.0 = next;
            next += 1;
        }
        self.next = next;
    }
}

/// The round's inputs of this page's seat and what the server said of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Journal {
    round: u8,
    /// Taps not yet sent: how many, and the moment of the last.
    open: Option<(u32, u32)>,
    /// This page's own tab first, where its new inputs go; then the lanes of tabs gone.
    lanes: Vec<Lane>,
    /// Clicks the server counted for the seat, from every tab.
    counted: u32,
    shipped: bool,
    /// The ship's moment, when known: on this screen until the server says where it credited
    /// it, then the server's, where what the round pays is fixed.
    shipped_at: Option<u32>,
    /// Whether `shipped_at` is the server's credit.
    credited: bool,
    /// Clicks of batches the server refused outright (too late, after the ship).
    refused: u32,
}

impl Default for Journal {
    fn default() -> Self {
        Self::new(0, 0)
    }
}

impl Journal {
    /// An empty journal of tab `tab` for round `round`.
    pub fn new(round: u8, tab: TabId) -> Self {
        Self {
            round,
            open: None,
            lanes: vec![Lane::new(tab)],
            counted: 0,
            shipped: false,
            shipped_at: None,
            credited: false,
            refused: 0,
        }
    }

    pub fn round(&self) -> u8 {
        self.round
    }

    /// The tab this page numbers its inputs as.
    pub fn tab(&self) -> TabId {
        self.lanes.first().map_or(0, |l| l.tab)
    }

    fn own(&mut self) -> &mut Lane {
        if self.lanes.is_empty() {
            self.lanes.push(Lane::new(0));
        }
        &mut self.lanes[0]
    }

    fn lane(&mut self, tab: TabId) -> Option<&mut Lane> {
        self.lanes.iter_mut().find(|l| l.tab == tab)
    }

    /// The same tab in round `round`, with nothing in it.
    fn afresh(&mut self, round: u8) {
        *self = Self::new(round, self.tab());
    }

    /// The server's account on a (re)connect: of this round, what it counted; of another round,
    /// a fresh start. Kept inputs it has stored are dropped; the rest go out with
    /// [`Journal::unsaved`].
    pub fn restore(&mut self, round: u8, you: Option<&You>) {
        if round != self.round {
            self.afresh(round);
        }
        if let Some(you) = you {
            if let Some(ms) = you.shipped_ms {
                self.credit(ms);
            }
            self.counted = you.clicks;
            for lane in &mut self.lanes {
                let mark = you.tab(lane.tab);
                lane.restore(mark.seq, mark.saved);
            }
        }
        self.drop_settled_lanes();
    }

    /// Takes over the inputs `gone` kept for tabs whose pages closed before the server stored
    /// them: this page sends them again, in their own tabs' numbers. An earlier round's are
    /// dropped (that round is settled); a later round's replace an empty journal's round.
    pub fn adopt(&mut self, mut gone: Journal) {
        if gone.round > self.round && self.is_settled() {
            self.afresh(gone.round);
        }
        if gone.round != self.round {
            return;
        }
        // Taps the page gathered and never sent: sent now, as its tab's next batch.
        if let Some((count, at)) = gone.open.take()
            && let Some(lane) = gone.lanes.first_mut()
        {
            let seq = lane.next;
            lane.next += 1;
            lane.entries.push_back((seq, Input::Click { count, at }));
        }
        for lane in gone.lanes {
            if !lane.entries.is_empty() && !self.lanes.iter().any(|l| l.tab == lane.tab) {
                self.lanes.push(lane);
            }
        }
        if gone.shipped && !self.shipped {
            (self.shipped, self.shipped_at) = (true, gone.shipped_at);
        }
        self.counted = self.counted.max(gone.counted);
        self.refused += gone.refused;
    }

    /// The round moved on (a countdown or a round began): a fresh journal if it is another round.
    pub fn begin(&mut self, round: u8) {
        if round != self.round {
            self.afresh(round);
        }
    }

    /// A tap at `at`; returns the batch to send when it is full.
    pub fn tap(&mut self, at: u32) -> Option<ClientMsg> {
        let (count, _) = self.open.unwrap_or((0, 0));
        self.open = Some((count + 1, at));
        if count + 1 >= CLICK_BATCH_MAX { self.close_batch() } else { None }
    }

    /// `count` taps at once, the last at `at`, sent as one batch with any taps still open.
    pub fn taps(&mut self, count: u32, at: u32) -> Option<ClientMsg> {
        let (open, _) = self.open.unwrap_or((0, 0));
        self.open = Some((open + count, at));
        self.close_batch()
    }

    /// Taps waiting in the open batch.
    pub fn open_taps(&self) -> u32 {
        self.open.map_or(0, |(count, _)| count)
    }

    /// Numbers the open batch and returns it to send, if it holds any tap.
    pub fn close_batch(&mut self) -> Option<ClientMsg> {
        let (count, at) = self.open.take()?;
        Some(self.record(Input::Click { count, at }))
    }

    /// Ships at `at`: the open batch first, then the ship. Nothing after the first ship, this
    /// page's or another tab's.
    pub fn ship(&mut self, at: u32) -> Vec<ClientMsg> {
        if self.shipped {
            return Vec::new();
        }
        let mut out: Vec<ClientMsg> = self.close_batch().into_iter().collect();
        out.push(self.record(Input::Ship { at }));
        self.shipped = true;
        self.shipped_at = Some(at);
        out
    }

    fn record(&mut self, input: Input) -> ClientMsg {
        let round = self.round;
        let own = self.own();
        let seq = own.next;
        own.next += 1;
        own.entries.push_back((seq, input));
        message(round, own.tab, seq, input)
    }

    /// Every numbered input not yet known to be stored, each tab's in order: sent again after a
    /// reconnect.
    pub fn unsaved(&self) -> Vec<ClientMsg> {
        let round = self.round;
        let each = self
            .lanes
            .iter()
            .flat_map(|l| l.entries.iter().map(move |&(seq, i)| message(round, l.tab, seq, i)));
        each.collect()
    }

    /// Folds in what the server said about this seat's inputs; events of other kinds are ignored.
    /// Returns whether anything changed.
    pub fn hear(&mut self, round: u8, event: &Event) -> bool {
        if round != self.round {
            return false;
        }
        match *event {
            Event::YourClicks { clicks, tab, seq } => {
                if let Some(lane) = self.lane(tab) {
                    // A repeat's answer from before, overtaken: the count stands.
                    if seq < lane.counted_seq {
                        return false;
                    }
                    lane.counted_seq = seq;
                }
                self.counted = clicks;
                true
            }
            Event::YourShip { ms } => {
                self.credit(ms);
                true
            }
            Event::Saved { tab, seq } => {
                let Some(lane) = self.lane(tab) else { return false };
                let before = lane.entries.len();
                lane.entries.retain(|&(s, _)| s > seq);
                let changed = lane.entries.len() != before;
                self.drop_settled_lanes();
                changed
            }
            // Refused (the round closed, the product shipped): it will never count, and the
            // server's number stands. Its number is used up all the same.
            Event::Rejected { tab: Some(tab), seq: Some(seq), .. } => {
                let Some(lane) = self.lane(tab) else { return false };
                let Some(at) = lane.entries.iter().position(|&(s, _)| s == seq) else { return false };
                match lane.entries.remove(at) {
                    Some((_, Input::Ship { .. })) => {
                        (self.shipped, self.shipped_at, self.credited) = (false, None, false);
                    }
                    Some((_, Input::Click { count, .. })) => self.refused += count,
                    None => {}
                }
                true
            }
            _ => false,
        }
    }

    /// Lanes of tabs gone whose inputs are all stored: nothing is left to send for them.
    fn drop_settled_lanes(&mut self) {
        let mut first = true;
        self.lanes.retain(|l| std::mem::take(&mut first) || !l.entries.is_empty());
    }

    /// The server shipped this seat's product at `ms` into the round: its price is fixed there.
    /// Taps this page gathered and had not sent can no longer count (another tab shipped): they
    /// leave the count on screen, which then shows what the round pays.
    fn credit(&mut self, ms: u32) {
        (self.shipped, self.shipped_at, self.credited) = (true, Some(ms), true);
        if let Some((count, _)) = self.open.take() {
            self.refused += count;
        }
    }

    /// The clicks to show: counted by the server from every tab, plus those this page sent
    /// that it has not answered yet.
    pub fn clicks(&self) -> u32 {
        let waiting: u32 = self.lanes.iter().map(Lane::waiting).sum();
        self.counted + waiting + self.open_taps()
    }

    /// Clicks in batches the server refused outright.
    pub fn refused(&self) -> u32 {
        self.refused
    }

    /// Whether this seat shipped this round, from this page or, as the server said, another.
    pub fn shipped(&self) -> bool {
        self.shipped
    }

    /// When this seat shipped, in ms into the round, if it did and this page knows: the moment
    /// the product's price stopped falling; once [`Journal::ship_credited`], the server's moment.
    pub fn shipped_at(&self) -> Option<u32> {
        self.shipped_at
    }

    /// Whether the server said where it credited the ship: the price at [`Journal::shipped_at`]
    /// is then what the round pays. Until then it is this screen's own, a few ms off at most for
    /// an honest player on a quiet line.
    pub fn ship_credited(&self) -> bool {
        self.credited
    }

    /// Whether every input is known to be stored.
    pub fn is_settled(&self) -> bool {
        self.lanes.iter().all(|l| l.entries.is_empty()) && self.open.is_none()
    }
}

fn message(round: u8, tab: TabId, seq: u32, input: Input) -> ClientMsg {
    match input {
        Input::Click { count, at } => ClientMsg::Click { round, tab, seq, count, at },
        Input::Ship { at } => ClientMsg::Ship { round, tab, seq, at },
    }
}
