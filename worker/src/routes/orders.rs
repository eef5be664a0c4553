//! Customer quotes and orders on a stored installation (api.md): `POST
//! /api/installations/{id}/quotes/{kind}` (with a signed quote token), `POST /api/orders`
//! (exactly once per `Idempotency-Key`, only at the amounts of the quote it confirms), `GET
//! /api/orders` and `GET /api/orders/{id}`. Every amount is computed by `shared` from the
//! stored installation; the order, the installation's change, its SMA and the audit entry are
//! written in one D1 batch (`store::writes::customer_order`).

use crate::access::{require_session, Session};
use crate::clock::{iso_seconds, Now};
use crate::context::Cx;
use crate::crypto::sha256_hex;
use crate::error::{ApiError, ApiResult};
use crate::http::{csrf::check_same_origin, ids, request, respond};
use crate::store::installations::{InstallationRow, InstallationStore};
use crate::store::orders::{KeyRow, OrderStore};
use crate::store::writes::{customer_order, new_order_view, quote_view, NewOrder};
use chrono::NaiveDate;
use sma_shared::accounts::Action;
use sma_shared::api::{OrderInputs, OrderList, OrderQuote, OrderRequest, QuoteView};
use sma_shared::orders::{
    canonical_inputs, price_order, Billing, OrderInput, OrderKind, OrderSource, Priced,
    PricedOrder, QuoteCheck, QuoteClaims, QuoteKey, QUOTE_TTL_SECONDS,
};
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

/// `POST /api/installations/{id}/quotes/{kind}`: what the order would cost and change, with
/// the token that orders it at these amounts.
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
    let offer = Offer {
        customer_id: &session.customer_id,
        input: &input,
        now: cx.now(),
        key: &quote_key(&cx)?,
    };
    respond::ok(&offer.quote(&row, &priced, &billing)?)
}

/// The key that signs quotes (the secret `QUOTE_KEY`); a missing or unusable one is a 500.
fn quote_key(cx: &Cx) -> Result<QuoteKey, ApiError> {
    let secret = cx
        .env()
        .secret("QUOTE_KEY")
        .map(|s| s.to_string())
        .unwrap_or_default();
    QuoteKey::parse(&secret).map_err(|e| ApiError::Internal(e.to_string()))
}

/// A quote made for a customer's order at a moment, signed with the quote key.
struct Offer<'a> {
    customer_id: &'a str,
    input: &'a OrderInput,
    now: Now,
    key: &'a QuoteKey,
}

impl Offer<'_> {
    /// The quote of `priced` on `row` with its token, valid for `QUOTE_TTL_SECONDS`.
    fn quote(
        &self,
        row: &InstallationRow,
        priced: &PricedOrder,
        billing: &Billing,
    ) -> Result<OrderQuote, ApiError> {
        let quote = quote_view(row, priced, billing, self.now.today())?;
        let claims = self.claims(row, &quote, self.now.unix_seconds() + QUOTE_TTL_SECONDS);
        Ok(OrderQuote {
            quote_token: claims.sign(self.customer_id, self.key),
            quote_expires_at: iso_seconds(claims.expires),
            quote,
        })
    }

    fn claims(&self, row: &InstallationRow, quote: &QuoteView, expires: u64) -> QuoteClaims {
        QuoteClaims {
            installation_id: row.id.clone(),
            version: row.version,
            kind: quote.kind,
            inputs: canonical_inputs(self.input),
            date: quote.date,
            currency: quote.currency.clone(),
            net: quote.amounts.net,
            gross: quote.amounts.gross,
            expires,
        }
    }

    /// Whether the presented `token` confirms `now`, this order as priced now (with its fresh
    /// quote): 422 `invalid_quote` for a token that is not this server's quote of this order
    /// for this customer, 409 `quote_expired` / `quote_changed` with the quote now.
    fn confirm(&self, token: &str, row: &InstallationRow, now: OrderQuote) -> Result<(), ApiError> {
        let invalid = |message: &str| ApiError::Unprocessable {
            code: "invalid_quote",
            message: message.to_owned(),
            field: Some("quote_token".into()),
        };
        let presented = QuoteClaims::open(token, self.customer_id, self.key).map_err(|_| {
            invalid("This quote token is not one of ours; ask for a quote and confirm it to order.")
        })?;
        let expired = match presented.check(&self.claims(row, &now.quote, 0), self.now.unix_seconds()) {
            QuoteCheck::Holds => return Ok(()),
            QuoteCheck::OtherOrder => {
                return Err(invalid(
                    "This quote token is for another order; ask for a quote of this one and confirm it.",
                ))
            }
            QuoteCheck::Expired => true,
            QuoteCheck::Changed => false,
        };
        Err(ApiError::QuoteChanged {
            expired,
            quote: Box::new(now),
        })
    }
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

/// `POST /api/orders`: places an order once per `Idempotency-Key`, at the amounts of the quote
/// it confirms. The same key with the same body replays the order (201); with another body 422
/// `idempotency_mismatch`; while the first request is still being placed 409.
pub async fn place(mut req: Request, cx: Cx) -> ApiResult {
    check_same_origin(&req)?;
    let db = cx.db()?;
    let session = require_session(&req, &db, cx.now()).await?;
    session.authorize(Action::PlaceOrder)?;
    let key = idempotency_key(request::header(&req, "idempotency-key"))?;
    let body: OrderRequest = request::read_json(&mut req).await?;
    let input = body.inputs().validate(body.kind)?;
    let hash = sha256_hex(serde_json::to_string(&body)?.as_bytes()).await?;
    let quote_key = quote_key(&cx)?;
    let store = OrderStore::new(&db);
    let now = cx.now();
    if let Some(order_id) = claim(&store, &session.customer_id, &key, &hash, now).await? {
        return replay(&store, &session, &order_id).await;
    }
    // The claim is this request's: a fresh one, or the one it took over, made at `now`.
    let claimed_at = now.iso();
    let offer = Offer {
        customer_id: &session.customer_id,
        input: &input,
        now,
        key: &quote_key,
    };
    let claim = (key.as_str(), claimed_at.as_str());
    let placed = place_claimed(&db, &session, claim, &body, &offer).await;
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

/// Prices the order of a claimed key, checks it against the quote it confirms and writes it;
/// 409 when the installation changed meanwhile.
async fn place_claimed(
    db: &D1Database,
    session: &Session,
    claim: (&str, &str),
    body: &OrderRequest,
    offer: &Offer<'_>,
) -> ApiResult {
    let today = offer.now.today();
    let row = InstallationStore::new(db)
        .get(&session.customer_id, &body.installation_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let priced = price(&row, offer.input, today)?;
    let store = OrderStore::new(db);
    let billing = store.billing(&session.customer_id).await?;
    offer.confirm(
        &body.quote_token,
        &row,
        offer.quote(&row, &priced.order, &billing)?,
    )?;
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
    use crate::store::fixtures::{billing, day, row};
    use sma_shared::TermYears;

    fn claimed_at(created_at: &str) -> KeyRow {
        KeyRow {
            request_hash: "h".into(),
            created_at: created_at.into(),
            order_id: None,
        }
    }

    /// 2026-11-28T10:15:00.000Z.
    const NOW: u64 = 1_795_860_900_000;

    fn key() -> QuoteKey {
        QuoteKey::parse("c2lnbnMgcXVvdGVzIG9mIHRoZSB0ZXN0cyBvbmx5ISE=").unwrap()
    }

    /// An SMA for `row()` (licence date 2026-03-10, none yet: late, with back-pay by the
    /// day) quoted at `millis`.
    fn quoted_at(r: &InstallationRow, input: &OrderInput, millis: u64) -> OrderQuote {
        let now = Now::from_unix_millis(millis);
        let priced = price(r, input, now.today()).unwrap().order;
        let key = key();
        let offer = Offer {
            customer_id: "cus_demo_retail",
            input,
            now,
            key: &key,
        };
        offer.quote(r, &priced, &billing()).unwrap()
    }

    /// Whether `token` confirms the order of `input` on `r` priced at `millis`.
    fn confirm_at(
        token: &str,
        customer_id: &str,
        r: &InstallationRow,
        input: &OrderInput,
        millis: u64,
    ) -> Result<(), ApiError> {
        let key = key();
        let offer = Offer {
            customer_id,
            input,
            now: Now::from_unix_millis(millis),
            key: &key,
        };
        offer.confirm(token, r, quoted_at(r, input, millis))
    }

    const SMA: OrderInput = OrderInput::Sma(TermYears::One);
    const MINUTE: u64 = 60_000;

    #[test]
    fn a_quote_confirms_its_order_at_its_amounts_for_30_minutes() {
        let r = row();
        let q = quoted_at(&r, &SMA, NOW);
        assert_eq!(q.quote_expires_at, "2026-11-28T10:45:00Z");
        assert_eq!(q.quote.date, day("2026-11-28"));
        let token = &q.quote_token;
        assert_eq!(
            confirm_at(token, "cus_demo_retail", &r, &SMA, NOW + 29 * MINUTE),
            Ok(())
        );
        let e = confirm_at(token, "cus_demo_retail", &r, &SMA, NOW + 30 * MINUTE).unwrap_err();
        assert_eq!((e.status(), e.code()), (409, "quote_expired"));
        assert_eq!(
            e.changed_quote().unwrap().quote.amounts.net,
            q.quote.amounts.net
        );
    }

    #[test]
    fn a_quote_whose_price_changed_at_midnight_is_refused_with_the_new_quote() {
        let r = row();
        // 23:50, so the quote is still valid after midnight.
        let late_evening = NOW + (13 * 60 + 35) * MINUTE;
        let q = quoted_at(&r, &SMA, late_evening);
        let after_midnight = late_evening + 20 * MINUTE;
        let e =
            confirm_at(&q.quote_token, "cus_demo_retail", &r, &SMA, after_midnight).unwrap_err();
        assert_eq!((e.status(), e.code()), (409, "quote_changed"));
        let now = e.changed_quote().unwrap();
        assert_eq!(now.quote.date, day("2026-11-29"));
        assert!(
            now.quote.amounts.net > q.quote.amounts.net,
            "one more day of back-pay"
        );
        assert_eq!(
            confirm_at(
                &now.quote_token,
                "cus_demo_retail",
                &r,
                &SMA,
                after_midnight
            ),
            Ok(())
        );
    }

    #[test]
    fn a_quote_of_the_installation_before_it_changed_is_refused() {
        let r = row();
        let q = quoted_at(&r, &SMA, NOW);
        let changed = InstallationRow {
            version: r.version + 1,
            ..row()
        };
        let e = confirm_at(&q.quote_token, "cus_demo_retail", &changed, &SMA, NOW).unwrap_err();
        assert_eq!(e.code(), "quote_changed");
    }

    #[test]
    fn another_orders_or_customers_or_a_forged_token_is_not_a_quote_of_this_order() {
        let r = row();
        let q = quoted_at(&r, &SMA, NOW);
        let three_years = OrderInput::Sma(TermYears::Three);
        for e in [
            confirm_at(&q.quote_token, "cus_demo_retail", &r, &three_years, NOW),
            confirm_at(&q.quote_token, "cus_other", &r, &SMA, NOW),
            confirm_at("q1.forged.token", "cus_demo_retail", &r, &SMA, NOW),
        ] {
            let e = e.unwrap_err();
            assert_eq!(
                (e.status(), e.code(), e.body().error.field.as_deref()),
                (422, "invalid_quote", Some("quote_token"))
            );
        }
    }

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
