//! The demo data: SQL for D1 and the list of artifacts for R2.

use crate::{accounts, artifacts, releases};
use chrono::NaiveDate;
use sma_shared::releases::Artifact;
use std::{fmt::Write as _, fs, path::Path};

/// Quotes a string as an SQL literal.
pub fn sql_str(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Writes `seed.sql` and `artifacts.tsv` (R2 key, file, size) into `out`, dated relative to
/// `today`; release notes come from `releases_dir` (plus `extra` releases, synthetic ones for
/// growth measurements), generated artifacts are cached in `cache`.
pub fn write(
    out: &Path,
    today: NaiveDate,
    releases_dir: &Path,
    cache: &Path,
    extra: Vec<sma_shared::releases::Release>,
) -> Result<(), String> {
    let mut sql = String::new();
    let _ = writeln!(
        sql,
        "INSERT INTO app_meta (key, value) VALUES ('seeded_on', {}) ON CONFLICT(key) DO UPDATE SET value = excluded.value;",
        sql_str(&today.to_string())
    );
    let mut tsv = String::new();
    let mut all = extra;
    for parsed in releases::read_dir(releases_dir)? {
        let mut release = parsed.release;
        for spec in &parsed.artifacts {
            let generated = artifacts::ensure(spec, cache)?;
            let artifact = Artifact {
                id: spec.id.clone(),
                name: spec.name.clone(),
                platform: spec.platform.clone(),
                kind: spec.kind.clone(),
                size: spec.size,
                sha256: generated.sha256,
            };
            let key = releases::artifact_key(&release.version, &artifact);
            let _ = writeln!(tsv, "{key}\t{}\t{}", generated.path.display(), spec.size);
            release.artifacts.push(artifact);
        }
        all.push(release);
    }
    sql.push_str(&releases::import_sql(&all));
    sql.push_str(&accounts::seed_sql(today)?);
    fs::write(out.join("seed.sql"), sql).map_err(|e| e.to_string())?;
    fs::write(out.join("artifacts.tsv"), tsv).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sql_strings_escape_single_quotes() {
        assert_eq!(sql_str("O'Brien"), "'O''Brien'");
    }
}
