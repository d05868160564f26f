//! One seat in several tabs: every tab numbers its own inputs, so a tap in any tab counts once,
//! whatever the tabs' interleaving, their sockets dropping, a page reloaded, or the runtime
//! restarted between two tabs' taps; and every tab shows the seat's count.

mod sim;

use proptest::prelude::*;
use shared::ids::SeatId;
use shared::journal::Journal;
use shared::rules::Rules;
use shared::view::Phase;
use sim::{Client, Sim};

/// Opens `extra` more tabs of P0's seat, each a page of its own with its own journal.
fn tabs_of_p0(sim: &mut Sim, extra: usize, rtt: u64) -> Vec<usize> {
    let mut tabs = vec![0];
    for _ in 0..extra {
        let i = sim.clients.len();
        sim.clients.push(Client::new("P0", rtt, Some(SeatId(0)), Some("secret-0".into())));
        sim.connect(i);
        tabs.push(i);
    }
    tabs
}

/// Runs to round 1's start, as every tab sees it.
fn into_round_one(sim: &mut Sim) {
    sim.run_to(10_000, |p| matches!(p, Phase::Round { round: 1, .. }));
    sim.advance(300);
}

/// Tab `i` taps `count` times now, on its own screen's clock.
fn tap(sim: &mut Sim, i: usize, count: u32) {
    let start = sim.client(i).round_start.expect("the tab saw the round start");
    let at = u32::try_from(sim.now - start).expect("rounds are short");
    sim.click(i, count, at);
}

/// The seat's clicks as the server counts them.
fn counted(sim: &Sim) -> u32 {
    sim.game.view(Some(SeatId(0))).you.map_or(0, |y| y.clicks)
}

/// The page of tab `i` reloads: a new page with a tab of its own, taking over what the old page
/// kept on the device (its journal, as written to storage), then connecting.
fn reload(sim: &mut Sim, i: usize, new_tab: u32) {
    sim.disconnect(i);
    let kept = Journal::decode(&sim.client(i).journal.encode()).expect("the journal reads back");
    let mut page = Journal::new(0, new_tab);
    page.adopt(kept);
    sim.clients[i].journal = page;
    sim.connect(i);
}

#[test]
fn two_tabs_tapping_in_turn_count_every_tap_and_both_show_them() {
    let mut sim = Sim::started(Rules::default(), &[40, 30]);
    let tabs = tabs_of_p0(&mut sim, 1, 60);
    into_round_one(&mut sim);
    for n in 0..30 {
        tap(&mut sim, tabs[n % 2], 1);
        sim.advance(120);
    }
    sim.run_until_quiet();
    assert_eq!(counted(&sim), 30);
    for &i in &tabs {
        assert_eq!(sim.client(i).journal.clicks(), 30, "tab {i} shows the seat's count");
    }
    sim.ship(tabs[1], 4_000);
    sim.run_until_quiet();
    assert!(sim.client(0).journal.shipped(), "a ship from one tab ships the seat in the other");
    sim.run_to(20_000, |p| matches!(p, Phase::Results { .. }));
    assert_eq!(sim.rows(1)[0].clicks, 30);
}

#[test]
fn two_tabs_do_not_double_the_click_bound() {
    let mut sim = Sim::started(Rules::default(), &[0, 0]);
    let tabs = tabs_of_p0(&mut sim, 1, 0);
    into_round_one(&mut sim);
    // Each tab claims 20 a second for two seconds: the seat may count 20 a second in all.
    for _ in 0..20 {
        sim.advance(100);
        tap(&mut sim, tabs[0], 2);
        tap(&mut sim, tabs[1], 2);
    }
    sim.run_until_quiet();
    let elapsed_s = 2.3;
    assert!(f64::from(counted(&sim)) <= 20.0 * elapsed_s + 5.0, "{} counted", counted(&sim));
    assert_eq!(sim.client(0).journal.clicks(), counted(&sim), "what the screen shows is what counts");
}

#[test]
fn a_kill_between_two_tabs_taps_loses_neither() {
    let mut sim = Sim::started(Rules::default(), &[40, 30]);
    let tabs = tabs_of_p0(&mut sim, 1, 80);
    into_round_one(&mut sim);
    tap(&mut sim, tabs[0], 3);
    sim.advance(200);
    tap(&mut sim, tabs[1], 4);
    sim.advance(100);
    // Counted, not yet stored: the runtime dies with both tabs' sockets.
    assert_eq!(counted(&sim), 7);
    sim.restart_without(&tabs);
    assert_eq!(counted(&sim), 0, "the restart kept nothing of the round's clicks");
    for &i in &tabs {
        sim.connect(i);
    }
    sim.run_until_quiet();
    assert_eq!(counted(&sim), 7);
    sim.run_to(20_000, |p| matches!(p, Phase::Results { .. }));
    assert_eq!(sim.rows(1)[0].clicks, 7);
}

/// What happens to P0's tabs in one step of a property run.
#[derive(Clone, Debug)]
enum Step {
    /// Tab `n` taps `count` times (when its link is up, as the app allows).
    Tap { tab: usize, count: u32 },
    /// Time passes.
    Wait(u64),
    /// Tab `n`'s socket drops.
    Drop(usize),
    /// Tab `n` reconnects, if down, and sends again what is unsaved.
    Reconnect(usize),
    /// Tab `n`'s page reloads, as a new tab taking over what the old one kept.
    Reload(usize),
    /// The runtime dies with every socket of P0's seat.
    Kill,
}

fn step(tabs: usize) -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => (0..tabs, 1..=2u32).prop_map(|(tab, count)| Step::Tap { tab, count }),
        3 => (20..400u64).prop_map(Step::Wait),
        1 => (0..tabs).prop_map(Step::Drop),
        2 => (0..tabs).prop_map(Step::Reconnect),
        1 => (0..tabs).prop_map(Step::Reload),
        1 => Just(Step::Kill),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Whatever the tabs do, in any order, every tap made in round 1 is counted once, and once
    /// every link is up and the wire is quiet, every tab shows the seat's count.
    #[test]
    fn every_tap_of_every_tab_counts_once(
        (extra, steps) in (1..4usize).prop_flat_map(|extra| (Just(extra), prop::collection::vec(step(extra + 1), 1..60))),
        rtts in prop::collection::vec(0..200u64, 4),
    ) {
        let mut sim = Sim::started(Rules::default(), &[rtts[0], 30]);
        let tabs = tabs_of_p0(&mut sim, extra, rtts[1]);
        into_round_one(&mut sim);
        let round_ms = u64::from(Rules::default().round_ms);
        let started = sim.now - 300;
        let mut tapped = 0;
        let mut next_tab = 1_000;
        for step in steps {
            // Taps stop well before the round's end: a tap after it is not the game's to count.
            if sim.now + 1_500 > started + round_ms {
                break;
            }
            match step {
                Step::Tap { tab, count } => {
                    // At most 20 a second in all, as a person: the bound is proven elsewhere.
                    sim.advance(100);
                    let i = tabs[tab];
                    let up = sim.client(i).conn.is_some() && sim.client(i).view.is_some();
                    if up {
                        tap(&mut sim, i, count);
                        tapped += count;
                    }
                }
                Step::Wait(ms) => sim.advance(ms),
                Step::Drop(tab) => sim.disconnect(tabs[tab]),
                Step::Reconnect(tab) => {
                    if sim.client(tabs[tab]).conn.is_none() {
                        sim.connect(tabs[tab]);
                    }
                }
                Step::Reload(tab) => {
                    next_tab += 1;
                    reload(&mut sim, tabs[tab], next_tab);
                }
                Step::Kill => sim.restart_without(&tabs),
            }
        }
        for &i in &tabs {
            if sim.client(i).conn.is_none() {
                sim.connect(i);
            }
        }
        sim.run_until_quiet();
        sim.advance(500);
        sim.run_until_quiet();
        prop_assert_eq!(counted(&sim), tapped);
        for &i in &tabs {
            prop_assert_eq!(sim.client(i).journal.clicks(), tapped, "tab {} shows the seat's count", i);
        }
        sim.run_to(40_000, |p| matches!(p, Phase::Results { .. }));
        prop_assert_eq!(sim.rows(1)[0].clicks, tapped);
    }
}
