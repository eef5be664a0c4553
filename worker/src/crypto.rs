//! Cryptography through the runtime's WebCrypto: PBKDF2 password checks and new hashes (at
//! most 100 000 iterations, the Workers cap; the stored form is `shared`'s [`PasswordHash`]),
//! SHA-256 of session tokens, and constant-time comparison. The comparison is pure and tested
//! natively; the digests need the runtime.

use sma_shared::accounts::{PasswordHash, PBKDF2_ITERATIONS, SALT_BYTES};
use worker::js_sys::{self, Array, Reflect, Uint8Array};
use worker::wasm_bindgen::{JsCast, JsValue};
use worker::wasm_bindgen_futures::JsFuture;

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

/// Whether `password` matches the stored hash (compared in constant time). A stored hash of
/// another form never matches (and is logged).
pub async fn verify_password(password: &str, stored: &str) -> Result<bool, CryptoError> {
    let Some(parsed) = PasswordHash::parse(stored) else {
        worker::console_error!("a stored password hash has an unsupported form");
        return Ok(false);
    };
    let derived = pbkdf2_sha256(password.as_bytes(), &parsed.salt, parsed.iterations).await?;
    Ok(ct_eq(&derived, &parsed.hash))
}

/// The stored form of a new password: PBKDF2-HMAC-SHA256 with a fresh random salt and
/// [`PBKDF2_ITERATIONS`].
pub async fn hash_password(password: &str) -> Result<String, CryptoError> {
    let mut salt = [0u8; SALT_BYTES];
    getrandom::getrandom(&mut salt).map_err(|e| CryptoError {
        step: "getRandomValues",
        detail: e.to_string(),
    })?;
    let derived = pbkdf2_sha256(password.as_bytes(), &salt, PBKDF2_ITERATIONS).await?;
    let hash = derived.try_into().map_err(|_| CryptoError {
        step: "deriveBits",
        detail: "not 32 bytes".into(),
    })?;
    Ok(PasswordHash {
        iterations: PBKDF2_ITERATIONS,
        salt: salt.to_vec(),
        hash,
    }
    .to_string())
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
        let dummy = PasswordHash::parse(DUMMY_HASH).expect("the dummy hash has the stored form");
        assert_eq!(dummy.iterations, PBKDF2_ITERATIONS);
    }
}
