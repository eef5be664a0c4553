//! The signed-in customer's operations (session, installations, quotes and orders, download
//! links).

use serde_json::{json, Map, Value};
use sma_shared::accounts::{
    RateLimit, SIGN_IN_CHECKS_PER_IP_MINUTE, SIGN_IN_PER_EMAIL, SIGN_IN_PER_EMAIL_IP,
    SIGN_IN_PER_IP,
};
use sma_shared::api::SESSION_COOKIE as COOKIE;
use sma_shared::api::{
    ActivityList, AutoRenewAnswer, DownloadLink, DownloadRequest, EmptyBody, Installation,
    InstallationList, OrderInputs, OrderList, OrderQuote, OrderRequest, OrderView, QuoteChanged,
    SignIn, UserBody,
};
use sma_shared::orders::OrderKind;

use super::examples;
use super::ops::{path_param, Auth, Op};
use super::schemas::Schemas;

/// The inputs each kind of order takes (the other kinds' inputs are a 400), and those it
/// requires. `OrderInputs::validate` decides the same (a test holds them together).
pub const KIND_INPUTS: &[(OrderKind, &[&str], &[&str])] = &[
    (OrderKind::Sma, &["term_years"], &[]),
    (OrderKind::Renewal, &[], &[]),
    (OrderKind::Expansion, &["add_cameras", "add_modules"], &[]),
    (OrderKind::Upgrade, &["to_edition"], &["to_edition"]),
    (OrderKind::LegacyExtension, &[], &[]),
    (
        OrderKind::LegacyExpansion,
        &["add_cameras", "add_modules"],
        &[],
    ),
    (OrderKind::SwitchToSma, &["term_years"], &[]),
    (OrderKind::LegacyContract, &[], &[]),
];

/// The rule codes (422) an order of `kind` can break, and whether its state can refuse it
/// (409). Every kind can meet an installation whose coverage does not allow it: an SMA order
/// under an open legacy Maintenance Contract, a contract's order without one.
fn rules(kind: OrderKind) -> (&'static [&'static str], bool) {
    const EXPANSION: &[&str] = &[
        "invalid_quantity",
        "unknown_module",
        "module_not_in_edition",
        "duplicate_module",
        "too_many_cameras",
        "exceeds_cameras",
        "invalid_date",
        "no_price_book",
        "empty_order",
        "legacy_contract_ended",
    ];
    match kind {
        OrderKind::Sma => (
            &[
                "invalid_term",
                "invalid_date",
                "sma_before_licence",
                "no_price_book",
            ],
            true,
        ),
        OrderKind::Renewal => (&["no_price_book"], true),
        OrderKind::Expansion | OrderKind::LegacyExpansion => (EXPANSION, true),
        OrderKind::Upgrade => (
            &[
                "unknown_edition",
                "not_an_upgrade",
                "module_not_in_edition",
                "too_many_cameras",
                "exceeds_cameras",
                "invalid_date",
                "no_price_book",
            ],
            true,
        ),
        OrderKind::LegacyExtension => (
            &[
                "extension_not_open",
                "legacy_contract_ended",
                "no_price_book",
            ],
            true,
        ),
        OrderKind::SwitchToSma => (
            &[
                "invalid_term",
                "invalid_date",
                "legacy_contract_ended",
                "no_price_book",
            ],
            true,
        ),
        OrderKind::LegacyContract => (&["legacy_contract_closed"], false),
    }
}

/// `LegacyExtension` for `legacy_extension`.
fn kind_name(kind: OrderKind) -> String {
    kind.code()
        .split('_')
        .map(|w| w[..1].to_uppercase() + &w[1..])
        .collect()
}

/// The schemas of each kind's inputs (`{Kind}OrderInputs`) and order request
/// (`{Kind}OrderRequest`), cut from the fields of `OrderInputs` and `OrderRequest`, and
/// `OrderRequest` as the choice between them by `kind`.
pub fn order_schemas(s: &mut Schemas) -> Map<String, Value> {
    let mut all = Map::new();
    let mut requests = Vec::new();
    for (kind, fields, required) in KIND_INPUTS {
        let name = kind_name(*kind);
        let mut properties = Map::new();
        for field in *fields {
            properties.insert((*field).into(), s.request_field::<OrderInputs>(field));
        }
        let inputs = json!({
            "type": "object",
            "description": format!("The inputs of an order of kind `{}`; any other field is a 400.", kind.code()),
            "properties": properties,
            "required": required,
            "additionalProperties": false,
        });
        let mut order_properties = properties.clone();
        order_properties.insert(
            "installation_id".into(),
            s.request_field::<OrderRequest>("installation_id"),
        );
        order_properties.insert("kind".into(), json!({"const": kind.code()}));
        order_properties.insert(
            "quote_token".into(),
            s.request_field::<OrderRequest>("quote_token"),
        );
        let mut order_required = vec!["installation_id", "kind", "quote_token"];
        order_required.extend(required.iter());
        let request = json!({
            "type": "object",
            "description": format!("`POST /api/orders` for an order of kind `{}`.", kind.code()),
            "properties": order_properties,
            "required": order_required,
            "additionalProperties": false,
        });
        all.insert(format!("{name}OrderInputs"), inputs);
        requests.push(json!({"$ref": format!("#/components/schemas/{name}OrderRequest")}));
        all.insert(format!("{name}OrderRequest"), request);
    }
    all.insert(
        "OrderRequest".into(),
        json!({
            "description": "`POST /api/orders` body: the installation, the kind, the kind's own inputs (a price is never an input) and the token of the quote the customer confirmed.",
            "oneOf": requests,
        }),
    );
    all
}

/// What `POST /api/session` does, with the numbers of its limits from the constants.
fn sign_in_description() -> String {
    let minutes = |l: &RateLimit| l.window_seconds / 60;
    format!(
        "Checks email and password and sets the session cookie (`Set-Cookie: {COOKIE}=…; HttpOnly; Secure; SameSite=Strict; Path=/`, no `Domain`). \
         401 `invalid_credentials` alike (body, status and work) for an unknown email and a wrong password. \
         Every attempt is counted before the password is checked, and given back when it was right; 429 `rate_limited` with `Retry-After` \
         after {} failures for one email from one address within {} minutes, {} failures from one address within {} minutes or {} within a minute, \
         or {} failures for one email from all addresses within {} minutes (this last limit never refuses an address without failures for the email).",
        SIGN_IN_PER_EMAIL_IP.limit,
        minutes(&SIGN_IN_PER_EMAIL_IP),
        SIGN_IN_PER_IP.limit,
        minutes(&SIGN_IN_PER_IP),
        SIGN_IN_CHECKS_PER_IP_MINUTE.limit,
        SIGN_IN_PER_EMAIL.limit,
        minutes(&SIGN_IN_PER_EMAIL),
    )
}

/// The customer's and the operator's operations.
pub fn operations(s: &mut Schemas, error: &Value) -> Vec<Op> {
    let id = || {
        path_param(
            "id",
            "The installation's id (another customer's id is not found).",
            json!({"type": "string"}),
        )
    };
    let installation_missing = "no installation of the signed-in customer with this id.";
    let mut ops = vec![
        Op::new("post", "/api/session", "signIn", "account", "Sign in", error)
            .describe(&sign_in_description())
            .body(s.request::<SignIn>(), json!({}))
            .answer(200, json!({
                "description": "Signed in.",
                "headers": {"set-cookie": {"description": "The session cookie.", "schema": {"type": "string"}}},
                "content": {"application/json": {"schema": s.response::<UserBody>()}}
            }))
            .malformed()
            .error(401, "`invalid_credentials`: wrong email or password (the same answer for both).", &["invalid_credentials"])
            .same_origin()
            .error(429, "`rate_limited`: over a sign-in limit; `Retry-After` says when to try again. Nothing was checked.", &["rate_limited"]),
        Op::new("delete", "/api/session", "signOut", "account", "Sign out", error)
            .describe("Deletes the session of the cookie (if any) and clears the cookie. Same-origin rule as every state-changing request.")
            .answer(204, json!({"description": "Signed out."}))
            .same_origin(),
        Op::new("get", "/api/me", "getMe", "account", "The signed-in user", error)
            .describe("The user and their customer.")
            .auth(Auth::Session)
            .json(200, "The user.", s.response::<UserBody>(), json!({})),
        Op::new("get", "/api/installations", "listInstallations", "account", "The customer's installations", error)
            .describe("The signed-in customer's installations by name, each with the state of its SMA computed for today. An installation whose stored configuration no longer prices with today's book (e.g. its edition was removed from it) is listed with `pricing` `{\"status\": \"unpriced\", \"reason\"}` and its SMA without a renewal price; the others are `priced`.")
            .auth(Auth::Session)
            .json(200, "The installations.", s.response::<InstallationList>(), json!({}))
            .links(200, installation_links()),
        Op::new("get", "/api/installations/{id}", "getInstallation", "account", "One installation", error)
            .describe("One of the signed-in customer's installations; 404 for any other id.")
            .auth(Auth::Session)
            .param(id())
            .json(200, "The installation.", s.response::<Installation>(), json!({}))
            .not_found(installation_missing),
        Op::new("get", "/api/installations/{id}/activity", "installationActivity", "account", "Who changed what and when", error)
            .describe("The installation's audit entries, newest first (at most 100): auto-renew switches, orders, renewal-engine actions, download links.")
            .auth(Auth::Session)
            .param(id())
            .json(200, "The activity.", s.response::<ActivityList>(), json!({}))
            .not_found(installation_missing),
    ];
    for (path, op_id, summary, text) in [
        ("/api/installations/{id}/sma/cancel", "cancelAutoRenew", "Cancel auto-renew", "Switches auto-renew off (pricing.md section 5): received on or before the cancellation deadline of the next renewal (anniversary − 3 months), coverage ends at that renewal; later, at the one after. Resuming stays possible until coverage ends. Administrators only (a viewer gets 403 `forbidden_role`). 409 `conflict` when the SMA is already cancelled, has lapsed, or there is none. The change and its audit entry are written together."),
        ("/api/installations/{id}/sma/resume", "resumeAutoRenew", "Resume auto-renew", "Switches auto-renew back on, allowed until coverage ends. Administrators only (a viewer gets 403 `forbidden_role`). 409 `conflict` when the SMA already renews automatically, has lapsed, or there is none. The change and its audit entry are written together."),
    ] {
        ops.push(
            Op::new("post", path, op_id, "account", summary, error)
                .describe(text)
                .auth(Auth::Session)
                .param(id())
                .body(s.request::<EmptyBody>(), json!({}))
                .json(200, "The installation after the change, with `coverage_ends` and `decision_deadline`.", s.response::<AutoRenewAnswer>(), json!({}))
                .malformed()
                .admin_only()
                .not_found(installation_missing)
                .error(409, "`conflict`: nothing to switch (already in that state, lapsed, no SMA), or the SMA changed meanwhile.", &["conflict"]),
        );
    }
    ops.push(
        Op::new("post", "/api/downloads", "createDownloadLink", "downloads", "Issue a signed download link", error)
            .describe("Checks the session, that the installation is the customer's (404 otherwise, as for an unknown artifact) and that it is entitled to the artifact's release today (pricing.md section 7; 403 `not_entitled` otherwise), then answers a link valid for `DOWNLOAD_LINK_TTL_SECONDS` (default 900, clamped to 60–3600) and writes an audit entry `download.link`.")
            .auth(Auth::Session)
            .body(s.request::<DownloadRequest>(), json!({}))
            .json(200, "The link.", s.response::<DownloadLink>(), json!({}))
            .malformed()
            .error(403, "`forbidden` (another origin, not JSON) or `not_entitled` (the SMA does not cover the release; the message says why and what to buy).", &["forbidden", "not_entitled"])
            .not_found("no such installation of the customer, or no such artifact."),
    );
    for (kind, _, _) in KIND_INPUTS {
        ops.push(customer_quote(s, error, *kind));
    }
    ops.extend(orders(s, error));
    ops
}

/// Links from the installation list to the operations on its first installation, for clients
/// (and fuzzers) that follow them.
fn installation_links() -> Value {
    let first = "$response.body#/installations/0/id";
    let mut links = Map::new();
    for op_id in [
        "getInstallation",
        "installationActivity",
        "cancelAutoRenew",
        "resumeAutoRenew",
    ] {
        links.insert(
            op_id.into(),
            json!({"operationId": op_id, "parameters": {"id": first}}),
        );
    }
    for (kind, _, _) in KIND_INPUTS {
        let op_id = format!("quote{}Order", kind_name(*kind));
        links.insert(
            op_id.clone(),
            json!({"operationId": op_id, "parameters": {"id": first}}),
        );
    }
    Value::Object(links)
}

/// A link to the order whose id is at `id` in the answer.
fn order_link(id: &str) -> Value {
    json!({"getOrder": {"operationId": "getOrder", "parameters": {"id": id}}})
}

fn customer_quote(s: &mut Schemas, error: &Value, kind: OrderKind) -> Op {
    let name = kind_name(kind);
    let (codes, refusable) = rules(kind);
    let path = format!("/api/installations/{{id}}/quotes/{}", kind.path());
    let op_id = format!("quote{name}Order");
    let op = Op::new("post", path, &op_id, "orders", &format!("Quote a `{}` order on a stored installation", kind.code()), error)
        .describe("Prices the order from the stored installation (with its legacy Maintenance Contract, if any) on today's date (pricing.md sections 4–6 and 9), with the customer's VAT and the installation after the order, and signs what was quoted: `quote_token` orders exactly this with `POST /api/orders` until `quote_expires_at` (30 minutes). Nothing is stored. `legacy-contract` is always 422 `legacy_contract_closed` (no new Maintenance Contract is sold). Another kind in the path is a 404.")
        .auth(Auth::Session)
        .param(path_param("id", "The installation's id (another customer's id is not found).", json!({"type": "string"})))
        .body(json!({"$ref": format!("#/components/schemas/{name}OrderInputs")}), json!({}))
        .json(200, "The quote and its token.", s.response::<OrderQuote>(), json!({}))
        .malformed()
        .same_origin()
        .not_found("no installation of the signed-in customer with this id.")
        .error(422, "A rule the order breaks; `field` is the input at fault when one is.", codes);
    let state = if refusable {
        "the installation's state does not allow this order (e.g. buying an SMA that is active, renewing a term already ordered, an SMA order under an open Maintenance Contract, a contract's order without one; the message names the order to place instead), or "
    } else {
        ""
    };
    op.error(409, &format!("`conflict`: {state}the installation's stored configuration no longer prices with the book in force today (its `pricing` is `unpriced`)."), &["conflict"])
}

fn orders(s: &mut Schemas, error: &Value) -> Vec<Op> {
    let mut codes: Vec<&str> = KIND_INPUTS
        .iter()
        .flat_map(|(k, _, _)| rules(*k).0.iter().copied())
        .collect();
    codes.extend(["idempotency_mismatch", "invalid_quote"]);
    let mut seen = std::collections::BTreeSet::new();
    codes.retain(|c| seen.insert(*c));
    let order = s.response::<OrderView>();
    vec![
        Op::new("post", "/api/orders", "placeOrder", "orders", "Place an order exactly once", error)
            .describe("Prices the order as the quote does and places it only at the amounts of the quote it confirms (`quote_token`): when the order would cost something else now (a new price book, another day, a change of the customer's VAT) or the installation changed since the quote, it is refused with 409 `quote_changed`, after the token's 30 minutes with 409 `quote_expired`, both with the quote as it stands now to confirm again; a token that is not a quote of this order for this customer is a 422 `invalid_quote`. It then writes the order, its lines, the installation's change, its SMA and an audit entry in one D1 batch, guarded by the installation's version (409 `conflict` if it changed meanwhile). A replay of the same key and body answers the placed order whatever the token's age.")
            .auth(Auth::Session)
            .param(json!({
                "name": "Idempotency-Key", "in": "header", "required": true,
                "description": "One key per order (1–255 visible ASCII characters, e.g. a UUID): the same key with the same body replays the order (201, `idempotent-replayed: true`); with another body 422 `idempotency_mismatch`; while the first request is in flight 409. A request that fails frees its key. A missing or malformed key is a 400 with `field` = `Idempotency-Key`.",
                "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[\\x20-\\x7e]+$"}
            }))
            .body(json!({"$ref": "#/components/schemas/OrderRequest"}), examples::order_requests())
            .answer(201, json!({
                "description": "The order and its invoice (also for a replay of the same key and body).",
                "headers": {"idempotent-replayed": {"description": "`true` when this answers an earlier request with the same key.", "schema": {"type": "string", "enum": ["true"]}}},
                "content": {"application/json": {"schema": order.clone()}}
            }))
            .links(201, order_link("$response.body#/id"))
            .malformed()
            .admin_only()
            .not_found("no installation of the signed-in customer with this id.")
            .answer(409, order_conflict(s, error))
            .error(422, "A rule the order breaks, `idempotency_mismatch` (the key was used for another body) or `invalid_quote` (`quote_token` is not this server's quote of this order for this customer).", &codes),
        Op::new("get", "/api/orders", "listOrders", "orders", "Order history", error)
            .describe("The customer's orders and invoices, newest first.")
            .auth(Auth::Session)
            .json(200, "The orders.", s.response::<OrderList>(), json!({}))
            .links(200, order_link("$response.body#/orders/0/id")),
        Op::new("get", "/api/orders/{id}", "getOrder", "orders", "One order and its invoice", error)
            .describe("One of the signed-in customer's orders; 404 for any other id.")
            .auth(Auth::Session)
            .param(path_param("id", "The order's id.", json!({"type": "string"})))
            .json(200, "The order.", order, json!({}))
            .not_found("no order of the signed-in customer with this id."),
    ]
}

/// The 409 of `POST /api/orders`: a `conflict` in the error shape, or a quote that no longer
/// holds with the quote now (`QuoteChanged`).
fn order_conflict(s: &mut Schemas, error: &Value) -> Value {
    let with_codes = |schema: Value, codes: &[&str]| json!({"allOf": [schema], "properties": {"error": {"properties": {"code": {"enum": codes}}}}});
    json!({
        "description": "`conflict`: the installation's state does not allow this order, its stored configuration no longer prices (`pricing` `unpriced`), it changed while the order was placed, or an order with this key is still being placed (`field` = `Idempotency-Key`). `quote_changed` / `quote_expired` (`field` = `quote_token`): the confirmed quote no longer holds; nothing was ordered and `quote` is the order's quote now, with a new token.",
        "content": {"application/json": {"schema": {"oneOf": [
            with_codes(error.clone(), &["conflict"]),
            with_codes(s.response::<QuoteChanged>(), &["quote_changed", "quote_expired"]),
        ]}}}
    })
}
