//! Screens mounted with fixed views in headless Chromium, a file for each screen.
#![cfg(target_arch = "wasm32")]

mod results;
mod round;
mod support;
mod text;
mod trouble;
mod waiting;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
