//! What this browser remembers between visits, in localStorage: the player's name, the seat
//! token of each game it sat in (the token is what brings a reload back to its seat), and the
//! running round's inputs the server has not yet stored (a reload or a crash keeps them), one
//! journal per tab.

use shared::api::SeatGrant;
use shared::journal::Journal;
use shared::protocol::TabId;

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

/// The key of a page's journal in game `code`: one per tab, so tabs of one seat never write over
/// each other's inputs. Version 3 of the protocol kept one per game, under the bare prefix.
fn journal_key(code: &str, tab: TabId) -> String {
    format!("{}.{tab}", journal_prefix(code))
}

fn journal_prefix(code: &str) -> String {
    format!("clix.journal.{code}")
}

/// A tab number for a new page: random, so that pages of one seat, here or on a device the token
/// was copied to, never number their inputs as the same tab. Never 0, the tab of a journal kept
/// by a page of protocol 3.
pub fn new_tab() -> TabId {
    (js_sys::Math::random() * f64::from(u32::MAX - 1)) as TabId + 1
}

/// The keys of journals of game `code` kept on this device, its own tab's `own` aside: pages
/// that closed or reloaded before the server stored their inputs, or other tabs still open.
pub fn kept_journals(code: &str, own: TabId) -> Vec<String> {
    let Some(s) = storage() else { return Vec::new() };
    let (prefix, own) = (journal_prefix(code), journal_key(code, own));
    let keys = (0..s.length().unwrap_or(0)).filter_map(|i| s.key(i).ok().flatten());
    keys.filter(|k| {
        k.strip_prefix(&prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with('.')) && *k != own
    })
    .collect()
}

/// The journal kept under `key`, if it reads.
pub fn kept_journal(key: &str) -> Option<Journal> {
    Journal::decode(&storage()?.get_item(key).ok()??)
}

/// Forgets the journal kept under `key`: a page took its inputs over.
pub fn forget_journal(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// The name of the lock a page holds on its journal for as long as it lives, so that no other
/// page takes it over meanwhile.
pub fn journal_lock(code: &str, tab: TabId) -> String {
    journal_key(code, tab)
}

/// Keeps the journal of game `code` until its inputs are stored; forgets it once they all are.
pub fn remember_journal(code: &str, journal: &Journal) {
    let Some(s) = storage() else { return };
    let key = journal_key(code, journal.tab());
    if journal.is_settled() {
        let _ = s.remove_item(&key);
    } else {
        let _ = s.set_item(&key, &journal.encode());
    }
}
