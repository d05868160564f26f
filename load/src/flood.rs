//! Hostile sockets for the flood fault run: a seated player and a spectator that send as fast as
//! their sockets take it (frames valid in shape but refused, malformed, oversized and binary),
//! reconnecting each time the server closes them, for [`FLOOD_FOR`]. Before the flood the seat
//! is held online like any player's, so that the game starts.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use shared::protocol::{ClientMsg, Event, PROTOCOL_VERSION, ServerMsg};
use shared::rules::HEARTBEAT_MS;
use tokio::sync::oneshot;
use tokio_tungstenite::tungstenite::Message;

use crate::metrics::Tally;
use crate::socket;

/// Frames one connection sends at most before it gives up waiting to be closed.
const FRAMES_PER_CONNECTION: usize = 2_000;
/// How long each flooder keeps at it, opening a new socket each time the server closes one:
/// long enough for the others' replies during the flood to be many.
pub const FLOOD_FOR: Duration = Duration::from_secs(4);
/// When the flood starts, into the second round.
pub const FLOOD_FROM: Duration = Duration::from_secs(2);
/// The flood run's round length: the flood and the second after it fit in the second round, so
/// that the others are tapping all along.
pub const ROUND_MS: u32 = 8_000;
/// The flooders' address, both on one network as one attacker's would be; the players' sockets
/// come from another.
const FLOODERS_FROM: &str = "203.0.113.66";
/// How long a flooding socket may go unclosed before the run counts it as not cut off.
const CLOSE_WITHIN: Duration = Duration::from_secs(3);

/// What one flooder did.
#[derive(Debug, Default)]
pub struct Flooded {
    pub frames: u64,
    /// Frames the server answered (refusals, the snapshot).
    pub answers: u64,
    /// Sockets the server turned away before the upgrade: no frame of theirs reached it.
    pub refused: u64,
    /// For each connection, ms from its first flooding frame until the server's Close, if one came.
    pub closed_after: Vec<Option<f64>>,
}

/// Holds seat `token` online (hello, probe answers, heartbeats) until `stop`.
pub async fn hold(base: &str, code: &str, token: &str, tally: &Tally, stop: oneshot::Receiver<()>) {
    let Ok(ws) = socket::open(base, &format!("/api/games/{code}/ws"), tally).await else { return };
    let (mut tx, mut rx) = ws.split();
    let hello = ClientMsg::Hello { protocol: PROTOCOL_VERSION, token: Some(token.to_string()) };
    if tx.send(Message::text(json(&hello))).await.is_err() {
        return;
    }
    let mut beat = tokio::time::interval(Duration::from_millis(HEARTBEAT_MS));
    tokio::pin!(stop);
    loop {
        tokio::select! {
            msg = rx.next() => match msg {
                Some(Ok(Message::Text(text))) => {
                    if let Ok(server) = serde_json::from_str::<ServerMsg>(text.as_str())
                        && let Event::Probe { nonce } = server.event
                    {
                        let _ = tx.send(Message::text(json(&ClientMsg::ProbeAck { nonce }))).await;
                    }
                }
                Some(Ok(_)) => {}
                _ => return,
            },
            _ = beat.tick() => {
                let _ = tx.send(Message::text(json(&ClientMsg::Heartbeat))).await;
            }
            _ = &mut stop => {
                let _ = tx.send(Message::Close(None)).await;
                return;
            }
        }
    }
}

/// A seated flooder (with `token`) and a spectator flood game `code` at once, on a thread and
/// runtime of their own: the tool's runtime has one thread, and tasks that write as fast as their
/// sockets take it would hold back the players beside them, whose replies the run times. Then
/// the delays measured are the server's, not the tool's.
pub async fn apart(
    base: String,
    code: String,
    token: String,
    tally: Tally,
) -> Result<(Flooded, Flooded), String> {
    let (done, flooded) = oneshot::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build();
        let result = runtime.map_err(|err| err.to_string()).map(|runtime| {
            runtime.block_on(async {
                tokio::join!(flood(&base, &code, Some(&token), &tally), flood(&base, &code, None, &tally))
            })
        });
        let _ = done.send(result);
    });
    flooded.await.map_err(|_| "the flooders' thread ended without a word".to_string())?
}

/// Floods game `code` for [`FLOOD_FOR`], with seat `token` or as a spectator, over one socket
/// after another.
async fn flood(base: &str, code: &str, token: Option<&str>, tally: &Tally) -> Flooded {
    let mut flooded = Flooded::default();
    let until = Instant::now() + FLOOD_FOR;
    while Instant::now() < until {
        match flood_once(base, code, token, tally, &mut flooded).await {
            Ok(closed) => flooded.closed_after.push(closed),
            // Asked again at once: a flooder does not wait as it is told.
            Err(err) if err.contains("429") => flooded.refused += 1,
            Err(err) => {
                tally.with(|m| m.error(format!("flooder could not connect: {err}")));
                break;
            }
        }
    }
    flooded
}

/// One socket: hello, then frames as fast as it takes them until the server closes it.
async fn flood_once(
    base: &str,
    code: &str,
    token: Option<&str>,
    tally: &Tally,
    flooded: &mut Flooded,
) -> Result<Option<f64>, String> {
    let ws = socket::open_from(base, &format!("/api/games/{code}/ws"), Some(FLOODERS_FROM), tally).await?;
    let (mut tx, mut rx) = ws.split();
    let hello = ClientMsg::Hello { protocol: PROTOCOL_VERSION, token: token.map(String::from) };
    tx.send(Message::text(json(&hello))).await.map_err(|e| e.to_string())?;
    let began = Instant::now();
    let closed = Arc::new(AtomicBool::new(false));
    let seen = closed.clone();
    let reader = tokio::spawn(async move {
        let mut answers = 0;
        while let Some(msg) = rx.next().await {
            match msg {
                Ok(Message::Close(_)) | Err(_) => break,
                Ok(_) => answers += 1,
            }
        }
        seen.store(true, Ordering::Relaxed);
        (began.elapsed().as_secs_f64() * 1_000.0, answers)
    });
    let oversized = format!(r#"{{"type":"leave","pad":"{}"}}"#, "x".repeat(5_000));
    for i in 0..FRAMES_PER_CONNECTION {
        if closed.load(Ordering::Relaxed) {
            break;
        }
        let frame = match i % 5 {
            0 => Message::text(r#"{"type":"start"}"#),
            1 => Message::text(r#"{"type":"click","round":9,"tab":1,"seq":99,"count":20,"at":0}"#),
            2 => Message::text(r#"{"type":"#),
            3 => Message::text(oversized.clone()),
            _ => Message::binary(vec![1, 2, 3]),
        };
        // Written without waiting for each: as fast as the socket takes them.
        if tx.feed(frame).await.is_err() {
            break;
        }
        flooded.frames += 1;
        if i % 64 == 63 && tx.flush().await.is_err() {
            break;
        }
    }
    let _ = tx.flush().await;
    let waited = tokio::time::timeout(CLOSE_WITHIN, reader).await;
    let _ = tx.close().await;
    let Ok(Ok((after, answers))) = waited else { return Ok(None) };
    flooded.answers += answers;
    Ok((after <= CLOSE_WITHIN.as_secs_f64() * 1_000.0).then_some(after))
}

fn json(msg: &ClientMsg) -> String {
    serde_json::to_string(msg).unwrap_or_default()
}
