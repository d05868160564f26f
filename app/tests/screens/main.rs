//! Screens mounted with fixed views in headless Chromium, a file for each screen.
//!
//! They run only in a browser (`.cargo/config.toml` names the runner):
//! `cargo test -p app --target wasm32-unknown-unknown --tests --no-default-features`, as
//! `scripts/test.sh` does. Built for any other target they would pass having run nothing, so
//! such a build is refused.

#[cfg(not(target_arch = "wasm32"))]
compile_error!(
    "the app's tests run in headless Chromium: cargo test -p app --target wasm32-unknown-unknown --tests --no-default-features"
);

#[cfg(target_arch = "wasm32")]
mod hostile;
#[cfg(target_arch = "wasm32")]
mod results;
#[cfg(target_arch = "wasm32")]
mod round;
#[cfg(target_arch = "wasm32")]
mod support;
#[cfg(target_arch = "wasm32")]
mod text;
#[cfg(target_arch = "wasm32")]
mod trouble;
#[cfg(target_arch = "wasm32")]
mod waiting;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
