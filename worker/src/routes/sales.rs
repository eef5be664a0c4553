//! "Ask sales about this" (api.md "Asking sales"): `POST /api/sales-requests` from the
//! calculator or an installation card, and `GET /api/admin/sales-requests` (JSON, or CSV with
//! `?format=csv`) for the vendor's CRM.
//!
//! The Worker prices the sent configuration again (never the page's figures), stores the
//! request with that quote and the calculator link that shows it, e-mails the sales team of
//! the country (the signed-in customer's, else the one chosen; `SALES_EMAIL_DE`, `_AT`, `_CH`,
//! `_OTHER`) and confirms to the sender in their language, all in one batch. Limited per IP
//! address and per e-mail address (429); a filled honeypot gets the same 202 and nothing is
//! kept; the e-mail address is never looked up, so the answer is the same for anyone.

use crate::access::{client_ip, require_admin, session_of, session_token, throttle, Session};
use crate::config;
use crate::context::Cx;
use crate::crypto::sha256_hex;
use crate::error::{ApiError, ApiResult};
use crate::http::{csrf::check_same_origin, ids, request, respond};
use crate::store::batch::MailWrite;
use crate::store::installations::InstallationStore;
use crate::store::sales::{SalesStore, SalesWrite};
use chrono::NaiveDate;
use sma_shared::accounts::{ip_subject, SALES_REQUESTS_PER_EMAIL, SALES_REQUESTS_PER_IP};
use sma_shared::api::{
    quote_new, share_query, NewQuoteResponse, SalesRequestBody, SalesRequestCreated,
    SalesRequestList, SalesRequestRecord,
};
use sma_shared::mail::{Links, Message, SalesQuote, SalesRequestConfirmation, SalesRequestNotice};
use sma_shared::sales::{check_contact, csv_row, SalesFault, SalesRegion};
use sma_shared::{Lang, PriceBooks};
use worker::{Headers, Request, Response};

/// The page size of the admin list when none is asked, and the largest.
const PAGE: (u32, u32) = (50, 200);

impl From<SalesFault> for ApiError {
    fn from(f: SalesFault) -> ApiError {
        ApiError::Unprocessable {
            code: f.code,
            message: f.message,
            field: Some(f.field.into()),
        }
    }
}

/// `POST /api/sales-requests` → 202 `{"id"}`.
pub async fn create(mut req: Request, cx: Cx) -> ApiResult {
    check_same_origin(&req)?;
    let body: SalesRequestBody = request::read_json(&mut req).await?;
    let today = cx.today();
    let contact = check_contact(
        &body.name,
        &body.company,
        &body.email,
        body.phone.as_deref(),
        &body.message,
        body.consent,
    )?;
    let quote = priced(&body, today)?;
    let (db, now, ip) = (cx.db()?, cx.now(), client_ip(&req));
    let limits = [
        (SALES_REQUESTS_PER_IP, ip_subject(&ip)),
        (SALES_REQUESTS_PER_EMAIL, contact.email.clone()),
    ];
    throttle(&db, now, &limits).await?;
    let id = ids::random_id("sr")?;
    if body
        .website
        .as_deref()
        .is_some_and(|w| !w.trim().is_empty())
    {
        return respond::accepted(&SalesRequestCreated { id });
    }
    let session = signed_in(&req, &db, now).await;
    let installation = match (&session, &body.installation_id) {
        (_, None) => None,
        (None, Some(_)) => return Err(ApiError::NotFound),
        (Some(s), Some(inst)) => Some(
            InstallationStore::new(&db)
                .get(&s.customer_id, inst)
                .await?
                .ok_or(ApiError::NotFound)?,
        ),
    };
    let links = config::links(cx.env()).map_err(ApiError::Internal)?;
    let asked = Asked {
        id,
        at: now.iso(),
        today,
        session: session.as_ref(),
        installation: installation.map(|i| (i.id, i.name)),
        ip,
    };
    let write = plan(&asked, &body, contact, quote, &links, &|name| {
        config::text(cx.env(), name)
    });
    cx.send_mail(SalesStore::new(&db).create(&write).await?);
    respond::accepted(&SalesRequestCreated {
        id: write.record.id,
    })
}

/// The session of the request's cookie, if it has a valid one (a request without is a
/// prospect's, not an error).
async fn signed_in(
    req: &Request,
    db: &worker::D1Database,
    now: crate::clock::Now,
) -> Option<Session> {
    let token = session_token(req)?;
    let hash = sha256_hex(token.as_bytes()).await.ok()?;
    session_of(db, hash, now).await.ok()
}

/// The configuration's quote, priced again on `today`; its errors name `config.…`.
fn priced(body: &SalesRequestBody, today: NaiveDate) -> Result<Option<NewQuoteResponse>, ApiError> {
    let Some(config) = &body.config else {
        return Ok(None);
    };
    quote_new(PriceBooks::demo(), config, today)
        .map(Some)
        .map_err(|e| {
            let field = format!("config.{}", e.field().unwrap_or("edition"));
            e.with_field(field).into()
        })
}

/// What a request is decided on besides its body.
struct Asked<'a> {
    id: String,
    at: String,
    today: NaiveDate,
    session: Option<&'a Session>,
    installation: Option<(String, String)>,
    ip: String,
}

/// The request to store and its two messages.
fn plan(
    asked: &Asked<'_>,
    body: &SalesRequestBody,
    contact: sma_shared::sales::SalesContact,
    quote: Option<NewQuoteResponse>,
    links: &Links,
    setting: &dyn Fn(&str) -> Option<String>,
) -> SalesWrite {
    let country = asked
        .session
        .map(|s| s.customer_country.as_str())
        .or(body.country.as_deref());
    let region = SalesRegion::of(country);
    let sales_email = setting(&format!("SALES_EMAIL_{}", region.code()))
        .or_else(|| setting("SALES_EMAIL_OTHER"))
        .unwrap_or_else(|| "sales@portal.example.com".into());
    let share_link = body
        .config
        .as_ref()
        .map(|c| links.calculator(&share_query(c, &asked.today.to_string())));
    let sales_quote = quote
        .as_ref()
        .zip(share_link.as_ref())
        .map(|(q, link)| SalesQuote {
            licence_total: q.licence_total,
            total_over_years: q.total_over_years,
            years: q.sma.as_ref().map_or(0, |s| s.schedule.len() as u32),
            link: link.clone(),
        });
    let customer = asked.session.map(|s| s.customer_name.clone());
    let notice = Message::SalesRequest(SalesRequestNotice {
        request_id: asked.id.clone(),
        name: contact.name.clone(),
        company: contact.company.clone(),
        email: contact.email.clone(),
        phone: contact.phone.clone(),
        sender_lang: body.lang,
        message: contact.message.clone(),
        customer: customer.clone(),
        installation: asked.installation.as_ref().map(|(_, name)| name.clone()),
        quote: sales_quote.clone(),
    });
    let sales_lang = if region == SalesRegion::Other {
        Lang::En
    } else {
        Lang::De
    };
    let confirmation = Message::SalesConfirmation(SalesRequestConfirmation {
        request_id: asked.id.clone(),
        quote: sales_quote,
    });
    SalesWrite {
        mails: vec![
            MailWrite::new(&sales_email, sales_lang, notice, None),
            MailWrite::new(&contact.email, body.lang, confirmation, None),
        ],
        actor: asked
            .session
            .map_or_else(|| format!("anonymous <{}>", asked.ip), Session::actor),
        record: SalesRequestRecord {
            id: asked.id.clone(),
            created_at: asked.at.clone(),
            name: contact.name,
            company: contact.company,
            email: contact.email,
            phone: contact.phone,
            message: contact.message,
            lang: body.lang,
            region: region.code().into(),
            sales_email,
            customer_id: asked.session.map(|s| s.customer_id.clone()),
            customer_name: customer,
            installation_id: asked.installation.as_ref().map(|(id, _)| id.clone()),
            config: body.config.clone(),
            quote,
            share_link,
        },
    }
}

/// `GET /api/admin/sales-requests?after=&limit=&format=`: newest first.
pub async fn list(req: Request, cx: Cx) -> ApiResult {
    require_admin(&req, cx.env())?;
    let q = request::query(&req)?;
    let limit = match q.get("limit") {
        None => PAGE.0,
        Some(n) => n
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=PAGE.1).contains(n))
            .ok_or_else(|| ApiError::Unprocessable {
                code: "invalid_limit",
                message: format!("`limit` is a whole number from 1 to {}.", PAGE.1),
                field: Some("limit".into()),
            })?,
    };
    let rows = SalesStore::new(&cx.db()?)
        .page(q.get("after").map(String::as_str), limit)
        .await?;
    let requests = rows
        .into_iter()
        .map(|r| r.record())
        .collect::<Result<Vec<_>, _>>()?;
    let next_after = (requests.len() == limit as usize)
        .then(|| requests.last().map(|r| r.id.clone()))
        .flatten();
    match q.get("format").map(String::as_str) {
        None | Some("json") => respond::ok(&SalesRequestList {
            requests,
            next_after,
        }),
        Some("csv") => csv(&requests),
        Some(_) => Err(ApiError::Unprocessable {
            code: "invalid_format",
            message: "`format` is `json` (the default) or `csv`.".into(),
            field: Some("format".into()),
        }),
    }
}

/// The CSV columns of the export.
const CSV_HEADER: [&str; 15] = [
    "id",
    "created_at",
    "name",
    "company",
    "email",
    "phone",
    "lang",
    "region",
    "sales_email",
    "customer_id",
    "customer_name",
    "installation_id",
    "licence_total",
    "share_link",
    "message",
];

/// The requests as CSV (RFC 4180, UTF-8), a download.
fn csv(requests: &[SalesRequestRecord]) -> ApiResult {
    let mut out = csv_row(&CSV_HEADER);
    for r in requests {
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        out.push_str(&csv_row(&[
            r.id.clone(),
            r.created_at.clone(),
            r.name.clone(),
            r.company.clone(),
            r.email.clone(),
            o(&r.phone),
            r.lang.code().into(),
            r.region.clone(),
            r.sales_email.clone(),
            o(&r.customer_id),
            o(&r.customer_name),
            o(&r.installation_id),
            r.quote
                .as_ref()
                .map(|q| q.licence_total.to_string())
                .unwrap_or_default(),
            o(&r.share_link),
            r.message.clone(),
        ]));
    }
    let headers = Headers::new();
    headers.set("content-type", "text/csv; charset=utf-8")?;
    headers.set(
        "content-disposition",
        "attachment; filename=\"sales-requests.csv\"",
    )?;
    headers.set("cache-control", "no-store")?;
    Ok(Response::ok(out)?.with_headers(headers))
}

#[cfg(test)]
mod tests {
    use super::*;
    use sma_shared::sales::SalesContact;

    fn body(country: Option<&str>) -> SalesRequestBody {
        serde_json::from_value(serde_json::json!({
            "name": "Eva", "company": "Berger Bau", "email": "eva@example.com",
            "message": "Angebot bitte", "consent": true, "lang": "de", "country": country,
            "config": {"edition": "probox", "cameras": 12, "modules": [{"sku": "client", "qty": 1}],
                       "licence_date": "2026-03-10", "sma": {"term_years": 1}, "years": 5}
        }))
        .unwrap()
    }

    fn contact() -> SalesContact {
        check_contact(
            "Eva",
            "Berger Bau",
            "eva@example.com",
            None,
            "Angebot bitte",
            true,
        )
        .unwrap()
    }

    fn asked() -> Asked<'static> {
        Asked {
            id: "sr_1".into(),
            at: "2026-11-30T10:00:00.000Z".into(),
            today: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
            session: None,
            installation: None,
            ip: "203.0.113.9".into(),
        }
    }

    fn setting(name: &str) -> Option<String> {
        (name == "SALES_EMAIL_AT").then(|| "vertrieb-at@example.com".into())
    }

    #[test]
    fn a_prospect_in_austria_reaches_the_austrian_team_and_gets_a_german_confirmation() {
        let b = body(Some("at"));
        let quote = priced(&b, asked().today).unwrap();
        let links = Links::new("https://portal.example.com").unwrap();
        let w = plan(&asked(), &b, contact(), quote, &links, &setting);
        assert_eq!(
            (w.record.region.as_str(), w.record.sales_email.as_str()),
            ("AT", "vertrieb-at@example.com")
        );
        assert_eq!(w.mails[0].to, "vertrieb-at@example.com");
        assert_eq!(
            (w.mails[1].to.as_str(), w.mails[1].lang),
            ("eva@example.com", Lang::De)
        );
        assert_eq!(
            w.record.quote.as_ref().unwrap().licence_total.to_string(),
            "2071.00"
        );
        assert_eq!(
            w.record.share_link.as_deref(),
            Some("https://portal.example.com/?ed=probox&cam=12&m=client:1&ld=2026-03-10&sma=with&term=1&y=5")
        );
        assert_eq!(w.actor, "anonymous <203.0.113.9>");
    }

    #[test]
    fn another_country_falls_back_to_the_other_team_in_english() {
        let links = Links::new("https://portal.example.com").unwrap();
        let w = plan(&asked(), &body(Some("FR")), contact(), None, &links, &|n| {
            (n == "SALES_EMAIL_OTHER").then(|| "sales@example.com".into())
        });
        assert_eq!(
            (w.record.region.as_str(), w.mails[0].lang),
            ("OTHER", Lang::En)
        );
        assert_eq!(w.mails[0].to, "sales@example.com");
    }

    #[test]
    fn a_configuration_the_rules_refuse_names_its_field_under_config() {
        let mut b = body(None);
        b.config.as_mut().unwrap().edition = "platinum".into();
        let e = priced(&b, asked().today).unwrap_err();
        assert_eq!(e.status(), 422);
        assert_eq!(e.body().error.field.as_deref(), Some("config.edition"));
    }
}
