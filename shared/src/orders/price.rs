//! Orders placed on a stored installation: buy or reinstate the SMA, renew it, expand,
//! upgrade (pricing.md sections 4–6; api.md `POST /api/installations/{id}/quotes/*` and
//! `POST /api/orders`).
//!
//! Each `price_*` function takes the stored state and today and answers the order's lines,
//! their net total and the state after the order ([`Outcome`]). The Worker stores exactly that;
//! the app shows it before the customer confirms. Nothing here trusts a price from outside.

use chrono::NaiveDate;

use super::{
    InstallationState, LineKind, Note, OrderKind, OrderLine, OrderRefusal, Outcome, PricedOrder,
};
use crate::dates::{day_before, days_between, iso};
use crate::foundation::{Explain, Money, PricingError};
use crate::lifecycle::{reinstate, CoverageRecord, RenewalPoint};
use crate::pricing::{
    is_late, quote_expansion, quote_upgrade, schedule, CoTerm, Configuration, Edition,
    ExpansionInput, LateCharges, LicenceLine, PriceBooks, Sku, SmaYear, TermYears, UpgradeInput,
};

pub(super) fn licence_line(l: &LicenceLine) -> OrderLine {
    OrderLine {
        qty: Some(l.qty),
        unit_price: Some(l.unit_price),
        ..OrderLine::plain(
            LineKind::Licence,
            &l.sku,
            l.description.clone(),
            l.amount,
            l.explain(),
        )
    }
}

pub(super) fn year_line(y: &SmaYear) -> OrderLine {
    OrderLine::plain(
        LineKind::SmaYear,
        &format!("sma_year_{}", y.year),
        format!("SMA year {} ({} – {})", y.year, iso(y.start), iso(y.end)),
        y.amount,
        format!("{} (price book {})", y.explain(), y.price_book),
    )
    .covering(Some(y.year), y.start, y.end)
}

pub(super) fn late_lines(charges: &LateCharges) -> [OrderLine; 2] {
    let bp = &charges.back_pay;
    let last = day_before(bp.order_date);
    [
        OrderLine {
            days: Some(bp.days()),
            ..OrderLine::plain(
                LineKind::BackPay,
                "back_pay",
                format!(
                    "Back-pay for {} uncovered days from {} to {}",
                    bp.days(),
                    iso(bp.uncovered_from),
                    iso(last)
                ),
                bp.amount(),
                bp.explain(),
            )
            .covering(None, bp.uncovered_from, last)
        },
        OrderLine::plain(
            LineKind::Fee,
            "reinstatement_fee",
            "Reinstatement fee".into(),
            charges.fee.amount,
            charges.fee.explain(),
        ),
    ]
}

fn co_term_line(c: &CoTerm, what: &str) -> OrderLine {
    OrderLine::plain(
        LineKind::CoTerm,
        "co_term",
        format!("SMA on the {what}, co-termed to {}", c.year),
        c.amount(),
        c.explain(),
    )
    .covering(Some(c.year.index), c.date, c.year.last_day())
}

pub(super) fn total(lines: &[OrderLine]) -> Money {
    lines.iter().map(|l| l.amount).sum()
}

/// Buys the SMA of an installation without one, or reinstates a lapsed one, on `today`
/// (pricing.md sections 4 and 5).
pub fn price_sma(
    books: &PriceBooks,
    st: &InstallationState,
    term: TermYears,
    today: NaiveDate,
) -> Result<PricedOrder, OrderRefusal> {
    match &st.coverage {
        Some(c) if !c.lapsed_on(today) => Err(OrderRefusal::State(format!(
            "This installation's SMA is active until {}; renew it instead of buying a new one.",
            iso(day_before(c.ends_on.unwrap_or(c.upcoming(today).date)))
        ))),
        Some(c) => {
            let ended = c.ends_on.unwrap_or(today);
            let r = reinstate(books, &st.config, &c.contract(), ended, today, term)?;
            let mut lines: Vec<OrderLine> = r.first_term.iter().map(year_line).collect();
            let mut notes = Vec::new();
            if let Some(charges) = &r.late_charges {
                lines.extend(late_lines(charges));
                notes.push(Note::Restarted {
                    ended_on: day_before(ended),
                });
            } else {
                notes.push(Note::Continued {
                    ended_on: day_before(ended),
                });
            }
            let first = r.contract.first_year_of_terms();
            let coverage = CoverageRecord::begin(r.contract.start(), term, first);
            Ok(PricedOrder {
                kind: OrderKind::Sma,
                date: today,
                net: total(&lines),
                lines,
                notes,
                outcome: Outcome {
                    config: st.config.clone(),
                    term_start: Some(r.first_term[0].start),
                    coverage: Some(coverage),
                },
            })
        }
        None => {
            if today < st.licence_date {
                return Err(PricingError::SmaBeforeLicence {
                    field: None,
                    order_date: iso(today),
                    licence_date: iso(st.licence_date),
                }
                .into());
            }
            let late = is_late(st.licence_date, today);
            let start = if late { today } else { st.licence_date };
            let years = schedule(&st.config, books, start, 1, term.years(), term)?;
            let mut lines: Vec<OrderLine> = years.iter().map(year_line).collect();
            let notes = if late {
                let charges = LateCharges::compute(st.licence_date, &years[0]);
                lines.extend(late_lines(&charges));
                vec![Note::LateAfterLicence {
                    licence_date: st.licence_date,
                    days: days_between(st.licence_date, today),
                }]
            } else {
                vec![Note::WithSoftware {
                    licence_date: st.licence_date,
                }]
            };
            Ok(PricedOrder {
                kind: OrderKind::Sma,
                date: today,
                net: total(&lines),
                lines,
                notes,
                outcome: Outcome {
                    config: st.config.clone(),
                    term_start: Some(start),
                    coverage: Some(CoverageRecord::begin(start, term, 1)),
                },
            })
        }
    }
}

/// Orders the next term of a running SMA now (its price is that of the anniversary it starts
/// on), or continues a lapsed one within 30 days of its end.
pub fn price_renewal(
    books: &PriceBooks,
    st: &InstallationState,
    today: NaiveDate,
) -> Result<PricedOrder, OrderRefusal> {
    let Some(c) = &st.coverage else {
        return Err(OrderRefusal::State(
            "This installation has no SMA to renew; buy one instead.".into(),
        ));
    };
    if c.lapsed_on(today) {
        let ended = c.ends_on.unwrap_or(today);
        if is_late(ended, today) {
            return Err(OrderRefusal::State(format!(
                "The SMA ended on {}, more than 30 days ago; reinstate it instead.",
                iso(day_before(ended))
            )));
        }
        let mut order = price_sma(books, st, c.term, today)?;
        order.kind = OrderKind::Renewal;
        return Ok(order);
    }
    let point = c.next_unordered();
    let current = c.contract().next_renewal(today);
    if point.date > current.date {
        return Err(OrderRefusal::State(format!(
            "The term starting {} is already ordered; you can renew again from {}.",
            iso(current.date),
            iso(current.date)
        )));
    }
    renewal_order(books, st, c, point, today)
}

/// The order for the term starting at `point` of coverage `c` (the customer renewing early,
/// or the renewal engine at the anniversary), priced for that anniversary.
pub fn renewal_order(
    books: &PriceBooks,
    st: &InstallationState,
    c: &CoverageRecord,
    point: RenewalPoint,
    today: NaiveDate,
) -> Result<PricedOrder, OrderRefusal> {
    let quote = c.contract().renewal_quote(books, &st.config, point)?;
    let lines: Vec<OrderLine> = quote.years.iter().map(year_line).collect();
    let after = c.after_renewal(point);
    let mut notes = vec![Note::Renews {
        from: point.date,
        to: day_before(after.renews_on),
    }];
    if !c.auto_renew {
        notes.push(Note::AutoRenewStaysOff {
            ends_after: day_before(after.ends_on.unwrap_or(after.renews_on)),
        });
    }
    Ok(PricedOrder {
        kind: OrderKind::Renewal,
        date: today,
        net: total(&lines),
        lines,
        notes,
        outcome: Outcome {
            config: st.config.clone(),
            coverage: Some(after),
            term_start: Some(point.date),
        },
    })
}

/// The SMA start when the SMA is active on `today` (the co-term and credit rules need it).
fn active_start(st: &InstallationState, today: NaiveDate) -> Option<NaiveDate> {
    st.coverage
        .as_ref()
        .filter(|c| c.covers(today))
        .map(|c| c.start)
}

/// Cameras added within those the edition includes: the new count, at no charge.
fn included_cameras_line(before: u32, after: u32, edition: &Edition) -> OrderLine {
    let added = after - before;
    OrderLine {
        qty: Some(added),
        unit_price: Some(Money::ZERO),
        ..OrderLine::plain(
            LineKind::Licence,
            Sku::CAMERA,
            format!(
                "{added} camera channels within the {} included in {}",
                edition.included_cameras, edition.name
            ),
            Money::ZERO,
            format!(
                "{added} × {zero} = {zero} ({before} → {after} cameras, within the {} {} includes)",
                edition.included_cameras,
                edition.name,
                zero = Money::ZERO
            ),
        )
    }
}

/// Adds cameras and modules on `today` (pricing.md section 6). Cameras added within those
/// the edition includes are recorded at no charge; an expansion that changes nothing is
/// refused.
pub fn price_expansion(
    books: &PriceBooks,
    st: &InstallationState,
    add: &ExpansionInput,
    today: NaiveDate,
) -> Result<PricedOrder, OrderRefusal> {
    let q = quote_expansion(books, &st.config, add, today, active_start(st, today))?;
    if q.config_after == st.config {
        return Err(OrderRefusal::Empty(
            "Add at least one camera or module to expand the installation.".into(),
        ));
    }
    let mut lines: Vec<OrderLine> = q.lines.iter().map(licence_line).collect();
    let (before, after) = (st.config.cameras(), q.config_after.cameras());
    if after > before && !q.lines.iter().any(|l| l.sku == Sku::CAMERA) {
        let edition = books
            .book_on(today)?
            .find_edition(st.config.edition().as_str(), "edition")?;
        lines.insert(0, included_cameras_line(before, after, edition));
    }
    lines.extend(q.co_term.iter().map(|c| co_term_line(c, "added licences")));
    let notes = vec![match &q.co_term {
        Some(c) => Note::CoTermed {
            year: c.year.index,
            year_start: c.year.start,
            year_end: c.year.last_day(),
            days: c.calc.days,
            day_count: c.calc.day_count,
        },
        None => Note::NotCovered,
    }];
    Ok(PricedOrder {
        kind: OrderKind::Expansion,
        date: today,
        net: total(&lines),
        lines,
        notes,
        outcome: Outcome {
            config: q.config_after,
            coverage: st.coverage,
            term_start: None,
        },
    })
}

/// Upgrades to a higher edition on `today` (pricing.md section 6): with an active SMA the
/// initial installation is credited and the rise in value co-termed.
pub fn price_upgrade(
    books: &PriceBooks,
    st: &InstallationState,
    to_edition: &str,
    today: NaiveDate,
) -> Result<PricedOrder, OrderRefusal> {
    let q = quote_upgrade(
        books,
        &UpgradeInput {
            config: st.config.clone(),
            licence_date: st.licence_date,
            to_edition: to_edition.to_owned(),
            upgrade_date: today,
            sma_start: active_start(st, today),
            recorded_initial_value: Some(st.initial_value),
        },
    )?;
    let mut lines: Vec<OrderLine> = q.lines.iter().map(licence_line).collect();
    let credit = q.credit.min(q.target_total);
    if q.sma_active {
        lines.push(OrderLine::plain(
            LineKind::Credit,
            "upgrade_credit",
            "Credit: full cost of the initial installation".into(),
            Money::ZERO - credit,
            q.explain_licence_price(),
        ));
    }
    lines.extend(q.co_term.iter().map(|c| co_term_line(c, "rise in value")));
    let notes = vec![if q.sma_active {
        Note::Credited {
            value: q.initial_value,
        }
    } else {
        Note::NoCredit
    }];
    let mut target = st.config.to_input();
    target.edition = q_edition(books, to_edition, today);
    let book = books.book_on(today)?;
    let config = Configuration::validate(book, &target)?;
    Ok(PricedOrder {
        kind: OrderKind::Upgrade,
        date: today,
        net: total(&lines),
        lines,
        notes,
        outcome: Outcome {
            config,
            coverage: st.coverage,
            term_start: None,
        },
    })
}

/// The target edition's code as the book spells it (the request may use another case).
pub(super) fn q_edition(books: &PriceBooks, given: &str, today: NaiveDate) -> String {
    books
        .book_on(today)
        .ok()
        .and_then(|b| b.find_edition(given, "to_edition").ok())
        .map_or_else(|| given.to_owned(), |e| e.code.to_string())
}
