//! `GET /api/installations` and `GET /api/installations/{id}`: the signed-in customer's
//! installations with the state of their SMA, computed by `shared` from the stored coverage and
//! today (prices are never stored); `POST .../sma/cancel` and `.../sma/resume` switch
//! auto-renew off and on under the deadline rule of pricing.md section 5.

use crate::auth::{check_same_origin, require_session};
use crate::error::{ApiError, ApiResult};
use crate::http::{now_iso, ok_json, read_json, today};
use crate::store::installations::{AutoRenewUpdate, InstallationRow, InstallationStore};
use chrono::NaiveDate;
use sma_shared::api::{
    Activity, ActivityList, AutoRenewAnswer, CoverageChange, EmptyBody, Installation,
    InstallationList, InstallationSma, ModuleQty,
};
use sma_shared::dates::{day_before, iso};
use sma_shared::lifecycle::{AutoRenewRefusal, CoverageRecord, SmaContract};
use sma_shared::orders::InstallationState;
use sma_shared::{Configuration, ConfigurationInput, Money, PriceBooks, TermYears};
use worker::{D1Database, Request};

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
    ok_json(&InstallationList { installations })
}

/// `GET /api/installations/{id}/activity`: who changed what and when (the audit log, newest
/// first); 404 for another customer's id.
pub async fn activity(req: Request, db: D1Database, id: &str) -> ApiResult {
    let session = require_session(&req, &db).await?;
    let store = InstallationStore::new(&db);
    store
        .get(&session.customer_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let activity = store
        .activity(&session.customer_id, id)
        .await?
        .into_iter()
        .map(|a| Activity {
            by: match a.actor.split_once(" <") {
                Some((_, email)) => email.trim_end_matches('>').to_owned(),
                None => a.actor.replace('-', " "),
            },
            at: a.at,
            action: a.action,
        })
        .collect();
    ok_json(&ActivityList { activity })
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

pub(crate) fn internal(id: &str, what: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(format!("installation {id}: {what}"))
}

fn date(id: &str, text: &str) -> Result<NaiveDate, ApiError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| internal(id, e))
}

/// The stored configuration, validated against the price book in force today.
fn configuration(
    row: &InstallationRow,
    modules: &[ModuleQty],
    books: &PriceBooks,
    today: NaiveDate,
) -> Result<Configuration, ApiError> {
    let input = ConfigurationInput {
        edition: row.edition.clone(),
        cameras: row.cameras.try_into().map_err(|e| internal(&row.id, e))?,
        modules: modules
            .iter()
            .map(|m| m.to_input("modules").map_err(|e| internal(&row.id, e)))
            .collect::<Result<_, ApiError>>()?,
    };
    let first = books.books()[0].valid_from();
    let book = books
        .book_on(today.max(first))
        .map_err(|e| internal(&row.id, e))?;
    Configuration::validate(book, &input).map_err(|e| internal(&row.id, e))
}

/// The stored coverage as a record (pricing.md sections 3 and 5), or `None` without an SMA.
/// Rows written before the renewal engine existed lack `renews_on`: it is the end of the term
/// containing today then; a cancelled SMA without `ends_on` ends where its cancellation ends it.
pub(crate) fn record(
    row: &InstallationRow,
    today: NaiveDate,
) -> Result<Option<CoverageRecord>, ApiError> {
    let Some(start) = row.sma_start.as_deref() else {
        return Ok(None);
    };
    let id = &row.id;
    let opt_date = |d: Option<&str>| d.map(|d| date(id, d)).transpose();
    let term = TermYears::try_from(row.term_years.unwrap_or(1)).map_err(|e| internal(id, e))?;
    let term_from = u32::try_from(row.term_from.unwrap_or(1)).map_err(|e| internal(id, e))?;
    let contract = SmaContract::continuing(date(id, start)?, term, term_from);
    let renews_on =
        opt_date(row.renews_on.as_deref())?.unwrap_or_else(|| contract.next_renewal(today).date);
    let cancelled_on = opt_date(row.cancelled_on.as_deref())?;
    let auto_renew = row.auto_renew.unwrap_or(1) != 0;
    let ends_on = match (opt_date(row.ends_on.as_deref())?, auto_renew, cancelled_on) {
        (Some(end), _, _) => Some(end),
        (None, true, _) => None,
        (None, false, Some(received)) => Some(contract.cancel(received).coverage_ends),
        (None, false, None) => Some(contract.next_renewal(today).date),
    };
    Ok(Some(CoverageRecord {
        start: contract.start(),
        term,
        term_from: term_from.max(1),
        renews_on,
        auto_renew,
        cancelled_on,
        ends_on,
    }))
}

/// The stored modules.
pub(crate) fn modules(row: &InstallationRow) -> Result<Vec<ModuleQty>, ApiError> {
    serde_json::from_str(&row.modules).map_err(|e| internal(&row.id, e))
}

/// The installation as the pricing code sees it on `today`.
pub(crate) fn state(
    row: &InstallationRow,
    today: NaiveDate,
) -> Result<InstallationState, ApiError> {
    Ok(InstallationState {
        config: configuration(row, &modules(row)?, PriceBooks::demo(), today)?,
        licence_date: date(&row.id, &row.licence_date)?,
        initial_value: Money::parse(&row.initial_value)
            .ok_or_else(|| internal(&row.id, "initial value is not an amount"))?,
        coverage: record(row, today)?,
    })
}

/// The SMA state on `today` from the stored coverage; status `lapsed` once its end has come.
fn sma(row: &InstallationRow, today: NaiveDate) -> Result<InstallationSma, ApiError> {
    let st = state(row, today)?;
    let Some(record) = st.coverage else {
        return Ok(InstallationSma::NONE);
    };
    let summary = record
        .summary(PriceBooks::demo(), &st.config, today)
        .map_err(|e| internal(&row.id, e))?;
    Ok(summary.into())
}

/// The installation as the API shows it on `today`.
pub(crate) fn view(row: InstallationRow, today: NaiveDate) -> Result<Installation, ApiError> {
    let modules = modules(&row)?;
    let sma = sma(&row, today)?;
    Ok(Installation {
        cameras: u32::try_from(row.cameras).map_err(|e| internal(&row.id, e))?,
        licence_date: date(&row.id, &row.licence_date)?,
        id: row.id,
        name: row.name,
        edition: row.edition,
        modules,
        installed_version: row.installed_version,
        sma,
    })
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

async fn switch_auto_renew(mut req: Request, db: D1Database, id: &str, resume: bool) -> ApiResult {
    check_same_origin(&req)?;
    let session = require_session(&req, &db).await?;
    let _: EmptyBody = read_json(&mut req).await?;
    let store = InstallationStore::new(&db);
    let row = store
        .get(&session.customer_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let today = today();
    let Some(record) = record(&row, today)? else {
        return Err(ApiError::Conflict(format!(
            "This installation has no SMA; there is nothing to {}.",
            if resume { "resume" } else { "cancel" }
        )));
    };
    let decided = if resume {
        record.resume(today)
    } else {
        record.cancel(today)
    };
    let (after, change) = decided.map_err(|r| refusal(r, record.ends_on, resume))?;
    let was_renewing = row.auto_renew.unwrap_or(1) != 0;
    let today_text = iso(today);
    let ends_text = after.ends_on.map(iso);
    let (cancelled_on, ends_on) = if resume {
        (None, None)
    } else {
        (Some(today_text.as_str()), ends_text.as_deref())
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
            expected_version: row.version,
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
        change: CoverageChange {
            coverage_ends: change.coverage_ends,
            decision_deadline: change.decision_deadline,
        },
    })
}
