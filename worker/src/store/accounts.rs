//! Users, sessions and failed sign-ins in D1.

use super::bind;
use crate::error::ApiError;
use serde::Deserialize;
use worker::{wasm_bindgen::JsValue, D1Database};

/// A user as sign-in needs it.
#[derive(Debug, Deserialize)]
pub struct UserRow {
    /// The user's id.
    pub id: String,
    /// The stored `pbkdf2-sha256$<iterations>$<salt>$<hash>`.
    pub password_hash: String,
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

impl<'a> AccountStore<'a> {
    /// A store over this database.
    pub fn new(db: &'a D1Database) -> Self {
        Self { db }
    }

    /// The user with this email (case-insensitive), if any.
    pub async fn user_by_email(&self, email: &str) -> Result<Option<UserRow>, ApiError> {
        let stmt = bind(
            self.db
                .prepare("SELECT id, password_hash FROM users WHERE email = ?1 COLLATE NOCASE"),
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
    pub async fn create_session(
        &self,
        token_hash: &str,
        user_id: &str,
        email: &str,
        created_at: &str,
        expires_at: &str,
    ) -> Result<(), ApiError> {
        self.db
            .batch(vec![
                bind(
                    self.db.prepare(
                        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
                    ),
                    &[js(token_hash), js(user_id), js(created_at), js(expires_at)],
                )?,
                bind(
                    self.db
                        .prepare("DELETE FROM login_failures WHERE email = ?1"),
                    &[js(email)],
                )?,
                bind(
                    self.db.prepare("DELETE FROM sessions WHERE expires_at <= ?1"),
                    &[js(created_at)],
                )?,
            ])
            .await?;
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
                        c.name AS customer_name, c.country AS customer_country
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
