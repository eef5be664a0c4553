//! The CSRF rule of api.md for state-changing requests: a POST must be
//! `Content-Type: application/json`, and the request must come from this origin (`Origin`
//! equal to the request's own origin, or `Sec-Fetch-Site: same-origin`); otherwise 403.

use super::request::{header, origin};
use crate::error::ApiError;
use worker::{Method, Request};

/// What the rule looks at, read from a request.
#[derive(Clone, Copy, Debug, Default)]
pub struct Claims<'a> {
    /// Whether the method is POST (which must carry JSON).
    pub post: bool,
    /// `Content-Type`.
    pub content_type: Option<&'a str>,
    /// `Sec-Fetch-Site`.
    pub fetch_site: Option<&'a str>,
    /// `Origin`.
    pub origin: Option<&'a str>,
}

/// The rule itself: `Ok` for a same-origin request of the right type, 403 `forbidden` otherwise.
/// `own_origin` is asked only when `Sec-Fetch-Site` does not settle it.
pub fn decide(
    c: Claims<'_>,
    own_origin: impl FnOnce() -> Result<String, ApiError>,
) -> Result<(), ApiError> {
    if c.post {
        let json = c.content_type.is_some_and(|ct| {
            ct.split(';')
                .next()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
        });
        if !json {
            return Err(ApiError::Forbidden);
        }
    }
    if c.fetch_site
        .is_some_and(|s| s.trim().eq_ignore_ascii_case("same-origin"))
    {
        return Ok(());
    }
    let own = own_origin()?;
    match c.origin {
        Some(origin) if origin.trim() == own => Ok(()),
        _ => Err(ApiError::Forbidden),
    }
}

/// Applies the rule to a request.
pub fn check_same_origin(req: &Request) -> Result<(), ApiError> {
    let (content_type, fetch_site, from) = (
        header(req, "content-type"),
        header(req, "sec-fetch-site"),
        header(req, "origin"),
    );
    let claims = Claims {
        post: req.method() == Method::Post,
        content_type: content_type.as_deref(),
        fetch_site: fetch_site.as_deref(),
        origin: from.as_deref(),
    };
    decide(claims, || origin(req))
}

#[cfg(test)]
mod tests {
    use super::*;

    const OWN: &str = "http://127.0.0.1:8787";

    fn check(c: Claims<'_>) -> Result<(), ApiError> {
        decide(c, || Ok(OWN.to_owned()))
    }

    fn json_post<'a>() -> Claims<'a> {
        Claims {
            post: true,
            content_type: Some("application/json"),
            ..Claims::default()
        }
    }

    #[test]
    fn a_json_post_from_the_own_origin_passes() {
        let c = Claims {
            origin: Some(OWN),
            ..json_post()
        };
        assert_eq!(check(c), Ok(()));
    }

    #[test]
    fn a_browser_saying_same_origin_passes_without_an_origin_header() {
        let c = Claims {
            fetch_site: Some("Same-Origin"),
            content_type: Some("application/json; charset=utf-8"),
            ..json_post()
        };
        assert_eq!(check(c), Ok(()));
    }

    #[test]
    fn a_post_that_is_not_json_is_forbidden_even_from_the_own_origin() {
        for ct in [
            None,
            Some("text/plain"),
            Some("application/x-www-form-urlencoded"),
        ] {
            let c = Claims {
                content_type: ct,
                origin: Some(OWN),
                ..json_post()
            };
            assert_eq!(check(c), Err(ApiError::Forbidden), "{ct:?}");
        }
    }

    #[test]
    fn another_origin_or_none_at_all_is_forbidden() {
        for origin in [Some("https://evil.example"), Some("null"), None] {
            let c = Claims {
                origin,
                ..json_post()
            };
            assert_eq!(check(c), Err(ApiError::Forbidden), "{origin:?}");
        }
        let cross_site = Claims {
            fetch_site: Some("cross-site"),
            origin: Some("https://evil.example"),
            ..json_post()
        };
        assert_eq!(check(cross_site), Err(ApiError::Forbidden));
    }

    #[test]
    fn a_delete_needs_no_json_but_the_same_origin() {
        let delete = Claims {
            origin: Some(OWN),
            ..Claims::default()
        };
        assert_eq!(check(delete), Ok(()));
        assert_eq!(check(Claims::default()), Err(ApiError::Forbidden));
    }
}
