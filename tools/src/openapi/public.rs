//! The public operations: health, this document, the catalog, the quotes, the releases and
//! their feed, and the signed download links themselves.

use serde_json::{json, Value};
use sma_shared::api::{
    Catalog, ExpansionQuoteRequest, ExpansionQuoteResponse, Health, LegacyCompareRequest,
    NewQuoteRequest, NewQuoteResponse, ReleaseBriefList, ReleaseList, UpgradeQuoteRequest,
    UpgradeQuoteResponse,
};
use sma_shared::lifecycle::LegacyComparison;
use sma_shared::releases::{Category, Channel, Page, Release, MODULES};

use super::examples;
use super::ops::{path_param, query_param, Op};
use super::schemas::Schemas;

/// The rule codes of a configuration (`edition`, `cameras`, `modules`).
pub const CONFIGURATION: &[&str] = &[
    "unknown_edition",
    "unknown_module",
    "module_not_in_edition",
    "duplicate_module",
    "invalid_quantity",
    "too_many_cameras",
    "exceeds_cameras",
];

fn with(base: &[&'static str], more: &[&'static str]) -> Vec<&'static str> {
    base.iter().chain(more).copied().collect()
}

/// The public operations.
pub fn operations(s: &mut Schemas, error: &Value) -> Vec<Op> {
    vec![
        Op::new("get", "/api/health", "getHealth", "meta", "Health check", error)
            .describe("Answers whether the Worker and its dependencies answer: D1 (a trivial query) and R2 (a listing of one key), with the crate version and the git commit of the build (`unknown` when it was not given). No parameters, no side effects.")
            .json(200, "The Worker and its dependencies answer.", s.response::<Health>(), json!({}))
            .json(503, "A dependency failed: `status` is `unavailable`, `checks` says which (its error is logged, never sent).", s.response::<Health>(), json!({})),
        Op::new("get", "/api/openapi.json", "getOpenApi", "meta", "This OpenAPI document", error)
            .describe("This OpenAPI 3.1 document. It is generated from the types the Worker serialises (`sma-tools openapi`).")
            .json(200, "The OpenAPI document.", json!({
                "type": "object",
                "required": ["openapi", "info", "paths"],
                "properties": {"openapi": {"type": "string"}, "info": {"type": "object"}, "paths": {"type": "object"}}
            }), json!({}))
            .cached(),
        Op::new("get", "/api/catalog", "getCatalog", "catalog", "The price book in force on a date", error)
            .describe("Returns the price book in force on `date`: editions (base price, included cameras, camera limit, rank), and modules with their unit price per edition (the `camera` channel included). `date` defaults to today (UTC). A book is in force from its `valid_from` until the next book's `valid_from`; a date before the first book is a 422 `no_price_book`, an impossible date a 422 `invalid_date` (both with `field` = `date`).")
            .param(query_param("date", "The date, `YYYY-MM-DD`; defaults to today (UTC). An empty or impossible value is a 422 `invalid_date`.", json!({"type": "string", "format": "date"}), "2026-03-10"))
            .json(200, "The price book in force on `date`.", s.response::<Catalog>(), examples::catalog())
            .cached()
            .error(422, "`invalid_date` (not a calendar date `YYYY-MM-DD`) or `no_price_book` (before the first price book) for `date`.", &["invalid_date", "no_price_book"]),
        Op::new("post", "/api/quotes/new", "quoteNew", "quotes", "Quote a new purchase (licences and SMA)", error)
            .describe(QUOTE_NEW)
            .body(s.request::<NewQuoteRequest>(), examples::quote_new_requests())
            .json(200, "The quote.", s.response::<NewQuoteResponse>(), examples::quote_new_response())
            .malformed()
            .error(422, "A rule broken by the request; `field` is the JSON path at fault.", &with(CONFIGURATION, &["invalid_date", "no_price_book", "sma_before_licence", "invalid_years", "invalid_term"])),
        Op::new("post", "/api/quotes/upgrade", "quoteUpgrade", "quotes", "Quote an edition upgrade", error)
            .describe(QUOTE_UPGRADE)
            .body(s.request::<UpgradeQuoteRequest>(), examples::quote_upgrade_requests())
            .json(200, "The quote.", s.response::<UpgradeQuoteResponse>(), examples::quote_upgrade_response())
            .malformed()
            .error(422, "A rule broken by the request; `field` is the JSON path at fault.", &with(CONFIGURATION, &["invalid_date", "no_price_book", "not_an_upgrade"])),
        Op::new("post", "/api/quotes/expansion", "quoteExpansion", "quotes", "Quote adding cameras or modules", error)
            .describe(QUOTE_EXPANSION)
            .body(s.request::<ExpansionQuoteRequest>(), examples::quote_expansion_requests())
            .json(200, "The quote.", s.response::<ExpansionQuoteResponse>(), examples::quote_expansion_response())
            .malformed()
            .error(422, "A rule broken by the request; `field` is the JSON path at fault.", &with(CONFIGURATION, &["invalid_date", "no_price_book"])),
        Op::new("post", "/api/quotes/legacy-compare", "quoteLegacyCompare", "quotes", "Compare extending a legacy Maintenance Contract with switching to the SMA", error)
            .describe(QUOTE_LEGACY_COMPARE)
            .body(s.request::<LegacyCompareRequest>(), json!({"l2": {"summary": "pricing.md L2", "value": {"edition": "probox", "cameras": 12, "modules": [{"sku": "client", "qty": 1}, {"sku": "storage", "qty": 1}], "legacy_start": "2019-06-01", "fee_basis": "2200.00", "term_end": "2027-05-31", "switch_on": "2027-04-15", "years": 5}}}))
            .json(200, "The comparison.", s.response::<LegacyComparison>(), json!({}))
            .malformed()
            .error(422, "A rule broken by the request; `field` is the JSON path at fault.", &with(CONFIGURATION, &["invalid_date", "invalid_years", "invalid_fee_basis", "legacy_contract_ended", "no_price_book"])),
        releases(s, error),
        versions(s, error),
        Op::new("get", "/api/releases/{version}", "getRelease", "releases", "One release", error)
            .describe("The release of this exact version with all its notes. 404 `not_found` when there is none, including when `version` is not a semantic version.")
            .param(path_param("version", "The version, e.g. `5.10.0` or `6.0.0-beta.1`.", json!({"type": "string"})))
            .json(200, "The release.", s.response::<Release>(), json!({}))
            .cached()
            .not_found("no release of this version."),
        Op::new("get", "/releases.atom", "getReleasesFeed", "releases", "Atom feed of releases", error)
            .describe("An Atom feed (RFC 4287) of all releases, newest first, with absolute links under the request's origin.")
            .answer(200, json!({
                "description": "The Atom feed.",
                "content": {"application/atom+xml": {"schema": {"type": "string"}}}
            }))
            .cached(),
        download("get", "getDownload", "Download a file through a signed link", error),
        download("head", "headDownload", "Headers of a signed download", error),
    ]
}

fn codes<T: Copy + std::fmt::Display>(all: &[T]) -> Value {
    Value::from(all.iter().map(ToString::to_string).collect::<Vec<_>>())
}

fn releases(s: &mut Schemas, error: &Value) -> Op {
    let text = |example: &str| json!({"type": "string", "examples": [example]});
    let one_of = |values: Value| json!({"type": "string", "enum": values});
    Op::new("get", "/api/releases", "listReleases", "releases", "List and search releases", error)
        .describe("Releases matching every given filter, newest (highest semantic version) first, with `total` = how many matched. Without filters, all releases. With `limit`/`offset`, one page of them (the release browser's pages of 50: the first screen of 8, then the other 42). Values are trimmed; an empty value counts as absent. `category` and `module` keep releases with at least one matching note and return only the matching notes. A bad value is a 422 with `field` = the query parameter.")
        .param(query_param("q", "Full-text search over the release text: every word must appear (as a word prefix); at most 200 characters (else `invalid_query`). Text without any letter or digit matches nothing.", json!({"type": "string", "maxLength": 200}), "voip"))
        .param(query_param("category", "Only notes of this category (else `invalid_category`).", one_of(codes(Category::ALL)), "security"))
        .param(query_param("module", "Only notes concerning this module (else `invalid_module`).", one_of(Value::from(MODULES.to_vec())), "analytics"))
        .param(query_param("channel", "Only releases of this channel (else `invalid_channel`).", one_of(codes(Channel::ALL)), "stable"))
        .param(query_param("since", "Only versions after this one (exclusive: \"what's new since my version\"). Not a version: `invalid_version`.", text("5.9.2"), "5.9.2"))
        .param(query_param("until", "Only versions up to this one (inclusive). Not a version: `invalid_version`.", text("6.1.2"), "6.1.2"))
        .param(query_param("limit", "List at most this many of the matching releases (1–100, else `invalid_page`); `total` still counts them all. Without it, all (after `offset`).", json!({"type": "integer", "minimum": 1, "maximum": Page::MAX_LIMIT}), "10"))
        .param(query_param("offset", "Skip this many of the matching releases first (0–100000, else `invalid_page`); default 0.", json!({"type": "integer", "minimum": 0, "maximum": Page::MAX_OFFSET}), "10"))
        .json(200, "The matching releases.", s.response::<ReleaseList>(), json!({}))
        .cached()
        .error(422, "A bad filter value; `field` is the query parameter at fault.", &["invalid_category", "invalid_module", "invalid_channel", "invalid_version", "invalid_query", "invalid_page"])
}

fn versions(s: &mut Schemas, error: &Value) -> Op {
    let text = |example: &str| json!({"type": "string", "examples": [example]});
    Op::new("get", "/api/releases/versions", "listReleaseVersions", "releases", "Every release's version, date, channel and compatibility", error)
        .describe("The releases in a range, newest first, each with its version, date, channel and compatibility record as `GET /api/releases` has them, without title, summary, highlights, notes or files: what the release browser's version choices, upgrade path, neighbours and compatibility matrix need, small however many notes there are. `channel`, `since` and `until` as in `GET /api/releases`; values are trimmed, an empty value counts as absent; a bad value is a 422 with `field` = the query parameter.")
        .param(query_param("channel", "Only releases of this channel (else `invalid_channel`).", json!({"type": "string", "enum": codes(Channel::ALL)}), "stable"))
        .param(query_param("since", "Only versions after this one (exclusive). Not a version: `invalid_version`.", text("5.9.2"), "5.9.2"))
        .param(query_param("until", "Only versions up to this one (inclusive). Not a version: `invalid_version`.", text("6.1.2"), "6.1.2"))
        .json(200, "The releases in the range.", s.response::<ReleaseBriefList>(), json!({}))
        .cached()
        .error(422, "A bad value; `field` is the query parameter at fault.", &["invalid_channel", "invalid_version"])
}

const DL_PATH: &str = "/dl/v1/{key_id}/{installation_id}/{artifact_id}/{expires}/{mac}";

fn download(method: &'static str, id: &str, summary: &str, error: &Value) -> Op {
    let header =
        |description: &str, schema: Value| json!({"description": description, "schema": schema});
    let string = json!({"type": "string"});
    let file = |description: &str| {
        let mut answer = json!({
            "description": description,
            "headers": {
                "content-length": header("Bytes in this response (of the range for a 206).", json!({"type": "integer"})),
                "accept-ranges": header("`bytes`.", string.clone()),
                "etag": header("Strong ETag: the file's SHA-256 in quotes (also what `If-Range` is compared with).", string.clone()),
                "content-disposition": header("`attachment; filename=\"<file name>\"`.", string.clone()),
                "x-checksum-sha256": header("The whole file's SHA-256, lower-case hex (as in the release's `artifacts`).", string.clone()),
                "repr-digest": header("RFC 9530: `sha-256=:<base64>:` of the whole file.", string.clone()),
                "cache-control": header("`private, no-store`.", string.clone())
            }
        });
        if method == "get" {
            answer["content"] = json!({
                "application/octet-stream": {"schema": {"type": "string", "contentMediaType": "application/octet-stream"}},
                "application/pdf": {"schema": {"type": "string", "contentMediaType": "application/pdf"}}
            });
        }
        answer
    };
    let mut partial = file("The requested range.");
    partial["headers"]["content-range"] = header("`bytes a-b/size`.", string.clone());
    let param = |name: &str, description: &str, pattern: &str| {
        path_param(
            name,
            description,
            json!({"type": "string", "pattern": pattern}),
        )
    };
    let unsatisfiable = json!({
        "description": "`range_not_satisfiable`: no byte of the file lies in the requested range.",
        "headers": {"content-range": header("`bytes */{size}`.", string.clone())},
        "content": {"application/json": {"schema": {
            "allOf": [error],
            "properties": {"error": {"properties": {"code": {"enum": ["range_not_satisfiable"]}}}}
        }}}
    });
    Op::new(method, DL_PATH, id, "downloads", summary, error)
        .describe("Verifies the link (MAC compared in constant time, then the expiry; `HEAD` is accepted for a link signed for `GET`) and streams the file from R2 without buffering it. One `Range` of the forms `bytes=a-b`, `bytes=a-` or `bytes=-n` is served as 206; several ranges, another unit or a malformed header are ignored (200 with the whole file); an `If-Range` that is not the ETag also gets the whole file. No session is needed: the link is the credential. Any other method is a 405.")
        .param(param("key_id", "The id of the signing key.", "^[A-Za-z0-9_-]{1,16}$"))
        .param(param("installation_id", "The installation the link was issued for.", "^[A-Za-z0-9._-]{1,64}$"))
        .param(param("artifact_id", "The artifact.", "^[A-Za-z0-9._-]{1,64}$"))
        .param(param("expires", "Unix seconds; the link works while the time is before it.", "^(0|[1-9][0-9]{0,19})$"))
        .param(param("mac", "HMAC-SHA256 of the canonical string, base64url without padding.", "^[A-Za-z0-9_-]{43}$"))
        .param(json!({"name": "Range", "in": "header", "required": false, "description": "One byte range.", "schema": {"type": "string", "examples": ["bytes=0-1048575", "bytes=1048576-", "bytes=-1024"]}}))
        .param(json!({"name": "If-Range", "in": "header", "required": false, "description": "The ETag the range was started with.", "schema": {"type": "string"}}))
        .answer(200, file("The whole file."))
        .answer(206, partial)
        .error(403, "`forbidden`: the link was altered, has expired, lives longer than an hour or names a key that is not (or no longer) accepted. One generic answer for all of them.", &["forbidden"])
        .not_found("the artifact is no longer stored.")
        .answer(416, unsatisfiable)
}

const QUOTE_NEW: &str = "Prices a new configuration and, optionally, its Software Maintenance Agreement, with the book in force on the licence date. Nothing is stored.

Defaults: `modules` `[]`; `licence_date` today (UTC); `sma` `null` (no SMA); `sma.order_date` = `licence_date`; `sma.term_years` 1 (1 or 3, else 422 `invalid_term`); `years` 5 (1–10, else 422 `invalid_years`).

Licence lines: `base` (1 × the edition's base price), `camera` (the cameras above those included × the camera price), then one line per module with a quantity above 0. `price_book` names the book of these lines.

SMA: ordered no more than 30 days after the licence date, it starts on the licence date at no extra charge; later (`late`), it starts on the order date and back-pay (uncovered days, at most 1 095, × 19 %) and a reinstatement fee (max(10 % of year 1, 100.00)) apply. The schedule lists max(years, term_years) years; year k costs round(maintained value at its start × rate(k)) with rates 19, 18, 17, 16, then 15 %, minus 5 % per year for a 3-year term. Each year is priced with the book in force on its start, and its `end` is the day before the next anniversary.

`total_over_years` = licence_total + back_pay + reinstatement_fee + all schedule amounts.

Quantities accept any JSON number: a non-integer, negative or above 10 000 is a 422 `invalid_quantity`; dates are strings, an impossible one is a 422 `invalid_date`. Unknown fields, wrong types or missing `edition`/`cameras` are a 400.";

const QUOTE_UPGRADE: &str = "Prices moving an installation to a higher edition, with the book in force on the upgrade date (`price_book`). Nothing is stored.

Defaults: `modules` `[]`; `upgrade_date` today (UTC); `sma_start` `null` (no SMA). `licence_date` and `to_edition` are required.

The same cameras and modules are priced in the target edition (`target_total`; they must be valid there). With an SMA active on the upgrade date (`sma_start` given), the full cost of the initial installation, priced with the book in force on the licence date (`initial_value`), is credited; without one there is no credit. `licence_price` = max(0, target_total − credit). With an active SMA the rise in maintained value (target_total − `current_value`, the current configuration priced on the upgrade date) is co-termed with the current SMA year: round(rise × rate(k) × days left / days in year k) = `sma_adjustment` (see `co_term`). `total_due` = licence_price + sma_adjustment.

Errors (422): `not_an_upgrade` / `unknown_edition` (`to_edition`), `invalid_date` (impossible date; `upgrade_date` before `licence_date`; `sma_start` after the upgrade date or before the licence date), `no_price_book`, and the configuration's validation codes.";

const QUOTE_LEGACY_COMPARE: &str = "For the calculator's \"I have a Maintenance Contract\" (pricing.md section 9): the contract since `legacy_start` with its frozen `fee_basis`, its current term ending on `term_end` (the day before an anniversary of `legacy_start`), extended year by year at the annual fee round(fee basis × 20 %), against switching to the SMA on `switch_on` (default today; during the term or its 30-day grace, else 422 `legacy_contract_ended`). The SMA starts the day after `term_end` with year index 1 + the contract's whole years (no back-pay, no fee), each year priced on the maintained value at its start (section 3). `years` (1–10, default 5) lists that many years; every amount carries its explanation, `saving` = `legacy_total` − `sma_total`, and `upgrade_credit` is what an edition upgrade would be credited with the SMA active (nothing under the contract). Nothing is stored.";

const QUOTE_EXPANSION: &str = "Prices an expansion of an installation with the book in force on `date` (`price_book`). Nothing is stored.

Defaults: `modules` `[]`; `add_cameras` 0; `add_modules` `[]`; `date` today (UTC); `sma_start` `null` (no SMA).

An added sku raises that module's quantity (or adds the module); the configuration after the expansion is validated like any other (errors name `add_cameras` or `add_modules[j]`). `licence_price` = licence total after − licence total before, both priced on `date`. With an active SMA (`sma_start` given) the licence price is co-termed with the current SMA year: round(licence_price × rate(k) × days left / days in year k) = `sma_adjustment` (see `co_term`). `total_due` = licence_price + sma_adjustment. `lines` lists what was added (quantity added × unit price).

Errors (422): `invalid_date` (impossible date, or `sma_start` after `date`), `no_price_book`, and the configuration's validation codes.";
