//! The invite: the link with a copy button, the system share sheet where there is one, and a QR
//! code for the phone across the table. Markup text (`markup.rs` says why); the waiting room
//! hears its buttons and calls [`copy`] and [`share`].

use shared::ids::display_code;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use super::markup::{Markup, button, html};
use crate::net::invite_link;

/// Whether the browser has a system share sheet.
pub fn can_share() -> bool {
    web_sys::window()
        .is_some_and(|w| js_sys::Reflect::has(&w.navigator(), &JsValue::from_str("share")).unwrap_or(false))
}

/// The invite to game `code`.
pub fn markup(code: &str) -> Markup {
    html! {
        div.invite {
            label for="invite" { "Invite link" }
            div.invite-row {
                input #invite data-testid="invite" readonly value=(invite_link(code));
                button.secondary data-testid=(button::COPY) { "Copy" }
                @if can_share() { button.secondary data-testid=(button::SHARE) { "Share" } }
            }
            p.code { "Code: " strong data-testid="code" { (display_code(code)) } }
            // Drawn by the Worker (`edge/src/qr.rs`), so the page's download carries no encoder.
            img.qr width="160" height="160" alt="QR code of the invite link" src={ "/api/games/" (code) "/qr.svg" };
        }
    }
}

/// Copies game `code`'s link, and says so on `button` once the browser has it (`done`), or
/// leaves it saying `idle` where the browser refused.
pub fn copy(code: &str, button: web_sys::Element, done: &'static str, idle: &'static str) {
    let Some(window) = web_sys::window() else { return };
    let promise = window.navigator().clipboard().write_text(&invite_link(code));
    leptos::task::spawn_local(async move {
        let copied = JsFuture::from(promise).await.is_ok();
        button.set_text_content(Some(if copied { done } else { idle }));
    });
}

/// Opens the system share sheet with game `code`'s link and `text`.
pub fn share(code: &str, text: &str) {
    let Some(window) = web_sys::window() else { return };
    let data = web_sys::ShareData::new();
    data.set_title("Startup CliX");
    data.set_text(text);
    data.set_url(&invite_link(code));
    let promise = window.navigator().share_with_data(&data);
    // Dismissing the sheet rejects the promise; that is not an error worth showing.
    leptos::task::spawn_local(async move {
        let _ = JsFuture::from(promise).await;
    });
}
