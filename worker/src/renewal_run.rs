//! The renewal engine's runs, for the daily cron (`cron`) and `POST /api/admin/renewals/run`
//! (`routes::renewals`). `shared::lifecycle::decide` says what is due for each SMA; [`plan`]
//! turns that into what to write (renewal orders priced by `shared`, the messages of
//! `shared::mail` to every user of the customer, audit entries), and the store applies it for
//! one installation in one D1 batch, guarded by the installation's version so that two runs
//! never both apply. The caller sends the outbox rows written to the mail queue. A dry run
//! takes the same path and stops before the store: it reports what the plan holds and writes
//! nothing.

use crate::clock::Now;
use crate::config::Deployment;
use crate::error::ApiError;
use crate::http::ids;
use crate::store::installations::{InstallationRow, InstallationStore, NEVER};
use crate::store::orders::{
    AuditWrite, Change, ConfigWrite, CoverageWrite, EmailWrite, OrderStore, OrderWrite,
};
use crate::store::writes::{new_order_view, EngineAudit, NewOrder};
use chrono::NaiveDate;
use sma_shared::api::{RenewalAmount, RenewalReport, RenewalStep, RenewalTaken};
use sma_shared::dates::{day_before, iso};
use sma_shared::lifecycle::{decide, next_event, reinstate, EngineAction, EngineState};
use sma_shared::mail::{Lapse, Message, RenewalDone, RenewalReminder};
use sma_shared::orders::{renewal_order, Billing, InstallationState, OrderSource};
use sma_shared::PriceBooks;
use std::collections::HashMap;
use worker::D1Database;

/// Whether a run applies what it decides or only reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Write the orders, e-mails, coverage and audit entries.
    Apply,
    /// Report what would be written; write nothing.
    DryRun,
}

/// The day a run is for: `requested`, or today. A day after today is refused outside local
/// development (422 `date_in_future`): a run ahead of time bills and e-mails customers early.
pub fn run_date(
    requested: Option<NaiveDate>,
    today: NaiveDate,
    deployment: Deployment,
) -> Result<NaiveDate, ApiError> {
    let date = requested.unwrap_or(today);
    if date > today && !deployment.allows_future_dates() {
        return Err(ApiError::Unprocessable {
            code: "date_in_future",
            message: format!(
                "The run's date {} is after today ({}); renewals, reminders and lapses are run on their day, never ahead of it.",
                iso(date),
                iso(today)
            ),
            field: Some("date".into()),
        });
    }
    Ok(date)
}

/// What a run did: the report, the outbox rows it wrote (for the mail queue) and how many D1
/// statements it sent (what counts towards the per-invocation limit of D1 queries).
#[derive(Debug, Default)]
pub struct Outcome {
    /// The report (the admin endpoint's answer, the log line's fields).
    pub report: RenewalReport,
    /// The outbox rows written.
    pub mail: Vec<i64>,
    /// D1 statements sent, batches counted by their statements.
    pub statements: usize,
}

/// Runs the engine for `date` over the given running SMAs (at most [`RENEWAL_RUN_MAX_IDS`]);
/// `now` stamps what it writes. A [`Mode::DryRun`] plans exactly the same and writes nothing.
/// Applying, it also stores each SMA's next event day (`shared::lifecycle::next_event`), by
/// which the daily run finds it again, and marks the given ids that are no running SMA as never
/// due.
///
/// [`RENEWAL_RUN_MAX_IDS`]: sma_shared::api::RENEWAL_RUN_MAX_IDS
pub async fn run(
    db: &D1Database,
    now: Now,
    date: NaiveDate,
    only: &[String],
    mode: Mode,
) -> Result<Outcome, ApiError> {
    let store = InstallationStore::new(db);
    let rows = store.with_running_sma(only).await?;
    let mut out = Outcome {
        report: RenewalReport {
            date: Some(date),
            dry_run: mode == Mode::DryRun,
            checked: rows.len(),
            ..RenewalReport::default()
        },
        statements: 1,
        ..Outcome::default()
    };
    if mode == Mode::Apply && rows.len() < only.len() {
        let running: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        let others: Vec<&String> = only
            .iter()
            .filter(|id| !running.contains(&id.as_str()))
            .collect();
        store.never_due(&others).await?;
        out.statements += 1;
    }
    let mut billing: HashMap<String, Billing> = HashMap::new();
    for row in rows {
        // One installation that cannot be processed (e.g. no price book for its anniversary)
        // is logged and left for the next run; the others still renew and lapse.
        let outcome = async {
            if !billing.contains_key(&row.customer_id) {
                let b = OrderStore::new(db).billing(&row.customer_id).await?;
                billing.insert(row.customer_id.clone(), b);
                out.statements += 1;
            }
            run_one(db, &row, &billing[&row.customer_id], now, date, mode).await
        }
        .await;
        match outcome {
            Ok((written, taken, statements)) => {
                out.statements += statements;
                match written {
                    Some(ids) => {
                        out.report.actions.extend(taken);
                        out.mail.extend(ids);
                    }
                    None => out.report.skipped.push(row.id.clone()),
                }
            }
            Err(e) => {
                let detail = format!("renewal run {date}: {e:?}");
                crate::observe::error("renewal_failed", None, Some(&row.id), &detail);
                out.report.failed.push(row.id.clone());
            }
        }
    }
    Ok(out)
}

/// The next event day as stored: the day after `date` or later, [`NEVER`] once lapsed.
fn next_event_on(engine: &EngineState, date: NaiveDate) -> String {
    next_event(engine, date + chrono::Days::new(1)).map_or(NEVER.to_owned(), iso)
}

/// Decides and applies the actions due for one installation, answering the outbox rows
/// written (`None` when it changed since it was read: nothing written), the actions and the
/// statements sent. A dry run stops before the store, without order ids.
async fn run_one(
    db: &D1Database,
    row: &InstallationRow,
    billing: &Billing,
    now: Now,
    date: NaiveDate,
    mode: Mode,
) -> Result<(Option<Vec<i64>>, Vec<RenewalTaken>, usize), ApiError> {
    let st = row.state(date)?;
    let Some(coverage) = st.coverage else {
        return Ok((Some(Vec::new()), Vec::new(), 0));
    };
    let engine = row.engine_state(coverage)?;
    let actions = decide(&engine, date);
    if actions.is_empty() {
        let statements = match mode {
            Mode::Apply => {
                InstallationStore::new(db)
                    .set_next_event(row, &next_event_on(&engine, date))
                    .await?
            }
            Mode::DryRun => 0,
        };
        return Ok((Some(Vec::new()), Vec::new(), statements));
    }
    let now = now.iso();
    let run = Run {
        row,
        st: &st,
        billing,
        now: &now,
        date,
    };
    let (change, mut taken) = run.plan(engine, &actions, || ids::random_id("ord"))?;
    if mode == Mode::DryRun {
        taken.iter_mut().for_each(|t| t.order_id = None);
        return Ok((Some(Vec::new()), taken, 0));
    }
    let (written, statements) = OrderStore::new(db).apply_counted(&change).await?;
    Ok((written, taken, statements))
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
            coverage: Some(CoverageWrite {
                next_event_on: next_event_on(&engine, self.date),
                ..CoverageWrite::of(
                    &engine.coverage,
                    engine.lapsed,
                    engine.reminded_deadline.map(iso).as_deref(),
                )
            }),
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
        let taken = |action, date, order_id, amount| RenewalTaken {
            installation_id: id.clone(),
            action,
            date,
            order_id,
            amount,
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
                    taken: taken(
                        RenewalStep::Renew,
                        point.date,
                        Some(view.id.clone()),
                        Some(RenewalAmount {
                            currency: view.currency.clone(),
                            net: a.net,
                            vat: a.vat,
                            gross: a.gross,
                        }),
                    ),
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
                    taken: taken(RenewalStep::Lapse, ended_at, None, None),
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
                    taken: taken(RenewalStep::Remind, deadline, None, None),
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
            let amount = taken[0].amount.as_ref().unwrap();
            assert_eq!(amount.currency, "EUR");
            assert_eq!(amount.net.to_string(), change.orders[0].net);
            assert_eq!(amount.gross.to_string(), change.orders[0].gross);
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
            // Found again by the daily run 30 days before the next cancellation deadline.
            assert_eq!(coverage.next_event_on, "2027-11-10");
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
    fn a_day_after_today_is_refused_outside_local_development() {
        let today = day("2027-03-10");
        for deployment in [Deployment::Staging, Deployment::Production] {
            let e = run_date(Some(day("2027-03-11")), today, deployment).unwrap_err();
            assert_eq!((e.status(), e.code()), (422, "date_in_future"));
            assert_eq!(run_date(Some(today), today, deployment), Ok(today));
            assert_eq!(
                run_date(Some(day("2027-03-01")), today, deployment),
                Ok(day("2027-03-01"))
            );
        }
        assert_eq!(run_date(None, today, Deployment::Production), Ok(today));
        assert_eq!(
            run_date(Some(day("2030-01-01")), today, Deployment::Dev),
            Ok(day("2030-01-01"))
        );
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
