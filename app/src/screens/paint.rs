//! Paints the game's screens as markup text into one element, and then changes only the parts
//! whose content changed.
//!
//! A screen's frame (its elements and their order) is drawn once for the phase it shows; the
//! parts inside it (`data-part="…"`) are set as text, markup or an attribute, each only when its
//! value differs from the one painted last. A button or field in a frame is therefore the same
//! element while the phase lasts: it keeps focus, a press, a selection, what is typed. Leptos's
//! views compile each element into code of its own, where a frame is a string: this is what
//! lets a game's link load fast (docs/SIZE.md).
//!
//! The painter takes nothing but [`Markup`] (`markup.rs`), and it is the one place HTML reaches
//! the page: through the page's one Trusted Types policy, which the page's
//! Content-Security-Policy requires of every HTML sink. `clippy.toml` refuses the other ways in.

use std::cell::OnceCell;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

use super::markup::{Markup, Part};

#[wasm_bindgen]
extern "C" {
    /// The page's global object, as far as Trusted Types go.
    type Global;
    /// An element, as far as HTML written into it goes.
    type Sink;
    /// The browser's Trusted Types (`window.trustedTypes`).
    type TrustedTypes;
    /// A Trusted Types policy: the one way, under the page's Content-Security-Policy, for text to
    /// become HTML in the page.
    type Policy;
    #[wasm_bindgen(method, getter = trustedTypes)]
    fn trusted_types(this: &Global) -> Option<TrustedTypes>;
    #[wasm_bindgen(method, catch, js_name = createPolicy)]
    fn create_policy(this: &TrustedTypes, name: &str, rules: &js_sys::Object) -> Result<Policy, JsValue>;
    #[wasm_bindgen(method, js_name = createHTML)]
    fn create_html(this: &Policy, html: &str) -> JsValue;
    #[wasm_bindgen(method, setter = innerHTML)]
    fn set_html(this: &Sink, html: &JsValue);
    #[wasm_bindgen(method, setter = outerHTML)]
    fn set_outer(this: &Sink, html: &JsValue);
}

thread_local! {
    /// The page's one Trusted Types policy, where the browser has them: the page's
    /// Content-Security-Policy (`require-trusted-types-for 'script'; trusted-types clix`) lets
    /// HTML reach the DOM through it alone, and only this module holds it.
    static POLICY: OnceCell<Option<Policy>> = const { OnceCell::new() };
}

/// `trustedTypes.createPolicy("clix", { createHTML: String })`, or nothing in a browser without
/// Trusted Types. `createHTML` passes the text through as it is (`String` gives back its
/// argument): it is [`Markup`], escaped as it was made, by the time it reaches this module.
fn policy() -> Option<Policy> {
    let global = js_sys::global();
    let factory = global.unchecked_ref::<Global>().trusted_types()?;
    let rules = js_sys::Object::new();
    let pass = js_sys::Reflect::get(&global, &"String".into()).ok()?;
    js_sys::Reflect::set(&rules, &"createHTML".into(), &pass).ok()?;
    factory.create_policy("clix", &rules).ok()
}

/// `markup` as the page takes HTML: through the policy where there is one.
fn trusted(markup: &Markup) -> JsValue {
    POLICY.with(|p| match p.get_or_init(policy) {
        Some(policy) => policy.create_html(&markup.0),
        None => JsValue::from_str(&markup.0),
    })
}

/// Paints `markup` as all of `el`: a page, or what a page says while it loads.
pub fn paint(el: &Element, markup: &Markup) {
    el.unchecked_ref::<Sink>().set_html(&trusted(markup));
}

/// What one screen element shows, and what each of its parts showed when painted last.
#[derive(Default)]
pub struct Painter {
    root: Option<Element>,
    /// The frame drawn into the screen part, by its key.
    frame: String,
    /// Each part's painted value, by part and what was set on it.
    painted: Vec<(Part, &'static str, String)>,
}

impl Painter {
    /// Paints into `root`, whose markup `shell` holds the parts that outlive every frame and a
    /// part [`Part::Screen`] for the frames.
    pub fn start(&mut self, root: Element, shell: &Markup) {
        paint(&root, shell);
        self.root = Some(root);
        self.frame.clear();
        self.painted.clear();
    }

    pub fn started(&self) -> bool {
        self.root.is_some()
    }

    /// Draws the frame `key`, as `markup` makes it, unless it is the one drawn. True when drawn:
    /// every part is then painted afresh.
    pub fn frame(&mut self, key: &str, markup: impl FnOnce() -> Markup) -> bool {
        if self.frame == key {
            return false;
        }
        let Some(screen) = self.find(Part::Screen) else { return false };
        paint(&screen, &markup());
        key.clone_into(&mut self.frame);
        // The shell's parts outlive the frame; the frame's start afresh.
        self.painted.retain(|(part, ..)| SHELL_PARTS.contains(part));
        true
    }

    /// The element of part `part`.
    pub fn find(&self, part: Part) -> Option<Element> {
        self.root.as_ref()?.query_selector(&format!("[data-part={}]", part.name())).ok()?
    }

    /// Whether `value` differs from what was painted as `what` of `part`; remembers it.
    fn changed(&mut self, part: Part, what: &'static str, value: &str) -> bool {
        match self.painted.iter_mut().find(|(p, w, _)| *p == part && *w == what) {
            Some((.., old)) if old == value => false,
            Some((.., old)) => {
                value.clone_into(old);
                true
            }
            None => {
                self.painted.push((part, what, value.to_owned()));
                true
            }
        }
    }

    /// `part` as plain text.
    pub fn text(&mut self, part: Part, text: &str) {
        if self.changed(part, "text", text)
            && let Some(el) = self.find(part)
        {
            el.set_text_content(Some(text));
        }
    }

    /// `part`'s markup.
    pub fn html(&mut self, part: Part, markup: &Markup) {
        if self.changed(part, "html", &markup.0)
            && let Some(el) = self.find(part)
        {
            paint(&el, markup);
        }
    }

    /// `part`'s children, one per row: only a row whose markup changed is written again, so the
    /// others keep focus and what they hold (a button being pressed stays that button).
    pub fn rows(&mut self, part: Part, rows: &[Markup]) {
        let Some(el) = self.find(part) else { return };
        let count = el.child_element_count() as usize;
        let what = |i: usize| ROWS.get(i).copied().unwrap_or("row");
        if count != rows.len() || rows.len() > ROWS.len() {
            let all = maud::html! { @for row in rows { (row) } };
            paint(&el, &all);
            self.painted.retain(|(p, w, _)| *p != part || !w.starts_with("row"));
            for (i, row) in rows.iter().enumerate() {
                self.changed(part, what(i), &row.0);
            }
            return;
        }
        let children = el.children();
        for (i, row) in rows.iter().enumerate() {
            if self.changed(part, what(i), &row.0)
                && let Some(child) = children.item(i as u32)
            {
                child.unchecked_ref::<Sink>().set_outer(&trusted(row));
            }
        }
    }

    /// Attribute `attr` of `part`: set to `value`, or taken off.
    pub fn attr(&mut self, part: Part, attr: &'static str, value: Option<&str>) {
        if self.changed(part, attr, value.unwrap_or("\u{0}"))
            && let Some(el) = self.find(part)
        {
            let _ = match value {
                Some(value) => el.set_attribute(attr, value),
                None => el.remove_attribute(attr),
            };
        }
    }

    /// Style property `property` of `part`, set through the element's style object: a `style`
    /// attribute would need the page's Content-Security-Policy to allow inline styles.
    pub fn style(&mut self, part: Part, property: &'static str, value: &str) {
        if self.changed(part, property, value)
            && let Some(el) = self.find(part)
            && let Ok(style) = js_sys::Reflect::get(&el, &"style".into())
            && let Ok(set) = js_sys::Reflect::get(&style, &"setProperty".into())
            && let Ok(set) = set.dyn_into::<js_sys::Function>()
        {
            let _ = set.call2(&style, &property.into(), &value.into());
        }
    }

    /// Whether what `part` is (`on`) became true since it was painted last: a new frame starts
    /// from nothing.
    pub fn became(&mut self, part: Part, on: bool) -> bool {
        self.changed(part, "became", if on { "1" } else { "" }) && on
    }

    /// A boolean attribute (`disabled`, `hidden`) of `part`, on or off.
    pub fn flag(&mut self, part: Part, attr: &'static str, on: bool) {
        self.attr(part, attr, on.then_some(""));
    }
}

/// The parts of a game's shell, which every frame leaves as they are.
const SHELL_PARTS: [Part; 4] = [Part::Announce, Part::Leave, Part::Mute, Part::Link];

/// What the painter remembers of each row of a list, by its place (a game has at most 10).
const ROWS: [&str; 10] = ["row0", "row1", "row2", "row3", "row4", "row5", "row6", "row7", "row8", "row9"];

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
