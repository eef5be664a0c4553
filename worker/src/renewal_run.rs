//! The renewal engine's runs, for the daily cron (`cron`) and `POST /api/admin/renewals/run`
//! (`routes::renewals`). `shared::lifecycle::decide` says what is due for each SMA; [`plan`]
//! turns that into what to write (renewal orders priced by `shared`, the messages of
//! `shared::mail` to every user of the customer, audit entries), and the store applies it for
//! one installation in one D1 batch, guarded by the installation's version so that two runs
//! never both apply. The caller sends the outbox rows written to the mail queue.

use crate::clock::Now;
use crate::error::ApiError;
use crate::http::ids;
use crate::store::installations::{InstallationRow, InstallationStore};
use crate::store::orders::{
    AuditWrite, Change, ConfigWrite, CoverageWrite, EmailWrite, OrderStore, OrderWrite,
};
use crate::store::writes::{new_order_view, EngineAudit, NewOrder};
use chrono::NaiveDate;
use sma_shared::api::{RenewalReport, RenewalStep, RenewalTaken};
use sma_shared::dates::{day_before, iso};
use sma_shared::lifecycle::{decide, reinstate, EngineAction, EngineState};
use sma_shared::mail::{Lapse, Message, RenewalDone, RenewalReminder};
use sma_shared::orders::{renewal_order, Billing, InstallationState, OrderSource};
use sma_shared::PriceBooks;
use std::collections::HashMap;
use worker::D1Database;

/// Runs the engine for `date` over every running SMA and open legacy Maintenance Contract
/// (`renewal_legacy`), or only `only`; `now` stamps what it writes. Answers the report and the ids of the outbox rows written.
pub async fn run(
    db: &D1Database,
    now: Now,
    date: NaiveDate,
    only: &[String],
) -> Result<(RenewalReport, Vec<i64>), ApiError> {
    let rows = InstallationStore::new(db).with_running_sma(only).await?;
    let mut report = RenewalReport {
        date: Some(date),
        checked: rows.len(),
        ..RenewalReport::default()
    };
    let mut billing: HashMap<String, Billing> = HashMap::new();
    let mut mail = Vec::new();
    for row in rows {
        // One installation that cannot be processed (e.g. no price book for its anniversary)
        // is logged and left for the next run; the others still renew and lapse.
        let outcome = async {
            if !billing.contains_key(&row.customer_id) {
                let b = OrderStore::new(db).billing(&row.customer_id).await?;
                billing.insert(row.customer_id.clone(), b);
            }
            run_one(db, &row, &billing[&row.customer_id], now, date).await
        }
        .await;
        match outcome {
            Ok((Some(ids), taken)) => {
                report.actions.extend(taken);
                mail.extend(ids);
            }
            Ok((None, _)) => report.skipped.push(row.id.clone()),
            Err(e) => {
                worker::console_error!("renewal run {date}: installation {}: {e:?}", row.id);
                report.failed.push(row.id.clone());
            }
        }
    }
    let legacy = crate::renewal_legacy::run(db, &now.iso(), date, only).await?;
    report.checked += legacy.checked;
    report.actions.extend(legacy.actions);
    report.skipped.extend(legacy.skipped);
    report.failed.extend(legacy.failed);
    mail.extend(legacy.mail);
    Ok((report, mail))
}

/// Decides and applies the actions due for one installation, answering the outbox rows
/// written; `(None, _)` when it changed since it was read (nothing written).
async fn run_one(
    db: &D1Database,
    row: &InstallationRow,
    billing: &Billing,
    now: Now,
    date: NaiveDate,
) -> Result<(Option<Vec<i64>>, Vec<RenewalTaken>), ApiError> {
    let st = row.state(date)?;
    let Some(coverage) = st.coverage else {
        return Ok((Some(Vec::new()), Vec::new()));
    };
    let engine = row.engine_state(coverage)?;
    let actions = decide(&engine, date);
    if actions.is_empty() {
        return Ok((Some(Vec::new()), Vec::new()));
    }
    let now = now.iso();
    let run = Run {
        row,
        st: &st,
        billing,
        now: &now,
        date,
    };
    let (change, taken) = run.plan(engine, &actions, || ids::random_id("ord"))?;
    Ok((OrderStore::new(db).apply(&change).await?, taken))
}

/// One installation's run: what the actions are decided on.
struct Run<'a> {
    row: &'a InstallationRow,
    st: &'a InstallationState,
    billing: &'a Billing,
    /// When (ISO 8601 UTC).
    now: &'a str,
    /// The day the run is for.
    date: NaiveDate,
}

/// What one action writes besides its audit entry.
struct Step {
    taken: RenewalTaken,
    email: EmailWrite,
    order: Option<OrderWrite>,
}

impl<'a> Run<'a> {
    /// What the `actions` decided on `engine` write, in order, each with an audit entry of the
    /// engine's state before and after it; the configuration stays as stored.
    fn plan(
        &self,
        mut engine: EngineState,
        actions: &[EngineAction],
        mut new_id: impl FnMut() -> Result<String, ApiError>,
    ) -> Result<(Change<'a>, Vec<RenewalTaken>), ApiError> {
        let (mut orders, mut emails, mut audit, mut taken) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for action in actions {
            let before = engine;
            let step = self.step(&engine, action, &mut new_id)?;
            engine = engine.apply(action);
            audit.push(AuditWrite {
                at: self.now.to_owned(),
                actor: "renewal-engine".into(),
                action: format!("engine.{}", step.taken.action.code()),
                before: serde_json::to_string(&EngineAudit::from(&before))?,
                after: serde_json::to_string(&EngineAudit::from(&engine))?,
            });
            orders.extend(step.order);
            emails.push(step.email);
            taken.push(step.taken);
        }
        let (row, config) = (self.row, &self.st.config);
        let change = Change {
            customer_id: &row.customer_id,
            installation_id: &row.id,
            expected_version: row.version,
            config: ConfigWrite {
                edition: config.edition().to_string(),
                cameras: config.cameras(),
                modules: row.modules.clone(),
            },
            legacy: None,
            coverage: Some(CoverageWrite::of(
                &engine.coverage,
                engine.lapsed,
                engine.reminded_deadline.map(iso).as_deref(),
            )),
            orders,
            audit,
            emails,
            idempotency_key: None,
            at: self.now,
        };
        Ok((change, taken))
    }

    /// What one action writes: a renewal order and its e-mail, or an e-mail.
    fn step(
        &self,
        engine: &EngineState,
        action: &EngineAction,
        new_id: &mut impl FnMut() -> Result<String, ApiError>,
    ) -> Result<Step, ApiError> {
        let (id, name) = (&self.row.id, &self.row.name);
        let taken = |action, date, order_id| RenewalTaken {
            installation_id: id.clone(),
            action,
            date,
            order_id,
        };
        Ok(match *action {
            EngineAction::Renew { point } => {
                let priced = renewal_order(
                    PriceBooks::demo(),
                    self.st,
                    &engine.coverage,
                    point,
                    self.date,
                )?;
                let order = NewOrder {
                    id: &new_id()?,
                    source: OrderSource::RenewalEngine,
                    created_at: self.now,
                    today: self.date,
                };
                let view = new_order_view(order, self.row, &priced, self.billing)?;
                let term_end = priced.outcome.coverage.map_or(point.date, |c| c.renews_on);
                let a = &view.amounts;
                Step {
                    email: EmailWrite {
                        dedupe_key: format!("renewal:{id}:{}", iso(point.date)),
                        message: Message::RenewalDone(RenewalDone {
                            installation: name.clone(),
                            order_id: view.id.clone(),
                            renewed_on: point.date,
                            term_end: day_before(term_end),
                            net: a.net,
                            vat_rate: a.vat_rate,
                            vat: a.vat,
                            gross: a.gross,
                        }),
                    },
                    taken: taken(RenewalStep::Renew, point.date, Some(view.id.clone())),
                    order: Some(OrderWrite::of(&view, Some(point.date))?),
                }
            }
            EngineAction::Lapse { ended_at } => {
                let coverage = &engine.coverage;
                let again = reinstate(
                    PriceBooks::demo(),
                    &self.st.config,
                    &coverage.contract(),
                    ended_at,
                    self.date,
                    coverage.term,
                )?;
                Step {
                    email: EmailWrite {
                        dedupe_key: format!("lapse:{id}:{}", iso(ended_at)),
                        message: Message::Lapse(Lapse {
                            installation_id: id.clone(),
                            installation: name.clone(),
                            customer: self.billing.name.clone(),
                            ended_at,
                            today: self.date,
                            price_today: again.total_due,
                        }),
                    },
                    taken: taken(RenewalStep::Lapse, ended_at, None),
                    order: None,
                }
            }
            EngineAction::RemindDeadline {
                deadline,
                renews_on,
            } => {
                let coverage = &engine.coverage;
                let point = coverage.next_unordered();
                let contract = coverage.contract();
                let next = contract.renewal_quote(PriceBooks::demo(), &self.st.config, point)?;
                Step {
                    email: EmailWrite {
                        dedupe_key: format!("remind:{id}:{}", iso(deadline)),
                        message: Message::RenewalReminder(RenewalReminder {
                            installation_id: id.clone(),
                            installation: name.clone(),
                            term_end: day_before(renews_on),
                            cancellation_deadline: deadline,
                            next_term_end: day_before(contract.renewal_after(point).date),
                            next_price: next.total,
                        }),
                    },
                    taken: taken(RenewalStep::Remind, deadline, None),
                    order: None,
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::{billing, covered, day};
    use sma_shared::Money;

    const NOW: &str = "2027-03-10T03:00:00.000Z";

    /// Decides on `row` for `date`, plans, and hands the plan to `check`.
    fn plan_on(
        row: &InstallationRow,
        date: &str,
        check: impl FnOnce(&[EngineAction], &Change<'_>, &[RenewalTaken]),
    ) {
        let st = row.state(day(date)).unwrap();
        let engine = row.engine_state(st.coverage.unwrap()).unwrap();
        let actions = decide(&engine, day(date));
        let billing = billing();
        let run = Run {
            row,
            st: &st,
            billing: &billing,
            now: NOW,
            date: day(date),
        };
        let mut n = 0;
        let (change, taken) = run
            .plan(engine, &actions, || {
                n += 1;
                Ok(format!("ord_{n:016}"))
            })
            .unwrap();
        check(&actions, &change, &taken);
    }

    #[test]
    fn on_the_anniversary_an_auto_renewing_sma_gets_its_renewal_order_and_an_email() {
        plan_on(&covered(), "2027-03-10", |actions, change, taken| {
            assert!(
                matches!(actions, [EngineAction::Renew { .. }]),
                "{actions:?}"
            );
            assert_eq!(change.orders.len(), 1);
            assert_eq!(change.orders[0].id, "ord_0000000000000001");
            assert_eq!(
                (change.orders[0].kind, change.orders[0].source),
                ("renewal", "renewal_engine")
            );
            assert_eq!(change.orders[0].term_start.as_deref(), Some("2027-03-10"));
            assert_eq!(taken[0].order_id.as_deref(), Some("ord_0000000000000001"));
            assert_eq!(change.emails[0].dedupe_key, "renewal:ins_berlin:2027-03-10");
            let Message::RenewalDone(done) = &change.emails[0].message else {
                panic!("{:?}", change.emails[0].message);
            };
            assert_eq!(done.installation, "Store Berlin Mitte");
            assert_eq!(done.order_id, "ord_0000000000000001");
            assert_eq!(
                (done.renewed_on, done.term_end),
                (day("2027-03-10"), day("2028-03-09"))
            );
            assert_eq!(done.gross, done.net + done.vat);
            let coverage = change.coverage.as_ref().unwrap();
            assert_eq!(coverage.renews_on, "2028-03-10");
        });
    }

    #[test]
    fn every_action_is_audited_with_the_engine_state_before_and_after() {
        plan_on(&covered(), "2027-03-10", |_, change, _| {
            let entry = &change.audit[0];
            assert_eq!(
                (entry.actor.as_str(), entry.action.as_str()),
                ("renewal-engine", "engine.renew")
            );
            assert_eq!(entry.at, NOW);
            assert!(
                entry.before.contains(r#""renews_on":"2027-03-10""#),
                "{}",
                entry.before
            );
            assert!(
                entry.after.contains(r#""renews_on":"2028-03-10""#),
                "{}",
                entry.after
            );
        });
    }

    #[test]
    fn the_engine_keeps_the_stored_configuration_and_the_version_it_decided_on() {
        let row = covered();
        plan_on(&row, "2027-03-10", |_, change, _| {
            assert_eq!(change.config.modules, row.modules);
            assert_eq!(
                (change.config.edition.as_str(), change.config.cameras),
                ("probox", 12)
            );
            assert_eq!(change.expected_version, row.version);
            assert_eq!(change.idempotency_key, None);
        });
    }

    #[test]
    fn thirty_days_before_the_deadline_every_user_is_reminded_of_it_and_the_next_price() {
        // Renewed once already: the next anniversary is 2028-03-10, its deadline 2027-12-10.
        let row = InstallationRow {
            renews_on: Some("2028-03-10".into()),
            ..covered()
        };
        plan_on(&row, "2027-11-10", |actions, change, _| {
            assert!(
                matches!(actions, [EngineAction::RemindDeadline { .. }]),
                "{actions:?}"
            );
            assert_eq!(change.emails[0].dedupe_key, "remind:ins_berlin:2027-12-10");
            let Message::RenewalReminder(r) = &change.emails[0].message else {
                panic!("{:?}", change.emails[0].message);
            };
            assert_eq!(
                (r.term_end, r.cancellation_deadline, r.next_term_end),
                (day("2028-03-09"), day("2027-12-10"), day("2029-03-09"))
            );
            assert!(r.next_price > Money::ZERO);
        });
    }

    #[test]
    fn coverage_whose_end_has_come_lapses_with_an_email_and_no_order() {
        let row = InstallationRow {
            auto_renew: Some(0),
            cancelled_on: Some("2026-11-20".into()),
            ends_on: Some("2027-03-10".into()),
            ..covered()
        };
        plan_on(&row, "2027-03-10", |actions, change, taken| {
            assert!(
                matches!(actions, [EngineAction::Lapse { .. }]),
                "{actions:?}"
            );
            assert!(change.orders.is_empty());
            assert_eq!(taken[0].action, RenewalStep::Lapse);
            assert_eq!(change.emails[0].dedupe_key, "lapse:ins_berlin:2027-03-10");
            let Message::Lapse(lapse) = &change.emails[0].message else {
                panic!("{:?}", change.emails[0].message);
            };
            assert_eq!(
                (lapse.ended_at, lapse.today),
                (day("2027-03-10"), day("2027-03-10"))
            );
            assert_eq!(lapse.customer, "Anna's Retail GmbH");
            assert!(lapse.price_today > Money::ZERO, "{:?}", lapse.price_today);
            assert!(change.coverage.as_ref().unwrap().lapsed);
        });
    }
}
