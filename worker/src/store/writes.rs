//! What a priced order writes, and how a stored order is read back: the order's view (its
//! body as the API answers it), its row and lines, the [`Change`] of a customer's order, and the
//! typed audit records of orders and renewal-engine runs.
//!
//! Pure: tested natively.

use super::installations::{AutoRenewUpdate, CoverageAudit, InstallationRow};
use super::legacy::LegacyWrite;
use super::orders::{AuditWrite, Change, ConfigWrite, CoverageWrite, OrderRow, OrderWrite};
use crate::error::ApiError;
use chrono::NaiveDate;
use serde::Serialize;
use sma_shared::api::{AfterView, ModuleQty, OrderView, QuoteView};
use sma_shared::dates::iso;
use sma_shared::lifecycle::{CoverageRecord, EngineState};
use sma_shared::orders::{Billing, OrderKind, OrderSource, OrderStatus, Priced, PricedOrder};
use sma_shared::PriceBooks;

/// The installation after an order, as its view and audit entry show it.
pub fn after_view(
    row: &InstallationRow,
    priced: &PricedOrder,
    today: NaiveDate,
) -> Result<AfterView, ApiError> {
    AfterView::of(PriceBooks::demo(), &priced.outcome, today)
        .map_err(|e| ApiError::corrupt(format_args!("installation {}", row.id), e))
}

/// The quote of `priced` on `row` for a customer with `billing`, on `today`.
pub fn quote_view(
    row: &InstallationRow,
    priced: &PricedOrder,
    billing: &Billing,
    today: NaiveDate,
) -> Result<QuoteView, ApiError> {
    Ok(QuoteView {
        installation_id: row.id.clone(),
        kind: priced.kind,
        date: today,
        currency: PriceBooks::demo().currency().to_owned(),
        amounts: priced.invoiced(&billing.country, billing.vat_id.as_deref()),
        total_due: priced.net,
        notes: priced.english_notes(),
        explained: priced.notes.clone(),
        after: after_view(row, priced, today)?,
    })
}

/// What a new order is and how it was made.
#[derive(Clone, Copy, Debug)]
pub struct NewOrder<'a> {
    /// Its id (`ord_…`).
    pub id: &'a str,
    /// Who placed it.
    pub source: OrderSource,
    /// When (ISO 8601 UTC).
    pub created_at: &'a str,
    /// The day it is priced on.
    pub today: NaiveDate,
}

/// A new order's view from its pricing (the number is given when it is read back).
pub fn new_order_view(
    order: NewOrder<'_>,
    row: &InstallationRow,
    priced: &PricedOrder,
    billing: &Billing,
) -> Result<OrderView, ApiError> {
    Ok(OrderView {
        id: order.id.to_owned(),
        number: String::new(),
        kind: priced.kind,
        installation_id: row.id.clone(),
        installation_name: row.name.clone(),
        status: OrderStatus::Open,
        created_at: order.created_at.to_owned(),
        order_date: priced.date,
        source: order.source,
        currency: PriceBooks::demo().currency().to_owned(),
        amounts: priced.invoiced(&billing.country, billing.vat_id.as_deref()),
        notes: priced.english_notes(),
        explained: priced.notes.clone(),
        billing: billing.clone(),
        after: after_view(row, priced, order.today)?,
    })
}

impl OrderWrite {
    /// An order as stored: its view without the number, its lines and amounts.
    pub fn of(view: &OrderView, term_start: Option<NaiveDate>) -> Result<OrderWrite, ApiError> {
        Ok(OrderWrite {
            id: view.id.clone(),
            kind: view.kind.code(),
            source: view.source.code(),
            created_at: view.created_at.clone(),
            order_date: iso(view.order_date),
            term_start: term_start.map(iso),
            currency: view.currency.clone(),
            net: view.amounts.net.to_string(),
            vat_rate: view.amounts.vat_rate.as_percent().normalize().to_string(),
            vat: view.amounts.vat.to_string(),
            gross: view.amounts.gross.to_string(),
            body: serde_json::to_string(view)?,
            lines: view.amounts.lines.clone(),
        })
    }
}

impl OrderRow {
    /// The stored order with its invoice number.
    pub fn view(&self) -> Result<OrderView, ApiError> {
        let mut view: OrderView = serde_json::from_str(&self.body)
            .map_err(|e| ApiError::corrupt(format_args!("order {}", self.seq), e))?;
        view.number = format!("SMA-{:06}", self.seq);
        Ok(view)
    }
}

/// What placing a customer's priced order writes, in one batch: the installation's new
/// configuration, its legacy Maintenance Contract (when the order changes it), its coverage
/// (SMA, renewal and switch orders), the order, the audit entry with the
/// installation before and after, and the order's id on the idempotency key this request
/// claimed (`(key, claimed_at)`; the claim time is also when the order was made).
pub fn customer_order<'a>(
    row: &'a InstallationRow,
    priced: &Priced,
    view: &OrderView,
    actor: String,
    claim: (&'a str, &'a str),
    today: NaiveDate,
) -> Result<Change<'a>, ApiError> {
    let legacy = priced.legacy.as_ref().map(LegacyWrite::of);
    let priced = &priced.order;
    let coverage = match priced.kind {
        OrderKind::Sma | OrderKind::Renewal | OrderKind::SwitchToSma => priced
            .outcome
            .coverage
            .as_ref()
            .map(|c| CoverageWrite::of(c, false, row.reminded_deadline.as_deref())),
        OrderKind::Expansion
        | OrderKind::Upgrade
        | OrderKind::LegacyExtension
        | OrderKind::LegacyExpansion
        | OrderKind::LegacyContract => None,
    };
    Ok(Change {
        customer_id: &row.customer_id,
        installation_id: &row.id,
        expected_version: row.version,
        config: ConfigWrite {
            edition: priced.outcome.config.edition().to_string(),
            cameras: priced.outcome.config.cameras(),
            modules: serde_json::to_string(&ModuleQty::of(&priced.outcome.config))?,
        },
        legacy,
        coverage,
        orders: vec![OrderWrite::of(view, priced.outcome.term_start)?],
        audit: vec![AuditWrite {
            at: claim.1.to_owned(),
            actor,
            action: format!("order.{}", priced.kind.code()),
            before: serde_json::to_string(&row.view(today)?)?,
            after: serde_json::to_string(&view.after)?,
        }],
        emails: Vec::new(),
        idempotency_key: Some(claim),
        at: claim.1,
    })
}

/// What switching auto-renew off (`resume` false) or on writes, decided on `row` as stored:
/// a cancellation stores the day it was received and the coverage end, a resumption clears
/// both; the audit entry records the stored fields before and after.
pub fn auto_renew_switch<'a>(
    row: &'a InstallationRow,
    after: &CoverageRecord,
    resume: bool,
    today: NaiveDate,
    at: String,
    actor: String,
) -> AutoRenewUpdate<'a> {
    let after = match resume {
        true => CoverageAudit {
            auto_renew: true,
            cancelled_on: None,
            ends_on: None,
        },
        false => CoverageAudit {
            auto_renew: false,
            cancelled_on: Some(iso(today)),
            ends_on: after.ends_on.map(iso),
        },
    };
    AutoRenewUpdate {
        customer_id: &row.customer_id,
        installation_id: &row.id,
        expected_version: row.version,
        at,
        actor,
        action: if resume { "sma.resume" } else { "sma.cancel" },
        before: CoverageAudit {
            auto_renew: row.auto_renews(),
            cancelled_on: row.cancelled_on.clone(),
            ends_on: row.ends_on.clone(),
        },
        after,
    }
}

/// The SMA state the renewal engine records before and after each action (fields in the
/// order of their names, as the entries have always been written).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EngineAudit {
    /// Whether it renews automatically.
    pub auto_renew: bool,
    /// The first uncovered day, once auto-renew is off.
    pub ends_on: Option<String>,
    /// Whether the lapse was processed.
    pub lapsed: bool,
    /// The cancellation deadline last reminded of.
    pub reminded_deadline: Option<String>,
    /// The first anniversary not ordered yet.
    pub renews_on: String,
}

impl From<&EngineState> for EngineAudit {
    fn from(s: &EngineState) -> EngineAudit {
        EngineAudit {
            auto_renew: s.coverage.auto_renew,
            ends_on: s.coverage.ends_on.map(iso),
            lapsed: s.lapsed,
            reminded_deadline: s.reminded_deadline.map(iso),
            renews_on: iso(s.coverage.renews_on),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::{billing, covered, day, row, under_contract};
    use sma_shared::orders::{price_expansion, price_order, price_sma, OrderInput};
    use sma_shared::pricing::ExpansionInput;
    use sma_shared::{Quantity, TermYears};

    const TODAY: &str = "2026-11-28";
    const NOW: &str = "2026-11-28T10:15:00.000Z";

    fn order(source: OrderSource) -> NewOrder<'static> {
        NewOrder {
            id: "ord_0123456789abcdef",
            source,
            created_at: NOW,
            today: day(TODAY),
        }
    }

    fn sma_order(r: &InstallationRow) -> PricedOrder {
        let st = r.state(day(TODAY)).unwrap();
        price_sma(PriceBooks::demo(), &st, TermYears::One, day(TODAY)).unwrap()
    }

    fn expansion(r: &InstallationRow) -> PricedOrder {
        let st = r.state(day(TODAY)).unwrap();
        let add = ExpansionInput {
            add_cameras: Quantity::new(4).unwrap(),
            add_modules: Vec::new(),
        };
        price_expansion(PriceBooks::demo(), &st, &add, day(TODAY)).unwrap()
    }

    /// A customer's order of `priced` on `r` under idempotency key `key`: its view and change.
    fn place<'a>(
        r: &'a InstallationRow,
        priced: &PricedOrder,
        key: &'a str,
    ) -> (OrderView, Change<'a>) {
        let view = new_order_view(order(OrderSource::Customer), r, priced, &billing()).unwrap();
        let actor = "usr_anna <anna@example.com>".to_owned();
        let priced = Priced {
            order: priced.clone(),
            legacy: None,
        };
        let change = customer_order(r, &priced, &view, actor, (key, NOW), day(TODAY)).unwrap();
        (view, change)
    }

    #[test]
    fn a_new_order_is_open_and_priced_with_the_customers_vat() {
        let r = row();
        let priced = sma_order(&r);
        let view = new_order_view(order(OrderSource::Customer), &r, &priced, &billing()).unwrap();
        assert_eq!(view.status, OrderStatus::Open);
        assert_eq!(
            (view.kind, view.source),
            (OrderKind::Sma, OrderSource::Customer)
        );
        assert_eq!(view.amounts.net, priced.net);
        assert!(
            view.amounts.vat > sma_shared::Money::ZERO,
            "German customers pay VAT"
        );
        assert_eq!(view.number, "");
        assert_eq!(view.installation_name, "Store Berlin Mitte");
    }

    #[test]
    fn a_stored_order_reads_back_with_its_invoice_number() {
        let r = row();
        let view =
            new_order_view(order(OrderSource::Customer), &r, &sma_order(&r), &billing()).unwrap();
        let write = OrderWrite::of(&view, Some(day(TODAY))).unwrap();
        assert_eq!((write.kind, write.source), ("sma", "customer"));
        assert_eq!(write.term_start.as_deref(), Some(TODAY));
        assert_eq!(write.lines, view.amounts.lines);
        let stored = OrderRow {
            seq: 42,
            body: write.body,
        };
        let back = stored.view().unwrap();
        assert_eq!(back.number, "SMA-000042");
        assert_eq!(
            OrderView {
                number: String::new(),
                ..back
            },
            view
        );
    }

    #[test]
    fn a_stored_order_body_not_of_its_form_is_an_internal_error() {
        let stored = OrderRow {
            seq: 7,
            body: "{".into(),
        };
        assert_eq!(stored.view().unwrap_err().status(), 500);
    }

    #[test]
    fn an_sma_order_writes_the_new_coverage_the_order_and_its_audit_entry() {
        let r = row();
        let priced = sma_order(&r);
        let (view, change) = place(&r, &priced, "k1");
        assert_eq!(
            (change.customer_id, change.installation_id),
            ("cus_demo_retail", "ins_berlin")
        );
        assert_eq!(change.expected_version, 3);
        let coverage = change
            .coverage
            .as_ref()
            .expect("an SMA order writes the coverage");
        assert_eq!(coverage.start, TODAY);
        assert!(coverage.auto_renew && !coverage.lapsed);
        assert_eq!(change.orders.len(), 1);
        assert_eq!(change.orders[0].id, view.id);
        assert_eq!(change.audit[0].action, "order.sma");
        assert_eq!(change.audit[0].at, NOW);
        assert!(change.audit[0].before.contains(r#""status":"none""#));
        assert_eq!(
            change.audit[0].after,
            serde_json::to_string(&view.after).unwrap()
        );
        assert_eq!(change.idempotency_key, Some(("k1", NOW)));
        assert!(change.emails.is_empty());
    }

    #[test]
    fn an_expansion_writes_the_new_configuration_and_leaves_the_coverage() {
        let r = covered();
        let priced = expansion(&r);
        let (_, change) = place(&r, &priced, "k2");
        assert!(change.coverage.is_none());
        assert_eq!(change.config.cameras, 16);
        assert_eq!(change.config.edition, "probox");
        assert_eq!(
            change.config.modules,
            r#"[{"sku":"client","qty":1},{"sku":"storage","qty":1}]"#
        );
        assert_eq!(change.audit[0].action, "order.expansion");
    }

    /// The change of ordering `input` on L1's installation under its contract on 2027-04-15.
    fn under_contract_order(input: OrderInput, key: &'static str, check: impl FnOnce(&Change<'_>)) {
        let r = under_contract();
        let on = day("2027-04-15");
        let legacy = r.legacy_record().unwrap();
        let priced = price_order(
            PriceBooks::demo(),
            &r.state(on).unwrap(),
            legacy.as_ref(),
            &input,
            on,
        )
        .unwrap();
        let view =
            new_order_view(order(OrderSource::Customer), &r, &priced.order, &billing()).unwrap();
        let change =
            customer_order(&r, &priced, &view, "usr_clara".into(), (key, NOW), on).unwrap();
        check(&change);
    }

    #[test]
    fn a_switch_closes_the_contract_and_writes_the_sma_from_its_end() {
        under_contract_order(OrderInput::SwitchToSma(TermYears::One), "k3", |change| {
            assert_eq!(change.legacy.as_ref().unwrap().closed, Some("switched"));
            let coverage = change.coverage.as_ref().expect("the switch writes the SMA");
            assert!(coverage.auto_renew);
            assert_eq!(change.orders[0].kind, "switch_to_sma");
            assert_eq!(change.orders[0].term_start.as_deref(), Some("2027-06-01"));
            assert_eq!(change.orders[0].net, "381.15");
        });
    }

    #[test]
    fn an_extension_writes_one_more_term_and_no_sma() {
        under_contract_order(OrderInput::LegacyExtension, "k4", |change| {
            assert!(change.coverage.is_none());
            let legacy = change.legacy.as_ref().unwrap();
            assert_eq!((legacy.terms, legacy.closed), (9, None));
            assert_eq!(change.orders[0].net, "440.00");
        });
    }

    #[test]
    fn an_expansion_within_the_included_cameras_writes_the_new_count_at_no_charge() {
        let r = InstallationRow {
            cameras: 2,
            modules: "[]".into(),
            ..covered()
        };
        let st = r.state(day(TODAY)).unwrap();
        let add = ExpansionInput {
            add_cameras: Quantity::new(2).unwrap(),
            add_modules: Vec::new(),
        };
        let priced = price_expansion(PriceBooks::demo(), &st, &add, day(TODAY)).unwrap();
        let (view, change) = place(&r, &priced, "k3");
        assert_eq!(change.config.cameras, 4);
        assert_eq!(change.orders[0].net, "0.00");
        assert_eq!(change.orders[0].lines[0].qty, Some(2));
        assert_eq!(view.after.cameras, 4);
        assert_eq!(change.audit[0].action, "order.expansion");
    }

    #[test]
    fn a_cancellation_stores_the_day_received_and_the_end_of_coverage() {
        let r = covered();
        let (after, _) = r
            .coverage_record(day(TODAY))
            .unwrap()
            .unwrap()
            .cancel(day(TODAY))
            .unwrap();
        let u = auto_renew_switch(
            &r,
            &after,
            false,
            day(TODAY),
            NOW.into(),
            "usr_anna <a@b>".into(),
        );
        assert_eq!((u.action, u.expected_version), ("sma.cancel", 3));
        assert!(u.before.auto_renew && !u.after.auto_renew);
        assert_eq!(u.after.cancelled_on.as_deref(), Some(TODAY));
        assert_eq!(u.after.ends_on, after.ends_on.map(iso));
        assert!(u.after.ends_on.is_some());
    }

    #[test]
    fn a_resumption_clears_the_cancellation_and_the_end() {
        let r = InstallationRow {
            auto_renew: Some(0),
            cancelled_on: Some("2026-11-20".into()),
            ends_on: Some("2027-03-10".into()),
            ..covered()
        };
        let (after, _) = r
            .coverage_record(day(TODAY))
            .unwrap()
            .unwrap()
            .resume(day(TODAY))
            .unwrap();
        let u = auto_renew_switch(
            &r,
            &after,
            true,
            day(TODAY),
            NOW.into(),
            "usr_anna <a@b>".into(),
        );
        assert_eq!(u.action, "sma.resume");
        assert_eq!(
            u.before,
            CoverageAudit {
                auto_renew: false,
                cancelled_on: Some("2026-11-20".into()),
                ends_on: Some("2027-03-10".into()),
            }
        );
        assert_eq!(
            u.after,
            CoverageAudit {
                auto_renew: true,
                cancelled_on: None,
                ends_on: None,
            }
        );
    }

    #[test]
    fn an_engine_audit_is_written_as_it_always_was() {
        let r = covered();
        let coverage = r.coverage_record(day(TODAY)).unwrap().unwrap();
        let state = r.engine_state(coverage).unwrap();
        assert_eq!(
            serde_json::to_string(&EngineAudit::from(&state)).unwrap(),
            r#"{"auto_renew":true,"ends_on":null,"lapsed":false,"reminded_deadline":null,"renews_on":"2027-03-10"}"#
        );
    }
}
