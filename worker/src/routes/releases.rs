//! `GET /api/releases`, `GET /api/releases/versions`, `GET /api/releases/{version}` and the
//! Atom feed `GET /releases.atom`: public answers, served from the Workers cache under the
//! content generation (`http::cache`); and the release pages `GET /releases/{version}`: the
//! portal's page with the release's frame.

use crate::context::Cx;
use crate::error::{ApiError, ApiResult};
use crate::http::cache::{self, Version};
use crate::http::{request, respond};
use crate::store::{content, releases::ReleaseStore};
use sma_shared::api::{ReleaseBriefList, ReleaseList};
use sma_shared::releases::{
    atom_feed, release_page, with_frame, Page, ReleaseFilter, Version as ReleaseVersion,
};
use worker::{Request, Response};

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
    let version = Version::releases(content::generation(&db, cx.now()).await?);
    cache::serve(&req, &cx, version, async {
        let (releases, total) = ReleaseStore::new(&db).page(&filter, page).await?;
        respond::ok(&ReleaseList { total, releases })
    })
    .await
}

/// The releases in a range (`channel`, `since`, `until`), newest first, without their texts.
pub async fn versions(req: Request, cx: Cx) -> ApiResult {
    let q = request::query(&req)?;
    let get = |k: &str| q.get(k).map(String::as_str);
    let filter = ReleaseFilter::parse_range(get("channel"), get("since"), get("until"))?;
    let db = cx.db()?;
    let version = Version::releases(content::generation(&db, cx.now()).await?);
    cache::serve(&req, &cx, version, async {
        let releases = ReleaseStore::new(&db).briefs(&filter).await?;
        let total = releases.len();
        respond::ok(&ReleaseBriefList { releases, total })
    })
    .await
}

/// One release; 404 when there is none of that version.
pub async fn get(req: Request, cx: Cx) -> ApiResult {
    let version = ReleaseVersion::parse(cx.param("version")).map_err(|_| ApiError::NotFound)?;
    let db = cx.db()?;
    let generation = Version::releases(content::generation(&db, cx.now()).await?);
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
    let version = Version::releases(content::generation(&db, cx.now()).await?);
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

/// The page of a release (`/releases/{version}`, and any deeper path, which the app answers as
/// not found): the built `release.html` with the breadcrumb, heading and lead of the release
/// written into its frame, so they paint before the Wasm arrives, its title and description,
/// and the release's answer preloaded; without them when there is no such release. It keeps the page's own headers (its CSP allows the page's loader and
/// styles by hash) and is revalidated on every visit, like the other pages.
pub async fn page(req: Request, cx: Cx) -> ApiResult {
    let origin = request::origin(&req)?;
    let mut built = cx
        .assets()?
        .fetch(format!("{origin}/release"), None)
        .await?;
    if built.status_code() != 200 {
        let status = built.status_code();
        return Err(ApiError::Internal(format!(
            "release.html answered {status}"
        )));
    }
    let html = built.text().await?;
    let db = cx.db()?;
    // The page as this deployment built it is part of the key: an older deployment's entry
    // names files the assets no longer have.
    let generation = content::generation(&db, cx.now()).await?;
    let version = Version::release_page(generation, cache::page_digest(&html).await?);
    let mut resp = cache::serve(&req, &cx, version, async {
        let path = cx.param("path");
        let release = match ReleaseVersion::parse(path) {
            Ok(version) => ReleaseStore::new(&db).get(&version).await?,
            Err(_) => None,
        };
        let page = match release {
            // The app asks for the version as its address names it: a preload only for that.
            Some(r) => release_page(&html, &r, r.version.to_string() == path),
            None => with_frame(&html, ""),
        };
        respond::public(page, "text/html; charset=utf-8")
    })
    .await?;
    page_headers(&built, &mut resp)?;
    Ok(resp)
}

/// The built page's security headers on `resp`, and the pages' caching.
fn page_headers(built: &Response, resp: &mut Response) -> worker::Result<()> {
    let headers = resp.headers_mut();
    for name in [
        "content-security-policy",
        "permissions-policy",
        "cross-origin-opener-policy",
    ] {
        if let Some(value) = built.headers().get(name)? {
            headers.set(name, &value)?;
        }
    }
    headers.set("cache-control", "public, max-age=0, must-revalidate")
}
