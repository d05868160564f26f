//! One component per route.

pub mod game;
mod home;

pub use game::GamePage;
pub use home::Home;

use leptos::prelude::*;

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
