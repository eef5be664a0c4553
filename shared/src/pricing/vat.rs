//! VAT on the vendor's invoices (the vendor is established in Germany).
//!
//! - Germany: 19 %.
//! - Another EU member state with a VAT ID: 0 %, the customer accounts for the VAT (reverse
//!   charge, Art. 196 of Directive 2006/112/EC).
//! - Another EU member state without a VAT ID: that country's standard rate (OSS).
//! - Outside the EU: 0 %, an export of services not taxable in Germany.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::foundation::{Money, Rate};

/// Standard VAT rates of the EU member states in percent (2026), by ISO 3166-1 alpha-2 code
/// (Greece as `GR`; the VAT prefix `EL` is accepted too).
const EU_STANDARD_RATES: [(&str, &str); 27] = [
    ("AT", "20"),
    ("BE", "21"),
    ("BG", "20"),
    ("CY", "19"),
    ("CZ", "21"),
    ("DE", "19"),
    ("DK", "25"),
    ("EE", "24"),
    ("ES", "21"),
    ("FI", "25.5"),
    ("FR", "20"),
    ("GR", "24"),
    ("HR", "25"),
    ("HU", "27"),
    ("IE", "23"),
    ("IT", "22"),
    ("LT", "21"),
    ("LU", "17"),
    ("LV", "21"),
    ("MT", "18"),
    ("NL", "21"),
    ("PL", "23"),
    ("PT", "23"),
    ("RO", "21"),
    ("SE", "25"),
    ("SI", "22"),
    ("SK", "23"),
];

/// The vendor's own country.
pub const HOME_COUNTRY: &str = "DE";

/// Why an invoice carries the VAT it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum VatTreatment {
    /// German customer: German VAT.
    Domestic,
    /// EU customer with a VAT ID: reverse charge, 0 %.
    ReverseCharge,
    /// EU customer without a VAT ID: the customer's country's standard rate.
    EuConsumer,
    /// Customer outside the EU: 0 %.
    Export,
}

/// The VAT of an invoice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vat {
    /// How the rate was chosen.
    pub treatment: VatTreatment,
    /// The rate.
    pub rate: Rate,
    /// `round(net × rate)`.
    pub amount: Money,
    /// The note the invoice must carry, if any (reverse charge, export).
    pub note: Option<String>,
}

/// The standard rate of an EU member state, `None` outside the EU.
pub fn eu_standard_rate(country: &str) -> Option<Rate> {
    let code = if country.eq_ignore_ascii_case("EL") {
        "GR"
    } else {
        country
    };
    EU_STANDARD_RATES
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code))
        .and_then(|(_, r)| r.parse::<Decimal>().ok())
        .map(Rate::from_percent)
}

/// The VAT on `net` for a customer in `country` (ISO alpha-2) with an optional VAT ID (an
/// empty or blank ID counts as none). Rounded once, at the invoice total.
pub fn vat_for(country: &str, vat_id: Option<&str>, net: Money) -> Vat {
    let has_vat_id = vat_id.is_some_and(|v| !v.trim().is_empty());
    let (treatment, rate, note) = match eu_standard_rate(country) {
        Some(rate) if country.eq_ignore_ascii_case(HOME_COUNTRY) => {
            (VatTreatment::Domestic, rate, None)
        }
        Some(_) if has_vat_id => (
            VatTreatment::ReverseCharge,
            Rate::percent(0),
            Some(format!(
                "Reverse charge: VAT to be accounted for by the recipient (Art. 196 Directive 2006/112/EC). Customer VAT ID: {}.",
                vat_id.unwrap_or_default().trim()
            )),
        ),
        Some(rate) => (VatTreatment::EuConsumer, rate, None),
        None => (
            VatTreatment::Export,
            Rate::percent(0),
            Some("Export of services: not taxable in Germany (place of supply outside the EU).".to_owned()),
        ),
    };
    Vat {
        treatment,
        rate,
        amount: Money::round(net.times_rate(rate)),
        note,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str) -> Money {
        Money::parse(text).unwrap()
    }

    #[test]
    fn a_german_customer_pays_19_percent() {
        let vat = vat_for("DE", Some("DE123456789"), m("1110.94"));
        assert_eq!(vat.treatment, VatTreatment::Domestic);
        assert_eq!(vat.rate, Rate::percent(19));
        assert_eq!(vat.amount, m("211.08"));
        assert_eq!(vat.note, None);
    }

    #[test]
    fn an_eu_customer_with_a_vat_id_gets_the_reverse_charge_note() {
        let vat = vat_for("AT", Some("ATU12345678"), m("1000.00"));
        assert_eq!(vat.treatment, VatTreatment::ReverseCharge);
        assert_eq!(vat.amount, Money::ZERO);
        assert!(vat.note.unwrap().contains("ATU12345678"));
    }

    #[test]
    fn an_eu_customer_without_a_vat_id_pays_their_country_rate() {
        let vat = vat_for("AT", None, m("100.00"));
        assert_eq!(vat.treatment, VatTreatment::EuConsumer);
        assert_eq!(vat.amount, m("20.00"));
        let blank = vat_for("FI", Some("  "), m("100.00"));
        assert_eq!(blank.treatment, VatTreatment::EuConsumer);
        assert_eq!(blank.amount, m("25.50"));
    }

    #[test]
    fn a_customer_outside_the_eu_pays_no_vat_and_gets_the_export_note() {
        for country in ["CH", "US", "GB", "NO"] {
            let vat = vat_for(country, Some("CHE-123.456.789"), m("500.00"));
            assert_eq!(vat.treatment, VatTreatment::Export, "{country}");
            assert_eq!(vat.amount, Money::ZERO);
            assert!(vat.note.is_some());
        }
    }

    #[test]
    fn every_member_state_has_a_rate_and_greece_answers_to_both_codes() {
        assert_eq!(EU_STANDARD_RATES.len(), 27);
        assert_eq!(eu_standard_rate("EL"), eu_standard_rate("GR"));
        assert_eq!(eu_standard_rate("XX"), None);
    }

    #[test]
    fn vat_is_rounded_half_away_from_zero() {
        // 0.05 × 19 % = 0.0095 → 0.01
        assert_eq!(vat_for("DE", None, m("0.05")).amount, m("0.01"));
    }
}
