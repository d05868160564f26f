//! A player's inputs of one round, from the tap to the server's word that they are stored: the
//! client side of "nothing a player does is lost". Used by the app and by the load tool's bots.
//!
//! Taps gather in a batch, sent every [`CLICK_BATCH_MS`] or once it holds [`CLICK_BATCH_MAX`]
//! (the caller keeps the clock and calls [`Journal::close_batch`]). Each batch, and the ship, gets
//! the next number of the round and stays here until [`Event::Saved`] covers it; after every
//! (re)connect, [`Journal::unsaved`] is sent again and the server counts each number once.
//!
//! What the screen shows is [`Journal::clicks`]: what the server counted, plus what it has not
//! answered yet. Where the server refused clicks, its number wins.

use std::collections::VecDeque;
use std::fmt::Write;

use crate::protocol::{ClientMsg, Event};
use crate::rules::CLICK_BATCH_MAX;
#[cfg(doc)]
use crate::rules::CLICK_BATCH_MS;
use crate::view::You;

/// One input of the round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// `count` clicks, the last of them at `at` ms into the round on this screen.
    Click { count: u32, at: u32 },
    /// The ship, at `at` ms into the round on this screen.
    Ship { at: u32 },
}

/// The round's inputs and what the server said of them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Journal {
    round: u8,
    /// Taps not yet sent: how many, and the moment of the last.
    open: Option<(u32, u32)>,
    /// Numbered inputs not yet known to be stored, oldest first.
    entries: VecDeque<(u32, Input)>,
    /// The number the next input gets.
    next: u32,
    /// Clicks the server counted, with every input up to `counted_seq`.
    counted: u32,
    counted_seq: u32,
    shipped: bool,
    /// The ship's moment, when known: on this screen until the server says where it credited
    /// it, then the server's, where what the round pays is fixed.
    shipped_at: Option<u32>,
    /// Whether `shipped_at` is the server's credit.
    credited: bool,
    /// Clicks of batches the server refused outright (too late, after the ship).
    refused: u32,
}

impl Journal {
    /// An empty journal for round `round`.
    pub fn new(round: u8) -> Self {
        Self { round, next: 1, ..Self::default() }
    }

    pub fn round(&self) -> u8 {
        self.round
    }

    /// The server's account on a (re)connect: of this round, what it counted; of another round,
    /// a fresh start. Kept inputs it has stored are dropped; the rest go out with
    /// [`Journal::unsaved`].
    pub fn restore(&mut self, round: u8, you: Option<&You>) {
        if round != self.round {
            *self = Self::new(round);
        }
        if let Some(you) = you {
            if let Some(ms) = you.shipped_ms {
                self.credit(ms);
            }
            self.counted = you.clicks;
            self.counted_seq = you.seq;
            self.entries.retain(|&(seq, _)| seq > you.saved);
            // What the server has not counted is numbered on from what it has: a restart may
            // have taken it back to an earlier number than this page used.
            let mut next = you.seq + 1;
            for entry in self.entries.iter_mut().filter(|(seq, _)| *seq > you.seq) {
                entry.0 = next;
                next += 1;
            }
            self.next = next;
        }
    }

    /// The round moved on (a countdown or a round began): a fresh journal if it is another round.
    pub fn begin(&mut self, round: u8) {
        if round != self.round {
            *self = Self::new(round);
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

    /// Ships at `at`: the open batch first, then the ship. Nothing after the first ship.
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
        let seq = self.next;
        self.next += 1;
        self.entries.push_back((seq, input));
        self.message(seq, input)
    }

    fn message(&self, seq: u32, input: Input) -> ClientMsg {
        let round = self.round;
        match input {
            Input::Click { count, at } => ClientMsg::Click { round, seq, count, at },
            Input::Ship { at } => ClientMsg::Ship { round, seq, at },
        }
    }

    /// Every numbered input not yet known to be stored, in order: sent again after a reconnect.
    pub fn unsaved(&self) -> Vec<ClientMsg> {
        self.entries.iter().map(|&(seq, input)| self.message(seq, input)).collect()
    }

    /// Folds in what the server said about this seat's inputs; events of other kinds are ignored.
    /// Returns whether anything changed.
    pub fn hear(&mut self, round: u8, event: &Event) -> bool {
        if round != self.round {
            return false;
        }
        match *event {
            Event::YourClicks { clicks, seq } if seq >= self.counted_seq => {
                (self.counted, self.counted_seq) = (clicks, seq);
                true
            }
            Event::YourShip { ms } => {
                self.credit(ms);
                true
            }
            Event::Saved { seq } => {
                let before = self.entries.len();
                self.entries.retain(|&(s, _)| s > seq);
                self.entries.len() != before
            }
            // Refused (the round closed, the product shipped): it will never count, and the
            // server's number stands. Its number is used up all the same.
            Event::Rejected { seq: Some(seq), .. } => {
                let refused = self.entries.iter().position(|&(s, _)| s == seq);
                let Some(at) = refused else { return false };
                match self.entries.remove(at) {
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

    /// The server shipped this seat's product at `ms` into the round: its price is fixed there.
    fn credit(&mut self, ms: u32) {
        (self.shipped, self.shipped_at, self.credited) = (true, Some(ms), true);
    }

    /// The clicks to show: counted by the server, plus those it has not answered yet.
    pub fn clicks(&self) -> u32 {
        let waiting: u32 = self
            .entries
            .iter()
            .filter(|&&(seq, _)| seq > self.counted_seq)
            .map(|&(_, input)| match input {
                Input::Click { count, .. } => count,
                Input::Ship { .. } => 0,
            })
            .sum();
        self.counted + waiting + self.open_taps()
    }

    /// Clicks in batches the server refused outright.
    pub fn refused(&self) -> u32 {
        self.refused
    }

    /// Whether this screen shipped this round.
    pub fn shipped(&self) -> bool {
        self.shipped
    }

    /// When this screen shipped, in ms into the round, if it did and still knows: the moment the
    /// product's price stopped falling; once [`Journal::ship_credited`], the server's moment.
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
        self.entries.is_empty() && self.open.is_none()
    }

    /// A short text to keep on the device: numbers separated by spaces, the entries after the
    /// header. Written by hand rather than with serde's derived code, which would weigh on the
    /// app's download.
    pub fn encode(&self) -> String {
        let (open_count, open_at) = self.open.unwrap_or((0, 0));
        let mut out = format!(
            "2 {} {} {} {} {} {} {} {} {}",
            self.round,
            self.next,
            self.counted,
            self.counted_seq,
            u8::from(self.shipped),
            self.refused,
            open_count,
            open_at,
            self.shipped_at.map_or(0, |at| u64::from(at) + 1)
        );
        for &(seq, input) in &self.entries {
            let _ = match input {
                Input::Click { count, at } => write!(out, " c {seq} {count} {at}"),
                Input::Ship { at } => write!(out, " s {seq} {at}"),
            };
        }
        out
    }

    /// Reads back what [`Journal::encode`] wrote; `None` for anything else.
    pub fn decode(text: &str) -> Option<Self> {
        let mut words = text.split(' ');
        let mut number = || words.next()?.parse::<u32>().ok();
        // Version 1 did not keep the ship's moment.
        let version = number()?;
        if !(1..=2).contains(&version) {
            return None;
        }
        let round = u8::try_from(number()?).ok()?;
        let (next, counted, counted_seq) = (number()?, number()?, number()?);
        let shipped = number()? == 1;
        let (refused, open_count, open_at) = (number()?, number()?, number()?);
        let open = (open_count > 0).then_some((open_count, open_at));
        let mut shipped_at = if version == 2 { number()?.checked_sub(1) } else { None };
        let mut entries = VecDeque::new();
        let rest: Vec<&str> = words.collect();
        let mut i = 0;
        while i < rest.len() {
            let n = |k: usize| rest.get(i + k)?.parse::<u32>().ok();
            match rest[i] {
                "c" => {
                    entries.push_back((n(1)?, Input::Click { count: n(2)?, at: n(3)? }));
                    i += 4;
                }
                "s" => {
                    entries.push_back((n(1)?, Input::Ship { at: n(2)? }));
                    i += 3;
                }
                _ => return None,
            }
        }
        if shipped_at.is_none() {
            shipped_at = entries.iter().find_map(|(_, input)| match input {
                Input::Ship { at } => Some(*at),
                Input::Click { .. } => None,
            });
        }
        // The server's credit is not kept: the snapshot of the next connection says it again.
        Some(Self {
            round,
            open,
            entries,
            next,
            counted,
            counted_seq,
            shipped,
            shipped_at,
            credited: false,
            refused,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::SeatId;
    use crate::protocol::Rejection;

    fn you(clicks: u32, seq: u32, saved: u32) -> You {
        You { seat: SeatId(0), clicks, seq, saved, shipped_ms: None }
    }

    fn counted(clicks: u32, seq: u32) -> Event {
        Event::YourClicks { clicks, seq }
    }

    #[test]
    fn a_full_batch_goes_at_once_numbered_from_one() {
        let mut j = Journal::new(1);
        for t in 0..CLICK_BATCH_MAX - 1 {
            assert_eq!(j.tap(t * 10), None);
        }
        let sent = j.tap(500);
        assert_eq!(sent, Some(ClientMsg::Click { round: 1, seq: 1, count: CLICK_BATCH_MAX, at: 500 }));
        assert_eq!(j.open_taps(), 0);
        assert_eq!(j.clicks(), CLICK_BATCH_MAX);
    }

    #[test]
    fn the_ship_closes_the_batch_first_and_comes_once() {
        let mut j = Journal::new(2);
        j.tap(100);
        j.tap(200);
        let sent = j.ship(300);
        assert_eq!(
            sent,
            vec![
                ClientMsg::Click { round: 2, seq: 1, count: 2, at: 200 },
                ClientMsg::Ship { round: 2, seq: 2, at: 300 },
            ]
        );
        assert!(j.ship(400).is_empty());
        assert!(j.shipped());
    }

    #[test]
    fn inputs_stay_until_saved_and_go_again_after_a_reconnect() {
        let mut j = Journal::new(1);
        j.tap(100);
        j.close_batch();
        j.tap(200);
        j.tap(300);
        j.close_batch();
        j.hear(1, &counted(1, 1));
        j.hear(1, &counted(3, 2));
        assert_eq!(j.clicks(), 3);
        j.hear(1, &Event::Saved { seq: 1 });
        assert_eq!(j.unsaved(), vec![ClientMsg::Click { round: 1, seq: 2, count: 2, at: 300 }]);
        // The server restarted from its save of input 1: it counted one click.
        j.restore(1, Some(&you(1, 1, 1)));
        assert_eq!(j.clicks(), 3, "the screen still shows every tap");
        assert_eq!(j.unsaved().len(), 1);
        j.hear(1, &counted(3, 2));
        j.hear(1, &Event::Saved { seq: 2 });
        assert!(j.is_settled());
        assert_eq!(j.clicks(), 3);
    }

    #[test]
    fn the_servers_number_wins_where_it_refused_clicks() {
        let mut j = Journal::new(1);
        for t in 0..10 {
            j.tap(t);
        }
        j.close_batch();
        // The human bound let 6 of them count.
        j.hear(1, &counted(6, 1));
        assert_eq!(j.clicks(), 6);
        j.tap(50);
        j.close_batch();
        let refused = Event::Rejected { error: Rejection::OutOfPhase, reason: String::new(), seq: Some(2) };
        j.hear(1, &refused);
        assert_eq!(j.clicks(), 6, "a refused batch no longer shows");
        assert_eq!(j.refused(), 1);
    }

    #[test]
    fn a_new_page_numbers_on_from_the_server() {
        let mut j = Journal::new(0);
        j.restore(3, Some(&you(40, 4, 4)));
        assert_eq!(j.clicks(), 40);
        j.tap(9_000);
        assert_eq!(j.close_batch(), Some(ClientMsg::Click { round: 3, seq: 5, count: 1, at: 9_000 }));
        assert_eq!(j.clicks(), 41);
    }

    #[test]
    fn another_round_starts_afresh_and_old_answers_are_ignored() {
        let mut j = Journal::new(1);
        j.tap(1);
        j.close_batch();
        j.begin(2);
        assert!(j.is_settled());
        assert!(!j.hear(1, &counted(9, 1)));
        assert_eq!(j.clicks(), 0);
    }

    #[test]
    fn it_reads_back_what_it_wrote_and_nothing_else() {
        let mut j = Journal::new(4);
        j.tap(10);
        j.close_batch();
        j.hear(4, &counted(1, 1));
        j.tap(20);
        j.tap(30);
        j.close_batch();
        j.ship(40);
        j.tap(50);
        let text = j.encode();
        assert_eq!(Journal::decode(&text), Some(j.clone()), "{text}");
        assert_eq!(Journal::decode(&Journal::default().encode()), Some(Journal::default()));
        // The ship's moment is kept after the server stored the ship, and read back.
        j.hear(4, &Event::Saved { seq: 9 });
        assert_eq!(j.shipped_at(), Some(40));
        assert_eq!(Journal::decode(&j.encode()), Some(j.clone()));
        // Version 1 kept no moment: it is found in the ship still waiting, if any.
        let v1 = Journal::decode("1 4 4 1 1 1 0 0 0 s 3 40").expect("version 1 reads");
        assert_eq!((v1.shipped(), v1.shipped_at()), (true, Some(40)));
        for bad in ["", "3 4 1 0 0 0 0 0 0 0", "1 4 1", "1 4 1 0 0 0 0 0 0 x 1 2", "1 4 1 0 0 0 0 0 0 c 1"] {
            assert_eq!(Journal::decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_ship_stands_where_the_server_credited_it() {
        let mut j = Journal::new(2);
        j.tap(100);
        j.ship(1_300);
        assert_eq!((j.shipped_at(), j.ship_credited()), (Some(1_300), false));
        // The message waited on its way in longer than the round trip allows: credited later.
        assert!(j.hear(2, &Event::YourShip { ms: 1_318 }));
        assert_eq!((j.shipped_at(), j.ship_credited()), (Some(1_318), true));
        // A new page learns it from the snapshot, even with nothing of the round kept.
        let mut fresh = Journal::new(0);
        fresh.restore(2, Some(&You { shipped_ms: Some(1_318), ..you(1, 2, 2) }));
        assert_eq!((fresh.shipped(), fresh.shipped_at(), fresh.ship_credited()), (true, Some(1_318), true));
        assert!(fresh.ship(2_000).is_empty(), "nothing to ship twice");
    }

    #[test]
    fn a_late_answer_does_not_take_the_count_back() {
        let mut j = Journal::new(1);
        j.tap(1);
        j.close_batch();
        j.tap(2);
        j.close_batch();
        j.hear(1, &counted(2, 2));
        // A repeat's answer from before, overtaken.
        j.hear(1, &counted(1, 1));
        assert_eq!(j.clicks(), 2);
    }
}
