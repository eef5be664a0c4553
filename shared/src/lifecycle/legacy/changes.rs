//! Changes under a Maintenance Contract (pricing.md section 9): expansion, pro-rated for the
//! current term, and edition upgrade, without the SMA's credit. Both price the licences with
//! the section 6 quotes (book in force on the date, no SMA) and raise the fee basis from the
//! next term on.
//!
//! Readings where section 9 is silent:
//! - in the grace no term is running: nothing is pro-rated, and the new basis applies to the
//!   extension that continues the contract;
//! - a term already ordered ahead (extended early) is "the next term": its fee is topped up to
//!   the new basis by the difference of the two annual fees (never below 0.00), so every
//!   covered day is maintained on the same value;
//! - an upgrade charges nothing for the current term (section 9 names no such charge, unlike
//!   the SMA's co-terming in section 6); its new basis, the target total, applies from the next
//!   term on like an expansion's.

use chrono::NaiveDate;

use super::contract::term_label;
use super::{LegacyContract, LegacyFee, LegacyNote, LEGACY_FEE_RATE};
use crate::dates::{days_between, iso};
use crate::foundation::{Explain, Money, PricingError, Rate};
use crate::pricing::{
    quote_expansion, quote_upgrade, Configuration, ExpansionInput, ExpansionQuote, PriceBooks,
    ProRata, UpgradeInput, UpgradeQuote, YearSpan,
};

/// The current term's share of an expansion:
/// `round(licence price × 20 % × days left in the term / days in the term)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegacyProRata {
    /// The term the expansion falls in.
    pub term: YearSpan,
    /// The expansion date.
    pub date: NaiveDate,
    /// `base × 20 % × days / day_count`: `days` from the date to the term's end, `day_count`
    /// the days of the term.
    pub calc: ProRata,
}

impl LegacyProRata {
    /// Pro-rates `licence_price` (taken as 0 when negative) added on `date` within `term`;
    /// never negative, never more than the full term's 20 %.
    pub fn compute(licence_price: Money, term: YearSpan, date: NaiveDate) -> LegacyProRata {
        let day_count = term.days();
        let days_left = u32::try_from(days_between(date, term.next_anniversary).max(0))
            .unwrap_or(0)
            .min(day_count);
        LegacyProRata {
            term,
            date,
            calc: ProRata::compute(
                licence_price.at_least_zero(),
                Rate::percent(LEGACY_FEE_RATE),
                days_left,
                day_count,
            ),
        }
    }

    /// The amount due.
    pub fn amount(&self) -> Money {
        self.calc.amount
    }
}

impl Explain for LegacyProRata {
    /// `328.00 × 20 % × 274 / 366 = 49.11`.
    fn explain(&self) -> String {
        self.calc.explain()
    }
}

/// The fee basis after a change, from the next term on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeeBasisChange {
    /// The basis before.
    pub before: Money,
    /// The licence price added (an expansion), `None` when the basis is replaced (an upgrade:
    /// the target total).
    pub added: Option<Money>,
    /// The basis after.
    pub after: Money,
    /// The first day of the first term on the new basis.
    pub from: NaiveDate,
    /// The annual fee on it.
    pub fee: LegacyFee,
}

impl Explain for FeeBasisChange {
    /// `fee basis 2200.00 + 328.00 = 2528.00 from 2028-06-01: 20 % of 2528.00 = 505.60`, or
    /// for an upgrade `fee basis 9735.00 (the target total; was 2200.00) from …`.
    fn explain(&self) -> String {
        let basis = match self.added {
            Some(added) => format!("{} + {added} = {}", self.before, self.after),
            None => format!("{} (the target total; was {})", self.after, self.before),
        };
        format!(
            "fee basis {basis} from {}: {}",
            iso(self.from),
            self.fee.explain()
        )
    }
}

/// A term already ordered ahead, topped up to the new fee basis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TermTopUp {
    /// The term.
    pub term: YearSpan,
    /// The fee it was ordered at.
    pub paid: LegacyFee,
    /// The fee on the new basis.
    pub new: LegacyFee,
    /// `max(0, new − paid)`.
    pub amount: Money,
}

impl Explain for TermTopUp {
    /// `term 10 (2028-06-01 – 2029-05-31): 505.60 − 440.00 = 65.60`.
    fn explain(&self) -> String {
        format!(
            "{}: {} − {} = {}",
            term_label(&self.term),
            self.new.amount,
            self.paid.amount,
            self.amount
        )
    }
}

impl LegacyContract {
    /// The new basis from the term after the one covering `date` (from E in the grace), and
    /// the top-ups of the terms already ordered after it.
    fn basis_change(
        &self,
        date: NaiveDate,
        after: Money,
        added: Option<Money>,
    ) -> (FeeBasisChange, Vec<TermTopUp>) {
        let next = self.term_on(date).map_or(self.terms() + 1, |t| t.index + 1);
        let paid = self.annual_fee();
        let new = LegacyFee::of(after);
        let top_ups = (next..=self.terms())
            .map(|k| TermTopUp {
                term: self.term(k),
                paid,
                new,
                amount: (new.amount - paid.amount).at_least_zero(),
            })
            .collect();
        let change = FeeBasisChange {
            before: self.fee_basis(),
            added,
            after,
            from: self.term(next).start,
            fee: new,
        };
        (change, top_ups)
    }

    /// Adds cameras and modules to `config` on `date` (pricing.md section 9): the licence price
    /// as section 6 with the book in force on `date`; for the current term
    /// `round(licence price × 20 % × days left / days in the term)`; the fee basis rises by the
    /// licence price from the next term on.
    ///
    /// Errors: `invalid_date` (`date` before L), `legacy_contract_ended` (after the grace),
    /// and those of [`quote_expansion`].
    pub fn expand(
        &self,
        books: &PriceBooks,
        config: &Configuration,
        add: &ExpansionInput,
        date: NaiveDate,
    ) -> Result<LegacyExpansion, PricingError> {
        self.check_in_force(date)?;
        let quote = quote_expansion(books, config, add, date, None)?;
        let pro_rata = self
            .term_on(date)
            .map(|t| LegacyProRata::compute(quote.licence_price, t, date));
        let after = self.fee_basis() + quote.licence_price;
        let (basis, top_ups) = self.basis_change(date, after, Some(quote.licence_price));
        let total_due = quote.licence_price
            + pro_rata.as_ref().map_or(Money::ZERO, LegacyProRata::amount)
            + top_ups.iter().map(|t| t.amount).sum();
        Ok(LegacyExpansion {
            date,
            quote,
            pro_rata,
            basis,
            top_ups,
            total_due,
            contract: self.with_fee_basis(after),
            grace_until: self.grace_until(),
        })
    }

    /// Upgrades `input.config` to `input.to_edition` on `input.upgrade_date` under the
    /// contract (pricing.md section 9): no credit (licence price = target total, whatever
    /// `input.sma_start` says), the new fee basis = target total from the next term on.
    /// `input.recorded_initial_value` is the credit the SMA would bring; give it for an
    /// installation licensed before the first price book.
    ///
    /// Errors: `invalid_date` (`date` before L), `legacy_contract_ended`, and those of
    /// [`quote_upgrade`].
    pub fn upgrade(
        &self,
        books: &PriceBooks,
        input: &UpgradeInput,
    ) -> Result<LegacyUpgrade, PricingError> {
        let date = input.upgrade_date;
        self.check_in_force(date)?;
        let quote = quote_upgrade(
            books,
            &UpgradeInput {
                sma_start: None,
                ..input.clone()
            },
        )?;
        let (basis, top_ups) = self.basis_change(date, quote.target_total, None);
        let total_due = quote.licence_price + top_ups.iter().map(|t| t.amount).sum();
        Ok(LegacyUpgrade {
            date,
            basis,
            top_ups,
            total_due,
            credit_with_sma: quote.initial_value,
            sma_from: self.ends_on(),
            contract: self.with_fee_basis(quote.target_total),
            quote,
        })
    }
}

fn basis_notes(basis: &FeeBasisChange, top_ups: &[TermTopUp]) -> Vec<LegacyNote> {
    let mut notes: Vec<LegacyNote> = top_ups
        .iter()
        .map(|t| LegacyNote::OrderedTermToppedUp {
            from: t.term.start,
            to: t.term.last_day(),
            amount: t.amount,
        })
        .collect();
    notes.push(LegacyNote::FeeBasisFrom {
        from: basis.from,
        basis: basis.after,
        fee: basis.fee.amount,
    });
    notes
}

fn explain_top_ups(top_ups: &[TermTopUp]) -> String {
    top_ups
        .iter()
        .map(|t| format!("; ordered {}", t.explain()))
        .collect()
}

/// An expansion under a Maintenance Contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegacyExpansion {
    /// The expansion date.
    pub date: NaiveDate,
    /// The licence lines and price (section 6, without an SMA).
    pub quote: ExpansionQuote,
    /// The current term's share; `None` in the grace (no term running).
    pub pro_rata: Option<LegacyProRata>,
    /// The fee basis from the next term on.
    pub basis: FeeBasisChange,
    /// Terms already ordered after the current one, topped up to the new basis.
    pub top_ups: Vec<TermTopUp>,
    /// Licence price + pro-rata + top-ups.
    pub total_due: Money,
    /// The contract after the expansion.
    pub contract: LegacyContract,
    /// The last day of the grace (for the note in the grace).
    pub grace_until: NaiveDate,
}

impl LegacyExpansion {
    /// The sentences that explain the order.
    pub fn notes(&self) -> Vec<LegacyNote> {
        let mut notes = vec![match &self.pro_rata {
            Some(p) => LegacyNote::JoinsTerm {
                term: p.term.index,
                term_start: p.term.start,
                term_end: p.term.last_day(),
                days: p.calc.days,
                day_count: p.calc.day_count,
            },
            None => LegacyNote::NoTermRunning {
                ended_on: crate::dates::day_before(self.basis.from),
                extend_until: self.grace_until,
            },
        }];
        notes.extend(basis_notes(&self.basis, &self.top_ups));
        notes
    }
}

impl Explain for LegacyExpansion {
    /// `licence 4 × 82.00 = 328.00; current term 328.00 × 20 % × 274 / 366 = 49.11; fee basis
    /// 2200.00 + 328.00 = 2528.00 from 2028-06-01: 20 % of 2528.00 = 505.60`.
    fn explain(&self) -> String {
        let current = match &self.pro_rata {
            Some(p) => format!("; current term {}", p.explain()),
            None => String::new(),
        };
        format!(
            "licence {}{current}{}; {}",
            self.quote.explain_licence_price(),
            explain_top_ups(&self.top_ups),
            self.basis.explain()
        )
    }
}

/// An edition upgrade under a Maintenance Contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegacyUpgrade {
    /// The upgrade date.
    pub date: NaiveDate,
    /// The target lines and total, without credit (licence price = target total).
    pub quote: UpgradeQuote,
    /// The new fee basis (the target total) from the next term on.
    pub basis: FeeBasisChange,
    /// Terms already ordered after the current one, topped up to the new basis.
    pub top_ups: Vec<TermTopUp>,
    /// Licence price + top-ups.
    pub total_due: Money,
    /// The credit an upgrade would get with the SMA active: the full cost of the initial
    /// installation.
    pub credit_with_sma: Money,
    /// When the SMA would be active after a switch now (the contract's end E).
    pub sma_from: NaiveDate,
    /// The contract after the upgrade.
    pub contract: LegacyContract,
}

impl LegacyUpgrade {
    /// The sentences that explain the order: no credit (switching first would bring it), and
    /// the new fee basis.
    pub fn notes(&self) -> Vec<LegacyNote> {
        let mut notes = vec![LegacyNote::SwitchFirstForCredit {
            sma_from: self.sma_from,
            credit: self.credit_with_sma,
        }];
        notes.extend(basis_notes(&self.basis, &self.top_ups));
        notes
    }
}

impl Explain for LegacyUpgrade {
    /// `licence 9735.00 (no credit under a Maintenance Contract); fee basis 9735.00 (the
    /// target total; was 2200.00) from 2028-06-01: 20 % of 9735.00 = 1947.00`.
    fn explain(&self) -> String {
        format!(
            "licence {} (no credit under a Maintenance Contract){}; {}",
            self.quote.licence_price,
            explain_top_ups(&self.top_ups),
            self.basis.explain()
        )
    }
}
