//! The room's storage, called the way the runtime's output gate needs: every write is started by
//! a plain synchronous call, so a write begun before a step's messages are sent holds them back
//! until it is durable, and a write made with `allowUnconfirmed` holds nothing back.
//!
//! workers-rs 0.8 wraps each storage call in an `async fn`, which starts the write only when
//! first polled and has no `allowUnconfirmed`; this binds the few calls the room makes directly.

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use worker::wasm_bindgen_futures::JsFuture;
use worker::{Error, Result};

/// Storage key of the game's state.
const GAME_KEY: &str = "game";

#[wasm_bindgen]
extern "C" {
    /// `DurableObjectStorage`, with the options workers-rs leaves out.
    #[wasm_bindgen(extends = Object)]
    pub type RawStorage;

    #[wasm_bindgen(method, catch)]
    fn get(this: &RawStorage, key: &str) -> std::result::Result<Promise, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn put(
        this: &RawStorage,
        key: &str,
        value: &str,
        options: &Object,
    ) -> std::result::Result<Promise, JsValue>;
    #[wasm_bindgen(method, catch, js_name = deleteAll)]
    fn delete_all(this: &RawStorage) -> std::result::Result<Promise, JsValue>;
    #[wasm_bindgen(method, catch, js_name = getAlarm)]
    fn get_alarm(this: &RawStorage) -> std::result::Result<Promise, JsValue>;
    #[wasm_bindgen(method, catch, js_name = setAlarm)]
    fn set_alarm(this: &RawStorage, at: f64) -> std::result::Result<Promise, JsValue>;
    #[wasm_bindgen(method, catch, js_name = deleteAlarm)]
    fn delete_alarm(this: &RawStorage) -> std::result::Result<Promise, JsValue>;
    /// Resolves once every write made so far is durable.
    #[wasm_bindgen(method, catch)]
    fn sync(this: &RawStorage) -> std::result::Result<Promise, JsValue>;
}

/// A write on its way to disk.
pub struct Pending(Vec<Promise>);

impl Pending {
    pub fn none() -> Self {
        Self(Vec::new())
    }

    /// Waits for `other` too.
    pub fn join(&mut self, other: Pending) {
        self.0.extend(other.0);
    }

    /// Waits for the writes to be accepted.
    pub async fn done(self) -> Result<()> {
        for promise in self.0 {
            JsFuture::from(promise).await.map_err(Error::from)?;
        }
        Ok(())
    }
}

/// The game's storage: one key and the alarm.
pub struct Store(RawStorage);

impl Store {
    pub fn new(storage: JsValue) -> Self {
        Self(storage.unchecked_into())
    }

    /// The stored game's JSON, if any.
    pub async fn load(&self) -> Result<Option<String>> {
        let value = JsFuture::from(self.0.get(GAME_KEY)?).await?;
        Ok(value.as_string())
    }

    /// Starts writing the game now. With `hold`, what the object sends from now on waits until
    /// the write is durable; without, nothing waits (`allowUnconfirmed`), and [`Store::durable`]
    /// says when it is.
    pub fn save(&self, json: &str, hold: bool) -> Result<Pending> {
        let options = Object::new();
        if !hold {
            Reflect::set(&options, &"allowUnconfirmed".into(), &JsValue::TRUE)?;
        }
        Ok(Pending(vec![self.0.put(GAME_KEY, json, &options)?]))
    }

    /// Starts deleting the game and its alarm.
    pub fn delete(&self) -> Result<Pending> {
        Ok(Pending(vec![self.0.delete_all()?, self.0.delete_alarm()?]))
    }

    /// Resolves once every write started so far is on disk.
    pub fn durable(&self) -> Result<Pending> {
        Ok(Pending(vec![self.0.sync()?]))
    }

    /// The alarm set, in ms since the epoch.
    pub async fn alarm(&self) -> Result<Option<u64>> {
        let value = JsFuture::from(self.0.get_alarm()?).await?;
        Ok(value.as_f64().map(|ms| ms as u64))
    }

    /// Starts setting the alarm to `at`, ms since the epoch; one row written.
    pub fn set_alarm(&self, at: u64) -> Result<Pending> {
        Ok(Pending(vec![self.0.set_alarm(at as f64)?]))
    }
}
