//! Random identifiers from the platform's CSPRNG: request ids, resource ids, session tokens.

use crate::error::ApiError;

/// `N` random bytes.
fn random<const N: usize>() -> Result<[u8; N], ApiError> {
    let mut bytes = [0u8; N];
    getrandom::getrandom(&mut bytes)?;
    Ok(bytes)
}

/// A fresh request id (16 bytes, hex); all zeros if the random source fails (a request id
/// must never stop a request).
pub fn request_id() -> String {
    random::<16>().map_or_else(|_| "0".repeat(32), hex::encode)
}

/// A resource id: `prefix_` and 16 hex digits.
pub fn random_id(prefix: &str) -> Result<String, ApiError> {
    Ok(format!("{prefix}_{}", hex::encode(random::<8>()?)))
}

/// A long resource id: `prefix_` and 32 hex digits (16 random bytes), for ids that key a
/// secret derivation (one-time tokens).
pub fn long_id(prefix: &str) -> Result<String, ApiError> {
    Ok(format!("{prefix}_{}", hex::encode(random::<16>()?)))
}

/// A session token: 32 random bytes as 64 hex digits (the form the cookie accepts).
pub fn session_token() -> Result<String, ApiError> {
    Ok(hex::encode(random::<32>()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_hex(s: &str) -> bool {
        s.bytes().all(|b| b.is_ascii_hexdigit())
    }

    #[test]
    fn a_request_id_is_32_hex_digits_and_fresh_each_time() {
        let (a, b) = (request_id(), request_id());
        assert_eq!(a.len(), 32);
        assert!(is_hex(&a));
        assert_ne!(a, b);
    }

    #[test]
    fn a_resource_id_is_its_prefix_and_16_hex_digits() {
        let id = random_id("ord").unwrap();
        let (prefix, digits) = id.split_once('_').unwrap();
        assert_eq!((prefix, digits.len()), ("ord", 16));
        assert!(is_hex(digits));
    }

    #[test]
    fn a_session_token_has_the_form_the_cookie_accepts() {
        let token = session_token().unwrap();
        let header = format!("{}={token}", super::super::cookie::COOKIE);
        assert_eq!(
            super::super::cookie::session_token(Some(&header)),
            Some(token)
        );
    }
}
