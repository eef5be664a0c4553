//! The headers every response the Worker writes carries: the request id and strict security
//! headers (static assets get theirs from the `_headers` file of the SPA build).

use worker::Response;

/// The CSP of responses the Worker writes itself (JSON, feeds, downloads): they load nothing.
pub const API_CSP: &str =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// The security headers set on every response of the Worker, whatever it answered.
pub const SECURITY: [(&str, &str); 5] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "strict-origin-when-cross-origin"),
    (
        "strict-transport-security",
        "max-age=63072000; includeSubDomains",
    ),
    ("x-frame-options", "DENY"),
    ("cross-origin-resource-policy", "same-origin"),
];

/// The headers to set on a response: the request id, [`SECURITY`], and [`API_CSP`] unless
/// the response brought a CSP of its own.
pub fn for_response(request_id: &str, has_csp: bool) -> Vec<(&'static str, String)> {
    let mut out = vec![("x-request-id", request_id.to_owned())];
    out.extend(
        SECURITY
            .iter()
            .map(|&(name, value)| (name, value.to_owned())),
    );
    if !has_csp {
        out.push(("content-security-policy", API_CSP.to_owned()));
    }
    out
}

/// Adds the request id and the security headers to a response the Worker produced.
pub fn finish(mut resp: Response, request_id: &str) -> Response {
    let h = resp.headers_mut();
    let has_csp = h.has("content-security-policy").unwrap_or(false);
    for (name, value) in for_response(request_id, has_csp) {
        let _ = h.set(name, &value);
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value<'a>(headers: &'a [(&str, String)], name: &str) -> Option<&'a str> {
        headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn every_response_carries_its_request_id_and_the_security_headers() {
        let headers = for_response("abc123", false);
        assert_eq!(value(&headers, "x-request-id"), Some("abc123"));
        assert_eq!(value(&headers, "x-content-type-options"), Some("nosniff"));
        assert_eq!(value(&headers, "x-frame-options"), Some("DENY"));
        assert!(value(&headers, "strict-transport-security")
            .unwrap()
            .starts_with("max-age=63072000"));
    }

    #[test]
    fn a_response_without_a_csp_gets_one_that_loads_nothing() {
        let headers = for_response("id", false);
        let csp = value(&headers, "content-security-policy").unwrap();
        assert!(csp.starts_with("default-src 'none'"));
        assert!(csp.contains("frame-ancestors 'none'"));
    }

    #[test]
    fn a_response_with_its_own_csp_keeps_it() {
        assert_eq!(
            value(&for_response("id", true), "content-security-policy"),
            None
        );
    }
}
