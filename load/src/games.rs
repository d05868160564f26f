//! A run of whole games: every seat taken over HTTP as the app does (the host creates, the others
//! join), one bot per seat, until every game is over or the time limit passes. A practice game
//! is created with its host alone: the server seats its own bots, which take no socket.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::future::join_all;
use shared::api::{CreateGame, JoinGame, SeatGrant};
use shared::rules::{PRIVATE_CAP_MAX, Rules};
use shared::view::Standing;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;

use crate::fanout::{Action, Fanout};
use crate::game_bot::{self, Command, Outcome, Seat, Table};
use crate::http::post_json;
use crate::metrics::{Kind, Tally};
use crate::product::Pace;

/// What to run.
#[derive(Clone, Copy, Debug)]
pub struct Plan {
    pub games: usize,
    /// Players of this tool per game.
    pub players: usize,
    /// Sockets per player: each a tab of the same seat, tapping on its own, as a player with the
    /// game open in several tabs.
    pub tabs: usize,
    /// Seats per game the server's own bots play; with any, every game is a practice game.
    pub bots: usize,
    pub rules: Rules,
    pub limit: Duration,
    /// Each host waits a random time below this before starting its game (a practice game,
    /// which starts as it is created: before creating it).
    pub stagger: Duration,
    /// How the players batch their taps and when they may ship: as the app does, unless a run
    /// that times replies asks for more of them.
    pub pace: Pace,
}

struct Bot {
    game: usize,
    commands: mpsc::UnboundedSender<Command>,
    handle: JoinHandle<Outcome>,
}

/// Games under way.
pub struct Session {
    pub tally: Tally,
    pub tables: Vec<Arc<Table>>,
    bots: Vec<Bot>,
    /// Seats taken without a bot (a fault run plays them itself), by game.
    pub silent: Vec<Vec<SeatGrant>>,
    pub began: Instant,
    /// Games that filled their cap and so started on their last join, not on the host's start.
    pub filled: usize,
}

/// How the games ended, per game: each bot's outcome.
pub struct Ended {
    pub outcomes: Vec<Vec<Outcome>>,
    pub timed_out: bool,
}

impl Session {
    /// Seats `plan.players` bots per game, plus `silent` seats per game left to the caller.
    pub async fn open(base: watch::Receiver<String>, plan: &Plan, silent: usize) -> Result<Self, String> {
        let tally = Tally::default();
        let began = Instant::now();
        let url = base.borrow().clone();
        let seated = join_all((0..plan.games).map(|g| seat_game(&url, g, plan, silent, &tally))).await;
        let mut session =
            Session { tally, tables: Vec::new(), bots: Vec::new(), silent: Vec::new(), began, filled: 0 };
        for (g, seated) in seated.into_iter().enumerate() {
            let (mut grants, filled_at) = seated?;
            let quiet = grants.split_off(plan.players);
            let table = Arc::new(Table {
                code: grants[0].code.clone(),
                seats: plan.players + silent + plan.bots,
                bots: plan.bots,
                tabs: plan.tabs,
                fanout: Mutex::new(Fanout::new(plan.players * plan.tabs)),
                tally: session.tally.clone(),
                base: base.clone(),
                rounds: Mutex::default(),
                pace: plan.pace,
            });
            if let Some(at) = filled_at {
                session.filled += 1;
                table.fanout(|f| f.sent(Action::Start, Kind::Start, at));
            }
            let tabs = grants.iter().flat_map(|grant| (0..plan.tabs).map(move |_| grant));
            for (reader, grant) in tabs.enumerate() {
                let (commands, orders) = mpsc::unbounded_channel();
                let start_after = plan.stagger.mul_f64(fastrand::f64());
                // A practice game has started already: nobody sends the start.
                let starts = reader == 0 && plan.bots == 0;
                let token = grant.token.clone();
                let seat = Seat { reader, seat: grant.seat, token, starts, start_after };
                let handle = tokio::spawn(game_bot::play(seat, table.clone(), orders));
                session.bots.push(Bot { game: g, commands, handle });
            }
            session.tables.push(table);
            session.silent.push(quiet);
        }
        Ok(session)
    }

    /// Tells every bot of game `game` (or of all games, for `None`) what `order` makes.
    pub fn command(&self, game: Option<usize>, mut order: impl FnMut() -> Command) {
        for bot in self.bots.iter().filter(|b| game.is_none_or(|g| g == b.game)) {
            let _ = bot.commands.send(order());
        }
    }

    /// Waits until every game has seen round `round` start; answers when the last one did.
    /// Waits for a bot's tap (or, with `ship`, a ship) after `after`; answers when it was made.
    pub async fn next_input(&self, ship: bool, after: Instant, until: Instant) -> Option<Instant> {
        while Instant::now() < until {
            let last = self
                .tables
                .iter()
                .filter_map(|t| t.fanout(|f| if ship { f.last_ship } else { f.last_tap }))
                .max();
            if let Some(at) = last.filter(|at| *at > after) {
                return Some(at);
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        None
    }

    pub async fn round_started(&self, round: u8, until: Instant) -> Option<Instant> {
        while Instant::now() < until {
            let starts: Vec<_> = self.tables.iter().map(|t| t.fanout(|f| f.first_start(round))).collect();
            if starts.iter().all(Option::is_some) {
                return starts.into_iter().flatten().max();
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        None
    }

    /// Waits for every bot until `until`, then stops those still playing.
    pub async fn finish(self, until: Instant) -> (Tally, Vec<Arc<Table>>, Ended) {
        let games = self.tables.len();
        let stoppers: Vec<_> = self.bots.iter().map(|b| b.commands.clone()).collect();
        let which: Vec<usize> = self.bots.iter().map(|b| b.game).collect();
        let mut all = Box::pin(join_all(self.bots.into_iter().map(|b| b.handle)));
        let (results, timed_out) = tokio::select! {
            results = &mut all => (results, false),
            () = tokio::time::sleep_until(until.into()) => {
                stoppers.iter().for_each(|s| { let _ = s.send(Command::Stop); });
                (all.await, true)
            }
        };
        let mut outcomes: Vec<Vec<Outcome>> = (0..games).map(|_| Vec::new()).collect();
        for (game, result) in which.into_iter().zip(results) {
            outcomes[game].push(result.unwrap_or_default());
        }
        (self.tally, self.tables, Ended { outcomes, timed_out })
    }
}

impl Ended {
    /// Folds the games' ends into the tally: latencies, rounds played (by every seat, and by the
    /// people's seats alone), seats, unfinished games.
    pub fn settle(&self, tally: &Tally, tables: &[Arc<Table>], limit: Duration) {
        tally.with(|m| {
            for (table, outcomes) in tables.iter().zip(&self.outcomes) {
                table.fanout(|f| f.settle(m));
                let rounds = u64::from(outcomes.iter().map(|o| o.rounds).max().unwrap_or(0));
                m.player_rounds += table.seats as u64 * rounds;
                m.person_rounds += table.seats.saturating_sub(table.bots) as u64 * rounds;
                let witness = outcomes.iter().find(|o| o.over);
                // The bots' rounds are counted from the plan: a server that seated others would
                // make every figure per player-round wrong.
                let bots = witness.map(|o| o.final_players.iter().filter(|p| p.bot.is_some()).count());
                if let Some(seen) = bots.filter(|&seen| seen != table.bots) {
                    m.lost(format!("game seated {seen} of the server's bots, not {}", table.bots));
                }
                let present = witness.map_or(0, |o| {
                    o.final_players.iter().filter(|p| p.standing != Standing::Forfeited).count()
                });
                m.unseated += table.seats.saturating_sub(present) as u64;
                if outcomes.iter().any(|o| !o.over) {
                    m.lost(format!("game not over for every player within {} s", limit.as_secs()));
                }
            }
        });
    }
}

/// Takes the seats of game `g`: the host creates it, the others join. Answers the grants and,
/// when the last join filled the game (which starts it at once), the moment of that join.
async fn seat_game(
    base: &str,
    g: usize,
    plan: &Plan,
    silent: usize,
    tally: &Tally,
) -> Result<(Vec<SeatGrant>, Option<Instant>), String> {
    if plan.bots > 0 {
        return seat_practice(base, g, plan, silent, tally).await.map(|host| (vec![host], None));
    }
    let seats = plan.players + silent;
    if !(2..=usize::from(PRIVATE_CAP_MAX)).contains(&seats) {
        return Err(format!("a game seats 2 to {PRIVATE_CAP_MAX} players, not {seats}"));
    }
    // A seat to spare, so that the host's start is what starts the game; a game at the largest
    // cap fills instead, and starts on its last join.
    let cap = (seats + 1).min(usize::from(PRIVATE_CAP_MAX));
    let create =
        CreateGame { name: format!("g{g} p0"), cap: cap as u8, rules: Some(plan.rules), practice: false };
    let host = create_game(base, g, &create, tally).await?;
    let path = format!("/api/games/{}/join", host.code);
    let mut grants = vec![host];
    let mut last_join = Instant::now();
    for p in 1..seats {
        tally.with(|m| m.http += 1);
        last_join = Instant::now();
        let grant = post_json(base, &path, &JoinGame { name: format!("g{g} p{p}") }, &[]).await;
        grants.push(grant.map_err(|e| failed(tally, g, "join", e))?);
    }
    Ok((grants, (cap == seats).then_some(last_join)))
}

/// Takes the one seat of practice game `g`, whose creation seats the server's bots beside its
/// host and starts the game: so the game's random wait comes before its creation.
async fn seat_practice(
    base: &str,
    g: usize,
    plan: &Plan,
    silent: usize,
    tally: &Tally,
) -> Result<SeatGrant, String> {
    let people = plan.players + silent;
    if people != 1 {
        return Err(format!("a practice game seats one player beside the bots, not {people}"));
    }
    tokio::time::sleep(plan.stagger.mul_f64(fastrand::f64())).await;
    // The server sets the cap of a practice game itself; this is what it should come to.
    let cap = u8::try_from(people + plan.bots).map_err(|_| format!("{} bots is too many", plan.bots))?;
    let create = CreateGame { name: format!("g{g} p0"), cap, rules: Some(plan.rules), practice: true };
    create_game(base, g, &create, tally).await
}

/// Creates game `g` and answers its host's seat.
async fn create_game(base: &str, g: usize, create: &CreateGame, tally: &Tally) -> Result<SeatGrant, String> {
    tally.with(|m| m.http += 1);
    // Each game's host at an address of its own, as players are: new games are limited per
    // address (`wrangler dev` takes the header as given; Cloudflare's edge sets it itself).
    let address = format!("10.{}.{}.1", (g >> 8) & 0xff, g & 0xff);
    post_json(base, "/api/games", create, &[("CF-Connecting-IP", &address)])
        .await
        .map_err(|e| failed(tally, g, "create", e))
}

/// Counts a failed request and says which game it stopped.
fn failed(tally: &Tally, g: usize, what: &str, err: crate::http::HttpError) -> String {
    tally.with(|m| m.error(format!("http {what}: {err}")));
    format!("game {g}: {what} failed: {err}")
}

#[cfg(test)]
mod tests {
    use shared::bot::Level;
    use shared::ids::SeatId;
    use shared::view::{PlayerView, Presence};

    use super::*;

    fn player(seat: u8, bot: Option<Level>) -> PlayerView {
        PlayerView {
            seat: SeatId(seat),
            name: format!("p{seat}"),
            capital: 1_000,
            standing: Standing::Active,
            presence: Presence::Online,
            rtt_ms: None,
            shipped: false,
            bot,
        }
    }

    fn practice_table(tally: &Tally) -> Arc<Table> {
        Arc::new(Table {
            code: "practice".into(),
            seats: 4,
            bots: 3,
            tabs: 1,
            fanout: Mutex::new(Fanout::new(1)),
            tally: tally.clone(),
            base: watch::channel(String::new()).1,
            rounds: Mutex::default(),
            pace: Pace::default(),
        })
    }

    #[test]
    fn a_practice_game_counts_its_bots_as_players_and_not_as_persons() {
        let tally = Tally::default();
        let final_players = vec![
            player(0, None),
            player(1, Some(Level::Easy)),
            player(2, Some(Level::Steady)),
            player(3, Some(Level::Sharp)),
        ];
        let outcome = Outcome { over: true, seated: true, rounds: 10, final_players, ..Outcome::default() };
        let ended = Ended { outcomes: vec![vec![outcome]], timed_out: false };
        ended.settle(&tally, &[practice_table(&tally)], Duration::from_secs(1));
        tally.with(|m| {
            assert_eq!((m.player_rounds, m.person_rounds, m.unseated), (40, 10, 0));
            assert!(m.lost.is_empty(), "{:?}", m.lost);
        });
    }

    #[test]
    fn a_practice_game_short_of_bots_is_a_loss() {
        let tally = Tally::default();
        let final_players = vec![player(0, None), player(1, Some(Level::Easy))];
        let outcome = Outcome { over: true, seated: true, rounds: 2, final_players, ..Outcome::default() };
        let ended = Ended { outcomes: vec![vec![outcome]], timed_out: false };
        ended.settle(&tally, &[practice_table(&tally)], Duration::from_secs(1));
        tally.with(|m| {
            assert_eq!(m.unseated, 2);
            assert_eq!(m.lost.keys().collect::<Vec<_>>(), ["game seated 1 of the server's bots, not 3"]);
        });
    }
}
