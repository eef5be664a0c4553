//! Using a one-time link (api.md "Getting in"): `POST /api/tokens/inspect` (what a token is
//! for), `POST /api/tokens/redeem` (verification, invitation, reset: set a password and get a
//! session) and `POST /api/tokens/decide` (an administrator approves or declines a request for
//! access). A token is found by the SHA-256 of its text, compared again in constant time, and
//! used by the statement that checks it is unused and unexpired: once, even under races. A
//! used, expired or unknown token is 410 `token_invalid`; attempts are limited per IP address.

use crate::access::{client_ip, new_session, throttle};
use crate::config;
use crate::context::Cx;
use crate::crypto::{ct_eq, hash_password};
use crate::error::{ApiError, ApiResult};
use crate::http::{csrf::check_same_origin, ids, request::read_json, respond};
use crate::store::account_state::role;
use crate::store::batch::{AuditEntry, Batch, MailWrite, TokenSubject, TokenWrite};
use crate::store::installations::actor;
use crate::store::tokens::{TokenRow, TokenStore};
use sma_shared::accounts::{
    check_new_password, check_token, ip_subject, AccountsError, Action, Decision, Role, Token,
    TokenKind, REDEMPTIONS_PER_IP,
};
use sma_shared::api::{
    AccessDecided, AccessDecisionRequest, Customer, RedeemRequest, TokenInfo, TokenQuery, User,
    UserBody,
};
use sma_shared::mail::{ApprovalResult, Message, PasswordChanged};
use worker::Request;

/// The kinds `redeem` takes.
const REDEEMED: [TokenKind; 3] = [
    TokenKind::Verification,
    TokenKind::Invitation,
    TokenKind::Reset,
];

/// Counts the attempt and finds the usable token of one of `kinds` (410 otherwise).
async fn usable(
    req: &Request,
    cx: &Cx,
    text: &str,
    kinds: &[TokenKind],
) -> Result<(TokenRow, TokenKind, String), ApiError> {
    let db = cx.db()?;
    let ip = client_ip(req);
    throttle(&db, cx.now(), &[(REDEMPTIONS_PER_IP, ip_subject(&ip))]).await?;
    let token = Token::parse(text).ok_or(AccountsError::TokenInvalid)?;
    let hash = token.hash();
    let row = TokenStore::new(&db)
        .token(&hash)
        .await?
        .filter(|r| ct_eq(r.token_hash.as_bytes(), hash.as_bytes()));
    let stored = row.as_ref().map(TokenRow::stored).transpose()?;
    let kind = check_token(stored.as_ref(), kinds, cx.now().at())?;
    let row = row.ok_or(AccountsError::TokenInvalid)?;
    Ok((row, kind, hash))
}

/// `POST /api/tokens/inspect`: what a usable token is for (the token page shows it).
pub async fn inspect(mut req: Request, cx: Cx) -> ApiResult {
    check_same_origin(&req)?;
    let body: TokenQuery = read_json(&mut req).await?;
    let (row, kind, _) = usable(&req, &cx, &body.token, &TokenKind::ALL).await?;
    let approval = kind == TokenKind::Approval;
    let (email, offered) = match approval {
        true => (
            row.requester.clone().unwrap_or_default(),
            row.request_role.as_deref(),
        ),
        false => (row.email.clone(), row.role.as_deref()),
    };
    respond::ok(&TokenInfo {
        kind,
        email,
        customer: row.customer_name.clone(),
        role: match kind {
            TokenKind::Reset => None,
            _ => offered.map(role).transpose()?,
        },
        expires_at: row.expires_at.clone(),
    })
}

/// `POST /api/tokens/redeem`: sets the password of the token's account and signs it in. A
/// verification or invitation creates the user with the token's role; a reset changes the
/// password and ends every other session of the user.
pub async fn redeem(mut req: Request, cx: Cx) -> ApiResult {
    check_same_origin(&req)?;
    let body: RedeemRequest = read_json(&mut req).await?;
    let (row, kind, hash) = usable(&req, &cx, &body.token, &REDEEMED).await?;
    check_new_password(&body.password, &row.email, "password")?;
    if kind != TokenKind::Reset && row.email_taken != 0 {
        return Err(ApiError::Conflict(
            "This address already has an account in the portal (one address belongs to one company); sign in, or ask for a new password.".into(),
        ));
    }
    let (db, now) = (cx.db()?, cx.now());
    let password_hash = hash_password(&body.password).await?;
    let user_id = match &row.user_id {
        Some(id) if kind == TokenKind::Reset => id.clone(),
        _ => ids::random_id("usr")?,
    };
    let (session, cookie) = new_session(&req, &user_id, now).await?;
    let user_role = match kind {
        TokenKind::Reset => row.user_role.as_deref().map(role).transpose()?,
        _ => row.new_role()?,
    }
    .ok_or(AccountsError::TokenInvalid)?;
    let at = now.iso();
    let who = actor(&user_id, &row.email);
    let mut batch = Batch::new(&db);
    batch.claim_token(&hash, &[kind], &at)?;
    if kind == TokenKind::Reset {
        batch
            .push(
                "UPDATE users SET password_hash = ?2 WHERE id = ?1",
                &[user_id.as_str().into(), password_hash.as_str().into()],
            )?
            .guard()
            .push(
                "DELETE FROM sessions WHERE user_id = ?1",
                &[user_id.as_str().into()],
            )?
            .supersede_tokens(&row.customer_id, kind, &row.email, &at)?
            .mail(&password_changed(&row, &user_id, &cx), &at)?;
    } else {
        batch
            .push(
                "INSERT INTO users (id, customer_id, email, password_hash, role, lang, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                &[
                    user_id.as_str().into(),
                    row.customer_id.as_str().into(),
                    row.email.as_str().into(),
                    password_hash.as_str().into(),
                    user_role.code().into(),
                    row.lang().code().into(),
                    at.as_str().into(),
                ],
            )?
            .supersede_tokens(&row.customer_id, kind, &row.email, &at)?;
    }
    batch.session(&session)?.audit(&AuditEntry {
        at: at.clone(),
        actor: who,
        action: format!("token.{}", kind.code()),
        subject: format!("user:{user_id}"),
        detail: serde_json::json!({"customer": row.customer_id, "role": user_role}).to_string(),
    })?;
    let ids = batch.run().await?.ok_or(AccountsError::TokenInvalid)?;
    cx.send_mail(ids);
    let mut resp = respond::ok(&UserBody {
        user: User {
            email: row.email.clone(),
            customer: Customer {
                name: row.customer_name.clone(),
                country: row.customer_country.clone(),
            },
            role: user_role,
        },
    })?;
    resp.headers_mut().set("set-cookie", &cookie)?;
    Ok(resp)
}

/// The notice that the password was reset (to the user, in their language).
fn password_changed(row: &TokenRow, user_id: &str, cx: &Cx) -> MailWrite {
    let message = Message::PasswordChanged(PasswordChanged {
        email: row.email.clone(),
        on: cx.today(),
    });
    MailWrite::new(&row.email, row.lang(), message, None).for_user(user_id)
}

/// `POST /api/tokens/decide`: an administrator (or, while there is none, the registered
/// contact) approves or declines a request for access. The requester is told; once approved
/// they receive the verification link. The first decision ends the other administrators'
/// links.
pub async fn decide(mut req: Request, cx: Cx) -> ApiResult {
    check_same_origin(&req)?;
    let body: AccessDecisionRequest = read_json(&mut req).await?;
    let (row, _, hash) = usable(&req, &cx, &body.token, &[TokenKind::Approval]).await?;
    if row.user_id.is_some() {
        // An approver who is a user must still administer the customer.
        let now_role = row
            .user_role
            .as_deref()
            .ok_or(AccountsError::TokenInvalid)?;
        role(now_role)?.authorize(Action::DecideAccessRequest)?;
    }
    let (Some(request_id), Some(requester), Some("pending")) = (
        &row.request_id,
        &row.requester,
        row.request_status.as_deref(),
    ) else {
        // Decided already (or lapsed): the link has done its work.
        return Err(AccountsError::TokenInvalid.into());
    };
    let (db, now) = (cx.db()?, cx.now());
    let at = now.iso();
    let lang = row
        .request_lang
        .as_deref()
        .map(crate::store::account_state::lang)
        .unwrap_or(row.lang());
    let decided_by = match &row.user_id {
        Some(id) => actor(id, &row.email),
        None => format!("contact <{}>", row.email),
    };
    let mut batch = Batch::new(&db);
    batch.claim_token(&hash, &[TokenKind::Approval], &at)?;
    let status = match body.decision {
        Decision::Approve => "approved",
        Decision::Decline => "declined",
    };
    batch.decide_request(request_id, status, &decided_by, &at)?;
    let result = Message::ApprovalResult(ApprovalResult {
        customer: row.customer_name.clone(),
        decision: body.decision,
    });
    batch.mail(&MailWrite::new(requester, lang, result, None), &at)?;
    if body.decision == Decision::Approve {
        let offered = row.request_role.as_deref().map(role).transpose()?;
        let subject = TokenSubject {
            customer_id: row.customer_id.clone(),
            email: requester.clone(),
            user_id: None,
            role: Some(offered.unwrap_or(Role::Viewer)),
            lang,
        };
        let key = config::token_key(cx.env())?;
        let token = TokenWrite::issue(
            &key,
            ids::long_id("tok")?,
            TokenKind::Verification,
            subject,
            now.at(),
        );
        batch
            .supersede_tokens(&row.customer_id, TokenKind::Verification, requester, &at)?
            .token(&token)?
            .mail(&MailWrite::verification(&token, &row.customer_name), &at)?;
    }
    batch.audit(&AuditEntry {
        at: at.clone(),
        actor: decided_by,
        action: format!("access_request.{status}"),
        subject: format!("customer:{}", row.customer_id),
        detail: serde_json::json!({"request": request_id, "email": requester}).to_string(),
    })?;
    let ids = batch.run().await?.ok_or(AccountsError::TokenInvalid)?;
    cx.send_mail(ids);
    respond::ok(&AccessDecided {
        decision: body.decision,
        email: requester.clone(),
    })
}
