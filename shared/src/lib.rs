//! Startup CliX's shared crate: the contract between the Worker and the app, and the game itself.
//!
//! - [`rules`]: every rule of the game, its default and its bounds.
//! - [`protocol`]: the messages each way over the WebSocket, and decoding at the boundary.
//! - [`view`]: what a player is shown, and how events update it (the same code on both sides).
//! - [`read`]: the app's reader of server messages, lighter than the derived decoder.
//! - [`game`]: the game as a pure state machine: time in, effects out.
//! - [`bot`]: how the game's own players plan a round.
//! - [`ids`], [`name`]: seats, sockets, invite codes and player names.
//! - [`money`]: dollars as players read them; [`chart`]: the capital chart's geometry, drawn by
//!   the app as SVG and by the Worker into link pictures.
//! - [`api`]: the HTTP requests and answers around the WebSocket (create, join, quick play).
//! - [`arrival`]: when the server's moments happened on a page's own clock.

pub mod api;
pub mod arrival;
pub mod bot;
pub mod chart;
pub mod game;
pub mod host;
pub mod ids;
pub mod journal;
pub mod link;
pub mod money;
pub mod name;
pub mod protocol;
pub mod read;
pub mod rules;
pub mod view;
pub mod write;
