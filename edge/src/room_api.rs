//! What the Worker asks of a game room, over the room's `fetch`: its calls, and the sockets it
//! hands over.

use serde::{Deserialize, Serialize};
use shared::api::{ApiError, ApiErrorCode};
use shared::game::NetworkMeasure;
use shared::rules::GameConfig;
use std::time::Duration;

use worker::{Delay, Env, Method, Request, RequestInit, Response, Result, wasm_bindgen::JsValue};

use crate::network;
use crate::reply::api_error;

/// One request to a room; the body of `POST https://room/call`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "call", rename_all = "snake_case")]
pub enum RoomCall {
    /// Open the game under `code` and seat its host; for practice, fill it with bots.
    Create {
        code: String,
        config: GameConfig,
        name: String,
        #[serde(default)]
        practice: bool,
    },
    /// Take a seat.
    Join { name: String },
    /// Take a seat in the game under `code`, opening it with `config` if nobody has yet. Quick
    /// play and rematches use it, so that two players arriving together share one game.
    Open { code: String, config: GameConfig, name: String },
    /// A finished game's rematch: opens it under `code` unless one is open, answers [`Rematch`].
    Rematch { code: String },
    /// The game as a spectator sees it.
    Info,
    /// What the room has handled, answered as [`shared::api::RoomUsage`].
    Usage,
}

/// The rematch of a finished game: its code and the rules it is played by.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Rematch {
    pub code: String,
    pub config: GameConfig,
}

/// How long an upgrade the room turned away (an address that kept flooding the game) is held
/// before its 429 is passed on. A flood's client asks again the moment it is answered, and each
/// refusal costs the runtime a request to the Worker and one to the room, some 5 ms of its one
/// thread on `wrangler dev`: at once, two such clients kept it busy the whole flood long. Held,
/// each asks about once a second, and a request that waits costs the runtime nothing.
pub const TURNED_AWAY_HELD: Duration = Duration::from_secs(1);

/// Sends a call to the room of `code` and returns its answer as is.
pub async fn call(env: &Env, code: &str, call: &RoomCall) -> Result<Response> {
    let stub = env.durable_object("GAME_ROOM")?.id_from_name(code)?.get_stub()?;
    let body = serde_json::to_string(call)?;
    let mut init = RequestInit::new();
    init.with_method(Method::Post).with_body(Some(JsValue::from_str(&body)));
    stub.fetch_with_request(Request::new_with_init("https://room/call", &init)?).await
}

/// Hands a WebSocket upgrade to the room of `code`, with what the network measured of the
/// socket's path (fair timing credits no more than that; `shared/src/game/timing.rs`).
pub async fn connect(env: &Env, code: &str, req: Request) -> Result<Response> {
    if req.headers().get("Upgrade")?.as_deref() != Some("websocket") {
        return api_error(ApiError::new(ApiErrorCode::BadRequest, "Expected a WebSocket upgrade."));
    }
    let stub = env.durable_object("GAME_ROOM")?.id_from_name(code)?.get_stub()?;
    let network = match network::client_tcp_rtt(&req) {
        Some(client_tcp_rtt_ms) => {
            Some(NetworkMeasure { client_tcp_rtt_ms, hop_ms: network::hop(&stub).await? })
        }
        None => None,
    };
    // Set or removed here whatever the client sent: the room trusts it because only this Worker
    // reaches the room.
    let mut forward = req.clone_mut()?;
    let headers = forward.headers_mut()?;
    match network {
        Some(measure) => headers.set(network::HEADER, &serde_json::to_string(&measure)?)?,
        None => headers.delete(network::HEADER)?,
    }
    let response = stub.fetch_with_request(forward).await?;
    if response.status_code() == 429 {
        Delay::from(TURNED_AWAY_HELD).await;
    }
    Ok(response)
}
