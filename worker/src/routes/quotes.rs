//! The public price list and quotes: `GET /api/catalog`, `POST
//! /api/quotes/{new,upgrade,expansion,legacy-compare}`.
//! Every figure comes from `shared`, the same code the browser runs.

use crate::context::Cx;
use crate::error::ApiResult;
use crate::http::cache::{self, Version};
use crate::http::{request, respond};
use sma_shared::api::{
    self, ExpansionQuoteRequest, LegacyCompareRequest, NewQuoteRequest, UpgradeQuoteRequest,
};
use sma_shared::PriceBooks;
use worker::Request;

/// The price book in force on `?date=` (default today), from the Workers cache: the books are
/// part of the build, so the key is the build (and today's date without `?date=`).
pub async fn catalog(req: Request, cx: Cx) -> ApiResult {
    let date = request::query_value(&req, "date")?;
    let version = match date {
        Some(_) => Version::BUILD,
        None => Version::day(cx.today()),
    };
    cache::serve(&req, &cx, version, async {
        respond::ok(&api::catalog(
            PriceBooks::demo(),
            date.as_deref(),
            cx.today(),
        )?)
    })
    .await
}

/// A new purchase: licences, SMA schedule, back-pay and fee when late.
pub async fn new(mut req: Request, cx: Cx) -> ApiResult {
    let body: NewQuoteRequest = request::read_json(&mut req).await?;
    respond::ok(&api::quote_new(PriceBooks::demo(), &body, cx.today())?)
}

/// An edition upgrade, with the credit an active SMA earns.
pub async fn upgrade(mut req: Request, cx: Cx) -> ApiResult {
    let body: UpgradeQuoteRequest = request::read_json(&mut req).await?;
    respond::ok(&api::quote_upgrade(PriceBooks::demo(), &body, cx.today())?)
}

/// Added cameras or modules, co-termed with the running SMA year.
pub async fn expansion(mut req: Request, cx: Cx) -> ApiResult {
    let body: ExpansionQuoteRequest = request::read_json(&mut req).await?;
    respond::ok(&api::quote_expansion(
        PriceBooks::demo(),
        &body,
        cx.today(),
    )?)
}

/// A legacy Maintenance Contract extended or switched to the SMA, year by year.
pub async fn legacy_compare(mut req: Request, cx: Cx) -> ApiResult {
    let body: LegacyCompareRequest = request::read_json(&mut req).await?;
    respond::ok(&api::quote_legacy_compare(
        PriceBooks::demo(),
        &body,
        cx.today(),
    )?)
}
