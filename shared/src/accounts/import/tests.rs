use super::*;
use crate::lifecycle::CoverageRecord;
use crate::pricing::TermYears;

const HEADER: &str = "customer_ref,customer_name,country,vat_id,contact_email,licence_number,installation_name,edition,cameras,modules,licence_date,initial_value,coverage,coverage_start,term_years,auto_renew,legacy_fee_basis";
const EXTRA: &str = ",installed_version,sma_state,cancelled_on,term_end";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

use crate::test_dates::d;

fn number(counter: u64) -> String {
    LicenceNumber::generate(7, counter).to_string()
}

fn file(rows: &[String]) -> String {
    format!("{HEADER}\n{}\n", rows.join("\n"))
}

fn extended(rows: &[String]) -> String {
    format!("{HEADER}{EXTRA}\n{}\n", rows.join("\n"))
}

fn good(counter: u64) -> String {
    format!(
        "C-1,\"Retail, GmbH\",DE,DE123456789,it@retail.example,{},Store {counter},probox,12,client:1;storage:1,2026-03-10,,sma,2026-03-10,1,true,",
        number(counter)
    )
}

/// A row of the extended header: the installation of `good` with its coverage columns.
fn with(counter: u64, coverage: &str) -> String {
    let base = good(counter);
    let cut = base.find(",sma,2026-03-10,1,true,").unwrap();
    format!("{},{coverage}", &base[..cut])
}

fn coverage_of(text: &str) -> ImportedCoverage {
    parse_import(text, PriceBooks::demo(), today())
        .unwrap()
        .installations[0]
        .coverage
}

fn rejected_fields(text: &str) -> Vec<(usize, String)> {
    parse_import(text, PriceBooks::demo(), today())
        .unwrap_err()
        .into_iter()
        .map(|r| (r.row, r.field))
        .collect()
}

#[test]
fn a_good_file_gives_each_customer_once_and_every_installation_priced() {
    let f = parse_import(&file(&[good(1), good(2)]), PriceBooks::demo(), today()).unwrap();
    assert_eq!(f.customers.len(), 1);
    assert_eq!(f.customers[0].name, "Retail, GmbH");
    assert_eq!(f.installations.len(), 2);
    assert_eq!(f.installations[1].row, 3);
    assert!(f.installations[0].initial_value > Decimal::ZERO);
    assert_eq!(
        f.installations[1].coverage,
        ImportedCoverage::Sma(ImportedSma {
            record: CoverageRecord {
                start: d(2026, 3, 10),
                term: TermYears::One,
                term_from: 1,
                renews_on: d(2027, 3, 10),
                auto_renew: true,
                cancelled_on: None,
                ends_on: None,
            },
            lapsed: false
        })
    );
}

#[test]
fn every_bad_row_is_named_with_its_column_and_nothing_is_given() {
    let bad_number = good(3).replace(&number(3), "SMA-0000-0000-1");
    let bad_edition = good(4).replace("probox", "platinum");
    let future = good(5).replace("2026-03-10,,sma", "2027-01-01,,sma");
    let other_name = good(6).replace("\"Retail, GmbH\"", "Other");
    let rejected = parse_import(
        &file(&[
            good(1),
            bad_number,
            bad_edition,
            future,
            other_name,
            good(1),
        ]),
        PriceBooks::demo(),
        today(),
    )
    .unwrap_err();
    let got: Vec<(usize, &str)> = rejected.iter().map(|r| (r.row, r.field.as_str())).collect();
    assert_eq!(
        got,
        [
            (3, "licence_number"),
            (4, "edition"),
            (5, "licence_date"),
            (6, "customer_ref"),
            (7, "licence_number")
        ],
        "{rejected:?}"
    );
    assert!(rejected[4].message.contains("row 2"), "{:?}", rejected[4]);
}

#[test]
fn a_wrong_header_or_an_unclosed_quote_rejects_the_file() {
    let e = parse_import("a,b\n1,2\n", PriceBooks::demo(), today()).unwrap_err();
    assert_eq!((e[0].row, e[0].field.as_str()), (1, "header"));
    let twice = format!("{HEADER},term_end,term_end\n");
    let e = parse_import(&twice, PriceBooks::demo(), today()).unwrap_err();
    assert_eq!(e[0].field, "header");
    let e = parse_import(&file(&["\"open".into()]), PriceBooks::demo(), today()).unwrap_err();
    assert_eq!(e[0].field, "file");
}

#[test]
fn no_coverage_needs_empty_coverage_columns() {
    let none = good(8).replace(",sma,2026-03-10,1,true,", ",none,,,,");
    assert_eq!(coverage_of(&file(&[none])), ImportedCoverage::None);
    let half = good(9).replace(",sma,2026-03-10,1,true,", ",none,2026-03-10,,,");
    assert_eq!(
        rejected_fields(&file(&[half])),
        [(2, "coverage_start".into())]
    );
}

#[test]
fn the_extra_columns_carry_the_installed_version_and_may_come_in_any_order() {
    let text = format!(
        "{HEADER},term_end,installed_version\n{}\n",
        good(1) + ",,6.1.2"
    );
    let f = parse_import(&text, PriceBooks::demo(), today()).unwrap();
    assert_eq!(
        f.installations[0].installed_version.as_deref(),
        Some("6.1.2")
    );
    let bad = format!("{HEADER},installed_version\n{}\n", good(1) + ",latest");
    let e = parse_import(&bad, PriceBooks::demo(), today()).unwrap_err();
    assert_eq!(e[0].field, "installed_version");
}

#[test]
fn a_cancelled_sma_ends_at_the_anniversary_its_cancellation_reached() {
    // Cancelled on 2026-11-01, before the deadline 2026-12-10 of the anniversary 2027-03-10.
    let row = with(1, "sma,2026-03-10,1,false,,6.1.2,cancelled,2026-11-01,");
    let ImportedCoverage::Sma(sma) = coverage_of(&extended(&[row])) else {
        panic!("not an SMA")
    };
    assert_eq!(sma.record.cancelled_on, Some(d(2026, 11, 1)));
    assert_eq!(sma.record.ends_on, Some(d(2027, 3, 10)));
    assert_eq!(sma.record.renews_on, d(2027, 3, 10));
    assert!(!sma.lapsed);
    // Still auto-renewing, without its date, or long over: refused with the column at fault.
    let on = with(2, "sma,2026-03-10,1,true,,,cancelled,2026-11-01,");
    let undated = with(3, "sma,2026-03-10,1,false,,,cancelled,,");
    let over = with(4, "sma,2024-03-10,1,false,,,cancelled,2024-05-01,")
        .replace("2026-03-10,,", "2024-03-10,,");
    assert_eq!(
        rejected_fields(&extended(&[on, undated, over])),
        [
            (2, "auto_renew".into()),
            (3, "cancelled_on".into()),
            (4, "sma_state".into())
        ]
    );
}

#[test]
fn a_lapsed_sma_names_its_last_covered_day_the_day_before_an_anniversary() {
    let row = with(1, "sma,2024-03-10,1,false,,,lapsed,,2026-03-09")
        .replace("2026-03-10,,", "2024-03-10,,");
    let ImportedCoverage::Sma(sma) = coverage_of(&extended(&[row])) else {
        panic!("not an SMA")
    };
    assert!(sma.lapsed);
    assert_eq!(sma.record.ends_on, Some(d(2026, 3, 10)));
    let odd = with(2, "sma,2024-03-10,1,false,,,lapsed,,2026-03-01")
        .replace("2026-03-10,,", "2024-03-10,,");
    let ahead = with(3, "sma,2026-03-10,1,false,,,lapsed,,2027-03-09");
    let other = with(4, "sma,2026-03-10,1,false,,,paused,,");
    assert_eq!(
        rejected_fields(&extended(&[odd, ahead, other])),
        [
            (2, "term_end".into()),
            (3, "term_end".into()),
            (4, "sma_state".into())
        ]
    );
}

#[test]
fn a_maintenance_contract_counts_its_terms_from_its_start_to_its_term_end() {
    // Example L1's contract: since 2019-06-01, fee basis 2 200.00, ordered up to 2027-05-31.
    let row = with(1, "legacy,2019-06-01,,,2200.00,5.4.0,,,2027-05-31")
        .replace("2026-03-10,,", "2019-06-01,,");
    let ImportedCoverage::Legacy(legacy) = coverage_of(&extended(&[row])) else {
        panic!("not a contract")
    };
    assert_eq!(legacy.contract.terms(), 8);
    assert_eq!(legacy.contract.fee_basis().to_string(), "2200.00");
    assert!(!legacy.ended);
    // Ended 2026-06-01, its grace over on 2026-07-01: stored as ended.
    let ended = with(2, "legacy,2019-06-01,,,2200.00,,,,2026-05-31")
        .replace("2026-03-10,,", "2019-06-01,,");
    let ImportedCoverage::Legacy(legacy) = coverage_of(&extended(&[ended])) else {
        panic!("not a contract")
    };
    assert!(legacy.ended);
    let no_end = with(3, "legacy,2026-03-10,,,2200.00,,,,");
    let odd_end = with(4, "legacy,2026-03-10,,,2200.00,,,,2027-03-01");
    let no_basis = with(5, "legacy,2026-03-10,,,0,,,,2027-03-09");
    let with_term = with(6, "legacy,2026-03-10,1,,2200.00,,,,2027-03-09");
    assert_eq!(
        rejected_fields(&extended(&[no_end, odd_end, no_basis, with_term])),
        [
            (2, "term_end".into()),
            (3, "term_end".into()),
            (4, "legacy_fee_basis".into()),
            (5, "term_years".into())
        ]
    );
}

#[test]
fn a_contract_without_its_term_end_column_is_refused_naming_it() {
    let row = good(1).replace(",sma,2026-03-10,1,true,", ",legacy,2026-03-10,,,2200.00");
    assert_eq!(rejected_fields(&file(&[row])), [(2, "term_end".into())]);
}

#[test]
fn parts_repeat_the_header_keep_each_rows_number_and_split_by_size() {
    let rows: Vec<String> = (1..=50).map(good).collect();
    let text = file(&rows);
    let parts = split_parts(&text, 1500).unwrap();
    assert!(parts.len() > 3, "{}", parts.len());
    assert_eq!(parts.iter().map(|p| p.rows).sum::<usize>(), 50);
    let mut installations = Vec::new();
    for part in &parts {
        assert!(part.text.len() <= 1500);
        let f = parse_import_part(&part.text, part.first_row, PriceBooks::demo(), today()).unwrap();
        installations.extend(f.installations);
    }
    let whole = parse_import(&text, PriceBooks::demo(), today()).unwrap();
    assert_eq!(installations, whole.installations);
    // A rejected row of a later part is named by its row in the whole file.
    let mut bad = rows.clone();
    bad[44] = bad[44].replace("probox", "platinum");
    let parts = split_parts(&file(&bad), 1500).unwrap();
    let part = parts
        .iter()
        .find(|p| (p.first_row..p.first_row + p.rows).contains(&46))
        .unwrap();
    assert!(part.first_row > 2);
    let e = parse_import_part(&part.text, part.first_row, PriceBooks::demo(), today()).unwrap_err();
    assert_eq!((e[0].row, e[0].field.as_str()), (46, "edition"));
}

#[test]
fn the_example_file_of_the_readme_imports() {
    let text = include_str!("../../../../docs/examples/customers.csv");
    let f = parse_import(text, PriceBooks::demo(), today()).unwrap();
    assert_eq!((f.customers.len(), f.installations.len()), (2, 3));
}
