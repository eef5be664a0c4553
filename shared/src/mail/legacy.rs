//! The legacy Maintenance Contract (pricing.md section 9): the reminder to extend it (it never
//! renews by itself) and the notice that it ended for good. Both are always sent: they concern
//! the installation's coverage, and the contract offers no automatic renewal to fall back on.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::render::{action, para, Block, Composed, Footer};
use super::Links;
use crate::dates::day_before;
use crate::foundation::{Lang, Money};
use crate::pricing::GRACE_DAYS;

/// `legacy_reminder`: 60 and 14 days before a Maintenance Contract's end, and on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegacyExtensionReminder {
    /// The installation's id (for the link).
    pub installation_id: String,
    /// The installation's name.
    pub installation: String,
    /// The last covered day.
    pub term_end: NaiveDate,
    /// The last day to extend or switch without a gap (the end of the grace).
    pub extend_until: NaiveDate,
    /// The annual fee of the next term, net of VAT.
    pub fee: Money,
}

impl LegacyExtensionReminder {
    pub(super) fn compose(&self, lang: Lang, links: &Links) -> Composed {
        let name = &self.installation;
        let term_end = lang.date(self.term_end);
        let until = lang.date(self.extend_until);
        let fee = lang.money(self.fee);
        let link = links.installation(&self.installation_id);
        match lang {
            Lang::En => Composed {
                subject: format!("The Maintenance Contract for {name} ends on {term_end}"),
                blocks: vec![
                    para(format!("The Maintenance Contract of {name} covers it until {term_end}. It does not renew by itself: extend it for another year at the annual fee of {fee} net, or switch to the SMA, whose rates fall with every year of cover and which keeps your years with us.")),
                    Block::Facts(vec![
                        ("Covered until".into(), term_end.clone()),
                        ("Extend or switch by".into(), until.clone()),
                        ("Annual fee, net".into(), fee),
                    ]),
                    para(format!("Ordered by {until} ({GRACE_DAYS} days after the end), coverage continues as if never interrupted. After that the contract has ended for good, and only an SMA with back-pay and a reinstatement fee remains.")),
                    action("Compare extending and switching", link),
                ],
                footer: Footer::Legacy,
            },
            Lang::De => Composed {
                subject: format!("Der Wartungsvertrag für {name} endet am {term_end}"),
                blocks: vec![
                    para(format!("Der Wartungsvertrag für {name} deckt die Installation bis zum {term_end} ab. Er verlängert sich nicht von selbst: Verlängern Sie ihn um ein Jahr zur Jahresgebühr von {fee} netto, oder wechseln Sie zum SMA, dessen Sätze mit jedem Jahr der Abdeckung sinken und das Ihre Jahre bei uns anrechnet.")),
                    Block::Facts(vec![
                        ("Abgedeckt bis".into(), term_end.clone()),
                        ("Verlängern oder wechseln bis".into(), until.clone()),
                        ("Jahresgebühr, netto".into(), fee),
                    ]),
                    para(format!("Bis zum {until} ({GRACE_DAYS} Tage nach dem Ende) bestellt, läuft die Abdeckung ohne Unterbrechung weiter. Danach ist der Vertrag endgültig beendet, und es bleibt nur ein SMA mit Nachzahlung und Wiederaufnahmegebühr.")),
                    action("Verlängern und Wechsel vergleichen", link),
                ],
                footer: Footer::Legacy,
            },
        }
    }
}

/// `legacy_ended`: the contract was not extended or switched within the grace and has ended
/// for good.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegacyContractEnded {
    /// The installation's id (for the link).
    pub installation_id: String,
    /// The installation's name.
    pub installation: String,
    /// E: the first uncovered day.
    pub ended_at: NaiveDate,
}

impl LegacyContractEnded {
    pub(super) fn compose(&self, lang: Lang, links: &Links) -> Composed {
        let name = &self.installation;
        let last = lang.date(day_before(self.ended_at));
        let link = links.installation(&self.installation_id);
        match lang {
            Lang::En => Composed {
                subject: format!("The Maintenance Contract for {name} has ended"),
                blocks: vec![
                    para(format!("The Maintenance Contract of {name} was not extended and has ended for good; it covered releases published up to {last}. The software keeps working.")),
                    para("Maintenance Contracts are no longer sold. To receive later releases, buy the SMA: it starts on the day you order it, with back-pay for the time without cover and a reinstatement fee."),
                    action("Buy the SMA", link),
                ],
                footer: Footer::Legacy,
            },
            Lang::De => Composed {
                subject: format!("Der Wartungsvertrag für {name} ist beendet"),
                blocks: vec![
                    para(format!("Der Wartungsvertrag für {name} wurde nicht verlängert und ist endgültig beendet; er deckte die bis zum {last} erschienenen Releases ab. Die Software läuft weiter.")),
                    para("Wartungsverträge werden nicht mehr angeboten. Für spätere Releases schließen Sie das SMA ab: Es beginnt am Tag der Bestellung, mit einer Nachzahlung für die Zeit ohne Abdeckung und einer Wiederaufnahmegebühr."),
                    action("SMA abschließen", link),
                ],
                footer: Footer::Legacy,
            },
        }
    }
}
