//! The public price list and quotes: `GET /api/catalog`, `POST /api/quotes/{new,upgrade,expansion}`.
//! Every figure comes from `shared`, the same code the browser runs.

use crate::{
    error::ApiResult,
    http::{ok_json, read_json, today},
};
use sma_shared::{
    api::{self, ExpansionQuoteRequest, NewQuoteRequest, UpgradeQuoteRequest},
    PriceBooks,
};
use worker::Request;

/// The price book in force on `?date=` (default today).
pub fn catalog(req: &Request) -> ApiResult {
    let url = req.url()?;
    let date = url
        .query_pairs()
        .find(|(k, _)| k == "date")
        .map(|(_, v)| v.into_owned());
    ok_json(&api::catalog(PriceBooks::demo(), date.as_deref(), today())?)
}

/// A new purchase: licences, SMA schedule, back-pay and fee when late.
pub async fn new(mut req: Request) -> ApiResult {
    let body: NewQuoteRequest = read_json(&mut req).await?;
    ok_json(&api::quote_new(PriceBooks::demo(), &body, today())?)
}

/// An edition upgrade, with the credit an active SMA earns.
pub async fn upgrade(mut req: Request) -> ApiResult {
    let body: UpgradeQuoteRequest = read_json(&mut req).await?;
    ok_json(&api::quote_upgrade(PriceBooks::demo(), &body, today())?)
}

/// Added cameras or modules, co-termed with the running SMA year.
pub async fn expansion(mut req: Request) -> ApiResult {
    let body: ExpansionQuoteRequest = read_json(&mut req).await?;
    ok_json(&api::quote_expansion(PriceBooks::demo(), &body, today())?)
}
