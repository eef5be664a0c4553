//! Public reads (`/api/releases*`, `/api/catalog`, `/releases.atom`, `/api/openapi.json`)
//! through the Workers Cache API, with a strong ETag and 304 answers.
//!
//! An answer is stored under its own URL plus a [`Version`]: the build's identity
//! (`SMA_BUILD_ID`, see `build.rs`: code, price books, OpenAPI document), for release data the
//! content generation that every publication, withdrawal or restoration raises in the same D1
//! batch, and for a release's page the digest of the built page (the app's deployment) it is
//! written into. A new build or a new generation therefore never meets an older entry: the
//! change is visible with the next request, everywhere, without a purge. A hit reads only that
//! generation (one primary-key row) and copies the stored body; the answer itself is computed
//! only on a miss. In front of the Workers cache, each isolate keeps the answers it served last
//! under the same keys (`http::memo`), so a hot read is that one row and a copy from memory.
//! Errors are never stored and keep `no-store`.

use crate::context::Cx;
use crate::crypto::sha256_hex;
use crate::error::ApiResult;
use crate::http::memo::{self, Entry};
use crate::http::request;
use chrono::NaiveDate;
use std::future::Future;
use worker::{Cache, Headers, Request, Response, ResponseBody};

/// What browsers and shared caches are told: fresh for a minute, then served stale for ten
/// more while one revalidation (a 304 when nothing changed) runs in the background.
pub const PUBLIC: &str = "public, max-age=60, stale-while-revalidate=600";

/// How long the Worker's cache keeps an entry: a day. Entries are versioned, so their age
/// never makes an answer stale; it only bounds what an unused entry costs.
const STORED: &str = "public, max-age=86400";

/// The identity of what an answer was computed from, beyond its URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Version {
    /// The content generation (`store::content::generation`), for release data.
    pub generation: Option<i64>,
    /// The day the answer depends on (the catalog's book in force today), if it does.
    pub day: Option<NaiveDate>,
    /// The digest of the built page the answer is written into (a release's page): a deployment
    /// of the app alone (new file names in the page) changes no build of the Worker.
    pub page: Option<u64>,
}

impl Version {
    /// Depends only on the build (the OpenAPI document).
    pub const BUILD: Version = Version {
        generation: None,
        day: None,
        page: None,
    };

    /// Depends on the release data of this generation.
    pub fn releases(generation: i64) -> Version {
        Version {
            generation: Some(generation),
            ..Version::BUILD
        }
    }

    /// Depends on the release data of this generation written into the built page whose
    /// [`page_digest`] is `page`.
    pub fn release_page(generation: i64, page: u64) -> Version {
        Version {
            page: Some(page),
            ..Version::releases(generation)
        }
    }

    /// Depends on the day (a catalog without `?date=`).
    pub fn day(day: NaiveDate) -> Version {
        Version {
            day: Some(day),
            ..Version::BUILD
        }
    }
}

/// The digest of a built page ([`Version::release_page`]): the first 64 bits of its SHA-256.
pub async fn page_digest(page: &str) -> Result<u64, crate::error::ApiError> {
    let hex = sha256_hex(page.as_bytes()).await?;
    u64::from_str_radix(&hex[..16], 16)
        .map_err(|e| crate::error::ApiError::Internal(format!("page digest: {e}")))
}

/// The cache key of the answer to `url` under `version`: the URL with one more query pair.
pub fn key(url: &str, build: &str, version: Version) -> String {
    let mut tag = format!("b{build}");
    if let Some(g) = version.generation {
        tag.push_str(&format!(".g{g}"));
    }
    if let Some(d) = version.day {
        tag.push_str(&format!(".d{d}"));
    }
    if let Some(p) = version.page {
        tag.push_str(&format!(".p{p:016x}"));
    }
    let base = url.split_once('#').map_or(url, |(b, _)| b);
    let joiner = if base.contains('?') { '&' } else { '?' };
    format!("{base}{joiner}__v={tag}")
}

/// Whether `If-None-Match` names `etag` (or is `*`): weak comparison, as RFC 9110 asks of it.
pub fn not_modified(if_none_match: Option<&str>, etag: &str) -> bool {
    let Some(header) = if_none_match else {
        return false;
    };
    let bare = |t: &str| t.trim().trim_start_matches("W/").to_owned();
    header
        .split(',')
        .any(|t| t.trim() == "*" || bare(t) == bare(etag))
}

/// The strong ETag of a body: the first 128 bits of its SHA-256.
async fn etag_of(body: &[u8]) -> Result<String, crate::error::ApiError> {
    let hex = sha256_hex(body).await?;
    Ok(format!("\"{}\"", &hex[..32]))
}

/// A public answer: `body` with its type and ETag; 304 without a body when the client has it.
fn answer(body: ResponseBody, content_type: &str, etag: &str, fresh: bool) -> ApiResult {
    let headers = Headers::new();
    headers.set("etag", etag)?;
    headers.set("cache-control", PUBLIC)?;
    if fresh {
        return Ok(Response::empty()?.with_status(304).with_headers(headers));
    }
    headers.set("content-type", content_type)?;
    Ok(Response::from_body(body)?.with_headers(headers))
}

/// Serves the public answer to `req` under `version` from the Workers cache, or computes it
/// with `compute` (and stores it after the response) when absent. Only 200 answers are stored.
pub async fn serve<F>(req: &Request, cx: &Cx, version: Version, compute: F) -> ApiResult
where
    F: Future<Output = ApiResult>,
{
    let key = key(req.url()?.as_str(), env!("SMA_BUILD_ID"), version);
    let if_none_match = request::header(req, "if-none-match");
    if let Some(hit) = memo::get(&key) {
        let fresh = not_modified(if_none_match.as_deref(), &hit.etag);
        let body = ResponseBody::Body(if fresh { Vec::new() } else { hit.body.clone() });
        return answer(body, &hit.content_type, &hit.etag, fresh);
    }
    let cache = Cache::default();
    if let Some(mut hit) = cache.get(key.as_str(), false).await? {
        let etag = hit.headers().get("etag")?.unwrap_or_default();
        let content_type = hit.headers().get("content-type")?.unwrap_or_default();
        let body = hit.bytes().await?;
        memo::put(
            key,
            Entry {
                etag: etag.clone(),
                content_type: content_type.clone(),
                body: body.clone(),
            },
        );
        let fresh = not_modified(if_none_match.as_deref(), &etag);
        return answer(ResponseBody::Body(body), &content_type, &etag, fresh);
    }
    let mut computed = compute.await?;
    if computed.status_code() != 200 {
        return Ok(computed);
    }
    let content_type = computed.headers().get("content-type")?.unwrap_or_default();
    let body = computed.bytes().await?;
    let etag = etag_of(&body).await?;
    let stored = Headers::new();
    stored.set("etag", &etag)?;
    stored.set("content-type", &content_type)?;
    stored.set("cache-control", STORED)?;
    let entry = Response::from_bytes(body.clone())?.with_headers(stored);
    memo::put(
        key.clone(),
        Entry {
            etag: etag.clone(),
            content_type: content_type.clone(),
            body: body.clone(),
        },
    );
    cx.defer(async move {
        if let Err(e) = Cache::default().put(key.as_str(), entry).await {
            worker::console_error!("cache put: {e}");
        }
    });
    let fresh = not_modified(if_none_match.as_deref(), &etag);
    answer(ResponseBody::Body(body), &content_type, &etag, fresh)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_adds_the_build_and_the_generation_to_the_url() {
        let v = Version::releases(7);
        assert_eq!(
            key("https://p.example/api/releases", "abc", v),
            "https://p.example/api/releases?__v=babc.g7"
        );
        assert_eq!(
            key("https://p.example/api/releases?q=voip", "abc", v),
            "https://p.example/api/releases?q=voip&__v=babc.g7"
        );
    }

    #[test]
    fn another_generation_build_or_day_is_another_key() {
        let url = "https://p.example/api/releases";
        assert_ne!(
            key(url, "abc", Version::releases(7)),
            key(url, "abc", Version::releases(8))
        );
        assert_ne!(
            key(url, "abc", Version::BUILD),
            key(url, "abd", Version::BUILD)
        );
        let day = |d| Version::day(NaiveDate::from_ymd_opt(2026, 11, d).unwrap());
        assert_ne!(
            key("https://p.example/api/catalog", "abc", day(30)),
            key("https://p.example/api/catalog", "abc", day(29))
        );
    }

    #[test]
    fn a_release_page_built_into_another_page_is_another_key() {
        let url = "https://p.example/releases/6.1.2";
        let page = |digest| key(url, "abc", Version::release_page(7, digest));
        let (built, rebuilt) = (0x0123_4567_89ab_cdef, 0xfedc_ba98_7654_3210);
        assert_eq!(page(built), page(built));
        assert_ne!(page(built), page(rebuilt));
        assert_ne!(page(built), key(url, "abc", Version::releases(7)));
        assert!(page(built).starts_with("https://p.example/releases/6.1.2?__v=babc.g7.p"));
    }

    #[test]
    fn if_none_match_with_the_etag_or_a_star_is_not_modified() {
        let etag = "\"0123abcd\"";
        assert!(not_modified(Some("\"0123abcd\""), etag));
        assert!(not_modified(Some("\"x\", \"0123abcd\""), etag));
        assert!(not_modified(Some("W/\"0123abcd\""), etag));
        assert!(not_modified(Some("*"), etag));
        assert!(!not_modified(Some("\"0123abce\""), etag));
        assert!(!not_modified(None, etag));
    }
}
