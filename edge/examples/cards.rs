//! Draws the picture of a game's link in each state, writes them as PNG into a folder (the
//! README shows them), and prints how long a picture takes to draw: p50 and p99 over 100
//! drawings of each, on one core of this machine.
//!
//! `cargo run --release -p edge --example cards -- docs/cards`

#[path = "../tests/support/views.rs"]
mod views;

use std::time::Instant;

use edge::card::{Card, draw};
use views::{over, played, waiting};

fn main() {
    let out = std::env::args().nth(1);
    let cards = [
        ("waiting", waiting(&["Ada", "Grace Hopper", "Жанна"], 4)),
        ("round", played(&["Ada", "Grace Hopper", "Жанна", "Linus"], 4)),
        ("over", over(&["Ada", "Grace Hopper", "Жанна", "Linus"], 10)),
        // Names as players may write them: markup, right-to-left, scripts the faces lack, a
        // word longer than the card.
        ("hostile", over(&views::HOSTILE[..7], 3)),
        ("hostile-waiting", waiting(&views::HOSTILE[6..], 10)),
    ];
    println!("{:<16} {:>9} {:>9} {:>9}", "card", "bytes", "p50 ms", "p99 ms");
    for (name, view) in &cards {
        let card = Card::of(view);
        let png = draw::png(&card).expect("a picture");
        if let Some(dir) = &out {
            std::fs::create_dir_all(dir).expect("a folder for the pictures");
            std::fs::write(format!("{dir}/{name}.png"), &png).expect("the picture written");
        }
        let mut times: Vec<f64> = (0..100)
            .map(|_| {
                let start = Instant::now();
                let png = draw::png(&card);
                std::hint::black_box(png);
                start.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        println!("{name:<16} {:>9} {:>9.1} {:>9.1}", png.len(), times[49], times[98]);
    }
}
