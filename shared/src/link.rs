//! A player's link to their game: connecting, live, retrying, or over for good. Plain code with
//! no clock and no randomness of its own, so every path is tested natively; the app's socket
//! reports what the browser tells it and does what this answers.

/// The state of the link, as the screen shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Link {
    /// The first connection, not yet in step with the game.
    Connecting,
    /// In step: the game's snapshot arrived on the open socket.
    Live,
    /// Lost; this is the attempt number of the connection being made or waited for.
    Retrying(u32),
    /// The server runs a newer version: only a reload helps.
    Reload,
    /// Nothing left to connect to.
    Gone(Gone),
    /// The page is done with the game.
    Shut,
}

/// Why a link will not come back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gone {
    /// No game has this code (it never existed, or was cleaned up).
    NotFound,
    /// The server refused this device's seat token.
    SeatRefused,
    /// The game's stored state could not be read back after a restart.
    Lost,
}

/// What to do once a socket has closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// Connect again after `after_ms`. `check`: the socket never opened, so first ask whether
    /// the game still exists, rather than retrying a missing game for ever.
    Retry { after_ms: u32, check: bool },
    /// Do not connect again.
    Stop,
}

/// First delay between attempts; it doubles up to [`MAX_DELAY_MS`].
pub const FIRST_DELAY_MS: u32 = 500;
/// Longest delay between attempts.
pub const MAX_DELAY_MS: u32 = 8_000;
pub use crate::game::{CLOSE_POLICY, CLOSE_RELOAD};

/// The link's state machine.
#[derive(Clone, Debug)]
pub struct LinkState {
    link: Link,
    attempt: u32,
    /// The current socket opened.
    opened: bool,
}

impl Default for LinkState {
    fn default() -> Self {
        Self { link: Link::Connecting, attempt: 0, opened: false }
    }
}

impl LinkState {
    pub fn link(&self) -> Link {
        self.link
    }

    /// Whether a socket may be opened: never after the page shut it, nor once it is over.
    pub fn may_connect(&self) -> bool {
        !matches!(self.link, Link::Reload | Link::Gone(_) | Link::Shut)
    }

    /// A socket is about to be opened; `false` when none may be.
    pub fn connecting(&mut self) -> bool {
        self.opened = false;
        self.may_connect()
    }

    /// The socket opened; the link is live once the snapshot arrives.
    pub fn opened(&mut self) {
        self.opened = true;
    }

    /// The game's snapshot arrived on the open socket.
    pub fn synced(&mut self) {
        if self.may_connect() && self.opened {
            self.attempt = 0;
            self.link = Link::Live;
        }
    }

    /// The socket closed with `code`. `seated_before`: this page had seen the game with its
    /// seat, so a policy close is not about the token. `jitter` is in 0..1.
    pub fn closed(&mut self, code: u16, seated_before: bool, jitter: f64) -> Next {
        if !self.may_connect() {
            return Next::Stop;
        }
        match code {
            CLOSE_RELOAD => self.link = Link::Reload,
            CLOSE_POLICY if self.opened && !seated_before => self.link = Link::Gone(Gone::SeatRefused),
            _ => {
                self.attempt = self.attempt.saturating_add(1);
                self.link = Link::Retrying(self.attempt);
                return Next::Retry { after_ms: delay(self.attempt, jitter), check: !self.opened };
            }
        }
        Next::Stop
    }

    /// The server said the game cannot be had: no more attempts.
    pub fn gone(&mut self, why: Gone) {
        if self.link != Link::Shut {
            self.link = Link::Gone(why);
        }
    }

    /// The server runs another protocol.
    pub fn reload(&mut self) {
        if self.link != Link::Shut {
            self.link = Link::Reload;
        }
    }

    /// The page is done with the game; nothing reopens it.
    pub fn shut(&mut self) {
        self.link = Link::Shut;
    }
}

/// The wait before attempt `attempt` (from 1): 0.5 s doubling up to 8 s, each scaled by a
/// jitter of 0.5–1 so that a room's players, dropped together, do not come back together.
pub fn delay(attempt: u32, jitter: f64) -> u32 {
    let base = FIRST_DELAY_MS.saturating_mul(1 << attempt.saturating_sub(1).min(4)).min(MAX_DELAY_MS);
    let scale = 0.5 + jitter.clamp(0.0, 1.0) * 0.5;
    (f64::from(base) * scale) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn live() -> LinkState {
        let mut link = LinkState::default();
        assert!(link.connecting());
        link.opened();
        link.synced();
        link
    }

    #[test]
    fn a_link_is_live_once_the_snapshot_arrives_on_an_open_socket() {
        let mut link = LinkState::default();
        assert_eq!(link.link(), Link::Connecting);
        link.connecting();
        link.synced();
        assert_eq!(link.link(), Link::Connecting, "no snapshot comes on a socket that never opened");
        link.opened();
        assert_eq!(link.link(), Link::Connecting, "open, not yet in step");
        link.synced();
        assert_eq!(link.link(), Link::Live);
    }

    #[test]
    fn a_lost_link_retries_with_growing_jittered_delays_and_counts_attempts() {
        let mut link = live();
        let mut waits = Vec::new();
        for _ in 0..7 {
            match link.closed(1006, true, 1.0) {
                Next::Retry { after_ms, .. } => waits.push(after_ms),
                Next::Stop => panic!("a dropped link retries"),
            }
            assert!(link.connecting());
        }
        assert_eq!(waits, [500, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
        assert_eq!(link.link(), Link::Retrying(7));
        assert_eq!(delay(1, 0.0), 250, "jitter halves at most");
        link.opened();
        link.synced();
        assert_eq!(link.link(), Link::Live);
        assert_eq!(
            link.closed(1006, true, 1.0),
            Next::Retry { after_ms: 500, check: false },
            "back to the start"
        );
    }

    #[test]
    fn a_socket_that_never_opened_asks_whether_the_game_exists() {
        let mut link = LinkState::default();
        link.connecting();
        assert_eq!(link.closed(1006, false, 0.0), Next::Retry { after_ms: 250, check: true });
        link.gone(Gone::NotFound);
        assert!(!link.connecting(), "a missing game is not retried");
        assert_eq!(link.link(), Link::Gone(Gone::NotFound));
    }

    #[test]
    fn nothing_reconnects_after_the_page_shut_the_link() {
        let mut link = live();
        link.shut();
        assert_eq!(link.closed(1006, true, 0.5), Next::Stop, "the close that shutting causes");
        assert!(!link.connecting(), "nor a retry timer that fires later");
        link.opened();
        link.synced();
        link.gone(Gone::Lost);
        link.reload();
        assert_eq!(link.link(), Link::Shut);
        // And while waiting to retry.
        let mut link = live();
        assert!(matches!(link.closed(1001, true, 0.5), Next::Retry { .. }));
        link.shut();
        assert!(!link.connecting());
    }

    #[test]
    fn a_reload_close_and_a_refused_token_stop_the_link() {
        let mut link = live();
        assert_eq!(link.closed(CLOSE_RELOAD, true, 0.5), Next::Stop);
        assert_eq!(link.link(), Link::Reload);
        let mut link = LinkState::default();
        link.connecting();
        link.opened();
        assert_eq!(link.closed(CLOSE_POLICY, false, 0.5), Next::Stop);
        assert_eq!(link.link(), Link::Gone(Gone::SeatRefused));
        // A seated player closed for flooding is not told their seat is someone else's.
        let mut link = live();
        assert!(matches!(link.closed(CLOSE_POLICY, true, 0.5), Next::Retry { .. }));
    }

    #[test]
    fn an_unrestorable_game_is_gone_for_good() {
        let mut link = live();
        link.gone(Gone::Lost);
        assert_eq!(link.closed(1011, true, 0.5), Next::Stop);
        assert_eq!(link.link(), Link::Gone(Gone::Lost));
    }
}
