//! The app's only contact with the server.

pub mod http;
pub mod json;
pub mod socket;

/// The page's origin, e.g. `http://localhost:8787`.
pub fn origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

/// The invite link of a game.
pub fn invite_link(code: &str) -> String {
    format!("{}/g/{code}", origin())
}
