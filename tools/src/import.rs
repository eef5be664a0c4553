//! `sma-tools import FILE --env local|staging|production [--url URL]`: customers and
//! installations from the vendor's order data (CSV, api.md "Operating") through the Worker's
//! `POST /api/admin/imports/customers`, the same path the ERP takes. Prints what was created,
//! changed and unchanged, or every rejected row (nothing is written then). Demo data (the
//! `@demo.example` addresses of the demo seed) is refused outside local development.

use crate::publish::cli::{plain_target, Env};
use serde::Deserialize;
use sma_shared::api::{ImportReport, RejectedRow};

pub const USAGE: &str =
    "sma-tools import FILE.csv --env local|staging|production [--url URL] (admin token: SMA_ADMIN_TOKEN)";

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

/// Whether a file holds the demo seed's customers.
pub fn is_demo(text: &str) -> bool {
    text.contains("@demo.example")
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
    let answer = ureq::post(&format!("{}/api/admin/imports/customers", target.url))
        .set("authorization", &format!("Bearer {}", target.token))
        .set("content-type", "text/csv")
        .send_string(&text);
    match answer {
        Ok(response) => {
            let body = response.into_string().map_err(|e| e.to_string())?;
            let r: ImportReport = serde_json::from_str(&body).map_err(|e| e.to_string())?;
            println!(
                "Imported {path}: {} customers and {} installations created or changed, {} rows unchanged",
                r.customers, r.installations, r.unchanged
            );
            Ok(())
        }
        Err(ureq::Error::Status(status, response)) => {
            let body = response.into_string().unwrap_or_default();
            let refusal: Refusal =
                serde_json::from_str(&body).map_err(|_| format!("{status}: {body}"))?;
            for row in refusal.error.rows.unwrap_or_default() {
                eprintln!("{path}:{} {}: {}", row.row, row.field, row.message);
            }
            Err(format!(
                "{} ({status} {})",
                refusal.error.message, refusal.error.code
            ))
        }
        Err(e) => Err(e.to_string()),
    }
}
