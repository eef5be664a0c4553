//! The demo customers, users and installations of api.md ("Demo data"), dated relative to
//! the seed's `today`, as SQL upserts (idempotent: re-seeding moves the dates, keeps the ids).

use crate::legacy;
use crate::seed::sql_str;
use base64::{engine::general_purpose::STANDARD, Engine as _};
use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use sma_shared::accounts::{LicenceNumber, Token, TokenKind};
use sma_shared::api::ModuleQty;
use sma_shared::lifecycle::SmaContract;
use sma_shared::{
    dates::add_months, Configuration, ConfigurationInput, ModuleInput, PriceBooks, Quantity,
    TermYears,
};
use std::fmt::Write as _;

/// PBKDF2-SHA256 iterations of the seeded password hashes (the Worker accepts at most this).
pub const PBKDF2_ITERATIONS: u32 = 100_000;

/// The seed of the demo licence numbers (`LicenceNumber::generate(LICENCE_SEED, counter)`).
pub const LICENCE_SEED: u64 = 2026;

/// The brand-new customers: an installation with a licence number and a registered contact,
/// and no users yet, so that someone can register as a new customer (one for the API tests,
/// one for the portal's journey). `(licence counter, contact e-mail)`.
pub const NEW_CUSTOMERS: [(u64, &str); 2] = [
    (101, "it@nordlicht.example"),
    (102, "it@alpenblick.example"),
];

/// A password-reset token of `lab@demo.example` that expired the day before the seed's
/// `today`: for tests of an expired link (a real token is never stored, only its hash).
pub const EXPIRED_TOKEN: &str = "deaddeaddeaddeaddeaddeaddeaddeaddeaddeaddeaddeaddeaddeaddeaddead";

struct Customer {
    id: &'static str,
    name: &'static str,
    country: &'static str,
    vat_id: &'static str,
    /// The vendor's reference.
    reference: &'static str,
    /// The registered contact e-mail.
    contact_email: &'static str,
}

struct User {
    id: &'static str,
    customer_id: &'static str,
    email: &'static str,
    password: &'static str,
    role: &'static str,
    lang: &'static str,
}

struct Coverage {
    start: NaiveDate,
    auto_renew: bool,
    cancelled_on: Option<NaiveDate>,
    ends_on: Option<NaiveDate>,
    lapsed: bool,
}

struct Installation {
    key: &'static str,
    /// The counter of its licence number.
    licence: u64,
    customer_id: &'static str,
    name: &'static str,
    edition: &'static str,
    cameras: u32,
    modules: &'static [(&'static str, u32)],
    licence_date: NaiveDate,
    installed_version: &'static str,
    coverage: Option<Coverage>,
}

/// `today` minus `months` (clamped to the month's last day).
fn months_ago(today: NaiveDate, months: u32) -> NaiveDate {
    today
        .checked_sub_months(chrono::Months::new(months))
        .unwrap_or(today)
}

/// A deterministic, random-looking id: `prefix_` + 16 hex digits of SHA-256(key).
pub fn demo_id(prefix: &str, key: &str) -> String {
    let digest = Sha256::digest(format!("sma-demo:{key}").as_bytes());
    format!("{prefix}_{}", hex16(&digest))
}

fn hex16(bytes: &[u8]) -> String {
    bytes[..8].iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>` of `password` with a random 16-byte salt.
pub fn hash_password(password: &str) -> Result<String, String> {
    let mut salt = [0u8; 16];
    getrandom::getrandom(&mut salt).map_err(|e| format!("random salt: {e}"))?;
    Ok(hash_password_with(password, &salt, PBKDF2_ITERATIONS))
}

/// The stored form of `password` with a given salt and iteration count.
pub fn hash_password_with(password: &str, salt: &[u8], iterations: u32) -> String {
    let mut out = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<Sha256>(password.as_bytes(), salt, iterations, &mut out);
    format!(
        "pbkdf2-sha256${iterations}${}${}",
        STANDARD.encode(salt),
        STANDARD.encode(out)
    )
}

/// The licence total of a configuration priced on its licence date (with the first price book
/// when the licence predates every book), as a decimal string.
fn initial_value(inst: &Installation) -> Result<String, String> {
    let books = PriceBooks::demo();
    let first = books.books()[0].valid_from();
    let date = inst.licence_date.max(first);
    let book = books.book_on(date).map_err(|e| e.to_string())?;
    let input = ConfigurationInput {
        edition: inst.edition.to_owned(),
        cameras: Quantity::new(inst.cameras).ok_or("cameras out of range")?,
        modules: inst
            .modules
            .iter()
            .map(|(sku, qty)| {
                Ok(ModuleInput {
                    sku: (*sku).to_owned(),
                    qty: Quantity::new(*qty).ok_or("qty out of range")?,
                })
            })
            .collect::<Result<_, String>>()?,
    };
    let config = Configuration::validate(book, &input)
        .map_err(|e| format!("demo installation {}: {e}", inst.key))?;
    let licence = config
        .price(book)
        .map_err(|e| format!("demo installation {}: {e}", inst.key))?;
    Ok(licence.total.to_string())
}

fn date_or_null(date: Option<NaiveDate>) -> String {
    date.map_or("NULL".to_owned(), |d| sql_str(&d.to_string()))
}

/// The start L of the demo legacy contract of the installation `key` (its licence date).
fn legacy_start(today: NaiveDate, key: &str) -> NaiveDate {
    legacy::contract_of(today, key)
        .and_then(|c| c.contract().ok())
        .map_or(today, |c| c.start())
}

fn installations(today: NaiveDate) -> Vec<Installation> {
    // Anna's ProBox: licensed with its SMA five months ago, active and auto-renewing.
    let probox_start = months_ago(today, 5);
    // Anna's Professional: two years of SMA that ended at the anniversary four months ago.
    let professional_start = months_ago(today, 28);
    let professional_end = add_months(professional_start, 24);
    // Ben's Enterprise: year 1 ends in two months; auto-renew was cancelled in time
    // (a month before the deadline = anniversary − 3 months).
    let enterprise_start = months_ago(today, 10);
    let enterprise_end = add_months(enterprise_start, 12);
    vec![
        Installation {
            key: "anna-probox",
            licence: 1,
            customer_id: "cus_demo_retail",
            name: "Store Berlin Mitte",
            edition: "probox",
            cameras: 12,
            modules: &[("client", 1), ("storage", 1)],
            licence_date: probox_start,
            installed_version: "6.1.2",
            coverage: Some(Coverage {
                start: probox_start,
                auto_renew: true,
                cancelled_on: None,
                ends_on: None,
                lapsed: false,
            }),
        },
        Installation {
            key: "anna-professional",
            licence: 2,
            customer_id: "cus_demo_retail",
            name: "Warehouse Hamburg",
            edition: "professional",
            cameras: 24,
            modules: &[("voip", 1), ("archive", 1)],
            licence_date: professional_start,
            installed_version: "5.4.0",
            coverage: Some(Coverage {
                start: professional_start,
                auto_renew: false,
                cancelled_on: None,
                ends_on: Some(professional_end),
                lapsed: true,
            }),
        },
        // The lab customer: fixtures for the API and engine tests (not a demo login).
        Installation {
            key: "lab-auto",
            licence: 3,
            customer_id: "cus_lab",
            name: "Lab Auto-renew",
            edition: "probox",
            cameras: 8,
            modules: &[("client", 1)],
            licence_date: months_ago(today, 11),
            installed_version: "6.1.2",
            coverage: Some(Coverage {
                start: months_ago(today, 11),
                auto_renew: true,
                cancelled_on: None,
                ends_on: None,
                lapsed: false,
            }),
        },
        Installation {
            key: "lab-new",
            licence: 4,
            customer_id: "cus_lab",
            name: "Lab New",
            edition: "professional",
            cameras: 16,
            modules: &[],
            licence_date: today - chrono::Days::new(10),
            installed_version: "6.1.2",
            coverage: None,
        },
        Installation {
            key: "lab-late",
            licence: 5,
            customer_id: "cus_lab",
            name: "Lab Late",
            edition: "probox",
            cameras: 8,
            modules: &[],
            licence_date: months_ago(today, 6),
            installed_version: "6.0.0",
            coverage: None,
        },
        Installation {
            key: "lab-cancelled",
            licence: 6,
            customer_id: "cus_lab",
            name: "Lab Cancelled",
            edition: "enterprise",
            cameras: 20,
            modules: &[],
            licence_date: months_ago(today, 10),
            installed_version: "6.1.2",
            coverage: Some(Coverage {
                start: months_ago(today, 10),
                auto_renew: false,
                cancelled_on: Some(add_months(months_ago(today, 10), 8)),
                ends_on: Some(add_months(months_ago(today, 10), 12)),
                lapsed: false,
            }),
        },
        Installation {
            key: "ben-enterprise",
            licence: 7,
            customer_id: "cus_northwind",
            name: "Logistics Centre Linz",
            edition: "enterprise",
            cameras: 40,
            modules: &[("analytics", 8)],
            licence_date: enterprise_start,
            installed_version: "6.1.2",
            coverage: Some(Coverage {
                start: enterprise_start,
                auto_renew: false,
                cancelled_on: Some(add_months(enterprise_start, 8)),
                ends_on: Some(enterprise_end),
                lapsed: false,
            }),
        },
        // Ben's Professional under a legacy Maintenance Contract ending within 60 days
        // (`crate::legacy`), licensed when the contract started.
        Installation {
            key: "ben-legacy",
            licence: 8,
            customer_id: "cus_northwind",
            name: "Depot Graz",
            edition: "professional",
            cameras: 24,
            modules: &[("client", 2)],
            licence_date: legacy_start(today, "ben-legacy"),
            installed_version: "5.2.1",
            coverage: None,
        },
        // The customer with two legacy Maintenance Contracts: one ending within 60 days, one
        // running for months yet.
        Installation {
            key: "hofmann-munich",
            licence: 9,
            customer_id: "cus_hofmann",
            name: "Store Munich",
            edition: "probox",
            cameras: 12,
            modules: &[("client", 1), ("storage", 1)],
            licence_date: legacy_start(today, "hofmann-munich"),
            installed_version: "5.0.3",
            coverage: None,
        },
        Installation {
            key: "hofmann-augsburg",
            licence: 10,
            customer_id: "cus_hofmann",
            name: "Warehouse Augsburg",
            edition: "professional",
            cameras: 32,
            modules: &[("archive", 1)],
            licence_date: legacy_start(today, "hofmann-augsburg"),
            installed_version: "5.4.0",
            coverage: None,
        },
        // The lab's installations under legacy Maintenance Contracts (`crate::legacy`).
        Installation {
            key: "lab-legacy-extend",
            licence: 11,
            customer_id: "cus_lab",
            name: "Lab Legacy Extend",
            edition: "probox",
            cameras: 12,
            modules: &[("client", 1), ("storage", 1)],
            licence_date: legacy_start(today, "lab-legacy-extend"),
            installed_version: "6.0.0",
            coverage: None,
        },
        Installation {
            key: "lab-legacy-switch",
            licence: 12,
            customer_id: "cus_lab",
            name: "Lab Legacy Switch",
            edition: "professional",
            cameras: 16,
            modules: &[("voip", 1)],
            licence_date: legacy_start(today, "lab-legacy-switch"),
            installed_version: "6.0.0",
            coverage: None,
        },
        Installation {
            key: "lab-legacy-end",
            licence: 13,
            customer_id: "cus_lab",
            name: "Lab Legacy End",
            edition: "probox",
            cameras: 8,
            modules: &[],
            licence_date: legacy_start(today, "lab-legacy-end"),
            installed_version: "6.0.0",
            coverage: None,
        },
        // The brand-new customers (no users yet): an active, auto-renewing SMA each.
        Installation {
            key: "nordlicht-hq",
            licence: NEW_CUSTOMERS[0].0,
            customer_id: "cus_nordlicht",
            name: "Nordlicht Headquarters",
            edition: "professional",
            cameras: 20,
            modules: &[("client", 2)],
            licence_date: months_ago(today, 3),
            installed_version: "6.1.2",
            coverage: Some(Coverage {
                start: months_ago(today, 3),
                auto_renew: true,
                cancelled_on: None,
                ends_on: None,
                lapsed: false,
            }),
        },
        Installation {
            key: "alpenblick-lobby",
            licence: NEW_CUSTOMERS[1].0,
            customer_id: "cus_alpenblick",
            name: "Alpenblick Lobby",
            edition: "probox",
            cameras: 10,
            modules: &[],
            licence_date: months_ago(today, 7),
            installed_version: "6.1.2",
            coverage: Some(Coverage {
                start: months_ago(today, 7),
                auto_renew: true,
                cancelled_on: None,
                ends_on: None,
                lapsed: false,
            }),
        },
    ]
}

/// The licence number of a demo installation's counter.
pub fn licence_number(counter: u64) -> LicenceNumber {
    LicenceNumber::generate(LICENCE_SEED, counter)
}

/// The SQL that upserts the demo customers, users, installations and SMA coverage.
pub fn seed_sql(today: NaiveDate) -> Result<String, String> {
    let customers = [
        Customer {
            id: "cus_demo_retail",
            name: "Demo Retail GmbH",
            country: "DE",
            vat_id: "DE123456789",
            reference: "C-10001",
            contact_email: "anna@demo.example",
        },
        Customer {
            id: "cus_northwind",
            name: "Northwind Logistics",
            country: "AT",
            vat_id: "ATU12345678",
            reference: "C-10002",
            contact_email: "ben@demo.example",
        },
        Customer {
            id: "cus_lab",
            name: "Lab Test AG",
            country: "CH",
            vat_id: "",
            reference: "C-10003",
            contact_email: "lab@demo.example",
        },
        Customer {
            id: "cus_hofmann",
            name: "Hofmann Sicherheitstechnik GmbH",
            country: "DE",
            vat_id: "DE246813579",
            reference: "C-10006",
            contact_email: "clara@demo.example",
        },
        Customer {
            id: "cus_nordlicht",
            name: "Nordlicht Video GmbH",
            country: "DE",
            vat_id: "DE987654321",
            reference: "C-10004",
            contact_email: NEW_CUSTOMERS[0].1,
        },
        Customer {
            id: "cus_alpenblick",
            name: "Alpenblick Hotels GmbH",
            country: "AT",
            vat_id: "ATU87654321",
            reference: "C-10005",
            contact_email: NEW_CUSTOMERS[1].1,
        },
    ];
    // Every demo login administers its customer; anna reads her e-mails in German.
    let users = [
        User {
            id: "usr_anna",
            customer_id: "cus_demo_retail",
            email: "anna@demo.example",
            password: "demo-anna-2026",
            role: "admin",
            lang: "de",
        },
        User {
            id: "usr_ben",
            customer_id: "cus_northwind",
            email: "ben@demo.example",
            password: "demo-ben-2026",
            role: "admin",
            lang: "en",
        },
        User {
            id: "usr_clara",
            customer_id: "cus_hofmann",
            email: "clara@demo.example",
            password: "demo-clara-2026",
            role: "admin",
            lang: "en",
        },
        User {
            id: "usr_lab",
            customer_id: "cus_lab",
            email: "lab@demo.example",
            password: "demo-lab-2026",
            role: "admin",
            lang: "en",
        },
    ];
    let mut sql = String::new();
    for c in &customers {
        let _ = writeln!(
            sql,
            "INSERT INTO customers (id, name, country, vat_id, ref, contact_email) VALUES ({}, {}, {}, {}, {}, {}) \
             ON CONFLICT(id) DO UPDATE SET name = excluded.name, country = excluded.country, vat_id = excluded.vat_id, \
             ref = excluded.ref, contact_email = excluded.contact_email;",
            sql_str(c.id),
            sql_str(c.name),
            sql_str(c.country),
            if c.vat_id.is_empty() {
                "NULL".to_owned()
            } else {
                sql_str(c.vat_id)
            },
            sql_str(c.reference),
            sql_str(c.contact_email)
        );
    }
    for u in &users {
        let _ = writeln!(
            sql,
            "INSERT INTO users (id, customer_id, email, password_hash, role, lang, created_at) VALUES ({}, {}, {}, {}, {}, {}, {}) \
             ON CONFLICT(id) DO UPDATE SET customer_id = excluded.customer_id, email = excluded.email, \
             password_hash = excluded.password_hash, role = excluded.role, lang = excluded.lang;",
            sql_str(u.id),
            sql_str(u.customer_id),
            sql_str(u.email),
            sql_str(&hash_password(u.password)?),
            sql_str(u.role),
            sql_str(u.lang),
            sql_str(&format!("{today}T00:00:00.000Z"))
        );
    }
    for inst in installations(today) {
        let id = demo_id("inst", inst.key);
        let modules = serde_json::to_string(
            &inst
                .modules
                .iter()
                .map(|&(sku, qty)| ModuleQty::new(sku, qty))
                .collect::<Vec<_>>(),
        )
        .map_err(|e| e.to_string())?;
        let _ = writeln!(
            sql,
            "INSERT INTO installations (id, customer_id, name, edition, cameras, modules, licence_date, installed_version, initial_value, licence_number) \
             VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}) \
             ON CONFLICT(id) DO UPDATE SET customer_id = excluded.customer_id, name = excluded.name, edition = excluded.edition, \
             cameras = excluded.cameras, modules = excluded.modules, licence_date = excluded.licence_date, \
             installed_version = excluded.installed_version, initial_value = excluded.initial_value, \
             licence_number = excluded.licence_number;",
            sql_str(&id),
            sql_str(inst.customer_id),
            sql_str(inst.name),
            sql_str(inst.edition),
            inst.cameras,
            sql_str(&modules),
            sql_str(&inst.licence_date.to_string()),
            sql_str(inst.installed_version),
            sql_str(&initial_value(&inst)?),
            sql_str(&licence_number(inst.licence).to_string())
        );
        let contract = legacy::contract_of(today, inst.key);
        match (&inst.coverage, contract) {
            (_, Some(contract)) => sql.push_str(&legacy::upsert_sql(&id, &contract)?),
            (Some(c), None) => {
                sql.push_str(&legacy::delete_sql(&id));
                // The first anniversary not ordered yet: the end for a cancelled or lapsed SMA,
                // else the end of the term containing today.
                let renews_on = c.ends_on.unwrap_or_else(|| {
                    SmaContract::new(c.start, TermYears::One)
                        .next_renewal(today)
                        .date
                });
                let _ = writeln!(
                    sql,
                    "INSERT INTO sma_coverage (installation_id, start, term_years, term_from, renews_on, auto_renew, cancelled_on, ends_on, lapsed, reminded_deadline) \
                     VALUES ({}, {}, 1, 1, {}, {}, {}, {}, {}, NULL) \
                     ON CONFLICT(installation_id) DO UPDATE SET start = excluded.start, term_years = excluded.term_years, \
                     term_from = excluded.term_from, renews_on = excluded.renews_on, \
                     auto_renew = excluded.auto_renew, cancelled_on = excluded.cancelled_on, ends_on = excluded.ends_on, \
                     lapsed = excluded.lapsed, reminded_deadline = excluded.reminded_deadline;",
                    sql_str(&id),
                    sql_str(&c.start.to_string()),
                    sql_str(&renews_on.to_string()),
                    i32::from(c.auto_renew),
                    date_or_null(c.cancelled_on),
                    date_or_null(c.ends_on),
                    i32::from(c.lapsed)
                );
            }
            (None, None) => {
                sql.push_str(&legacy::delete_sql(&id));
                let _ = writeln!(
                    sql,
                    "DELETE FROM sma_coverage WHERE installation_id = {};",
                    sql_str(&id)
                );
            }
        }
    }
    let expired = Token::parse(EXPIRED_TOKEN).ok_or("EXPIRED_TOKEN is not a token")?;
    let _ = writeln!(
        sql,
        "INSERT INTO account_tokens (id, token_hash, kind, customer_id, email, user_id, lang, created_at, expires_at) \
         VALUES ('tok_demo_expired', {}, {}, 'cus_lab', 'lab@demo.example', 'usr_lab', 'en', {}, {}) \
         ON CONFLICT(id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at, \
         expires_at = excluded.expires_at, used_at = NULL;",
        sql_str(&expired.hash()),
        sql_str(TokenKind::Reset.code()),
        sql_str(&format!("{}T23:00:00.000Z", today - chrono::Days::new(2))),
        sql_str(&format!("{}T23:30:00.000Z", today - chrono::Days::new(2)))
    );
    Ok(sql)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sma_shared::lifecycle::SmaContract;
    use sma_shared::TermYears;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn pbkdf2_matches_the_rfc_7914_vector() {
        // RFC 7914 section 11: P = "passwd", S = "salt", c = 1, dkLen = 64 (first 32 bytes).
        let stored = hash_password_with("passwd", b"salt", 1);
        let hash = stored.rsplit('$').next().unwrap();
        let bytes = STANDARD.decode(hash).unwrap();
        assert_eq!(bytes[..8], [0x55, 0xac, 0x04, 0x6e, 0x56, 0xe3, 0x08, 0x9f]);
        assert!(stored.starts_with("pbkdf2-sha256$1$c2FsdA==$"));
    }

    #[test]
    fn salts_differ_per_hash() {
        let a = hash_password("x").unwrap();
        let b = hash_password("x").unwrap();
        assert_ne!(a, b);
        assert!(a.starts_with("pbkdf2-sha256$100000$"));
    }

    #[test]
    fn ids_are_deterministic() {
        assert_eq!(demo_id("inst", "a"), demo_id("inst", "a"));
        assert_ne!(demo_id("inst", "a"), demo_id("inst", "b"));
        assert_eq!(demo_id("inst", "a").len(), "inst_".len() + 16);
    }

    #[test]
    fn demo_coverage_is_active_lapsed_and_cancelled_relative_to_today() {
        let today = d(2026, 11, 28);
        let all: Vec<Installation> = installations(today)
            .into_iter()
            .filter(|i| ["cus_demo_retail", "cus_northwind"].contains(&i.customer_id))
            .filter(|i| i.coverage.is_some())
            .collect();
        let books = PriceBooks::demo();
        let statuses: Vec<String> = all
            .iter()
            .map(|inst| {
                let c = inst.coverage.as_ref().unwrap();
                let contract = SmaContract::new(c.start, TermYears::try_from(1).unwrap());
                let book = books.book_on(today).unwrap();
                let config = Configuration::validate(
                    book,
                    &ConfigurationInput {
                        edition: inst.edition.into(),
                        cameras: Quantity::new(inst.cameras).unwrap(),
                        modules: inst
                            .modules
                            .iter()
                            .map(|(s, q)| ModuleInput {
                                sku: (*s).into(),
                                qty: Quantity::new(*q).unwrap(),
                            })
                            .collect(),
                    },
                )
                .unwrap();
                let s = contract.summary(books, &config, c.ends_on, today).unwrap();
                serde_json::to_value(s.status)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        assert_eq!(statuses, ["active", "lapsed", "cancelled"]);
        // Ben's cancellation was in time for the anniversary it names.
        let ben = all[2].coverage.as_ref().unwrap();
        let contract = SmaContract::new(ben.start, TermYears::try_from(1).unwrap());
        let cancel = contract.cancel(ben.cancelled_on.unwrap());
        assert!(cancel.in_time);
        assert_eq!(Some(cancel.coverage_ends), ben.ends_on);
        // The lapsed SMA ended at its second anniversary.
        let anna = all[1].coverage.as_ref().unwrap();
        assert_eq!(add_months(anna.start, 24), anna.ends_on.unwrap());
    }

    #[test]
    fn the_lab_fixtures_cover_every_order_kind() {
        let today = d(2026, 11, 28);
        let lab: Vec<Installation> = installations(today)
            .into_iter()
            .filter(|i| i.customer_id == "cus_lab")
            .collect();
        let names: Vec<&str> = lab.iter().map(|i| i.name).collect();
        assert_eq!(
            names,
            [
                "Lab Auto-renew",
                "Lab New",
                "Lab Late",
                "Lab Cancelled",
                "Lab Legacy Extend",
                "Lab Legacy Switch",
                "Lab Legacy End"
            ]
        );
        // Lab New is within the 30 days to buy the SMA with the software; Lab Late is not.
        assert_eq!(lab[1].licence_date, d(2026, 11, 18));
        assert_eq!(lab[2].licence_date, d(2026, 5, 28));
    }

    #[test]
    fn the_seed_sql_prices_every_installation() {
        let sql = seed_sql(d(2026, 11, 28)).unwrap();
        assert_eq!(sql.matches("INSERT INTO installations").count(), 15);
        assert_eq!(sql.matches("INSERT INTO legacy_contracts").count(), 6);
        assert!(sql.contains("'anna@demo.example'"));
        assert!(sql.contains("'DE123456789'"));
    }

    #[test]
    fn every_installation_has_its_own_valid_licence_number() {
        let all = installations(d(2026, 11, 28));
        let numbers: std::collections::HashSet<String> = all
            .iter()
            .map(|i| licence_number(i.licence).to_string())
            .collect();
        assert_eq!(numbers.len(), all.len());
        for n in &numbers {
            assert_eq!(&LicenceNumber::parse(n).unwrap().to_string(), n);
        }
    }

    #[test]
    fn the_new_customers_have_a_contact_but_no_user() {
        let sql = seed_sql(d(2026, 11, 28)).unwrap();
        for (counter, contact) in NEW_CUSTOMERS {
            assert!(sql.contains(&sql_str(contact)), "{contact}");
            assert!(sql.contains(&sql_str(&licence_number(counter).to_string())));
        }
        let users: Vec<&str> = sql
            .lines()
            .filter(|l| l.starts_with("INSERT INTO users"))
            .collect();
        assert_eq!(users.len(), 4);
        assert!(users
            .iter()
            .all(|u| !u.contains("nordlicht") && !u.contains("alpenblick")));
    }

    #[test]
    fn the_expired_demo_token_is_stored_only_as_its_hash() {
        let sql = seed_sql(d(2026, 11, 28)).unwrap();
        assert!(!sql.contains(EXPIRED_TOKEN));
        assert!(sql.contains(&Token::parse(EXPIRED_TOKEN).unwrap().hash()));
        assert!(sql.contains("'2026-11-26T23:30:00.000Z'"));
    }
}
