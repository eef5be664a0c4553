//! The signed-in user's own account (api.md "Getting in"): `POST /api/me/password` (the
//! current password required; every other session ends), `GET /api/me/sessions`, `DELETE
//! /api/me/sessions` (sign out everywhere), and `GET`/`PUT /api/me/notifications` (the language
//! of their e-mails and the messages they may turn off). Every role may do these.

use crate::access::{count_password_check, require_session, Session};
use crate::context::Cx;
use crate::crypto::{hash_password, verify_password};
use crate::error::{ApiError, ApiResult};
use crate::http::{cookie, csrf::check_same_origin, request::read_json, respond};
use crate::store::accounts::{AccountStore, SessionListRow};
use crate::store::batch::{AuditEntry, Batch, MailWrite};
use sma_shared::accounts::{check_new_password, password_too_long, Action, TokenKind};
use sma_shared::api::{
    NotificationPreferences, NotificationSetting, NotificationUpdate, PasswordChange, SessionInfo,
    SessionList, SessionsEnded,
};
use sma_shared::mail::{Message, MessageKind, PasswordChanged};
use sma_shared::Lang;
use worker::Request;

/// The signed-in user, who may manage their own account.
async fn me(req: &Request, cx: &Cx) -> Result<Session, ApiError> {
    let session = require_session(req, &cx.db()?, cx.now()).await?;
    session.authorize(Action::ManageOwnAccount)?;
    Ok(session)
}

fn audit(session: &Session, at: &str, action: &str, detail: serde_json::Value) -> AuditEntry {
    AuditEntry {
        at: at.to_owned(),
        actor: session.actor(),
        action: action.to_owned(),
        subject: format!("user:{}", session.user_id),
        detail: detail.to_string(),
    }
}

/// `POST /api/me/password`: changes the password; 422 `wrong_password` for a wrong current
/// one (429 `rate_limited` over `PASSWORD_CHECKS_PER_USER`, the sign-in's numbers). Every other session of the user ends; this one
/// stays. Answers how many ended.
pub async fn change_password(mut req: Request, cx: Cx) -> ApiResult {
    check_same_origin(&req)?;
    let session = me(&req, &cx).await?;
    let body: PasswordChange = read_json(&mut req).await?;
    let (db, now) = (cx.db()?, cx.now());
    let store = AccountStore::new(&db);
    // Counted before the check (atomically, so parallel guesses cannot pass the limit together)
    // and given back when the password was right.
    let counted = count_password_check(&db, &session.user_id, now).await?;
    let user = store
        .user_by_email(&session.email)
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    let right = !password_too_long(&body.current_password)
        && verify_password(&body.current_password, &user.password_hash).await?;
    if !right {
        return Err(ApiError::Unprocessable {
            code: "wrong_password",
            message: "The current password is not correct.".into(),
            field: Some("current_password".into()),
        });
    }
    counted.give_back().await?;
    check_new_password(&body.new_password, &session.email, "new_password")?;
    let new_hash = hash_password(&body.new_password).await?;
    let others = store.sessions_of(&session.user_id, &now.iso()).await?.len();
    let at = now.iso();
    let notice = Message::PasswordChanged(PasswordChanged {
        email: session.email.clone(),
        on: now.today(),
    });
    let mut batch = Batch::new(&db);
    batch
        .push(
            "UPDATE users SET password_hash = ?2 WHERE id = ?1 AND password_hash = ?3",
            &[
                session.user_id.as_str().into(),
                new_hash.as_str().into(),
                user.password_hash.as_str().into(),
            ],
        )?
        .guard()
        .push(
            "DELETE FROM sessions WHERE user_id = ?1 AND token_hash <> ?2",
            &[
                session.user_id.as_str().into(),
                session.token_hash.as_str().into(),
            ],
        )?
        .supersede_tokens(&session.customer_id, TokenKind::Reset, &session.email, &at)?
        .mail(
            &MailWrite::new(&session.email, session.lang, notice, None).for_user(&session.user_id),
            &at,
        )?
        .audit(&audit(
            &session,
            &at,
            "user.password_change",
            serde_json::json!({}),
        ))?;
    let ids = batch.run().await?.ok_or_else(|| {
        ApiError::Conflict("The password was changed meanwhile; sign in again.".into())
    })?;
    cx.send_mail(ids);
    respond::ok(&SessionsEnded {
        ended: u32::try_from(others.saturating_sub(1)).unwrap_or(u32::MAX),
    })
}

/// `GET /api/me/sessions`: the user's active sessions, newest first, this one marked.
pub async fn sessions(req: Request, cx: Cx) -> ApiResult {
    let session = me(&req, &cx).await?;
    let rows = AccountStore::new(&cx.db()?)
        .sessions_of(&session.user_id, &cx.now().iso())
        .await?;
    respond::ok(&session_list(&rows, &session.token_hash))
}

/// The sessions as answered: an id of the first 16 digits of the token's hash (never the
/// hash itself).
fn session_list(rows: &[SessionListRow], current: &str) -> SessionList {
    SessionList {
        sessions: rows
            .iter()
            .map(|r| SessionInfo {
                id: r.token_hash.chars().take(16).collect(),
                created_at: r.created_at.clone(),
                expires_at: r.expires_at.clone(),
                current: r.token_hash == current,
                user_agent: r.user_agent.clone(),
            })
            .collect(),
    }
}

/// `DELETE /api/me/sessions`: signs the user out everywhere, this browser included.
pub async fn end_sessions(req: Request, cx: Cx) -> ApiResult {
    check_same_origin(&req)?;
    let session = me(&req, &cx).await?;
    let (db, now) = (cx.db()?, cx.now());
    let ended = AccountStore::new(&db)
        .sessions_of(&session.user_id, &now.iso())
        .await?
        .len();
    let at = now.iso();
    let mut batch = Batch::new(&db);
    batch
        .push(
            "DELETE FROM sessions WHERE user_id = ?1",
            &[session.user_id.as_str().into()],
        )?
        .audit(&audit(
            &session,
            &at,
            "user.sign_out_everywhere",
            serde_json::json!({ "sessions": ended }),
        ))?;
    batch.run().await?;
    let mut resp = respond::ok(&SessionsEnded {
        ended: u32::try_from(ended).unwrap_or(u32::MAX),
    })?;
    resp.headers_mut().set("set-cookie", &cookie::clear())?;
    Ok(resp)
}

/// The preferences of a user with `lang` who turned off `off`.
fn preferences(lang: Lang, off: &[String]) -> NotificationPreferences {
    NotificationPreferences {
        lang,
        messages: MessageKind::ALL
            .iter()
            .filter(|k| k.to_users())
            .map(|&kind| NotificationSetting {
                kind,
                enabled: !(kind.may_opt_out() && off.iter().any(|k| k == kind.code())),
                optional: kind.may_opt_out(),
            })
            .collect(),
    }
}

/// `GET /api/me/notifications`.
pub async fn notifications(req: Request, cx: Cx) -> ApiResult {
    let session = me(&req, &cx).await?;
    let off = AccountStore::new(&cx.db()?)
        .opt_outs(&session.user_id)
        .await?;
    respond::ok(&preferences(session.lang, &off))
}

/// Refuses turning off a message that is always sent (422 `not_optional`).
fn check_update(update: &NotificationUpdate) -> Result<(), ApiError> {
    match update
        .messages
        .iter()
        .find(|c| !c.enabled && !c.kind.may_opt_out())
    {
        Some(c) => Err(ApiError::Unprocessable {
            code: "not_optional",
            message: format!(
                "Messages of the kind {} are always sent (they concern your contract or your account's security); only optional ones can be turned off.",
                c.kind.code()
            ),
            field: Some("messages".into()),
        }),
        None => Ok(()),
    }
}

/// `PUT /api/me/notifications`: changes the language and turns optional messages on or off;
/// answers the preferences after it.
pub async fn update_notifications(mut req: Request, cx: Cx) -> ApiResult {
    check_same_origin(&req)?;
    let session = me(&req, &cx).await?;
    let update: NotificationUpdate = read_json(&mut req).await?;
    check_update(&update)?;
    let (db, at) = (cx.db()?, cx.now().iso());
    let user = session.user_id.as_str();
    let mut batch = Batch::new(&db);
    if let Some(lang) = update.lang {
        batch.push(
            "UPDATE users SET lang = ?2 WHERE id = ?1",
            &[user.into(), lang.code().into()],
        )?;
    }
    for choice in update.messages.iter().filter(|c| c.kind.may_opt_out()) {
        let kind = choice.kind.code();
        match choice.enabled {
            true => batch.push(
                "DELETE FROM notification_opt_outs WHERE user_id = ?1 AND kind = ?2",
                &[user.into(), kind.into()],
            )?,
            false => batch.push(
                "INSERT INTO notification_opt_outs (user_id, kind, at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (user_id, kind) DO NOTHING",
                &[user.into(), kind.into(), at.as_str().into()],
            )?,
        };
    }
    let detail = serde_json::to_value(&update)?;
    batch.audit(&audit(&session, &at, "user.notifications", detail))?;
    batch.run().await?;
    let off = AccountStore::new(&db).opt_outs(user).await?;
    respond::ok(&preferences(update.lang.unwrap_or(session.lang), &off))
}

#[cfg(test)]
mod tests {
    use super::*;
    use sma_shared::api::NotificationChoice;

    #[test]
    fn every_kind_is_listed_and_only_an_optional_one_can_be_off() {
        let p = preferences(Lang::De, &["lapse".into(), "renewal_reminder".into()]);
        let to_users = MessageKind::ALL.iter().filter(|k| k.to_users()).count();
        assert_eq!(p.messages.len(), to_users);
        let get = |k| p.messages.iter().find(|m| m.kind == k).unwrap();
        assert!(!get(MessageKind::Lapse).enabled && get(MessageKind::Lapse).optional);
        assert!(get(MessageKind::RenewalReminder).enabled);
        assert!(!get(MessageKind::RenewalReminder).optional);
    }

    #[test]
    fn turning_off_a_message_that_is_always_sent_is_refused() {
        let off = |kind| NotificationUpdate {
            lang: None,
            messages: vec![NotificationChoice {
                kind,
                enabled: false,
            }],
        };
        let e = check_update(&off(MessageKind::RenewalReminder)).unwrap_err();
        assert_eq!((e.status(), e.code()), (422, "not_optional"));
        assert!(check_update(&off(MessageKind::Lapse)).is_ok());
    }

    #[test]
    fn a_session_is_listed_by_a_short_id_never_its_hash() {
        let row = SessionListRow {
            token_hash: "ab".repeat(32),
            created_at: "2026-11-28T10:00:00.000Z".into(),
            expires_at: "2026-11-28T18:00:00.000Z".into(),
            user_agent: Some("Firefox".into()),
        };
        let list = session_list(&[row], &"ab".repeat(32));
        assert_eq!(list.sessions[0].id, "ab".repeat(8));
        assert!(list.sessions[0].current);
        assert!(!serde_json::to_string(&list)
            .unwrap()
            .contains(&"ab".repeat(9)));
    }
}
