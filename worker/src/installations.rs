//! `GET /api/installations` and `GET /api/installations/{id}`: the signed-in customer's
//! installations with the state of their SMA, computed by `shared` from the stored coverage and
//! today (prices are never stored); `POST .../sma/cancel` and `.../sma/resume` switch
//! auto-renew off and on under the deadline rule of pricing.md section 5.

use crate::auth::{check_same_origin, require_session};
use crate::error::{ApiError, ApiResult};
use crate::http::{ok_json, read_json, today};
use crate::store::installations::{AutoRenewUpdate, InstallationRow, InstallationStore};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sma_shared::dates::{day_before, iso};
use sma_shared::lifecycle::{AutoRenewRefusal, SmaContract, SmaSummary};
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

/// The stored coverage as a contract and its first uncovered day (`None` while it
/// auto-renews), or `None` without an SMA (pricing.md sections 3 and 5): a cancelled SMA ends
/// at `ends_on` (or, when only the cancellation date is stored, where that cancellation ends
/// it).
fn coverage(
    row: &InstallationRow,
    today: NaiveDate,
) -> Result<Option<(SmaContract, Option<NaiveDate>)>, ApiError> {
    let Some(start) = row.sma_start.as_deref() else {
        return Ok(None);
    };
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
    Ok(Some((contract, ends)))
}

/// The SMA state on `today` from the stored coverage; status `lapsed` once its end has come.
fn sma(
    row: &InstallationRow,
    modules: &[ModuleView],
    today: NaiveDate,
) -> Result<SmaView, ApiError> {
    let Some((contract, ends)) = coverage(row, today)? else {
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

/// The body of the auto-renew endpoints: an empty object.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoFields {}

/// The answer of the auto-renew endpoints: the installation as `GET` shows it, with the last
/// covered day and the last day the choice can still be changed.
#[derive(Serialize)]
struct AutoRenewAnswer {
    #[serde(flatten)]
    installation: InstallationView,
    coverage_ends: NaiveDate,
    decision_deadline: NaiveDate,
}

/// `POST /api/installations/{id}/sma/cancel`: switches auto-renew off (pricing.md section 5).
pub async fn cancel(req: Request, db: D1Database, id: &str) -> ApiResult {
    switch_auto_renew(req, db, id, false).await
}

/// `POST /api/installations/{id}/sma/resume`: switches auto-renew back on while still covered.
pub async fn resume(req: Request, db: D1Database, id: &str) -> ApiResult {
    switch_auto_renew(req, db, id, true).await
}

/// The 409 of a refused switch, as a sentence the customer can act on.
fn refusal(r: AutoRenewRefusal, ends: Option<NaiveDate>, resume: bool) -> ApiError {
    let last = ends.map(|e| iso(day_before(e))).unwrap_or_default();
    ApiError::Conflict(match r {
        AutoRenewRefusal::AlreadyCancelled => format!(
            "Auto-renew of this SMA is already cancelled; coverage ends after {last}. Resume it instead if you want to keep it."
        ),
        AutoRenewRefusal::AlreadyActive => {
            "This SMA already renews automatically; there is nothing to resume.".to_owned()
        }
        AutoRenewRefusal::Lapsed => format!(
            "The SMA of this installation ended after {last}; there is nothing to {}.",
            if resume { "resume" } else { "cancel" }
        ),
    })
}

/// The stored coverage fields, as the audit entry records them.
fn coverage_json(auto_renew: bool, cancelled_on: Option<&str>, ends_on: Option<&str>) -> String {
    serde_json::json!({
        "auto_renew": auto_renew,
        "cancelled_on": cancelled_on,
        "ends_on": ends_on,
    })
    .to_string()
}

/// Now (ISO 8601 UTC with milliseconds), from the Worker's clock.
fn now_iso() -> String {
    let millis = worker::Date::now().as_millis();
    chrono::DateTime::from_timestamp_millis(i64::try_from(millis).unwrap_or(0))
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

async fn switch_auto_renew(mut req: Request, db: D1Database, id: &str, resume: bool) -> ApiResult {
    check_same_origin(&req)?;
    let session = require_session(&req, &db).await?;
    let _: NoFields = read_json(&mut req).await?;
    let store = InstallationStore::new(&db);
    let row = store
        .get(&session.customer_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let today = today();
    let Some((contract, ends)) = coverage(&row, today)? else {
        return Err(ApiError::Conflict(format!(
            "This installation has no SMA; there is nothing to {}.",
            if resume { "resume" } else { "cancel" }
        )));
    };
    let decided = if resume {
        contract.resume_auto_renew(ends, today)
    } else {
        contract.cancel_auto_renew(ends, today)
    };
    let change = decided.map_err(|r| refusal(r, ends, resume))?;
    let was_renewing = row.auto_renew.unwrap_or(1) != 0;
    let today_text = iso(today);
    let ends_text = iso(change.ends_at);
    let (cancelled_on, ends_on) = if resume {
        (None, None)
    } else {
        (Some(today_text.as_str()), Some(ends_text.as_str()))
    };
    let before = coverage_json(
        was_renewing,
        row.cancelled_on.as_deref(),
        row.ends_on.as_deref(),
    );
    let after = coverage_json(resume, cancelled_on, ends_on);
    let applied = store
        .set_auto_renew(&AutoRenewUpdate {
            customer_id: &session.customer_id,
            installation_id: &row.id,
            expected_auto_renew: was_renewing,
            auto_renew: resume,
            cancelled_on,
            ends_on,
            at: &now_iso(),
            actor: &format!("{} <{}>", session.user_id, session.email),
            action: if resume { "sma.resume" } else { "sma.cancel" },
            before: &before,
            after: &after,
        })
        .await?;
    if !applied {
        return Err(ApiError::Conflict(
            "The SMA was changed in the meantime; please reload and try again.".to_owned(),
        ));
    }
    let row = store
        .get(&session.customer_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    ok_json(&AutoRenewAnswer {
        installation: view(row, today)?,
        coverage_ends: change.coverage_ends,
        decision_deadline: change.decision_deadline,
    })
}
