//! Server messages and API answers read from what the browser's own `JSON.parse` makes, through
//! `shared::read`'s contract: the download carries no JSON parser.

use js_sys::{Array, JSON, Reflect};
use shared::api::{ApiError, SeatGrant};
use shared::protocol::ServerMsg;
use shared::read::{self, Json};
use shared::view::GameView;
use wasm_bindgen::JsValue;

/// The largest whole number a JavaScript number holds exactly.
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

/// A value `JSON.parse` made.
pub struct Js(JsValue);

impl Json for Js {
    fn field(&self, key: &str) -> Option<Self> {
        if !self.is_object() {
            return None;
        }
        let value = Reflect::get(&self.0, &JsValue::from_str(key)).ok()?;
        (!value.is_undefined()).then_some(Self(value))
    }
    fn is_object(&self) -> bool {
        self.0.is_object() && !Array::is_array(&self.0)
    }
    fn is_null(&self) -> bool {
        self.0.is_null()
    }
    fn string(&self) -> Option<String> {
        self.0.as_string()
    }
    fn u64(&self) -> Option<u64> {
        let n = self.0.as_f64()?;
        ((0.0..=MAX_SAFE).contains(&n) && n == n.trunc()).then_some(n as u64)
    }
    fn i64(&self) -> Option<i64> {
        let n = self.0.as_f64()?;
        (n.abs() <= MAX_SAFE && n == n.trunc()).then_some(n as i64)
    }
    fn bool(&self) -> Option<bool> {
        self.0.as_bool()
    }
    fn items(&self) -> Option<Vec<Self>> {
        Array::is_array(&self.0).then(|| Array::from(&self.0).iter().map(Self).collect())
    }
}

fn parse(text: &str) -> Option<Js> {
    JSON::parse(text).ok().map(Js)
}

pub fn server_msg(text: &str) -> Option<ServerMsg> {
    read::server_msg_in(parse(text)?)
}

pub fn game(text: &str) -> Option<GameView> {
    read::game_in(parse(text)?)
}

pub fn seat_grant(text: &str) -> Option<SeatGrant> {
    read::seat_grant_in(parse(text)?)
}

pub fn api_error(text: &str) -> Option<ApiError> {
    read::api_error_in(parse(text)?)
}
