//! The SMA portal's Worker: the HTTP API, signed downloads, the renewal run and e-mail
//! delivery.
//!
//! A request enters in [`fetch`]: it gets its [`context::Ctx`] (request id, the clock read
//! once), the body limit is checked, the router built from the route table [`ROUTES`] hands it
//! to one handler of `routes` (through the one adapter [`context::to`]), and every answer
//! leaves with the security headers. The same table answers `OPTIONS` and names the methods of
//! a 405 in `Allow`. Handlers ask `access` who calls, `shared` what the rules say, `store` what is
//! stored, and answer with `http::respond`; `error` is the one error boundary. Each request
//! leaves one JSON log line (`observe`) naming its route pattern. The crons enter in `cron` the
//! same way and run `renewal_run` and the mail sweep; the mail queue's messages enter in
//! `delivery` (read from `config`).

mod access;
mod clock;
mod config;
#[macro_use]
mod context;
mod cron;
mod crypto;
mod delivery;
mod error;
mod http;
mod observe;
mod queues;
mod renewal_legacy;
mod renewal_queue;
mod renewal_run;
mod routes;
mod store;

use context::{to, Ctx, Route};
use error::ApiError;
use http::{allow, headers, limits, request, respond};
use routes::{
    artifacts, audit, dev, downloads, imports, installations, me, meta, orders, publishing, quotes,
    registrations, releases, renewals, sales, session, tokens, users,
};
use worker::{event, Context, Env, Method, Request, Response, Router};

#[event(fetch)]
async fn fetch(req: Request, env: Env, waiter: Context) -> worker::Result<Response> {
    let ctx = Ctx::begin(Some(waiter));
    let request_id = ctx.request_id.clone();
    let trace = observe::Trace::begin(&req, &request_id, ctx.now.unix_millis());
    let limit = match limits::is_limited(&req.path()) {
        true => request::check_declared_length(&req),
        false => Ok(()),
    };
    let allowed = allow::allow(ROUTES.iter().map(|r| (&r.method, r.pattern)), &req.path());
    let method = allow::known_method(&req.inner().method());
    let resp = match (limit, allowed, method) {
        (Err(e), _, _) => respond::error(e, &request_id),
        (Ok(()), Some(methods), Some(Method::Options)) => respond::options(&methods)?,
        // A method the router cannot tell apart (it would take it for GET).
        (Ok(()), Some(methods), None) => method_not_allowed(&methods, &request_id)?,
        // A method the path's most specific routes do not take, even where a less specific
        // route would (DELETE /api/users/invitations is not DELETE /api/users/:id).
        (Ok(()), Some(methods), Some(m)) if !methods.split(", ").any(|a| a == m.as_ref()) => {
            method_not_allowed(&methods, &request_id)?
        }
        (Ok(()), allowed, _) => {
            let resp = router(ctx).run(req, env).await?;
            match (resp.status_code(), allowed) {
                // A known path with another method: the router answers in plain text.
                (405, Some(methods)) => method_not_allowed(&methods, &request_id)?,
                _ => resp,
            }
        }
    };
    let resp = headers::finish(resp, &request_id);
    trace.finish(resp.status_code());
    Ok(resp)
}

/// 405 `method_not_allowed` in the error shape, with the path's methods in `Allow`.
fn method_not_allowed(methods: &str, request_id: &str) -> worker::Result<Response> {
    let mut resp = respond::error(ApiError::MethodNotAllowed, request_id);
    resp.headers_mut().set("allow", methods)?;
    Ok(resp)
}

/// Every route, one line each: the router is built from it, and the `Allow` header of a 405
/// or an `OPTIONS` answer lists the methods of the routes matching the path. A test holds it
/// equal to the operations of `openapi.json`.
const ROUTES: &[Route] = &[
    route!(Get, "/api/health", meta::health),
    route!(Get, "/api/openapi.json", meta::openapi),
    route!(Get, "/api/catalog", quotes::catalog),
    route!(Post, "/api/quotes/new", quotes::new),
    route!(Post, "/api/quotes/upgrade", quotes::upgrade),
    route!(Post, "/api/quotes/expansion", quotes::expansion),
    route!(Post, "/api/quotes/legacy-compare", quotes::legacy_compare),
    route!(Get, "/api/releases", releases::list),
    route!(Get, "/api/releases/versions", releases::versions),
    route!(Get, "/api/releases/:version", releases::get),
    route!(Get, "/releases.atom", releases::feed),
    route!(Get, "/releases/*path", releases::page),
    route!(Get, "/releases/", releases::page),
    route!(Get, "/api/admin/artifacts/:version/:name", artifacts::get),
    route!(Put, "/api/admin/artifacts/:version/:name", artifacts::put),
    route!(
        Post,
        "/api/admin/artifacts/:version/:name/uploads",
        artifacts::start
    ),
    route!(
        Delete,
        "/api/admin/artifacts/:version/:name/uploads",
        artifacts::abort
    ),
    route!(
        Put,
        "/api/admin/artifacts/:version/:name/uploads/:part",
        artifacts::part
    ),
    route!(
        Post,
        "/api/admin/artifacts/:version/:name/complete",
        artifacts::complete
    ),
    route!(Get, "/api/admin/releases", publishing::list),
    route!(Put, "/api/admin/releases/:version", publishing::put),
    route!(
        Put,
        "/api/admin/releases/:version/withdrawal",
        publishing::withdraw
    ),
    route!(
        Delete,
        "/api/admin/releases/:version/withdrawal",
        publishing::restore
    ),
    route!(Get, "/api/admin/audit", audit::list),
    route!(Post, "/api/admin/imports/customers", imports::customers),
    route!(Post, "/api/admin/imports", imports::begin),
    route!(Post, "/api/admin/imports/:id/parts", imports::part),
    route!(Post, "/api/admin/imports/:id/commit", imports::commit),
    route!(Delete, "/api/admin/imports/:id", imports::remove),
    route!(Post, "/api/admin/renewals/run", renewals::run),
    route!(Get, "/api/admin/sales-requests", sales::list),
    route!(Post, "/api/sales-requests", sales::create),
    route!(Post, "/api/session", session::sign_in),
    route!(Delete, "/api/session", session::sign_out),
    route!(Get, "/api/me", session::me),
    route!(Post, "/api/registrations", registrations::register),
    route!(Post, "/api/password-resets", registrations::reset),
    route!(Post, "/api/tokens/inspect", tokens::inspect),
    route!(Post, "/api/tokens/redeem", tokens::redeem),
    route!(Post, "/api/tokens/decide", tokens::decide),
    route!(Get, "/api/users", users::list),
    route!(Post, "/api/users/invitations", users::invite),
    route!(Delete, "/api/users/:id", users::remove),
    route!(Post, "/api/me/password", me::change_password),
    route!(Get, "/api/me/sessions", me::sessions),
    route!(Delete, "/api/me/sessions", me::end_sessions),
    route!(Get, "/api/me/notifications", me::notifications),
    route!(Put, "/api/me/notifications", me::update_notifications),
    route!(Get, "/api/dev/mailbox", dev::mailbox),
    route!(Get, "/api/dev/outbox", dev::outbox),
    route!(Post, "/api/dev/outbox", dev::load),
    route!(Post, "/api/dev/outbox/enqueue", dev::enqueue),
    route!(Post, "/api/dev/outbox/sweep", dev::sweep),
    route!(Post, "/api/dev/renewals/enqueue", dev::renewals_enqueue),
    route!(Get, "/dev/mailbox", dev::mailbox_page),
    route!(Get, "/dev/mailbox/:id", dev::mailbox_message),
    route!(Get, "/api/installations", installations::list),
    route!(Get, "/api/installations/:id", installations::get),
    route!(
        Get,
        "/api/installations/:id/activity",
        installations::activity
    ),
    route!(
        Post,
        "/api/installations/:id/sma/cancel",
        installations::cancel
    ),
    route!(
        Post,
        "/api/installations/:id/sma/resume",
        installations::resume
    ),
    route!(Post, "/api/installations/:id/quotes/:kind", orders::quote),
    route!(Post, "/api/orders", orders::place),
    route!(Get, "/api/orders", orders::list),
    route!(Get, "/api/orders/:id", orders::get),
    route!(Post, "/api/downloads", downloads::issue),
    route!(Get, "/dl/*link", downloads::serve),
    route!(Head, "/dl/*link", downloads::serve),
    route!(Get, "/dl/", downloads::serve),
    route!(Head, "/dl/", downloads::serve),
];

/// The router of [`ROUTES`]; any other path under `/api/` is a 404 in the error shape. Each
/// route notes its pattern in the request's log line before its handler runs.
fn router<'a>(ctx: Ctx) -> Router<'a, Ctx> {
    ROUTES
        .iter()
        .fold(Router::with_data(ctx), |router, r| {
            let (pattern, to_handler) = (r.pattern, to(r.handler));
            let handler = move |req: Request, route| {
                observe::note(&req, |line| line.route = pattern.to_owned());
                to_handler(req, route)
            };
            match r.method {
                Method::Get => router.get_async(r.pattern, handler),
                Method::Head => router.head_async(r.pattern, handler),
                Method::Post => router.post_async(r.pattern, handler),
                Method::Put => router.put_async(r.pattern, handler),
                Method::Patch => router.patch_async(r.pattern, handler),
                Method::Delete => router.delete_async(r.pattern, handler),
                _ => router.on_async(r.pattern, handler),
            }
        })
        .or_else_any_method_async("/api/*rest", to(meta::not_found))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The operations of the served OpenAPI document: the method and the path with each
    /// `{parameter}` replaced by a sample segment.
    fn documented() -> BTreeSet<(String, String)> {
        let doc: serde_json::Value =
            serde_json::from_str(include_str!("../openapi.json")).expect("the document is JSON");
        let mut out = BTreeSet::new();
        for (template, item) in doc["paths"].as_object().expect("paths") {
            let path = template
                .split('/')
                .map(|s| if s.starts_with('{') { "x1" } else { s })
                .collect::<Vec<_>>()
                .join("/");
            for method in item.as_object().expect("a path item").keys() {
                out.insert((method.to_uppercase(), path.clone()));
            }
        }
        out
    }

    fn allow_of(path: &str) -> String {
        allow::allow(ROUTES.iter().map(|r| (&r.method, r.pattern)), path).unwrap_or_default()
    }

    #[test]
    fn every_documented_operation_is_routed_with_its_method() {
        let documented = documented();
        assert!(documented.len() > 20, "{documented:?}");
        for (method, path) in documented {
            let allowed = allow_of(&path);
            assert!(
                allowed.split(", ").any(|m| m == method),
                "{method} {path} is documented but the route table allows {allowed:?}"
            );
        }
    }

    #[test]
    fn every_route_is_a_documented_operation() {
        let documented = documented();
        for r in ROUTES {
            // The bare prefix of a download link: refused like any incomplete link. The dev
            // mailbox page: not served outside dev. The release pages: the SPA's HTML.
            if r.pattern == "/dl/"
                || r.pattern.starts_with("/api/dev/")
                || r.pattern.starts_with("/dev/")
                || r.pattern.starts_with("/releases/")
            {
                continue;
            }
            let method = r.method.as_ref();
            assert!(
                documented
                    .iter()
                    .any(|(m, path)| m == method && allow::matches(r.pattern, path)),
                "{method} {} is routed but not in openapi.json",
                r.pattern
            );
        }
    }

    #[test]
    fn options_and_405_list_the_methods_of_the_path() {
        assert_eq!(allow_of("/api/orders"), "POST, GET, OPTIONS");
        assert_eq!(allow_of("/api/session"), "POST, DELETE, OPTIONS");
        assert_eq!(allow_of("/dl/v1/k/i/a/1/m"), "GET, HEAD, OPTIONS");
        assert_eq!(allow_of("/api/users/invitations"), "POST, OPTIONS");
        assert_eq!(allow_of("/api/users/usr_1"), "DELETE, OPTIONS");
        assert_eq!(allow_of("/api/nothing"), "");
    }
}
