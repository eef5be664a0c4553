//! `sma-tools bench-seed`: a large customer base for measuring the daily renewal run
//! (`scripts/bench-renewals.sh`, figures in docs/performance.md): `--installations N`
//! auto-renewing yearly SMAs (five per customer, one user each) of which `--due K` renew on
//! `--date D`; the others started within the last 200 days, so that nothing else is due on D.
//! Each row carries its next event day as the engine would have stored it
//! (`shared::lifecycle::next_event`), so the run finds exactly what is due through the index.

use crate::seed::sql_str;
use chrono::{Days, Months, NaiveDate};
use sma_shared::dates::iso;
use sma_shared::lifecycle::{next_event, CoverageRecord, EngineState};
use sma_shared::TermYears;
use std::fmt::Write as _;

/// Installations per customer.
const PER_CUSTOMER: usize = 5;

/// The SQL of `installations` SMAs, `due` of them renewing on `date`.
pub fn sql(installations: usize, due: usize, date: NaiveDate) -> Result<String, String> {
    let mut out = String::new();
    let year_ago = date
        .checked_sub_months(Months::new(12))
        .ok_or("date out of range")?;
    for c in 0..installations.div_ceil(PER_CUSTOMER) {
        let _ = writeln!(
            out,
            "INSERT INTO customers (id, name, country, vat_id, ref, contact_email) VALUES ('cus_b{c:05}', 'Bench Customer {c}', 'DE', NULL, 'B-{c:05}', 'it{c}@bench.example');"
        );
        let _ = writeln!(
            out,
            "INSERT INTO users (id, customer_id, email, password_hash, role, lang, created_at) VALUES ('usr_b{c:05}', 'cus_b{c:05}', 'it{c}@bench.example', 'none', 'admin', 'en', '{}T00:00:00.000Z');",
            iso(year_ago)
        );
    }
    for i in 0..installations {
        // Spread the due ones over the whole set, so that the index, not the order of ids,
        // finds them.
        let is_due = due > 0
            && i % (installations / due).max(1) == 0
            && i / (installations / due).max(1) < due;
        let start = if is_due {
            year_ago
        } else {
            date - Days::new((i % 200) as u64 + 1)
        };
        let coverage = CoverageRecord::begin(start, TermYears::One, 1);
        let engine = EngineState {
            coverage,
            lapsed: false,
            reminded_deadline: None,
        };
        let next = next_event(&engine, date).ok_or("a running SMA has a next event")?;
        let id = format!("inst_b{i:05}");
        let _ = writeln!(
            out,
            "INSERT INTO installations (id, customer_id, name, edition, cameras, modules, licence_date, installed_version, initial_value, licence_number) VALUES ({}, 'cus_b{:05}', 'Site {i}', 'probox', 12, '[{{\"sku\":\"client\",\"qty\":1}}]', {}, '6.1.2', '2418.00', NULL);",
            sql_str(&id),
            i / PER_CUSTOMER,
            sql_str(&iso(start))
        );
        let _ = writeln!(
            out,
            "INSERT INTO sma_coverage (installation_id, start, term_years, term_from, renews_on, auto_renew, lapsed, next_event_on) VALUES ({}, {}, 1, 1, {}, 1, 0, {});",
            sql_str(&id),
            sql_str(&iso(start)),
            sql_str(&iso(coverage.renews_on)),
            sql_str(&iso(next))
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exactly_the_asked_number_is_due_on_the_day() {
        let day = NaiveDate::from_ymd_opt(2027, 3, 10).unwrap();
        let text = sql(1000, 30, day).unwrap();
        assert_eq!(text.matches("INSERT INTO installations").count(), 1000);
        assert_eq!(text.matches("INSERT INTO customers").count(), 200);
        let due = text
            .lines()
            .filter(|l| l.starts_with("INSERT INTO sma_coverage") && l.ends_with("'2027-03-10');"))
            .count();
        assert_eq!(due, 30);
    }
}
