//! "Ask sales about this": the request to the sales team of the sender's country, and the
//! confirmation to the sender in their language. The confirmation repeats nothing the sender
//! wrote (so the form cannot send someone else a text of the sender's choosing): only the
//! request's number and what the portal computed.

use serde::{Deserialize, Serialize};

use super::render::{action, para, Block, Composed, Footer};
use crate::foundation::{Lang, Money};

/// The quote sent with a request, as recomputed by the Worker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SalesQuote {
    /// The licence total.
    pub licence_total: Money,
    /// Licences, back-pay, fee and every SMA year of the horizon.
    pub total_over_years: Money,
    /// The horizon in years.
    pub years: u32,
    /// The calculator with this configuration.
    pub link: String,
}

/// `sales_request`: to the sales team; what was asked, by whom, with the recomputed quote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SalesRequestNotice {
    /// The request's id.
    pub request_id: String,
    /// The sender's name.
    pub name: String,
    /// Their company.
    pub company: String,
    /// Their address (reply to it).
    pub email: String,
    /// Their phone number.
    pub phone: Option<String>,
    /// The sender's language.
    pub sender_lang: Lang,
    /// What they ask.
    pub message: String,
    /// The customer and installation, when signed in: `Northwind Logistics (C-10002)`.
    pub customer: Option<String>,
    /// The installation asked about.
    pub installation: Option<String>,
    /// The configuration's quote.
    pub quote: Option<SalesQuote>,
}

impl SalesRequestNotice {
    pub(super) fn compose(&self, lang: Lang) -> Composed {
        let (name, company, id) = (&self.name, &self.company, &self.request_id);
        let mut facts = vec![
            (lang.t("Name", "Name").to_owned(), name.clone()),
            (lang.t("Company", "Firma").to_owned(), company.clone()),
            (lang.t("E-mail", "E-Mail").to_owned(), self.email.clone()),
            (
                lang.t("Phone", "Telefon").to_owned(),
                self.phone.clone().unwrap_or_else(|| "—".into()),
            ),
            (
                lang.t("Language", "Sprache").to_owned(),
                self.sender_lang.code().to_owned(),
            ),
        ];
        if let Some(c) = &self.customer {
            facts.push((lang.t("Customer", "Kunde").to_owned(), c.clone()));
        }
        if let Some(i) = &self.installation {
            facts.push((lang.t("Installation", "Installation").to_owned(), i.clone()));
        }
        let mut blocks = vec![
            para(match lang {
                Lang::En => format!("Request {id} from {name} ({company}) through the SMA portal:"),
                Lang::De => format!("Anfrage {id} von {name} ({company}) über das SMA-Portal:"),
            }),
            Block::Facts(facts),
            para(self.message.clone()),
        ];
        if let Some(q) = &self.quote {
            blocks.push(quote_para(q, lang));
            blocks.push(action(
                lang.t("Open the configuration", "Konfiguration öffnen"),
                q.link.clone(),
            ));
        }
        Composed {
            subject: match lang {
                Lang::En => format!("Sales request {id} from {company}"),
                Lang::De => format!("Vertriebsanfrage {id} von {company}"),
            },
            blocks,
            footer: Footer::Sales,
        }
    }
}

fn quote_para(q: &SalesQuote, lang: Lang) -> Block {
    let (total, over, years) = (
        lang.money(q.licence_total),
        lang.money(q.total_over_years),
        q.years,
    );
    para(match lang {
        Lang::En => format!("The configuration, as the portal prices it: licences {total} net; with the SMA over {years} years {over} net."),
        Lang::De => format!("Die Konfiguration, wie das Portal sie berechnet: Lizenzen {total} netto; mit dem SMA über {years} Jahre {over} netto."),
    })
}

/// `sales_confirmation`: to the sender, in their language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SalesRequestConfirmation {
    /// The request's id.
    pub request_id: String,
    /// The configuration's quote, when one was sent.
    pub quote: Option<SalesQuote>,
}

impl SalesRequestConfirmation {
    pub(super) fn compose(&self, lang: Lang) -> Composed {
        let id = &self.request_id;
        let mut blocks = vec![para(match lang {
            Lang::En => format!("Thank you for your request {id}. Our sales team will contact you, usually within one working day."),
            Lang::De => format!("Vielen Dank für Ihre Anfrage {id}. Unser Vertrieb meldet sich bei Ihnen, in der Regel innerhalb eines Werktags."),
        })];
        if let Some(q) = &self.quote {
            blocks.push(quote_para(q, lang));
            blocks.push(action(
                lang.t("Open your configuration", "Ihre Konfiguration öffnen"),
                q.link.clone(),
            ));
        }
        blocks.push(para(lang.t(
            "If you did not send this request, you can ignore this message; we will not contact you without it.",
            "Falls Sie diese Anfrage nicht gesendet haben, können Sie diese Nachricht ignorieren.",
        )));
        Composed {
            subject: match lang {
                Lang::En => format!("Your request {id} to our sales team"),
                Lang::De => format!("Ihre Anfrage {id} an unseren Vertrieb"),
            },
            blocks,
            footer: Footer::Entered,
        }
    }
}
