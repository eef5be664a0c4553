//! The "I have a Maintenance Contract" starting point: the calculator's configuration and the
//! contract typed by the user, compared by the `shared` engine (the same code the Worker runs
//! for `POST /api/quotes/legacy-compare`), and the chart's lines.

use super::model::CalcState;
use crate::components::chart::Series;
use crate::i18n::Lang;
use chrono::NaiveDate;
use sma_shared::{
    api::{quote_legacy_compare, LegacyCompareRequest, WireNumber},
    lifecycle::LegacyComparison,
    PriceBooks, PricingError,
};

impl CalcState {
    /// The comparison's request, `None` while the contract's start, fee basis or term end is
    /// still empty. The switch is priced as ordered today.
    pub fn legacy_request(&self) -> Option<LegacyCompareRequest> {
        let typed = |v: &str| (!v.trim().is_empty()).then(|| v.trim().to_owned());
        Some(LegacyCompareRequest {
            edition: self.edition.clone(),
            cameras: WireNumber::from(self.cameras),
            modules: self.wire_modules(),
            legacy_start: typed(&self.legacy_start)?,
            fee_basis: amount_typed(&typed(&self.fee_basis)?),
            term_end: typed(&self.term_end)?,
            switch_on: None,
            years: Some(WireNumber::from(self.years)),
        })
    }

    /// Extending the contract against switching to the SMA over the horizon, `None` while the
    /// contract is not entered whole.
    pub fn compute_legacy(
        &self,
        today: NaiveDate,
    ) -> Option<Result<LegacyComparison, PricingError>> {
        self.legacy_request()
            .map(|req| quote_legacy_compare(PriceBooks::demo(), &req, today))
    }
}

/// An amount as typed in either language's format (`2,200.00`, `2.200,00`, `2 200`) in the
/// wire's form (`2200.00`): the last separator followed by one or two digits is the decimal
/// mark; other separators and spaces group thousands. Anything else is passed on for the engine
/// to refuse with its field.
pub fn amount_typed(v: &str) -> String {
    let v: String = v.chars().filter(|c| !c.is_whitespace()).collect();
    let decimal = v
        .rfind([',', '.'])
        .filter(|i| (2..=3).contains(&(v.len() - i)));
    v.char_indices()
        .filter_map(|(i, c)| match c {
            ',' | '.' if Some(i) == decimal => Some('.'),
            ',' | '.' => None,
            c => Some(c),
        })
        .collect()
}

/// The chart's two lines: the contract's fees and the SMA's amounts, cumulative by year.
pub fn legacy_series(c: &LegacyComparison, lang: Lang) -> Vec<Series> {
    vec![
        Series {
            label: lang
                .t(
                    "Extend the Maintenance Contract",
                    "Wartungsvertrag verlängern",
                )
                .into(),
            class: "s-none",
            values: c.years.iter().map(|y| y.legacy_cumulative).collect(),
        },
        Series {
            label: lang.t("Switch to the SMA", "Zum SMA wechseln").into(),
            class: "s-with",
            values: c.years.iter().map(|y| y.sma_cumulative).collect(),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::super::model::Start;
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn l2(fee_basis: &str) -> CalcState {
        let q = "ed=probox&cam=12&m=client:1,storage:1&y=5&from=legacy&ls=2019-06-01&te=2027-05-31";
        let mut map: std::collections::HashMap<String, String> = q
            .split('&')
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        map.insert("fb".into(), fee_basis.into());
        CalcState::from_query(|k| map.get(k).cloned(), d(2026, 11, 30))
    }

    #[test]
    fn the_contract_of_example_l2_switches_into_sma_year_9_at_381_15_against_440_00() {
        let s = l2("2,200.00");
        assert_eq!(s.start, Start::Legacy);
        let c = s.compute_legacy(d(2027, 4, 15)).unwrap().unwrap();
        assert_eq!(c.sma_start, d(2027, 6, 1));
        assert_eq!(c.sma_first_year, 9);
        assert_eq!(c.years[0].legacy_fee.to_string(), "440.00");
        assert_eq!(c.years[0].sma_amount.to_string(), "381.15");
        assert_eq!(c.legacy_total.to_string(), "2200.00");
        let lines = legacy_series(&c, Lang::En);
        assert_eq!(lines[0].values.last(), Some(&c.legacy_total));
        assert_eq!(lines[1].values.last(), Some(&c.sma_total));
    }

    #[test]
    fn nothing_is_compared_until_the_contract_is_entered_whole() {
        assert_eq!(l2("  ").compute_legacy(d(2026, 11, 30)), None);
    }

    #[test]
    fn a_fee_basis_that_is_no_amount_is_refused_with_its_field() {
        let e = l2("much")
            .compute_legacy(d(2026, 11, 30))
            .unwrap()
            .unwrap_err();
        assert_eq!(e.field(), Some("fee_basis"));
    }

    #[test]
    fn amounts_are_read_in_either_language_s_format() {
        assert_eq!(amount_typed("2,200.00"), "2200.00");
        assert_eq!(amount_typed("2.200,00"), "2200.00");
        assert_eq!(amount_typed(" 2 200,5 "), "2200.5");
        assert_eq!(amount_typed("2200"), "2200");
        assert_eq!(amount_typed("2.200"), "2200");
        assert_eq!(amount_typed("much"), "much");
    }

    #[test]
    fn the_contract_survives_the_url_round_trip() {
        let s = l2("2 200,00");
        let q = s.to_query();
        assert!(q.contains("&from=legacy&ls=2019-06-01&fb=2%20200%2C00&te=2027-05-31"));
    }
}
