//! `shared::write` writes every client message and API body as `serde_json` does, byte for byte.

use proptest::prelude::*;
use shared::api::{CreateGame, JoinGame, SeatGrant};
use shared::bot::Level;
use shared::ids::SeatId;
use shared::protocol::ClientMsg;
use shared::rules::Rules;
use shared::write;

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("serializable")
}

#[test]
fn every_client_message_is_written_as_serde_writes_it() {
    let messages = [
        ClientMsg::Hello { protocol: 2, token: Some("a\"b\\c".into()) },
        ClientMsg::Hello { protocol: 2, token: None },
        ClientMsg::Heartbeat,
        ClientMsg::ProbeAck { nonce: u32::MAX },
        ClientMsg::Start,
        ClientMsg::Click { round: 255, tab: u32::MAX, seq: 7, count: 3, at: 9_999 },
        ClientMsg::Ship { round: 1, tab: 0, seq: 8, at: 0 },
        ClientMsg::Leave,
        ClientMsg::AddBot { level: Level::Easy },
        ClientMsg::AddBot { level: Level::Steady },
        ClientMsg::AddBot { level: Level::Sharp },
        ClientMsg::RemoveBot { seat: SeatId(255) },
    ];
    for msg in messages {
        assert_eq!(write::client_msg(&msg), json(&msg));
    }
    let rules = Rules { starting_capital: -1, burn: i64::MAX, ..Rules::default() };
    for rules in [None, Some(rules)] {
        let request = CreateGame { name: "Ada".into(), cap: 10, rules, practice: false };
        assert_eq!(write::create_game(&request), json(&request));
    }
}

proptest! {
    #[test]
    fn any_name_is_written_as_serde_writes_it(name in any::<String>(), token in "[ -~]{0,40}", seat in any::<u8>()) {
        let join = JoinGame { name: name.clone() };
        prop_assert_eq!(write::join_game(&join), json(&join));
        let create = CreateGame { name: name.clone(), cap: 4, rules: None, practice: true };
        prop_assert_eq!(write::create_game(&create), json(&create));
        let grant = SeatGrant { code: "abcdefghjkmn".into(), seat: SeatId(seat), name, token };
        prop_assert_eq!(write::seat_grant(&grant), json(&grant));
    }
}

#[test]
fn control_characters_are_escaped_as_serde_escapes_them() {
    let name: String = (0u8..0x20).map(char::from).chain("\"\\/\u{7f}\u{2028}é😀".chars()).collect();
    let join = JoinGame { name };
    assert_eq!(write::join_game(&join), json(&join));
}
