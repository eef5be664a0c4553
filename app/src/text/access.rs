//! The sentences of getting in and of the account's people that carry values, each written
//! whole in English and German: the problems of a form, the API's refusals, what was sent,
//! what a one-time link is for, colleagues, sessions and notifications.

use super::account::sign_in_error;
use crate::{
    components::access::model::{minute, FieldProblem},
    i18n::Lang,
};
use sma_shared::{
    accounts::{
        AccountsError, Decision, LicenceNumberProblem, PasswordProblem, Role, TokenKind,
        INVITATION_DAYS, MAX_PASSWORD_BYTES, MIN_PASSWORD_CHARS, TOKEN_MINUTES,
    },
    api::{ErrorDetail as ApiError, TokenInfo},
    fill,
    mail::MessageKind,
};

/// A problem of a form field, in the language of the page.
pub fn problem(l: Lang, p: &FieldProblem) -> String {
    match p {
        FieldProblem::Mismatch => l
            .t(
                "The two passwords are not the same.",
                "Die beiden Passwörter stimmen nicht überein.",
            )
            .to_owned(),
        FieldProblem::Empty("current_password") => l
            .t(
                "Enter your current password.",
                "Geben Sie Ihr aktuelles Passwort ein.",
            )
            .to_owned(),
        FieldProblem::Empty(_) => l
            .t("Fill in this field.", "Füllen Sie dieses Feld aus.")
            .to_owned(),
        FieldProblem::Rule(e) => rule(l, e),
    }
}

fn rule(l: Lang, e: &AccountsError) -> String {
    match e {
        AccountsError::InvalidLicenceNumber { problem, given } => match problem {
            LicenceNumberProblem::Length { given: n } => fill(
                l.t(
                    "A licence number has the form SMA-XXXX-XXXX-C: nine characters after “SMA”, but “{0}” has {1}. Copy it from your licence certificate.",
                    "Eine Lizenznummer hat die Form SMA-XXXX-XXXX-C: neun Zeichen nach „SMA“, „{0}“ hat aber {1}. Übernehmen Sie sie von Ihrem Lizenzzertifikat.",
                ),
                &[given, &n.to_string()],
            ),
            LicenceNumberProblem::Character { found } => fill(
                l.t(
                    "A licence number contains only digits and the letters A to Z without U; “{0}” is not one of them. Copy it from your licence certificate.",
                    "Eine Lizenznummer enthält nur Ziffern und die Buchstaben A bis Z ohne U; „{0}“ gehört nicht dazu. Übernehmen Sie sie von Ihrem Lizenzzertifikat.",
                ),
                &[&found.to_string()],
            ),
            LicenceNumberProblem::Check => fill(
                l.t(
                    "“{0}” is not a valid licence number: a character is probably mistyped or two are swapped. Compare it with your licence certificate.",
                    "„{0}“ ist keine gültige Lizenznummer: Wahrscheinlich ist ein Zeichen vertippt oder zwei sind vertauscht. Vergleichen Sie sie mit Ihrem Lizenzzertifikat.",
                ),
                &[given],
            ),
        },
        AccountsError::InvalidEmail { .. } => l
            .t(
                "Enter an e-mail address like name@company.example.",
                "Geben Sie eine E-Mail-Adresse wie name@firma.example ein.",
            )
            .to_owned(),
        AccountsError::InvalidPassword { problem, .. } => match problem {
            PasswordProblem::TooShort { chars } => fill(
                l.t(
                    "A password needs at least {0} characters; this one has {1}.",
                    "Ein Passwort braucht mindestens {0} Zeichen; dieses hat {1}.",
                ),
                &[&MIN_PASSWORD_CHARS.to_string(), &chars.to_string()],
            ),
            PasswordProblem::TooLong => fill(
                l.t(
                    "A password can be at most {0} bytes long; choose a shorter one.",
                    "Ein Passwort darf höchstens {0} Byte lang sein; wählen Sie ein kürzeres.",
                ),
                &[&MAX_PASSWORD_BYTES.to_string()],
            ),
            PasswordProblem::SameAsEmail => l
                .t(
                    "A password must not be your e-mail address; choose another one.",
                    "Ein Passwort darf nicht Ihre E-Mail-Adresse sein; wählen Sie ein anderes.",
                )
                .to_owned(),
        },
        other => other.message(),
    }
}

/// The rule for a new password, shown under its field.
pub fn password_rule(l: Lang) -> String {
    fill(
        l.t(
            "At least {0} characters, not your e-mail address. A few words in a row are strong and easy to remember.",
            "Mindestens {0} Zeichen, nicht Ihre E-Mail-Adresse. Einige Wörter hintereinander sind sicher und leicht zu merken.",
        ),
        &[&MIN_PASSWORD_CHARS.to_string()],
    )
}

/// An API's refusal of one of these requests, in the language of the page (the API's own
/// sentence where there is no better one).
pub fn api_error(l: Lang, e: &ApiError) -> String {
    let t = match e.code.as_str() {
        "token_invalid" | "http_410" => l.t(
            "This link is no longer valid: it was used already, has expired or was replaced by a newer one.",
            "Dieser Link ist nicht mehr gültig: Er wurde schon benutzt, ist abgelaufen oder wurde durch einen neueren ersetzt.",
        ),
        "rate_limited" => return too_many_attempts(l, e),
        "wrong_password" => l.t("The current password is not correct.", "Das aktuelle Passwort ist nicht korrekt."),
        "conflict" => l.t(
            "This e-mail address already has an account. Sign in with it, or ask for a new password.",
            "Diese E-Mail-Adresse hat bereits ein Konto. Melden Sie sich damit an oder fordern Sie ein neues Passwort an.",
        ),
        "last_admin" => l.t(
            "Your company needs at least one administrator: make someone else an administrator first.",
            "Ihre Firma braucht mindestens einen Administrator: Ernennen Sie zuerst jemand anderen zum Administrator.",
        ),
        "forbidden_role" if l == Lang::De => "Das dürfen nur Administratoren Ihrer Firma.",
        "invalid_credentials" => return sign_in_error(l, e),
        _ => return e.message.clone(),
    };
    t.to_owned()
}

/// Over a limit of these requests: how long to wait, the answer's `retry_after_seconds` (the
/// end of the window that refused it) in whole minutes, rounded up.
pub fn too_many_attempts(l: Lang, e: &ApiError) -> String {
    match e.retry_after_seconds.map(|s| s.div_ceil(60)) {
        Some(0 | 1) => l
            .t(
                "Too many attempts; try again in a minute.",
                "Zu viele Versuche; bitte versuchen Sie es in einer Minute erneut.",
            )
            .to_owned(),
        Some(minutes) => fill(
            l.t(
                "Too many attempts; try again in {0} minutes.",
                "Zu viele Versuche; bitte versuchen Sie es in {0} Minuten erneut.",
            ),
            &[&minutes.to_string()],
        ),
        None => l
            .t(
                "Too many attempts in a short time. Please wait a while and try again.",
                "Zu viele Versuche in kurzer Zeit. Bitte warten Sie eine Weile und versuchen Sie es dann erneut.",
            )
            .to_owned(),
    }
}

/// What follows a registration (the same whether or not anything was known).
pub fn registration_sent(l: Lang, email: &str) -> String {
    fill(
        l.t(
            "Thank you. If {0} is your company's registered contact, a message with a link to set your password is on its way; otherwise your company's administrators are asked to let you in, and you will hear from us by e-mail. The link works for {1} minutes.",
            "Vielen Dank. Ist {0} die hinterlegte Kontaktadresse Ihrer Firma, ist eine Nachricht mit einem Link zum Festlegen Ihres Passworts unterwegs; andernfalls werden die Administratoren Ihrer Firma um Freigabe gebeten, und Sie hören per E-Mail von uns. Der Link gilt {1} Minuten.",
        ),
        &[email, &TOKEN_MINUTES.to_string()],
    )
}

/// What follows a request for a password reset.
pub fn reset_sent(l: Lang, email: &str) -> String {
    fill(
        l.t(
            "If {0} belongs to an account, a message with a link to set a new password is on its way. The link works for {1} minutes; an earlier one stops working.",
            "Gehört {0} zu einem Konto, ist eine Nachricht mit einem Link zum Festlegen eines neuen Passworts unterwegs. Der Link gilt {1} Minuten; ein früherer Link gilt nicht mehr.",
        ),
        &[email, &TOKEN_MINUTES.to_string()],
    )
}

/// The heading of a one-time link's page.
pub fn link_heading(l: Lang, kind: TokenKind) -> &'static str {
    match kind {
        TokenKind::Verification => l.t("Set your password", "Ihr Passwort festlegen"),
        TokenKind::Invitation => l.t("Join your colleagues", "Ihren Kollegen beitreten"),
        TokenKind::Reset => l.t("Set a new password", "Neues Passwort festlegen"),
        TokenKind::Approval => l.t("A request for access", "Eine Zugangsanfrage"),
    }
}

/// What a one-time link is for.
pub fn link_purpose(l: Lang, info: &TokenInfo) -> String {
    let role = info.role.map(|r| role_name(l, r)).unwrap_or_default();
    let t = match info.kind {
        TokenKind::Verification | TokenKind::Invitation => l.t(
            "Set a password for {0} to sign in to {1}'s account as {2}.",
            "Legen Sie ein Passwort für {0} fest, um sich im Konto von {1} als {2} anzumelden.",
        ),
        TokenKind::Reset => l.t(
            "Set a new password for {0} ({1}). Every other session of the account ends.",
            "Legen Sie ein neues Passwort für {0} ({1}) fest. Alle anderen Sitzungen des Kontos werden beendet.",
        ),
        TokenKind::Approval => l.t(
            "{0} asks for access to {1}'s account as {2}. Approve only if you know this person; they then receive a link to set a password.",
            "{0} bittet um Zugang zum Konto von {1} als {2}. Stimmen Sie nur zu, wenn Sie die Person kennen; sie erhält dann einen Link zum Festlegen eines Passworts.",
        ),
    };
    fill(t, &[&info.email, &info.customer, role])
}

/// When a link stops working.
pub fn link_expires(l: Lang, at: &str) -> String {
    fill(
        l.t("This link works until {0}.", "Dieser Link gilt bis {0}."),
        &[&minute(at)],
    )
}

/// The outcome of a decision on a request for access.
pub fn decided(l: Lang, decision: Decision, email: &str) -> String {
    let t = match decision {
        Decision::Approve => l.t(
            "Approved: {0} receives a link to set a password and joins as a viewer.",
            "Zugestimmt: {0} erhält einen Link zum Festlegen eines Passworts und kommt als Betrachter hinzu.",
        ),
        Decision::Decline => l.t(
            "Declined: {0} is told that the request was not approved.",
            "Abgelehnt: {0} erfährt, dass die Anfrage nicht freigegeben wurde.",
        ),
    };
    fill(t, &[email])
}

/// A role's name.
pub fn role_name(l: Lang, role: Role) -> &'static str {
    match role {
        Role::Admin => l.t("administrator", "Administrator"),
        Role::Viewer => l.t("viewer", "Betrachter"),
    }
}

/// What a role may do, for the colleagues page.
pub fn role_explained(l: Lang, role: Role) -> &'static str {
    match role {
        Role::Admin => l.t(
            "Administrators order, cancel and resume auto-renew, and invite and remove colleagues.",
            "Administratoren bestellen, kündigen und setzen die automatische Verlängerung fort und laden Kollegen ein oder entfernen sie.",
        ),
        Role::Viewer => l.t(
            "Viewers see installations, quotes, orders and invoices, and download releases.",
            "Betrachter sehen Installationen, Angebote, Bestellungen und Rechnungen und laden Versionen herunter.",
        ),
    }
}

/// What an invitation did.
pub fn invited(l: Lang, email: &str) -> String {
    fill(
        l.t(
            "Invitation sent to {0}. It works for {1} days; a new one to the same address replaces it.",
            "Einladung an {0} gesendet. Sie gilt {1} Tage; eine neue an dieselbe Adresse ersetzt sie.",
        ),
        &[email, &INVITATION_DAYS.to_string()],
    )
}

/// The label of a colleague's remove button.
pub fn remove_label(l: Lang, email: &str) -> String {
    fill(l.t("Remove {0}", "{0} entfernen"), &[email])
}

/// The question before removing a colleague.
pub fn remove_question(l: Lang, email: &str) -> String {
    fill(
        l.t(
            "Remove {0}? Their sessions and links end at once.",
            "{0} entfernen? Ihre Sitzungen und Links enden sofort.",
        ),
        &[email],
    )
}

/// An open invitation's line.
pub fn invitation_line(l: Lang, role: Role, until: &str) -> String {
    fill(
        l.t("invited as {0}, until {1}", "eingeladen als {0}, bis {1}"),
        &[role_name(l, role), &minute(until)],
    )
}

/// How many sessions ended.
pub fn sessions_ended(l: Lang, n: u32) -> String {
    let t = match n {
        0 => l.t(
            "No other session was active.",
            "Keine andere Sitzung war aktiv.",
        ),
        1 => l.t(
            "1 other session was ended.",
            "1 andere Sitzung wurde beendet.",
        ),
        _ => l.t(
            "{0} other sessions were ended.",
            "{0} andere Sitzungen wurden beendet.",
        ),
    };
    fill(t, &[&n.to_string()])
}

/// A session's line: since when, and until when unless renewed.
pub fn session_line(l: Lang, since: &str, until: &str) -> String {
    fill(
        l.t("signed in {0}, ends {1}", "angemeldet {0}, endet {1}"),
        &[&minute(since), &minute(until)],
    )
}

/// The name of a kind of message.
pub fn message_kind(l: Lang, kind: MessageKind) -> &'static str {
    match kind {
        MessageKind::Verification => l.t(
            "Link to set your password",
            "Link zum Festlegen Ihres Passworts",
        ),
        MessageKind::ApprovalRequest => l.t(
            "Requests for access (administrators)",
            "Zugangsanfragen (Administratoren)",
        ),
        MessageKind::ApprovalResult => l.t(
            "Answer to your request for access",
            "Antwort auf Ihre Zugangsanfrage",
        ),
        MessageKind::Invitation => l.t("Invitations", "Einladungen"),
        MessageKind::PasswordReset => l.t(
            "Password reset links",
            "Links zum Zurücksetzen des Passworts",
        ),
        MessageKind::PasswordChanged => l.t(
            "Notice that your password changed",
            "Hinweis auf ein geändertes Passwort",
        ),
        MessageKind::RenewalReminder => l.t(
            "Reminder before a cancellation deadline",
            "Erinnerung vor einer Kündigungsfrist",
        ),
        MessageKind::RenewalDone => l.t(
            "Renewal done, with its invoice",
            "Verlängerung erfolgt, mit Rechnung",
        ),
        MessageKind::Lapse => l.t(
            "Notice that an SMA lapsed, with the reinstatement price",
            "Hinweis auf ein abgelaufenes SMA, mit dem Preis der Wiederaufnahme",
        ),
        MessageKind::LegacyReminder => l.t(
            "Reminder to extend a Maintenance Contract",
            "Erinnerung an die Verlängerung eines Wartungsvertrags",
        ),
        MessageKind::LegacyEnded => l.t(
            "Notice that a Maintenance Contract ended",
            "Hinweis auf einen beendeten Wartungsvertrag",
        ),
        MessageKind::SalesRequest => l.t("Requests to the sales team", "Anfragen an den Vertrieb"),
        MessageKind::SalesConfirmation => l.t(
            "Confirmation of your request to the sales team",
            "Bestätigung Ihrer Anfrage an den Vertrieb",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limited(retry_after_seconds: Option<u64>) -> ApiError {
        ApiError {
            retry_after_seconds,
            ..ApiError::new("rate_limited", String::new(), None)
        }
    }

    #[test]
    fn a_refusal_over_a_limit_says_how_long_to_wait_in_either_language() {
        assert_eq!(
            api_error(Lang::En, &limited(Some(61))),
            "Too many attempts; try again in 2 minutes."
        );
        assert_eq!(
            api_error(Lang::De, &limited(Some(61))),
            "Zu viele Versuche; bitte versuchen Sie es in 2 Minuten erneut."
        );
        assert_eq!(
            api_error(Lang::En, &limited(Some(30))),
            "Too many attempts; try again in a minute."
        );
        assert_eq!(
            api_error(Lang::De, &limited(None)),
            "Zu viele Versuche in kurzer Zeit. Bitte warten Sie eine Weile und versuchen Sie es dann erneut."
        );
    }

    #[test]
    fn the_english_wait_is_the_api_s_own_sentence() {
        for seconds in [1, 60, 61, 900] {
            let api = sma_shared::accounts::AccountsError::RateLimited {
                retry_after_seconds: seconds,
            };
            assert_eq!(
                api_error(Lang::En, &limited(Some(seconds))),
                api.to_string(),
                "{seconds} s"
            );
        }
    }
}
