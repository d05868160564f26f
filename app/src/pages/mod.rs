//! One per place: home, and a game by its invite link.

pub mod game;
mod home;

use shared::api::SeatGrant;
use web_sys::Element;

use crate::device;
use crate::place::{Here, Place};
use crate::screens::markup::html;
use crate::screens::paint::paint;

/// Shows the page of `place` in `root`. What it starts (a socket, timers, handlers) lives until
/// the current owner is cleaned up, as the page changes.
pub fn show(root: &Element, place: Place) {
    match place {
        Place::Home => home::show(root),
        Place::Game(code) => game::show(root, code),
        Place::Nowhere => paint(
            root,
            &html! {
                section.card.trouble role="alert" {
                    h1 { "Nothing here" } p { "This page does not exist." } a.button href="/" { "Home" }
                }
            },
        ),
    }
}

/// Keeps a seat's token on this device and opens its game.
pub fn sit(grant: &SeatGrant, here: Here) {
    device::remember_seat(grant);
    here.go(&format!("/g/{}", grant.code));
}
