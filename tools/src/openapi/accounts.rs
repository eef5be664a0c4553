//! Getting in (api.md "Getting in"): registration with a licence number, password resets and
//! the one-time links; the customer's colleagues; the signed-in user's own password, sessions
//! and notification preferences. Policy numbers come from `sma_shared::accounts`.

use serde_json::{json, Value};
use sma_shared::accounts::{
    RateLimit, APPROVAL_DAYS, INVITATIONS_PER_CUSTOMER, INVITATION_DAYS, MAX_PASSWORD_BYTES,
    MIN_PASSWORD_CHARS, REDEMPTIONS_PER_IP, REGISTRATIONS_PER_EMAIL, REGISTRATIONS_PER_IP,
    REGISTRATIONS_PER_LICENCE, RESETS_PER_EMAIL, RESETS_PER_IP, TOKEN_MINUTES,
};
use sma_shared::api::{
    Accepted, AccessDecided, AccessDecisionRequest, InvitationRequest, NotificationPreferences,
    NotificationUpdate, PasswordChange, PasswordResetRequest, RedeemRequest, RegistrationRequest,
    SessionList, SessionsEnded, TokenInfo, TokenQuery, UserBody, UserList,
    SIGN_IN_FAILURE_WINDOW_MINUTES, SIGN_IN_MAX_FAILURES,
};
use sma_shared::mail::MessageKind;

use super::ops::{path_param, Auth, Op};
use super::schemas::Schemas;

/// "10 an hour", "20 per 15 minutes", "50 a day".
fn per(limit: RateLimit) -> String {
    let window = match limit.window_seconds {
        3600 => "an hour".to_owned(),
        86_400 => "a day".to_owned(),
        s if s % 60 == 0 => format!("per {} minutes", s / 60),
        s => format!("per {s} seconds"),
    };
    format!("{} {window}", limit.limit)
}

/// The rule for a new password, as `check_new_password` applies it.
fn password_rule() -> String {
    format!("at least {MIN_PASSWORD_CHARS} characters, at most {MAX_PASSWORD_BYTES} bytes, not the account's e-mail address")
}

/// The answer of the requests that never tell what was known.
fn accepted(op: Op, s: &mut Schemas, description: &str) -> Op {
    op.json(202, description, s.response::<Accepted>(), json!({}))
}

/// A 200 that sets (or clears) the session cookie.
fn with_cookie(op: Op, status: u16, description: &str, cookie: &str, schema: Option<Value>) -> Op {
    let mut answer = json!({
        "description": description,
        "headers": {"set-cookie": {"description": cookie, "schema": {"type": "string"}}}
    });
    if let Some(schema) = schema {
        answer["content"] = json!({"application/json": {"schema": schema}});
    }
    op.answer(status, answer)
}

/// The operations of getting in, colleagues and one's own account.
pub fn operations(s: &mut Schemas, error: &Value) -> Vec<Op> {
    let mut ops = getting_in(s, error);
    ops.extend(tokens(s, error));
    ops.extend(colleagues(s, error));
    ops.extend(own_account(s, error));
    ops
}

fn getting_in(s: &mut Schemas, error: &Value) -> Vec<Op> {
    let registration = format!(
        "Asks for a way in with the licence number from the licence certificate. The answer is always 202 `{{\"status\": \"accepted\"}}` for a well-formed request, whether or not the number or the address is known (no enumeration). If the address is the customer's registered contact, it receives a verification message (a one-time link, {TOKEN_MINUTES} minutes) and becomes the customer's first `admin`; any other address becomes a request for access that the customer's administrators (or, while there is none, the registered contact) approve or decline from their message ({APPROVAL_DAYS} days), and an approved requester receives the verification message and becomes a `viewer`. An address that is already a user's, an unknown number and a second request while one waits send nothing. A wrong check character is refused before any lookup. Rate limits (fixed windows, counted atomically): {} per IP address (IPv6 by /64), {} per licence number, {} per address.",
        per(REGISTRATIONS_PER_IP),
        per(REGISTRATIONS_PER_LICENCE),
        per(REGISTRATIONS_PER_EMAIL),
    );
    let reset = format!(
        "Asks for a password-reset link. Always 202 for a well-formed request; a known user receives a reset message (a one-time link, {TOKEN_MINUTES} minutes), and an earlier reset link of the user stops working. Rate limits: {} per IP address, {} per address.",
        per(RESETS_PER_IP),
        per(RESETS_PER_EMAIL),
    );
    vec![
        accepted(
            Op::new("post", "/api/registrations", "register", "access", "Register with a licence number", error)
                .describe(&registration)
                .body(s.request::<RegistrationRequest>(), json!({"contact": {"summary": "The registered contact of a customer without users", "value": {"licence_number": "SMA-ZGG1-6E4C-G", "email": "it@nordlicht.example", "lang": "de"}}})),
            s,
            "Accepted; what happens next depends on facts the answer does not reveal.",
        )
        .malformed()
        .same_origin()
        .error(422, "`invalid_licence_number` (not of the form `SMA-XXXX-XXXX-C`, a character outside the alphabet, or a wrong check character; `field` = `licence_number`) or `invalid_email` (`field` = `email`).", &["invalid_licence_number", "invalid_email"])
        .rate_limited("too many registrations from this address, for this licence number or for this e-mail address."),
        accepted(
            Op::new("post", "/api/password-resets", "requestPasswordReset", "access", "Ask for a password-reset link", error)
                .describe(&reset)
                .body(s.request::<PasswordResetRequest>(), json!({})),
            s,
            "Accepted; a known user receives the link.",
        )
        .malformed()
        .same_origin()
        .error(422, "`invalid_email`: not an e-mail address (`field` = `email`).", &["invalid_email"])
        .rate_limited("too many reset requests from this address or for this e-mail address."),
    ]
}

fn tokens(s: &mut Schemas, error: &Value) -> Vec<Op> {
    let limit = format!(
        "Inspections, redemptions and decisions together: {} per IP address.",
        per(REDEMPTIONS_PER_IP)
    );
    let gone = "`token_invalid`: the link was used already, has expired, was replaced by a newer one or never existed (which of these is not told); `field` = `token`.";
    let too_many = "too many uses of links from this address.";
    let redeem = format!(
        "Sets the password of a verification, invitation or reset link's account and signs it in (the token says which). A verification or invitation creates the user with the token's role; a reset sets the new password, ends every other session of the user and sends a `password_changed` notice. Links: {TOKEN_MINUTES} minutes, invitations {INVITATION_DAYS} days; single use, also under races. The password: {}. {limit}",
        password_rule()
    );
    vec![
        Op::new("post", "/api/tokens/inspect", "inspectToken", "access", "What a one-time link is for", error)
            .describe(&format!("What a usable token is for, for the token page: its kind, the address (the requester's for an `approval`), the customer, the role the account gets (`null` for a reset) and when it stops working. Nothing is used. {limit}"))
            .body(s.request::<TokenQuery>(), json!({}))
            .json(200, "What the token is for.", s.response::<TokenInfo>(), json!({}))
            .malformed()
            .same_origin()
            .error(410, gone, &["token_invalid"])
            .rate_limited(too_many),
        with_cookie(
            Op::new("post", "/api/tokens/redeem", "redeemToken", "access", "Set a password with a one-time link and sign in", error)
                .describe(&redeem)
                .body(s.request::<RedeemRequest>(), json!({})),
            200,
            "The password is set and the user signed in: the `{\"user\"}` of `GET /api/me`.",
            "The new session's cookie (`sma_session=…; HttpOnly; Secure; SameSite=Strict`).",
            Some(s.response::<UserBody>()),
        )
        .malformed()
        .same_origin()
        .error(409, "`conflict`: a verification or invitation for an address that already has an account (an address belongs to one customer).", &["conflict"])
        .error(410, gone, &["token_invalid"])
        .error(422, &format!("`invalid_password` (`field` = `password`): {}.", password_rule()), &["invalid_password"])
        .rate_limited(too_many),
        Op::new("post", "/api/tokens/decide", "decideAccessRequest", "access", "Approve or decline a request for access", error)
            .describe(&format!("An administrator's (or, while the customer has none, the registered contact's) decision on a request for access, posted by the token page after it asked to confirm (so that a link scanner decides nothing). The requester receives `approval_result`, and after an approval the verification message. The first decision ends the other administrators' links. Approval links work {APPROVAL_DAYS} days. {limit}"))
            .body(s.request::<AccessDecisionRequest>(), json!({}))
            .json(200, "Decided: the decision and the requester's address.", s.response::<AccessDecided>(), json!({}))
            .malformed()
            .error(403, "`forbidden`: a request that is not from the portal; or `forbidden_role`: the approver is no longer an administrator.", &["forbidden", "forbidden_role"])
            .error(410, gone, &["token_invalid"])
            .rate_limited(too_many),
    ]
}

fn colleagues(s: &mut Schemas, error: &Value) -> Vec<Op> {
    vec![
        Op::new("get", "/api/users", "listUsers", "users", "The customer's users and open invitations", error)
            .describe("Every user of the signed-in user's customer with their role (`you` marks the caller), and the invitations not yet accepted (one per address, the newest). Any role.")
            .auth(Auth::Session)
            .json(200, "The users and invitations.", s.response::<UserList>(), json!({})),
        accepted(
            Op::new("post", "/api/users/invitations", "inviteUser", "users", "Invite a colleague", error)
                .describe(&format!("Administrators only. Sends an invitation ({INVITATION_DAYS} days, in the inviter's language) to set a password and join with the role; it replaces an earlier invitation to the address. At most {} invitations of a customer.", per(INVITATIONS_PER_CUSTOMER)))
                .auth(Auth::Session)
                .body(s.request::<InvitationRequest>(), json!({})),
            s,
            "The invitation is on its way.",
        )
        .malformed()
        .admin_only()
        .error(409, "`conflict`: the address is already a user of the customer.", &["conflict"])
        .error(422, "`invalid_email`: not an e-mail address (`field` = `email`).", &["invalid_email"])
        .rate_limited("the customer sent too many invitations today."),
        with_cookie(
            Op::new("delete", "/api/users/{id}", "removeUser", "users", "Remove a user", error)
                .describe("Administrators only. Removes a user of the customer and ends their sessions and links. The last administrator cannot be removed (also when two removals race). Removing oneself also clears one's cookie.")
                .auth(Auth::Session)
                .param(path_param("id", "The user's id (from `GET /api/users`; another customer's id is not found).", json!({"type": "string"}))),
            204,
            "Removed.",
            "Present when the caller removed themselves: the cleared session cookie.",
            None,
        )
        .admin_only()
        .not_found("no user of the customer with this id.")
        .error(422, "`last_admin`: the customer would be left without an administrator.", &["last_admin"]),
    ]
}

fn own_account(s: &mut Schemas, error: &Value) -> Vec<Op> {
    let optional: Vec<&str> = MessageKind::ALL
        .iter()
        .filter(|k| k.may_opt_out())
        .map(|k| k.code())
        .collect();
    let optional = optional.join("`, `");
    vec![
        Op::new("post", "/api/me/password", "changePassword", "users", "Change one's password", error)
            .describe(&format!("Sets a new password ({}) after checking the current one. Every other session of the user ends, this one stays; a `password_changed` notice is sent. After {SIGN_IN_MAX_FAILURES} wrong current passwords within {SIGN_IN_FAILURE_WINDOW_MINUTES} minutes, 429.", password_rule()))
            .auth(Auth::Session)
            .body(s.request::<PasswordChange>(), json!({}))
            .json(200, "Changed; `ended` is how many other sessions ended.", s.response::<SessionsEnded>(), json!({}))
            .malformed()
            .same_origin()
            .error(409, "`conflict`: the password was changed meanwhile by another request.", &["conflict"])
            .error(422, "`wrong_password` (`field` = `current_password`) or `invalid_password` (`field` = `new_password`).", &["wrong_password", "invalid_password"])
            .rate_limited("too many wrong current passwords."),
        Op::new("get", "/api/me/sessions", "listSessions", "users", "One's active sessions", error)
            .describe("The signed-in user's active sessions, newest first, the current one marked; `id` is opaque (never the token or its hash).")
            .auth(Auth::Session)
            .json(200, "The sessions.", s.response::<SessionList>(), json!({})),
        with_cookie(
            Op::new("delete", "/api/me/sessions", "signOutEverywhere", "users", "Sign out everywhere", error)
                .describe("Ends every session of the user, this one too, and clears the cookie.")
                .auth(Auth::Session),
            200,
            "Signed out everywhere; `ended` is how many sessions ended.",
            "The cleared session cookie.",
            Some(s.response::<SessionsEnded>()),
        )
        .same_origin(),
        Op::new("get", "/api/me/notifications", "getNotifications", "users", "One's notification preferences", error)
            .describe(&format!("The language of the user's messages and, for every kind of message, whether it is sent and whether it may be turned off. Only `{optional}` is optional: the reminder before a cancellation deadline is contractual, the others concern the account or a charge."))
            .auth(Auth::Session)
            .json(200, "The preferences.", s.response::<NotificationPreferences>(), json!({})),
        Op::new("put", "/api/me/notifications", "updateNotifications", "users", "Change one's notification preferences", error)
            .describe("Changes the language of the user's messages and turns optional kinds on or off; kinds not named stay as they are. Answers the preferences after it. Any role, only one's own.")
            .auth(Auth::Session)
            .body(s.request::<NotificationUpdate>(), json!({"german": {"summary": "Messages in German, no lapse notices", "value": {"lang": "de", "messages": [{"kind": "lapse", "enabled": false}]}}}))
            .json(200, "The preferences after the change.", s.response::<NotificationPreferences>(), json!({}))
            .malformed()
            .same_origin()
            .error(422, "`not_optional`: turning off a kind that is always sent (`field` = `messages`).", &["not_optional"]),
    ]
}
