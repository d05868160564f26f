//! What a bot makes of the server's messages: its view of the game, the rounds it builds, the
//! answers it times, the checks that nothing it was told is lost, and the host's start.

use std::time::{Duration, Instant};

use shared::protocol::{ClientMsg, Event, HEARTBEAT_ANSWER, ServerMsg};
use shared::view::{GameView, Phase, Presence, RoundSummary, Standing};

use super::Bot;
use crate::fanout::Action;
use crate::metrics::Kind;
use crate::product::Build;

impl Bot {
    /// Takes one server message; answers what to send back.
    pub(super) fn receive(&mut self, text: &str, now: Instant) -> Vec<ClientMsg> {
        if text == HEARTBEAT_ANSWER {
            self.table.tally.with(|m| m.heartbeats_answered += 1);
            return Vec::new();
        }
        let Ok(msg) = serde_json::from_str::<ServerMsg>(text) else {
            self.table.tally.with(|m| m.error("undecodable server message"));
            return Vec::new();
        };
        self.table.tally.with(|m| {
            m.ws_in += 1;
            m.size(event_name(&msg.event), text.len());
        });
        let mut out = Vec::new();
        if let Some(build) = self.build.as_mut() {
            build.journal.hear(msg.round, &msg.event);
            self.note_taps();
        }
        match &msg.event {
            Event::Probe { nonce } => out.push(ClientMsg::ProbeAck { nonce: *nonce }),
            Event::Snapshot { view } => out.extend(self.on_snapshot(view, msg.now, now)),
            Event::Phase { phase } => self.on_phase(*phase, now),
            // Every tab of the seat hears each tab's count: only this tab's answers its clicks.
            Event::YourClicks { tab, .. } if self.build.as_ref().is_some_and(|b| b.journal.tab() == *tab) => {
                self.answered(Kind::Click, now);
            }
            Event::Shipped { seat } => {
                let ship = Action::Ship { round: msg.round, seat: seat.0 };
                self.table.fanout(|f| f.heard(ship, self.me.reader, now));
                if *seat == self.me.seat {
                    self.answered(Kind::Ship, now);
                }
            }
            Event::Rejected { error, .. } => {
                let to = self.replies.pop_front().map_or("unasked", |(kind, _)| kind.name());
                let error = serde_json::to_string(error).unwrap_or_default().replace('"', "");
                self.table.tally.with(|m| m.error(format!("rejected {error} (to {to})")));
            }
            Event::RoundResults { summary } => self.on_results(summary),
            Event::GameOver { .. } => self.out.over = true,
            _ => {}
        }
        let snapshot = matches!(msg.event, Event::Snapshot { .. });
        if let Some(view) = self.view.as_mut().filter(|_| !snapshot) {
            view.apply(&msg.event);
        }
        self.watch_presence(now, snapshot);
        if let Some(view) = self.view.as_ref().filter(|_| self.out.over) {
            self.out.seated = view.player(self.me.seat).is_some_and(|p| p.standing != Standing::Forfeited);
            self.out.final_players = view.players.clone();
        }
        self.start_when_ready(now);
        out
    }

    /// An answer to the oldest action of `kind`: clicks are timed here, at their sender.
    fn answered(&mut self, kind: Kind, now: Instant) {
        let Some(i) = self.replies.iter().position(|(k, _)| *k == kind) else { return };
        if i > 0 {
            self.table.tally.with(|m| m.error(format!("{} answered out of order", kind.name())));
        }
        if let Some((_, sent)) = self.replies.remove(i)
            && kind == Kind::Click
        {
            self.table.tally.with(|m| m.click(&self.table.code, sent, now));
        }
    }

    fn on_phase(&mut self, phase: Phase, now: Instant) {
        if !matches!(phase, Phase::Waiting { .. }) {
            self.table.fanout(|f| f.heard(Action::Start, self.me.reader, now));
            if self.replies.front().is_some_and(|(k, _)| *k == Kind::Start) {
                self.replies.pop_front();
            }
        }
        match phase {
            Phase::Round { round, .. } => {
                self.table.fanout(|f| f.round_started(round, now));
                self.begin(round, now);
            }
            Phase::Waiting { .. } => {}
            _ => self.build = None,
        }
    }

    /// Keeps the running round's taps and refusals past the round's build.
    pub(super) fn note_taps(&mut self) {
        if let Some(b) = self.build.as_ref() {
            self.taps.insert(b.round, (b.tapped, b.journal.refused()));
        }
    }

    /// A (re)connect: the view afresh, and whatever of this round the server has not stored yet,
    /// sent again (the restart of a killed server lost it).
    fn on_snapshot(&mut self, view: &GameView, server_now: u64, now: Instant) -> Vec<ClientMsg> {
        self.view = Some(view.clone());
        self.synced = true;
        self.out.snapshots.push(now);
        if !matches!(view.phase, Phase::Waiting { .. }) {
            self.table.fanout(|f| f.heard(Action::Start, self.me.reader, now));
        }
        match view.phase {
            // Arriving mid-round: the round started when the server says, on this clock.
            Phase::Round { round, started_at, .. } => {
                let behind = Duration::from_millis(server_now.saturating_sub(started_at));
                self.begin(round, now.checked_sub(behind).unwrap_or(now));
            }
            _ => self.build = None,
        }
        let Some(build) = self.build.as_mut().filter(|b| b.round == view.phase.round()) else {
            return Vec::new();
        };
        build.journal.restore(view.phase.round(), view.you.as_ref());
        build.journal.unsaved()
    }

    /// A round paid: every tap this bot made in it is paid, or was refused with a reason.
    fn on_results(&mut self, summary: &RoundSummary) {
        self.out.rounds = self.out.rounds.max(summary.round);
        self.note_taps();
        let Some(&(taps, refused)) = self.taps.get(&summary.round) else { return };
        // A seat played from several tabs is paid for all of them: checked by the last to hear.
        let Some((taps, refused)) = self.table.tapped(self.me.seat, summary.round, taps, refused) else {
            return;
        };
        let paid = summary.rows.iter().find(|r| r.seat == self.me.seat).map_or(0, |r| r.clicks);
        self.out.taps += taps;
        self.out.paid += paid;
        self.out.refused += refused;
        if paid + refused < taps {
            let lost = taps - paid - refused;
            self.table
                .tally
                .with(|m| m.lost(format!("round {}: {lost} of {taps} taps not paid", summary.round)));
        }
    }

    /// Starts building round `round` (seen to start at `started`) unless already at it.
    fn begin(&mut self, round: u8, started: Instant) {
        if self.build.as_ref().is_some_and(|b| b.round == round) {
            return;
        }
        let Some(view) = self.view.as_ref() else { return };
        let active = view.me().is_some_and(|p| p.standing == Standing::Active);
        self.build = active.then(|| {
            Build::new(round, started, view.rules.round_ms, self.rate, self.table.pace, &mut self.rng)
        });
    }

    fn watch_presence(&mut self, now: Instant, reset: bool) {
        let all =
            self.view.as_ref().is_some_and(|v| v.players.iter().all(|p| p.presence == Presence::Online));
        if all && (reset || !self.all_online) {
            self.out.all_online.push(now);
        }
        self.all_online = all;
    }

    /// The host starts once every seat is taken and online, after its random wait.
    fn start_when_ready(&mut self, now: Instant) {
        let Some(view) = self.view.as_ref() else { return };
        let ready = self.me.starts
            && !self.started
            && matches!(view.phase, Phase::Waiting { .. })
            && view.players.len() >= self.table.seats
            && view.players.iter().all(|p| p.presence == Presence::Online);
        if ready {
            self.started = true;
            self.start_due = Some(now + self.me.start_after);
        }
    }
}

/// The wire name of a server event, for byte-size statistics.
fn event_name(event: &Event) -> &'static str {
    match event {
        Event::Snapshot { .. } => "snapshot",
        Event::PlayerJoined { .. } => "player_joined",
        Event::PlayerLeft { .. } => "player_left",
        Event::Forfeited { .. } => "forfeited",
        Event::Presence { .. } => "presence",
        Event::HostChanged { .. } => "host_changed",
        Event::Phase { .. } => "phase",
        Event::YourClicks { .. } => "your_clicks",
        Event::Saved { .. } => "saved",
        Event::Shipped { .. } => "shipped",
        Event::YourShip { .. } => "your_ship",
        Event::RoundResults { .. } => "round_results",
        Event::GameOver { .. } => "game_over",
        Event::Rematch { .. } => "rematch",
        Event::Probe { .. } => "probe",
        Event::Rejected { .. } => "rejected",
    }
}
