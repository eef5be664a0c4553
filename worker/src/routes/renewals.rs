//! `POST /api/admin/renewals/run`: runs the renewal engine for a chosen date (admin token), the
//! same run as the daily cron (`renewal_run`), or a dry run of it. A day after today is refused
//! outside local development; the run is audited with the operator's name.

use crate::access::require_admin;
use crate::config::Deployment;
use crate::context::Cx;
use crate::error::{ApiError, ApiResult};
use crate::http::{request::read_json, respond};
use crate::renewal_legacy;
use crate::renewal_queue;
use crate::renewal_run::{self, Mode};
use crate::store::audit::{AuditRecord, AuditStore};
use sma_shared::api::{RenewalReport, RenewalRun, RenewalStep, RENEWAL_RUN_MAX_IDS};
use sma_shared::dates::parse_date;
use worker::Request;

/// Runs the engine for `date` (default today) over every running SMA, or only the given ones
/// (at most [`RENEWAL_RUN_MAX_IDS`]); with `dry_run` it lists what it would do.
pub async fn run(mut req: Request, cx: Cx) -> ApiResult {
    let admin = require_admin(&req, cx.env())?;
    let db = cx.db()?;
    let body: RenewalRun = read_json(&mut req).await?;
    let requested = body
        .date
        .as_deref()
        .map(|d| parse_date(d, "date"))
        .transpose()?;
    let date = renewal_run::run_date(requested, cx.today(), Deployment::of(cx.env()))?;
    if body.installation_ids.len() > RENEWAL_RUN_MAX_IDS {
        return Err(ApiError::Unprocessable {
            code: "too_many_installations",
            message: format!(
                "A run takes at most {RENEWAL_RUN_MAX_IDS} installation ids ({} given); run it in several parts, or without ids for all.",
                body.installation_ids.len()
            ),
            field: Some("installation_ids".into()),
        });
    }
    let mode = if body.dry_run {
        Mode::DryRun
    } else {
        Mode::Apply
    };
    let mut report = if body.installation_ids.is_empty() && mode == Mode::Apply {
        let queued = renewal_queue::enqueue_due(cx.env(), &db, date).await?;
        RenewalReport {
            date: Some(date),
            checked: queued.due,
            queued: Some(queued.due),
            ..RenewalReport::default()
        }
    } else {
        let (ids, more) = match body.installation_ids.is_empty() {
            true => renewal_queue::first_due(&db, date).await?,
            false => (body.installation_ids.clone(), false),
        };
        let out = renewal_run::run(&db, cx.now(), date, &ids, mode).await?;
        cx.send_mail(out.mail);
        RenewalReport { more, ..out.report }
    };
    // The legacy Maintenance Contracts: the given installations' or every open one's.
    let mut legacy =
        renewal_legacy::run(&db, &cx.now().iso(), date, &body.installation_ids, mode).await?;
    cx.send_mail(std::mem::take(&mut legacy.mail));
    legacy.add_to(&mut report);
    if mode == Mode::Apply {
        let count = |step| report.actions.iter().filter(|a| a.action == step).count();
        let after = serde_json::json!({
            "date": date,
            "installation_ids": body.installation_ids,
            "checked": report.checked,
            "queued": report.queued,
            "renewed": count(RenewalStep::Renew),
            "reminded": count(RenewalStep::Remind),
            "lapsed": count(RenewalStep::Lapse),
            "skipped": report.skipped.len(),
            "failed": report.failed.len(),
        });
        AuditStore::new(&db)
            .record(&AuditRecord {
                at: &cx.now().iso(),
                actor: &admin.actor(),
                action: "renewals.run",
                subject: &format!("renewals:{date}"),
                before: None,
                after: Some(after.to_string()),
            })
            .await?;
    }
    respond::ok(&report)
}
