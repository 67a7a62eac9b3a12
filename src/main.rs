//! The widget's entry point: Trunk builds this for wasm32, and all it does is
//! register the `<aduan-widget>` element.

#[cfg(target_arch = "wasm32")]
fn main() {
    aduan::embed::register();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The Aduan widget runs in a browser: build it with `trunk build` (see README.md).");
    std::process::exit(2);
}
