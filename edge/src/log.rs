//! The operator's log: one JSON line per game event and per error path, readable in
//! `wrangler tail` and Workers Logs (which index the fields of a JSON line). A line names the
//! game's code, never a seat token or a player's name.

use serde::Serialize;
use serde_json::{Map, Value};
use shared::game::Record;

/// Trouble the adapters meet outside the game itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Trouble {
    /// The stored game could not be read back; its players are told it cannot be restored.
    StoredGameUnreadable { version: Option<u64>, error: String },
    /// A request or event failed inside the Worker; the caller got a 500 or the socket a 1011.
    InternalError { during: &'static str, error: String },
    /// An address asked for more new games than its allowance and got 429.
    RateLimited { route: &'static str },
    /// An operator's route was asked without the operator's secret.
    UsageRefused,
}

/// The JSON line for a game's record.
pub fn record_line(code: &str, record: &Record) -> String {
    line(if record.is_error() { "error" } else { "info" }, Some(code), record)
}

impl Trouble {
    /// Errors are ours to fix; warnings are clients misbehaving, refused as designed.
    fn is_error(&self) -> bool {
        matches!(self, Self::StoredGameUnreadable { .. } | Self::InternalError { .. })
    }
}

/// The JSON line for trouble, with the game's code where it is known.
pub fn trouble_line(code: Option<&str>, trouble: &Trouble) -> String {
    line(if trouble.is_error() { "error" } else { "warn" }, code, trouble)
}

fn line(level: &str, code: Option<&str>, what: &impl Serialize) -> String {
    let mut fields = Map::new();
    fields.insert("level".into(), level.into());
    if let Some(code) = code {
        fields.insert("code".into(), code.into());
    }
    if let Ok(Value::Object(body)) = serde_json::to_value(what) {
        fields.extend(body);
    }
    Value::Object(fields).to_string()
}

/// Writes a game's record to the log.
pub fn record(code: &str, record: &Record) {
    emit(record.is_error(), &record_line(code, record));
}

/// Writes trouble to the log.
pub fn trouble(code: Option<&str>, trouble: &Trouble) {
    emit(trouble.is_error(), &trouble_line(code, trouble));
}

fn emit(error: bool, line: &str) {
    // console.error and console.log: Workers Logs keeps the level of each.
    if error {
        worker::console_error!("{line}");
    } else {
        worker::console_log!("{line}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::game::CleanUp;
    use shared::ids::ConnId;
    use shared::protocol::Rejection;

    fn parsed(line: &str) -> Value {
        serde_json::from_str(line).expect("a log line is JSON")
    }

    #[test]
    fn a_record_is_one_json_line_with_its_code() {
        let line = record_line("abcdefghjkmn", &Record::RoundSettled { round: 2, active: 3, eliminated: 1 });
        assert!(!line.contains('\n'));
        let v = parsed(&line);
        assert_eq!(v["event"], "round_settled");
        assert_eq!(v["code"], "abcdefghjkmn");
        assert_eq!(v["level"], "info");
        assert_eq!(v["round"], 2);
        let cleaned = parsed(&record_line("c", &Record::CleanedUp { reason: CleanUp::Expired }));
        assert_eq!(cleaned["reason"], "expired");
    }

    #[test]
    fn trouble_in_the_game_is_an_error() {
        let v = parsed(&record_line("c", &Record::FloodClosed { conn: ConnId(4), last: Rejection::Flood }));
        assert_eq!(
            (v["level"].as_str(), v["event"].as_str(), v["last"].as_str()),
            (Some("error"), Some("flood_closed"), Some("flood"))
        );
        let v = parsed(&record_line("c", &Record::BadSeatToken { conn: ConnId(1) }));
        assert_eq!(v["event"], "bad_seat_token");
        assert_eq!(v["level"], "error");
    }

    #[test]
    fn trouble_outside_the_game_names_what_is_known() {
        let unreadable = Trouble::StoredGameUnreadable { version: Some(1), error: "missing field".into() };
        let v = parsed(&trouble_line(Some("c"), &unreadable));
        assert_eq!((v["event"].as_str(), v["version"].as_u64()), (Some("stored_game_unreadable"), Some(1)));
        let v = parsed(&trouble_line(None, &Trouble::RateLimited { route: "create" }));
        assert_eq!(v.get("code"), None);
        assert_eq!(v["level"], "warn");
    }
}
