//! Users, sessions, failed sign-ins and notification preferences in D1.

use super::bind;
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

#[derive(Deserialize)]
struct Count {
    n: i64,
}

/// Reads and writes accounts and sessions.
pub struct AccountStore<'a> {
    db: &'a D1Database,
}

fn js(s: &str) -> JsValue {
    JsValue::from(s)
}

const USER: &str = "SELECT id, customer_id, email, password_hash, lang FROM users";

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

    /// Failed sign-ins for `email` at or after `since` (ISO timestamps).
    pub async fn failures_since(&self, email: &str, since: &str) -> Result<u32, ApiError> {
        let stmt = bind(
            self.db
                .prepare("SELECT COUNT(*) AS n FROM login_failures WHERE email = ?1 AND at >= ?2"),
            &[js(email), js(since)],
        )?;
        let n = stmt.first::<Count>(None).await?.map_or(0, |c| c.n);
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// Records a failed sign-in, dropping failures older than `prune_before`.
    pub async fn record_failure(
        &self,
        email: &str,
        at: &str,
        prune_before: &str,
    ) -> Result<(), ApiError> {
        self.db
            .batch(vec![
                bind(
                    self.db
                        .prepare("INSERT INTO login_failures (email, at) VALUES (?1, ?2)"),
                    &[js(email), js(at)],
                )?,
                bind(
                    self.db.prepare("DELETE FROM login_failures WHERE at < ?1"),
                    &[js(prune_before)],
                )?,
            ])
            .await?;
        Ok(())
    }

    /// Stores a new session (only the token's hash), clears the user's failed sign-ins and
    /// drops expired sessions.
    pub async fn create_session(&self, w: &SessionWrite, email: &str) -> Result<(), ApiError> {
        let mut batch = super::batch::Batch::new(self.db);
        batch
            .session(w)?
            .push("DELETE FROM login_failures WHERE email = ?1", &[js(email)])?
            .push(
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
                        c.name AS customer_name, c.country AS customer_country, u.role
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
}
