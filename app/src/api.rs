//! Every HTTP call of the app, in one place (the browser's `fetch`; request bodies serialised by
//! `serde_json`, answers parsed by the browser and read by `serde-wasm-bindgen`). The bodies are
//! the types of `sma_shared::api`, the same the Worker serialises; this module declares none.
//!
//! The portal's changes (signing in and out, switching auto-renew, asking for a quote, placing
//! an order) are also data, [`Change`], applied by [`apply`] (`api/changes.rs`): every Leptos
//! action of the portal then has the same type, so its machinery is compiled into the Wasm once
//! instead of once per action (about 6 KB each).
//!
//! The calculator bundle's only call, [`quote_new`], reads its answer with the browser's
//! `JSON.parse` instead of serde: that keeps `serde_json`'s deserializer (≈ 30 KB of Wasm) out
//! of the first page load.

use js_sys::{Array, Object, Reflect, JSON};
use serde::{de::DeserializeOwned, Serialize};
use sma_shared::{
    api::{
        ActivityList, DownloadLink, DownloadRequest, ErrorDetail, Installation, InstallationList,
        LegacyCompareRequest, NewQuoteRequest, NotificationPreferences, OrderInputs, OrderList,
        OrderQuote, OrderView, ReleaseBriefList, ReleaseList, SalesRequestBody, SessionList,
        TokenInfo, TokenQuery, UserBody, UserList,
    },
    lifecycle::LegacyComparison,
    orders::OrderKind,
    releases::Release,
};
use std::{
    any::Any,
    future::{Future, IntoFuture},
    marker::PhantomData,
    pin::Pin,
    rc::Rc,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{RequestInit, Response};

mod changes;

pub use changes::{apply, preload as preload_changes, Change, Done};

/// An error answer of the API (the `error` of `{"error": {"code", "message", "field"}}`), or
/// a failure to reach it (code `network`, or `http_{status}` for an answer without that body).
pub type ApiError = ErrorDetail;

fn network_error(e: impl std::fmt::Display) -> ApiError {
    ApiError::new(
        "network",
        format!("The server could not be reached ({e})."),
        None,
    )
}

fn status_error(status: u16) -> ApiError {
    ApiError::new(
        format!("http_{status}"),
        format!("The server answered {status}."),
        None,
    )
}

/// A failure of the browser's `fetch` (or of reading the answer): the text of what it threw,
/// e.g. `TypeError: Failed to fetch`.
fn fetch_error(e: JsValue) -> ApiError {
    network_error(String::from(e.unchecked_ref::<Object>().to_string()))
}

/// The `error` of a parsed error answer (`{"error": {"code", "message", "field"}}`, with
/// `retry_after_seconds` when rate limited), read without serde (the app never shows an
/// import's rejected `rows`).
fn error_from_json(body: &JsValue) -> Option<ApiError> {
    let error = Reflect::get(body, &JsValue::from_str("error")).ok()?;
    let retry_after = Reflect::get(&error, &JsValue::from_str("retry_after_seconds")).ok();
    Some(ApiError {
        retry_after_seconds: retry_after.and_then(|s| s.as_f64()).map(|s| s as u64),
        ..ApiError::new(
            json_str(&error, "code")?,
            json_str(&error, "message")?,
            json_str(&error, "field"),
        )
    })
}

/// One request: its method, URL, JSON body and `Idempotency-Key`.
struct Call {
    method: &'static str,
    url: String,
    body: Option<String>,
    key: Option<String>,
}

impl Call {
    fn new(method: &'static str, url: &str) -> Self {
        Self {
            method,
            url: url.to_owned(),
            body: None,
            key: None,
        }
    }

    /// The call with `body` serialised as its JSON body.
    fn json<B: Serialize>(self, body: &B) -> Result<Self, ApiError> {
        let body =
            serde_json::to_string(body).map_err(|_| network_error("unserialisable request"))?;
        Ok(Self {
            body: Some(body),
            ..self
        })
    }
}

/// The future of an answer's text.
type Answer = Pin<Box<dyn Future<Output = Result<String, ApiError>>>>;

/// Sends a call with the browser's `fetch`: the text of a successful answer, or the error the
/// answer carries. Every call of the app goes through this one (boxed, not generic) future, so
/// the fetch's state machine is in the Wasm once instead of inlined into every caller.
fn send(call: Call) -> Answer {
    Box::pin(async move {
        let init = RequestInit::new();
        init.set_method(call.method);
        let headers = Object::new();
        let header = |name: &str, value: &str| {
            let _ = Reflect::set(
                &headers,
                &JsValue::from_str(name),
                &JsValue::from_str(value),
            );
        };
        if let Some(key) = &call.key {
            header("Idempotency-Key", key);
        }
        if let Some(body) = &call.body {
            header("content-type", "application/json");
            init.set_body(&JsValue::from_str(body));
        }
        init.set_headers(&headers);
        let window = web_sys::window().ok_or_else(|| network_error("no window"))?;
        let resp: Response = JsFuture::from(window.fetch_with_str_and_init(&call.url, &init))
            .await
            .map_err(fetch_error)?
            .unchecked_into();
        let (ok, status) = (resp.ok(), resp.status());
        let text = match resp.text() {
            Ok(promise) => JsFuture::from(promise)
                .await
                .map(|t| t.as_string().unwrap_or_default())
                .map_err(fetch_error),
            Err(e) => Err(fetch_error(e)),
        };
        match text {
            Ok(text) if ok => Ok(text),
            Err(e) if ok => Err(e),
            text => Err(text
                .ok()
                .and_then(|t| parse_json(&t))
                .and_then(|v| error_from_json(&v))
                .unwrap_or_else(|| status_error(status))),
        }
    })
}

/// An answer's text as a `T`: parsed by the browser (`JSON.parse`) and read into `T` by
/// `serde-wasm-bindgen`, whose deserializer is smaller per answer type than `serde_json`'s
/// (12 KB less brotli Wasm for the portal's answer types).
fn parse<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    let value = parse_json(text).ok_or_else(|| network_error("the answer is not JSON"))?;
    serde_wasm_bindgen::from_value(value).map_err(network_error)
}

/// A call whose answer is a `T` (a `GET`, or a `POST` that changes nothing): `.await` it like
/// the call itself, or give it to a resource (`Loaded::query`), which loads it through
/// [`Query::load`].
pub struct Query<T> {
    call: Result<Call, ApiError>,
    ty: PhantomData<fn() -> T>,
}

fn get<T>(url: &str) -> Query<T> {
    Query {
        call: Ok(Call::new("GET", url)),
        ty: PhantomData,
    }
}

fn post<B: Serialize, T>(url: &str, body: &B) -> Query<T> {
    Query {
        call: Call::new("POST", url).json(body),
        ty: PhantomData,
    }
}

/// How a loaded answer's text becomes a resource's value (`Result<T, ApiError>`, type-erased).
type Reader = fn(Result<String, ApiError>) -> Rc<dyn Any>;

impl<T: DeserializeOwned + 'static> Query<T> {
    /// The answer as a `Result<T, ApiError>` behind `Rc<dyn Any>`. The future is one type for
    /// every `T` (only the reading of the text is `T`'s), so a resource's loading is compiled
    /// into the Wasm once, not once per answer type.
    pub fn load(self) -> Pin<Box<dyn Future<Output = Rc<dyn Any>>>> {
        load(self.call, read::<T>)
    }

    /// As [`Query::load`], the answer as `Some(Result<T, ApiError>)`: for a resource that may
    /// have nothing to ask (`Loaded::query_when`).
    pub fn load_some(self) -> Pin<Box<dyn Future<Output = Rc<dyn Any>>>> {
        load(self.call, read_some::<T>)
    }

    /// The answer, read by the reader of [`Query::load_some`] in the loading future of every
    /// query: for an answer type that a `Loaded::query_when` reads too, so that neither its
    /// reading nor a future of its own is in the Wasm twice (`.await` has both).
    pub async fn answer(self) -> Result<T, ApiError> {
        self.load_some()
            .await
            .downcast::<Option<Result<T, ApiError>>>()
            .ok()
            .and_then(|rc| Rc::try_unwrap(rc).ok())
            .flatten()
            .unwrap_or_else(|| Err(network_error("the answer was read as another type")))
    }
}

fn read_some<T: DeserializeOwned + 'static>(text: Result<String, ApiError>) -> Rc<dyn Any> {
    Rc::new(Some(text.and_then(|t| parse::<T>(&t))))
}

fn read<T: DeserializeOwned + 'static>(text: Result<String, ApiError>) -> Rc<dyn Any> {
    Rc::new(text.and_then(|t| parse::<T>(&t)))
}

fn load(call: Result<Call, ApiError>, read: Reader) -> Pin<Box<dyn Future<Output = Rc<dyn Any>>>> {
    Box::pin(async move {
        read(match call {
            Ok(call) => send(call).await,
            Err(e) => Err(e),
        })
    })
}

impl<T: DeserializeOwned + 'static> IntoFuture for Query<T> {
    type Output = Result<T, ApiError>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { parse(&send(self.call?).await?) })
    }
}

async fn post_text<B: Serialize>(url: &str, body: &B) -> Result<String, ApiError> {
    send(Call::new("POST", url).json(body)?).await
}

/// Encodes query parameters (empty values are left out).
pub fn query_string(params: &[(&str, &str)]) -> String {
    let parts: Vec<String> = params
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", js_sys_encode(v)))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

fn js_sys_encode(v: &str) -> String {
    String::from(js_sys::encode_uri_component(v))
}

/// `POST /api/quotes/new`: the binding quote, as the parsed JSON value (see [`json_eq`] and
/// [`json_str`]).
pub async fn quote_new(req: &NewQuoteRequest) -> Result<JsValue, ApiError> {
    post_for_value("/api/quotes/new", req).await
}

/// `POST /api/sales-requests`: the request's id. Read like [`quote_new`] (the calculator
/// sends it too).
pub async fn ask_sales(req: &SalesRequestBody) -> Result<String, ApiError> {
    let answer = post_for_value("/api/sales-requests", req).await?;
    json_str(&answer, "id").ok_or_else(|| network_error("the answer has no id"))
}

/// A POST whose answer is read as a parsed JSON value: serde-free on the way back.
async fn post_for_value<B: Serialize>(url: &str, req: &B) -> Result<JsValue, ApiError> {
    parse_json(&post_text(url, req).await?).ok_or_else(|| network_error("the answer is not JSON"))
}

/// `POST /api/quotes/legacy-compare`: a Maintenance Contract extended or switched to the SMA.
pub fn legacy_compare(req: &LegacyCompareRequest) -> Query<LegacyComparison> {
    post("/api/quotes/legacy-compare", req)
}

/// `JSON.parse`, `None` for anything that is not JSON.
pub fn parse_json(text: &str) -> Option<JsValue> {
    JSON::parse(text).ok()
}

/// A value serialised by serde and parsed by the browser (`null` if it cannot be serialised).
pub fn to_json<T: Serialize>(value: &T) -> JsValue {
    serde_json::to_string(value)
        .ok()
        .and_then(|s| parse_json(&s))
        .unwrap_or(JsValue::NULL)
}

/// A string member of a JSON object (`None` when absent or not a string).
pub fn json_str(value: &JsValue, key: &str) -> Option<String> {
    Reflect::get(value, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
}

/// Whether two parsed JSON values are equal: equal primitives, arrays equal element by element,
/// objects with the same keys (in any order) and equal values.
pub fn json_eq(a: &JsValue, b: &JsValue) -> bool {
    if Object::is(a, b) {
        return true;
    }
    if !a.is_object() || !b.is_object() {
        return false;
    }
    match (a.dyn_ref::<Array>(), b.dyn_ref::<Array>()) {
        (Some(a), Some(b)) => {
            a.length() == b.length() && (0..a.length()).all(|i| json_eq(&a.get(i), &b.get(i)))
        }
        (None, None) => {
            let (a, b) = (a.unchecked_ref::<Object>(), b.unchecked_ref::<Object>());
            let keys = Object::keys(a);
            keys.length() == Object::keys(b).length()
                && keys.iter().all(|k| {
                    Reflect::has(b, &k).unwrap_or(false)
                        && json_eq(
                            &Reflect::get(a, &k).unwrap_or(JsValue::UNDEFINED),
                            &Reflect::get(b, &k).unwrap_or(JsValue::UNDEFINED),
                        )
                })
        }
        _ => false,
    }
}

/// `GET /api/releases` with filters (`q`, `category`, `module`, `channel`, `since`, `until`)
/// and a page (`limit`, `offset`), as the release browser's model plans them.
pub fn releases(params: &[(&str, String)]) -> Query<ReleaseList> {
    let pairs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    get(&format!("/api/releases{}", query_string(&pairs)))
}

/// `GET /api/releases/versions` with a range (`channel`, `since`, `until`): the releases
/// without their texts.
pub fn release_versions(params: &[(&str, &str)]) -> Query<ReleaseBriefList> {
    get(&format!("/api/releases/versions{}", query_string(params)))
}

/// `GET /api/releases/{version}`.
pub fn release(version: &str) -> Query<Release> {
    get(&format!("/api/releases/{}", js_sys_encode(version)))
}

/// `GET /api/me`: the signed-in user (401 `unauthenticated` when signed out).
pub fn me() -> Query<UserBody> {
    get("/api/me")
}

/// `GET /api/installations`: the signed-in customer's installations.
pub fn installations() -> Query<InstallationList> {
    get("/api/installations")
}

// ----- Customer quotes, orders and invoices ---------------------------------------------------

/// `GET /api/installations/{id}`: one of the customer's installations.
pub fn installation(id: &str) -> Query<Installation> {
    get(&format!("/api/installations/{}", js_sys_encode(id)))
}

/// The call of `POST /api/installations/{id}/quotes/{kind}`: what an order would cost and
/// change, priced by the server from the stored installation, with the token that orders it at
/// these amounts.
fn quote_call(id: &str, kind: OrderKind, inputs: &OrderInputs) -> Result<Call, ApiError> {
    let url = format!(
        "/api/installations/{}/quotes/{}",
        js_sys_encode(id),
        kind.path()
    );
    Call::new("POST", &url).json(inputs)
}

/// `GET /api/orders`: the customer's orders, newest first.
pub fn orders() -> Query<OrderList> {
    get("/api/orders")
}

/// `GET /api/orders/{id}`: one order and its invoice.
pub fn order(id: &str) -> Query<OrderView> {
    get(&format!("/api/orders/{}", js_sys_encode(id)))
}

/// `GET /api/installations/{id}/activity`: who changed what and when.
pub fn activity(id: &str) -> Query<ActivityList> {
    get(&format!(
        "/api/installations/{}/activity",
        js_sys_encode(id)
    ))
}

/// A fresh idempotency key for one order confirmation (a random UUID).
pub fn new_idempotency_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("k-{}", js_sys::Math::random().to_bits()))
}

// ----- Downloads ------------------------------------------------------------------------------

/// `POST /api/downloads`: a link to one file for one of the customer's installations (403
/// `not_entitled` when its SMA does not cover the release).
pub async fn download_link(
    installation_id: &str,
    artifact_id: &str,
) -> Result<DownloadLink, ApiError> {
    post(
        "/api/downloads",
        &DownloadRequest {
            installation_id: installation_id.to_owned(),
            artifact_id: artifact_id.to_owned(),
        },
    )
    .await
}

/// The quote of what restores an installation's coverage: the next term of an SMA that still
/// runs (`quotes/renewal`), or buying or reinstating one for a year (`quotes/sma`).
pub fn coverage_quote(installation_id: &str, renew: bool) -> Query<OrderQuote> {
    let (kind, inputs) = if renew {
        (OrderKind::Renewal, OrderInputs::default())
    } else {
        (
            OrderKind::Sma,
            OrderInputs {
                term_years: Some(1.into()),
                ..OrderInputs::default()
            },
        )
    };
    Query {
        call: quote_call(installation_id, kind, &inputs),
        ty: PhantomData,
    }
}

// ----- Getting in, colleagues, one's own account ----------------------------------------------

/// `POST /api/tokens/inspect`: what a one-time link is for (410 `token_invalid` when it is not
/// usable); nothing is used.
pub fn inspect_token(token: &str) -> Query<TokenInfo> {
    let body = TokenQuery {
        token: token.to_owned(),
    };
    post("/api/tokens/inspect", &body)
}

/// `GET /api/users`: the customer's users and open invitations.
pub fn users() -> Query<UserList> {
    get("/api/users")
}

/// `GET /api/me/sessions`: the signed-in user's sessions, newest first.
pub fn sessions() -> Query<SessionList> {
    get("/api/me/sessions")
}

/// `GET /api/me/notifications`: the signed-in user's notification preferences.
pub fn notifications() -> Query<NotificationPreferences> {
    get("/api/me/notifications")
}
