//! Health and the operator's endpoints (api.md "Public" and "Operating"): `GET /api/health`,
//! `POST /api/admin/renewals/run`, and the artifact upload `PUT`/`GET
//! /api/admin/artifacts/{key}` (admin token).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// `GET /api/health`: `{"status": "ok", "version"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Health {
    /// `ok`.
    pub status: String,
    /// The Worker's crate version.
    pub version: String,
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
    /// Only these installations (default all).
    #[serde(default)]
    pub installation_ids: Vec<String>,
}

/// What a renewal run did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RenewalReport {
    /// The day it ran for.
    pub date: Option<NaiveDate>,
    /// How many running SMAs and open legacy Maintenance Contracts it looked at.
    pub checked: usize,
    /// The actions taken, per installation in order.
    pub actions: Vec<RenewalTaken>,
    /// Installations changed by someone else during the run (left for the next run).
    pub skipped: Vec<String>,
    /// Installations that could not be processed (logged; left for the next run).
    pub failed: Vec<String>,
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
    /// The renewal order placed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
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

/// The answer of the artifact upload and its check: the key and the stored size.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StoredArtifact {
    /// The R2 key.
    pub key: String,
    /// The stored size in bytes.
    pub size: u64,
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
            r#"{"date":"2027-03-10","checked":1,"actions":[{"installation_id":"inst_1","action":"renew","date":"2027-03-10","order_id":"ord_1"},{"installation_id":"inst_1","action":"remind","date":"2027-03-10"}],"skipped":[],"failed":[]}"#
        );
        assert_eq!(RenewalStep::Lapse.code(), "lapse");
    }
}
