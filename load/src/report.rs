//! The figures of a run, printed for people and written as JSON.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use serde::Serialize;
use shared::api::RoomUsage;

use crate::games::Plan;
use crate::metrics::{Metrics, Tally};
use crate::per_round::PerRound;

/// Percentiles of a set of samples (nearest rank), in ms.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Stats {
    pub n: usize,
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
    pub max: f64,
}

impl Stats {
    pub fn of(values: &[f64]) -> Self {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let rank = |q: f64| {
            let i = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len().max(1)) - 1;
            sorted.get(i).copied().unwrap_or(0.0)
        };
        Self { n: sorted.len(), p50: rank(0.50), p95: rank(0.95), p99: rank(0.99), max: rank(1.0) }
    }
}

/// Byte sizes of one kind of server message.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Bytes {
    pub count: u64,
    pub mean: f64,
    pub min: u64,
    pub max: u64,
}

/// Everything a run measured.
#[derive(Debug, Serialize)]
pub struct Report {
    pub run: String,
    pub games: usize,
    /// Players of this tool per game.
    pub players: usize,
    /// Seats per game the server's own bots play (a run of practice games).
    pub bots: usize,
    pub rounds: u8,
    pub round_ms: u32,
    pub intermission_ms: u32,
    /// Wall time of the play, from the first request to the last bot done.
    pub seconds: f64,
    /// How long the server took to answer after being started.
    pub server_boot_seconds: Option<f64>,
    pub latency_ms: BTreeMap<String, Stats>,
    pub round_start_skew_ms: Stats,
    /// Seats × rounds, the server's bots included: the figures per player-round divide by it.
    pub player_rounds: u64,
    pub ws_out: u64,
    /// Of the messages sent, heartbeats: answered by the runtime, not billed.
    pub heartbeats: u64,
    /// The runtime's answers to them that came back.
    pub heartbeats_answered: u64,
    pub ws_in: u64,
    pub http_requests: u64,
    pub ws_upgrades: u64,
    pub out_per_player_round: f64,
    pub in_per_player_round: f64,
    /// (HTTP requests + upgrades + client messages but heartbeats / 20) per player-round.
    pub billable_per_player_round: f64,
    /// Times the rooms ran per player-round: requests and messages that reached them, alarms
    /// and in-memory timers.
    pub wakeups_per_player_round: Option<f64>,
    /// What the rooms counted inside, summed over the games (the game only).
    pub rooms: Option<RoomUsage>,
    /// The rooms' alarm invocations per player-round: Cloudflare bills each as a request.
    pub alarms_per_player_round: Option<f64>,
    /// The rooms' writes of game state per player-round.
    pub storage_writes_per_player_round: Option<f64>,
    /// Rows written per player-round on SQLite-backed storage: the game's writes plus the
    /// alarm sets (each `setAlarm` is a row).
    pub rows_written_per_player_round: Option<f64>,
    /// Billable requests per player-round with the alarms counted too.
    pub billable_with_alarms_per_player_round: Option<f64>,
    /// The same counts over the rounds of this tool's players alone, the server's bots left out;
    /// the same as per player-round when no bot is seated.
    pub per_person_round: PerRound,
    pub errors: BTreeMap<String, u64>,
    pub dropped_sockets: u64,
    pub unseated: u64,
    pub lost: BTreeMap<String, u64>,
    pub incomplete: BTreeMap<String, u64>,
    pub server_message_bytes: BTreeMap<String, Bytes>,
    pub notes: Vec<String>,
    /// Why the run failed; empty when it passed.
    pub failures: Vec<String>,
}

impl Report {
    pub fn new(run: &str, plan: &Plan, tally: &Tally, seconds: f64, boot: Option<Duration>) -> Self {
        tally.with(|m| Self::from_metrics(run, plan, m, seconds, boot))
    }

    fn from_metrics(run: &str, plan: &Plan, m: &Metrics, seconds: f64, boot: Option<Duration>) -> Self {
        let mut latency_ms = BTreeMap::new();
        let all: Vec<f64> = m.latency.values().flatten().copied().collect();
        latency_ms.insert("all".to_string(), Stats::of(&all));
        for (kind, samples) in &m.latency {
            latency_ms.insert(kind.name().to_string(), Stats::of(samples));
        }
        let table = PerRound::of(m, m.player_rounds);
        let sizes = m.sizes.iter().map(|(name, s)| {
            let mean = if s.count == 0 { 0.0 } else { s.total as f64 / s.count as f64 };
            (name.clone(), Bytes { count: s.count, mean, min: s.min, max: s.max })
        });
        let mut failures: Vec<String> = m.lost.iter().map(|(what, n)| format!("{what}: {n}")).collect();
        if m.unseated > 0 {
            failures.push(format!("seats not seated at the end: {}", m.unseated));
        }
        let http_errors: u64 = m.errors.iter().filter(|(k, _)| k.starts_with("http")).map(|(_, n)| n).sum();
        if http_errors > 0 {
            failures.push(format!("failed HTTP requests: {http_errors}"));
        }
        Self {
            run: run.to_string(),
            games: plan.games,
            players: plan.players,
            bots: plan.bots,
            rounds: plan.rules.max_rounds,
            round_ms: plan.rules.round_ms,
            intermission_ms: plan.rules.intermission_ms,
            seconds,
            server_boot_seconds: boot.map(|b| b.as_secs_f64()),
            latency_ms,
            round_start_skew_ms: Stats::of(&m.skew),
            player_rounds: m.player_rounds,
            ws_out: m.ws_out,
            heartbeats: m.heartbeats,
            heartbeats_answered: m.heartbeats_answered,
            ws_in: m.ws_in,
            http_requests: m.http,
            ws_upgrades: m.upgrades,
            out_per_player_round: table.messages_out,
            in_per_player_round: table.messages_in,
            billable_per_player_round: table.billable,
            wakeups_per_player_round: table.wakeups,
            rooms: m.rooms,
            alarms_per_player_round: table.alarms,
            storage_writes_per_player_round: table.storage_writes,
            rows_written_per_player_round: table.rows_written,
            billable_with_alarms_per_player_round: table.billable_with_alarms,
            per_person_round: PerRound::of(m, m.person_rounds),
            errors: m.errors.clone(),
            dropped_sockets: m.dropped,
            unseated: m.unseated,
            lost: m.lost.clone(),
            incomplete: m.incomplete.iter().map(|(k, n)| (k.name().to_string(), *n)).collect(),
            server_message_bytes: sizes.collect(),
            notes: m.notes.clone(),
            failures,
        }
    }

    /// For runs without faults: a dropped socket or an effect some player never heard of is a loss.
    pub fn strict(&mut self) {
        if self.dropped_sockets > 0 {
            self.failures.push(format!("sockets dropped: {}", self.dropped_sockets));
        }
        for (kind, n) in &self.incomplete {
            self.failures.push(format!("{kind} not heard of by every player: {n}"));
        }
    }

    pub fn print(&self) {
        let seats = match self.bots {
            0 => format!("{} players", self.players),
            bots => format!("{} player + {bots} server bots", self.players),
        };
        println!(
            "\n== {}: {} game(s) x {seats}, {} rounds of {} ms (countdown {} ms) ==",
            self.run, self.games, self.rounds, self.round_ms, self.intermission_ms
        );
        let boot = self.server_boot_seconds.map(|b| format!(" (server answered {b:.1} s after start)"));
        println!("played in {:.1} s{}", self.seconds, boot.unwrap_or_default());
        println!("latency, ms          {:>6} {:>9} {:>9} {:>9} {:>9}", "n", "p50", "p95", "p99", "max");
        for (kind, s) in &self.latency_ms {
            println!("  {kind:<18} {:>6} {:>9.2} {:>9.2} {:>9.2} {:>9.2}", s.n, s.p50, s.p95, s.p99, s.max);
        }
        let s = self.round_start_skew_ms;
        println!("round-start skew, ms {:>6} {:>9.2} {:>9.2} {:>9} {:>9.2}", s.n, s.p50, s.p95, "", s.max);
        let (bots_in, player_rounds) = match self.bots {
            0 => ("", self.player_rounds.to_string()),
            _ => {
                let people = self.per_person_round.rounds;
                let bots = self.player_rounds.saturating_sub(people);
                (
                    ", bots included",
                    format!("{} = {people} person-rounds + {bots} bot-rounds", self.player_rounds),
                )
            }
        };
        println!(
            "per player-round{bots_in} ({player_rounds}): {:.2} messages out, {:.2} in; {:.3} billable \
             requests ({} HTTP + {} upgrades + {} client messages / 20; {} heartbeats sent, {} answered \
             by the runtime, not billed)",
            self.out_per_player_round,
            self.in_per_player_round,
            self.billable_per_player_round,
            self.http_requests,
            self.ws_upgrades,
            self.ws_out - self.heartbeats,
            self.heartbeats,
            self.heartbeats_answered
        );
        if let (Some(r), Some(alarms), Some(writes), Some(rows), Some(billable)) = (
            self.rooms,
            self.alarms_per_player_round,
            self.storage_writes_per_player_round,
            self.rows_written_per_player_round,
            self.billable_with_alarms_per_player_round,
        ) {
            println!(
                "rooms, per player-round{bots_in}: {:.2} wake-ups, {alarms:.3} alarms, {writes:.2} storage \
                 writes, {rows:.2} rows written with the alarm sets; {billable:.3} billable with the alarms \
                 ({} socket messages, {} requests, {} alarms, {} timers, {} writes, {} alarm sets, {} rows \
                 written in all)",
                self.wakeups_per_player_round.unwrap_or_default(),
                r.socket_messages,
                r.requests,
                r.alarms,
                r.timers,
                r.storage_writes,
                r.alarm_sets,
                r.storage_writes + r.alarm_sets
            );
        }
        if self.bots > 0 {
            self.per_person_round.print("per person-round, bots excluded");
        }
        let sizes: Vec<String> = self
            .server_message_bytes
            .iter()
            .map(|(name, b)| format!("{name} {:.0} ({}-{}) x{}", b.mean, b.min, b.max, b.count))
            .collect();
        println!("server messages, bytes: {}", sizes.join(", "));
        println!("errors: {}", listing(&self.errors));
        println!("dropped sockets: {}; seats not seated at the end: {}", self.dropped_sockets, self.unseated);
        println!("not heard of by every player: {}", listing(&self.incomplete));
        println!("lost: {}", listing(&self.lost));
        for note in &self.notes {
            println!("note: {note}");
        }
        match self.failures.as_slice() {
            [] => println!("verdict: ok"),
            failures => println!("verdict: FAILED: {}", failures.join("; ")),
        }
    }
}

fn listing(map: &BTreeMap<String, u64>) -> String {
    if map.is_empty() {
        return "none".into();
    }
    map.iter().map(|(what, n)| format!("{what}: {n}")).collect::<Vec<_>>().join(", ")
}

/// The game's latency over the floor's, per kind and overall.
#[derive(Debug, Serialize)]
pub struct Ratio {
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
}

pub fn ratios(game: &Report, floor: &Report) -> BTreeMap<String, Ratio> {
    let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { f64::NAN };
    game.latency_ms
        .iter()
        .filter_map(|(kind, g)| {
            let f = floor.latency_ms.get(kind)?;
            Some((
                kind.clone(),
                Ratio { p50: ratio(g.p50, f.p50), p95: ratio(g.p95, f.p95), p99: ratio(g.p99, f.p99) },
            ))
        })
        .collect()
}

pub fn print_ratios(ratios: &BTreeMap<String, Ratio>) {
    println!("\n== game / floor latency ==");
    println!("  {:<18} {:>9} {:>9} {:>9}", "", "p50", "p95", "p99");
    for (kind, r) in ratios {
        println!("  {kind:<18} {:>9.2} {:>9.2} {:>9.2}", r.p50, r.p95, r.p99);
    }
}

pub fn write_json(path: &Path, value: &impl Serialize) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).map_err(|err| err.to_string())?;
    std::fs::write(path, text).map_err(|err| format!("cannot write {}: {err}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_take_the_nearest_rank() {
        let values: Vec<f64> = (1..=100).map(f64::from).collect();
        let s = Stats::of(&values);
        assert_eq!((s.n, s.p50, s.p95, s.p99, s.max), (100, 50.0, 95.0, 99.0, 100.0));
        assert_eq!(Stats::of(&[]).n, 0);
    }
}
