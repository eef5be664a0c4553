//! The SQL of an import (`imports`): staging rows, checking them across the parts, and the
//! batch that applies them set-wise (a handful of statements whatever the number of rows).
//! `?1` is always the import id.

/// The staged columns, in the order of `import_rows` (each also a key of a staged row's JSON).
const COLUMNS: [&str; 28] = [
    "row",
    "customer_id",
    "customer_ref",
    "customer_name",
    "country",
    "vat_id",
    "contact_email",
    "installation_id",
    "licence_number",
    "name",
    "edition",
    "cameras",
    "modules",
    "licence_date",
    "installed_version",
    "initial_value",
    "coverage",
    "sma_start",
    "term_years",
    "renews_on",
    "auto_renew",
    "cancelled_on",
    "ends_on",
    "lapsed",
    "legacy_start",
    "fee_basis",
    "legacy_terms",
    "legacy_closed",
];

/// Stages the rows of `?2`, a JSON array of objects keyed by [`COLUMNS`].
pub fn stage() -> String {
    let values: Vec<String> = COLUMNS
        .iter()
        .map(|c| format!("json_extract(value, '$.{c}')"))
        .collect();
    format!(
        "INSERT OR REPLACE INTO import_rows (import_id, {}) SELECT ?1, {} FROM json_each(?2)",
        COLUMNS.join(", "),
        values.join(", ")
    )
}

pub const REMOVE_STALE_ROWS: &str = "DELETE FROM import_rows WHERE import_id IN
    (SELECT id FROM import_runs WHERE created_at < ?1)";
pub const REMOVE_STALE_RUNS: &str = "DELETE FROM import_runs WHERE created_at < ?1";
pub const BEGIN: &str = "INSERT INTO import_runs (id, created_at, actor) VALUES (?1, ?2, ?3)";
pub const REFUSED: &str = "UPDATE import_runs SET rejected = rejected + ?2 WHERE id = ?1";
pub const STAGED: &str =
    "SELECT rejected, (SELECT count(*) FROM import_rows WHERE import_id = ?1) AS staged
    FROM import_runs WHERE id = ?1";

/// Rows that repeat a licence number, and rows of a customer that disagree with its first.
pub const CONFLICTS: &str = "
SELECT r.row AS row, f.first AS first, r.licence_number AS subject, 'licence' AS kind
  FROM import_rows r
  JOIN (SELECT licence_number, min(row) AS first FROM import_rows WHERE import_id = ?1
         GROUP BY licence_number HAVING count(*) > 1) f ON f.licence_number = r.licence_number
 WHERE r.import_id = ?1 AND r.row > f.first
UNION ALL
SELECT r.row AS row, f.row AS first, r.customer_ref AS subject, 'customer' AS kind
  FROM import_rows r
  JOIN import_rows f ON f.import_id = ?1 AND f.customer_ref = r.customer_ref
   AND f.row = (SELECT min(m.row) FROM import_rows m WHERE m.import_id = ?1 AND m.customer_ref = r.customer_ref)
 WHERE r.import_id = ?1 AND r.row > f.row
   AND (r.customer_name IS NOT f.customer_name OR r.country IS NOT f.country
        OR r.vat_id IS NOT f.vat_id OR r.contact_email IS NOT f.contact_email)
 ORDER BY 1 LIMIT 1000";

/// Marks the rows whose customer is not stored exactly so.
const CUSTOMER_CHANGED: &str = "
UPDATE import_rows SET customer_changed = NOT EXISTS (
  SELECT 1 FROM customers c
   WHERE c.ref = import_rows.customer_ref AND c.name = import_rows.customer_name
     AND c.country = import_rows.country AND c.vat_id IS import_rows.vat_id
     AND c.contact_email = import_rows.contact_email)
 WHERE import_id = ?1";

/// Marks the rows whose installation or coverage is not stored exactly so. An active SMA
/// compares what the file says (its renewal day moves with the renewals); an installed
/// version not given keeps the stored one; closed contracts (switched or ended) are history
/// that an SMA or no coverage leaves in place.
const CHANGED: &str = "
UPDATE import_rows SET changed = NOT EXISTS (
  SELECT 1 FROM installations i
    JOIN customers c ON c.id = i.customer_id
    LEFT JOIN sma_coverage s ON s.installation_id = i.id
    LEFT JOIN legacy_contracts l ON l.installation_id = i.id
   WHERE i.licence_number = import_rows.licence_number AND c.ref = import_rows.customer_ref
     AND i.name = import_rows.name AND i.edition = import_rows.edition
     AND i.cameras = import_rows.cameras AND i.modules = import_rows.modules
     AND i.licence_date = import_rows.licence_date
     AND (import_rows.installed_version IS NULL OR i.installed_version IS import_rows.installed_version)
     AND CAST(i.initial_value AS REAL) = CAST(import_rows.initial_value AS REAL)
     AND CASE import_rows.coverage
       WHEN 'none' THEN s.installation_id IS NULL AND (l.installation_id IS NULL OR l.closed IS NOT NULL)
       WHEN 'sma' THEN (l.installation_id IS NULL OR l.closed IS NOT NULL)
            AND s.start = import_rows.sma_start AND s.term_years = import_rows.term_years
            AND s.auto_renew = import_rows.auto_renew AND s.cancelled_on IS import_rows.cancelled_on
            AND s.lapsed = import_rows.lapsed
            AND ((import_rows.cancelled_on IS NULL AND import_rows.lapsed = 0)
                 OR s.ends_on IS import_rows.ends_on)
       ELSE s.installation_id IS NULL AND l.start = import_rows.legacy_start
            AND CAST(l.fee_basis AS REAL) = CAST(import_rows.fee_basis AS REAL)
            AND l.terms = import_rows.legacy_terms AND l.closed IS import_rows.legacy_closed
     END)
 WHERE import_id = ?1";

/// The counts of the report (`ImportReport`).
const COUNTS: &str = "
SELECT (SELECT count(DISTINCT customer_ref) FROM import_rows WHERE import_id = ?1 AND customer_changed) AS customers,
       (SELECT count(*) FROM import_rows WHERE import_id = ?1 AND changed) AS installations,
       (SELECT count(*) FROM import_rows WHERE import_id = ?1 AND NOT changed AND NOT customer_changed) AS unchanged";

const CUSTOMERS: &str = "
INSERT INTO customers (id, name, country, vat_id, ref, contact_email)
SELECT r.customer_id, r.customer_name, r.country, r.vat_id, r.customer_ref, r.contact_email
  FROM import_rows r
 WHERE r.import_id = ?1 AND r.customer_changed
   AND r.row = (SELECT min(m.row) FROM import_rows m WHERE m.import_id = ?1 AND m.customer_ref = r.customer_ref)
ON CONFLICT (ref) DO UPDATE SET name = excluded.name, country = excluded.country,
       vat_id = excluded.vat_id, contact_email = excluded.contact_email";

const INSTALLATIONS: &str = "
INSERT INTO installations (id, customer_id, name, edition, cameras, modules, licence_date,
       installed_version, initial_value, licence_number)
SELECT r.installation_id, c.id, r.name, r.edition, r.cameras, r.modules, r.licence_date,
       r.installed_version, r.initial_value, r.licence_number
  FROM import_rows r JOIN customers c ON c.ref = r.customer_ref
 WHERE r.import_id = ?1 AND r.changed
ON CONFLICT (licence_number) DO UPDATE SET customer_id = excluded.customer_id,
       name = excluded.name, edition = excluded.edition, cameras = excluded.cameras,
       modules = excluded.modules, licence_date = excluded.licence_date,
       installed_version = COALESCE(excluded.installed_version, installations.installed_version),
       initial_value = excluded.initial_value, version = installations.version + 1";

/// The SMA of rows that now have a contract or no coverage.
const REMOVE_SMA: &str = "
DELETE FROM sma_coverage WHERE installation_id IN (
  SELECT i.id FROM import_rows r JOIN installations i ON i.licence_number = r.licence_number
   WHERE r.import_id = ?1 AND r.changed AND r.coverage <> 'sma')";

/// The open contract of rows that now have an SMA or no coverage (closed ones stay).
const REMOVE_LEGACY: &str = "
DELETE FROM legacy_contracts WHERE closed IS NULL AND installation_id IN (
  SELECT i.id FROM import_rows r JOIN installations i ON i.licence_number = r.licence_number
   WHERE r.import_id = ?1 AND r.changed AND r.coverage <> 'legacy')";

/// The SMAs; the renewal run works out their next event ('').
const SMA: &str = "
INSERT INTO sma_coverage (installation_id, start, term_years, term_from, renews_on, auto_renew,
       cancelled_on, ends_on, lapsed, reminded_deadline, next_event_on)
SELECT i.id, r.sma_start, r.term_years, 1, r.renews_on, r.auto_renew, r.cancelled_on, r.ends_on,
       r.lapsed, NULL, ''
  FROM import_rows r JOIN installations i ON i.licence_number = r.licence_number
 WHERE r.import_id = ?1 AND r.changed AND r.coverage = 'sma'
ON CONFLICT (installation_id) DO UPDATE SET start = excluded.start,
       term_years = excluded.term_years, term_from = 1, renews_on = excluded.renews_on,
       auto_renew = excluded.auto_renew, cancelled_on = excluded.cancelled_on,
       ends_on = excluded.ends_on, lapsed = excluded.lapsed, reminded_deadline = NULL,
       next_event_on = ''";

const LEGACY: &str = "
INSERT INTO legacy_contracts (installation_id, start, fee_basis, terms, closed, reminded_ends_on,
       reminded_days)
SELECT i.id, r.legacy_start, r.fee_basis, r.legacy_terms, r.legacy_closed, NULL, NULL
  FROM import_rows r JOIN installations i ON i.licence_number = r.licence_number
 WHERE r.import_id = ?1 AND r.changed AND r.coverage = 'legacy'
ON CONFLICT (installation_id) DO UPDATE SET start = excluded.start,
       fee_basis = excluded.fee_basis, terms = excluded.terms, closed = excluded.closed,
       reminded_ends_on = NULL, reminded_days = NULL";

/// The audit entry (`?2` when, `?3` who), only when the import changed something.
pub const AUDIT: &str = "
INSERT INTO audit_log (at, actor, action, subject, before, after)
SELECT ?2, ?3, 'customers.import', 'customers', NULL, json_object(
         'customers', (SELECT count(DISTINCT customer_ref) FROM import_rows WHERE import_id = ?1 AND customer_changed),
         'installations', (SELECT count(*) FROM import_rows WHERE import_id = ?1 AND changed),
         'unchanged', (SELECT count(*) FROM import_rows WHERE import_id = ?1 AND NOT changed AND NOT customer_changed))
 WHERE EXISTS (SELECT 1 FROM import_rows WHERE import_id = ?1 AND (changed OR customer_changed))";

pub const REMOVE_ROWS: &str = "DELETE FROM import_rows WHERE import_id = ?1";
pub const REMOVE_RUN: &str = "DELETE FROM import_runs WHERE id = ?1";

/// The batch that applies an import, in this order (the coverage removed before it is written,
/// so that an installation never has both an SMA and an open contract).
pub const APPLY: [&str; 12] = [
    CUSTOMER_CHANGED,
    CHANGED,
    COUNTS,
    CUSTOMERS,
    INSTALLATIONS,
    REMOVE_SMA,
    REMOVE_LEGACY,
    SMA,
    LEGACY,
    AUDIT,
    REMOVE_ROWS,
    REMOVE_RUN,
];

/// The position of [`COUNTS`] in [`APPLY`].
pub const COUNTS_AT: usize = 2;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_staging_statement_binds_two_values_whatever_the_rows() {
        let s = stage();
        assert!(s.contains("?2") && !s.contains("?3"));
        assert_eq!(s.matches("json_extract").count(), COLUMNS.len());
    }

    #[test]
    fn the_counts_are_read_where_the_batch_has_them() {
        assert_eq!(APPLY[COUNTS_AT], COUNTS);
    }
}
