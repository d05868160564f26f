//! The HTTP API: creating and joining games.

use gloo_net::http::{Request, RequestBuilder};
use shared::api::{ApiError, ApiErrorCode, CreateGame, JoinGame, SeatGrant};
use shared::view::GameView;
use shared::write;

fn offline() -> ApiError {
    ApiError::new(ApiErrorCode::Internal, "Could not reach the server. Check your connection.")
}

/// Sends one request and reads the answer's text; a failed request is the server's [`ApiError`].
async fn fetch(request: Result<Request, gloo_net::Error>) -> Result<String, ApiError> {
    let response = request.map_err(|_| offline())?.send().await.map_err(|_| offline())?;
    let text = response.text().await.map_err(|_| offline())?;
    if response.ok() { Ok(text) } else { Err(super::json::api_error(&text).unwrap_or_else(offline)) }
}

/// Every POST of the API answers a seat; `body` is JSON from `shared::write`.
async fn post(path: &str, body: String) -> Result<SeatGrant, ApiError> {
    super::json::seat_grant(
        &fetch(RequestBuilder::new(path).method(gloo_net::http::Method::POST).body(body)).await?,
    )
    .ok_or_else(offline)
}

/// Opens a private game with this player as host.
pub async fn create_game(request: &CreateGame) -> Result<SeatGrant, ApiError> {
    post("/api/games", write::create_game(request)).await
}

/// Takes a seat in game `code`.
pub async fn join_game(code: &str, name: &str) -> Result<SeatGrant, ApiError> {
    post(&format!("/api/games/{code}/join"), write::join_game(&JoinGame { name: name.to_string() })).await
}

/// The game as a spectator sees it; `NotFound` when there is no such game.
pub async fn game_info(code: &str) -> Result<GameView, ApiError> {
    let text = fetch(Request::get(&format!("/api/games/{code}")).build()).await?;
    super::json::game(&text).ok_or_else(offline)
}

/// Opens (or joins) the rematch of finished game `code`.
pub async fn rematch(code: &str, name: &str) -> Result<SeatGrant, ApiError> {
    post(&format!("/api/games/{code}/rematch"), write::join_game(&JoinGame { name: name.to_string() })).await
}

/// A seat in a public game that is still waiting, or a new one.
pub async fn quick_play(name: &str) -> Result<SeatGrant, ApiError> {
    post("/api/quick-play", write::join_game(&JoinGame { name: name.to_string() })).await
}
