//! Opening a bot's WebSocket, and the app's delay between reconnect attempts.

use std::time::Duration;

use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Error;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, connect_async_with_config};

use crate::metrics::Tally;

/// A bot's socket.
pub type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// An upgrade that takes longer than this has failed: the server is local.
const OPEN_TIMEOUT: Duration = Duration::from_secs(10);

/// Opens `path` on the server at `base` (`http://host:port`). Every upgrade that reaches the
/// server is counted: each is a billed request.
pub async fn open(base: &str, path: &str, tally: &Tally) -> Result<Ws, String> {
    open_from(base, path, None, tally).await
}

/// [`open`], from client address `from` where given (the `CF-Connecting-IP` Cloudflare's edge
/// would set; `wrangler dev` passes it on as sent).
pub async fn open_from(base: &str, path: &str, from: Option<&str>, tally: &Tally) -> Result<Ws, String> {
    let url = format!("{}{path}", base.replacen("http", "ws", 1));
    let mut request = url.into_client_request().map_err(|err| err.to_string())?;
    if let Some(from) = from {
        let value = HeaderValue::from_str(from).map_err(|err| err.to_string())?;
        request.headers_mut().insert("CF-Connecting-IP", value);
    }
    // Nagle's algorithm off, as browsers have it: small frames go out at once, so the timings
    // measure the server rather than delayed acknowledgements.
    match tokio::time::timeout(OPEN_TIMEOUT, connect_async_with_config(request, None, true)).await {
        Ok(Ok((ws, _))) => {
            tally.with(|m| m.upgrades += 1);
            Ok(ws)
        }
        Ok(Err(Error::Http(answer))) => {
            tally.with(|m| m.upgrades += 1);
            Err(format!("upgrade refused with {}", answer.status()))
        }
        Ok(Err(err)) => Err(err.to_string()),
        Err(_) => Err("upgrade timed out".into()),
    }
}

/// The app's wait before reconnect attempt `attempt` (from 1): 0.5 s doubling up to 8 s, each
/// multiplied by a random 0.5 – 1 so that a room's players do not all come back at once.
pub fn backoff(attempt: u32, rng: &mut fastrand::Rng) -> Duration {
    let base = 500.0 * 2f64.powi(attempt.min(4) as i32);
    Duration::from_secs_f64(base * (0.5 + rng.f64() * 0.5) / 1_000.0)
}
