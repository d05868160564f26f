//! The game's WebSocket: the one place that opens it, keeps it alive and reconnects it.
//!
//! One task per game runs the link: it opens a socket, says hello with the seat token, answers
//! the server's probes at once (they time the round trip that fair timing credits), folds every
//! event into one `GameView` signal, and when the socket closes does what the link's state
//! machine (`shared::link`) says: wait and reconnect, ask whether the game still exists, or stop.
//! A socket's handlers belong to it (`gloo-net`) and go with it.

use std::cell::{Cell, RefCell};
use std::future::poll_fn;
use std::pin::Pin;
use std::rc::Rc;
use std::task::Poll;
use std::time::Duration;

use futures_channel::mpsc::{UnboundedReceiver, UnboundedSender, unbounded};
use futures_core::Stream;
use futures_sink::Sink;
use gloo_net::websocket::futures::WebSocket;
use gloo_net::websocket::{Message, State, WebSocketError};
use leptos::prelude::*;
use shared::api::ApiErrorCode;
use shared::arrival::Arrival;
use shared::journal::Journal;
use shared::link::{Gone, LinkState, Next};
use shared::protocol::{ClientMsg, PROTOCOL_VERSION};
use shared::rules::{HEARTBEAT_MS, SOCKET_DEAD_AFTER_MS};
use shared::view::GameView;

use crate::device;

pub use shared::link::Link;

mod inputs;
mod receive;

// The screens' state stays in this file: in a module of its own, the same code came out of the
// linker in another order and gzipped 227 B larger on both pages (docs/SIZE.md).

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
    link: RefCell<LinkState>,
    /// What goes to the open socket; dropped when the page shuts the link, which ends its task.
    outbox: RefCell<Option<UnboundedSender<Outgoing>>>,
    heartbeat: Cell<Option<IntervalHandle>>,
    /// Hears the page being hidden: another tab of the seat may be about to ship.
    hidden: Cell<Option<leptos::leptos_dom::helpers::WindowListenerHandle>>,
    /// When this page last sent anything, in `performance.now()` ms: any message says "here".
    last_sent: Cell<f64>,
    /// When the open socket last brought anything, in `performance.now()` ms.
    last_heard: Cell<f64>,
    /// The snapshot on the open socket has arrived. Inputs made before it wait in the journal,
    /// which the snapshot sends, numbered from where the server is.
    synced: Cell<bool>,
    /// Where the server's moments fall on this page's clock.
    arrival: RefCell<Arrival>,
}

/// A handle on the game's socket; cheap to clone.
#[derive(Clone)]
pub struct GameSocket(Rc<Inner>);

/// What the page hands the link's task.
enum Outgoing {
    /// A text frame to send.
    Frame(String),
    /// The socket has been silent too long: give it up and open another.
    Dead,
}

/// What woke the link's task.
enum Wake {
    /// Something to do with the socket; `None` once the page shut the link.
    Out(Option<Outgoing>),
    /// What the socket said; `None` once it is closed.
    In(Option<Result<Message, WebSocketError>>),
}

impl GameSocket {
    /// Opens the socket of game `code`, with the seat's token if this device holds one.
    pub fn open(code: &str, token: Option<String>, state: GameState) -> Self {
        let origin = super::origin().replacen("http", "ws", 1);
        // This page is a tab of its own: its inputs are numbered apart from every other page's.
        let tab = device::new_tab();
        crate::tabs::hold(&device::journal_lock(code, tab));
        state.journal.set(Journal::new(0, tab));
        let (outbox, frames) = unbounded();
        let socket = Self(Rc::new(Inner {
            code: code.to_string(),
            url: format!("{origin}/api/games/{code}/ws"),
            token,
            state,
            link: RefCell::new(LinkState::default()),
            outbox: RefCell::new(Some(outbox)),
            heartbeat: Cell::new(None),
            hidden: Cell::new(None),
            last_sent: Cell::new(performance_now()),
            last_heard: Cell::new(performance_now()),
            synced: Cell::new(false),
            arrival: RefCell::new(Arrival::default()),
        }));
        // What pages gone kept of this game goes again from here: a reload's taps, or a closed
        // tab's, made before the server stored them.
        for key in device::kept_journals(code, tab) {
            let taker = socket.clone();
            crate::tabs::if_free(&key.clone(), move || taker.take_over(&key));
        }
        leptos::task::spawn_local(socket.clone().run(frames));
        let beat = socket.clone();
        // Checked every second, sent only after HEARTBEAT_MS of quiet: a clicking player's
        // batches already say they are there, and every incoming message is billed.
        // The runtime answers every heartbeat, so a live socket never stays silent long: one that
        // does lost its path without a word (a phone changing networks, a laptop waking up), and
        // the browser may not notice for minutes. It is given up, and its unsaved inputs go again
        // on the next.
        let handle = set_interval_with_handle(
            move || {
                let now = performance_now();
                let live = beat.0.state.link.get_untracked() == Link::Live;
                if live && now - beat.0.last_heard.get() >= SOCKET_DEAD_AFTER_MS as f64 {
                    if let Some(outbox) = beat.0.outbox.borrow().as_ref() {
                        let _ = outbox.unbounded_send(Outgoing::Dead);
                    }
                } else if now - beat.0.last_sent.get() >= HEARTBEAT_MS as f64 {
                    beat.send(&ClientMsg::Heartbeat);
                }
            },
            Duration::from_secs(1),
        );
        socket.0.heartbeat.set(handle.ok());
        // Taps gathered here go out as the page is hidden, not a second later: a player switching
        // to another tab of the seat and shipping there would otherwise ship without them.
        let hider = socket.clone();
        let hidden =
            leptos::leptos_dom::helpers::window_event_listener_untyped("visibilitychange", move |_| {
                if web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden()) {
                    hider.flush();
                }
            });
        socket.0.hidden.set(Some(hidden));
        socket
    }

    /// Sends a message if the socket is open; the server's answer comes back as an event.
    pub fn send(&self, msg: &ClientMsg) {
        let text = shared::write::client_msg(msg);
        if let Some(outbox) = self.0.outbox.borrow().as_ref()
            && self.0.state.link.get_untracked() == Link::Live
        {
            let _ = outbox.unbounded_send(Outgoing::Frame(text));
            self.0.last_sent.set(performance_now());
        }
    }

    /// Closes for good: the player left the page or the game. Nothing reopens it.
    pub fn shut(&self) {
        self.with_link(LinkState::shut);
        self.shut_socket();
    }

    /// Changes the link's state and shows it.
    fn with_link<T>(&self, change: impl FnOnce(&mut LinkState) -> T) -> T {
        let mut link = self.0.link.borrow_mut();
        let out = change(&mut link);
        let shown = link.link();
        drop(link);
        if self.0.state.link.get_untracked() != shown {
            self.0.state.link.set(shown);
        }
        out
    }

    /// The link's task: one socket after another, for as long as the state machine allows.
    async fn run(self, mut frames: UnboundedReceiver<Outgoing>) {
        while self.with_link(LinkState::connecting) {
            let next = match WebSocket::open(&self.0.url) {
                Ok(ws) => self.session(ws, &mut frames).await,
                Err(_) => self.closed(1006),
            };
            let Next::Retry { after_ms, check } = next else { return };
            // A socket that never opened may be knocking on a game that is gone.
            if check
                && let Err(e) = super::http::game_info(&self.0.code).await
                && e.error == ApiErrorCode::NotFound
            {
                return self.with_link(|l| l.gone(Gone::NotFound));
            }
            sleep(after_ms).await;
        }
    }

    /// One socket, from opening to closing: what to do next.
    async fn session(&self, mut ws: WebSocket, frames: &mut UnboundedReceiver<Outgoing>) -> Next {
        self.0.synced.set(false);
        // Waits for the socket to open (or fail), or for the page to shut the link.
        let ready = poll_fn(|cx| {
            if let Poll::Ready(None) = Pin::new(&mut *frames).poll_next(cx) {
                return Poll::Ready(false);
            }
            Pin::new(&mut ws).poll_ready(cx).map(|r| r.is_ok())
        })
        .await;
        if !ready {
            return Next::Stop;
        }
        if matches!(ws.state(), State::Open) {
            self.with_link(LinkState::opened);
            let hello = ClientMsg::Hello { protocol: PROTOCOL_VERSION, token: self.0.token.clone() };
            let _ = Pin::new(&mut ws).start_send(Message::Text(shared::write::client_msg(&hello)));
            self.0.last_sent.set(performance_now());
            self.0.last_heard.set(performance_now());
        }
        loop {
            let wake = poll_fn(|cx| {
                if let Poll::Ready(frame) = Pin::new(&mut *frames).poll_next(cx) {
                    return Poll::Ready(Wake::Out(frame));
                }
                Pin::new(&mut ws).poll_next(cx).map(Wake::In)
            })
            .await;
            match wake {
                Wake::Out(Some(Outgoing::Frame(text))) => {
                    if matches!(ws.state(), State::Open) {
                        let _ = Pin::new(&mut ws).start_send(Message::Text(text));
                    }
                }
                // Dropped here, with its handlers; the link retries as after any abnormal close.
                Wake::Out(Some(Outgoing::Dead)) => return self.closed(1006),
                Wake::Out(None) => return Next::Stop,
                Wake::In(Some(Ok(Message::Text(text)))) => {
                    self.0.last_heard.set(performance_now());
                    self.receive(&text);
                }
                // The protocol is text only; an error event is followed by the close.
                Wake::In(Some(Ok(Message::Bytes(_)) | Err(WebSocketError::ConnectionError))) => {}
                Wake::In(Some(Err(WebSocketError::ConnectionClose(close)))) => {
                    return self.closed(close.code);
                }
                Wake::In(Some(Err(_)) | None) => return self.closed(1006),
            }
        }
    }

    /// The socket closed with `code`: the state machine says what comes next.
    fn closed(&self, code: u16) -> Next {
        self.0.synced.set(false);
        let had_snapshot = self.0.state.view.with_untracked(Option::is_some);
        self.with_link(|l| l.closed(code, had_snapshot, js_sys::Math::random()))
    }

    /// Ends the task and its socket, keeping the link's state as it is: the task sees its outbox
    /// end, and drops its socket, handlers and all.
    fn shut_socket(&self) {
        if let Some(beat) = self.0.heartbeat.take() {
            beat.clear();
        }
        if let Some(hidden) = self.0.hidden.take() {
            hidden.remove();
        }
        self.0.outbox.borrow_mut().take();
    }
}

/// Resolves after `ms`, on the page's timer.
async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
