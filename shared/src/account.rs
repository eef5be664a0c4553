//! A customer's installation as stored (configuration and SMA coverage), and the orders that
//! can be placed on it: buy or reinstate the SMA, renew it, expand, upgrade (pricing.md
//! sections 4–6; api.md `POST /api/installations/{id}/quotes/*` and `POST /api/orders`).
//!
//! Each `price_*` function takes the stored state and today and answers the order's lines,
//! their net total and the state after the order ([`Outcome`]). The Worker stores exactly that;
//! the app shows it before the customer confirms. Nothing here trusts a price from outside.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::change::{quote_expansion, quote_upgrade, ExpansionInput, UpgradeInput};
use crate::config::{Configuration, LicenceLine};
use crate::dates::{day_before, days_between, iso};
use crate::error::PricingError;
use crate::explain::Explain;
use crate::lifecycle::{
    reinstate, AutoRenewChange, AutoRenewRefusal, RenewalPoint, SmaContract, SmaSummary,
};
use crate::money::Money;
use crate::pricebook::PriceBooks;
use crate::sma::{is_late, schedule, CoTerm, LateCharges, SmaYear, TermYears};
use crate::vat::{vat_for, Vat, VatTreatment};
use crate::wire::ModuleQty;

/// The SMA coverage of an installation as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CoverageRecord {
    /// S: the first day of uninterrupted coverage.
    pub start: NaiveDate,
    /// The term the SMA renews in.
    pub term: TermYears,
    /// The year index the current sequence of terms began with (1, or later after a 3-year
    /// term was chosen mid-way or coverage continued after a short lapse).
    pub term_from: u32,
    /// The first anniversary whose term has not been ordered yet (the renewal engine orders
    /// it on that day while auto-renew is on).
    pub renews_on: NaiveDate,
    /// Whether it renews automatically.
    pub auto_renew: bool,
    /// When auto-renew was switched off.
    pub cancelled_on: Option<NaiveDate>,
    /// The first uncovered day, once auto-renew is off.
    pub ends_on: Option<NaiveDate>,
}

impl CoverageRecord {
    /// Coverage starting on `start` in terms of `term` years from year `term_from`, with its
    /// first term ordered.
    pub fn begin(start: NaiveDate, term: TermYears, term_from: u32) -> CoverageRecord {
        let contract = SmaContract::continuing(start, term, term_from);
        let first = contract.renewal_ending_year(term_from);
        CoverageRecord {
            start,
            term,
            term_from: term_from.max(1),
            renews_on: first.date,
            auto_renew: true,
            cancelled_on: None,
            ends_on: None,
        }
    }

    /// The running contract.
    pub fn contract(&self) -> SmaContract {
        SmaContract::continuing(self.start, self.term, self.term_from)
    }

    /// The renewal point at `renews_on`: the next term not ordered yet.
    pub fn next_unordered(&self) -> RenewalPoint {
        let contract = self.contract();
        let year_after = contract.year_on(self.renews_on).index;
        contract.renewal_ending_year(year_after.saturating_sub(1).max(1))
    }

    /// Whether coverage has ended on `today`.
    pub fn lapsed_on(&self, today: NaiveDate) -> bool {
        self.ends_on.is_some_and(|end| today >= end)
    }

    /// Whether the SMA is active (covered) on `today`, auto-renewing or not.
    pub fn covers(&self, today: NaiveDate) -> bool {
        today >= self.start && !self.lapsed_on(today)
    }

    /// The state on `today` as `GET /api/installations/{id}` shows it; the renewal price is
    /// that of the next term not ordered yet.
    pub fn summary(
        &self,
        books: &PriceBooks,
        config: &Configuration,
        today: NaiveDate,
    ) -> Result<SmaSummary, PricingError> {
        let contract = self.contract();
        match self.ends_on {
            Some(_) => contract.summary(books, config, self.ends_on, today),
            None => contract.renewing_summary(books, config, self.upcoming(today), today),
        }
    }

    /// The next renewal point from `today`: the next term not ordered yet, or, when the renewal
    /// engine has not caught up yet, the end of the term containing today.
    pub fn upcoming(&self, today: NaiveDate) -> RenewalPoint {
        let point = self.next_unordered();
        if point.date > today {
            point
        } else {
            self.contract().next_renewal(today)
        }
    }

    /// Switches auto-renew off on `today` (pricing.md section 5). Coverage already ordered
    /// beyond the point the deadline rule gives stays (it was paid for).
    pub fn cancel(
        &self,
        today: NaiveDate,
    ) -> Result<(CoverageRecord, AutoRenewChange), AutoRenewRefusal> {
        let contract = self.contract();
        let mut change = contract.cancel_auto_renew(self.ends_on, today)?;
        let paid = self.next_unordered();
        if paid.date > change.ends_at {
            change = AutoRenewChange {
                ends_at: paid.date,
                coverage_ends: day_before(paid.date),
                decision_deadline: day_before(paid.date),
            };
        }
        let after = CoverageRecord {
            auto_renew: false,
            cancelled_on: Some(today),
            ends_on: Some(change.ends_at),
            ..*self
        };
        Ok((after, change))
    }

    /// Switches auto-renew back on while still covered.
    pub fn resume(
        &self,
        today: NaiveDate,
    ) -> Result<(CoverageRecord, AutoRenewChange), AutoRenewRefusal> {
        let change = self.contract().resume_auto_renew(self.ends_on, today)?;
        let after = CoverageRecord {
            auto_renew: true,
            cancelled_on: None,
            ends_on: None,
            ..*self
        };
        Ok((after, change))
    }

    /// The record after the term at `point` was ordered: `renews_on` moves one term on, and a
    /// cancelled SMA that ended there now ends one term later.
    pub fn after_renewal(&self, point: RenewalPoint) -> CoverageRecord {
        let next = self.contract().renewal_after(point);
        let ends_on = self
            .ends_on
            .map(|end| if end <= point.date { next.date } else { end });
        CoverageRecord {
            renews_on: next.date,
            ends_on,
            ..*self
        }
    }
}

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
#[serde(rename_all = "snake_case")]
pub enum OrderKind {
    /// Buy the SMA, or reinstate a lapsed one.
    Sma,
    /// Order the next term now.
    Renewal,
    /// Add cameras or modules.
    Expansion,
    /// Move to a higher edition.
    Upgrade,
}

impl OrderKind {
    /// The code, e.g. `renewal`.
    pub fn code(self) -> &'static str {
        match self {
            OrderKind::Sma => "sma",
            OrderKind::Renewal => "renewal",
            OrderKind::Expansion => "expansion",
            OrderKind::Upgrade => "upgrade",
        }
    }

    /// Parses a code from the URL or the body.
    pub fn parse(code: &str) -> Option<OrderKind> {
        [
            OrderKind::Sma,
            OrderKind::Renewal,
            OrderKind::Expansion,
            OrderKind::Upgrade,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }
}

/// What an invoice line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
}

/// One line of a quote or invoice, with how its amount was computed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
    /// SMA year and co-term lines: the year index k.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u32>,
    /// The first day the line covers (SMA year, co-term, back-pay).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    /// The last day the line covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
    /// Back-pay: the uncovered days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
}

impl OrderLine {
    /// A line without quantity, unit price or period.
    fn plain(
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
    fn covering(self, year: Option<u32>, from: NaiveDate, to: NaiveDate) -> OrderLine {
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

/// A sentence that explains an order as a whole, as data (the app writes it in the visitor's
/// language; [`Note::english`] is what the API and the invoice carry).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Note {
    /// Bought within 30 days of the licence date: starts on it, no extra charge.
    WithSoftware {
        /// The licence date.
        licence_date: NaiveDate,
    },
    /// Bought later: starts today, with back-pay and fee.
    LateAfterLicence {
        /// The licence date.
        licence_date: NaiveDate,
        /// Days since it.
        days: i64,
    },
    /// Reinstated within 30 days of the end: continues as if never interrupted.
    Continued {
        /// The last covered day.
        ended_on: NaiveDate,
    },
    /// Reinstated later: starts again at year 1 with back-pay and fee.
    Restarted {
        /// The last covered day.
        ended_on: NaiveDate,
    },
    /// A renewal: the term it orders.
    Renews {
        /// The term's first day.
        from: NaiveDate,
        /// Its last day.
        to: NaiveDate,
    },
    /// A renewal of a cancelled SMA: auto-renew stays off.
    AutoRenewStaysOff {
        /// The new last covered day.
        ends_after: NaiveDate,
    },
    /// An added value co-termed with the current SMA year.
    CoTermed {
        /// The year index.
        year: u32,
        /// The year's first day.
        year_start: NaiveDate,
        /// Its last day.
        year_end: NaiveDate,
        /// Days charged.
        days: u32,
        /// Days in the year.
        day_count: u32,
    },
    /// An expansion without an active SMA.
    NotCovered,
    /// An upgrade with an active SMA: the initial installation is credited.
    Credited {
        /// The credit.
        value: Money,
    },
    /// An upgrade without an active SMA: no credit.
    NoCredit,
}

impl Note {
    /// The sentence in English.
    pub fn english(&self) -> String {
        match self {
            Note::WithSoftware { licence_date } => format!(
                "Bought within 30 days of the licence date: the SMA starts on the licence date {}, no extra charge.",
                iso(*licence_date)
            ),
            Note::LateAfterLicence { licence_date, days } => format!(
                "Bought {days} days after the licence date {}: the SMA starts today, with back-pay for the uncovered days and a reinstatement fee.",
                iso(*licence_date)
            ),
            Note::Continued { ended_on } => format!(
                "Ordered within 30 days of the end on {}: coverage continues as if never interrupted, no fee.",
                iso(*ended_on)
            ),
            Note::Restarted { ended_on } => format!(
                "The SMA ended on {}, more than 30 days ago: it starts again today at year 1, with back-pay for the uncovered days and a reinstatement fee.",
                iso(*ended_on)
            ),
            Note::Renews { from, to } => format!(
                "Renews the SMA for the term from {} to {}, priced for that anniversary.",
                iso(*from),
                iso(*to)
            ),
            Note::AutoRenewStaysOff { ends_after } => format!(
                "Auto-renew stays off: coverage now ends after {}.",
                iso(*ends_after)
            ),
            Note::CoTermed {
                year,
                year_start,
                year_end,
                days,
                day_count,
            } => format!(
                "The added licences join the SMA for the rest of year {year} ({} – {}): {days} of {day_count} days.",
                iso(*year_start),
                iso(*year_end)
            ),
            Note::NotCovered => {
                "Without an active SMA the added licences are not covered by maintenance.".into()
            }
            Note::Credited { value } => format!(
                "With the active SMA the full cost of the initial installation ({value}) is credited."
            ),
            Note::NoCredit => {
                "Without an active SMA there is no credit for the initial installation.".into()
            }
        }
    }
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

fn licence_line(l: &LicenceLine) -> OrderLine {
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

fn year_line(y: &SmaYear) -> OrderLine {
    OrderLine::plain(
        LineKind::SmaYear,
        &format!("sma_year_{}", y.year),
        format!("SMA year {} ({} – {})", y.year, iso(y.start), iso(y.end)),
        y.amount,
        format!("{} (price book {})", y.explain(), y.price_book),
    )
    .covering(Some(y.year), y.start, y.end)
}

fn late_lines(charges: &LateCharges) -> [OrderLine; 2] {
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

fn total(lines: &[OrderLine]) -> Money {
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

/// Adds cameras and modules on `today` (pricing.md section 6).
pub fn price_expansion(
    books: &PriceBooks,
    st: &InstallationState,
    add: &ExpansionInput,
    today: NaiveDate,
) -> Result<PricedOrder, OrderRefusal> {
    let q = quote_expansion(books, &st.config, add, today, active_start(st, today))?;
    if q.lines.is_empty() {
        return Err(OrderRefusal::Empty(
            "Add at least one camera or module to expand the installation.".into(),
        ));
    }
    let mut lines: Vec<OrderLine> = q.lines.iter().map(licence_line).collect();
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
fn q_edition(books: &PriceBooks, given: &str, today: NaiveDate) -> String {
    books
        .book_on(today)
        .ok()
        .and_then(|b| b.find_edition(given, "to_edition").ok())
        .map_or_else(|| given.to_owned(), |e| e.code.to_string())
}

/// An order with its VAT, as quoted to the customer and written on the invoice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invoiced {
    /// The lines.
    pub lines: Vec<OrderLine>,
    /// Their sum.
    pub net: Money,
    /// The VAT rate in percent.
    pub vat_rate: crate::money::Rate,
    /// `round(net × vat_rate)`.
    pub vat: Money,
    /// `net + vat`.
    pub gross: Money,
    /// How the VAT was chosen.
    pub vat_treatment: VatTreatment,
    /// The note the invoice carries (reverse charge, export), if any.
    pub vat_note: Option<String>,
}

impl PricedOrder {
    /// The notes in English.
    pub fn english_notes(&self) -> Vec<String> {
        self.notes.iter().map(Note::english).collect()
    }

    /// The order's amounts with the VAT of a customer in `country` with `vat_id`.
    pub fn invoiced(&self, country: &str, vat_id: Option<&str>) -> Invoiced {
        let Vat {
            treatment,
            rate,
            amount,
            note,
        } = vat_for(country, vat_id, self.net);
        Invoiced {
            lines: self.lines.clone(),
            net: self.net,
            vat_rate: rate,
            vat: amount,
            gross: self.net + amount,
            vat_treatment: treatment,
            vat_note: note,
        }
    }
}

/// The installation after an order, as the portal shows it before and after confirming.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AfterView {
    /// Edition code.
    pub edition: String,
    /// Total cameras.
    pub cameras: u32,
    /// Modules in the quote shape.
    pub modules: Vec<ModuleQty>,
    /// The SMA on the order date after the order, `null` without one.
    pub sma: Option<SmaSummary>,
}

impl AfterView {
    /// The view of an order's outcome on `today`.
    pub fn of(
        books: &PriceBooks,
        outcome: &Outcome,
        today: NaiveDate,
    ) -> Result<AfterView, PricingError> {
        let input = outcome.config.to_input();
        Ok(AfterView {
            edition: input.edition,
            cameras: input.cameras.get(),
            modules: input
                .modules
                .iter()
                .map(|m| ModuleQty::new(m.sku.clone(), m.qty.get()))
                .collect(),
            sma: outcome
                .coverage
                .map(|c| c.summary(books, &outcome.config, today))
                .transpose()?,
        })
    }
}

/// `POST /api/installations/{id}/quotes/{kind}`: an order priced from the stored installation,
/// with the customer's VAT, before it is placed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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

/// Who an invoice is addressed to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Billing {
    /// Customer name.
    pub name: String,
    /// ISO country code.
    pub country: String,
    /// VAT ID, if any.
    pub vat_id: Option<String>,
}

/// A placed order and its invoice (`POST /api/orders`, `GET /api/orders/{id}`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    pub status: String,
    /// When it was placed (ISO 8601 UTC).
    pub created_at: String,
    /// The date its prices apply to.
    pub order_date: NaiveDate,
    /// `customer` or `renewal_engine`.
    pub source: String,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{ConfigurationInput, ModuleInput, Quantity};
    use crate::lifecycle::SmaStatus;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn m(text: &str) -> Money {
        Money::parse(text).unwrap()
    }

    fn books() -> &'static PriceBooks {
        PriceBooks::demo()
    }

    /// Example A's configuration: ProBox, 12 cameras, 1 client, 1 storage.
    fn probox(on: NaiveDate) -> Configuration {
        let input = ConfigurationInput {
            edition: "probox".into(),
            cameras: Quantity::new(12).unwrap(),
            modules: vec![
                ModuleInput {
                    sku: "client".into(),
                    qty: Quantity::new(1).unwrap(),
                },
                ModuleInput {
                    sku: "storage".into(),
                    qty: Quantity::new(1).unwrap(),
                },
            ],
        };
        Configuration::validate(books().book_on(on).unwrap(), &input).unwrap()
    }

    fn state(coverage: Option<CoverageRecord>, on: NaiveDate) -> InstallationState {
        InstallationState {
            config: probox(on),
            licence_date: d(2026, 3, 10),
            initial_value: m("2461.00"),
            coverage,
        }
    }

    /// A 1-year SMA bought on `on` for example A's installation, which has none.
    fn buy_without_sma(on: NaiveDate) -> PricedOrder {
        price_sma(books(), &state(None, on), TermYears::One, on).unwrap()
    }

    #[test]
    fn buying_within_30_days_starts_on_the_licence_date_without_charges() {
        let order = buy_without_sma(d(2026, 4, 9));
        assert_eq!(order.net, m("467.59"));
        assert_eq!(order.outcome.term_start, Some(d(2026, 3, 10)));
        assert_eq!(order.outcome.coverage.unwrap().renews_on, d(2027, 3, 10));
    }

    #[test]
    fn buying_late_matches_worked_example_b() {
        let order = buy_without_sma(d(2026, 9, 1));
        let amounts: Vec<Money> = order.lines.iter().map(|l| l.amount).collect();
        assert_eq!(amounts, vec![m("467.59"), m("224.19"), m("100.00")]);
        assert_eq!(order.net, m("791.78"));
        assert_eq!(order.outcome.coverage.unwrap().start, d(2026, 9, 1));
    }

    #[test]
    fn an_active_sma_cannot_be_bought_again() {
        let c = CoverageRecord::begin(d(2026, 3, 10), TermYears::One, 1);
        let refused = price_sma(
            books(),
            &state(Some(c), d(2026, 9, 1)),
            TermYears::One,
            d(2026, 9, 1),
        );
        assert!(matches!(refused, Err(OrderRefusal::State(_))));
    }

    #[test]
    fn reinstating_on_day_30_continues_and_on_day_31_starts_again_with_charges() {
        let mut c = CoverageRecord::begin(d(2026, 3, 10), TermYears::One, 1);
        c = c.cancel(d(2026, 4, 1)).unwrap().0;
        assert_eq!(c.ends_on, Some(d(2027, 3, 10)));
        let day30 = d(2027, 4, 9);
        let cont = price_sma(books(), &state(Some(c), day30), TermYears::One, day30).unwrap();
        assert_eq!(cont.lines.len(), 1);
        assert_eq!(cont.lines[0].code, "sma_year_2");
        assert_eq!(cont.net, m("457.38"));
        assert_eq!(cont.outcome.coverage.unwrap().renews_on, d(2028, 3, 10));
        let day31 = d(2027, 4, 10);
        let late = price_sma(books(), &state(Some(c), day31), TermYears::One, day31).unwrap();
        assert_eq!(late.lines.len(), 3);
        assert_eq!(late.lines[0].code, "sma_year_1");
        assert_eq!(late.lines[1].kind, LineKind::BackPay);
        assert_eq!(late.outcome.coverage.unwrap().start, day31);
    }

    #[test]
    fn renewing_now_orders_the_next_term_once() {
        let c = CoverageRecord::begin(d(2026, 3, 10), TermYears::One, 1);
        let today = d(2026, 12, 1);
        let order = price_renewal(books(), &state(Some(c), today), today).unwrap();
        assert_eq!(order.net, m("457.38"));
        assert_eq!(order.outcome.term_start, Some(d(2027, 3, 10)));
        let after = order.outcome.coverage.unwrap();
        assert_eq!(after.renews_on, d(2028, 3, 10));
        let again = price_renewal(books(), &state(Some(after), today), today);
        assert!(matches!(again, Err(OrderRefusal::State(_))));
        let summary = after.summary(books(), &probox(today), today).unwrap();
        assert_eq!(summary.term_end, d(2028, 3, 9));
        assert_eq!(summary.status, SmaStatus::Active);
    }

    #[test]
    fn renewing_a_cancelled_sma_extends_it_by_a_term_and_keeps_auto_renew_off() {
        let c = CoverageRecord::begin(d(2026, 3, 10), TermYears::One, 1)
            .cancel(d(2026, 5, 1))
            .unwrap()
            .0;
        let today = d(2026, 12, 1);
        let order = price_renewal(books(), &state(Some(c), today), today).unwrap();
        let after = order.outcome.coverage.unwrap();
        assert_eq!(after.ends_on, Some(d(2028, 3, 10)));
        assert!(!after.auto_renew);
    }

    #[test]
    fn cancelling_after_an_early_renewal_keeps_the_paid_term() {
        let c = CoverageRecord::begin(d(2026, 3, 10), TermYears::One, 1);
        let renewed = c.after_renewal(c.next_unordered());
        let (after, change) = renewed.cancel(d(2026, 5, 1)).unwrap();
        assert_eq!(after.ends_on, Some(d(2028, 3, 10)));
        assert_eq!(change.coverage_ends, d(2028, 3, 9));
    }

    #[test]
    fn expanding_matches_worked_example_x() {
        let c = CoverageRecord::begin(d(2026, 3, 10), TermYears::One, 1);
        let on = d(2026, 9, 10);
        let mut st = state(Some(c), on);
        st.config = Configuration::validate(
            books().book_on(on).unwrap(),
            &ConfigurationInput {
                edition: "probox".into(),
                cameras: Quantity::new(12).unwrap(),
                modules: vec![ModuleInput {
                    sku: "client".into(),
                    qty: Quantity::new(1).unwrap(),
                }],
            },
        )
        .unwrap();
        let add = ExpansionInput {
            add_cameras: Quantity::new(6).unwrap(),
            add_modules: vec![ModuleInput {
                sku: "pos".into(),
                qty: Quantity::new(2).unwrap(),
            }],
        };
        let order = price_expansion(books(), &st, &add, on).unwrap();
        assert_eq!(order.net, m("1043.89"));
        assert_eq!(order.lines.last().unwrap().amount, m("89.89"));
        assert_eq!(order.outcome.config.cameras(), 18);
    }

    #[test]
    fn upgrading_matches_worked_example_e_with_and_without_sma() {
        let on = d(2027, 5, 1);
        let c = CoverageRecord::begin(d(2026, 3, 10), TermYears::One, 1);
        let with = price_upgrade(books(), &state(Some(c), on), "enterprise", on).unwrap();
        assert_eq!(with.net, m("8384.94"));
        assert!(with
            .lines
            .iter()
            .any(|l| l.kind == LineKind::Credit && l.amount == m("-2461.00")));
        assert_eq!(with.outcome.config.edition().to_string(), "enterprise");
        let without = price_upgrade(books(), &state(None, on), "enterprise", on).unwrap();
        assert_eq!(without.net, m("9735.00"));
    }

    #[test]
    fn vat_is_added_by_the_customer_country() {
        let order = buy_without_sma(d(2026, 9, 1));
        let de = order.invoiced("DE", Some("DE123"));
        assert_eq!(de.vat, m("150.44"));
        assert_eq!(de.gross, m("942.22"));
        let at = order.invoiced("AT", Some("ATU1"));
        assert_eq!(at.gross, order.net);
        assert!(at.vat_note.is_some());
    }
}
