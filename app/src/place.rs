//! Where the player is: the home page, a game by its code, or nowhere. The app has two pages, so
//! it keeps the address itself rather than carrying a router (docs/SIZE.md has what that saves):
//! the place follows the address bar, moved by [`Here::go`], by the app's own links and by the
//! browser's back and forward.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    Home,
    /// A game's invite link. Any code: one that no game has is the game page's to say.
    Game(String),
    Nowhere,
}

impl Place {
    /// The place an address's path names.
    pub fn at(path: &str) -> Self {
        match path {
            "/" => Self::Home,
            _ => match path.strip_prefix("/g/").map(|code| code.strip_suffix('/').unwrap_or(code)) {
                Some(code) if !code.is_empty() && !code.contains('/') => Self::Game(code.to_owned()),
                _ => Self::Nowhere,
            },
        }
    }
}

/// The place the page shows, handed to the pages through context.
#[derive(Clone, Copy)]
pub struct Here {
    place: RwSignal<Place>,
}

impl Here {
    /// Follows the address bar: the browser's back and forward, and clicks on the app's own
    /// links, which open inside the page instead of loading it again.
    pub fn follow_the_address() -> Self {
        let here = Self { place: RwSignal::new(Place::at(&pathname())) };
        let _ = window_event_listener(ev::popstate, move |_| here.place.set(Place::at(&pathname())));
        let _ = window_event_listener(ev::click, move |click| {
            if let Some(path) = own_link(&click) {
                click.prevent_default();
                here.go(&path);
            }
        });
        here
    }

    /// Where the page is; a new value only when the place changes, so a page is not built again
    /// for an address it already shows.
    pub fn place(&self) -> Memo<Place> {
        let place = self.place;
        Memo::new(move |_| place.get())
    }

    /// Opens `path` in this page, as a new entry of the browser's history.
    pub fn go(&self, path: &str) {
        let window = window();
        if let Ok(history) = window.history() {
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path));
        }
        window.scroll_to_with_x_and_y(0.0, 0.0);
        self.place.set(Place::at(path));
    }
}

fn pathname() -> String {
    window().location().pathname().unwrap_or_default()
}

/// The path of a plain left click on a link to one of the app's own pages: not one that asks
/// for a new tab or window, a download, or another site.
fn own_link(click: &web_sys::MouseEvent) -> Option<String> {
    if click.default_prevented()
        || click.button() != 0
        || click.ctrl_key()
        || click.meta_key()
        || click.shift_key()
        || click.alt_key()
    {
        return None;
    }
    let target: web_sys::Element = click.target()?.dyn_into().ok()?;
    let link = target.closest("a[href]").ok()??;
    if link.has_attribute("target") || link.has_attribute("download") {
        return None;
    }
    let href = link.get_attribute("href")?;
    (href.starts_with('/') && !href.starts_with("//")).then_some(href)
}
