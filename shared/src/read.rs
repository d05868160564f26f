//! Reads what the server sends on the client, from the same JSON that `serde` writes.
//!
//! Derived decoding of [`ServerMsg`] buffers every field of a flattened, internally tagged enum
//! before it can look at the tag, and compiles each nested type's decoder once per buffer kind;
//! every derived decoder also brings serde's error messages, float formatting included. In the
//! browser that was about a sixth of the app's download. This reader parses into a
//! [`serde_json::Value`] once and then reads fields directly; unit enums alone go through their
//! derived decoder, fed a bare string. `tests/golden.rs` and `tests/fuzz.rs` hold it to the
//! derived decoder: every message the server writes reads the same, and no text reads as another
//! message. Forms the server never writes may differ: the derived decoder also takes structs
//! written as arrays and variant tags written as numbers, which this refuses, and refuses
//! repeated keys, which this reads as the last.
//!
//! The reading goes through [`Json`], so the browser can hand over what its own `JSON.parse`
//! made and carry no JSON parser in its download; natively (tests, the load tool) it reads a
//! [`serde_json::Value`].

use serde::de::DeserializeOwned;
use serde::de::value::{Error, StrDeserializer};
use serde_json::Value;

/// A parsed JSON value, as far as this reader looks into it.
pub trait Json: Sized {
    /// The field `key` of an object; `None` when this is no object or has no such field.
    fn field(&self, key: &str) -> Option<Self>;
    fn is_object(&self) -> bool;
    fn is_null(&self) -> bool;
    fn string(&self) -> Option<String>;
    /// A whole number from 0 up (no fraction, no exponent, within range).
    fn u64(&self) -> Option<u64>;
    /// A whole number.
    fn i64(&self) -> Option<i64>;
    fn bool(&self) -> Option<bool>;
    fn items(&self) -> Option<Vec<Self>>;
}

impl Json for &Value {
    fn field(&self, key: &str) -> Option<Self> {
        self.as_object()?.get(key)
    }
    fn is_object(&self) -> bool {
        Value::is_object(self)
    }
    fn is_null(&self) -> bool {
        Value::is_null(self)
    }
    fn string(&self) -> Option<String> {
        self.as_str().map(String::from)
    }
    fn u64(&self) -> Option<u64> {
        self.as_u64()
    }
    fn i64(&self) -> Option<i64> {
        self.as_i64()
    }
    fn bool(&self) -> Option<bool> {
        self.as_bool()
    }
    fn items(&self) -> Option<Vec<Self>> {
        Some(self.as_array()?.iter().collect())
    }
}

use crate::api::{ApiError, SeatGrant};
use crate::ids::SeatId;
use crate::protocol::{Event, ServerMsg};
use crate::rules::Rules;
use crate::view::{GameView, Phase, PlayerView, RoundRow, RoundSummary, Standing, TabMark, You};

/// One server message, or `None` for anything the derived decoder would refuse.
pub fn server_msg(text: &str) -> Option<ServerMsg> {
    server_msg_in(&serde_json::from_str::<Value>(text).ok()?)
}

/// A game's public view, as `GET /api/games/{code}` answers it.
pub fn game(text: &str) -> Option<GameView> {
    game_in(&serde_json::from_str::<Value>(text).ok()?)
}

/// A seat taken, as the API answers it (and as the app keeps it on the device).
pub fn seat_grant(text: &str) -> Option<SeatGrant> {
    seat_grant_in(&serde_json::from_str::<Value>(text).ok()?)
}

/// The body of a failed API request.
pub fn api_error(text: &str) -> Option<ApiError> {
    api_error_in(&serde_json::from_str::<Value>(text).ok()?)
}

/// [`server_msg`] of a value parsed already.
pub fn server_msg_in<J: Json>(f: J) -> Option<ServerMsg> {
    object(f).and_then(|f| {
        Some(ServerMsg { round: small(&f, "round")?, now: u64_at(&f, "now")?, event: event(&f)? })
    })
}

/// [`game`] of a value parsed already.
pub fn game_in<J: Json>(f: J) -> Option<GameView> {
    game_view(object(f)?)
}

/// [`seat_grant`] of a value parsed already.
pub fn seat_grant_in<J: Json>(f: J) -> Option<SeatGrant> {
    let f = object(f)?;
    Some(SeatGrant {
        code: str_at(&f, "code")?,
        seat: seat(&f, "seat")?,
        name: str_at(&f, "name")?,
        token: str_at(&f, "token")?,
    })
}

/// [`api_error`] of a value parsed already.
pub fn api_error_in<J: Json>(f: J) -> Option<ApiError> {
    let f = object(f)?;
    Some(ApiError { error: unit_at(&f, "error")?, reason: str_at(&f, "reason")? })
}

fn event<J: Json>(f: &J) -> Option<Event> {
    Some(match str_at(f, "type")?.as_str() {
        "snapshot" => Event::Snapshot { view: game_view(object_at(f, "view")?)? },
        "player_joined" => Event::PlayerJoined { player: player(&object_at(f, "player")?)? },
        "player_left" => Event::PlayerLeft { seat: seat(f, "seat")? },
        "forfeited" => Event::Forfeited { seat: seat(f, "seat")? },
        "presence" => Event::Presence {
            seat: seat(f, "seat")?,
            presence: unit_at(f, "presence")?,
            rtt_ms: optional(f, "rtt_ms", u32_of)?,
        },
        "host_changed" => Event::HostChanged { seat: optional(f, "seat", seat_of)? },
        "phase" => Event::Phase { phase: phase(object_at(f, "phase")?)? },
        "your_clicks" => {
            Event::YourClicks { clicks: u32_at(f, "clicks")?, tab: u32_at(f, "tab")?, seq: u32_at(f, "seq")? }
        }
        "saved" => Event::Saved { tab: u32_at(f, "tab")?, seq: u32_at(f, "seq")? },
        "shipped" => Event::Shipped { seat: seat(f, "seat")? },
        "your_ship" => Event::YourShip { ms: u32_at(f, "ms")? },
        "round_results" => Event::RoundResults { summary: summary(f.field("summary")?)? },
        "game_over" => Event::GameOver { winners: list(f, "winners", seat_of)? },
        "rematch" => Event::Rematch { code: str_at(f, "code")? },
        "probe" => Event::Probe { nonce: u32_at(f, "nonce")? },
        "rejected" => Event::Rejected {
            error: unit_at(f, "error")?,
            reason: str_at(f, "reason")?,
            tab: optional(f, "tab", u32_of)?,
            seq: optional(f, "seq", u32_of)?,
        },
        _ => return None,
    })
}

fn game_view<J: Json>(f: J) -> Option<GameView> {
    let f = &f;
    Some(GameView {
        code: str_at(f, "code")?,
        visibility: unit_at(f, "visibility")?,
        cap: small(f, "cap")?,
        rules: rules(object_at(f, "rules")?)?,
        phase: phase(object_at(f, "phase")?)?,
        players: list(f, "players", |v| player(&object(v)?))?,
        host: optional(f, "host", seat_of)?,
        history: list(f, "history", summary)?,
        winners: list(f, "winners", seat_of)?,
        rematch: optional(f, "rematch", |v| v.string())?,
        you: optional(f, "you", |v| {
            let you = &object(v)?;
            Some(You {
                seat: seat(you, "seat")?,
                clicks: u32_at(you, "clicks")?,
                tabs: list(you, "tabs", |v| {
                    let mark = &object(v)?;
                    Some(TabMark {
                        tab: u32_at(mark, "tab")?,
                        seq: u32_at(mark, "seq")?,
                        saved: u32_at(mark, "saved")?,
                    })
                })?,
                shipped_ms: optional(you, "shipped_ms", u32_of)?,
            })
        })?,
    })
}

fn phase<J: Json>(f: J) -> Option<Phase> {
    let f = &f;
    Some(match str_at(f, "phase")?.as_str() {
        "waiting" => Phase::Waiting { starts_at: optional(f, "starts_at", |v| v.u64())? },
        "intermission" => {
            Phase::Intermission { round: small(f, "round")?, starts_at: u64_at(f, "starts_at")? }
        }
        "round" => Phase::Round {
            round: small(f, "round")?,
            started_at: u64_at(f, "started_at")?,
            ends_at: u64_at(f, "ends_at")?,
        },
        "results" => Phase::Results { round: small(f, "round")?, next_at: u64_at(f, "next_at")? },
        "over" => Phase::Over { ended_at: u64_at(f, "ended_at")? },
        "closed" => Phase::Closed,
        _ => return None,
    })
}

fn rules<J: Json>(f: J) -> Option<Rules> {
    let f = &f;
    Some(Rules {
        starting_capital: i64_at(f, "starting_capital")?,
        burn: i64_at(f, "burn")?,
        intermission_ms: u32_at(f, "intermission_ms")?,
        round_ms: u32_at(f, "round_ms")?,
        max_rounds: small(f, "max_rounds")?,
    })
}

fn player<J: Json>(f: &J) -> Option<PlayerView> {
    let standing = &object_at(f, "standing")?;
    Some(PlayerView {
        seat: seat(f, "seat")?,
        name: str_at(f, "name")?,
        capital: i64_at(f, "capital")?,
        standing: match str_at(standing, "status")?.as_str() {
            "active" => Standing::Active,
            "eliminated" => Standing::Eliminated { round: small(standing, "round")? },
            "forfeited" => Standing::Forfeited,
            _ => return None,
        },
        presence: unit_at(f, "presence")?,
        rtt_ms: optional(f, "rtt_ms", u32_of)?,
        shipped: f.field("shipped")?.bool()?,
        bot: optional(f, "bot", unit_of)?,
    })
}

fn summary<J: Json>(v: J) -> Option<RoundSummary> {
    let f = &object(v)?;
    Some(RoundSummary {
        round: small(f, "round")?,
        rows: list(f, "rows", |v| {
            let row = &object(v)?;
            Some(RoundRow {
                seat: seat(row, "seat")?,
                clicks: u32_at(row, "clicks")?,
                ms: u32_at(row, "ms")?,
                profit: i64_at(row, "profit")?,
                burn: i64_at(row, "burn")?,
                capital: i64_at(row, "capital")?,
                eliminated: row.field("eliminated")?.bool()?,
            })
        })?,
    })
}

// Field readers. Each answers `None` where the derived decoder fails: a missing field (but for
// options), a value of another type, or a number out of the field's range.

fn object<J: Json>(v: J) -> Option<J> {
    v.is_object().then_some(v)
}

fn object_at<J: Json>(f: &J, key: &str) -> Option<J> {
    object(f.field(key)?)
}

fn str_at<J: Json>(f: &J, key: &str) -> Option<String> {
    f.field(key)?.string()
}

fn u64_at<J: Json>(f: &J, key: &str) -> Option<u64> {
    f.field(key)?.u64()
}

fn i64_at<J: Json>(f: &J, key: &str) -> Option<i64> {
    f.field(key)?.i64()
}

fn u32_of<J: Json>(v: J) -> Option<u32> {
    v.u64()?.try_into().ok()
}

fn u32_at<J: Json>(f: &J, key: &str) -> Option<u32> {
    u32_of(f.field(key)?)
}

fn small_of<J: Json>(v: J) -> Option<u8> {
    v.u64()?.try_into().ok()
}

fn small<J: Json>(f: &J, key: &str) -> Option<u8> {
    small_of(f.field(key)?)
}

fn seat_of<J: Json>(v: J) -> Option<SeatId> {
    small_of(v).map(SeatId)
}

fn seat<J: Json>(f: &J, key: &str) -> Option<SeatId> {
    seat_of(f.field(key)?)
}

/// A unit enum's variant by its name. Its derived decoder, fed a bare string, knows the names
/// without bringing in the number and float paths of a JSON decoder.
fn unit_at<T: DeserializeOwned, J: Json>(f: &J, key: &str) -> Option<T> {
    unit_of(f.field(key)?)
}

fn unit_of<T: DeserializeOwned, J: Json>(v: J) -> Option<T> {
    T::deserialize(StrDeserializer::<Error>::new(&v.string()?)).ok()
}

/// A missing field and `null` are both `None`; any other value must read as `T`.
fn optional<T, J: Json>(f: &J, key: &str, read: impl Fn(J) -> Option<T>) -> Option<Option<T>> {
    match f.field(key) {
        None => Some(None),
        Some(v) if v.is_null() => Some(None),
        Some(v) => read(v).map(Some),
    }
}

fn list<T, J: Json>(f: &J, key: &str, read: impl Fn(J) -> Option<T>) -> Option<Vec<T>> {
    f.field(key)?.items()?.into_iter().map(read).collect()
}
