//! How fast the core takes clicks, and builds the snapshot a (re)connecting socket is sent.
//!
//! `cargo bench -p shared -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use shared::game::Game;
use shared::ids::{ConnId, SeatId};
use shared::protocol::{ClientMsg, Event, PROTOCOL_VERSION, ServerMsg, encode_server};
use shared::rules::{GameConfig, Rules};
use shared::view::Phase;

const PLAYERS: u8 = 10;
const T0: u64 = 1_700_000_000_000;
/// Clicks are spread over the players 5 ms apart, so each clicks 20 times a second: every one
/// counts and no socket floods.
const CLICK_GAP_MS: u64 = 5;

/// A private game of ten connected players, driven by its timers to `wanted`.
fn game_at(wanted: impl Fn(&Game) -> bool) -> (Game, u64) {
    let config = GameConfig::private(PLAYERS, Rules::default()).expect("valid rules");
    let mut game = Game::new("benchgame234".into(), config, 7, T0);
    for seat in 0..PLAYERS {
        let token = format!("secret-{seat}");
        game.handle_join(&format!("Player {seat}"), token.clone(), T0).expect("a free seat");
        let conn = ConnId(seat.into());
        game.handle_connect(conn, None, None, T0);
        game.handle_message(conn, ClientMsg::Hello { protocol: PROTOCOL_VERSION, token: Some(token) }, T0);
    }
    let mut now = T0;
    while !wanted(&game) {
        now = game.poll_timeout().expect("a running game has a timer");
        game.handle_timeout(now);
    }
    drain(&mut game);
    (game, now)
}

fn drain(game: &mut Game) {
    while black_box(game.poll_transmit()).is_some() {}
    while game.poll_close().is_some() {}
    game.poll_storage();
}

/// Times `iters` clicks, each made by `click(game, conn, input, now)` with `inputs[n]` built
/// beforehand for the click `n × CLICK_GAP_MS` into the round, in as many fresh rounds as they
/// need; setting a round up is not timed.
fn time_clicks<T>(iters: u64, inputs: &[T], mut click: impl FnMut(&mut Game, ConnId, &T, u64)) -> Duration {
    let mut total = Duration::ZERO;
    let mut done = 0;
    while done < iters {
        let (mut game, started) = game_at(|g| matches!(g.phase(), Phase::Round { .. }));
        let batch = (iters - done).min(inputs.len() as u64);
        let start = Instant::now();
        for (n, input) in (0..batch).zip(inputs) {
            click(&mut game, ConnId(n % u64::from(PLAYERS)), input, started + n * CLICK_GAP_MS);
            drain(&mut game);
        }
        total += start.elapsed();
        done += batch;
        let counted = game.view(Some(SeatId(0))).you.map_or(0, |y| y.clicks);
        assert_eq!(u64::from(counted), batch.div_ceil(u64::from(PLAYERS)), "every click counts");
    }
    total
}

/// The stamps of nine and a half seconds of clicks, well inside the ten-second round.
fn stamps() -> Vec<u32> {
    (0..9_500 / CLICK_GAP_MS as u32).map(|n| n * CLICK_GAP_MS as u32).collect()
}

fn clicks(c: &mut Criterion) {
    // Click `n` goes to seat `n % PLAYERS`, as that seat's input number `n / PLAYERS + 1`.
    let seq = |n: usize| n as u32 / u32::from(PLAYERS) + 1;
    let frames: Vec<String> = stamps()
        .iter()
        .enumerate()
        .map(|(n, at)| format!(r#"{{"type":"click","round":1,"seq":{},"count":1,"at":{at}}}"#, seq(n)))
        .collect();
    let messages: Vec<ClientMsg> = stamps()
        .into_iter()
        .enumerate()
        .map(|(n, at)| ClientMsg::Click { round: 1, tab: 1, seq: seq(n), count: 1, at })
        .collect();
    let mut group = c.benchmark_group("click");
    group.throughput(Throughput::Elements(1));
    group.bench_function("handle_frame", |b| {
        b.iter_custom(|iters| {
            time_clicks(iters, &frames, |game, conn, frame, now| {
                game.handle_frame(conn, black_box(frame), now)
            })
        });
    });
    group.bench_function("handle_message", |b| {
        b.iter_custom(|iters| {
            time_clicks(iters, &messages, |game, conn, msg, now| {
                game.handle_message(conn, black_box(msg.clone()), now)
            })
        });
    });
    group.finish();
}

fn snapshot(c: &mut Criterion) {
    // Five rounds settled: the history a mid-game reconnect carries.
    let (game, _) = game_at(|g| matches!(g.phase(), Phase::Results { round: 5, .. }));
    c.bench_function("snapshot/view_10_players_5_rounds", |b| {
        b.iter(|| game.view(black_box(Some(SeatId(3)))))
    });
    c.bench_function("snapshot/view_and_encode", |b| {
        b.iter(|| {
            let view = game.view(black_box(Some(SeatId(3))));
            encode_server(&ServerMsg { round: 5, now: T0, event: Event::Snapshot { view } })
        })
    });
}

criterion_group!(benches, clicks, snapshot);
criterion_main!(benches);
