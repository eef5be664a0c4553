//! Request bodies: the size limit (checked on the declared length before anything is read, and
//! chunk by chunk while the body streams in, so a body without `Content-Length` is never read
//! past the limit) and JSON parsing with errors that name the field at fault.

use crate::error::ApiError;
use serde::de::DeserializeOwned;

/// Bodies above this many bytes are refused with 413 before they are parsed.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The one path prefix whose bodies may exceed the limit (artifact uploads, admin only).
pub const UPLOAD_PREFIX: &str = "/api/admin/artifacts/";

/// Refuses a request whose `Content-Length` declares more than the limit, before reading it;
/// a missing or unreadable header is left to [`BodyBuffer`].
pub fn check_declared(content_length: Option<&str>) -> Result<(), ApiError> {
    match content_length.and_then(|v| v.trim().parse::<usize>().ok()) {
        Some(n) if n > MAX_BODY_BYTES => Err(ApiError::PayloadTooLarge),
        _ => Ok(()),
    }
}

/// Whether the declared length of a request to `path` is checked at all.
pub fn is_limited(path: &str) -> bool {
    !path.starts_with(UPLOAD_PREFIX)
}

/// A body being read chunk by chunk, refused as soon as it grows past the limit.
#[derive(Debug, Default)]
pub struct BodyBuffer {
    bytes: Vec<u8>,
}

impl BodyBuffer {
    /// Appends the next chunk; 413 when the body would exceed [`MAX_BODY_BYTES`] (the caller
    /// then stops reading: the rest of the body is never read).
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), ApiError> {
        if self.bytes.len() + chunk.len() > MAX_BODY_BYTES {
            return Err(ApiError::PayloadTooLarge);
        }
        self.bytes.extend_from_slice(chunk);
        Ok(())
    }

    /// The bytes read.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

/// Parses JSON bytes into `T`: 400 `malformed_request` when they are empty, not JSON or not of
/// `T`'s form, naming the field at fault when serde can.
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Body {
        cameras: u32,
    }

    fn malformed(e: ApiError) -> (String, Option<String>) {
        match e {
            ApiError::Malformed { message, field } => (message, field),
            other => panic!("expected a 400, got {other:?}"),
        }
    }

    #[test]
    fn a_declared_length_above_64_kib_is_refused_before_reading() {
        assert_eq!(
            check_declared(Some("65537")),
            Err(ApiError::PayloadTooLarge)
        );
        assert_eq!(check_declared(Some(" 65536 ")), Ok(()));
        assert_eq!(check_declared(Some("12")), Ok(()));
    }

    #[test]
    fn a_missing_or_unreadable_length_is_left_to_the_bytes_read() {
        assert_eq!(check_declared(None), Ok(()));
        assert_eq!(check_declared(Some("lots")), Ok(()));
        let mut body = BodyBuffer::default();
        assert_eq!(body.push(&vec![b' '; MAX_BODY_BYTES]), Ok(()));
        assert_eq!(body.into_bytes().len(), MAX_BODY_BYTES);
    }

    #[test]
    fn a_streamed_body_is_refused_at_the_chunk_that_crosses_the_limit() {
        let mut body = BodyBuffer::default();
        let chunk = vec![b' '; 16 * 1024];
        for _ in 0..4 {
            assert_eq!(body.push(&chunk), Ok(()));
        }
        assert_eq!(body.push(b" "), Err(ApiError::PayloadTooLarge));
        // What was refused was not kept.
        assert_eq!(body.into_bytes().len(), MAX_BODY_BYTES);
    }

    #[test]
    fn only_artifact_uploads_are_exempt_from_the_limit() {
        assert!(!is_limited(
            "/api/admin/artifacts/releases/6.1.2/server.exe"
        ));
        assert!(is_limited("/api/orders"));
        assert!(is_limited("/api/admin/renewals/run"));
    }

    #[test]
    fn an_empty_body_asks_for_json() {
        let (message, field) = malformed(parse_json::<Body>(b"  \n").unwrap_err());
        assert_eq!(message, "The request needs a JSON body.");
        assert_eq!(field, None);
    }

    #[test]
    fn broken_json_is_named_as_such() {
        let (message, _) = malformed(parse_json::<Body>(b"{\"cameras\": ").unwrap_err());
        assert_eq!(message, "The request body is not valid JSON.");
    }

    #[test]
    fn a_missing_or_unknown_field_is_named_without_a_position() {
        let (message, field) = malformed(parse_json::<Body>(b"{}").unwrap_err());
        assert_eq!(field.as_deref(), Some("cameras"));
        assert!(!message.contains("line"), "{message}");
        let (_, field) = malformed(parse_json::<Body>(br#"{"cameras":1,"price":0}"#).unwrap_err());
        assert_eq!(field.as_deref(), Some("price"));
    }

    #[test]
    fn a_body_of_the_expected_form_is_parsed() {
        assert_eq!(
            parse_json::<Body>(br#"{"cameras":8}"#),
            Ok(Body { cameras: 8 })
        );
    }
}
