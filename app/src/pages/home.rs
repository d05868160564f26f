//! Home: the player's name, quick play, creating a private game, joining by code, and how to play.
//!
//! Its fields are read when a button is pressed, not bound, and its handlers sit on the element
//! around it: as a Leptos view of bound fields it cost 16 KB gzip of the home page's first load
//! (docs/SIZE.md).

use std::pin::Pin;

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{ApiError, CreateGame, SeatGrant};
use shared::ids::{is_valid_code, normalize_code};
use shared::rules::{PRIVATE_CAP_DEFAULT, PRIVATE_CAP_MAX, PRIVATE_CAP_MIN, Rules, bounds};
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::device;
use crate::net::http;
use crate::place::Here;
use crate::screens::markup::{self, Markup, Part, button, element, html, pressed};
use crate::screens::paint::{listen, paint};

/// Shows the home page in `root`, until the current owner is cleaned up.
pub fn show(root: &Element) {
    paint(
        root,
        &html! { section.card.home { div { (page(&device::name())) } div.part data-part=(Part::Error) {} } },
    );
    let error = RwSignal::new(None::<String>);
    let here = expect_context::<Here>();
    let ask = move |form: Element, request: Request| ask_for_seat(form, request, error, here);

    // Practice takes the rules of the form too, against three bots, and starts at once.
    let create = move |form: Element, practice: bool| {
        let request =
            CreateGame { name: player(&form), cap: cap(&form), rules: Some(rules(&form)), practice };
        ask(form, Box::pin(async move { http::create_game(&request).await }));
    };
    let quick = move |form: Element| {
        let name = player(&form);
        ask(form, Box::pin(async move { http::quick_play(&name).await }));
    };
    // One step: the seat is taken here, under the name above, and the game opens seated.
    let join = move |form: Element| {
        let typed = normalize_code(&value(&form, "#code"));
        if !is_valid_code(&typed) {
            error.set(Some("That code does not look right: it has 12 letters and digits.".into()));
            return;
        }
        // This device already sits in that game: back to the seat, not a second one.
        if device::seat(&typed).is_some() {
            return here.go(&format!("/g/{typed}"));
        }
        let name = player(&form);
        ask(form, Box::pin(async move { http::join_game(&typed, &name).await }));
    };
    // The two forms submit (Enter included); the two other buttons are clicked.
    let submitted = move |e: web_sys::Event| {
        e.prevent_default();
        let (Some(form), Some(submitted)) = (holder(&e), element(e.target())) else { return };
        if submitted.class_list().contains("join") {
            join(form);
        } else {
            create(form, false);
        }
    };
    let clicked = move |e: web_sys::Event| {
        let (Some(form), Some((_, id))) = (holder(&e), pressed(e.target())) else { return };
        match id.as_str() {
            button::QUICK_PLAY => quick(form),
            button::PRACTICE => create(form, true),
            _ => {}
        }
    };
    listen(root, "submit", Box::new(submitted));
    listen(root, "click", Box::new(clicked));
    // Why the last request was refused, said where it is seen and announced.
    if let Ok(Some(part)) = root.query_selector(&format!("[data-part={}]", Part::Error.name())) {
        crate::screens::keep(RenderEffect::new(move |_| {
            let said = error.get();
            paint(
                &part,
                &html! { @if let Some(e) = said { p.error role="alert" data-testid="error" { (e) } } },
            );
        }));
    }
}

/// A request for a seat, made when it is awaited.
type Request = Pin<Box<dyn Future<Output = Result<SeatGrant, ApiError>>>>;

/// The page, with `name` (the one this device last played under) already filled in.
fn page(name: &str) -> Markup {
    let defaults = Rules::default();
    html! {
        h1 { "Startup CliX" }
        ol.howto {
            li { "Each round, build a product by clicking as fast as you can." }
            li { "Ship it: profit is $500 × your clicks per second; every round burns $5,000." }
            li { "Go broke and you are out. The last startup standing wins." }
        }
        label for="name" { "Your name" }
        input #name data-testid="name" maxlength="24" autocomplete="nickname" value=(name);
        button.quick data-testid=(button::QUICK_PLAY) { "Quick play" }
        form.create {
            label for="cap" { "Players" }
            select #cap data-testid="cap" {
                @for n in PRIVATE_CAP_MIN..=PRIVATE_CAP_MAX {
                    option value=(n) selected[n == PRIVATE_CAP_DEFAULT] { (n) }
                }
            }
            details.rules-form {
                summary { "Rules" }
                @for f in &RULE_FIELDS {
                    label for=(f.id) { (f.label) }
                    input id=(f.id) data-testid=(f.id) type="number" inputmode="numeric" min=(f.min) max=(f.max)
                        step=(f.step) value=((f.get)(&defaults));
                }
            }
            div.actions {
                button type="submit" data-testid=(button::CREATE) { "Create game" }
                button.secondary type="button" data-testid=(button::PRACTICE) { "Practice vs 3 bots" }
            }
        }
        form.join {
            label for="code" { "Join by code" }
            input #code data-testid="code" autocomplete="off" placeholder="abcd-efgh-jkmn";
            button type="submit" data-testid=(button::JOIN_CODE) { "Join" }
        }
    }
}

/// The element that holds the page's markup, around what `e` happened to. Found from the
/// target: Leptos hands most events on from the document, where `currentTarget` is not the
/// element with the handler.
fn holder(e: &web_sys::Event) -> Option<Element> {
    element(e.target())?.closest(".home").ok().flatten()
}

/// What the field `selector` holds now; an empty text where there is none.
fn value(form: &Element, selector: &str) -> String {
    markup::value(form, selector).unwrap_or_default()
}

/// The name typed, kept for the next visit.
fn player(form: &Element) -> String {
    let name = value(form, "#name");
    device::remember_name(&name);
    name
}

fn cap(form: &Element) -> u8 {
    value(form, "#cap").parse().unwrap_or(PRIVATE_CAP_DEFAULT)
}

/// The rules as the form has them: a field left empty keeps its default, and a number beyond
/// its bounds is taken to the nearest one, as the server would refuse it.
fn rules(form: &Element) -> Rules {
    let mut rules = Rules::default();
    for f in &RULE_FIELDS {
        if let Ok(v) = value(form, &format!("#{}", f.id)).trim().parse::<i64>() {
            (f.set)(&mut rules, v.clamp(f.min, f.max));
        }
    }
    rules
}

/// Runs a request for a seat: on success the seat is kept and its game opened, otherwise the
/// reason is shown. The form's buttons are held off meanwhile.
fn ask_for_seat(form: Element, request: Request, error: RwSignal<Option<String>>, here: Here) {
    hold(&form, true);
    error.set(None);
    spawn_local(async move {
        match request.await {
            Ok(grant) => super::sit(&grant, here),
            Err(err) => error.set(Some(err.reason)),
        }
        hold(&form, false);
    });
}

fn hold(form: &Element, held: bool) {
    let Ok(buttons) = form.query_selector_all("button") else { return };
    for i in 0..buttons.length() {
        if let Some(button) = buttons.item(i).and_then(|b| b.dyn_into::<Element>().ok()) {
            let _ =
                if held { button.set_attribute("disabled", "") } else { button.remove_attribute("disabled") };
        }
    }
}

/// One number of the rules, in the unit people think in.
struct RuleField {
    id: &'static str,
    label: &'static str,
    min: i64,
    max: i64,
    step: i64,
    get: fn(&Rules) -> i64,
    set: fn(&mut Rules, i64),
}

/// The rules of a private game, folded away in the form: the defaults suit most games.
const RULE_FIELDS: [RuleField; 5] = [
    RuleField {
        id: "rule-capital",
        label: "Starting capital ($)",
        min: bounds::STARTING_CAPITAL.0,
        max: bounds::STARTING_CAPITAL.1,
        step: 1_000,
        get: |r| r.starting_capital,
        set: |r, v| r.starting_capital = v,
    },
    RuleField {
        id: "rule-burn",
        label: "Burn per round ($)",
        min: bounds::BURN.0,
        max: bounds::BURN.1,
        step: 500,
        get: |r| r.burn,
        set: |r, v| r.burn = v,
    },
    RuleField {
        id: "rule-countdown",
        label: "Countdown (s)",
        min: bounds::INTERMISSION_MS.0 / 1000,
        max: bounds::INTERMISSION_MS.1 / 1000,
        step: 1,
        get: |r| i64::from(r.intermission_ms / 1000),
        set: |r, v| r.intermission_ms = v as u32 * 1000,
    },
    RuleField {
        id: "rule-round",
        label: "Round length (s)",
        min: bounds::ROUND_MS.0 / 1000,
        max: bounds::ROUND_MS.1 / 1000,
        step: 1,
        get: |r| i64::from(r.round_ms / 1000),
        set: |r, v| r.round_ms = v as u32 * 1000,
    },
    RuleField {
        id: "rule-rounds",
        label: "Rounds",
        min: bounds::MAX_ROUNDS.0,
        max: bounds::MAX_ROUNDS.1,
        step: 1,
        get: |r| i64::from(r.max_rounds),
        set: |r, v| r.max_rounds = v as u8,
    },
];
