//! Embeds a minified copy of `style/aduan.css` for the widget (see `src/css.rs`).

#[path = "src/css.rs"]
mod css;

fn main() {
    println!("cargo::rerun-if-changed=style/aduan.css");
    println!("cargo::rerun-if-changed=src/css.rs");
    let source = std::fs::read_to_string("style/aduan.css").expect("style/aduan.css is part of the crate");
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("aduan.min.css");
    std::fs::write(out, css::minify(&source)).expect("OUT_DIR is writable");
}
