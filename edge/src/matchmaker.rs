//! Quick play: the `Matchmaker` Durable Object fills one public game before opening the next.
//!
//! Matchmakers are sharded by the Cloudflare location that received the request (`cf.colo`):
//! players who press Quick play at the same moment near each other meet in one game, while the
//! world's games spread over as many matchmakers as there are locations. A matchmaker only keeps
//! the code of the game it is filling; the game room itself holds the seats and enforces the cap,
//! so no game can be overfilled however requests interleave.
//!
//! Public games are played by the game's default rules, or by the `PUBLIC_RULES` var's where it
//! is set (the JSON of `shared::rules::Rules`, within their bounds): the browser tests set it to
//! play a quick-play game through in seconds.

use std::cell::RefCell;

use shared::api::JoinGame;
use shared::rules::{GameConfig, Rules};
use worker::{
    DurableObject, Env, Method, Request, RequestInit, Response, Result, State, durable_object,
    wasm_bindgen::JsValue,
};

use crate::log::{self, Trouble};
use crate::random::invite_code;
use crate::reply::{api_error, read_json};
use crate::room_api;

/// Storage key of the code of the public game being filled.
const FILLING_KEY: &str = "filling";
/// Games tried per request: a full or started game moves on to a fresh one, which can only fill
/// up under a crowd; past this the crowd gets an error and tries again.
const ATTEMPTS: usize = 8;

/// The var that sets the rules of public games.
const PUBLIC_RULES: &str = "PUBLIC_RULES";

/// The config of a public game: the public cap, and the rules of `PUBLIC_RULES` or the defaults.
/// A var that does not read as rules within their bounds is logged and the defaults are played.
fn public_config(env: &Env) -> GameConfig {
    let mut config = GameConfig::public();
    let Ok(var) = env.var(PUBLIC_RULES) else { return config };
    let read = serde_json::from_str::<Rules>(&var.to_string()).map_err(|e| e.to_string());
    match read.and_then(|rules| rules.validate().map(|()| rules).map_err(|e| e.to_string())) {
        Ok(rules) => config.rules = rules,
        Err(error) => log::trouble(None, &Trouble::InternalError { during: "public_rules", error }),
    }
    config
}

/// The matchmaker shard for a request. Read without `Cf::colo`, which panics where `cf` has no
/// colo (a `cf` object `wrangler dev` was handed by a test): no request may panic the Worker.
pub fn shard_of(req: &Request) -> String {
    let colo = js_sys::Reflect::get(req.inner(), &"cf".into())
        .and_then(|cf| js_sys::Reflect::get(&cf, &"colo".into()))
        .ok()
        .and_then(|colo| colo.as_string())
        .unwrap_or_default();
    if colo.is_empty() { "local".into() } else { colo }
}

/// Asks the matchmaker of `shard` for a seat in a public game.
pub async fn call(env: &Env, shard: &str, join: &JoinGame) -> Result<Response> {
    let stub = env.durable_object("MATCHMAKER")?.id_from_name(shard)?.get_stub()?;
    let mut init = RequestInit::new();
    init.with_method(Method::Post).with_body(Some(JsValue::from_str(&serde_json::to_string(join)?)));
    stub.fetch_with_request(Request::new_with_init("https://matchmaker/seat", &init)?).await
}

#[durable_object]
pub struct Matchmaker {
    state: State,
    env: Env,
    /// The public game being filled; `None` until known or when a fresh one is needed.
    filling: RefCell<Option<String>>,
    loaded: RefCell<bool>,
}

impl Matchmaker {
    /// The game to try now. Decided without awaiting anything, so requests that interleave while
    /// one awaits its room agree on the same game.
    fn pick(&self) -> String {
        self.filling.borrow_mut().get_or_insert_with(invite_code).clone()
    }

    /// Moves on from `code` (full or started), unless another request already did.
    fn move_on(&self, code: &str) {
        let mut filling = self.filling.borrow_mut();
        if filling.as_deref() == Some(code) {
            *filling = None;
        }
    }
}

impl DurableObject for Matchmaker {
    fn new(state: State, env: Env) -> Self {
        Self { state, env, filling: RefCell::new(None), loaded: RefCell::new(false) }
    }

    async fn fetch(&self, mut req: Request) -> Result<Response> {
        let join: JoinGame = match read_json(&mut req, shared::api::MAX_BODY_BYTES).await {
            Ok(join) => join,
            Err(err) => return api_error(err),
        };
        if !*self.loaded.borrow() {
            let stored: Option<String> = self.state.storage().get(FILLING_KEY).await?;
            if !*self.loaded.borrow() {
                *self.filling.borrow_mut() = stored;
                *self.loaded.borrow_mut() = true;
            }
        }
        let config = public_config(&self.env);
        let mut last = None;
        for _ in 0..ATTEMPTS {
            let code = self.pick();
            let open = room_api::RoomCall::Open {
                code: code.clone(),
                config: config.clone(),
                name: join.name.clone(),
            };
            let answer = room_api::call(&self.env, &code, &open).await?;
            if answer.status_code() != 409 {
                // Remembered so a restarted matchmaker keeps filling the same game.
                let filling = self.filling.borrow().clone();
                if let Some(filling) = filling {
                    self.state.storage().put(FILLING_KEY, filling).await?;
                }
                return Ok(answer);
            }
            self.move_on(&code);
            last = Some(answer);
        }
        match last {
            Some(answer) => Ok(answer),
            None => Response::error("no attempt made", 500),
        }
    }
}
