//! Developer tools for the SMA portal.
//!
//! `sma-tools seed --out DIR --today YYYY-MM-DD [--releases DIR] [--artifact-cache DIR]` writes `DIR/seed.sql` (demo data for D1,
//! dated relative to `today`) and `DIR/artifacts.tsv` (R2 key and file of each demo artifact).
//!
//! `sma-tools openapi [--out FILE]` writes the OpenAPI document of the API (`worker/openapi.json`),
//! generated from the types of `sma_shared::api`.

use chrono::NaiveDate;
use std::{fs, path::PathBuf, process::ExitCode};

mod accounts;
mod artifacts;
mod legacy;
mod openapi;
mod releases;
mod seed;

/// Parsed command line of the `seed` command.
struct SeedArgs {
    out: PathBuf,
    today: NaiveDate,
    releases: PathBuf,
    cache: PathBuf,
}

fn parse_seed_args(args: &[String]) -> Result<SeedArgs, String> {
    let mut out = None;
    let mut today = None;
    let mut releases = PathBuf::from("releases");
    let home = std::env::var("HOME").unwrap_or_else(|_| ".".into());
    let mut cache = PathBuf::from(home).join(".cache/sma-artifacts");
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--out" => out = Some(PathBuf::from(value)),
            "--today" => {
                today = Some(
                    NaiveDate::parse_from_str(value, "%Y-%m-%d")
                        .map_err(|_| format!("--today: not a date: {value}"))?,
                )
            }
            "--releases" => releases = PathBuf::from(value),
            "--artifact-cache" => cache = PathBuf::from(value),
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(SeedArgs {
        out: out.ok_or("--out DIR is required")?,
        today: today.ok_or("--today YYYY-MM-DD is required")?,
        releases,
        cache,
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("seed") => parse_seed_args(&args[1..]).and_then(|a| {
            fs::create_dir_all(&a.out).map_err(|e| e.to_string())?;
            seed::write(&a.out, a.today, &a.releases, &a.cache)
        }),
        Some("openapi") => openapi::run(&args[1..]),
        _ => Err("usage: sma-tools seed --out DIR --today YYYY-MM-DD [--releases DIR] [--artifact-cache DIR] | sma-tools openapi [--out FILE]".to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sma-tools: {e}");
            ExitCode::FAILURE
        }
    }
}
