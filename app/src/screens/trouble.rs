//! What goes wrong, said plainly: no such game, a closed game, a lost link, a refused action.

use shared::link::Gone;

use super::markup::{Markup, html};
use crate::net::socket::Link;

/// A problem that takes the whole screen.
#[derive(Clone, Copy)]
pub enum Whole {
    NotFound,
    Closed,
}

/// A whole-screen problem, by its kind.
pub fn markup(kind: Whole) -> Markup {
    let (title, text) = match kind {
        Whole::NotFound => ("Game not found", "Check the code or the link, or start a new game."),
        Whole::Closed => ("This game has closed", "Nobody was left in its waiting room. Start a new one."),
    };
    html! {
        section.card.trouble role="alert" data-testid="trouble" {
            h1 { (title) } p { (text) } a.button href="/" { "Home" }
        }
    }
}

/// The link's state and the latest refusal, for the banner that announces them politely.
pub fn banner_markup(link: Link, rejection: Option<&str>) -> Markup {
    let said = match link {
        Link::Live | Link::Connecting | Link::Shut | Link::Gone(Gone::NotFound) => String::new(),
        Link::Retrying(n) => format!("Connection lost. Reconnecting (attempt {n})…"),
        Link::Reload => "A new version of the game is out. Please reload the page.".into(),
        Link::Gone(Gone::SeatRefused) => "This seat belongs to someone else.".into(),
        Link::Gone(Gone::Lost) => "This game could not be restored after a server restart. Sorry!".into(),
    };
    html! {
        (said)
        @if let Some(r) = rejection { p.rejection data-testid="rejection" { (r) } }
    }
}
