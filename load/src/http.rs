//! A tiny HTTP/1.1 client for the few JSON requests around the game's socket: loopback only,
//! plain text, one request per connection, so nothing here needs a TLS or pooling library.

use std::fmt;
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use shared::api::ApiError;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A request that takes longer than this has failed: the server is local.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// What a request came back with.
pub struct Reply {
    pub status: u16,
    pub body: String,
}

/// Why a request failed.
#[derive(Debug)]
pub enum HttpError {
    /// No answer: refused, reset, timed out or not HTTP.
    Transport(String),
    /// An answer other than 200, with the API's error code when the body had one.
    Status(u16, String),
    /// A 200 whose body was not the expected JSON.
    Body(String),
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Transport(why) => write!(f, "no answer ({why})"),
            Self::Status(status, code) => write!(f, "{status} {code}"),
            Self::Body(why) => write!(f, "bad body ({why})"),
        }
    }
}

/// `host:port` of a base URL such as `http://127.0.0.1:8787`.
pub fn authority(base: &str) -> &str {
    let rest = base.split_once("://").map_or(base, |(_, rest)| rest);
    rest.split('/').next().unwrap_or(rest)
}

/// Sends one request and reads the whole answer.
pub async fn request(base: &str, method: &str, path: &str, body: Option<&str>) -> Result<Reply, HttpError> {
    request_with(base, method, path, body, &[]).await
}

/// [`request`] with extra headers.
pub async fn request_with(
    base: &str,
    method: &str,
    path: &str,
    body: Option<&str>,
    headers: &[(&str, &str)],
) -> Result<Reply, HttpError> {
    let exchange = async {
        let host = authority(base);
        let mut stream = TcpStream::connect(host).await?;
        let body = body.unwrap_or("");
        let extra: String = headers.iter().map(|(name, value)| format!("{name}: {value}\r\n")).collect();
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\n{extra}Connection: close\r\n\r\n",
            body.len()
        );
        stream.write_all(head.as_bytes()).await?;
        stream.write_all(body.as_bytes()).await?;
        // Read until the answer is complete: the server may keep the connection open a while.
        let mut raw = Vec::new();
        let mut buf = [0u8; 4096];
        while !complete(&raw) {
            let n = stream.read(&mut buf).await?;
            if n == 0 {
                break;
            }
            raw.extend_from_slice(&buf[..n]);
        }
        Ok::<_, std::io::Error>(raw)
    };
    let raw = match tokio::time::timeout(REQUEST_TIMEOUT, exchange).await {
        Ok(Ok(raw)) => raw,
        Ok(Err(err)) => return Err(HttpError::Transport(err.to_string())),
        Err(_) => return Err(HttpError::Transport("timed out".into())),
    };
    parse(&raw).ok_or_else(|| HttpError::Transport("not an HTTP answer".into()))
}

/// POSTs `body` as JSON and decodes a 200's body; anything else is an [`HttpError`].
pub async fn post_json<T: Serialize, R: DeserializeOwned>(
    base: &str,
    path: &str,
    body: &T,
    headers: &[(&str, &str)],
) -> Result<R, HttpError> {
    let json = serde_json::to_string(body).map_err(|err| HttpError::Body(err.to_string()))?;
    let reply = request_with(base, "POST", path, Some(&json), headers).await?;
    if reply.status != 200 {
        let code = serde_json::from_str::<ApiError>(&reply.body)
            .map(|err| format!("{:?}", err.error).to_lowercase())
            .unwrap_or_default();
        return Err(HttpError::Status(reply.status, code));
    }
    serde_json::from_str(&reply.body).map_err(|err| HttpError::Body(err.to_string()))
}

/// Whether `raw` holds a whole answer: its head and the body its head announces.
fn complete(raw: &[u8]) -> bool {
    let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") else { return false };
    let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
    let body = &raw[split + 4..];
    let length =
        head.lines().find_map(|line| line.strip_prefix("content-length:")?.trim().parse::<usize>().ok());
    match length {
        Some(length) => body.len() >= length,
        None if head.contains("chunked") => body.ends_with(b"0\r\n\r\n"),
        None => false,
    }
}

fn parse(raw: &[u8]) -> Option<Reply> {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..split]).ok()?;
    let payload = &raw[split + 4..];
    let mut lines = head.lines();
    let status = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let chunked = lines.any(|line| {
        let line = line.to_ascii_lowercase();
        line.starts_with("transfer-encoding:") && line.contains("chunked")
    });
    let body = if chunked { dechunk(payload)? } else { payload.to_vec() };
    Some(Reply { status, body: String::from_utf8_lossy(&body).into_owned() })
}

/// Joins the chunks of a `Transfer-Encoding: chunked` body.
fn dechunk(mut rest: &[u8]) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let end = rest.windows(2).position(|w| w == b"\r\n")?;
        let size = std::str::from_utf8(&rest[..end]).ok()?.split(';').next()?.trim();
        let size = usize::from_str_radix(size, 16).ok()?;
        rest = &rest[end + 2..];
        if size == 0 {
            return Some(body);
        }
        body.extend_from_slice(rest.get(..size)?);
        rest = rest.get(size + 2..)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_plain_and_chunked_answers() {
        let plain = parse(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok").map(|r| (r.status, r.body));
        assert_eq!(plain, Some((200, "ok".to_string())));
        let chunked =
            b"HTTP/1.1 409 Conflict\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{\"a\r\n2\r\n\":\r\n0\r\n\r\n";
        let chunked = parse(chunked).map(|r| (r.status, r.body));
        assert_eq!(chunked, Some((409, "{\"a\":".to_string())));
    }

    #[test]
    fn knows_when_an_answer_is_whole() {
        assert!(!complete(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\no"));
        assert!(complete(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        assert!(!complete(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n"));
        assert!(complete(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n"));
    }

    #[test]
    fn finds_the_authority() {
        assert_eq!(authority("http://127.0.0.1:8787"), "127.0.0.1:8787");
        assert_eq!(authority("ws://127.0.0.1:9/api/games/x/ws"), "127.0.0.1:9");
    }
}
