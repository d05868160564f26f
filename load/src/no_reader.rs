//! A seated player whose socket says hello and keeps sending heartbeats but never reads a byte
//! after the handshake: its receive buffer fills, and the server must cope with a peer that does
//! not drain without the rest of the game suffering. A raw socket, since a WebSocket library
//! would read (and answer pings) behind the caller's back.

use std::time::{Duration, Instant};

use shared::protocol::{ClientMsg, PROTOCOL_VERSION};
use shared::rules::HEARTBEAT_MS;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio::sync::oneshot;

use crate::http::authority;
use crate::metrics::Tally;

/// The smallest receive buffer the kernel allows, so that it fills after a few messages.
const RECEIVE_BUFFER: u32 = 4_096;

/// What the silent player saw.
#[derive(Debug, Default)]
pub struct Silent {
    /// Frames written: the hello and the heartbeats.
    pub sent: u64,
    /// Why writing stopped working, if it did: the server closed or reset the socket.
    pub write_failed: Option<String>,
}

/// Holds seat `token` of game `code` silently until `stop`.
pub async fn hold(base: &str, code: &str, token: &str, tally: &Tally, stop: oneshot::Receiver<()>) -> Silent {
    let mut silent = Silent::default();
    let mut stream = match open(base, &format!("/api/games/{code}/ws")).await {
        Ok(stream) => stream,
        Err(err) => {
            silent.write_failed = Some(format!("could not open: {err}"));
            return silent;
        }
    };
    tally.with(|m| m.upgrades += 1);
    let mut rng = fastrand::Rng::new();
    let hello = ClientMsg::Hello { protocol: PROTOCOL_VERSION, token: Some(token.to_string()) };
    let mut last_sent = Instant::now();
    let mut next = Some(hello);
    let second = Duration::from_secs(1);
    let mut beat = tokio::time::interval_at(tokio::time::Instant::now() + second, second);
    tokio::pin!(stop);
    loop {
        if let Some(msg) = next.take() {
            let text = serde_json::to_string(&msg).unwrap_or_default();
            if let Err(err) = stream.write_all(&frame(text.as_bytes(), &mut rng)).await {
                silent.write_failed = Some(err.to_string());
                return silent;
            }
            silent.sent += 1;
            last_sent = Instant::now();
            tally.with(|m| m.ws_out += 1);
        }
        tokio::select! {
            _ = beat.tick() => {
                if last_sent.elapsed() >= Duration::from_millis(HEARTBEAT_MS) {
                    next = Some(ClientMsg::Heartbeat);
                }
            }
            _ = &mut stop => return silent,
        }
    }
}

/// Upgrades a raw socket, reading the handshake's answer and nothing more.
async fn open(base: &str, path: &str) -> Result<TcpStream, String> {
    let host = authority(base);
    let addr = tokio::net::lookup_host(host).await.map_err(|e| e.to_string())?.next().ok_or("no address")?;
    let socket = TcpSocket::new_v4().map_err(|e| e.to_string())?;
    socket.set_recv_buffer_size(RECEIVE_BUFFER).map_err(|e| e.to_string())?;
    let mut stream = socket.connect(addr).await.map_err(|e| e.to_string())?;
    stream.set_nodelay(true).map_err(|e| e.to_string())?;
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await.map_err(|e| e.to_string())?;
    // Byte by byte, so that not one byte past the handshake is read.
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        let byte = stream.read_u8().await.map_err(|e| e.to_string())?;
        head.push(byte);
    }
    let head = String::from_utf8_lossy(&head);
    if !head.starts_with("HTTP/1.1 101") {
        return Err(format!("upgrade refused: {}", head.lines().next().unwrap_or_default()));
    }
    Ok(stream)
}

/// One masked text frame, as a client must send it (RFC 6455 §5.2).
fn frame(payload: &[u8], rng: &mut fastrand::Rng) -> Vec<u8> {
    let mut out = vec![0x81];
    match payload.len() {
        len @ 0..=125 => out.push(0x80 | len as u8),
        len => {
            out.push(0x80 | 126);
            out.extend_from_slice(&(len.min(usize::from(u16::MAX)) as u16).to_be_bytes());
        }
    }
    let mask: [u8; 4] = std::array::from_fn(|_| rng.u8(..));
    out.extend_from_slice(&mask);
    out.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_masked_text() {
        let mut rng = fastrand::Rng::with_seed(1);
        let out = frame(b"hi", &mut rng);
        assert_eq!(out[..2], [0x81, 0x82]);
        let mask = &out[2..6];
        assert_eq!([out[6] ^ mask[0], out[7] ^ mask[1]], *b"hi");
    }
}
