//! `sma-tools import FILE --env local|staging|production [--url URL]`: customers and
//! installations from the vendor's order data (CSV, api.md "Operating") through the Worker's
//! import, the same path the ERP takes. A file within the request limit goes whole (`POST
//! /api/admin/imports/customers`); a larger one in parts of at most [`PART_BYTES`] (`POST
//! /api/admin/imports`, each part, then the commit): all of it is written or nothing. Prints
//! what was created, changed and unchanged, or every rejected row (nothing is written then).
//! Demo data (the `@demo.example` addresses of the demo seed) is refused outside local
//! development.

use crate::publish::cli::{plain_target, Env, Target};
use serde::Deserialize;
use sma_shared::accounts::split_parts;
use sma_shared::api::{ImportCommit, ImportPartStaged, ImportReport, ImportStarted, RejectedRow};
use std::time::Instant;

pub const USAGE: &str =
    "sma-tools import FILE.csv --env local|staging|production [--url URL] (admin token: SMA_ADMIN_TOKEN)";

/// The largest request body of a part (the Worker's limit is 64 KiB).
pub const PART_BYTES: usize = 60 * 1024;

#[derive(Deserialize)]
struct Refusal {
    error: Detail,
}

#[derive(Deserialize)]
struct Detail {
    code: String,
    message: String,
    #[serde(default)]
    rows: Option<Vec<RejectedRow>>,
}

/// A refused request: its rows (if any) and a sentence.
struct Refused {
    rows: Vec<RejectedRow>,
    message: String,
}

/// Whether a file holds the demo seed's customers.
pub fn is_demo(text: &str) -> bool {
    text.contains("@demo.example")
}

fn send(
    request: ureq::Request,
    body: Result<&str, &impl serde::Serialize>,
) -> Result<String, Refused> {
    let answer = match body {
        Ok(text) => request.set("content-type", "text/csv").send_string(text),
        Err(json) => match serde_json::to_string(json) {
            Ok(text) => request
                .set("content-type", "application/json")
                .send_string(&text),
            Err(e) => {
                return Err(Refused {
                    rows: Vec::new(),
                    message: e.to_string(),
                })
            }
        },
    };
    match answer {
        Ok(response) => response.into_string().map_err(|e| Refused {
            rows: Vec::new(),
            message: e.to_string(),
        }),
        Err(ureq::Error::Status(status, response)) => {
            let body = response.into_string().unwrap_or_default();
            Err(match serde_json::from_str::<Refusal>(&body) {
                Ok(r) => Refused {
                    rows: r.error.rows.unwrap_or_default(),
                    message: format!("{} ({status} {})", r.error.message, r.error.code),
                },
                Err(_) => Refused {
                    rows: Vec::new(),
                    message: format!("{status}: {body}"),
                },
            })
        }
        Err(e) => Err(Refused {
            rows: Vec::new(),
            message: e.to_string(),
        }),
    }
}

fn parse<T: serde::de::DeserializeOwned>(body: Result<String, Refused>) -> Result<T, Refused> {
    serde_json::from_str(&body?).map_err(|e| Refused {
        rows: Vec::new(),
        message: e.to_string(),
    })
}

struct Api<'a> {
    target: &'a Target,
}

impl Api<'_> {
    fn post(&self, path: &str) -> ureq::Request {
        ureq::post(&format!("{}{path}", self.target.url))
            .set("authorization", &format!("Bearer {}", self.target.token))
    }

    fn whole(&self, text: &str) -> Result<ImportReport, Refused> {
        parse(send(
            self.post("/api/admin/imports/customers"),
            Ok::<_, &()>(text),
        ))
    }

    /// Every part, then the commit; every part is sent (so that all rejected rows are
    /// reported) and a rejected one drops the import.
    fn in_parts(&self, text: &str) -> Result<(ImportReport, usize), Refused> {
        let parts = split_parts(text, PART_BYTES).map_err(|row| Refused {
            rows: Vec::new(),
            message: format!("row {row}: a quoted field is not closed"),
        })?;
        let started: ImportStarted = parse(send(
            self.post("/api/admin/imports"),
            Err(&serde_json::json!({})),
        ))?;
        let base = format!("/api/admin/imports/{}", started.import_id);
        let mut rejected = Vec::new();
        for part in &parts {
            let path = format!("{base}/parts?first_row={}", part.first_row);
            match parse::<ImportPartStaged>(send(
                self.post(&path),
                Ok::<_, &()>(part.text.as_str()),
            )) {
                Ok(_) => {}
                Err(r) if !r.rows.is_empty() => rejected.extend(r.rows),
                Err(r) => {
                    let _ = ureq::delete(&format!("{}{base}", self.target.url))
                        .set("authorization", &format!("Bearer {}", self.target.token))
                        .call();
                    return Err(r);
                }
            }
        }
        if !rejected.is_empty() {
            let _ = ureq::delete(&format!("{}{base}", self.target.url))
                .set("authorization", &format!("Bearer {}", self.target.token))
                .call();
            return Err(Refused {
                message: format!("{} rows were rejected; nothing was written", rejected.len()),
                rows: rejected,
            });
        }
        let rows = parts.iter().map(|p| p.rows).sum();
        let commit = ImportCommit { rows };
        let report = parse(send(self.post(&format!("{base}/commit")), Err(&commit)))?;
        Ok((report, parts.len()))
    }
}

/// Runs the command.
pub fn run(args: &[String]) -> Result<(), String> {
    let (target, files) = plain_target(args)?;
    let [path] = files.as_slice() else {
        return Err(format!("usage: {USAGE}"));
    };
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    if is_demo(&text) && target.env != Env::Local {
        return Err(format!(
            "{path} holds demo data (@demo.example): local development only"
        ));
    }
    let api = Api { target: &target };
    let started = Instant::now();
    let answer = match text.len() <= PART_BYTES {
        true => api.whole(&text).map(|r| (r, 1)),
        false => api.in_parts(&text),
    };
    match answer {
        Ok((r, parts)) => {
            println!(
                "Imported {path}: {} customers and {} installations created or changed, {} rows unchanged ({} request{} of rows, {:.1} s)",
                r.customers,
                r.installations,
                r.unchanged,
                parts,
                if parts == 1 { "" } else { "s" },
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Err(refused) => {
            for row in &refused.rows {
                eprintln!("{path}:{} {}: {}", row.row, row.field, row.message);
            }
            Err(refused.message)
        }
    }
}
