//! Writing a `worker::Response`: JSON bodies, the error shape, and bodies of other types.

use crate::error::{ApiError, ApiResult};
use serde::Serialize;
use sma_shared::api::QuoteChanged;
use worker::{Headers, Response};

/// The content type of every JSON body.
const JSON: &str = "application/json; charset=utf-8";

/// A JSON response with the given status, never cached (public reads get their caching from
/// `http::cache`).
pub fn json<T: Serialize>(body: &T, status: u16) -> Response {
    let text = serde_json::to_string(body).unwrap_or_else(|_| "{}".to_owned());
    let headers = Headers::new();
    let _ = headers.set("content-type", JSON);
    let _ = headers.set("cache-control", "private, no-store");
    Response::ok(text)
        .map(|r| r.with_status(status).with_headers(headers))
        .unwrap_or_else(|_| Response::empty().unwrap().with_status(500))
}

/// A 200 JSON response.
pub fn ok<T: Serialize>(body: &T) -> ApiResult {
    Ok(json(body, 200))
}

/// A 201 JSON response (a resource was created).
pub fn created<T: Serialize>(body: &T) -> ApiResult {
    Ok(json(body, 201))
}

/// A 202 JSON response (accepted; what follows happens later, e.g. an e-mail).
pub fn accepted<T: Serialize>(body: &T) -> ApiResult {
    Ok(json(body, 202))
}

/// A 204 response without a body, never cached.
pub fn no_content() -> ApiResult {
    let mut resp = Response::empty()?.with_status(204);
    resp.headers_mut().set("cache-control", "no-store")?;
    Ok(resp)
}

/// An HTML page the Worker writes itself (dev only), never cached; `csp` replaces the API's
/// policy when given.
pub fn html(body: String, csp: Option<&str>) -> ApiResult {
    let headers = Headers::new();
    headers.set("content-type", "text/html; charset=utf-8")?;
    headers.set("cache-control", "no-store")?;
    if let Some(csp) = csp {
        headers.set("content-security-policy", csp)?;
    }
    Ok(Response::ok(body)?.with_headers(headers))
}

/// A body of another type for `http::cache` to serve (the OpenAPI document, the Atom feed).
pub fn public(body: impl Into<String>, content_type: &str) -> ApiResult {
    let headers = Headers::new();
    headers.set("content-type", content_type)?;
    Ok(Response::ok(body.into())?.with_headers(headers))
}

/// The answer to `OPTIONS` on a known path: 204 with its methods in `Allow`.
pub fn options(allow: &str) -> worker::Result<Response> {
    let headers = Headers::new();
    headers.set("allow", allow)?;
    headers.set("cache-control", "no-store")?;
    Ok(Response::empty()?.with_status(204).with_headers(headers))
}

/// The JSON error response of `e`; an internal error's detail is logged under the request id,
/// never sent.
pub fn error(e: ApiError, request_id: &str) -> Response {
    if let Some(detail) = e.log_detail() {
        crate::observe::error("internal_error", Some(request_id), None, detail);
    }
    let mut resp = match e.changed_quote() {
        Some(quote) => json(
            &QuoteChanged {
                error: e.body().error,
                quote: quote.clone(),
            },
            e.status(),
        ),
        None => json(&e.body(), e.status()),
    };
    for (name, value) in e.headers() {
        let _ = resp.headers_mut().set(name, &value);
    }
    resp
}
