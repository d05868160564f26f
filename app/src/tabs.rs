//! Several tabs of one seat on this device. Each page numbers its inputs as a tab of its own
//! (`shared::journal`) and keeps them under its own key; it holds a lock on that key (the Web
//! Locks API) for as long as it lives. A page that starts takes over the journals of pages gone
//! (closed, reloaded, crashed) whose lock is free, and sends their inputs again: only one page
//! ever holds a tab's inputs, since a journal renumbers what a restarted server lost.
//!
//! Where the browser has no locks, every kept journal is taken over: an open tab's inputs are
//! then sent twice, which the server counts once.

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// `navigator.locks`, where the browser has it (in a secure context).
fn locks() -> Option<JsValue> {
    let locks = Reflect::get(&web_sys::window()?.navigator(), &"locks".into()).ok()?;
    (!locks.is_undefined()).then_some(locks)
}

/// `navigator.locks.request(name, { ifAvailable }, then)`.
fn request(locks: &JsValue, name: &str, if_available: bool, then: &JsValue) {
    let Some(request) =
        Reflect::get(locks, &"request".into()).ok().and_then(|f| f.dyn_into::<Function>().ok())
    else {
        return;
    };
    let options = Object::new();
    let _ = Reflect::set(&options, &"ifAvailable".into(), &if_available.into());
    let _ = request.call3(locks, &name.into(), &options, then);
}

/// Holds lock `name` until the page goes.
pub fn hold(name: &str) {
    let Some(locks) = locks() else { return };
    let forever = Closure::once_into_js(|_lock: JsValue| -> JsValue { Promise::new(&mut |_, _| {}).into() });
    request(&locks, name, false, &forever);
}

/// Runs `take` holding lock `name`, unless a live page holds it; at once where there are no locks.
pub fn if_free(name: &str, take: impl FnOnce() + 'static) {
    let Some(locks) = locks() else { return take() };
    let then = Closure::once_into_js(move |lock: JsValue| {
        if !lock.is_null() {
            take();
        }
    });
    request(&locks, name, true, &then);
}
