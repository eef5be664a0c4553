//! Health and the renewal run (api.md "Public" and "Operating"): `GET /api/health` and
//! `POST /api/admin/renewals/run` (admin token).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Money;

/// `GET /api/health`: `{"status": "ok", "version", "commit", "checks"}` (200), or
/// `"unavailable"` with the failed check (503).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Health {
    /// `ok` when every check passed, else `unavailable`.
    pub status: HealthStatus,
    /// The Worker's crate version.
    pub version: String,
    /// The git commit it was built from (`unknown` when the build did not say).
    pub commit: String,
    /// Each dependency's check.
    pub checks: HealthChecks,
}

/// The whole answer of a health check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum HealthStatus {
    /// Every dependency answered.
    Ok,
    /// At least one did not (HTTP 503).
    Unavailable,
}

/// The checks of `GET /api/health`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct HealthChecks {
    /// D1 answered a trivial query.
    pub d1: CheckStatus,
    /// R2 answered a listing of one key.
    pub r2: CheckStatus,
}

impl HealthChecks {
    /// `ok` when every check passed.
    pub fn status(self) -> HealthStatus {
        match (self.d1, self.r2) {
            (CheckStatus::Ok, CheckStatus::Ok) => HealthStatus::Ok,
            _ => HealthStatus::Unavailable,
        }
    }
}

/// One dependency's check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    /// It answered.
    Ok,
    /// It failed (the reason is logged under the request id).
    Failed,
}

/// One message of the renewal queue as `POST /api/dev/renewals/enqueue` sends it (local
/// development only): the day to run for and the installations, as the daily run hands them
/// to the queue, so that tests can deliver a batch twice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DevRenewalBatch {
    /// The run's day.
    pub date: NaiveDate,
    /// The installations (at most 20, a batch of the daily run).
    pub installation_ids: Vec<String>,
}

/// `POST /api/admin/renewals/run` body.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RenewalRun {
    /// The day to run for (default today, UTC); `invalid_date` unless `YYYY-MM-DD`.
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date")))]
    #[serde(default)]
    pub date: Option<String>,
    /// Only these installations, run at once; at most [`RENEWAL_RUN_MAX_IDS`]. Without ids
    /// every installation due on the day is handed to the renewal queue (a dry run lists the
    /// first [`RENEWAL_RUN_MAX_IDS`] due).
    #[serde(default)]
    pub installation_ids: Vec<String>,
    /// Only list what the run would do (renewals with their amounts, reminders, lapses);
    /// write nothing.
    #[serde(default)]
    pub dry_run: bool,
}

/// The most `installation_ids` one run takes (one D1 statement binds at most 100 values).
pub const RENEWAL_RUN_MAX_IDS: usize = 100;

/// What a renewal run did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RenewalReport {
    /// The day it ran for.
    pub date: Option<NaiveDate>,
    /// Whether it only listed what it would do (nothing written, no order ids).
    pub dry_run: bool,
    /// How many running SMAs and open legacy Maintenance Contracts it looked at.
    pub checked: usize,
    /// The actions taken, per installation in order.
    pub actions: Vec<RenewalTaken>,
    /// Installations changed by someone else during the run (left for the next run).
    pub skipped: Vec<String>,
    /// Installations that could not be processed (logged; left for the next run).
    pub failed: Vec<String>,
    /// A run without ids: how many installations were due and handed to the renewal queue
    /// (worked after the answer, in batches; `actions` is then empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queued: Option<usize>,
    /// A dry run without ids lists the first due installations only: whether more are due.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub more: bool,
}

/// One action a renewal run took.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RenewalTaken {
    /// The installation.
    pub installation_id: String,
    /// What was done.
    pub action: RenewalStep,
    /// The anniversary renewed, the day coverage ended, or the deadline reminded of.
    pub date: NaiveDate,
    /// The renewal order placed (not in a dry run).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    /// What a renewal costs (placed, or in a dry run that would be placed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<RenewalAmount>,
}

/// The amounts of a renewal order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RenewalAmount {
    /// `EUR`.
    pub currency: String,
    /// Net of VAT.
    pub net: Money,
    /// The VAT.
    pub vat: Money,
    /// Net plus VAT.
    pub gross: Money,
}

/// What the renewal engine did for an installation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RenewalStep {
    /// Ordered the next term.
    Renew,
    /// Coverage ended.
    Lapse,
    /// Reminded of the cancellation deadline.
    Remind,
    /// Reminded to extend a legacy Maintenance Contract (`date`: the day it was due).
    LegacyRemind,
    /// A legacy Maintenance Contract not extended within its grace ended for good (`date`:
    /// its end, the first uncovered day).
    LegacyEnd,
}

impl RenewalStep {
    /// The code, e.g. `renew` (also the audit entry's `engine.{code}`).
    pub fn code(self) -> &'static str {
        match self {
            RenewalStep::Renew => "renew",
            RenewalStep::Lapse => "lapse",
            RenewalStep::Remind => "remind",
            RenewalStep::LegacyRemind => "legacy_remind",
            RenewalStep::LegacyEnd => "legacy_end",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_renewal_report_names_each_step_by_its_code_and_leaves_out_a_missing_order() {
        let date = crate::dates::parse_date("2027-03-10", "").unwrap();
        let taken = |action, order_id| RenewalTaken {
            installation_id: "inst_1".into(),
            action,
            date,
            order_id,
            amount: None,
        };
        let report = RenewalReport {
            date: Some(date),
            checked: 1,
            actions: vec![
                taken(RenewalStep::Renew, Some("ord_1".into())),
                taken(RenewalStep::Remind, None),
            ],
            ..RenewalReport::default()
        };
        assert_eq!(
            serde_json::to_string(&report).unwrap(),
            r#"{"date":"2027-03-10","dry_run":false,"checked":1,"actions":[{"installation_id":"inst_1","action":"renew","date":"2027-03-10","order_id":"ord_1"},{"installation_id":"inst_1","action":"remind","date":"2027-03-10"}],"skipped":[],"failed":[]}"#
        );
        assert_eq!(RenewalStep::Lapse.code(), "lapse");
    }
}
