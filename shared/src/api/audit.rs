//! `GET /api/admin/audit?after=&limit=` (api.md "Operating"): the audit log, newest first, in
//! pages.

use serde::{Deserialize, Serialize};

/// The most entries one page holds; the default is [`AUDIT_PAGE_DEFAULT`].
pub const AUDIT_PAGE_MAX: u32 = 200;

/// How many entries a page holds when `limit` is not given.
pub const AUDIT_PAGE_DEFAULT: u32 = 50;

/// One entry of the audit log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AuditEntry {
    /// Its id: later entries have larger ids (`after` of the next page).
    pub id: i64,
    /// When (ISO 8601 UTC).
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date-time")))]
    pub at: String,
    /// Who: `usr_… <email>` (a customer's user), `admin:<name>` (an operator's token) or
    /// `renewal-engine`.
    pub actor: String,
    /// What, e.g. `order.renewal`, `sma.cancel`, `release.publish`, `release.withdraw`,
    /// `artifact.store`, `renewals.run`, `engine.renew`, `download.link`.
    pub action: String,
    /// What it concerns, e.g. `installation:ins_…`, `release:6.1.2`,
    /// `artifact:releases/6.1.2/…`.
    pub subject: String,
    /// The state before, as recorded (JSON), if any.
    pub before: Option<serde_json::Value>,
    /// The state after, as recorded (JSON), if any.
    pub after: Option<serde_json::Value>,
}

/// One page of the audit log, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AuditPage {
    /// Newest first.
    pub entries: Vec<AuditEntry>,
    /// The `after` of the next (older) page; `null` on the last page.
    pub next_after: Option<i64>,
}

/// Why the paging parameters are refused: the parameter and a sentence.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct PagingError {
    /// `after` or `limit`.
    pub field: &'static str,
    /// What is wrong.
    pub message: String,
}

/// The page asked for: `after` (entries older than this id; absent: from the newest) and
/// `limit` (1 to [`AUDIT_PAGE_MAX`], default [`AUDIT_PAGE_DEFAULT`]). Empty values count as
/// absent.
pub fn audit_paging(
    after: Option<&str>,
    limit: Option<&str>,
) -> Result<(Option<i64>, u32), PagingError> {
    let after = match given(after) {
        None => None,
        Some(v) => Some(
            v.parse::<i64>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or(PagingError {
                    field: "after",
                    message: "`after` is the id of an audit entry (a positive whole number)."
                        .into(),
                })?,
        ),
    };
    let limit = match given(limit) {
        None => AUDIT_PAGE_DEFAULT,
        Some(v) => v
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=AUDIT_PAGE_MAX).contains(n))
            .ok_or(PagingError {
                field: "limit",
                message: format!("`limit` is a whole number from 1 to {AUDIT_PAGE_MAX}."),
            })?,
    };
    Ok((after, limit))
}

/// A parameter's value, trimmed; `None` when absent or empty.
fn given(v: Option<&str>) -> Option<&str> {
    v.map(str::trim).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_parameters_the_page_starts_at_the_newest_with_the_default_size() {
        assert_eq!(audit_paging(None, None), Ok((None, AUDIT_PAGE_DEFAULT)));
        assert_eq!(
            audit_paging(Some(""), Some(" ")),
            Ok((None, AUDIT_PAGE_DEFAULT))
        );
        assert_eq!(audit_paging(Some("42"), Some("10")), Ok((Some(42), 10)));
    }

    #[test]
    fn a_bad_cursor_or_size_names_its_parameter() {
        for (after, limit, field) in [
            (Some("x"), None, "after"),
            (Some("0"), None, "after"),
            (None, Some("0"), "limit"),
            (None, Some("201"), "limit"),
            (None, Some("-1"), "limit"),
        ] {
            assert_eq!(audit_paging(after, limit).unwrap_err().field, field);
        }
    }
}

/// The `before` and `after` of an audit entry of the renewal run for a legacy Maintenance
/// Contract (pricing.md section 9): its end, its last extension reminder and whether it closed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LegacyContractAudit {
    /// How the contract closed (`switched`, `ended`), if it did.
    pub closed: Option<String>,
    /// The days before its end of the last reminder sent.
    pub reminded_days: Option<u32>,
    /// The term end that reminder was for.
    pub reminded_ends_on: Option<String>,
    /// The last day the contract covers.
    pub term_end: String,
}
