//! One D1 batch (one transaction) of outbox messages and the statements that go with them.
//! [`Batch::run`] answers the ids of the outbox rows it wrote, for the mail queue.

use super::{bind, opt, outbox_ids, run_guarded};
use crate::error::ApiError;
use sma_shared::accounts::Token;
use sma_shared::mail::Message;
use sma_shared::Lang;
use worker::{wasm_bindgen::JsValue, D1Database, D1PreparedStatement};

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

    /// Runs the batch in one transaction: the ids of the outbox rows it wrote, or `None` when a
    /// once-only unique index refused it and nothing was written.
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
    use sma_shared::mail::PasswordReset;

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
