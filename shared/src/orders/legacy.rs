//! Orders on an installation that has (or had) a legacy Maintenance Contract (pricing.md
//! section 9; api.md "Legacy Maintenance Contracts"), and the one entry point that prices any
//! order on a stored installation, [`price_order`].
//!
//! The contract's phase on the order date ([`LegacyPhase`]) decides which orders exist:
//! - open (in a term or its grace): extend, expand (pro-rated for the term), upgrade (no
//!   credit), switch to the SMA; buying or renewing an SMA, or an SMA expansion, is refused
//!   with the order to place instead (409);
//! - switched, before the SMA starts at the contract's end: expand and upgrade under the
//!   contract (which covers until then), and the SMA's own renewal;
//! - ended for good: the SMA bought later (section 4 from the end), expansion and upgrade as
//!   without an SMA;
//! - superseded (the SMA that followed covers): as any SMA installation.
//!
//! Each order answers the [`PricedOrder`] as the SMA orders do (lines, net, notes, the
//! configuration and SMA after it) and the contract after it when the order changes it.

use chrono::NaiveDate;

use super::price::{
    late_lines, licence_line, price_expansion, price_renewal, price_sma, price_upgrade, q_edition,
    total, year_line,
};
use super::{
    InstallationState, LineKind, Note, OrderInput, OrderKind, OrderLine, OrderRefusal, Outcome,
    PricedOrder,
};
use crate::dates::{day_before, iso};
use crate::foundation::{Explain, PricingError};
use crate::lifecycle::{
    CoverageRecord, LegacyClosure, LegacyNote, LegacyPhase, LegacyProRata, LegacyRecord, TermTopUp,
};
use crate::pricing::{
    Configuration, ExpansionInput, PriceBooks, TermYears, UpgradeInput, YearSpan,
};

/// An order priced from the stored state, and the Maintenance Contract after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Priced {
    /// The order: lines, net, notes, the configuration and SMA after it.
    pub order: PricedOrder,
    /// The contract after the order, when the order changes it (`None`: unchanged).
    pub legacy: Option<LegacyRecord>,
}

impl Priced {
    fn plain(order: PricedOrder) -> Priced {
        Priced {
            order,
            legacy: None,
        }
    }
}

/// Prices the validated `input` on the installation `st` with its Maintenance Contract
/// `legacy` (if it ever had one) on `today`.
pub fn price_order(
    books: &PriceBooks,
    st: &InstallationState,
    legacy: Option<&LegacyRecord>,
    input: &OrderInput,
    today: NaiveDate,
) -> Result<Priced, OrderRefusal> {
    let under = legacy.map(|r| (r, r.phase(st.coverage.is_some(), today)));
    match under {
        Some((record, phase)) if phase != LegacyPhase::Superseded => {
            price_under_contract(books, st, record, phase, input, today)
        }
        _ => price_without_contract(books, st, input, today).map(Priced::plain),
    }
}

/// An order on an installation whose contract does not matter (none, or superseded).
fn price_without_contract(
    books: &PriceBooks,
    st: &InstallationState,
    input: &OrderInput,
    today: NaiveDate,
) -> Result<PricedOrder, OrderRefusal> {
    match input {
        OrderInput::Sma(term) => price_sma(books, st, *term, today),
        OrderInput::Renewal => price_renewal(books, st, today),
        OrderInput::Expansion(add) => price_expansion(books, st, add, today),
        OrderInput::Upgrade(to) => price_upgrade(books, st, to, today),
        OrderInput::LegacyExtension
        | OrderInput::LegacyExpansion(_)
        | OrderInput::SwitchToSma(_) => Err(OrderRefusal::State(
            "This installation has no Maintenance Contract; its orders are those of the SMA."
                .into(),
        )),
    }
}

fn price_under_contract(
    books: &PriceBooks,
    st: &InstallationState,
    record: &LegacyRecord,
    phase: LegacyPhase,
    input: &OrderInput,
    today: NaiveDate,
) -> Result<Priced, OrderRefusal> {
    let contract = &record.contract;
    let last_day = iso(contract.term_end());
    let refuse = |message: String| Err(OrderRefusal::State(message));
    match (phase, input) {
        (LegacyPhase::Open(_), OrderInput::LegacyExtension) => extension(st, record, today),
        (LegacyPhase::Open(_), OrderInput::SwitchToSma(term)) => {
            switch(books, st, record, *term, today)
        }
        (LegacyPhase::Open(_) | LegacyPhase::Switched { .. }, OrderInput::LegacyExpansion(add)) => {
            expansion(books, st, record, phase, add, today)
        }
        (LegacyPhase::Open(_) | LegacyPhase::Switched { .. }, OrderInput::Upgrade(to)) => {
            upgrade(books, st, record, phase, to, today)
        }
        (LegacyPhase::Open(_), OrderInput::Sma(_)) => refuse(format!(
            "This installation is under a Maintenance Contract until {last_day}; switch it to the SMA (switch_to_sma: no back-pay, no fee) instead of buying one."
        )),
        (LegacyPhase::Open(_), OrderInput::Renewal) => refuse(format!(
            "This installation is under a Maintenance Contract until {last_day}; extend the contract (legacy_extension) or switch it to the SMA (switch_to_sma)."
        )),
        (LegacyPhase::Open(_) | LegacyPhase::Switched { .. }, OrderInput::Expansion(_)) => {
            refuse(format!(
                "This installation is under a Maintenance Contract until {last_day}; added licences join the contract: order a legacy_expansion."
            ))
        }
        (LegacyPhase::Switched { .. }, OrderInput::Renewal) => {
            price_renewal(books, st, today).map(Priced::plain)
        }
        (
            LegacyPhase::Switched { sma_from },
            OrderInput::Sma(_) | OrderInput::LegacyExtension | OrderInput::SwitchToSma(_),
        ) => refuse(format!(
            "This installation was switched to the SMA, which starts on {} when the Maintenance Contract ends; nothing more is needed to keep it covered.",
            iso(sma_from)
        )),
        (LegacyPhase::Ended { .. }, OrderInput::Sma(term)) => {
            sma_after_end(books, st, record, *term, today)
        }
        (LegacyPhase::Ended { .. }, OrderInput::Expansion(_) | OrderInput::Upgrade(_)) => {
            price_without_contract(books, st, input, today).map(Priced::plain)
        }
        (LegacyPhase::Ended { ended_at }, OrderInput::Renewal) => refuse(format!(
            "The Maintenance Contract ended on {}; there is no SMA to renew: buy the SMA (sma) instead.",
            iso(day_before(ended_at))
        )),
        (
            LegacyPhase::Ended { .. },
            OrderInput::LegacyExtension | OrderInput::LegacyExpansion(_) | OrderInput::SwitchToSma(_),
        ) => Err(PricingError::LegacyContractEnded {
            field: None,
            ended_on: last_day,
            grace_until: iso(contract.grace_until()),
        }
        .into()),
        (LegacyPhase::Superseded, _) => price_without_contract(books, st, input, today).map(Priced::plain),
    }
}

/// The order and the contract after it.
fn priced(
    kind: OrderKind,
    today: NaiveDate,
    lines: Vec<OrderLine>,
    notes: Vec<LegacyNote>,
    outcome: Outcome,
    legacy: LegacyRecord,
) -> Priced {
    Priced {
        order: PricedOrder {
            kind,
            date: today,
            net: total(&lines),
            lines,
            notes: notes.into_iter().map(Note::Legacy).collect(),
            outcome,
        },
        legacy: Some(legacy),
    }
}

fn term_text(term: &YearSpan) -> String {
    format!(
        "term {} ({} – {})",
        term.index,
        iso(term.start),
        iso(term.last_day())
    )
}

fn top_up_line(t: &TermTopUp) -> OrderLine {
    OrderLine::plain(
        LineKind::LegacyTopUp,
        &format!("legacy_top_up_{}", t.term.index),
        format!(
            "Maintenance Contract {} topped up to the new fee basis",
            term_text(&t.term)
        ),
        t.amount,
        t.explain(),
    )
    .covering(Some(t.term.index), t.term.start, t.term.last_day())
}

fn pro_rata_line(p: &LegacyProRata) -> OrderLine {
    OrderLine::plain(
        LineKind::LegacyProRata,
        "legacy_pro_rata",
        format!(
            "Maintenance Contract on the added licences, for the rest of {}",
            term_text(&p.term)
        ),
        p.amount(),
        p.explain(),
    )
    .covering(Some(p.term.index), p.date, p.term.last_day())
}

/// After a switch the contract's fee basis no longer prices a term: its note gives way to
/// the day the SMA takes over.
fn after_switch(notes: Vec<LegacyNote>, phase: LegacyPhase) -> Vec<LegacyNote> {
    match phase {
        LegacyPhase::Switched { sma_from } => notes
            .into_iter()
            .filter(|n| !matches!(n, LegacyNote::FeeBasisFrom { .. }))
            .chain([LegacyNote::SmaTakesOver { sma_from }])
            .collect(),
        _ => notes,
    }
}

/// `legacy_extension`: the next term at the annual fee.
fn extension(
    st: &InstallationState,
    record: &LegacyRecord,
    today: NaiveDate,
) -> Result<Priced, OrderRefusal> {
    let ext = record.contract.extend(today)?;
    let term = ext.term;
    let line = OrderLine::plain(
        LineKind::LegacyTerm,
        &format!("legacy_term_{}", term.index),
        format!("Maintenance Contract {}", term_text(&term)),
        ext.fee.amount,
        ext.explain(),
    )
    .covering(Some(term.index), term.start, term.last_day());
    let outcome = Outcome {
        config: st.config.clone(),
        coverage: st.coverage,
        term_start: Some(term.start),
    };
    let after = LegacyRecord {
        contract: ext.contract,
        ..*record
    };
    Ok(priced(
        OrderKind::LegacyExtension,
        today,
        vec![line],
        ext.notes(),
        outcome,
        after,
    ))
}

/// `legacy_expansion`: the licences, the current term's share and the top-ups of terms
/// ordered ahead; the fee basis rises from the next term on.
fn expansion(
    books: &PriceBooks,
    st: &InstallationState,
    record: &LegacyRecord,
    phase: LegacyPhase,
    add: &ExpansionInput,
    today: NaiveDate,
) -> Result<Priced, OrderRefusal> {
    let exp = record.contract.expand(books, &st.config, add, today)?;
    if exp.quote.config_after == st.config {
        return Err(OrderRefusal::Empty(
            "Add at least one camera or module to expand the installation.".into(),
        ));
    }
    let mut lines: Vec<OrderLine> = exp.quote.lines.iter().map(licence_line).collect();
    lines.extend(exp.pro_rata.iter().map(pro_rata_line));
    lines.extend(exp.top_ups.iter().map(top_up_line));
    let outcome = Outcome {
        config: exp.quote.config_after.clone(),
        coverage: st.coverage,
        term_start: None,
    };
    let after = LegacyRecord {
        contract: exp.contract,
        ..*record
    };
    let notes = after_switch(exp.notes(), phase);
    Ok(priced(
        OrderKind::LegacyExpansion,
        today,
        lines,
        notes,
        outcome,
        after,
    ))
}

/// `upgrade` under the contract: the target total without credit; the fee basis becomes the
/// target total from the next term on.
fn upgrade(
    books: &PriceBooks,
    st: &InstallationState,
    record: &LegacyRecord,
    phase: LegacyPhase,
    to_edition: &str,
    today: NaiveDate,
) -> Result<Priced, OrderRefusal> {
    let up = record.contract.upgrade(
        books,
        &UpgradeInput {
            config: st.config.clone(),
            licence_date: st.licence_date,
            to_edition: to_edition.to_owned(),
            upgrade_date: today,
            sma_start: None,
            recorded_initial_value: Some(st.initial_value),
        },
    )?;
    let mut lines: Vec<OrderLine> = up.quote.lines.iter().map(licence_line).collect();
    lines.extend(up.top_ups.iter().map(top_up_line));
    let notes = match phase {
        LegacyPhase::Switched { sma_from } => up
            .notes()
            .into_iter()
            .filter(|n| {
                !matches!(
                    n,
                    LegacyNote::FeeBasisFrom { .. } | LegacyNote::SwitchFirstForCredit { .. }
                )
            })
            .chain([LegacyNote::CreditOnceSmaRuns {
                sma_from,
                credit: up.credit_with_sma,
            }])
            .collect(),
        _ => up.notes(),
    };
    let mut target = st.config.to_input();
    target.edition = q_edition(books, to_edition, today);
    let config = Configuration::validate(books.book_on(today)?, &target)?;
    let outcome = Outcome {
        config,
        coverage: st.coverage,
        term_start: None,
    };
    let after = LegacyRecord {
        contract: up.contract,
        ..*record
    };
    Ok(priced(
        OrderKind::Upgrade,
        today,
        lines,
        notes,
        outcome,
        after,
    ))
}

/// `switch_to_sma`: the SMA from the contract's end, its year index after the contract's
/// whole years; no back-pay, no fee. The contract is closed (it still covers until its end).
fn switch(
    books: &PriceBooks,
    st: &InstallationState,
    record: &LegacyRecord,
    term: TermYears,
    today: NaiveDate,
) -> Result<Priced, OrderRefusal> {
    let sw = record
        .contract
        .switch_to_sma(books, &st.config, today, term)?;
    let lines: Vec<OrderLine> = sw.sma.first_term.iter().map(year_line).collect();
    let outcome = Outcome {
        config: st.config.clone(),
        coverage: Some(sw.coverage()),
        term_start: Some(sw.legacy_end),
    };
    let after = LegacyRecord {
        closed: Some(LegacyClosure::Switched),
        ..*record
    };
    Ok(priced(
        OrderKind::SwitchToSma,
        today,
        lines,
        sw.notes(),
        outcome,
        after,
    ))
}

/// `sma` after the contract ended for good: section 4 with the contract's end in place of the
/// licence date (year 1 from today, back-pay from the end, the fee).
fn sma_after_end(
    books: &PriceBooks,
    st: &InstallationState,
    record: &LegacyRecord,
    term: TermYears,
    today: NaiveDate,
) -> Result<Priced, OrderRefusal> {
    let after = record
        .contract
        .sma_after_end(books, &st.config, today, term)?;
    let mut lines: Vec<OrderLine> = after.sma.first_term.iter().map(year_line).collect();
    if let Some(charges) = &after.sma.late_charges {
        lines.extend(late_lines(charges));
    }
    let start = after.sma.contract.start();
    let outcome = Outcome {
        config: st.config.clone(),
        coverage: Some(CoverageRecord::begin(start, term, 1)),
        term_start: Some(start),
    };
    let closed = LegacyRecord {
        closed: Some(LegacyClosure::Ended),
        ..*record
    };
    Ok(priced(
        OrderKind::Sma,
        today,
        lines,
        after.notes(),
        outcome,
        closed,
    ))
}

#[cfg(test)]
#[path = "legacy_tests.rs"]
mod tests;
