//! The key ring of the download links, read from the Worker's secrets: `LINK_KEYS`
//! (`id:base64,id:base64`, at most two: the current key and the previous one during a rotation)
//! and `LINK_KEY_CURRENT` (the id that signs). No key's bytes ever appear in `Debug` output.

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::{alphabet, Engine as _};
use std::fmt;

/// The fewest bytes a key may have.
pub const MIN_KEY_BYTES: usize = 32;
/// The most keys the ring holds: the current one and the previous one.
pub const MAX_KEYS: usize = 2;

/// Standard base64 with or without padding (how `scripts/setup.sh` writes keys).
const STANDARD_ANY_PAD: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);
/// URL-safe base64 with or without padding (also accepted for keys).
const URL_SAFE_ANY_PAD: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// One signing key. Its bytes never appear in `Debug` output.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct LinkKey {
    pub(crate) id: String,
    pub(crate) secret: Vec<u8>,
}

impl fmt::Debug for LinkKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "LinkKey {{ id: {:?}, secret: <{} bytes> }}",
            self.id,
            self.secret.len()
        )
    }
}

/// The key ring: the key that signs new links and, during a rotation, the previous key whose
/// links are still accepted until they expire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkKeys {
    current: LinkKey,
    previous: Option<LinkKey>,
}

/// Why the link keys could not be read from the secrets.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeyRingError {
    /// `LINK_KEYS` holds no key.
    #[error("LINK_KEYS is empty; set it to `id:base64key` (see docs/operating.md, Downloads and link keys).")]
    Empty,
    /// An entry is not `id:base64`.
    #[error("LINK_KEYS entry {0} is not of the form `id:base64key`.")]
    Entry(usize),
    /// A key id is not 1–16 letters, digits, `_` or `-`.
    #[error("LINK_KEYS: the key id `{0}` must be 1 to 16 letters, digits, `_` or `-`.")]
    KeyId(String),
    /// A key is not base64.
    #[error("LINK_KEYS: the key `{0}` is not valid base64.")]
    Base64(String),
    /// A key is shorter than [`MIN_KEY_BYTES`].
    #[error("LINK_KEYS: the key `{id}` has {bytes} bytes; it needs at least 32.")]
    TooShort {
        /// The key id.
        id: String,
        /// How many bytes it has.
        bytes: usize,
    },
    /// The same id appears twice.
    #[error("LINK_KEYS names the key `{0}` twice.")]
    Duplicate(String),
    /// More than [`MAX_KEYS`] keys.
    #[error(
        "LINK_KEYS holds {0} keys; at most two (the current and the previous one) are allowed."
    )]
    TooMany(usize),
    /// `LINK_KEY_CURRENT` names no key of the ring.
    #[error("LINK_KEY_CURRENT is `{0}`, which is not a key id in LINK_KEYS.")]
    CurrentMissing(String),
}

fn valid_key_id(id: &str) -> bool {
    (1..=16).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

impl LinkKeys {
    /// Reads the ring from `LINK_KEYS` (`id:base64` entries separated by commas, whitespace
    /// ignored) and `LINK_KEY_CURRENT` (the id that signs new links).
    pub fn parse(keys: &str, current: &str) -> Result<LinkKeys, KeyRingError> {
        let mut ring: Vec<LinkKey> = Vec::new();
        let entries = keys
            .split([',', '\n'])
            .map(str::trim)
            .filter(|e| !e.is_empty());
        for (i, entry) in entries.enumerate() {
            let (id, b64) = entry.split_once(':').ok_or(KeyRingError::Entry(i + 1))?;
            let (id, b64) = (id.trim(), b64.trim());
            if !valid_key_id(id) {
                return Err(KeyRingError::KeyId(id.to_owned()));
            }
            let secret = STANDARD_ANY_PAD
                .decode(b64)
                .or_else(|_| URL_SAFE_ANY_PAD.decode(b64))
                .map_err(|_| KeyRingError::Base64(id.to_owned()))?;
            if secret.len() < MIN_KEY_BYTES {
                return Err(KeyRingError::TooShort {
                    id: id.to_owned(),
                    bytes: secret.len(),
                });
            }
            if ring.iter().any(|k| k.id == id) {
                return Err(KeyRingError::Duplicate(id.to_owned()));
            }
            ring.push(LinkKey {
                id: id.to_owned(),
                secret,
            });
        }
        if ring.is_empty() {
            return Err(KeyRingError::Empty);
        }
        if ring.len() > MAX_KEYS {
            return Err(KeyRingError::TooMany(ring.len()));
        }
        let current = current.trim();
        let at = ring
            .iter()
            .position(|k| k.id == current)
            .ok_or_else(|| KeyRingError::CurrentMissing(current.to_owned()))?;
        let current = ring.remove(at);
        Ok(LinkKeys {
            current,
            previous: ring.pop(),
        })
    }

    /// The id of the key that signs new links.
    pub fn current_id(&self) -> &str {
        &self.current.id
    }

    /// The id of the previous key, still accepted during a rotation.
    pub fn previous_id(&self) -> Option<&str> {
        self.previous.as_ref().map(|k| k.id.as_str())
    }

    /// The key named `id`, if the ring holds it.
    pub(crate) fn key(&self, id: &str) -> Option<&LinkKey> {
        std::iter::once(&self.current)
            .chain(self.previous.as_ref())
            .find(|k| k.id == id)
    }
}

impl TryFrom<(&str, &str)> for LinkKeys {
    type Error = KeyRingError;

    /// `(LINK_KEYS, LINK_KEY_CURRENT)`.
    fn try_from((keys, current): (&str, &str)) -> Result<Self, Self::Error> {
        LinkKeys::parse(keys, current)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const K1: &str = "k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    const K2: &str = "k2:ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

    fn ring(keys: &str, current: &str) -> LinkKeys {
        LinkKeys::parse(keys, current).unwrap()
    }

    fn k1() -> LinkKeys {
        ring(K1, "k1")
    }

    #[test]
    fn the_key_ring_reads_the_secrets_setup_writes_and_says_what_is_wrong() {
        let keys = LinkKeys::try_from((format!(" {K1} ,\n{K2} ").as_str(), "k2")).unwrap();
        assert_eq!((keys.current_id(), keys.previous_id()), ("k2", Some("k1")));
        let unpadded = K1.trim_end_matches('=');
        assert_eq!(ring(unpadded, "k1"), k1());
        let err = |keys: &str, current: &str| LinkKeys::parse(keys, current).unwrap_err();
        assert_eq!(err("", "k1"), KeyRingError::Empty);
        assert_eq!(err("k1", "k1"), KeyRingError::Entry(1));
        assert_eq!(err("k 1:AAAA", "k1"), KeyRingError::KeyId("k 1".into()));
        assert_eq!(
            err("k1:not base64!", "k1"),
            KeyRingError::Base64("k1".into())
        );
        assert_eq!(
            err("k1:AAECAwQ=", "k1"),
            KeyRingError::TooShort {
                id: "k1".into(),
                bytes: 5
            }
        );
        assert_eq!(
            err(&format!("{K1},{K1}"), "k1"),
            KeyRingError::Duplicate("k1".into())
        );
        let three = format!("{K1},{K2},{}", K2.replace("k2:", "k3:"));
        assert_eq!(err(&three, "k1"), KeyRingError::TooMany(3));
        assert_eq!(err(K1, "k2"), KeyRingError::CurrentMissing("k2".into()));
        assert_eq!(
            err(K1, "k2").to_string(),
            "LINK_KEY_CURRENT is `k2`, which is not a key id in LINK_KEYS."
        );
    }

    #[test]
    fn the_debug_form_of_the_ring_does_not_show_the_keys() {
        let text = format!("{:?}", k1());
        assert!(text.contains("k1") && text.contains("<32 bytes>"), "{text}");
        assert!(!text.contains("0, 1, 2"), "{text}");
    }
}
