//! Customer quotes and orders on a stored installation (api.md): `POST
//! /api/installations/{id}/quotes/{kind}`, `POST /api/orders` (exactly once per
//! `Idempotency-Key`), `GET /api/orders` and `GET /api/orders/{id}`. Every amount is computed
//! by `shared` from the stored installation; the order, the installation's change, its SMA and
//! the audit entry are written in one D1 batch.

use crate::auth::{check_same_origin, require_session, sha256_hex, Session};
use crate::error::{ApiError, ApiResult};
use crate::http::{json_response, now_iso, ok_json, random_id, read_json, today};
use crate::installations::{internal, state};
use crate::store::installations::{InstallationRow, InstallationStore};
use crate::store::orders::{
    AuditWrite, Change, ConfigWrite, CoverageWrite, KeyRow, OrderRow, OrderStore, OrderWrite,
};
use chrono::NaiveDate;
use sma_shared::api::{
    AfterView, ModuleQty, OrderInputError, OrderInputs, OrderList, OrderRequest, OrderView,
    QuoteView,
};
use sma_shared::dates::iso;
use sma_shared::orders::{
    price_expansion, price_renewal, price_sma, price_upgrade, Billing, InstallationState,
    OrderInput, OrderKind, OrderRefusal, OrderSource, OrderStatus, PricedOrder,
};
use sma_shared::PriceBooks;
use worker::{D1Database, Request};

/// Longest accepted `Idempotency-Key`.
const MAX_KEY: usize = 255;
/// A claimed key with no order after this many seconds was abandoned (its request died).
const ABANDONED_AFTER_SECONDS: i64 = 30;

fn inputs_error(e: OrderInputError) -> ApiError {
    match e {
        OrderInputError::Malformed { field, message } => ApiError::Malformed {
            message,
            field: Some(field),
        },
        OrderInputError::Rule(e) => ApiError::Rule(e),
    }
}

/// The refusal of an order as the API error: pricing rules 422, state 409, empty 422.
pub(crate) fn refusal_error(r: OrderRefusal) -> ApiError {
    match r {
        OrderRefusal::Pricing(e) => ApiError::Rule(e),
        OrderRefusal::State(message) => ApiError::Conflict(message),
        OrderRefusal::Empty(message) => ApiError::Unprocessable {
            code: "empty_order",
            message,
            field: Some("add_cameras".into()),
        },
    }
}

/// Prices an order of the validated `input` on the installation as stored, on `today`.
fn price(
    st: &InstallationState,
    input: &OrderInput,
    today: NaiveDate,
) -> Result<PricedOrder, ApiError> {
    let books = PriceBooks::demo();
    match input {
        OrderInput::Sma(term) => price_sma(books, st, *term, today),
        OrderInput::Renewal => price_renewal(books, st, today),
        OrderInput::Expansion(add) => price_expansion(books, st, add, today),
        OrderInput::Upgrade(to) => price_upgrade(books, st, to, today),
    }
    .map_err(refusal_error)
}

fn after_view(
    row: &InstallationRow,
    priced: &PricedOrder,
    today: NaiveDate,
) -> Result<AfterView, ApiError> {
    AfterView::of(PriceBooks::demo(), &priced.outcome, today).map_err(|e| internal(&row.id, e))
}

/// `POST /api/installations/{id}/quotes/{kind}`: what the order would cost and change.
pub async fn quote(mut req: Request, db: D1Database, id: &str, kind: &str) -> ApiResult {
    check_same_origin(&req)?;
    let session = require_session(&req, &db).await?;
    let kind = OrderKind::parse(kind).ok_or(ApiError::NotFound)?;
    let inputs: OrderInputs = read_json(&mut req).await?;
    let input = inputs.validate(kind).map_err(inputs_error)?;
    let row = InstallationStore::new(&db)
        .get(&session.customer_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let today = today();
    let priced = price(&state(&row, today)?, &input, today)?;
    let billing = OrderStore::new(&db).billing(&session.customer_id).await?;
    ok_json(&QuoteView {
        installation_id: row.id.clone(),
        kind,
        date: today,
        currency: PriceBooks::demo().currency().to_owned(),
        amounts: priced.invoiced(&billing.country, billing.vat_id.as_deref()),
        total_due: priced.net,
        notes: priced.english_notes(),
        explained: priced.notes.clone(),
        after: after_view(&row, &priced, today)?,
    })
}

/// The `Idempotency-Key` header: required, 1–255 visible ASCII characters.
fn idempotency_key(req: &Request) -> Result<String, ApiError> {
    let key = req
        .headers()
        .get("idempotency-key")
        .ok()
        .flatten()
        .unwrap_or_default();
    if key.is_empty()
        || key.len() > MAX_KEY
        || !key.bytes().all(|b| b.is_ascii_graphic() || b == b' ')
    {
        return Err(ApiError::Malformed {
            message: "Send an Idempotency-Key header of 1 to 255 characters (for example a UUID) with every order.".into(),
            field: Some("Idempotency-Key".into()),
        });
    }
    Ok(key)
}

/// `POST /api/orders`: places an order once per `Idempotency-Key`. The same key with the same
/// body replays the order (201); with another body 422 `idempotency_mismatch`; while the first
/// request is still being placed 409.
pub async fn place(mut req: Request, db: D1Database) -> ApiResult {
    check_same_origin(&req)?;
    let session = require_session(&req, &db).await?;
    let key = idempotency_key(&req)?;
    let body: OrderRequest = read_json(&mut req).await?;
    let input = body.inputs().validate(body.kind).map_err(inputs_error)?;
    let canonical = serde_json::to_string(&body).map_err(|e| ApiError::Internal(e.to_string()))?;
    let hash = sha256_hex(canonical.as_bytes()).await?;
    let store = OrderStore::new(&db);
    let now = now_iso();
    if let Some(existing) = store
        .claim_key(&session.customer_id, &key, &hash, &now)
        .await?
    {
        if existing.request_hash != hash {
            return Err(ApiError::Unprocessable {
                code: "idempotency_mismatch",
                message: "This Idempotency-Key was already used for a different order; use a new key for a new order.".into(),
                field: Some("Idempotency-Key".into()),
            });
        }
        if let Some(order_id) = existing.order_id {
            return replay(&store, &session, &order_id).await;
        }
        if !abandoned(&existing, &now)
            || !store
                .take_over_key(&session.customer_id, &key, &existing.created_at, &now)
                .await?
        {
            return Err(ApiError::InFlight);
        }
    }
    // `now` is this request's claim (a fresh one, or the one it took over).
    let placed = place_claimed(&db, &session, (&key, &now), &body.installation_id, &input).await;
    if placed.is_err() {
        store.release_key(&session.customer_id, &key, &now).await?;
    }
    placed
}

fn abandoned(key: &KeyRow, now: &str) -> bool {
    let parse = |t: &str| chrono::DateTime::parse_from_rfc3339(t).ok();
    match (parse(&key.created_at), parse(now)) {
        (Some(then), Some(now)) => (now - then).num_seconds() > ABANDONED_AFTER_SECONDS,
        _ => false,
    }
}

async fn replay(store: &OrderStore<'_>, session: &Session, order_id: &str) -> ApiResult {
    let row = store
        .get(&session.customer_id, order_id)
        .await?
        .ok_or_else(|| ApiError::Internal(format!("order {order_id} of a key is missing")))?;
    let mut resp = json_response(&order_view(&row)?, 201);
    resp.headers_mut().set("idempotent-replayed", "true")?;
    Ok(resp)
}

/// The installation's configuration and coverage for the audit log.
pub(crate) fn audit_json(after: &AfterView) -> String {
    serde_json::to_string(after).unwrap_or_default()
}

/// An order as stored: its view without the number, its lines and amounts.
pub(crate) fn order_write(
    view: &OrderView,
    term_start: Option<NaiveDate>,
) -> Result<OrderWrite, ApiError> {
    Ok(OrderWrite {
        id: view.id.clone(),
        kind: view.kind.code(),
        source: view.source.code(),
        created_at: view.created_at.clone(),
        order_date: iso(view.order_date),
        term_start: term_start.map(iso),
        currency: view.currency.clone(),
        net: view.amounts.net.to_string(),
        vat_rate: view.amounts.vat_rate.as_percent().normalize().to_string(),
        vat: view.amounts.vat.to_string(),
        gross: view.amounts.gross.to_string(),
        body: serde_json::to_string(view).map_err(|e| ApiError::Internal(e.to_string()))?,
        lines: view.amounts.lines.clone(),
    })
}

/// A new order's view from its pricing (the number is given when it is read back).
pub(crate) fn new_order_view(
    row: &InstallationRow,
    priced: &PricedOrder,
    billing: &Billing,
    source: OrderSource,
    now: &str,
    today: NaiveDate,
) -> Result<OrderView, ApiError> {
    Ok(OrderView {
        id: random_id("ord")?,
        number: String::new(),
        kind: priced.kind,
        installation_id: row.id.clone(),
        installation_name: row.name.clone(),
        status: OrderStatus::Open,
        created_at: now.to_owned(),
        order_date: priced.date,
        source,
        currency: PriceBooks::demo().currency().to_owned(),
        amounts: priced.invoiced(&billing.country, billing.vat_id.as_deref()),
        notes: priced.english_notes(),
        explained: priced.notes.clone(),
        billing: billing.clone(),
        after: after_view(row, priced, today)?,
    })
}

/// The stored modules of an outcome (the quote shape, as the installation lists them).
pub(crate) fn modules_json(priced: &PricedOrder) -> String {
    serde_json::to_string(&ModuleQty::of(&priced.outcome.config)).unwrap_or_else(|_| "[]".into())
}

async fn place_claimed(
    db: &D1Database,
    session: &Session,
    claim: (&str, &str),
    installation_id: &str,
    input: &OrderInput,
) -> ApiResult {
    let now = claim.1;
    let row = InstallationStore::new(db)
        .get(&session.customer_id, installation_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let today = today();
    let st = state(&row, today)?;
    let priced = price(&st, input, today)?;
    let store = OrderStore::new(db);
    let billing = store.billing(&session.customer_id).await?;
    let view = new_order_view(&row, &priced, &billing, OrderSource::Customer, now, today)?;
    let before = crate::installations::view(row.clone(), today)?;
    let edition = priced.outcome.config.edition().to_string();
    let modules = modules_json(&priced);
    let coverage = match priced.kind {
        OrderKind::Sma | OrderKind::Renewal => priced
            .outcome
            .coverage
            .as_ref()
            .map(|c| CoverageWrite::of(c, false, row.reminded_deadline.as_deref())),
        OrderKind::Expansion | OrderKind::Upgrade => None,
    };
    let applied = store
        .apply(&Change {
            customer_id: &session.customer_id,
            installation_id: &row.id,
            expected_version: row.version,
            config: ConfigWrite {
                edition: &edition,
                cameras: priced.outcome.config.cameras(),
                modules: &modules,
            },
            coverage,
            orders: vec![order_write(&view, priced.outcome.term_start)?],
            audit: vec![AuditWrite {
                at: now.to_owned(),
                actor: format!("{} <{}>", session.user_id, session.email),
                action: format!("order.{}", priced.kind.code()),
                before: serde_json::to_string(&before).unwrap_or_default(),
                after: audit_json(&view.after),
            }],
            emails: Vec::new(),
            idempotency_key: Some(claim),
            at: now,
        })
        .await?;
    if !applied {
        return Err(ApiError::Conflict(
            "The installation changed while the order was being placed; review the new quote and order again.".into(),
        ));
    }
    let row = store
        .get(&session.customer_id, &view.id)
        .await?
        .ok_or_else(|| ApiError::Internal(format!("order {} not found after insert", view.id)))?;
    Ok(json_response(&order_view(&row)?, 201))
}

/// A stored order with its invoice number.
fn order_view(row: &OrderRow) -> Result<OrderView, ApiError> {
    let mut view: OrderView = serde_json::from_str(&row.body)
        .map_err(|e| ApiError::Internal(format!("order body: {e}")))?;
    view.number = format!("SMA-{:06}", row.seq);
    Ok(view)
}

/// `GET /api/orders`: the customer's orders, newest first.
pub async fn list(req: Request, db: D1Database) -> ApiResult {
    let session = require_session(&req, &db).await?;
    let orders = OrderStore::new(&db)
        .list(&session.customer_id)
        .await?
        .iter()
        .map(order_view)
        .collect::<Result<Vec<_>, _>>()?;
    ok_json(&OrderList { orders })
}

/// `GET /api/orders/{id}`: one order and its invoice; 404 for another customer's.
pub async fn get(req: Request, db: D1Database, id: &str) -> ApiResult {
    let session = require_session(&req, &db).await?;
    let row = OrderStore::new(&db)
        .get(&session.customer_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    ok_json(&order_view(&row)?)
}
