//! `clix-load`: load and fault runs for Startup CliX against `wrangler dev`, on loopback only.
//!
//! Bots speak the game's own protocol (the `shared` crate's types) the way the app does, in one
//! process with one monotonic clock, so an action's latency runs from its sending to the last
//! player hearing of it. Every run is bounded in time, and a server this tool starts is killed
//! with its whole process group at the end, on error and on Ctrl-C alike.
//!
//! - [`server`]: `wrangler dev` on free ports, in its own process group, with its own state.
//! - [`http`]: the few JSON requests that take seats.
//! - [`product`]: how a bot builds one round's product: clicks, batches, ship.
//! - [`game_bot`], [`games`]: bots playing whole games, and a run of many games (or of practice
//!   games, one player of this tool against the server's own bots).
//! - [`floor_bot`], [`floor`]: the same bots against `load/floor/`, a broadcast with no game logic.
//! - [`fanout`], [`metrics`], [`per_round`], [`report`]: who heard of what when, the counts, the
//!   counts per player-round, the report.
//! - [`faults`], [`no_reader`], [`flood`]: sockets dropped, a player that never reads, the
//!   runtime killed, a seat and a spectator flooding.

mod fanout;
mod faults;
mod flood;
mod floor;
mod floor_bot;
mod game_bot;
mod games;
mod http;
mod metrics;
mod no_reader;
mod per_round;
mod product;
mod report;
mod server;
mod socket;

use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use shared::api::RoomUsage;
use shared::rules::{CLICK_BATCH_MS, PRACTICE_BOTS, Rules};
use tokio::signal::unix::{SignalKind, signal};

use crate::games::{Plan, Session};
use crate::metrics::Tally;
use crate::product::Pace;
use crate::report::Report;
use crate::server::{Served, Worker};

#[derive(Parser)]
#[command(name = "clix-load", about = "Load and fault runs for Startup CliX on a local wrangler dev")]
struct Cli {
    /// Play on this running server instead of starting `wrangler dev` (e.g. http://127.0.0.1:8787).
    #[arg(long, global = true)]
    url: Option<String>,
    /// Let wrangler run the game config's `[build]` command (scripts/build.sh) before serving.
    #[arg(long, global = true)]
    build: bool,
    /// Also write the figures as JSON to this file.
    #[arg(long, global = true)]
    json: Option<PathBuf>,
    #[command(subcommand)]
    command: Run,
}

#[derive(Subcommand, Clone, Copy)]
enum Run {
    /// Whole games, played to game over.
    Game {
        #[command(flatten)]
        sizes: Sizes,
        /// Practice games instead: one player of this tool against the server's own bots in
        /// each, which take no socket (20 games unless `--games` says otherwise).
        #[arg(long)]
        bots: bool,
    },
    /// The same bots against the broadcast floor of load/floor/.
    Floor(Sizes),
    /// The game, then the floor, and their latency ratios.
    Compare(Sizes),
    /// Games played through a fault, checked for anything lost.
    #[command(subcommand)]
    Fault(Fault),
}

#[derive(Subcommand, Clone, Copy)]
enum Fault {
    /// Every socket of a game dropped at once mid-round; all reconnect within 0–2 s.
    DropAll(Sizes),
    /// One extra seated player never reads its socket.
    NoReader(Sizes),
    /// In the second round, one extra seated player and a spectator flood the game at full speed
    /// for 4 s (valid in shape, malformed, oversized, binary; reconnecting when closed) while the
    /// others play, tapping in batches five times a second so that their replies are many.
    Flood(Sizes),
    /// The wrangler dev process group SIGKILLed mid-round, right after a tap or a ship, and
    /// restarted on the same state; once per game, for `--kills` games in turn.
    Kill {
        #[command(flatten)]
        sizes: Sizes,
        /// Games killed in turn: after a tap, after a ship, after a tap...
        #[arg(long, default_value_t = 2)]
        kills: usize,
        /// Every kill right after this instead of in turn, so that runs of each kind can go at
        /// once, each on its own server.
        #[arg(long, value_enum)]
        after: Option<faults::After>,
    },
}

#[derive(Args, Clone, Copy)]
struct Sizes {
    /// Games played at once.
    #[arg(long)]
    games: Option<usize>,
    /// Players (bots of this tool) per game; a practice game seats one.
    #[arg(long)]
    players: Option<usize>,
    /// Sockets per player, each a tab of the same seat tapping on its own.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=8))]
    tabs: u8,
    /// Rounds at most (the game's default otherwise; fault runs default to 3).
    #[arg(long)]
    rounds: Option<u8>,
    /// Round length in ms (the game's default otherwise; fault runs default to 5000).
    #[arg(long)]
    round_ms: Option<u32>,
    /// Time limit of the play in seconds, after which it stops and fails.
    #[arg(long)]
    seconds: Option<u64>,
    /// Each game's host starts at a random moment up to this many ms after its game is ready (a
    /// practice game, which starts as it is created, is created at such a moment), so that games
    /// (and their click batches) are not all in step.
    #[arg(long, default_value_t = 1_000)]
    stagger_ms: u64,
}

impl Sizes {
    /// The plan, with defaults for a plain run or, with `fault`, for a short fault run.
    fn plan(self, fault: bool, games: usize) -> Plan {
        let defaults = Rules::default();
        // A fault run's countdowns are the shortest the rules allow: the fault lands mid-round,
        // and a longer wait before each round only makes the run longer.
        let (rounds, round_ms, intermission_ms, seconds) = if fault {
            (3, 5_000, 1_000, 110)
        } else {
            (defaults.max_rounds, defaults.round_ms, defaults.intermission_ms, 600)
        };
        Plan {
            games: self.games.unwrap_or(games),
            players: self.players.unwrap_or(4),
            tabs: usize::from(self.tabs),
            bots: 0,
            rules: Rules {
                max_rounds: self.rounds.unwrap_or(rounds),
                round_ms: self.round_ms.unwrap_or(round_ms),
                intermission_ms,
                ..defaults
            },
            limit: Duration::from_secs(self.seconds.unwrap_or(seconds)),
            stagger: Duration::from_millis(self.stagger_ms),
            pace: Pace::default(),
        }
    }

    /// The plan of a run of practice games: one player of this tool per game, beside the bots
    /// the server seats in every practice game.
    fn practice(self) -> Result<Plan, String> {
        match self.players {
            None | Some(1) => {
                Ok(Plan { players: 1, bots: usize::from(PRACTICE_BOTS), ..self.plan(false, 20) })
            }
            Some(n) => Err(format!("a practice game seats one player beside the bots, not {n}")),
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let (Ok(mut interrupt), Ok(mut terminate)) =
        (signal(SignalKind::interrupt()), signal(SignalKind::terminate()))
    else {
        eprintln!("cannot listen for signals");
        return std::process::ExitCode::FAILURE;
    };
    // Dropping the run on a signal drops its server, which kills the server's process group.
    let outcome = tokio::select! {
        outcome = run(&cli) => outcome,
        _ = interrupt.recv() => Err("interrupted".to_string()),
        _ = terminate.recv() => Err("terminated".to_string()),
    };
    match outcome {
        Ok(true) => std::process::ExitCode::SUCCESS,
        Ok(false) => std::process::ExitCode::FAILURE,
        Err(err) => {
            eprintln!("clix-load: {err}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Runs the command; answers whether every run passed.
async fn run(cli: &Cli) -> Result<bool, String> {
    let root = root();
    let game = Worker::Game { build: cli.build };
    let reports = match cli.command {
        Run::Game { sizes, bots } => {
            let plan = if bots { sizes.practice()? } else { sizes.plan(false, 1) };
            vec![play_games(&root, game, cli.url.clone(), &plan).await?]
        }
        Run::Floor(sizes) => vec![play_floor(&root, cli.url.clone(), &sizes.plan(false, 1)).await?],
        Run::Compare(sizes) => {
            let plan = sizes.plan(false, 1);
            let game = play_games(&root, game, cli.url.clone(), &plan).await?;
            let floor = play_floor(&root, None, &plan).await?;
            game.print();
            floor.print();
            let ratios = report::ratios(&game, &floor);
            report::print_ratios(&ratios);
            if let Some(path) = &cli.json {
                let all =
                    serde_json::json!({ "game": game, "floor": floor, "ratio_game_over_floor": ratios });
                report::write_json(path, &all)?;
            }
            return Ok(game.failures.is_empty() && floor.failures.is_empty());
        }
        Run::Fault(fault) => {
            let (sizes, games) = match fault {
                Fault::DropAll(s) | Fault::NoReader(s) => (s, 1),
                // Flooded in the second round; a third would add nothing but time. Rounds long
                // enough to hold the whole flood and the second after it. The second game is
                // another on the same runtime, which the flood must not reach.
                Fault::Flood(s) => (
                    Sizes {
                        rounds: s.rounds.or(Some(2)),
                        round_ms: s.round_ms.or(Some(flood::ROUND_MS)),
                        ..s
                    },
                    2,
                ),
                Fault::Kill { sizes, .. } => (sizes, 3),
            };
            let mut plan = sizes.plan(true, games);
            if matches!(fault, Fault::Flood(_)) {
                // Every player's taps go out five times a second instead of once, and nobody
                // ships (and so stops tapping) before the flood and the second after it are
                // over: the replies whose times are compared, during the flood and without it,
                // are many, so that one slow reply does not decide a p99 on its own.
                plan.pace = Pace {
                    batch: Duration::from_millis(CLICK_BATCH_MS / 5),
                    ship_from: flood::FLOOD_FROM + flood::FLOOD_FOR + Duration::from_secs(1),
                };
            }
            let mut served = Served::up(&root, game, cli.url.clone()).await?;
            println!("fault run: {} game(s) x {} players", plan.games, plan.players);
            match fault {
                Fault::DropAll(_) => vec![faults::drop_all(&served, &plan).await?],
                Fault::NoReader(_) => vec![faults::no_reader(&served, &plan).await?],
                Fault::Flood(_) => vec![faults::flood(&served, &plan).await?],
                Fault::Kill { kills, after, .. } => {
                    faults::kills(&mut served, &root, &plan, kills, after).await?
                }
            }
        }
    };
    for report in &reports {
        report.print();
    }
    if let (Some(path), [report]) = (&cli.json, reports.as_slice()) {
        report::write_json(path, report)?;
    }
    Ok(reports.iter().all(|r| r.failures.is_empty()))
}

async fn play_games(root: &Path, worker: Worker, url: Option<String>, plan: &Plan) -> Result<Report, String> {
    let served = Served::up(root, worker, url).await?;
    let bots = match plan.bots {
        0 => String::new(),
        bots => format!(" + {bots} server bots"),
    };
    println!("playing {} game(s) x {} players{bots} on {}", plan.games, plan.players, served.url);
    let (_, base) = tokio::sync::watch::channel(served.url.clone());
    let session = Session::open(base, plan, 0).await?;
    let (began, filled) = (session.began, session.filled);
    let (tally, tables, ended) = session.finish(began + plan.limit).await;
    ended.settle(&tally, &tables, plan.limit);
    let codes: Vec<&str> = tables.iter().map(|t| t.code.as_str()).collect();
    rooms_usage(&served.url, &codes, &tally).await;
    if ended.timed_out {
        tally.with(|m| m.lost(format!("time limit of {} s reached", plan.limit.as_secs())));
    }
    if plan.bots > 0 {
        tally.note(format!(
            "{} practice game(s) of 1 player + {} server bots: each started as it was created, so no \
             start is timed; bots have no socket, so latencies are the player's alone, and no \
             round-start skew is measured",
            tables.len(),
            plan.bots
        ));
    }
    if filled > 0 {
        tally.note(format!(
            "{filled} game(s) filled their cap and started on the last join: their start is timed from \
             that join to the last player's first sight of the countdown, sockets opening included"
        ));
    }
    let run = if plan.bots > 0 { "practice" } else { "game" };
    let mut report = Report::new(run, plan, &tally, began.elapsed().as_secs_f64(), served.boot);
    report.strict();
    Ok(report)
}

/// Asks each game's room what it handled (`GET /api/games/{code}/usage`) and sums the answers:
/// alarms and storage writes are seen only from inside.
async fn rooms_usage(url: &str, codes: &[&str], tally: &Tally) {
    let mut sum = RoomUsage::default();
    for code in codes {
        let bearer = format!("Bearer {}", server::usage_secret());
        let path = format!("/api/games/{code}/usage");
        let usage = http::request_with(url, "GET", &path, None, &[("Authorization", &bearer)])
            .await
            .map_err(|err| err.to_string())
            .and_then(|r| serde_json::from_str::<RoomUsage>(&r.body).map_err(|err| err.to_string()));
        match usage {
            Ok(u) => {
                sum.requests += u.requests;
                sum.socket_messages += u.socket_messages;
                sum.alarms += u.alarms;
                sum.timers += u.timers;
                sum.storage_writes += u.storage_writes;
                sum.alarm_sets += u.alarm_sets;
            }
            Err(err) => tally.with(|m| m.error(format!("usage of {code}: {err}"))),
        }
    }
    tally.with(|m| m.rooms = Some(sum));
}

async fn play_floor(root: &Path, url: Option<String>, plan: &Plan) -> Result<Report, String> {
    let served = Served::up(root, Worker::Floor, url).await?;
    println!("playing {} floor room(s) x {} players on {}", plan.games, plan.players, served.url);
    let (tally, took) = floor::run(&served.url, plan).await;
    let mut report = Report::new("floor", plan, &tally, took.as_secs_f64(), served.boot);
    report.strict();
    Ok(report)
}

/// The repository: the working directory when it holds the game's config, else where this
/// crate was built from.
fn root() -> PathBuf {
    let here = std::env::current_dir().unwrap_or_default();
    if here.join("wrangler.toml").exists() && here.join("load").is_dir() {
        return here;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or(here)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan_of(args: &[&str]) -> Result<Plan, String> {
        let cli = Cli::try_parse_from(args).map_err(|err| err.to_string())?;
        match cli.command {
            Run::Game { sizes, bots: true } => sizes.practice(),
            Run::Game { sizes, bots: false } => Ok(sizes.plan(false, 1)),
            _ => Err("not a game run".into()),
        }
    }

    #[test]
    fn the_bots_run_plays_twenty_practice_games_of_one_player() {
        let plan = plan_of(&["clix-load", "game", "--bots"]).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!((plan.games, plan.players, plan.bots), (20, 1, usize::from(PRACTICE_BOTS)));
        let plan =
            plan_of(&["clix-load", "game", "--bots", "--games", "3"]).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!((plan.games, plan.players), (3, 1));
        assert!(plan_of(&["clix-load", "game", "--bots", "--players", "2"]).is_err());
        let plan = plan_of(&["clix-load", "game"]).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!((plan.games, plan.players, plan.bots), (1, 4, 0));
    }
}
