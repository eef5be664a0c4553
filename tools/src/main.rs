//! Developer tools for the SMA portal.
//!
//! `sma-tools seed --out DIR --today YYYY-MM-DD [--releases DIR] [--artifact-cache DIR] [--grow RELEASES,NOTES]` writes `DIR/seed.sql` (demo data for D1,
//! dated relative to `today`) and `DIR/artifacts.tsv` (R2 key and file of each demo artifact);
//! `--grow` adds that many synthetic old releases and notes (growth measurements: `SEED_GROW` of `scripts/db.sh`).
//!
//! `sma-tools openapi [--out FILE]` writes the OpenAPI document of the API (`worker/openapi.json`),
//! generated from the types of `sma_shared::api`.

use chrono::NaiveDate;
use std::{fs, path::PathBuf, process::ExitCode};

mod accounts;
mod artifacts;
mod grow;
mod openapi;
mod releases;
mod seed;

/// Parsed command line of the `seed` command.
struct SeedArgs {
    out: PathBuf,
    today: NaiveDate,
    releases: PathBuf,
    cache: PathBuf,
    grow: Option<(usize, usize)>,
}

fn parse_seed_args(args: &[String]) -> Result<SeedArgs, String> {
    let mut out = None;
    let mut today = None;
    let mut releases = PathBuf::from("releases");
    let home = std::env::var("HOME").unwrap_or_else(|_| ".".into());
    let mut cache = PathBuf::from(home).join(".cache/sma-artifacts");
    let mut grow = None;
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
            "--grow" => {
                let counts = value
                    .split_once(',')
                    .and_then(|(r, n)| Some((r.parse().ok()?, n.parse().ok()?)))
                    .filter(|&(r, _): &(usize, usize)| r > 0)
                    .ok_or_else(|| format!("--grow: not RELEASES,NOTES: {value}"))?;
                grow = Some(counts);
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(SeedArgs {
        out: out.ok_or("--out DIR is required")?,
        today: today.ok_or("--today YYYY-MM-DD is required")?,
        releases,
        cache,
        grow,
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("seed") => parse_seed_args(&args[1..]).and_then(|a| {
            fs::create_dir_all(&a.out).map_err(|e| e.to_string())?;
            let extra = a.grow.map_or_else(Vec::new, |(r, n)| grow::releases(r, n));
            seed::write(&a.out, a.today, &a.releases, &a.cache, extra)
        }),
        Some("openapi") => openapi::run(&args[1..]),
        _ => Err("usage: sma-tools seed --out DIR --today YYYY-MM-DD [--releases DIR] [--artifact-cache DIR] [--grow RELEASES,NOTES] | sma-tools openapi [--out FILE]".to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sma-tools: {e}");
            ExitCode::FAILURE
        }
    }
}
