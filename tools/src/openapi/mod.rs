//! `sma-tools openapi [--out FILE]`: the OpenAPI 3.1 document of the Worker's API
//! (`worker/openapi.json`, served at `/api/openapi.json`).
//!
//! The schemas come from the types of `sma_shared::api` (their `JsonSchema`, feature `schema`
//! of `sma-shared`), the operations from the route table in `public.rs`, `customer.rs`,
//! `accounts.rs` and `dev.rs`
//! (paths, methods, security, statuses with their error codes), the examples from the worked
//! examples priced by `shared` itself (`examples.rs`). A test fails when the committed document
//! is not what this generates; `make openapi` writes it again.

mod accounts;
mod admin;
mod customer;
mod dev;
mod examples;
mod ops;
mod public;
mod sales;
mod schemas;

use std::path::Path;

use serde_json::{json, Map, Value};
use sma_shared::api::ErrorBody;
use sma_shared::PriceBooks;

use schemas::Schemas;

/// The committed document, relative to the workspace.
#[cfg(test)]
const COMMITTED: &str = "worker/openapi.json";

const DESCRIPTION: &str = "The public HTTP API of the SMA portal's Worker.

**Formats.** JSON in and out (`application/json; charset=utf-8`). Amounts are decimal strings with exactly two decimals (`\"1290.00\"`, EUR, net of VAT), rates decimal strings in percent (`\"19\"`), dates ISO `YYYY-MM-DD`. Request bodies refuse unknown fields. Every price comes from the server's price book; no price is ever taken from the client.

**Errors.** Every error is `{\"error\": {\"code\", \"message\", \"field\"?}}` (`ErrorBody`); each operation lists its statuses with their codes. Besides those: any unknown path under `/api/` answers 404 `not_found`, and a known path with a method it does not list answers 405 `method_not_allowed`, both in the same shape; the 405 carries `Allow` with the path's methods (RFC 9110). `OPTIONS` on a known path answers 204 without a body, with the same `Allow`. 500 `internal` never carries internals.

**Authentication.** Customer operations need the session cookie of `POST /api/session` (`session`); operator operations the bearer token (`admin`). State-changing customer requests must come from the portal itself: `Origin` equal to the API's origin (or `Sec-Fetch-Site: same-origin`), and a POST must be `Content-Type: application/json`; otherwise 403 `forbidden`.

**Headers.** Every response carries `x-request-id`; errors are logged under it. Answers are `cache-control: private, no-store`, except the public reads (this document, the catalog, the releases and their feed): those carry a strong `etag`, answer an `If-None-Match` naming it with 304, and are `public, max-age=60, stale-while-revalidate=600`; the Worker serves them from its cache, keyed by its build and the generation of the release data, so a published, withdrawn or restored release is in the next answer.";

fn tags() -> Value {
    json!([
        {"name": "meta", "description": "Health and this document."},
        {"name": "catalog", "description": "The price book."},
        {"name": "quotes", "description": "Instant quotes computed from the price book; nothing is stored."},
        {"name": "releases", "description": "Release notes, compatibility and artifacts."},
        {"name": "account", "description": format!("Sign-in and the signed-in customer's installations. A session is an HttpOnly cookie `{}` (8 hours).", sma_shared::api::SESSION_COOKIE)},
        {"name": "downloads", "description": "Signed, expiring download links (pricing.md section 7: a release may be downloaded when it came out on or before the licence date or before the end of the SMA coverage). `POST /api/downloads` issues a link for one of the customer's installations and one artifact; the link itself is the credential of `GET`/`HEAD /dl/...` (no session needed), valid 15 minutes by default (never more than an hour)."},
        {"name": "orders", "description": "Quotes on a stored installation, orders placed exactly once per `Idempotency-Key`, and invoices. Every amount is computed by the server from the stored installation and the price book; a price field in a request is unknown (400)."},
        {"name": "access", "description": "Getting in without a session: registration with a licence number, password resets, and the one-time links of the e-mails (verification, invitation, reset: set a password and sign in; approval: decide a request for access). The answers never tell whether a licence number or an address is known; each endpoint is rate limited (429 with `Retry-After`)."},
        {"name": "users", "description": "A customer's colleagues and roles (`admin`: orders, cancels and resumes auto-renew, invites and removes users, decides requests for access; `viewer`: reads, quotes and downloads; an administrator's write by a viewer is 403 `forbidden_role`), and the signed-in user's own password, sessions and notification preferences."},
        {"name": "sales", "description": "\"Ask sales about this\": a request to the sales team with the configuration, priced again by the server."},
        {"name": "admin", "description": "The operator's operations, with `Authorization: Bearer <token>` (one of `ADMIN_TOKENS`, each with its operator's name, or the single `ADMIN_TOKEN`). Every change is audited with the operator's name (`admin:<name>`)."},
        {"name": "dev", "description": "Local development only: the local mailer's mailbox and the outbox's delivery states. Outside the `dev` environment every one of these answers 404 `not_found`."}
    ])
}

/// The document.
pub fn document() -> Value {
    let mut s = Schemas::new();
    let error = s.response::<ErrorBody>();
    let mut operations = public::operations(&mut s, &error);
    operations.extend(customer::operations(&mut s, &error));
    operations.extend(accounts::operations(&mut s, &error));
    operations.extend(dev::operations(&mut s, &error));
    operations.extend(admin::operations(&mut s, &error));
    operations.extend(sales::operations(&mut s, &error));
    let order_schemas = customer::order_schemas(&mut s);
    let mut paths = Map::new();
    for op in operations {
        let (method, path) = (op.method, op.path.clone());
        let item = paths.entry(path.clone()).or_insert_with(|| json!({}));
        let item = item.as_object_mut().expect("a path item");
        assert!(
            item.insert(method.into(), op.finish()).is_none(),
            "{method} {path} is described twice"
        );
    }
    let mut components = s.into_components();
    // The request types whose schema is the choice by kind above.
    components.remove("OrderInputs");
    components.extend(order_schemas);
    name_editions(&mut components);
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "SMA portal API",
            "version": env!("CARGO_PKG_VERSION"),
            "summary": "Price list, quotes and release information of the video management software and its Software Maintenance Agreement (SMA).",
            "description": DESCRIPTION
        },
        "servers": [{"url": "/"}],
        "tags": tags(),
        "paths": paths,
        "components": {
            "schemas": components,
            "responses": ops::common_responses(&error),
            "headers": schemas::headers(),
            "securitySchemes": schemas::security_schemes()
        }
    })
}

/// The request fields that name an edition, and the codes the price books know (another
/// code is a 422 `unknown_edition`).
const EDITION_FIELDS: &[(&str, &str)] = &[
    ("NewQuoteRequest", "edition"),
    ("UpgradeQuoteRequest", "edition"),
    ("UpgradeQuoteRequest", "to_edition"),
    ("ExpansionQuoteRequest", "edition"),
    ("UpgradeOrderInputs", "to_edition"),
    ("UpgradeOrderRequest", "to_edition"),
];

fn name_editions(components: &mut Map<String, Value>) {
    let mut codes: Vec<String> = Vec::new();
    for book in PriceBooks::demo().books() {
        for edition in book.editions() {
            let code = edition.code.to_string();
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
    }
    for (schema, field) in EDITION_FIELDS {
        let property = components
            .get_mut(*schema)
            .and_then(|s| s.pointer_mut(&format!("/properties/{field}")))
            .unwrap_or_else(|| panic!("{schema} has no field {field}"));
        property["enum"] = json!(codes);
    }
}

/// The document as committed: pretty JSON with a final newline.
pub fn render() -> String {
    serde_json::to_string_pretty(&document()).expect("JSON") + "\n"
}

/// `sma-tools openapi [--out FILE]`: writes the document to FILE, or prints it.
pub fn run(args: &[String]) -> Result<(), String> {
    match args {
        [] => {
            print!("{}", render());
            Ok(())
        }
        [flag, file] if flag == "--out" => {
            std::fs::write(Path::new(file), render()).map_err(|e| format!("{file}: {e}"))
        }
        _ => Err("usage: sma-tools openapi [--out FILE]".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sma_shared::api::{ModuleQty, OrderInputError, OrderInputs, WireNumber};

    #[test]
    fn the_committed_document_is_the_one_the_types_generate() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(COMMITTED);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == render(),
            "{COMMITTED} is not what the API types generate; regenerate it with `make openapi` \
             (cargo run -p sma-tools -- openapi --out {COMMITTED}) and commit it"
        );
    }

    #[test]
    fn each_kind_of_order_takes_exactly_the_inputs_its_schema_lists() {
        let set = |inputs: &mut OrderInputs, field: &str| match field {
            "term_years" => inputs.term_years = Some(WireNumber::from(1)),
            "add_cameras" => inputs.add_cameras = Some(WireNumber::from(1)),
            "add_modules" => inputs.add_modules = Some(vec![ModuleQty::new("client", 1)]),
            "to_edition" => inputs.to_edition = Some("enterprise".into()),
            other => panic!("an input the test does not know: {other}"),
        };
        let fields: Vec<&str> = customer::KIND_INPUTS
            .iter()
            .flat_map(|(_, f, _)| f.iter().copied())
            .collect();
        for (kind, takes, required) in customer::KIND_INPUTS {
            for field in &fields {
                let mut inputs = OrderInputs::default();
                for needed in required.iter().chain([field]) {
                    set(&mut inputs, needed);
                }
                let refused = matches!(
                    inputs.validate(*kind),
                    Err(OrderInputError::Malformed { .. })
                );
                assert_eq!(refused, !takes.contains(field), "{kind:?} with {field}");
            }
            let bare = OrderInputs::default().validate(*kind);
            assert_eq!(
                matches!(bare, Err(OrderInputError::Malformed { .. })),
                !required.is_empty(),
                "{kind:?} without inputs"
            );
        }
    }

    #[test]
    fn every_reference_points_into_the_document() {
        fn refs<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
            match value {
                Value::Object(map) => {
                    if let Some(Value::String(r)) = map.get("$ref") {
                        out.push(r);
                    }
                    map.values().for_each(|v| refs(v, out));
                }
                Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
                _ => {}
            }
        }
        let doc = document();
        let mut all = Vec::new();
        refs(&doc, &mut all);
        for r in all {
            let pointer = r.strip_prefix('#').expect("a local reference");
            assert!(doc.pointer(pointer).is_some(), "{r} points nowhere");
        }
    }

    #[test]
    fn release_notes_and_order_notes_have_their_own_schemas() {
        let doc = document();
        let schemas = &doc["components"]["schemas"];
        assert_eq!(
            schemas["ReleaseNote"]["properties"]["category"]["$ref"],
            "#/components/schemas/Category"
        );
        assert!(schemas["OrderNote"]["oneOf"].is_array());
        assert!(schemas.get("Note").is_none());
    }
}
