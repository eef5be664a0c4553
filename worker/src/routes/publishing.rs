//! Release records, for the operator (admin token): `PUT /api/admin/releases/{version}`
//! records a release whose artifacts are stored in R2 (or, in a dry run, says what would
//! change), `PUT`/`DELETE .../withdrawal` withdraws and restores one, `GET /api/admin/releases`
//! lists them all. Every change is audited with the operator's name; publishing the same
//! release again changes nothing.

use crate::access::{require_admin, Admin};
use crate::context::Cx;
use crate::error::{ApiError, ApiResult};
use crate::http::{request, respond};
use crate::store::audit::AuditRecord;
use crate::store::objects::ObjectStore;
use crate::store::publishing::{audit_summary, same_release, PublishStore};
use crate::store::releases::ReleaseStore;
use sma_shared::api::{
    PublishOutcome, ReleasePublish, ReleasePublished, StoredReleaseList, Withdrawal,
    WithdrawalRequest, WithdrawalState,
};
use sma_shared::releases::{artifact_key, check_publishable, Release, Version};
use worker::Request;

/// `PUT /api/admin/releases/{version}`: 201 created, 200 updated or unchanged (or any of them
/// as a dry run, 200). 422 `invalid_release` for a release that breaks a rule,
/// `artifact_missing`/`artifact_mismatch` when an artifact's bytes are not stored as recorded;
/// 409 when an artifact id belongs to another release.
pub async fn put(mut req: Request, cx: Cx) -> ApiResult {
    let admin = require_admin(&req, cx.env())?;
    let version = path_version(&cx)?;
    let ask: ReleasePublish = request::read_json(&mut req).await?;
    let release = &ask.release;
    if release.version != version {
        return Err(invalid(
            "version_mismatch",
            "release.version",
            format!(
                "The release in the body is {}, the path names {version}.",
                release.version
            ),
        ));
    }
    check_publishable(release).map_err(|p| {
        invalid(
            "invalid_release",
            &format!("release.{}", p.field),
            format!("{}.", p.message),
        )
    })?;
    let db = cx.db()?;
    let store = PublishStore::new(&db);
    if let Some((id, other)) = store.foreign_artifacts(release).await?.into_iter().next() {
        return Err(ApiError::Conflict(format!(
            "The artifact id {id} belongs to release {other}; give this release's file another id."
        )));
    }
    let stored = ReleaseStore::new(&db).get_any(&version).await?;
    let outcome = match &stored {
        None => PublishOutcome::Created,
        Some(s) if same_release(s, release) => PublishOutcome::Unchanged,
        Some(_) => PublishOutcome::Updated,
    };
    if !ask.dry_run && outcome != PublishOutcome::Unchanged {
        check_stored_bytes(&cx, release).await?;
        let before = stored.as_ref().map(audit_summary).transpose()?;
        store
            .write(
                release,
                &AuditRecord {
                    at: &cx.now().iso(),
                    actor: &admin.actor(),
                    action: "release.publish",
                    subject: &format!("release:{version}"),
                    before,
                    after: Some(audit_summary(release)?),
                },
            )
            .await?;
    }
    let withdrawn = store
        .state(&version)
        .await?
        .is_some_and(|s| s.withdrawn.is_some());
    let answer = ReleasePublished {
        version,
        outcome,
        withdrawn,
        dry_run: ask.dry_run,
    };
    if outcome == PublishOutcome::Created && !ask.dry_run {
        respond::created(&answer)
    } else {
        respond::ok(&answer)
    }
}

/// Every artifact of `release` is in R2 with the recorded size and SHA-256 (422 otherwise).
async fn check_stored_bytes(cx: &Cx, release: &Release) -> Result<(), ApiError> {
    let objects = ObjectStore::new(cx.bucket()?);
    for (i, a) in release.artifacts.iter().enumerate() {
        let key = artifact_key(&release.version, &a.name);
        let field = format!("release.artifacts[{i}]");
        match objects.head(&key).await? {
            None => {
                return Err(invalid("artifact_missing", &field, format!(
                    "{key} is not stored; upload its bytes first (PUT /api/admin/artifacts/{}/{}).",
                    release.version, a.name
                )))
            }
            Some(o) if o.size != a.size || o.sha256.as_deref() != Some(a.sha256.as_str()) => {
                return Err(invalid("artifact_mismatch", &field, format!(
                    "{key} is stored with {} bytes and SHA-256 {}, the release records {} bytes and {}.",
                    o.size,
                    o.sha256.as_deref().unwrap_or("unknown"),
                    a.size,
                    a.sha256
                )))
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// `GET /api/admin/releases`: every stored release, newest first, withdrawn ones too.
pub async fn list(req: Request, cx: Cx) -> ApiResult {
    require_admin(&req, cx.env())?;
    let releases = PublishStore::new(&cx.db()?).list().await?;
    respond::ok(&StoredReleaseList { releases })
}

/// `PUT /api/admin/releases/{version}/withdrawal` `{"reason"}`: hides the release, its
/// downloads and its links from then on; 404 for an unknown version.
pub async fn withdraw(mut req: Request, cx: Cx) -> ApiResult {
    let admin = require_admin(&req, cx.env())?;
    let version = path_version(&cx)?;
    let ask: WithdrawalRequest = request::read_json(&mut req).await?;
    let reason = ask.reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        return Err(invalid(
            "invalid_reason",
            "reason",
            "A withdrawal needs a reason of 1 to 500 characters.".into(),
        ));
    }
    let withdrawal = Withdrawal {
        at: cx.now().iso(),
        by: admin.actor(),
        reason: reason.to_owned(),
    };
    let after = serde_json::to_string(&withdrawal)?;
    switch(
        &cx,
        &admin,
        &version,
        Some(&withdrawal),
        "release.withdraw",
        Some(after),
    )
    .await
}

/// `DELETE /api/admin/releases/{version}/withdrawal`: publishes a withdrawn release again.
pub async fn restore(req: Request, cx: Cx) -> ApiResult {
    let admin = require_admin(&req, cx.env())?;
    let version = path_version(&cx)?;
    switch(&cx, &admin, &version, None, "release.restore", None).await
}

async fn switch(
    cx: &Cx,
    admin: &Admin,
    version: &Version,
    withdrawal: Option<&Withdrawal>,
    action: &str,
    after: Option<String>,
) -> ApiResult {
    let db = cx.db()?;
    let store = PublishStore::new(&db);
    let before = store.state(version).await?.ok_or(ApiError::NotFound)?;
    let changed = store
        .set_withdrawal(
            version,
            withdrawal,
            &AuditRecord {
                at: &cx.now().iso(),
                actor: &admin.actor(),
                action,
                subject: &format!("release:{version}"),
                before: before
                    .withdrawn
                    .as_ref()
                    .map(serde_json::to_string)
                    .transpose()?,
                after,
            },
        )
        .await?;
    let now = store.state(version).await?.ok_or(ApiError::NotFound)?;
    respond::ok(&WithdrawalState {
        version: version.clone(),
        withdrawn: now.withdrawn,
        changed,
    })
}

/// The path's version; 404 when it is not one (there is no such release).
fn path_version(cx: &Cx) -> Result<Version, ApiError> {
    Version::parse(cx.param("version")).map_err(|_| ApiError::NotFound)
}

fn invalid(code: &'static str, field: &str, message: String) -> ApiError {
    ApiError::Unprocessable {
        code,
        message,
        field: Some(field.to_owned()),
    }
}
