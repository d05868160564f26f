//! A game room's sockets as the runtime keeps them: what each carries across hibernation, the
//! heartbeat the runtime answers by itself, and the answer to a peer's Close frame.

use js_sys::{Date, Object};
use serde::{Deserialize, Serialize};
use shared::game::NetworkMeasure;
use shared::ids::{ConnId, SeatId};
use shared::protocol::{HEARTBEAT_ANSWER, HEARTBEAT_FRAME};
use wasm_bindgen::prelude::*;
use worker::{WebSocket, web_sys};

#[wasm_bindgen]
extern "C" {
    /// `DurableObjectState`, for the auto-response's timestamp, which workers-rs does not bind.
    #[wasm_bindgen(extends = Object)]
    pub type RuntimeState;

    #[wasm_bindgen(method, js_name = getWebSocketAutoResponseTimestamp)]
    fn auto_response_timestamp(this: &RuntimeState, ws: &web_sys::WebSocket) -> Option<Date>;
}

/// Has the runtime answer every heartbeat itself: the room is not woken (nor billed) for it, and
/// a heartbeat is never queued behind another socket's frames. The room reads when each socket
/// was last answered ([`heard_at`]) whenever its timer fires, which is how it knows who is silent.
pub fn answer_heartbeats(state: &worker::State) {
    match worker::worker_sys::WebSocketRequestResponsePair::new(HEARTBEAT_FRAME, HEARTBEAT_ANSWER) {
        Ok(pair) => state.set_websocket_auto_response(&pair),
        // Never for two constant strings; without it, heartbeats reach the room and count as well.
        Err(_) => crate::log::trouble(
            None,
            &crate::log::Trouble::InternalError { during: "auto-response", error: "pair refused".into() },
        ),
    }
}

/// When the runtime last answered a heartbeat on `ws`, in ms since the epoch.
pub fn heard_at(state: &RuntimeState, ws: &WebSocket) -> Option<u64> {
    let js: &web_sys::WebSocket = ws.as_ref();
    state.auto_response_timestamp(js).map(|at| at.get_time() as u64)
}

/// What a socket carries across hibernation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub conn: ConnId,
    /// What it said in hello: `None` before, then its seat (`None` inside for a spectator).
    pub hello: Option<Option<SeatId>>,
    /// What the network measured of its path when it opened.
    #[serde(default)]
    pub network: Option<NetworkMeasure>,
    /// The room closed it (a flood, garbage, a bad token): whatever it still sends is dropped
    /// unread, even by a room woken from hibernation to hear it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub closing: bool,
}

/// The code to answer a peer's Close frame with: its own, where a server may send that code;
/// otherwise (none given, or one reserved for the runtime) a normal closure.
pub fn close_reply(code: usize) -> u16 {
    let code = u16::try_from(code).unwrap_or(0);
    if matches!(code, 1000..=1003 | 1007..=1014 | 3000..=4999) { code } else { 1000 }
}

#[cfg(test)]
mod tests {
    use super::{Attachment, close_reply};

    #[test]
    fn an_attachment_from_before_the_network_measure_still_reads() {
        let old: Attachment = serde_json::from_str(r#"{"conn":3,"hello":null}"#).expect("reads");
        assert_eq!((old.conn.0, old.network, old.closing), (3, None, false));
    }

    #[test]
    fn a_close_is_answered_with_its_own_code_where_a_server_may_send_it() {
        assert_eq!(close_reply(1000), 1000);
        assert_eq!(close_reply(1001), 1001);
        assert_eq!(close_reply(4321), 4321);
        // 1005 and 1006 are never sent on the wire; 1015 neither; a code out of range is garbage.
        for reserved in [1004, 1005, 1006, 1015, 2999, 5000, 70_000] {
            assert_eq!(close_reply(reserved), 1000, "{reserved}");
        }
    }
}
