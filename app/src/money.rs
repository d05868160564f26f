//! Money as players read it, "$30,000" and "-$4,900": formatted by the browser's own
//! `Intl.NumberFormat`, so the app carries no number formatting code of its own.

use js_sys::{Array, Function, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

thread_local! {
    /// One formatter for the page: building it is the costly part.
    static FORMAT: Option<Function> = formatter();
}

fn formatter() -> Option<Function> {
    let options = Object::new();
    for (key, value) in [("style", "currency"), ("currency", "USD")] {
        Reflect::set(&options, &key.into(), &value.into()).ok()?;
    }
    Reflect::set(&options, &"maximumFractionDigits".into(), &0.into()).ok()?;
    let format = Intl::NumberFormat::new(&Array::of1(&"en-US".into()), &options);
    Some(format.format())
}

/// `dollars` as "$30,000", or "-$4,900" below zero.
pub fn money(dollars: i64) -> String {
    let formatted = FORMAT.with(|f| {
        f.as_ref().and_then(|f| f.call1(&JsValue::NULL, &JsValue::from_f64(dollars as f64)).ok()?.as_string())
    });
    // Without Intl (it is everywhere the app runs), plain digits are still right.
    formatted.unwrap_or_else(|| if dollars < 0 { format!("-${}", -dollars) } else { format!("${dollars}") })
}
