//! What a game's link shows when it is pasted into a chat: the app's document with a title and a
//! description of this game (whose it is, how many seats are free, how it ended) and its picture
//! for link previews. Every player's word in it is escaped: the tags are maud's markup type.

use maud::{Markup, html};
use shared::money::money;

use crate::card::Card;
use shared::view::{GameView, Phase};

/// `document` (the app's index.html) with the title, description and preview tags of game
/// `view` at `link`; `origin` makes the image's address absolute, as previews need.
pub fn document(document: &str, origin: &str, link: &str, view: &GameView) -> String {
    let tags = tags(origin, link, view).into_string();
    let mut out = drop_tag(document, "<title>", "</title>");
    out = drop_tag(&out, "<meta name=\"description\"", ">");
    match out.find("</head>") {
        Some(at) => {
            out.insert_str(at, &tags);
            out
        }
        None => out,
    }
}

/// The title, description and preview tags of game `view`: markup made by `html!`, so every
/// player's word in it is escaped.
fn tags(origin: &str, link: &str, view: &GameView) -> Markup {
    let (title, description) = words(view);
    // The picture of this game as it is now, named by its state (`card`).
    let the_card = Card::of(view);
    let card = Card::address(origin, &view.code, &the_card.file());
    html! {
        title { (title) }
        meta name="description" content=(description);
        meta property="og:type" content="website";
        meta property="og:site_name" content="Startup CliX";
        meta property="og:title" content=(title);
        meta property="og:description" content=(description);
        meta property="og:url" content=(link);
        meta property="og:image" content=(card);
        meta property="og:image:width" content="1200";
        meta property="og:image:height" content="630";
        meta name="twitter:card" content="summary_large_image";
    }
}

/// The title and the description of a game, in plain words.
pub fn words(view: &GameView) -> (String, String) {
    let host = view.host.and_then(|h| view.player(h)).map(|p| p.name.as_str());
    let whose = host.map_or_else(|| "A game".to_string(), |h| format!("{h}'s game"));
    let players = view.players.len();
    let bots = view.players.iter().filter(|p| p.bot.is_some()).count();
    match view.phase {
        Phase::Waiting { .. } => {
            let free = usize::from(view.cap).saturating_sub(players);
            let seats = if free == 1 { "1 seat".to_string() } else { format!("{free} seats") };
            (
                format!("Join {whose} of Startup CliX"),
                format!(
                    "{seats} free of {}. A multiplayer clicker: build, ship, don't go broke. {} to start, {} a game.",
                    view.cap,
                    money(view.rules.starting_capital),
                    rounds(view.rules.max_rounds)
                ),
            )
        }
        Phase::Intermission { round, .. } | Phase::Round { round, .. } | Phase::Results { round, .. } => (
            format!("{whose} of Startup CliX, being played"),
            format!(
                "Round {round} of {} with {}. Open the link to watch live.",
                view.rules.max_rounds,
                match (players - bots, bots) {
                    (people, 0) => format!("{people} players"),
                    (1, 1) => "1 player and 1 bot".to_string(),
                    (1, bots) => format!("1 player and {bots} bots"),
                    (people, 1) => format!("{people} players and 1 bot"),
                    (people, bots) => format!("{people} players and {bots} bots"),
                }
            ),
        ),
        Phase::Over { .. } => (
            format!("{whose} of Startup CliX is over"),
            format!("{}. Play your own game of Startup CliX.", outcome(view)),
        ),
        Phase::Closed => (
            "Startup CliX".to_string(),
            "This game closed before it started. Start your own: a multiplayer clicker.".to_string(),
        ),
    }
}

/// How a finished game ended, in one sentence without its full stop: "Ada won with $27,500
/// after 3 rounds". A bot that won is said to be one.
pub fn outcome(view: &GameView) -> String {
    let played = rounds(u8::try_from(view.history.len()).unwrap_or(u8::MAX));
    let winners: Vec<String> = view
        .winners
        .iter()
        .filter_map(|s| view.player(*s))
        .map(|p| if p.bot.is_some() { format!("{} (a bot)", p.name) } else { p.name.clone() })
        .collect();
    let capital = view.winners.first().and_then(|s| view.player(*s)).map(|p| p.capital);
    match (winners.as_slice(), capital) {
        ([one], Some(capital)) => format!("{one} won with {} after {played}", money(capital)),
        ([], _) | (_, None) => format!("The game ended after {played}, with no winner"),
        (many, Some(capital)) => {
            format!("{} shared the win with {} each after {played}", many.join(" and "), money(capital))
        }
    }
}

fn rounds(n: u8) -> String {
    if n == 1 { "1 round".to_string() } else { format!("{n} rounds") }
}

/// `text` without the first tag that starts with `start`, up to and including `end`.
fn drop_tag(text: &str, start: &str, end: &str) -> String {
    let Some(from) = text.find(start) else { return text.to_string() };
    let Some(len) = text[from..].find(end) else { return text.to_string() };
    format!("{}{}", &text[..from], &text[from + len + end.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::ids::SeatId;
    use shared::rules::{Rules, Visibility};
    use shared::view::{PlayerView, Presence, RoundSummary, Standing};

    const INDEX: &str = "<html><head><meta charset=\"utf-8\"><meta name=\"description\" content=\"A clicker.\"><title>Startup CliX</title></head><body></body></html>";

    fn view(phase: Phase, names: &[&str]) -> GameView {
        GameView {
            code: "abcdefghjkmn".into(),
            visibility: Visibility::Private,
            cap: 4,
            rules: Rules::default(),
            phase,
            players: names
                .iter()
                .enumerate()
                .map(|(i, n)| PlayerView {
                    seat: SeatId(i as u8),
                    name: (*n).into(),
                    capital: 41_000 - i as i64 * 1_000,
                    standing: Standing::Active,
                    presence: Presence::Online,
                    rtt_ms: None,
                    shipped: false,
                    bot: None,
                })
                .collect(),
            host: Some(SeatId(0)),
            history: vec![],
            winners: vec![],
            rematch: None,
            you: None,
        }
    }

    #[test]
    fn a_waiting_game_says_whose_it_is_and_the_seats_free() {
        let v = view(Phase::Waiting { starts_at: None }, &["Ada", "Bob"]);
        let (title, description) = words(&v);
        assert_eq!(title, "Join Ada's game of Startup CliX");
        assert!(description.starts_with("2 seats free of 4."), "{description}");
        assert!(description.contains("$30,000 to start, 10 rounds a game"), "{description}");
    }

    #[test]
    fn a_running_and_a_finished_game_say_so() {
        let running = view(Phase::Round { round: 2, started_at: 1, ends_at: 2 }, &["Ada", "Bob", "Cy"]);
        assert_eq!(words(&running).1, "Round 2 of 10 with 3 players. Open the link to watch live.");
        let mut over = view(Phase::Over { ended_at: 1 }, &["Ada", "Bob"]);
        over.history = vec![RoundSummary { round: 1, rows: vec![] }];
        over.winners = vec![SeatId(0)];
        assert_eq!(words(&over).1, "Ada won with $41,000 after 1 round. Play your own game of Startup CliX.");
    }

    #[test]
    fn bots_are_counted_and_named_as_bots() {
        let mut practice =
            view(Phase::Round { round: 1, started_at: 1, ends_at: 2 }, &["Ada", "Grace", "Alan", "Ken"]);
        for p in &mut practice.players[1..] {
            p.bot = Some(shared::bot::Level::Steady);
        }
        assert_eq!(
            words(&practice).1,
            "Round 1 of 10 with 1 player and 3 bots. Open the link to watch live."
        );
        practice.phase = Phase::Over { ended_at: 1 };
        practice.history = vec![RoundSummary { round: 1, rows: vec![] }];
        practice.winners = vec![SeatId(1)];
        assert!(words(&practice).1.starts_with("Grace (a bot) won with $40,000"), "{:?}", words(&practice));
    }

    #[test]
    fn the_document_carries_the_game_and_no_markup_from_a_name() {
        let v = view(Phase::Waiting { starts_at: None }, &["<script>alert(1)</script>\"&"]);
        let doc = document(INDEX, "https://clix.example", "https://clix.example/g/abcdefghjkmn", &v);
        assert!(!doc.contains("<script>alert"), "{doc}");
        assert!(doc.contains("<title>Join &lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;'s game"), "{doc}");
        assert!(
            doc.contains(r#"content="Join &lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;'s game"#),
            "{doc}"
        );
        assert_eq!(doc.matches("<title>").count(), 1, "the app's own title is replaced");
        assert_eq!(doc.matches("name=\"description\"").count(), 1);
        let card = format!("https://clix.example/api/games/abcdefghjkmn/cards/{}", Card::of(&v).file());
        assert!(doc.contains(&format!(r#"<meta property="og:image" content="{card}">"#)), "{doc}");
    }
}
