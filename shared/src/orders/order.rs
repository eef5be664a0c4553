//! The order model: the installation an order is placed on, what an order buys, its lines,
//! the state after it, and why one may be refused.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Note;
use crate::foundation::{Money, PricingError};
use crate::lifecycle::CoverageRecord;
use crate::pricing::{Configuration, ExpansionInput, TermYears};

/// An installation as stored: its configuration, licence date and SMA coverage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstallationState {
    /// The configuration, validated against the book in force today.
    pub config: Configuration,
    /// The licence date.
    pub licence_date: NaiveDate,
    /// The full cost of the initial installation, as recorded when it was bought (the
    /// upgrade credit).
    pub initial_value: Money,
    /// The SMA coverage, `None` when it never had one.
    pub coverage: Option<CoverageRecord>,
}

/// What an order buys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderKind {
    /// Buy the SMA, or reinstate a lapsed one.
    Sma,
    /// Order the next term now.
    Renewal,
    /// Add cameras or modules.
    Expansion,
    /// Move to a higher edition (under a Maintenance Contract: without the SMA's credit).
    Upgrade,
    /// Order the next term of a legacy Maintenance Contract (pricing.md section 9).
    LegacyExtension,
    /// Add cameras or modules under a legacy Maintenance Contract.
    LegacyExpansion,
    /// Switch from a legacy Maintenance Contract to the SMA.
    SwitchToSma,
    /// A new legacy Maintenance Contract: no longer sold (422 `legacy_contract_closed`); never
    /// the kind of a placed order.
    LegacyContract,
}

impl OrderKind {
    /// Every kind, in the order of the API.
    pub const ALL: [OrderKind; 8] = [
        OrderKind::Sma,
        OrderKind::Renewal,
        OrderKind::Expansion,
        OrderKind::Upgrade,
        OrderKind::LegacyExtension,
        OrderKind::LegacyExpansion,
        OrderKind::SwitchToSma,
        OrderKind::LegacyContract,
    ];

    /// The code, e.g. `renewal`, `legacy_extension`.
    pub fn code(self) -> &'static str {
        match self {
            OrderKind::Sma => "sma",
            OrderKind::Renewal => "renewal",
            OrderKind::Expansion => "expansion",
            OrderKind::Upgrade => "upgrade",
            OrderKind::LegacyExtension => "legacy_extension",
            OrderKind::LegacyExpansion => "legacy_expansion",
            OrderKind::SwitchToSma => "switch_to_sma",
            OrderKind::LegacyContract => "legacy_contract",
        }
    }

    /// The last segment of its quote's path (`/api/installations/{id}/quotes/{path}`): the
    /// code with hyphens, e.g. `legacy-extension`.
    pub fn path(self) -> &'static str {
        match self {
            OrderKind::LegacyExtension => "legacy-extension",
            OrderKind::LegacyExpansion => "legacy-expansion",
            OrderKind::SwitchToSma => "switch-to-sma",
            OrderKind::LegacyContract => "legacy-contract",
            other => other.code(),
        }
    }

    /// Parses a code of the body.
    pub fn parse(code: &str) -> Option<OrderKind> {
        OrderKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Parses the kind in a quote's path.
    pub fn from_path(path: &str) -> Option<OrderKind> {
        OrderKind::ALL.into_iter().find(|k| k.path() == path)
    }

    /// Whether it is an order of a legacy Maintenance Contract.
    pub fn is_legacy(self) -> bool {
        matches!(
            self,
            OrderKind::LegacyExtension
                | OrderKind::LegacyExpansion
                | OrderKind::SwitchToSma
                | OrderKind::LegacyContract
        )
    }
}

/// Where an order stands: placed orders are paid on invoice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Placed, to be paid on invoice.
    Open,
    /// Paid.
    Paid,
    /// Cancelled before payment.
    Void,
}

/// Who placed an order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderSource {
    /// The customer, in the portal or through the API.
    Customer,
    /// The renewal engine, at an anniversary.
    RenewalEngine,
}

impl OrderSource {
    /// The code, e.g. `renewal_engine`.
    pub fn code(self) -> &'static str {
        match self {
            OrderSource::Customer => "customer",
            OrderSource::RenewalEngine => "renewal_engine",
        }
    }
}

/// What an invoice line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    /// Licences (added or target edition).
    Licence,
    /// The upgrade credit for the initial installation (negative).
    Credit,
    /// One SMA year.
    SmaYear,
    /// Back-pay for uncovered days.
    BackPay,
    /// The reinstatement fee.
    Fee,
    /// Added value co-termed with the current SMA year.
    CoTerm,
    /// One term of a legacy Maintenance Contract at its annual fee.
    LegacyTerm,
    /// Added licences pro-rated for the rest of the current term of a Maintenance Contract.
    LegacyProRata,
    /// A term of a Maintenance Contract already ordered, topped up to a new fee basis.
    LegacyTopUp,
}

/// One line of a quote or invoice, with how its amount was computed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OrderLine {
    /// What the line is.
    pub kind: LineKind,
    /// A stable code: the sku, `sma_year_3`, `back_pay`…
    pub code: String,
    /// A sentence for the invoice.
    pub description: String,
    /// Quantity, for licence lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qty: Option<u32>,
    /// Unit price, for licence lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_price: Option<Money>,
    /// The amount.
    pub amount: Money,
    /// The formula, e.g. `19 % of 2461.00 = 467.59`.
    pub explanation: String,
    /// SMA year and co-term lines: the year index k (Maintenance Contract lines: the term's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u32>,
    /// The first day the line covers (SMA year, co-term, back-pay).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::dates::serde_iso::optional"
    )]
    pub from: Option<NaiveDate>,
    /// The last day the line covers.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::dates::serde_iso::optional"
    )]
    pub to: Option<NaiveDate>,
    /// Back-pay: the uncovered days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
}

impl OrderLine {
    /// A line without quantity, unit price or period.
    pub(crate) fn plain(
        kind: LineKind,
        code: &str,
        description: String,
        amount: Money,
        explanation: String,
    ) -> OrderLine {
        OrderLine {
            kind,
            code: code.to_owned(),
            description,
            qty: None,
            unit_price: None,
            amount,
            explanation,
            year: None,
            from: None,
            to: None,
            days: None,
        }
    }

    /// The same line covering `from`–`to` (of SMA year `year`, when given).
    pub(crate) fn covering(self, year: Option<u32>, from: NaiveDate, to: NaiveDate) -> OrderLine {
        OrderLine {
            year,
            from: Some(from),
            to: Some(to),
            ..self
        }
    }
}

/// The configuration and SMA after an order, as the installation endpoints show them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The configuration after the order.
    pub config: Configuration,
    /// The coverage after the order (unchanged for expansions and upgrades).
    pub coverage: Option<CoverageRecord>,
    /// For SMA and renewal orders: the first day of the term ordered (an order for a given
    /// installation and term start is placed once).
    pub term_start: Option<NaiveDate>,
}

/// An order priced from the stored state: lines, net total and the state after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PricedOrder {
    /// What it buys.
    pub kind: OrderKind,
    /// The date it is priced on.
    pub date: NaiveDate,
    /// Its lines.
    pub lines: Vec<OrderLine>,
    /// The sum of the lines.
    pub net: Money,
    /// What explains the order as a whole (continuation, back-pay, credit…).
    pub notes: Vec<Note>,
    /// The state after it.
    pub outcome: Outcome,
}

/// Why an order cannot be placed on the installation as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OrderRefusal {
    /// A pricing rule (422 with the rule's code).
    Pricing(PricingError),
    /// The installation's state does not allow it (409), with a sentence the customer can
    /// act on.
    State(String),
    /// An expansion that adds nothing (422 `empty_order`, field `add_cameras`).
    Empty(String),
}

impl From<PricingError> for OrderRefusal {
    fn from(e: PricingError) -> OrderRefusal {
        OrderRefusal::Pricing(e)
    }
}

/// A customer order's validated inputs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OrderInput {
    /// Buy or reinstate the SMA for a term.
    Sma(TermYears),
    /// Order the next term now.
    Renewal,
    /// Add cameras and modules.
    Expansion(ExpansionInput),
    /// Move to another edition.
    Upgrade(String),
    /// Order the next term of the Maintenance Contract.
    LegacyExtension,
    /// Add cameras and modules under the Maintenance Contract.
    LegacyExpansion(ExpansionInput),
    /// Switch from the Maintenance Contract to the SMA with this term.
    SwitchToSma(TermYears),
}
