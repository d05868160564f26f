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

use serde::de::DeserializeOwned;
use serde::de::value::{Error, StrDeserializer};
use serde_json::{Map, Value};

use crate::api::{ApiError, SeatGrant};
use crate::ids::SeatId;
use crate::protocol::{Event, ServerMsg};
use crate::rules::Rules;
use crate::view::{GameView, Phase, PlayerView, RoundRow, RoundSummary, Standing, You};

type Fields = Map<String, Value>;

/// One server message, or `None` for anything the derived decoder would refuse.
pub fn server_msg(text: &str) -> Option<ServerMsg> {
    parse(text, |f| Some(ServerMsg { round: small(f, "round")?, now: u64_at(f, "now")?, event: event(f)? }))
}

/// A game's public view, as `GET /api/games/{code}` answers it.
pub fn game(text: &str) -> Option<GameView> {
    parse(text, game_view)
}

/// A seat taken, as the API answers it (and as the app keeps it on the device).
pub fn seat_grant(text: &str) -> Option<SeatGrant> {
    parse(text, |f| {
        Some(SeatGrant {
            code: string_at(f, "code")?,
            seat: seat(f, "seat")?,
            name: string_at(f, "name")?,
            token: string_at(f, "token")?,
        })
    })
}

/// The body of a failed API request.
pub fn api_error(text: &str) -> Option<ApiError> {
    parse(text, |f| Some(ApiError { error: unit_at(f, "error")?, reason: string_at(f, "reason")? }))
}

/// Parses `text` once, as a JSON object, and reads it with `read`.
fn parse<T>(text: &str, read: impl FnOnce(&Fields) -> Option<T>) -> Option<T> {
    let value: Value = serde_json::from_str(text).ok()?;
    read(value.as_object()?)
}

fn event(f: &Fields) -> Option<Event> {
    Some(match str_at(f, "type")? {
        "snapshot" => Event::Snapshot { view: game_view(object_at(f, "view")?)? },
        "player_joined" => Event::PlayerJoined { player: player(object_at(f, "player")?)? },
        "player_left" => Event::PlayerLeft { seat: seat(f, "seat")? },
        "forfeited" => Event::Forfeited { seat: seat(f, "seat")? },
        "presence" => Event::Presence {
            seat: seat(f, "seat")?,
            presence: unit_at(f, "presence")?,
            rtt_ms: optional(f, "rtt_ms", u32_of)?,
        },
        "host_changed" => Event::HostChanged { seat: optional(f, "seat", seat_of)? },
        "phase" => Event::Phase { phase: phase(object_at(f, "phase")?)? },
        "your_clicks" => Event::YourClicks { clicks: u32_at(f, "clicks")?, seq: u32_at(f, "seq")? },
        "saved" => Event::Saved { seq: u32_at(f, "seq")? },
        "shipped" => Event::Shipped { seat: seat(f, "seat")? },
        "round_results" => Event::RoundResults { summary: summary(f.get("summary")?)? },
        "game_over" => Event::GameOver { winners: list(f, "winners", seat_of)? },
        "rematch" => Event::Rematch { code: string_at(f, "code")? },
        "probe" => Event::Probe { nonce: u32_at(f, "nonce")? },
        "rejected" => Event::Rejected {
            error: unit_at(f, "error")?,
            reason: string_at(f, "reason")?,
            seq: optional(f, "seq", u32_of)?,
        },
        _ => return None,
    })
}

fn game_view(f: &Fields) -> Option<GameView> {
    Some(GameView {
        code: string_at(f, "code")?,
        visibility: unit_at(f, "visibility")?,
        cap: small(f, "cap")?,
        rules: rules(object_at(f, "rules")?)?,
        phase: phase(object_at(f, "phase")?)?,
        players: list(f, "players", |v| player(object(v)?))?,
        host: optional(f, "host", seat_of)?,
        history: list(f, "history", summary)?,
        winners: list(f, "winners", seat_of)?,
        rematch: optional(f, "rematch", |v| v.as_str().map(String::from))?,
        you: optional(f, "you", |v| {
            let you = object(v)?;
            Some(You {
                seat: seat(you, "seat")?,
                clicks: u32_at(you, "clicks")?,
                seq: u32_at(you, "seq")?,
                saved: u32_at(you, "saved")?,
            })
        })?,
    })
}

fn phase(f: &Fields) -> Option<Phase> {
    Some(match str_at(f, "phase")? {
        "waiting" => Phase::Waiting { starts_at: optional(f, "starts_at", Value::as_u64)? },
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

fn rules(f: &Fields) -> Option<Rules> {
    Some(Rules {
        starting_capital: i64_at(f, "starting_capital")?,
        burn: i64_at(f, "burn")?,
        intermission_ms: u32_at(f, "intermission_ms")?,
        round_ms: u32_at(f, "round_ms")?,
        max_rounds: small(f, "max_rounds")?,
    })
}

fn player(f: &Fields) -> Option<PlayerView> {
    let standing = object_at(f, "standing")?;
    Some(PlayerView {
        seat: seat(f, "seat")?,
        name: string_at(f, "name")?,
        capital: i64_at(f, "capital")?,
        standing: match str_at(standing, "status")? {
            "active" => Standing::Active,
            "eliminated" => Standing::Eliminated { round: small(standing, "round")? },
            "forfeited" => Standing::Forfeited,
            _ => return None,
        },
        presence: unit_at(f, "presence")?,
        rtt_ms: optional(f, "rtt_ms", u32_of)?,
        shipped: f.get("shipped")?.as_bool()?,
    })
}

fn summary(v: &Value) -> Option<RoundSummary> {
    let f = object(v)?;
    Some(RoundSummary {
        round: small(f, "round")?,
        rows: list(f, "rows", |v| {
            let row = object(v)?;
            Some(RoundRow {
                seat: seat(row, "seat")?,
                clicks: u32_at(row, "clicks")?,
                ms: u32_at(row, "ms")?,
                profit: i64_at(row, "profit")?,
                burn: i64_at(row, "burn")?,
                capital: i64_at(row, "capital")?,
                eliminated: row.get("eliminated")?.as_bool()?,
            })
        })?,
    })
}

// Field readers. Each answers `None` where the derived decoder fails: a missing field (but for
// options), a value of another type, or a number out of the field's range.

fn object(v: &Value) -> Option<&Fields> {
    v.as_object()
}

fn object_at<'a>(f: &'a Fields, key: &str) -> Option<&'a Fields> {
    f.get(key)?.as_object()
}

fn str_at<'a>(f: &'a Fields, key: &str) -> Option<&'a str> {
    f.get(key)?.as_str()
}

fn string_at(f: &Fields, key: &str) -> Option<String> {
    str_at(f, key).map(String::from)
}

fn u64_at(f: &Fields, key: &str) -> Option<u64> {
    f.get(key)?.as_u64()
}

fn i64_at(f: &Fields, key: &str) -> Option<i64> {
    f.get(key)?.as_i64()
}

fn u32_of(v: &Value) -> Option<u32> {
    v.as_u64()?.try_into().ok()
}

fn u32_at(f: &Fields, key: &str) -> Option<u32> {
    u32_of(f.get(key)?)
}

fn small_of(v: &Value) -> Option<u8> {
    v.as_u64()?.try_into().ok()
}

fn small(f: &Fields, key: &str) -> Option<u8> {
    small_of(f.get(key)?)
}

fn seat_of(v: &Value) -> Option<SeatId> {
    small_of(v).map(SeatId)
}

fn seat(f: &Fields, key: &str) -> Option<SeatId> {
    seat_of(f.get(key)?)
}

/// A unit enum's variant by its name. Its derived decoder, fed a bare string, knows the names
/// without bringing in the number and float paths of a JSON decoder.
fn unit_at<T: DeserializeOwned>(f: &Fields, key: &str) -> Option<T> {
    T::deserialize(StrDeserializer::<Error>::new(str_at(f, key)?)).ok()
}

/// A missing field and `null` are both `None`; any other value must read as `T`.
fn optional<T>(f: &Fields, key: &str, read: impl Fn(&Value) -> Option<T>) -> Option<Option<T>> {
    match f.get(key) {
        None | Some(Value::Null) => Some(None),
        Some(v) => read(v).map(Some),
    }
}

fn list<T>(f: &Fields, key: &str, read: impl Fn(&Value) -> Option<T>) -> Option<Vec<T>> {
    f.get(key)?.as_array()?.iter().map(read).collect()
}
