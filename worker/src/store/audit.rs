//! The audit log as the operator reads it (newest first, in pages), and the entries of
//! operator actions (`admin:<name>`).

use super::{bind, opt, rows};
use crate::error::ApiError;
use serde::Deserialize;
use sma_shared::api::AuditEntry;
use worker::{wasm_bindgen::JsValue, D1Database, D1PreparedStatement};

/// An entry to write.
pub struct AuditRecord<'a> {
    /// When (ISO 8601 UTC).
    pub at: &'a str,
    /// Who, e.g. `admin:alice`.
    pub actor: &'a str,
    /// What, e.g. `release.withdraw`.
    pub action: &'a str,
    /// What it concerns, e.g. `release:6.1.2`.
    pub subject: &'a str,
    /// The state before (JSON).
    pub before: Option<String>,
    /// The state after (JSON).
    pub after: Option<String>,
}

#[derive(Deserialize)]
struct AuditRow {
    id: i64,
    at: String,
    actor: String,
    action: String,
    subject: String,
    before: Option<String>,
    after: Option<String>,
}

/// A recorded state as JSON; a text that is not JSON (none is written so) as a string.
fn state(text: Option<String>) -> Option<serde_json::Value> {
    text.map(|t| serde_json::from_str(&t).unwrap_or(serde_json::Value::String(t)))
}

impl From<AuditRow> for AuditEntry {
    fn from(r: AuditRow) -> AuditEntry {
        AuditEntry {
            id: r.id,
            at: r.at,
            actor: r.actor,
            action: r.action,
            subject: r.subject,
            before: state(r.before),
            after: state(r.after),
        }
    }
}

/// Reads and writes the audit log.
pub struct AuditStore<'a> {
    db: &'a D1Database,
}

impl<'a> AuditStore<'a> {
    /// A store over this database.
    pub fn new(db: &'a D1Database) -> Self {
        Self { db }
    }

    /// Up to `limit` entries older than `after` (from the newest without it), newest first, and
    /// whether older ones remain.
    pub async fn page(
        &self,
        after: Option<i64>,
        limit: u32,
    ) -> Result<(Vec<AuditEntry>, bool), ApiError> {
        let stmt = bind(
            self.db.prepare(
                "SELECT id, at, actor, action, subject, before, after FROM audit_log
                  WHERE (?1 IS NULL OR id < ?1) ORDER BY id DESC LIMIT ?2",
            ),
            &[
                after.map_or(JsValue::NULL, |a| JsValue::from(a as f64)),
                JsValue::from(limit.saturating_add(1)),
            ],
        )?;
        let mut entries: Vec<AuditEntry> = rows::<AuditRow>(&stmt.all().await?)?
            .into_iter()
            .map(AuditEntry::from)
            .collect();
        let more = entries.len() > limit as usize;
        entries.truncate(limit as usize);
        Ok((entries, more))
    }

    /// The statement that writes `entry` (for a batch).
    pub fn insert(&self, entry: &AuditRecord<'_>) -> Result<D1PreparedStatement, ApiError> {
        self.statement(entry, "")
    }

    /// The statement that writes `entry` only when the batch's statement before it changed a
    /// row (an audit entry of a change that did not happen is never written).
    pub fn insert_if_changed(
        &self,
        entry: &AuditRecord<'_>,
    ) -> Result<D1PreparedStatement, ApiError> {
        self.statement(entry, " WHERE changes() = 1")
    }

    fn statement(
        &self,
        entry: &AuditRecord<'_>,
        condition: &str,
    ) -> Result<D1PreparedStatement, ApiError> {
        bind(
            self.db.prepare(format!(
                "INSERT INTO audit_log (at, actor, action, subject, before, after)
                 SELECT ?1, ?2, ?3, ?4, ?5, ?6{condition}"
            )),
            &[
                JsValue::from(entry.at),
                JsValue::from(entry.actor),
                JsValue::from(entry.action),
                JsValue::from(entry.subject),
                opt(entry.before.as_deref()),
                opt(entry.after.as_deref()),
            ],
        )
    }

    /// Writes `entry`.
    pub async fn record(&self, entry: &AuditRecord<'_>) -> Result<(), ApiError> {
        self.insert(entry)?.run().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_states_are_answered_as_json_and_anything_else_as_text() {
        let entry = AuditEntry::from(AuditRow {
            id: 7,
            at: "2026-11-28T10:15:00.000Z".into(),
            actor: "admin:alice".into(),
            action: "release.withdraw".into(),
            subject: "release:6.1.2".into(),
            before: None,
            after: Some(r#"{"reason":"broken installer"}"#.into()),
        });
        assert_eq!(entry.after.unwrap()["reason"], "broken installer");
        assert_eq!(entry.before, None);
        assert_eq!(
            state(Some("not json".into())),
            Some(serde_json::Value::String("not json".into()))
        );
    }
}
