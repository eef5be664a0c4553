//! The signed-in customer's installations (api.md `GET /api/installations[/{id}]`, `GET
//! /api/installations/{id}/activity`, `POST /api/installations/{id}/sma/{cancel,resume}`).

use chrono::NaiveDate;
use serde::{de, Deserialize, Deserializer, Serialize};

use super::ModuleQty;
use crate::accounts::LicenceNumber;
use crate::dates::add_days;
use crate::foundation::Money;
use crate::lifecycle::{Coverage, LegacyPhase, LegacyStatus, LegacySummary, SmaStatus, SmaSummary};

/// One of the customer's installations, with the state of its SMA on the day it is asked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Installation {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The vendor's licence number (`SMA-XXXX-XXXX-C`), null while it is not known.
    pub licence_number: Option<LicenceNumber>,
    /// The edition code (`probox`, `professional`, `enterprise`).
    pub edition: String,
    /// Licensed cameras.
    pub cameras: u32,
    /// Licensed modules, in the quote shape.
    pub modules: Vec<ModuleQty>,
    /// The licence date.
    #[serde(deserialize_with = "crate::dates::serde_iso::deserialize")]
    pub licence_date: NaiveDate,
    /// The installed version, when known.
    pub installed_version: Option<String>,
    /// The SMA.
    pub sma: InstallationSma,
    /// Whether its stored configuration prices with the price book in force today.
    #[serde(default)]
    pub pricing: InstallationPricing,
    /// The legacy Maintenance Contract (pricing.md section 9), `null` without one or once the
    /// SMA that followed it covers. Never covering together with `sma`: after a switch the
    /// contract covers until its `term_end`, the SMA from the day after.
    #[serde(default)]
    pub legacy: Option<LegacySummary>,
}

impl Installation {
    /// The coverage for downloads: the Maintenance Contract's while it matters (up to its last
    /// covered day), else the SMA's; the rule of the Worker's download check.
    pub fn coverage(&self) -> Coverage {
        match self.legacy {
            Some(l) => Coverage::Until(l.term_end),
            None => self.sma.coverage(),
        }
    }

    /// Where its Maintenance Contract stands, as the view shows it (`None` without one): the
    /// same phases the Worker decides orders by.
    pub fn legacy_phase(&self) -> Option<LegacyPhase> {
        let l = self.legacy?;
        let end = add_days(l.term_end, 1);
        Some(match (l.status, self.sma.status) {
            (LegacyStatus::Ended, _) => LegacyPhase::Ended { ended_at: end },
            (open, SmaStatus::None) => LegacyPhase::Open(open),
            _ => LegacyPhase::Switched { sma_from: end },
        })
    }
}

/// Whether an installation's stored configuration prices with the price book in force today:
/// `{"status": "priced"}`, or `{"status": "unpriced", "reason"}` when it no longer does (e.g.
/// its edition or one of its modules is not in today's book). An unpriced installation is
/// shown as stored, its SMA without a renewal price; quotes and orders on it answer 409
/// `conflict` until it is corrected.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum InstallationPricing {
    /// It prices: its renewal price and the quotes of its orders are computed as usual.
    #[default]
    Priced,
    /// It no longer prices.
    Unpriced {
        /// Why, in a sentence.
        reason: String,
    },
}

/// How an [`InstallationPricing`] is read: its `status` and `reason` as a flat struct. (serde's
/// derived reader of an internally tagged enum buffers the object first, a second reader of
/// every value that the portal's Wasm would carry for this enum alone.)
#[derive(Deserialize)]
struct PricingFields {
    status: String,
    reason: Option<String>,
}

impl<'de> Deserialize<'de> for InstallationPricing {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<InstallationPricing, D::Error> {
        let PricingFields { status, reason } = PricingFields::deserialize(deserializer)?;
        match status.as_str() {
            "priced" => Ok(InstallationPricing::Priced),
            "unpriced" => reason
                .map(|reason| InstallationPricing::Unpriced { reason })
                .ok_or_else(|| de::Error::missing_field("reason")),
            other => Err(de::Error::unknown_variant(other, &["priced", "unpriced"])),
        }
    }
}

/// The `sma` object of an installation: the summary of its SMA, or status `none` with the other
/// fields empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InstallationSma {
    /// `active`, `cancelled` (still covered, will end), `lapsed` or `none`.
    pub status: SmaStatus,
    /// The first day of uninterrupted coverage (S).
    #[serde(default, deserialize_with = "crate::dates::serde_iso::optional")]
    #[cfg_attr(feature = "schema", schemars(!default))]
    pub start: Option<NaiveDate>,
    /// The current SMA year index (the last one for a lapsed SMA).
    pub year: Option<u32>,
    /// The last covered day.
    #[serde(default, deserialize_with = "crate::dates::serde_iso::optional")]
    #[cfg_attr(feature = "schema", schemars(!default))]
    pub term_end: Option<NaiveDate>,
    /// Whether it renews automatically.
    #[serde(default)]
    pub auto_renew: bool,
    /// The deadline to cancel for the next renewal (while auto-renewing).
    #[serde(default, deserialize_with = "crate::dates::serde_iso::optional")]
    #[cfg_attr(feature = "schema", schemars(!default))]
    pub cancellation_deadline: Option<NaiveDate>,
    /// The price of the next term (while auto-renewing).
    pub renewal_price: Option<Money>,
}

impl InstallationSma {
    /// An installation that never had an SMA.
    pub const NONE: InstallationSma = InstallationSma {
        status: SmaStatus::None,
        start: None,
        year: None,
        term_end: None,
        auto_renew: false,
        cancellation_deadline: None,
        renewal_price: None,
    };

    /// The coverage for downloads, by the rule the Worker's download check applies
    /// ([`Coverage::of`]).
    pub fn coverage(&self) -> Coverage {
        Coverage::of(self.status, self.term_end)
    }
}

impl From<SmaSummary> for InstallationSma {
    fn from(s: SmaSummary) -> InstallationSma {
        InstallationSma {
            status: s.status,
            start: Some(s.start),
            year: Some(s.year),
            term_end: Some(s.term_end),
            auto_renew: s.auto_renew,
            cancellation_deadline: s.cancellation_deadline,
            renewal_price: s.renewal_price,
        }
    }
}

/// `GET /api/installations`: `{"installations": [...]}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InstallationList {
    /// The customer's installations.
    pub installations: Vec<Installation>,
}

/// The answer of `POST /api/installations/{id}/sma/cancel` and `.../resume` (the request is an
/// [`EmptyBody`](super::EmptyBody)): the installation as `GET` shows it, and in the same object
/// what the switch means for its coverage.
///
/// A client may read it as its two parts, an [`Installation`] and a [`CoverageChange`] from the
/// same text (the app does: deserialising through `flatten` would compile every field of the
/// installation a second way into its Wasm).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(
        description = "The installation as `GET /api/installations/{id}` shows it after the switch, and in the same object what the switch means for its coverage (`coverage_ends`, `decision_deadline`)."
    )
)]
pub struct AutoRenewAnswer {
    /// The installation after the change.
    #[serde(flatten)]
    pub installation: Installation,
    /// When coverage ends and until when the choice can be changed.
    #[serde(flatten)]
    pub change: CoverageChange,
}

/// What switching auto-renew off or on means for the coverage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CoverageChange {
    /// The last covered day.
    #[serde(deserialize_with = "crate::dates::serde_iso::deserialize")]
    pub coverage_ends: NaiveDate,
    /// The last day the choice can still be changed.
    #[serde(deserialize_with = "crate::dates::serde_iso::deserialize")]
    pub decision_deadline: NaiveDate,
}

/// One entry of an installation's activity (the audit log).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Activity {
    /// When (ISO 8601 UTC with milliseconds).
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date-time")))]
    pub at: String,
    /// What, e.g. `sma.cancel`, `order.expansion`, `engine.renew`.
    pub action: String,
    /// Who: the user's email, or `renewal engine`.
    pub by: String,
}

/// `GET /api/installations/{id}/activity`: `{"activity": [...]}`, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ActivityList {
    /// Newest first.
    pub activity: Vec<Activity>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_covered_sma_has_the_form_of_its_summary() {
        let d = |text| crate::dates::parse_date(text, "").unwrap();
        let summary = SmaSummary {
            status: SmaStatus::Active,
            start: d("2026-03-10"),
            year: 2,
            term_end: d("2028-03-09"),
            auto_renew: true,
            cancellation_deadline: Some(d("2027-12-10")),
            renewal_price: Money::parse("431.97"),
        };
        assert_eq!(
            serde_json::to_string(&InstallationSma::from(summary)).unwrap(),
            serde_json::to_string(&summary).unwrap()
        );
    }

    #[test]
    fn the_pricing_status_names_the_reason_only_when_unpriced() {
        assert_eq!(
            serde_json::to_string(&InstallationPricing::Priced).unwrap(),
            r#"{"status":"priced"}"#
        );
        let unpriced = InstallationPricing::Unpriced {
            reason: "No edition `legacy` in the price book.".into(),
        };
        assert_eq!(
            serde_json::to_string(&unpriced).unwrap(),
            r#"{"status":"unpriced","reason":"No edition `legacy` in the price book."}"#
        );
    }

    #[test]
    fn the_pricing_status_reads_back_as_written() {
        for pricing in [
            InstallationPricing::Priced,
            InstallationPricing::Unpriced {
                reason: "No module `lpr` in the price book.".into(),
            },
        ] {
            let json = serde_json::to_string(&pricing).unwrap();
            assert_eq!(
                serde_json::from_str::<InstallationPricing>(&json).unwrap(),
                pricing
            );
        }
        for refused in [r#"{"status":"unpriced"}"#, r#"{"status":"cheap"}"#, "{}"] {
            assert!(
                serde_json::from_str::<InstallationPricing>(refused).is_err(),
                "{refused}"
            );
        }
    }

    #[test]
    fn an_sma_reads_back_as_written_and_without_its_dates_as_none() {
        let d = |text| crate::dates::parse_date(text, "").unwrap();
        let covered = InstallationSma {
            start: Some(d("2026-03-10")),
            term_end: Some(d("2028-03-09")),
            cancellation_deadline: Some(d("2027-12-10")),
            ..InstallationSma::NONE
        };
        for sma in [covered, InstallationSma::NONE] {
            let json = serde_json::to_string(&sma).unwrap();
            assert_eq!(serde_json::from_str::<InstallationSma>(&json).unwrap(), sma);
        }
        let bare: InstallationSma = serde_json::from_str(r#"{"status":"none"}"#).unwrap();
        assert_eq!(bare, InstallationSma::NONE);
    }

    #[test]
    fn an_installation_without_an_sma_says_none_with_empty_fields() {
        assert_eq!(
            serde_json::to_string(&InstallationSma::NONE).unwrap(),
            r#"{"status":"none","start":null,"year":null,"term_end":null,"auto_renew":false,"cancellation_deadline":null,"renewal_price":null}"#
        );
    }
}
