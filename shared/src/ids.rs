//! Identifiers shared by both sides.

use serde::{Deserialize, Serialize};

/// A player's place in one game, stable for the whole game (reconnects return to it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SeatId(pub u8);

/// One open socket, numbered by the server. A seat may have several (two tabs); a spectator has one
/// with no seat.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ConnId(pub u64);

/// Characters of invite codes: lowercase letters but `i` and `l`, and the digits 2 – 9, so no two
/// look alike (there is no 0 or 1 to mistake for `o` or `l`) and a code can be read aloud.
pub const CODE_ALPHABET: &[u8; 32] = b"abcdefghjkmnopqrstuvwxyz23456789";
/// Characters of an invite code: 12 × 5 bits = 60 bits of randomness.
pub const CODE_LEN: usize = 12;

/// Turns random bytes into an invite code. The caller brings the randomness.
pub fn code_from_random(random: &[u8; CODE_LEN]) -> String {
    random.iter().map(|b| CODE_ALPHABET[usize::from(b & 31)] as char).collect()
}

/// Whether `code` could be an invite code; checked before any storage is touched.
pub fn is_valid_code(code: &str) -> bool {
    code.len() == CODE_LEN && code.bytes().all(|b| CODE_ALPHABET.contains(&b))
}

/// Normalises what a person typed or pasted: a whole invite link or the code alone, in any case,
/// with or without the dashes it is shown with.
pub fn normalize_code(typed: &str) -> String {
    let typed = typed.trim();
    let typed = typed.rsplit("/g/").next().unwrap_or(typed);
    typed.chars().filter(|c| !matches!(c, '-' | ' ' | '/')).map(|c| c.to_ascii_lowercase()).collect()
}

/// A code as shown to people: three groups of four.
pub fn display_code(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    chars.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}
