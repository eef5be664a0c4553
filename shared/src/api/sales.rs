//! `POST /api/sales-requests` and `GET /api/admin/sales-requests` (api.md "Asking sales"):
//! the request as sent, the answer, a stored request as the vendor's CRM reads it, and the
//! calculator link that reproduces a configuration.

use serde::{Deserialize, Serialize};

use super::{NewQuoteRequest, NewQuoteResponse};
use crate::foundation::Lang;

/// The form "Ask sales about this", with the configuration shown when it was sent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SalesRequestBody {
    /// The sender's name (at most 120 characters).
    pub name: String,
    /// Their company (at most 120 characters).
    pub company: String,
    /// Their e-mail address.
    pub email: String,
    /// Their phone number (digits, spaces, `+ - / ( )`; optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// What they would like to know (at most 4000 characters).
    pub message: String,
    /// Consent to be contacted about the request: must be `true`.
    pub consent: bool,
    /// The configuration, as a `POST /api/quotes/new` request; the Worker prices it again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<NewQuoteRequest>,
    /// The installation asked about (signed in; another customer's is not found).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub installation_id: Option<String>,
    /// The sender's language: the confirmation is written in it.
    pub lang: Lang,
    /// The sender's country (ISO code), choosing the sales team (DE, AT, CH, other); a
    /// signed-in customer's own country is used instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Left empty by people (the form hides it); a request with anything in it is answered as
    /// any other and dropped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
}

/// The answer: 202 with the request's id (the same for everyone).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SalesRequestCreated {
    /// `sr_…`.
    pub id: String,
}

/// A stored request, for the vendor's CRM.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SalesRequestRecord {
    /// `sr_…`.
    pub id: String,
    /// When (ISO 8601 UTC).
    pub created_at: String,
    /// The sender's name.
    pub name: String,
    /// Their company.
    pub company: String,
    /// Their address.
    pub email: String,
    /// Their phone number.
    pub phone: Option<String>,
    /// What they asked.
    pub message: String,
    /// Their language.
    pub lang: Lang,
    /// The sales team: `DE`, `AT`, `CH` or `OTHER`.
    pub region: String,
    /// The address the request was sent to.
    pub sales_email: String,
    /// The customer, when signed in.
    pub customer_id: Option<String>,
    /// The customer's name.
    pub customer_name: Option<String>,
    /// The installation asked about.
    pub installation_id: Option<String>,
    /// The configuration as sent.
    pub config: Option<NewQuoteRequest>,
    /// Its quote as the Worker computed it.
    pub quote: Option<NewQuoteResponse>,
    /// The calculator with the configuration.
    pub share_link: Option<String>,
}

/// `GET /api/admin/sales-requests`: newest first; `next_after` pages on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SalesRequestList {
    /// The requests.
    pub requests: Vec<SalesRequestRecord>,
    /// The `after` of the next page, when there is one.
    pub next_after: Option<String>,
}

/// The calculator's query string (`ed=…&cam=…&m=…&ld=…&sma=…&term=…&y=…[&od=…]`) that shows
/// `config`; `licence_date` is the day it was asked when the request left it out.
pub fn share_query(config: &NewQuoteRequest, licence_date: &str) -> String {
    let enc = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            .collect()
    };
    let modules: Vec<String> = config
        .modules
        .iter()
        .map(|m| format!("{}:{}", enc(&m.sku), m.qty))
        .collect();
    let ld = enc(config.licence_date.as_deref().unwrap_or(licence_date));
    let (sma, od, term) = match &config.sma {
        None => ("none", None, "1".to_owned()),
        Some(s) => {
            let od = s.order_date.as_deref().map(enc).filter(|d| *d != ld);
            let term = s
                .term_years
                .as_ref()
                .map_or("1".into(), ToString::to_string);
            (if od.is_some() { "later" } else { "with" }, od, term)
        }
    };
    let years = config
        .years
        .as_ref()
        .map_or("5".into(), ToString::to_string);
    let mut q = format!(
        "ed={}&cam={}&m={}&ld={ld}&sma={sma}&term={}&y={}",
        enc(&config.edition),
        config.cameras,
        modules.join(","),
        enc(&term),
        enc(&years)
    );
    if let Some(od) = od {
        q.push_str(&format!("&od={od}"));
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_share_query_reproduces_the_calculator_state_and_drops_anything_else() {
        let config: NewQuoteRequest = serde_json::from_value(serde_json::json!({
            "edition": "probox&x=<1>",
            "cameras": 12,
            "modules": [{"sku": "client", "qty": 1}],
            "licence_date": "2026-03-10",
            "sma": {"order_date": "2026-09-01", "term_years": 3},
            "years": 5
        }))
        .unwrap();
        assert_eq!(
            share_query(&config, "2026-11-30"),
            "ed=proboxx1&cam=12&m=client:1&ld=2026-03-10&sma=later&term=3&y=5&od=2026-09-01"
        );
    }

    #[test]
    fn a_request_with_an_unknown_field_is_malformed() {
        let r = serde_json::from_str::<SalesRequestBody>(
            r#"{"name":"a","company":"b","email":"c","message":"d","consent":true,"lang":"de","price":"1"}"#,
        );
        assert!(r.is_err());
    }
}
