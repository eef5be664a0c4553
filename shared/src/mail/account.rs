//! Colleagues and passwords: the invitation, the password-reset link and the notice that the
//! password changed.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::render::{action, para, Composed, Footer};
use super::Links;
use crate::accounts::{Role, Token, INVITATION_DAYS, TOKEN_MINUTES};
use crate::foundation::Lang;

/// `invitation`: an administrator invites a colleague.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    /// The inviting administrator's address.
    pub inviter: String,
    /// The customer's name.
    pub customer: String,
    /// The role the colleague gets.
    pub role: Role,
    /// The one-time token.
    pub token: Token,
}

impl Invitation {
    pub(super) fn compose(&self, lang: Lang, links: &Links) -> Composed {
        let Invitation {
            inviter,
            customer,
            role,
            token,
        } = self;
        let url = links.token(token);
        match lang {
            Lang::En => Composed {
                subject: format!("{inviter} invites you to the SMA portal of {customer}"),
                blocks: vec![
                    para(format!("{inviter} invites you to the SMA portal of {customer}, where you see the company's installations, SMA contracts, orders and invoices and download releases.")),
                    para(match role {
                        Role::Viewer => "You join as a viewer: you can see and download everything, but not order or change anything.",
                        Role::Admin => "You join as an administrator: besides seeing and downloading everything, you can order, cancel or resume renewals, and invite and remove users.",
                    }),
                    action("Accept the invitation", url),
                    para(format!("When you accept, you set your password. The invitation works once and for {INVITATION_DAYS} days; after that, ask {inviter} for a new one.")),
                    para("If you did not expect this invitation, ignore this message."),
                ],
                footer: Footer::Entered,
            },
            Lang::De => Composed {
                subject: format!("{inviter} lädt Sie in das SMA-Portal von {customer} ein"),
                blocks: vec![
                    para(format!("{inviter} lädt Sie in das SMA-Portal von {customer} ein. Dort sehen Sie die Installationen, SMA-Verträge, Bestellungen und Rechnungen des Unternehmens und laden Releases herunter.")),
                    para(match role {
                        Role::Viewer => "Sie erhalten die Rolle Betrachter: Sie können alles ansehen und herunterladen, aber nichts bestellen oder ändern.",
                        Role::Admin => "Sie erhalten die Rolle Administrator: Sie können alles ansehen und herunterladen, außerdem bestellen, Verlängerungen kündigen oder fortsetzen und Benutzer einladen und entfernen.",
                    }),
                    action("Einladung annehmen", url),
                    para(format!("Beim Annehmen legen Sie Ihr Passwort fest. Die Einladung funktioniert einmal und gilt {INVITATION_DAYS} Tage; danach bitten Sie {inviter} um eine neue.")),
                    para("Wenn Sie diese Einladung nicht erwartet haben, ignorieren Sie diese Nachricht."),
                ],
                footer: Footer::Entered,
            },
        }
    }
}

/// `password_reset`: the link to choose a new password.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordReset {
    /// The account's address (the recipient).
    pub email: String,
    /// The one-time token.
    pub token: Token,
}

impl PasswordReset {
    pub(super) fn compose(&self, lang: Lang, links: &Links) -> Composed {
        let PasswordReset { email, token } = self;
        let (url, again) = (links.token(token), links.password_reset());
        match lang {
            Lang::En => Composed {
                subject: "Reset your password for the SMA portal".into(),
                blocks: vec![
                    para(format!("Someone asked to reset the password of the SMA portal account {email}.")),
                    para(format!("Choose a new password with the link below. The link works once and for {TOKEN_MINUTES} minutes. With the new password you are signed out everywhere else.")),
                    action("Choose a new password", url),
                    para(format!("Has the link expired? Ask for a new one at {again}.")),
                    para("If you did not ask for this, ignore this message; your password stays as it is."),
                ],
                footer: Footer::Entered,
            },
            Lang::De => Composed {
                subject: "Setzen Sie Ihr Passwort für das SMA-Portal zurück".into(),
                blocks: vec![
                    para(format!("Für das Konto {email} im SMA-Portal wurde angefordert, das Passwort zurückzusetzen.")),
                    para(format!("Wählen Sie über den folgenden Link ein neues Passwort. Der Link funktioniert einmal und {TOKEN_MINUTES} Minuten lang. Mit dem neuen Passwort werden Sie überall sonst abgemeldet.")),
                    action("Neues Passwort wählen", url),
                    para(format!("Ist der Link abgelaufen? Fordern Sie unter {again} einen neuen an.")),
                    para("Wenn Sie das nicht angefordert haben, ignorieren Sie diese Nachricht; Ihr Passwort bleibt unverändert."),
                ],
                footer: Footer::Entered,
            },
        }
    }
}

/// `password_changed`: the password was changed (or reset), and every other session of the
/// account ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordChanged {
    /// The account's address (the recipient).
    pub email: String,
    /// The day of the change.
    pub on: NaiveDate,
}

impl PasswordChanged {
    pub(super) fn compose(&self, lang: Lang, links: &Links) -> Composed {
        let email = &self.email;
        let on = lang.date(self.on);
        let reset = links.password_reset();
        match lang {
            Lang::En => Composed {
                subject: "Your SMA portal password was changed".into(),
                blocks: vec![
                    para(format!("The password of your SMA portal account {email} was changed on {on}, and every other session of the account was signed out.")),
                    para("If that was you, there is nothing to do."),
                    para("If it was not you, reset your password at once and tell an administrator of your company."),
                    action("Reset your password", reset),
                ],
                footer: Footer::Security,
            },
            Lang::De => Composed {
                subject: "Ihr Passwort für das SMA-Portal wurde geändert".into(),
                blocks: vec![
                    para(format!("Das Passwort Ihres Kontos {email} im SMA-Portal wurde am {on} geändert, und alle anderen Sitzungen des Kontos wurden abgemeldet.")),
                    para("Wenn Sie das waren, ist nichts weiter zu tun."),
                    para("Wenn nicht, setzen Sie Ihr Passwort sofort zurück und informieren Sie einen Administrator Ihres Unternehmens."),
                    action("Passwort zurücksetzen", reset),
                ],
                footer: Footer::Security,
            },
        }
    }
}
