//! The coverage columns of an import row: an SMA (active, cancelled or lapsed; pricing.md
//! section 5), a legacy Maintenance Contract (section 9), or none; each as the store keeps it.

use chrono::NaiveDate;

use super::row::Row;
use crate::dates::{day_before, iso};
use crate::foundation::Money;
use crate::lifecycle::{CoverageRecord, LegacyContract, LegacyStatus, SmaContract};
use crate::pricing::{TermYears, YearSpan};

/// The columns of an SMA, of a contract, and of the states of both.
const COVERAGE_COLUMNS: [&str; 7] = [
    "coverage_start",
    "term_years",
    "auto_renew",
    "legacy_fee_basis",
    "sma_state",
    "cancelled_on",
    "term_end",
];

/// An imported installation's coverage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportedCoverage {
    /// Neither an SMA nor a contract.
    None,
    /// An SMA.
    Sma(ImportedSma),
    /// A legacy Maintenance Contract.
    Legacy(ImportedLegacy),
}

/// An imported SMA as stored: its record (the first term not ordered yet is the one after
/// today, or its end) and whether it has lapsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportedSma {
    /// The coverage record.
    pub record: CoverageRecord,
    /// Whether coverage ended (at `record.ends_on`).
    pub lapsed: bool,
}

/// An imported Maintenance Contract: its start, fee basis and terms ordered, and whether it
/// ended for good (not extended within the grace after its end).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportedLegacy {
    /// The contract.
    pub contract: LegacyContract,
    /// Whether its grace is over.
    pub ended: bool,
}

/// The coverage of `row`, licensed on `licence_date`.
pub(super) fn coverage(
    row: &mut Row,
    licence_date: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<ImportedCoverage> {
    match row.get("coverage") {
        "none" => {
            row.empty(&COVERAGE_COLUMNS, "without coverage");
            Some(ImportedCoverage::None)
        }
        "sma" => sma(row, licence_date, today).map(ImportedCoverage::Sma),
        "legacy" => legacy(row, licence_date, today).map(ImportedCoverage::Legacy),
        other => {
            row.reject(
                "coverage",
                format!("coverage must be sma, legacy or none, not {other:?}."),
            );
            None
        }
    }
}

/// `coverage_start`: not after today, not before the licence date.
fn start(row: &mut Row, licence_date: Option<NaiveDate>, today: NaiveDate) -> Option<NaiveDate> {
    let start = row.date("coverage_start", today)?;
    if licence_date.is_some_and(|l| start < l) {
        row.reject(
            "coverage_start",
            "coverage_start is before the licence date.",
        );
        return None;
    }
    Some(start)
}

fn sma(row: &mut Row, licence_date: Option<NaiveDate>, today: NaiveDate) -> Option<ImportedSma> {
    row.empty(&["legacy_fee_basis"], "for an SMA");
    let start = start(row, licence_date, today);
    let term = match row.get("term_years") {
        "1" => Some(TermYears::One),
        "3" => Some(TermYears::Three),
        _ => {
            row.reject("term_years", "term_years must be 1 or 3.");
            None
        }
    };
    let auto_renew = row.flag("auto_renew");
    let (start, term, auto_renew) = (start?, term?, auto_renew?);
    let contract = SmaContract::new(start, term);
    let state = row.get("sma_state").to_owned();
    if state != "active" && !state.is_empty() && auto_renew {
        row.reject(
            "auto_renew",
            format!("auto_renew must be false for a {state} SMA."),
        );
    }
    let record = |renews_on, cancelled_on, ends_on| CoverageRecord {
        start,
        term,
        term_from: 1,
        renews_on,
        auto_renew,
        cancelled_on,
        ends_on,
    };
    match state.as_str() {
        "" | "active" => {
            row.empty(&["cancelled_on", "term_end"], "for an active SMA");
            let renews_on = contract.next_renewal(today).date;
            let ends_on = (!auto_renew).then_some(renews_on);
            Some(ImportedSma {
                record: record(renews_on, None, ends_on),
                lapsed: false,
            })
        }
        "cancelled" => {
            row.empty(
                &["term_end"],
                "for a cancelled SMA (its end follows from cancelled_on)",
            );
            let on = cancelled_on(row, start, today)?;
            let ends = contract.cancel(on).coverage_ends;
            if ends <= today {
                row.reject("sma_state", format!(
                    "An SMA cancelled on {} ended on {}: it has lapsed (sma_state lapsed, term_end {}).",
                    iso(on), iso(ends), iso(day_before(ends))
                ));
                return None;
            }
            (!auto_renew).then_some(ImportedSma {
                record: record(ends, Some(on), Some(ends)),
                lapsed: false,
            })
        }
        "lapsed" => {
            let on = match row.get("cancelled_on") {
                "" => None,
                _ => Some(cancelled_on(row, start, today)?),
            };
            let end = row.any_date("term_end")?;
            let ends = match YearSpan::containing(start, end).filter(|y| y.last_day() == end) {
                Some(year) => year.next_anniversary,
                None => {
                    row.reject("term_end", format!(
                        "term_end must be the last day of an SMA year from {} (the day before an anniversary), not {}.",
                        iso(start), iso(end)
                    ));
                    return None;
                }
            };
            if ends > today {
                row.reject("term_end", format!(
                    "A lapsed SMA's term_end is past; {} is not: an SMA that still covers is active or cancelled.",
                    iso(end)
                ));
                return None;
            }
            (!auto_renew).then_some(ImportedSma {
                record: record(ends, on, Some(ends)),
                lapsed: true,
            })
        }
        other => {
            row.reject(
                "sma_state",
                format!("sma_state must be active, cancelled or lapsed (or empty: active), not {other:?}."),
            );
            None
        }
    }
}

/// `cancelled_on`: not after today, not before the SMA's start.
fn cancelled_on(row: &mut Row, start: NaiveDate, today: NaiveDate) -> Option<NaiveDate> {
    let on = row.date("cancelled_on", today)?;
    if on < start {
        row.reject("cancelled_on", "cancelled_on is before coverage_start.");
        return None;
    }
    Some(on)
}

fn legacy(
    row: &mut Row,
    licence_date: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<ImportedLegacy> {
    row.empty(
        &["term_years", "auto_renew", "sma_state", "cancelled_on"],
        "for a Maintenance Contract (its terms are 12 months, ordered one by one)",
    );
    let start = start(row, licence_date, today);
    let basis = match Money::parse(row.get("legacy_fee_basis")) {
        Some(b) if b > Money::ZERO => Some(b),
        _ => {
            row.reject(
                "legacy_fee_basis",
                "legacy_fee_basis must be an amount above 0 with at most two decimals (the licence value the contract records).",
            );
            None
        }
    };
    let term_end = match row.get("term_end") {
        "" => {
            row.reject(
                "term_end",
                "term_end (the last day of the last term ordered) is needed for a Maintenance Contract.",
            );
            None
        }
        _ => row.any_date("term_end"),
    };
    let (start, basis, term_end) = (start?, basis?, term_end?);
    match LegacyContract::until(start, basis, term_end) {
        Ok(contract) => Some(ImportedLegacy {
            contract,
            ended: contract.status_on(today) == LegacyStatus::Ended,
        }),
        Err(e) => {
            row.reject("term_end", e.message());
            None
        }
    }
}
