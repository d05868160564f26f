//! The wire: one message enum per direction, JSON over one WebSocket per player per game.
//!
//! The client's first message is [`ClientMsg::Hello`]. The server answers with a
//! [`Event::Snapshot`] and then sends deltas, each wrapped in a [`ServerMsg`] that carries the
//! round number and the server's clock. `tests/golden.rs` pins the JSON of every variant.

use serde::{Deserialize, Serialize};

use crate::bot::Level;
use crate::ids::SeatId;
use crate::view::{GameView, Phase, PlayerView, Presence, RoundSummary};

/// Bumped whenever a message changes shape; a client speaking another version is told to reload.
pub const PROTOCOL_VERSION: u32 = 4;
/// Frames longer than this are refused unread.
pub const MAX_FRAME_BYTES: usize = 4 * 1024;
/// Most clicks one [`ClientMsg::Click`] may report: a second's worth at the human bound, with room.
pub const MAX_CLICKS_PER_MESSAGE: u32 = 100;
/// Most tabs whose inputs one seat's round counts: each page of the seat numbers its own inputs,
/// and the server remembers each tab's number for the round. Reloads reuse a tab's number where
/// they can (see [`crate::journal`]), so this is far above what a player opens.
pub const MAX_TABS_PER_ROUND: usize = 32;
/// [`ClientMsg::Heartbeat`] as it goes on the wire, byte for byte: the runtime answers exactly
/// this text with [`HEARTBEAT_ANSWER`] by itself, without waking the room, so a heartbeat costs
/// the game nothing and cannot be queued behind anyone's flood.
pub const HEARTBEAT_FRAME: &str = r#"{"type":"heartbeat"}"#;
/// The runtime's answer to [`HEARTBEAT_FRAME`]. Not a [`ServerMsg`]: a fixed text carries no
/// round and no clock, and a client that does not know it drops it as undecodable.
pub const HEARTBEAT_ANSWER: &str = r#"{"type":"heard"}"#;

/// Who numbered an input: one page (a tab, or a copy of the seat's token elsewhere) of a seat,
/// chosen at random by the page. Each tab numbers its own inputs of a round from 1, so several
/// tabs of one seat are never taken for repeats of each other. 0 is the tab of an input kept by a
/// page of protocol 3, which had one numbering per seat.
pub type TabId = u32;

/// Everything a client may say.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClientMsg {
    /// First message on every socket: the protocol spoken and, for a seated player, the seat's
    /// secret token. Without a token the socket watches as a spectator.
    Hello { protocol: u32, token: Option<String> },
    /// "Still here", after [`crate::rules::HEARTBEAT_MS`] of quiet. The runtime answers it
    /// ([`HEARTBEAT_FRAME`]) and tells the room when it last did; one that reaches the room (the
    /// same message spelled otherwise) counts the same.
    Heartbeat,
    /// Echo of a [`Event::Probe`], sent at once so the server can time the round trip.
    ProbeAck { nonce: u32 },
    /// The host starts a private game.
    Start,
    /// `count` clicks of round `round`, the last of them `at` ms after the round started on this
    /// player's screen. `seq` numbers tab `tab`'s inputs of the round from 1 (see
    /// [`crate::journal`]): each is counted once, and sent again until [`Event::Saved`] covers it.
    Click { round: u8, tab: TabId, seq: u32, count: u32, at: u32 },
    /// Ship this round's product, `at` ms after the round started on this player's screen; the
    /// seat's last input of the round, numbered like a click.
    Ship { round: u8, tab: TabId, seq: u32, at: u32 },
    /// Leave the game: frees the seat in the waiting room, forfeits once the game runs.
    Leave,
    /// The host of a private game seats a bot of `level` in the waiting room.
    AddBot { level: Level },
    /// The host of a private game takes the bot in `seat` out of the waiting room.
    RemoveBot { seat: SeatId },
}

/// Everything the server says: an event stamped with the round and the server's time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServerMsg {
    /// The game's current round; 0 before the first.
    pub round: u8,
    /// The server's clock, ms since the Unix epoch.
    pub now: u64,
    #[serde(flatten)]
    pub event: Event,
}

/// What happened. [`GameView::apply`] folds any of these into a view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// The whole game as this socket may see it; sent on every (re)connect.
    Snapshot { view: GameView },
    /// A seat was taken.
    PlayerJoined { player: PlayerView },
    /// A player left the waiting room; their seat is gone.
    PlayerLeft { seat: SeatId },
    /// A player forfeited a running game.
    Forfeited { seat: SeatId },
    /// A player came, went away, or their round trip changed.
    Presence { seat: SeatId, presence: Presence, rtt_ms: Option<u32> },
    /// The host's badge moved.
    HostChanged { seat: Option<SeatId> },
    /// The game moved to another phase.
    Phase { phase: Phase },
    /// Clicks of this socket's own seat that the server counted this round, from every tab of
    /// the seat; tab `tab`'s inputs are counted up to `seq`. Every socket of the seat hears it,
    /// so every tab shows the seat's count.
    YourClicks { clicks: u32, tab: TabId, seq: u32 },
    /// Tab `tab`'s inputs of the round numbered up to `seq` are counted and stored: a restart
    /// keeps them, so the client may forget them.
    Saved { tab: TabId, seq: u32 },
    /// A player shipped this round's product.
    Shipped { seat: SeatId },
    /// This socket's own seat shipped, credited `ms` into the round: the moment its price was
    /// fixed, so what its screen shows from now on is what the round pays.
    YourShip { ms: u32 },
    /// A round was settled.
    RoundResults { summary: RoundSummary },
    /// The game is over; these won (several on an exact tie).
    GameOver { winners: Vec<SeatId> },
    /// A new game with the same rules was opened; everyone here is invited.
    Rematch { code: String },
    /// Answer with [`ClientMsg::ProbeAck`] at once: it times the round trip.
    Probe { nonce: u32 },
    /// The last message was refused; nothing changed. `tab` and `seq` name the refused input, if
    /// it was one: the client drops it from its journal and shows what the server counted.
    Rejected {
        error: Rejection,
        reason: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tab: Option<TabId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        seq: Option<u32>,
    },
}

/// Why a message was refused. Every error a player can cause is one of these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rejection {
    /// The client speaks another protocol version: reload the page.
    ProtocolMismatch,
    /// Only `hello` is accepted before `hello`, and only once.
    HelloFirst,
    /// The seat token is not this game's.
    BadToken,
    /// The frame is over [`MAX_FRAME_BYTES`].
    FrameTooLarge,
    /// The frame is not JSON text.
    BadJson,
    /// The JSON is not a message this server knows.
    UnknownMessage,
    /// The message does not fit the game's current phase.
    OutOfPhase,
    /// Spectators watch; only a seated player may act.
    NotAPlayer,
    /// Eliminated and forfeited players watch the rest.
    Eliminated,
    /// Only the host may start the game.
    NotHost,
    /// A game needs at least two players to start.
    NotEnoughPlayers,
    /// One product per round.
    AlreadyShipped,
    /// Too many messages too fast.
    Flood,
    /// The game has closed.
    GameClosed,
    /// An input of a round that is not the one being played.
    OtherRound,
    /// An input numbered past the next one expected: an earlier one is missing.
    SeqAhead,
    /// The stored game could not be read back after a restart.
    Unrestorable,
    /// Every seat is taken.
    Full,
    /// Only a bot's seat can be emptied by the host.
    NotABot,
    /// The seat's round already counts inputs of [`MAX_TABS_PER_ROUND`] tabs.
    TooManyTabs,
}

impl Rejection {
    /// A short reason for people.
    pub fn reason(self) -> &'static str {
        match self {
            Self::ProtocolMismatch => "A new version of the game is out. Please reload the page.",
            Self::HelloFirst => "Say hello first, once.",
            Self::BadToken => "That seat belongs to someone else.",
            Self::FrameTooLarge => "Message too large.",
            Self::BadJson => "Message is not valid JSON.",
            Self::UnknownMessage => "Unknown message.",
            Self::OutOfPhase => "Not now: the game is in another phase.",
            Self::NotAPlayer => "Spectators cannot play.",
            Self::Eliminated => "You are out of this game.",
            Self::NotHost => "Only the host can do that.",
            Self::NotEnoughPlayers => "At least two players are needed.",
            Self::AlreadyShipped => "You already shipped this round.",
            Self::Flood => "Too many messages; slow down.",
            Self::GameClosed => "This game has closed.",
            Self::OtherRound => "That was for another round.",
            Self::SeqAhead => "An earlier input is missing; send it first.",
            Self::Unrestorable => "This game could not be restored after a server restart.",
            Self::Full => "Every seat is taken.",
            Self::NotABot => "Only bots can be taken out of the game.",
            Self::TooManyTabs => "Too many tabs of this seat this round; play in one you have open.",
        }
    }
}

/// Decodes one text frame at the boundary; everything after works on the typed message.
pub fn decode_client(frame: &str) -> Result<ClientMsg, Rejection> {
    if frame.len() > MAX_FRAME_BYTES {
        return Err(Rejection::FrameTooLarge);
    }
    let value: serde_json::Value = serde_json::from_str(frame).map_err(|_| Rejection::BadJson)?;
    let msg = ClientMsg::deserialize(&value).map_err(|_| Rejection::UnknownMessage)?;
    // `deny_unknown_fields` does not reach the unit variants of an internally tagged enum.
    let unit = matches!(msg, ClientMsg::Heartbeat | ClientMsg::Start | ClientMsg::Leave);
    if unit && value.as_object().is_some_and(|fields| fields.len() != 1) {
        return Err(Rejection::UnknownMessage);
    }
    Ok(msg)
}

/// Encodes a server message. Serializing these types cannot fail: no maps with non-string keys,
/// no floats; the fallback keeps that a non-panicking promise.
pub fn encode_server(msg: &ServerMsg) -> String {
    serde_json::to_string(msg).unwrap_or_else(|_| String::from("{}"))
}
