//! The `GameRoom` Durable Object: one per game code. A thin adapter: it rebuilds the game from
//! storage, hands every event to `shared::game::Game`, and carries out what the game asks
//! (send, close, store, arm the alarm).
//!
//! Sockets are accepted with the hibernation API; each socket's identity lives in its
//! attachment, so the room can be evicted between messages and pick up where it was.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Duration;

use shared::api::{ApiError, ApiErrorCode, RoomUsage, SeatGrant};
use shared::game::{Game, JoinError, NetworkMeasure, StorageOp};
use shared::ids::ConnId;
use shared::protocol::{Event, Rejection, ServerMsg, encode_server};
use worker::{
    Date, Delay, DurableObject, Env, Request, Response, Result, State, WebSocket, WebSocketIncomingMessage,
    WebSocketPair, durable_object, wasm_bindgen_futures::spawn_local,
};

use crate::log::{self, Trouble};
use crate::network;
use crate::random::seat_token;
use crate::reply::{api_error, json};
use crate::room_api::{Rematch, RoomCall};
use crate::room_socket::{Attachment, close_reply};
use crate::store::{Pending, Store};

#[durable_object]
pub struct GameRoom {
    room: Rc<Room>,
}

/// The room's state, shared with its in-memory timers.
struct Room {
    state: State,
    store: Store,
    /// `None` until loaded from storage, and for a code with no game.
    game: RefCell<Option<Game>>,
    loaded: Cell<bool>,
    /// Stored bytes that could not be read back: the game is lost, and its players are told so.
    unrestorable: Cell<bool>,
    next_conn: Cell<u64>,
    /// The open sockets by connection, kept from accept to close. Rebuilding this from
    /// `get_websockets()` and every socket's attachment on each message cost a structured-clone
    /// read per socket per message; it is rebuilt only on wake-up, in `load`.
    sockets: RefCell<HashMap<ConnId, WebSocket>>,
    /// The stored alarm as this instance last knew it: set only when a lasting deadline moves.
    alarm: Cell<Option<u64>>,
    /// When the in-memory timer next fires, if one is pending.
    wake: Cell<Option<u64>>,
    usage: Cell<RoomUsage>,
}

/// What a step started and left to await once the game's borrow ended.
struct Effects {
    /// The save under way, numbered for `Game::handle_saved`.
    save: Option<u32>,
    writes: Pending,
}

fn now() -> u64 {
    Date::now().as_millis()
}

impl Room {
    /// Loads the game once per wake-up, and re-registers the sockets that outlived the last one.
    async fn load(self: &Rc<Self>) -> Result<()> {
        if self.loaded.get() {
            return Ok(());
        }
        let stored = self.store.load().await?;
        let alarm = self.store.alarm().await?;
        // A second event may have loaded it while this one awaited storage.
        if self.loaded.get() {
            return Ok(());
        }
        self.alarm.set(alarm);
        let mut game = match stored.as_deref().map(Game::from_stored) {
            Some(Ok(game)) => Some(game),
            Some(Err(unreadable)) => {
                let trouble =
                    Trouble::StoredGameUnreadable { version: unreadable.version, error: unreadable.error };
                log::trouble(unreadable.code.as_deref(), &trouble);
                self.unrestorable.set(true);
                None
            }
            None => None,
        };
        let now = now();
        let mut next = 1;
        let mut sockets = HashMap::new();
        for ws in self.state.get_websockets() {
            match (ws.deserialize_attachment::<Attachment>().ok().flatten(), game.as_mut()) {
                (Some(att), Some(game)) => {
                    game.restore_conn(att.conn, att.hello, att.network, now);
                    next = next.max(att.conn.0 + 1);
                    sockets.insert(att.conn, ws);
                }
                _ => self.refuse(&ws),
            }
        }
        self.next_conn.set(next);
        *self.sockets.borrow_mut() = sockets;
        *self.game.borrow_mut() = game;
        self.loaded.set(true);
        if let Some(effects) = self.step(|game, now| game.handle_restored(now)) {
            self.commit(effects.1).await?;
        }
        Ok(())
    }

    /// Closes a socket of a game that is gone: lost to unreadable storage, or never there.
    fn refuse(&self, ws: &WebSocket) {
        if self.unrestorable.get() {
            let error = Rejection::Unrestorable;
            let event = Event::Rejected { error, reason: error.reason().to_string(), seq: None };
            let _ = ws.send_with_str(encode_server(&ServerMsg { round: 0, now: now(), event }));
            let _ = ws.close(Some(1011), Some("game could not be restored"));
        } else {
            let _ = ws.close(Some(1011), Some("game gone"));
        }
    }

    /// Runs `f` on the game and carries out what it asks, in the order the output gate needs:
    /// the write first, then the messages it may hold back. Returns what is left to await.
    /// The borrow never outlives this synchronous function.
    fn step<T>(self: &Rc<Self>, f: impl FnOnce(&mut Game, u64) -> T) -> Option<(T, Effects)> {
        let mut slot = self.game.borrow_mut();
        let game = slot.as_mut()?;
        let out = f(game, now());
        while let Some(record) = game.poll_record() {
            log::record(game.code(), &record);
        }
        let mut effects = Effects { save: None, writes: Pending::none() };
        let storage = game.poll_storage();
        let deleted = matches!(storage, Some(StorageOp::Delete));
        let started = match storage {
            Some(StorageOp::Save { save, hold }) => {
                effects.save = Some(save);
                self.count(|u| u.storage_writes += 1);
                self.store.save(&game.stored(), hold)
            }
            Some(StorageOp::Delete) => {
                self.count(|u| u.storage_writes += 1);
                self.alarm.set(None);
                self.store.delete()
            }
            None => Ok(Pending::none()),
        };
        match started {
            Ok(writes) => effects.writes = writes,
            // Nothing may be sent that the write was to hold: the error goes to the runtime.
            Err(err) => {
                log::trouble(
                    Some(game.code()),
                    &Trouble::InternalError { during: "storage", error: err.to_string() },
                );
                return None;
            }
        }
        let transmits: Vec<_> = std::iter::from_fn(|| game.poll_transmit()).collect();
        let closes: Vec<_> = std::iter::from_fn(|| game.poll_close()).collect();
        if !transmits.is_empty() || !closes.is_empty() {
            let mut sockets = self.sockets.borrow_mut();
            for transmit in transmits {
                let text = encode_server(&transmit.msg);
                for ws in transmit.to.iter().filter_map(|conn| sockets.get(conn)) {
                    // A socket closing under us is not an error worth stopping for.
                    let _ = ws.send_with_str(&text);
                }
            }
            for close in closes {
                if let Some(ws) = sockets.remove(&close.conn) {
                    let _ = ws.close(Some(close.code), Some(close.reason));
                }
            }
        }
        // The stored alarm is a backstop (`Game::poll_alarm`), written only when it must move
        // later: about once a round. One that is later than needed is left: a round nobody
        // plays closes a little late. An alarm left from before fires, finds nothing due, and
        // costs no write.
        if let Some(at) = game.poll_alarm()
            && self.alarm.get().is_none_or(|armed| at > armed)
        {
            self.alarm.set(Some(at));
            self.count(|u| u.alarm_sets += 1);
            if let Ok(set) = self.store.set_alarm(at) {
                effects.writes.join(set);
            }
        }
        let wake = game.poll_timeout();
        if deleted {
            *slot = None;
        }
        drop(slot);
        if let Some(at) = wake {
            self.schedule(at);
        }
        Some((out, effects))
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
            let result = room.tick().await;
            let _ = room.logged("timer", result);
        });
    }

    async fn tick(self: &Rc<Self>) -> Result<()> {
        if let Some(((), effects)) = self.step(|game, now| game.handle_timeout(now)) {
            self.commit(effects).await?;
        }
        Ok(())
    }

    /// Waits for a step's writes; once its save is on disk, the inputs it holds are acknowledged.
    async fn commit(self: &Rc<Self>, effects: Effects) -> Result<()> {
        effects.writes.done().await?;
        if let Some(save) = effects.save {
            self.store.durable()?.done().await?;
            if let Some(((), acked)) = self.step(|game, now| game.handle_saved(save, now)) {
                acked.writes.done().await?;
            }
        }
        Ok(())
    }

    async fn handle_call(self: &Rc<Self>, call: RoomCall) -> Result<Response> {
        if self.unrestorable.get() {
            return api_error(ApiError::new(ApiErrorCode::Unrestorable, Rejection::Unrestorable.reason()));
        }
        match call {
            RoomCall::Create { code, config, name } => {
                if self.game.borrow().is_some() {
                    return api_error(ApiError::new(ApiErrorCode::Started, "Code taken."));
                }
                *self.game.borrow_mut() = Some(Game::new(code, config, now()));
                let answer = self.join(name).await;
                if answer.as_ref().map(|r| r.status_code() != 200).unwrap_or(true) {
                    // The host could not sit (a bad name): no game is left behind.
                    *self.game.borrow_mut() = None;
                    self.store.delete()?.done().await?;
                }
                answer
            }
            RoomCall::Join { name } => self.join(name).await,
            RoomCall::Open { code, config, name } => {
                if self.game.borrow().is_none() {
                    *self.game.borrow_mut() = Some(Game::new(code, config, now()));
                }
                self.join(name).await
            }
            RoomCall::Rematch { code } => {
                let stepped = self.step(|game, now| {
                    let config = game.config().clone();
                    game.handle_rematch(code, now).map(|code| Rematch { code, config })
                });
                let Some((rematch, effects)) = stepped else { return not_found() };
                self.commit(effects).await?;
                match rematch {
                    Some(rematch) => json(200, &rematch),
                    None => api_error(ApiError::new(ApiErrorCode::Started, "The game is not over yet.")),
                }
            }
            RoomCall::Usage => match self.game.borrow().as_ref() {
                Some(_) => json(200, &self.usage.get()),
                None => not_found(),
            },
            RoomCall::Info => match self.game.borrow().as_ref() {
                Some(game) => json(200, &game.view(None)),
                None => not_found(),
            },
        }
    }

    async fn join(self: &Rc<Self>, name: String) -> Result<Response> {
        let token = seat_token();
        let Some((result, effects)) = self.step(|game, now| {
            let code = game.code().to_string();
            game.handle_join(&name, token.clone(), now).map(|joined| (code, joined))
        }) else {
            return not_found();
        };
        self.commit(effects).await?;
        match result {
            Ok((code, joined)) => json(200, &SeatGrant { code, seat: joined.seat, name: joined.name, token }),
            Err(err) => {
                let code = match err {
                    JoinError::BadName => ApiErrorCode::BadName,
                    JoinError::Full => ApiErrorCode::Full,
                    JoinError::Started => ApiErrorCode::Started,
                    JoinError::Closed => ApiErrorCode::NotFound,
                };
                api_error(ApiError::new(code, err.reason()))
            }
        }
    }

    fn accept(&self, network: Option<NetworkMeasure>) -> Result<Response> {
        let pair = WebSocketPair::new()?;
        let conn = ConnId(self.next_conn.get());
        self.next_conn.set(conn.0 + 1);
        self.state.accept_web_socket(&pair.server);
        pair.server.serialize_attachment(Attachment { conn, hello: None, network })?;
        self.sockets.borrow_mut().insert(conn, pair.server);
        Response::from_websocket(pair.client)
    }

    fn count(&self, f: impl FnOnce(&mut RoomUsage)) {
        let mut usage = self.usage.get();
        f(&mut usage);
        self.usage.set(usage);
    }

    /// Keeps a socket's attachment in step with what it said in hello.
    fn remember_hello(&self, ws: &WebSocket, att: Attachment) {
        let hello = self.game.borrow().as_ref().and_then(|g| g.hello_of(att.conn));
        if hello != att.hello {
            let _ = ws.serialize_attachment(Attachment { hello, ..att });
        }
    }
}

fn not_found() -> Result<Response> {
    api_error(ApiError::new(ApiErrorCode::NotFound, "No game with that code."))
}

impl DurableObject for GameRoom {
    fn new(state: State, _env: Env) -> Self {
        let inner = state._inner();
        // Every Durable Object has storage; were it missing, each call on it fails as an error.
        let storage: worker::wasm_bindgen::JsValue = inner.storage().map_or_else(|err| err, Into::into);
        let room = Room {
            state: State::from(inner),
            store: Store::new(storage),
            game: RefCell::new(None),
            loaded: Cell::new(false),
            unrestorable: Cell::new(false),
            next_conn: Cell::new(1),
            sockets: RefCell::new(HashMap::new()),
            alarm: Cell::new(None),
            wake: Cell::new(None),
            usage: Cell::new(RoomUsage { since: now(), ..RoomUsage::default() }),
        };
        Self { room: Rc::new(room) }
    }

    async fn fetch(&self, req: Request) -> Result<Response> {
        let result = self.room.serve(req).await;
        self.room.logged("room fetch", result)
    }

    async fn websocket_message(&self, ws: WebSocket, message: WebSocketIncomingMessage) -> Result<()> {
        let result = self.room.receive(ws, message).await;
        self.room.logged("socket message", result)
    }

    async fn websocket_close(&self, ws: WebSocket, code: usize, _reason: String, _clean: bool) -> Result<()> {
        // The hibernation API leaves the closing handshake to the object (RFC 6455 §5.5.1): the
        // peer waits for our Close frame, and without it its socket ends abnormally (1006).
        let _ = ws.close(Some(close_reply(code)), Some(""));
        let result = self.room.disconnect(ws).await;
        self.room.logged("socket close", result)
    }

    async fn websocket_error(&self, ws: WebSocket, _error: worker::Error) -> Result<()> {
        let result = self.room.disconnect(ws).await;
        self.room.logged("socket error", result)
    }

    async fn alarm(&self) -> Result<Response> {
        let result = self.room.wake().await;
        self.room.logged("alarm", result)
    }
}

impl Room {
    async fn serve(self: &Rc<Self>, mut req: Request) -> Result<Response> {
        self.count(|u| u.requests += 1);
        // Answered before anything else, storage included: the Worker times the hop with it.
        if req.path() == network::PING_PATH {
            return Response::empty();
        }
        self.load().await?;
        if req.path().ends_with("/ws") {
            if self.game.borrow().is_none() {
                if !self.unrestorable.get() {
                    return not_found();
                }
                // Told in words over the socket, which the app shows, rather than a bare 404.
                let pair = WebSocketPair::new()?;
                self.state.accept_web_socket(&pair.server);
                self.refuse(&pair.server);
                return Response::from_websocket(pair.client);
            }
            let network = req.headers().get(network::HEADER)?.and_then(|h| serde_json::from_str(&h).ok());
            let response = self.accept(network)?;
            let conn = ConnId(self.next_conn.get() - 1);
            if let Some(((), effects)) = self.step(|game, now| game.handle_connect(conn, network, now)) {
                self.commit(effects).await?;
            }
            return Ok(response);
        }
        match req.json::<RoomCall>().await {
            Ok(call) => self.handle_call(call).await,
            Err(_) => api_error(ApiError::new(ApiErrorCode::BadRequest, "Unknown room call.")),
        }
    }

    async fn receive(self: &Rc<Self>, ws: WebSocket, message: WebSocketIncomingMessage) -> Result<()> {
        self.count(|u| u.socket_messages += 1);
        self.load().await?;
        let Some(att) = ws.deserialize_attachment::<Attachment>().ok().flatten() else {
            let _ = ws.close(Some(1011), Some("unknown socket"));
            return Ok(());
        };
        let stepped = self.step(|game, now| match &message {
            WebSocketIncomingMessage::String(text) => game.handle_frame(att.conn, text, now),
            WebSocketIncomingMessage::Binary(_) => game.handle_binary(att.conn, now),
        });
        let Some(((), effects)) = stepped else {
            if self.unrestorable.get() {
                self.refuse(&ws);
            } else {
                let _ = ws.close(Some(1000), Some("game over"));
            }
            return Ok(());
        };
        self.remember_hello(&ws, att);
        self.commit(effects).await
    }

    async fn wake(self: &Rc<Self>) -> Result<Response> {
        self.count(|u| u.alarms += 1);
        // The alarm that woke us is spent; the step below sets the next one.
        self.alarm.set(None);
        self.load().await?;
        if let Some(((), effects)) = self.step(|game, now| game.handle_timeout(now)) {
            self.commit(effects).await?;
        }
        Response::ok("")
    }

    /// Logs an error on its way to the runtime, with the game's code where it is known.
    fn logged<T>(&self, during: &'static str, result: Result<T>) -> Result<T> {
        if let Err(err) = &result {
            let code = self.game.borrow().as_ref().map(|g| g.code().to_string());
            log::trouble(code.as_deref(), &Trouble::InternalError { during, error: err.to_string() });
        }
        result
    }

    async fn disconnect(self: &Rc<Self>, ws: WebSocket) -> Result<()> {
        self.load().await?;
        let Some(att) = ws.deserialize_attachment::<Attachment>().ok().flatten() else { return Ok(()) };
        self.sockets.borrow_mut().remove(&att.conn);
        if let Some(((), effects)) = self.step(|game, now| game.handle_disconnect(att.conn, now)) {
            self.commit(effects).await?;
        }
        Ok(())
    }
}
