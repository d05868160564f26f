//! The live player list: name, host badge, presence, round trip, capital, shipped mark; for the
//! host of a private waiting room, a button to take each bot out.

use std::fmt::Write;

use shared::rules::Visibility;
use shared::view::{GameView, Phase, Presence, Standing};

use super::markup::{dot, escape, player};

/// The list's items. `live`: this page is in step with the game; offline it hears nothing, so it
/// must not go on saying who is online.
pub fn players_markup(view: &GameView, live: bool) -> String {
    let in_round = matches!(view.phase, Phase::Round { .. });
    let me = view.you.as_ref().map(|y| y.seat);
    // The host of a private waiting room may take bots out again.
    let hosted = view.visibility == Visibility::Private;
    let hosting = hosted && me.is_some() && me == view.host;
    let removable = hosting && matches!(view.phase, Phase::Waiting { .. });
    let mut out = String::new();
    for p in &view.players {
        let online = p.presence == Presence::Online;
        let mut class = String::from("player");
        if !online {
            class.push_str(" away");
        }
        if p.standing != Standing::Active {
            class.push_str(" out");
        }
        let presence = match (live, online) {
            (false, _) => "unknown",
            (true, true) => "online",
            (true, false) => "away",
        };
        let badge = |text: &str, class: &str| format!(r#" <span class="badge {class}">{text}</span>"#);
        let _ = write!(
            out,
            r#"<li class="{class}" data-testid="player">{}{}{}{} <span class="presence" data-testid="presence">{presence}</span> <span class="rtt" data-testid="rtt">{}</span> <span class="capital">{}</span>{}{}{}</li>"#,
            dot(p.seat),
            player(p, r#"class="name""#),
            if Some(p.seat) == me { badge("you", "you") } else { String::new() },
            // A public game has no host to wait for: nobody there is shown as one.
            if hosted && Some(p.seat) == view.host { badge("host", "host") } else { String::new() },
            p.rtt_ms.map(|ms| format!("{ms} ms")).unwrap_or_default(),
            escape(&crate::money::money(p.capital)),
            // A mark of the round being played; it means nothing once the round is over.
            if in_round && p.shipped { badge("shipped", "shipped") } else { String::new() },
            match p.standing {
                Standing::Eliminated { .. } => badge("broke", "out"),
                Standing::Forfeited => badge("left", "out"),
                Standing::Active => String::new(),
            },
            if removable && p.bot.is_some() {
                format!(
                    r#" <button type="button" class="remove-bot" data-remove-bot="{}" data-testid="remove-bot" aria-label="Take {} out">×</button>"#,
                    p.seat.0,
                    escape(&p.name)
                )
            } else {
                String::new()
            },
        );
    }
    out
}
