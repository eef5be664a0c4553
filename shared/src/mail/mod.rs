//! The e-mails of the product (issue 12), rendered purely: a [`Message`] holds the typed facts,
//! and [`Message::render`] writes its subject, plain text and HTML in English or German.
//!
//! Each message's sentences are written whole per language, English and German side by side,
//! with the values filled in; numbers of the policies (30 minutes, 7 days, 30 days of grace…)
//! come from their constants, amounts and dates from [`Lang`]'s formats. The HTML escapes
//! every text it writes.
//!
//! - `access.rs`: [`Verification`], [`ApprovalRequest`], [`ApprovalResult`];
//! - `account.rs`: [`Invitation`], [`PasswordReset`], [`PasswordChanged`];
//! - `contract.rs`: [`RenewalReminder`], [`RenewalDone`], [`Lapse`];
//! - `legacy.rs`: [`LegacyExtensionReminder`], [`LegacyContractEnded`] (pricing.md section 9);
//! - `sales.rs`: [`SalesRequestNotice`] to the sales team, [`SalesRequestConfirmation`] to the
//!   sender;
//! - `links.rs`: [`Links`], the portal addresses on the configured origin;
//! - `render.rs`: text and HTML of a composed message, [`escape`].

mod access;
mod account;
mod contract;
mod legacy;
mod links;
mod render;
mod sales;

pub use access::*;
pub use account::*;
pub use contract::*;
pub use legacy::*;
pub use links::*;
pub use render::escape;
pub use sales::*;

use serde::{Deserialize, Serialize};

use crate::foundation::Lang;
use render::Composed;

/// What a message is about. Travels and is stored as its code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    /// The link to set the first password after registering.
    Verification,
    /// A request for access, to the customer's administrators.
    ApprovalRequest,
    /// The administrators' answer, to the requester.
    ApprovalResult,
    /// An invitation from an administrator.
    Invitation,
    /// The link to set a new password.
    PasswordReset,
    /// The notice that the password changed and other sessions ended.
    PasswordChanged,
    /// The reminder before a cancellation deadline.
    RenewalReminder,
    /// The notice of an automatic renewal, with its invoice.
    RenewalDone,
    /// The notice that coverage ended, with the price to continue.
    Lapse,
    /// The reminder to extend a legacy Maintenance Contract.
    LegacyReminder,
    /// The notice that a legacy Maintenance Contract ended for good.
    LegacyEnded,
    /// A request to the sales team.
    SalesRequest,
    /// The confirmation of a request to the sales team, to its sender.
    SalesConfirmation,
}

impl MessageKind {
    /// Every kind.
    pub const ALL: [MessageKind; 13] = [
        MessageKind::Verification,
        MessageKind::ApprovalRequest,
        MessageKind::ApprovalResult,
        MessageKind::Invitation,
        MessageKind::PasswordReset,
        MessageKind::PasswordChanged,
        MessageKind::RenewalReminder,
        MessageKind::RenewalDone,
        MessageKind::Lapse,
        MessageKind::LegacyReminder,
        MessageKind::LegacyEnded,
        MessageKind::SalesRequest,
        MessageKind::SalesConfirmation,
    ];

    /// The stable code (outbox rows, the dev mailbox, the provider's tag).
    pub fn code(self) -> &'static str {
        match self {
            MessageKind::Verification => "verification",
            MessageKind::ApprovalRequest => "approval_request",
            MessageKind::ApprovalResult => "approval_result",
            MessageKind::Invitation => "invitation",
            MessageKind::PasswordReset => "password_reset",
            MessageKind::PasswordChanged => "password_changed",
            MessageKind::RenewalReminder => "renewal_reminder",
            MessageKind::RenewalDone => "renewal_done",
            MessageKind::Lapse => "lapse",
            MessageKind::LegacyReminder => "legacy_reminder",
            MessageKind::LegacyEnded => "legacy_ended",
            MessageKind::SalesRequest => "sales_request",
            MessageKind::SalesConfirmation => "sales_confirmation",
        }
    }

    /// Reads a code.
    pub fn parse(code: &str) -> Option<MessageKind> {
        MessageKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Whether a user may turn this kind off. Only the lapse notice may: it offers to buy
    /// again. Links someone asked for, security notices, the reminder before a cancellation
    /// deadline (the contract promises it) and the notice of a charge are always sent.
    pub fn may_opt_out(self) -> bool {
        matches!(self, MessageKind::Lapse)
    }

    /// Whether users of a customer receive this kind (and see it in their notification
    /// preferences); the sales team's requests and their confirmations go to addresses that
    /// need not be users.
    pub fn to_users(self) -> bool {
        !matches!(
            self,
            MessageKind::SalesRequest | MessageKind::SalesConfirmation
        )
    }
}

/// A message with its facts, ready to render in the recipient's language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Message {
    /// `verification`.
    Verification(Verification),
    /// `approval_request`.
    ApprovalRequest(ApprovalRequest),
    /// `approval_result`.
    ApprovalResult(ApprovalResult),
    /// `invitation`.
    Invitation(Invitation),
    /// `password_reset`.
    PasswordReset(PasswordReset),
    /// `password_changed`.
    PasswordChanged(PasswordChanged),
    /// `renewal_reminder`.
    RenewalReminder(RenewalReminder),
    /// `renewal_done`.
    RenewalDone(RenewalDone),
    /// `lapse`.
    Lapse(Lapse),
    /// `legacy_reminder`.
    LegacyReminder(LegacyExtensionReminder),
    /// `legacy_ended`.
    LegacyEnded(LegacyContractEnded),
    /// `sales_request`.
    SalesRequest(SalesRequestNotice),
    /// `sales_confirmation`.
    SalesConfirmation(SalesRequestConfirmation),
}

/// A rendered message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email {
    /// What it is about.
    pub kind: MessageKind,
    /// Its language.
    pub lang: Lang,
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub text: String,
    /// The HTML body.
    pub html: String,
    /// The preferences page, for a kind one may turn off (a `List-Unsubscribe` header).
    pub preferences: Option<String>,
}

impl Message {
    /// Its kind.
    pub fn kind(&self) -> MessageKind {
        match self {
            Message::Verification(_) => MessageKind::Verification,
            Message::ApprovalRequest(_) => MessageKind::ApprovalRequest,
            Message::ApprovalResult(_) => MessageKind::ApprovalResult,
            Message::Invitation(_) => MessageKind::Invitation,
            Message::PasswordReset(_) => MessageKind::PasswordReset,
            Message::PasswordChanged(_) => MessageKind::PasswordChanged,
            Message::RenewalReminder(_) => MessageKind::RenewalReminder,
            Message::RenewalDone(_) => MessageKind::RenewalDone,
            Message::Lapse(_) => MessageKind::Lapse,
            Message::LegacyReminder(_) => MessageKind::LegacyReminder,
            Message::LegacyEnded(_) => MessageKind::LegacyEnded,
            Message::SalesRequest(_) => MessageKind::SalesRequest,
            Message::SalesConfirmation(_) => MessageKind::SalesConfirmation,
        }
    }

    /// The one-time token the message carries, for the kinds that carry one. A stored message
    /// holds [`Token::blank`](crate::accounts::Token::blank) there; the sender puts the
    /// derived token in before rendering.
    pub fn token_mut(&mut self) -> Option<&mut crate::accounts::Token> {
        match self {
            Message::Verification(m) => Some(&mut m.token),
            Message::ApprovalRequest(m) => Some(&mut m.token),
            Message::Invitation(m) => Some(&mut m.token),
            Message::PasswordReset(m) => Some(&mut m.token),
            Message::ApprovalResult(_)
            | Message::PasswordChanged(_)
            | Message::RenewalReminder(_)
            | Message::RenewalDone(_)
            | Message::Lapse(_)
            | Message::LegacyReminder(_)
            | Message::LegacyEnded(_)
            | Message::SalesRequest(_)
            | Message::SalesConfirmation(_) => None,
        }
    }

    /// The subject, text and HTML in `lang`, with links on `links`' origin.
    pub fn render(&self, lang: Lang, links: &Links) -> Email {
        let composed: Composed = match self {
            Message::Verification(m) => m.compose(lang, links),
            Message::ApprovalRequest(m) => m.compose(lang, links),
            Message::ApprovalResult(m) => m.compose(lang),
            Message::Invitation(m) => m.compose(lang, links),
            Message::PasswordReset(m) => m.compose(lang, links),
            Message::PasswordChanged(m) => m.compose(lang, links),
            Message::RenewalReminder(m) => m.compose(lang, links),
            Message::RenewalDone(m) => m.compose(lang, links),
            Message::Lapse(m) => m.compose(lang, links),
            Message::LegacyReminder(m) => m.compose(lang, links),
            Message::LegacyEnded(m) => m.compose(lang, links),
            Message::SalesRequest(m) => m.compose(lang),
            Message::SalesConfirmation(m) => m.compose(lang),
        };
        let kind = self.kind();
        Email {
            kind,
            lang,
            text: render::text(&composed, lang, links),
            html: render::html(&composed, lang, links),
            subject: composed.subject,
            preferences: kind.may_opt_out().then(|| links.preferences()),
        }
    }
}

#[cfg(test)]
mod tests;
