//! Writes what a client sends, byte for byte as `serde_json` writes it, so that the browser's
//! download carries no JSON writer (with `read.rs`, no JSON code at all). `tests/write.rs` holds
//! every message and body to `serde_json`'s text, names of any characters included.

use std::fmt::Write;

use crate::api::{CreateGame, JoinGame, SeatGrant};
use crate::protocol::{ClientMsg, HEARTBEAT_FRAME};
use crate::rules::Rules;

/// A client's message on the socket.
pub fn client_msg(msg: &ClientMsg) -> String {
    match msg {
        ClientMsg::Hello { protocol, token } => {
            let mut out = format!(r#"{{"type":"hello","protocol":{protocol},"token":"#);
            match token {
                Some(token) => string(&mut out, token),
                None => out.push_str("null"),
            }
            out.push('}');
            out
        }
        ClientMsg::Heartbeat => HEARTBEAT_FRAME.to_string(),
        ClientMsg::ProbeAck { nonce } => format!(r#"{{"type":"probe_ack","nonce":{nonce}}}"#),
        ClientMsg::Start => r#"{"type":"start"}"#.to_string(),
        ClientMsg::Click { round, tab, seq, count, at } => {
            format!(r#"{{"type":"click","round":{round},"tab":{tab},"seq":{seq},"count":{count},"at":{at}}}"#)
        }
        ClientMsg::Ship { round, tab, seq, at } => {
            format!(r#"{{"type":"ship","round":{round},"tab":{tab},"seq":{seq},"at":{at}}}"#)
        }
        ClientMsg::Leave => r#"{"type":"leave"}"#.to_string(),
        ClientMsg::AddBot { level } => format!(r#"{{"type":"add_bot","level":"{}"}}"#, level.label()),
        ClientMsg::RemoveBot { seat } => format!(r#"{{"type":"remove_bot","seat":{}}}"#, seat.0),
    }
}

/// `POST /api/games`.
pub fn create_game(request: &CreateGame) -> String {
    let mut out = String::from(r#"{"name":"#);
    string(&mut out, &request.name);
    let _ = write!(out, r#","cap":{},"rules":"#, request.cap);
    match request.rules {
        Some(Rules { starting_capital, burn, intermission_ms, round_ms, max_rounds }) => {
            let _ = write!(
                out,
                r#"{{"starting_capital":{starting_capital},"burn":{burn},"intermission_ms":{intermission_ms},"round_ms":{round_ms},"max_rounds":{max_rounds}}}"#
            );
        }
        None => out.push_str("null"),
    }
    let _ = write!(out, r#","practice":{}}}"#, request.practice);
    out
}

/// The body of every call that takes a seat for a name.
pub fn join_game(request: &JoinGame) -> String {
    let mut out = String::from(r#"{"name":"#);
    string(&mut out, &request.name);
    out.push('}');
    out
}

/// A seat taken, as the device keeps it.
pub fn seat_grant(grant: &SeatGrant) -> String {
    let mut out = String::from(r#"{"code":"#);
    string(&mut out, &grant.code);
    let _ = write!(out, r#","seat":{},"name":"#, grant.seat.0);
    string(&mut out, &grant.name);
    out.push_str(r#","token":"#);
    string(&mut out, &grant.token);
    out.push('}');
    out
}

/// A JSON string as `serde_json` writes it: quotes, backslashes and control characters escaped,
/// everything else as it is.
fn string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
