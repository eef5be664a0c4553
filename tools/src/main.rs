//! Operator and developer tools for the SMA portal.
//!
//! `sma-tools publish --env local|staging|production ...` puts `releases/*.md` and their files
//! on a Worker (see `publish`); `sma-tools withdraw VERSION --reason TEXT` and `sma-tools
//! restore VERSION` hide a release and bring it back.
//!
//! `sma-tools import FILE.csv --env ...` imports customers and installations (see `import`).
//!
//! `sma-tools seed --out DIR --today YYYY-MM-DD` writes `DIR/seed.sql`: the demo customers for
//! D1, dated relative to `today` (the demo releases go through `publish --demo`).
//!
//! `sma-tools bench-seed --installations N --due K --date YYYY-MM-DD` prints the SQL of a large
//! customer base for measuring the daily renewal run (`scripts/bench-renewals.sh`).
//!
//! `sma-tools bench-releases --releases N --notes M` prints the SQL of N synthetic old releases
//! with M notes among them, written straight into a local D1 for growth measurements
//! (`SEED_GROW` of `scripts/db.sh`; see `bench_releases`).
//!
//! `sma-tools openapi [--out FILE]` writes the OpenAPI document of the API (`worker/openapi.json`),
//! generated from the types of `sma_shared::api`.

use chrono::NaiveDate;
use std::{fs, path::PathBuf, process::ExitCode};

mod accounts;
mod artifacts;
mod bench_releases;
mod bench_seed;
mod import;
mod legacy;
mod openapi;
mod publish;
mod releases;
mod seed;

/// Parsed command line of the `seed` command.
struct SeedArgs {
    out: PathBuf,
    today: NaiveDate,
}

fn parse_seed_args(args: &[String]) -> Result<SeedArgs, String> {
    let mut out = None;
    let mut today = None;
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
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(SeedArgs {
        out: out.ok_or("--out DIR is required")?,
        today: today.ok_or("--today YYYY-MM-DD is required")?,
    })
}

/// `--installations N --due K --date YYYY-MM-DD` of `bench-seed`.
fn bench_seed_args(args: &[String]) -> Result<(usize, usize, NaiveDate), String> {
    let date = NaiveDate::parse_from_str(flag_value(args, "--date")?, "%Y-%m-%d")
        .map_err(|_| "--date: not a date".to_owned())?;
    Ok((
        flag_number(args, "--installations")?,
        flag_number(args, "--due")?,
        date,
    ))
}

/// `--releases N --notes M` of `bench-releases` (at least one release).
fn bench_releases_args(args: &[String]) -> Result<(usize, usize), String> {
    let releases = flag_number(args, "--releases")?;
    if releases == 0 {
        return Err("--releases: at least 1".into());
    }
    Ok((releases, flag_number(args, "--notes")?))
}

/// The value after `flag` in `args`.
fn flag_value<'a>(args: &'a [String], flag: &str) -> Result<&'a String, String> {
    args.iter()
        .position(|a| a == flag)
        .and_then(|i| args.get(i + 1))
        .ok_or(format!("{flag} is required"))
}

/// The number after `flag` in `args`.
fn flag_number(args: &[String], flag: &str) -> Result<usize, String> {
    flag_value(args, flag)?
        .parse::<usize>()
        .map_err(|_| format!("{flag}: not a number"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("seed") => parse_seed_args(&args[1..]).and_then(|a| {
            fs::create_dir_all(&a.out).map_err(|e| e.to_string())?;
            seed::write(&a.out, a.today)
        }),
        Some(command @ ("publish" | "withdraw" | "restore")) => {
            publish::cli::run(command, &args[1..])
        }
        Some("openapi") => openapi::run(&args[1..]),
        Some("import") => import::run(&args[1..]),
        Some("bench-seed") => bench_seed_args(&args[1..])
            .and_then(|(n, due, date)| bench_seed::sql(n, due, date))
            .map(|sql| print!("{sql}")),
        Some("bench-releases") => bench_releases_args(&args[1..]).map(|(releases, notes)| {
            print!(
                "{}",
                bench_releases::sql(&bench_releases::releases(releases, notes))
            )
        }),
        _ => Err(format!(
            "usage: {}\n  {}\n  sma-tools seed --out DIR --today YYYY-MM-DD\n  sma-tools openapi [--out FILE]\n  sma-tools bench-releases --releases N --notes M",
            publish::cli::USAGE,
            import::USAGE
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sma-tools: {e}");
            ExitCode::FAILURE
        }
    }
}
