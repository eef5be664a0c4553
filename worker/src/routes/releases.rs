//! `GET /api/releases`, `GET /api/releases/{version}` and the Atom feed `GET /releases.atom`:
//! public answers, served from the Workers cache under the content generation (`http::cache`).

use crate::context::Cx;
use crate::error::{ApiError, ApiResult};
use crate::http::cache::{self, Version};
use crate::http::{request, respond};
use crate::store::{content, releases::ReleaseStore};
use sma_shared::api::ReleaseList;
use sma_shared::releases::{atom_feed, Page, ReleaseFilter, Version as ReleaseVersion};
use worker::Request;

/// Releases matching the filters, newest first; one page of them with `limit`/`offset`.
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
    let page = Page::parse(get("limit"), get("offset"))?;
    let db = cx.db()?;
    let version = Version::releases(content::generation(&db).await?);
    cache::serve(&req, &cx, version, async {
        let (releases, total) = ReleaseStore::new(&db).page(&filter, page).await?;
        respond::ok(&ReleaseList { total, releases })
    })
    .await
}

/// One release; 404 when there is none of that version.
pub async fn get(req: Request, cx: Cx) -> ApiResult {
    let version = ReleaseVersion::parse(cx.param("version")).map_err(|_| ApiError::NotFound)?;
    let db = cx.db()?;
    let generation = Version::releases(content::generation(&db).await?);
    cache::serve(&req, &cx, generation, async {
        let release = ReleaseStore::new(&db)
            .get(&version)
            .await?
            .ok_or(ApiError::NotFound)?;
        respond::ok(&release)
    })
    .await
}

/// The Atom feed of all releases.
pub async fn feed(req: Request, cx: Cx) -> ApiResult {
    let origin = request::origin(&req)?;
    let db = cx.db()?;
    let version = Version::releases(content::generation(&db).await?);
    cache::serve(&req, &cx, version, async {
        let releases = ReleaseStore::new(&db)
            .list(&ReleaseFilter::default())
            .await?;
        respond::public(
            atom_feed(&releases, &origin),
            "application/atom+xml; charset=utf-8",
        )
    })
    .await
}
