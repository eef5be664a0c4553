//! Customer sign-in: `POST /api/session` (the sign-in limits, PBKDF2 check, a session in an
//! HttpOnly `__Host-` cookie), `DELETE /api/session` and `GET /api/me`.

use crate::access::{count_sign_in, new_session, require_session, session_of, session_token};
use crate::context::Cx;
use crate::crypto::{sha256_hex, verify_password, DUMMY_HASH};
use crate::error::{ApiError, ApiResult};
use crate::http::{cookie, csrf::check_same_origin, request::read_json, respond};
use crate::store::accounts::AccountStore;
use sma_shared::api::SignIn;
use worker::{Request, Response};

/// Longest accepted email and password (longer ones are refused before any work is done).
const MAX_EMAIL: usize = 254;
const MAX_PASSWORD: usize = 1024;

/// `POST /api/session`: signs in; 401 `invalid_credentials` alike for an unknown email and a
/// wrong password; 429 `rate_limited` with `Retry-After` over a sign-in limit
/// (`shared::accounts::sign_in`), counted before the password is checked and given back when it
/// was right.
pub async fn sign_in(mut req: Request, cx: Cx) -> ApiResult {
    check_same_origin(&req)?;
    let creds: SignIn = read_json(&mut req).await?;
    if creds.email.len() > MAX_EMAIL || creds.password.len() > MAX_PASSWORD {
        return Err(ApiError::InvalidCredentials);
    }
    let email = creds.email.trim().to_lowercase();
    let (db, now) = (cx.db()?, cx.now());
    let counted = count_sign_in(&db, &req, &email, now).await?;
    let store = AccountStore::new(&db);
    let user = store.user_by_email(&email).await?;
    let stored = user
        .as_ref()
        .map_or(DUMMY_HASH, |u| u.password_hash.as_str());
    let matches = verify_password(&creds.password, stored).await?;
    let user = user
        .filter(|_| matches)
        .ok_or(ApiError::InvalidCredentials)?;
    counted.give_back().await?;
    let (session, cookie) = new_session(&req, &user.id, now).await?;
    store.create_session(&session).await?;
    let signed_in = session_of(&db, session.token_hash.clone(), now).await?;
    let mut resp = respond::ok(&signed_in.body())?;
    resp.headers_mut().set("set-cookie", &cookie)?;
    Ok(resp)
}

/// `DELETE /api/session`: deletes the session (if any) and clears the cookie; 204.
pub async fn sign_out(req: Request, cx: Cx) -> ApiResult {
    check_same_origin(&req)?;
    if let Some(token) = session_token(&req) {
        let hash = sha256_hex(token.as_bytes()).await?;
        AccountStore::new(&cx.db()?).delete_session(&hash).await?;
    }
    let mut resp = Response::empty()?.with_status(204);
    let headers = resp.headers_mut();
    headers.set("set-cookie", &cookie::clear())?;
    headers.set("cache-control", "no-store")?;
    Ok(resp)
}

/// `GET /api/me`: the signed-in user and their customer; 401 without a valid session.
pub async fn me(req: Request, cx: Cx) -> ApiResult {
    let session = require_session(&req, &cx.db()?, cx.now()).await?;
    respond::ok(&session.body())
}
