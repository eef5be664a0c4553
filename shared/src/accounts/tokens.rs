//! One-time tokens sent by e-mail (api.md "Getting in"): their kinds and lifetimes, their text
//! and stored hash, and the decision whether one can still be used.
//!
//! A token is 32 random bytes (the Worker draws them) written as 64 hex digits; only its
//! SHA-256 is stored. It is used once, within its lifetime: 30 minutes, 7 days for an
//! invitation or an access request waiting for an administrator.

use std::fmt;

use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::AccountsError;

/// Minutes a verification or password-reset link works.
pub const TOKEN_MINUTES: i64 = 30;
/// Days an invitation works.
pub const INVITATION_DAYS: i64 = 7;
/// Days an administrator has to approve or decline a request for access.
pub const APPROVAL_DAYS: i64 = 7;
/// Random bytes of a token.
pub const TOKEN_BYTES: usize = 32;

/// What a token lets its holder do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// Set the first password after registering (or after an approved request).
    Verification,
    /// Join a customer as invited and set a password.
    Invitation,
    /// Set a new password after forgetting it.
    Reset,
    /// Approve or decline someone's request for access (sent to the administrators).
    Approval,
}

impl TokenKind {
    /// Every kind.
    pub const ALL: [TokenKind; 4] = [
        TokenKind::Verification,
        TokenKind::Invitation,
        TokenKind::Reset,
        TokenKind::Approval,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            TokenKind::Verification => "verification",
            TokenKind::Invitation => "invitation",
            TokenKind::Reset => "reset",
            TokenKind::Approval => "approval",
        }
    }

    /// Reads a stored code.
    pub fn parse(code: &str) -> Option<TokenKind> {
        TokenKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// How long a token of this kind works.
    pub fn lifetime(self) -> Duration {
        match self {
            TokenKind::Verification | TokenKind::Reset => Duration::minutes(TOKEN_MINUTES),
            TokenKind::Invitation => Duration::days(INVITATION_DAYS),
            TokenKind::Approval => Duration::days(APPROVAL_DAYS),
        }
    }

    /// When a token issued at `issued` stops working.
    pub fn expires_at(self, issued: DateTime<Utc>) -> DateTime<Utc> {
        issued + self.lifetime()
    }

    /// Whether `POST /api/tokens/redeem` takes it (with a password); an approval token is
    /// decided by an administrator instead.
    pub fn sets_password(self) -> bool {
        !matches!(self, TokenKind::Approval)
    }
}

/// A token's text as it travels in a link. Its `Debug` form hides it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Token(String);

impl Token {
    /// The token of 32 random bytes: 64 lowercase hex digits.
    pub fn from_random(bytes: &[u8; TOKEN_BYTES]) -> Token {
        Token(hex(bytes))
    }

    /// A token as received, when it has the form of one (64 hex digits, any case); anything
    /// else cannot be a token and needs no lookup.
    pub fn parse(text: &str) -> Option<Token> {
        let text = text.trim();
        (text.len() == 2 * TOKEN_BYTES && text.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| Token(text.to_ascii_lowercase()))
    }

    /// The token of the stored token `id` under the server's secret `key`:
    /// HMAC-SHA256(key, id) as 64 hex digits. The server re-derives it wherever it writes a
    /// link, so neither the token nor a link with it is ever stored; without the key the id
    /// reveals nothing.
    pub fn derive(key: &[u8], id: &str) -> Token {
        let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
        mac.update(id.as_bytes());
        Token(hex(&mac.finalize().into_bytes()))
    }

    /// The empty stand-in of a token in a stored message, replaced by the derived token when
    /// the message is rendered; it is never a valid token ([`Token::parse`] refuses it).
    pub fn blank() -> Token {
        Token(String::new())
    }

    /// Whether this is [`Token::blank`].
    pub fn is_blank(&self) -> bool {
        self.0.is_empty()
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What is stored instead of the token: the SHA-256 of its text, as hex.
    pub fn hash(&self) -> String {
        hex(&Sha256::digest(self.0.as_bytes()))
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<hidden>)")
    }
}

/// A stored token as the store reads it (found by its hash).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoredToken {
    /// Its kind.
    pub kind: TokenKind,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
    /// When it was used, if it was.
    pub used_at: Option<DateTime<Utc>>,
}

/// Whether a token found (or not) by its hash may be used now for one of the `accepted` kinds.
/// Unknown, used, expired and other kinds are refused alike (410 `token_invalid`).
///
/// Single use needs the store's help too: it marks the token used in the same statement that
/// checks `used_at IS NULL AND expires_at > now`, so two redemptions at once cannot both pass.
pub fn check_token(
    found: Option<&StoredToken>,
    accepted: &[TokenKind],
    now: DateTime<Utc>,
) -> Result<TokenKind, AccountsError> {
    match found {
        Some(t) if t.used_at.is_none() && now < t.expires_at && accepted.contains(&t.kind) => {
            Ok(t.kind)
        }
        _ => Err(AccountsError::TokenInvalid),
    }
}

/// An administrator's answer to a request for access.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    /// Let the requester in (they receive the verification message).
    Approve,
    /// Refuse the request.
    Decline,
}

impl Decision {
    /// The code (`approve`, `decline`).
    pub fn code(self) -> &'static str {
        match self {
            Decision::Approve => "approve",
            Decision::Decline => "decline",
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    bytes
        .iter()
        .flat_map(|b| [DIGITS[usize::from(b >> 4)], DIGITS[usize::from(b & 0xf)]])
        .map(char::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minutes: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_790_000_000, 0).unwrap() + Duration::minutes(minutes)
    }

    fn stored(kind: TokenKind) -> StoredToken {
        StoredToken {
            kind,
            expires_at: kind.expires_at(at(0)),
            used_at: None,
        }
    }

    #[test]
    fn links_work_for_thirty_minutes_and_invitations_and_approvals_for_seven_days() {
        assert_eq!(TokenKind::Verification.expires_at(at(0)), at(30));
        assert_eq!(TokenKind::Reset.expires_at(at(0)), at(30));
        assert_eq!(TokenKind::Invitation.expires_at(at(0)), at(7 * 24 * 60));
        assert_eq!(TokenKind::Approval.expires_at(at(0)), at(7 * 24 * 60));
    }

    #[test]
    fn a_token_works_until_just_before_it_expires() {
        let t = stored(TokenKind::Reset);
        assert_eq!(
            check_token(Some(&t), &[TokenKind::Reset], at(29)),
            Ok(TokenKind::Reset)
        );
        assert_eq!(
            check_token(Some(&t), &[TokenKind::Reset], at(30)),
            Err(AccountsError::TokenInvalid)
        );
    }

    #[test]
    fn a_used_an_unknown_and_a_token_of_another_kind_are_refused_alike() {
        let used = StoredToken {
            used_at: Some(at(1)),
            ..stored(TokenKind::Verification)
        };
        let redeem = [
            TokenKind::Verification,
            TokenKind::Invitation,
            TokenKind::Reset,
        ];
        for found in [Some(&used), None, Some(&stored(TokenKind::Approval))] {
            assert_eq!(
                check_token(found, &redeem, at(2)),
                Err(AccountsError::TokenInvalid)
            );
        }
    }

    #[test]
    fn only_an_approval_token_is_decided_without_a_password() {
        let without: Vec<_> = TokenKind::ALL
            .into_iter()
            .filter(|k| !k.sets_password())
            .collect();
        assert_eq!(without, [TokenKind::Approval]);
    }

    #[test]
    fn a_token_is_64_hex_digits_and_is_stored_as_its_sha_256() {
        let token = Token::from_random(&[0xab; TOKEN_BYTES]);
        assert_eq!(token.as_str(), "ab".repeat(32));
        assert_eq!(
            Token::parse(&token.as_str().to_uppercase()),
            Some(token.clone())
        );
        assert_eq!(Token::parse("abc"), None);
        assert_eq!(Token::parse(&"g".repeat(64)), None);
        // Both computed independently with `sha256sum`.
        assert_eq!(
            token.hash(),
            "271a413bd339c5709fdceaec41f14f11e9fbfb5042d72d331c65f32b284cd09a"
        );
        assert_eq!(
            Token::from_random(&[0; TOKEN_BYTES]).hash(),
            "60e05bd1b195af2f94112fa7197a5c88289058840ce7c6df9693756bc6250f55"
        );
    }

    #[test]
    fn a_derived_token_is_the_hmac_of_its_id_and_differs_per_id_and_key() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        assert_eq!(
            Token::derive(b"Jefe", "what do ya want for nothing?").as_str(),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        let key = [7u8; 32];
        assert_ne!(Token::derive(&key, "tok_a"), Token::derive(&key, "tok_b"));
        assert_ne!(
            Token::derive(&key, "tok_a"),
            Token::derive(&[8u8; 32], "tok_a")
        );
        let token = Token::derive(&key, "tok_a");
        assert_eq!(Token::parse(token.as_str()), Some(token));
    }

    #[test]
    fn a_blank_token_is_never_a_token() {
        assert!(Token::blank().is_blank());
        assert_eq!(Token::parse(Token::blank().as_str()), None);
        assert!(!Token::from_random(&[1; TOKEN_BYTES]).is_blank());
    }

    #[test]
    fn the_debug_form_of_a_token_hides_it() {
        let token = Token::from_random(&[0xcd; TOKEN_BYTES]);
        assert!(!format!("{token:?}").contains("cdcd"));
    }

    #[test]
    fn token_kinds_are_stored_by_code() {
        for kind in TokenKind::ALL {
            assert_eq!(TokenKind::parse(kind.code()), Some(kind));
        }
    }
}
