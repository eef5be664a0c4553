//! Property tests of the accounts core: licence numbers read back whatever way they are typed
//! and catch the typing errors the Luhn mod 32 check guarantees to catch; rate-limit windows
//! contain their moment; number formats only add separators; no value adds markup to an e-mail.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use proptest::prelude::*;
use sma_shared::accounts::{
    ip_subject, AccountsError, LicenceNumber, LicenceNumberProblem, LICENCE_ALPHABET, RATE_LIMITS,
};
use sma_shared::mail::{Lapse, Links, Message};
use sma_shared::{Lang, Money};

const CASES: u32 = 4000;

/// The nine characters of a licence number's display form, without prefix and hyphens.
fn chars_of(n: LicenceNumber) -> Vec<char> {
    n.to_string()[4..].chars().filter(|&c| c != '-').collect()
}

fn problem(text: &str) -> Option<LicenceNumberProblem> {
    match LicenceNumber::parse(text) {
        Ok(_) => None,
        Err(AccountsError::InvalidLicenceNumber { problem, .. }) => Some(problem),
        Err(other) => panic!("{other:?}"),
    }
}

fn number() -> impl Strategy<Value = LicenceNumber> {
    (any::<u64>(), any::<u64>()).prop_map(|(seed, counter)| LicenceNumber::generate(seed, counter))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn every_generated_number_reads_back_however_it_is_typed(
        n in number(),
        lower in any::<bool>(),
        prefix in any::<bool>(),
        gaps in proptest::collection::vec(prop_oneof![Just(""), Just(" "), Just("-"), Just(" - ")], 9),
    ) {
        let mut typed = if prefix { String::from("SMA") } else { String::new() };
        for (c, gap) in chars_of(n).into_iter().zip(&gaps) {
            typed.push_str(gap);
            // Crockford's look-alikes: 0 may be typed O, 1 as I or L.
            typed.push(match (c, lower) {
                ('0', _) => 'O',
                ('1', true) => 'l',
                ('1', false) => 'I',
                _ => c,
            });
        }
        let typed = if lower { typed.to_lowercase() } else { typed };
        prop_assert_eq!(LicenceNumber::parse(&typed), Ok(n), "{}", typed);
        prop_assert_eq!(LicenceNumber::parse(&n.to_string()), Ok(n));
    }

    #[test]
    fn every_single_character_substitution_is_refused_as_a_check_error(
        n in number(),
        pos in 0usize..9,
        replacement in proptest::sample::select(LICENCE_ALPHABET.to_vec()),
    ) {
        let mut chars = chars_of(n);
        let replacement = char::from(replacement);
        prop_assume!(chars[pos] != replacement);
        chars[pos] = replacement;
        let typo: String = chars.into_iter().collect();
        prop_assert_eq!(problem(&typo), Some(LicenceNumberProblem::Check), "{} → {}", n, typo);
    }

    #[test]
    fn every_adjacent_transposition_is_refused_except_zero_and_z(
        n in number(),
        pos in 0usize..8,
    ) {
        let mut chars = chars_of(n);
        let (a, b) = (chars[pos], chars[pos + 1]);
        prop_assume!(a != b);
        chars.swap(pos, pos + 1);
        let swapped: String = chars.into_iter().collect();
        let zero_and_z = matches!((a, b), ('0', 'Z') | ('Z', '0'));
        let expected = if zero_and_z { None } else { Some(LicenceNumberProblem::Check) };
        prop_assert_eq!(problem(&swapped), expected, "{} → {}", n, swapped);
    }

    #[test]
    fn any_text_is_read_or_refused_without_panicking(text in any::<String>()) {
        let _ = LicenceNumber::parse(&text);
        let _ = ip_subject(&text);
    }

    #[test]
    fn a_rate_window_contains_its_moment_and_ends_when_the_retry_says(
        now in -10_000_000_000i64..10_000_000_000,
        policy in proptest::sample::select(RATE_LIMITS.to_vec()),
    ) {
        let window = policy.window("192.0.2.1", now);
        let length = i64::from(policy.window_seconds);
        prop_assert!(window.start <= now && now < window.start + length);
        prop_assert_eq!(policy.check(policy.limit, now), Ok(()));
        match policy.check(policy.limit + 1, now) {
            Err(AccountsError::RateLimited { retry_after_seconds }) => {
                prop_assert_eq!(now + i64::try_from(retry_after_seconds).unwrap(), window.start + length);
            }
            other => prop_assert!(false, "{:?}", other),
        }
    }

    #[test]
    fn grouping_a_number_only_adds_separators(cents in any::<i64>()) {
        let plain = Money::from_cents(cents).to_string();
        prop_assert_eq!(Lang::En.number(&plain).replace(',', ""), plain.clone());
        prop_assert_eq!(Lang::De.number(&plain).replace('.', "").replace(',', "."), plain);
    }

    #[test]
    fn no_name_adds_markup_to_an_e_mail(name in any::<String>(), lang in proptest::sample::select(Lang::ALL.to_vec())) {
        let links = Links::new("https://portal.example.com").unwrap();
        let lapse = |name: &str| Message::Lapse(Lapse {
            installation_id: name.into(),
            installation: name.into(),
            customer: name.into(),
            ended_at: NaiveDate::from_ymd_opt(2026, 6, 10).unwrap(),
            today: NaiveDate::from_ymd_opt(2026, 6, 12).unwrap(),
            price_today: Money::from_cents(129_000),
        })
        .render(lang, &links);
        let tags = |html: &str| html.matches('<').count();
        prop_assert_eq!(tags(&lapse(&name).html), tags(&lapse("x").html));
    }
}
