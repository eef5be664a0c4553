//! The SMA portal's Worker: the HTTP API, signed downloads, the renewal run and e-mail
//! delivery.
//!
//! A request enters in [`fetch`]: it gets its [`context::Ctx`] (request id, the clock read
//! once), the body limit is checked, the router below hands it to one handler of `routes`
//! (through the one adapter [`context::to`]), and every answer leaves with the security
//! headers. Handlers ask `access` who calls, `shared` what the rules say, `store` what is
//! stored, and answer with `http::respond`; `error` is the one error boundary. The crons enter
//! in `cron` the same way and run `renewal_run` and the mail sweep; the mail queue's messages
//! enter in `delivery` (read from `config`).

mod access;
mod clock;
mod config;
mod context;
mod cron;
mod crypto;
mod delivery;
mod error;
mod http;
mod renewal_legacy;
mod renewal_run;
mod routes;
mod store;

use context::{to, Ctx};
use error::ApiError;
use http::{headers, limits, request, respond};
use routes::{
    admin, dev, downloads, installations, me, meta, orders, quotes, registrations, releases,
    renewals, sales, session, tokens, users,
};
use worker::{event, Context, Env, Request, Response, Router};

#[event(fetch)]
async fn fetch(req: Request, env: Env, waiter: Context) -> worker::Result<Response> {
    let ctx = Ctx::begin(Some(waiter));
    let request_id = ctx.request_id.clone();
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
    Ok(headers::finish(resp, &request_id))
}

/// Every route, one line each.
fn routes<'a>(ctx: Ctx) -> Router<'a, Ctx> {
    Router::with_data(ctx)
        .get_async("/api/health", to(meta::health))
        .get_async("/api/openapi.json", to(meta::openapi))
        .get_async("/api/catalog", to(quotes::catalog))
        .post_async("/api/quotes/new", to(quotes::new))
        .post_async("/api/quotes/upgrade", to(quotes::upgrade))
        .post_async("/api/quotes/expansion", to(quotes::expansion))
        .post_async("/api/quotes/legacy-compare", to(quotes::legacy_compare))
        .get_async("/api/releases", to(releases::list))
        .get_async("/api/releases/:version", to(releases::get))
        .get_async("/releases.atom", to(releases::feed))
        .put_async("/api/admin/artifacts/*key", to(admin::put_artifact))
        .get_async("/api/admin/artifacts/*key", to(admin::head_artifact))
        .post_async("/api/admin/renewals/run", to(renewals::run))
        .get_async("/api/admin/sales-requests", to(sales::list))
        .post_async("/api/sales-requests", to(sales::create))
        .post_async("/api/session", to(session::sign_in))
        .delete_async("/api/session", to(session::sign_out))
        .get_async("/api/me", to(session::me))
        .post_async("/api/registrations", to(registrations::register))
        .post_async("/api/password-resets", to(registrations::reset))
        .post_async("/api/tokens/inspect", to(tokens::inspect))
        .post_async("/api/tokens/redeem", to(tokens::redeem))
        .post_async("/api/tokens/decide", to(tokens::decide))
        .get_async("/api/users", to(users::list))
        .post_async("/api/users/invitations", to(users::invite))
        .delete_async("/api/users/:id", to(users::remove))
        .post_async("/api/me/password", to(me::change_password))
        .get_async("/api/me/sessions", to(me::sessions))
        .delete_async("/api/me/sessions", to(me::end_sessions))
        .get_async("/api/me/notifications", to(me::notifications))
        .put_async("/api/me/notifications", to(me::update_notifications))
        .get_async("/api/dev/mailbox", to(dev::mailbox))
        .get_async("/api/dev/outbox", to(dev::outbox))
        .post_async("/api/dev/outbox", to(dev::load))
        .post_async("/api/dev/outbox/enqueue", to(dev::enqueue))
        .post_async("/api/dev/outbox/sweep", to(dev::sweep))
        .get_async("/dev/mailbox", to(dev::mailbox_page))
        .get_async("/dev/mailbox/:id", to(dev::mailbox_message))
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
