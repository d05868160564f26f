//! Games as anyone sees them, in each phase, for the pictures' tests and their example.

#![allow(dead_code)]

use shared::bot::Level;
use shared::ids::SeatId;
use shared::rules::{Rules, Visibility};
use shared::view::{GameView, Phase, PlayerView, Presence, RoundRow, RoundSummary, Standing};

/// Names a picture must show as text, whatever they look like.
pub const HOSTILE: [&str; 12] = [
    "<img src=x onerror=alert(1)>",
    "\"'><svg/onload=alert(1)>&amp;",
    "שלום עולם",
    "مرحبا بالعالم",
    "王小明",
    "🚀🔥 Rocket",
    "Жанна Д'Арк",
    "Ελένη",
    "e\u{301}le\u{300}ve",
    "Supercalifragilisticexpialidocious_Supercalifragilisticexpialidocious_Supercalifragilistic",
    "\u{7}\u{0}tab\tname",
    "",
];

fn player(i: usize, name: &str) -> PlayerView {
    PlayerView {
        seat: SeatId(i as u8),
        name: name.into(),
        capital: 30_000,
        standing: Standing::Active,
        presence: Presence::Online,
        rtt_ms: None,
        shipped: false,
        bot: None,
    }
}

/// A waiting room of `cap` seats with `names` in it, the first the host.
pub fn waiting(names: &[&str], cap: u8) -> GameView {
    GameView {
        code: "abcdefghjkmn".into(),
        visibility: Visibility::Private,
        cap,
        rules: Rules::default(),
        phase: Phase::Waiting { starts_at: None },
        players: names.iter().enumerate().map(|(i, n)| player(i, n)).collect(),
        host: Some(SeatId(0)),
        history: vec![],
        winners: vec![],
        rematch: None,
        you: None,
    }
}

/// `names` having played `rounds` rounds, each player's capital moving by its own step; the
/// last player a bot.
pub fn played(names: &[&str], rounds: u8) -> GameView {
    let mut view = waiting(names, names.len().max(1) as u8);
    let last = names.len().saturating_sub(1);
    if let Some(bot) = view.players.get_mut(last) {
        bot.bot = Some(Level::Steady);
    }
    for round in 1..=rounds {
        let rows = (0..names.len())
            .map(|i| {
                let capital = 30_000 + i64::from(round) * (4_000 - 2_500 * i as i64);
                RoundRow {
                    seat: SeatId(i as u8),
                    clicks: 40,
                    ms: 4_000,
                    profit: 9_000,
                    burn: 5_000,
                    capital,
                    eliminated: capital < 1,
                }
            })
            .collect();
        view.history.push(RoundSummary { round, rows });
    }
    for p in &mut view.players {
        if let Some(row) = view.history.last().and_then(|s| s.rows.iter().find(|r| r.seat == p.seat)) {
            p.capital = row.capital;
            if row.capital < 1 {
                p.standing = Standing::Eliminated { round: rounds };
            }
        }
    }
    view.phase = Phase::Round { round: rounds + 1, started_at: 1, ends_at: 2 };
    view
}

/// `played`, then over, the richest the winner.
pub fn over(names: &[&str], rounds: u8) -> GameView {
    let mut view = played(names, rounds);
    view.phase = Phase::Over { ended_at: 1 };
    view.winners = view.players.iter().max_by_key(|p| p.capital).map(|p| vec![p.seat]).unwrap_or_default();
    view
}
