//! Getting in with a licence number: the verification link, the request for access to the
//! administrators, and their answer to the requester.

use serde::{Deserialize, Serialize};

use super::render::{action, para, Composed, Footer};
use super::Links;
use crate::accounts::{
    Approver, Decision, LicenceNumber, Role, Token, APPROVAL_DAYS, TOKEN_MINUTES,
};
use crate::foundation::Lang;

/// `verification`: the link to set the first password, after a registration by the
/// registered contact or an approved request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    /// The address the registration was made with (the recipient).
    pub email: String,
    /// The customer's name.
    pub customer: String,
    /// The one-time token.
    pub token: Token,
}

impl Verification {
    pub(super) fn compose(&self, lang: Lang, links: &Links) -> Composed {
        let Verification {
            email,
            customer,
            token,
        } = self;
        let (url, register) = (links.token(token), links.register());
        match lang {
            Lang::En => Composed {
                subject: format!("Set your password for the SMA portal of {customer}"),
                blocks: vec![
                    para(format!("You asked for access to the SMA portal of {customer} with the address {email}.")),
                    para(format!("Set your password with the link below to sign in. The link works once and for {TOKEN_MINUTES} minutes.")),
                    action("Set your password", url),
                    para(format!("Has the link expired? Register again with your licence number at {register}.")),
                    para("If you did not ask for access, ignore this message; without the link nothing happens."),
                ],
                footer: Footer::Entered,
            },
            Lang::De => Composed {
                subject: format!("Legen Sie Ihr Passwort für das SMA-Portal von {customer} fest"),
                blocks: vec![
                    para(format!("Sie haben mit der Adresse {email} Zugang zum SMA-Portal von {customer} angefragt.")),
                    para(format!("Legen Sie über den folgenden Link Ihr Passwort fest, um sich anzumelden. Der Link funktioniert einmal und {TOKEN_MINUTES} Minuten lang.")),
                    action("Passwort festlegen", url),
                    para(format!("Ist der Link abgelaufen? Registrieren Sie sich erneut mit Ihrer Lizenznummer unter {register}.")),
                    para("Wenn Sie keinen Zugang angefragt haben, ignorieren Sie diese Nachricht; ohne den Link geschieht nichts."),
                ],
                footer: Footer::Entered,
            },
        }
    }
}

/// `approval_request`: someone who is not the registered contact asks for access; sent to the
/// customer's administrators with links to approve or decline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalRequest {
    /// The requester's address.
    pub requester: String,
    /// The customer's name.
    pub customer: String,
    /// The licence number the requester entered.
    pub licence_number: LicenceNumber,
    /// The role the requester gets once approved.
    pub role: Role,
    /// Who receives this message.
    pub approver: Approver,
    /// The one-time token of the decision.
    pub token: Token,
}

impl ApprovalRequest {
    pub(super) fn compose(&self, lang: Lang, links: &Links) -> Composed {
        let ApprovalRequest {
            requester,
            customer,
            licence_number: licence,
            role,
            approver,
            token,
        } = self;
        let approve = links.decision(token, Decision::Approve);
        let decline = links.decision(token, Decision::Decline);
        let register = links.register();
        let footer = match approver {
            Approver::Administrator => Footer::Administrator(customer.clone()),
            Approver::RegisteredContact => Footer::Contact(customer.clone()),
        };
        match lang {
            Lang::En => Composed {
                subject: format!("{requester} asks for access to the SMA portal of {customer}"),
                blocks: vec![
                    para(format!("{requester} entered the licence number {licence} in the SMA portal and asks for access to the installations, orders and invoices of {customer}.")),
                    para(match role {
                        Role::Viewer => format!("If you approve, {requester} receives a link to set a password and joins as a viewer: they can see and download everything, but not order or change anything."),
                        Role::Admin => format!("If you approve, {requester} receives a link to set a password and joins as an administrator: they can also order, cancel renewals and manage users."),
                    }),
                    para(match approver {
                        Approver::Administrator => "You can remove them at any time.".to_owned(),
                        Approver::RegisteredContact => format!("To manage your company's users yourself, register at {register} with the licence number {licence}; as the registered contact you become an administrator of {customer}."),
                    }),
                    action("Approve the request", approve),
                    action("Decline the request", decline),
                    para(format!("Each link opens the portal, where you confirm your decision. The links work for {APPROVAL_DAYS} days; without a decision the request lapses.")),
                    para(format!("If you do not know {requester}, decline.")),
                ],
                footer,
            },
            Lang::De => Composed {
                subject: format!("{requester} bittet um Zugang zum SMA-Portal von {customer}"),
                blocks: vec![
                    para(format!("{requester} hat im SMA-Portal die Lizenznummer {licence} eingegeben und bittet um Zugang zu den Installationen, Bestellungen und Rechnungen von {customer}.")),
                    para(match role {
                        Role::Viewer => format!("Wenn Sie zustimmen, erhält {requester} einen Link zum Festlegen eines Passworts und die Rolle Betrachter: alles ansehen und herunterladen, aber nichts bestellen oder ändern."),
                        Role::Admin => format!("Wenn Sie zustimmen, erhält {requester} einen Link zum Festlegen eines Passworts und die Rolle Administrator: außerdem bestellen, Verlängerungen kündigen und Benutzer verwalten."),
                    }),
                    para(match approver {
                        Approver::Administrator => "Sie können den Zugang jederzeit wieder entziehen.".to_owned(),
                        Approver::RegisteredContact => format!("Um die Benutzer Ihres Unternehmens selbst zu verwalten, registrieren Sie sich unter {register} mit der Lizenznummer {licence}; als hinterlegter Kontakt werden Sie Administrator von {customer}."),
                    }),
                    action("Anfrage genehmigen", approve),
                    action("Anfrage ablehnen", decline),
                    para(format!("Jeder Link öffnet das Portal, wo Sie Ihre Entscheidung bestätigen. Die Links gelten {APPROVAL_DAYS} Tage; ohne Entscheidung verfällt die Anfrage.")),
                    para(format!("Wenn Sie {requester} nicht kennen, lehnen Sie ab.")),
                ],
                footer,
            },
        }
    }
}

/// `approval_result`: the answer to a request for access, sent to the requester (after an
/// approval the verification message follows).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalResult {
    /// The customer's name.
    pub customer: String,
    /// Approved or declined.
    pub decision: Decision,
}

impl ApprovalResult {
    pub(super) fn compose(&self, lang: Lang) -> Composed {
        let customer = &self.customer;
        let footer = Footer::Entered;
        match (lang, self.decision) {
            (Lang::En, Decision::Approve) => Composed {
                subject: format!("Your access to the SMA portal of {customer} was approved"),
                blocks: vec![
                    para(format!("Your request for access to the SMA portal of {customer} was approved.")),
                    para(format!("A second message with a link to set your password follows in a moment; that link works for {TOKEN_MINUTES} minutes.")),
                ],
                footer,
            },
            (Lang::De, Decision::Approve) => Composed {
                subject: format!("Ihr Zugang zum SMA-Portal von {customer} wurde genehmigt"),
                blocks: vec![
                    para(format!("Ihre Anfrage für den Zugang zum SMA-Portal von {customer} wurde genehmigt.")),
                    para(format!("Gleich folgt eine zweite Nachricht mit einem Link zum Festlegen Ihres Passworts; dieser Link gilt {TOKEN_MINUTES} Minuten.")),
                ],
                footer,
            },
            (Lang::En, Decision::Decline) => Composed {
                subject: format!("Your request for access to the SMA portal of {customer} was declined"),
                blocks: vec![
                    para(format!("Your request for access to the SMA portal of {customer} was declined.")),
                    para(format!("If you think this is a mistake, ask the administrators of the SMA portal at {customer} to invite you.")),
                ],
                footer,
            },
            (Lang::De, Decision::Decline) => Composed {
                subject: format!("Ihre Anfrage für den Zugang zum SMA-Portal von {customer} wurde abgelehnt"),
                blocks: vec![
                    para(format!("Ihre Anfrage für den Zugang zum SMA-Portal von {customer} wurde abgelehnt.")),
                    para(format!("Wenn Sie das für einen Irrtum halten, bitten Sie die Administratoren des SMA-Portals bei {customer}, Sie einzuladen.")),
                ],
                footer,
            },
        }
    }
}
