//! A player's taps and ship: counted on screen at once, kept in the journal (and on this device)
//! until the server says they are stored, and sent when the socket is synced.

use leptos::prelude::*;
use shared::protocol::ClientMsg;

use super::GameSocket;
use crate::device;

impl GameSocket {
    /// A tap on the product, `at` ms into the round on this screen: counted on screen at once,
    /// sent in a batch (at once when the batch is full).
    pub fn tap(&self, at: u32) {
        let full = self.0.state.journal.try_update(|j| j.tap(at)).flatten();
        if let Some(msg) = full {
            self.input(&msg);
        }
    }

    /// Sends the batch of taps gathered so far, if any.
    pub fn flush(&self) {
        let batch = self.0.state.journal.try_update(|j| j.close_batch()).flatten();
        if let Some(msg) = batch {
            self.input(&msg);
        }
    }

    /// Ships, `at` ms into the round on this screen, after the taps gathered so far.
    pub fn ship(&self, at: u32) {
        for msg in self.0.state.journal.try_update(|j| j.ship(at)).unwrap_or_default() {
            self.input(&msg);
        }
    }

    /// Takes over the journal kept under `key` by a page that is gone: its inputs join this
    /// page's, kept under this page's key, and go out now if the socket is synced (else with the
    /// snapshot, like this page's own).
    pub(super) fn take_over(&self, key: &str) {
        let state = self.0.state;
        if let Some(mut kept) = device::kept_journal(key) {
            if self.0.synced.get() {
                // Numbered on from where the server is, as a snapshot does for this page's own.
                let (round, you) = state
                    .view
                    .with_untracked(|v| v.as_ref().map_or((0, None), |v| (v.phase.round(), v.you.clone())));
                kept.restore(round, you.as_ref());
                for input in kept.unsaved() {
                    self.send(&input);
                }
            }
            state.journal.update(|j| j.adopt(kept));
            state.journal.with_untracked(|j| device::remember_journal(&self.0.code, j));
        }
        device::forget_journal(key);
    }

    /// Sends an input if the socket is open; either way the journal keeps it (on this device
    /// too) until the server says it is stored, and sends it again after a reconnect.
    fn input(&self, msg: &ClientMsg) {
        self.0.state.journal.with_untracked(|j| device::remember_journal(&self.0.code, j));
        if self.0.synced.get() {
            self.send(msg);
        }
    }
}
