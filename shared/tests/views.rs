//! The contract between the server and every screen (SPEC §4): a snapshot on (re)connect, then
//! deltas, add up to what the game itself would show that socket. The harness compares every
//! client's view with `Game::view` whenever nothing is on its way to a client; this scenario
//! walks a public game through everything that changes a view.

mod sim;

use shared::ids::SeatId;
use shared::protocol::ClientMsg;
use shared::rules::{GameConfig, Rules, Visibility};
use shared::view::{Phase, Presence};
use sim::{Plan, Sim};

fn round(n: u8) -> impl Fn(&Phase) -> bool {
    move |p| matches!(p, Phase::Round { round, .. } if *round == n)
}

#[test]
fn snapshot_then_deltas_add_up_to_the_game_through_a_whole_game() {
    let rules = Rules { max_rounds: 5, ..Rules::default() };
    let mut sim = Sim::new(GameConfig { visibility: Visibility::Public, cap: 6, rules });
    let ada = sim.player("Ada", 30);
    let early_watcher = sim.outsider(70, None);
    sim.advance(1_000);
    let bob = sim.player("Bob", 120);
    let cy = sim.player("  Ada ", 0);
    assert_eq!(sim.client(cy).name, "Ada 2");
    sim.advance(2_000);
    sim.send(cy, &ClientMsg::Leave);
    sim.advance(1_000);
    sim.disconnect(cy);
    let dee = sim.player("Dee", 250);
    sim.advance(1_000);
    sim.disconnect(ada);
    sim.advance(3_000);
    assert_eq!(sim.view(bob).host, Some(SeatId(1)), "the host went away");
    sim.connect(ada);
    for (i, rate) in [(ada, 9), (bob, 13), (dee, 17)] {
        sim.clients[i].plans = vec![Plan::steady(rate, 10_000, None), Plan::steady(rate, 8_000, Some(8_000))];
    }

    sim.run_to(60_000, round(2));
    sim.advance(4_000);
    sim.send(bob, &ClientMsg::Leave);
    sim.run_to(60_000, round(3));
    sim.advance(2_500);
    sim.restart();
    sim.advance(1_000);
    sim.disconnect(dee);
    sim.run_to(60_000, round(4));
    sim.advance(1_000);
    sim.connect(dee);
    let late_watcher = sim.outsider(10, None);
    sim.run_to(60_000, |p| matches!(p, Phase::Over { .. }));
    sim.run_until_quiet();
    sim.rematch("again2345abc");
    sim.advance(2_000);

    for i in [ada, early_watcher, bob, dee, late_watcher] {
        let c = sim.client(i);
        let seat = c.conn.and_then(|conn| sim.game.hello_of(conn)).flatten();
        assert_eq!(c.view.as_ref(), Some(&sim.game.view(seat)), "{}", c.name);
    }
    let seen = sim.view(late_watcher);
    assert_eq!((seen.history.len(), seen.rematch.as_deref()), (5, Some("again2345abc")));
    assert_eq!(seen.player(SeatId(3)).map(|p| p.presence), Some(Presence::Online));
    assert!(seen.player(SeatId(2)).is_none(), "the seat left in the waiting room is gone");
    assert!(sim.views_checked > 500, "compared {} times", sim.views_checked);
}

#[test]
fn final_standings_rank_winners_then_capital_then_how_long_the_broke_lasted() {
    use shared::view::{GameView, PlayerView, Standing};
    let player = |seat: u8, capital: i64, standing: Standing| PlayerView {
        seat: SeatId(seat),
        name: format!("P{seat}"),
        capital,
        standing,
        presence: Presence::Online,
        rtt_ms: None,
        shipped: false,
        bot: None,
    };
    let view = GameView {
        code: "abcdefghjkmn".into(),
        visibility: Visibility::Private,
        cap: 6,
        rules: Rules::default(),
        phase: Phase::Over { ended_at: 1 },
        players: vec![
            player(0, -2_000, Standing::Eliminated { round: 1 }),
            player(1, 9_000, Standing::Active),
            player(2, 40_000, Standing::Forfeited),
            player(3, 12_000, Standing::Active),
            player(4, -500, Standing::Eliminated { round: 3 }),
            player(5, 12_000, Standing::Active),
        ],
        host: None,
        history: vec![],
        winners: vec![SeatId(3), SeatId(5)],
        rematch: None,
        you: None,
    };
    let ranked: Vec<(usize, u8)> = view.standings().into_iter().map(|(rank, p)| (rank, p.seat.0)).collect();
    // A shared win shares first place; whoever left ranks last, whatever they had.
    assert_eq!(ranked, [(1, 3), (1, 5), (3, 1), (4, 4), (5, 0), (6, 2)]);
}
