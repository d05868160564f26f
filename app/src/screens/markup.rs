//! What pages and screens are written with: [`Markup`], maud's type of markup, made only by
//! `html!` templates, which escape every value spliced into them unless it is markup itself. A
//! player's words therefore cannot become markup however a screen is written; the painter
//! (`paint.rs`) takes nothing else. Every name sits inside a `<bdi>`, so it stays text and
//! cannot reorder what stands around it.
//!
//! The parts the painter sets ([`Part`]) and the buttons the screens hear ([`button`]) are named
//! once here, for the markup and the code that finds them alike.

use maud::Render;
pub use maud::{Markup, html};
use shared::view::PlayerView;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// A part of a page or screen that the painter sets (`data-part="…"`), by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Where a game's frames are drawn.
    Screen,
    /// The one live region of a game's page: what a screen reader is told, said once.
    Announce,
    Leave,
    Mute,
    Link,
    Invite,
    Players,
    Countdown,
    Join,
    Rules,
    AddBot,
    Start,
    Title,
    Count,
    Status,
    Timebar,
    Fill,
    Clicks,
    PriceLabel,
    Price,
    Paused,
    Product,
    Ship,
    Results,
    Fate,
    Next,
    Moment,
    Winner,
    YouWon,
    Result,
    Again,
    Refused,
    Error,
}

impl Part {
    pub const fn name(self) -> &'static str {
        match self {
            Self::Screen => "screen",
            Self::Announce => "announce",
            Self::Leave => "leave",
            Self::Mute => "mute",
            Self::Link => "link",
            Self::Invite => "invite",
            Self::Players => "players",
            Self::Countdown => "countdown",
            Self::Join => "join",
            Self::Rules => "rules",
            Self::AddBot => "add-bot",
            Self::Start => "start",
            Self::Title => "title",
            Self::Count => "count",
            Self::Status => "status",
            Self::Timebar => "timebar",
            Self::Fill => "fill",
            Self::Clicks => "clicks",
            Self::PriceLabel => "price-label",
            Self::Price => "price",
            Self::Paused => "paused",
            Self::Product => "product",
            Self::Ship => "ship",
            Self::Results => "results",
            Self::Fate => "fate",
            Self::Next => "next",
            Self::Moment => "moment",
            Self::Winner => "winner",
            Self::YouWon => "you-won",
            Self::Result => "result",
            Self::Again => "again",
            Self::Refused => "refused",
            Self::Error => "error",
        }
    }
}

impl Render for Part {
    fn render_to(&self, buffer: &mut String) {
        buffer.push_str(self.name());
    }
}

/// The buttons pages and screens hear, by the `data-testid` they are written with and found by.
pub mod button {
    pub const LEAVE: &str = "leave";
    pub const MUTE: &str = "mute";
    pub const PRODUCT: &str = "product";
    pub const SHIP: &str = "ship";
    pub const PLAY_AGAIN: &str = "play-again";
    pub const COPY: &str = "copy";
    pub const SHARE: &str = "share";
    pub const SHARE_RESULT: &str = "share-result";
    pub const START: &str = "start";
    pub const ADD_BOT: &str = "add-bot";
    pub const REMOVE_BOT: &str = "remove-bot";
    pub const QUICK_PLAY_INSTEAD: &str = "quick-play-instead";
    pub const RETRY: &str = "retry";
    pub const RELOAD: &str = "reload";
    pub const QUICK_PLAY: &str = "quick-play";
    pub const PRACTICE: &str = "practice";
    pub const CREATE: &str = "create";
    pub const JOIN: &str = "join";
    pub const JOIN_CODE: &str = "join-code";
}

/// The `data-testid` of the button an event reached, if it reached one.
pub fn pressed(target: Option<web_sys::EventTarget>) -> Option<(Element, String)> {
    let button = element(target)?.closest("button").ok()??;
    let id = button.get_attribute("data-testid")?;
    Some((button, id))
}

/// A player's name, isolated, as the class `class` shows names.
pub fn name(name: &str, class: &str) -> Markup {
    html! { bdi class=(class) { (name) } }
}

/// A player's name as [`name`] writes it (marked as a row's name for tests where `row`),
/// followed by a bot's mark where the game plays the seat.
pub fn player(p: &PlayerView, row: bool) -> Markup {
    html! {
        bdi.name data-testid=[row.then_some("row-name")] { (p.name) }
        (bot_mark(p))
    }
}

/// The mark that tells a bot from a person, with its level for those who point at it.
pub fn bot_mark(p: &PlayerView) -> Markup {
    html! {
        @if let Some(level) = p.bot {
            " " span.badge.bot data-testid="bot" title={ "A bot, " (level.label()) } { "bot" }
        }
    }
}

/// A player's colour dot: the colour is the seat's class (`colour.rs`).
pub fn dot(seat: shared::ids::SeatId) -> Markup {
    html! { i class={ "dot " (super::colour(seat)) } aria-hidden="true" {} }
}

/// The element an event happened on, where markup text hears its own events.
pub fn element(target: Option<web_sys::EventTarget>) -> Option<Element> {
    target?.dyn_into().ok()
}

/// What the field `selector` inside `around` holds now: markup text's fields are read when
/// they are used, not bound.
pub fn value(around: &Element, selector: &str) -> Option<String> {
    let field = around.query_selector(selector).ok()??;
    js_sys::Reflect::get(&field, &"value".into()).ok()?.as_string()
}
