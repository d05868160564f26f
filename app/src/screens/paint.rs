//! Paints the game's screens as markup text into one element, and then changes only the parts
//! whose content changed.
//!
//! A screen's frame (its elements and their order) is drawn once for the phase it shows; the
//! parts inside it (`data-part="…"`) are set as text, markup or an attribute, each only when its
//! value differs from the one painted last. A button or field in a frame is therefore the same
//! element while the phase lasts: it keeps focus, a press, a selection, what is typed. Leptos's
//! views compile each element into code of its own, where a frame is a string: this is what
//! lets a game's link load fast (docs/SIZE.md).

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::Element;

/// What one screen element shows, and what each of its parts showed when painted last.
#[derive(Default)]
pub struct Painter {
    root: Option<Element>,
    /// The frame drawn into the screen part, by its key.
    frame: String,
    /// Each part's painted value, by part and what was set on it.
    painted: Vec<(String, String)>,
}

impl Painter {
    /// Paints into `root`, whose markup `shell` holds the parts that outlive every frame and a
    /// part named `screen` for the frames.
    pub fn start(&mut self, root: Element, shell: &str) {
        root.set_inner_html(shell);
        self.root = Some(root);
        self.frame.clear();
        self.painted.clear();
    }

    pub fn started(&self) -> bool {
        self.root.is_some()
    }

    /// Draws the frame `key`, as `markup` makes it, unless it is the one drawn. True when drawn:
    /// every part is then painted afresh.
    pub fn frame(&mut self, key: &str, markup: impl FnOnce() -> String) -> bool {
        if self.frame == key {
            return false;
        }
        let Some(screen) = self.find("screen") else { return false };
        screen.set_inner_html(&markup());
        key.clone_into(&mut self.frame);
        self.painted.clear();
        true
    }

    /// The element of part `name`.
    pub fn find(&self, name: &str) -> Option<Element> {
        self.root.as_ref()?.query_selector(&format!("[data-part={name}]")).ok()?
    }

    /// Whether `value` differs from what was painted as `what` of part `name`; remembers it.
    fn changed(&mut self, name: &str, what: &str, value: &str) -> bool {
        let key = format!("{name} {what}");
        match self.painted.iter_mut().find(|(k, _)| *k == key) {
            Some((_, old)) if old == value => false,
            Some((_, old)) => {
                value.clone_into(old);
                true
            }
            None => {
                self.painted.push((key, value.to_owned()));
                true
            }
        }
    }

    /// Part `name` as plain text.
    pub fn text(&mut self, name: &str, text: &str) {
        if self.changed(name, "text", text)
            && let Some(el) = self.find(name)
        {
            el.set_text_content(Some(text));
        }
    }

    /// Part `name`'s markup, written by the screens (every player's word escaped).
    pub fn html(&mut self, name: &str, markup: &str) {
        if self.changed(name, "html", markup)
            && let Some(el) = self.find(name)
        {
            el.set_inner_html(markup);
        }
    }

    /// Attribute `attr` of part `name`: set to `value`, or taken off.
    pub fn attr(&mut self, name: &str, attr: &str, value: Option<&str>) {
        if self.changed(name, attr, value.unwrap_or("\u{0}"))
            && let Some(el) = self.find(name)
        {
            let _ = match value {
                Some(value) => el.set_attribute(attr, value),
                None => el.remove_attribute(attr),
            };
        }
    }

    /// Whether what `name` is (`on`) became true since it was painted last: a new frame starts
    /// from nothing.
    pub fn became(&mut self, name: &str, on: bool) -> bool {
        self.changed(name, "became", if on { "1" } else { "" }) && on
    }

    /// A boolean attribute (`disabled`, `hidden`) of part `name`, on or off.
    pub fn flag(&mut self, name: &str, attr: &str, on: bool) {
        self.attr(name, attr, on.then_some(""));
    }
}

/// A handler of `event` on an element, heard for as long as the reactive owner it was made in
/// (the page or screen painted there) lives: taken off and dropped with it.
struct Listener {
    el: Element,
    event: &'static str,
    handler: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ =
            self.el.remove_event_listener_with_callback(self.event, self.handler.as_ref().unchecked_ref());
    }
}

/// Hears `event` on `el` (and whatever bubbles up to it) with `handler`, until the current
/// owner is cleaned up.
pub fn listen(el: &Element, event: &'static str, handler: Box<dyn FnMut(web_sys::Event)>) {
    let handler = Closure::wrap(handler);
    let _ = el.add_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
    StoredValue::new_local(Listener { el: el.clone(), event, handler });
}
