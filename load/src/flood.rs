//! Hostile sockets for the flood fault run: a seated player and a spectator that send as fast as
//! their sockets take it (frames valid in shape but refused, malformed, oversized and binary),
//! reconnecting each time the server closes them. Before the flood the seat is held online like
//! any player's, so that the game starts.

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
/// Connections each flooder opens in turn, each flooding until the server closes it.
pub const CONNECTIONS: usize = 3;
/// How long a flooding socket may go unclosed before the run counts it as not cut off.
const CLOSE_WITHIN: Duration = Duration::from_secs(3);

/// What one flooder did.
#[derive(Debug, Default)]
pub struct Flooded {
    pub frames: u64,
    /// Frames the server answered (refusals, the snapshot).
    pub answers: u64,
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

/// Floods game `code` over [`CONNECTIONS`] sockets in turn, with seat `token` or as a spectator.
pub async fn flood(base: &str, code: &str, token: Option<&str>, tally: &Tally) -> Flooded {
    let mut flooded = Flooded::default();
    for _ in 0..CONNECTIONS {
        match flood_once(base, code, token, tally, &mut flooded).await {
            Ok(closed) => flooded.closed_after.push(closed),
            Err(err) => tally.with(|m| m.error(format!("flooder could not connect: {err}"))),
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
    let ws = socket::open(base, &format!("/api/games/{code}/ws"), tally).await?;
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
