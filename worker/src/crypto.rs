//! Cryptography through the runtime's WebCrypto: PBKDF2 password checks (at most 100 000
//! iterations, the Workers cap), SHA-256 of tokens, and constant-time comparison. The parsing
//! and comparison are pure and tested natively; the digests need the runtime.

use base64::{engine::general_purpose::STANDARD, Engine as _};
use worker::js_sys::{self, Array, Reflect, Uint8Array};
use worker::wasm_bindgen::{JsCast, JsValue};
use worker::wasm_bindgen_futures::JsFuture;

/// The largest PBKDF2 iteration count the Worker computes (Workers cap PBKDF2 at 100 000).
pub const MAX_ITERATIONS: u32 = 100_000;

/// Checked when the email is unknown, so that the answer takes as long as for a known one.
pub const DUMMY_HASH: &str =
    "pbkdf2-sha256$100000$c21hLWR1bW15LXNhbHQ=$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

/// A WebCrypto call that failed (a 500; the step and the runtime's words are logged).
#[derive(Debug, thiserror::Error)]
#[error("WebCrypto {step}: {detail}")]
pub struct CryptoError {
    /// The call, e.g. `deriveBits`.
    pub step: &'static str,
    /// What the runtime said.
    pub detail: String,
}

impl CryptoError {
    fn at(step: &'static str) -> impl Fn(JsValue) -> CryptoError {
        move |e| CryptoError {
            step,
            detail: format!("{e:?}"),
        }
    }
}

/// Compares two byte strings in time that depends only on their lengths.
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A parsed `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`.
#[derive(Debug, PartialEq, Eq)]
pub struct StoredHash {
    /// PBKDF2 iterations, 1 to [`MAX_ITERATIONS`].
    pub iterations: u32,
    /// The salt, not empty.
    pub salt: Vec<u8>,
    /// The 32-byte derived key.
    pub hash: Vec<u8>,
}

impl StoredHash {
    /// The stored form, or `None` for any other form (another scheme, too many iterations, a
    /// hash of another length).
    pub fn parse(stored: &str) -> Option<StoredHash> {
        let mut parts = stored.split('$');
        if parts.next()? != "pbkdf2-sha256" {
            return None;
        }
        let iterations: u32 = parts.next()?.parse().ok()?;
        let salt = STANDARD.decode(parts.next()?).ok()?;
        let hash = STANDARD.decode(parts.next()?).ok()?;
        if parts.next().is_some()
            || !(1..=MAX_ITERATIONS).contains(&iterations)
            || salt.is_empty()
            || hash.len() != 32
        {
            return None;
        }
        Some(StoredHash {
            iterations,
            salt,
            hash,
        })
    }
}

/// Whether `password` matches the stored hash (compared in constant time). A stored hash of
/// another form never matches (and is logged).
pub async fn verify_password(password: &str, stored: &str) -> Result<bool, CryptoError> {
    let Some(parsed) = StoredHash::parse(stored) else {
        worker::console_error!("a stored password hash has an unsupported form");
        return Ok(false);
    };
    let derived = pbkdf2_sha256(password.as_bytes(), &parsed.salt, parsed.iterations).await?;
    Ok(ct_eq(&derived, &parsed.hash))
}

/// The global `crypto.subtle`.
fn subtle() -> Result<web_sys::SubtleCrypto, CryptoError> {
    let crypto = Reflect::get(&js_sys::global(), &JsValue::from_str("crypto"))
        .map_err(CryptoError::at("crypto"))?;
    if crypto.is_undefined() {
        return Err(CryptoError {
            step: "crypto",
            detail: "not available".into(),
        });
    }
    Ok(crypto.unchecked_into::<web_sys::Crypto>().subtle())
}

/// 32 bytes of PBKDF2-HMAC-SHA256 with WebCrypto.
async fn pbkdf2_sha256(
    password: &[u8],
    salt: &[u8],
    iterations: u32,
) -> Result<Vec<u8>, CryptoError> {
    let subtle = subtle()?;
    let usages = Array::of1(&JsValue::from_str("deriveBits"));
    let key_data = Uint8Array::from(password);
    let key = JsFuture::from(
        subtle
            .import_key_with_str("raw", &key_data, "PBKDF2", false, &usages)
            .map_err(CryptoError::at("importKey"))?,
    )
    .await
    .map_err(CryptoError::at("importKey"))?;
    let params = web_sys::Pbkdf2Params::new(
        "PBKDF2",
        &JsValue::from_str("SHA-256"),
        iterations,
        &Uint8Array::from(salt),
    );
    let bits = JsFuture::from(
        subtle
            .derive_bits_with_object(&params, &key.unchecked_into(), 256)
            .map_err(CryptoError::at("deriveBits"))?,
    )
    .await
    .map_err(CryptoError::at("deriveBits"))?;
    Ok(Uint8Array::new(&bits).to_vec())
}

/// The SHA-256 of `data` as hex (how session tokens and order requests are stored).
pub async fn sha256_hex(data: &[u8]) -> Result<String, CryptoError> {
    let digest = JsFuture::from(
        subtle()?
            .digest_with_str_and_u8_array("SHA-256", data)
            .map_err(CryptoError::at("digest"))?,
    )
    .await
    .map_err(CryptoError::at("digest"))?;
    Ok(hex::encode(Uint8Array::new(&digest).to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_bytes_compare_equal_and_any_difference_does_not() {
        assert!(ct_eq(b"secret-token", b"secret-token"));
        assert!(!ct_eq(b"secret-token", b"secret-tokeN"));
        assert!(!ct_eq(b"short", b"shorter"));
        assert!(ct_eq(b"", b""));
    }

    #[test]
    fn the_dummy_hash_costs_as_much_as_a_real_one() {
        let dummy = StoredHash::parse(DUMMY_HASH).expect("the dummy hash has the stored form");
        assert_eq!(dummy.iterations, MAX_ITERATIONS);
        assert_eq!(dummy.hash.len(), 32);
    }

    #[test]
    fn a_hash_of_another_form_is_not_accepted() {
        let hash = STANDARD.encode([7u8; 32]);
        let salt = STANDARD.encode(b"salt");
        let ok = format!("pbkdf2-sha256$1000${salt}${hash}");
        assert!(StoredHash::parse(&ok).is_some());
        for bad in [
            format!("pbkdf2-sha512$1000${salt}${hash}"),
            format!("pbkdf2-sha256$100001${salt}${hash}"),
            format!("pbkdf2-sha256$0${salt}${hash}"),
            format!("pbkdf2-sha256$1000$${hash}"),
            format!("pbkdf2-sha256$1000${salt}${}", STANDARD.encode([7u8; 31])),
            format!("pbkdf2-sha256$1000${salt}${hash}$extra"),
            "plain text".to_owned(),
        ] {
            assert_eq!(StoredHash::parse(&bad), None, "{bad}");
        }
    }
}
