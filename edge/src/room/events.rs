//! What the runtime hands the room, each handed on to the game: a request (an upgrade, the
//! Worker's hop timing, a call of the room's API), a socket's message or close, and the alarm.

use std::rc::Rc;

use shared::api::{ApiError, ApiErrorCode};
use shared::ids::ConnId;
use worker::{Request, Response, Result, WebSocket, WebSocketIncomingMessage, WebSocketPair};

use super::{Room, not_found};
use crate::limit;
use crate::log::{self, Trouble};
use crate::network;
use crate::reply::api_error;
use crate::room_api::RoomCall;
use crate::room_socket::{self, Attachment};

impl Room {
    /// A request: a socket's upgrade, the Worker's hop timing, or a call of the room's API.
    pub(super) async fn serve(self: &Rc<Self>, mut req: Request) -> Result<Response> {
        self.count(|u| u.requests += 1);
        // Answered before anything else, storage included: the Worker times the hop with it.
        if req.path() == network::PING_PATH {
            return Response::empty();
        }
        self.load().await?;
        if req.path().ends_with("/ws") {
            if self.game.borrow().as_ref().is_none() {
                if !self.unrestorable.get() {
                    return not_found();
                }
                // Told in words over the socket, which the app shows, rather than a bare 404.
                let pair = WebSocketPair::new()?;
                self.state.accept_web_socket(&pair.server);
                self.refuse(&pair.server);
                return Response::from_websocket(pair.client);
            }
            // Set by Cloudflare's edge on every request, whatever the client sent.
            let ip = req.headers().get("CF-Connecting-IP")?.unwrap_or_default();
            let from = limit::address_key(&ip);
            // Turned away before the upgrade: a flooder refused here sends no frame at all.
            if let Some((asked, effects)) = self.step(|game, now| game.may_connect(&from, now)) {
                self.commit(effects).await?;
                if let Err(wait_ms) = asked {
                    return limit::flooded(wait_ms);
                }
            }
            let network = req.headers().get(network::HEADER)?.and_then(|h| serde_json::from_str(&h).ok());
            let response = self.accept(network)?;
            let conn = ConnId(self.next_conn.get() - 1);
            if let Some(((), effects)) =
                self.step(|game, now| game.handle_connect(conn, network, Some(from), now))
            {
                self.commit(effects).await?;
            }
            return Ok(response);
        }
        match req.json::<RoomCall>().await {
            Ok(call) => self.handle_call(call).await,
            Err(_) => api_error(ApiError::new(ApiErrorCode::BadRequest, "Unknown room call.")),
        }
    }

    /// A socket's message.
    pub(super) async fn receive(
        self: &Rc<Self>,
        ws: WebSocket,
        message: WebSocketIncomingMessage,
    ) -> Result<()> {
        self.count(|u| u.socket_messages += 1);
        // A socket the room closed is cut off: the frames it sent before it heard of the Close
        // (a flood's, by the thousand) cost a comparison each, not a decode, a step or a reply.
        if self.closing.borrow().contains(&ws) {
            return Ok(());
        }
        self.load().await?;
        let Some(att) = ws.deserialize_attachment::<Attachment>().ok().flatten() else {
            let _ = ws.close(Some(1011), Some("unknown socket"));
            return Ok(());
        };
        if att.closing {
            // Closed before the room last slept: remembered again, so the next frame is cheap.
            self.closing.borrow_mut().push(ws);
            return Ok(());
        }
        let stepped = self.step(|game, now| match &message {
            WebSocketIncomingMessage::String(text) => game.handle_frame(att.conn, text, now),
            WebSocketIncomingMessage::Binary(_) => game.handle_binary(att.conn, now),
        });
        let Some(((), effects)) = stepped else {
            if self.unrestorable.get() {
                self.refuse(&ws);
            } else {
                let _ = ws.close(Some(1000), Some("game over"));
            }
            return Ok(());
        };
        self.remember_hello(&ws, att);
        self.commit(effects).await
    }

    /// The stored alarm, the backstop for a room whose in-memory timer went with it.
    pub(super) async fn wake(self: &Rc<Self>) -> Result<Response> {
        self.count(|u| u.alarms += 1);
        // The alarm that woke us is spent; the step below sets the next one.
        self.host.borrow_mut().alarm_fired();
        self.load().await?;
        self.time_passed().await?;
        Response::ok("")
    }

    /// Whatever is due now: the room first hears which sockets the runtime answered
    /// heartbeats on since, so that only the silent ones are closed as silent.
    pub(crate) async fn time_passed(self: &Rc<Self>) -> Result<()> {
        let heard: Vec<(ConnId, u64)> = self
            .sockets
            .borrow()
            .iter()
            .filter_map(|(&conn, ws)| room_socket::heard_at(&self.runtime, ws).map(|at| (conn, at)))
            .collect();
        let stepped = self.step(|game, now| {
            for (conn, at) in heard {
                game.handle_heard(conn, at, now);
            }
            game.handle_timeout(now);
        });
        if let Some(((), effects)) = stepped {
            self.commit(effects).await?;
        }
        Ok(())
    }

    /// Logs an error on its way to the runtime, with the game's code where it is known.
    pub(crate) fn logged<T>(&self, during: &'static str, result: Result<T>) -> Result<T> {
        if let Err(err) = &result {
            let code = self.game.borrow().as_ref().map(|g| g.code().to_string());
            log::trouble(code.as_deref(), &Trouble::InternalError { during, error: err.to_string() });
        }
        result
    }

    /// A socket closed, or failed.
    pub(super) async fn disconnect(self: &Rc<Self>, ws: WebSocket) -> Result<()> {
        self.closing.borrow_mut().retain(|closed| closed != &ws);
        self.load().await?;
        let Some(att) = ws.deserialize_attachment::<Attachment>().ok().flatten() else { return Ok(()) };
        self.sockets.borrow_mut().remove(&att.conn);
        if let Some(((), effects)) = self.step(|game, now| game.handle_disconnect(att.conn, now)) {
            self.commit(effects).await?;
        }
        Ok(())
    }
}
