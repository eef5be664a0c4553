//! Customer sign-in: sessions in an HttpOnly cookie, PBKDF2 password checks with WebCrypto,
//! a failed-sign-in limit, and the same-origin (CSRF) check of state-changing requests.

use crate::error::{ApiError, ApiResult};
use crate::http::{ok_json, read_json};
use crate::security::ct_eq;
use crate::store::accounts::{AccountStore, SessionRow};
use base64::{engine::general_purpose::STANDARD, Engine as _};
use sma_shared::api::{Customer, SignIn, User, UserBody};
use worker::js_sys::{self, Array, Reflect, Uint8Array};
use worker::wasm_bindgen::{JsCast, JsValue};
use worker::wasm_bindgen_futures::JsFuture;
use worker::{D1Database, Method, Request, Response};

/// The session cookie's name.
pub const COOKIE: &str = "sma_session";
/// How long a session lasts (8 hours).
const SESSION_SECONDS: i64 = 8 * 60 * 60;
/// Failed sign-ins for one email within the window after which sign-in is refused.
const MAX_FAILURES: u32 = 5;
/// The failed-sign-in window.
const FAILURE_WINDOW_MINUTES: i64 = 15;
/// The largest PBKDF2 iteration count the Worker computes (Workers cap PBKDF2 at 100 000).
const MAX_ITERATIONS: u32 = 100_000;
/// Longest accepted email and password (longer ones are refused before any work is done).
const MAX_EMAIL: usize = 254;
const MAX_PASSWORD: usize = 1024;
/// Checked when the email is unknown, so that the answer takes as long as for a known one.
const DUMMY_HASH: &str =
    "pbkdf2-sha256$100000$c21hLWR1bW15LXNhbHQ=$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

/// A signed-in user, as the customer endpoints need it.
#[derive(Clone, Debug)]
pub struct Session {
    /// The user's id.
    pub user_id: String,
    /// The user's email.
    pub email: String,
    /// The customer the user belongs to (every customer resource is scoped by it).
    pub customer_id: String,
    /// The customer's name.
    pub customer_name: String,
    /// The customer's ISO country code.
    pub customer_country: String,
}

impl From<SessionRow> for Session {
    fn from(r: SessionRow) -> Self {
        Session {
            user_id: r.user_id,
            email: r.email,
            customer_id: r.customer_id,
            customer_name: r.customer_name,
            customer_country: r.customer_country,
        }
    }
}

impl Session {
    /// `{"user": {"email", "customer": {"name", "country"}}}`.
    fn body(&self) -> UserBody {
        UserBody {
            user: User {
                email: self.email.clone(),
                customer: Customer {
                    name: self.customer_name.clone(),
                    country: self.customer_country.clone(),
                },
            },
        }
    }
}

/// `POST /api/session`: signs in; 401 `invalid_credentials` alike for an unknown email and a
/// wrong password, 429 `rate_limited` after 5 failures for the email within 15 minutes.
pub async fn sign_in(mut req: Request, db: D1Database) -> ApiResult {
    check_same_origin(&req)?;
    let creds: SignIn = read_json(&mut req).await?;
    if creds.email.len() > MAX_EMAIL || creds.password.len() > MAX_PASSWORD {
        return Err(ApiError::InvalidCredentials);
    }
    let email = creds.email.trim().to_lowercase();
    let store = AccountStore::new(&db);
    let now = now();
    let window_start = iso(now - chrono::Duration::minutes(FAILURE_WINDOW_MINUTES));
    if store.failures_since(&email, &window_start).await? >= MAX_FAILURES {
        return Err(ApiError::RateLimited);
    }
    let user = store.user_by_email(&email).await?;
    let stored = user
        .as_ref()
        .map_or(DUMMY_HASH, |u| u.password_hash.as_str());
    let matches = verify_password(&creds.password, stored).await?;
    let user = match user {
        Some(u) if matches => u,
        _ => {
            store
                .record_failure(&email, &iso(now), &window_start)
                .await?;
            return Err(ApiError::InvalidCredentials);
        }
    };
    let mut token = [0u8; 32];
    getrandom::getrandom(&mut token)
        .map_err(|e| ApiError::Internal(format!("random session token: {e}")))?;
    let token = hex::encode(token);
    let token_hash = sha256_hex(token.as_bytes()).await?;
    let expires = now + chrono::Duration::seconds(SESSION_SECONDS);
    store
        .create_session(&token_hash, &user.id, &email, &iso(now), &iso(expires))
        .await?;
    let session: Session = store
        .session(&token_hash, &iso(now))
        .await?
        .ok_or_else(|| ApiError::Internal("the new session was not found".into()))?
        .into();
    let mut resp = ok_json(&session.body())?;
    resp.headers_mut().set(
        "set-cookie",
        &format!(
            "{COOKIE}={token}; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age={SESSION_SECONDS}"
        ),
    )?;
    Ok(resp)
}

/// `DELETE /api/session`: deletes the session (if any) and clears the cookie; 204.
pub async fn sign_out(req: Request, db: D1Database) -> ApiResult {
    check_same_origin(&req)?;
    if let Some(token) = session_token(&req) {
        let hash = sha256_hex(token.as_bytes()).await?;
        AccountStore::new(&db).delete_session(&hash).await?;
    }
    let mut resp = Response::empty()?.with_status(204);
    let headers = resp.headers_mut();
    headers.set(
        "set-cookie",
        &format!("{COOKIE}=; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=0"),
    )?;
    headers.set("cache-control", "no-store")?;
    Ok(resp)
}

/// `GET /api/me`: the signed-in user and their customer; 401 without a valid session.
pub async fn me(req: Request, db: D1Database) -> ApiResult {
    let session = require_session(&req, &db).await?;
    ok_json(&session.body())
}

/// The valid, unexpired session of the request's cookie; 401 `unauthenticated` otherwise.
pub async fn require_session(req: &Request, db: &D1Database) -> Result<Session, ApiError> {
    let token = session_token(req).ok_or(ApiError::Unauthenticated)?;
    let hash = sha256_hex(token.as_bytes()).await?;
    AccountStore::new(db)
        .session(&hash, &iso(now()))
        .await?
        .map(Session::from)
        .ok_or(ApiError::Unauthenticated)
}

/// The CSRF rule of api.md for state-changing requests: a POST must be
/// `Content-Type: application/json`, and the request must come from this origin (`Origin`
/// equal to the request's own origin, or `Sec-Fetch-Site: same-origin`); otherwise 403.
pub fn check_same_origin(req: &Request) -> Result<(), ApiError> {
    let header = |name: &str| req.headers().get(name).ok().flatten();
    if req.method() == Method::Post {
        let json = header("content-type").is_some_and(|ct| {
            ct.split(';')
                .next()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
        });
        if !json {
            return Err(ApiError::Forbidden);
        }
    }
    if header("sec-fetch-site").is_some_and(|s| s.trim().eq_ignore_ascii_case("same-origin")) {
        return Ok(());
    }
    let own = req.url()?.origin().ascii_serialization();
    match header("origin") {
        Some(origin) if origin.trim() == own => Ok(()),
        _ => Err(ApiError::Forbidden),
    }
}

/// The session token of the request's cookie, when it has the right form (64 hex digits).
fn session_token(req: &Request) -> Option<String> {
    let cookies = req.headers().get("cookie").ok().flatten()?;
    cookies
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.trim().to_owned())
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Now, from the Worker's clock.
fn now() -> chrono::DateTime<chrono::Utc> {
    let millis = worker::Date::now().as_millis();
    chrono::DateTime::from_timestamp_millis(i64::try_from(millis).unwrap_or(0)).unwrap_or_default()
}

/// A timestamp as stored (ISO 8601 UTC with milliseconds, so text order is time order).
fn iso(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A parsed `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`.
struct StoredHash {
    iterations: u32,
    salt: Vec<u8>,
    hash: Vec<u8>,
}

fn parse_stored(stored: &str) -> Option<StoredHash> {
    let mut parts = stored.split('$');
    if parts.next()? != "pbkdf2-sha256" {
        return None;
    }
    let iterations: u32 = parts.next()?.parse().ok()?;
    let salt = STANDARD.decode(parts.next()?).ok()?;
    let hash = STANDARD.decode(parts.next()?).ok()?;
    if parts.next().is_some()
        || !(1..=MAX_ITERATIONS).contains(&iterations)
        || salt.is_empty()
        || hash.len() != 32
    {
        return None;
    }
    Some(StoredHash {
        iterations,
        salt,
        hash,
    })
}

/// Whether `password` matches the stored hash (compared in constant time). A stored hash of
/// another form never matches (and is logged).
async fn verify_password(password: &str, stored: &str) -> Result<bool, ApiError> {
    let Some(parsed) = parse_stored(stored) else {
        worker::console_error!("a stored password hash has an unsupported form");
        return Ok(false);
    };
    let derived = pbkdf2_sha256(password.as_bytes(), &parsed.salt, parsed.iterations).await?;
    Ok(ct_eq(&derived, &parsed.hash))
}

fn js_err(what: &'static str) -> impl Fn(JsValue) -> ApiError {
    move |e| ApiError::Internal(format!("WebCrypto {what}: {e:?}"))
}

/// The global `crypto.subtle`.
fn subtle() -> Result<web_sys::SubtleCrypto, ApiError> {
    let crypto =
        Reflect::get(&js_sys::global(), &JsValue::from_str("crypto")).map_err(js_err("crypto"))?;
    if crypto.is_undefined() {
        return Err(ApiError::Internal("WebCrypto is not available".into()));
    }
    Ok(crypto.unchecked_into::<web_sys::Crypto>().subtle())
}

/// 32 bytes of PBKDF2-HMAC-SHA256 with WebCrypto.
async fn pbkdf2_sha256(password: &[u8], salt: &[u8], iterations: u32) -> Result<Vec<u8>, ApiError> {
    let subtle = subtle()?;
    let usages = Array::of1(&JsValue::from_str("deriveBits"));
    let key_data = Uint8Array::from(password);
    let key = JsFuture::from(
        subtle
            .import_key_with_str("raw", &key_data, "PBKDF2", false, &usages)
            .map_err(js_err("importKey"))?,
    )
    .await
    .map_err(js_err("importKey"))?;
    let params = web_sys::Pbkdf2Params::new(
        "PBKDF2",
        &JsValue::from_str("SHA-256"),
        iterations,
        &Uint8Array::from(salt),
    );
    let bits = JsFuture::from(
        subtle
            .derive_bits_with_object(&params, &key.unchecked_into(), 256)
            .map_err(js_err("deriveBits"))?,
    )
    .await
    .map_err(js_err("deriveBits"))?;
    Ok(Uint8Array::new(&bits).to_vec())
}

/// The SHA-256 of `data` as hex (how session tokens are stored).
pub(crate) async fn sha256_hex(data: &[u8]) -> Result<String, ApiError> {
    let digest = JsFuture::from(
        subtle()?
            .digest_with_str_and_u8_array("SHA-256", data)
            .map_err(js_err("digest"))?,
    )
    .await
    .map_err(js_err("digest"))?;
    Ok(hex::encode(Uint8Array::new(&digest).to_vec()))
}
