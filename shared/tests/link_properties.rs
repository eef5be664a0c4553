//! Property tests of the download links and byte ranges: random or altered links never verify
//! and never panic; every range served lies inside the file.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use sma_shared::links::{sign, verify, ByteRange, LinkClaims, LinkKeys, LINK_PREFIX};

const CASES: u32 = 4000;
const NOW: u64 = 1_790_000_000;

fn keys() -> LinkKeys {
    LinkKeys::parse(
        "k2:ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=,k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
        "k2",
    )
    .unwrap()
}

fn valid_link(keys: &LinkKeys) -> String {
    sign(
        &LinkClaims::get(keys, "inst_0123456789abcdef", "6.1.2-server", NOW + 900),
        keys,
    )
    .unwrap()
}

fn method() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("GET".to_owned()),
        Just("HEAD".to_owned()),
        "[A-Za-z]{0,8}"
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn random_text_never_verifies_and_never_panics(text in any::<String>(), m in method(), now in any::<u64>()) {
        prop_assert!(verify(&text, &m, now, &keys()).is_err());
    }

    #[test]
    fn random_links_of_the_right_shape_never_verify(
        kid in prop_oneof![Just("k1".to_owned()), Just("k2".to_owned()), "[a-z0-9]{1,4}"],
        inst in "[A-Za-z0-9._-]{1,64}",
        artifact in "[A-Za-z0-9._-]{1,64}",
        expires in (NOW + 1)..(NOW + 3600),
        mac in "[A-Za-z0-9_-]{43}",
        m in method(),
    ) {
        let link = format!("{LINK_PREFIX}{kid}/{inst}/{artifact}/{expires}/{mac}");
        prop_assert!(verify(&link, &m, NOW, &keys()).is_err());
    }

    #[test]
    fn changing_one_character_of_a_valid_link_breaks_it(at in 0usize..200, c in any::<char>()) {
        let keys = keys();
        let link = valid_link(&keys);
        let at = at % link.len();
        let mut altered: Vec<char> = link.chars().collect();
        prop_assume!(altered[at] != c);
        altered[at] = c;
        let altered: String = altered.into_iter().collect();
        prop_assert!(verify(&altered, "GET", NOW, &keys).is_err(), "{altered}");
    }

    #[test]
    fn a_valid_link_verifies_only_before_its_expiry(now in (NOW - 2000)..(NOW + 2000)) {
        let keys = keys();
        let ok = verify(&valid_link(&keys), "GET", now, &keys).is_ok();
        prop_assert_eq!(ok, now < NOW + 900);
    }

    #[test]
    fn every_range_served_lies_inside_the_file(header in any::<Option<String>>(), size in 0u64..5000) {
        match ByteRange::parse(header.as_deref(), size) {
            ByteRange::Partial { start, end } => prop_assert!(start <= end && end < size),
            ByteRange::Full | ByteRange::Unsatisfiable => {}
        }
    }

    #[test]
    fn ranges_of_the_form_a_to_b_send_exactly_what_fits(a in 0u64..3000, len in 0u64..3000, size in 0u64..2000) {
        let b = a + len;
        let range = ByteRange::parse(Some(&format!("bytes={a}-{b}")), size);
        if a >= size {
            prop_assert_eq!(range, ByteRange::Unsatisfiable);
        } else {
            prop_assert_eq!(range, ByteRange::Partial { start: a, end: b.min(size - 1) });
            prop_assert_eq!(range.len(size), b.min(size - 1) - a + 1);
        }
    }
}
