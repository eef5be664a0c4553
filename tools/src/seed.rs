//! The demo seed for local development (`sma-tools seed --out DIR --today YYYY-MM-DD`):
//! `DIR/customers.csv`, the demo customers and installations dated relative to `today`, which
//! go in through the customer import (`sma-tools import`, as any vendor's file), and
//! `DIR/seed.sql`, what the import does not carry (logins with passwords, the demo customers'
//! ids, an expired token), run after it. The demo releases take the way of every release,
//! `sma-tools publish --demo` (see `publish`).

use crate::{accounts, demo};
use chrono::NaiveDate;
use std::{fmt::Write as _, fs, path::Path};

/// Quotes a string as an SQL literal.
pub fn sql_str(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Writes `customers.csv` and `seed.sql` into `out`, dated relative to `today`.
pub fn write(out: &Path, today: NaiveDate) -> Result<(), String> {
    fs::write(out.join("customers.csv"), demo::render(today)?).map_err(|e| e.to_string())?;
    let mut sql = String::new();
    let _ = writeln!(
        sql,
        "INSERT INTO app_meta (key, value) VALUES ('seeded_on', {}) ON CONFLICT(key) DO UPDATE SET value = excluded.value;",
        sql_str(&today.to_string())
    );
    sql.push_str(&accounts::seed_sql(today)?);
    fs::write(out.join("seed.sql"), sql).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sql_strings_escape_single_quotes() {
        assert_eq!(sql_str("O'Brien"), "'O''Brien'");
    }
}
