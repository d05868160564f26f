//! What this browser remembers between visits, in localStorage: the player's name, the seat
//! token of each game it sat in (the token is what brings a reload back to its seat), and the
//! running round's inputs the server has not yet stored (a reload or a crash keeps them).

use shared::api::SeatGrant;
use shared::journal::Journal;

const NAME_KEY: &str = "clix.name";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn seat_key(code: &str) -> String {
    format!("clix.seat.{code}")
}

/// The name typed last time on this device.
pub fn name() -> String {
    storage().and_then(|s| s.get_item(NAME_KEY).ok().flatten()).unwrap_or_default()
}

pub fn remember_name(name: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(NAME_KEY, name);
    }
}

/// The seat this device holds in game `code`, if any.
pub fn seat(code: &str) -> Option<SeatGrant> {
    let json = storage()?.get_item(&seat_key(code)).ok()??;
    crate::net::json::seat_grant(&json)
}

pub fn remember_seat(grant: &SeatGrant) {
    if let Some(s) = storage() {
        let _ = s.set_item(&seat_key(&grant.code), &shared::write::seat_grant(grant));
    }
}

pub fn forget_seat(code: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&seat_key(code));
    }
}

fn journal_key(code: &str) -> String {
    format!("clix.journal.{code}")
}

/// The inputs of game `code` kept on this device, if any.
pub fn journal(code: &str) -> Option<Journal> {
    let text = storage()?.get_item(&journal_key(code)).ok()??;
    Journal::decode(&text)
}

/// Keeps the journal of game `code` until its inputs are stored; forgets it once they all are.
pub fn remember_journal(code: &str, journal: &Journal) {
    let Some(s) = storage() else { return };
    if journal.is_settled() {
        let _ = s.remove_item(&journal_key(code));
    } else {
        let _ = s.set_item(&journal_key(code), &journal.encode());
    }
}
