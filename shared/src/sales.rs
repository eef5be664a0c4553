//! "Ask sales about this" (issue 16, api.md "Asking sales"): what a request must hold, which
//! sales team it goes to, the calculator link that reproduces its configuration, and the CSV
//! export of the requests. Pure: the Worker stores, mails and limits.
//!
//! A request is checked field by field in the order of the form; the first fault is answered
//! with its field. Sizes are limited so that a request cannot carry a document: a name or a
//! company of at most [`MAX_NAME_CHARS`] characters, a message of at most
//! [`MAX_MESSAGE_CHARS`], a phone number of digits, spaces and `+ - / ( )`. Control characters
//! other than line breaks in the message are refused. Nothing a sender wrote is echoed back to
//! them: the answer is an id, the confirmation says only what the portal computed.

use crate::accounts::normalize_email;

/// The longest name or company, in characters.
pub const MAX_NAME_CHARS: usize = 120;
/// The longest message, in characters.
pub const MAX_MESSAGE_CHARS: usize = 4000;
/// The longest phone number, in characters.
pub const MAX_PHONE_CHARS: usize = 32;

/// Which sales team answers: by the country of the customer (or the one the sender chose).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SalesRegion {
    /// Germany.
    De,
    /// Austria.
    At,
    /// Switzerland.
    Ch,
    /// Every other country.
    Other,
}

impl SalesRegion {
    /// The region of an ISO country code (any case; unknown or empty: other).
    pub fn of(country: Option<&str>) -> SalesRegion {
        match country.map(|c| c.trim().to_ascii_uppercase()).as_deref() {
            Some("DE") => SalesRegion::De,
            Some("AT") => SalesRegion::At,
            Some("CH") => SalesRegion::Ch,
            _ => SalesRegion::Other,
        }
    }

    /// The code stored with the request and the suffix of its address's setting
    /// (`SALES_EMAIL_DE`…): `DE`, `AT`, `CH`, `OTHER`.
    pub fn code(self) -> &'static str {
        match self {
            SalesRegion::De => "DE",
            SalesRegion::At => "AT",
            SalesRegion::Ch => "CH",
            SalesRegion::Other => "OTHER",
        }
    }
}

/// A fault of a request: 422 with its code and field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SalesFault {
    /// `invalid_field`, `invalid_email` or `consent_required`.
    pub code: &'static str,
    /// The field at fault.
    pub field: &'static str,
    /// A sentence the sender can act on (never repeating what they wrote).
    pub message: String,
}

fn fault(field: &'static str, message: impl Into<String>) -> SalesFault {
    SalesFault {
        code: "invalid_field",
        field,
        message: message.into(),
    }
}

/// A request's texts after checking: trimmed, the address normalised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SalesContact {
    /// The sender's name.
    pub name: String,
    /// Their company.
    pub company: String,
    /// Their address, normalised.
    pub email: String,
    /// Their phone number, when given.
    pub phone: Option<String>,
    /// What they ask.
    pub message: String,
}

fn line(field: &'static str, text: &str, max: usize) -> Result<String, SalesFault> {
    let t = text.trim();
    if t.is_empty() {
        return Err(fault(field, format!("Please fill in `{field}`.")));
    }
    if t.chars().count() > max {
        return Err(fault(
            field,
            format!("`{field}` may have at most {max} characters."),
        ));
    }
    if t.chars().any(char::is_control) {
        return Err(fault(
            field,
            format!("`{field}` must be a single line of text."),
        ));
    }
    Ok(t.to_owned())
}

/// Checks a request's fields in the order of the form.
pub fn check_contact(
    name: &str,
    company: &str,
    email: &str,
    phone: Option<&str>,
    message: &str,
    consent: bool,
) -> Result<SalesContact, SalesFault> {
    let name = line("name", name, MAX_NAME_CHARS)?;
    let company = line("company", company, MAX_NAME_CHARS)?;
    let email = normalize_email(email).map_err(|_| SalesFault {
        code: "invalid_email",
        field: "email",
        message: "Please enter an e-mail address like name@example.com.".into(),
    })?;
    let phone = match phone.map(str::trim).filter(|p| !p.is_empty()) {
        None => None,
        Some(p) => {
            let ok = p.chars().count() <= MAX_PHONE_CHARS
                && p.chars().any(|c| c.is_ascii_digit())
                && p.chars()
                    .all(|c| c.is_ascii_digit() || " +-/()".contains(c));
            if !ok {
                return Err(fault(
                    "phone",
                    format!("A phone number has digits, spaces and + - / ( ), at most {MAX_PHONE_CHARS} characters."),
                ));
            }
            Some(p.to_owned())
        }
    };
    let text = message.trim();
    if text.is_empty() {
        return Err(fault(
            "message",
            "Please tell us what you would like to know.",
        ));
    }
    if text.chars().count() > MAX_MESSAGE_CHARS {
        return Err(fault(
            "message",
            format!("The message may have at most {MAX_MESSAGE_CHARS} characters."),
        ));
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(fault("message", "The message may only hold text."));
    }
    if !consent {
        return Err(SalesFault {
            code: "consent_required",
            field: "consent",
            message: "Please agree that our sales team may contact you about your request.".into(),
        });
    }
    Ok(SalesContact {
        name,
        company,
        email,
        phone,
        message: text.to_owned(),
    })
}

/// One CSV cell: quoted, quotes doubled, and a leading `= + - @` (or tab, carriage return)
/// defused with an apostrophe so that a spreadsheet never reads it as a formula.
pub fn csv_cell(text: &str) -> String {
    let defused = match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    };
    format!("\"{}\"", defused.replace('"', "\"\""))
}

/// One CSV row of cells, ended by CRLF (RFC 4180).
pub fn csv_row<S: AsRef<str>>(cells: &[S]) -> String {
    let mut row = cells
        .iter()
        .map(|c| csv_cell(c.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    row.push_str("\r\n");
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok() -> Result<SalesContact, SalesFault> {
        check_contact(
            " Eva Berger ",
            "Berger Bau",
            "Eva@Example.COM",
            Some("+43 1 234"),
            "Was kostet das?",
            true,
        )
    }

    #[test]
    fn a_complete_request_is_trimmed_and_its_address_normalised() {
        let c = ok().unwrap();
        assert_eq!(c.name, "Eva Berger");
        assert_eq!(c.email, "eva@example.com");
        assert_eq!(c.phone.as_deref(), Some("+43 1 234"));
    }

    #[test]
    fn each_fault_names_its_field_and_never_repeats_the_input() {
        let long = "x".repeat(MAX_MESSAGE_CHARS + 1);
        let cases: [(Result<SalesContact, SalesFault>, &str, &str); 6] = [
            (
                check_contact("", "B", "e@x.io", None, "m", true),
                "invalid_field",
                "name",
            ),
            (
                check_contact("A", "B\u{7}", "e@x.io", None, "m", true),
                "invalid_field",
                "company",
            ),
            (
                check_contact("A", "B", "<script>", None, "m", true),
                "invalid_email",
                "email",
            ),
            (
                check_contact("A", "B", "e@x.io", Some("call me"), "m", true),
                "invalid_field",
                "phone",
            ),
            (
                check_contact("A", "B", "e@x.io", None, &long, true),
                "invalid_field",
                "message",
            ),
            (
                check_contact("A", "B", "e@x.io", None, "m", false),
                "consent_required",
                "consent",
            ),
        ];
        for (result, code, field) in cases {
            let f = result.unwrap_err();
            assert_eq!((f.code, f.field), (code, field));
            assert!(!f.message.contains("script") && !f.message.contains("call me"));
        }
    }

    #[test]
    fn the_region_follows_the_country_and_everything_else_is_other() {
        assert_eq!(SalesRegion::of(Some("de")), SalesRegion::De);
        assert_eq!(SalesRegion::of(Some("AT")), SalesRegion::At);
        assert_eq!(SalesRegion::of(Some("CH")), SalesRegion::Ch);
        assert_eq!(SalesRegion::of(Some("FR")), SalesRegion::Other);
        assert_eq!(SalesRegion::of(None).code(), "OTHER");
    }

    #[test]
    fn csv_cells_are_quoted_and_formulas_defused() {
        assert_eq!(
            csv_row(&["a", "say \"hi\"", "=HYPERLINK(1)", "-1"]),
            "\"a\",\"say \"\"hi\"\"\",\"'=HYPERLINK(1)\",\"'-1\"\r\n"
        );
    }
}
