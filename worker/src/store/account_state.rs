//! Account rows as domain values: roles and languages, what a registration found, a stored
//! token as the accounts core checks it. The companion of `state` (installations).
//!
//! Pure: tested natively with rows as D1 returns them.

use super::accounts::{SessionRow, UserRow};
use super::tokens::{RegistrationRow, TokenRow};
use crate::error::ApiError;
use chrono::{DateTime, Utc};
use sma_shared::accounts::{RegistrationFacts, Role, StoredToken, TokenKind};
use sma_shared::Lang;

/// A stored timestamp (ISO 8601 UTC) as an instant.
pub fn instant(text: &str) -> Result<DateTime<Utc>, ApiError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| ApiError::corrupt(format_args!("timestamp {text:?}"), e))
}

/// A stored role.
pub fn role(text: &str) -> Result<Role, ApiError> {
    Role::parse(text).ok_or_else(|| ApiError::corrupt("role", format_args!("{text:?}")))
}

/// A stored language (English when unknown: the column is checked, so only for safety).
pub fn lang(text: &str) -> Lang {
    Lang::parse(text).unwrap_or(Lang::En)
}

impl SessionRow {
    /// The user's role.
    pub fn role(&self) -> Result<Role, ApiError> {
        role(&self.role)
    }

    /// The user's language.
    pub fn lang(&self) -> Lang {
        lang(&self.lang)
    }
}

impl UserRow {
    /// The user's role.
    pub fn role(&self) -> Result<Role, ApiError> {
        role(&self.role)
    }

    /// The user's language.
    pub fn lang(&self) -> Lang {
        lang(&self.lang)
    }
}

/// Someone who decides a request for access.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApproverContact {
    /// Their user id (none for a registered contact without an account).
    pub user_id: Option<String>,
    /// Their address.
    pub email: String,
    /// Their language, when known.
    pub lang: Option<Lang>,
}

/// What a registration found for a known licence number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegistrationFound {
    /// The customer.
    pub customer_id: String,
    /// Its name.
    pub customer_name: String,
    /// Its registered contact e-mail.
    pub contact_email: Option<String>,
    /// Its administrators.
    pub admins: Vec<ApproverContact>,
    /// Whether the address has a request waiting for this customer.
    pub request_pending: bool,
    /// The facts the accounts core routes the registration by.
    pub facts: RegistrationFacts,
}

/// What the rows of `TokenStore::registration` mean for `email` (normalised); `None` for an
/// unknown licence number.
pub fn registration_found(rows: &[RegistrationRow], email: &str) -> Option<RegistrationFound> {
    let first = rows.first()?;
    let admins: Vec<ApproverContact> = rows
        .iter()
        .filter_map(|r| {
            Some(ApproverContact {
                user_id: Some(r.admin_id.clone()?),
                email: r.admin_email.clone()?,
                lang: r.admin_lang.as_deref().map(lang),
            })
        })
        .collect();
    let contact = first.contact_email.clone();
    Some(RegistrationFound {
        customer_id: first.customer_id.clone(),
        customer_name: first.customer_name.clone(),
        request_pending: first.request_pending != 0,
        facts: RegistrationFacts {
            licence_known: true,
            email_is_user: first.email_is_user != 0,
            email_is_contact: contact
                .as_deref()
                .is_some_and(|c| c.trim().eq_ignore_ascii_case(email)),
            admins: admins.len(),
        },
        contact_email: contact,
        admins,
    })
}

impl TokenRow {
    /// The token's kind.
    pub fn kind(&self) -> Result<TokenKind, ApiError> {
        TokenKind::parse(&self.kind)
            .ok_or_else(|| ApiError::corrupt(format_args!("token {}", self.id), "kind"))
    }

    /// The token as the accounts core checks it.
    pub fn stored(&self) -> Result<StoredToken, ApiError> {
        Ok(StoredToken {
            kind: self.kind()?,
            expires_at: instant(&self.expires_at)?,
            used_at: self.used_at.as_deref().map(instant).transpose()?,
        })
    }

    /// The role a new user gets with it.
    pub fn new_role(&self) -> Result<Option<Role>, ApiError> {
        self.role.as_deref().map(role).transpose()
    }

    /// The account's language.
    pub fn lang(&self) -> Lang {
        lang(&self.lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(admin: Option<(&str, &str)>) -> RegistrationRow {
        RegistrationRow {
            customer_id: "cus_1".into(),
            customer_name: "Demo Retail GmbH".into(),
            contact_email: Some("Anna@Demo.example".into()),
            email_is_user: 0,
            request_pending: 0,
            admin_id: admin.map(|(id, _)| id.to_owned()),
            admin_email: admin.map(|(_, e)| e.to_owned()),
            admin_lang: admin.map(|_| "de".to_owned()),
        }
    }

    #[test]
    fn an_unknown_licence_number_finds_nothing() {
        assert_eq!(registration_found(&[], "anna@demo.example"), None);
    }

    #[test]
    fn the_registered_contact_is_recognised_in_any_case() {
        let found = registration_found(&[row(None)], "anna@demo.example").unwrap();
        assert!(found.facts.licence_known && found.facts.email_is_contact);
        assert_eq!(found.facts.admins, 0);
        assert!(found.admins.is_empty());
    }

    #[test]
    fn every_administrator_is_an_approver_in_their_language() {
        let rows = [
            row(Some(("usr_a", "a@demo.example"))),
            row(Some(("usr_b", "b@demo.example"))),
        ];
        let found = registration_found(&rows, "new@demo.example").unwrap();
        assert!(!found.facts.email_is_contact);
        assert_eq!(found.facts.admins, 2);
        assert_eq!(found.admins[1].email, "b@demo.example");
        assert_eq!(found.admins[1].lang, Some(Lang::De));
    }

    #[test]
    fn a_token_row_is_checked_by_kind_expiry_and_use() {
        let t = TokenRow {
            id: "tok_1".into(),
            token_hash: "h".into(),
            kind: "reset".into(),
            customer_id: "cus_1".into(),
            customer_name: "Demo".into(),
            customer_country: "DE".into(),
            email: "anna@demo.example".into(),
            user_id: Some("usr_anna".into()),
            user_role: Some("admin".into()),
            role: None,
            lang: "de".into(),
            expires_at: "2026-11-28T10:30:00.000Z".into(),
            used_at: None,
            email_taken: 1,
            request_id: None,
            request_status: None,
            requester: None,
            request_lang: None,
            request_role: None,
        };
        let stored = t.stored().unwrap();
        assert_eq!(stored.kind, TokenKind::Reset);
        assert_eq!(stored.expires_at, instant("2026-11-28T10:30:00Z").unwrap());
        assert_eq!(t.lang(), Lang::De);
        let broken = TokenRow {
            kind: "magic".into(),
            ..t
        };
        assert_eq!(broken.stored().unwrap_err().status(), 500);
    }

    #[test]
    fn a_stored_role_is_read_and_an_unknown_one_is_an_internal_error() {
        assert_eq!(role("viewer").unwrap(), Role::Viewer);
        assert_eq!(role("owner").unwrap_err().status(), 500);
        assert_eq!(lang("xx"), Lang::En);
    }
}
