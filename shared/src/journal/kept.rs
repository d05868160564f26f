//! A journal kept on the device, so that a reload or a closed tab loses no input: a short text
//! of numbers, written by hand rather than with serde's derived code, which would weigh on the
//! app's download.

use std::collections::VecDeque;
use std::fmt::Write;

use super::{Input, Journal, Lane};

impl Journal {
    /// A short text to keep on the device: numbers separated by spaces, each lane after the
    /// header with its entries. Written by hand rather than with serde's derived code, which
    /// would weigh on the app's download.
    pub fn encode(&self) -> String {
        let (open_count, open_at) = self.open.unwrap_or((0, 0));
        let mut out = format!(
            "3 {} {} {} {} {} {} {}",
            self.round,
            self.counted,
            u8::from(self.shipped),
            self.refused,
            open_count,
            open_at,
            self.shipped_at.map_or(0, |at| u64::from(at) + 1)
        );
        for lane in &self.lanes {
            let _ = write!(out, " t {} {} {}", lane.tab, lane.next, lane.counted_seq);
            for &(seq, input) in &lane.entries {
                let _ = match input {
                    Input::Click { count, at } => write!(out, " c {seq} {count} {at}"),
                    Input::Ship { at } => write!(out, " s {seq} {at}"),
                };
            }
        }
        out
    }

    /// Reads back what [`Journal::encode`] wrote, or an earlier version of it (one lane, tab
    /// 0); `None` for anything else.
    pub fn decode(text: &str) -> Option<Self> {
        let words: Vec<&str> = text.split(' ').collect();
        let number = |i: usize| words.get(i)?.parse::<u32>().ok();
        let version = number(0)?;
        let round = u8::try_from(number(1)?).ok()?;
        let mut journal = Self { round, lanes: Vec::new(), ..Self::default() };
        // Versions 1 and 2 kept one numbering per seat, which the server now takes as tab 0's;
        // version 1 did not keep the ship's moment.
        let rest = match version {
            1 | 2 => {
                let (next, counted, counted_seq) = (number(2)?, number(3)?, number(4)?);
                journal.counted = counted;
                journal.shipped = number(5)? == 1;
                journal.refused = number(6)?;
                let (open_count, open_at) = (number(7)?, number(8)?);
                journal.open = (open_count > 0).then_some((open_count, open_at));
                let header = if version == 2 {
                    journal.shipped_at = number(9)?.checked_sub(1);
                    10
                } else {
                    9
                };
                journal.lanes.push(Lane { tab: 0, entries: VecDeque::new(), next, counted_seq });
                words.get(header..)?
            }
            3 => {
                journal.counted = number(2)?;
                journal.shipped = number(3)? == 1;
                journal.refused = number(4)?;
                let (open_count, open_at) = (number(5)?, number(6)?);
                journal.open = (open_count > 0).then_some((open_count, open_at));
                journal.shipped_at = number(7)?.checked_sub(1);
                words.get(8..)?
            }
            _ => return None,
        };
        let mut i = 0;
        while i < rest.len() {
            let n = |k: usize| rest.get(i + k)?.parse::<u32>().ok();
            let entry = match rest[i] {
                "t" => {
                    journal.lanes.push(Lane {
                        tab: n(1)?,
                        entries: VecDeque::new(),
                        next: n(2)?,
                        counted_seq: n(3)?,
                    });
                    i += 4;
                    continue;
                }
                "c" => (n(1)?, Input::Click { count: n(2)?, at: n(3)? }, 4),
                "s" => (n(1)?, Input::Ship { at: n(2)? }, 3),
                _ => return None,
            };
            journal.lanes.last_mut()?.entries.push_back((entry.0, entry.1));
            i += entry.2;
        }
        if journal.lanes.is_empty() {
            return None;
        }
        if journal.shipped_at.is_none() {
            journal.shipped_at =
                journal.lanes.iter().flat_map(|l| &l.entries).find_map(|(_, input)| match input {
                    Input::Ship { at } => Some(*at),
                    Input::Click { .. } => None,
                });
        }
        // The server's credit is not kept: the snapshot of the next connection says it again.
        Some(journal)
    }
}
