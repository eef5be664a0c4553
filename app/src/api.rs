//! Every HTTP call of the app, in one place (gloo-net, JSON via serde).
//!
//! The calculator bundle's only call, [`quote_new`], reads its answer with the browser's
//! `JSON.parse` instead of serde: that keeps `serde_json`'s deserializer (≈ 30 KB of Wasm) out
//! of the first page load.

use gloo_net::http::{Request, Response};
use js_sys::{Array, Object, Reflect, JSON};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use sma_shared::{
    api::{NewQuoteRequest, OrderInputs, OrderRequest, OrderView, QuoteView, ReleaseList},
    orders::OrderKind,
    releases::Release,
};
use wasm_bindgen::{JsCast, JsValue};

/// An error answer of the API (`{"error": {...}}`), or a network failure.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ApiError {
    /// The snake_case code (`network` when the server was not reached).
    pub code: String,
    /// A sentence the user can act on.
    pub message: String,
    /// The input at fault, when one is.
    #[serde(default)]
    pub field: Option<String>,
}

#[derive(Deserialize)]
struct ErrorBody {
    error: ApiError,
}

impl ApiError {
    fn network(e: impl std::fmt::Display) -> Self {
        ApiError {
            code: "network".into(),
            message: format!("The server could not be reached ({e})."),
            field: None,
        }
    }

    fn status(status: u16) -> Self {
        ApiError {
            code: format!("http_{status}"),
            message: format!("The server answered {status}."),
            field: None,
        }
    }

    /// The `error` of a parsed error answer (`{"error": {"code", "message", "field"}}`).
    fn from_json(body: &JsValue) -> Option<Self> {
        let error = Reflect::get(body, &JsValue::from_str("error")).ok()?;
        Some(ApiError {
            code: json_str(&error, "code")?,
            message: json_str(&error, "message")?,
            field: json_str(&error, "field"),
        })
    }
}

async fn decode<T: DeserializeOwned>(resp: Response) -> Result<T, ApiError> {
    if resp.ok() {
        resp.json::<T>().await.map_err(ApiError::network)
    } else {
        let status = resp.status();
        match resp.json::<ErrorBody>().await {
            Ok(body) => Err(body.error),
            Err(_) => Err(ApiError::status(status)),
        }
    }
}

async fn get<T: DeserializeOwned>(url: &str) -> Result<T, ApiError> {
    let resp = Request::get(url).send().await.map_err(ApiError::network)?;
    decode(resp).await
}

async fn post<B: Serialize, T: DeserializeOwned>(url: &str, body: &B) -> Result<T, ApiError> {
    let req = Request::post(url).json(body).map_err(ApiError::network)?;
    let resp = req.send().await.map_err(ApiError::network)?;
    decode(resp).await
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
/// [`json_str`]). Serde-free on the way back, and no `Display` of gloo's or serde_json's errors
/// (which would bring `serde_json`'s error formatting along).
pub async fn quote_new(req: &NewQuoteRequest) -> Result<JsValue, ApiError> {
    fn js(e: gloo_net::Error) -> ApiError {
        match e {
            gloo_net::Error::JsError(e) => ApiError::network(e),
            gloo_net::Error::GlooError(e) => ApiError::network(e),
            _ => ApiError::network("unexpected error"),
        }
    }
    let body =
        serde_json::to_string(req).map_err(|_| ApiError::network("unserialisable request"))?;
    let resp = Request::post("/api/quotes/new")
        .header("content-type", "application/json")
        .body(body)
        .map_err(js)?
        .send()
        .await
        .map_err(js)?;
    let status = resp.status();
    let json = parse_json(&resp.text().await.map_err(js)?);
    match json {
        Some(v) if resp.ok() => Ok(v),
        None if resp.ok() => Err(ApiError::network("the answer is not JSON")),
        v => Err(v
            .and_then(|v| ApiError::from_json(&v))
            .unwrap_or_else(|| ApiError::status(status))),
    }
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

/// `GET /api/releases` with filters (`q`, `category`, `module`, `channel`, `since`, `until`).
pub async fn releases(params: &[(&str, &str)]) -> Result<ReleaseList, ApiError> {
    get(&format!("/api/releases{}", query_string(params))).await
}

/// `GET /api/releases/{version}`.
pub async fn release(version: &str) -> Result<Release, ApiError> {
    get(&format!("/api/releases/{}", js_sys_encode(version))).await
}

/// The customer a signed-in user belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Customer {
    /// The customer's name.
    pub name: String,
    /// Its ISO country code.
    pub country: String,
}

/// The signed-in user.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct User {
    /// The user's email.
    pub email: String,
    /// The customer the user belongs to.
    pub customer: Customer,
}

/// `{"user": {...}}` of `POST /api/session` and `GET /api/me`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct UserBody {
    /// The signed-in user.
    pub user: User,
}

/// One module of an installation.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct InstalledModule {
    /// The module's SKU.
    pub sku: String,
    /// How many.
    pub qty: u32,
}

/// The SMA of an installation (`status`: `active`, `cancelled`, `lapsed` or `none`; dates
/// `YYYY-MM-DD`; `renewal_price` a decimal text).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct InstallationSma {
    /// `active`, `cancelled`, `lapsed` or `none`.
    pub status: String,
    /// The first day of uninterrupted coverage.
    #[serde(default)]
    pub start: Option<String>,
    /// The current SMA year.
    #[serde(default)]
    pub year: Option<u32>,
    /// The last covered day.
    #[serde(default)]
    pub term_end: Option<String>,
    /// Whether it renews automatically.
    #[serde(default)]
    pub auto_renew: bool,
    /// The deadline to cancel before the next renewal.
    #[serde(default)]
    pub cancellation_deadline: Option<String>,
    /// The price of the next term.
    #[serde(default)]
    pub renewal_price: Option<String>,
}

/// One of the customer's installations.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Installation {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The edition code (`probox`, `professional`, `enterprise`).
    pub edition: String,
    /// Licensed cameras.
    pub cameras: u32,
    /// Licensed modules.
    #[serde(default)]
    pub modules: Vec<InstalledModule>,
    /// The licence date.
    pub licence_date: String,
    /// The installed version, when known.
    #[serde(default)]
    pub installed_version: Option<String>,
    /// The SMA.
    pub sma: InstallationSma,
}

/// `{"installations": [...]}` of `GET /api/installations`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct InstallationList {
    /// The customer's installations.
    pub installations: Vec<Installation>,
}

#[derive(Serialize)]
struct SignInBody<'a> {
    email: &'a str,
    password: &'a str,
}

/// `POST /api/session`: signs in (the session is an HttpOnly cookie).
pub async fn sign_in(email: &str, password: &str) -> Result<UserBody, ApiError> {
    post("/api/session", &SignInBody { email, password }).await
}

/// `DELETE /api/session`: signs out (204).
pub async fn sign_out() -> Result<(), ApiError> {
    let resp = Request::delete("/api/session")
        .send()
        .await
        .map_err(ApiError::network)?;
    if resp.ok() {
        Ok(())
    } else {
        decode::<serde_json::Value>(resp).await.map(|_| ())
    }
}

/// `GET /api/me`: the signed-in user (401 `unauthenticated` when signed out).
pub async fn me() -> Result<UserBody, ApiError> {
    get("/api/me").await
}

/// `GET /api/installations`: the signed-in customer's installations.
pub async fn installations() -> Result<InstallationList, ApiError> {
    get("/api/installations").await
}

/// The answer of `POST /api/installations/{id}/sma/cancel` and `.../resume`: the updated
/// installation with the last covered day and the last day the choice can still be changed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct AutoRenewAnswer {
    /// The installation after the change.
    #[serde(flatten)]
    pub installation: Installation,
    /// The last covered day (YYYY-MM-DD).
    pub coverage_ends: String,
    /// The last day the choice can still be changed (YYYY-MM-DD).
    pub decision_deadline: String,
}

/// `POST /api/installations/{id}/sma/cancel`: switches auto-renew off.
pub async fn cancel_auto_renew(id: &str) -> Result<AutoRenewAnswer, ApiError> {
    post(
        &format!("/api/installations/{}/sma/cancel", js_sys_encode(id)),
        &serde_json::json!({}),
    )
    .await
}

/// `POST /api/installations/{id}/sma/resume`: switches auto-renew back on.
pub async fn resume_auto_renew(id: &str) -> Result<AutoRenewAnswer, ApiError> {
    post(
        &format!("/api/installations/{}/sma/resume", js_sys_encode(id)),
        &serde_json::json!({}),
    )
    .await
}

// ----- Customer quotes, orders and invoices ---------------------------------------------------

/// `GET /api/installations/{id}`: one of the customer's installations.
pub async fn installation(id: &str) -> Result<Installation, ApiError> {
    get(&format!("/api/installations/{}", js_sys_encode(id))).await
}

/// `POST /api/installations/{id}/quotes/{kind}`: what an order would cost and change, priced by
/// the server from the stored installation.
pub async fn quote_order(
    id: &str,
    kind: OrderKind,
    inputs: &OrderInputs,
) -> Result<QuoteView, ApiError> {
    post(
        &format!(
            "/api/installations/{}/quotes/{}",
            js_sys_encode(id),
            kind.code()
        ),
        inputs,
    )
    .await
}

/// `POST /api/orders` with an `Idempotency-Key`: the same key always places one order.
pub async fn place_order(key: &str, order: &OrderRequest) -> Result<OrderView, ApiError> {
    let req = Request::post("/api/orders")
        .header("Idempotency-Key", key)
        .json(order)
        .map_err(ApiError::network)?;
    let resp = req.send().await.map_err(ApiError::network)?;
    decode(resp).await
}

/// `{"orders": [...]}` of `GET /api/orders`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct OrderList {
    /// Newest first.
    pub orders: Vec<OrderView>,
}

/// `GET /api/orders`: the customer's orders, newest first.
pub async fn orders() -> Result<OrderList, ApiError> {
    get("/api/orders").await
}

/// `GET /api/orders/{id}`: one order and its invoice.
pub async fn order(id: &str) -> Result<OrderView, ApiError> {
    get(&format!("/api/orders/{}", js_sys_encode(id))).await
}

/// One entry of an installation's activity.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Activity {
    /// When (ISO 8601 UTC).
    pub at: String,
    /// What, e.g. `sma.cancel`, `order.expansion`, `engine.renew`.
    pub action: String,
    /// Who: an email, or `renewal engine`.
    pub by: String,
}

/// `{"activity": [...]}` of `GET /api/installations/{id}/activity`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ActivityList {
    /// Newest first.
    pub activity: Vec<Activity>,
}

/// `GET /api/installations/{id}/activity`: who changed what and when.
pub async fn activity(id: &str) -> Result<ActivityList, ApiError> {
    get(&format!(
        "/api/installations/{}/activity",
        js_sys_encode(id)
    ))
    .await
}

/// A fresh idempotency key for one order confirmation (a random UUID).
pub fn new_idempotency_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("k-{}", js_sys::Math::random().to_bits()))
}

// ----- Downloads ------------------------------------------------------------------------------

/// A signed download link of `POST /api/downloads`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct DownloadLink {
    /// The absolute URL of the file.
    pub url: String,
    /// When the link stops working (ISO 8601 UTC).
    pub expires_at: String,
}

/// `POST /api/downloads`: a link to one file for one of the customer's installations (403
/// `not_entitled` when its SMA does not cover the release).
pub async fn download_link(
    installation_id: &str,
    artifact_id: &str,
) -> Result<DownloadLink, ApiError> {
    post(
        "/api/downloads",
        &serde_json::json!({ "installation_id": installation_id, "artifact_id": artifact_id }),
    )
    .await
}

/// The quote of what restores an installation's coverage: the next term of an SMA that still
/// runs (`quotes/renewal`), or buying or reinstating one for a year (`quotes/sma`).
pub async fn coverage_quote(
    installation_id: &str,
    renew: bool,
) -> Result<sma_shared::api::QuoteView, ApiError> {
    let (kind, body) = if renew {
        ("renewal", serde_json::json!({}))
    } else {
        ("sma", serde_json::json!({ "term_years": 1 }))
    };
    post(
        &format!(
            "/api/installations/{}/quotes/{kind}",
            js_sys_encode(installation_id)
        ),
        &body,
    )
    .await
}
