//! Getting in and managing colleagues (api.md "Getting in", "Local development only"):
//! registration, password reset, token redemption, the access decision, users and
//! invitations, password change, sessions, and the dev mailbox.
//!
//! Requests refuse unknown fields; the `Debug` form of a request hides its passwords and
//! tokens. Timestamps are ISO 8601 UTC strings as stored.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::ErrorBody;
use crate::accounts::{AccountsError, Decision, Role, TokenKind};
use crate::foundation::Lang;
use crate::mail::MessageKind;

/// `POST /api/registrations` body. The licence number is read leniently
/// ([`LicenceNumber::parse`](crate::accounts::LicenceNumber::parse)); a wrong one is a 422
/// `invalid_licence_number`, so it travels as typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RegistrationRequest {
    /// The licence number as typed (`SMA-XXXX-XXXX-C`).
    pub licence_number: String,
    /// The address to reach the person at.
    pub email: String,
    /// The language of the messages (`en`, `de`).
    pub lang: Lang,
}

/// The answer of the requests that never tell whether anything was known: 202
/// `{"status": "accepted"}`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Accepted {
    /// Always `accepted`.
    pub status: AcceptedStatus,
}

/// The one status of [`Accepted`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum AcceptedStatus {
    /// `accepted`.
    #[default]
    Accepted,
}

/// `POST /api/password-resets` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordResetRequest {
    /// The account's address.
    pub email: String,
}

/// `POST /api/tokens/redeem` body: a verification, invitation or reset token and the password
/// to set. Answered with a session and the `{"user"}` of `GET /api/me`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RedeemRequest {
    /// The token from the link.
    pub token: String,
    /// The new password.
    pub password: String,
}

impl fmt::Debug for RedeemRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedeemRequest")
            .field("token", &"<hidden>")
            .field("password", &"<hidden>")
            .finish()
    }
}

/// The body of an administrator's decision on a request for access (the token page posts it
/// after the administrator confirmed): `{"token", "decision": "approve" | "decline"}`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AccessDecisionRequest {
    /// The approval token from the link.
    pub token: String,
    /// Approve or decline.
    pub decision: Decision,
}

impl fmt::Debug for AccessDecisionRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessDecisionRequest")
            .field("token", &"<hidden>")
            .field("decision", &self.decision)
            .finish()
    }
}

/// The answer of `POST /api/tokens/decide`: what was decided on whose request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AccessDecided {
    /// Approved or declined.
    pub decision: Decision,
    /// The requester's address.
    pub email: String,
}

/// `POST /api/tokens/inspect` body: a token from a link, to learn what it is for before using
/// it (the token page shows it).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TokenQuery {
    /// The token from the link.
    pub token: String,
}

impl fmt::Debug for TokenQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenQuery")
            .field("token", &"<hidden>")
            .finish()
    }
}

/// What a usable token is for (`POST /api/tokens/inspect`); a used, expired or unknown token is
/// 410 `token_invalid`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TokenInfo {
    /// `verification`, `invitation` and `reset` are redeemed with a password
    /// (`POST /api/tokens/redeem`); `approval` is decided (`POST /api/tokens/decide`).
    pub kind: TokenKind,
    /// The address of the account it sets a password for; for `approval`, the requester's.
    pub email: String,
    /// The customer's name.
    pub customer: String,
    /// The role the account gets (`null` for `reset`: the role stays).
    pub role: Option<Role>,
    /// When the token stops working.
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date-time")))]
    pub expires_at: String,
}

/// `GET /api/users`: the customer's users, and the invitations not yet accepted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UserList {
    /// The users, by address.
    pub users: Vec<AccountUser>,
    /// Pending invitations, by address.
    #[serde(default)]
    pub invitations: Vec<PendingInvitation>,
}

/// One user of the customer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AccountUser {
    /// The user's id (for `DELETE /api/users/{id}`).
    pub id: String,
    /// The user's address.
    pub email: String,
    /// `admin` or `viewer`.
    pub role: Role,
    /// Whether this is the signed-in user.
    #[serde(default)]
    pub you: bool,
}

/// An invitation not yet accepted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PendingInvitation {
    /// The invited address.
    pub email: String,
    /// The role offered.
    pub role: Role,
    /// When the invitation stops working.
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date-time")))]
    pub expires_at: String,
}

/// `POST /api/users/invitations` body (administrators only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct InvitationRequest {
    /// The colleague's address.
    pub email: String,
    /// The role to give them.
    pub role: Role,
}

/// `POST /api/me/password` body.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    /// The password now.
    pub current_password: String,
    /// The password to set.
    pub new_password: String,
}

impl fmt::Debug for PasswordChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PasswordChange")
            .field("current_password", &"<hidden>")
            .field("new_password", &"<hidden>")
            .finish()
    }
}

/// `GET /api/me/sessions`: the signed-in user's active sessions, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SessionList {
    /// The sessions.
    pub sessions: Vec<SessionInfo>,
}

/// One active session (never its token or the token's hash).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SessionInfo {
    /// An opaque id of the session.
    pub id: String,
    /// When it began.
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date-time")))]
    pub created_at: String,
    /// When it ends unless renewed.
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date-time")))]
    pub expires_at: String,
    /// Whether it is the session of this request.
    pub current: bool,
    /// The browser it was opened from (its `User-Agent`, shortened), when known.
    #[serde(default)]
    pub user_agent: Option<String>,
}

/// `DELETE /api/me/sessions`: how many sessions were ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SessionsEnded {
    /// The number of sessions ended.
    pub ended: u32,
}

/// `GET /api/me/notifications`: the signed-in user's language of messages and, for every kind
/// of message they may receive, whether it is sent to them and whether they may turn it off.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NotificationPreferences {
    /// The language of the user's messages.
    pub lang: Lang,
    /// Every kind of message, in the order of [`MessageKind::ALL`].
    pub messages: Vec<NotificationSetting>,
}

/// Whether one kind of message is sent to the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NotificationSetting {
    /// The kind.
    pub kind: MessageKind,
    /// Whether it is sent.
    pub enabled: bool,
    /// Whether the user may turn it off (otherwise it is always sent).
    pub optional: bool,
}

/// `PUT /api/me/notifications` body: the language and the kinds to turn on or off; kinds not
/// named stay as they are. Turning off a kind that is always sent is 422 `not_optional`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NotificationUpdate {
    /// The language of the user's messages, when it changes.
    #[serde(default)]
    pub lang: Option<Lang>,
    /// The kinds to switch.
    #[serde(default)]
    pub messages: Vec<NotificationChoice>,
}

/// One kind switched on or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NotificationChoice {
    /// The kind.
    pub kind: MessageKind,
    /// Whether to send it.
    pub enabled: bool,
}

/// `GET /api/dev/mailbox` (dev only): the local mailer's messages, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DevMailbox {
    /// The messages.
    pub messages: Vec<MailboxMessage>,
}

/// One delivered message of the dev mailbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MailboxMessage {
    /// The outbox row's id.
    pub id: String,
    /// The recipient.
    pub to: String,
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub text: String,
    /// The HTML body.
    pub html: String,
    /// Its language.
    pub lang: Lang,
    /// What it is about.
    pub kind: MessageKind,
    /// When it was delivered.
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date-time")))]
    pub created_at: String,
}

/// `GET /api/dev/outbox` (dev only): outbox rows with their delivery states, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DevOutbox {
    /// The rows.
    pub rows: Vec<OutboxEntry>,
}

/// One outbox row and where its delivery stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OutboxEntry {
    /// The row's id.
    pub id: i64,
    /// The recipient.
    pub to: String,
    /// The kind's code.
    pub kind: String,
    /// `pending`, `sending`, `sent`, `retry` or `dead`.
    pub status: String,
    /// Attempts so far.
    pub attempts: i64,
    /// When the row was written.
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date-time")))]
    pub created_at: String,
    /// When the next attempt is due (`retry`).
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date-time")))]
    pub next_attempt_at: Option<String>,
    /// When it was sent.
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date-time")))]
    pub sent_at: Option<String>,
    /// The mailer's id of the message.
    pub provider_id: Option<String>,
    /// The last error (`retry`, `dead`).
    pub last_error: Option<String>,
}

/// `POST /api/dev/outbox` (dev only): writes `count` test messages to `to` and sends them to
/// the queue (for load runs of the delivery).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DevOutboxLoad {
    /// How many (1–500).
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 500)))]
    pub count: u32,
    /// The recipient.
    pub to: String,
    /// Writes the rows as if that many seconds ago, and sends nothing to the queue: rows whose
    /// message was lost, for the sweep to find.
    #[serde(default)]
    pub left_behind_seconds: Option<u32>,
}

/// The ids of outbox rows (the answer of `POST /api/dev/outbox`, the body of
/// `POST /api/dev/outbox/enqueue`, which sends them to the queue again).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DevOutboxIds {
    /// The ids.
    pub ids: Vec<i64>,
}

/// The answer of `POST /api/dev/outbox/sweep` (dev only): how many rows the sweep sent to the
/// queue again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DevSwept {
    /// Rows sent again.
    pub swept: usize,
}

impl From<&AccountsError> for ErrorBody {
    fn from(err: &AccountsError) -> ErrorBody {
        ErrorBody::new(err.code(), err.message(), err.field().map(str::to_owned))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::LicenceNumberProblem;

    #[test]
    fn a_registration_reads_its_three_fields_and_refuses_others() {
        let r: RegistrationRequest = serde_json::from_str(
            r#"{"licence_number": "sma-0000-0001-y", "email": "anna@demo.example", "lang": "de"}"#,
        )
        .unwrap();
        assert_eq!(r.lang, Lang::De);
        assert!(serde_json::from_str::<RegistrationRequest>(
            r#"{"licence_number": "x", "email": "y", "lang": "en", "role": "admin"}"#
        )
        .is_err());
        assert!(serde_json::from_str::<RegistrationRequest>(
            r#"{"licence_number": "x", "email": "y", "lang": "fr"}"#
        )
        .is_err());
    }

    #[test]
    fn the_accepted_answer_is_always_the_same() {
        assert_eq!(
            serde_json::to_string(&Accepted::default()).unwrap(),
            r#"{"status":"accepted"}"#
        );
    }

    #[test]
    fn the_debug_form_of_a_request_hides_passwords_and_tokens() {
        let redeem = RedeemRequest {
            token: "tok-secret".into(),
            password: "pw-secret".into(),
        };
        let change = PasswordChange {
            current_password: "old-secret".into(),
            new_password: "new-secret".into(),
        };
        let decision = AccessDecisionRequest {
            token: "tok-secret".into(),
            decision: Decision::Approve,
        };
        for text in [
            format!("{redeem:?}"),
            format!("{change:?}"),
            format!("{decision:?}"),
        ] {
            assert!(!text.contains("secret"), "{text}");
        }
    }

    #[test]
    fn an_invitation_takes_a_known_role_only() {
        let ok: InvitationRequest =
            serde_json::from_str(r#"{"email": "ben@demo.example", "role": "viewer"}"#).unwrap();
        assert_eq!(ok.role, Role::Viewer);
        assert!(serde_json::from_str::<InvitationRequest>(
            r#"{"email": "ben@demo.example", "role": "owner"}"#
        )
        .is_err());
    }

    #[test]
    fn a_dev_mailbox_message_has_the_fields_of_the_api() {
        let m = MailboxMessage {
            id: "1".into(),
            to: "anna@demo.example".into(),
            subject: "S".into(),
            text: "T".into(),
            html: "<p>T</p>".into(),
            lang: Lang::De,
            kind: MessageKind::RenewalReminder,
            created_at: "2026-03-10T08:00:00.000Z".into(),
        };
        let json = serde_json::to_value(DevMailbox { messages: vec![m] }).unwrap();
        let mut keys: Vec<_> = json["messages"][0]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        keys.sort_unstable();
        let mut expected = [
            "id",
            "to",
            "subject",
            "text",
            "html",
            "lang",
            "kind",
            "created_at",
        ];
        expected.sort_unstable();
        assert_eq!(keys, expected);
        assert_eq!(json["messages"][0]["kind"], "renewal_reminder");
        assert_eq!(json["messages"][0]["lang"], "de");
    }

    #[test]
    fn an_accounts_refusal_becomes_the_api_error_body() {
        let err = AccountsError::InvalidLicenceNumber {
            problem: LicenceNumberProblem::Length { given: 3 },
            given: "SMA".into(),
        };
        let body = ErrorBody::from(&err);
        assert_eq!(body.error.code, "invalid_licence_number");
        assert_eq!(body.error.field.as_deref(), Some("licence_number"));
    }
}
