//! One-time tokens and requests for access in D1: what a registration finds for a licence
//! number, a token found by its hash, and the statements of the flows that use them (claiming
//! a token once, superseding older ones, deciding a request). What the rows mean as domain
//! values is `super::state`.

use super::batch::Batch;
use super::{bind, rows};
use crate::error::ApiError;
use serde::Deserialize;
use sma_shared::accounts::{Role, TokenKind};
use sma_shared::Lang;
use worker::{wasm_bindgen::JsValue, D1Database};

/// What a registration finds: one row per administrator of the licence number's customer (one
/// row without an administrator when it has none), no row for an unknown number.
#[derive(Clone, Debug, Deserialize)]
pub struct RegistrationRow {
    /// The customer.
    pub customer_id: String,
    /// Its name.
    pub customer_name: String,
    /// Its registered contact e-mail.
    pub contact_email: Option<String>,
    /// 1 when the address is already a user's (of any customer).
    pub email_is_user: i64,
    /// 1 when the address has a pending request for this customer.
    pub request_pending: i64,
    /// An administrator's id.
    pub admin_id: Option<String>,
    /// Their address.
    pub admin_email: Option<String>,
    /// Their language.
    pub admin_lang: Option<String>,
}

/// A token found by its hash, with what its flows need.
#[derive(Clone, Debug, Deserialize)]
pub struct TokenRow {
    /// `tok_…`.
    pub id: String,
    /// The stored hash (compared again in constant time).
    pub token_hash: String,
    /// The kind's code.
    pub kind: String,
    /// The customer.
    pub customer_id: String,
    /// Its name.
    pub customer_name: String,
    /// Its country.
    pub customer_country: String,
    /// Who redeems it (approval: the approver).
    pub email: String,
    /// The user (reset) or the approving administrator (approval).
    pub user_id: Option<String>,
    /// The user's role now, when `user_id` names one that exists.
    pub user_role: Option<String>,
    /// The role a new user gets.
    pub role: Option<String>,
    /// The account's language.
    pub lang: String,
    /// When it stops working.
    pub expires_at: String,
    /// When it was used.
    pub used_at: Option<String>,
    /// 1 when its address is already a user's.
    pub email_taken: i64,
    /// The request an approval token decides.
    pub request_id: Option<String>,
    /// That request's state.
    pub request_status: Option<String>,
    /// The requester's address.
    pub requester: Option<String>,
    /// The requester's language.
    pub request_lang: Option<String>,
    /// The role the requester gets.
    pub request_role: Option<String>,
}

/// A request for access to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessRequestWrite {
    /// `req_…`.
    pub id: String,
    /// The customer.
    pub customer_id: String,
    /// The requester's address.
    pub email: String,
    /// Their language.
    pub lang: Lang,
    /// The role they get once approved.
    pub role: Role,
    /// The licence number they entered (display form).
    pub licence_number: String,
    /// When.
    pub created_at: String,
    /// When it lapses undecided.
    pub expires_at: String,
}

/// Reads tokens and what registrations find.
pub struct TokenStore<'a> {
    db: &'a D1Database,
}

fn js(s: &str) -> JsValue {
    JsValue::from(s)
}

impl<'a> TokenStore<'a> {
    /// A store over this database.
    pub fn new(db: &'a D1Database) -> Self {
        Self { db }
    }

    /// What a registration with `licence_number` (display form) and `email` (normalised)
    /// finds at `now`: one query, whatever is known.
    pub async fn registration(
        &self,
        licence_number: &str,
        email: &str,
        now: &str,
    ) -> Result<Vec<RegistrationRow>, ApiError> {
        let stmt = bind(
            self.db.prepare(
                "SELECT c.id AS customer_id, c.name AS customer_name, c.contact_email,
                        EXISTS (SELECT 1 FROM users u WHERE u.email = ?2) AS email_is_user,
                        EXISTS (SELECT 1 FROM access_requests r
                                 WHERE r.customer_id = c.id AND r.email = ?2
                                   AND r.status = 'pending' AND r.expires_at > ?3) AS request_pending,
                        a.id AS admin_id, a.email AS admin_email, a.lang AS admin_lang
                   FROM installations i
                   JOIN customers c ON c.id = i.customer_id
                   LEFT JOIN users a ON a.customer_id = c.id AND a.role = 'admin'
                  WHERE i.licence_number = ?1
                  ORDER BY a.email",
            ),
            &[js(licence_number), js(email), js(now)],
        )?;
        rows(&stmt.all().await?)
    }

    /// The token with this hash, if any.
    pub async fn token(&self, token_hash: &str) -> Result<Option<TokenRow>, ApiError> {
        let stmt = bind(
            self.db.prepare(
                "SELECT t.id, t.token_hash, t.kind, t.customer_id, c.name AS customer_name,
                        c.country AS customer_country, t.email, t.user_id, u.role AS user_role,
                        t.role, t.lang, t.expires_at, t.used_at,
                        EXISTS (SELECT 1 FROM users x WHERE x.email = t.email) AS email_taken,
                        t.request_id, r.status AS request_status, r.email AS requester,
                        r.lang AS request_lang, r.role AS request_role
                   FROM account_tokens t
                   JOIN customers c ON c.id = t.customer_id
                   LEFT JOIN users u ON u.id = t.user_id
                   LEFT JOIN access_requests r ON r.id = t.request_id
                  WHERE t.token_hash = ?1",
            ),
            &[js(token_hash)],
        )?;
        Ok(stmt.first::<TokenRow>(None).await?)
    }

    /// Drops used and expired tokens older than `before`, and marks requests that lapsed
    /// undecided by `now` declined.
    pub async fn prune(&self, before: &str, now: &str) -> Result<(), ApiError> {
        let mut batch = Batch::new(self.db);
        batch
            .push(
                "DELETE FROM account_tokens WHERE expires_at < ?1",
                &[js(before)],
            )?
            .push(
                "UPDATE access_requests SET status = 'declined', decided_at = ?1,
                        decided_by = 'lapsed undecided'
                  WHERE status = 'pending' AND expires_at <= ?1",
                &[js(now)],
            )?;
        batch.run().await?;
        Ok(())
    }
}

impl Batch<'_> {
    /// Uses the token with this hash, of one of `kinds`, at `now`, and rolls the batch back
    /// unless it was unused and unexpired: the check and the use are one statement, so two
    /// redemptions at once cannot both pass. An approval token also needs its approver, when
    /// a user, to still be an administrator.
    pub fn claim_token(
        &mut self,
        token_hash: &str,
        kinds: &[TokenKind],
        now: &str,
    ) -> Result<&mut Self, ApiError> {
        let kinds = serde_json::to_string(&kinds.iter().map(|k| k.code()).collect::<Vec<_>>())?;
        self.push(
            "UPDATE account_tokens SET used_at = ?2
              WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2
                AND kind IN (SELECT value FROM json_each(?3))
                AND (kind <> 'approval' OR user_id IS NULL
                     OR EXISTS (SELECT 1 FROM users u
                                 WHERE u.id = account_tokens.user_id AND u.role = 'admin'))",
            &[js(token_hash), js(now), js(&kinds)],
        )?;
        Ok(self.guard())
    }

    /// Ends the unused tokens of `kind` for `email` at the customer (a newer one replaces them).
    pub fn supersede_tokens(
        &mut self,
        customer_id: &str,
        kind: TokenKind,
        email: &str,
        now: &str,
    ) -> Result<&mut Self, ApiError> {
        self.push(
            "UPDATE account_tokens SET used_at = ?4
              WHERE customer_id = ?1 AND kind = ?2 AND email = ?3 AND used_at IS NULL",
            &[js(customer_id), js(kind.code()), js(email), js(now)],
        )
    }

    /// Ends every unused token of a user (removed, or with a new password).
    pub fn end_user_tokens(&mut self, user_id: &str, now: &str) -> Result<&mut Self, ApiError> {
        self.push(
            "UPDATE account_tokens SET used_at = ?2 WHERE user_id = ?1 AND used_at IS NULL",
            &[js(user_id), js(now)],
        )
    }

    /// Stores a request for access.
    pub fn access_request(&mut self, r: &AccessRequestWrite) -> Result<&mut Self, ApiError> {
        self.push(
            "INSERT INTO access_requests (id, customer_id, email, lang, role, licence_number,
                    created_at, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            &[
                js(&r.id),
                js(&r.customer_id),
                js(&r.email),
                js(r.lang.code()),
                js(r.role.code()),
                js(&r.licence_number),
                js(&r.created_at),
                js(&r.expires_at),
            ],
        )
    }

    /// Decides a pending request (`approved` or `declined`) and ends its other approval tokens;
    /// rolls the batch back unless it was still pending.
    pub fn decide_request(
        &mut self,
        request_id: &str,
        status: &str,
        by: &str,
        now: &str,
    ) -> Result<&mut Self, ApiError> {
        self.push(
            "UPDATE access_requests SET status = ?2, decided_at = ?3, decided_by = ?4
              WHERE id = ?1 AND status = 'pending'",
            &[js(request_id), js(status), js(now), js(by)],
        )?
        .guard()
        .push(
            "UPDATE account_tokens SET used_at = ?2 WHERE request_id = ?1 AND used_at IS NULL",
            &[js(request_id), js(now)],
        )
    }
}
