//! The document's examples: the worked examples of pricing.md as requests, read through the
//! request types, and their answers computed by the same `shared` functions the Worker calls,
//! so an example can never show a price the API would not answer.

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use sma_shared::api::{
    self, ExpansionQuoteRequest, NewQuoteRequest, OrderRequest, UpgradeQuoteRequest,
};
use sma_shared::orders::{OrderKind, QuoteClaims, QuoteKey};
use sma_shared::{Money, PriceBooks};

/// A day to stand for "today" where an example leaves a date out (every example here names
/// its dates, so the answers do not depend on it).
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 10).expect("a date")
}

/// `value` read as a `T`, as the Worker would read it (an example that does not fit its type
/// stops the generator).
fn read<T: DeserializeOwned>(value: &Value) -> T {
    serde_json::from_value(value.clone()).expect("an example that fits its request type")
}

fn named<T: Serialize>(summary: &str, value: &T) -> Value {
    json!({"summary": summary, "value": value})
}

fn example_a() -> Value {
    json!({
        "edition": "probox", "cameras": 12,
        "modules": [{"sku": "client", "qty": 1}, {"sku": "storage", "qty": 1}],
        "licence_date": "2026-03-10",
        "sma": {"order_date": "2026-03-10", "term_years": 1},
        "years": 5
    })
}

fn example_e() -> Value {
    json!({
        "edition": "probox", "cameras": 12,
        "modules": [{"sku": "client", "qty": 1}, {"sku": "storage", "qty": 1}],
        "licence_date": "2026-03-10", "to_edition": "enterprise",
        "upgrade_date": "2027-05-01", "sma_start": "2026-03-10"
    })
}

fn example_x() -> Value {
    json!({
        "edition": "probox", "cameras": 12, "modules": [{"sku": "client", "qty": 1}],
        "add_cameras": 6, "add_modules": [{"sku": "pos", "qty": 2}],
        "date": "2026-09-10", "sma_start": "2026-03-10"
    })
}

/// `GET /api/catalog?date=2026-03-10`.
pub fn catalog() -> Value {
    let catalog = api::catalog(PriceBooks::demo(), Some("2026-03-10"), today())
        .expect("the demo book is in force on 2026-03-10");
    json!({"2026": named("The book in force on 2026-03-10", &catalog)})
}

/// Requests of `POST /api/quotes/new`.
pub fn quote_new_requests() -> Value {
    let a: NewQuoteRequest = read(&example_a());
    let minimal: NewQuoteRequest = read(&json!({"edition": "probox", "cameras": 4}));
    json!({
        "exampleA": named("Worked example A: ProBox, 12 cameras, client, storage, SMA with the software, 5 years", &a),
        "minimal": named("Only the required fields: licence today, no SMA", &minimal)
    })
}

/// The answer to worked example A.
pub fn quote_new_response() -> Value {
    let answer = api::quote_new(PriceBooks::demo(), &read(&example_a()), today())
        .expect("worked example A prices");
    json!({"exampleA": named("Worked example A", &answer)})
}

/// Requests of `POST /api/quotes/upgrade`.
pub fn quote_upgrade_requests() -> Value {
    let e: UpgradeQuoteRequest = read(&example_e());
    json!({"exampleE": named("Worked example E: example A's installation upgrades to Enterprise on 2027-05-01 with an active SMA", &e)})
}

/// The answer to worked example E.
pub fn quote_upgrade_response() -> Value {
    let answer = api::quote_upgrade(PriceBooks::demo(), &read(&example_e()), today())
        .expect("worked example E prices");
    json!({"exampleE": named("Worked example E", &answer)})
}

/// Requests of `POST /api/quotes/expansion`.
pub fn quote_expansion_requests() -> Value {
    let x: ExpansionQuoteRequest = read(&example_x());
    json!({"exampleX": named("Worked example X: 6 cameras and 2 POS added on 2026-09-10, SMA since 2026-03-10", &x)})
}

/// The answer to worked example X.
pub fn quote_expansion_response() -> Value {
    let answer = api::quote_expansion(PriceBooks::demo(), &read(&example_x()), today())
        .expect("worked example X prices");
    json!({"exampleX": named("Worked example X", &answer)})
}

/// A quote token of the form the quotes answer (signed with a key of the examples, so the API
/// refuses it: a real one comes from the quote).
fn example_token(installation_id: &str, kind: &str) -> String {
    let key = QuoteKey::parse("ZXhhbXBsZSBrZXkgb2YgdGhlIGRvY3VtZW50IG9ubHk=").expect("a key");
    QuoteClaims {
        installation_id: installation_id.into(),
        version: 3,
        kind: OrderKind::parse(kind).expect("a kind"),
        inputs: "-".into(),
        date: NaiveDate::from_ymd_opt(2026, 11, 28).expect("a date"),
        currency: "EUR".into(),
        net: Money::parse("465.00").expect("an amount"),
        gross: Money::parse("553.35").expect("an amount"),
        expires: 1_795_862_700,
    }
    .sign("cus_example", &key)
}

/// Requests of `POST /api/orders`, one per kind.
pub fn order_requests() -> Value {
    let id = "inst_0123456789abcdef";
    let mut all = serde_json::Map::new();
    for (name, summary, mut body) in [
        (
            "sma",
            "Buy (or reinstate) the SMA for 3 years",
            json!({"installation_id": id, "kind": "sma", "term_years": 3}),
        ),
        (
            "renewal",
            "Order the next term now",
            json!({"installation_id": id, "kind": "renewal"}),
        ),
        (
            "expansion",
            "Add 4 cameras and a client",
            json!({"installation_id": id, "kind": "expansion", "add_cameras": 4, "add_modules": [{"sku": "client", "qty": 1}]}),
        ),
        (
            "upgrade",
            "Move to Enterprise",
            json!({"installation_id": id, "kind": "upgrade", "to_edition": "enterprise"}),
        ),
    ] {
        body["quote_token"] = json!(example_token(id, name));
        let request: OrderRequest = read(&body);
        all.insert(name.into(), named(summary, &request));
    }
    Value::Object(all)
}
