//! Customer quotes and orders on a stored installation (api.md): `POST
//! /api/installations/{id}/quotes/{kind}`, `POST /api/orders` (exactly once per
//! `Idempotency-Key`), `GET /api/orders` and `GET /api/orders/{id}`. Every amount is computed
//! by `shared` from the stored installation; the order, the installation's change, its SMA and
//! the audit entry are written in one D1 batch (`store::writes::customer_order`).

use crate::access::{require_session, Session};
use crate::clock::Now;
use crate::context::Cx;
use crate::crypto::sha256_hex;
use crate::error::{ApiError, ApiResult};
use crate::http::{csrf::check_same_origin, ids, request, respond};
use crate::store::installations::{InstallationRow, InstallationStore};
use crate::store::orders::{KeyRow, OrderStore};
use crate::store::writes::{after_view, customer_order, new_order_view, NewOrder};
use chrono::NaiveDate;
use sma_shared::accounts::Action;
use sma_shared::api::{OrderInputs, OrderList, OrderRequest, QuoteView};
use sma_shared::orders::{price_order, OrderInput, OrderKind, OrderSource, Priced};
use sma_shared::PriceBooks;
use worker::{D1Database, Request};

/// Longest accepted `Idempotency-Key`.
const MAX_KEY: usize = 255;
/// A claimed key with no order after this many seconds was abandoned (its request died).
const ABANDONED_AFTER_SECONDS: i64 = 30;

/// Prices an order of the validated `input` on the installation as stored (with its legacy
/// Maintenance Contract, if it has one), on `today`.
fn price(row: &InstallationRow, input: &OrderInput, today: NaiveDate) -> Result<Priced, ApiError> {
    let legacy = row.legacy_record()?;
    Ok(price_order(
        PriceBooks::demo(),
        &row.state(today)?,
        legacy.as_ref(),
        input,
        today,
    )?)
}

/// `POST /api/installations/{id}/quotes/{kind}`: what the order would cost and change.
pub async fn quote(mut req: Request, cx: Cx) -> ApiResult {
    check_same_origin(&req)?;
    let db = cx.db()?;
    let session = require_session(&req, &db, cx.now()).await?;
    let kind = OrderKind::from_path(cx.param("kind")).ok_or(ApiError::NotFound)?;
    let inputs: OrderInputs = request::read_json(&mut req).await?;
    let input = inputs.validate(kind)?;
    let row = InstallationStore::new(&db)
        .get(&session.customer_id, cx.param("id"))
        .await?
        .ok_or(ApiError::NotFound)?;
    let today = cx.today();
    let priced = price(&row, &input, today)?.order;
    let billing = OrderStore::new(&db).billing(&session.customer_id).await?;
    respond::ok(&QuoteView {
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
fn idempotency_key(header: Option<String>) -> Result<String, ApiError> {
    let key = header.unwrap_or_default();
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
pub async fn place(mut req: Request, cx: Cx) -> ApiResult {
    check_same_origin(&req)?;
    let db = cx.db()?;
    let session = require_session(&req, &db, cx.now()).await?;
    session.authorize(Action::PlaceOrder)?;
    let key = idempotency_key(request::header(&req, "idempotency-key"))?;
    let body: OrderRequest = request::read_json(&mut req).await?;
    let input = body.inputs().validate(body.kind)?;
    let hash = sha256_hex(serde_json::to_string(&body)?.as_bytes()).await?;
    let store = OrderStore::new(&db);
    let now = cx.now();
    if let Some(order_id) = claim(&store, &session.customer_id, &key, &hash, now).await? {
        return replay(&store, &session, &order_id).await;
    }
    // The claim is this request's: a fresh one, or the one it took over, made at `now`.
    let claimed_at = now.iso();
    let claim = (key.as_str(), claimed_at.as_str());
    let installation = &body.installation_id;
    let placed = place_claimed(&db, &session, claim, installation, &input, now.today()).await;
    if placed.is_err() {
        store
            .release_key(&session.customer_id, &key, claim.1)
            .await?;
    }
    placed
}

/// Claims `key` for the request with `hash` at `now`: `None` when this request may place the
/// order (a fresh claim, or one it took over from a request that died), the order's id when
/// the key already placed one; 422 `idempotency_mismatch` for a key used with another body,
/// 409 while another request is still placing it.
async fn claim(
    store: &OrderStore<'_>,
    customer_id: &str,
    key: &str,
    hash: &str,
    now: Now,
) -> Result<Option<String>, ApiError> {
    let now_text = now.iso();
    let Some(existing) = store.claim_key(customer_id, key, hash, &now_text).await? else {
        return Ok(None);
    };
    if existing.request_hash != hash {
        return Err(ApiError::Unprocessable {
            code: "idempotency_mismatch",
            message: "This Idempotency-Key was already used for a different order; use a new key for a new order.".into(),
            field: Some("Idempotency-Key".into()),
        });
    }
    if let Some(order_id) = existing.order_id {
        return Ok(Some(order_id));
    }
    if abandoned(&existing, now)
        && store
            .take_over_key(customer_id, key, &existing.created_at, &now_text)
            .await?
    {
        return Ok(None);
    }
    Err(ApiError::InFlight)
}

/// Whether the claim of `key` was abandoned: made more than 30 seconds before `now`.
fn abandoned(key: &KeyRow, now: Now) -> bool {
    chrono::DateTime::parse_from_rfc3339(&key.created_at)
        .is_ok_and(|then| (now.at() - then.to_utc()).num_seconds() > ABANDONED_AFTER_SECONDS)
}

async fn replay(store: &OrderStore<'_>, session: &Session, order_id: &str) -> ApiResult {
    let row = store
        .get(&session.customer_id, order_id)
        .await?
        .ok_or_else(|| ApiError::Internal(format!("order {order_id} of a key is missing")))?;
    let mut resp = respond::created(&row.view()?)?;
    resp.headers_mut().set("idempotent-replayed", "true")?;
    Ok(resp)
}

/// Prices and writes the order of a claimed key; 409 when the installation changed meanwhile.
async fn place_claimed(
    db: &D1Database,
    session: &Session,
    claim: (&str, &str),
    installation_id: &str,
    input: &OrderInput,
    today: NaiveDate,
) -> ApiResult {
    let row = InstallationStore::new(db)
        .get(&session.customer_id, installation_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let priced = price(&row, input, today)?;
    let store = OrderStore::new(db);
    let billing = store.billing(&session.customer_id).await?;
    let id = ids::random_id("ord")?;
    let order = NewOrder {
        id: &id,
        source: OrderSource::Customer,
        created_at: claim.1,
        today,
    };
    let view = new_order_view(order, &row, &priced.order, &billing)?;
    let change = customer_order(&row, &priced, &view, session.actor(), claim, today)?;
    if store.apply(&change).await?.is_none() {
        return Err(ApiError::Conflict(
            "The installation changed while the order was being placed; review the new quote and order again.".into(),
        ));
    }
    let row = store
        .get(&session.customer_id, &id)
        .await?
        .ok_or_else(|| ApiError::Internal(format!("order {id} not found after insert")))?;
    respond::created(&row.view()?)
}

/// `GET /api/orders`: the customer's orders, newest first.
pub async fn list(req: Request, cx: Cx) -> ApiResult {
    let db = cx.db()?;
    let session = require_session(&req, &db, cx.now()).await?;
    let orders = OrderStore::new(&db)
        .list(&session.customer_id)
        .await?
        .iter()
        .map(|row| row.view())
        .collect::<Result<Vec<_>, _>>()?;
    respond::ok(&OrderList { orders })
}

/// `GET /api/orders/{id}`: one order and its invoice; 404 for another customer's.
pub async fn get(req: Request, cx: Cx) -> ApiResult {
    let db = cx.db()?;
    let session = require_session(&req, &db, cx.now()).await?;
    let row = OrderStore::new(&db)
        .get(&session.customer_id, cx.param("id"))
        .await?
        .ok_or(ApiError::NotFound)?;
    respond::ok(&row.view()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claimed_at(created_at: &str) -> KeyRow {
        KeyRow {
            request_hash: "h".into(),
            created_at: created_at.into(),
            order_id: None,
        }
    }

    /// 2026-11-28T10:15:00.000Z.
    const NOW: u64 = 1_795_860_900_000;

    #[test]
    fn an_idempotency_key_is_one_to_255_visible_characters() {
        assert_eq!(
            idempotency_key(Some("a1b2-c3".into())),
            Ok("a1b2-c3".into())
        );
        assert!(idempotency_key(Some("k".repeat(255))).is_ok());
        for bad in [
            None,
            Some(String::new()),
            Some("k".repeat(256)),
            Some("tab\tkey".into()),
        ] {
            let e = idempotency_key(bad.clone()).unwrap_err();
            assert_eq!(
                (e.status(), e.code()),
                (400, "malformed_request"),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn a_claim_is_abandoned_only_after_30_seconds() {
        let now = Now::from_unix_millis(NOW);
        assert_eq!(now.iso(), "2026-11-28T10:15:00.000Z");
        assert!(!abandoned(&claimed_at("2026-11-28T10:14:30.000Z"), now));
        assert!(abandoned(&claimed_at("2026-11-28T10:14:29.000Z"), now));
        assert!(!abandoned(&claimed_at("not a time"), now));
    }
}
