//! Every validation error code with its field, through the wire functions the Worker calls.

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use sma_shared::api::{
    self, ErrorBody, ExpansionQuoteRequest, NewQuoteRequest, UpgradeQuoteRequest,
};
use sma_shared::{PriceBooks, PricingError};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
}

fn parse<T: DeserializeOwned>(json: &str) -> T {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"))
}

fn new_err(json: &str) -> PricingError {
    api::quote_new(PriceBooks::demo(), &parse::<NewQuoteRequest>(json), today()).unwrap_err()
}

fn upgrade_err(json: &str) -> PricingError {
    api::quote_upgrade(
        PriceBooks::demo(),
        &parse::<UpgradeQuoteRequest>(json),
        today(),
    )
    .unwrap_err()
}

fn expansion_err(json: &str) -> PricingError {
    api::quote_expansion(
        PriceBooks::demo(),
        &parse::<ExpansionQuoteRequest>(json),
        today(),
    )
    .unwrap_err()
}

fn assert_error(err: &PricingError, code: &str, field: &str) {
    assert_eq!((err.code(), err.field()), (code, Some(field)), "{err}");
    assert_eq!(err.http_status(), 422);
    assert!(err.message().ends_with('.'), "a sentence: {err}");
}

#[test]
fn an_unknown_edition_names_the_edition_field_and_the_choices() {
    let err = new_err(r#"{"edition": "ultra", "cameras": 4}"#);
    assert_error(&err, "unknown_edition", "edition");
    assert_eq!(
        err.message(),
        "There is no edition `ultra`; choose one of probox, professional or enterprise."
    );
}

#[test]
fn an_unknown_module_names_its_sku_field() {
    let err = new_err(
        r#"{"edition": "probox", "cameras": 4, "modules": [{"sku": "client", "qty": 1}, {"sku": "coffee", "qty": 1}]}"#,
    );
    assert_error(&err, "unknown_module", "modules[1].sku");
    assert_eq!(
        err.message(),
        "There is no module `coffee`; choose one of client, storage, archive, voip, pos or analytics."
    );
}

#[test]
fn camera_in_the_module_list_is_an_unknown_module() {
    let err =
        new_err(r#"{"edition": "probox", "cameras": 4, "modules": [{"sku": "camera", "qty": 8}]}"#);
    assert_error(&err, "unknown_module", "modules[0].sku");
}

#[test]
fn a_module_missing_from_the_edition_is_refused() {
    let err =
        new_err(r#"{"edition": "probox", "cameras": 4, "modules": [{"sku": "voip", "qty": 1}]}"#);
    assert_error(&err, "module_not_in_edition", "modules[0].sku");
    assert_eq!(
        err.message(),
        "VoIP / SIP integration is not available in ProBox; choose Professional or Enterprise to use it."
    );
}

#[test]
fn a_duplicate_module_is_refused() {
    let err = new_err(
        r#"{"edition": "probox", "cameras": 4, "modules": [{"sku": "pos", "qty": 1}, {"sku": "pos", "qty": 2}]}"#,
    );
    assert_error(&err, "duplicate_module", "modules[1].sku");
}

#[test]
fn negative_fractional_and_huge_quantities_are_invalid_quantities() {
    for (cameras, given) in [
        ("-1", "-1"),
        ("1.5", "1.5"),
        ("20000", "20000"),
        ("10001", "10001"),
    ] {
        let err = new_err(&format!(
            r#"{{"edition": "enterprise", "cameras": {cameras}}}"#
        ));
        assert_error(&err, "invalid_quantity", "cameras");
        assert_eq!(
            err.message(),
            format!("A quantity must be a whole number from 0 to 10000; {given} is not.")
        );
    }
    let err = new_err(
        r#"{"edition": "probox", "cameras": 4, "modules": [{"sku": "client", "qty": 1}, {"sku": "pos", "qty": -3}]}"#,
    );
    assert_error(&err, "invalid_quantity", "modules[1].qty");
}

#[test]
fn ten_thousand_cameras_are_a_valid_quantity() {
    let req = parse::<NewQuoteRequest>(
        r#"{"edition": "enterprise", "cameras": 10000, "licence_date": "2026-03-10"}"#,
    );
    let res = api::quote_new(PriceBooks::demo(), &req, today()).unwrap();
    assert_eq!(res.lines[1].qty, 9984);
    let req = parse::<NewQuoteRequest>(
        r#"{"edition": "enterprise", "cameras": 20.0, "licence_date": "2026-03-10"}"#,
    );
    assert!(api::quote_new(PriceBooks::demo(), &req, today()).is_ok());
}

#[test]
fn a_quantity_sent_as_a_string_is_a_malformed_request_not_a_422() {
    assert!(
        serde_json::from_str::<NewQuoteRequest>(r#"{"edition": "probox", "cameras": "4"}"#)
            .is_err()
    );
    assert!(serde_json::from_str::<NewQuoteRequest>(
        r#"{"edition": "probox", "cameras": 4, "modules": [{"sku": "pos", "qty": "1"}]}"#
    )
    .is_err());
}

#[test]
fn unknown_or_missing_fields_are_malformed_requests() {
    assert!(serde_json::from_str::<NewQuoteRequest>(
        r#"{"edition": "probox", "cameras": 4, "unit_price": "1.00"}"#
    )
    .is_err());
    assert!(serde_json::from_str::<NewQuoteRequest>(
        r#"{"edition": "probox", "cameras": 4, "sma": {"price": "1"}}"#
    )
    .is_err());
    assert!(serde_json::from_str::<NewQuoteRequest>(r#"{"edition": "probox"}"#).is_err());
    assert!(serde_json::from_str::<UpgradeQuoteRequest>(
        r#"{"edition": "probox", "cameras": 4, "licence_date": "2026-03-10"}"#
    )
    .is_err());
    assert!(serde_json::from_str::<ExpansionQuoteRequest>(
        r#"{"edition": "probox", "cameras": 4, "add_modules": [{"sku": "pos", "qty": 1, "x": 1}]}"#
    )
    .is_err());
}

#[test]
fn too_many_cameras_suggests_a_bigger_edition() {
    let err = new_err(r#"{"edition": "probox", "cameras": 40}"#);
    assert_error(&err, "too_many_cameras", "cameras");
    assert_eq!(
        err.message(),
        "ProBox allows at most 32 cameras; choose Professional or Enterprise for 40."
    );
}

#[test]
fn per_camera_modules_may_not_exceed_the_cameras() {
    let err = new_err(
        r#"{"edition": "professional", "cameras": 12, "modules": [{"sku": "analytics", "qty": 13}]}"#,
    );
    assert_error(&err, "exceeds_cameras", "modules[0].qty");
}

#[test]
fn an_impossible_date_is_an_invalid_date_with_its_field() {
    let err = new_err(r#"{"edition": "probox", "cameras": 4, "licence_date": "2026-02-30"}"#);
    assert_error(&err, "invalid_date", "licence_date");
    assert_eq!(
        err.message(),
        "`2026-02-30` is not a valid date; use a calendar date as YYYY-MM-DD."
    );
    let err = new_err(
        r#"{"edition": "probox", "cameras": 4, "licence_date": "2026-03-10", "sma": {"order_date": "10/03/2026"}}"#,
    );
    assert_error(&err, "invalid_date", "sma.order_date");
}

#[test]
fn a_licence_before_the_first_price_book_has_no_price_book() {
    let err = new_err(r#"{"edition": "probox", "cameras": 4, "licence_date": "2025-12-31"}"#);
    assert_error(&err, "no_price_book", "licence_date");
    assert_eq!(
        err.message(),
        "There are no prices for 2025-12-31; prices start on 2026-01-01."
    );
}

#[test]
fn an_sma_ordered_before_the_licence_is_sma_before_licence() {
    let err = new_err(
        r#"{"edition": "probox", "cameras": 4, "licence_date": "2026-03-10", "sma": {"order_date": "2026-03-09"}}"#,
    );
    assert_error(&err, "sma_before_licence", "sma.order_date");
    assert_eq!(
        err.message(),
        "The SMA order date 2026-03-09 is before the licence date 2026-03-10; order the SMA on or after the licence date."
    );
}

#[test]
fn a_term_of_two_years_is_an_invalid_term() {
    let err = new_err(
        r#"{"edition": "probox", "cameras": 4, "licence_date": "2026-03-10", "sma": {"term_years": 2}}"#,
    );
    assert_error(&err, "invalid_term", "sma.term_years");
    assert_eq!(
        err.message(),
        "The SMA term must be 1 or 3 years; 2 is not."
    );
}

#[test]
fn zero_or_eleven_years_are_invalid_years() {
    for years in ["0", "11", "2.5", "-1"] {
        let err = new_err(&format!(
            r#"{{"edition": "probox", "cameras": 4, "years": {years}}}"#
        ));
        assert_error(&err, "invalid_years", "years");
    }
}

const UPGRADE: &str = r#""edition": "probox", "cameras": 12, "modules": [{"sku": "client", "qty": 1}], "licence_date": "2026-03-10""#;

#[test]
fn an_upgrade_to_the_same_or_a_lower_edition_is_not_an_upgrade() {
    let err = upgrade_err(&format!(
        r#"{{{UPGRADE}, "to_edition": "probox", "upgrade_date": "2027-05-01"}}"#
    ));
    assert_error(&err, "not_an_upgrade", "to_edition");
    let err = upgrade_err(
        r#"{"edition": "enterprise", "cameras": 12, "licence_date": "2026-03-10", "to_edition": "professional", "upgrade_date": "2027-05-01"}"#,
    );
    assert_error(&err, "not_an_upgrade", "to_edition");
    assert_eq!(
        err.message(),
        "Professional is not an upgrade from Enterprise; Enterprise is already the highest edition."
    );
}

#[test]
fn an_upgrade_to_an_unknown_edition_names_to_edition() {
    let err = upgrade_err(&format!(
        r#"{{{UPGRADE}, "to_edition": "platinum", "upgrade_date": "2027-05-01"}}"#
    ));
    assert_error(&err, "unknown_edition", "to_edition");
}

#[test]
fn an_sma_start_after_the_upgrade_date_or_before_the_licence_is_an_invalid_date() {
    let err = upgrade_err(&format!(
        r#"{{{UPGRADE}, "to_edition": "enterprise", "upgrade_date": "2027-05-01", "sma_start": "2027-05-02"}}"#
    ));
    assert_error(&err, "invalid_date", "sma_start");
    let err = upgrade_err(&format!(
        r#"{{{UPGRADE}, "to_edition": "enterprise", "upgrade_date": "2027-05-01", "sma_start": "2026-03-09"}}"#
    ));
    assert_error(&err, "invalid_date", "sma_start");
    let err = upgrade_err(&format!(
        r#"{{{UPGRADE}, "to_edition": "enterprise", "upgrade_date": "2026-03-09"}}"#
    ));
    assert_error(&err, "invalid_date", "upgrade_date");
    let err = upgrade_err(&format!(
        r#"{{{UPGRADE}, "to_edition": "enterprise", "upgrade_date": "2027-13-01"}}"#
    ));
    assert_error(&err, "invalid_date", "upgrade_date");
}

const EXPANSION: &str = r#""edition": "probox", "cameras": 12, "modules": [{"sku": "client", "qty": 1}], "date": "2026-09-10""#;

#[test]
fn expansion_errors_name_the_added_fields() {
    let err = expansion_err(&format!(r#"{{{EXPANSION}, "add_cameras": 21}}"#));
    assert_error(&err, "too_many_cameras", "add_cameras");
    let err = expansion_err(&format!(r#"{{{EXPANSION}, "add_cameras": -2}}"#));
    assert_error(&err, "invalid_quantity", "add_cameras");
    let err = expansion_err(&format!(
        r#"{{{EXPANSION}, "add_modules": [{{"sku": "pos", "qty": 1}}, {{"sku": "archive", "qty": 1}}]}}"#
    ));
    assert_error(&err, "module_not_in_edition", "add_modules[1].sku");
    let err = expansion_err(&format!(
        r#"{{{EXPANSION}, "add_modules": [{{"sku": "pos", "qty": 1}}, {{"sku": "pos", "qty": 1}}]}}"#
    ));
    assert_error(&err, "duplicate_module", "add_modules[1].sku");
    let err = expansion_err(&format!(
        r#"{{{EXPANSION}, "add_modules": [{{"sku": "client", "qty": 0.5}}]}}"#
    ));
    assert_error(&err, "invalid_quantity", "add_modules[0].qty");
    let err = expansion_err(&format!(
        r#"{{{EXPANSION}, "add_modules": [{{"sku": "client", "qty": 10000}}]}}"#
    ));
    assert_error(&err, "invalid_quantity", "add_modules[0].qty");
    let err = expansion_err(&format!(
        r#"{{{EXPANSION}, "add_modules": [{{"sku": "camera", "qty": 1}}]}}"#
    ));
    assert_error(&err, "unknown_module", "add_modules[0].sku");
    let err = expansion_err(&format!(r#"{{{EXPANSION}, "sma_start": "2026-09-11"}}"#));
    assert_error(&err, "invalid_date", "sma_start");
    let err = expansion_err(r#"{"edition": "probox", "cameras": 12, "date": "2025-01-01"}"#);
    assert_error(&err, "no_price_book", "date");
}

#[test]
fn per_camera_additions_beyond_the_cameras_blame_the_added_quantity() {
    let err = expansion_err(
        r#"{"edition": "professional", "cameras": 10, "modules": [{"sku": "analytics", "qty": 8}], "add_modules": [{"sku": "analytics", "qty": 3}], "date": "2026-09-10"}"#,
    );
    assert_error(&err, "exceeds_cameras", "add_modules[0].qty");
    let ok = parse::<ExpansionQuoteRequest>(
        r#"{"edition": "professional", "cameras": 10, "modules": [{"sku": "analytics", "qty": 8}], "add_cameras": 1, "add_modules": [{"sku": "analytics", "qty": 3}], "date": "2026-09-10"}"#,
    );
    let res = api::quote_expansion(PriceBooks::demo(), &ok, today()).unwrap();
    assert_eq!(res.licence_price.to_string(), "1049.00");
}

#[test]
fn the_catalog_date_is_validated() {
    let err = api::catalog(PriceBooks::demo(), Some("2026-1-1"), today()).unwrap_err();
    assert_error(&err, "invalid_date", "date");
    let err = api::catalog(PriceBooks::demo(), Some("2025-06-01"), today()).unwrap_err();
    assert_error(&err, "no_price_book", "date");
}

#[test]
fn a_pricing_error_becomes_the_api_error_body() {
    let err = new_err(r#"{"edition": "probox", "cameras": 40}"#);
    let body = serde_json::to_string(&ErrorBody::from(&err)).unwrap();
    assert_eq!(
        body,
        r#"{"error":{"code":"too_many_cameras","message":"ProBox allows at most 32 cameras; choose Professional or Enterprise for 40.","field":"cameras"}}"#
    );
}
