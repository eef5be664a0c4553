//! The portal addresses messages link to, on the configured origin. One-time links have the
//! form `{origin}/account/token?token=<token>` (api.md "Getting in").

use crate::accounts::{Decision, Token};

/// The page that takes a one-time token (it asks for the password, or for the decision).
pub const TOKEN_PATH: &str = "/account/token";
/// The page to register with a licence number.
pub const REGISTER_PATH: &str = "/account/register";
/// The page to ask for a password-reset link.
pub const PASSWORD_RESET_PATH: &str = "/account/password-reset";
/// The page of the signed-in user's notification preferences.
pub const PREFERENCES_PATH: &str = "/account/notifications";
/// Installation pages: `/account/installations/{id}` (renew, cancel or resume auto-renew).
pub const INSTALLATIONS_PATH: &str = "/account/installations";
/// Order pages: `/account/orders/{id}` (the printable invoice).
pub const ORDERS_PATH: &str = "/account/orders";

/// Builds absolute links on one origin, `https://portal.example.com` (or `http://` locally).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Links {
    origin: String,
}

impl Links {
    /// The links of an origin: a scheme `https` or `http`, a host (and port), nothing after it
    /// but an optional `/`. `None` for anything else.
    pub fn new(origin: &str) -> Option<Links> {
        let origin = origin.trim().trim_end_matches('/');
        let host = origin
            .strip_prefix("https://")
            .or_else(|| origin.strip_prefix("http://"))?;
        let host_ok = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
        host_ok.then(|| Links {
            origin: origin.to_owned(),
        })
    }

    /// The origin, without a trailing `/`.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// `{origin}/account/token?token=<token>`.
    pub fn token(&self, token: &Token) -> String {
        format!(
            "{}{TOKEN_PATH}?token={}",
            self.origin,
            encode(token.as_str())
        )
    }

    /// The token page with the decision an administrator chose in the message
    /// (`…?token=<token>&decision=approve`); the page asks to confirm it, so that a link
    /// scanner opening the link decides nothing.
    pub fn decision(&self, token: &Token, decision: Decision) -> String {
        format!("{}&decision={}", self.token(token), decision.code())
    }

    /// The registration page.
    pub fn register(&self) -> String {
        format!("{}{REGISTER_PATH}", self.origin)
    }

    /// The page to ask for a password-reset link.
    pub fn password_reset(&self) -> String {
        format!("{}{PASSWORD_RESET_PATH}", self.origin)
    }

    /// The notification preferences.
    pub fn preferences(&self) -> String {
        format!("{}{PREFERENCES_PATH}", self.origin)
    }

    /// The calculator with the configuration of `query` (`ed=…&cam=…`, already encoded).
    pub fn calculator(&self, query: &str) -> String {
        format!("{}/?{query}", self.origin)
    }

    /// An installation's page.
    pub fn installation(&self, id: &str) -> String {
        format!("{}{INSTALLATIONS_PATH}/{}", self.origin, encode(id))
    }

    /// An order's page with its invoice.
    pub fn invoice(&self, order_id: &str) -> String {
        format!("{}{ORDERS_PATH}/{}", self.origin, encode(order_id))
    }
}

/// Percent-encodes everything but the unreserved characters of RFC 3986.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::TOKEN_BYTES;

    fn links() -> Links {
        Links::new("https://portal.example.com/").unwrap()
    }

    #[test]
    fn a_token_link_has_the_form_of_the_api() {
        let token = Token::from_random(&[0x0f; TOKEN_BYTES]);
        assert_eq!(
            links().token(&token),
            format!(
                "https://portal.example.com/account/token?token={}",
                "0f".repeat(32)
            )
        );
        assert!(links()
            .decision(&token, Decision::Decline)
            .ends_with("&decision=decline"));
    }

    #[test]
    fn ids_in_paths_are_percent_encoded() {
        assert_eq!(
            links().installation("inst_1"),
            "https://portal.example.com/account/installations/inst_1"
        );
        assert_eq!(
            links().invoice("a/b?c"),
            "https://portal.example.com/account/orders/a%2Fb%3Fc"
        );
    }

    #[test]
    fn an_origin_is_a_scheme_and_a_host_only() {
        assert_eq!(
            Links::new("http://127.0.0.1:8787").unwrap().register(),
            "http://127.0.0.1:8787/account/register"
        );
        for bad in [
            "",
            "portal.example.com",
            "ftp://portal.example.com",
            "https://",
            "https://portal.example.com/account",
            "https://user@portal.example.com",
            "javascript:alert(1)",
            "https://portal.example.com\"><script>",
        ] {
            assert_eq!(Links::new(bad), None, "{bad}");
        }
    }
}
