//! A run against the floor: the same bots, rooms instead of games, no game logic on the server.
//! Each room's host connects first, so that it hears everyone's hello, and starts the rounds.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::future::join_all;
use tokio::sync::{mpsc, oneshot};

use crate::fanout::Fanout;
use crate::floor_bot::{self, Room};
use crate::games::Plan;
use crate::metrics::Tally;

/// Plays `plan` on the floor at `base`; answers the tally and how long the play took.
pub async fn run(base: &str, plan: &Plan) -> (Tally, Duration) {
    let tally = Tally::default();
    let began = Instant::now();
    let until = began + plan.limit;
    let tag = format!("{}-{}", std::process::id(), fastrand::u32(..));
    let rooms = join_all((0..plan.games).map(|g| {
        let room = Arc::new(Room {
            name: format!("{tag}-{g}"),
            players: plan.players,
            rules: plan.rules,
            fanout: Mutex::new(Fanout::new(plan.players)),
            tally: tally.clone(),
            base: base.to_string(),
            start_after: plan.stagger.mul_f64(fastrand::f64()),
        });
        play_room(room, until)
    }))
    .await;
    tally.with(|m| {
        for (room, finished) in rooms {
            room.fanout(|f| f.settle(m));
            if finished {
                m.player_rounds += room.players as u64 * u64::from(room.rules.max_rounds);
            } else {
                m.lost(format!("floor room not played to its end within {} s", plan.limit.as_secs()));
            }
        }
    });
    (tally, began.elapsed())
}

/// Plays one room; answers it and whether every bot played to the end.
async fn play_room(room: Arc<Room>, until: Instant) -> (Arc<Room>, bool) {
    let mut stops = Vec::new();
    let mut handles = Vec::new();
    for me in 0..room.players {
        let (opened, is_open) = oneshot::channel();
        let (stop, stopped) = mpsc::unbounded_channel();
        handles.push(tokio::spawn(floor_bot::play(me, room.clone(), opened, stopped)));
        stops.push(stop);
        if me == 0 {
            // The others connect once the host is there to hear them.
            let _ = tokio::time::timeout(Duration::from_secs(10), is_open).await;
        }
    }
    let mut all = Box::pin(join_all(handles));
    let results = tokio::select! {
        results = &mut all => results,
        () = tokio::time::sleep_until(until.into()) => {
            stops.iter().for_each(|s| { let _ = s.send(()); });
            all.await
        }
    };
    let finished = results.into_iter().all(|r| r.unwrap_or(false));
    (room, finished)
}
