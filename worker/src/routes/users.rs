//! A customer's colleagues (api.md "Getting in"): `GET /api/users` (every user sees them),
//! `POST /api/users/invitations` and `DELETE /api/users/{id}` (administrators only; a viewer's
//! attempt is 403 `forbidden_role`). Removing a user ends their sessions and links; the last
//! administrator cannot be removed (422 `last_admin`), also when two removals race.

use crate::access::{require_session, throttle};
use crate::config;
use crate::context::Cx;
use crate::error::{ApiError, ApiResult};
use crate::http::{cookie, csrf::check_same_origin, ids, request::read_json, respond};
use crate::store::account_state::role;
use crate::store::accounts::{AccountStore, InvitationRow, MemberRow};
use crate::store::batch::{AuditEntry, Batch, MailWrite, TokenSubject, TokenWrite};
use sma_shared::accounts::{
    check_removal, normalize_email, AccountsError, Action, Role, Token, TokenKind,
    INVITATIONS_PER_CUSTOMER,
};
use sma_shared::api::{Accepted, AccountUser, InvitationRequest, PendingInvitation, UserList};
use sma_shared::mail::{Invitation, Message};
use worker::Request;

/// `GET /api/users`: the customer's users with their roles, and the open invitations.
pub async fn list(req: Request, cx: Cx) -> ApiResult {
    let db = cx.db()?;
    let session = require_session(&req, &db, cx.now()).await?;
    session.authorize(Action::ViewUsers)?;
    let store = AccountStore::new(&db);
    let members = store.members(&session.customer_id).await?;
    let invitations = store
        .invitations(&session.customer_id, &cx.now().iso())
        .await?;
    respond::ok(&user_list(&members, &invitations, &session.user_id)?)
}

/// The list as answered: users marked `you` for the caller, one invitation per address (the
/// newest).
fn user_list(
    members: &[MemberRow],
    invitations: &[InvitationRow],
    me: &str,
) -> Result<UserList, ApiError> {
    let users = members
        .iter()
        .map(|m| {
            Ok(AccountUser {
                id: m.id.clone(),
                email: m.email.clone(),
                role: role(&m.role)?,
                you: m.id == me,
            })
        })
        .collect::<Result<_, ApiError>>()?;
    let mut open: Vec<PendingInvitation> = Vec::new();
    for i in invitations {
        if open.iter().any(|o| o.email.eq_ignore_ascii_case(&i.email)) {
            continue;
        }
        open.push(PendingInvitation {
            email: i.email.clone(),
            role: i
                .role
                .as_deref()
                .map(role)
                .transpose()?
                .unwrap_or(Role::Viewer),
            expires_at: i.expires_at.clone(),
        });
    }
    Ok(UserList {
        users,
        invitations: open,
    })
}

/// `POST /api/users/invitations`: invites a colleague by e-mail with a role (an earlier
/// invitation of the address stops working); 409 when the address is already a user of the
/// customer. 202: the invitation is on its way.
pub async fn invite(mut req: Request, cx: Cx) -> ApiResult {
    check_same_origin(&req)?;
    let (db, now) = (cx.db()?, cx.now());
    let session = require_session(&req, &db, now).await?;
    session.authorize(Action::InviteUser)?;
    let body: InvitationRequest = read_json(&mut req).await?;
    let email = normalize_email(&body.email)?;
    let limit = [(INVITATIONS_PER_CUSTOMER, session.customer_id.clone())];
    throttle(&db, now, &limit).await?;
    let existing = AccountStore::new(&db).user_by_email(&email).await?;
    if existing.is_some_and(|u| u.customer_id == session.customer_id) {
        return Err(ApiError::Conflict(format!(
            "{email} is already a user of {}.",
            session.customer_name
        )));
    }
    let subject = TokenSubject {
        customer_id: session.customer_id.clone(),
        email: email.clone(),
        user_id: None,
        role: Some(body.role),
        lang: session.lang,
    };
    let key = config::token_key(cx.env())?;
    let mut token = TokenWrite::issue(
        &key,
        ids::long_id("tok")?,
        TokenKind::Invitation,
        subject,
        now.at(),
    );
    token.created_by = Some(session.actor());
    let message = Message::Invitation(Invitation {
        inviter: session.email.clone(),
        customer: session.customer_name.clone(),
        role: body.role,
        token: Token::blank(),
    });
    let at = now.iso();
    let mut batch = Batch::new(&db);
    batch
        .supersede_tokens(&session.customer_id, TokenKind::Invitation, &email, &at)?
        .token(&token)?
        .mail(
            &MailWrite::new(&email, session.lang, message, Some(&token.id)),
            &at,
        )?
        .audit(&AuditEntry {
            at: at.clone(),
            actor: session.actor(),
            action: "user.invite".into(),
            subject: format!("customer:{}", session.customer_id),
            detail: serde_json::json!({"email": email, "role": body.role}).to_string(),
        })?;
    cx.send_mail(batch.run().await?.unwrap_or_default());
    respond::accepted(&Accepted::default())
}

/// `DELETE /api/users/{id}`: removes a user of the customer, ends their sessions and their
/// links; 404 for anyone else's id, 422 `last_admin` for the last administrator. 204.
pub async fn remove(req: Request, cx: Cx) -> ApiResult {
    check_same_origin(&req)?;
    let (db, now) = (cx.db()?, cx.now());
    let session = require_session(&req, &db, now).await?;
    session.authorize(Action::RemoveUser)?;
    let store = AccountStore::new(&db);
    let target = store
        .user_in(&session.customer_id, cx.param("id"))
        .await?
        .ok_or(ApiError::NotFound)?;
    let members = store.members(&session.customer_id).await?;
    let admins = members
        .iter()
        .filter(|m| m.role == Role::Admin.code())
        .count();
    check_removal(target.role()?, admins)?;
    let at = now.iso();
    let id = target.id.as_str();
    let mut batch = Batch::new(&db);
    batch
        .push("DELETE FROM sessions WHERE user_id = ?1", &[id.into()])?
        .end_user_tokens(id, &at)?
        .push(
            "DELETE FROM notification_opt_outs WHERE user_id = ?1",
            &[id.into()],
        )?
        // Never the last administrator, even when two removals race.
        .push(
            "DELETE FROM users WHERE id = ?1 AND customer_id = ?2
                AND (role <> 'admin'
                     OR (SELECT COUNT(*) FROM users WHERE customer_id = ?2 AND role = 'admin') > 1)",
            &[id.into(), session.customer_id.as_str().into()],
        )?
        .guard()
        .audit(&AuditEntry {
            at,
            actor: session.actor(),
            action: "user.remove".into(),
            subject: format!("user:{id}"),
            detail: serde_json::json!({"email": target.email, "role": target.role}).to_string(),
        })?;
    if batch.run().await?.is_none() {
        // Another request removed them, or the other administrators, meanwhile.
        let gone = store.user_in(&session.customer_id, id).await?.is_none();
        return Err(match gone {
            true => ApiError::NotFound,
            false => AccountsError::LastAdmin.into(),
        });
    }
    let mut resp = respond::no_content()?;
    if target.id == session.user_id {
        resp.headers_mut().set("set-cookie", &cookie::clear())?;
    }
    Ok(resp)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(id: &str, role: &str) -> MemberRow {
        MemberRow {
            id: id.into(),
            email: format!("{id}@demo.example"),
            role: role.into(),
        }
    }

    fn invitation(email: &str, role: &str, expires_at: &str) -> InvitationRow {
        InvitationRow {
            email: email.into(),
            role: Some(role.into()),
            expires_at: expires_at.into(),
        }
    }

    #[test]
    fn the_caller_is_marked_and_each_address_has_its_newest_invitation() {
        let list = user_list(
            &[member("anna", "admin"), member("carl", "viewer")],
            &[
                invitation("dora@demo.example", "admin", "2026-12-07T10:00:00.000Z"),
                invitation("dora@demo.example", "viewer", "2026-12-05T10:00:00.000Z"),
            ],
            "carl",
        )
        .unwrap();
        assert_eq!(
            list.users
                .iter()
                .map(|u| (u.role, u.you))
                .collect::<Vec<_>>(),
            [(Role::Admin, false), (Role::Viewer, true)]
        );
        assert_eq!(list.invitations.len(), 1);
        assert_eq!(list.invitations[0].role, Role::Admin);
    }

    #[test]
    fn a_stored_role_of_another_form_is_an_internal_error() {
        assert_eq!(
            user_list(&[member("x", "owner")], &[], "x")
                .unwrap_err()
                .status(),
            500
        );
    }
}
