//! Asking for a way in (api.md "Getting in"): `POST /api/registrations` with a licence number
//! and `POST /api/password-resets`. Both answer 202 `{"status": "accepted"}` whatever was
//! found, after the same work (the rate-limit batch, one lookup, one write batch with at least
//! an audit entry), so neither the answer nor its time tells whether a number or an address
//! is known. Limited per IP address and per licence number or address (429, `Retry-After`).

use crate::access::{client_ip, throttle};
use crate::clock::timestamp;
use crate::config;
use crate::context::Cx;
use crate::error::{ApiError, ApiResult};
use crate::http::{csrf::check_same_origin, ids, request::read_json, respond};
use crate::store::account_state::{registration_found, ApproverContact, RegistrationFound};
use crate::store::accounts::{AccountStore, UserRow};
use crate::store::batch::{AuditEntry, Batch, MailWrite, TokenSubject, TokenWrite, Writes};
use crate::store::tokens::{AccessRequestWrite, TokenStore};
use chrono::{DateTime, Utc};
use sma_shared::accounts::{
    ip_subject, licence_subject, normalize_email, route_registration, Approver, LicenceNumber,
    RegistrationRoute, Token, TokenKind, REGISTRATIONS_PER_EMAIL, REGISTRATIONS_PER_IP,
    REGISTRATIONS_PER_LICENCE, RESETS_PER_EMAIL, RESETS_PER_IP,
};
use sma_shared::api::{Accepted, PasswordResetRequest, RegistrationRequest};
use sma_shared::mail::{ApprovalRequest, Message, PasswordReset};
use sma_shared::Lang;
use worker::Request;

/// `POST /api/registrations`: the registered contact receives the verification message,
/// anyone else's request goes to the customer's administrators (or, without one, to the
/// contact); an unknown number or an existing user gets nothing. Always 202.
pub async fn register(mut req: Request, cx: Cx) -> ApiResult {
    check_same_origin(&req)?;
    let body: RegistrationRequest = read_json(&mut req).await?;
    let number = LicenceNumber::parse(&body.licence_number)?;
    let email = normalize_email(&body.email)?;
    let (db, now, ip) = (cx.db()?, cx.now(), client_ip(&req));
    let limits = [
        (REGISTRATIONS_PER_IP, ip_subject(&ip)),
        (REGISTRATIONS_PER_LICENCE, licence_subject(number)),
        (REGISTRATIONS_PER_EMAIL, email.clone()),
    ];
    throttle(&db, now, &limits).await?;
    let rows = TokenStore::new(&db)
        .registration(&number.to_string(), &email, &now.iso())
        .await?;
    let asked = Asked {
        number,
        email,
        lang: body.lang,
        ip,
    };
    let key = config::token_key(cx.env())?;
    let found = registration_found(&rows, &asked.email);
    let plan = plan_registration(&asked, found.as_ref(), &key, now.at(), &mut new_id)?;
    let mut batch = Batch::new(&db);
    if let Some(customer_id) = &plan.supersede {
        batch.supersede_tokens(
            customer_id,
            TokenKind::Verification,
            &asked.email,
            &now.iso(),
        )?;
    }
    if let Some(request) = &plan.request {
        batch.access_request(request)?;
    }
    batch.writes(&plan.writes, &now.iso())?;
    cx.send_mail(batch.run().await?.unwrap_or_default());
    respond::accepted(&Accepted::default())
}

/// `POST /api/password-resets`: a known user receives a reset link (older ones stop working);
/// always 202.
pub async fn reset(mut req: Request, cx: Cx) -> ApiResult {
    check_same_origin(&req)?;
    let body: PasswordResetRequest = read_json(&mut req).await?;
    let email = normalize_email(&body.email)?;
    let (db, now, ip) = (cx.db()?, cx.now(), client_ip(&req));
    let limits = [
        (RESETS_PER_IP, ip_subject(&ip)),
        (RESETS_PER_EMAIL, email.clone()),
    ];
    throttle(&db, now, &limits).await?;
    let user = AccountStore::new(&db).user_by_email(&email).await?;
    let key = config::token_key(cx.env())?;
    let writes = plan_reset(&email, &ip, user.as_ref(), &key, now.at(), &mut new_id)?;
    let mut batch = Batch::new(&db);
    if let Some(u) = &user {
        batch.supersede_tokens(&u.customer_id, TokenKind::Reset, &u.email, &now.iso())?;
    }
    batch.writes(&writes, &now.iso())?;
    cx.send_mail(batch.run().await?.unwrap_or_default());
    respond::accepted(&Accepted::default())
}

/// A fresh id with `prefix` (`tok`, `req`).
fn new_id(prefix: &str) -> Result<String, ApiError> {
    ids::long_id(prefix)
}

/// A registration as asked.
struct Asked {
    number: LicenceNumber,
    email: String,
    lang: Lang,
    ip: String,
}

impl Asked {
    fn audit(&self, at: DateTime<Utc>, outcome: &str, customer: Option<&str>) -> AuditEntry {
        AuditEntry {
            at: timestamp(at),
            actor: anonymous(&self.ip),
            action: format!("registration.{outcome}"),
            subject: format!("licence:{}", self.number),
            detail: serde_json::json!({"email": self.email, "customer": customer}).to_string(),
        }
    }
}

/// Who a public request comes from, in the audit log.
fn anonymous(ip: &str) -> String {
    format!("anonymous <{ip}>")
}

/// What a registration writes.
#[derive(Debug, Default)]
struct RegistrationPlan {
    /// Tokens, messages and the audit entry.
    writes: Writes,
    /// The request for access, when one is made.
    request: Option<AccessRequestWrite>,
    /// The customer whose older verification links of the address the new one replaces.
    supersede: Option<String>,
}

/// Decides what a registration writes from what was found (`None`: an unknown number).
fn plan_registration(
    asked: &Asked,
    found: Option<&RegistrationFound>,
    key: &[u8],
    now: DateTime<Utc>,
    new_id: &mut impl FnMut(&str) -> Result<String, ApiError>,
) -> Result<RegistrationPlan, ApiError> {
    let Some(found) = found else {
        let audit = asked.audit(now, "unknown_licence", None);
        return Ok(RegistrationPlan {
            writes: single_audit(audit),
            ..RegistrationPlan::default()
        });
    };
    let customer = Some(found.customer_id.as_str());
    let mut writes = Writes::default();
    let outcome = match route_registration(found.facts) {
        RegistrationRoute::UnknownLicence => "unknown_licence",
        RegistrationRoute::AlreadyRegistered => "already_registered",
        RegistrationRoute::Verify { role } => {
            let subject = TokenSubject {
                customer_id: found.customer_id.clone(),
                email: asked.email.clone(),
                user_id: None,
                role: Some(role),
                lang: asked.lang,
            };
            let token =
                TokenWrite::issue(key, new_id("tok")?, TokenKind::Verification, subject, now);
            writes
                .mails
                .push(MailWrite::verification(&token, &found.customer_name));
            writes.tokens.push(token);
            writes.audit.push(asked.audit(now, "verify", customer));
            return Ok(RegistrationPlan {
                writes,
                request: None,
                supersede: Some(found.customer_id.clone()),
            });
        }
        RegistrationRoute::AskForApproval { .. } if found.request_pending => "request_pending",
        RegistrationRoute::AskForApproval { approver, role } => {
            let approvers = approvers(found, approver);
            if approvers.is_empty() {
                "no_approver"
            } else {
                let request = AccessRequestWrite {
                    id: new_id("req")?,
                    customer_id: found.customer_id.clone(),
                    email: asked.email.clone(),
                    lang: asked.lang,
                    role,
                    licence_number: asked.number.to_string(),
                    created_at: timestamp(now),
                    expires_at: timestamp(TokenKind::Approval.expires_at(now)),
                };
                for a in approvers {
                    let lang = a.lang.unwrap_or(asked.lang);
                    let subject = TokenSubject {
                        customer_id: found.customer_id.clone(),
                        email: a.email.clone(),
                        user_id: a.user_id.clone(),
                        role: Some(role),
                        lang,
                    };
                    let mut token =
                        TokenWrite::issue(key, new_id("tok")?, TokenKind::Approval, subject, now);
                    token.request_id = Some(request.id.clone());
                    let message = Message::ApprovalRequest(ApprovalRequest {
                        requester: asked.email.clone(),
                        customer: found.customer_name.clone(),
                        licence_number: asked.number,
                        role,
                        approver,
                        token: Token::blank(),
                    });
                    let mut mail = MailWrite::new(&a.email, lang, message, Some(&token.id));
                    mail.user_id = a.user_id.clone();
                    writes.mails.push(mail);
                    writes.tokens.push(token);
                }
                writes
                    .audit
                    .push(asked.audit(now, "approval_requested", customer));
                return Ok(RegistrationPlan {
                    writes,
                    request: Some(request),
                    supersede: None,
                });
            }
        }
    };
    writes.audit.push(asked.audit(now, outcome, customer));
    Ok(RegistrationPlan {
        writes,
        ..RegistrationPlan::default()
    })
}

/// Who decides a request: the administrators, or the registered contact while there is none.
fn approvers(found: &RegistrationFound, approver: Approver) -> Vec<ApproverContact> {
    match approver {
        Approver::Administrator => found.admins.clone(),
        Approver::RegisteredContact => found
            .contact_email
            .iter()
            .map(|c| ApproverContact {
                user_id: None,
                email: c.trim().to_lowercase(),
                lang: None,
            })
            .collect(),
    }
}

fn single_audit(audit: AuditEntry) -> Writes {
    Writes {
        audit: vec![audit],
        ..Writes::default()
    }
}

/// What a reset request writes: for a known user a reset token and its message, and always an
/// audit entry.
fn plan_reset(
    email: &str,
    ip: &str,
    user: Option<&UserRow>,
    key: &[u8],
    now: DateTime<Utc>,
    new_id: &mut impl FnMut(&str) -> Result<String, ApiError>,
) -> Result<Writes, ApiError> {
    let audit = |outcome: &str, subject: String| AuditEntry {
        at: timestamp(now),
        actor: anonymous(ip),
        action: format!("password_reset.{outcome}"),
        subject,
        detail: serde_json::json!({ "email": email }).to_string(),
    };
    let Some(user) = user else {
        return Ok(single_audit(audit("unknown", format!("email:{email}"))));
    };
    let subject = TokenSubject {
        customer_id: user.customer_id.clone(),
        email: user.email.clone(),
        user_id: Some(user.id.clone()),
        role: None,
        lang: user.lang(),
    };
    let token = TokenWrite::issue(key, new_id("tok")?, TokenKind::Reset, subject, now);
    let message = Message::PasswordReset(PasswordReset {
        email: user.email.clone(),
        token: Token::blank(),
    });
    let mail = MailWrite::new(&user.email, token.lang, message, Some(&token.id)).for_user(&user.id);
    Ok(Writes {
        tokens: vec![token],
        mails: vec![mail],
        audit: vec![audit("requested", format!("user:{}", user.id))],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use sma_shared::accounts::{RegistrationFacts, Role};
    use sma_shared::mail::MessageKind;

    const KEY: [u8; 32] = [5u8; 32];

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_795_000_000, 0).unwrap()
    }

    fn asked(email: &str) -> Asked {
        Asked {
            number: LicenceNumber::generate(2026, 1),
            email: email.into(),
            lang: Lang::De,
            ip: "192.0.2.7".into(),
        }
    }

    fn found(admins: &[&str], email_is_contact: bool) -> RegistrationFound {
        RegistrationFound {
            customer_id: "cus_1".into(),
            customer_name: "Demo Retail GmbH".into(),
            contact_email: Some("anna@demo.example".into()),
            admins: admins
                .iter()
                .enumerate()
                .map(|(i, e)| ApproverContact {
                    user_id: Some(format!("usr_{i}")),
                    email: (*e).into(),
                    lang: Some(Lang::En),
                })
                .collect(),
            request_pending: false,
            facts: RegistrationFacts {
                licence_known: true,
                email_is_user: false,
                email_is_contact,
                admins: admins.len(),
            },
        }
    }

    fn plan(a: &Asked, f: Option<&RegistrationFound>) -> RegistrationPlan {
        let mut n = 0;
        plan_registration(a, f, &KEY, now(), &mut |p| {
            n += 1;
            Ok(format!("{p}_{n}"))
        })
        .unwrap()
    }

    fn kinds(w: &Writes) -> Vec<MessageKind> {
        w.mails.iter().map(|m| m.message.kind()).collect()
    }

    #[test]
    fn an_unknown_number_writes_only_an_audit_entry() {
        let p = plan(&asked("x@y.example"), None);
        let w = &p.writes;
        assert!(w.tokens.is_empty() && w.mails.is_empty() && p.request.is_none());
        assert_eq!(p.supersede, None);
        assert_eq!(w.audit[0].action, "registration.unknown_licence");
        assert_eq!(w.audit[0].actor, "anonymous <192.0.2.7>");
        assert!(w.audit[0].subject.starts_with("licence:SMA-"));
    }

    #[test]
    fn the_contact_gets_a_verification_link_for_the_first_administrator_in_their_language() {
        let p = plan(&asked("anna@demo.example"), Some(&found(&[], true)));
        let w = &p.writes;
        assert_eq!(kinds(w), [MessageKind::Verification]);
        assert!(p.request.is_none());
        assert_eq!(p.supersede.as_deref(), Some("cus_1"));
        let t = &w.tokens[0];
        assert_eq!(
            (t.kind, t.role, t.lang),
            (TokenKind::Verification, Some(Role::Admin), Lang::De)
        );
        assert_eq!(w.mails[0].token_id.as_deref(), Some(t.id.as_str()));
        assert_eq!(w.mails[0].to, "anna@demo.example");
    }

    #[test]
    fn another_address_asks_every_administrator_with_a_token_each() {
        let f = found(&["a@demo.example", "b@demo.example"], false);
        let p = plan(&asked("new@demo.example"), Some(&f));
        let (w, request) = (&p.writes, p.request.as_ref().unwrap());
        assert_eq!(request.role, Role::Viewer);
        assert_eq!(kinds(w), [MessageKind::ApprovalRequest; 2]);
        assert_eq!(w.tokens.len(), 2);
        assert!(w
            .tokens
            .iter()
            .all(|t| t.request_id.as_deref() == Some(request.id.as_str())
                && t.kind == TokenKind::Approval));
        assert_eq!(w.tokens[1].user_id.as_deref(), Some("usr_1"));
        assert_eq!(w.mails[1].to, "b@demo.example");
        assert_eq!(w.mails[1].lang, Lang::En);
        assert_ne!(w.tokens[0].token_hash, w.tokens[1].token_hash);
    }

    #[test]
    fn without_administrators_the_contact_is_asked_and_without_a_contact_nobody() {
        let p = plan(&asked("new@demo.example"), Some(&found(&[], false)));
        assert!(p.request.is_some());
        assert_eq!(p.writes.mails[0].to, "anna@demo.example");
        assert_eq!(p.writes.tokens[0].user_id, None);
        let mut orphan = found(&[], false);
        orphan.contact_email = None;
        let p = plan(&asked("new@demo.example"), Some(&orphan));
        assert!(p.request.is_none() && p.writes.mails.is_empty());
        assert_eq!(p.writes.audit[0].action, "registration.no_approver");
    }

    #[test]
    fn a_pending_request_or_an_existing_user_sends_nothing_again() {
        let mut pending = found(&["a@demo.example"], false);
        pending.request_pending = true;
        let p = plan(&asked("new@demo.example"), Some(&pending));
        assert!(p.writes.mails.is_empty() && p.request.is_none());
        assert_eq!(p.writes.audit[0].action, "registration.request_pending");
        let mut user = found(&["a@demo.example"], true);
        user.facts.email_is_user = true;
        let p = plan(&asked("anna@demo.example"), Some(&user));
        assert!(p.writes.mails.is_empty());
        assert_eq!(p.writes.audit[0].action, "registration.already_registered");
    }

    #[test]
    fn a_reset_for_a_known_user_sends_a_link_and_for_anyone_else_only_audits() {
        let user = UserRow {
            id: "usr_anna".into(),
            customer_id: "cus_1".into(),
            email: "anna@demo.example".into(),
            password_hash: String::new(),
            role: "admin".into(),
            lang: "de".into(),
        };
        let mut id = |p: &str| Ok(format!("{p}_1"));
        let w = plan_reset(
            "anna@demo.example",
            "192.0.2.7",
            Some(&user),
            &KEY,
            now(),
            &mut id,
        )
        .unwrap();
        assert_eq!(kinds(&w), [MessageKind::PasswordReset]);
        assert_eq!(w.mails[0].user_id.as_deref(), Some("usr_anna"));
        assert_eq!(w.tokens[0].user_id.as_deref(), Some("usr_anna"));
        assert_eq!(w.mails[0].lang, Lang::De);
        let none = plan_reset("x@y.example", "192.0.2.7", None, &KEY, now(), &mut id).unwrap();
        assert!(none.mails.is_empty() && none.tokens.is_empty());
        assert_eq!(none.audit[0].action, "password_reset.unknown");
    }
}
