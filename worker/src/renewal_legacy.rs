//! The renewal engine's part for legacy Maintenance Contracts (pricing.md section 9), run with
//! the SMA's in `renewal_run`: `shared::lifecycle::decide_legacy` says what is due for each
//! open contract (an extension reminder 60 and 14 days before its end and on it, or its end
//! for good after the grace); [`plan`] turns that into the contract's new columns, the message
//! to every user of the customer and an audit entry, applied in one D1 batch guarded by the
//! installation's version. A contract never renews by itself.

use crate::error::ApiError;
use crate::renewal_run::Mode;
use crate::store::installations::{InstallationRow, InstallationStore};
use crate::store::legacy::LegacyWrite;
use crate::store::orders::{AuditWrite, Change, ConfigWrite, EmailWrite, OrderStore};
use chrono::NaiveDate;
use sma_shared::api::{LegacyContractAudit, RenewalReport, RenewalStep, RenewalTaken};
use sma_shared::dates::iso;
use sma_shared::lifecycle::{decide_legacy, LegacyAction, LegacyClosure, LegacyRecord};
use sma_shared::mail::{LegacyContractEnded, LegacyExtensionReminder, Message};
use worker::D1Database;

/// What one run did for the contracts.
#[derive(Default)]
pub struct LegacyRun {
    /// Contracts looked at.
    pub checked: usize,
    /// Reminders sent and contracts ended.
    pub actions: Vec<RenewalTaken>,
    /// Changed meanwhile (left for the next run).
    pub skipped: Vec<String>,
    /// Could not be processed (logged).
    pub failed: Vec<String>,
    /// Outbox rows written.
    pub mail: Vec<i64>,
}

/// Decides and applies what is due for every open contract (or only `only`) on `date`; a
/// [`Mode::DryRun`] plans the same and writes nothing. Open contracts are few (none can be
/// bought any more) and read in one query; only the contracts with something due write, each
/// in one batch.
pub async fn run(
    db: &D1Database,
    now: &str,
    date: NaiveDate,
    only: &[String],
    mode: Mode,
) -> Result<LegacyRun, ApiError> {
    let rows = InstallationStore::new(db).with_open_legacy(only).await?;
    let mut out = LegacyRun {
        checked: rows.len(),
        ..LegacyRun::default()
    };
    for row in rows {
        let outcome = async {
            let Some(change) = plan(&row, now, date)? else {
                return Ok((Some(Vec::new()), None));
            };
            if mode == Mode::DryRun {
                return Ok((Some(Vec::new()), Some(change.1)));
            }
            let applied = OrderStore::new(db).apply(&change.0).await?;
            Ok::<_, ApiError>((applied, Some(change.1)))
        }
        .await;
        match outcome {
            Ok((Some(ids), taken)) => {
                out.actions.extend(taken);
                out.mail.extend(ids);
            }
            Ok((None, _)) => out.skipped.push(row.id.clone()),
            Err(e) => {
                let detail = format!("renewal run {date}: legacy contract: {e:?}");
                crate::observe::error("renewal_failed", None, Some(&row.id), &detail);
                out.failed.push(row.id.clone());
            }
        }
    }
    Ok(out)
}

impl LegacyRun {
    /// Adds what this run did for the contracts to a run's report.
    pub fn add_to(self, report: &mut RenewalReport) {
        report.checked += self.checked;
        report.actions.extend(self.actions);
        report.skipped.extend(self.skipped);
        report.failed.extend(self.failed);
    }
}

/// The contract's state an engine audit entry records.
fn audit_state(r: &LegacyRecord) -> LegacyContractAudit {
    let w = LegacyWrite::of(r);
    LegacyContractAudit {
        closed: w.closed.map(str::to_owned),
        reminded_days: w.reminded_days,
        reminded_ends_on: w.reminded_ends_on,
        term_end: iso(r.contract.term_end()),
    }
}

/// What is due for `row`'s open contract on `date`, as a change and what the report says;
/// `None` when nothing is.
pub fn plan<'a>(
    row: &'a InstallationRow,
    now: &'a str,
    date: NaiveDate,
) -> Result<Option<(Change<'a>, RenewalTaken)>, ApiError> {
    let Some(record) = row.legacy_record()? else {
        return Ok(None);
    };
    let Some(action) = decide_legacy(&record.engine_state(), date) else {
        return Ok(None);
    };
    let (id, name) = (&row.id, &row.name);
    let (after, step, day, dedupe_key, message) = match action {
        LegacyAction::Remind {
            reminder,
            last_covered_day,
            extend_until,
            fee,
        } => (
            LegacyRecord {
                reminded: Some(reminder),
                ..record
            },
            RenewalStep::LegacyRemind,
            reminder.due_on(),
            format!(
                "legacy-remind:{id}:{}:{}",
                iso(reminder.ends_on),
                reminder.days_before
            ),
            Message::LegacyReminder(LegacyExtensionReminder {
                installation_id: id.clone(),
                installation: name.clone(),
                term_end: last_covered_day,
                extend_until,
                fee,
            }),
        ),
        LegacyAction::End { ended_at } => (
            LegacyRecord {
                closed: Some(LegacyClosure::Ended),
                ..record
            },
            RenewalStep::LegacyEnd,
            ended_at,
            format!("legacy-end:{id}:{}", iso(ended_at)),
            Message::LegacyEnded(LegacyContractEnded {
                installation_id: id.clone(),
                installation: name.clone(),
                ended_at,
            }),
        ),
    };
    let change = Change {
        customer_id: &row.customer_id,
        installation_id: id,
        expected_version: row.version,
        config: ConfigWrite {
            edition: row.edition.clone(),
            cameras: u32::try_from(row.cameras).unwrap_or_default(),
            modules: row.modules.clone(),
        },
        legacy: Some(LegacyWrite::of(&after)),
        coverage: None,
        orders: Vec::new(),
        audit: vec![AuditWrite {
            at: now.to_owned(),
            actor: "renewal-engine".into(),
            action: format!("engine.{}", step.code()),
            before: serde_json::to_string(&audit_state(&record))?,
            after: serde_json::to_string(&audit_state(&after))?,
        }],
        emails: vec![EmailWrite {
            dedupe_key,
            message,
        }],
        idempotency_key: None,
        at: now,
    };
    let taken = RenewalTaken {
        installation_id: id.clone(),
        action: step,
        date: day,
        order_id: None,
        amount: None,
    };
    Ok(Some((change, taken)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::{day, under_contract};

    const NOW: &str = "2027-04-01T03:00:00.000Z";

    #[test]
    fn sixty_days_before_the_end_the_customer_is_reminded_once() {
        let r = under_contract();
        // The end E is 2027-06-01; 60 days before it is 2027-04-02.
        assert!(plan(&r, NOW, day("2027-04-01")).unwrap().is_none());
        let (change, taken) = plan(&r, NOW, day("2027-04-02")).unwrap().unwrap();
        assert_eq!(taken.action, RenewalStep::LegacyRemind);
        assert_eq!(taken.date, day("2027-04-02"));
        let w = change.legacy.as_ref().unwrap();
        assert_eq!(
            (w.reminded_days, w.reminded_ends_on.as_deref(), w.closed),
            (Some(60), Some("2027-06-01"), None)
        );
        assert_eq!(
            change.emails[0].dedupe_key,
            format!("legacy-remind:{}:2027-06-01:60", r.id)
        );
        assert!(change.coverage.is_none() && change.orders.is_empty());
        assert_eq!(change.audit[0].action, "engine.legacy_remind");
        let reminded = InstallationRow {
            legacy_reminded_ends_on: Some("2027-06-01".into()),
            legacy_reminded_days: Some(60),
            ..under_contract()
        };
        assert!(plan(&reminded, NOW, day("2027-04-03")).unwrap().is_none());
    }

    #[test]
    fn a_contract_not_extended_by_the_end_of_its_grace_ends_for_good() {
        let r = under_contract();
        // Grace: 30 days after E = 2027-06-01, until 2027-07-01.
        let (change, taken) = plan(&r, NOW, day("2027-07-02")).unwrap().unwrap();
        assert_eq!(taken.action, RenewalStep::LegacyEnd);
        assert_eq!(taken.date, day("2027-06-01"));
        assert_eq!(change.legacy.as_ref().unwrap().closed, Some("ended"));
        assert!(matches!(change.emails[0].message, Message::LegacyEnded(_)));
    }
}
