//! The session cookie: HttpOnly, Secure, SameSite=Strict, for the whole site; it carries a
//! random token whose hash is what D1 stores. Its name has the `__Host-` prefix, so a browser
//! keeps it only as set here (Secure, `Path=/`, no `Domain`): no other host of the domain and
//! no plain-HTTP page can set or shadow it.

pub use sma_shared::api::SESSION_COOKIE as COOKIE;

/// The `Set-Cookie` value that stores `token` for `max_age_seconds`.
pub fn set(token: &str, max_age_seconds: i64) -> String {
    format!(
        "{COOKIE}={token}; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age={max_age_seconds}"
    )
}

/// The `Set-Cookie` value that removes the cookie.
pub fn clear() -> String {
    format!("{COOKIE}=; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=0")
}

/// The session token of a `Cookie` header, when it has the right form (64 hex digits).
pub fn session_token(cookie_header: Option<&str>) -> Option<String> {
    cookie_header?
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.trim().to_owned())
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn the_cookie_is_http_only_secure_strict_and_site_wide() {
        let cookie = set(TOKEN, 28_800);
        assert!(cookie.starts_with(&format!("__Host-sma_session={TOKEN};")));
        assert!(!cookie.contains("Domain"), "{cookie}");
        for part in [
            "HttpOnly",
            "Secure",
            "SameSite=Strict",
            "Path=/",
            "Max-Age=28800",
        ] {
            assert!(cookie.contains(part), "{part} missing in {cookie}");
        }
    }

    #[test]
    fn signing_out_clears_the_cookie_with_the_same_attributes() {
        let cookie = clear();
        assert!(cookie.starts_with("__Host-sma_session=;"));
        assert!(!cookie.contains("Domain"), "{cookie}");
        assert!(cookie.contains("Max-Age=0"));
        assert!(cookie.contains("HttpOnly; Secure; SameSite=Strict; Path=/"));
    }

    #[test]
    fn the_token_is_found_among_other_cookies() {
        let header = format!("theme=dark; __Host-sma_session={TOKEN} ; lang=de");
        assert_eq!(session_token(Some(&header)).as_deref(), Some(TOKEN));
    }

    #[test]
    fn a_token_of_another_form_is_no_session() {
        assert_eq!(session_token(None), None);
        assert_eq!(session_token(Some("__Host-sma_session=abc")), None);
        let not_hex = format!("__Host-sma_session={}", "z".repeat(64));
        assert_eq!(session_token(Some(&not_hex)), None);
        let other_name = format!("xsma_session={TOKEN}");
        assert_eq!(session_token(Some(&other_name)), None);
        // Without the prefix it is another cookie, which anyone on the domain could have set.
        let unprefixed = format!("sma_session={TOKEN}");
        assert_eq!(session_token(Some(&unprefixed)), None);
    }
}
