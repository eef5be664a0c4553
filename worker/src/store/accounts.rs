//! Users, sessions, failed sign-ins and notification preferences in D1.

use super::{bind, rows};
use crate::error::ApiError;
use serde::Deserialize;
use worker::{wasm_bindgen::JsValue, D1Database};

/// A user as sign-in, reset and removal need it.
#[derive(Clone, Debug, Deserialize)]
pub struct UserRow {
    /// The user's id.
    pub id: String,
    /// The customer.
    pub customer_id: String,
    /// The address.
    pub email: String,
    /// The stored `pbkdf2-sha256$<iterations>$<salt>$<hash>`.
    pub password_hash: String,
    /// `admin` or `viewer`.
    pub role: String,
    /// `en` or `de`.
    pub lang: String,
}

/// A valid session with its user and customer.
#[derive(Clone, Debug, Deserialize)]
pub struct SessionRow {
    /// The user's id.
    pub user_id: String,
    /// The user's email.
    pub email: String,
    /// The customer's id.
    pub customer_id: String,
    /// The customer's name.
    pub customer_name: String,
    /// The customer's ISO country code.
    pub customer_country: String,
    /// The user's role.
    pub role: String,
    /// The user's language.
    pub lang: String,
}

/// A session to store (only the token's hash).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionWrite {
    /// SHA-256 of the session token.
    pub token_hash: String,
    /// The user.
    pub user_id: String,
    /// When it began.
    pub created_at: String,
    /// When it ends.
    pub expires_at: String,
    /// The browser it was opened from.
    pub user_agent: Option<String>,
}

/// One of a user's sessions, as their list shows it.
#[derive(Clone, Debug, Deserialize)]
pub struct SessionListRow {
    /// SHA-256 of its token (never answered; its first digits are the session's id).
    pub token_hash: String,
    /// When it began.
    pub created_at: String,
    /// When it ends.
    pub expires_at: String,
    /// The browser it was opened from.
    pub user_agent: Option<String>,
}

/// One user of a customer.
#[derive(Clone, Debug, Deserialize)]
pub struct MemberRow {
    /// The user's id.
    pub id: String,
    /// The address.
    pub email: String,
    /// `admin` or `viewer`.
    pub role: String,
}

/// An invitation not accepted yet.
#[derive(Clone, Debug, Deserialize)]
pub struct InvitationRow {
    /// The invited address.
    pub email: String,
    /// The role offered.
    pub role: Option<String>,
    /// When it stops working.
    pub expires_at: String,
}

#[derive(Deserialize)]
struct Kind {
    kind: String,
}

/// Reads and writes accounts and sessions.
pub struct AccountStore<'a> {
    db: &'a D1Database,
}

fn js(s: &str) -> JsValue {
    JsValue::from(s)
}

const USER: &str = "SELECT id, customer_id, email, password_hash, role, lang FROM users";

impl<'a> AccountStore<'a> {
    /// A store over this database.
    pub fn new(db: &'a D1Database) -> Self {
        Self { db }
    }

    /// The user with this email (case-insensitive), if any.
    pub async fn user_by_email(&self, email: &str) -> Result<Option<UserRow>, ApiError> {
        let stmt = bind(
            self.db
                .prepare(format!("{USER} WHERE email = ?1 COLLATE NOCASE")),
            &[js(email)],
        )?;
        Ok(stmt.first::<UserRow>(None).await?)
    }

    /// The user with this id, if it belongs to the customer.
    pub async fn user_in(
        &self,
        customer_id: &str,
        user_id: &str,
    ) -> Result<Option<UserRow>, ApiError> {
        let stmt = bind(
            self.db
                .prepare(format!("{USER} WHERE id = ?1 AND customer_id = ?2")),
            &[js(user_id), js(customer_id)],
        )?;
        Ok(stmt.first::<UserRow>(None).await?)
    }

    /// Stores a new session (only the token's hash) and drops expired sessions.
    pub async fn create_session(&self, w: &SessionWrite) -> Result<(), ApiError> {
        let mut batch = super::batch::Batch::new(self.db);
        batch.session(w)?.push(
            "DELETE FROM sessions WHERE expires_at <= ?1",
            &[js(&w.created_at)],
        )?;
        batch.run().await?;
        Ok(())
    }

    /// The unexpired session with this token hash, with its user and customer.
    pub async fn session(
        &self,
        token_hash: &str,
        now: &str,
    ) -> Result<Option<SessionRow>, ApiError> {
        let stmt = bind(
            self.db.prepare(
                "SELECT u.id AS user_id, u.email, c.id AS customer_id,
                        c.name AS customer_name, c.country AS customer_country, u.role, u.lang
                   FROM sessions s
                   JOIN users u ON u.id = s.user_id
                   JOIN customers c ON c.id = u.customer_id
                  WHERE s.token_hash = ?1 AND s.expires_at > ?2",
            ),
            &[js(token_hash), js(now)],
        )?;
        Ok(stmt.first::<SessionRow>(None).await?)
    }

    /// Deletes the session with this token hash (nothing when there is none).
    pub async fn delete_session(&self, token_hash: &str) -> Result<(), ApiError> {
        bind(
            self.db
                .prepare("DELETE FROM sessions WHERE token_hash = ?1"),
            &[js(token_hash)],
        )?
        .run()
        .await?;
        Ok(())
    }

    /// The user's unexpired sessions, newest first.
    pub async fn sessions_of(
        &self,
        user_id: &str,
        now: &str,
    ) -> Result<Vec<SessionListRow>, ApiError> {
        let stmt = bind(
            self.db.prepare(
                "SELECT token_hash, created_at, expires_at, user_agent FROM sessions
                  WHERE user_id = ?1 AND expires_at > ?2 ORDER BY created_at DESC",
            ),
            &[js(user_id), js(now)],
        )?;
        rows(&stmt.all().await?)
    }

    /// The customer's users, by address.
    pub async fn members(&self, customer_id: &str) -> Result<Vec<MemberRow>, ApiError> {
        let stmt = bind(
            self.db
                .prepare("SELECT id, email, role FROM users WHERE customer_id = ?1 ORDER BY email"),
            &[js(customer_id)],
        )?;
        rows(&stmt.all().await?)
    }

    /// The customer's invitations neither accepted nor expired at `now`, by address.
    pub async fn invitations(
        &self,
        customer_id: &str,
        now: &str,
    ) -> Result<Vec<InvitationRow>, ApiError> {
        let stmt = bind(
            self.db.prepare(
                "SELECT email, role, expires_at FROM account_tokens
                  WHERE customer_id = ?1 AND kind = 'invitation' AND used_at IS NULL
                    AND expires_at > ?2
                  ORDER BY email, created_at DESC",
            ),
            &[js(customer_id), js(now)],
        )?;
        rows(&stmt.all().await?)
    }

    /// The kinds of message the user turned off.
    pub async fn opt_outs(&self, user_id: &str) -> Result<Vec<String>, ApiError> {
        let stmt = bind(
            self.db
                .prepare("SELECT kind FROM notification_opt_outs WHERE user_id = ?1"),
            &[js(user_id)],
        )?;
        Ok(rows::<Kind>(&stmt.all().await?)?
            .into_iter()
            .map(|k| k.kind)
            .collect())
    }
}
