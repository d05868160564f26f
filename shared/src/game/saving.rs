//! When the game is saved, and what a durable save acknowledges: what everyone hears of is saved
//! before they do; counted clicks and presence within [`SAVE_CLICKS_WITHIN_MS`], their clients
//! keeping their inputs meanwhile (see [`crate::journal`]).

use super::Game;
use super::outbox::StorageOp;
use crate::protocol::Event;
use crate::rules::SAVE_CLICKS_WITHIN_MS;
use crate::view::Phase;

/// What the stored copy lacks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum Dirty {
    #[default]
    Clean,
    /// Counted clicks (or a presence) since `since`: saved within [`SAVE_CLICKS_WITHIN_MS`].
    Soon { since: u64 },
    /// Such a change whose time to be saved has come.
    SoonDue,
    /// Something everyone hears of: saved before they do.
    Now,
    /// The game is gone: delete it.
    Delete,
}

impl Game {
    /// What to do with stored state after the latest inputs. A save is numbered: pass the
    /// number to [`Game::handle_saved`] once the write is durable.
    pub fn poll_storage(&mut self) -> Option<StorageOp> {
        let hold = match self.dirty {
            Dirty::Clean => return None,
            Dirty::Soon { since } if self.now < since + SAVE_CLICKS_WITHIN_MS => return None,
            Dirty::Delete => {
                self.dirty = Dirty::Clean;
                self.unsaved.clear();
                return Some(StorageOp::Delete);
            }
            Dirty::Soon { .. } | Dirty::SoonDue => false,
            Dirty::Now => true,
        };
        self.dirty = Dirty::Clean;
        self.saved_at = self.now;
        self.saves = self.saves.wrapping_add(1);
        let (save, round) = (self.saves, self.round);
        let held = self.seats.iter().flat_map(|s| {
            let tabs = s.product.tabs.iter().filter(|t| t.seq > t.saved);
            tabs.map(move |t| (save, s.id, round, t.tab, t.seq))
        });
        let held: Vec<_> = held.collect();
        self.unsaved.extend(held);
        Some(StorageOp::Save { save, hold })
    }

    /// The save numbered `save` (and every one before it) is durable: the inputs it holds are
    /// acknowledged to their seats.
    pub fn handle_saved(&mut self, save: u32, now: u64) {
        self.now = now;
        while let Some(&(n, seat, round, tab, seq)) = self.unsaved.front() {
            // Numbers wrap after four billion saves; compared as a distance, they still order.
            if save.wrapping_sub(n) > u32::MAX / 2 {
                break;
            }
            self.unsaved.pop_front();
            let current = self.round;
            // The inputs of a player who is out no longer matter; nor do an earlier round's.
            let Some(s) = self.seat_mut(seat).filter(|s| round == current && s.is_active()) else { continue };
            let Some(t) = s.product.tab_mut(tab) else { continue };
            if t.seq >= seq && t.saved < seq {
                t.saved = seq;
                self.send_seat(seat, Event::Saved { tab, seq });
            }
        }
    }

    /// Something everyone will hear of changed: it is saved before they do.
    pub(super) fn save(&mut self) {
        // A closed game has been deleted; saving it again would leave it stored for good.
        if self.dirty != Dirty::Delete && self.phase != Phase::Closed {
            self.dirty = Dirty::Now;
        }
    }

    /// Clicks were counted, or a presence changed: saved within [`SAVE_CLICKS_WITHIN_MS`], the
    /// clients holding their inputs meanwhile.
    pub(super) fn save_soon(&mut self) {
        if self.dirty == Dirty::Clean && self.phase != Phase::Closed {
            self.dirty = Dirty::Soon { since: self.now };
        }
    }
}
