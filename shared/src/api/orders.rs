//! Customer quotes and orders on a stored installation (api.md `POST
//! /api/installations/{id}/quotes/{kind}`, `POST /api/orders`, `GET /api/orders[/{id}]`): the
//! kinds' inputs, the quote and the placed order with its invoice, and the installation after it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::common::{modules, quantity, term};
use super::{ErrorDetail, InstallationSma, ModuleQty, WireNumber};
use crate::foundation::{Money, PricingError};
use crate::orders::{
    Billing, Invoiced, Note, OrderInput, OrderKind, OrderSource, OrderStatus, Outcome,
};
use crate::pricing::{ExpansionInput, PriceBooks, Quantity};

/// The inputs of a customer quote or order. Each kind takes only its own: `sma` and
/// `switch_to_sma` `{"term_years"}`, `renewal` and `legacy_extension` `{}`, `expansion` and
/// `legacy_expansion` `{"add_cameras", "add_modules"}`, `upgrade` `{"to_edition"}`. A price is
/// never an input (an unknown field is a 400).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OrderInputs {
    /// `sma`, `switch_to_sma`: 1 (default) or 3.
    #[cfg_attr(feature = "schema", schemars(extend("enum" = [1, 3, null])))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_years: Option<WireNumber>,
    /// `expansion`, `legacy_expansion`: cameras to add (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_cameras: Option<WireNumber>,
    /// `expansion`, `legacy_expansion`: modules to add or raise (default `[]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_modules: Option<Vec<ModuleQty>>,
    /// `upgrade`: the target edition (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_edition: Option<String>,
}

/// `POST /api/orders` body: the installation, the kind and the kind's inputs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OrderRequest {
    /// The installation to order for.
    pub installation_id: String,
    /// What to order.
    pub kind: OrderKind,
    /// `sma`, `switch_to_sma`: 1 (default) or 3.
    #[cfg_attr(feature = "schema", schemars(extend("enum" = [1, 3, null])))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_years: Option<WireNumber>,
    /// `expansion`, `legacy_expansion`: cameras to add.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_cameras: Option<WireNumber>,
    /// `expansion`, `legacy_expansion`: modules to add or raise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_modules: Option<Vec<ModuleQty>>,
    /// `upgrade`: the target edition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_edition: Option<String>,
    /// The `quote_token` of the quote the customer confirmed (`POST
    /// /api/installations/{id}/quotes/{kind}` with the same inputs): the order is placed only
    /// at that quote's amounts.
    pub quote_token: String,
}

impl OrderRequest {
    /// The kind's inputs.
    pub fn inputs(&self) -> OrderInputs {
        OrderInputs {
            term_years: self.term_years,
            add_cameras: self.add_cameras,
            add_modules: self.add_modules.clone(),
            to_edition: self.to_edition.clone(),
        }
    }
}

/// Why a customer order's inputs are not acceptable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OrderInputError {
    /// 400: a field another kind takes, or a required one missing.
    Malformed {
        /// The field.
        field: String,
        /// A sentence the caller can act on.
        message: String,
    },
    /// 422: a value that breaks a rule (`invalid_term`, `invalid_quantity`…).
    Rule(PricingError),
}

impl From<PricingError> for OrderInputError {
    fn from(e: PricingError) -> OrderInputError {
        OrderInputError::Rule(e)
    }
}

impl OrderInputs {
    /// The inputs an order of `kind` takes (any other is a 400), and whether the first one is
    /// required.
    pub fn takes(kind: OrderKind) -> (&'static [&'static str], bool) {
        match kind {
            OrderKind::Sma | OrderKind::SwitchToSma => (&["term_years"], false),
            OrderKind::Renewal | OrderKind::LegacyExtension | OrderKind::LegacyContract => {
                (&[], false)
            }
            OrderKind::Expansion | OrderKind::LegacyExpansion => {
                (&["add_cameras", "add_modules"], false)
            }
            OrderKind::Upgrade => (&["to_edition"], true),
        }
    }

    /// Validates the inputs of an order of `kind`. A new legacy Maintenance Contract is no
    /// longer sold: 422 `legacy_contract_closed`.
    pub fn validate(&self, kind: OrderKind) -> Result<OrderInput, OrderInputError> {
        let given = [
            ("term_years", self.term_years.is_some()),
            ("add_cameras", self.add_cameras.is_some()),
            ("add_modules", self.add_modules.is_some()),
            ("to_edition", self.to_edition.is_some()),
        ];
        let (takes, _) = OrderInputs::takes(kind);
        if let Some((field, _)) = given.iter().find(|(f, set)| *set && !takes.contains(f)) {
            return Err(OrderInputError::Malformed {
                field: (*field).to_owned(),
                message: format!("`{field}` is not an input of a {} order.", kind.code()),
            });
        }
        let add = || -> Result<ExpansionInput, OrderInputError> {
            Ok(ExpansionInput {
                add_cameras: self
                    .add_cameras
                    .as_ref()
                    .map_or(Ok(Quantity::default()), |n| quantity(n, "add_cameras"))?,
                add_modules: modules(
                    self.add_modules.as_deref().unwrap_or_default(),
                    "add_modules",
                )?,
            })
        };
        Ok(match kind {
            OrderKind::Sma => OrderInput::Sma(term(self.term_years.as_ref(), "term_years")?),
            OrderKind::Renewal => OrderInput::Renewal,
            OrderKind::Expansion => OrderInput::Expansion(add()?),
            OrderKind::Upgrade => {
                OrderInput::Upgrade(self.to_edition.clone().ok_or_else(|| {
                    OrderInputError::Malformed {
                        field: "to_edition".into(),
                        message: "Name the edition to upgrade to in `to_edition`.".into(),
                    }
                })?)
            }
            OrderKind::LegacyExtension => OrderInput::LegacyExtension,
            OrderKind::LegacyExpansion => OrderInput::LegacyExpansion(add()?),
            OrderKind::SwitchToSma => {
                OrderInput::SwitchToSma(term(self.term_years.as_ref(), "term_years")?)
            }
            OrderKind::LegacyContract => {
                return Err(PricingError::LegacyContractClosed {
                    field: Some("kind".into()),
                }
                .into())
            }
        })
    }
}

/// The installation after an order, as the portal shows it before and after confirming.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AfterView {
    /// Edition code.
    pub edition: String,
    /// Total cameras.
    pub cameras: u32,
    /// Modules in the quote shape.
    pub modules: Vec<ModuleQty>,
    /// The SMA on the order date after the order (as an installation shows it), `null`
    /// without one.
    pub sma: Option<InstallationSma>,
}

impl AfterView {
    /// The view of an order's outcome on `today`.
    pub fn of(
        books: &PriceBooks,
        outcome: &Outcome,
        today: NaiveDate,
    ) -> Result<AfterView, PricingError> {
        Ok(AfterView {
            edition: outcome.config.edition().to_string(),
            cameras: outcome.config.cameras(),
            modules: ModuleQty::of(&outcome.config),
            sma: outcome
                .coverage
                .map(|c| {
                    c.summary(books, &outcome.config, today)
                        .map(InstallationSma::from)
                })
                .transpose()?,
        })
    }
}

/// `POST /api/installations/{id}/quotes/{kind}`: an order priced from the stored installation,
/// with the customer's VAT, before it is placed.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct QuoteView {
    /// The installation.
    pub installation_id: String,
    /// What it buys.
    pub kind: OrderKind,
    /// The date the prices apply to.
    pub date: NaiveDate,
    /// `EUR`.
    pub currency: String,
    /// Lines, net, VAT and gross.
    #[serde(flatten)]
    pub amounts: Invoiced,
    /// The net amount due (what the public quotes call `total_due`).
    pub total_due: Money,
    /// Sentences that explain the order as a whole.
    pub notes: Vec<String>,
    /// The same as data, for other languages.
    pub explained: Vec<Note>,
    /// The installation after the order.
    pub after: AfterView,
}

/// `POST /api/installations/{id}/quotes/{kind}`: the quote, and the token that orders it at
/// these amounts.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OrderQuote {
    /// The quote.
    #[serde(flatten)]
    pub quote: QuoteView,
    /// Send it as `quote_token` of `POST /api/orders` to order exactly this: the order is
    /// placed only while the amounts and the installation are unchanged.
    pub quote_token: String,
    /// Until when the token can be ordered with (ISO 8601 UTC); 30 minutes.
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date-time")))]
    pub quote_expires_at: String,
}

/// The 409 of `POST /api/orders` when the quote the customer confirmed no longer holds
/// (`quote_changed`: the order would cost something else now, or the installation changed;
/// `quote_expired`): nothing was ordered, and `quote` is the order as it stands now, to show
/// and confirm again.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct QuoteChanged {
    /// The error.
    pub error: ErrorDetail,
    /// The quote now.
    pub quote: OrderQuote,
}

/// A placed order and its invoice (`POST /api/orders`, `GET /api/orders/{id}`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OrderView {
    /// The order id.
    pub id: String,
    /// The invoice number, e.g. `SMA-000042`.
    pub number: String,
    /// What it bought.
    pub kind: OrderKind,
    /// The installation.
    pub installation_id: String,
    /// Its name.
    pub installation_name: String,
    /// `open` (paid on invoice), `paid` or `void`.
    pub status: OrderStatus,
    /// When it was placed (ISO 8601 UTC).
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date-time")))]
    pub created_at: String,
    /// The date its prices apply to.
    pub order_date: NaiveDate,
    /// `customer` or `renewal_engine`.
    pub source: OrderSource,
    /// `EUR`.
    pub currency: String,
    /// Lines, net, VAT and gross.
    #[serde(flatten)]
    pub amounts: Invoiced,
    /// Sentences that explain the order as a whole.
    pub notes: Vec<String>,
    /// The same as data, for other languages.
    pub explained: Vec<Note>,
    /// The invoice address.
    pub billing: Billing,
    /// The installation after the order.
    pub after: AfterView,
}

/// `GET /api/orders`: `{"orders": [...]}`, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OrderList {
    /// Newest first.
    pub orders: Vec<OrderView>,
}
