//! When the server's moments happened on a page's own clock.
//!
//! Every server message carries the server's time. The gap between it and the page's clock when
//! the page reads the message is the clocks' offset plus whatever the message waited: on the
//! network, or for a page busy doing something else when it came. The smallest recent gap is the
//! offset with the least waiting, so a moment the server names (a round's start) is placed on the
//! page's clock at that gap from it: a round whose message waited for a busy page still starts
//! where it started, and the taps and ship stamped against it are credited as they were made.

/// Messages whose gaps are weighed. Recent ones only, so that clocks drifting apart over a long
/// session move the estimate with them.
const RECENT: usize = 16;

/// The smallest gap between the server's clock and the page's over the recent messages.
#[derive(Clone, Debug, Default)]
pub struct Arrival {
    gaps: Vec<f64>,
    next: usize,
}

impl Arrival {
    /// A message stamped `server_ms` by the server was read at `local_ms` on the page's clock.
    pub fn heard(&mut self, local_ms: f64, server_ms: u64) {
        let gap = local_ms - server_ms as f64;
        if self.gaps.len() < RECENT {
            self.gaps.push(gap);
        } else {
            self.gaps[self.next] = gap;
        }
        self.next = (self.next + 1) % RECENT;
    }

    /// The server's moment `server_ms` on the page's clock; none before any message.
    pub fn local(&self, server_ms: u64) -> Option<f64> {
        let least = self.gaps.iter().copied().reduce(f64::min)?;
        Some(server_ms as f64 + least)
    }
}

#[cfg(test)]
mod tests {
    use super::Arrival;

    #[test]
    fn a_message_that_waited_does_not_move_the_servers_moments() {
        let mut arrival = Arrival::default();
        // The page's clock is 1,000 ms behind the server's; messages take 20 ms.
        for s in [10_000, 10_500, 11_000] {
            arrival.heard((s - 1_000 + 20) as f64, s);
        }
        // The round's start was read 300 ms late, the page busy: it started where the server says.
        arrival.heard((12_000 - 1_000 + 320) as f64, 12_000);
        assert_eq!(arrival.local(12_000), Some(11_020.0));
    }

    #[test]
    fn only_recent_messages_count() {
        let mut arrival = Arrival::default();
        assert_eq!(arrival.local(5), None);
        arrival.heard(0.0, 100);
        for s in 1..=16_u64 {
            arrival.heard((s * 1_000 - 50) as f64, s * 1_000);
        }
        // The -100 gap of the first message is forgotten, 16 messages on.
        assert_eq!(arrival.local(20_000), Some(19_950.0));
    }
}
