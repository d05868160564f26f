//! A run's counts over its player-rounds: what one player's round costs. With the server's bots
//! at the table the counts are divided twice, by every seat's rounds (bots included) and by the
//! people's rounds alone: bots send nothing, so the first is what a round of a full table costs
//! a seat, the second what a practising person costs.

use serde::Serialize;

use crate::metrics::Metrics;

/// Cloudflare bills Durable Object WebSocket messages from clients at 20 to a request.
const MESSAGES_PER_BILLED_REQUEST: f64 = 20.0;

/// A run's counts, each divided by `rounds`.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct PerRound {
    /// The player-rounds divided by.
    pub rounds: u64,
    pub messages_out: f64,
    pub messages_in: f64,
    /// HTTP requests + upgrades + client messages / 20, heartbeats left out: the runtime
    /// answers them without the room, unbilled.
    pub billable: f64,
    /// Heartbeats the clients sent.
    pub heartbeats: f64,
    /// Times a room ran: HTTP requests and socket messages that reached it, alarms, and its
    /// in-memory timer firing.
    pub wakeups: Option<f64>,
    /// The rooms' alarm invocations: Cloudflare bills each as a request.
    pub alarms: Option<f64>,
    /// The rooms' writes of game state.
    pub storage_writes: Option<f64>,
    /// Rows written on SQLite-backed storage: the game's writes plus the alarm sets (each
    /// `setAlarm` is a row).
    pub rows_written: Option<f64>,
    /// Billable requests with the alarms counted too.
    pub billable_with_alarms: Option<f64>,
}

impl PerRound {
    /// The counts of `m` over `rounds` player-rounds; the rooms' figures only when the rooms were
    /// asked.
    pub fn of(m: &Metrics, rounds: u64) -> Self {
        let per = |count: f64| if rounds == 0 { 0.0 } else { count / rounds as f64 };
        let billed_messages = m.ws_out.saturating_sub(m.heartbeats);
        let billable = (m.http + m.upgrades) as f64 + billed_messages as f64 / MESSAGES_PER_BILLED_REQUEST;
        Self {
            rounds,
            messages_out: per(m.ws_out as f64),
            messages_in: per(m.ws_in as f64),
            billable: per(billable),
            heartbeats: per(m.heartbeats as f64),
            wakeups: m.rooms.map(|r| per((r.requests + r.socket_messages + r.alarms + r.timers) as f64)),
            alarms: m.rooms.map(|r| per(r.alarms as f64)),
            storage_writes: m.rooms.map(|r| per(r.storage_writes as f64)),
            rows_written: m.rooms.map(|r| per((r.storage_writes + r.alarm_sets) as f64)),
            billable_with_alarms: m.rooms.map(|r| per(billable + r.alarms as f64)),
        }
    }

    /// One line of the report, under `label`.
    pub fn print(&self, label: &str) {
        print!(
            "{label} ({}): {:.2} messages out ({:.2} heartbeats), {:.2} in; {:.3} billable requests",
            self.rounds, self.messages_out, self.heartbeats, self.messages_in, self.billable
        );
        if let Some(wakeups) = self.wakeups {
            print!("; {wakeups:.2} room wake-ups");
        }
        if let (Some(alarms), Some(writes), Some(rows), Some(billable)) =
            (self.alarms, self.storage_writes, self.rows_written, self.billable_with_alarms)
        {
            print!(
                "; rooms: {alarms:.3} alarms, {writes:.2} storage writes, {rows:.2} rows written with \
                 the alarm sets, {billable:.3} billable with the alarms"
            );
        }
        println!();
    }
}

#[cfg(test)]
mod tests {
    use shared::api::RoomUsage;

    use super::*;

    #[test]
    fn the_same_counts_cost_a_person_what_they_cost_the_whole_table() {
        let m = Metrics {
            http: 2,
            upgrades: 2,
            ws_out: 220,
            heartbeats: 20,
            ws_in: 300,
            player_rounds: 40,
            person_rounds: 10,
            rooms: Some(RoomUsage {
                storage_writes: 30,
                alarm_sets: 2,
                alarms: 4,
                requests: 4,
                socket_messages: 150,
                timers: 42,
                ..RoomUsage::default()
            }),
            ..Metrics::default()
        };
        let table = PerRound::of(&m, m.player_rounds);
        let person = PerRound::of(&m, m.person_rounds);
        // Heartbeats are sent, but neither billed nor a wake-up.
        assert_eq!((table.messages_out, table.billable, table.rows_written), (5.5, 0.35, Some(0.8)));
        assert_eq!((table.heartbeats, table.wakeups), (0.5, Some(5.0)));
        assert_eq!((person.messages_in, person.billable, person.rows_written), (30.0, 1.4, Some(3.2)));
        assert_eq!((person.storage_writes, person.billable_with_alarms), (Some(3.0), Some(1.8)));
        assert_eq!(PerRound::of(&m, 0).billable, 0.0);
    }
}
