//! The waiting room: taking seats, leaving, the host, and starting.

use serde::{Deserialize, Serialize};

use super::Game;
use super::seat::Seat;
use crate::ids::SeatId;
use crate::name::{clean_name, unique_name};
use crate::protocol::{Event, Rejection};
use crate::rules::{MIN_PLAYERS, PUBLIC_START_MS, Visibility};
use crate::view::{Phase, Presence, Standing};

/// A seat taken.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Joined {
    pub seat: SeatId,
    /// The name as shown, after cleaning and de-duplication.
    pub name: String,
}

/// Why a seat could not be taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JoinError {
    /// The name is empty or longer than 24 characters once cleaned.
    BadName,
    /// Every seat is taken.
    Full,
    /// The game has begun: watch it instead.
    Started,
    /// The game closed.
    Closed,
}

impl JoinError {
    pub fn reason(self) -> &'static str {
        match self {
            Self::BadName => "Names are 1 to 24 characters.",
            Self::Full => "This game is full.",
            Self::Started => "This game has already started.",
            Self::Closed => "This game has closed.",
        }
    }
}

/// Seats at most in one game's lifetime, counting those who left the waiting room: seat ids are
/// a byte, and a room that churns past this is not a game any more.
pub(super) const MAX_SEATS_EVER: usize = 200;

impl Game {
    /// Takes a seat for `name`, held by whoever has `token` (random, from the owner).
    pub fn handle_join(&mut self, name: &str, token: String, now: u64) -> Result<Joined, JoinError> {
        self.now = now;
        match self.phase {
            Phase::Waiting { .. } => {}
            Phase::Closed => return Err(JoinError::Closed),
            _ => return Err(JoinError::Started),
        }
        let name = clean_name(name).ok_or(JoinError::BadName)?;
        self.make_room_for_a_person();
        if self.players() >= usize::from(self.config.cap) || self.seats.len() >= MAX_SEATS_EVER {
            return Err(JoinError::Full);
        }
        let name = unique_name(&name, self.seats.iter().filter(|s| !s.left).map(|s| s.name.as_str()));
        // Bounded by MAX_SEATS_EVER above, well inside a byte.
        let id = SeatId(self.seats.len() as u8);
        let seat = Seat::new(id, name.clone(), token, self.config.rules.starting_capital);
        self.broadcast(Event::PlayerJoined { player: seat.view() });
        self.seats.push(seat);
        if self.host.is_none() {
            self.host = Some(id);
            self.broadcast(Event::HostChanged { seat: Some(id) });
        }
        self.save();
        if self.players() >= usize::from(self.config.cap) {
            self.begin_intermission(now);
        } else if self.config.visibility == Visibility::Public {
            self.schedule_public_start(now);
        }
        self.watch_for_loneliness(now);
        Ok(Joined { seat: id, name })
    }

    /// Seated players still in the waiting room (or in the game, once it runs).
    pub(super) fn players(&self) -> usize {
        self.seats.iter().filter(|s| !s.left).count()
    }

    /// A public game starts 20 s after its second player arrived; with fewer it waits.
    pub(super) fn schedule_public_start(&mut self, now: u64) {
        let Phase::Waiting { starts_at } = self.phase else { return };
        // A private game starts when full or by its host, never by a clock.
        if self.config.visibility != Visibility::Public {
            return;
        }
        let wanted = match (self.players() >= MIN_PLAYERS, starts_at) {
            (true, Some(at)) => Some(at),
            (true, None) => Some(now + PUBLIC_START_MS),
            (false, _) => None,
        };
        if wanted != starts_at {
            self.phase = Phase::Waiting { starts_at: wanted };
            self.broadcast(Event::Phase { phase: self.phase });
        }
    }

    /// The host starts a private game.
    pub(super) fn start(&mut self, seat: SeatId, now: u64) -> Result<(), Rejection> {
        self.hosts_private_room(seat)?;
        if self.players() < MIN_PLAYERS {
            return Err(Rejection::NotEnoughPlayers);
        }
        self.begin_intermission(now);
        Ok(())
    }

    /// Leaving frees the seat in the waiting room and forfeits a running game.
    pub(super) fn leave(&mut self, seat: SeatId, now: u64) -> Result<(), Rejection> {
        match self.phase {
            Phase::Waiting { .. } => {
                if let Some(s) = self.seat_mut(seat) {
                    s.left = true;
                }
                self.unbind_seat(seat);
                self.broadcast(Event::PlayerLeft { seat });
                if self.host == Some(seat) {
                    self.hand_over_host(seat);
                }
                self.empty_of_people();
                self.schedule_public_start(now);
                self.watch_for_loneliness(now);
            }
            Phase::Intermission { .. } | Phase::Round { .. } | Phase::Results { .. } => {
                let Some(s) = self.seat_mut(seat) else { return Err(Rejection::NotAPlayer) };
                if s.standing != Standing::Active {
                    return Err(Rejection::Eliminated);
                }
                s.standing = Standing::Forfeited;
                self.unbind_seat(seat);
                self.broadcast(Event::Forfeited { seat });
                // Once every person has left, nobody is playing: bots do not play on alone.
                let people_left = self.persons().all(|s| s.standing == Standing::Forfeited);
                if self.active().count() <= 1 || people_left {
                    self.finish(now);
                } else if matches!(self.phase, Phase::Round { .. }) && self.all_shipped() {
                    self.close_round(now);
                }
            }
            Phase::Over { .. } => return Err(Rejection::OutOfPhase),
            Phase::Closed => return Err(Rejection::GameClosed),
        }
        self.save();
        Ok(())
    }

    /// What only the host of a private game may do, and only in the waiting room: start it,
    /// seat and unseat bots.
    pub(super) fn hosts_private_room(&self, seat: SeatId) -> Result<(), Rejection> {
        if !matches!(self.phase, Phase::Waiting { .. }) {
            return Err(Rejection::OutOfPhase);
        }
        if self.config.visibility == Visibility::Public || self.host != Some(seat) {
            return Err(Rejection::NotHost);
        }
        Ok(())
    }

    /// The sockets of a seat that left go on watching, as spectators.
    fn unbind_seat(&mut self, seat: SeatId) {
        for c in self.conns.values_mut().filter(|c| c.seat() == Some(seat)) {
            c.hello = Some(None);
        }
        // Told to everyone, so every view shows the seat away, as the game's own view does.
        self.announce_presence(seat);
    }

    /// Moves the host badge in the waiting room to the next person, preferring one who is online.
    /// A host who only went away keeps it unless someone online can take it; bots never host.
    pub(super) fn hand_over_host(&mut self, from: SeatId) {
        if !matches!(self.phase, Phase::Waiting { .. }) {
            return;
        }
        let still_there = self.seat(from).is_some();
        let candidates = || self.persons().filter(|s| s.id != from);
        let online = candidates().find(|s| s.presence == Presence::Online).map(|s| s.id);
        let next = match (online, still_there) {
            (Some(seat), _) => Some(seat),
            (None, true) => return,
            (None, false) => candidates().next().map(|s| s.id),
        };
        self.host = next;
        self.broadcast(Event::HostChanged { seat: next });
    }
}
