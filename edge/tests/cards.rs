//! The pictures of game links: drawn for every phase, with names from a hostile corpus, each a
//! PNG of 1200 × 630 that decodes; named by the state they show.

#[path = "support/views.rs"]
mod views;

use edge::card::canvas::SEATS;
use edge::card::{Card, HEIGHT, Scene, WIDTH, draw};
use tiny_skia::Pixmap;
use views::{HOSTILE, over, played, waiting};

fn decoded(card: &Card) -> Pixmap {
    let png = draw::png(card).expect("a picture");
    let pixmap = Pixmap::decode_png(&png).expect("a PNG that decodes");
    assert_eq!((pixmap.width(), pixmap.height()), (WIDTH, HEIGHT));
    pixmap
}

#[test]
fn every_phase_is_drawn_with_hostile_names_as_a_png_of_1200_by_630() {
    for names in HOSTILE.chunks(3).chain([&HOSTILE[..], &HOSTILE[9..10]]) {
        let cap = names.len().clamp(2, 10) as u8;
        for view in [waiting(names, cap), waiting(&names[..1], 10), played(names, 3), over(names, 12)] {
            decoded(&Card::of(&view));
        }
    }
}

#[test]
fn a_name_is_drawn_where_the_card_lists_it() {
    // The same waiting room with and without a long name: the pixels of the list differ.
    let with = decoded(&Card::of(&waiting(&["Ada", "Bartholomew Stanislavsky"], 4)));
    let without = decoded(&Card::of(&waiting(&["Ada", ""], 4)));
    let row = |p: &Pixmap| {
        (320..340)
            .flat_map(|y| (100..600).map(move |x| (x, y)))
            .map(|(x, y)| p.pixel(x, y))
            .collect::<Vec<_>>()
    };
    assert_ne!(row(&with), row(&without));
}

#[test]
fn the_file_names_the_state_and_changes_with_what_is_shown() {
    let two = Card::of(&waiting(&["Ada", "Bob"], 4));
    assert!(two.file().starts_with("waiting-") && two.file().ends_with(".png"), "{}", two.file());
    assert!(edge::card::is_file_name(&two.file()));
    assert_eq!(two.file(), Card::of(&waiting(&["Ada", "Bob"], 4)).file(), "the same picture, the same name");
    assert_ne!(two.file(), Card::of(&waiting(&["Ada", "Bob", "Cy"], 4)).file());
    assert!(Card::of(&played(&["Ada", "Bob"], 2)).file().starts_with("round-3-"));
    let finished = Card::of(&over(&["Ada", "Bob"], 2));
    assert!(finished.file().starts_with("over-") && finished.is_final());
    assert!(!two.is_final());
}

#[test]
fn a_finished_game_names_its_winner_and_their_capital() {
    let card = Card::of(&over(&["Ada", "Bob", "Cy"], 3));
    let Scene::Over { headline, standings, chart } = &card.scene else { panic!("{card:?}") };
    assert_eq!(headline, "Ada won with $42,000 after 3 rounds");
    assert_eq!(
        standings.iter().map(|e| (e.rank, e.name.as_str())).collect::<Vec<_>>(),
        [(1, "Ada"), (2, "Bob"), (3, "Cy")]
    );
    assert_eq!(chart.lines.len(), 3);
    assert_eq!(chart.lines[0].points.len(), 4, "the start and three rounds");
}

#[test]
fn the_seats_colours_are_the_pages() {
    let css = include_str!("../../public/style.css");
    for (i, colour) in SEATS.iter().enumerate() {
        let at = css.find(&format!(".c{i} {{ --c: #")).expect("the seat's class")
            + format!(".c{i} {{ --c: #").len();
        let hex = &css[at..at + 6];
        let page = u32::from_str_radix(hex, 16).expect("a hex colour");
        let card = (u32::from(colour.0) << 16) | (u32::from(colour.1) << 8) | u32::from(colour.2);
        assert_eq!(card, page, ".c{i}");
    }
}
