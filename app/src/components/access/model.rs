//! The pure logic of getting in and of the account's people, unit-tested: what a registration
//! form becomes (the licence number's check character tested before anything is sent), the
//! new-password rule with its confirmation, what a one-time link's page does, which colleagues
//! may be removed, which notifications may be switched, and how a session is described.

use crate::api::ApiError;
use sma_shared::{
    accounts::{check_new_password, normalize_email, AccountsError, Decision, LicenceNumber, Role},
    api::{AccountUser, NotificationSetting, PasswordChange, RegistrationRequest, TokenInfo},
    mail::MessageKind,
    Lang,
};

/// A problem of one form field found before sending: a rule of `shared`, or a confirmation that
/// differs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldProblem {
    /// A rule of `sma_shared::accounts` (its field says where).
    Rule(AccountsError),
    /// The repeated password is not the same.
    Mismatch,
    /// A required field left empty.
    Empty(&'static str),
}

impl FieldProblem {
    /// The form field at fault (`licence_number`, `email`, `password`, `confirm`).
    pub fn field(&self) -> &'static str {
        match self {
            FieldProblem::Rule(AccountsError::InvalidPassword { .. }) => "password",
            FieldProblem::Rule(e) => e.field().unwrap_or("email"),
            FieldProblem::Mismatch => "confirm",
            FieldProblem::Empty(field) => field,
        }
    }
}

/// The problem of `field` among `problems`.
pub fn problem_of(problems: &[FieldProblem], field: &str) -> Option<FieldProblem> {
    problems.iter().find(|p| p.field() == field).cloned()
}

/// The registration request of the form, or every problem it has: the licence number is read
/// (and its check character tested) by `shared` before any request, the address normalised;
/// the number is sent in its printed form.
pub fn registration(
    licence: &str,
    email: &str,
    lang: Lang,
) -> Result<RegistrationRequest, Vec<FieldProblem>> {
    let number = LicenceNumber::parse(licence);
    let address = normalize_email(email);
    match (number, address) {
        (Ok(n), Ok(e)) => Ok(RegistrationRequest {
            licence_number: n.to_string(),
            email: e,
            lang,
        }),
        (n, e) => Err([n.err(), e.err()]
            .into_iter()
            .flatten()
            .map(FieldProblem::Rule)
            .collect()),
    }
}

/// An address as it is sent, or its problem.
pub fn address(email: &str) -> Result<String, Vec<FieldProblem>> {
    normalize_email(email).map_err(|e| vec![FieldProblem::Rule(e)])
}

/// A new password and its confirmation for the account `email`: the rule of `shared`
/// (`field` is the JSON field the API names), then the confirmation.
pub fn new_password(
    password: &str,
    confirm: &str,
    email: &str,
    field: &'static str,
) -> Result<(), Vec<FieldProblem>> {
    check_new_password(password, email, field).map_err(|e| vec![FieldProblem::Rule(e)])?;
    if password != confirm {
        return Err(vec![FieldProblem::Mismatch]);
    }
    Ok(())
}

/// The change of the signed-in user's password, or its problems: the current password is
/// needed, the new one follows the rule and is repeated.
pub fn password_change(
    current: &str,
    new: &str,
    confirm: &str,
    email: &str,
) -> Result<PasswordChange, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    if current.is_empty() {
        problems.push(FieldProblem::Empty("current_password"));
    }
    if let Err(more) = new_password(new, confirm, email, "new_password") {
        problems.extend(more);
    }
    match problems.is_empty() {
        true => Ok(PasswordChange {
            current_password: current.to_owned(),
            new_password: new.to_owned(),
        }),
        false => Err(problems),
    }
}

/// What the page of a one-time link offers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkStep {
    /// Set a password (verification, invitation, reset) and be signed in.
    SetPassword,
    /// Confirm a decision on a request for access (`suggested` from the link, if any): nothing
    /// is decided by opening the link, so that a link scanner decides nothing.
    Decide {
        /// The decision the message's link named.
        suggested: Option<Decision>,
    },
}

/// The step for a usable token, and the `decision` of the link's query.
pub fn link_step(info: &TokenInfo, decision: Option<&str>) -> LinkStep {
    if info.kind.sets_password() {
        LinkStep::SetPassword
    } else {
        LinkStep::Decide {
            suggested: match decision {
                Some("approve") => Some(Decision::Approve),
                Some("decline") => Some(Decision::Decline),
                _ => None,
            },
        }
    }
}

/// Whether an answer means that the link cannot be used (used, expired, unknown, or not of the
/// form of one), so the page offers to ask for a new one.
pub fn link_gone(e: &ApiError) -> bool {
    matches!(e.code.as_str(), "token_invalid" | "http_410")
}

/// Whether an administrator may remove `user`: not while they are the only administrator left.
pub fn removable(user: &AccountUser, users: &[AccountUser]) -> bool {
    let admins = users.iter().filter(|u| u.role == Role::Admin).count();
    user.role != Role::Admin || admins > 1
}

/// The kinds of message a user may switch off, and those always sent, in the order shown.
pub fn split_notifications(
    settings: &[NotificationSetting],
) -> (Vec<NotificationSetting>, Vec<MessageKind>) {
    let optional = settings.iter().filter(|s| s.optional).copied().collect();
    let fixed = settings
        .iter()
        .filter(|s| !s.optional)
        .map(|s| s.kind)
        .collect();
    (optional, fixed)
}

/// A session's browser and system as a person names them ("Firefox on Windows"), from its
/// `User-Agent`; `None` when it says nothing recognisable.
pub fn browser_of(user_agent: Option<&str>) -> Option<String> {
    let ua = user_agent?;
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chromium/", "Chromium"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
        ("curl/", "curl"),
    ]
    .into_iter()
    .find(|(mark, _)| ua.contains(mark))
    .map(|(_, name)| name);
    let system = [
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(mark, _)| ua.contains(mark))
    .map(|(_, name)| name);
    match (browser, system) {
        (Some(b), Some(s)) => Some(format!("{b} · {s}")),
        (Some(one), None) | (None, Some(one)) => Some(one.to_owned()),
        (None, None) => None,
    }
}

/// An ISO timestamp as shown: `2026-11-30 16:50 UTC`.
pub fn minute(at: &str) -> String {
    format!("{} UTC", at.get(..16).unwrap_or(at).replace('T', " "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use sma_shared::accounts::{LicenceNumberProblem, TokenKind};

    #[test]
    fn a_registration_sends_the_printed_licence_number_and_the_normalised_address() {
        let r = registration(" sma zgg1 6e4c g ", " IT@Nordlicht.example ", Lang::De).unwrap();
        assert_eq!(r.licence_number, "SMA-ZGG1-6E4C-G");
        assert_eq!(r.email, "it@nordlicht.example");
        assert_eq!(r.lang, Lang::De);
    }

    #[test]
    fn a_mistyped_check_character_is_caught_before_anything_is_sent() {
        let problems =
            registration("SMA-ZGG1-6E4C-H", "it@nordlicht.example", Lang::En).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field(), "licence_number");
        assert!(matches!(
            &problems[0],
            FieldProblem::Rule(AccountsError::InvalidLicenceNumber {
                problem: LicenceNumberProblem::Check,
                ..
            })
        ));
    }

    #[test]
    fn every_field_with_a_problem_is_named_at_once() {
        let problems = registration("SMA-12", "not an address", Lang::En).unwrap_err();
        let fields: Vec<_> = problems.iter().map(FieldProblem::field).collect();
        assert_eq!(fields, ["licence_number", "email"]);
        assert!(problem_of(&problems, "email").is_some());
        assert!(problem_of(&problems, "password").is_none());
    }

    #[test]
    fn a_new_password_follows_the_rule_of_shared_then_must_be_repeated() {
        let short = new_password("short", "short", "a@b.example", "password").unwrap_err();
        assert_eq!(short[0].field(), "password");
        let mail =
            new_password("a@b.example", "a@b.example", "A@B.example", "password").unwrap_err();
        assert_eq!(mail[0].field(), "password");
        let differs =
            new_password("long enough", "long enougH", "a@b.example", "password").unwrap_err();
        assert_eq!(differs, vec![FieldProblem::Mismatch]);
        assert_eq!(differs[0].field(), "confirm");
        assert!(new_password("long enough", "long enough", "a@b.example", "password").is_ok());
    }

    fn info(kind: TokenKind) -> TokenInfo {
        TokenInfo {
            kind,
            email: "x@y.example".into(),
            customer: "Y".into(),
            role: None,
            expires_at: "2026-12-01T10:00:00Z".into(),
        }
    }

    #[test]
    fn a_password_change_needs_the_current_password_and_a_good_new_one() {
        let problems = password_change("", "short", "short", "a@b.example").unwrap_err();
        let fields: Vec<_> = problems.iter().map(FieldProblem::field).collect();
        assert_eq!(fields, ["current_password", "password"]);
        let ok = password_change("old one!", "new enough", "new enough", "a@b.example").unwrap();
        assert_eq!(ok.current_password, "old one!");
        assert_eq!(ok.new_password, "new enough");
    }

    #[test]
    fn verification_invitation_and_reset_links_set_a_password() {
        for kind in [
            TokenKind::Verification,
            TokenKind::Invitation,
            TokenKind::Reset,
        ] {
            assert_eq!(
                link_step(&info(kind), Some("approve")),
                LinkStep::SetPassword
            );
        }
    }

    #[test]
    fn an_approval_link_asks_to_confirm_the_decision_it_names() {
        let approval = info(TokenKind::Approval);
        assert_eq!(
            link_step(&approval, Some("decline")),
            LinkStep::Decide {
                suggested: Some(Decision::Decline)
            }
        );
        assert_eq!(
            link_step(&approval, Some("approve")),
            LinkStep::Decide {
                suggested: Some(Decision::Approve)
            }
        );
        assert_eq!(
            link_step(&approval, Some("maybe")),
            LinkStep::Decide { suggested: None }
        );
    }

    #[test]
    fn a_used_or_expired_link_is_told_apart_from_other_failures() {
        let e = |code: &str| ApiError::new(code, String::new(), None);
        assert!(link_gone(&e("token_invalid")));
        assert!(!link_gone(&e("rate_limited")));
        assert!(!link_gone(&e("network")));
    }

    fn user(id: &str, role: Role) -> AccountUser {
        AccountUser {
            id: id.into(),
            email: format!("{id}@x.example"),
            role,
            you: false,
        }
    }

    #[test]
    fn the_last_administrator_cannot_be_removed_but_viewers_always_can() {
        let one = [user("a", Role::Admin), user("v", Role::Viewer)];
        assert!(!removable(&one[0], &one));
        assert!(removable(&one[1], &one));
        let two = [user("a", Role::Admin), user("b", Role::Admin)];
        assert!(removable(&two[0], &two));
    }

    #[test]
    fn only_optional_notifications_are_offered_as_switches() {
        let settings: Vec<_> = MessageKind::ALL
            .iter()
            .map(|&kind| NotificationSetting {
                kind,
                enabled: true,
                optional: kind.may_opt_out(),
            })
            .collect();
        let (optional, fixed) = split_notifications(&settings);
        assert_eq!(optional.len(), 1);
        assert_eq!(optional[0].kind, MessageKind::Lapse);
        assert!(fixed.contains(&MessageKind::RenewalReminder));
        assert_eq!(optional.len() + fixed.len(), MessageKind::ALL.len());
    }

    #[test]
    fn a_session_is_described_by_its_browser_and_system() {
        let chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
        assert_eq!(browser_of(Some(chrome)).as_deref(), Some("Chrome · Linux"));
        let firefox =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
        assert_eq!(
            browser_of(Some(firefox)).as_deref(),
            Some("Firefox · Windows")
        );
        assert_eq!(browser_of(Some("curl/8.5.0")).as_deref(), Some("curl"));
        assert_eq!(browser_of(Some("something")), None);
        assert_eq!(browser_of(None), None);
    }

    #[test]
    fn a_timestamp_is_shown_to_the_minute_in_utc() {
        assert_eq!(minute("2026-11-30T16:50:12.345Z"), "2026-11-30 16:50 UTC");
        assert_eq!(minute("soon"), "soon UTC");
    }
}
