//! The demo's legacy Maintenance Contracts (pricing.md section 9), dated relative to the seed's
//! `today`: ben's Professional whose term ends within 60 days, and the customer with two
//! contracts (one running for months yet, one ending within 60 days). Each is the only coverage
//! of its installation: the seed removes any SMA row first.

use crate::seed::sql_str;
use chrono::{Days, Months, NaiveDate};
use sma_shared::lifecycle::LegacyContract;
use sma_shared::Money;
use std::fmt::Write as _;

/// One demo contract: the installation (its seed key), L, the frozen fee basis, and when its
/// ordered terms end.
pub struct DemoContract {
    /// The installation's key in the seed.
    pub installation: &'static str,
    /// The fee basis (decimal).
    pub fee_basis: &'static str,
    /// Roughly the first uncovered day E; the contract's start L is whole years before it.
    pub ends_around: NaiveDate,
    /// The number of whole terms up to E.
    pub terms: u32,
}

impl DemoContract {
    /// The contract: L = E − `terms` years; its end is E (or a day or two earlier when L
    /// falls on a day a shorter month lacks).
    pub fn contract(&self) -> Result<LegacyContract, String> {
        let start = self
            .ends_around
            .checked_sub_months(Months::new(12 * self.terms))
            .ok_or("legacy start out of range")?;
        let basis = Money::parse(self.fee_basis).ok_or("fee basis is not an amount")?;
        LegacyContract::new(start, basis, self.terms).map_err(|e| e.to_string())
    }
}

/// The demo contracts on `today`.
pub fn contracts(today: NaiveDate) -> Vec<DemoContract> {
    let in_days = |n: u64| today + Days::new(n);
    vec![
        // Ben: the Professional in Graz, under contract since eight years, ends in 40 days.
        DemoContract {
            installation: "ben-legacy",
            fee_basis: "5400.00",
            ends_around: in_days(40),
            terms: 8,
        },
        // Hofmann: the ProBox in Munich ends in 45 days (extend it), the Professional in
        // Augsburg runs for five more months (switch it to the SMA).
        DemoContract {
            installation: "hofmann-munich",
            fee_basis: "2200.00",
            ends_around: in_days(45),
            terms: 7,
        },
        DemoContract {
            installation: "hofmann-augsburg",
            fee_basis: "6100.00",
            ends_around: today.checked_add_months(Months::new(5)).unwrap_or(today),
            terms: 4,
        },
        // The lab customer's contracts, for the API tests: one to extend and expand, one to
        // switch to the SMA, one the renewal engine ends.
        DemoContract {
            installation: "lab-legacy-extend",
            fee_basis: "2200.00",
            ends_around: in_days(30),
            terms: 5,
        },
        DemoContract {
            installation: "lab-legacy-switch",
            fee_basis: "4000.00",
            ends_around: today.checked_add_months(Months::new(4)).unwrap_or(today),
            terms: 3,
        },
        DemoContract {
            installation: "lab-legacy-end",
            fee_basis: "1800.00",
            ends_around: in_days(20),
            terms: 2,
        },
    ]
}

/// The contract of the installation with `key`, if it has one.
pub fn contract_of(today: NaiveDate, key: &str) -> Option<DemoContract> {
    contracts(today).into_iter().find(|c| c.installation == key)
}

/// The SQL that makes `c` the only coverage of the installation `id`: no SMA row, an open
/// contract with no reminder sent.
pub fn upsert_sql(id: &str, c: &DemoContract) -> Result<String, String> {
    let contract = c.contract()?;
    let mut sql = String::new();
    let _ = writeln!(
        sql,
        "DELETE FROM sma_coverage WHERE installation_id = {};",
        sql_str(id)
    );
    let _ = writeln!(
        sql,
        "INSERT INTO legacy_contracts (installation_id, start, fee_basis, terms, closed, reminded_ends_on, reminded_days) \
         VALUES ({}, {}, {}, {}, NULL, NULL, NULL) \
         ON CONFLICT(installation_id) DO UPDATE SET start = excluded.start, fee_basis = excluded.fee_basis, \
         terms = excluded.terms, closed = NULL, reminded_ends_on = NULL, reminded_days = NULL;",
        sql_str(id),
        sql_str(&contract.start().to_string()),
        sql_str(&contract.fee_basis().to_string()),
        contract.terms()
    );
    Ok(sql)
}

/// The SQL that removes any contract of the installation `id` (before its SMA is written).
pub fn delete_sql(id: &str) -> String {
    format!(
        "DELETE FROM legacy_contracts WHERE installation_id = {};\n",
        sql_str(id)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use sma_shared::lifecycle::LegacyStatus;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn two_contracts_end_within_60_days_and_one_runs_for_months() {
        for today in [d(2026, 11, 30), d(2027, 1, 31), d(2028, 2, 29)] {
            let ends: Vec<i64> = contracts(today)
                .iter()
                .map(|c| {
                    let contract = c.contract().unwrap();
                    assert_eq!(contract.status_on(today), LegacyStatus::Active);
                    (contract.ends_on() - today).num_days()
                })
                .collect();
            assert!((35..=45).contains(&ends[0]), "{today}: {ends:?}");
            assert!((40..=45).contains(&ends[1]), "{today}: {ends:?}");
            assert!(ends[2] > 90, "{today}: {ends:?}");
            assert!(ends[4] > 90, "{today}: {ends:?}");
        }
    }

    #[test]
    fn the_contracts_near_their_end_can_be_extended_today_and_the_other_not_yet() {
        let today = d(2026, 11, 30);
        let all = contracts(today);
        assert!(all[1]
            .contract()
            .unwrap()
            .extension_window()
            .contains(today));
        assert!(!all[2]
            .contract()
            .unwrap()
            .extension_window()
            .contains(today));
    }

    #[test]
    fn a_contract_replaces_any_sma_row_of_its_installation() {
        let c = contract_of(d(2026, 11, 30), "ben-legacy").unwrap();
        let sql = upsert_sql("inst_x", &c).unwrap();
        let delete = sql.find("DELETE FROM sma_coverage").unwrap();
        let insert = sql.find("INSERT INTO legacy_contracts").unwrap();
        assert!(delete < insert);
        assert!(sql.contains("'5400.00', 8"));
    }
}
