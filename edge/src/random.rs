//! Randomness for codes and tokens, from the runtime's cryptographic generator. The game itself
//! has none: these values are handed to it.

use shared::ids::{CODE_LEN, code_from_random};
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues)]
    fn get_random_values(buf: &mut [u8]);
}

fn random<const N: usize>() -> [u8; N] {
    let mut buf = [0u8; N];
    get_random_values(&mut buf);
    buf
}

/// A fresh invite code: 60 bits.
pub fn invite_code() -> String {
    code_from_random(&random::<CODE_LEN>())
}

/// A fresh seat token: 128 bits, hex.
pub fn seat_token() -> String {
    random::<16>().iter().map(|b| format!("{b:02x}")).collect()
}

/// A seed for a game's bots.
pub fn seed() -> u64 {
    u64::from_le_bytes(random::<8>())
}
