//! `GET /api/admin/audit?after=&limit=` (admin token): the audit log, newest first, in pages.

use crate::access::require_admin;
use crate::context::Cx;
use crate::error::{ApiError, ApiResult};
use crate::http::{request, respond};
use crate::store::audit::AuditStore;
use sma_shared::api::{audit_paging, AuditPage};
use worker::Request;

/// One page of entries older than `after`; `next_after` continues with the next page.
pub async fn list(req: Request, cx: Cx) -> ApiResult {
    require_admin(&req, cx.env())?;
    let (after, limit) = audit_paging(
        request::query_value(&req, "after")?.as_deref(),
        request::query_value(&req, "limit")?.as_deref(),
    )
    .map_err(|e| ApiError::Unprocessable {
        code: "invalid_paging",
        message: e.message,
        field: Some(e.field.to_owned()),
    })?;
    let (entries, more) = AuditStore::new(&cx.db()?).page(after, limit).await?;
    let next_after = more.then(|| entries.last().map(|e| e.id)).flatten();
    respond::ok(&AuditPage {
        entries,
        next_after,
    })
}
