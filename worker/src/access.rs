//! Who may call: the signed-in customer of the session cookie, and the operator with the
//! admin token. (The same-origin rule is `http::csrf`.)

use crate::clock::Now;
use crate::crypto::{ct_eq, sha256_hex};
use crate::error::ApiError;
use crate::http::{cookie, request::header};
use crate::store::accounts::{AccountStore, SessionRow};
use crate::store::installations::actor;
use sma_shared::api::{Customer, User, UserBody};
use worker::{D1Database, Env, Request};

/// A signed-in user, as the customer endpoints need it.
#[derive(Clone, Debug)]
pub struct Session {
    /// The user's id.
    pub user_id: String,
    /// The user's email.
    pub email: String,
    /// The customer the user belongs to (every customer resource is scoped by it).
    pub customer_id: String,
    /// The customer's name.
    pub customer_name: String,
    /// The customer's ISO country code.
    pub customer_country: String,
}

impl From<SessionRow> for Session {
    fn from(r: SessionRow) -> Self {
        Session {
            user_id: r.user_id,
            email: r.email,
            customer_id: r.customer_id,
            customer_name: r.customer_name,
            customer_country: r.customer_country,
        }
    }
}

impl Session {
    /// `{"user": {"email", "customer": {"name", "country"}}}`.
    pub fn body(&self) -> UserBody {
        UserBody {
            user: User {
                email: self.email.clone(),
                customer: Customer {
                    name: self.customer_name.clone(),
                    country: self.customer_country.clone(),
                },
            },
        }
    }

    /// Who this user is in the audit log.
    pub fn actor(&self) -> String {
        actor(&self.user_id, &self.email)
    }
}

/// The session token of the request's cookie, if it has one of the right form.
pub fn session_token(req: &Request) -> Option<String> {
    cookie::session_token(header(req, "cookie").as_deref())
}

/// The valid, unexpired session of the request's cookie; 401 `unauthenticated` otherwise.
pub async fn require_session(
    req: &Request,
    db: &D1Database,
    now: Now,
) -> Result<Session, ApiError> {
    let token = session_token(req).ok_or(ApiError::Unauthenticated)?;
    let hash = sha256_hex(token.as_bytes()).await?;
    AccountStore::new(db)
        .session(&hash, &now.iso())
        .await?
        .map(Session::from)
        .ok_or(ApiError::Unauthenticated)
}

/// Whether `authorization` is `Bearer <expected>`, compared in constant time; a token shorter
/// than 16 characters (or none configured) never admits anyone.
pub fn admin_token_ok(expected: &str, authorization: Option<&str>) -> bool {
    let token = authorization
        .and_then(|a| a.strip_prefix("Bearer "))
        .unwrap_or_default();
    expected.len() >= 16 && ct_eq(token.as_bytes(), expected.as_bytes())
}

/// Requires `Authorization: Bearer <ADMIN_TOKEN>`; a missing or wrong token is 401.
pub fn require_admin(req: &Request, env: &Env) -> Result<(), ApiError> {
    let expected = env
        .secret("ADMIN_TOKEN")
        .map(|s| s.to_string())
        .unwrap_or_default();
    if admin_token_ok(&expected, header(req, "authorization").as_deref()) {
        Ok(())
    } else {
        Err(ApiError::Unauthenticated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "an-admin-token-of-32-characters!";

    #[test]
    fn the_admin_token_admits_only_as_a_bearer_token() {
        assert!(admin_token_ok(TOKEN, Some(&format!("Bearer {TOKEN}"))));
        assert!(!admin_token_ok(TOKEN, Some(TOKEN)));
        assert!(!admin_token_ok(TOKEN, Some(&format!("Basic {TOKEN}"))));
        assert!(!admin_token_ok(TOKEN, Some("Bearer wrong")));
        assert!(!admin_token_ok(TOKEN, None));
    }

    #[test]
    fn a_short_or_missing_admin_token_admits_no_one() {
        assert!(!admin_token_ok("", Some("Bearer ")));
        assert!(!admin_token_ok("short", Some("Bearer short")));
    }
}
