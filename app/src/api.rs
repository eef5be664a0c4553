//! Every HTTP call of the app, in one place (gloo-net, JSON via serde).

use gloo_net::http::{Request, Response};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use sma_shared::{
    release::{Release, ReleaseList},
    wire::{NewQuoteRequest, NewQuoteResponse},
};

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
}

async fn decode<T: DeserializeOwned>(resp: Response) -> Result<T, ApiError> {
    if resp.ok() {
        resp.json::<T>().await.map_err(ApiError::network)
    } else {
        let status = resp.status();
        match resp.json::<ErrorBody>().await {
            Ok(body) => Err(body.error),
            Err(_) => Err(ApiError {
                code: format!("http_{status}"),
                message: format!("The server answered {status}."),
                field: None,
            }),
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

/// `POST /api/quotes/new`: the binding quote.
pub async fn quote_new(req: &NewQuoteRequest) -> Result<NewQuoteResponse, ApiError> {
    post("/api/quotes/new", req).await
}

/// `GET /api/releases` with filters (`q`, `category`, `module`, `channel`, `since`, `until`).
pub async fn releases(params: &[(&str, &str)]) -> Result<ReleaseList, ApiError> {
    get(&format!("/api/releases{}", query_string(params))).await
}

/// `GET /api/releases/{version}`.
pub async fn release(version: &str) -> Result<Release, ApiError> {
    get(&format!("/api/releases/{}", js_sys_encode(version))).await
}
