//! A bot that plays the game over its real protocol, as the app does: hello with its seat's
//! token, probe answers at once, a heartbeat only after [`HEARTBEAT_MS`] of quiet, click batches
//! and a ship each round ([`crate::product`]); after a drop it reconnects with the app's backoff
//! and checks that the clicks the server had confirmed are still there.

mod receive;

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::stream::SplitSink;
use futures_util::{SinkExt, StreamExt};
use shared::ids::SeatId;
use shared::protocol::{ClientMsg, PROTOCOL_VERSION};
use shared::rules::HEARTBEAT_MS;
use shared::view::{GameView, PlayerView};
use tokio::sync::{mpsc, watch};
use tokio_tungstenite::tungstenite::Message;

use crate::fanout::{Action, Fanout};
use crate::metrics::{Kind, Tally};
use crate::product::{Build, Pace, pick_rate};
use crate::socket::{self, Ws};

/// What the bots of one game share.
pub struct Table {
    pub code: String,
    /// Seated players, silent ones and the server's bots included: the host starts once all of
    /// them are online.
    pub seats: usize,
    /// Of them, the seats the server's own bots play, with no socket.
    pub bots: usize,
    /// Sockets per seat of this tool, each a tab of its own.
    pub tabs: usize,
    pub fanout: Mutex<Fanout>,
    pub tally: Tally,
    /// Per seat and round: the taps its tabs made and had refused, and how many tabs said so.
    /// The round's pay is checked against them once every tab has.
    pub rounds: Mutex<BTreeMap<(SeatId, u8), TabsTapped>>,
    /// The server's current base URL; it changes when a fault run restarts the server.
    pub base: watch::Receiver<String>,
    /// How its players batch their taps and when they may ship.
    pub pace: Pace,
}

/// What the tabs of one seat tapped in one round: taps, taps refused, tabs that said.
type TabsTapped = (u32, u32, usize);

impl Table {
    pub fn fanout<R>(&self, f: impl FnOnce(&mut Fanout) -> R) -> R {
        f(&mut self.fanout.lock().unwrap_or_else(|poisoned| poisoned.into_inner()))
    }

    /// One tab of `seat` made `taps` in `round`, `refused` of them refused with a reason: the
    /// seat's taps and refusals, once every tab of it has said.
    pub fn tapped(&self, seat: SeatId, round: u8, taps: u32, refused: u32) -> Option<(u32, u32)> {
        let mut rounds = self.rounds.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let sum = rounds.entry((seat, round)).or_default();
        *sum = (sum.0 + taps, sum.1 + refused, sum.2 + 1);
        (sum.2 == self.tabs).then_some((sum.0, sum.1))
    }
}

/// One bot's seat.
pub struct Seat {
    /// The bot's number among the game's readers.
    pub reader: usize,
    pub seat: SeatId,
    pub token: String,
    /// Sends the game's start: the host of a game that waits for it.
    pub starts: bool,
    /// How long the host waits, once every seat is online, before it starts: games that start
    /// at random moments, as independent games do, rather than all in the same millisecond.
    pub start_after: Duration,
}

/// What a run tells a bot.
#[derive(Debug)]
pub enum Command {
    /// Drop the socket at once, without a close frame, and reconnect after this long.
    Drop { back_after: Duration },
    /// Close and stop.
    Stop,
}

/// How a bot's game went.
#[derive(Debug, Default)]
pub struct Outcome {
    pub over: bool,
    /// Still seated (not forfeited) at the game's end.
    pub seated: bool,
    pub rounds: u8,
    /// When each snapshot arrived: the first is the connect, the others reconnects.
    pub snapshots: Vec<Instant>,
    /// When this bot's view came to show every seat online.
    pub all_online: Vec<Instant>,
    /// Taps this bot made in the rounds settled, and of them, those paid and those the server
    /// refused with a reason (too late for the round).
    pub taps: u32,
    pub paid: u32,
    pub refused: u32,
    /// The players as this bot saw them at the game's end.
    pub final_players: Vec<PlayerView>,
}

enum End {
    Over,
    Stopped,
    Lost,
    Dropped(Duration),
}

struct Bot {
    me: Seat,
    table: Arc<Table>,
    rng: fastrand::Rng,
    rate: f64,
    view: Option<GameView>,
    build: Option<Build>,
    last_sent: Instant,
    /// Sent actions that the server answers to this socket, oldest first.
    replies: VecDeque<(Kind, Instant)>,
    /// The server's snapshot on this socket has arrived: inputs made before it wait in the
    /// journal, which the snapshot sends on, numbered from where the server is.
    synced: bool,
    /// Per round: taps made and clicks refused outright, as the round's journal counted them.
    taps: BTreeMap<u8, (u32, u32)>,
    all_online: bool,
    started: bool,
    /// When the host sends its start.
    start_due: Option<Instant>,
    out: Outcome,
}

/// Plays seat `me` until the game is over or the run says stop.
pub async fn play(me: Seat, table: Arc<Table>, mut commands: mpsc::UnboundedReceiver<Command>) -> Outcome {
    let mut rng = fastrand::Rng::new();
    // One pair of hands, however many tabs: the seat's rate is shared among its tabs, and stays
    // under the human bound the server holds the seat to.
    let rate = pick_rate(&mut rng) / table.tabs as f64;
    let mut bot = Bot {
        me,
        table,
        rng,
        rate,
        view: None,
        build: None,
        last_sent: Instant::now(),
        replies: VecDeque::new(),
        synced: false,
        taps: BTreeMap::new(),
        all_online: false,
        started: false,
        start_due: None,
        out: Outcome::default(),
    };
    let mut attempt = 0;
    loop {
        let base = bot.table.base.borrow().clone();
        let path = format!("/api/games/{}/ws", bot.table.code);
        let end = match socket::open(&base, &path, &bot.table.tally).await {
            Ok(ws) => {
                attempt = 0;
                bot.session(ws, &mut commands).await
            }
            Err(_) => End::Lost,
        };
        let wait = match end {
            End::Over | End::Stopped => break,
            End::Dropped(wait) => wait,
            End::Lost => {
                attempt += 1;
                socket::backoff(attempt, &mut bot.rng)
            }
        };
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            command = commands.recv() => if matches!(command, Some(Command::Stop) | None) { break },
        }
    }
    bot.out
}

impl Bot {
    async fn session(&mut self, ws: Ws, commands: &mut mpsc::UnboundedReceiver<Command>) -> End {
        let (mut tx, mut rx) = ws.split();
        self.synced = false;
        let hello = ClientMsg::Hello { protocol: PROTOCOL_VERSION, token: Some(self.me.token.clone()) };
        if self.send(&mut tx, hello).await.is_err() {
            return self.lost();
        }
        // Like the app: checked every second, sent only after HEARTBEAT_MS of quiet.
        let second = Duration::from_secs(1);
        let mut beat = tokio::time::interval_at(tokio::time::Instant::now() + second, second);
        let end = 'session: loop {
            let wake =
                [self.build.as_ref().and_then(Build::deadline), self.start_due].into_iter().flatten().min();
            let far = Instant::now() + Duration::from_secs(3_600);
            let outgoing = tokio::select! {
                frame = rx.next() => match frame {
                    Some(Ok(Message::Text(text))) => self.receive(text.as_str(), Instant::now()),
                    Some(Ok(Message::Close(frame))) => {
                        let why = frame.map(|f| format!("{} {}", f.code, f.reason)).unwrap_or_default();
                        self.table.tally.with(|m| m.error(format!("closed by the server: {why}")));
                        break 'session End::Lost;
                    }
                    Some(Ok(_)) => Vec::new(),
                    Some(Err(_)) | None => break 'session self.lost(),
                },
                () = tokio::time::sleep_until(wake.unwrap_or(far).into()), if wake.is_some() => {
                    let now = Instant::now();
                    let rng = &mut self.rng;
                    let taps = self.build.as_ref().map_or(0, |b| b.tapped);
                    let mut out = self.build.as_mut().map(|b| b.poll(now, rng)).unwrap_or_default();
                    if self.build.as_ref().is_some_and(|b| b.tapped > taps) {
                        self.table.fanout(|f| f.last_tap = Some(now));
                    }
                    self.note_taps();
                    if self.start_due.is_some_and(|at| at <= now) {
                        self.start_due = None;
                        out.push(ClientMsg::Start);
                    }
                    out
                }
                _ = beat.tick() => {
                    let quiet = self.last_sent.elapsed() >= Duration::from_millis(HEARTBEAT_MS);
                    if quiet { vec![ClientMsg::Heartbeat] } else { Vec::new() }
                }
                command = commands.recv() => match command {
                    Some(Command::Drop { back_after }) => break 'session End::Dropped(back_after),
                    Some(Command::Stop) | None => {
                        let _ = tx.send(Message::Close(None)).await;
                        break 'session End::Stopped;
                    }
                },
            };
            for msg in outgoing {
                let input = matches!(msg, ClientMsg::Click { .. } | ClientMsg::Ship { .. });
                if input && !self.synced {
                    continue;
                }
                if self.send(&mut tx, msg).await.is_err() {
                    break 'session self.lost();
                }
            }
            if self.out.over {
                let _ = tx.send(Message::Close(None)).await;
                break End::Over;
            }
        };
        // Answers to a socket that is gone never come.
        self.replies.clear();
        end
    }

    fn lost(&mut self) -> End {
        self.table.tally.with(|m| m.dropped += 1);
        End::Lost
    }

    async fn send(&mut self, tx: &mut SplitSink<Ws, Message>, msg: ClientMsg) -> Result<(), ()> {
        let text = serde_json::to_string(&msg).map_err(|_| ())?;
        // Recorded before it leaves, so that no answer can arrive before its question.
        let now = Instant::now();
        match msg {
            ClientMsg::Click { .. } => self.replies.push_back((Kind::Click, now)),
            ClientMsg::Ship { .. } => {
                self.replies.push_back((Kind::Ship, now));
                let ship =
                    Action::Ship { round: self.build.as_ref().map_or(0, |b| b.round), seat: self.me.seat.0 };
                self.table.fanout(|f| f.sent(ship, Kind::Ship, now));
            }
            ClientMsg::Start => {
                self.replies.push_back((Kind::Start, now));
                self.table.fanout(|f| f.sent(Action::Start, Kind::Start, now));
            }
            _ => {}
        }
        tx.send(Message::text(text)).await.map_err(|_| ())?;
        self.last_sent = Instant::now();
        let heartbeat = msg == ClientMsg::Heartbeat;
        self.table.tally.with(|m| {
            m.ws_out += 1;
            m.heartbeats += u64::from(heartbeat);
        });
        Ok(())
    }
}
