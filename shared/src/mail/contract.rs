//! The running SMA (pricing.md section 5): the reminder before a cancellation deadline, the
//! automatic renewal with its invoice, and the end of coverage with the price to continue.

use chrono::{NaiveDate, TimeDelta};
use serde::{Deserialize, Serialize};

use super::render::{action, para, Block, Composed, Footer};
use super::Links;
use crate::dates::{add_days, day_before};
use crate::foundation::{Lang, Money, Rate};
use crate::lifecycle::REMINDER_DAYS;
use crate::pricing::{is_late, BACK_PAY_CAP_DAYS, FEE_MINIMUM_CENTS, GRACE_DAYS};

/// `renewal_reminder`: sent [`REMINDER_DAYS`] days before the cancellation deadline of an
/// auto-renewing SMA, to every user of the customer. Always sent (the contract promises it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenewalReminder {
    /// The installation's id (for the link).
    pub installation_id: String,
    /// The installation's name.
    pub installation: String,
    /// The last covered day of the current term.
    pub term_end: NaiveDate,
    /// The last day a cancellation ends the SMA after the current term.
    pub cancellation_deadline: NaiveDate,
    /// The last covered day of the next term.
    pub next_term_end: NaiveDate,
    /// The price of the next term, net of VAT.
    pub next_price: Money,
}

impl RenewalReminder {
    pub(super) fn compose(&self, lang: Lang, links: &Links) -> Composed {
        let name = &self.installation;
        let renews_on = lang.date(add_days(self.term_end, 1));
        let term_end = lang.date(self.term_end);
        let deadline = lang.date(self.cancellation_deadline);
        let next_end = lang.date(self.next_term_end);
        let price = lang.money(self.next_price);
        let cancel = links.installation(&self.installation_id);
        match lang {
            Lang::En => Composed {
                subject: format!("Your SMA for {name} renews on {renews_on}"),
                blocks: vec![
                    para(format!("The SMA of {name} renews automatically on {renews_on}. If you want it to continue, there is nothing to do; the invoice follows on that day.")),
                    Block::Facts(vec![
                        ("Covered until".into(), term_end.clone()),
                        ("Cancellation deadline".into(), deadline.clone()),
                        ("Next term ends".into(), next_end.clone()),
                        ("Price of the next term, net".into(), price),
                    ]),
                    para(format!("To end the SMA after {term_end} instead, cancel the automatic renewal no later than {deadline}. A later cancellation ends it only after the next term, on {next_end}.")),
                    action("Cancel the automatic renewal", cancel),
                    para(format!("As your SMA contract provides, we send this reminder {REMINDER_DAYS} days before every cancellation deadline, whatever your notification settings.")),
                ],
                footer: Footer::Contract,
            },
            Lang::De => Composed {
                subject: format!("Ihr SMA für {name} verlängert sich am {renews_on}"),
                blocks: vec![
                    para(format!("Das SMA für {name} verlängert sich am {renews_on} automatisch. Soll es weiterlaufen, ist nichts zu tun; die Rechnung folgt an diesem Tag.")),
                    Block::Facts(vec![
                        ("Abgedeckt bis".into(), term_end.clone()),
                        ("Kündigung spätestens am".into(), deadline.clone()),
                        ("Nächste Laufzeit endet am".into(), next_end.clone()),
                        ("Preis der nächsten Laufzeit, netto".into(), price),
                    ]),
                    para(format!("Soll das SMA stattdessen mit dem {term_end} enden, kündigen Sie die automatische Verlängerung spätestens am {deadline}. Eine spätere Kündigung beendet es erst nach der nächsten Laufzeit, am {next_end}.")),
                    action("Automatische Verlängerung kündigen", cancel),
                    para(format!("Wie in Ihrem SMA-Vertrag vorgesehen, senden wir diese Erinnerung {REMINDER_DAYS} Tage vor jeder Kündigungsfrist, unabhängig von Ihren Benachrichtigungseinstellungen.")),
                ],
                footer: Footer::Contract,
            },
        }
    }
}

/// `renewal_done`: the SMA renewed automatically; the order and its invoice. Always sent (it
/// announces a charge).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenewalDone {
    /// The installation's name.
    pub installation: String,
    /// The renewal order's id.
    pub order_id: String,
    /// The anniversary it renewed on.
    pub renewed_on: NaiveDate,
    /// The last covered day of the new term.
    pub term_end: NaiveDate,
    /// The net amount.
    pub net: Money,
    /// The VAT rate.
    pub vat_rate: Rate,
    /// The VAT.
    pub vat: Money,
    /// Net + VAT, payable on invoice.
    pub gross: Money,
}

impl RenewalDone {
    pub(super) fn compose(&self, lang: Lang, links: &Links) -> Composed {
        let (name, order) = (&self.installation, &self.order_id);
        let renewed_on = lang.date(self.renewed_on);
        let term_end = lang.date(self.term_end);
        let rate = lang.percent(self.vat_rate);
        let (net, vat, gross) = (
            lang.money(self.net),
            lang.money(self.vat),
            lang.money(self.gross),
        );
        let invoice = links.invoice(order);
        match lang {
            Lang::En => Composed {
                subject: format!("Your SMA for {name} has renewed"),
                blocks: vec![
                    para(format!("The SMA of {name} renewed on {renewed_on} and now covers releases until {term_end}.")),
                    Block::Facts(vec![
                        ("Order".into(), order.clone()),
                        ("Net".into(), net),
                        (format!("VAT {rate}"), vat),
                        ("Total".into(), gross),
                    ]),
                    para("The total is payable on invoice; you find the invoice in the portal."),
                    action("View the invoice", invoice),
                ],
                footer: Footer::Contract,
            },
            Lang::De => Composed {
                subject: format!("Ihr SMA für {name} wurde verlängert"),
                blocks: vec![
                    para(format!("Das SMA für {name} wurde am {renewed_on} verlängert und deckt jetzt Releases bis zum {term_end} ab.")),
                    Block::Facts(vec![
                        ("Bestellung".into(), order.clone()),
                        ("Netto".into(), net),
                        (format!("USt. {rate}"), vat),
                        ("Gesamt".into(), gross),
                    ]),
                    para("Der Gesamtbetrag ist auf Rechnung zahlbar; die Rechnung finden Sie im Portal."),
                    action("Rechnung ansehen", invoice),
                ],
                footer: Footer::Contract,
            },
        }
    }
}

/// `lapse`: coverage ended at an anniversary without renewal; what that means and the price to
/// continue. May be turned off (it offers to buy again).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lapse {
    /// The installation's id (for the link).
    pub installation_id: String,
    /// The installation's name.
    pub installation: String,
    /// The customer's name (for the footer).
    pub customer: String,
    /// The anniversary coverage ended at (its first uncovered day, E).
    pub ended_at: NaiveDate,
    /// The day the price was computed (the message's day).
    pub today: NaiveDate,
    /// The net price of buying the SMA again on `today` (`total_due` of the reinstatement:
    /// one term within the grace, with back-pay and fee after it).
    pub price_today: Money,
}

impl Lapse {
    /// The last day on which the SMA continues as if never interrupted: E + 30 days.
    pub fn grace_end(&self) -> NaiveDate {
        self.ended_at
            .checked_add_signed(TimeDelta::days(GRACE_DAYS))
            .unwrap_or(NaiveDate::MAX)
    }

    pub(super) fn compose(&self, lang: Lang, links: &Links) -> Composed {
        let name = &self.installation;
        let last = lang.date(day_before(self.ended_at));
        let grace_end = lang.date(self.grace_end());
        let today = lang.date(self.today);
        let price = lang.money(self.price_today);
        let fee_min = lang.money(Money::from_cents(FEE_MINIMUM_CENTS));
        let cap = lang.number(&BACK_PAY_CAP_DAYS.to_string());
        let in_grace = !is_late(self.ended_at, self.today);
        let renew = links.installation(&self.installation_id);
        let footer = Footer::OptOut(self.customer.clone());
        match lang {
            Lang::En => Composed {
                subject: format!("The SMA for {name} has ended"),
                blocks: vec![
                    para(format!("The SMA of {name} ended after {last}. The software keeps working, and you can still download every release published up to that day; releases published later need an SMA.")),
                    if in_grace {
                        para(format!("Renew by {grace_end} and the SMA continues as if it had never been interrupted, with no fee: on {today} that costs {price} net."))
                    } else {
                        para(format!("The {GRACE_DAYS} days in which it could continue without interruption ended on {grace_end}. Bought again now, it starts anew with back-pay for the time without it and a reinstatement fee: on {today} that costs {price} net in all."))
                    },
                    if in_grace {
                        para(format!("After {grace_end} you can still buy it again, but it then starts anew with back-pay for the time without it and a reinstatement fee of at least {fee_min} net."))
                    } else {
                        para(format!("The back-pay counts every day without an SMA, up to {cap} days."))
                    },
                    action(if in_grace { "Renew the SMA" } else { "Buy the SMA again" }, renew),
                ],
                footer,
            },
            Lang::De => Composed {
                subject: format!("Das SMA für {name} ist beendet"),
                blocks: vec![
                    para(format!("Das SMA für {name} endete mit dem {last}. Die Software läuft weiter, und alle bis zu diesem Tag erschienenen Releases können Sie weiterhin herunterladen; später erschienene Releases erfordern ein SMA.")),
                    if in_grace {
                        para(format!("Verlängern Sie bis zum {grace_end}, dann läuft das SMA ohne Unterbrechung und ohne Gebühr weiter: am {today} kostet das {price} netto."))
                    } else {
                        para(format!("Die {GRACE_DAYS} Tage, in denen es ohne Unterbrechung weiterlaufen konnte, endeten am {grace_end}. Ein neuer Abschluss beginnt neu, mit einer Nachzahlung für die Zeit ohne SMA und einer Wiederaufnahmegebühr: am {today} kostet das insgesamt {price} netto."))
                    },
                    if in_grace {
                        para(format!("Nach dem {grace_end} können Sie das SMA weiterhin neu abschließen; es beginnt dann neu, mit einer Nachzahlung für die Zeit ohne SMA und einer Wiederaufnahmegebühr von mindestens {fee_min} netto."))
                    } else {
                        para(format!("Die Nachzahlung zählt jeden Tag ohne SMA, bis zu {cap} Tage."))
                    },
                    action(if in_grace { "SMA verlängern" } else { "SMA neu abschließen" }, renew),
                ],
                footer,
            },
        }
    }
}
