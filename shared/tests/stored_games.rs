//! A deploy must not drop running games: a game stored by an earlier version loads, and plays on.

use shared::game::Game;
use shared::ids::{ConnId, SeatId};
use shared::view::Phase;

/// Stored by the version before the network's measure joined fair timing (no `rtt_floor` in a
/// product), 4 s into round 1 of a two-player game: P0 has 20 clicks, P1 shipped at 3 s.
const MID_ROUND: &str = include_str!("stored/mid-round-before-network-measure.json");

#[test]
fn a_game_stored_before_the_network_measure_loads_and_finishes_its_round() {
    let mut game: Game = serde_json::from_str(MID_ROUND).expect("the earlier version's game loads");
    let Phase::Round { round: 1, ends_at, .. } = game.phase() else {
        panic!("stored mid-round: {:?}", game.phase())
    };
    // The players' sockets come back after the deploy, measured or not.
    game.restore_conn(ConnId(1), Some(Some(SeatId(0))), None, ends_at - 5_000);
    game.restore_conn(ConnId(2), Some(Some(SeatId(1))), None, ends_at - 5_000);
    game.handle_restored(ends_at - 5_000);
    game.handle_timeout(ends_at + 1_000);
    let view = game.view(None);
    let rows = &view.history.first().expect("round 1 settled").rows;
    let clicks: Vec<u32> = rows.iter().map(|r| r.clicks).collect();
    assert_eq!(clicks[0], 20, "the clicks stored before the deploy count");
    assert_eq!(rows[1].ms, 3_000, "the ship stored before the deploy stands");
}
