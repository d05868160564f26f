//! What pages and screens are written with: markup text (`paint.rs` says why). Every player's
//! word goes in through [`escape`], and every name inside a `<bdi>`, so it stays text and cannot
//! reorder what stands around it.

pub use shared::html::escape;
use shared::view::PlayerView;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// A name, isolated and escaped, in a `<bdi>` with attributes `attrs` (written here, never a
/// player's words).
pub fn name(name: &str, attrs: &str) -> String {
    format!("<bdi {attrs}>{}</bdi>", escape(name))
}

/// A player's name as [`name`] writes it, followed by a bot's mark where the game plays the seat.
pub fn player(p: &PlayerView, attrs: &str) -> String {
    name(&p.name, attrs) + &bot_mark(p)
}

/// The mark that tells a bot from a person, with its level for those who point at it.
pub fn bot_mark(p: &PlayerView) -> String {
    match p.bot {
        Some(level) => format!(
            r#" <span class="badge bot" data-testid="bot" title="A bot, {}">bot</span>"#,
            level.label()
        ),
        None => String::new(),
    }
}

/// A player's colour dot.
pub fn dot(seat: shared::ids::SeatId) -> String {
    format!(r#"<i class="dot" aria-hidden="true" style="background:{}"></i>"#, super::colour(seat))
}

/// The element an event happened on, where markup text hears its own events.
pub fn element(target: Option<web_sys::EventTarget>) -> Option<Element> {
    target?.dyn_into().ok()
}

/// What the field `selector` inside `around` holds now: markup text's fields are read when
/// they are used, not bound.
pub fn value(around: &Element, selector: &str) -> Option<String> {
    let field = around.query_selector(selector).ok()??;
    js_sys::Reflect::get(&field, &"value".into()).ok()?.as_string()
}
