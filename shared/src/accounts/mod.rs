//! Customer accounts (issue 12, api.md "Getting in"): licence numbers, roles and what each may
//! do, one-time tokens, password and address rules, who is asked after a registration, and the
//! rate limits of the public endpoints. Pure decisions: the Worker draws the random bytes, reads
//! the clock and the store, and writes the answers.
//!
//! - `licence_number.rs`: [`LicenceNumber`] (`SMA-XXXX-XXXX-C`, Luhn mod 32 check character);
//! - `roles.rs`: [`Role`], [`Action`], [`Role::authorize`], [`check_removal`];
//! - `tokens.rs`: [`TokenKind`] and lifetimes, [`Token`], [`check_token`], [`Decision`];
//! - `password.rs`: [`PasswordHash`], [`check_new_password`], [`normalize_email`];
//! - `registration.rs`: [`route_registration`];
//! - `rate_limit.rs`: [`RateLimit`] policies and their fixed windows;
//! - `sign_in.rs`: the sign-in limits and [`sign_in_allowed`], counted before a password is
//!   checked;
//! - `import.rs`: [`parse_import`], customers and installations from the vendor's CSV;
//! - `error.rs`: [`AccountsError`], every refusal with its status and code.

mod error;
mod import;
mod licence_number;
mod password;
mod rate_limit;
mod registration;
mod roles;
mod sign_in;
mod tokens;

pub use error::*;
pub use import::*;
pub use licence_number::*;
pub use password::*;
pub use rate_limit::*;
pub use registration::*;
pub use roles::*;
pub use sign_in::*;
pub use tokens::*;
