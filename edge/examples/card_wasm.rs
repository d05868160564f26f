//! The cards of `cards.rs`, drawn by the same code compiled to wasm as the Worker runs it: a
//! module with one export, `draw(which) -> bytes of PNG`, that `scripts/card-bench.mjs` times in
//! Node (V8, as workerd) over 100 drawings of each card.

#[path = "../tests/support/views.rs"]
mod views;

use edge::card::{Card, draw};
use views::{over, played, waiting};
use wasm_bindgen::prelude::wasm_bindgen;

/// Draws card `which` (0: waiting, 1: a round, 2: over, 3: over with hostile names) and returns
/// the size of its PNG, 0 if none.
#[wasm_bindgen]
pub fn draw(which: u32) -> u32 {
    let four = ["Ada", "Grace Hopper", "Жанна", "Linus"];
    let view = match which {
        0 => waiting(&four[..3], 4),
        1 => played(&four, 4),
        2 => over(&four, 10),
        _ => over(&views::HOSTILE[..7], 3),
    };
    draw::png(&Card::of(&view)).map_or(0, |png| png.len() as u32)
}
