//! Licence numbers (api.md "Getting in"): `SMA-XXXX-XXXX-C`, eight characters of Crockford's
//! base32 alphabet and a check character computed with the Luhn mod N algorithm (N = 32) over
//! them, so that a typing error is caught before any lookup.
//!
//! What the check character catches (verified exhaustively in the tests):
//! - every substitution of one character by another, the check character included;
//! - every transposition of two adjacent, different characters (the check character included),
//!   except `0` ↔ `Z` (values 0 and 31: the doubled digit sum of each equals the other's plain
//!   value plus the difference, as 09 ↔ 90 in the decimal Luhn algorithm).
//!
//! Input is read as people type it: any case, spaces and hyphens anywhere, the `SMA` prefix
//! optional, `O` read as `0` and `I`/`L` as `1` (Crockford's decoding).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{AccountsError, LicenceNumberProblem};

/// The 32 characters, each at its value.
pub const LICENCE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// The prefix of the display form.
pub const LICENCE_PREFIX: &str = "SMA";
/// Characters of a licence number after the prefix: eight payload characters and the check.
pub const LICENCE_CHARS: usize = 9;

const N: u32 = 32;
const PAYLOAD_CHARS: usize = LICENCE_CHARS - 1;
const PAYLOAD_BITS: u32 = 5 * PAYLOAD_CHARS as u32;
const PAYLOAD_MASK: u64 = (1 << PAYLOAD_BITS) - 1;

/// A valid licence number. Displays (and serialises) as `SMA-XXXX-XXXX-C`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct LicenceNumber {
    /// The 40 bits the eight payload characters encode.
    payload: u64,
}

impl LicenceNumber {
    /// Reads a licence number as typed. Refuses a wrong length, a character outside the
    /// alphabet and a wrong check character, each with its own message.
    pub fn parse(input: &str) -> Result<LicenceNumber, AccountsError> {
        let given = input.trim();
        let refuse = |problem| AccountsError::InvalidLicenceNumber {
            problem,
            given: given.to_owned(),
        };
        let mut chars: Vec<char> = given
            .chars()
            .filter(|c| !c.is_whitespace() && !is_hyphen(*c))
            .collect();
        let has_prefix = chars.len() > LICENCE_CHARS
            && chars
                .iter()
                .zip(LICENCE_PREFIX.chars())
                .all(|(c, p)| c.eq_ignore_ascii_case(&p));
        if has_prefix {
            chars.drain(..LICENCE_PREFIX.len());
        }
        if chars.len() != LICENCE_CHARS {
            return Err(refuse(LicenceNumberProblem::Length { given: chars.len() }));
        }
        let mut values = [0u32; LICENCE_CHARS];
        for (slot, &c) in values.iter_mut().zip(&chars) {
            *slot = value_of(c).ok_or(refuse(LicenceNumberProblem::Character { found: c }))?;
        }
        if !is_valid(&values) {
            return Err(refuse(LicenceNumberProblem::Check));
        }
        let payload = values[..PAYLOAD_CHARS]
            .iter()
            .fold(0u64, |acc, &v| (acc << 5) | u64::from(v));
        Ok(LicenceNumber { payload })
    }

    /// The licence number carrying `payload` (its low 40 bits).
    pub fn from_payload(payload: u64) -> LicenceNumber {
        LicenceNumber {
            payload: payload & PAYLOAD_MASK,
        }
    }

    /// The 40 bits the payload characters encode.
    pub fn payload(self) -> u64 {
        self.payload
    }

    /// A deterministic, random-looking licence number for demo data and tests: the same seed
    /// and counter give the same number, and for one seed the first 2^40 counters give
    /// distinct numbers (a bijective mix of the 40 payload bits).
    pub fn generate(seed: u64, counter: u64) -> LicenceNumber {
        LicenceNumber::from_payload(mix(counter.wrapping_add(mix(seed))))
    }

    /// The nine values (payload and check character).
    fn values(self) -> [u32; LICENCE_CHARS] {
        let mut values = [0u32; LICENCE_CHARS];
        for (i, slot) in values[..PAYLOAD_CHARS].iter_mut().enumerate() {
            let shift = 5 * (PAYLOAD_CHARS - 1 - i);
            *slot = ((self.payload >> shift) & 0x1f) as u32;
        }
        values[PAYLOAD_CHARS] = check_value(&values[..PAYLOAD_CHARS]);
        values
    }
}

impl fmt::Display for LicenceNumber {
    /// `SMA-XXXX-XXXX-C`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c: Vec<char> = self
            .values()
            .iter()
            .map(|&v| char::from(LICENCE_ALPHABET[v as usize]))
            .collect();
        write!(
            f,
            "{LICENCE_PREFIX}-{}{}{}{}-{}{}{}{}-{}",
            c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8]
        )
    }
}

impl fmt::Debug for LicenceNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LicenceNumber({self})")
    }
}

impl FromStr for LicenceNumber {
    type Err = AccountsError;
    fn from_str(s: &str) -> Result<LicenceNumber, AccountsError> {
        LicenceNumber::parse(s)
    }
}

impl From<LicenceNumber> for String {
    fn from(n: LicenceNumber) -> String {
        n.to_string()
    }
}

impl TryFrom<String> for LicenceNumber {
    type Error = AccountsError;
    fn try_from(s: String) -> Result<LicenceNumber, AccountsError> {
        LicenceNumber::parse(&s)
    }
}

/// Hyphens as typed or pasted (ASCII, Unicode hyphens and dashes).
fn is_hyphen(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}'
    )
}

/// The value of a typed character: any case, `O` as `0`, `I` and `L` as `1`.
fn value_of(c: char) -> Option<u32> {
    let c = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        other => other,
    };
    let byte = u8::try_from(c).ok()?;
    LICENCE_ALPHABET
        .iter()
        .position(|&a| a == byte)
        .and_then(|p| u32::try_from(p).ok())
}

/// The digit sum in base N of a doubled value (a permutation of 0..N).
fn doubled(v: u32) -> u32 {
    let d = 2 * v;
    d / N + d % N
}

/// The Luhn mod N check value of a payload: doubling starts at its rightmost character.
fn check_value(payload: &[u32]) -> u32 {
    let sum: u32 = payload
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &v)| if i % 2 == 0 { doubled(v) } else { v })
        .sum();
    (N - sum % N) % N
}

/// The Luhn sum of the values (payload then check character): every second value from the
/// right, the check character's neighbour first, counts doubled.
fn luhn_sum(values: &[u32]) -> u32 {
    values
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &v)| if i % 2 == 1 { doubled(v) } else { v })
        .sum()
}

/// Whether the values (payload then check character) pass the Luhn mod N check.
fn is_valid(values: &[u32]) -> bool {
    luhn_sum(values).is_multiple_of(N)
}

/// A bijection of the 40 payload bits (odd multipliers and xor-shifts modulo 2^40).
fn mix(x: u64) -> u64 {
    let mut x = x & PAYLOAD_MASK;
    x = x.wrapping_mul(0x9E37_79B9_7F4B) & PAYLOAD_MASK;
    x ^= x >> 19;
    x = x.wrapping_mul(0xC2B2_AE3D_27D5) & PAYLOAD_MASK;
    x ^= x >> 21;
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(input: &str) -> LicenceNumberProblem {
        match LicenceNumber::parse(input) {
            Err(AccountsError::InvalidLicenceNumber { problem, .. }) => problem,
            other => panic!("{input}: {other:?}"),
        }
    }

    /// Every arrangement of nine values, as a licence text without prefix.
    fn text(values: &[u32]) -> String {
        values
            .iter()
            .map(|&v| char::from(LICENCE_ALPHABET[v as usize]))
            .collect()
    }

    #[test]
    fn the_check_character_of_a_known_number_is_the_luhn_mod_32_value() {
        // Payload 0000 0001: the rightmost value 1 is doubled to 2, so the check is 32 - 2 = 30.
        let n = LicenceNumber::from_payload(1);
        assert_eq!(n.to_string(), "SMA-0000-0001-Y");
        assert_eq!(
            LicenceNumber::from_payload(0).to_string(),
            "SMA-0000-0000-0"
        );
        // Payload ZZZZ ZZZZ: four doubled 31s (31 each) and four plain 31s: 248 ≡ 24, check 8.
        assert_eq!(
            LicenceNumber::from_payload(PAYLOAD_MASK).to_string(),
            "SMA-ZZZZ-ZZZZ-8"
        );
    }

    #[test]
    fn a_number_is_read_in_any_case_with_or_without_prefix_spaces_and_hyphens() {
        let n = LicenceNumber::generate(7, 3);
        let canonical = n.to_string();
        let bare: String = canonical[4..].replace('-', "");
        for typed in [
            canonical.clone(),
            canonical.to_lowercase(),
            bare.clone(),
            format!("  sma {} {} {}  ", &bare[..4], &bare[4..8], &bare[8..]),
            format!("SMA–{}", bare),
        ] {
            assert_eq!(LicenceNumber::parse(&typed), Ok(n), "{typed}");
        }
    }

    #[test]
    fn o_is_read_as_zero_and_i_and_l_as_one() {
        let n = LicenceNumber::parse("SMA-0000-0001-Y").unwrap();
        assert_eq!(LicenceNumber::parse("sma-oooo-ooo1-y"), Ok(n));
        assert_eq!(LicenceNumber::parse("SMA-OOOO-OOOI-Y"), Ok(n));
        assert_eq!(LicenceNumber::parse("SMA-0000-000l-Y"), Ok(n));
    }

    #[test]
    fn a_wrong_length_is_refused_with_the_count_of_characters_given() {
        assert_eq!(
            problem("SMA-0000-0001"),
            LicenceNumberProblem::Length { given: 8 }
        );
        assert_eq!(problem(""), LicenceNumberProblem::Length { given: 0 });
        assert_eq!(
            problem("SMA-0000-0001-YY"),
            LicenceNumberProblem::Length { given: 10 }
        );
    }

    #[test]
    fn a_character_outside_the_alphabet_is_refused_by_name() {
        assert_eq!(
            problem("SMA-0000-000U-Y"),
            LicenceNumberProblem::Character { found: 'U' }
        );
        assert_eq!(
            problem("SMA-0000-000ä-Y"),
            LicenceNumberProblem::Character { found: 'ä' }
        );
        assert_eq!(
            problem("SMA-0000-000_-Y"),
            LicenceNumberProblem::Character { found: '_' }
        );
    }

    #[test]
    fn a_wrong_check_character_is_refused() {
        assert_eq!(problem("SMA-0000-0001-Z"), LicenceNumberProblem::Check);
    }

    #[test]
    fn a_nine_character_number_that_begins_with_sma_is_not_mistaken_for_the_prefix() {
        let values = [25u32, 20, 10, 1, 2, 3, 4, 5];
        let check = check_value(&values);
        let mut all = values.to_vec();
        all.push(check);
        let bare = text(&all);
        assert!(bare.starts_with("SMA"), "{bare}");
        let n = LicenceNumber::parse(&bare).unwrap();
        assert_eq!(n.to_string()[4..].replace('-', ""), bare);
    }

    #[test]
    fn every_single_character_substitution_is_detected() {
        // Exhaustive over positions and value pairs, on a few backgrounds.
        for seed in 0..16 {
            let valid = LicenceNumber::generate(seed, seed * 7919).values();
            for pos in 0..LICENCE_CHARS {
                for v in 0..N {
                    if v == valid[pos] {
                        continue;
                    }
                    let mut typo = valid;
                    typo[pos] = v;
                    assert!(!is_valid(&typo), "{} → {}", text(&valid), text(&typo));
                }
            }
        }
    }

    #[test]
    fn every_adjacent_transposition_is_detected_except_zero_and_z() {
        // Exhaustive over positions and pairs of different values: the other characters do
        // not take part in the difference of the sums, so zeros stand for any background.
        for pos in 0..LICENCE_CHARS - 1 {
            for a in 0..N {
                for b in 0..N {
                    if a == b {
                        continue;
                    }
                    let mut original = [0u32; LICENCE_CHARS];
                    original[pos] = a;
                    original[pos + 1] = b;
                    let mut swapped = original;
                    swapped.swap(pos, pos + 1);
                    let undetected = luhn_sum(&original) % N == luhn_sum(&swapped) % N;
                    let zero_and_z = a.min(b) == 0 && a.max(b) == N - 1;
                    assert_eq!(undetected, zero_and_z, "pos {pos}: {a} ↔ {b}");
                }
            }
        }
    }

    #[test]
    fn swapping_zero_and_z_is_the_one_transposition_the_check_misses() {
        let n = LicenceNumber::from_payload(31); // SMA-0000-000Z-C
        let text = n.to_string();
        assert!(text.starts_with("SMA-0000-000Z-"), "{text}");
        let swapped = text.replacen("000Z", "00Z0", 1);
        assert!(LicenceNumber::parse(&swapped).is_ok(), "{swapped}");
    }

    #[test]
    fn the_generator_is_deterministic_and_gives_distinct_numbers_per_counter() {
        assert_eq!(LicenceNumber::generate(1, 2), LicenceNumber::generate(1, 2));
        let mut seen = std::collections::HashSet::new();
        for counter in 0..20_000 {
            assert!(seen.insert(LicenceNumber::generate(42, counter)));
        }
    }

    #[test]
    fn a_licence_number_travels_in_its_display_form() {
        let n = LicenceNumber::generate(1, 1);
        let json = serde_json::to_string(&n).unwrap();
        assert_eq!(json, format!("\"{n}\""));
        assert_eq!(serde_json::from_str::<LicenceNumber>(&json).unwrap(), n);
        assert!(serde_json::from_str::<LicenceNumber>("\"SMA-0000-0001-Z\"").is_err());
    }
}
