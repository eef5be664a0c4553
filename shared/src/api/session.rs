//! Signing in and out (api.md `POST /api/session`, `DELETE /api/session`, `GET /api/me`); the
//! answer of the first and the last is the signed-in user with their role.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::accounts::Role;

/// `POST /api/session` body: `{"email", "password"}`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    /// The user's email (any case; surrounding spaces are ignored).
    pub email: String,
    /// The password.
    pub password: String,
}

impl fmt::Debug for SignIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignIn")
            .field("email", &self.email)
            .field("password", &"<hidden>")
            .finish()
    }
}

/// The answer of `POST /api/session` and `GET /api/me`: `{"user": {...}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UserBody {
    /// The signed-in user.
    pub user: User,
}

/// The signed-in user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct User {
    /// The user's email.
    pub email: String,
    /// The customer the user belongs to.
    pub customer: Customer,
    /// The user's role within the customer (`admin` or `viewer`); the portal hides what the
    /// role cannot do.
    pub role: Role,
}

/// The customer a signed-in user belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Customer {
    /// The customer's name.
    pub name: String,
    /// Its ISO country code.
    pub country: String,
}

/// The name of the session cookie (HttpOnly, Secure, `Path=/`, no `Domain`: the `__Host-`
/// prefix makes browsers insist on that).
pub const SESSION_COOKIE: &str = "__Host-sma_session";

/// Failed sign-ins for one email after which `POST /api/session` answers 429 `rate_limited`
/// (api.md) …
pub const SIGN_IN_MAX_FAILURES: u32 = 5;
/// … within this many minutes.
pub const SIGN_IN_FAILURE_WINDOW_MINUTES: u32 = 15;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_debug_form_of_a_sign_in_does_not_show_the_password() {
        let text = format!(
            "{:?}",
            SignIn {
                email: "anna@demo.example".into(),
                password: "demo-anna-2026".into(),
            }
        );
        assert!(text.contains("anna@demo.example"), "{text}");
        assert!(!text.contains("demo-anna-2026"), "{text}");
    }
}
