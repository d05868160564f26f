//! What the server says, folded into the screens' state: the view, the journal, the round's start
//! on this page's clock, and the link's state.

use leptos::prelude::*;
use shared::journal::Journal;
use shared::link::{Gone, LinkState};
use shared::protocol::{ClientMsg, Event, Rejection};
use shared::view::Phase;

use super::{GameSocket, performance_now};
use crate::device;

impl GameSocket {
    /// One text frame from the server.
    pub(super) fn receive(&self, text: &str) {
        let Some(msg) = crate::net::json::server_msg(text) else { return };
        let state = self.0.state;
        state.server_offset.set(msg.now as f64 - js_sys::Date::now());
        self.0.arrival.borrow_mut().heard(performance_now(), msg.now);
        // A round starts on this screen where the server started it, on this page's clock: not
        // later for a message that waited for a busy page (`shared::arrival`).
        let started_here =
            |started_at: u64| self.0.arrival.borrow().local(started_at).unwrap_or_else(performance_now);
        let heard = state.journal.try_update(|j| j.hear(msg.round, &msg.event)).unwrap_or(false);
        if heard && matches!(msg.event, Event::Saved { .. }) {
            state.journal.with_untracked(|j| device::remember_journal(&self.0.code, j));
        }
        match &msg.event {
            Event::Probe { nonce } => return self.send(&ClientMsg::ProbeAck { nonce: *nonce }),
            Event::Rejected { error: Rejection::ProtocolMismatch, .. } => {
                return self.with_link(LinkState::reload);
            }
            // Nothing to come back to: no more reconnects.
            Event::Rejected { error: Rejection::Unrestorable, .. } => {
                self.with_link(|l| l.gone(Gone::Lost));
                return self.shut_socket();
            }
            Event::Rejected { reason, .. } => return state.rejection.set(Some(reason.clone())),
            Event::Phase { phase } => {
                if state.journal.with_untracked(|j| j.round() != phase.round()) {
                    state.journal.update(|j| j.begin(phase.round()));
                }
                if let Phase::Round { started_at, .. } = phase {
                    state.round_started.set(Some(started_here(*started_at)));
                }
            }
            Event::Snapshot { view } => {
                // Joining mid-round: the round started when the server says, on this clock.
                let started = match view.phase {
                    Phase::Round { started_at, .. } => Some(started_here(started_at)),
                    _ => None,
                };
                state.round_started.set(started);
                // What the server has not stored goes again: a restart may have lost it.
                state.journal.update(|j| j.restore(view.phase.round(), view.you.as_ref()));
                state.view.set(Some(view.clone()));
                self.with_link(LinkState::synced);
                self.0.synced.set(true);
                for input in state.journal.with_untracked(Journal::unsaved) {
                    self.send(&input);
                }
                return;
            }
            _ => {}
        }
        state.view.update(|view| {
            if let Some(view) = view {
                view.apply(&msg.event);
            }
        });
    }
}
