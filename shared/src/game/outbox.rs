//! What the game asks its owner to do: send, close, store.

use super::Game;
use super::presence::STRIKES_TO_CLOSE;
use crate::ids::{ConnId, SeatId};
use crate::protocol::{Event, Rejection, ServerMsg, TabId};

/// One message for some sockets.
#[derive(Clone, Debug, PartialEq)]
pub struct Transmit {
    pub to: Vec<ConnId>,
    pub msg: ServerMsg,
}

/// Close a socket with this WebSocket close code and reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Close {
    pub conn: ConnId,
    pub code: u16,
    pub reason: &'static str,
}

/// What to do with the game's stored state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageOp {
    /// Write [`Game::stored`] over the stored copy, and call [`Game::handle_saved`] with `save`
    /// once it is durable. With `hold`, nobody may hear of what it holds before then: the owner
    /// starts the write before sending this step's messages, and they wait for it. Without, it
    /// holds only counted clicks, which their clients keep until they hear it is saved.
    Save { save: u32, hold: bool },
    /// The game is gone for good: delete everything stored for it.
    Delete,
}

/// Close code for a socket that broke the rules (RFC 6455: policy violation).
pub const CLOSE_POLICY: u16 = 1008;
/// Close code for a text frame that is not UTF-8 (RFC 6455: invalid frame payload data).
pub const CLOSE_INVALID_DATA: u16 = 1007;
/// Close code for a client that speaks another protocol version: it should reload.
pub const CLOSE_RELOAD: u16 = 4000;

impl Game {
    pub(super) fn push(&mut self, to: Vec<ConnId>, event: Event) {
        if to.is_empty() {
            return;
        }
        let msg = ServerMsg { round: self.round, now: self.now, event };
        self.outbox.push_back(Transmit { to, msg });
    }

    /// Sends to one socket.
    pub(super) fn send(&mut self, conn: ConnId, event: Event) {
        self.push(vec![conn], event);
    }

    /// Sends to every socket of one seat.
    pub(super) fn send_seat(&mut self, seat: SeatId, event: Event) {
        let to = self.conns.iter().filter(|(_, c)| c.seat() == Some(seat)).map(|(id, _)| *id).collect();
        self.push(to, event);
    }

    /// Refuses a message that the game cannot take now; not held against the socket.
    pub(super) fn reject(&mut self, conn: ConnId, error: Rejection) {
        self.reject_input(conn, error, None);
    }

    /// Refuses a message, naming the input it carried, if any, so its client can drop it.
    pub(super) fn reject_input(&mut self, conn: ConnId, error: Rejection, input: Option<(TabId, u32)>) {
        let reason = error.reason().to_string();
        let (tab, seq) = (input.map(|i| i.0), input.map(|i| i.1));
        self.send(conn, Event::Rejected { error, reason, tab, seq });
    }

    /// Refuses garbage or a flood, and closes the socket once it keeps at it: after
    /// [`STRIKES_TO_CLOSE`] refusals, or [`FLOOD_CLOSE_MS`](super::presence::FLOOD_CLOSE_MS)
    /// over its budget. Past the first few messages over the budget a flood is not answered:
    /// each answer would cost the room a send for a message it does not want. A seat's closes
    /// are remembered, and an address's: a seat closed too often waits before it may say hello
    /// again, an address before it may open another socket.
    pub(super) fn strike(&mut self, conn: ConnId, error: Rejection) {
        let Some(c) = self.conns.get_mut(&conn) else { return };
        c.strikes += 1;
        let abusive = c.strikes >= STRIKES_TO_CLOSE || c.flooded_out(self.now);
        let seat = c.seat();
        let from = abusive.then(|| c.from.clone()).flatten();
        if error != Rejection::Flood || c.tell_flood() {
            self.reject(conn, error);
        }
        if abusive {
            if let Some(seat) = seat {
                self.flood_closes.entry(seat).or_default().push(self.now);
            }
            if let Some(from) = from {
                self.note_address_close(from, self.now);
            }
            self.record(super::Record::FloodClosed { conn, last: error });
            self.close(conn, CLOSE_POLICY, "too many bad messages");
        }
    }

    /// Closes a socket and forgets it.
    pub(super) fn close(&mut self, conn: ConnId, code: u16, reason: &'static str) {
        self.closes.push_back(Close { conn, code, reason });
        self.handle_disconnect(conn, self.now);
    }
}
