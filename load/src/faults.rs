//! Fault runs: games played through a fault, then checked for anything lost. Each returns its
//! report; any loss is listed in the report's failures.
//!
//! - drop-all: mid-round every socket dies at once (no close frame) and comes back within 0–2 s.
//! - no-reader: one seated player never reads its socket while the others play.
//! - flood: in the second round, an extra seated player and a spectator flood the first game for
//!   a few seconds (see `flood.rs`), beside another game on the same runtime.
//! - kill: mid-round, right after a bot's tap (or, every other time, a bot's ship), the whole
//!   `wrangler dev` process group is SIGKILLed and started again on the same state directory;
//!   the bots find it on its new port. The taps every bot made are counted against what the
//!   rounds paid, not against what the server had confirmed.

use std::path::Path;
use std::time::{Duration, Instant};

use shared::view::Presence;
use tokio::sync::{oneshot, watch};

use crate::game_bot::{Command, Outcome};
use crate::games::{Ended, Plan, Session};
use crate::metrics::{ClickTime, Tally};
use crate::report::{Report, Stats};
use crate::server::Served;
use crate::{flood, no_reader};

/// Longest wait before a dropped bot reconnects.
const DROP_JITTER_MS: u64 = 2_000;

/// Waits until every game is half-way through its second round (its first, for a one-round game).
async fn mid_round(session: &Session, plan: &Plan, until: Instant) -> Result<Instant, String> {
    into_round(session, plan, until, Duration::from_millis(u64::from(plan.rules.round_ms) / 2)).await
}

/// Waits until `into` after the second round (or the only one) started.
async fn into_round(
    session: &Session,
    plan: &Plan,
    until: Instant,
    into: Duration,
) -> Result<Instant, String> {
    let round = plan.rules.max_rounds.min(2);
    let started = session.round_started(round, until).await.ok_or(format!("round {round} never started"))?;
    tokio::time::sleep_until((started + into).into()).await;
    Ok(Instant::now())
}

pub async fn drop_all(served: &Served, plan: &Plan) -> Result<Report, String> {
    let (_, base) = watch::channel(served.url.clone());
    let session = Session::open(base, plan, 0).await?;
    let until = session.began + plan.limit;
    let dropped_at = mid_round(&session, plan, until).await?;
    session.command(None, || Command::Drop {
        back_after: Duration::from_millis(fastrand::u64(..=DROP_JITTER_MS)),
    });
    println!("dropped every socket at {:.1} s", dropped_at.duration_since(session.began).as_secs_f64());
    let began = session.began;
    let (tally, tables, ended) = session.finish(until).await;
    ended.settle(&tally, &tables, plan.limit);
    check_reconnects(&tally, &ended, dropped_at, "the drop");
    Ok(Report::new("fault drop-all", plan, &tally, began.elapsed().as_secs_f64(), served.boot))
}

pub async fn no_reader(served: &Served, plan: &Plan) -> Result<Report, String> {
    let (_, base) = watch::channel(served.url.clone());
    let session = Session::open(base, plan, 1).await?;
    let until = session.began + plan.limit;
    let grant = session.silent.first().and_then(|seats| seats.first()).cloned().ok_or("no silent seat")?;
    let (stop, stopped) = oneshot::channel();
    let (url, tally) = (served.url.clone(), session.tally.clone());
    let silent =
        tokio::spawn(async move { no_reader::hold(&url, &grant.code, &grant.token, &tally, stopped).await });
    let silent_seat = session.silent[0][0].seat;
    let began = session.began;
    let (tally, tables, ended) = session.finish(until).await;
    let _ = stop.send(());
    let silent = silent.await.unwrap_or_default();
    ended.settle(&tally, &tables, plan.limit);
    let presence = ended
        .outcomes
        .iter()
        .flatten()
        .find(|o| o.over)
        .and_then(|o| o.final_players.iter().find(|p| p.seat == silent_seat).map(|p| p.presence));
    let write = silent.write_failed.as_deref().map_or("never failed".to_string(), |e| format!("failed: {e}"));
    tally.note(format!(
        "silent player: wrote {} frames (hello and heartbeats); its writes {write}; shown {} at the end",
        silent.sent,
        presence.map_or("nowhere", |p| if p == Presence::Online { "online" } else { "away" })
    ));
    let mut report = Report::new("fault no-reader", plan, &tally, began.elapsed().as_secs_f64(), served.boot);
    report.strict();
    Ok(report)
}

/// Early in the second round, the first game's extra seat and a spectator flood it; everyone
/// else plays on, in that game and in the others on the same runtime. Their click latency while the flood lasts
/// (and one second after) is set beside the rest of the run's, for the flooded game and the others.
pub async fn flood(served: &Served, plan: &Plan) -> Result<Report, String> {
    let (_, base) = watch::channel(served.url.clone());
    let session = Session::open(base, plan, 1).await?;
    let until = session.began + plan.limit;
    let grant = session.silent.first().and_then(|seats| seats.first()).cloned().ok_or("no flooding seat")?;
    let (url, tally) = (served.url.clone(), session.tally.clone());
    // Every game's extra seat is held online until the flood, so that each game starts.
    let (stops, holders): (Vec<_>, Vec<_>) = session
        .silent
        .iter()
        .filter_map(|seats| seats.first().cloned())
        .map(|seat| {
            let (stop, held) = oneshot::channel();
            let (url, tally) = (url.clone(), tally.clone());
            (
                stop,
                tokio::spawn(async move { flood::hold(&url, &seat.code, &seat.token, &tally, held).await }),
            )
        })
        .unzip();
    let from = into_round(&session, plan, until, flood::FLOOD_FROM).await?;
    for stop in stops {
        let _ = stop.send(());
    }
    for holder in holders {
        let _ = holder.await;
    }
    let (seated, watcher) = flood::apart(url, grant.code.clone(), grant.token.clone(), tally.clone()).await?;
    let to = Instant::now() + Duration::from_secs(1);
    println!(
        "flooded from {:.1} s for {:.1} s",
        from.duration_since(session.began).as_secs_f64(),
        to.duration_since(from).as_secs_f64() - 1.0
    );
    let began = session.began;
    let (tally, tables, ended) = session.finish(until).await;
    ended.settle(&tally, &tables, plan.limit);
    let times = tally.with(|m| m.click_times.clone());
    let (flooded, others): (Vec<_>, Vec<_>) = times.into_iter().partition(|c| c.game == grant.code);
    for (who, clicks) in [("the flooded game's players", flooded), ("another game's players", others)] {
        let (during, without): (Vec<_>, Vec<_>) =
            clicks.into_iter().partition(|c| c.at >= from && c.at <= to);
        let ms = |v: &[ClickTime]| v.iter().map(|c| c.ms).collect::<Vec<_>>();
        let (d, w) = (Stats::of(&ms(&during)), Stats::of(&ms(&without)));
        // When the slowest reply came, from the flood's start: whether the wait came with
        // the first flooding sockets' frames or later.
        let slowest = during.iter().max_by(|a, b| a.ms.total_cmp(&b.ms));
        let answered = slowest.map_or(0.0, |c| c.at.saturating_duration_since(from).as_secs_f64() * 1000.0);
        tally.note(format!(
            "{who}' click replies without the flood: p50 {:.0} ms, p99 {:.0} ms ({} replies); during it: \
             p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms, answered {answered:.0} ms into it ({} replies); p99 {:.1}× without",
            w.p50,
            w.p99,
            without.len(),
            d.p50,
            d.p99,
            d.max,
            during.len(),
            d.p99 / w.p99
        ));
    }
    for (who, flooded) in [("seated flooder", &seated), ("spectator flooder", &watcher)] {
        let closed: Vec<f64> = flooded.closed_after.iter().flatten().copied().collect();
        let s = Stats::of(&closed);
        tally.note(format!(
            "{who}: {} frames over {} sockets, {} answered; each closed {:.0} ms (p50), {:.0} ms (max) \
             after its first frame; {} more sockets refused before the upgrade",
            flooded.frames,
            flooded.closed_after.len(),
            flooded.answers,
            s.p50,
            s.max,
            flooded.refused
        ));
        if flooded.closed_after.is_empty() || closed.len() < flooded.closed_after.len() {
            tally.with(|m| m.lost(format!("{who}: a flooding socket was not closed")));
        }
    }
    Ok(Report::new("fault flood", plan, &tally, began.elapsed().as_secs_f64(), served.boot))
}

/// What a kill follows at once: a bot's tap or a bot's ship.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum After {
    Tap,
    Ship,
}

/// `kills` games in turn, each killed once: after a tap, then after a ship, and so on, or every
/// one after `after`.
pub async fn kills(
    served: &mut Served,
    root: &Path,
    plan: &Plan,
    kills: usize,
    after: Option<After>,
) -> Result<Vec<Report>, String> {
    let mut reports = Vec::new();
    for k in 0..kills {
        let after_ship = after.map_or(k % 2 == 1, |a| a == After::Ship);
        println!("kill {} of {kills}, after a {}", k + 1, if after_ship { "ship" } else { "tap" });
        reports.push(kill(served, root, plan, after_ship).await?);
    }
    Ok(reports)
}

async fn kill(served: &mut Served, root: &Path, plan: &Plan, after_ship: bool) -> Result<Report, String> {
    let (urls, base) = watch::channel(served.url.clone());
    let session = Session::open(base, plan, 0).await?;
    let until = session.began + plan.limit;
    let mid = mid_round(&session, plan, until).await?;
    // Ships come from 1.5 s into a round on; a tap is never far.
    let what = if after_ship { "ship" } else { "tap" };
    let input = session.next_input(after_ship, mid, until).await.ok_or(format!("no {what} to kill after"))?;
    served.kill()?;
    let killed_at = Instant::now();
    let after = killed_at.saturating_duration_since(input).as_secs_f64() * 1_000.0;
    println!(
        "killed wrangler dev at {:.1} s, {after:.0} ms after a bot's {what}; restarting",
        killed_at.duration_since(session.began).as_secs_f64()
    );
    served.restart(root).await?;
    let ready_at = Instant::now();
    let _ = urls.send(served.url.clone());
    let began = session.began;
    let (tally, tables, ended) = session.finish(until).await;
    ended.settle(&tally, &tables, plan.limit);
    tally.note(format!(
        "downtime {:.2} s: from the kill until the restarted server answered on {}",
        ready_at.duration_since(killed_at).as_secs_f64(),
        served.url
    ));
    tally.note(format!("killed {after:.0} ms after a bot's {what}"));
    check_reconnects(&tally, &ended, killed_at, "the kill");
    let back: Vec<f64> = ended
        .outcomes
        .iter()
        .flatten()
        .filter_map(|o| o.snapshots.iter().find(|t| **t > killed_at))
        .map(|t| t.saturating_duration_since(ready_at).as_secs_f64() * 1_000.0)
        .collect();
    let s = Stats::of(&back);
    tally.note(format!(
        "reconnect after the restart answered, ms (the app's backoff included): p50 {:.0}, max {:.0}",
        s.p50, s.max
    ));
    Ok(Report::new("fault kill", plan, &tally, began.elapsed().as_secs_f64(), served.boot))
}

/// Every bot came back after `at` and saw every seat online again; the taps the bots made are
/// counted against what the rounds paid (each round's results check it, as a loss).
fn check_reconnects(tally: &Tally, ended: &Ended, at: Instant, what: &str) {
    let bots: Vec<&Outcome> = ended.outcomes.iter().flatten().collect();
    let mut back = Vec::new();
    let mut online = Vec::new();
    for bot in &bots {
        let Some(snapshot) = bot.snapshots.iter().find(|t| **t > at) else {
            tally.with(|m| m.lost(format!("seat never back after {what}")));
            continue;
        };
        back.push(snapshot.duration_since(at).as_secs_f64());
        match bot.all_online.iter().find(|t| *t >= snapshot) {
            Some(t) => online.push(t.duration_since(at).as_secs_f64()),
            None => tally.with(|m| m.lost(format!("a player never saw every seat online after {what}"))),
        }
    }
    let taps: u32 = bots.iter().map(|b| b.taps).sum();
    let paid: u32 = bots.iter().map(|b| b.paid).sum();
    let refused: u32 = bots.iter().map(|b| b.refused).sum();
    let max = |v: &[f64]| v.iter().copied().fold(0.0, f64::max);
    tally.note(format!(
        "{}/{} seats back after {what} (last snapshot {:.2} s after it); {}/{} players saw every seat \
         online again (the last {:.2} s after it); taps made {taps}, paid {paid}, refused as too late \
         {refused}",
        back.len(),
        bots.len(),
        max(&back),
        online.len(),
        bots.len(),
        max(&online)
    ));
}
