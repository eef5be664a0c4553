//! Why an accounts request was refused: [`AccountsError`], with its HTTP status, its code of
//! api.md, the field at fault and a sentence the customer can act on.

use thiserror::Error;

use super::{Action, Role};

/// What is wrong with a licence number as typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LicenceNumberProblem {
    /// Not nine characters after the optional `SMA` (spaces and hyphens aside).
    Length {
        /// How many characters were given (without `SMA`, spaces and hyphens).
        given: usize,
    },
    /// A character outside the alphabet (`U`, punctuation, letters with accents…).
    Character {
        /// The first such character.
        found: char,
    },
    /// Nine good characters whose check character does not match: a typing error.
    Check,
}

/// What is wrong with a new password.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordProblem {
    /// Fewer characters than [`MIN_PASSWORD_CHARS`](super::MIN_PASSWORD_CHARS).
    TooShort {
        /// How many characters it has.
        chars: usize,
    },
    /// More bytes than [`MAX_PASSWORD_BYTES`](super::MAX_PASSWORD_BYTES).
    TooLong,
    /// The same as the account's e-mail address.
    SameAsEmail,
}

/// A refused accounts request. Every variant has its status, code, field and message.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum AccountsError {
    /// 422 `invalid_licence_number`, refused before any lookup.
    #[error("{}", licence_message(.problem, .given))]
    InvalidLicenceNumber {
        /// What is wrong.
        problem: LicenceNumberProblem,
        /// The number as typed (trimmed).
        given: String,
    },
    /// 422 `invalid_email`: not an e-mail address.
    #[error("“{given}” is not an e-mail address; enter one like name@company.example.")]
    InvalidEmail {
        /// The address as typed (trimmed).
        given: String,
    },
    /// 422 `invalid_password`: a new password that breaks a rule.
    #[error("{}", password_message(.problem))]
    InvalidPassword {
        /// The JSON field (`password` or `new_password`).
        field: &'static str,
        /// What is wrong.
        problem: PasswordProblem,
    },
    /// 403 `forbidden_role`: the user's role does not allow the action.
    #[error("{}", action.denial(*role))]
    ForbiddenRole {
        /// The user's role.
        role: Role,
        /// What was attempted.
        action: Action,
    },
    /// 422 `last_admin`: the change would leave the customer without an administrator.
    #[error("This would leave your company without an administrator; make another user an administrator first.")]
    LastAdmin,
    /// 410 `token_invalid`: a used, expired or unknown token (which of them is not told).
    #[error(
        "This link is no longer valid: it was used already or has expired. Ask for a new one."
    )]
    TokenInvalid,
    /// 429 `rate_limited`: too many attempts; `Retry-After` carries the seconds.
    #[error("{}", wait_message(*.retry_after_seconds))]
    RateLimited {
        /// Seconds until the window ends.
        retry_after_seconds: u64,
    },
}

impl AccountsError {
    /// The snake_case code of api.md.
    pub fn code(&self) -> &'static str {
        match self {
            AccountsError::InvalidLicenceNumber { .. } => "invalid_licence_number",
            AccountsError::InvalidEmail { .. } => "invalid_email",
            AccountsError::InvalidPassword { .. } => "invalid_password",
            AccountsError::ForbiddenRole { .. } => "forbidden_role",
            AccountsError::LastAdmin => "last_admin",
            AccountsError::TokenInvalid => "token_invalid",
            AccountsError::RateLimited { .. } => "rate_limited",
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        match self {
            AccountsError::InvalidLicenceNumber { .. }
            | AccountsError::InvalidEmail { .. }
            | AccountsError::InvalidPassword { .. }
            | AccountsError::LastAdmin => 422,
            AccountsError::ForbiddenRole { .. } => 403,
            AccountsError::TokenInvalid => 410,
            AccountsError::RateLimited { .. } => 429,
        }
    }

    /// The JSON field at fault, when one input is.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            AccountsError::InvalidLicenceNumber { .. } => Some("licence_number"),
            AccountsError::InvalidEmail { .. } => Some("email"),
            AccountsError::InvalidPassword { field, .. } => Some(field),
            AccountsError::TokenInvalid => Some("token"),
            AccountsError::ForbiddenRole { .. }
            | AccountsError::LastAdmin
            | AccountsError::RateLimited { .. } => None,
        }
    }

    /// The sentence for the customer.
    pub fn message(&self) -> String {
        self.to_string()
    }
}

fn licence_message(problem: &LicenceNumberProblem, given: &str) -> String {
    match problem {
        LicenceNumberProblem::Length { given: n } => format!(
            "A licence number has the form SMA-XXXX-XXXX-C: nine characters after “SMA”, but “{given}” has {n}. Copy it from your licence certificate."
        ),
        LicenceNumberProblem::Character { found } => format!(
            "A licence number contains only digits and the letters A to Z without U; “{found}” in “{given}” is not one of them. Copy it from your licence certificate."
        ),
        LicenceNumberProblem::Check => format!(
            "“{given}” is not a valid licence number: a character is probably mistyped or two are swapped. Compare it with your licence certificate."
        ),
    }
}

fn wait_message(retry_after_seconds: u64) -> String {
    match retry_after_seconds.div_ceil(60) {
        0 | 1 => "Too many attempts; try again in a minute.".to_owned(),
        minutes => format!("Too many attempts; try again in {minutes} minutes."),
    }
}

fn password_message(problem: &PasswordProblem) -> String {
    match problem {
        PasswordProblem::TooShort { chars } => format!(
            "A password needs at least {} characters; this one has {chars}. A few words in a row make a strong password that is easy to remember.",
            super::MIN_PASSWORD_CHARS
        ),
        PasswordProblem::TooLong => format!(
            "A password can be at most {} bytes long; choose a shorter one.",
            super::MAX_PASSWORD_BYTES
        ),
        PasswordProblem::SameAsEmail => {
            "A password must not be your e-mail address; choose another one.".to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_has_the_status_and_code_of_the_api() {
        let cases = [
            (
                AccountsError::InvalidLicenceNumber {
                    problem: LicenceNumberProblem::Check,
                    given: "SMA-0000-0000-1".into(),
                },
                422,
                "invalid_licence_number",
            ),
            (
                AccountsError::ForbiddenRole {
                    role: Role::Viewer,
                    action: Action::PlaceOrder,
                },
                403,
                "forbidden_role",
            ),
            (AccountsError::TokenInvalid, 410, "token_invalid"),
            (
                AccountsError::RateLimited {
                    retry_after_seconds: 61,
                },
                429,
                "rate_limited",
            ),
        ];
        for (err, status, code) in cases {
            assert_eq!((err.status(), err.code()), (status, code), "{err:?}");
            assert!(err.message().ends_with('.'), "{}", err.message());
        }
    }

    #[test]
    fn a_rate_limit_tells_the_whole_minutes_to_wait() {
        let wait = |retry_after_seconds| {
            AccountsError::RateLimited {
                retry_after_seconds,
            }
            .message()
        };
        assert_eq!(wait(61), "Too many attempts; try again in 2 minutes.");
        assert_eq!(wait(60), "Too many attempts; try again in a minute.");
        assert_eq!(wait(1), "Too many attempts; try again in a minute.");
    }

    #[test]
    fn a_wrong_check_character_is_explained_as_a_typing_error() {
        let err = AccountsError::InvalidLicenceNumber {
            problem: LicenceNumberProblem::Check,
            given: "SMA-0000-0000-1".into(),
        };
        assert_eq!(err.field(), Some("licence_number"));
        assert!(err.message().contains("mistyped"), "{}", err.message());
        assert!(
            err.message().contains("SMA-0000-0000-1"),
            "{}",
            err.message()
        );
    }
}
