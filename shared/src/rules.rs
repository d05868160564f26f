//! Every rule of the game with its default and its bounds (SPEC §1), in one place.

use serde::{Deserialize, Serialize};

/// Profit of a shipped product is `floor(PROFIT_MULTIPLIER × clicks / ms)`.
pub const PROFIT_MULTIPLIER: u64 = 500_000;
/// A product takes at least a second to build: shipping sooner is credited as this.
pub const MIN_BUILD_MS: u32 = 1_000;
/// Sustained clicks a human can make per second; what exceeds it never counts.
pub const MAX_CLICKS_PER_SECOND: u32 = 20;
/// Clicks allowed on top of the sustained rate, for a quick burst.
pub const CLICK_BURST: u32 = 5;
/// A player with capital below this after the burn is eliminated.
pub const ELIMINATION_BELOW: i64 = 1;
/// How long the round results stay on screen before the next countdown.
pub const RESULTS_MS: u64 = 5_000;
/// A public game starts this long after its second player arrived, unless it fills first.
pub const PUBLIC_START_MS: u64 = 20_000;
/// A player alone in a public waiting room for this long gets bots, so nobody waits alone.
pub const BOTS_AFTER_MS: u64 = 15_000;
/// Bots fill a lone player's public game up to this many players.
pub const BOTS_FILL_TO: usize = 4;
/// Once bots filled it, a public game starts this soon: long enough to see who joined (and for a
/// person arriving meanwhile to take a bot's place), short enough that nobody waits again.
pub const BOTS_START_MS: u64 = 3_000;
/// Bots in a practice game: the player against three.
pub const PRACTICE_BOTS: u8 = 3;
/// A player heard nothing from for this long is shown away.
pub const AWAY_AFTER_MS: u64 = 10_000;
/// A client that sent nothing for this long says it is there; well inside [`AWAY_AFTER_MS`].
/// Any message counts, so a clicking player sends no heartbeats: every incoming message is
/// billed (1/20 of a request), and quiet-only heartbeats keep a player-round under one request.
pub const HEARTBEAT_MS: u64 = 3_000;
/// A page whose socket brought nothing for this long takes it for dead and opens another. The
/// page says something at least every [`HEARTBEAT_MS`] (and a second, the check's period), and the
/// runtime answers every heartbeat at once, so only a path gone without a word is this quiet.
pub const SOCKET_DEAD_AFTER_MS: u64 = 9_000;
// Room for a heartbeat's answer of over four seconds before a page gives its socket up.
const _: () = assert!(SOCKET_DEAD_AFTER_MS >= HEARTBEAT_MS + 1_000 + 4_000);
/// The server times a socket's round trip at most this often (a probe costs an incoming answer).
pub const PROBE_EVERY_MS: u64 = 6_000;
/// Clicks are sent in batches this often during a round, and sooner once a batch holds
/// [`CLICK_BATCH_MAX`]. A batch is credited at its last click and counted as made since the batch
/// before, so batches of any rhythm fit the click bound at 20 clicks a second.
pub const CLICK_BATCH_MS: u64 = 1_000;
/// A batch this large is sent at once.
pub const CLICK_BATCH_MAX: u32 = 20;
/// Counted clicks are stored within this long; until then their clients keep them and send them
/// again after a restart. Longer means fewer writes and a longer journal on each client.
pub const SAVE_CLICKS_WITHIN_MS: u64 = 2_000;
/// After a restart mid-round, the round waits this long at most for the players who were online
/// before it to reconnect (the app's backoff reaches 8 s) and send again what the restart lost.
pub const REJOIN_WAIT_MS: u64 = 10_000;
/// Once they all are back, the round closes no sooner than this after the last one's return.
pub const REJOIN_SETTLE_MS: u64 = 1_000;
/// The stored alarm, a backstop for a game nobody is connected to, fires this long after the
/// round it covers must have closed, so that timers running a little late never outrun it.
pub const ALARM_SLACK_MS: u64 = 2_000;
/// A waiting game nobody has been connected to for this long closes.
pub const ABANDON_AFTER_MS: u64 = 10 * 60 * 1_000;
/// A finished game's stored state is deleted this long after it ends.
pub const EXPIRE_AFTER_MS: u64 = 24 * 60 * 60 * 1_000;
/// Latency credited to a player at most, so a very slow link cannot stall a round.
pub const MAX_RTT_CREDIT_MS: u32 = 1_000;
/// A round takes messages at least this long after its end on top of the slowest round trip
/// (1% of the round where that is more): the round trip credited is the best the link did, and
/// the batch a page sends as its round ends also meets the link's jitter and a busy page, proxy
/// or server on the way. Clicks in it count only up to the round's end on the credited timeline,
/// so the wait delays the results and gains nobody anything.
pub const LATE_INPUT_SLACK_MS: u64 = 300;
/// Latency credited at most to a socket the network did not measure (no `cf.clientTcpRtt`, as
/// under `wrangler dev`), whose round trip only its own probe answers tell: what a client that
/// answers probes late gains is bounded by this (`shared/src/game/timing.rs`).
pub const UNMEASURED_RTT_CAP_MS: u32 = 150;
/// Players in a public game.
pub const PUBLIC_CAP: u8 = 6;
/// Player caps a private game's host may pick from, and the default.
pub const PRIVATE_CAP_MIN: u8 = 2;
pub const PRIVATE_CAP_MAX: u8 = 10;
pub const PRIVATE_CAP_DEFAULT: u8 = 4;
/// Players needed to start any game.
pub const MIN_PLAYERS: usize = 2;

/// The rules a game is played by. A private game's host may change them within [`Rules::validate`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    /// Capital every player starts with, in dollars.
    pub starting_capital: i64,
    /// Taken from every active player at each round's end, in dollars.
    pub burn: i64,
    /// Countdown before each round.
    pub intermission_ms: u32,
    /// The build window.
    pub round_ms: u32,
    /// Rounds at most; the game ends after the last.
    pub max_rounds: u8,
}

impl Default for Rules {
    fn default() -> Self {
        Self {
            starting_capital: 30_000,
            burn: 5_000,
            intermission_ms: 3_000,
            round_ms: 10_000,
            max_rounds: 10,
        }
    }
}

/// Each rule's bounds (SPEC §1), least and most, in the units it is kept in: the server checks a
/// game's rules against them, and the home page's form offers them.
pub mod bounds {
    pub const STARTING_CAPITAL: (i64, i64) = (5_000, 100_000);
    pub const BURN: (i64, i64) = (0, 50_000);
    pub const INTERMISSION_MS: (i64, i64) = (1_000, 10_000);
    pub const ROUND_MS: (i64, i64) = (3_000, 30_000);
    pub const MAX_ROUNDS: (i64, i64) = (1, 50);
}

/// A rule set outside its bounds, named so the host can fix it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleOutOfBounds {
    pub rule: &'static str,
    pub min: i64,
    pub max: i64,
}

impl std::fmt::Display for RuleOutOfBounds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} must be between {} and {}", self.rule, self.min, self.max)
    }
}

impl Rules {
    /// How long after its end a round still takes messages, when its slowest active player's
    /// round trip is `slowest_rtt` ms (credited up to [`MAX_RTT_CREDIT_MS`]).
    pub fn round_grace_ms(&self, slowest_rtt: u32) -> u64 {
        let tolerance = (u64::from(self.round_ms) / 100).max(LATE_INPUT_SLACK_MS);
        u64::from(slowest_rtt.min(MAX_RTT_CREDIT_MS)) + tolerance
    }

    /// Checks every rule against its bounds (SPEC §1).
    pub fn validate(&self) -> Result<(), RuleOutOfBounds> {
        let check = |rule, value: i64, (min, max)| {
            if (min..=max).contains(&value) { Ok(()) } else { Err(RuleOutOfBounds { rule, min, max }) }
        };
        check("starting capital", self.starting_capital, bounds::STARTING_CAPITAL)?;
        check("burn", self.burn, bounds::BURN)?;
        check("intermission (ms)", self.intermission_ms.into(), bounds::INTERMISSION_MS)?;
        check("round length (ms)", self.round_ms.into(), bounds::ROUND_MS)?;
        check("rounds", self.max_rounds.into(), bounds::MAX_ROUNDS)
    }
}

/// The profit of a product: `floor(500,000 × clicks / ms)`, with `ms` never below [`MIN_BUILD_MS`].
pub fn profit(clicks: u32, ms: u32) -> i64 {
    let ms = u64::from(ms.max(MIN_BUILD_MS));
    // Fits easily: clicks are bounded by the rate limit, and u64 holds 500,000 × u32::MAX.
    (PROFIT_MULTIPLIER * u64::from(clicks) / ms) as i64
}

/// Whether a game is open to quick play or reached only by its invite.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    Public,
    Private,
}

/// What a game is created with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GameConfig {
    pub visibility: Visibility,
    pub cap: u8,
    pub rules: Rules,
}

impl GameConfig {
    /// A public game: default rules, the public cap.
    pub fn public() -> Self {
        Self { visibility: Visibility::Public, cap: PUBLIC_CAP, rules: Rules::default() }
    }

    /// A private game with the host's cap and rules, checked against their bounds.
    pub fn private(cap: u8, rules: Rules) -> Result<Self, RuleOutOfBounds> {
        if !(PRIVATE_CAP_MIN..=PRIVATE_CAP_MAX).contains(&cap) {
            return Err(RuleOutOfBounds {
                rule: "player cap",
                min: PRIVATE_CAP_MIN.into(),
                max: PRIVATE_CAP_MAX.into(),
            });
        }
        rules.validate()?;
        Ok(Self { visibility: Visibility::Private, cap, rules })
    }
}
