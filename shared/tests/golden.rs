//! Golden tests: the worked examples of pricing.md section 8 to the cent, and the date edge
//! cases of sections 3–5.

mod support;

use chrono::NaiveDate;
use sma_shared::api::{self, ModuleQty, NewQuoteRequest, SmaRequest, WireNumber};
use sma_shared::pricing::{
    quote_expansion, quote_new, quote_upgrade, ExpansionInput, NewPurchase, SmaOrder, SmaYear,
    UpgradeInput, YearSpan,
};
use sma_shared::{
    Configuration, Explain, ModuleInput, Money, PriceBooks, Quantity, TermYears, Years,
};
use support::{config_on as config, d, money};

fn books() -> &'static PriceBooks {
    PriceBooks::demo()
}

fn example_a_config(on: NaiveDate) -> Configuration {
    config("probox", 12, &[("client", 1), ("storage", 1)], on)
}

fn purchase(
    config: Configuration,
    licence_date: NaiveDate,
    order: Option<(NaiveDate, TermYears)>,
    years: u32,
) -> NewPurchase {
    NewPurchase {
        config,
        licence_date,
        sma: order.map(|(order_date, term)| SmaOrder { order_date, term }),
        years: Years::try_from(i64::from(years)).unwrap(),
    }
}

fn amounts(years: &[SmaYear]) -> Vec<String> {
    years.iter().map(|y| y.amount.to_string()).collect()
}

// ----- Example A ---------------------------------------------------------------------------

#[test]
fn example_a_lines_total_2461_and_five_years_cost_4605_65() {
    let licence = d(2026, 3, 10);
    let q = quote_new(
        books(),
        &purchase(
            example_a_config(licence),
            licence,
            Some((licence, TermYears::One)),
            5,
        ),
    )
    .unwrap();
    let lines: Vec<(String, u32, String)> = q
        .licence
        .lines
        .iter()
        .map(|l| (l.sku.clone(), l.qty, l.amount.to_string()))
        .collect();
    assert_eq!(
        lines,
        [
            ("base".to_string(), 1, "1290.00".to_string()),
            ("camera".to_string(), 8, "632.00".to_string()),
            ("client".to_string(), 1, "149.00".to_string()),
            ("storage".to_string(), 1, "390.00".to_string()),
        ]
    );
    assert_eq!(q.licence.total, money("2461.00"));
    assert_eq!(q.licence.lines[0].description, "ProBox base licence");
    let sma = q.sma.unwrap();
    assert!(!sma.late);
    assert_eq!(sma.start, licence);
    assert_eq!(
        amounts(&sma.schedule),
        ["467.59", "457.38", "431.97", "406.56", "381.15"]
    );
    let y1 = &sma.schedule[0];
    assert_eq!(
        (y1.start, y1.end, y1.price_book.as_str()),
        (d(2026, 3, 10), d(2027, 3, 9), "2026")
    );
    assert_eq!(y1.explain(), "19 % of 2461.00 = 467.59");
    let y2 = &sma.schedule[1];
    assert_eq!(
        (y2.price_book.as_str(), y2.value),
        ("2027", money("2541.00"))
    );
    let sma_total: Money = sma.schedule.iter().map(|y| y.amount).sum();
    assert_eq!(sma_total, money("2144.65"));
    assert_eq!(q.total_over_years, money("4605.65"));
}

// ----- Example B ---------------------------------------------------------------------------

#[test]
fn example_b_late_sma_on_day_175_pays_224_19_back_pay_and_the_100_fee() {
    let licence = d(2026, 3, 10);
    let order = d(2026, 9, 1);
    let q = quote_new(
        books(),
        &purchase(
            example_a_config(licence),
            licence,
            Some((order, TermYears::One)),
            5,
        ),
    )
    .unwrap();
    let sma = q.sma.unwrap();
    assert!(sma.late);
    assert_eq!(sma.start, order);
    let charges = sma.late_charges.as_ref().unwrap();
    assert_eq!(charges.back_pay.uncovered_days, 175);
    assert_eq!(
        charges.back_pay.explain(),
        "2461.00 × 19 % × 175 / 365 = 224.19"
    );
    assert_eq!(
        charges.fee.explain(),
        "max(10 % of 467.59 = 46.76, 100.00) = 100.00"
    );
    assert_eq!(sma.schedule[0].amount, money("467.59"));
    assert_eq!(sma.schedule[0].year, 1);
    assert_eq!(sma.back_pay(), money("224.19"));
    assert_eq!(sma.reinstatement_fee(), money("100.00"));
}

// ----- Example C ---------------------------------------------------------------------------

#[test]
fn example_c_three_year_term_first_term_is_6281_04() {
    let licence = d(2026, 11, 15);
    let c = config(
        "professional",
        40,
        &[("analytics", 10), ("voip", 1), ("archive", 1)],
        licence,
    );
    let q = quote_new(
        books(),
        &purchase(c, licence, Some((licence, TermYears::Three)), 3),
    )
    .unwrap();
    assert_eq!(q.licence.total, money("11978.00"));
    let sma = q.sma.unwrap();
    let explained: Vec<String> = sma.schedule.iter().map(Explain::explain).collect();
    assert_eq!(
        explained,
        [
            "19 % of 11978.00 = 2275.82 − 5 % (113.79) = 2162.03",
            "18 % of 12388.00 = 2229.84 − 5 % (111.49) = 2118.35",
            "17 % of 12388.00 = 2105.96 − 5 % (105.30) = 2000.66",
        ]
    );
    assert_eq!(sma.schedule[1].price_book, "2027");
    assert_eq!(sma.first_term, money("6281.04"));
}

#[test]
fn a_three_year_term_renews_as_three_years_so_every_listed_year_is_discounted() {
    let licence = d(2026, 11, 15);
    let c = config(
        "professional",
        40,
        &[("analytics", 10), ("voip", 1), ("archive", 1)],
        licence,
    );
    let q = quote_new(
        books(),
        &purchase(c, licence, Some((licence, TermYears::Three)), 5),
    )
    .unwrap();
    let sma = q.sma.unwrap();
    assert_eq!(sma.schedule.len(), 5);
    assert!(sma.schedule.iter().all(|y| y.discount > Money::ZERO));
    assert_eq!(sma.first_term, money("6281.04"));
}

#[test]
fn one_year_quoted_with_a_three_year_term_lists_the_whole_term() {
    let licence = d(2026, 11, 15);
    let q = quote_new(
        books(),
        &purchase(
            example_a_config(licence),
            licence,
            Some((licence, TermYears::Three)),
            1,
        ),
    )
    .unwrap();
    assert_eq!(q.sma.unwrap().schedule.len(), 3);
}

// ----- Example E ---------------------------------------------------------------------------

fn example_e(sma_start: Option<NaiveDate>) -> UpgradeInput {
    UpgradeInput {
        config: example_a_config(d(2027, 5, 1)),
        licence_date: d(2026, 3, 10),
        to_edition: "enterprise".into(),
        upgrade_date: d(2027, 5, 1),
        sma_start,
        recorded_initial_value: None,
    }
}

#[test]
fn example_e_upgrade_with_an_sma_is_due_8384_94() {
    let q = quote_upgrade(books(), &example_e(Some(d(2026, 3, 10)))).unwrap();
    assert_eq!(q.price_book, "2027");
    assert_eq!(q.target_total, money("9735.00"));
    let lines: Vec<String> = q
        .lines
        .iter()
        .map(|l| format!("{} {}", l.sku, l.amount))
        .collect();
    assert_eq!(lines, ["base 9190.00", "client 155.00", "storage 390.00"]);
    assert_eq!(q.initial_value, money("2461.00"));
    assert_eq!(q.credit, money("2461.00"));
    assert_eq!(q.licence_price, money("7274.00"));
    assert_eq!(q.current_value, money("2541.00"));
    let co = q.co_term.as_ref().unwrap();
    assert_eq!(co.year.index, 2);
    assert_eq!(co.explain(), "7194.00 × 18 % × 314 / 366 = 1110.94");
    assert_eq!(q.sma_adjustment, money("1110.94"));
    assert_eq!(q.total_due, money("8384.94"));
}

#[test]
fn example_e_upgrade_without_an_sma_is_due_9735() {
    let q = quote_upgrade(books(), &example_e(None)).unwrap();
    assert!(!q.sma_active);
    assert_eq!(q.credit, Money::ZERO);
    assert_eq!(q.licence_price, money("9735.00"));
    assert_eq!(q.sma_adjustment, Money::ZERO);
    assert!(q.co_term.is_none());
    assert_eq!(q.total_due, money("9735.00"));
}

// ----- Example X ---------------------------------------------------------------------------

#[test]
fn example_x_expansion_costs_954_plus_89_89_co_termed() {
    let date = d(2026, 9, 10);
    let current = config("probox", 12, &[("client", 1)], date);
    let add = ExpansionInput {
        add_cameras: Quantity::new(6).unwrap(),
        add_modules: vec![ModuleInput {
            sku: "pos".into(),
            qty: Quantity::new(2).unwrap(),
        }],
    };
    let q = quote_expansion(books(), &current, &add, date, Some(d(2026, 3, 10))).unwrap();
    assert_eq!(q.explain_licence_price(), "6 × 79.00 + 2 × 240.00 = 954.00");
    assert_eq!(q.licence_price, money("954.00"));
    let co = q.co_term.as_ref().unwrap();
    assert_eq!(co.explain(), "954.00 × 19 % × 181 / 365 = 89.89");
    assert_eq!(q.sma_adjustment, money("89.89"));
    assert_eq!(q.total_due, money("1043.89"));
    assert_eq!(q.config_after.cameras(), 18);
}

// ----- The same examples through the wire ---------------------------------------------------

#[test]
fn the_wire_quote_of_example_a_defaults_to_five_years_and_one_year_terms() {
    let req = NewQuoteRequest {
        edition: "probox".into(),
        cameras: WireNumber::from(12),
        modules: vec![ModuleQty::new("client", 1), ModuleQty::new("storage", 1)],
        licence_date: Some("2026-03-10".into()),
        sma: Some(SmaRequest::default()),
        years: None,
    };
    let res = api::quote_new(books(), &req, d(2030, 1, 1)).unwrap();
    let sma = res.sma.as_ref().unwrap();
    assert_eq!(sma.schedule.len(), 5);
    assert_eq!(sma.term_years, 1);
    assert_eq!(sma.start, d(2026, 3, 10));
    assert_eq!(res.total_over_years, money("4605.65"));
}

#[test]
fn the_licence_date_defaults_to_today() {
    let req = NewQuoteRequest {
        edition: "probox".into(),
        cameras: WireNumber::from(4),
        modules: vec![],
        licence_date: None,
        sma: None,
        years: None,
    };
    let res = api::quote_new(books(), &req, d(2027, 2, 1)).unwrap();
    assert_eq!(res.price_book, "2027");
    assert_eq!(res.licence_total, money("1340.00"));
    assert!(res.sma.is_none());
}

// ----- Date edge cases ---------------------------------------------------------------------

#[test]
fn an_sma_starting_on_29_february_has_anniversaries_on_28_february_in_common_years() {
    let licence = d(2028, 2, 29);
    let q = quote_new(
        books(),
        &purchase(
            example_a_config(licence),
            licence,
            Some((licence, TermYears::One)),
            5,
        ),
    )
    .unwrap();
    let spans: Vec<(NaiveDate, NaiveDate)> = q
        .sma
        .unwrap()
        .schedule
        .iter()
        .map(|y| (y.start, y.end))
        .collect();
    assert_eq!(
        spans,
        [
            (d(2028, 2, 29), d(2029, 2, 27)),
            (d(2029, 2, 28), d(2030, 2, 27)),
            (d(2030, 2, 28), d(2031, 2, 27)),
            (d(2031, 2, 28), d(2032, 2, 28)),
            (d(2032, 2, 29), d(2033, 2, 27)),
        ]
    );
}

#[test]
fn months_from_31_january_clamp_to_february_and_return_to_31_march() {
    let s = d(2027, 1, 31);
    assert_eq!(sma_shared::dates::add_months(s, 1), d(2027, 2, 28));
    assert_eq!(sma_shared::dates::add_months(s, 2), d(2027, 3, 31));
    assert_eq!(sma_shared::dates::add_months(s, 13), d(2028, 2, 29));
    let y = YearSpan::of(s, 2);
    assert_eq!((y.start, y.last_day()), (d(2028, 1, 31), d(2029, 1, 30)));
}

#[test]
fn each_year_uses_the_book_in_force_at_its_start_across_a_price_change() {
    let licence = d(2026, 12, 31);
    let q = quote_new(
        books(),
        &purchase(
            example_a_config(licence),
            licence,
            Some((licence, TermYears::One)),
            2,
        ),
    )
    .unwrap();
    assert_eq!(q.licence.price_book, "2026");
    let sma = q.sma.unwrap();
    assert_eq!(sma.schedule[0].price_book, "2026");
    assert_eq!(sma.schedule[0].value, money("2461.00"));
    assert_eq!(sma.schedule[1].start, d(2027, 12, 31));
    assert_eq!(sma.schedule[1].price_book, "2027");
}

#[test]
fn a_licence_on_the_first_day_of_a_book_uses_that_book() {
    let licence = d(2027, 1, 1);
    let q = quote_new(
        books(),
        &purchase(example_a_config(licence), licence, None, 1),
    )
    .unwrap();
    assert_eq!(q.licence.price_book, "2027");
    assert_eq!(q.licence.total, money("2541.00"));
}

#[test]
fn an_sma_ordered_on_day_30_is_bought_with_the_software() {
    let licence = d(2026, 3, 10);
    let q = quote_new(
        books(),
        &purchase(
            example_a_config(licence),
            licence,
            Some((d(2026, 4, 9), TermYears::One)),
            5,
        ),
    )
    .unwrap();
    let sma = q.sma.unwrap();
    assert!(!sma.late);
    assert_eq!(sma.start, licence);
    assert_eq!(sma.back_pay(), Money::ZERO);
    assert_eq!(sma.reinstatement_fee(), Money::ZERO);
    assert_eq!(q.total_over_years, money("4605.65"));
}

#[test]
fn late_purchase_on_day_31_pays_back_pay_and_fee() {
    let licence = d(2026, 3, 10);
    let order = d(2026, 4, 10);
    let q = quote_new(
        books(),
        &purchase(
            example_a_config(licence),
            licence,
            Some((order, TermYears::One)),
            5,
        ),
    )
    .unwrap();
    let sma = q.sma.unwrap();
    assert!(sma.late);
    assert_eq!(sma.start, order);
    let charges = sma.late_charges.as_ref().unwrap();
    assert_eq!(
        charges.back_pay.explain(),
        "2461.00 × 19 % × 31 / 365 = 39.71"
    );
    assert_eq!(sma.reinstatement_fee(), money("100.00"));
}

#[test]
fn back_pay_stops_at_1095_days_however_late_the_sma_is() {
    let licence = d(2026, 3, 10);
    let at_cap = quote_new(
        books(),
        &purchase(
            example_a_config(licence),
            licence,
            Some((d(2029, 3, 9), TermYears::One)),
            1,
        ),
    )
    .unwrap();
    let beyond = quote_new(
        books(),
        &purchase(
            example_a_config(licence),
            licence,
            Some((d(2031, 6, 1), TermYears::One)),
            1,
        ),
    )
    .unwrap();
    let at_cap = at_cap.sma.unwrap().late_charges.unwrap().back_pay;
    let beyond = beyond.sma.unwrap().late_charges.unwrap().back_pay;
    assert_eq!(at_cap.uncovered_days, 1095);
    assert!(!at_cap.capped());
    assert_eq!(at_cap.explain(), "2541.00 × 19 % × 1095 / 365 = 1448.37");
    assert_eq!(beyond.uncovered_days, 1909);
    assert_eq!(beyond.days(), 1095);
    assert_eq!(beyond.amount(), money("1448.37"));
}

#[test]
fn a_late_three_year_sma_takes_its_fee_from_the_discounted_year_one() {
    let licence = d(2026, 11, 15);
    let c = config(
        "professional",
        40,
        &[("analytics", 10), ("voip", 1), ("archive", 1)],
        licence,
    );
    let q = quote_new(
        books(),
        &purchase(c, licence, Some((d(2027, 2, 1), TermYears::Three)), 3),
    )
    .unwrap();
    let sma = q.sma.unwrap();
    let y1 = &sma.schedule[0];
    assert_eq!(y1.price_book, "2027");
    assert_eq!(
        y1.explain(),
        "19 % of 12388.00 = 2353.72 − 5 % (117.69) = 2236.03"
    );
    let fee = &sma.late_charges.as_ref().unwrap().fee;
    assert_eq!(
        fee.explain(),
        "max(10 % of 2236.03 = 223.60, 100.00) = 223.60"
    );
    assert_eq!(
        sma.late_charges.as_ref().unwrap().back_pay.explain(),
        "12388.00 × 19 % × 78 / 365 = 502.99"
    );
}

#[test]
fn co_terming_on_an_anniversary_charges_the_whole_new_year() {
    let date = d(2027, 3, 10);
    let current = config("probox", 12, &[("client", 1)], date);
    let add = ExpansionInput {
        add_cameras: Quantity::new(1).unwrap(),
        add_modules: vec![],
    };
    let q = quote_expansion(books(), &current, &add, date, Some(d(2026, 3, 10))).unwrap();
    assert_eq!(
        q.co_term.as_ref().unwrap().explain(),
        "82.00 × 18 % × 366 / 366 = 14.76"
    );
}

#[test]
fn co_terming_the_day_before_an_anniversary_charges_one_day() {
    let date = d(2027, 3, 9);
    let current = config("probox", 12, &[("client", 1)], date);
    let add = ExpansionInput {
        add_cameras: Quantity::new(10).unwrap(),
        add_modules: vec![],
    };
    let q = quote_expansion(books(), &current, &add, date, Some(d(2026, 3, 10))).unwrap();
    assert_eq!(
        q.co_term.as_ref().unwrap().explain(),
        "820.00 × 19 % × 1 / 365 = 0.43"
    );
}

#[test]
fn an_upgrade_just_after_the_sma_starts_can_total_more_than_without_because_it_adds_coverage() {
    // Section 6 as written: the credit lowers the licence price, but the co-termed rise in
    // maintained value buys SMA coverage of the new edition for the rest of the year, which a
    // customer without an SMA does not get. The licence price alone is never higher.
    let input = |sma_start| UpgradeInput {
        config: config("probox", 4, &[], d(2026, 3, 11)),
        licence_date: d(2026, 3, 10),
        to_edition: "enterprise".into(),
        upgrade_date: d(2026, 3, 11),
        sma_start,
        recorded_initial_value: None,
    };
    let with = quote_upgrade(books(), &input(Some(d(2026, 3, 10)))).unwrap();
    let without = quote_upgrade(books(), &input(None)).unwrap();
    assert_eq!(with.licence_price, money("7610.00"));
    assert_eq!(
        with.co_term.as_ref().unwrap().explain(),
        "7610.00 × 19 % × 364 / 365 = 1441.94"
    );
    assert_eq!(with.total_due, money("9051.94"));
    assert_eq!(without.total_due, money("8900.00"));
    assert!(with.licence_price < without.licence_price);
}
