//! The wire format, pinned: an accidental change to any message's JSON fails here, before a
//! deployed client and server stop understanding each other.

use std::fmt::Debug;

use serde::Serialize;
use serde::de::DeserializeOwned;
use shared::api::{ApiError, ApiErrorCode, SeatGrant};
use shared::bot::Level;
use shared::ids::SeatId;
use shared::protocol::{
    ClientMsg, Event, HEARTBEAT_ANSWER, HEARTBEAT_FRAME, MAX_FRAME_BYTES, Rejection, ServerMsg,
    decode_client, encode_server,
};
use shared::rules::{Rules, Visibility};
use shared::view::{GameView, Phase, PlayerView, Presence, RoundRow, RoundSummary, Standing, TabMark, You};

/// `value` encodes to exactly `json`, and `json` decodes back to `value`.
fn pin<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: &T, json: &str) {
    assert_eq!(serde_json::to_string(value).expect("encodes"), json);
    assert_eq!(&serde_json::from_str::<T>(json).expect("decodes"), value);
}

/// A server message in round 1 at a fixed time, pinned through `encode_server`.
fn pin_event(event: Event, json_after_now: &str) {
    let msg = ServerMsg { round: 1, now: 1_700_000_000_000, event };
    let json = format!(r#"{{"round":1,"now":1700000000000,{json_after_now}}}"#);
    assert_eq!(encode_server(&msg), json);
    pin(&msg, &json);
    // The app's reader agrees with the derived decoder.
    if let Event::Snapshot { view } = &msg.event {
        let view_json = serde_json::to_string(view).expect("encodes");
        assert_eq!(shared::read::game(&view_json).as_ref(), Some(view));
    }
    assert_eq!(shared::read::server_msg(&json), Some(msg));
}

#[test]
fn client_messages() {
    let cases = [
        (
            ClientMsg::Hello { protocol: 1, token: Some("t0k3n".into()) },
            r#"{"type":"hello","protocol":1,"token":"t0k3n"}"#,
        ),
        (ClientMsg::Hello { protocol: 1, token: None }, r#"{"type":"hello","protocol":1,"token":null}"#),
        (ClientMsg::Heartbeat, r#"{"type":"heartbeat"}"#),
        (ClientMsg::ProbeAck { nonce: 7 }, r#"{"type":"probe_ack","nonce":7}"#),
        (ClientMsg::Start, r#"{"type":"start"}"#),
        (
            ClientMsg::Click { round: 2, tab: 1, seq: 7, count: 3, at: 1250 },
            r#"{"type":"click","round":2,"tab":1,"seq":7,"count":3,"at":1250}"#,
        ),
        (
            ClientMsg::Ship { round: 2, tab: 1, seq: 8, at: 9000 },
            r#"{"type":"ship","round":2,"tab":1,"seq":8,"at":9000}"#,
        ),
        (ClientMsg::Leave, r#"{"type":"leave"}"#),
        (ClientMsg::AddBot { level: Level::Sharp }, r#"{"type":"add_bot","level":"sharp"}"#),
        (ClientMsg::RemoveBot { seat: SeatId(3) }, r#"{"type":"remove_bot","seat":3}"#),
    ];
    for (msg, json) in cases {
        pin(&msg, json);
        assert_eq!(decode_client(json), Ok(msg));
    }
}

#[test]
fn a_spectator_may_leave_the_token_out() {
    assert_eq!(
        decode_client(r#"{"type":"hello","protocol":1}"#),
        Ok(ClientMsg::Hello { protocol: 1, token: None })
    );
}

fn ada() -> PlayerView {
    PlayerView {
        seat: SeatId(1),
        name: "Ada".into(),
        capital: 30_000,
        standing: Standing::Active,
        presence: Presence::Online,
        rtt_ms: Some(42),
        shipped: false,
        bot: None,
    }
}

fn summary() -> RoundSummary {
    let row = |seat, clicks, profit, capital, eliminated| RoundRow {
        seat: SeatId(seat),
        clicks,
        ms: 10_000,
        profit,
        burn: 5_000,
        capital,
        eliminated,
    };
    RoundSummary { round: 2, rows: vec![row(0, 100, 5_000, 30_000, false), row(1, 0, 0, 0, true)] }
}

#[test]
fn snapshot() {
    let out = PlayerView {
        seat: SeatId(2),
        name: "Bo".into(),
        standing: Standing::Eliminated { round: 2 },
        shipped: true,
        ..ada()
    };
    let gone = PlayerView {
        seat: SeatId(3),
        name: "Cy".into(),
        standing: Standing::Forfeited,
        presence: Presence::Away,
        rtt_ms: None,
        ..ada()
    };
    let view = GameView {
        code: "abcdefghjkmn".into(),
        visibility: Visibility::Private,
        cap: 4,
        rules: Rules::default(),
        phase: Phase::Results { round: 2, next_at: 18_000 },
        players: vec![ada(), out, gone],
        host: Some(SeatId(1)),
        history: vec![summary()],
        winners: vec![],
        rematch: None,
        you: Some(You {
            seat: SeatId(1),
            clicks: 12,
            tabs: vec![TabMark { tab: 9, seq: 3, saved: 2 }, TabMark { tab: 0, seq: 1, saved: 1 }],
            shipped_ms: Some(2_450),
        }),
    };
    pin_event(
        Event::Snapshot { view },
        concat!(
            r#""type":"snapshot","view":{"code":"abcdefghjkmn","visibility":"private","cap":4,"#,
            r#""rules":{"starting_capital":30000,"burn":5000,"intermission_ms":3000,"round_ms":10000,"max_rounds":10},"#,
            r#""phase":{"phase":"results","round":2,"next_at":18000},"players":["#,
            r#"{"seat":1,"name":"Ada","capital":30000,"standing":{"status":"active"},"presence":"online","rtt_ms":42,"shipped":false},"#,
            r#"{"seat":2,"name":"Bo","capital":30000,"standing":{"status":"eliminated","round":2},"presence":"online","rtt_ms":42,"shipped":true},"#,
            r#"{"seat":3,"name":"Cy","capital":30000,"standing":{"status":"forfeited"},"presence":"away","rtt_ms":null,"shipped":false}],"#,
            r#""host":1,"history":[{"round":2,"rows":["#,
            r#"{"seat":0,"clicks":100,"ms":10000,"profit":5000,"burn":5000,"capital":30000,"eliminated":false},"#,
            r#"{"seat":1,"clicks":0,"ms":10000,"profit":0,"burn":5000,"capital":0,"eliminated":true}]}],"#,
            r#""winners":[],"rematch":null,"you":{"seat":1,"clicks":12,"#,
            r#""tabs":[{"tab":9,"seq":3,"saved":2},{"tab":0,"seq":1,"saved":1}],"shipped_ms":2450}}"#
        ),
    );
}

#[test]
fn seats_and_presence() {
    let bob =
        PlayerView { seat: SeatId(2), name: "Bob".into(), presence: Presence::Away, rtt_ms: None, ..ada() };
    pin_event(
        Event::PlayerJoined { player: bob },
        r#""type":"player_joined","player":{"seat":2,"name":"Bob","capital":30000,"standing":{"status":"active"},"presence":"away","rtt_ms":null,"shipped":false}"#,
    );
    let bot =
        PlayerView { seat: SeatId(4), name: "Grace".into(), rtt_ms: None, bot: Some(Level::Easy), ..ada() };
    pin_event(
        Event::PlayerJoined { player: bot },
        r#""type":"player_joined","player":{"seat":4,"name":"Grace","capital":30000,"standing":{"status":"active"},"presence":"online","rtt_ms":null,"shipped":false,"bot":"easy"}"#,
    );
    pin_event(Event::PlayerLeft { seat: SeatId(2) }, r#""type":"player_left","seat":2"#);
    pin_event(Event::Forfeited { seat: SeatId(3) }, r#""type":"forfeited","seat":3"#);
    pin_event(
        Event::Presence { seat: SeatId(1), presence: Presence::Online, rtt_ms: Some(120) },
        r#""type":"presence","seat":1,"presence":"online","rtt_ms":120"#,
    );
    pin_event(
        Event::Presence { seat: SeatId(1), presence: Presence::Away, rtt_ms: None },
        r#""type":"presence","seat":1,"presence":"away","rtt_ms":null"#,
    );
    pin_event(Event::HostChanged { seat: Some(SeatId(1)) }, r#""type":"host_changed","seat":1"#);
    pin_event(Event::HostChanged { seat: None }, r#""type":"host_changed","seat":null"#);
    pin_event(Event::Probe { nonce: 9 }, r#""type":"probe","nonce":9"#);
}

#[test]
fn phases() {
    let cases = [
        (Phase::Waiting { starts_at: None }, r#"{"phase":"waiting","starts_at":null}"#),
        (Phase::Waiting { starts_at: Some(20_000) }, r#"{"phase":"waiting","starts_at":20000}"#),
        (
            Phase::Intermission { round: 1, starts_at: 3_000 },
            r#"{"phase":"intermission","round":1,"starts_at":3000}"#,
        ),
        (
            Phase::Round { round: 1, started_at: 3_000, ends_at: 13_000 },
            r#"{"phase":"round","round":1,"started_at":3000,"ends_at":13000}"#,
        ),
        (Phase::Results { round: 1, next_at: 18_000 }, r#"{"phase":"results","round":1,"next_at":18000}"#),
        (Phase::Over { ended_at: 99_000 }, r#"{"phase":"over","ended_at":99000}"#),
        (Phase::Closed, r#"{"phase":"closed"}"#),
    ];
    for (phase, json) in cases {
        pin_event(Event::Phase { phase }, &format!(r#""type":"phase","phase":{json}"#));
    }
}

#[test]
fn rounds_and_the_end() {
    pin_event(
        Event::YourClicks { clicks: 17, tab: 9, seq: 4 },
        r#""type":"your_clicks","clicks":17,"tab":9,"seq":4"#,
    );
    pin_event(Event::Saved { tab: 9, seq: 4 }, r#""type":"saved","tab":9,"seq":4"#);
    pin_event(Event::YourShip { ms: 2_450 }, r#""type":"your_ship","ms":2450"#);
    pin_event(Event::Shipped { seat: SeatId(0) }, r#""type":"shipped","seat":0"#);
    pin_event(
        Event::RoundResults { summary: summary() },
        concat!(
            r#""type":"round_results","summary":{"round":2,"rows":["#,
            r#"{"seat":0,"clicks":100,"ms":10000,"profit":5000,"burn":5000,"capital":30000,"eliminated":false},"#,
            r#"{"seat":1,"clicks":0,"ms":10000,"profit":0,"burn":5000,"capital":0,"eliminated":true}]}"#
        ),
    );
    pin_event(
        Event::GameOver { winners: vec![SeatId(0), SeatId(2)] },
        r#""type":"game_over","winners":[0,2]"#,
    );
    pin_event(Event::Rematch { code: "pqrstuvwxyz2".into() }, r#""type":"rematch","code":"pqrstuvwxyz2""#);
}

#[test]
fn rejections() {
    let cases = [
        (Rejection::ProtocolMismatch, "protocol_mismatch"),
        (Rejection::HelloFirst, "hello_first"),
        (Rejection::BadToken, "bad_token"),
        (Rejection::FrameTooLarge, "frame_too_large"),
        (Rejection::BadJson, "bad_json"),
        (Rejection::UnknownMessage, "unknown_message"),
        (Rejection::OutOfPhase, "out_of_phase"),
        (Rejection::NotAPlayer, "not_a_player"),
        (Rejection::Eliminated, "eliminated"),
        (Rejection::NotHost, "not_host"),
        (Rejection::NotEnoughPlayers, "not_enough_players"),
        (Rejection::AlreadyShipped, "already_shipped"),
        (Rejection::Flood, "flood"),
        (Rejection::GameClosed, "game_closed"),
        (Rejection::OtherRound, "other_round"),
        (Rejection::SeqAhead, "seq_ahead"),
        (Rejection::Unrestorable, "unrestorable"),
        (Rejection::Full, "full"),
        (Rejection::NotABot, "not_a_bot"),
        (Rejection::TooManyTabs, "too_many_tabs"),
    ];
    for (error, name) in cases {
        let reason = error.reason().to_string();
        assert!(!reason.is_empty());
        pin_event(
            Event::Rejected { error, reason: reason.clone(), tab: None, seq: None },
            &format!(r#""type":"rejected","error":"{name}","reason":"{reason}""#),
        );
    }
    pin_event(
        Event::Rejected {
            error: Rejection::AlreadyShipped,
            reason: Rejection::AlreadyShipped.reason().into(),
            tab: Some(9),
            seq: Some(5),
        },
        r#""type":"rejected","error":"already_shipped","reason":"You already shipped this round.","tab":9,"seq":5"#,
    );
}

#[test]
fn the_heartbeat_is_the_text_the_runtime_answers_and_its_answer_is_no_server_message() {
    // The runtime matches the frame byte for byte: every writer of the heartbeat must agree.
    assert_eq!(serde_json::to_string(&ClientMsg::Heartbeat).expect("encodes"), HEARTBEAT_FRAME);
    assert_eq!(shared::write::client_msg(&ClientMsg::Heartbeat), HEARTBEAT_FRAME);
    assert_eq!(decode_client(HEARTBEAT_FRAME), Ok(ClientMsg::Heartbeat));
    // A client that does not know the answer drops it rather than misreading it.
    assert!(serde_json::from_str::<ServerMsg>(HEARTBEAT_ANSWER).is_err());
    assert!(shared::read::server_msg(HEARTBEAT_ANSWER).is_none());
}

#[test]
fn frames_over_four_kib_are_refused_unread() {
    let heartbeat = r#"{"type":"heartbeat"}"#;
    let at_limit = format!("{heartbeat:<width$}", width = MAX_FRAME_BYTES);
    assert_eq!(at_limit.len(), 4096);
    assert_eq!(decode_client(&at_limit), Ok(ClientMsg::Heartbeat));
    let over = format!("{at_limit} ");
    assert_eq!(decode_client(&over), Err(Rejection::FrameTooLarge));
    // Bytes count, not characters: 1,366 three-byte characters are 4,098 bytes.
    let wide = format!(r#"{{"type":"hello","protocol":1,"token":"{}"}}"#, "€".repeat(1_366));
    assert_eq!(decode_client(&wide), Err(Rejection::FrameTooLarge));
}

#[test]
fn bad_json_is_refused() {
    for frame in ["", "{", "hello", r#"{"type":"start""#, "{'type':'start'}", "\u{0}"] {
        assert_eq!(decode_client(frame), Err(Rejection::BadJson), "{frame:?}");
    }
}

#[test]
fn unknown_messages_are_refused() {
    let frames = [
        r#"{"type":"teleport"}"#,
        r#"{"type":"Start"}"#,
        r#"{"kind":"start"}"#,
        r#"{"type":"click","count":1}"#,
        r#"{"type":"ship","at":-1}"#,
        r#"{"type":"click","count":4294967296,"at":0}"#,
        r#"{"type":"hello","protocol":"1"}"#,
        r#"{"type":"ship","at":1,"bonus":5}"#,
        r#"{"type":"heartbeat","x":1}"#,
        r#"{"type":"start","protocol":1}"#,
        r#"{"type":"leave","token":null}"#,
        "[]",
        "42",
        "null",
    ];
    for frame in frames {
        assert_eq!(decode_client(frame), Err(Rejection::UnknownMessage), "{frame}");
    }
}

/// What the derived decoder refuses, the app's reader refuses too, rather than guess.
#[test]
fn the_reader_refuses_what_the_derived_decoder_refuses() {
    let cases = [
        r#"{"round":1,"now":5,"type":"shipped"}"#,
        r#"{"round":1,"now":5,"type":"shipped","seat":256}"#,
        r#"{"round":1,"now":5,"type":"shipped","seat":-1}"#,
        r#"{"round":1,"now":5,"type":"shipped","seat":1.5}"#,
        r#"{"round":1,"now":5,"type":"shipped","seat":"1"}"#,
        r#"{"round":256,"now":5,"type":"shipped","seat":1}"#,
        r#"{"now":5,"type":"shipped","seat":1}"#,
        r#"{"round":1,"now":-5,"type":"shipped","seat":1}"#,
        r#"{"round":1,"now":5,"type":"launched","seat":1}"#,
        r#"{"round":1,"now":5,"seat":1}"#,
        r#"{"round":1,"now":5,"type":"your_clicks","clicks":4294967296}"#,
        r#"{"round":1,"now":5,"type":"phase","phase":{"phase":"round","round":1}}"#,
        r#"{"round":1,"now":5,"type":"phase","phase":{"phase":"paused"}}"#,
        r#"{"round":1,"now":5,"type":"phase","phase":{"phase":"waiting","starts_at":"soon"}}"#,
        r#"{"round":1,"now":5,"type":"presence","seat":1,"presence":"busy","rtt_ms":null}"#,
        r#"{"round":1,"now":5,"type":"rejected","error":"teapot","reason":"no"}"#,
        r#"{"round":1,"now":5,"type":"game_over","winners":[0,"1"]}"#,
        r#"{"round":1,"now":5,"type":"round_results","summary":{"round":1,"rows":[{"seat":0}]}}"#,
        r#"{"round":1,"now":5,"type":"player_joined","player":{"seat":2,"name":"Bob","capital":1,"standing":{"status":"asleep"},"presence":"away","rtt_ms":null,"shipped":false}}"#,
        r#"[1,5,"shipped",1]"#,
        r#""shipped""#,
        "",
    ];
    for json in cases {
        assert!(serde_json::from_str::<ServerMsg>(json).is_err(), "the derived decoder takes {json}");
        assert_eq!(shared::read::server_msg(json), None, "{json}");
    }
    // Options may be left out, as with the derived decoder; other fields are ignored.
    let loose = r#"{"round":1,"now":5,"type":"presence","seat":1,"presence":"away","extra":[1]}"#;
    let expected = ServerMsg {
        round: 1,
        now: 5,
        event: Event::Presence { seat: SeatId(1), presence: Presence::Away, rtt_ms: None },
    };
    assert_eq!(serde_json::from_str::<ServerMsg>(loose).ok(), Some(expected.clone()));
    assert_eq!(shared::read::server_msg(loose), Some(expected));
}

/// The API's answers, pinned, and read by the app as the derived decoder reads them.
#[test]
fn api_answers() {
    let grant =
        SeatGrant { code: "abcdefghjkmn".into(), seat: SeatId(3), name: "Ada".into(), token: "t0k3n".into() };
    let json = r#"{"code":"abcdefghjkmn","seat":3,"name":"Ada","token":"t0k3n"}"#;
    pin(&grant, json);
    assert_eq!(shared::read::seat_grant(json), Some(grant));
    assert_eq!(
        shared::read::seat_grant(r#"{"code":"abcdefghjkmn","seat":300,"name":"Ada","token":"t"}"#),
        None
    );
    assert_eq!(shared::read::seat_grant(r#"{"code":"abcdefghjkmn","seat":3,"name":"Ada"}"#), None);
    let cases = [
        (ApiErrorCode::BadRequest, "bad_request"),
        (ApiErrorCode::BadName, "bad_name"),
        (ApiErrorCode::NotFound, "not_found"),
        (ApiErrorCode::Full, "full"),
        (ApiErrorCode::Started, "started"),
        (ApiErrorCode::NoRoute, "no_route"),
        (ApiErrorCode::BadMethod, "bad_method"),
        (ApiErrorCode::Internal, "internal"),
        (ApiErrorCode::TooMany, "too_many"),
        (ApiErrorCode::Forbidden, "forbidden"),
    ];
    for (code, name) in cases {
        let error = ApiError::new(code, "Why.");
        let json = format!(r#"{{"error":"{name}","reason":"Why."}}"#);
        pin(&error, &json);
        assert_eq!(shared::read::api_error(&json), Some(error));
    }
    assert_eq!(shared::read::api_error(r#"{"error":"teapot","reason":"Why."}"#), None);
    assert_eq!(shared::read::api_error(r#"{"error":1,"reason":"Why."}"#), None);
}

/// Both visibilities and presences, which the snapshot above shows one of.
#[test]
fn the_reader_reads_every_visibility_and_presence() {
    for (visibility, presence) in
        [(Visibility::Public, Presence::Online), (Visibility::Private, Presence::Away)]
    {
        let view = GameView {
            code: "abcdefghjkmn".into(),
            visibility,
            cap: 6,
            rules: Rules::default(),
            phase: Phase::Waiting { starts_at: None },
            players: vec![PlayerView { presence, ..ada() }],
            host: None,
            history: vec![],
            winners: vec![],
            rematch: Some("pqrstuvwxyz2".into()),
            you: None,
        };
        let json = serde_json::to_string(&view).expect("encodes");
        assert_eq!(shared::read::game(&json), Some(view));
    }
}
