//! Shared request/response vectors, run natively and on wasm32 (wasm-bindgen-test in Node):
//! the browser and the Worker must answer every quote identically, to the byte.

use chrono::NaiveDate;
use sma_shared::api::{
    self, ErrorBody, ExpansionQuoteRequest, NewQuoteRequest, UpgradeQuoteRequest,
};
use sma_shared::PriceBooks;

/// The endpoint a vector is for.
#[derive(Clone, Copy)]
enum Endpoint {
    New,
    Upgrade,
    Expansion,
    /// `GET /api/catalog?date=`: the request is the date, or empty for today.
    Catalog,
}

/// Today (UTC) for every vector: the default of omitted dates.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 2, 1).unwrap()
}

fn pretty<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap()
}

/// The JSON body the endpoint answers with (a 422 error body for a pricing error).
fn answer(endpoint: Endpoint, request: &str) -> String {
    let books = PriceBooks::demo();
    let result = match endpoint {
        Endpoint::New => {
            let req: NewQuoteRequest = serde_json::from_str(request).unwrap();
            api::quote_new(books, &req, today()).map(|r| pretty(&r))
        }
        Endpoint::Upgrade => {
            let req: UpgradeQuoteRequest = serde_json::from_str(request).unwrap();
            api::quote_upgrade(books, &req, today()).map(|r| pretty(&r))
        }
        Endpoint::Expansion => {
            let req: ExpansionQuoteRequest = serde_json::from_str(request).unwrap();
            api::quote_expansion(books, &req, today()).map(|r| pretty(&r))
        }
        Endpoint::Catalog => {
            let date = (!request.is_empty()).then_some(request);
            api::catalog(books, date, today()).map(|r| pretty(&r))
        }
    };
    result.unwrap_or_else(|err| pretty(&ErrorBody::from(&err)))
}

fn check(name: &str, endpoint: Endpoint, request: &str, expected: &str) {
    expect(name, &answer(endpoint, request), expected);
}

/// Fails unless `actual` is `expected` (trimmed); with `VECTORS_DUMP=<dir>` (native) writes
/// the actual answer to `<dir>/<name>.json` first.
fn expect(name: &str, actual: &str, expected: &str) {
    if actual != expected.trim() {
        #[cfg(not(target_arch = "wasm32"))]
        if let Ok(dir) = std::env::var("VECTORS_DUMP") {
            std::fs::write(format!("{dir}/{name}.json"), actual).unwrap();
        }
        panic!(
            "vector {name}: expected\n{}\nbut got\n{actual}",
            expected.trim()
        );
    }
}

macro_rules! vector {
    ($name:ident, $endpoint:expr, $request:expr, $expected:expr) => {
        #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
        #[cfg_attr(not(target_arch = "wasm32"), test)]
        fn $name() {
            check(stringify!($name), $endpoint, $request, $expected);
        }
    };
}

vector!(
    example_a_new_purchase_with_sma_over_five_years,
    Endpoint::New,
    r#"{"edition": "probox", "cameras": 12, "modules": [{"sku": "client", "qty": 1}, {"sku": "storage", "qty": 1}],
        "licence_date": "2026-03-10", "sma": {"order_date": "2026-03-10", "term_years": 1}, "years": 5}"#,
    r#"
{
  "currency": "EUR",
  "price_book": "2026",
  "lines": [
    {
      "sku": "base",
      "description": "ProBox base licence",
      "qty": 1,
      "unit_price": "1290.00",
      "amount": "1290.00"
    },
    {
      "sku": "camera",
      "description": "Camera channel",
      "qty": 8,
      "unit_price": "79.00",
      "amount": "632.00"
    },
    {
      "sku": "client",
      "description": "Client workstation",
      "qty": 1,
      "unit_price": "149.00",
      "amount": "149.00"
    },
    {
      "sku": "storage",
      "description": "NAS/SAN storage connector",
      "qty": 1,
      "unit_price": "390.00",
      "amount": "390.00"
    }
  ],
  "licence_total": "2461.00",
  "sma": {
    "start": "2026-03-10",
    "late": false,
    "term_years": 1,
    "back_pay": "0.00",
    "back_pay_days": 0,
    "reinstatement_fee": "0.00",
    "first_term": "467.59",
    "schedule": [
      {
        "year": 1,
        "start": "2026-03-10",
        "end": "2027-03-09",
        "price_book": "2026",
        "value": "2461.00",
        "rate": "19",
        "discount": "0.00",
        "amount": "467.59"
      },
      {
        "year": 2,
        "start": "2027-03-10",
        "end": "2028-03-09",
        "price_book": "2027",
        "value": "2541.00",
        "rate": "18",
        "discount": "0.00",
        "amount": "457.38"
      },
      {
        "year": 3,
        "start": "2028-03-10",
        "end": "2029-03-09",
        "price_book": "2027",
        "value": "2541.00",
        "rate": "17",
        "discount": "0.00",
        "amount": "431.97"
      },
      {
        "year": 4,
        "start": "2029-03-10",
        "end": "2030-03-09",
        "price_book": "2027",
        "value": "2541.00",
        "rate": "16",
        "discount": "0.00",
        "amount": "406.56"
      },
      {
        "year": 5,
        "start": "2030-03-10",
        "end": "2031-03-09",
        "price_book": "2027",
        "value": "2541.00",
        "rate": "15",
        "discount": "0.00",
        "amount": "381.15"
      }
    ]
  },
  "total_over_years": "4605.65"
}
"#
);

vector!(
    example_b_late_sma_with_back_pay_and_fee,
    Endpoint::New,
    r#"{"edition": "probox", "cameras": 12, "modules": [{"sku": "storage", "qty": 1}, {"sku": "client", "qty": 1}],
        "licence_date": "2026-03-10", "sma": {"order_date": "2026-09-01"}, "years": 1}"#,
    r#"
{
  "currency": "EUR",
  "price_book": "2026",
  "lines": [
    {
      "sku": "base",
      "description": "ProBox base licence",
      "qty": 1,
      "unit_price": "1290.00",
      "amount": "1290.00"
    },
    {
      "sku": "camera",
      "description": "Camera channel",
      "qty": 8,
      "unit_price": "79.00",
      "amount": "632.00"
    },
    {
      "sku": "client",
      "description": "Client workstation",
      "qty": 1,
      "unit_price": "149.00",
      "amount": "149.00"
    },
    {
      "sku": "storage",
      "description": "NAS/SAN storage connector",
      "qty": 1,
      "unit_price": "390.00",
      "amount": "390.00"
    }
  ],
  "licence_total": "2461.00",
  "sma": {
    "start": "2026-09-01",
    "late": true,
    "term_years": 1,
    "back_pay": "224.19",
    "back_pay_days": 175,
    "reinstatement_fee": "100.00",
    "first_term": "467.59",
    "schedule": [
      {
        "year": 1,
        "start": "2026-09-01",
        "end": "2027-08-31",
        "price_book": "2026",
        "value": "2461.00",
        "rate": "19",
        "discount": "0.00",
        "amount": "467.59"
      }
    ]
  },
  "total_over_years": "3252.78"
}
"#
);

vector!(
    example_c_three_year_term,
    Endpoint::New,
    r#"{"edition": "professional", "cameras": 40,
        "modules": [{"sku": "analytics", "qty": 10}, {"sku": "voip", "qty": 1}, {"sku": "archive", "qty": 1}],
        "licence_date": "2026-11-15", "sma": {"term_years": 3}, "years": 3}"#,
    r#"
{
  "currency": "EUR",
  "price_book": "2026",
  "lines": [
    {
      "sku": "base",
      "description": "Professional base licence",
      "qty": 1,
      "unit_price": "3490.00",
      "amount": "3490.00"
    },
    {
      "sku": "camera",
      "description": "Camera channel",
      "qty": 32,
      "unit_price": "119.00",
      "amount": "3808.00"
    },
    {
      "sku": "archive",
      "description": "Advanced archive mode",
      "qty": 1,
      "unit_price": "890.00",
      "amount": "890.00"
    },
    {
      "sku": "voip",
      "description": "VoIP / SIP integration",
      "qty": 1,
      "unit_price": "690.00",
      "amount": "690.00"
    },
    {
      "sku": "analytics",
      "description": "Video analytics",
      "qty": 10,
      "unit_price": "310.00",
      "amount": "3100.00"
    }
  ],
  "licence_total": "11978.00",
  "sma": {
    "start": "2026-11-15",
    "late": false,
    "term_years": 3,
    "back_pay": "0.00",
    "back_pay_days": 0,
    "reinstatement_fee": "0.00",
    "first_term": "6281.04",
    "schedule": [
      {
        "year": 1,
        "start": "2026-11-15",
        "end": "2027-11-14",
        "price_book": "2026",
        "value": "11978.00",
        "rate": "19",
        "discount": "113.79",
        "amount": "2162.03"
      },
      {
        "year": 2,
        "start": "2027-11-15",
        "end": "2028-11-14",
        "price_book": "2027",
        "value": "12388.00",
        "rate": "18",
        "discount": "111.49",
        "amount": "2118.35"
      },
      {
        "year": 3,
        "start": "2028-11-15",
        "end": "2029-11-14",
        "price_book": "2027",
        "value": "12388.00",
        "rate": "17",
        "discount": "105.30",
        "amount": "2000.66"
      }
    ]
  },
  "total_over_years": "18259.04"
}
"#
);

vector!(
    new_purchase_without_sma_defaults_to_today,
    Endpoint::New,
    r#"{"edition": "enterprise", "cameras": 20, "modules": [{"sku": "pos", "qty": 3}, {"sku": "client", "qty": 0}]}"#,
    r#"
{
  "currency": "EUR",
  "price_book": "2027",
  "lines": [
    {
      "sku": "base",
      "description": "Enterprise base licence",
      "qty": 1,
      "unit_price": "9190.00",
      "amount": "9190.00"
    },
    {
      "sku": "camera",
      "description": "Camera channel",
      "qty": 4,
      "unit_price": "154.00",
      "amount": "616.00"
    },
    {
      "sku": "pos",
      "description": "Retail POS connector",
      "qty": 3,
      "unit_price": "230.00",
      "amount": "690.00"
    }
  ],
  "licence_total": "10496.00",
  "sma": null,
  "total_over_years": "10496.00"
}
"#
);

vector!(
    late_sma_back_pay_capped_at_1095_days,
    Endpoint::New,
    r#"{"edition": "probox", "cameras": 4, "licence_date": "2026-01-15", "sma": {"order_date": "2030-02-01", "term_years": 1}, "years": 1}"#,
    r#"
{
  "currency": "EUR",
  "price_book": "2026",
  "lines": [
    {
      "sku": "base",
      "description": "ProBox base licence",
      "qty": 1,
      "unit_price": "1290.00",
      "amount": "1290.00"
    }
  ],
  "licence_total": "1290.00",
  "sma": {
    "start": "2030-02-01",
    "late": true,
    "term_years": 1,
    "back_pay": "763.80",
    "back_pay_days": 1095,
    "reinstatement_fee": "100.00",
    "first_term": "254.60",
    "schedule": [
      {
        "year": 1,
        "start": "2030-02-01",
        "end": "2031-01-31",
        "price_book": "2027",
        "value": "1340.00",
        "rate": "19",
        "discount": "0.00",
        "amount": "254.60"
      }
    ]
  },
  "total_over_years": "2408.40"
}
"#
);

vector!(
    late_three_year_sma_fee_from_discounted_year_one,
    Endpoint::New,
    r#"{"edition": "professional", "cameras": 40,
        "modules": [{"sku": "analytics", "qty": 10}, {"sku": "voip", "qty": 1}, {"sku": "archive", "qty": 1}],
        "licence_date": "2026-11-15", "sma": {"order_date": "2027-02-01", "term_years": 3}, "years": 3}"#,
    r#"
{
  "currency": "EUR",
  "price_book": "2026",
  "lines": [
    {
      "sku": "base",
      "description": "Professional base licence",
      "qty": 1,
      "unit_price": "3490.00",
      "amount": "3490.00"
    },
    {
      "sku": "camera",
      "description": "Camera channel",
      "qty": 32,
      "unit_price": "119.00",
      "amount": "3808.00"
    },
    {
      "sku": "archive",
      "description": "Advanced archive mode",
      "qty": 1,
      "unit_price": "890.00",
      "amount": "890.00"
    },
    {
      "sku": "voip",
      "description": "VoIP / SIP integration",
      "qty": 1,
      "unit_price": "690.00",
      "amount": "690.00"
    },
    {
      "sku": "analytics",
      "description": "Video analytics",
      "qty": 10,
      "unit_price": "310.00",
      "amount": "3100.00"
    }
  ],
  "licence_total": "11978.00",
  "sma": {
    "start": "2027-02-01",
    "late": true,
    "term_years": 3,
    "back_pay": "502.99",
    "back_pay_days": 78,
    "reinstatement_fee": "223.60",
    "first_term": "6355.04",
    "schedule": [
      {
        "year": 1,
        "start": "2027-02-01",
        "end": "2028-01-31",
        "price_book": "2027",
        "value": "12388.00",
        "rate": "19",
        "discount": "117.69",
        "amount": "2236.03"
      },
      {
        "year": 2,
        "start": "2028-02-01",
        "end": "2029-01-31",
        "price_book": "2027",
        "value": "12388.00",
        "rate": "18",
        "discount": "111.49",
        "amount": "2118.35"
      },
      {
        "year": 3,
        "start": "2029-02-01",
        "end": "2030-01-31",
        "price_book": "2027",
        "value": "12388.00",
        "rate": "17",
        "discount": "105.30",
        "amount": "2000.66"
      }
    ]
  },
  "total_over_years": "19059.63"
}
"#
);

vector!(
    sma_from_29_february_with_schedule,
    Endpoint::New,
    r#"{"edition": "probox", "cameras": 6, "licence_date": "2028-02-29", "sma": {}, "years": 2}"#,
    r#"
{
  "currency": "EUR",
  "price_book": "2027",
  "lines": [
    {
      "sku": "base",
      "description": "ProBox base licence",
      "qty": 1,
      "unit_price": "1340.00",
      "amount": "1340.00"
    },
    {
      "sku": "camera",
      "description": "Camera channel",
      "qty": 2,
      "unit_price": "82.00",
      "amount": "164.00"
    }
  ],
  "licence_total": "1504.00",
  "sma": {
    "start": "2028-02-29",
    "late": false,
    "term_years": 1,
    "back_pay": "0.00",
    "back_pay_days": 0,
    "reinstatement_fee": "0.00",
    "first_term": "285.76",
    "schedule": [
      {
        "year": 1,
        "start": "2028-02-29",
        "end": "2029-02-27",
        "price_book": "2027",
        "value": "1504.00",
        "rate": "19",
        "discount": "0.00",
        "amount": "285.76"
      },
      {
        "year": 2,
        "start": "2029-02-28",
        "end": "2030-02-27",
        "price_book": "2027",
        "value": "1504.00",
        "rate": "18",
        "discount": "0.00",
        "amount": "270.72"
      }
    ]
  },
  "total_over_years": "2060.48"
}
"#
);

vector!(
    example_e_upgrade_with_sma,
    Endpoint::Upgrade,
    r#"{"edition": "probox", "cameras": 12, "modules": [{"sku": "client", "qty": 1}, {"sku": "storage", "qty": 1}],
        "licence_date": "2026-03-10", "to_edition": "enterprise", "upgrade_date": "2027-05-01", "sma_start": "2026-03-10"}"#,
    r#"
{
  "currency": "EUR",
  "price_book": "2027",
  "lines": [
    {
      "sku": "base",
      "description": "Enterprise base licence",
      "qty": 1,
      "unit_price": "9190.00",
      "amount": "9190.00"
    },
    {
      "sku": "client",
      "description": "Client workstation",
      "qty": 1,
      "unit_price": "155.00",
      "amount": "155.00"
    },
    {
      "sku": "storage",
      "description": "NAS/SAN storage connector",
      "qty": 1,
      "unit_price": "390.00",
      "amount": "390.00"
    }
  ],
  "target_total": "9735.00",
  "initial_value": "2461.00",
  "sma_active": true,
  "credit": "2461.00",
  "licence_price": "7274.00",
  "sma_adjustment": "1110.94",
  "total_due": "8384.94",
  "current_value": "2541.00",
  "co_term": {
    "year": 2,
    "year_start": "2027-03-10",
    "year_end": "2028-03-09",
    "base": "7194.00",
    "rate": "18",
    "days_left": 314,
    "days_in_year": 366,
    "amount": "1110.94"
  }
}
"#
);

vector!(
    example_e_upgrade_without_sma,
    Endpoint::Upgrade,
    r#"{"edition": "probox", "cameras": 12, "modules": [{"sku": "client", "qty": 1}, {"sku": "storage", "qty": 1}],
        "licence_date": "2026-03-10", "to_edition": "enterprise", "upgrade_date": "2027-05-01", "sma_start": null}"#,
    r#"
{
  "currency": "EUR",
  "price_book": "2027",
  "lines": [
    {
      "sku": "base",
      "description": "Enterprise base licence",
      "qty": 1,
      "unit_price": "9190.00",
      "amount": "9190.00"
    },
    {
      "sku": "client",
      "description": "Client workstation",
      "qty": 1,
      "unit_price": "155.00",
      "amount": "155.00"
    },
    {
      "sku": "storage",
      "description": "NAS/SAN storage connector",
      "qty": 1,
      "unit_price": "390.00",
      "amount": "390.00"
    }
  ],
  "target_total": "9735.00",
  "initial_value": "2461.00",
  "sma_active": false,
  "credit": "0.00",
  "licence_price": "9735.00",
  "sma_adjustment": "0.00",
  "total_due": "9735.00",
  "current_value": "2541.00",
  "co_term": null
}
"#
);

vector!(
    example_x_expansion_co_termed,
    Endpoint::Expansion,
    r#"{"edition": "probox", "cameras": 12, "modules": [{"sku": "client", "qty": 1}],
        "add_cameras": 6, "add_modules": [{"sku": "pos", "qty": 2}], "date": "2026-09-10", "sma_start": "2026-03-10"}"#,
    r#"
{
  "currency": "EUR",
  "price_book": "2026",
  "licence_price": "954.00",
  "sma_active": true,
  "sma_adjustment": "89.89",
  "total_due": "1043.89",
  "lines": [
    {
      "sku": "camera",
      "description": "Camera channel",
      "qty": 6,
      "unit_price": "79.00",
      "amount": "474.00"
    },
    {
      "sku": "pos",
      "description": "Retail POS connector",
      "qty": 2,
      "unit_price": "240.00",
      "amount": "480.00"
    }
  ],
  "co_term": {
    "year": 1,
    "year_start": "2026-03-10",
    "year_end": "2027-03-09",
    "base": "954.00",
    "rate": "19",
    "days_left": 181,
    "days_in_year": 365,
    "amount": "89.89"
  }
}
"#
);

vector!(
    expansion_raising_a_module_without_sma,
    Endpoint::Expansion,
    r#"{"edition": "professional", "cameras": 10, "modules": [{"sku": "client", "qty": 2}],
        "add_modules": [{"sku": "client", "qty": 3}]}"#,
    r#"
{
  "currency": "EUR",
  "price_book": "2027",
  "licence_price": "465.00",
  "sma_active": false,
  "sma_adjustment": "0.00",
  "total_due": "465.00",
  "lines": [
    {
      "sku": "client",
      "description": "Client workstation",
      "qty": 3,
      "unit_price": "155.00",
      "amount": "465.00"
    }
  ],
  "co_term": null
}
"#
);

vector!(
    catalog_of_2027,
    Endpoint::Catalog,
    "2027-06-01",
    r#"
{
  "price_book": "2027",
  "valid_from": "2027-01-01",
  "currency": "EUR",
  "editions": [
    {
      "code": "probox",
      "name": "ProBox",
      "rank": 1,
      "base_price": "1340.00",
      "included_cameras": 4,
      "max_cameras": 32
    },
    {
      "code": "professional",
      "name": "Professional",
      "rank": 2,
      "base_price": "3590.00",
      "included_cameras": 8,
      "max_cameras": 256
    },
    {
      "code": "enterprise",
      "name": "Enterprise",
      "rank": 3,
      "base_price": "9190.00",
      "included_cameras": 16,
      "max_cameras": null
    }
  ],
  "modules": [
    {
      "sku": "camera",
      "name": "Camera channel",
      "unit": "channel",
      "per_camera": false,
      "prices": {
        "probox": "82.00",
        "professional": "124.00",
        "enterprise": "154.00"
      }
    },
    {
      "sku": "client",
      "name": "Client workstation",
      "unit": "workstation",
      "per_camera": false,
      "prices": {
        "probox": "155.00",
        "professional": "155.00",
        "enterprise": "155.00"
      }
    },
    {
      "sku": "storage",
      "name": "NAS/SAN storage connector",
      "unit": "system",
      "per_camera": false,
      "prices": {
        "probox": "390.00",
        "professional": "390.00",
        "enterprise": "390.00"
      }
    },
    {
      "sku": "archive",
      "name": "Advanced archive mode",
      "unit": "system",
      "per_camera": false,
      "prices": {
        "professional": "920.00",
        "enterprise": "920.00"
      }
    },
    {
      "sku": "voip",
      "name": "VoIP / SIP integration",
      "unit": "system",
      "per_camera": false,
      "prices": {
        "professional": "710.00",
        "enterprise": "710.00"
      }
    },
    {
      "sku": "pos",
      "name": "Retail POS connector",
      "unit": "POS terminal",
      "per_camera": false,
      "prices": {
        "probox": "250.00",
        "professional": "250.00",
        "enterprise": "230.00"
      }
    },
    {
      "sku": "analytics",
      "name": "Video analytics",
      "unit": "channel",
      "per_camera": true,
      "prices": {
        "professional": "320.00",
        "enterprise": "299.00"
      }
    }
  ]
}
"#
);

vector!(
    too_many_cameras_error,
    Endpoint::New,
    r#"{"edition": "probox", "cameras": 40}"#,
    r#"
{
  "error": {
    "code": "too_many_cameras",
    "message": "ProBox allows at most 32 cameras; choose Professional or Enterprise for 40.",
    "field": "cameras"
  }
}
"#
);

vector!(
    impossible_date_error,
    Endpoint::New,
    r#"{"edition": "probox", "cameras": 4, "licence_date": "2026-02-30"}"#,
    r#"
{
  "error": {
    "code": "invalid_date",
    "message": "`2026-02-30` is not a valid date; use a calendar date as YYYY-MM-DD.",
    "field": "licence_date"
  }
}
"#
);

vector!(
    fractional_quantity_error,
    Endpoint::Expansion,
    r#"{"edition": "probox", "cameras": 4, "add_modules": [{"sku": "pos", "qty": 1.5}]}"#,
    r#"
{
  "error": {
    "code": "invalid_quantity",
    "message": "A quantity must be a whole number from 0 to 10000; 1.5 is not.",
    "field": "add_modules[0].qty"
  }
}
"#
);

#[path = "vectors/legacy.rs"]
mod legacy;
