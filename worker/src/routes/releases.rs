//! `GET /api/releases`, `GET /api/releases/{version}` and the Atom feed `GET /releases.atom`.

use crate::context::Cx;
use crate::error::{ApiError, ApiResult};
use crate::http::{request, respond};
use crate::store::releases::ReleaseStore;
use sma_shared::api::ReleaseList;
use sma_shared::releases::{atom_feed, ReleaseFilter, Version};
use worker::Request;

/// Releases matching the filters, newest first.
pub async fn list(req: Request, cx: Cx) -> ApiResult {
    let q = request::query(&req)?;
    let get = |k: &str| q.get(k).map(String::as_str);
    let filter = ReleaseFilter::parse(
        get("q"),
        get("category"),
        get("module"),
        get("channel"),
        get("since"),
        get("until"),
    )?;
    let releases = ReleaseStore::new(&cx.db()?).list(&filter).await?;
    respond::ok(&ReleaseList {
        total: releases.len(),
        releases,
    })
}

/// One release; 404 when there is none of that version.
pub async fn get(_req: Request, cx: Cx) -> ApiResult {
    let version = Version::parse(cx.param("version")).map_err(|_| ApiError::NotFound)?;
    let release = ReleaseStore::new(&cx.db()?)
        .get(&version)
        .await?
        .ok_or(ApiError::NotFound)?;
    respond::ok(&release)
}

/// The Atom feed of all releases.
pub async fn feed(req: Request, cx: Cx) -> ApiResult {
    let origin = request::origin(&req)?;
    let releases = ReleaseStore::new(&cx.db()?)
        .list(&ReleaseFilter::default())
        .await?;
    respond::public(
        atom_feed(&releases, &origin),
        "application/atom+xml; charset=utf-8",
    )
}
