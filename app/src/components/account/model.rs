//! The pure logic of the account pages, unit-tested: the order a link opens, what the customer
//! entered for an order and the request it becomes, whether a failed order keeps its quote,
//! what the auto-renew switch would do today, and the facts an installation's card shows.

use crate::api::ApiError;
use chrono::NaiveDate;
use sma_shared::{
    api::{
        Installation, InstallationSma, LegacyCompareRequest, ModuleQty, OrderInputs, OrderRequest,
        OrderView, QuoteView, WireNumber,
    },
    lifecycle::SmaStatus,
    orders::{LineKind, OrderKind},
};

/// The order a link names (`?action=sma`), with the words a link may use for it.
pub fn link_action(code: &str) -> Option<OrderKind> {
    match code {
        "renew" | "renewal" => Some(OrderKind::Renewal),
        "sma" | "reinstate" | "buy" => Some(OrderKind::Sma),
        "expand" | "expansion" => Some(OrderKind::Expansion),
        "upgrade" => Some(OrderKind::Upgrade),
        _ => None,
    }
}

/// The page of an installation with the order `kind` open.
pub fn order_href(installation_id: &str, kind: OrderKind) -> String {
    format!(
        "/account/installations/{installation_id}?action={}",
        kind.code()
    )
}

/// What the customer entered for an order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrderForm {
    /// SMA term in years (1 or 3).
    pub term_years: u32,
    /// Cameras to add.
    pub add_cameras: u32,
    /// Modules to add: (sku, quantity).
    pub add_modules: Vec<(String, u32)>,
    /// The target edition's code.
    pub to_edition: String,
}

impl OrderForm {
    /// A fresh form: one year, nothing added, upgrading to `to_edition`.
    pub fn new(to_edition: String) -> OrderForm {
        OrderForm {
            term_years: 1,
            to_edition,
            ..OrderForm::default()
        }
    }

    /// The API inputs of an order of `kind` (only the fields it takes).
    pub fn inputs(&self, kind: OrderKind) -> OrderInputs {
        let mut inputs = OrderInputs::default();
        match kind {
            OrderKind::Renewal | OrderKind::LegacyExtension | OrderKind::LegacyContract => {}
            OrderKind::Sma | OrderKind::SwitchToSma => {
                inputs.term_years = Some(WireNumber::from(self.term_years.max(1)))
            }
            OrderKind::Expansion | OrderKind::LegacyExpansion => {
                inputs.add_cameras = Some(WireNumber::from(self.add_cameras));
                inputs.add_modules = Some(
                    self.add_modules
                        .iter()
                        .filter(|(_, q)| *q > 0)
                        .map(|(sku, q)| ModuleQty::new(sku.clone(), *q))
                        .collect(),
                );
            }
            OrderKind::Upgrade => inputs.to_edition = Some(self.to_edition.clone()),
        }
        inputs
    }

    /// The order request of `kind` for `installation_id` that confirms the quote of
    /// `quote_token` (the server charges its amounts or refuses).
    pub fn request(
        &self,
        installation_id: &str,
        kind: OrderKind,
        quote_token: &str,
    ) -> OrderRequest {
        let i = self.inputs(kind);
        OrderRequest {
            installation_id: installation_id.to_owned(),
            kind,
            term_years: i.term_years,
            add_cameras: i.add_cameras,
            add_modules: i.add_modules,
            to_edition: i.to_edition,
            quote_token: quote_token.to_owned(),
        }
    }

    /// The quantity entered for `sku`.
    pub fn module_qty(&self, sku: &str) -> u32 {
        self.add_modules
            .iter()
            .find(|(s, _)| s == sku)
            .map_or(0, |(_, q)| *q)
    }

    /// Sets the quantity for `sku`.
    pub fn set_module_qty(&mut self, sku: &str, qty: u32) {
        self.add_modules.retain(|(s, _)| s != sku);
        self.add_modules.push((sku.to_owned(), qty));
    }
}

/// Whether an order that failed with `e` keeps its quote and idempotency key for a retry. A
/// changed installation or price needs a new quote; anything else (a network error, the first
/// attempt still being placed) keeps the key, so a retry cannot place the order twice.
pub fn keeps_quote(e: &ApiError) -> bool {
    let in_flight = e.field.as_deref() == Some("Idempotency-Key");
    let requote = matches!(
        e.code.as_str(),
        "idempotency_mismatch" | "quote_changed" | "quote_expired" | "invalid_quote"
    );
    !((e.code == "conflict" && !in_flight) || requote)
}

/// Whether a quote charges back-pay or a reinstatement fee.
pub fn has_late_charges(quote: &QuoteView) -> bool {
    quote
        .amounts
        .lines
        .iter()
        .any(|line| matches!(line.kind, LineKind::BackPay | LineKind::Fee))
}

/// A placed order's amounts in the shape the quote table shows.
pub fn as_quote(o: &OrderView) -> QuoteView {
    QuoteView {
        installation_id: o.installation_id.clone(),
        kind: o.kind,
        date: o.order_date,
        currency: o.currency.clone(),
        amounts: o.amounts.clone(),
        total_due: o.amounts.net,
        notes: o.notes.clone(),
        explained: o.explained.clone(),
        after: o.after.clone(),
    }
}

/// What switching auto-renew today would do, said before the click.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AutoRenewHint {
    /// A cancelled SMA: resuming keeps coverage from ending on its last covered day.
    Resume(Option<NaiveDate>),
    /// An active SMA before its cancellation deadline: coverage would end with this term.
    Cancel(Option<NaiveDate>),
    /// An active SMA after the deadline: it renews once more first.
    CancelAfterDeadline(NaiveDate),
}

impl AutoRenewHint {
    /// The hint for `sma` on `today`; `None` when there is no switch (lapsed, or no SMA).
    pub fn of(sma: &InstallationSma, today: NaiveDate) -> Option<AutoRenewHint> {
        match (sma.status, sma.cancellation_deadline) {
            (SmaStatus::Cancelled, _) => Some(AutoRenewHint::Resume(sma.term_end)),
            (SmaStatus::Active, Some(d)) if today > d => {
                Some(AutoRenewHint::CancelAfterDeadline(d))
            }
            (SmaStatus::Active, _) => Some(AutoRenewHint::Cancel(sma.term_end)),
            _ => None,
        }
    }
}

/// The days left in the current term of a covered SMA (never negative); `None` once it has
/// lapsed or without one.
pub fn days_left(sma: &InstallationSma, today: NaiveDate) -> Option<i64> {
    let covered = matches!(sma.status, SmaStatus::Active | SmaStatus::Cancelled);
    sma.term_end
        .filter(|_| covered)
        .map(|end| (end - today).num_days().max(0))
}

/// An installation's modules as `client × 2, pos × 1`; `None` without modules.
pub fn modules_summary(modules: &[ModuleQty]) -> Option<String> {
    (!modules.is_empty()).then(|| {
        modules
            .iter()
            .map(|m| format!("{} × {}", m.sku, m.qty))
            .collect::<Vec<_>>()
            .join(", ")
    })
}

/// The comparison of extending the installation's Maintenance Contract with switching on
/// `today` (`None` without a contract): its configuration, the contract as shown, five years.
pub fn compare_request(i: &Installation, today: NaiveDate) -> Option<LegacyCompareRequest> {
    let l = i.legacy?;
    Some(LegacyCompareRequest {
        edition: i.edition.clone(),
        cameras: WireNumber::from(i.cameras),
        modules: i.modules.clone(),
        legacy_start: l.start.to_string(),
        fee_basis: l.fee_basis.to_string(),
        term_end: l.term_end.to_string(),
        switch_on: Some(today.to_string()),
        years: Some(WireNumber::from(5u32)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, day).unwrap()
    }

    fn sma(status: SmaStatus, term_end: NaiveDate, deadline: Option<NaiveDate>) -> InstallationSma {
        InstallationSma {
            status,
            term_end: Some(term_end),
            cancellation_deadline: deadline,
            ..InstallationSma::NONE
        }
    }

    fn error(code: &str, field: Option<&str>) -> ApiError {
        ApiError::new(code, String::new(), field.map(str::to_owned))
    }

    #[test]
    fn links_name_an_order_by_its_code_or_a_verb() {
        assert_eq!(link_action("renew"), Some(OrderKind::Renewal));
        assert_eq!(link_action("reinstate"), Some(OrderKind::Sma));
        assert_eq!(link_action("expansion"), Some(OrderKind::Expansion));
        assert_eq!(link_action("refund"), None);
        assert_eq!(
            order_href("inst_1", OrderKind::Sma),
            "/account/installations/inst_1?action=sma"
        );
        assert_eq!(
            order_href("inst_1", OrderKind::Renewal),
            "/account/installations/inst_1?action=renewal"
        );
    }

    #[test]
    fn the_form_sends_only_the_inputs_of_its_kind() {
        let mut form = OrderForm {
            term_years: 3,
            add_cameras: 4,
            to_edition: "enterprise".into(),
            ..OrderForm::default()
        };
        form.set_module_qty("pos", 2);
        form.set_module_qty("voip", 0);
        let expand = form.inputs(OrderKind::Expansion);
        assert_eq!(expand.term_years, None);
        assert_eq!(expand.to_edition, None);
        assert_eq!(expand.add_modules.unwrap(), vec![ModuleQty::new("pos", 2)]);
        let renew = form.request("inst_1", OrderKind::Renewal, "q1.t");
        assert_eq!(renew.kind, OrderKind::Renewal);
        assert_eq!(renew.quote_token, "q1.t");
        assert_eq!(renew.inputs(), OrderInputs::default());
        assert_eq!(
            form.inputs(OrderKind::Sma).term_years,
            Some(WireNumber::from(3))
        );
    }

    #[test]
    fn a_failed_order_keeps_its_key_unless_the_installation_changed() {
        assert!(keeps_quote(&error("network", None)));
        assert!(keeps_quote(&error("conflict", Some("Idempotency-Key"))));
        assert!(!keeps_quote(&error("conflict", None)));
        assert!(!keeps_quote(&error("idempotency_mismatch", None)));
        assert!(!keeps_quote(&error("quote_changed", Some("quote_token"))));
        assert!(!keeps_quote(&error("quote_expired", Some("quote_token"))));
    }

    #[test]
    fn the_switch_explains_cancelling_before_and_after_the_deadline_and_resuming() {
        let active = sma(SmaStatus::Active, d(3, 9), Some(d(12, 9)));
        assert_eq!(
            AutoRenewHint::of(&active, d(12, 9)),
            Some(AutoRenewHint::Cancel(Some(d(3, 9))))
        );
        assert_eq!(
            AutoRenewHint::of(&active, d(12, 10)),
            Some(AutoRenewHint::CancelAfterDeadline(d(12, 9)))
        );
        let cancelled = sma(SmaStatus::Cancelled, d(3, 9), None);
        assert_eq!(
            AutoRenewHint::of(&cancelled, d(1, 1)),
            Some(AutoRenewHint::Resume(Some(d(3, 9))))
        );
        assert_eq!(AutoRenewHint::of(&InstallationSma::NONE, d(1, 1)), None);
    }

    #[test]
    fn days_are_left_only_while_covered_and_never_below_zero() {
        assert_eq!(
            days_left(&sma(SmaStatus::Active, d(3, 9), None), d(3, 1)),
            Some(8)
        );
        assert_eq!(
            days_left(&sma(SmaStatus::Cancelled, d(3, 9), None), d(4, 1)),
            Some(0)
        );
        assert_eq!(
            days_left(&sma(SmaStatus::Lapsed, d(3, 9), None), d(3, 1)),
            None
        );
        assert_eq!(
            modules_summary(&[ModuleQty::new("client", 2), ModuleQty::new("pos", 1)]),
            Some("client × 2, pos × 1".into())
        );
        assert_eq!(modules_summary(&[]), None);
    }
}
