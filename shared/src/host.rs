//! What an owner does with a [`Game`] after each input, in the order the Workers runtime needs,
//! over two small traits: [`Store`] (the game's storage and alarm) and [`Sockets`]. The Durable
//! Object implements them over the runtime; [`MemoryStore`] is the in-memory twin the simulation
//! and the tests use, so that this glue is tested natively.
//!
//! The order, per step: the game's write is started before the step's messages are sent, so that
//! a write that holds them (a phase, a ship) is durable before anyone hears of it: the runtime's
//! output gate holds what a Durable Object sends after a write until that write is confirmed.
//! Then the messages and closes; then the stored alarm, moved only when it must move later
//! ([`Game::poll_alarm`]); and the time of the next in-memory wake-up is handed back.

use crate::game::{Game, Record, StorageOp, Unreadable};
use crate::ids::ConnId;
use crate::protocol::ServerMsg;

/// The game's storage, as its owner reaches it. Each call starts the operation and returns at
/// once; the owner awaits them after the step ([`Stepped::save`]).
pub trait Store {
    /// Starts writing `json` over the stored game. With `hold`, what is sent from now on waits
    /// until the write is durable; without, nothing waits. `false` if it could not even start.
    fn save(&mut self, json: &str, hold: bool) -> bool;
    /// Starts deleting everything stored for the game, its alarm included.
    fn delete(&mut self);
    /// Starts setting the stored alarm to `at`, ms since the epoch.
    fn set_alarm(&mut self, at: u64);
}

/// The game's open sockets.
pub trait Sockets {
    fn send(&mut self, to: &[ConnId], msg: &ServerMsg);
    fn close(&mut self, conn: ConnId, code: u16, reason: &'static str);
}

/// What the owner of a game last told its store: the stored alarm as set or read.
#[derive(Debug, Default)]
pub struct Host {
    /// `None` before it is known, and once it fired.
    alarm: Option<u64>,
}

/// What a step leaves to its owner.
#[derive(Debug)]
pub struct Stepped<T> {
    pub out: T,
    /// The save started, numbered: once it is durable, call [`Host::saved`] with it.
    pub save: Option<u32>,
    /// The game was deleted: the owner drops it.
    pub deleted: bool,
    /// When the game next has something to do: the owner's in-memory timer.
    pub wake: Option<u64>,
    /// Lines for the operator's log, with the game's code.
    pub records: Vec<(String, Record)>,
    /// A write that was to hold this step's messages could not start: they were not sent (the
    /// players learn the state from their next snapshot), and the owner reports an error.
    pub unsaved: bool,
}

/// The game read back from what was stored, if anything was; bytes that cannot be read say why.
pub fn restore(stored: Option<&str>) -> Result<Option<Game>, Unreadable> {
    stored.map(Game::from_stored).transpose()
}

impl Host {
    /// A host that knows the stored alarm as it stands.
    pub fn new(alarm: Option<u64>) -> Self {
        Self { alarm }
    }

    /// The stored alarm fired: it is set no more.
    pub fn alarm_fired(&mut self) {
        self.alarm = None;
    }

    /// Runs `f` on `game`, then carries out what the game asks, in order.
    pub fn step<T>(
        &mut self,
        game: &mut Game,
        store: &mut impl Store,
        sockets: &mut impl Sockets,
        now: u64,
        f: impl FnOnce(&mut Game, u64) -> T,
    ) -> Stepped<T> {
        let out = f(game, now);
        let mut records = Vec::new();
        while let Some(record) = game.poll_record() {
            records.push((game.code().to_string(), record));
        }
        let (mut save, mut deleted, mut unsaved) = (None, false, false);
        match game.poll_storage() {
            Some(StorageOp::Save { save: n, hold }) => {
                if store.save(&game.stored(), hold) {
                    save = Some(n);
                } else {
                    unsaved = hold;
                }
            }
            Some(StorageOp::Delete) => {
                store.delete();
                self.alarm = None;
                deleted = true;
            }
            None => {}
        }
        while let Some(transmit) = game.poll_transmit() {
            if !unsaved {
                sockets.send(&transmit.to, &transmit.msg);
            }
        }
        while let Some(close) = game.poll_close() {
            sockets.close(close.conn, close.code, close.reason);
        }
        // A backstop, moved only later: one that is later than needed is left (a round nobody
        // plays closes a little late), and one left from before fires, finds nothing due and
        // costs no write.
        if let Some(at) = game.poll_alarm().filter(|_| !deleted)
            && self.alarm.is_none_or(|armed| at > armed)
        {
            store.set_alarm(at);
            self.alarm = Some(at);
        }
        let wake = game.poll_timeout().filter(|_| !deleted);
        Stepped { out, save, deleted, wake, records, unsaved }
    }

    /// The save numbered `save` is durable: the inputs it holds are acknowledged.
    pub fn saved(
        &mut self,
        game: &mut Game,
        store: &mut impl Store,
        sockets: &mut impl Sockets,
        save: u32,
        now: u64,
    ) -> Stepped<()> {
        self.step(game, store, sockets, now, |game, now| game.handle_saved(save, now))
    }
}

/// The in-memory twin of a Durable Object's storage: durable at once, and it keeps the last bytes
/// written, which is all a restart gets back.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MemoryStore {
    pub bytes: Option<String>,
    pub alarm: Option<u64>,
    /// Every operation, in order: what a test counts.
    pub log: Vec<StoreOp>,
}

/// One operation on a [`MemoryStore`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreOp {
    Save { hold: bool },
    Delete,
    SetAlarm(u64),
}

impl Store for MemoryStore {
    fn save(&mut self, json: &str, hold: bool) -> bool {
        self.bytes = Some(json.to_string());
        self.log.push(StoreOp::Save { hold });
        true
    }

    fn delete(&mut self) {
        self.bytes = None;
        self.alarm = None;
        self.log.push(StoreOp::Delete);
    }

    fn set_alarm(&mut self, at: u64) {
        self.alarm = Some(at);
        self.log.push(StoreOp::SetAlarm(at));
    }
}

impl MemoryStore {
    /// Rows written so far: saves, deletes and alarm sets.
    pub fn rows_written(&self) -> usize {
        self.log.len()
    }
}
