//! The `GameRoom` Durable Object: one per game code. A thin adapter: it rebuilds the game from
//! storage, hands every event to `shared::game::Game`, and carries out what the game asks
//! (send, close, store, arm the alarm).
//!
//! Sockets are accepted with the hibernation API; each socket's identity lives in its
//! attachment, so the room can be evicted between messages and pick up where it was.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use shared::api::{ApiError, ApiErrorCode, RoomUsage, SeatGrant};
use shared::game::{Game, JoinError, NetworkMeasure, StorageOp};
use shared::ids::ConnId;
use shared::protocol::encode_server;
use worker::{
    Date, DurableObject, Env, Request, Response, Result, ScheduledTime, State, WebSocket,
    WebSocketIncomingMessage, WebSocketPair, durable_object, wasm_bindgen::JsValue,
};

use crate::log::{self, Trouble};
use crate::network;
use crate::random::seat_token;
use crate::reply::{api_error, json};
use crate::room_api::{Rematch, RoomCall};
use crate::room_socket::{Attachment, close_reply};

/// Storage key of the game's state.
const GAME_KEY: &str = "game";

#[durable_object]
pub struct GameRoom {
    state: State,
    /// `None` until loaded from storage, and for a code with no game.
    game: RefCell<Option<Game>>,
    loaded: Cell<bool>,
    next_conn: Cell<u64>,
    /// The open sockets by connection, kept from accept to close. Rebuilding this from
    /// `get_websockets()` and every socket's attachment on each message cost a structured-clone
    /// read per socket per message; it is rebuilt only on wake-up, in `load`.
    sockets: RefCell<HashMap<ConnId, WebSocket>>,
    /// The alarm this instance last set, so that arming needs no storage read per message.
    armed: Cell<Option<i64>>,
    usage: Cell<RoomUsage>,
}

/// What a step left to do after the game's borrow ended: the async half of carrying out effects.
struct Effects {
    storage: Option<(StorageOp, String)>,
    timeout: Option<u64>,
}

fn now() -> u64 {
    Date::now().as_millis()
}

impl GameRoom {
    /// Loads the game once per wake-up, and re-registers the sockets that outlived the last one.
    async fn load(&self) -> Result<()> {
        if self.loaded.get() {
            return Ok(());
        }
        let stored: Option<String> = self.state.storage().get(GAME_KEY).await?;
        // A second event may have loaded it while this one awaited storage.
        if self.loaded.get() {
            return Ok(());
        }
        let mut game = stored.and_then(|json| read_stored(&json));
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
                _ => {
                    let _ = ws.close(Some(1011), Some("game gone"));
                }
            }
        }
        if let Some(game) = game.as_mut() {
            game.handle_restored(now);
        }
        self.next_conn.set(next);
        *self.sockets.borrow_mut() = sockets;
        *self.game.borrow_mut() = game;
        self.loaded.set(true);
        Ok(())
    }

    /// Runs `f` on the game, sends what it says, and returns what is left to await.
    /// The borrow never outlives this synchronous function.
    fn step<T>(&self, f: impl FnOnce(&mut Game, u64) -> T) -> Option<(T, Effects)> {
        let mut slot = self.game.borrow_mut();
        let game = slot.as_mut()?;
        let out = f(game, now());
        while let Some(record) = game.poll_record() {
            log::record(game.code(), &record);
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
        let storage = game.poll_storage().map(|op| {
            let json = match op {
                StorageOp::Save => serde_json::to_string(&*game).unwrap_or_default(),
                StorageOp::Delete => String::new(),
            };
            (op, json)
        });
        let timeout = game.poll_timeout();
        if matches!(storage, Some((StorageOp::Delete, _))) {
            *slot = None;
        }
        Some((out, Effects { storage, timeout }))
    }

    /// Stores what the step changed and arms the alarm for the game's next deadline.
    async fn commit(&self, effects: Effects) -> Result<()> {
        let storage = self.state.storage();
        if effects.storage.is_some() {
            self.count(|u| u.storage_writes += 1);
        }
        match effects.storage {
            Some((StorageOp::Save, json)) => storage.put(GAME_KEY, json).await?,
            Some((StorageOp::Delete, _)) => {
                storage.delete_all().await?;
                storage.delete_alarm().await?;
                self.armed.set(None);
                return Ok(());
            }
            None => {}
        }
        if let Some(at) = effects.timeout {
            // The alarm may fire early (a deadline moved later); the game then does nothing and
            // the alarm is armed again. Moving it only earlier saves a write per heartbeat; an
            // alarm already due (or firing now) is replaced.
            let armed = match self.armed.get() {
                Some(armed) => Some(armed),
                None => storage.get_alarm().await?,
            };
            let stale = armed.is_none_or(|armed| armed <= now() as i64);
            if stale || armed.is_some_and(|armed| (at as i64) < armed) {
                let when = js_sys::Date::new(&JsValue::from_f64(at as f64));
                storage.set_alarm(ScheduledTime::new(when)).await?;
                self.armed.set(Some(at as i64));
                self.count(|u| u.alarm_sets += 1);
            }
        }
        Ok(())
    }

    async fn handle_call(&self, call: RoomCall) -> Result<Response> {
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
                    self.state.storage().delete_all().await?;
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

    async fn join(&self, name: String) -> Result<Response> {
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

/// Reads the stored game back; what cannot be read is logged with what the bytes still say.
fn read_stored(json: &str) -> Option<Game> {
    match serde_json::from_str::<Game>(json) {
        Ok(game) => Some(game),
        Err(err) => {
            let loose = serde_json::from_str::<serde_json::Value>(json).ok();
            let field = |name: &str| loose.as_ref().and_then(|v| v.get(name).cloned());
            let code = field("code").and_then(|c| c.as_str().map(str::to_string));
            let version = field("version").and_then(|v| v.as_u64());
            let trouble = Trouble::StoredGameUnreadable { version, error: err.to_string() };
            log::trouble(code.as_deref(), &trouble);
            None
        }
    }
}

fn not_found() -> Result<Response> {
    api_error(ApiError::new(ApiErrorCode::NotFound, "No game with that code."))
}

impl DurableObject for GameRoom {
    fn new(state: State, _env: Env) -> Self {
        Self {
            state,
            game: RefCell::new(None),
            loaded: Cell::new(false),
            next_conn: Cell::new(1),
            sockets: RefCell::new(HashMap::new()),
            armed: Cell::new(None),
            usage: Cell::new(RoomUsage { since: now(), ..RoomUsage::default() }),
        }
    }

    async fn fetch(&self, req: Request) -> Result<Response> {
        let result = self.serve(req).await;
        self.logged("room fetch", result)
    }

    async fn websocket_message(&self, ws: WebSocket, message: WebSocketIncomingMessage) -> Result<()> {
        let result = self.receive(ws, message).await;
        self.logged("socket message", result)
    }

    async fn websocket_close(&self, ws: WebSocket, code: usize, _reason: String, _clean: bool) -> Result<()> {
        // The hibernation API leaves the closing handshake to the object (RFC 6455 §5.5.1): the
        // peer waits for our Close frame, and without it its socket ends abnormally (1006).
        let _ = ws.close(Some(close_reply(code)), Some(""));
        let result = self.disconnect(ws).await;
        self.logged("socket close", result)
    }

    async fn websocket_error(&self, ws: WebSocket, _error: worker::Error) -> Result<()> {
        let result = self.disconnect(ws).await;
        self.logged("socket error", result)
    }

    async fn alarm(&self) -> Result<Response> {
        let result = self.wake().await;
        self.logged("alarm", result)
    }
}

impl GameRoom {
    async fn serve(&self, mut req: Request) -> Result<Response> {
        self.count(|u| u.requests += 1);
        // Answered before anything else, storage included: the Worker times the hop with it.
        if req.path() == network::PING_PATH {
            return Response::empty();
        }
        self.load().await?;
        if req.path().ends_with("/ws") {
            if self.game.borrow().is_none() {
                return not_found();
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

    async fn receive(&self, ws: WebSocket, message: WebSocketIncomingMessage) -> Result<()> {
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
            let _ = ws.close(Some(1000), Some("game over"));
            return Ok(());
        };
        self.remember_hello(&ws, att);
        self.commit(effects).await
    }

    async fn wake(&self) -> Result<Response> {
        self.count(|u| u.alarms += 1);
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

    async fn disconnect(&self, ws: WebSocket) -> Result<()> {
        self.load().await?;
        let Some(att) = ws.deserialize_attachment::<Attachment>().ok().flatten() else { return Ok(()) };
        self.sockets.borrow_mut().remove(&att.conn);
        if let Some(((), effects)) = self.step(|game, now| game.handle_disconnect(att.conn, now)) {
            self.commit(effects).await?;
        }
        Ok(())
    }
}
