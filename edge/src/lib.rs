//! Startup CliX's Cloudflare Worker: the HTTP API, the app's pages, and one Durable Object per
//! game that runs the game of `shared` with its sockets, storage and alarm.
//!
//! - [`route`]: requests decoded into a typed [`route::Route`], then one `match` in [`fetch`].
//! - [`room`]: the `GameRoom` Durable Object, a thin adapter around `shared::game::Game`.
//! - [`room_api`]: the requests the Worker sends to a room, and its answers; sockets handed over.
//! - [`room_socket`]: what a room's socket carries across hibernation; the closing handshake.
//! - [`matchmaker`]: the `Matchmaker` Durable Object that fills public games for quick play.
//! - [`reply`]: JSON answers and typed errors.
//! - [`card`]: the picture of a game's link, drawn once per state of the game.
//! - [`headers`]: what every answer carries (nosniff, the document's Content-Security-Policy),
//!   and `HEAD` answered as `GET` without its body.
//! - [`random`]: invite codes and seat tokens from the runtime's CSPRNG.
//! - [`limit`]: new games per client address.
//! - [`operator`]: the secret that opens the operator's routes.
//! - [`log`]: one JSON line per game event and per error path.
//! - [`network`]: what the network measured of a socket's path, for fair timing.

pub mod card;
pub mod headers;
pub mod limit;
pub mod log;
pub mod matchmaker;
pub mod network;
pub mod operator;
pub mod preview;
pub mod qr;
pub mod random;
pub mod reply;
pub mod room;
pub mod room_api;
pub mod room_io;
pub mod room_socket;
pub mod route;
pub mod store;

use shared::api::{ApiError, ApiErrorCode, CreateGame, JoinGame, MAX_BODY_BYTES};
use shared::rules::{GameConfig, PRACTICE_BOTS, Visibility};
use shared::view::GameView;
use worker::{Env, Method, Request, Response, Result, event};

use crate::log::Trouble;
use crate::reply::{api_error, read_json};
use crate::room_api::{Rematch, RoomCall};
use crate::route::Route;

/// Attempts at a fresh invite code before giving up; with 60 bits a clash is already unheard of.
const CODE_ATTEMPTS: usize = 3;

/// Once per Wasm instance: a panic's message reaches the log instead of a bare "unreachable".
#[event(start)]
fn start() {
    console_error_panic_hook::set_once();
}

#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: worker::Context) -> Result<Response> {
    let head = req.method() == Method::Head;
    let response = match handle(req, env).await {
        Ok(response) => response,
        Err(err) => {
            log::trouble(None, &Trouble::InternalError { during: "fetch", error: err.to_string() });
            api_error(ApiError::new(ApiErrorCode::Internal, "Something went wrong on our side."))?
        }
    };
    headers::secure(response, head)
}

async fn handle(mut req: Request, env: Env) -> Result<Response> {
    let url = req.url()?;
    let route = match Route::parse(req.method(), url.path()) {
        Ok(route) => route,
        Err(code) => return api_error(ApiError::new(code, "No such thing here.")),
    };
    match route {
        Route::Page => {
            // Every page of the app is the same document; the app routes on the client.
            let assets = env.assets("ASSETS")?;
            let index = url.join("/")?;
            assets.fetch(index.to_string(), None).await
        }
        Route::GamePage(code) => {
            let assets = env.assets("ASSETS")?;
            let mut index = assets.fetch(url.join("/")?.to_string(), None).await?;
            let policy = index.headers().clone();
            let document = index.text().await?;
            // A preview for chats: the game as anyone sees it. A game that is not there (or
            // cannot be read) gets the app's own words; the app says what is wrong.
            let mut info = room_api::call(&env, &code, &RoomCall::Info).await?;
            let view = match info.status_code() {
                200 => serde_json::from_str::<GameView>(&info.text().await?).ok(),
                _ => None,
            };
            let origin = url.origin().ascii_serialization();
            let body = match view {
                Some(view) => preview::document(&document, &origin, &format!("{origin}/g/{code}"), &view),
                None => document,
            };
            headers::document(body, &policy)
        }
        Route::CreateGame => {
            if let Some(refusal) = limit::refuse(&env, &req, "create").await {
                return refusal;
            }
            let create: CreateGame = match read_json(&mut req, MAX_BODY_BYTES).await {
                Ok(body) => body,
                Err(err) => return api_error(err),
            };
            // A practice game seats the host and the bots, whatever cap was asked for.
            let cap = if create.practice { PRACTICE_BOTS + 1 } else { create.cap };
            let config = match GameConfig::private(cap, create.rules.unwrap_or_default()) {
                Ok(config) => config,
                Err(out) => return api_error(ApiError::new(ApiErrorCode::BadRequest, out.to_string())),
            };
            for _ in 0..CODE_ATTEMPTS {
                let code = random::invite_code();
                let call = RoomCall::Create {
                    code: code.clone(),
                    config: config.clone(),
                    name: create.name.clone(),
                    practice: create.practice,
                };
                let answer = room_api::call(&env, &code, &call).await?;
                // A clash answers 409 with `started`; any other answer is final.
                if answer.status_code() != 409 {
                    return Ok(answer);
                }
            }
            api_error(ApiError::new(ApiErrorCode::Internal, "Could not find a free game code."))
        }
        Route::Join(code) => {
            let join: JoinGame = match read_json(&mut req, MAX_BODY_BYTES).await {
                Ok(body) => body,
                Err(err) => return api_error(err),
            };
            room_api::call(&env, &code, &RoomCall::Join { name: join.name }).await
        }
        Route::Info(code) => room_api::call(&env, &code, &RoomCall::Info).await,
        Route::Usage(code) => {
            if !operator::is_operator(&env, &req) {
                log::trouble(Some(&code), &Trouble::UsageRefused);
                return api_error(ApiError::new(ApiErrorCode::Forbidden, "For the operator only."));
            }
            room_api::call(&env, &code, &RoomCall::Usage).await
        }
        Route::QuickPlay => {
            if let Some(refusal) = limit::refuse(&env, &req, "quick_play").await {
                return refusal;
            }
            let join: JoinGame = match read_json(&mut req, MAX_BODY_BYTES).await {
                Ok(body) => body,
                Err(err) => return api_error(err),
            };
            let shard = matchmaker::shard_of(&req);
            matchmaker::call(&env, &shard, &join).await
        }
        Route::Rematch(code) => {
            if let Some(refusal) = limit::refuse(&env, &req, "rematch").await {
                return refusal;
            }
            let join: JoinGame = match read_json(&mut req, MAX_BODY_BYTES).await {
                Ok(body) => body,
                Err(err) => return api_error(err),
            };
            let candidate = random::invite_code();
            let mut answer = room_api::call(&env, &code, &RoomCall::Rematch { code: candidate }).await?;
            if answer.status_code() != 200 {
                return Ok(answer);
            }
            let rematch: Rematch = answer.json().await?;
            // The rematch is private whatever the first game was: it is for the same players.
            let config = GameConfig { visibility: Visibility::Private, ..rematch.config };
            let open = RoomCall::Open { code: rematch.code.clone(), config, name: join.name };
            room_api::call(&env, &rematch.code, &open).await
        }
        Route::Socket(code) => room_api::connect(&env, &code, req).await,
        Route::Qr(code) => qr::invite(&url, &code),
        Route::Card { code, file } => card::serve::answer(&env, &url, &code, &file).await,
    }
}
