//! `--emit-relocs` keeps in the app's wasm what wasm-split-cli needs to move each split function
//! (`wasm_split`), with the code only it reaches, into a file of its own fetched on first use
//! (scripts/build.sh). A link argument of the app's alone: the Worker, built in the same cargo
//! run, and every dependency stay as they are.
fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo::rustc-link-arg-cdylib=--emit-relocs");
    }
}
