//! `GET /api/installations` and `GET /api/installations/{id}`: the signed-in customer's
//! installations with the state of their SMA, computed by `shared` from the stored coverage and
//! today (prices are never stored); `GET .../activity`, the audit log; `POST .../sma/cancel`
//! and `.../sma/resume` switch auto-renew off and on under the deadline rule of pricing.md
//! section 5.

use crate::access::require_session;
use crate::context::Cx;
use crate::error::{ApiError, ApiResult, AutoRenewRefused};
use crate::http::{csrf::check_same_origin, request::read_json, respond};
use crate::store::installations::InstallationStore;
use crate::store::writes::auto_renew_switch;
use sma_shared::accounts::Action;
use sma_shared::api::{
    Activity, ActivityList, AutoRenewAnswer, CoverageChange, EmptyBody, InstallationList,
};
use worker::Request;

/// `GET /api/installations`: `{"installations": [...]}` of the session's customer.
pub async fn list(req: Request, cx: Cx) -> ApiResult {
    let db = cx.db()?;
    let session = require_session(&req, &db, cx.now()).await?;
    let installations = InstallationStore::new(&db)
        .list(&session.customer_id)
        .await?
        .iter()
        .map(|row| row.view(cx.today()))
        .collect::<Result<Vec<_>, _>>()?;
    respond::ok(&InstallationList { installations })
}

/// `GET /api/installations/{id}`: one of the customer's installations; 404 for any other id.
pub async fn get(req: Request, cx: Cx) -> ApiResult {
    let db = cx.db()?;
    let session = require_session(&req, &db, cx.now()).await?;
    let row = InstallationStore::new(&db)
        .get(&session.customer_id, cx.param("id"))
        .await?
        .ok_or(ApiError::NotFound)?;
    respond::ok(&row.view(cx.today())?)
}

/// `GET /api/installations/{id}/activity`: who changed what and when (the audit log, newest
/// first); 404 for another customer's id.
pub async fn activity(req: Request, cx: Cx) -> ApiResult {
    let db = cx.db()?;
    let session = require_session(&req, &db, cx.now()).await?;
    let (store, id) = (InstallationStore::new(&db), cx.param("id"));
    store
        .get(&session.customer_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let activity = store.activity(&session.customer_id, id).await?;
    respond::ok(&ActivityList {
        activity: activity.into_iter().map(Activity::from).collect(),
    })
}

/// `POST /api/installations/{id}/sma/cancel`: switches auto-renew off (pricing.md section 5).
pub async fn cancel(req: Request, cx: Cx) -> ApiResult {
    switch_auto_renew(req, cx, false).await
}

/// `POST /api/installations/{id}/sma/resume`: switches auto-renew back on while still covered.
pub async fn resume(req: Request, cx: Cx) -> ApiResult {
    switch_auto_renew(req, cx, true).await
}

/// Decides the switch with `shared` on the stored coverage and writes it with its audit entry,
/// unless the installation changed meanwhile (409).
async fn switch_auto_renew(mut req: Request, cx: Cx, resume: bool) -> ApiResult {
    check_same_origin(&req)?;
    let db = cx.db()?;
    let session = require_session(&req, &db, cx.now()).await?;
    session.authorize(Action::ChangeAutoRenew)?;
    let _: EmptyBody = read_json(&mut req).await?;
    let (store, today) = (InstallationStore::new(&db), cx.today());
    let row = store
        .get(&session.customer_id, cx.param("id"))
        .await?
        .ok_or(ApiError::NotFound)?;
    let refused = |reason, ends_on| AutoRenewRefused {
        resume,
        reason,
        ends_on,
    };
    let record = row.coverage_record(today)?.ok_or(refused(None, None))?;
    let decided = if resume {
        record.resume(today)
    } else {
        record.cancel(today)
    };
    let (after, change) = decided.map_err(|r| refused(Some(r), record.ends_on))?;
    let update = auto_renew_switch(&row, &after, resume, today, cx.now().iso(), session.actor());
    let applied = store.set_auto_renew(&update).await?;
    if !applied {
        return Err(ApiError::Conflict(
            "The SMA was changed in the meantime; please reload and try again.".to_owned(),
        ));
    }
    let row = store
        .get(&session.customer_id, &row.id)
        .await?
        .ok_or(ApiError::NotFound)?;
    respond::ok(&AutoRenewAnswer {
        installation: row.view(today)?,
        change: CoverageChange {
            coverage_ends: change.coverage_ends,
            decision_deadline: change.decision_deadline,
        },
    })
}
