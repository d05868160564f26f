//! A game room's steps over the runtime: `shared::host` does the game's side in order, over the
//! room's storage (writes started at once, awaited after) and its sockets; here are the two
//! traits' implementations, the await of each step's writes and the one in-memory timer.

use std::cell::RefMut;
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Duration;

use shared::game::Game;
use shared::host::{Sockets, Store};
use shared::ids::ConnId;
use shared::protocol::{ServerMsg, encode_server};
use worker::wasm_bindgen_futures::spawn_local;
use worker::{Delay, Error, Result, WebSocket};

use crate::log::{self, Trouble};
use crate::room::{Room, now};
use crate::room_socket::Attachment;
use crate::store::Pending;

/// What a step started and left to await once the game's borrow ended.
pub(crate) struct Effects {
    /// The save under way, numbered for `Host::saved`.
    save: Option<u32>,
    writes: Pending,
}

/// The room's storage as a step sees it: each call starts a write and keeps its promise.
struct RoomStore<'a> {
    room: &'a Room,
    writes: Pending,
    failed: Option<Error>,
}

impl RoomStore<'_> {
    fn started(&mut self, started: Result<Pending>) -> bool {
        match started {
            Ok(pending) => {
                self.writes.join(pending);
                true
            }
            Err(err) => {
                self.failed = Some(err);
                false
            }
        }
    }
}

impl Store for RoomStore<'_> {
    fn save(&mut self, json: &str, hold: bool) -> bool {
        self.room.count(|u| u.storage_writes += 1);
        let started = self.room.store.save(json, hold);
        self.started(started)
    }

    fn delete(&mut self) {
        self.room.count(|u| u.storage_writes += 1);
        let started = self.room.store.delete();
        self.started(started);
    }

    fn set_alarm(&mut self, at: u64) {
        self.room.count(|u| u.alarm_sets += 1);
        let started = self.room.store.set_alarm(at);
        self.started(started);
    }
}

/// The property the room sets on a socket it closed; `edge/shim.mjs` drops that socket's
/// frames without calling into Rust. Lost when the room hibernates: the attachment says it then.
pub(crate) const CLOSING_MARK: &str = "clixClosing";

/// The room's open sockets, and those it closed that the runtime still holds.
struct RoomSockets<'a> {
    open: RefMut<'a, HashMap<ConnId, WebSocket>>,
    closing: RefMut<'a, Vec<WebSocket>>,
}

impl Sockets for RoomSockets<'_> {
    fn send(&mut self, to: &[ConnId], msg: &ServerMsg) {
        let text = encode_server(msg);
        for ws in to.iter().filter_map(|conn| self.open.get(conn)) {
            // A socket closing under us is not an error worth stopping for.
            let _ = ws.send_with_str(&text);
        }
    }

    /// Closes at once, and remembers the socket as closing: the runtime keeps handing over
    /// every frame the peer sent before it saw our Close, and each of those is dropped unread,
    /// by the entry module before it reaches Rust (`CLOSING_MARK`), else in `Room::receive`.
    fn close(&mut self, conn: ConnId, code: u16, reason: &'static str) {
        if let Some(ws) = self.open.remove(&conn) {
            let _ = ws.close(Some(code), Some(reason));
            let js: &worker::web_sys::WebSocket = ws.as_ref();
            let _ = js_sys::Reflect::set(js, &CLOSING_MARK.into(), &true.into());
            if let Some(att) = ws.deserialize_attachment::<Attachment>().ok().flatten() {
                let _ = ws.serialize_attachment(Attachment { closing: true, ..att });
            }
            self.closing.push(ws);
        }
    }
}

impl Room {
    /// Runs `f` on the game and carries out what it asks; returns what is left to await. The
    /// borrows never outlive this synchronous function.
    pub(crate) fn step<T>(self: &Rc<Self>, f: impl FnOnce(&mut Game, u64) -> T) -> Option<(T, Effects)> {
        let mut store = RoomStore { room: self, writes: Pending::none(), failed: None };
        let stepped = {
            let mut slot = self.game.borrow_mut();
            let game = slot.as_mut()?;
            let mut sockets =
                RoomSockets { open: self.sockets.borrow_mut(), closing: self.closing.borrow_mut() };
            let stepped = self.host.borrow_mut().step(game, &mut store, &mut sockets, now(), f);
            if stepped.deleted {
                *slot = None;
            }
            stepped
        };
        for (code, record) in &stepped.records {
            log::record(code, record);
        }
        if let Some(err) = store.failed.take() {
            let code = self.game.borrow().as_ref().map(|g| g.code().to_string());
            log::trouble(
                code.as_deref(),
                &Trouble::InternalError { during: "storage", error: err.to_string() },
            );
        }
        if let Some(at) = stepped.wake {
            self.schedule(at);
        }
        Some((stepped.out, Effects { save: stepped.save, writes: store.writes }))
    }

    /// Waits for a step's writes; once its save is on disk, the inputs it holds are acknowledged.
    pub(crate) async fn commit(self: &Rc<Self>, effects: Effects) -> Result<()> {
        effects.writes.done().await?;
        if let Some(save) = effects.save {
            self.store.durable()?.done().await?;
            if let Some(((), acked)) = self.step(|game, now| game.handle_saved(save, now)) {
                acked.writes.done().await?;
            }
        }
        Ok(())
    }

    /// Keeps one in-memory timer for the game's next deadline of any kind (silence, a coalesced
    /// save, a phase): while sockets are open the object is awake anyway, and this costs no row.
    fn schedule(self: &Rc<Self>, at: u64) {
        if self.wake.get().is_some_and(|pending| pending <= at) {
            return;
        }
        self.wake.set(Some(at));
        let room = Rc::clone(self);
        spawn_local(async move {
            Delay::from(Duration::from_millis(at.saturating_sub(now()))).await;
            if room.wake.get() == Some(at) {
                room.wake.set(None);
            }
            room.count(|u| u.timers += 1);
            let result = room.time_passed().await;
            let _ = room.logged("timer", result);
        });
    }
}
