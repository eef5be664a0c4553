//! Vectors of the accounts core, run natively and on wasm32 (wasm-bindgen-test in Node): the
//! Worker (wasm32) and the seeding tool (native) must give the same licence numbers, token
//! hashes and e-mail texts.

use chrono::NaiveDate;
use sma_shared::accounts::{LicenceNumber, Token, TOKEN_BYTES};
use sma_shared::mail::{Links, Message, RenewalReminder};
use sma_shared::{Lang, Money};

macro_rules! both {
    ($(#[$doc:meta])* fn $name:ident() $body:block) => {
        $(#[$doc])*
        #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
        #[cfg_attr(not(target_arch = "wasm32"), test)]
        fn $name() $body
    };
}

both! {
    /// Checked against an independent Luhn mod N implementation of the published algorithm.
    fn the_generator_gives_the_same_numbers_everywhere() {
        let numbers: Vec<String> = (0..6)
            .map(|i| LicenceNumber::generate(2026, i).to_string())
            .collect();
        assert_eq!(
            numbers,
            [
                "SMA-9GGD-PP7D-8",
                "SMA-E2W8-25HH-2",
                "SMA-9CE5-EYGD-J",
                "SMA-PCXJ-P9B7-F",
                "SMA-941R-MBW2-K",
                "SMA-BV38-37XE-1",
            ]
        );
    }
}

both! {
    fn a_typed_number_reads_to_its_display_form() {
        let n = LicenceNumber::parse(" sma 9ggd pp7d 8 ").unwrap();
        assert_eq!(n.to_string(), "SMA-9GGD-PP7D-8");
        assert!(LicenceNumber::parse("SMA-9GGD-PP7D-9").is_err());
    }
}

both! {
    fn a_token_hashes_alike_everywhere() {
        let token = Token::from_random(&[0xab; TOKEN_BYTES]);
        assert_eq!(
            token.hash(),
            "271a413bd339c5709fdceaec41f14f11e9fbfb5042d72d331c65f32b284cd09a"
        );
    }
}

both! {
    fn the_german_reminder_reads_alike_everywhere() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let email = Message::RenewalReminder(RenewalReminder {
            installation_id: "inst_1".into(),
            installation: "Filiale Köln".into(),
            term_end: d(2026, 6, 9),
            cancellation_deadline: d(2026, 3, 10),
            next_term_end: d(2027, 6, 9),
            next_price: Money::from_cents(129_000),
        })
        .render(Lang::De, &Links::new("http://127.0.0.1:8787").unwrap());
        assert_eq!(email.subject, "Ihr SMA für Filiale Köln verlängert sich am 10.06.2026");
        assert_eq!(email.text, EXPECTED_REMINDER_TEXT);
    }
}

const EXPECTED_REMINDER_TEXT: &str = "Guten Tag,

Das SMA für Filiale Köln verlängert sich am 10.06.2026 automatisch. Soll es weiterlaufen, ist nichts zu tun; die Rechnung folgt an diesem Tag.

Abgedeckt bis: 09.06.2026
Kündigung spätestens am: 10.03.2026
Nächste Laufzeit endet am: 09.06.2027
Preis der nächsten Laufzeit, netto: 1.290,00\u{a0}EUR

Soll das SMA stattdessen mit dem 09.06.2026 enden, kündigen Sie die automatische Verlängerung spätestens am 10.03.2026. Eine spätere Kündigung beendet es erst nach der nächsten Laufzeit, am 09.06.2027.

Automatische Verlängerung kündigen:
http://127.0.0.1:8787/account/installations/inst_1

Wie in Ihrem SMA-Vertrag vorgesehen, senden wir diese Erinnerung 30 Tage vor jeder Kündigungsfrist, unabhängig von Ihren Benachrichtigungseinstellungen.

Ihr SMA-Portal

--\u{20}
Diese Nachricht gehört zu Ihrem SMA-Vertrag und wird immer versandt.
";
