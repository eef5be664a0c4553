//! The portal's changes as data: a [`Change`] is one request (an order two: placing it, then
//! reading the installation again), built by a plain function, and its answer is read by
//! another, so the action's future awaits one fetch instead of holding a state for every call of
//! every kind of change.

use super::{
    installation, js_sys_encode, new_idempotency_key, parse, quote_call, send, ApiError, Call,
};
use crate::later::entry;
use sma_shared::{
    accounts::Decision,
    api::{
        AccessDecided, AccessDecisionRequest, AutoRenewAnswer, EmptyBody, Installation,
        InvitationRequest, NotificationPreferences, NotificationUpdate, OrderInputs, OrderQuote,
        OrderRequest, OrderView, PasswordChange, PasswordResetRequest, RedeemRequest,
        RegistrationRequest, SessionsEnded, SignIn, User, UserBody,
    },
    orders::OrderKind,
};
use std::{future::Future, pin::Pin};

/// A change the portal asks the API for.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// `POST /api/session`.
    SignIn {
        /// As typed (surrounding spaces are dropped).
        email: String,
        /// The password.
        password: String,
    },
    /// `DELETE /api/session`.
    SignOut,
    /// `POST /api/installations/{id}/sma/cancel` (`on` false) or `.../resume` (`on` true).
    AutoRenew {
        /// The installation.
        installation: String,
        /// Whether auto-renew is switched on.
        on: bool,
    },
    /// `POST /api/installations/{id}/quotes/{kind}`, with a fresh idempotency key for the
    /// order that confirms it.
    Quote {
        /// The installation.
        installation: String,
        /// What to order.
        kind: OrderKind,
        /// The order's inputs.
        inputs: OrderInputs,
    },
    /// `POST /api/orders` with its `Idempotency-Key`, then the installation as it is now.
    Order {
        /// The key of the quote confirmed.
        key: String,
        /// The order.
        order: OrderRequest,
    },
    /// `POST /api/registrations` (answered 202 whatever is known).
    Register(RegistrationRequest),
    /// `POST /api/password-resets` (answered 202 whatever is known).
    RequestReset(PasswordResetRequest),
    /// `POST /api/tokens/redeem`: sets the password and signs in.
    Redeem(RedeemRequest),
    /// `POST /api/tokens/decide`: approves or declines a request for access.
    Decide(AccessDecisionRequest),
    /// `POST /api/users/invitations` (administrators).
    Invite(InvitationRequest),
    /// `DELETE /api/users/{id}` (administrators).
    RemoveUser(String),
    /// `POST /api/me/password`.
    ChangePassword(PasswordChange),
    /// `DELETE /api/me/sessions`: signs out everywhere.
    EndSessions,
    /// `PUT /api/me/notifications`.
    Notifications(NotificationUpdate),
}

/// What the API answered to a [`Change`].
#[derive(Clone, Debug, PartialEq)]
pub enum Done {
    /// Signed in as this user.
    SignedIn(User),
    /// Signed out.
    SignedOut,
    /// Auto-renew switched on (`true`) or off: the installation after it and what it means.
    AutoRenew(bool, AutoRenewAnswer),
    /// The quote with the token that orders it at its amounts, and the idempotency key that
    /// places it once.
    Quoted(Box<OrderQuote>, String),
    /// The order placed, and the installation after it (if it could be read again).
    Placed(Box<OrderView>, Option<Box<Installation>>),
    /// A registration, reset request or invitation was accepted (what follows is told by mail).
    Accepted,
    /// A request for access was decided: the decision and the requester's address.
    Decided(Decision, String),
    /// A user was removed.
    Removed,
    /// The password was changed (or every session signed out, `EndSessions`): sessions ended.
    Ended(u32),
    /// The notification preferences after a change.
    Preferences(NotificationPreferences),
}

/// Applies a change. Signing in and out (the account gate's, in the portal's module) are sent
/// from here; every other change by [`others`], whose code is loaded later (`crate::later`:
/// [`preload`] once a page that makes changes is shown, else on the first such change; when it
/// cannot be loaded, the change fails with code `unavailable`).
pub async fn apply(change: Change) -> Result<Done, ApiError> {
    match change {
        Change::SignIn { .. } | Change::SignOut => {
            let text = send(session_request(&change)?).await?;
            session_answer(&change, &text)
        }
        change => others(change).await?.await,
    }
}

/// Starts loading the code of the changes ahead of the first one (a page that makes changes is
/// shown); a failure is told by that change.
pub fn preload() {
    #[cfg(feature = "split")]
    wasm_bindgen_futures::spawn_local(async {
        let _ = __wasm_split_preload_others().await;
    });
}

/// A change's future, made in the code loaded later.
type Applying = Pin<Box<dyn Future<Output = Result<Done, ApiError>>>>;

entry! {
    /// Applies any change: an entry of the code loaded later.
    fn others(change: Change) -> Applying {
        Box::pin(async move {
            let text = send(request(&change)?).await?;
            match (answer(&change, &text)?, &change) {
                (Done::Placed(placed, _), Change::Order { order, .. }) => {
                    let now = installation(&order.installation_id).await.ok();
                    Ok(Done::Placed(placed, now.map(Box::new)))
                }
                (done, _) => Ok(done),
            }
        })
    }
}

/// The request a change sends.
fn request(change: &Change) -> Result<Call, ApiError> {
    let post = |url: &str| Call::new("POST", url);
    match change {
        Change::SignIn { .. } | Change::SignOut => session_request(change),
        Change::AutoRenew { installation, on } => {
            let switch = if *on { "resume" } else { "cancel" };
            let id = js_sys_encode(installation);
            post(&format!("/api/installations/{id}/sma/{switch}")).json(&EmptyBody {})
        }
        Change::Quote {
            installation,
            kind,
            inputs,
        } => quote_call(installation, *kind, inputs),
        Change::Order { key, order } => Ok(Call {
            key: Some(key.clone()),
            ..post("/api/orders").json(order)?
        }),
        Change::Register(body) => post("/api/registrations").json(body),
        Change::RequestReset(body) => post("/api/password-resets").json(body),
        Change::Redeem(body) => post("/api/tokens/redeem").json(body),
        Change::Decide(body) => post("/api/tokens/decide").json(body),
        Change::Invite(body) => post("/api/users/invitations").json(body),
        Change::RemoveUser(id) => Ok(Call::new(
            "DELETE",
            &format!("/api/users/{}", js_sys_encode(id)),
        )),
        Change::ChangePassword(body) => post("/api/me/password").json(body),
        Change::EndSessions => Ok(Call::new("DELETE", "/api/me/sessions")),
        Change::Notifications(body) => Call::new("PUT", "/api/me/notifications").json(body),
    }
}

/// What the API answered to a change, read from the text of its answer. The answer of
/// switching auto-renew is read as its two parts from the same text (see [`AutoRenewAnswer`]);
/// registrations, reset requests and invitations are answered 202 `{"status": "accepted"}`.
fn answer(change: &Change, text: &str) -> Result<Done, ApiError> {
    Ok(match change {
        Change::SignIn { .. } | Change::SignOut | Change::Redeem(_) => {
            session_answer(change, text)?
        }
        Change::AutoRenew { on, .. } => Done::AutoRenew(
            *on,
            AutoRenewAnswer {
                installation: parse(text)?,
                change: parse(text)?,
            },
        ),
        Change::Quote { .. } => {
            Done::Quoted(Box::new(parse::<OrderQuote>(text)?), new_idempotency_key())
        }
        Change::Order { .. } => Done::Placed(Box::new(parse::<OrderView>(text)?), None),
        Change::Register(_) | Change::RequestReset(_) | Change::Invite(_) => Done::Accepted,
        Change::Decide(_) => {
            let d: AccessDecided = parse(text)?;
            Done::Decided(d.decision, d.email)
        }
        Change::RemoveUser(_) => Done::Removed,
        Change::ChangePassword(_) | Change::EndSessions => {
            Done::Ended(parse::<SessionsEnded>(text)?.ended)
        }
        Change::Notifications(_) => Done::Preferences(parse(text)?),
    })
}

/// The request of signing in or out.
fn session_request(change: &Change) -> Result<Call, ApiError> {
    match change {
        Change::SignIn { email, password } => Call::new("POST", "/api/session").json(&SignIn {
            email: email.trim().to_owned(),
            password: password.clone(),
        }),
        _ => Ok(Call::new("DELETE", "/api/session")),
    }
}

/// The answer to signing in (or redeeming a link, which signs in) or out.
fn session_answer(change: &Change, text: &str) -> Result<Done, ApiError> {
    Ok(match change {
        Change::SignOut => Done::SignedOut,
        _ => Done::SignedIn(parse::<UserBody>(text)?.user),
    })
}
