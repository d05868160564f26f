//! `GET /api/games/{code}/cards/{file}`: a game's picture. Drawn in the Worker (never in the
//! game's room, whose clock and sockets must not wait on a drawing) at most once per state: the
//! first answer is kept in the Cache API under its address, which names the state, and every
//! later request for it is answered from there.

use shared::view::GameView;
use worker::{Cache, Env, Headers, Response, Result, Url};

use super::{Card, draw};
use crate::log::{self, Trouble};
use crate::reply::api_error;
use crate::room_api::{self, RoomCall};
use shared::api::{ApiError, ApiErrorCode};

/// A finished game's picture never changes; another state's may be replaced by a newer name,
/// and is kept for an hour.
const FINAL: &str = "public, max-age=31536000, immutable";
const PASSING: &str = "public, max-age=3600";

/// Says whether an answer was drawn for this request or kept from an earlier one.
pub const HOW: &str = "X-Card";

pub async fn answer(env: &Env, url: &Url, code: &str, file: &str) -> Result<Response> {
    let origin = url.origin().ascii_serialization();
    let address = Card::address(&origin, code, file);
    let cache = Cache::default();
    if let Some(kept) = cache.get(address.as_str(), false).await? {
        return Ok(kept);
    }
    let mut info = room_api::call(env, code, &RoomCall::Info).await?;
    if info.status_code() != 200 {
        // The room's own typed answer: no such game.
        return Ok(info);
    }
    let view: GameView = serde_json::from_str(&info.text().await?)?;
    let card = Card::of(&view);
    let now = card.file();
    if now != file {
        // The game moved on since its link was read: its picture as it is now, under its name.
        // Written out: a redirect made by `Response::redirect` has headers that cannot be added to.
        let headers = Headers::new();
        headers.set("Location", &Card::address(&origin, code, &now))?;
        headers.set("Cache-Control", "no-store")?;
        return Ok(Response::empty()?.with_status(307).with_headers(headers));
    }
    let Some(png) = draw::png(&card) else {
        log::trouble(Some(code), &Trouble::InternalError { during: "card", error: "not drawn".into() });
        return api_error(ApiError::new(ApiErrorCode::Internal, "The picture could not be drawn."));
    };
    let picture = |how: &str| -> Result<Response> {
        let headers = Headers::new();
        headers.set("Content-Type", "image/png")?;
        headers.set("Cache-Control", if card.is_final() { FINAL } else { PASSING })?;
        headers.set(HOW, how)?;
        Ok(Response::from_bytes(png.clone())?.with_headers(headers))
    };
    if let Err(err) = cache.put(address.as_str(), picture("kept")?).await {
        // Answered all the same; the next request draws it again.
        log::trouble(Some(code), &Trouble::InternalError { during: "card kept", error: err.to_string() });
    }
    picture("drawn")
}
