//! `GET /api/releases`, `GET /api/releases/{version}` and the Atom feed `GET /releases.atom`.

use crate::{
    error::{ApiError, ApiResult},
    http::ok_json,
    store::releases::ReleaseStore,
};
use sma_shared::{
    api::ReleaseList,
    releases::{atom_feed, FilterError, ReleaseFilter, Version},
};
use std::collections::HashMap;
use worker::{D1Database, Headers, Request, Response};

impl From<FilterError> for ApiError {
    fn from(e: FilterError) -> Self {
        Self::Unprocessable {
            code: e.code(),
            message: e.to_string(),
            field: Some(e.field().to_owned()),
        }
    }
}

fn query(req: &Request) -> Result<HashMap<String, String>, ApiError> {
    Ok(req.url()?.query_pairs().into_owned().collect())
}

/// Releases matching the filters, newest first.
pub async fn list(req: Request, db: D1Database) -> ApiResult {
    let q = query(&req)?;
    let get = |k: &str| q.get(k).map(String::as_str);
    let filter = ReleaseFilter::parse(
        get("q"),
        get("category"),
        get("module"),
        get("channel"),
        get("since"),
        get("until"),
    )?;
    let releases = ReleaseStore::new(&db).list(&filter).await?;
    ok_json(&ReleaseList {
        total: releases.len(),
        releases,
    })
}

/// One release; 404 when there is none of that version.
pub async fn get(version: &str, db: D1Database) -> ApiResult {
    let version = Version::parse(version).map_err(|_| ApiError::NotFound)?;
    let release = ReleaseStore::new(&db)
        .get(&version)
        .await?
        .ok_or(ApiError::NotFound)?;
    ok_json(&release)
}

/// The Atom feed of all releases.
pub async fn feed(req: Request, db: D1Database) -> ApiResult {
    let url = req.url()?;
    let origin = url.origin().ascii_serialization();
    let releases = ReleaseStore::new(&db)
        .list(&ReleaseFilter::default())
        .await?;
    let headers = Headers::new();
    headers.set("content-type", "application/atom+xml; charset=utf-8")?;
    headers.set("cache-control", "public, max-age=300")?;
    Ok(Response::ok(atom_feed(&releases, &origin))?.with_headers(headers))
}
