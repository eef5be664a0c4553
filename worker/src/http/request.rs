//! Reading a `worker::Request`: headers, the query, its own origin and a JSON body within the
//! limits of [`super::limits`].

use super::limits::{check_declared, parse_json, BodyBuffer};
use crate::error::ApiError;
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use worker::Request;

/// A header's value, if the request has it.
pub fn header(req: &Request, name: &str) -> Option<String> {
    req.headers().get(name).ok().flatten()
}

/// The query's parameters (the last value of a repeated name wins).
pub fn query(req: &Request) -> Result<HashMap<String, String>, ApiError> {
    Ok(req.url()?.query_pairs().into_owned().collect())
}

/// The first value of one query parameter.
pub fn query_value(req: &Request, name: &str) -> Result<Option<String>, ApiError> {
    Ok(req
        .url()?
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned()))
}

/// The request's own origin (`http://127.0.0.1:8787`), for absolute links and the
/// same-origin rule.
pub fn origin(req: &Request) -> Result<String, ApiError> {
    Ok(req.url()?.origin().ascii_serialization())
}

/// Refuses a request whose declared length is above the limit, before reading anything.
pub fn check_declared_length(req: &Request) -> Result<(), ApiError> {
    check_declared(header(req, "content-length").as_deref())
}

/// Reads the body as it streams in, at most `MAX_BODY_BYTES`: 413 as soon as it grows past
/// them, whether or not it declared a length. A body over the limit is not read any further:
/// dropping the stream cancels it. A request without a body reads as empty.
async fn read_body(req: &mut Request) -> Result<Vec<u8>, ApiError> {
    check_declared_length(req)?;
    let Ok(mut stream) = req.stream() else {
        return Ok(Vec::new());
    };
    let mut body = BodyBuffer::default();
    while let Some(chunk) = stream.next().await {
        let chunk =
            chunk.map_err(|_| ApiError::malformed("The request body could not be read."))?;
        body.push(&chunk)?;
    }
    Ok(body.into_bytes())
}

/// Reads a UTF-8 text body of at most `MAX_BODY_BYTES` whose type is `media_type` (e.g.
/// `text/csv`); 400 otherwise.
pub async fn read_text(req: &mut Request, media_type: &str) -> Result<String, ApiError> {
    let given = header(req, "content-type").unwrap_or_default();
    if given.split(';').next().map(str::trim) != Some(media_type) {
        return Err(ApiError::malformed(format!(
            "The body must be {media_type}."
        )));
    }
    let bytes = read_body(req).await?;
    String::from_utf8(bytes).map_err(|_| ApiError::malformed("The body must be UTF-8 text."))
}

/// Reads a JSON body of at most `MAX_BODY_BYTES` into `T`; 400 when it does not fit `T`.
pub async fn read_json<T: DeserializeOwned>(req: &mut Request) -> Result<T, ApiError> {
    parse_json(&read_body(req).await?)
}
