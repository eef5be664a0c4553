//! Property tests of the pricing rules, thousands of cases each, on the demo price books.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use sma_shared::api::{
    self, ExpansionQuoteRequest, ModuleQty, NewQuoteRequest, NewQuoteResponse, SmaRequest,
    UpgradeQuoteRequest, WireNumber,
};
use sma_shared::pricing::schedule;
use sma_shared::{Money, PriceBooks, TermYears};

const CASES: u32 = 2000;

fn base_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
}

fn day(offset: u64) -> NaiveDate {
    base_date().checked_add_days(Days::new(offset)).unwrap()
}

fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2030, 1, 1).unwrap()
}

/// (edition code, rank, camera limit used for generation) of the demo books.
fn editions() -> Vec<(String, u32, u32)> {
    let book = &PriceBooks::demo().books()[0];
    book.editions()
        .iter()
        .map(|e| (e.code.to_string(), e.rank, e.max_cameras.unwrap_or(400)))
        .collect()
}

/// Module skus (not camera) available for an edition, and whether they are per camera.
fn modules_for(edition: &str) -> Vec<(String, bool)> {
    let book = &PriceBooks::demo().books()[0];
    book.modules()
        .iter()
        .filter(|m| !m.sku.is_camera())
        .filter(|m| m.prices.iter().any(|(e, _)| e.as_str() == edition))
        .map(|m| (m.sku.to_string(), m.per_camera))
        .collect()
}

#[derive(Clone, Debug)]
struct Config {
    edition: String,
    rank: u32,
    cameras: u32,
    modules: Vec<(String, u32)>,
}

fn arb_config() -> impl Strategy<Value = Config> {
    (0..editions().len()).prop_flat_map(|i| {
        let (code, rank, max) = editions()[i].clone();
        (0..=max).prop_flat_map(move |cameras| {
            let per_module: Vec<BoxedStrategy<Option<(String, u32)>>> = modules_for(&code)
                .into_iter()
                .map(|(sku, per_camera)| {
                    let cap = if per_camera { cameras.min(40) } else { 40 };
                    proptest::option::of(0..=cap)
                        .prop_map(move |q| q.map(|q| (sku.clone(), q)))
                        .boxed()
                })
                .collect();
            let code = code.clone();
            per_module
                .prop_map(|mods| mods.into_iter().flatten().collect::<Vec<_>>())
                .prop_shuffle()
                .prop_map(move |modules| Config {
                    edition: code.clone(),
                    rank,
                    cameras,
                    modules,
                })
        })
    })
}

fn module_list(config: &Config) -> Vec<ModuleQty> {
    config
        .modules
        .iter()
        .map(|(sku, qty)| ModuleQty::new(sku.clone(), *qty))
        .collect()
}

fn new_request(
    config: &Config,
    licence: NaiveDate,
    sma: Option<(NaiveDate, u32)>,
    years: u32,
) -> NewQuoteRequest {
    NewQuoteRequest {
        edition: config.edition.clone(),
        cameras: WireNumber::from(config.cameras),
        modules: module_list(config),
        licence_date: Some(iso(licence)),
        sma: sma.map(|(order, term)| SmaRequest {
            order_date: Some(iso(order)),
            term_years: Some(WireNumber::from(term)),
        }),
        years: Some(WireNumber::from(years)),
    }
}

fn quote(req: &NewQuoteRequest) -> NewQuoteResponse {
    api::quote_new(PriceBooks::demo(), req, today()).unwrap()
}

fn is_cents(m: Money) -> bool {
    m.decimal().scale() == 2 && !m.is_negative()
}

fn all_amounts(res: &NewQuoteResponse) -> Vec<Money> {
    let mut out = vec![res.licence_total, res.total_over_years];
    for line in &res.lines {
        out.extend([line.unit_price, line.amount]);
    }
    if let Some(sma) = &res.sma {
        out.extend([sma.back_pay, sma.reinstatement_fee, sma.first_term]);
        for y in &sma.schedule {
            out.extend([y.value, y.discount, y.amount]);
        }
    }
    out
}

/// A configuration and a higher-ranked edition to upgrade it to.
fn arb_upgrade() -> impl Strategy<Value = (Config, String)> {
    arb_config()
        .prop_filter("has a higher edition", |c| {
            editions().iter().any(|e| e.1 > c.rank)
        })
        .prop_flat_map(|c| {
            let higher: Vec<String> = editions()
                .into_iter()
                .filter(|e| e.1 > c.rank)
                .map(|e| e.0)
                .collect();
            (Just(c), proptest::sample::select(higher))
        })
}

fn arb_term() -> impl Strategy<Value = u32> {
    prop_oneof![Just(1u32), Just(3u32)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn line_amounts_sum_to_the_licence_total(config in arb_config(), offset in 0u64..2000) {
        let res = quote(&new_request(&config, day(offset), None, 1));
        let sum: Money = res.lines.iter().map(|l| l.amount).sum();
        prop_assert_eq!(sum, res.licence_total);
        prop_assert_eq!(res.total_over_years, res.licence_total);
        for line in &res.lines {
            prop_assert!(line.qty > 0);
            prop_assert_eq!(Money::round(line.unit_price.times(line.qty)), line.amount);
        }
    }

    #[test]
    fn every_amount_has_two_decimals_and_is_never_negative(
        config in arb_config(),
        offset in 0u64..2000,
        order_after in 0u64..2500,
        term in arb_term(),
        years in 1u32..=10,
    ) {
        let licence = day(offset);
        let res = quote(&new_request(&config, licence, Some((licence.checked_add_days(Days::new(order_after)).unwrap(), term)), years));
        for amount in all_amounts(&res) {
            prop_assert!(is_cents(amount), "{amount}");
        }
        let sma = res.sma.as_ref().unwrap();
        prop_assert_eq!(sma.schedule.len() as u32, years.max(term));
        let schedule: Money = sma.schedule.iter().map(|y| y.amount).sum();
        prop_assert_eq!(res.total_over_years, res.licence_total + sma.back_pay + sma.reinstatement_fee + schedule);
        let json = serde_json::to_value(&res).unwrap();
        let total = json["total_over_years"].as_str().unwrap();
        prop_assert_eq!(total.split('.').nth(1).map(str::len), Some(2));
    }

    #[test]
    fn module_order_does_not_change_any_amount(
        config in arb_config(),
        offset in 0u64..1500,
        order_after in 0u64..100,
        term in arb_term(),
    ) {
        let licence = day(offset);
        let order = Some((licence.checked_add_days(Days::new(order_after)).unwrap(), term));
        let mut reversed = config.clone();
        reversed.modules.reverse();
        prop_assert_eq!(quote(&new_request(&config, licence, order, 5)), quote(&new_request(&reversed, licence, order, 5)));
    }

    #[test]
    fn each_year_of_a_schedule_is_worth_the_licence_total_of_its_book(
        config in arb_config(),
        offset in 0u64..1500,
        start_after in 0u64..800,
        first in 1u32..6,
        count in 1u32..=10,
        term in arb_term(),
    ) {
        let books = PriceBooks::demo();
        let licence = day(offset);
        let purchase = api::new_purchase(books, &new_request(&config, licence, None, 1), today()).unwrap();
        let start = licence.checked_add_days(Days::new(start_after)).unwrap();
        let term = TermYears::try_from(i64::from(term)).unwrap();
        let years = schedule(&purchase.config, books, start, first, count, term).unwrap();
        prop_assert_eq!(years.len() as u32, count);
        for (k, year) in (first..).zip(&years) {
            let licence = purchase.config.value_on(books, year.start).unwrap();
            prop_assert_eq!(year.year, k);
            prop_assert_eq!(year.value, licence.total);
            prop_assert_eq!(&year.price_book, &licence.price_book);
            prop_assert_eq!(year.start, sma_shared::dates::anniversary(start, k - 1));
        }
    }

    #[test]
    fn rates_never_rise_from_one_year_to_the_next(
        config in arb_config(),
        offset in 0u64..1500,
        order_after in 0u64..400,
        term in arb_term(),
        years in 1u32..=10,
    ) {
        let licence = day(offset);
        let res = quote(&new_request(&config, licence, Some((licence.checked_add_days(Days::new(order_after)).unwrap(), term)), years));
        let schedule = &res.sma.as_ref().unwrap().schedule;
        for pair in schedule.windows(2) {
            prop_assert!(pair[1].rate <= pair[0].rate);
            prop_assert_eq!(pair[1].year, pair[0].year + 1);
            prop_assert_eq!(pair[1].start, pair[0].end.succ_opt().unwrap());
        }
    }

    #[test]
    fn a_late_purchase_never_costs_less_than_buying_with_the_software(
        config in arb_config(),
        offset in 0u64..1500,
        on_time in 0u64..=30,
        late in 31u64..3000,
        term in arb_term(),
        years in 1u32..=10,
    ) {
        let licence = day(offset);
        let with_software = quote(&new_request(&config, licence, Some((licence.checked_add_days(Days::new(on_time)).unwrap(), term)), years));
        let bought_late = quote(&new_request(&config, licence, Some((licence.checked_add_days(Days::new(late)).unwrap(), term)), years));
        prop_assert!(!with_software.sma.as_ref().unwrap().late);
        prop_assert!(bought_late.sma.as_ref().unwrap().late);
        prop_assert!(bought_late.total_over_years >= with_software.total_over_years);
        prop_assert!(bought_late.sma.as_ref().unwrap().reinstatement_fee >= Money::from_cents(10_000));
    }

    #[test]
    fn an_upgrade_with_an_active_sma_never_costs_more_licence_than_without(
        (config, to) in arb_upgrade(),
        licence_offset in 0u64..1500,
        sma_after in 0u64..800,
        upgrade_after in 0u64..800,
    ) {
        let licence = day(licence_offset);
        let sma_start = licence.checked_add_days(Days::new(sma_after)).unwrap();
        let upgrade = sma_start.checked_add_days(Days::new(upgrade_after)).unwrap();
        let req = |sma: Option<NaiveDate>| UpgradeQuoteRequest {
            edition: config.edition.clone(),
            cameras: WireNumber::from(config.cameras),
            modules: module_list(&config),
            licence_date: iso(licence),
            to_edition: to.clone(),
            upgrade_date: Some(iso(upgrade)),
            sma_start: sma.map(iso),
        };
        let with = api::quote_upgrade(PriceBooks::demo(), &req(Some(sma_start)), today()).unwrap();
        let without = api::quote_upgrade(PriceBooks::demo(), &req(None), today()).unwrap();
        prop_assert!(with.licence_price <= without.licence_price);
        prop_assert_eq!(without.total_due, without.target_total);
        prop_assert_eq!(with.total_due, with.licence_price + with.sma_adjustment);
        prop_assert!(with.total_due - with.sma_adjustment <= without.total_due);
        for m in [with.licence_price, with.sma_adjustment, with.credit, with.total_due] {
            prop_assert!(is_cents(m));
        }
    }

    #[test]
    fn an_expansion_never_charges_a_negative_amount(
        config in arb_config(),
        add_cameras in 0u32..20,
        add_client in 0u32..5,
        date_offset in 0u64..1500,
        sma_before in proptest::option::of(0u64..1500),
    ) {
        let date = day(date_offset + 1500);
        let req = ExpansionQuoteRequest {
            edition: config.edition.clone(),
            cameras: WireNumber::from(config.cameras),
            modules: module_list(&config),
            add_cameras: Some(WireNumber::from(add_cameras)),
            add_modules: vec![ModuleQty::new("client", add_client)],
            date: Some(iso(date)),
            sma_start: sma_before.map(|b| iso(date.checked_sub_days(Days::new(b)).unwrap())),
        };
        match api::quote_expansion(PriceBooks::demo(), &req, today()) {
            Ok(res) => {
                for m in [res.licence_price, res.sma_adjustment, res.total_due] {
                    prop_assert!(is_cents(m));
                }
                let lines: Money = res.lines.iter().map(|l| l.amount).sum();
                prop_assert_eq!(lines, res.licence_price);
                prop_assert!(res.sma_adjustment <= res.licence_price);
            }
            Err(err) => prop_assert_eq!(err.code(), "too_many_cameras"),
        }
    }
}
