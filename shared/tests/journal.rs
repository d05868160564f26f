//! A page's journal of one round: batches, numbers per tab, what the server said, the count on
//! screen, and what a page takes over from pages gone.

use shared::ids::SeatId;
use shared::journal::Journal;
use shared::protocol::Rejection;
use shared::protocol::{ClientMsg, Event, TabId};
use shared::rules::CLICK_BATCH_MAX;
use shared::view::TabMark;
use shared::view::You;

/// This page's tab in these tests.
const T: TabId = 7;

fn you(clicks: u32, seq: u32, saved: u32) -> You {
    You { seat: SeatId(0), clicks, tabs: vec![TabMark { tab: T, seq, saved }], shipped_ms: None }
}

fn counted(clicks: u32, seq: u32) -> Event {
    Event::YourClicks { clicks, tab: T, seq }
}

#[test]
fn a_full_batch_goes_at_once_numbered_from_one() {
    let mut j = Journal::new(1, T);
    for t in 0..CLICK_BATCH_MAX - 1 {
        assert_eq!(j.tap(t * 10), None);
    }
    let sent = j.tap(500);
    assert_eq!(sent, Some(ClientMsg::Click { round: 1, tab: T, seq: 1, count: CLICK_BATCH_MAX, at: 500 }));
    assert_eq!(j.open_taps(), 0);
    assert_eq!(j.clicks(), CLICK_BATCH_MAX);
}

#[test]
fn the_ship_closes_the_batch_first_and_comes_once() {
    let mut j = Journal::new(2, T);
    j.tap(100);
    j.tap(200);
    let sent = j.ship(300);
    assert_eq!(
        sent,
        vec![
            ClientMsg::Click { round: 2, tab: T, seq: 1, count: 2, at: 200 },
            ClientMsg::Ship { round: 2, tab: T, seq: 2, at: 300 },
        ]
    );
    assert!(j.ship(400).is_empty());
    assert!(j.shipped());
}

#[test]
fn inputs_stay_until_saved_and_go_again_after_a_reconnect() {
    let mut j = Journal::new(1, T);
    j.tap(100);
    j.close_batch();
    j.tap(200);
    j.tap(300);
    j.close_batch();
    j.hear(1, &counted(1, 1));
    j.hear(1, &counted(3, 2));
    assert_eq!(j.clicks(), 3);
    j.hear(1, &Event::Saved { tab: T, seq: 1 });
    assert_eq!(j.unsaved(), vec![ClientMsg::Click { round: 1, tab: T, seq: 2, count: 2, at: 300 }]);
    // The server restarted from its save of input 1: it counted one click.
    j.restore(1, Some(&you(1, 1, 1)));
    assert_eq!(j.clicks(), 3, "the screen still shows every tap");
    assert_eq!(j.unsaved().len(), 1);
    j.hear(1, &counted(3, 2));
    j.hear(1, &Event::Saved { tab: T, seq: 2 });
    assert!(j.is_settled());
    assert_eq!(j.clicks(), 3);
}

#[test]
fn the_servers_number_wins_where_it_refused_clicks() {
    let mut j = Journal::new(1, T);
    for t in 0..10 {
        j.tap(t);
    }
    j.close_batch();
    // The human bound let 6 of them count.
    j.hear(1, &counted(6, 1));
    assert_eq!(j.clicks(), 6);
    j.tap(50);
    j.close_batch();
    let refused =
        Event::Rejected { error: Rejection::OutOfPhase, reason: String::new(), tab: Some(T), seq: Some(2) };
    j.hear(1, &refused);
    assert_eq!(j.clicks(), 6, "a refused batch no longer shows");
    assert_eq!(j.refused(), 1);
}

#[test]
fn a_new_page_numbers_on_from_the_server() {
    let mut j = Journal::new(0, T);
    j.restore(3, Some(&you(40, 4, 4)));
    assert_eq!(j.clicks(), 40);
    j.tap(9_000);
    assert_eq!(j.close_batch(), Some(ClientMsg::Click { round: 3, tab: T, seq: 5, count: 1, at: 9_000 }));
    assert_eq!(j.clicks(), 41);
}

#[test]
fn another_round_starts_afresh_and_old_answers_are_ignored() {
    let mut j = Journal::new(1, T);
    j.tap(1);
    j.close_batch();
    j.begin(2);
    assert!(j.is_settled());
    assert!(!j.hear(1, &counted(9, 1)));
    assert_eq!(j.clicks(), 0);
}

#[test]
fn it_reads_back_what_it_wrote_and_nothing_else() {
    let mut j = Journal::new(4, T);
    j.tap(10);
    j.close_batch();
    j.hear(4, &counted(1, 1));
    j.tap(20);
    j.tap(30);
    j.close_batch();
    j.ship(40);
    j.tap(50);
    let text = j.encode();
    assert_eq!(Journal::decode(&text), Some(j.clone()), "{text}");
    assert_eq!(Journal::decode(&Journal::default().encode()), Some(Journal::default()));
    // The ship's moment is kept after the server stored the ship, and read back.
    j.hear(4, &Event::Saved { tab: T, seq: 9 });
    assert_eq!(j.shipped_at(), Some(40));
    assert_eq!(Journal::decode(&j.encode()), Some(j.clone()));
    // Version 1 kept no moment: it is found in the ship still waiting, if any.
    let v1 = Journal::decode("1 4 4 1 1 1 0 0 0 s 3 40").expect("version 1 reads");
    assert_eq!((v1.shipped(), v1.shipped_at()), (true, Some(40)));
    for bad in ["", "3 4 1 0 0 0 0 0 0 0", "1 4 1", "1 4 1 0 0 0 0 0 0 x 1 2", "1 4 1 0 0 0 0 0 0 c 1"] {
        assert_eq!(Journal::decode(bad), None, "{bad}");
    }
}

#[test]
fn the_ship_stands_where_the_server_credited_it() {
    let mut j = Journal::new(2, T);
    j.tap(100);
    j.ship(1_300);
    assert_eq!((j.shipped_at(), j.ship_credited()), (Some(1_300), false));
    // The message waited on its way in longer than the round trip allows: credited later.
    assert!(j.hear(2, &Event::YourShip { ms: 1_318 }));
    assert_eq!((j.shipped_at(), j.ship_credited()), (Some(1_318), true));
    // A new page learns it from the snapshot, even with nothing of the round kept.
    let mut fresh = Journal::new(0, T);
    fresh.restore(2, Some(&You { shipped_ms: Some(1_318), ..you(1, 2, 2) }));
    assert_eq!((fresh.shipped(), fresh.shipped_at(), fresh.ship_credited()), (true, Some(1_318), true));
    assert!(fresh.ship(2_000).is_empty(), "nothing to ship twice");
}

#[test]
fn a_late_answer_does_not_take_the_count_back() {
    let mut j = Journal::new(1, T);
    j.tap(1);
    j.close_batch();
    j.tap(2);
    j.close_batch();
    j.hear(1, &counted(2, 2));
    // A repeat's answer from before, overtaken.
    j.hear(1, &counted(1, 1));
    assert_eq!(j.clicks(), 2);
}

#[test]
fn another_tabs_clicks_show_in_the_seats_count_and_not_as_this_tabs() {
    let mut j = Journal::new(1, T);
    j.taps(3, 100);
    // Tab 9 of the same seat had 5 counted; this tab's 3 are not answered yet.
    j.hear(1, &Event::YourClicks { clicks: 5, tab: 9, seq: 1 });
    assert_eq!(j.clicks(), 8);
    j.hear(1, &counted(8, 1));
    assert_eq!(j.clicks(), 8, "counted once, whichever tab hears first");
    // Another tab's ship ships the seat here too: nothing more to ship from this page, and
    // taps this page had not sent no longer show, since they cannot count.
    j.tap(1_900);
    assert_eq!(j.clicks(), 9);
    j.hear(1, &Event::YourShip { ms: 2_000 });
    assert!(j.ship(2_100).is_empty());
    assert_eq!(j.shipped_at(), Some(2_000));
    assert_eq!((j.clicks(), j.refused(), j.close_batch()), (8, 1, None));
}

#[test]
fn a_tab_gone_is_sent_again_in_its_own_numbers_until_stored() {
    let mut gone = Journal::new(2, 41);
    gone.taps(4, 300);
    gone.tap(400);
    let kept = Journal::decode(&gone.encode()).expect("reads back");
    // A reload: a new page, a new tab, taking over what the old page kept.
    let mut j = Journal::new(0, T);
    j.adopt(kept);
    assert_eq!(j.round(), 2);
    assert_eq!(j.clicks(), 5);
    j.tap(500);
    j.close_batch();
    let mut you = you(0, 0, 0);
    you.tabs.push(TabMark { tab: 41, seq: 1, saved: 1 });
    j.restore(2, Some(&you));
    assert_eq!(
        j.unsaved(),
        vec![
            ClientMsg::Click { round: 2, tab: T, seq: 1, count: 1, at: 500 },
            ClientMsg::Click { round: 2, tab: 41, seq: 2, count: 1, at: 400 },
        ],
        "tab 41's first batch is stored; its open tap goes as its next"
    );
    j.hear(2, &Event::YourClicks { clicks: 5, tab: 41, seq: 2 });
    j.hear(2, &Event::Saved { tab: 41, seq: 2 });
    assert_eq!(j.clicks(), 6);
    assert_eq!(Journal::decode(&j.encode()), Some(j.clone()));
    assert!(!j.encode().contains(" t 41 "), "a lane with nothing left is dropped: {}", j.encode());
}

#[test]
fn an_earlier_rounds_journal_is_not_taken_over() {
    let mut old = Journal::new(1, 41);
    old.taps(4, 300);
    let mut j = Journal::new(2, T);
    j.adopt(old);
    assert!(j.is_settled());
    assert_eq!(j.clicks(), 0);
}

#[test]
fn a_journal_of_the_single_numbering_is_tab_zeros() {
    let v2 = Journal::decode("2 4 3 1 1 0 0 0 0 0 c 2 5 900").expect("version 2 reads");
    let mut j = Journal::new(0, T);
    j.adopt(v2);
    assert_eq!(j.unsaved(), vec![ClientMsg::Click { round: 4, tab: 0, seq: 2, count: 5, at: 900 }]);
}
