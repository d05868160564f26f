//! The HTTP API: creating and joining games.

use serde::Serialize;
use shared::api::{ApiError, ApiErrorCode, CreateGame, JoinGame, SeatGrant};
use shared::view::GameView;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{RequestInit, Response};

fn offline() -> ApiError {
    ApiError::new(ApiErrorCode::Internal, "Could not reach the server. Check your connection.")
}

/// Sends one request and reads the answer's text; a failed request is the server's [`ApiError`].
async fn fetch(path: &str, init: &RequestInit) -> Result<String, ApiError> {
    let window = web_sys::window().ok_or_else(offline)?;
    let promise = window.fetch_with_str_and_init(path, init);
    let response: Response = JsFuture::from(promise).await.map_err(|_| offline())?.unchecked_into();
    let text = JsFuture::from(response.text().map_err(|_| offline())?).await.map_err(|_| offline())?;
    let text = text.as_string().unwrap_or_default();
    if response.ok() { Ok(text) } else { Err(shared::read::api_error(&text).unwrap_or_else(offline)) }
}

/// Every POST of the API answers a seat.
async fn post<B: Serialize>(path: &str, body: &B) -> Result<SeatGrant, ApiError> {
    let body = serde_json::to_string(body).map_err(|_| offline())?;
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_body(&body.into());
    shared::read::seat_grant(&fetch(path, &init).await?).ok_or_else(offline)
}

/// Opens a private game with this player as host.
pub async fn create_game(request: &CreateGame) -> Result<SeatGrant, ApiError> {
    post("/api/games", request).await
}

/// Takes a seat in game `code`.
pub async fn join_game(code: &str, name: &str) -> Result<SeatGrant, ApiError> {
    post(&format!("/api/games/{code}/join"), &JoinGame { name: name.to_string() }).await
}

/// The game as a spectator sees it; `NotFound` when there is no such game.
pub async fn game_info(code: &str) -> Result<GameView, ApiError> {
    let text = fetch(&format!("/api/games/{code}"), &RequestInit::new()).await?;
    shared::read::game(&text).ok_or_else(offline)
}

/// Opens (or joins) the rematch of finished game `code`.
pub async fn rematch(code: &str, name: &str) -> Result<SeatGrant, ApiError> {
    post(&format!("/api/games/{code}/rematch"), &JoinGame { name: name.to_string() }).await
}

/// A seat in a public game that is still waiting, or a new one.
pub async fn quick_play(name: &str) -> Result<SeatGrant, ApiError> {
    post("/api/quick-play", &JoinGame { name: name.to_string() }).await
}
