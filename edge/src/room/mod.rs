//! The `GameRoom` Durable Object: one per game code. A thin adapter: it rebuilds the game from
//! storage, hands every event to `shared::game::Game`, and carries out what the game asks
//! (send, close, store, arm the alarm).
//!
//! Sockets are accepted with the hibernation API; each socket's identity lives in its
//! attachment, so the room can be evicted between messages and pick up where it was.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use shared::api::{ApiError, ApiErrorCode, RoomUsage, SeatGrant};
use shared::game::{Game, JoinError, NetworkMeasure};
use shared::host::{self, Host};
use shared::ids::ConnId;
use shared::protocol::{Event, Rejection, ServerMsg, encode_server};
use worker::{
    Date, DurableObject, Env, Request, Response, Result, State, WebSocket, WebSocketIncomingMessage,
    WebSocketPair, durable_object,
};

use crate::log::{self, Trouble};
use crate::random::{self, seat_token};
use crate::reply::{api_error, json};
use crate::room_api::{Rematch, RoomCall};
use crate::room_socket::{self, Attachment, RuntimeState, close_reply};
use crate::store::Store;

mod events;

#[durable_object]
pub struct GameRoom {
    room: Rc<Room>,
}

/// The room's state, shared with its in-memory timers.
pub(crate) struct Room {
    pub(crate) state: State,
    /// The same object, for what workers-rs does not bind.
    runtime: RuntimeState,
    pub(crate) store: Store,
    /// `None` until loaded from storage, and for a code with no game.
    pub(crate) game: RefCell<Option<Game>>,
    /// What the room last told its store.
    pub(crate) host: RefCell<Host>,
    loaded: Cell<bool>,
    /// Stored bytes that could not be read back: the game is lost, and its players are told so.
    unrestorable: Cell<bool>,
    next_conn: Cell<u64>,
    /// The open sockets by connection, kept from accept to close. Rebuilding this from
    /// `get_websockets()` and every socket's attachment on each message cost a structured-clone
    /// read per socket per message; it is rebuilt only on wake-up, in `load`.
    pub(crate) sockets: RefCell<HashMap<ConnId, WebSocket>>,
    /// Sockets the room closed whose Close the runtime has not confirmed: what they still send
    /// is dropped before anything else is done with it (see `receive`).
    pub(crate) closing: RefCell<Vec<WebSocket>>,
    /// When the in-memory timer next fires, if one is pending.
    pub(crate) wake: Cell<Option<u64>>,
    usage: Cell<RoomUsage>,
}

pub(crate) fn now() -> u64 {
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
        let game = host::restore(stored.as_deref()).unwrap_or_else(|lost| {
            let trouble = Trouble::StoredGameUnreadable { version: lost.version, error: lost.error };
            log::trouble(lost.code.as_deref(), &trouble);
            self.unrestorable.set(true);
            None
        });
        let has_game = game.is_some();
        *self.game.borrow_mut() = game;
        *self.host.borrow_mut() = Host::new(alarm);
        let mut next = 1;
        let mut back = Vec::new();
        let mut sockets = HashMap::new();
        for ws in self.state.get_websockets() {
            match ws.deserialize_attachment::<Attachment>().ok().flatten().filter(|_| has_game) {
                Some(att) if att.closing => self.closing.borrow_mut().push(ws),
                Some(att) => {
                    next = next.max(att.conn.0 + 1);
                    sockets.insert(att.conn, ws);
                    back.push(att);
                }
                None => self.refuse(&ws),
            }
        }
        self.next_conn.set(next);
        *self.sockets.borrow_mut() = sockets;
        self.loaded.set(true);
        let restored = self.step(|game, now| {
            for att in back {
                // Its address is not carried across hibernation: a room that slept heard no
                // flood lately, and the seat's own count of closes still holds after hello.
                game.restore_conn(att.conn, att.hello, att.network, None, now);
            }
            game.handle_restored(now);
        });
        if let Some(((), effects)) = restored {
            self.commit(effects).await?;
        }
        Ok(())
    }

    /// Closes a socket of a game that is gone: lost to unreadable storage, or never there.
    fn refuse(&self, ws: &WebSocket) {
        if self.unrestorable.get() {
            let error = Rejection::Unrestorable;
            let event = Event::Rejected { error, reason: error.reason().to_string(), tab: None, seq: None };
            let _ = ws.send_with_str(encode_server(&ServerMsg { round: 0, now: now(), event }));
            let _ = ws.close(Some(1011), Some("game could not be restored"));
        } else {
            let _ = ws.close(Some(1011), Some("game gone"));
        }
    }

    async fn handle_call(self: &Rc<Self>, call: RoomCall) -> Result<Response> {
        if self.unrestorable.get() {
            return api_error(ApiError::new(ApiErrorCode::Unrestorable, Rejection::Unrestorable.reason()));
        }
        match call {
            RoomCall::Create { code, config, name, practice } => {
                if self.game.borrow().as_ref().is_some() {
                    return api_error(ApiError::new(ApiErrorCode::Started, "Code taken."));
                }
                *self.game.borrow_mut() = Some(Game::new(code, config, random::seed(), now()));
                let answer = self.join(name).await;
                if answer.as_ref().map(|r| r.status_code() != 200).unwrap_or(true) {
                    // The host could not sit (a bad name): no game is left behind.
                    *self.game.borrow_mut() = None;
                    self.store.delete()?.done().await?;
                } else if practice
                    && let Some(((), effects)) = self.step(|game, now| game.handle_practice(now))
                {
                    self.commit(effects).await?;
                }
                answer
            }
            RoomCall::Join { name } => self.join(name).await,
            RoomCall::Open { code, config, name } => {
                if self.game.borrow().as_ref().is_none() {
                    *self.game.borrow_mut() = Some(Game::new(code, config, random::seed(), now()));
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
        pair.server.serialize_attachment(Attachment { conn, hello: None, network, closing: false })?;
        self.sockets.borrow_mut().insert(conn, pair.server);
        Response::from_websocket(pair.client)
    }

    pub(crate) fn count(&self, f: impl FnOnce(&mut RoomUsage)) {
        let mut usage = self.usage.get();
        f(&mut usage);
        self.usage.set(usage);
    }

    /// Keeps a socket's attachment in step with what it said in hello.
    fn remember_hello(&self, ws: &WebSocket, att: Attachment) {
        if self.closing.borrow().contains(ws) {
            return;
        }
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
        let runtime = worker::wasm_bindgen::JsCast::unchecked_into::<RuntimeState>(inner.clone());
        let state = State::from(inner);
        room_socket::answer_heartbeats(&state);
        let room = Room {
            state,
            runtime,
            store: Store::new(storage),
            game: RefCell::new(None),
            host: RefCell::new(Host::default()),
            loaded: Cell::new(false),
            unrestorable: Cell::new(false),
            next_conn: Cell::new(1),
            sockets: RefCell::new(HashMap::new()),
            closing: RefCell::new(Vec::new()),
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
