//! A run of whole games: every seat taken over HTTP as the app does (the host creates, the others
//! join), one bot per seat, until every game is over or the time limit passes.

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

/// What to run.
#[derive(Clone, Copy, Debug)]
pub struct Plan {
    pub games: usize,
    pub players: usize,
    pub rules: Rules,
    pub limit: Duration,
    /// Each host waits a random time below this before starting its game.
    pub stagger: Duration,
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
                seats: plan.players + silent,
                fanout: Mutex::new(Fanout::new(plan.players)),
                tally: session.tally.clone(),
                base: base.clone(),
            });
            if let Some(at) = filled_at {
                session.filled += 1;
                table.fanout(|f| f.sent(Action::Start, Kind::Start, at));
            }
            for (reader, grant) in grants.into_iter().enumerate() {
                let (commands, orders) = mpsc::unbounded_channel();
                let start_after = plan.stagger.mul_f64(fastrand::f64());
                let seat =
                    Seat { reader, seat: grant.seat, token: grant.token, host: reader == 0, start_after };
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
    /// Folds the games' ends into the tally: latencies, rounds played, seats, unfinished games.
    pub fn settle(&self, tally: &Tally, tables: &[Arc<Table>], limit: Duration) {
        tally.with(|m| {
            for (table, outcomes) in tables.iter().zip(&self.outcomes) {
                table.fanout(|f| f.settle(m));
                let rounds = outcomes.iter().map(|o| o.rounds).max().unwrap_or(0);
                m.player_rounds += table.seats as u64 * u64::from(rounds);
                let witness = outcomes.iter().find(|o| o.over);
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
    let seats = plan.players + silent;
    if !(2..=usize::from(PRIVATE_CAP_MAX)).contains(&seats) {
        return Err(format!("a game seats 2 to {PRIVATE_CAP_MAX} players, not {seats}"));
    }
    // A seat to spare, so that the host's start is what starts the game; a game at the largest
    // cap fills instead, and starts on its last join.
    let cap = (seats + 1).min(usize::from(PRIVATE_CAP_MAX));
    let failed = |what: &str, err: crate::http::HttpError| {
        tally.with(|m| m.error(format!("http {what}: {err}")));
        format!("game {g}: {what} failed: {err}")
    };
    let create =
        CreateGame { name: format!("g{g} p0"), cap: cap as u8, rules: Some(plan.rules), practice: false };
    tally.with(|m| m.http += 1);
    // Each game's host at an address of its own, as players are: new games are limited per
    // address (`wrangler dev` takes the header as given; Cloudflare's edge sets it itself).
    let address = format!("10.{}.{}.1", (g >> 8) & 0xff, g & 0xff);
    let host: SeatGrant = post_json(base, "/api/games", &create, &[("CF-Connecting-IP", &address)])
        .await
        .map_err(|e| failed("create", e))?;
    let path = format!("/api/games/{}/join", host.code);
    let mut grants = vec![host];
    let mut last_join = Instant::now();
    for p in 1..seats {
        tally.with(|m| m.http += 1);
        last_join = Instant::now();
        let grant = post_json(base, &path, &JoinGame { name: format!("g{g} p{p}") }, &[]).await;
        grants.push(grant.map_err(|e| failed("join", e))?);
    }
    Ok((grants, (cap == seats).then_some(last_join)))
}
