//! The game's WebSocket: the one place that opens it, keeps it alive and reconnects it.
//!
//! It says hello with the seat token, answers the server's probes at once (they time the round
//! trip that fair timing credits), sends a heartbeat every two seconds, folds every event into
//! one `GameView` signal, and after a drop reconnects with jittered exponential backoff.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use shared::journal::Journal;
use shared::protocol::{ClientMsg, Event, PROTOCOL_VERSION, Rejection};
use shared::rules::HEARTBEAT_MS;
use shared::view::{GameView, Phase};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{CloseEvent, MessageEvent, WebSocket};

/// The state of the link, shown on screen.
#[derive(Clone, Debug, PartialEq)]
pub enum Link {
    Connecting,
    Open,
    /// Lost; trying again in a moment (attempt number).
    Retrying(u32),
    /// The server runs a newer version: the page must reload.
    Reload,
    /// The server refused the seat token.
    SeatRefused,
    /// The game's stored state could not be read back after a restart: it is lost for good.
    Lost,
}

/// Reactive state the screens read.
#[derive(Clone, Copy)]
pub struct GameState {
    pub view: RwSignal<Option<GameView>>,
    pub link: RwSignal<Link>,
    /// The latest refusal from the server, to show briefly.
    pub rejection: RwSignal<Option<String>>,
    /// `performance.now()` when the current round started on this screen.
    pub round_started: RwSignal<Option<f64>>,
    /// Server clock minus this page's clock, from the latest message, in ms.
    pub server_offset: RwSignal<f64>,
    /// This seat's taps and ship of the round, kept until the server has stored them: what the
    /// screen counts, and what is sent again after every reconnect.
    pub journal: RwSignal<Journal>,
}

impl GameState {
    pub fn new() -> Self {
        Self {
            view: RwSignal::new(None),
            link: RwSignal::new(Link::Connecting),
            rejection: RwSignal::new(None),
            round_started: RwSignal::new(None),
            server_offset: RwSignal::new(0.0),
            journal: RwSignal::new(Journal::default()),
        }
    }
}

impl GameState {
    /// The server's clock now, as best this page knows it.
    pub fn server_now(&self) -> f64 {
        js_sys::Date::now() + self.server_offset.get_untracked()
    }
}

impl Default for GameState {
    fn default() -> Self {
        Self::new()
    }
}

/// Milliseconds on this page's monotonic clock.
pub fn performance_now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or_default()
}

struct Inner {
    code: String,
    url: String,
    token: Option<String>,
    state: GameState,
    ws: RefCell<Option<WebSocket>>,
    attempts: Cell<u32>,
    /// Set when the page is done with the game: no more reconnects.
    shut: Cell<bool>,
    heartbeat: Cell<Option<IntervalHandle>>,
    /// When this page last sent anything, in `performance.now()` ms: any message says "here".
    last_sent: Cell<f64>,
    /// The snapshot on the open socket has arrived. Inputs made before it wait in the journal,
    /// which the snapshot sends, numbered from where the server is.
    synced: Cell<bool>,
}

/// A handle on the game's socket; cheap to clone.
#[derive(Clone)]
pub struct GameSocket(Rc<Inner>);

impl GameSocket {
    /// Opens the socket of game `code`, with the seat's token if this device holds one.
    pub fn open(code: &str, token: Option<String>, state: GameState) -> Self {
        let origin = super::origin().replacen("http", "ws", 1);
        if let Some(journal) = crate::device::journal(code) {
            state.journal.set(journal);
        }
        let socket = Self(Rc::new(Inner {
            code: code.to_string(),
            url: format!("{origin}/api/games/{code}/ws"),
            token,
            state,
            ws: RefCell::new(None),
            attempts: Cell::new(0),
            shut: Cell::new(false),
            heartbeat: Cell::new(None),
            last_sent: Cell::new(performance_now()),
            synced: Cell::new(false),
        }));
        socket.connect();
        let beat = socket.clone();
        // Checked every second, sent only after HEARTBEAT_MS of quiet: a clicking player's
        // batches already say they are there, and every incoming message is billed.
        let handle = set_interval_with_handle(
            move || {
                if performance_now() - beat.0.last_sent.get() >= HEARTBEAT_MS as f64 {
                    beat.send(&ClientMsg::Heartbeat);
                }
            },
            Duration::from_secs(1),
        );
        socket.0.heartbeat.set(handle.ok());
        socket
    }

    /// Sends a message if the socket is open; the server's answer comes back as an event.
    pub fn send(&self, msg: &ClientMsg) {
        let Ok(text) = serde_json::to_string(msg) else { return };
        if let Some(ws) = self.0.ws.borrow().as_ref()
            && ws.ready_state() == WebSocket::OPEN
        {
            let _ = ws.send_with_str(&text);
            self.0.last_sent.set(performance_now());
        }
    }

    /// A tap on the product, `at` ms into the round on this screen: counted on screen at once,
    /// sent in a batch (at once when the batch is full).
    pub fn tap(&self, at: u32) {
        let full = self.0.state.journal.try_update(|j| j.tap(at)).flatten();
        if let Some(msg) = full {
            self.input(&msg);
        }
    }

    /// Sends the batch of taps gathered so far, if any.
    pub fn flush(&self) {
        let batch = self.0.state.journal.try_update(|j| j.close_batch()).flatten();
        if let Some(msg) = batch {
            self.input(&msg);
        }
    }

    /// Ships, `at` ms into the round on this screen, after the taps gathered so far.
    pub fn ship(&self, at: u32) {
        for msg in self.0.state.journal.try_update(|j| j.ship(at)).unwrap_or_default() {
            self.input(&msg);
        }
    }

    /// Sends an input if the socket is open; either way the journal keeps it (on this device
    /// too) until the server says it is stored, and sends it again after a reconnect.
    fn input(&self, msg: &ClientMsg) {
        self.0.state.journal.with_untracked(|j| crate::device::remember_journal(&self.0.code, j));
        if self.0.synced.get() {
            self.send(msg);
        }
    }

    /// Closes for good: the player left the page or the game.
    pub fn shut(&self) {
        self.0.shut.set(true);
        if let Some(beat) = self.0.heartbeat.take() {
            beat.clear();
        }
        if let Some(ws) = self.0.ws.borrow_mut().take() {
            let _ = ws.close();
        }
    }

    fn connect(&self) {
        let inner = &self.0;
        let Ok(ws) = WebSocket::new(&inner.url) else {
            return self.retry();
        };
        inner.state.link.set(if inner.attempts.get() == 0 {
            Link::Connecting
        } else {
            Link::Retrying(inner.attempts.get())
        });

        let me = self.clone();
        let on_open = Closure::<dyn FnMut()>::new(move || {
            me.0.synced.set(false);
            me.0.attempts.set(0);
            me.0.state.link.set(Link::Open);
            me.send(&ClientMsg::Hello { protocol: PROTOCOL_VERSION, token: me.0.token.clone() });
        });
        let me = self.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            if let Some(text) = e.data().as_string() {
                me.receive(&text);
            }
        });
        let me = self.clone();
        let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |e: CloseEvent| match e.code() {
            4000 => me.0.state.link.set(Link::Reload),
            1008 if me.0.state.view.get_untracked().is_none() => me.0.state.link.set(Link::SeatRefused),
            _ => me.retry(),
        });
        ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        // The socket owns its handlers for as long as it lives.
        on_open.forget();
        on_message.forget();
        on_close.forget();
        *inner.ws.borrow_mut() = Some(ws);
    }

    /// Reconnects after a jittered, growing delay: 0.5 s doubling up to 8 s, each ×(0.5–1).
    fn retry(&self) {
        self.0.synced.set(false);
        if self.0.shut.get() {
            return;
        }
        if let Some(ws) = self.0.ws.borrow_mut().take() {
            ws.set_onclose(None);
            let _ = ws.close();
        }
        let attempt = self.0.attempts.get() + 1;
        self.0.attempts.set(attempt);
        self.0.state.link.set(Link::Retrying(attempt));
        let base = 500.0 * 2f64.powi(attempt.min(4) as i32);
        let delay = base * (0.5 + js_sys::Math::random() * 0.5);
        let me = self.clone();
        set_timeout(move || me.connect(), Duration::from_millis(delay as u64));
    }

    fn receive(&self, text: &str) {
        let Some(msg) = shared::read::server_msg(text) else { return };
        let state = self.0.state;
        state.server_offset.set(msg.now as f64 - js_sys::Date::now());
        let heard = state.journal.try_update(|j| j.hear(msg.round, &msg.event)).unwrap_or(false);
        if heard && matches!(msg.event, Event::Saved { .. }) {
            state.journal.with_untracked(|j| crate::device::remember_journal(&self.0.code, j));
        }
        match &msg.event {
            Event::Probe { nonce } => return self.send(&ClientMsg::ProbeAck { nonce: *nonce }),
            Event::Rejected { error: Rejection::ProtocolMismatch, .. } => {
                return state.link.set(Link::Reload);
            }
            // Nothing to come back to: no more reconnects.
            Event::Rejected { error: Rejection::Unrestorable, .. } => {
                self.shut();
                return state.link.set(Link::Lost);
            }
            Event::Rejected { reason, .. } => return state.rejection.set(Some(reason.clone())),
            Event::Phase { phase } => {
                if state.journal.with_untracked(|j| j.round() != phase.round()) {
                    state.journal.update(|j| j.begin(phase.round()));
                }
                if matches!(phase, Phase::Round { .. }) {
                    state.round_started.set(Some(performance_now()));
                }
            }
            Event::Snapshot { view } => {
                // Joining mid-round: the round started when the server says, on this clock.
                let started = match view.phase {
                    Phase::Round { started_at, .. } => {
                        Some(performance_now() - msg.now.saturating_sub(started_at) as f64)
                    }
                    _ => None,
                };
                state.round_started.set(started);
                // What the server has not stored goes again: a restart may have lost it.
                state.journal.update(|j| j.restore(view.phase.round(), view.you.as_ref()));
                state.view.set(Some(view.clone()));
                self.0.synced.set(true);
                for input in state.journal.with_untracked(Journal::unsaved) {
                    self.send(&input);
                }
                return;
            }
            _ => {}
        }
        state.view.update(|view| {
            if let Some(view) = view {
                view.apply(&msg.event);
            }
        });
    }
}
