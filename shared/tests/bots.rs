//! Bots: a lone quick-play player's company, the host's extra players, and practice. They play by
//! the same rules and bound as people, never alone, and their games end like any other.

mod sim;

use shared::bot::Level;
use shared::ids::SeatId;
use shared::protocol::{ClientMsg, Rejection};
use shared::rules::{
    BOTS_AFTER_MS, BOTS_FILL_TO, BOTS_START_MS, GameConfig, PUBLIC_START_MS, RESULTS_MS, Rules,
};
use shared::view::{GameView, Phase, PlayerView, Presence};
use sim::ledger::{check_money, click_bound};
use sim::{Plan, Sim, T0};

fn bots(view: &GameView) -> Vec<&PlayerView> {
    view.players.iter().filter(|p| p.bot.is_some()).collect()
}

fn people(view: &GameView) -> Vec<&PlayerView> {
    view.players.iter().filter(|p| p.bot.is_none()).collect()
}

/// Longest a game of `rules` takes once started, with room to spare.
fn game_length(rules: &Rules) -> u64 {
    let round = u64::from(rules.intermission_ms) + u64::from(rules.round_ms) * 2 + RESULTS_MS;
    u64::from(rules.max_rounds) * round
}

/// A public game with Ada alone in it, connected.
fn lone_quick_play(seed: u64) -> (Sim, usize) {
    let mut sim = Sim::seeded(GameConfig::public(), seed);
    let ada = sim.player("Ada", 40);
    (sim, ada)
}

fn private(cap: u8, rules: Rules) -> Sim {
    Sim::new(GameConfig::private(cap, rules).expect("valid"))
}

/// A practice game of `rules`: Ada, connected, against a bot of each level.
fn practice(rules: Rules) -> (Sim, usize) {
    let mut sim = private(4, rules);
    let ada = sim.player("Ada", 40);
    sim.practice();
    (sim, ada)
}

fn quick_rules() -> Rules {
    Rules { round_ms: 5_000, intermission_ms: 1_000, max_rounds: 4, ..Rules::default() }
}

#[test]
fn a_lone_quick_play_player_gets_bots_after_fifteen_seconds_and_the_countdown_starts() {
    let (mut sim, ada) = lone_quick_play(7);
    sim.advance(BOTS_AFTER_MS - 100);
    assert!(bots(&sim.game.view(None)).is_empty(), "bots came early");
    assert_eq!(sim.game.phase(), Phase::Waiting { starts_at: None });
    sim.advance(200);
    let view = sim.game.view(None);
    assert_eq!(view.players.len(), BOTS_FILL_TO);
    assert_eq!(bots(&view).len(), BOTS_FILL_TO - 1);
    let filled = T0 + BOTS_AFTER_MS;
    assert_eq!(view.phase, Phase::Waiting { starts_at: Some(filled + BOTS_START_MS) });
    // Everyone shown apart: no bot takes Ada's name or another bot's.
    let mut names: Vec<&str> = view.players.iter().map(|p| p.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), BOTS_FILL_TO, "{names:?}");
    assert!(bots(&view).iter().all(|b| b.presence == Presence::Online && b.rtt_ms.is_none()));
    // Ada's screen shows them (the harness compares every client's view with the game's).
    sim.run_until_quiet();
    assert_eq!(bots(sim.clients[ada].view()).len(), BOTS_FILL_TO - 1);
    sim.run_to(BOTS_START_MS + 100, |p| matches!(p, Phase::Intermission { round: 1, .. }));
    assert_eq!(sim.now, filled + BOTS_START_MS);
}

#[test]
fn a_lone_player_away_gets_bots_only_once_back() {
    let mut sim = Sim::new(GameConfig::public());
    let ada = sim.join("Ada", 40).expect("a free seat");
    sim.advance(3 * BOTS_AFTER_MS);
    assert!(bots(&sim.game.view(None)).is_empty(), "bots for nobody to play with");
    sim.connect(ada);
    sim.advance(100);
    assert_eq!(bots(&sim.game.view(None)).len(), BOTS_FILL_TO - 1);
}

#[test]
fn a_person_arriving_before_the_start_takes_a_bots_place() {
    let (mut sim, _) = lone_quick_play(7);
    sim.advance(BOTS_AFTER_MS + 1_000);
    let starts_at = sim.game.phase();
    let bob = sim.player("Bob", 80);
    let view = sim.game.view(None);
    assert_eq!(view.players.len(), BOTS_FILL_TO, "Bob took a bot's seat, not a free one");
    assert_eq!(people(&view).len(), 2);
    assert_eq!(sim.game.phase(), starts_at, "the countdown goes on");
    sim.run_until_quiet();
    assert!(sim.clients[bob].view().me().is_some());
    // Two more people leave one bot; the game starts when its countdown ends, people first.
    sim.player("Cy", 10);
    sim.player("Dee", 10);
    let view = sim.game.view(None);
    assert_eq!((people(&view).len(), bots(&view).len()), (4, 0));
    sim.run_to(BOTS_START_MS, |p| matches!(p, Phase::Intermission { round: 1, .. }));
}

#[test]
fn two_people_wait_for_each_other_not_for_bots() {
    let (mut sim, _) = lone_quick_play(7);
    sim.advance(BOTS_AFTER_MS / 2);
    sim.player("Bob", 40);
    assert_eq!(sim.game.phase(), Phase::Waiting { starts_at: Some(sim.now + PUBLIC_START_MS) });
    sim.advance(PUBLIC_START_MS - 100);
    assert!(bots(&sim.game.view(None)).is_empty());
}

#[test]
fn bots_never_start_a_public_game_alone() {
    let (mut sim, ada) = lone_quick_play(7);
    sim.advance(BOTS_AFTER_MS + 1_000);
    assert_eq!(bots(&sim.game.view(None)).len(), BOTS_FILL_TO - 1);
    sim.send(ada, &ClientMsg::Leave);
    sim.run_until_quiet();
    assert!(sim.game.view(None).players.is_empty(), "{:?}", sim.game.view(None).players);
    assert_eq!(sim.game.phase(), Phase::Waiting { starts_at: None });
    sim.advance(10 * BOTS_AFTER_MS);
    assert!(matches!(sim.game.phase(), Phase::Waiting { .. } | Phase::Closed));
    assert!(sim.game.view(None).players.is_empty());
}

#[test]
fn bots_do_not_start_a_game_for_people_who_went_away() {
    let (mut sim, ada) = lone_quick_play(7);
    sim.advance(BOTS_AFTER_MS + 1_000);
    assert_eq!(bots(&sim.game.view(None)).len(), BOTS_FILL_TO - 1);
    sim.disconnect(ada);
    sim.advance(BOTS_START_MS);
    assert_eq!(sim.game.phase(), Phase::Waiting { starts_at: None });
    assert!(bots(&sim.game.view(None)).is_empty());
    // Back, Ada gets company again after the usual wait.
    sim.connect(ada);
    sim.advance(BOTS_AFTER_MS + 100);
    assert_eq!(bots(&sim.game.view(None)).len(), BOTS_FILL_TO - 1);
    sim.run_to(BOTS_START_MS + 100, |p| matches!(p, Phase::Intermission { round: 1, .. }));
}

#[test]
fn games_with_bots_end_with_bots_in_the_bound_and_paid_by_the_rules() {
    for seed in 0..12 {
        let (mut sim, ada) = lone_quick_play(seed);
        // Ada plays a steady 9 a second and ships late; some seeds see her go broke.
        sim.clients[ada].plans = vec![Plan::steady(9, 9_000, Some(9_000))];
        let rules = Rules::default();
        sim.advance(BOTS_AFTER_MS + BOTS_START_MS);
        sim.run_to(game_length(&rules), |p| matches!(p, Phase::Over { .. }));
        let view = sim.game.view(None);
        check_money(&rules, &view.history);
        let bot_seats: Vec<SeatId> = bots(&view).iter().map(|b| b.seat).collect();
        let bot_rows = view.history.iter().flat_map(|s| &s.rows).filter(|r| bot_seats.contains(&r.seat));
        let bot_rows: Vec<_> = bot_rows.collect();
        assert!(!bot_rows.is_empty());
        assert!(bot_rows.iter().all(|r| r.clicks <= click_bound(&rules) && r.ms >= 1_000), "seed {seed}");
        // They play: no bot round goes by with nothing built.
        assert!(bot_rows.iter().all(|r| r.clicks > 20), "seed {seed}: {bot_rows:?}");
        // And their results count like anyone's: a bot can win.
        assert!(!view.winners.is_empty(), "seed {seed}");
    }
}

#[test]
fn practice_starts_at_once_against_a_bot_of_each_level() {
    let rules = quick_rules();
    let (mut sim, ada) = practice(rules);
    assert!(matches!(sim.game.phase(), Phase::Intermission { round: 1, .. }), "{:?}", sim.game.phase());
    let view = sim.game.view(None);
    let levels: Vec<Level> = bots(&view).iter().filter_map(|b| b.bot).collect();
    assert_eq!(levels, Level::ALL);
    assert_eq!(view.host, Some(sim.clients[ada].seat.expect("seated")), "a bot never hosts");
    sim.run_to(game_length(&rules), |p| matches!(p, Phase::Over { .. }));
    check_money(&rules, &sim.game.view(None).history);
}

#[test]
fn levels_feel_different_over_a_game() {
    let rules = Rules { max_rounds: 20, burn: 0, ..Rules::default() };
    let (mut sim, _) = practice(rules);
    sim.run_to(game_length(&rules), |p| matches!(p, Phase::Over { .. }));
    let view = sim.game.view(None);
    let rate = |level: Level| {
        let seat = view.players.iter().find(|p| p.bot == Some(level)).expect("one of each").seat;
        let rows = view.history.iter().flat_map(|s| &s.rows).filter(|r| r.seat == seat);
        let (clicks, ms) =
            rows.fold((0u64, 0u64), |(c, m), r| (c + u64::from(r.clicks), m + u64::from(r.ms)));
        clicks as f64 * 1_000.0 / ms as f64
    };
    let (easy, steady, sharp) = (rate(Level::Easy), rate(Level::Steady), rate(Level::Sharp));
    assert!(easy < steady && steady < sharp, "{easy:.1} {steady:.1} {sharp:.1}");
    assert!((6.0..10.0).contains(&easy) && (13.0..18.0).contains(&sharp), "{easy:.1} {sharp:.1}");
}

#[test]
fn the_host_adds_and_removes_bots_and_nobody_else_can() {
    let mut sim = private(4, quick_rules());
    let ada = sim.player("Ada", 40);
    let bob = sim.player("Bob", 40);
    sim.send(bob, &ClientMsg::AddBot { level: Level::Easy });
    sim.send(ada, &ClientMsg::AddBot { level: Level::Sharp });
    sim.run_until_quiet();
    assert_eq!(sim.clients[bob].rejections(), [Rejection::NotHost]);
    let view = sim.game.view(None);
    let bot = bots(&view)[0].clone();
    assert_eq!((view.players.len(), bot.bot), (3, Some(Level::Sharp)));
    let bob_seat = sim.clients[bob].seat.expect("seated");
    sim.send(ada, &ClientMsg::RemoveBot { seat: bob_seat });
    sim.send(bob, &ClientMsg::RemoveBot { seat: bot.seat });
    sim.send(ada, &ClientMsg::RemoveBot { seat: bot.seat });
    sim.run_until_quiet();
    assert_eq!(sim.clients[ada].rejections(), [Rejection::NotABot]);
    assert_eq!(sim.clients[bob].rejections(), [Rejection::NotHost, Rejection::NotHost]);
    assert_eq!(sim.game.view(None).players.len(), 2);
    // Two bots fill the game, which starts as a full one does; a third finds it running.
    for _ in 0..3 {
        sim.send(ada, &ClientMsg::AddBot { level: Level::Steady });
    }
    sim.run_until_quiet();
    assert_eq!(sim.clients[ada].rejections(), [Rejection::NotABot, Rejection::OutOfPhase]);
    assert!(matches!(sim.game.phase(), Phase::Intermission { round: 1, .. } | Phase::Round { .. }));
}

#[test]
fn a_public_game_takes_no_bots_from_anyone() {
    let (mut sim, ada) = lone_quick_play(7);
    sim.send(ada, &ClientMsg::AddBot { level: Level::Easy });
    sim.run_until_quiet();
    assert_eq!(sim.clients[ada].rejections(), [Rejection::NotHost]);
}

#[test]
fn when_the_host_leaves_the_next_person_hosts_and_bots_go_with_the_last() {
    let mut sim = private(6, quick_rules());
    let ada = sim.player("Ada", 40);
    let bob = sim.player("Bob", 40);
    sim.run_until_quiet();
    sim.send(ada, &ClientMsg::AddBot { level: Level::Easy });
    sim.send(ada, &ClientMsg::Leave);
    sim.run_until_quiet();
    let view = sim.game.view(None);
    assert_eq!(view.host, sim.clients[bob].seat);
    // A private game with people leaving starts by its host, not by a clock.
    assert_eq!(view.phase, Phase::Waiting { starts_at: None });
    sim.send(bob, &ClientMsg::Leave);
    sim.run_until_quiet();
    let view = sim.game.view(None);
    assert!(view.players.is_empty() && view.host.is_none(), "{view:?}");
}

#[test]
fn nobody_can_take_a_bots_seat() {
    let (mut sim, _) = practice(quick_rules());
    let mallory = sim.outsider(20, Some(""));
    sim.run_until_quiet();
    assert_eq!(sim.clients[mallory].rejections(), [Rejection::BadToken]);
}

#[test]
fn when_every_person_forfeits_the_bots_stop() {
    let (mut sim, ada) = practice(quick_rules());
    sim.run_to(10_000, |p| matches!(p, Phase::Round { round: 1, .. }));
    sim.send(ada, &ClientMsg::Leave);
    sim.run_until_quiet();
    assert!(matches!(sim.game.phase(), Phase::Over { .. }), "{:?}", sim.game.phase());
}

#[test]
fn a_restart_mid_round_plays_the_bots_on_as_if_nothing_happened() {
    let rules = quick_rules();
    let run = |restart_at: Option<u64>| {
        let (mut sim, _) = practice(rules);
        sim.run_to(10_000, |p| matches!(p, Phase::Round { round: 1, .. }));
        if let Some(at) = restart_at {
            sim.advance(at);
            sim.restart();
        }
        sim.run_to(20_000, |p| matches!(p, Phase::Results { round: 1, .. }));
        sim.rows(1)
    };
    let steady = run(None);
    let bots_only =
        |rows: Vec<shared::view::RoundRow>| rows.into_iter().filter(|r| r.seat.0 > 0).collect::<Vec<_>>();
    // Every 310 ms of the round: between batches, right after a bot's ship (which waits for the
    // next coalesced save), before the last.
    for at in (1..16).map(|k| k * 310) {
        assert_eq!(bots_only(run(Some(at))), bots_only(steady.clone()), "restart at {at} ms");
    }
}
