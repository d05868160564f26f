//! One component per route.

pub mod game;
mod home;

pub use game::GamePage;
pub use home::Home;

use leptos::prelude::*;
use shared::api::SeatGrant;

use crate::device;
use crate::place::Here;

/// Keeps a seat's token on this device and opens its game.
pub fn sit(grant: &SeatGrant, here: Here) {
    device::remember_seat(grant);
    here.go(&format!("/g/{}", grant.code));
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
