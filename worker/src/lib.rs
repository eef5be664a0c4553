//! The SMA portal's Worker: the HTTP API, signed downloads and the daily renewal run.
//!
//! This file only wires the router; each resource lives in its own module.

mod admin;
mod auth;
mod cron;
mod downloads;
mod error;
mod health;
mod http;
mod installations;
mod orders;
mod quotes;
mod releases;
mod renewals;
mod security;
mod store;

use error::{ApiError, ApiResult};
use std::future::Future;
use worker::{event, Context, Env, Request, Response, RouteContext, Router};

/// Per-request data the handlers see.
pub struct Ctx {
    /// The id that every response and log line of this request carries.
    pub request_id: String,
}

/// The one route whose body may exceed the JSON limit (artifact uploads, admin only).
const UPLOAD_PREFIX: &str = "/api/admin/artifacts/";

#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> worker::Result<Response> {
    let request_id = http::new_request_id();
    let limit = if req.path().starts_with(UPLOAD_PREFIX) {
        Ok(())
    } else {
        http::check_declared_length(&req)
    };
    let resp = match limit {
        Err(e) => e.into_response(&request_id),
        Ok(()) => {
            let api = req.path().starts_with("/api/");
            let ctx = Ctx {
                request_id: request_id.clone(),
            };
            let resp = routes(ctx).run(req, env).await?;
            // The router answers a known path with another method by itself, in plain text.
            if api && resp.status_code() == 405 {
                ApiError::MethodNotAllowed.into_response(&request_id)
            } else {
                resp
            }
        }
    };
    Ok(http::finish(resp, &request_id))
}

/// Runs a handler and turns its error into the JSON error shape.
async fn run(
    request_id: String,
    handler: impl Future<Output = ApiResult>,
) -> worker::Result<Response> {
    Ok(handler
        .await
        .unwrap_or_else(|e| e.into_response(&request_id)))
}

fn rid(ctx: &RouteContext<Ctx>) -> String {
    ctx.data.request_id.clone()
}

fn param(ctx: &RouteContext<Ctx>, name: &str) -> String {
    ctx.param(name).cloned().unwrap_or_default()
}

fn db(ctx: &RouteContext<Ctx>) -> Result<worker::D1Database, ApiError> {
    Ok(ctx.env.d1("DB")?)
}

fn bucket(ctx: &RouteContext<Ctx>) -> Result<worker::Bucket, ApiError> {
    Ok(ctx.env.bucket("ARTIFACTS")?)
}

fn routes<'a>(ctx: Ctx) -> Router<'a, Ctx> {
    Router::with_data(ctx)
        .get_async("/api/health", |_, c| run(rid(&c), async { health::get() }))
        .get_async("/api/openapi.json", |_, c| {
            run(rid(&c), async { http::openapi() })
        })
        .get_async("/api/catalog", |req, c| {
            run(rid(&c), async move { quotes::catalog(&req) })
        })
        .post_async("/api/quotes/new", |req, c| run(rid(&c), quotes::new(req)))
        .post_async("/api/quotes/upgrade", |req, c| {
            run(rid(&c), quotes::upgrade(req))
        })
        .post_async("/api/quotes/expansion", |req, c| {
            run(rid(&c), quotes::expansion(req))
        })
        .get_async("/api/releases", |req, c| {
            run(rid(&c), async move { releases::list(req, db(&c)?).await })
        })
        .get_async("/api/releases/:version", |_, c| {
            run(rid(&c), async move {
                releases::get(&param(&c, "version"), db(&c)?).await
            })
        })
        .get_async("/releases.atom", |req, c| {
            run(rid(&c), async move { releases::feed(req, db(&c)?).await })
        })
        .put_async("/api/admin/artifacts/*key", |req, c| {
            run(rid(&c), async move {
                admin::put_artifact(req, &c.env, bucket(&c)?, &param(&c, "key")).await
            })
        })
        .get_async("/api/admin/artifacts/*key", |req, c| {
            run(rid(&c), async move {
                admin::head_artifact(req, &c.env, bucket(&c)?, &param(&c, "key")).await
            })
        })
        .post_async("/api/session", |req, c| {
            run(rid(&c), async move { auth::sign_in(req, db(&c)?).await })
        })
        .delete_async("/api/session", |req, c| {
            run(rid(&c), async move { auth::sign_out(req, db(&c)?).await })
        })
        .get_async("/api/me", |req, c| {
            run(rid(&c), async move { auth::me(req, db(&c)?).await })
        })
        .get_async("/api/installations", |req, c| {
            run(
                rid(&c),
                async move { installations::list(req, db(&c)?).await },
            )
        })
        .get_async("/api/installations/:id", |req, c| {
            run(rid(&c), async move {
                installations::get(req, db(&c)?, &param(&c, "id")).await
            })
        })
        .get_async("/api/installations/:id/activity", |req, c| {
            run(rid(&c), async move {
                installations::activity(req, db(&c)?, &param(&c, "id")).await
            })
        })
        .post_async("/api/installations/:id/sma/cancel", |req, c| {
            run(rid(&c), async move {
                installations::cancel(req, db(&c)?, &param(&c, "id")).await
            })
        })
        .post_async("/api/installations/:id/sma/resume", |req, c| {
            run(rid(&c), async move {
                installations::resume(req, db(&c)?, &param(&c, "id")).await
            })
        })
        .post_async("/api/downloads", |req, c| {
            run(rid(&c), async move {
                downloads::issue(req, &c.env, db(&c)?).await
            })
        })
        .on_async("/dl/*link", |req, c| {
            run(rid(&c), async move {
                downloads::serve(req, &c.env, db(&c)?, bucket(&c)?).await
            })
        })
        .on_async("/dl/", |req, c| {
            run(rid(&c), async move {
                downloads::serve(req, &c.env, db(&c)?, bucket(&c)?).await
            })
        })
        .post_async("/api/installations/:id/quotes/:kind", |req, c| {
            run(rid(&c), async move {
                orders::quote(req, db(&c)?, &param(&c, "id"), &param(&c, "kind")).await
            })
        })
        .post_async("/api/orders", |req, c| {
            run(rid(&c), async move { orders::place(req, db(&c)?).await })
        })
        .get_async("/api/orders", |req, c| {
            run(rid(&c), async move { orders::list(req, db(&c)?).await })
        })
        .get_async("/api/orders/:id", |req, c| {
            run(rid(&c), async move {
                orders::get(req, db(&c)?, &param(&c, "id")).await
            })
        })
        .post_async("/api/admin/renewals/run", |req, c| {
            run(rid(&c), async move {
                renewals::run_endpoint(req, &c.env, db(&c)?).await
            })
        })
        .or_else_any_method_async("/api/*rest", |req, c| run(rid(&c), fallback(req)))
}

/// Unknown API paths answer 404 in the error shape (a known path with another method gets 405
/// from the router, turned into the error shape in `fetch`).
async fn fallback(_req: Request) -> ApiResult {
    Err(ApiError::NotFound)
}
