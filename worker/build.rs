//! The build's identity (`SMA_BUILD_ID`): a digest (FNV-1a, 64 bits) of everything a public
//! answer of this Worker is computed from besides D1 — its own sources, `shared` with the
//! price books it embeds, the OpenAPI document and the locked dependencies. It is part of the
//! key of every cached public answer, so a new price book or a changed answer shape is never
//! served from an older build's cache entries.

use std::path::{Path, PathBuf};

const INPUTS: [&str; 6] = [
    "src",
    "openapi.json",
    "../shared/src",
    "../shared/build.rs",
    "../shared/pricebook.toml",
    "../Cargo.lock",
];

fn files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .expect("read a source folder")
            .map(|e| e.expect("read a folder entry").path())
            .collect();
        entries.sort();
        for entry in entries {
            files(&entry, out);
        }
    } else if path.is_file() {
        out.push(path.to_owned());
    }
}

fn fnv1a(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let mut all = Vec::new();
    for input in INPUTS {
        println!("cargo:rerun-if-changed={input}");
        files(&manifest.join(input), &mut all);
    }
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    for file in &all {
        let name = file.strip_prefix(&manifest).unwrap_or(file);
        hash = fnv1a(hash, name.to_string_lossy().as_bytes());
        hash = fnv1a(hash, &std::fs::read(file).expect("read a source file"));
    }
    println!("cargo:rustc-env=SMA_BUILD_ID={hash:016x}");
}
