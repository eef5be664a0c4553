//! The portal's Wasm keeps the linker's relocations (`--emit-relocs`): scripts/split-portal.mjs
//! needs them to split the code loaded later (`later::entry!`) into modules of their own. Only
//! the portal's link (a flag in RUSTFLAGS would rebuild every crate and leave them in the
//! calculator's Wasm).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bin=portal=--emit-relocs");
    }
}
