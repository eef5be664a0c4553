//! The demo customers as SQL for D1 (`seed.sql`). The demo releases are not in it: they take
//! the same way as every release, `sma-tools publish --demo` through the Worker (see `publish`).

use crate::accounts;
use chrono::NaiveDate;
use std::{fmt::Write as _, fs, path::Path};

/// Quotes a string as an SQL literal.
pub fn sql_str(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Writes `seed.sql` into `out`, dated relative to `today`.
pub fn write(out: &Path, today: NaiveDate) -> Result<(), String> {
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
