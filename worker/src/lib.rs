//! The SMA portal's Worker: the HTTP API, signed downloads and the daily renewal run.
//!
//! A request enters in [`fetch`]: it gets its [`context::Ctx`] (request id, the clock read
//! once), the body limit is checked, the router below hands it to one handler of `routes`
//! (through the one adapter [`context::to`]), and every answer leaves with the security
//! headers. Handlers ask `access` who calls, `shared` what the rules say, `store` what is
//! stored, and answer with `http::respond`; `error` is the one error boundary. Each request
//! leaves one JSON log line (`observe`). The cron enters in `cron` the same way and runs
//! `renewal_run`.

mod access;
mod clock;
mod context;
mod cron;
mod crypto;
mod deployment;
mod error;
mod http;
mod observe;
mod renewal_run;
mod routes;
mod store;

use context::{to, Ctx, Routes};
use error::ApiError;
use http::{headers, limits, request, respond};
use routes::{
    artifacts, audit, downloads, installations, meta, orders, publishing, quotes, releases,
    renewals, session,
};
use worker::{event, Context, Env, Request, Response};

#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> worker::Result<Response> {
    let ctx = Ctx::begin();
    let request_id = ctx.request_id.clone();
    let trace = observe::Trace::begin(&req, &request_id, ctx.now.unix_millis());
    let limit = match limits::is_limited(&req.path()) {
        true => request::check_declared_length(&req),
        false => Ok(()),
    };
    let resp = match limit {
        Err(e) => respond::error(e, &request_id),
        Ok(()) => {
            let api = req.path().starts_with("/api/");
            let resp = routes(ctx).run(req, env).await?;
            // The router answers a known path with another method by itself, in plain text.
            if api && resp.status_code() == 405 {
                respond::error(ApiError::MethodNotAllowed, &request_id)
            } else {
                resp
            }
        }
    };
    let resp = headers::finish(resp, &request_id);
    trace.finish(resp.status_code());
    Ok(resp)
}

/// Every route, one line each.
fn routes<'a>(ctx: Ctx) -> Routes<'a> {
    Routes::with_data(ctx)
        .get_async("/api/health", to(meta::health))
        .get_async("/api/openapi.json", to(meta::openapi))
        .get_async("/api/catalog", to(quotes::catalog))
        .post_async("/api/quotes/new", to(quotes::new))
        .post_async("/api/quotes/upgrade", to(quotes::upgrade))
        .post_async("/api/quotes/expansion", to(quotes::expansion))
        .get_async("/api/releases", to(releases::list))
        .get_async("/api/releases/:version", to(releases::get))
        .get_async("/releases.atom", to(releases::feed))
        .get_async("/api/admin/artifacts/:version/:name", to(artifacts::get))
        .put_async("/api/admin/artifacts/:version/:name", to(artifacts::put))
        .post_async(
            "/api/admin/artifacts/:version/:name/uploads",
            to(artifacts::start),
        )
        .delete_async(
            "/api/admin/artifacts/:version/:name/uploads",
            to(artifacts::abort),
        )
        .put_async(
            "/api/admin/artifacts/:version/:name/uploads/:part",
            to(artifacts::part),
        )
        .post_async(
            "/api/admin/artifacts/:version/:name/complete",
            to(artifacts::complete),
        )
        .get_async("/api/admin/releases", to(publishing::list))
        .put_async("/api/admin/releases/:version", to(publishing::put))
        .put_async(
            "/api/admin/releases/:version/withdrawal",
            to(publishing::withdraw),
        )
        .delete_async(
            "/api/admin/releases/:version/withdrawal",
            to(publishing::restore),
        )
        .get_async("/api/admin/audit", to(audit::list))
        .post_async("/api/admin/renewals/run", to(renewals::run))
        .post_async("/api/session", to(session::sign_in))
        .delete_async("/api/session", to(session::sign_out))
        .get_async("/api/me", to(session::me))
        .get_async("/api/installations", to(installations::list))
        .get_async("/api/installations/:id", to(installations::get))
        .get_async(
            "/api/installations/:id/activity",
            to(installations::activity),
        )
        .post_async(
            "/api/installations/:id/sma/cancel",
            to(installations::cancel),
        )
        .post_async(
            "/api/installations/:id/sma/resume",
            to(installations::resume),
        )
        .post_async("/api/installations/:id/quotes/:kind", to(orders::quote))
        .post_async("/api/orders", to(orders::place))
        .get_async("/api/orders", to(orders::list))
        .get_async("/api/orders/:id", to(orders::get))
        .post_async("/api/downloads", to(downloads::issue))
        .on_async("/dl/*link", to(downloads::serve))
        .on_async("/dl/", to(downloads::serve))
        .or_else_any_method_async("/api/*rest", to(meta::not_found))
}
