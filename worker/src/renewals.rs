//! The renewal engine's runs: the daily cron and `POST /api/admin/renewals/run` (admin token,
//! for a chosen date). `shared::lifecycle::decide` says what is due for each SMA; this module
//! prices the renewal orders, writes the e-mails and applies everything for one installation
//! in one D1 batch, guarded by the installation's version so two runs never both apply.

use crate::error::{ApiError, ApiResult};
use crate::http::{now_iso, ok_json, read_json, today};
use crate::installations::{internal, state};
use crate::orders::{new_order_view, order_write, refusal_error};
use crate::security::require_admin;
use crate::store::installations::{InstallationRow, InstallationStore};
use crate::store::orders::{
    AuditWrite, Change, ConfigWrite, CoverageWrite, EmailWrite, OrderStore,
};
use chrono::NaiveDate;
use sma_shared::api::{RenewalReport, RenewalRun, RenewalStep, RenewalTaken};
use sma_shared::dates::{day_before, iso, parse_date};
use sma_shared::lifecycle::{decide, EngineAction, EngineState};
use sma_shared::orders::{renewal_order, Billing, OrderSource};
use sma_shared::PriceBooks;
use std::collections::HashMap;
use worker::{D1Database, Env, Request};

/// `POST /api/admin/renewals/run`: runs the engine for `date` (admin token).
pub async fn run_endpoint(mut req: Request, env: &Env, db: D1Database) -> ApiResult {
    require_admin(&req, env)?;
    let body: RenewalRun = read_json(&mut req).await?;
    let date = match body.date.as_deref() {
        Some(d) => parse_date(d, "date")?,
        None => today(),
    };
    ok_json(&run(&db, date, &body.installation_ids).await?)
}

/// Runs the engine for `date` over every running SMA (or only `only`).
pub async fn run(
    db: &D1Database,
    date: NaiveDate,
    only: &[String],
) -> Result<RenewalReport, ApiError> {
    let rows = InstallationStore::new(db).with_running_sma(only).await?;
    let mut report = RenewalReport {
        date: Some(date),
        checked: rows.len(),
        ..RenewalReport::default()
    };
    let mut billing: HashMap<String, Billing> = HashMap::new();
    for row in rows {
        // One installation that cannot be processed (e.g. no price book for its anniversary)
        // is logged and left for the next run; the others still renew and lapse.
        let outcome = async {
            if !billing.contains_key(&row.customer_id) {
                let b = OrderStore::new(db).billing(&row.customer_id).await?;
                billing.insert(row.customer_id.clone(), b);
            }
            run_one(db, &row, &billing[&row.customer_id], date).await
        }
        .await;
        match outcome {
            Ok((true, taken)) => report.actions.extend(taken),
            Ok((false, _)) => report.skipped.push(row.id.clone()),
            Err(e) => {
                worker::console_error!("renewal run {date}: installation {}: {e:?}", row.id);
                report.failed.push(row.id.clone());
            }
        }
    }
    Ok(report)
}

fn date_of(row: &InstallationRow, text: Option<&str>) -> Result<Option<NaiveDate>, ApiError> {
    text.map(|t| NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|e| internal(&row.id, e)))
        .transpose()
}

/// Decides and applies the actions due for one installation; `(false, _)` when it changed
/// since it was read (nothing written).
async fn run_one(
    db: &D1Database,
    row: &InstallationRow,
    billing: &Billing,
    date: NaiveDate,
) -> Result<(bool, Vec<RenewalTaken>), ApiError> {
    let st = state(row, date)?;
    let Some(coverage) = st.coverage else {
        return Ok((true, Vec::new()));
    };
    let mut engine = EngineState {
        coverage,
        lapsed: row.lapsed.unwrap_or(0) != 0,
        reminded_deadline: date_of(row, row.reminded_deadline.as_deref())?,
    };
    let actions = decide(&engine, date);
    if actions.is_empty() {
        return Ok((true, Vec::new()));
    }
    let books = PriceBooks::demo();
    let now = now_iso();
    let mut orders = Vec::new();
    let mut emails = Vec::new();
    let mut audit = Vec::new();
    let mut taken = Vec::new();
    for action in &actions {
        let before = engine;
        match *action {
            EngineAction::Renew { point } => {
                let priced = renewal_order(books, &st, &engine.coverage, point, date)
                    .map_err(refusal_error)?;
                let view = new_order_view(
                    row,
                    &priced,
                    billing,
                    OrderSource::RenewalEngine,
                    &now,
                    date,
                )?;
                emails.push(EmailWrite {
                    dedupe_key: format!("renewal:{}:{}", row.id, iso(point.date)),
                    subject: format!("Your SMA for {} has renewed", row.name),
                    body: format!(
                        "The SMA of {} renewed on {} for the term to {}. Amount {} {} plus VAT {} = {} {}, payable on invoice.",
                        row.name,
                        iso(point.date),
                        iso(day_before(priced.outcome.coverage.map_or(point.date, |c| c.renews_on))),
                        view.amounts.net,
                        view.currency,
                        view.amounts.vat,
                        view.amounts.gross,
                        view.currency
                    ),
                });
                taken.push(RenewalTaken {
                    installation_id: row.id.clone(),
                    action: RenewalStep::Renew,
                    date: point.date,
                    order_id: Some(view.id.clone()),
                });
                orders.push(order_write(&view, Some(point.date))?);
            }
            EngineAction::Lapse { ended_at } => {
                emails.push(EmailWrite {
                    dedupe_key: format!("lapse:{}:{}", row.id, iso(ended_at)),
                    subject: format!("The SMA for {} has ended", row.name),
                    body: format!(
                        "The SMA of {} ended after {}. Releases after that day need an SMA. Renew within 30 days to continue as if never interrupted; later, back-pay and a reinstatement fee apply.",
                        row.name,
                        iso(day_before(ended_at))
                    ),
                });
                taken.push(RenewalTaken {
                    installation_id: row.id.clone(),
                    action: RenewalStep::Lapse,
                    date: ended_at,
                    order_id: None,
                });
            }
            EngineAction::RemindDeadline {
                deadline,
                renews_on,
            } => {
                emails.push(EmailWrite {
                    dedupe_key: format!("remind:{}:{}", row.id, iso(deadline)),
                    subject: format!("Your SMA for {} renews on {}", row.name, iso(renews_on)),
                    body: format!(
                        "The SMA of {} renews automatically on {}. To end it instead, cancel auto-renew no later than {}.",
                        row.name,
                        iso(renews_on),
                        iso(deadline)
                    ),
                });
                taken.push(RenewalTaken {
                    installation_id: row.id.clone(),
                    action: RenewalStep::Remind,
                    date: deadline,
                    order_id: None,
                });
            }
        }
        engine = engine.apply(action);
        audit.push(AuditWrite {
            at: now.clone(),
            actor: "renewal-engine".into(),
            action: format!("engine.{}", taken.last().map_or("", |t| t.action.code())),
            before: engine_json(&before),
            after: engine_json(&engine),
        });
    }
    let edition = st.config.edition().to_string();
    // The engine never changes the configuration.
    let modules = row.modules.clone();
    let applied = OrderStore::new(db)
        .apply(&Change {
            customer_id: &row.customer_id,
            installation_id: &row.id,
            expected_version: row.version,
            config: ConfigWrite {
                edition: &edition,
                cameras: st.config.cameras(),
                modules: &modules,
            },
            coverage: Some(CoverageWrite::of(
                &engine.coverage,
                engine.lapsed,
                engine.reminded_deadline.map(iso).as_deref(),
            )),
            orders,
            audit,
            emails,
            idempotency_key: None,
            at: &now,
        })
        .await?;
    Ok((applied, taken))
}

fn engine_json(s: &EngineState) -> String {
    serde_json::json!({
        "renews_on": iso(s.coverage.renews_on),
        "auto_renew": s.coverage.auto_renew,
        "ends_on": s.coverage.ends_on.map(iso),
        "lapsed": s.lapsed,
        "reminded_deadline": s.reminded_deadline.map(iso),
    })
    .to_string()
}
