//! Signed, expiring download links (api.md `POST /api/downloads` and `GET /dl/...`).
//!
//! A link names a key id, the installation, the artifact and its expiry, followed by an
//! HMAC-SHA256 over a canonical string of these and the HTTP method:
//!
//! ```text
//! /dl/v1/{key_id}/{installation_id}/{artifact_id}/{expires}/{mac}
//! canonical: "v1\n{METHOD}\n{key_id}\n{installation_id}\n{artifact_id}\n{expires}"
//! ```
//!
//! `expires` is in Unix seconds and the link is valid while `now < expires`; `mac` is the
//! 32-byte MAC in base64url without padding. A link signed for `GET` also answers `HEAD`.
//! The keys come from the Worker's secrets: `LINK_KEYS` (`id:base64,id:base64`, at most two:
//! the current key and the previous one during a rotation) and `LINK_KEY_CURRENT` (the id that
//! signs). There is no clock here: `now` is always a parameter.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::keys::{LinkKey, LinkKeys};

type HmacSha256 = Hmac<Sha256>;

/// The path every link starts with (the version of the format is part of it).
pub const LINK_PREFIX: &str = "/dl/v1/";
/// The longest a link may live, whatever `DOWNLOAD_LINK_TTL_SECONDS` says (one hour).
pub const MAX_TTL_SECONDS: u64 = 3600;
/// The shortest lifetime a configuration may set (a shorter link could not be used).
pub const MIN_TTL_SECONDS: u64 = 60;
/// The lifetime when none (or an unreadable one) is configured: 15 minutes.
pub const DEFAULT_TTL_SECONDS: u64 = 900;
/// Clock difference tolerated between the Worker that signs and the one that verifies: a link
/// whose expiry lies further ahead than [`MAX_TTL_SECONDS`] plus this is refused.
pub const CLOCK_SKEW_SECONDS: u64 = 60;
/// The longest id, installation id or artifact id a link may carry.
const MAX_FIELD: usize = 64;
/// The longest link (path and query) that is even looked at.
const MAX_LINK: usize = 400;
/// The length of the MAC in base64url without padding (32 bytes).
const MAC_TEXT_LEN: usize = 43;

/// What a link grants: one artifact, for one installation, until `expires`, with one method.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkClaims {
    /// The id of the key that signed it.
    pub key_id: String,
    /// The installation the download is for.
    pub installation_id: String,
    /// The artifact.
    pub artifact_id: String,
    /// The first second (Unix time) at which the link no longer works.
    pub expires: u64,
    /// The HTTP method it was signed for (upper case; `GET` also answers `HEAD`).
    pub method: String,
}

impl LinkClaims {
    /// A `GET` link for `installation_id` and `artifact_id`, signed with the ring's current key,
    /// that works until `expires` (Unix seconds, exclusive).
    pub fn get(keys: &LinkKeys, installation_id: &str, artifact_id: &str, expires: u64) -> Self {
        LinkClaims {
            key_id: keys.current_id().to_owned(),
            installation_id: installation_id.to_owned(),
            artifact_id: artifact_id.to_owned(),
            expires,
            method: "GET".to_owned(),
        }
    }

    /// The string the MAC is computed over.
    pub fn canonical(&self) -> String {
        format!(
            "v1\n{}\n{}\n{}\n{}\n{}",
            self.method, self.key_id, self.installation_id, self.artifact_id, self.expires
        )
    }
}

/// Why a link was not issued or not accepted. The Worker answers every refusal of a presented
/// link with the same generic 403; the variants are for logs and tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    /// Not of the link's form (prefix, parts, characters, lengths, a query).
    #[error("the link is not of the expected form")]
    Malformed,
    /// Signed with a key the ring does not hold (never, or no longer).
    #[error("the link names an unknown key")]
    UnknownKey,
    /// The MAC does not match (an altered link, another method, or a forgery).
    #[error("the link's signature does not match")]
    BadSignature,
    /// `now` is at or past the expiry.
    #[error("the link has expired")]
    Expired,
    /// The expiry lies further ahead than any link may live.
    #[error("the link's expiry is too far ahead")]
    TooFarAhead,
    /// Signing refused: a field is empty, too long or has characters a link cannot carry.
    #[error("a link cannot carry the field `{0}`")]
    Field(&'static str),
}

/// Whether `value` can be a path segment of a link: 1–64 of `A-Z a-z 0-9 . _ -`, and not only
/// dots (which URL normalisation would swallow).
fn valid_field(value: &str) -> bool {
    (1..=MAX_FIELD).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
        && !value.bytes().all(|b| b == b'.')
}

fn valid_method(method: &str) -> bool {
    (1..=16).contains(&method.len()) && method.bytes().all(|b| b.is_ascii_uppercase())
}

fn mac_for(key: &LinkKey, claims: &LinkClaims) -> HmacSha256 {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = HmacSha256::new_from_slice(&key.secret).expect("HMAC takes any key length");
    mac.update(claims.canonical().as_bytes());
    mac
}

/// The link (path, to append to the Worker's origin) for `claims`, signed with the ring's key
/// named by `claims.key_id`.
pub fn sign(claims: &LinkClaims, keys: &LinkKeys) -> Result<String, LinkError> {
    for (name, value) in [
        ("key_id", claims.key_id.as_str()),
        ("installation_id", claims.installation_id.as_str()),
        ("artifact_id", claims.artifact_id.as_str()),
    ] {
        if !valid_field(value) {
            return Err(LinkError::Field(name));
        }
    }
    if !valid_method(&claims.method) {
        return Err(LinkError::Field("method"));
    }
    let key = keys.key(&claims.key_id).ok_or(LinkError::UnknownKey)?;
    let tag = mac_for(key, claims).finalize().into_bytes();
    Ok(format!(
        "{LINK_PREFIX}{}/{}/{}/{}/{}",
        claims.key_id,
        claims.installation_id,
        claims.artifact_id,
        claims.expires,
        URL_SAFE_NO_PAD.encode(tag)
    ))
}

/// Checks a presented link (`path_and_query` of the request) for `method` at `now` (Unix
/// seconds) and returns what it grants. `HEAD` counts as `GET`. The MAC is compared in
/// constant time; the expiry is only looked at once the MAC matched.
pub fn verify(
    path_and_query: &str,
    method: &str,
    now: u64,
    keys: &LinkKeys,
) -> Result<LinkClaims, LinkError> {
    if path_and_query.len() > MAX_LINK {
        return Err(LinkError::Malformed);
    }
    let rest = path_and_query
        .strip_prefix(LINK_PREFIX)
        .ok_or(LinkError::Malformed)?;
    let mut parts = rest.split('/');
    let (Some(key_id), Some(installation_id), Some(artifact_id), Some(expires), Some(mac), None) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return Err(LinkError::Malformed);
    };
    if ![key_id, installation_id, artifact_id]
        .into_iter()
        .all(valid_field)
        || mac.len() != MAC_TEXT_LEN
    {
        return Err(LinkError::Malformed);
    }
    // Digits only, no leading zero: one text per expiry, so the link has one form.
    let canonical_number = !expires.is_empty()
        && expires.len() <= 20
        && expires.bytes().all(|b| b.is_ascii_digit())
        && (expires == "0" || !expires.starts_with('0'));
    let expires: u64 = canonical_number
        .then(|| expires.parse().ok())
        .flatten()
        .ok_or(LinkError::Malformed)?;
    let tag = URL_SAFE_NO_PAD
        .decode(mac)
        .map_err(|_| LinkError::Malformed)?;
    let method = method.trim().to_ascii_uppercase();
    let claims = LinkClaims {
        key_id: key_id.to_owned(),
        installation_id: installation_id.to_owned(),
        artifact_id: artifact_id.to_owned(),
        expires,
        method: if method == "HEAD" {
            "GET".to_owned()
        } else {
            method
        },
    };
    let key = keys.key(key_id).ok_or(LinkError::UnknownKey)?;
    mac_for(key, &claims)
        .verify_slice(&tag)
        .map_err(|_| LinkError::BadSignature)?;
    if now >= claims.expires {
        return Err(LinkError::Expired);
    }
    if claims.expires - now > MAX_TTL_SECONDS + CLOCK_SKEW_SECONDS {
        return Err(LinkError::TooFarAhead);
    }
    Ok(claims)
}

/// The lifetime of a new link from the configured `DOWNLOAD_LINK_TTL_SECONDS`: the default
/// (900) when absent or not a whole number, otherwise clamped to 60–3600 seconds.
pub fn link_ttl(configured: Option<&str>) -> u64 {
    configured
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map_or(DEFAULT_TTL_SECONDS, |v| {
            v.clamp(MIN_TTL_SECONDS, MAX_TTL_SECONDS)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const K1: &str = "k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    const K2: &str = "k2:ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";
    const NOW: u64 = 1_790_000_000;

    fn ring(keys: &str, current: &str) -> LinkKeys {
        LinkKeys::parse(keys, current).unwrap()
    }

    fn k1() -> LinkKeys {
        ring(K1, "k1")
    }

    fn link(keys: &LinkKeys, expires: u64) -> String {
        sign(
            &LinkClaims::get(keys, "inst_0123456789abcdef", "6.1.2-server", expires),
            keys,
        )
        .unwrap()
    }

    /// The link with its `i`-th path part (after the prefix) replaced.
    fn with_part(link: &str, i: usize, value: &str) -> String {
        let mut parts: Vec<&str> = link.strip_prefix(LINK_PREFIX).unwrap().split('/').collect();
        parts[i] = value;
        format!("{LINK_PREFIX}{}", parts.join("/"))
    }

    #[test]
    fn a_signed_link_verifies_and_grants_what_was_signed() {
        let keys = k1();
        let l = link(&keys, NOW + 900);
        assert!(l.starts_with("/dl/v1/k1/inst_0123456789abcdef/6.1.2-server/1790000900/"));
        let claims = verify(&l, "GET", NOW, &keys).unwrap();
        assert_eq!(
            claims,
            LinkClaims::get(&keys, "inst_0123456789abcdef", "6.1.2-server", NOW + 900)
        );
    }

    #[test]
    fn the_mac_is_hmac_sha256_over_the_canonical_string_in_base64url() {
        let keys = k1();
        let claims = LinkClaims::get(&keys, "inst_a", "6.1.2-notes", 1_800_000_000);
        assert_eq!(
            claims.canonical(),
            "v1\nGET\nk1\ninst_a\n6.1.2-notes\n1800000000"
        );
        let secret: Vec<u8> = (0u8..32).collect();
        let mut mac = HmacSha256::new_from_slice(&secret).unwrap();
        mac.update(claims.canonical().as_bytes());
        let expected = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        let l = sign(&claims, &keys).unwrap();
        assert_eq!(l.rsplit('/').next().unwrap(), expected);
        assert_eq!(expected.len(), MAC_TEXT_LEN);
    }

    #[test]
    fn a_link_signed_for_get_also_answers_head_but_no_other_method() {
        let keys = k1();
        let l = link(&keys, NOW + 900);
        assert!(verify(&l, "HEAD", NOW, &keys).is_ok());
        assert!(verify(&l, "get", NOW, &keys).is_ok());
        for m in ["POST", "PUT", "DELETE", "OPTIONS", ""] {
            assert_eq!(
                verify(&l, m, NOW, &keys),
                Err(LinkError::BadSignature),
                "{m}"
            );
        }
    }

    #[test]
    fn altering_any_field_of_the_link_breaks_it() {
        let keys = ring(&format!("{K1},{K2}"), "k1");
        let l = link(&keys, NOW + 900);
        let mac = l.rsplit('/').next().unwrap().to_owned();
        let mut other_mac = mac.clone().into_bytes();
        other_mac[0] = if other_mac[0] == b'A' { b'B' } else { b'A' };
        let other_mac = String::from_utf8(other_mac).unwrap();
        let cases = [
            (0, "k2", LinkError::BadSignature),
            (0, "k9", LinkError::UnknownKey),
            (1, "inst_0123456789abcdee", LinkError::BadSignature),
            (2, "6.1.2-client", LinkError::BadSignature),
            (3, "1790000901", LinkError::BadSignature),
            (3, "1790000899", LinkError::BadSignature),
            (3, "01790000900", LinkError::Malformed),
            (4, other_mac.as_str(), LinkError::BadSignature),
        ];
        for (i, value, error) in cases {
            assert_eq!(
                verify(&with_part(&l, i, value), "GET", NOW, &keys),
                Err(error),
                "part {i} = {value}"
            );
        }
    }

    #[test]
    fn a_link_with_extra_text_or_parts_missing_is_malformed() {
        let keys = k1();
        let l = link(&keys, NOW + 900);
        let shorter = &l[..l.len() - 1];
        let trimmed = l.rsplit_once('/').unwrap().0;
        let padded = format!("{l}=");
        let query = format!("{l}?x=1");
        let slash = format!("{l}/");
        let v2 = l.replace("/dl/v1/", "/dl/v2/");
        let dotted = with_part(&l, 1, "..");
        let unicode = with_part(&l, 2, "6.1.2-sérver");
        for bad in [
            shorter, trimmed, &padded, &query, &slash, &v2, &dotted, &unicode, "", "/dl/v1/",
        ] {
            assert_eq!(
                verify(bad, "GET", NOW, &keys),
                Err(LinkError::Malformed),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_link_works_until_the_second_before_it_expires() {
        let keys = k1();
        let exp = NOW + 900;
        let l = link(&keys, exp);
        assert!(verify(&l, "GET", exp - 1, &keys).is_ok());
        assert_eq!(verify(&l, "GET", exp, &keys), Err(LinkError::Expired));
        assert_eq!(verify(&l, "GET", exp + 1, &keys), Err(LinkError::Expired));
    }

    #[test]
    fn an_expiry_further_ahead_than_an_hour_is_refused_even_when_signed() {
        let keys = k1();
        let limit = MAX_TTL_SECONDS + CLOCK_SKEW_SECONDS;
        assert!(verify(&link(&keys, NOW + limit), "GET", NOW, &keys).is_ok());
        let far = link(&keys, NOW + limit + 1);
        assert_eq!(verify(&far, "GET", NOW, &keys), Err(LinkError::TooFarAhead));
    }

    #[test]
    fn during_a_rotation_links_of_both_keys_verify_and_new_ones_use_the_new_key() {
        let before = k1();
        let old_link = link(&before, NOW + 900);
        let during = ring(&format!("{K2},{K1}"), "k2");
        assert_eq!(during.current_id(), "k2");
        assert_eq!(during.previous_id(), Some("k1"));
        let new_link = link(&during, NOW + 900);
        assert!(new_link.starts_with("/dl/v1/k2/"));
        assert!(verify(&old_link, "GET", NOW, &during).is_ok());
        assert!(verify(&new_link, "GET", NOW, &during).is_ok());
        // Once the old key is removed, only its links stop working.
        let after = ring(K2, "k2");
        assert_eq!(
            verify(&old_link, "GET", NOW, &after),
            Err(LinkError::UnknownKey)
        );
        assert!(verify(&new_link, "GET", NOW, &after).is_ok());
    }

    #[test]
    fn a_key_with_the_same_id_but_other_bytes_does_not_verify() {
        let l = link(&k1(), NOW + 900);
        let impostor = ring(&K2.replace("k2:", "k1:"), "k1");
        assert_eq!(
            verify(&l, "GET", NOW, &impostor),
            Err(LinkError::BadSignature)
        );
    }

    #[test]
    fn signing_refuses_fields_a_link_cannot_carry() {
        let keys = k1();
        let claims = |inst: &str, artifact: &str| LinkClaims::get(&keys, inst, artifact, NOW);
        assert_eq!(
            sign(&claims("", "a"), &keys),
            Err(LinkError::Field("installation_id"))
        );
        assert_eq!(
            sign(&claims("a/b", "a"), &keys),
            Err(LinkError::Field("installation_id"))
        );
        assert_eq!(
            sign(&claims("a", "x\ny"), &keys),
            Err(LinkError::Field("artifact_id"))
        );
        assert_eq!(
            sign(&claims("a", &"x".repeat(65)), &keys),
            Err(LinkError::Field("artifact_id"))
        );
        let mut unknown = claims("a", "b");
        unknown.key_id = "k9".into();
        assert_eq!(sign(&unknown, &keys), Err(LinkError::UnknownKey));
        let mut lower = claims("a", "b");
        lower.method = "get".into();
        assert_eq!(sign(&lower, &keys), Err(LinkError::Field("method")));
    }

    #[test]
    fn the_configured_lifetime_is_clamped_to_an_hour_at_most() {
        assert_eq!(link_ttl(None), 900);
        assert_eq!(link_ttl(Some("900")), 900);
        assert_eq!(link_ttl(Some(" 1200 ")), 1200);
        assert_eq!(link_ttl(Some("86400")), 3600);
        assert_eq!(link_ttl(Some("5")), 60);
        assert_eq!(link_ttl(Some("-1")), 900);
        assert_eq!(link_ttl(Some("soon")), 900);
    }
}
