//! Request and response plumbing shared by every resource: body limits, JSON, headers.

use crate::error::ApiError;
use serde::{de::DeserializeOwned, Serialize};
use worker::{Headers, Request, Response};

/// Bodies above this many bytes are refused with 413 before they are parsed.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The CSP of responses the Worker writes itself (JSON, feeds, downloads): they load nothing.
const API_CSP: &str =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// Refuses a request whose declared length is above the limit, before reading anything.
pub fn check_declared_length(req: &Request) -> Result<(), ApiError> {
    let declared = req.headers().get("content-length").ok().flatten();
    match declared.and_then(|v| v.trim().parse::<usize>().ok()) {
        Some(n) if n > MAX_BODY_BYTES => Err(ApiError::PayloadTooLarge),
        _ => Ok(()),
    }
}

/// Reads a JSON body of at most [`MAX_BODY_BYTES`] into `T`; 400 when it does not fit `T`.
pub async fn read_json<T: DeserializeOwned>(req: &mut Request) -> Result<T, ApiError> {
    check_declared_length(req)?;
    let bytes = req
        .bytes()
        .await
        .map_err(|_| ApiError::malformed("The request body could not be read."))?;
    if bytes.len() > MAX_BODY_BYTES {
        return Err(ApiError::PayloadTooLarge);
    }
    parse_json(&bytes)
}

/// Parses JSON bytes into `T`, naming the field at fault when serde can.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::malformed("The request needs a JSON body."));
    }
    serde_json::from_slice(bytes).map_err(|e| {
        let text = e.to_string();
        let field = text
            .split('`')
            .nth(1)
            .filter(|_| text.contains("field"))
            .map(str::to_owned);
        let message = match e.classify() {
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                "The request body is not valid JSON.".to_owned()
            }
            _ => format!(
                "The request body does not have the expected form: {}.",
                strip_position(&text)
            ),
        };
        ApiError::Malformed { message, field }
    })
}

fn strip_position(text: &str) -> &str {
    text.split(" at line ").next().unwrap_or(text)
}

/// A JSON response with the given status.
pub fn json_response<T: Serialize>(body: &T, status: u16) -> Response {
    let text = serde_json::to_string(body).unwrap_or_else(|_| "{}".to_owned());
    let headers = Headers::new();
    let _ = headers.set("content-type", "application/json; charset=utf-8");
    let _ = headers.set("cache-control", "no-store");
    Response::ok(text)
        .map(|r| r.with_status(status).with_headers(headers))
        .unwrap_or_else(|_| Response::empty().unwrap().with_status(500))
}

/// A 200 JSON response.
pub fn ok_json<T: Serialize>(body: &T) -> Result<Response, ApiError> {
    Ok(json_response(body, 200))
}

/// Adds the request id and the security headers to a response the Worker produced.
pub fn finish(mut resp: Response, request_id: &str) -> Response {
    let h = resp.headers_mut();
    let _ = h.set("x-request-id", request_id);
    let _ = h.set("x-content-type-options", "nosniff");
    let _ = h.set("referrer-policy", "strict-origin-when-cross-origin");
    let _ = h.set(
        "strict-transport-security",
        "max-age=63072000; includeSubDomains",
    );
    let _ = h.set("x-frame-options", "DENY");
    let _ = h.set("cross-origin-resource-policy", "same-origin");
    if !h.has("content-security-policy").unwrap_or(false) {
        let _ = h.set("content-security-policy", API_CSP);
    }
    resp
}

/// A fresh random request id (16 bytes, hex).
pub fn new_request_id() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::getrandom(&mut bytes).is_err() {
        return "0".repeat(32);
    }
    hex::encode(bytes)
}

/// Today's date in UTC, from the Worker's clock (the only clock; `shared` takes it as a parameter).
pub fn today() -> chrono::NaiveDate {
    let millis = worker::Date::now().as_millis();
    chrono::DateTime::from_timestamp_millis(i64::try_from(millis).unwrap_or(0))
        .map(|t| t.date_naive())
        .unwrap_or_default()
}

/// Now (ISO 8601 UTC with milliseconds, so text order is time order), from the Worker's clock.
pub fn now_iso() -> String {
    let millis = worker::Date::now().as_millis();
    chrono::DateTime::from_timestamp_millis(i64::try_from(millis).unwrap_or(0))
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A random id: `prefix_` and 16 hex digits from the platform's CSPRNG.
pub fn random_id(prefix: &str) -> Result<String, ApiError> {
    let mut bytes = [0u8; 8];
    getrandom::getrandom(&mut bytes).map_err(|e| ApiError::Internal(format!("random: {e}")))?;
    Ok(format!("{prefix}_{}", hex::encode(bytes)))
}

/// The OpenAPI document of this API.
pub fn openapi() -> Result<Response, ApiError> {
    let headers = Headers::new();
    headers.set("content-type", "application/json; charset=utf-8")?;
    headers.set("cache-control", "public, max-age=300")?;
    Ok(Response::ok(include_str!("../openapi.json"))?.with_headers(headers))
}
