//! Players' names and money, as text in the page.

use super::support::{after_two_rounds, mount, painted, texts, waiting_room};
use app::screens::results_markup;
use shared::ids::SeatId;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn names_are_isolated_from_the_text_around_them() {
    // A right-to-left name must not pull the badges and presence beside it into its direction.
    let mut view = waiting_room();
    view.players[0].name = "שלום 12".into();
    let root = mount(view.clone());
    let names = root.query_selector_all("[data-testid=player] bdi.name").expect("a valid selector");
    assert_eq!(names.length(), 2, "every name in the list is its own <bdi>");
    let summary = after_two_rounds().history[0].clone();
    let table = painted(&results_markup(&view, &summary));
    assert_eq!(texts(&table, "[data-testid=result-row] th bdi").len(), 2, "and in the results");
}

#[wasm_bindgen_test]
fn a_right_to_left_override_in_a_name_reorders_nothing_around_it() {
    // U+202E reverses what follows it up to the end of its isolate: inside <bdi> that is the
    // name alone. The server strips such controls too; the screens must hold if one slips by.
    let mut view = after_two_rounds();
    view.players[0].name = "\u{202E}Ada".into();
    view.winners = vec![SeatId(0)];
    let root = mount(view);
    let names = root.query_selector_all("bdi").expect("a valid selector");
    let hostile = (0..names.length())
        .filter_map(|i| names.item(i))
        .filter(|n| n.text_content().unwrap_or_default() == "\u{202E}Ada")
        .count();
    // The standings, the chart's legend, the last round, and the room under them.
    assert_eq!(hostile, 4, "every place the name appears isolates it");
    for text in texts(&root, "li, tr, h1, .legend span") {
        if let Some(at) = text.find('\u{202E}') {
            assert!(text[..at].ends_with('\u{2068}') || text.contains("Ada"), "{text}");
        }
    }
    let winner = texts(&root, "[data-testid=winner]");
    assert_eq!(winner, ["\u{2068}\u{202E}Ada\u{2069} wins!"], "a heading isolates it with FSI … PDI");
}

#[wasm_bindgen_test]
fn markup_in_a_name_stays_text() {
    use app::screens::markup::{html, name};
    // maud's escaping: `'` stays, as every attribute is written in double quotes.
    let said = r#"<b a="1">&'"#;
    assert_eq!(html! { (said) }.into_string(), "&lt;b a=&quot;1&quot;&gt;&amp;'");
    assert_eq!(
        html! { p title=(said) {} }.into_string(),
        r#"<p title="&lt;b a=&quot;1&quot;&gt;&amp;'"></p>"#
    );
    assert_eq!(html! { ("שלום \u{202E}x") }.into_string(), "שלום \u{202E}x");
    assert_eq!(name("<i>", "name").into_string(), r#"<bdi class="name">&lt;i&gt;</bdi>"#);
}

#[wasm_bindgen_test]
fn money_reads_as_the_browser_would_write_it() {
    use js_sys::{Array, Intl, Object, Reflect};
    let options = Object::new();
    for (key, value) in [
        ("style", JsValue::from("currency")),
        ("currency", "USD".into()),
        ("maximumFractionDigits", 0.into()),
    ] {
        Reflect::set(&options, &key.into(), &value).expect("a plain object takes any key");
    }
    let intl = Intl::NumberFormat::new(&Array::of1(&"en-US".into()), &options).format();
    for dollars in [
        0,
        1,
        -1,
        999,
        1_000,
        -4_900,
        30_000,
        99_999,
        100_000,
        1_234_567,
        -12_345_678_901,
        9_007_199_254_740_991,
    ] {
        let browser =
            intl.call1(&JsValue::NULL, &JsValue::from_f64(dollars as f64)).expect("Intl formats a number");
        let browser = browser.as_string().expect("as a string");
        assert_eq!(shared::money::money(dollars), browser, "{dollars}");
    }
}
