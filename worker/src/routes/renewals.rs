//! `POST /api/admin/renewals/run`: runs the renewal engine for a chosen date (admin token), the
//! same run as the daily cron (`renewal_run`).

use crate::access::require_admin;
use crate::context::Cx;
use crate::error::ApiResult;
use crate::http::{request::read_json, respond};
use crate::renewal_run;
use sma_shared::api::RenewalRun;
use sma_shared::dates::parse_date;
use worker::Request;

/// Runs the engine for `date` (default today) over every running SMA, or only the given ones.
pub async fn run(mut req: Request, cx: Cx) -> ApiResult {
    require_admin(&req, cx.env())?;
    let db = cx.db()?;
    let body: RenewalRun = read_json(&mut req).await?;
    let date = match body.date.as_deref() {
        Some(d) => parse_date(d, "date")?,
        None => cx.today(),
    };
    let (report, mail) = renewal_run::run(&db, cx.now(), date, &body.installation_ids).await?;
    cx.send_mail(mail);
    respond::ok(&report)
}
