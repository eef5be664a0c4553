//! From a Maintenance Contract to the SMA (pricing.md section 9): the switch during a term or
//! its grace, the SMA bought after the contract ended for good, and which releases the
//! contract's coverage entitles to (section 7).
//!
//! The SMA after a switch is the continuation of uninterrupted coverage from L: its S is L
//! (the first day of uninterrupted coverage, as for an SMA continued after a short lapse),
//! its first year is year `terms + 1` starting at E = `L + 12 × terms months`, so it begins
//! exactly where the contract ends (no gap, no overlap) and keeps L's anniversaries (a
//! 29 Feb start returns to 29 Feb in leap years, as the contract's terms did). Until E the
//! contract covers the installation; the SMA covers from E.

use chrono::NaiveDate;

use super::{LegacyContract, LegacyNote, LegacyStatus};
use crate::dates::{day_before, iso};
use crate::foundation::{Explain, Money, PricingError};
use crate::lifecycle::{
    entitlement, restart, Coverage, CoverageRecord, Entitlement, Reinstatement, SmaContract,
};
use crate::pricing::{schedule, Configuration, PriceBooks, TermYears};

/// The switch to the SMA: the SMA starts at the contract's end E, auto-renewing, at year
/// `1 + whole years of the contract before E`, priced as section 3 on the maintained value at
/// E. No back-pay, no fee; the contract ends at E.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SmaSwitch {
    /// The order date.
    pub date: NaiveDate,
    /// E: the contract's end and the SMA's first day.
    pub legacy_end: NaiveDate,
    /// Whole years of uninterrupted contract coverage before E (from L).
    pub legacy_years: u32,
    /// The SMA: continued coverage from L, first term from E, no late charges.
    pub sma: Reinstatement,
}

impl SmaSwitch {
    /// The SMA year index it starts with: `1 + legacy_years`.
    pub fn first_year(&self) -> u32 {
        self.sma.contract.first_year_of_terms()
    }

    /// The SMA coverage to store: S = L, terms from [`SmaSwitch::first_year`], first term
    /// ordered. It covers the installation from [`SmaSwitch::legacy_end`] on.
    pub fn coverage(&self) -> CoverageRecord {
        let c = &self.sma.contract;
        CoverageRecord::begin(c.start(), c.term(), self.first_year())
    }

    /// The amount due: the first term (no back-pay, no fee).
    pub fn total_due(&self) -> Money {
        self.sma.total_due
    }

    /// `year 9 = 1 + 8 whole years of Maintenance Contract (2019-06-01 – 2027-05-31)`.
    pub fn explain_year_index(&self) -> String {
        format!(
            "year {} = 1 + {} whole years of Maintenance Contract ({} – {})",
            self.first_year(),
            self.legacy_years,
            iso(self.sma.contract.start()),
            iso(day_before(self.legacy_end))
        )
    }

    /// The sentences that explain the order.
    pub fn notes(&self) -> Vec<LegacyNote> {
        vec![LegacyNote::SwitchStarts {
            sma_start: self.legacy_end,
            legacy_years: self.legacy_years,
            year: self.first_year(),
            rate: crate::pricing::rate_for_year(self.first_year()),
        }]
    }
}

impl Explain for SmaSwitch {
    /// `year 9 = 1 + 8 whole years of Maintenance Contract (2019-06-01 – 2027-05-31); 15 % of
    /// 2541.00 = 381.15`.
    fn explain(&self) -> String {
        let years: Vec<String> = self.sma.first_term.iter().map(Explain::explain).collect();
        format!("{}; {}", self.explain_year_index(), years.join("; "))
    }
}

/// The SMA bought after the contract ended for good: section 4 with the contract's end E in
/// place of the licence date (starts on the order date at year 1, back-pay from E, fee).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SmaAfterEnd {
    /// E: the contract's end (the first uncovered day).
    pub legacy_end: NaiveDate,
    /// The SMA with its late charges.
    pub sma: Reinstatement,
}

impl SmaAfterEnd {
    /// The sentences that explain the order.
    pub fn notes(&self) -> Vec<LegacyNote> {
        vec![LegacyNote::EndedForGood {
            ended_on: day_before(self.legacy_end),
        }]
    }
}

impl Explain for SmaAfterEnd {
    /// `year 1: 19 % of 2541.00 = 482.79; back-pay 2541.00 × 19 % × 61 / 365 = 80.69; fee
    /// max(10 % of 482.79 = 48.28, 100.00) = 100.00`.
    fn explain(&self) -> String {
        let years: Vec<String> = self
            .sma
            .first_term
            .iter()
            .map(|y| format!("year {}: {}", y.year, y.explain()))
            .collect();
        let late = self.sma.late_charges.as_ref().map_or(String::new(), |c| {
            format!(
                "; back-pay {}; fee {}",
                c.back_pay.explain(),
                c.fee.explain()
            )
        });
        format!("{}{late}", years.join("; "))
    }
}

impl LegacyContract {
    /// Switches to the SMA on `date`, during a term or in its grace (pricing.md section 9).
    /// With a term ordered ahead, E is the end of that term (the paid term is kept: no
    /// overlap, no refund).
    ///
    /// Errors: `invalid_date` (`date` before L), `legacy_contract_ended` (after the grace),
    /// `no_price_book` for the SMA years.
    pub fn switch_to_sma(
        &self,
        books: &PriceBooks,
        config: &Configuration,
        date: NaiveDate,
        term: TermYears,
    ) -> Result<SmaSwitch, PricingError> {
        self.check_in_force(date)?;
        let first = self.terms() + 1;
        let first_term = schedule(config, books, self.start(), first, term.years(), term)?;
        let first_term_price: Money = first_term.iter().map(|y| y.amount).sum();
        Ok(SmaSwitch {
            date,
            legacy_end: self.ends_on(),
            legacy_years: self.terms(),
            sma: Reinstatement {
                continued: true,
                contract: SmaContract::continuing(self.start(), term, first),
                late_charges: None,
                first_term,
                first_term_price,
                total_due: first_term_price,
            },
        })
    }

    /// The SMA bought on `order_date` after the contract ended for good (more than 30 days
    /// after E): section 4 with E in place of the licence date.
    ///
    /// Errors: `invalid_date` (no field) while the contract can still be switched (the switch
    /// costs no back-pay and no fee), `no_price_book`.
    pub fn sma_after_end(
        &self,
        books: &PriceBooks,
        config: &Configuration,
        order_date: NaiveDate,
        term: TermYears,
    ) -> Result<SmaAfterEnd, PricingError> {
        if self.status_on(order_date) != LegacyStatus::Ended {
            return Err(PricingError::InvalidDate {
                field: None,
                message: format!(
                    "The Maintenance Contract can still be switched to the SMA until {}, without back-pay or fee; switch it instead.",
                    iso(self.grace_until())
                ),
            });
        }
        Ok(SmaAfterEnd {
            legacy_end: self.ends_on(),
            sma: restart(books, config, self.ends_on(), order_date, term)?,
        })
    }
}

/// Whether a release may be downloaded under a Maintenance Contract, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LegacyEntitlement {
    /// Released on or before the licence date.
    IncludedWithLicence,
    /// Released before the end of the contract's coverage.
    CoveredByContract,
    /// Released after the coverage ended.
    NeedsCoverage {
        /// The release date.
        release: NaiveDate,
        /// The last covered day.
        covered_until: NaiveDate,
        /// The last day to extend or switch (coverage then continues without a gap), `None`
        /// once the contract ended for good.
        extend_until: Option<NaiveDate>,
    },
}

impl LegacyEntitlement {
    /// Whether the download is allowed.
    pub fn allowed(&self) -> bool {
        !matches!(self, LegacyEntitlement::NeedsCoverage { .. })
    }

    /// A sentence for the customer saying why, and what to do when it is not allowed.
    pub fn message(&self) -> String {
        match self {
            LegacyEntitlement::IncludedWithLicence => Entitlement::IncludedWithLicence.message(),
            LegacyEntitlement::CoveredByContract => {
                "This release is covered by your Maintenance Contract.".to_owned()
            }
            LegacyEntitlement::NeedsCoverage {
                release,
                covered_until,
                extend_until: Some(until),
            } => format!(
                "This release came out on {} after your Maintenance Contract's term ended on {}; extend the contract or switch to the SMA by {} to download it.",
                iso(*release),
                iso(*covered_until),
                iso(*until)
            ),
            LegacyEntitlement::NeedsCoverage {
                release,
                covered_until,
                extend_until: None,
            } => format!(
                "This release came out on {} after your Maintenance Contract ended on {}; buy an SMA to download it.",
                iso(*release),
                iso(*covered_until)
            ),
        }
    }
}

/// The entitlement of an installation licensed on `licence_date` under `contract` to a
/// release dated `release`, asked on `today` (section 7 with the contract's coverage: releases
/// up to its last covered day; releases in the grace need the extension, which covers them
/// as if never interrupted).
pub fn legacy_entitlement(
    release: NaiveDate,
    licence_date: NaiveDate,
    contract: &LegacyContract,
    today: NaiveDate,
) -> LegacyEntitlement {
    match entitlement(
        release,
        licence_date,
        Coverage::ending_at(contract.ends_on()),
    ) {
        Entitlement::IncludedWithLicence => LegacyEntitlement::IncludedWithLicence,
        Entitlement::CoveredBySma => LegacyEntitlement::CoveredByContract,
        Entitlement::NeedsSma { release, .. } => LegacyEntitlement::NeedsCoverage {
            release,
            covered_until: contract.term_end(),
            extend_until: (contract.status_on(today) != LegacyStatus::Ended)
                .then(|| contract.grace_until()),
        },
    }
}
