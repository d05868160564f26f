//! One component per route.

pub mod game;
mod home;

pub use game::GamePage;
pub use home::Home;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use shared::api::SeatGrant;

use crate::device;

/// Keeps a seat's token on this device and opens its game.
pub fn sit(grant: &SeatGrant, navigate: impl Fn(&str, NavigateOptions)) {
    device::remember_seat(grant);
    navigate(&format!("/g/{}", grant.code), NavigateOptions::default());
}

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="card trouble" role="alert">
            <h1>"Nothing here"</h1>
            <p>"This page does not exist."</p>
            <a class="button" href="/">"Home"</a>
        </section>
    }
}
