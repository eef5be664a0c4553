//! The form "Ask sales about this" as data: what the visitor entered, the request it sends
//! (with the configuration shown, which the Worker prices again) and which field to point at
//! when the server refuses one.

use sma_shared::api::{NewQuoteRequest, SalesRequestBody};
use sma_shared::Lang;

/// What the visitor entered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SalesForm {
    /// Name.
    pub name: String,
    /// Company.
    pub company: String,
    /// E-mail address.
    pub email: String,
    /// Phone (optional).
    pub phone: String,
    /// The question.
    pub message: String,
    /// Consent to be contacted.
    pub consent: bool,
    /// Country (ISO code; empty: not said).
    pub country: String,
    /// The hidden honeypot (people leave it empty).
    pub website: String,
}

impl SalesForm {
    /// The request: the entered texts, the visitor's language, the configuration shown and
    /// the installation asked about.
    pub fn body(
        &self,
        lang: Lang,
        config: Option<NewQuoteRequest>,
        installation_id: Option<String>,
    ) -> SalesRequestBody {
        let opt = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
        SalesRequestBody {
            name: self.name.clone(),
            company: self.company.clone(),
            email: self.email.clone(),
            phone: opt(&self.phone),
            message: self.message.clone(),
            consent: self.consent,
            config,
            installation_id,
            lang,
            country: opt(&self.country),
            website: opt(&self.website),
        }
    }

    /// The first required field left empty, if any (the browser's own check names it too; the
    /// server decides).
    pub fn missing(&self) -> Option<&'static str> {
        [
            ("name", &self.name),
            ("company", &self.company),
            ("email", &self.email),
            ("message", &self.message),
        ]
        .into_iter()
        .find(|(_, v)| v.trim().is_empty())
        .map(|(f, _)| f)
        .or((!self.consent).then_some("consent"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> SalesForm {
        SalesForm {
            name: "Eva".into(),
            company: "Berger Bau".into(),
            email: "eva@example.com".into(),
            phone: "  ".into(),
            message: "Angebot bitte".into(),
            consent: true,
            country: "AT".into(),
            website: String::new(),
        }
    }

    #[test]
    fn the_request_carries_the_language_and_leaves_out_empty_optional_fields() {
        let b = filled().body(Lang::De, None, Some("inst_1".into()));
        assert_eq!(b.lang, Lang::De);
        assert_eq!(b.phone, None);
        assert_eq!(b.website, None);
        assert_eq!(b.country.as_deref(), Some("AT"));
        assert_eq!(b.installation_id.as_deref(), Some("inst_1"));
    }

    #[test]
    fn the_first_missing_field_is_named_and_consent_comes_last() {
        assert_eq!(filled().missing(), None);
        let f = SalesForm {
            company: String::new(),
            consent: false,
            ..filled()
        };
        assert_eq!(f.missing(), Some("company"));
        let f = SalesForm {
            consent: false,
            ..filled()
        };
        assert_eq!(f.missing(), Some("consent"));
    }
}
