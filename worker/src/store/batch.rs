//! One D1 batch (one transaction) of an accounts flow, and the rows such flows write: one-time
//! tokens, outbox messages, sessions and audit entries. Statements that must change exactly one
//! row are followed by a guard (`super::require_one_change`): when one changed nothing, the
//! whole batch rolls back and [`Batch::run`] answers `None`.

use super::accounts::SessionWrite;
use super::{bind, opt, outbox_ids, require_one_change, run_guarded};
use crate::error::ApiError;
use chrono::{DateTime, Utc};
use sma_shared::accounts::{Role, Token, TokenKind};
use sma_shared::mail::{Message, Verification};
use sma_shared::Lang;
use worker::{wasm_bindgen::JsValue, D1Database, D1PreparedStatement};

use crate::clock::timestamp;

/// A one-time token to store: never the token, only its hash (the token is
/// `Token::derive(TOKEN_KEY, id)`, re-derived where its link is written).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenWrite {
    /// `tok_…`.
    pub id: String,
    /// SHA-256 of the token.
    pub token_hash: String,
    /// What it is for.
    pub kind: TokenKind,
    /// The customer it belongs to.
    pub customer_id: String,
    /// Who redeems it (an approval token: the approver).
    pub email: String,
    /// The user (reset) or the approving administrator (approval), when a user.
    pub user_id: Option<String>,
    /// The role a new user gets (verification, invitation, approval).
    pub role: Option<Role>,
    /// The language of the account's messages.
    pub lang: Lang,
    /// The request for access an approval token decides.
    pub request_id: Option<String>,
    /// Who issued it (an invitation: the administrator).
    pub created_by: Option<String>,
    /// When (ISO 8601 UTC).
    pub created_at: String,
    /// When it stops working.
    pub expires_at: String,
}

/// Who a token is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenSubject {
    /// The customer.
    pub customer_id: String,
    /// Who redeems it.
    pub email: String,
    /// The user, when it is one.
    pub user_id: Option<String>,
    /// The role a new user gets.
    pub role: Option<Role>,
    /// The language of the account's messages.
    pub lang: Lang,
}

impl TokenWrite {
    /// The token of `kind` with id `id` for `subject`, issued at `now`, derived with `key`.
    pub fn issue(
        key: &[u8],
        id: String,
        kind: TokenKind,
        subject: TokenSubject,
        now: DateTime<Utc>,
    ) -> TokenWrite {
        TokenWrite {
            token_hash: Token::derive(key, &id).hash(),
            id,
            kind,
            customer_id: subject.customer_id,
            email: subject.email,
            user_id: subject.user_id,
            role: subject.role,
            lang: subject.lang,
            request_id: None,
            created_by: None,
            created_at: timestamp(now),
            expires_at: timestamp(kind.expires_at(now)),
        }
    }
}

/// A message to put in the outbox, rendered when it is sent.
#[derive(Clone, Debug, PartialEq)]
pub struct MailWrite {
    /// The recipient.
    pub to: String,
    /// The recipient's user id, when a user.
    pub user_id: Option<String>,
    /// The language to render it in.
    pub lang: Lang,
    /// Its facts, the token blank.
    pub message: Message,
    /// The token the message carries (derived again when it is rendered).
    pub token_id: Option<String>,
}

impl MailWrite {
    /// A message to `to`; a token in it is blanked, `token_id` names it instead.
    pub fn new(to: &str, lang: Lang, mut message: Message, token_id: Option<&str>) -> MailWrite {
        if let Some(token) = message.token_mut() {
            *token = Token::blank();
        }
        MailWrite {
            to: to.to_owned(),
            user_id: None,
            lang,
            message,
            token_id: token_id.map(str::to_owned),
        }
    }

    /// The verification message of a verification `token` (to its address, in its language).
    pub fn verification(token: &TokenWrite, customer: &str) -> MailWrite {
        let message = Message::Verification(Verification {
            email: token.email.clone(),
            customer: customer.to_owned(),
            token: Token::blank(),
        });
        MailWrite::new(&token.email, token.lang, message, Some(&token.id))
    }

    /// The same, to a user.
    pub fn for_user(mut self, user_id: &str) -> MailWrite {
        self.user_id = Some(user_id.to_owned());
        self
    }
}

/// An audit entry of an account action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEntry {
    /// When (ISO 8601 UTC).
    pub at: String,
    /// Who: `usr_… <email>`, or `anonymous <ip>` for a public request.
    pub actor: String,
    /// What, e.g. `registration.verify`, `user.remove`.
    pub action: String,
    /// Whom or what: `customer:<id>`, `user:<id>`, `licence:<number>`.
    pub subject: String,
    /// The details (JSON).
    pub detail: String,
}

/// The tokens, messages and audit entries one flow writes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Writes {
    /// Tokens to store.
    pub tokens: Vec<TokenWrite>,
    /// Messages to put in the outbox.
    pub mails: Vec<MailWrite>,
    /// Audit entries.
    pub audit: Vec<AuditEntry>,
}

/// The statements of one transaction.
pub struct Batch<'a> {
    db: &'a D1Database,
    statements: Vec<D1PreparedStatement>,
}

impl<'a> Batch<'a> {
    /// An empty batch.
    pub fn new(db: &'a D1Database) -> Self {
        Self {
            db,
            statements: Vec::new(),
        }
    }

    /// Adds a statement.
    pub fn push(&mut self, sql: &str, params: &[JsValue]) -> Result<&mut Self, ApiError> {
        self.statements.push(bind(self.db.prepare(sql), params)?);
        Ok(self)
    }

    /// Rolls the batch back unless the statement before changed exactly one row.
    pub fn guard(&mut self) -> &mut Self {
        self.statements.extend(require_one_change(self.db));
        self
    }

    /// Stores a token.
    pub fn token(&mut self, t: &TokenWrite) -> Result<&mut Self, ApiError> {
        self.push(
            "INSERT INTO account_tokens (id, token_hash, kind, customer_id, email, user_id, role,
                    lang, request_id, created_by, created_at, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            &[
                s(&t.id),
                s(&t.token_hash),
                s(t.kind.code()),
                s(&t.customer_id),
                s(&t.email),
                opt(t.user_id.as_deref()),
                opt(t.role.map(Role::code)),
                s(t.lang.code()),
                opt(t.request_id.as_deref()),
                opt(t.created_by.as_deref()),
                s(&t.created_at),
                s(&t.expires_at),
            ],
        )
    }

    /// Puts a message in the outbox; [`Batch::run`] answers its row id.
    pub fn mail(&mut self, m: &MailWrite, at: &str) -> Result<&mut Self, ApiError> {
        self.push(
            "INSERT INTO email_outbox (created_at, to_email, user_id, kind, lang, message, token_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id AS outbox_id",
            &[
                s(at),
                s(&m.to),
                opt(m.user_id.as_deref()),
                s(m.message.kind().code()),
                s(m.lang.code()),
                s(&serde_json::to_string(&m.message)?),
                opt(m.token_id.as_deref()),
            ],
        )
    }

    /// Stores a session.
    pub fn session(&mut self, w: &SessionWrite) -> Result<&mut Self, ApiError> {
        self.push(
            "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, user_agent)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            &[
                s(&w.token_hash),
                s(&w.user_id),
                s(&w.created_at),
                s(&w.expires_at),
                opt(w.user_agent.as_deref()),
            ],
        )
    }

    /// Writes an audit entry.
    pub fn audit(&mut self, a: &AuditEntry) -> Result<&mut Self, ApiError> {
        self.push(
            "INSERT INTO audit_log (at, actor, action, subject, before, after)
             VALUES (?1, ?2, ?3, ?4, NULL, ?5)",
            &[
                s(&a.at),
                s(&a.actor),
                s(&a.action),
                s(&a.subject),
                s(&a.detail),
            ],
        )
    }

    /// Adds a flow's tokens, messages (written at `at`) and audit entries.
    pub fn writes(&mut self, w: &Writes, at: &str) -> Result<&mut Self, ApiError> {
        for t in &w.tokens {
            self.token(t)?;
        }
        for m in &w.mails {
            self.mail(m, at)?;
        }
        for a in &w.audit {
            self.audit(a)?;
        }
        Ok(self)
    }

    /// Runs the batch in one transaction: the ids of the outbox rows it wrote, or `None` when a
    /// guard (or a once-only unique index) refused it and nothing was written.
    pub async fn run(self) -> Result<Option<Vec<i64>>, ApiError> {
        if self.statements.is_empty() {
            return Ok(Some(Vec::new()));
        }
        Ok(run_guarded(self.db, self.statements)
            .await?
            .map(|results| outbox_ids(&results)))
    }
}

fn s(text: &str) -> JsValue {
    JsValue::from(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sma_shared::accounts::TOKEN_MINUTES;
    use sma_shared::mail::PasswordReset;

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_795_000_000, 0).unwrap()
    }

    #[test]
    fn a_stored_token_is_the_hash_of_the_token_derived_from_its_id() {
        let key = [3u8; 32];
        let subject = TokenSubject {
            customer_id: "cus_1".into(),
            email: "anna@demo.example".into(),
            user_id: Some("usr_anna".into()),
            role: None,
            lang: Lang::De,
        };
        let t = TokenWrite::issue(&key, "tok_1".into(), TokenKind::Reset, subject, now());
        assert_eq!(t.token_hash, Token::derive(&key, "tok_1").hash());
        assert_ne!(t.token_hash, Token::derive(&key, "tok_1").as_str());
        assert_eq!(
            t.expires_at,
            timestamp(now() + chrono::Duration::minutes(TOKEN_MINUTES))
        );
    }

    #[test]
    fn a_message_in_the_outbox_never_holds_its_token() {
        let token = Token::derive(&[1u8; 32], "tok_9");
        let m = MailWrite::new(
            "anna@demo.example",
            Lang::En,
            Message::PasswordReset(PasswordReset {
                email: "anna@demo.example".into(),
                token: token.clone(),
            }),
            Some("tok_9"),
        );
        let json = serde_json::to_string(&m.message).unwrap();
        assert!(!json.contains(token.as_str()), "{json}");
        assert_eq!(m.token_id.as_deref(), Some("tok_9"));
    }
}
