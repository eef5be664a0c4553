//! `GET /api/installations` and `GET /api/installations/{id}`: the signed-in customer's
//! installations with the state of their SMA, computed by `shared` from the stored coverage and
//! today (prices are never stored).

use crate::auth::require_session;
use crate::error::{ApiError, ApiResult};
use crate::http::{ok_json, today};
use crate::store::installations::{InstallationRow, InstallationStore};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sma_shared::lifecycle::{SmaContract, SmaSummary};
use sma_shared::{Configuration, ConfigurationInput, ModuleInput, PriceBooks, Quantity, TermYears};
use worker::{D1Database, Request};

#[derive(Clone, Debug, Serialize, Deserialize)]
struct ModuleView {
    sku: String,
    qty: u32,
}

/// The `sma` object of an installation: the summary, or `status: none` with empty fields.
#[derive(Serialize)]
#[serde(untagged)]
enum SmaView {
    Covered(SmaSummary),
    None {
        status: &'static str,
        start: Option<String>,
        year: Option<u32>,
        term_end: Option<String>,
        auto_renew: bool,
        cancellation_deadline: Option<String>,
        renewal_price: Option<String>,
    },
}

#[derive(Serialize)]
struct InstallationView {
    id: String,
    name: String,
    edition: String,
    cameras: u32,
    modules: Vec<ModuleView>,
    licence_date: String,
    installed_version: Option<String>,
    sma: SmaView,
}

/// `GET /api/installations`: `{"installations": [...]}` of the session's customer.
pub async fn list(req: Request, db: D1Database) -> ApiResult {
    let session = require_session(&req, &db).await?;
    let today = today();
    let installations = InstallationStore::new(&db)
        .list(&session.customer_id)
        .await?
        .into_iter()
        .map(|row| view(row, today))
        .collect::<Result<Vec<_>, _>>()?;
    ok_json(&serde_json::json!({ "installations": installations }))
}

/// `GET /api/installations/{id}`: one of the customer's installations; 404 for any other id.
pub async fn get(req: Request, db: D1Database, id: &str) -> ApiResult {
    let session = require_session(&req, &db).await?;
    let row = InstallationStore::new(&db)
        .get(&session.customer_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    ok_json(&view(row, today())?)
}

fn internal(id: &str, what: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(format!("installation {id}: {what}"))
}

fn date(id: &str, text: &str) -> Result<NaiveDate, ApiError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| internal(id, e))
}

/// The stored configuration, validated against the price book in force today.
fn configuration(
    row: &InstallationRow,
    modules: &[ModuleView],
    books: &PriceBooks,
    today: NaiveDate,
) -> Result<Configuration, ApiError> {
    let quantity = |n: i64| Quantity::try_from(n).map_err(|e| internal(&row.id, e));
    let input = ConfigurationInput {
        edition: row.edition.clone(),
        cameras: quantity(row.cameras)?,
        modules: modules
            .iter()
            .map(|m| {
                Ok(ModuleInput {
                    sku: m.sku.clone(),
                    qty: quantity(i64::from(m.qty))?,
                })
            })
            .collect::<Result<_, ApiError>>()?,
    };
    let first = books.books()[0].valid_from();
    let book = books
        .book_on(today.max(first))
        .map_err(|e| internal(&row.id, e))?;
    Configuration::validate(book, &input).map_err(|e| internal(&row.id, e))
}

/// The SMA state on `today` from the stored coverage (pricing.md sections 3 and 5): a cancelled
/// SMA ends at `ends_on` (or, when only the cancellation date is stored, where that
/// cancellation ends it); status `lapsed` once that day has come.
fn sma(
    row: &InstallationRow,
    modules: &[ModuleView],
    today: NaiveDate,
) -> Result<SmaView, ApiError> {
    let Some(start) = row.sma_start.as_deref() else {
        return Ok(SmaView::None {
            status: "none",
            start: None,
            year: None,
            term_end: None,
            auto_renew: false,
            cancellation_deadline: None,
            renewal_price: None,
        });
    };
    let books = PriceBooks::demo();
    let term =
        TermYears::try_from(row.term_years.unwrap_or(1)).map_err(|e| internal(&row.id, e))?;
    let contract = SmaContract::new(date(&row.id, start)?, term);
    let ends_on = row
        .ends_on
        .as_deref()
        .map(|d| date(&row.id, d))
        .transpose()?;
    let cancelled_on = row
        .cancelled_on
        .as_deref()
        .map(|d| date(&row.id, d))
        .transpose()?;
    let auto_renew = row.auto_renew.unwrap_or(1) != 0;
    let ends = match (ends_on, auto_renew, cancelled_on) {
        (Some(end), _, _) => Some(end),
        (None, true, _) => None,
        (None, false, Some(received)) => Some(contract.cancel(received).coverage_ends),
        (None, false, None) => Some(contract.next_renewal(today).date),
    };
    let config = configuration(row, modules, books, today)?;
    let summary = contract
        .summary(books, &config, ends, today)
        .map_err(|e| internal(&row.id, e))?;
    Ok(SmaView::Covered(summary))
}

fn view(row: InstallationRow, today: NaiveDate) -> Result<InstallationView, ApiError> {
    let modules: Vec<ModuleView> =
        serde_json::from_str(&row.modules).map_err(|e| internal(&row.id, e))?;
    let sma = sma(&row, &modules, today)?;
    Ok(InstallationView {
        cameras: u32::try_from(row.cameras).map_err(|e| internal(&row.id, e))?,
        id: row.id,
        name: row.name,
        edition: row.edition,
        modules,
        licence_date: row.licence_date,
        installed_version: row.installed_version,
        sma,
    })
}
