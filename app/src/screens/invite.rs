//! The invite: the link with a copy button, the system share sheet where there is one, and a QR
//! code for the phone across the table.

use leptos::prelude::*;
use shared::ids::display_code;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::net::invite_link;

fn can_share() -> bool {
    web_sys::window()
        .is_some_and(|w| js_sys::Reflect::has(&w.navigator(), &JsValue::from_str("share")).unwrap_or(false))
}

#[component]
pub fn Invite(code: String) -> impl IntoView {
    let link = invite_link(&code);
    let copied = RwSignal::new(false);
    let copy = {
        let link = link.clone();
        move |_| {
            let Some(window) = web_sys::window() else { return };
            let promise = window.navigator().clipboard().write_text(&link);
            leptos::task::spawn_local(async move {
                copied.set(JsFuture::from(promise).await.is_ok());
            });
        }
    };
    let share = {
        let link = link.clone();
        move |_| {
            let Some(window) = web_sys::window() else { return };
            let data = web_sys::ShareData::new();
            data.set_title("Startup CliX");
            data.set_text("Join my game of Startup CliX");
            data.set_url(&link);
            let promise = window.navigator().share_with_data(&data);
            // Dismissing the sheet rejects the promise; that is not an error worth showing.
            leptos::task::spawn_local(async move {
                let _ = JsFuture::from(promise).await;
            });
        }
    };
    view! {
        <div class="invite">
            <label for="invite">"Invite link"</label>
            <div class="invite-row">
                <input id="invite" data-testid="invite" readonly prop:value=link.clone()/>
                <button class="secondary" data-testid="copy" on:click=copy>
                    {move || if copied.get() { "Copied" } else { "Copy" }}
                </button>
                {can_share().then(|| view! { <button class="secondary" on:click=share>"Share"</button> })}
            </div>
            <p class="code">"Code: " <strong data-testid="code">{display_code(&code)}</strong></p>
            // Drawn by the Worker (`edge/src/qr.rs`), so the page's download carries no encoder.
            <img class="qr" width="160" height="160" alt="QR code of the invite link"
                src=format!("/api/games/{code}/qr.svg")/>
        </div>
    }
}
