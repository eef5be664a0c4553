//! The request context and the one adapter between the router and the handlers.
//!
//! [`Ctx`] is made once where work enters the Worker (a request in `lib.rs`, the cron in
//! `cron.rs`): a request id and [`Now`], the only reading of the clock. A handler gets a [`Cx`]
//! (the context, the bindings, the path's parameters) and returns an [`ApiResult`]; [`to`]
//! turns such a handler into what the router takes, errors into api.md's error shape.
//! [`Routes`] is the router with one addition: the pattern a request matched goes into its log
//! line (`observe`).

use crate::clock::Now;
use crate::error::{ApiError, ApiResult};
use crate::http::{ids, respond};
use chrono::NaiveDate;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use worker::{Bucket, Context, D1Database, Env, Method, Request, Response, RouteContext};

/// What one request (or one scheduled run) carries from its start.
#[derive(Clone, Debug)]
pub struct Ctx {
    /// The id that every response and log line of this request carries.
    pub request_id: String,
    /// When it began: the one reading of the clock.
    pub now: Now,
    /// The runtime's context of a request, for work that may finish after the response.
    waiter: Option<Rc<Context>>,
}

impl Ctx {
    /// A fresh context: a new request id, the clock read now; `waiter` is the request's
    /// runtime context (none for the cron and the queue, which await their work).
    pub fn begin(waiter: Option<Context>) -> Ctx {
        Ctx {
            request_id: ids::request_id(),
            now: Now::from_unix_millis(worker::Date::now().as_millis()),
            waiter: waiter.map(Rc::new),
        }
    }
}

/// What a handler gets besides the request.
pub struct Cx(RouteContext<Ctx>);

impl Cx {
    /// When the request began.
    pub fn now(&self) -> Now {
        self.0.data.now
    }

    /// The request's id (what its response and log lines carry).
    pub fn request_id(&self) -> &str {
        &self.0.data.request_id
    }

    /// The request's day (UTC): what `shared` decides on.
    pub fn today(&self) -> NaiveDate {
        self.0.data.now.today()
    }

    /// A parameter of the route's path (`:id`, `*key`); empty when absent.
    pub fn param(&self, name: &str) -> &str {
        self.0.param(name).map_or("", String::as_str)
    }

    /// The Worker's environment (variables and secrets).
    pub fn env(&self) -> &Env {
        &self.0.env
    }

    /// The D1 database.
    pub fn db(&self) -> Result<D1Database, ApiError> {
        Ok(self.0.env.d1("DB")?)
    }

    /// Runs `work` after the response is sent (the runtime keeps the request alive for it), so
    /// that the answer never waits for it; without a request context it runs alongside.
    pub fn defer(&self, work: impl Future<Output = ()> + 'static) {
        match &self.0.data.waiter {
            Some(ctx) => ctx.wait_until(work),
            None => worker::wasm_bindgen_futures::spawn_local(work),
        }
    }

    /// Sends the ids of outbox rows just written to the mail queue, after the response.
    pub fn send_mail(&self, ids: Vec<i64>) {
        if ids.is_empty() {
            return;
        }
        let env = self.0.env.clone();
        self.defer(async move { crate::delivery::enqueue(&env, &ids).await });
    }

    /// The R2 bucket of release artifacts.
    pub fn bucket(&self) -> Result<Bucket, ApiError> {
        Ok(self.0.env.bucket("ARTIFACTS")?)
    }

    /// The SPA's built files (the `[assets]` binding).
    pub fn assets(&self) -> Result<worker::Fetcher, ApiError> {
        Ok(self.0.env.assets("ASSETS")?)
    }
}

/// The future the router awaits for one request.
type Answer = Pin<Box<dyn Future<Output = worker::Result<Response>>>>;

/// A handler as the route table holds it.
pub type Handler = fn(Request, Cx) -> Pin<Box<dyn Future<Output = ApiResult>>>;

/// One line of the route table: a method, a path pattern in the router's syntax (`:id` one
/// segment, `*key` the rest) and its handler.
#[derive(Debug)]
pub struct Route {
    /// The method.
    pub method: Method,
    /// The path pattern.
    pub pattern: &'static str,
    /// The handler.
    pub handler: Handler,
}

/// A [`Route`] of `Method::$method`, `$pattern` and the async handler `$handler`.
macro_rules! route {
    ($method:ident, $pattern:literal, $handler:path) => {
        $crate::context::Route {
            method: ::worker::Method::$method,
            pattern: $pattern,
            handler: |req, cx| Box::pin($handler(req, cx)),
        }
    };
}

/// The one adapter from a handler `async fn(Request, Cx) -> ApiResult` to a route of the
/// router: its error becomes the JSON error response under the request's id.
pub fn to<F, Fut>(handler: F) -> impl Fn(Request, RouteContext<Ctx>) -> Answer
where
    F: Fn(Request, Cx) -> Fut + 'static,
    Fut: Future<Output = ApiResult> + 'static,
{
    move |req, route| {
        let request_id = route.data.request_id.clone();
        let answer = handler(req, Cx(route));
        Box::pin(async move {
            Ok(answer
                .await
                .unwrap_or_else(|e| respond::error(e, &request_id)))
        })
    }
}
