//! "Ask sales about this": the public request and the operator's list and CSV export.

use serde_json::{json, Value};
use sma_shared::api::{SalesRequestBody, SalesRequestCreated, SalesRequestList};

use super::ops::{query_param, Auth, Op};
use super::schemas::Schemas;

const CREATE: &str = "The form \"Ask sales about this\" of the calculator and of every installation card. The Worker prices `config` again (as `POST /api/quotes/new`; the page's figures are never taken), stores the request with that quote and the calculator link that shows the configuration, e-mails the sales team of the country (a signed-in customer's own, else `country`: DE, AT, CH, other) and confirms to the sender in `lang`; the confirmation repeats nothing the sender wrote. A signed-in request carries the customer and `installation_id` (another customer's installation, or one without a session, is 404). The answer is the same 202 for everyone: the address is never looked up. `website` is a honeypot: anything in it gets the same 202 and nothing is kept. Rate limited: 5 requests an hour per IP address, 3 a day per e-mail address (429 with `Retry-After`).";

const LIST: &str = "The requests newest first, `limit` (1–200, default 50) at a time; `after` is the id of the last request of the previous page (`next_after`). `format=csv` answers the same page as CSV (RFC 4180, UTF-8, a header row; a cell that a spreadsheet would read as a formula starts with an apostrophe).";

/// The operations.
pub fn operations(s: &mut Schemas, error: &Value) -> Vec<Op> {
    vec![
        Op::new("post", "/api/sales-requests", "askSales", "sales", "Ask sales about this", error)
            .describe(CREATE)
            .body(s.request::<SalesRequestBody>(), json!({"prospect": {"summary": "A prospect from the calculator, in German", "value": {"name": "Eva Berger", "company": "Berger Bau GmbH", "email": "eva@berger-bau.example", "message": "Bitte ein Angebot für zwei Standorte.", "consent": true, "lang": "de", "country": "AT", "config": {"edition": "probox", "cameras": 12, "modules": [{"sku": "client", "qty": 1}], "licence_date": "2026-03-10", "sma": {"term_years": 1}, "years": 5}}}}))
            .json(202, "Accepted: the request is stored and the messages are on their way.", s.response::<SalesRequestCreated>(), json!({}))
            .malformed()
            .same_origin()
            .not_found("`installation_id` is not an installation of the signed-in customer.")
            .error(422, "A field at fault (`invalid_field`, `invalid_email`, `consent_required`), or a rule the configuration breaks (its field under `config.`).", &["invalid_field", "invalid_email", "consent_required", "unknown_edition", "unknown_module", "module_not_in_edition", "duplicate_module", "invalid_quantity", "too_many_cameras", "exceeds_cameras", "invalid_date", "invalid_years", "invalid_term", "sma_before_licence", "no_price_book"])
            .error(429, "`rate_limited`: too many requests from this address or for this e-mail address; `Retry-After` says when to try again.", &["rate_limited"]),
        Op::new("get", "/api/admin/sales-requests", "listSalesRequests", "admin", "Requests to the sales team, for the CRM", error)
            .describe(LIST)
            .auth(Auth::Admin)
            .param(query_param("after", "The id of the last request already read.", json!({"type": "string"}), "sr_0123456789abcdef"))
            .param(query_param("limit", "How many (1–200, default 50).", json!({"type": "integer", "minimum": 1, "maximum": 200}), "50"))
            .param(query_param("format", "`json` (default) or `csv`.", json!({"type": "string", "enum": ["json", "csv"]}), "csv"))
            .answer(200, json!({
                "description": "The page, as JSON or CSV.",
                "content": {
                    "application/json": {"schema": s.response::<SalesRequestList>()},
                    "text/csv": {"schema": {"type": "string"}}
                }
            }))
            .error(422, "`invalid_limit` or `invalid_format`.", &["invalid_limit", "invalid_format"]),
    ]
}
