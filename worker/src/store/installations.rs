//! A customer's installations and their SMA coverage in D1, and their audit log. What a row
//! means as domain values is `super::state`.

use super::{bind, opt, require_one_change, rows, run_guarded};
use crate::error::ApiError;
use serde::{Deserialize, Serialize};
use sma_shared::api::Activity;
use worker::{wasm_bindgen::JsValue, D1Database};

/// An installation with its coverage (the coverage columns are NULL when it has no SMA).
#[derive(Clone, Debug, Deserialize)]
pub struct InstallationRow {
    /// The installation's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The vendor's licence number (display form), when known.
    #[serde(default)]
    pub licence_number: Option<String>,
    /// The edition code.
    pub edition: String,
    /// The total number of cameras.
    pub cameras: i64,
    /// JSON `[{"sku", "qty"}]`.
    pub modules: String,
    /// YYYY-MM-DD.
    pub licence_date: String,
    /// The version installed, when known.
    pub installed_version: Option<String>,
    /// S, the first day of uninterrupted coverage.
    pub sma_start: Option<String>,
    /// 1 or 3.
    pub term_years: Option<i64>,
    /// 1 while auto-renewing.
    pub auto_renew: Option<i64>,
    /// When auto-renew was switched off.
    pub cancelled_on: Option<String>,
    /// The anniversary at which coverage ends (first uncovered day).
    pub ends_on: Option<String>,
    /// The year index the current sequence of terms began with.
    pub term_from: Option<i64>,
    /// The first anniversary whose term is not ordered yet.
    pub renews_on: Option<String>,
    /// The cancellation deadline the last reminder was sent for.
    pub reminded_deadline: Option<String>,
    /// 1 once the renewal engine processed the lapse.
    pub lapsed: Option<i64>,
    /// The owning customer.
    pub customer_id: String,
    /// Bumped by every order and engine run (optimistic concurrency).
    pub version: i64,
    /// The initial installation's licence total as recorded (decimal string).
    pub initial_value: String,
    /// The day the renewal engine next has something to do (`''`: not known yet, due).
    #[serde(default)]
    pub next_event_on: Option<String>,
    /// L of its legacy Maintenance Contract (NULL without one).
    #[serde(default)]
    pub legacy_start: Option<String>,
    /// The contract's fee basis (decimal string).
    #[serde(default)]
    pub legacy_fee_basis: Option<String>,
    /// The contract's terms ordered.
    #[serde(default)]
    pub legacy_terms: Option<i64>,
    /// `switched` or `ended` once closed.
    #[serde(default)]
    pub legacy_closed: Option<String>,
    /// The end the last extension reminder was for.
    #[serde(default)]
    pub legacy_reminded_ends_on: Option<String>,
    /// That reminder's days before the end.
    #[serde(default)]
    pub legacy_reminded_days: Option<i64>,
}

/// An installation the daily run has to look at, in the order of the index it is found by.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub struct DueRow {
    /// Its next event day (`''` when not known yet).
    pub next_event_on: String,
    /// The installation.
    pub installation_id: String,
}

/// The stored next event day of an SMA that has none (lapsed): after every date.
pub const NEVER: &str = "9999-12-31";

/// The columns of an [`InstallationRow`], without a WHERE clause.
macro_rules! columns {
    () => {
        "SELECT i.id, i.name, i.licence_number, i.edition, i.cameras, i.modules, i.licence_date,
        i.installed_version, c.start AS sma_start, c.term_years, c.auto_renew, c.cancelled_on,
        c.ends_on, c.term_from, c.renews_on, c.reminded_deadline, c.lapsed, i.customer_id,
        i.version, i.initial_value, c.next_event_on, l.start AS legacy_start,
        l.fee_basis AS legacy_fee_basis, l.terms AS legacy_terms, l.closed AS legacy_closed,
        l.reminded_ends_on AS legacy_reminded_ends_on, l.reminded_days AS legacy_reminded_days
   FROM installations i LEFT JOIN sma_coverage c ON c.installation_id = i.id
   LEFT JOIN legacy_contracts l ON l.installation_id = i.id"
    };
}

const COLUMNS: &str = columns!();
const SELECT: &str = concat!(columns!(), " WHERE i.customer_id = ?1");

/// Reads installations, always scoped to one customer.
pub struct InstallationStore<'a> {
    db: &'a D1Database,
}

impl<'a> InstallationStore<'a> {
    /// A store over this database.
    pub fn new(db: &'a D1Database) -> Self {
        Self { db }
    }

    /// The customer's installations, by name.
    pub async fn list(&self, customer_id: &str) -> Result<Vec<InstallationRow>, ApiError> {
        let stmt = bind(
            self.db.prepare(format!("{SELECT} ORDER BY i.name, i.id")),
            &[JsValue::from(customer_id)],
        )?;
        rows(&stmt.all().await?)
    }

    /// The given installations that have an SMA not marked lapsed (the renewal engine's work);
    /// none when none is given.
    pub async fn with_running_sma(
        &self,
        only: &[String],
    ) -> Result<Vec<InstallationRow>, ApiError> {
        if only.is_empty() {
            return Ok(Vec::new());
        }
        self.engine_rows("c.start IS NOT NULL AND c.lapsed = 0", only)
            .await
    }

    /// Every installation with a legacy Maintenance Contract that is still open (the renewal
    /// engine's reminders and ends), or only the given ones. Open contracts are few: none can be
    /// bought any more.
    pub async fn with_open_legacy(
        &self,
        only: &[String],
    ) -> Result<Vec<InstallationRow>, ApiError> {
        self.engine_rows("l.start IS NOT NULL AND l.closed IS NULL", only)
            .await
    }

    /// The installations meeting `condition`: all of them, or only the given ones.
    async fn engine_rows(
        &self,
        condition: &str,
        only: &[String],
    ) -> Result<Vec<InstallationRow>, ApiError> {
        let mut sql = format!("{COLUMNS} WHERE {condition}");
        let params: Vec<JsValue> = only.iter().map(|id| JsValue::from(id.as_str())).collect();
        if !only.is_empty() {
            let marks: Vec<String> = (1..=only.len()).map(|n| format!("?{n}")).collect();
            sql.push_str(&format!(" AND i.id IN ({})", marks.join(", ")));
        }
        sql.push_str(" ORDER BY i.id");
        let stmt = bind(self.db.prepare(sql), &params)?;
        rows(&stmt.all().await?)
    }

    /// Up to `limit` installations whose next event day is `date` or earlier (or not known
    /// yet), after `after` in the index's order (next event day, id): one page of the daily
    /// run, found through the index `sma_coverage_next_event` without reading the others.
    pub async fn due(
        &self,
        date: &str,
        after: Option<&DueRow>,
        limit: u32,
    ) -> Result<Vec<DueRow>, ApiError> {
        let (day, id) = after.map_or(("", ""), |a| {
            (a.next_event_on.as_str(), a.installation_id.as_str())
        });
        let stmt = bind(
            self.db.prepare(
                "SELECT next_event_on, installation_id FROM sma_coverage
                  WHERE next_event_on <= ?1 AND (next_event_on, installation_id) > (?2, ?3)
                  ORDER BY next_event_on, installation_id LIMIT ?4",
            ),
            &[
                JsValue::from(date),
                JsValue::from(day),
                JsValue::from(id),
                JsValue::from(limit),
            ],
        )?;
        rows(&stmt.all().await?)
    }

    /// Stores the day the engine next has something to do for an installation it found nothing
    /// to do for today (one statement; none when the stored day is already that).
    pub async fn set_next_event(
        &self,
        row: &InstallationRow,
        day: &str,
    ) -> Result<usize, ApiError> {
        if row.next_event_on.as_deref() == Some(day) {
            return Ok(0);
        }
        bind(
            self.db
                .prepare("UPDATE sma_coverage SET next_event_on = ?2 WHERE installation_id = ?1"),
            &[JsValue::from(row.id.as_str()), JsValue::from(day)],
        )?
        .run()
        .await?;
        Ok(1)
    }

    /// Marks SMAs the engine has nothing more to do for (lapsed, or gone) as never due, so that
    /// the daily run stops finding them (one statement).
    pub async fn never_due(&self, ids: &[&String]) -> Result<(), ApiError> {
        let marks: Vec<String> = (2..ids.len() + 2).map(|n| format!("?{n}")).collect();
        let mut params = vec![JsValue::from(NEVER)];
        params.extend(ids.iter().map(|id| JsValue::from(id.as_str())));
        bind(
            self.db.prepare(format!(
                "UPDATE sma_coverage SET next_event_on = ?1
                  WHERE lapsed = 1 AND installation_id IN ({})",
                marks.join(", ")
            )),
            &params,
        )?
        .run()
        .await?;
        Ok(())
    }

    /// One of the customer's installations (`None` also for another customer's id).
    pub async fn get(
        &self,
        customer_id: &str,
        id: &str,
    ) -> Result<Option<InstallationRow>, ApiError> {
        let stmt = bind(
            self.db.prepare(format!("{SELECT} AND i.id = ?2")),
            &[JsValue::from(customer_id), JsValue::from(id)],
        )?;
        Ok(stmt.first::<InstallationRow>(None).await?)
    }
}

/// Who a user is in the audit log: `usr_… <email>` (the renewal engine is `renewal-engine`).
pub fn actor(user_id: &str, email: &str) -> String {
    format!("{user_id} <{email}>")
}

/// One audit entry of an installation.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct ActivityRow {
    /// When (ISO 8601 UTC).
    pub at: String,
    /// Who: `usr_… <email>` or `renewal-engine`.
    pub actor: String,
    /// What, e.g. `sma.cancel`, `order.expansion`, `engine.renew`, `download.link`.
    pub action: String,
    /// The state after (JSON), when recorded.
    pub after: Option<String>,
}

/// An audit entry as the activity list shows it: a user by their email, the engine as
/// `renewal engine`.
impl From<ActivityRow> for Activity {
    fn from(a: ActivityRow) -> Activity {
        Activity {
            by: match a.actor.split_once(" <") {
                Some((_, email)) => email.trim_end_matches('>').to_owned(),
                None => a.actor.replace('-', " "),
            },
            at: a.at,
            action: a.action,
        }
    }
}

impl InstallationStore<'_> {
    /// The audit entries of one of the customer's installations, newest first (at most 100).
    pub async fn activity(
        &self,
        customer_id: &str,
        id: &str,
    ) -> Result<Vec<ActivityRow>, ApiError> {
        let stmt = bind(
            self.db.prepare(
                "SELECT a.at, a.actor, a.action, a.after FROM audit_log a
                  WHERE a.subject = 'installation:' || ?2
                    AND EXISTS (SELECT 1 FROM installations i WHERE i.id = ?2 AND i.customer_id = ?1)
                  ORDER BY a.id DESC LIMIT 100",
            ),
            &[JsValue::from(customer_id), JsValue::from(id)],
        )?;
        rows(&stmt.all().await?)
    }
}

/// The stored coverage fields an auto-renew switch changes, as its audit entry records them
/// (fields in the order of their names, as the entries have always been written).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CoverageAudit {
    /// Whether it renews automatically.
    pub auto_renew: bool,
    /// When auto-renew was switched off (YYYY-MM-DD).
    pub cancelled_on: Option<String>,
    /// The first uncovered day (YYYY-MM-DD).
    pub ends_on: Option<String>,
}

/// A change of an SMA's auto-renew setting, with the audit entry that records it.
pub struct AutoRenewUpdate<'a> {
    /// The customer the installation must belong to.
    pub customer_id: &'a str,
    /// The installation.
    pub installation_id: &'a str,
    /// The installation version the change was decided on (nothing is written otherwise, so
    /// an order or renewal-engine run decided on the old state cannot undo it, nor it them).
    pub expected_version: i64,
    /// When (ISO 8601 UTC).
    pub at: String,
    /// Who (user id and email).
    pub actor: String,
    /// `sma.cancel` or `sma.resume`.
    pub action: &'static str,
    /// The stored fields the change was decided on (the update is skipped unless
    /// `auto_renew` is still this).
    pub before: CoverageAudit,
    /// The fields after it.
    pub after: CoverageAudit,
}

impl InstallationStore<'_> {
    /// Writes the coverage change and its audit entry in one D1 batch (one transaction). The
    /// update only applies when the stored state is still the expected one and the installation
    /// belongs to the customer; the audit row is written only when it applied. Returns whether
    /// it applied.
    pub async fn set_auto_renew(&self, u: &AutoRenewUpdate<'_>) -> Result<bool, ApiError> {
        let flag = |b: bool| JsValue::from(i32::from(b));
        let [guard, clear] = require_one_change(self.db);
        let guarded = run_guarded(
            self.db,
            vec![
                bind(
                    self.db.prepare(
                        "UPDATE installations SET version = version + 1
                          WHERE id = ?1 AND customer_id = ?2 AND version = ?3",
                    ),
                    &[
                        JsValue::from(u.installation_id),
                        JsValue::from(u.customer_id),
                        JsValue::from(u.expected_version as f64),
                    ],
                )?,
                guard,
                clear,
                bind(
                    self.db.prepare(
                        "UPDATE sma_coverage SET auto_renew = ?1, cancelled_on = ?2, ends_on = ?3,
                                next_event_on = ''
                          WHERE installation_id = ?4 AND auto_renew = ?5
                            AND installation_id IN
                                (SELECT id FROM installations WHERE customer_id = ?6)",
                    ),
                    &[
                        flag(u.after.auto_renew),
                        opt(u.after.cancelled_on.as_deref()),
                        opt(u.after.ends_on.as_deref()),
                        JsValue::from(u.installation_id),
                        flag(u.before.auto_renew),
                        JsValue::from(u.customer_id),
                    ],
                )?,
                bind(
                    self.db.prepare(
                        "INSERT INTO audit_log (at, actor, action, subject, before, after)
                         SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE changes() = 1",
                    ),
                    &[
                        JsValue::from(u.at.as_str()),
                        JsValue::from(u.actor.as_str()),
                        JsValue::from(u.action),
                        JsValue::from(format!("installation:{}", u.installation_id)),
                        JsValue::from(serde_json::to_string(&u.before)?),
                        JsValue::from(serde_json::to_string(&u.after)?),
                    ],
                )?,
            ],
        )
        .await?;
        let Some(results) = guarded else {
            return Ok(false);
        };
        // The coverage UPDATE (after the version guard's three statements).
        let changes = results
            .get(3)
            .ok_or_else(|| ApiError::Internal("D1 batch returned no results".into()))?
            .meta()?
            .and_then(|m| m.changes)
            .unwrap_or(0);
        Ok(changes == 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(actor: &str) -> ActivityRow {
        ActivityRow {
            at: "2026-11-28T10:15:00.000Z".into(),
            actor: actor.into(),
            action: "sma.cancel".into(),
            after: None,
        }
    }

    #[test]
    fn a_user_appears_in_the_activity_by_their_email() {
        let a = Activity::from(entry(&actor("usr_anna", "anna@example.com")));
        assert_eq!(a.by, "anna@example.com");
        assert_eq!(
            (a.at.as_str(), a.action.as_str()),
            ("2026-11-28T10:15:00.000Z", "sma.cancel")
        );
    }

    #[test]
    fn the_engine_appears_in_the_activity_in_words() {
        assert_eq!(Activity::from(entry("renewal-engine")).by, "renewal engine");
    }

    #[test]
    fn a_coverage_audit_is_written_as_it_always_was() {
        let audit = CoverageAudit {
            auto_renew: false,
            cancelled_on: Some("2026-11-28".into()),
            ends_on: Some("2027-03-10".into()),
        };
        assert_eq!(
            serde_json::to_string(&audit).unwrap(),
            r#"{"auto_renew":false,"cancelled_on":"2026-11-28","ends_on":"2027-03-10"}"#
        );
        let resumed = CoverageAudit {
            auto_renew: true,
            cancelled_on: None,
            ends_on: None,
        };
        assert_eq!(
            serde_json::to_string(&resumed).unwrap(),
            r#"{"auto_renew":true,"cancelled_on":null,"ends_on":null}"#
        );
    }
}
