//! Who may call: the signed-in customer of the session cookie with their role, the operator
//! with an admin token, and how often an address may try (the rate limits of
//! `shared::accounts`, counted atomically in D1). The customer and the operator are noted in the
//! request's log line (`observe`). (The same-origin rule is `http::csrf`.)

use crate::clock::{timestamp, Now};
use crate::crypto::{ct_eq, sha256_hex};
use crate::error::ApiError;
use crate::http::{cookie, ids, request::header};
use crate::observe;
use crate::store::accounts::{AccountStore, SessionRow, SessionWrite};
use crate::store::installations::actor;
use crate::store::limits::LimitStore;
use chrono::Duration;
use sha2::{Digest, Sha256};
use sma_shared::accounts::{
    ip_subject, longest_wait, sign_in_allowed, sign_in_windows, Action, RateLimit, RateWindow,
    Role, PASSWORD_CHECKS_PER_USER,
};
use sma_shared::api::{Customer, User, UserBody};
use sma_shared::Lang;
use worker::{D1Database, Env, Request};

/// How long a session lasts (8 hours).
pub const SESSION_SECONDS: i64 = 8 * 60 * 60;

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
    /// The user's role within the customer.
    pub role: Role,
    /// The language of the user's e-mails.
    pub lang: Lang,
    /// The hash of this request's session token (which of the user's sessions this is).
    pub token_hash: String,
}

impl Session {
    /// The session of a stored row and the hash it was found by.
    fn of(r: SessionRow, token_hash: String) -> Result<Session, ApiError> {
        let role = r.role()?;
        let lang = r.lang();
        Ok(Session {
            user_id: r.user_id,
            email: r.email,
            customer_id: r.customer_id,
            customer_name: r.customer_name,
            customer_country: r.customer_country,
            role,
            lang,
            token_hash,
        })
    }

    /// `{"user": {"email", "customer": {"name", "country"}, "role"}}`.
    pub fn body(&self) -> UserBody {
        UserBody {
            user: User {
                email: self.email.clone(),
                customer: Customer {
                    name: self.customer_name.clone(),
                    country: self.customer_country.clone(),
                },
                role: self.role,
            },
        }
    }

    /// Who this user is in the audit log.
    pub fn actor(&self) -> String {
        actor(&self.user_id, &self.email)
    }

    /// `Ok` when the user's role allows `action`, else 403 `forbidden_role` with the reason.
    pub fn authorize(&self, action: Action) -> Result<(), ApiError> {
        Ok(self.role.authorize(action)?)
    }
}

/// The session token of the request's cookie, if it has one of the right form.
pub fn session_token(req: &Request) -> Option<String> {
    cookie::session_token(header(req, "cookie").as_deref())
}

/// The valid, unexpired session of the request's cookie; 401 `unauthenticated` otherwise.
pub async fn require_session(
    req: &Request,
    db: &D1Database,
    now: Now,
) -> Result<Session, ApiError> {
    let token = session_token(req).ok_or(ApiError::Unauthenticated)?;
    let hash = sha256_hex(token.as_bytes()).await?;
    let session = session_of(db, hash, now).await?;
    observe::note(req, |line| {
        line.customer_id = Some(session.customer_id.clone())
    });
    Ok(session)
}

/// The valid, unexpired session whose token has `hash`; 401 `unauthenticated` otherwise.
pub async fn session_of(db: &D1Database, hash: String, now: Now) -> Result<Session, ApiError> {
    let row = AccountStore::new(db)
        .session(&hash, &now.iso())
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    Session::of(row, hash)
}

/// A new session for `user_id`, opened from `req` at `now`: the row to store (only the token's
/// hash) and the `Set-Cookie` value that carries the token.
pub async fn new_session(
    req: &Request,
    user_id: &str,
    now: Now,
) -> Result<(SessionWrite, String), ApiError> {
    let token = ids::session_token()?;
    let write = SessionWrite {
        token_hash: sha256_hex(token.as_bytes()).await?,
        user_id: user_id.to_owned(),
        created_at: now.iso(),
        expires_at: timestamp(now.at() + Duration::seconds(SESSION_SECONDS)),
        user_agent: header(req, "user-agent").map(|ua| short_user_agent(&ua)),
    };
    Ok((write, cookie::set(&token, SESSION_SECONDS)))
}

/// A `User-Agent` as kept with a session: at most 160 characters, control characters removed.
pub fn short_user_agent(ua: &str) -> String {
    ua.chars().filter(|c| !c.is_control()).take(160).collect()
}

/// The caller's IP address as Cloudflare reports it (`CF-Connecting-IP`); `unknown` without.
pub fn client_ip(req: &Request) -> String {
    header(req, "cf-connecting-ip")
        .map(|ip| ip.trim().to_owned())
        .filter(|ip| !ip.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

/// Counts this attempt against each `(policy, subject)` (one atomic upsert each, in one batch)
/// and refuses it with 429 `rate_limited` when any is over its limit, `Retry-After` the longest
/// wait among them.
pub async fn throttle(
    db: &D1Database,
    now: Now,
    checks: &[(RateLimit, String)],
) -> Result<(), ApiError> {
    let at = now.at().timestamp();
    let windows: Vec<_> = checks.iter().map(|(l, s)| l.window(s, at)).collect();
    let counts = LimitStore::new(db).hit(&windows).await?;
    decide_limits(checks, &counts, at)
}

/// A password check counted against its limits: [`give_back`](Counted::give_back) when the
/// password was right (only failures stay counted).
pub struct Counted<'a> {
    db: &'a D1Database,
    windows: Vec<RateWindow>,
}

impl Counted<'_> {
    /// Takes the attempt back out of its windows.
    pub async fn give_back(self) -> Result<(), ApiError> {
        LimitStore::new(self.db).refund(&self.windows).await
    }
}

/// Counts a sign-in for `email` (normalised) from the request's source before its password is
/// checked (`shared::accounts::sign_in`): 429 `rate_limited` over a limit.
pub async fn count_sign_in<'a>(
    db: &'a D1Database,
    req: &Request,
    email: &str,
    now: Now,
) -> Result<Counted<'a>, ApiError> {
    let at = now.at().timestamp();
    let windows = sign_in_windows(email, &ip_subject(&client_ip(req)), at);
    let counts: [u32; 4] = (LimitStore::new(db).hit(&windows).await?)
        .try_into()
        .map_err(|_| ApiError::Internal("a count for each sign-in limit".into()))?;
    sign_in_allowed(&counts, at)?;
    Ok(Counted {
        db,
        windows: windows.to_vec(),
    })
}

/// Counts a check of a signed-in user's current password before it is made: 429
/// `rate_limited` over [`PASSWORD_CHECKS_PER_USER`].
pub async fn count_password_check<'a>(
    db: &'a D1Database,
    user_id: &str,
    now: Now,
) -> Result<Counted<'a>, ApiError> {
    let limit = [(PASSWORD_CHECKS_PER_USER, user_id.to_owned())];
    throttle(db, now, &limit).await?;
    let windows = vec![PASSWORD_CHECKS_PER_USER.window(user_id, now.at().timestamp())];
    Ok(Counted { db, windows })
}

/// The decision of [`throttle`] on the counts: the refusal with the longest wait, if any.
pub fn decide_limits(
    checks: &[(RateLimit, String)],
    counts: &[u32],
    at: i64,
) -> Result<(), ApiError> {
    let counted = checks
        .iter()
        .map(|(limit, _)| limit)
        .zip(counts.iter().copied());
    Ok(longest_wait(counted, at)?)
}

/// An operator, known by the name of the admin token they presented.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Admin {
    /// The token's name (`ADMIN_TOKENS`), or `admin` for the single `ADMIN_TOKEN`.
    pub name: String,
}

impl Admin {
    /// Who this operator is in the audit log: `admin:<name>`.
    pub fn actor(&self) -> String {
        format!("admin:{}", self.name)
    }
}

/// The admin tokens the Worker accepts, each with its operator's name, kept as SHA-256
/// digests: `ADMIN_TOKENS` = `name:token,name:token` (names of 1–32 characters `a-z`, `0-9`,
/// `.`, `_`, `-`; tokens of at least 32 characters), and the single `ADMIN_TOKEN` of earlier
/// setups (at least 16 characters) as the operator named `admin`.
#[derive(Debug, Default)]
pub struct AdminTokens(Vec<(String, [u8; 32])>);

impl AdminTokens {
    /// The tokens of the two secrets, and a sentence for each entry that was left out (never
    /// naming a token).
    pub fn parse(named: Option<&str>, single: Option<&str>) -> (AdminTokens, Vec<String>) {
        let mut tokens = AdminTokens::default();
        let mut problems = Vec::new();
        let mut add = |name: &str, token: &str, min: usize, problems: &mut Vec<String>| {
            let name_ok = (1..=32).contains(&name.len())
                && name
                    .bytes()
                    .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'.' | b'_' | b'-'));
            let digest = digest(token);
            if !name_ok {
                problems.push(format!("an admin token name is not 1-32 characters of a-z, 0-9, '.', '_', '-': {name:?}"));
            } else if token.len() < min {
                problems.push(format!(
                    "the admin token of {name} is shorter than {min} characters"
                ));
            } else if tokens.0.iter().any(|(n, d)| n == name || *d == digest) {
                problems.push(format!(
                    "the admin token of {name} repeats a name or a token"
                ));
            } else {
                tokens.0.push((name.to_owned(), digest));
            }
        };
        for entry in named.unwrap_or_default().split(',').map(str::trim) {
            match entry.split_once(':') {
                _ if entry.is_empty() => {}
                Some((name, token)) => add(name.trim(), token.trim(), 32, &mut problems),
                None => problems.push("an ADMIN_TOKENS entry is not `name:token`".into()),
            }
        }
        if let Some(token) = single.map(str::trim).filter(|t| !t.is_empty()) {
            add("admin", token, 16, &mut problems);
        }
        (tokens, problems)
    }

    /// The operator whose token `authorization` (`Bearer <token>`) presents. The presented
    /// token is hashed and its digest compared with every configured digest in constant time,
    /// so neither the comparison nor the number of tokens checked depends on the token.
    pub fn admit(&self, authorization: Option<&str>) -> Option<Admin> {
        let token = authorization?.strip_prefix("Bearer ")?;
        let presented = digest(token);
        let mut found = None;
        for (name, expected) in &self.0 {
            let same = ct_eq(&presented, expected);
            if same && found.is_none() {
                found = Some(name);
            }
        }
        found.map(|name| Admin { name: name.clone() })
    }
}

fn digest(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// Requires `Authorization: Bearer <token>` with one of the admin tokens; 401 otherwise. The
/// operator's name goes into the request's log line.
pub fn require_admin(req: &Request, env: &Env) -> Result<Admin, ApiError> {
    let secret = |name: &str| env.secret(name).ok().map(|s| s.to_string());
    let (tokens, problems) = AdminTokens::parse(
        secret("ADMIN_TOKENS").as_deref(),
        secret("ADMIN_TOKEN").as_deref(),
    );
    for problem in problems {
        observe::error("admin_tokens", None, None, &problem);
    }
    let admin = tokens
        .admit(header(req, "authorization").as_deref())
        .ok_or(ApiError::Unauthenticated)?;
    observe::note(req, |line| line.admin = Some(admin.name.clone()));
    Ok(admin)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sma_shared::accounts::{REGISTRATIONS_PER_EMAIL, REGISTRATIONS_PER_IP};

    #[test]
    fn the_longest_wait_among_the_limits_over_their_count_is_answered() {
        let checks = [
            (REGISTRATIONS_PER_IP, "192.0.2.1".to_owned()),
            (REGISTRATIONS_PER_EMAIL, "a@b.example".to_owned()),
        ];
        let at = 3600 * 10 + 600;
        assert!(decide_limits(&checks, &[1, 1], at).is_ok());
        let e = decide_limits(&checks, &[1, REGISTRATIONS_PER_EMAIL.limit + 1], at).unwrap_err();
        assert_eq!(e.status(), 429);
        assert_eq!(e.headers(), vec![("retry-after", "3000".to_owned())]);
    }

    #[test]
    fn a_user_agent_is_kept_short_and_without_control_characters() {
        assert_eq!(short_user_agent("Mozilla/5.0\r\nX: y"), "Mozilla/5.0X: y");
        assert_eq!(short_user_agent(&"a".repeat(500)).len(), 160);
    }

    const ALICE: &str = "alice-token-of-at-least-32-characters";
    const BOB: &str = "bob-token-of-at-least-32-characters!";
    const SINGLE: &str = "an-admin-token-of-32-characters!";

    fn bearer(token: &str) -> String {
        format!("Bearer {token}")
    }

    fn named() -> AdminTokens {
        AdminTokens::parse(Some(&format!("alice:{ALICE}, bob:{BOB}")), Some(SINGLE)).0
    }

    #[test]
    fn each_admin_token_admits_its_operator_by_name() {
        let tokens = named();
        let name = |t: &str| tokens.admit(Some(&bearer(t))).map(|a| a.name);
        assert_eq!(name(ALICE).as_deref(), Some("alice"));
        assert_eq!(name(BOB).as_deref(), Some("bob"));
        assert_eq!(name(SINGLE).as_deref(), Some("admin"));
        assert_eq!(
            tokens.admit(Some(&bearer(ALICE))).unwrap().actor(),
            "admin:alice"
        );
    }

    #[test]
    fn an_admin_token_admits_only_as_a_bearer_token() {
        let tokens = named();
        assert_eq!(tokens.admit(Some(ALICE)), None);
        assert_eq!(tokens.admit(Some(&format!("Basic {ALICE}"))), None);
        assert_eq!(tokens.admit(Some("Bearer wrong")), None);
        assert_eq!(tokens.admit(Some("Bearer ")), None);
        assert_eq!(tokens.admit(None), None);
    }

    #[test]
    fn short_or_unnamed_or_repeated_tokens_admit_no_one_and_are_reported() {
        let (tokens, problems) = AdminTokens::parse(
            Some(&format!(
                "short:abc,Upper:{ALICE},{ALICE},alice:{ALICE},eve:{ALICE}"
            )),
            Some("short"),
        );
        assert_eq!(tokens.admit(Some(&bearer("abc"))), None);
        assert_eq!(tokens.admit(Some(&bearer("short"))), None);
        assert_eq!(
            tokens
                .admit(Some(&bearer(ALICE)))
                .map(|a| a.name)
                .as_deref(),
            Some("alice")
        );
        assert_eq!(problems.len(), 5, "{problems:?}");
        assert!(problems.iter().all(|p| !p.contains(ALICE)), "{problems:?}");
    }

    #[test]
    fn no_configured_token_admits_no_one() {
        let (tokens, problems) = AdminTokens::parse(None, None);
        assert_eq!(tokens.admit(Some("Bearer ")), None);
        assert!(problems.is_empty());
    }
}
