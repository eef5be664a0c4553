//! The methods a path answers (RFC 9110 section 10.2.1, `Allow`): what a 405 and an `OPTIONS`
//! answer list. They come from the route table in `lib.rs`, the one the router is built from,
//! matched here with the router's pattern syntax: `:name` is one non-empty path segment,
//! `*name` the non-empty rest of the path.

use worker::Method;

/// The method of a request as the router sees it, or `None` for one it does not know: the
/// runtime's `Method` reads any unknown method (`QUERY`, `FOO`) as `GET`, so it must not reach
/// the router.
pub fn known_method(raw: &str) -> Option<Method> {
    let method = Method::from(raw.to_owned());
    (method.as_ref() == raw.to_ascii_uppercase()).then_some(method)
}

/// Whether the router pattern `pattern` matches `path`.
pub fn matches(pattern: &str, path: &str) -> bool {
    let (mut pattern, mut path) = (pattern, path);
    loop {
        match (pattern.split_once('/'), path.split_once('/')) {
            (Some((p, p_rest)), Some((s, s_rest))) => {
                if !segment_matches(p, s) {
                    return false;
                }
                (pattern, path) = (p_rest, s_rest);
            }
            (None, _) if pattern.starts_with('*') => return !path.is_empty(),
            (None, None) => return segment_matches(pattern, path),
            _ => return false,
        }
    }
}

fn segment_matches(pattern: &str, segment: &str) -> bool {
    match pattern.as_bytes().first() {
        Some(b':') => !segment.is_empty(),
        _ => pattern == segment,
    }
}

/// How many segments of `pattern` are parameters (`:name`, `*name`): fewer is more specific.
fn params(pattern: &str) -> usize {
    pattern
        .split('/')
        .filter(|s| s.starts_with(':') || s.starts_with('*'))
        .count()
}

/// The `Allow` value for `path`: the methods of the most specific routes that match it (a
/// literal segment wins over a parameter, as `/api/users/invitations` over `/api/users/:id`),
/// in the order of `routes`, and `OPTIONS`; `None` when no route matches it.
pub fn allow<'a>(
    routes: impl IntoIterator<Item = (&'a Method, &'a str)>,
    path: &str,
) -> Option<String> {
    let matching: Vec<(&Method, &str)> = routes
        .into_iter()
        .filter(|(_, pattern)| matches(pattern, path))
        .collect();
    let fewest = matching.iter().map(|(_, p)| params(p)).min()?;
    let mut methods: Vec<&str> = Vec::new();
    for (method, pattern) in matching {
        let name = method.as_ref();
        if params(pattern) == fewest && !methods.contains(&name) {
            methods.push(name);
        }
    }
    methods.push("OPTIONS");
    Some(methods.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROUTES: &[(Method, &str)] = &[
        (Method::Get, "/api/orders"),
        (Method::Post, "/api/orders"),
        (Method::Get, "/api/orders/:id"),
        (Method::Post, "/api/installations/:id/quotes/:kind"),
        (Method::Put, "/api/admin/artifacts/*key"),
        (Method::Get, "/api/admin/artifacts/*key"),
    ];

    fn allow_of(path: &str) -> Option<String> {
        allow(ROUTES.iter().map(|(m, p)| (m, *p)), path)
    }

    #[test]
    fn an_unknown_method_is_not_taken_for_get() {
        assert_eq!(known_method("GET"), Some(Method::Get));
        assert_eq!(known_method("delete"), Some(Method::Delete));
        assert_eq!(known_method("OPTIONS"), Some(Method::Options));
        assert_eq!(known_method("QUERY"), None);
        assert_eq!(known_method("FOO"), None);
    }

    #[test]
    fn a_parameter_is_one_non_empty_segment() {
        assert!(matches("/api/orders/:id", "/api/orders/ord_1"));
        assert!(!matches("/api/orders/:id", "/api/orders/"));
        assert!(!matches("/api/orders/:id", "/api/orders/ord_1/lines"));
        assert!(!matches("/api/orders/:id", "/api/orders"));
        assert!(matches(
            "/api/installations/:id/quotes/:kind",
            "/api/installations/inst_1/quotes/sma"
        ));
    }

    #[test]
    fn a_catch_all_is_the_non_empty_rest() {
        assert!(matches(
            "/api/admin/artifacts/*key",
            "/api/admin/artifacts/releases/6.1.2/server.exe"
        ));
        assert!(!matches(
            "/api/admin/artifacts/*key",
            "/api/admin/artifacts/"
        ));
    }

    #[test]
    fn literal_segments_match_exactly() {
        assert!(matches("/api/orders", "/api/orders"));
        assert!(!matches("/api/orders", "/api/orders/"));
        assert!(!matches("/api/orders", "/api/order"));
    }

    #[test]
    fn allow_lists_every_method_of_the_path_and_options() {
        assert_eq!(
            allow_of("/api/orders").as_deref(),
            Some("GET, POST, OPTIONS")
        );
        assert_eq!(
            allow_of("/api/orders/ord_1").as_deref(),
            Some("GET, OPTIONS")
        );
        assert_eq!(
            allow_of("/api/admin/artifacts/a/b").as_deref(),
            Some("PUT, GET, OPTIONS")
        );
    }

    #[test]
    fn a_path_no_route_matches_has_no_allow() {
        assert_eq!(allow_of("/api/nothing"), None);
        assert_eq!(allow_of("/api/orders/ord_1/x"), None);
    }
}
