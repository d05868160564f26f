//! What goes wrong, said plainly: no such game, a closed game, a lost link, a refused action.

use shared::link::Gone;

use super::markup::escape;
use crate::net::socket::Link;

/// A whole-screen problem, by its kind.
pub fn markup(kind: &str) -> String {
    let (title, text) = match kind {
        "not_found" => ("Game not found", "Check the code or the link, or start a new game."),
        "closed" => ("This game has closed", "Nobody was left in its waiting room. Start a new one."),
        _ => ("Something went wrong", "Please go back home and try again."),
    };
    format!(
        r#"<section class="card trouble" role="alert" data-testid="trouble"><h1>{title}</h1><p>{text}</p><a class="button" href="/">Home</a></section>"#
    )
}

/// The link's state and the latest refusal, for the banner that announces them politely.
pub fn banner_markup(link: Link, rejection: Option<&str>) -> String {
    let said = match link {
        Link::Live | Link::Connecting | Link::Shut | Link::Gone(Gone::NotFound) => String::new(),
        Link::Retrying(n) => format!("Connection lost. Reconnecting (attempt {n})…"),
        Link::Reload => "A new version of the game is out. Please reload the page.".into(),
        Link::Gone(Gone::SeatRefused) => "This seat belongs to someone else.".into(),
        Link::Gone(Gone::Lost) => "This game could not be restored after a server restart. Sorry!".into(),
    };
    said + &refused(rejection)
}

fn refused(rejection: Option<&str>) -> String {
    rejection
        .map(|r| format!(r#"<p class="rejection" data-testid="rejection">{}</p>"#, escape(r)))
        .unwrap_or_default()
}
