//! Passwords and e-mail addresses: the stored PBKDF2 form, the rules for a new password, and
//! the one way an address is compared (trimmed, lower case).
//!
//! The hash is PBKDF2-HMAC-SHA256 (WebCrypto in the Worker, the `pbkdf2` crate in the seeding
//! tool), stored as `pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>`.

use std::fmt;

use base64::{engine::general_purpose::STANDARD, Engine as _};

use super::{AccountsError, PasswordProblem};

/// The scheme of the stored form.
pub const PASSWORD_SCHEME: &str = "pbkdf2-sha256";
/// PBKDF2 iterations of a new hash, and the most the Worker computes (Workers cap WebCrypto's
/// PBKDF2 at 100 000).
pub const PBKDF2_ITERATIONS: u32 = 100_000;
/// Bytes of a new salt.
pub const SALT_BYTES: usize = 16;
/// Bytes of the derived hash.
pub const HASH_BYTES: usize = 32;
/// Fewest characters of a new password.
pub const MIN_PASSWORD_CHARS: usize = 8;
/// Most bytes of any password (longer ones are refused before any hashing).
pub const MAX_PASSWORD_BYTES: usize = 1024;
/// Most bytes of an e-mail address.
pub const MAX_EMAIL_BYTES: usize = 254;

/// A stored password hash. Its `Debug` form shows only the iterations.
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordHash {
    /// PBKDF2 iterations (1 to [`PBKDF2_ITERATIONS`]).
    pub iterations: u32,
    /// The salt (not empty).
    pub salt: Vec<u8>,
    /// The derived key.
    pub hash: [u8; HASH_BYTES],
}

impl PasswordHash {
    /// Reads the stored form; `None` for any other form, an empty salt, a hash of another
    /// length or more iterations than the Worker computes.
    pub fn parse(stored: &str) -> Option<PasswordHash> {
        let mut parts = stored.split('$');
        if parts.next()? != PASSWORD_SCHEME {
            return None;
        }
        let iterations: u32 = parts.next()?.parse().ok()?;
        let salt = STANDARD.decode(parts.next()?).ok()?;
        let hash = STANDARD.decode(parts.next()?).ok()?;
        if parts.next().is_some()
            || !(1..=PBKDF2_ITERATIONS).contains(&iterations)
            || salt.is_empty()
        {
            return None;
        }
        Some(PasswordHash {
            iterations,
            salt,
            hash: hash.try_into().ok()?,
        })
    }
}

impl fmt::Display for PasswordHash {
    /// The stored form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{PASSWORD_SCHEME}${}${}${}",
            self.iterations,
            STANDARD.encode(&self.salt),
            STANDARD.encode(self.hash)
        )
    }
}

impl fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PasswordHash")
            .field("iterations", &self.iterations)
            .finish_non_exhaustive()
    }
}

/// Whether a password is too long to be worth hashing (any password, new or given at sign-in).
pub fn password_too_long(password: &str) -> bool {
    password.len() > MAX_PASSWORD_BYTES
}

/// Checks a new password for the account `email`: at least [`MIN_PASSWORD_CHARS`] characters,
/// at most [`MAX_PASSWORD_BYTES`] bytes, and not the address itself. `field` is the JSON field
/// it came in (`password` or `new_password`).
pub fn check_new_password(
    password: &str,
    email: &str,
    field: &'static str,
) -> Result<(), AccountsError> {
    let refuse = |problem| Err(AccountsError::InvalidPassword { field, problem });
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return refuse(PasswordProblem::TooShort { chars });
    }
    if password_too_long(password) {
        return refuse(PasswordProblem::TooLong);
    }
    if password.trim().to_lowercase() == email.trim().to_lowercase() {
        return refuse(PasswordProblem::SameAsEmail);
    }
    Ok(())
}

/// An e-mail address as compared and stored: trimmed and in lower case, refused (422
/// `invalid_email`) unless it has the shape `local@domain.tld` without spaces and is at most
/// [`MAX_EMAIL_BYTES`] bytes.
pub fn normalize_email(input: &str) -> Result<String, AccountsError> {
    let email = input.trim().to_lowercase();
    let refuse = || AccountsError::InvalidEmail {
        given: input.trim().chars().take(80).collect(),
    };
    let (local, domain) = email.rsplit_once('@').ok_or_else(refuse)?;
    let domain_ok = domain.contains('.')
        && domain
            .split('.')
            .all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'));
    let shape_ok = !local.is_empty()
        && local.len() <= 64
        && domain_ok
        && email.len() <= MAX_EMAIL_BYTES
        && !email
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>()[],;:\\\"".contains(c));
    if shape_ok {
        Ok(email)
    } else {
        Err(refuse())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEEDED: &str =
        "pbkdf2-sha256$100000$c21hLWR1bW15LXNhbHQ=$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    #[test]
    fn the_stored_form_is_read_and_written_back_unchanged() {
        let parsed = PasswordHash::parse(SEEDED).unwrap();
        assert_eq!(parsed.iterations, PBKDF2_ITERATIONS);
        assert_eq!(parsed.salt, b"sma-dummy-salt");
        assert_eq!(parsed.to_string(), SEEDED);
        assert!(!format!("{parsed:?}").contains("c21h"));
    }

    #[test]
    fn other_forms_and_too_many_iterations_are_not_read() {
        for stored in [
            "",
            "bcrypt$10$abc",
            "pbkdf2-sha256$100001$c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            "pbkdf2-sha256$0$c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            "pbkdf2-sha256$1$$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            "pbkdf2-sha256$1$c2FsdA==$AAAA",
            "pbkdf2-sha256$1$c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=$x",
        ] {
            assert_eq!(PasswordHash::parse(stored), None, "{stored}");
        }
    }

    #[test]
    fn a_new_password_needs_eight_characters_counted_as_letters_not_bytes() {
        let short = check_new_password("äöüßäöü", "a@b.example", "password");
        assert_eq!(
            short,
            Err(AccountsError::InvalidPassword {
                field: "password",
                problem: PasswordProblem::TooShort { chars: 7 }
            })
        );
        assert_eq!(
            check_new_password("äöüßäöüß", "a@b.example", "password"),
            Ok(())
        );
    }

    #[test]
    fn a_new_password_may_not_be_longer_than_sign_in_accepts_nor_the_address() {
        let long = "x".repeat(MAX_PASSWORD_BYTES + 1);
        assert!(check_new_password(&long, "a@b.example", "new_password").is_err());
        assert!(check_new_password(&"x".repeat(MAX_PASSWORD_BYTES), "a@b.example", "p").is_ok());
        let err = check_new_password("Anna@Demo.example", "anna@demo.example", "new_password")
            .unwrap_err();
        assert_eq!(err.field(), Some("new_password"));
        assert!(err.message().contains("e-mail address"), "{err}");
    }

    #[test]
    fn an_address_is_trimmed_and_lower_cased() {
        assert_eq!(
            normalize_email("  Anna@Demo.Example "),
            Ok("anna@demo.example".into())
        );
        assert_eq!(
            normalize_email("first.last+sma@sub.example.co.uk"),
            Ok("first.last+sma@sub.example.co.uk".into())
        );
    }

    #[test]
    fn what_is_not_an_address_is_refused() {
        for bad in [
            "",
            "anna",
            "@demo.example",
            "anna@",
            "anna@localhost",
            "anna@demo..example",
            "anna demo@demo.example",
            "anna@demo.example\r\nBcc: x@y.example",
            "<anna@demo.example>",
        ] {
            let err = normalize_email(bad).unwrap_err();
            assert_eq!(err.code(), "invalid_email", "{bad}");
        }
        let long = format!("{}@{}.example", "a".repeat(64), "b".repeat(200));
        assert!(normalize_email(&long).is_err());
    }
}
