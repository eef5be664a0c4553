//! The dev-only part of the demo seed: what the customer import does not carry. The demo
//! customers and installations themselves go in through the import (`crate::demo`); this adds
//! the demo logins of api.md ("Demo data") with their passwords, gives the demo customers the
//! short ids the tests and load scripts name (`cus_lab`, …; the import names a new customer
//! `cus_` + random), and stores an expired reset token for the tests of an expired link. SQL
//! upserts, idempotent: seeding again keeps the ids.

use crate::seed::sql_str;
use base64::{engine::general_purpose::STANDARD, Engine as _};
use chrono::NaiveDate;
use sha2::Sha256;
use sma_shared::accounts::{Token, TokenKind};
use std::fmt::Write as _;

/// PBKDF2-SHA256 iterations of the seeded password hashes (the Worker accepts at most this).
pub const PBKDF2_ITERATIONS: u32 = 100_000;

/// A password-reset token of `lab@demo.example` that expired the day before the seed's
/// `today`: for tests of an expired link (a real token is never stored, only its hash).
pub const EXPIRED_TOKEN: &str = "deaddeaddeaddeaddeaddeaddeaddeaddeaddeaddeaddeaddeaddeaddeaddead";

/// The demo customers' references (`customer_ref` of the demo file) and the ids they keep.
pub const CUSTOMER_IDS: [(&str, &str); 6] = [
    ("C-10001", "cus_demo_retail"),
    ("C-10002", "cus_northwind"),
    ("C-10003", "cus_lab"),
    ("C-10004", "cus_nordlicht"),
    ("C-10005", "cus_alpenblick"),
    ("C-10006", "cus_hofmann"),
];

struct User {
    id: &'static str,
    customer_id: &'static str,
    email: &'static str,
    password: &'static str,
    role: &'static str,
    lang: &'static str,
}

/// Every demo login administers its customer; anna reads her e-mails in German. The two
/// brand-new customers (Nordlicht, Alpenblick) have no user, so that someone can register.
const USERS: [User; 4] = [
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

/// The SQL that moves the imported customer `reference` to the id `id` with its installations
/// (nothing once it has it).
fn keep_id(reference: &str, id: &str) -> String {
    let (r, i) = (sql_str(reference), sql_str(id));
    let other = format!("ref = {r} AND id <> {i}");
    format!(
        "INSERT INTO customers (id, name, country, vat_id, ref, contact_email) \
         SELECT {i}, name, country, vat_id, NULL, contact_email FROM customers WHERE {other};\n\
         UPDATE installations SET customer_id = {i} WHERE customer_id IN (SELECT id FROM customers WHERE {other});\n\
         DELETE FROM customers WHERE {other};\n\
         UPDATE customers SET ref = {r} WHERE id = {i} AND ref IS NULL;\n"
    )
}

/// The dev-only SQL, run after the demo file was imported.
pub fn seed_sql(today: NaiveDate) -> Result<String, String> {
    let mut sql = String::new();
    for (reference, id) in CUSTOMER_IDS {
        sql.push_str(&keep_id(reference, id));
    }
    for u in &USERS {
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
    fn every_demo_customer_of_the_file_keeps_its_id_and_only_four_have_a_login() {
        let file = crate::demo::render(d(2026, 11, 28)).unwrap();
        for (reference, _) in CUSTOMER_IDS {
            assert!(file.contains(&format!("\n{reference},")), "{reference}");
        }
        let sql = seed_sql(d(2026, 11, 28)).unwrap();
        let users: Vec<&str> = sql
            .lines()
            .filter(|l| l.starts_with("INSERT INTO users"))
            .collect();
        assert_eq!(users.len(), 4);
        assert!(users
            .iter()
            .all(|u| !u.contains("nordlicht") && !u.contains("alpenblick")));
        assert!(sql.contains("UPDATE installations SET customer_id = 'cus_lab'"));
    }

    #[test]
    fn the_expired_demo_token_is_stored_only_as_its_hash() {
        let sql = seed_sql(d(2026, 11, 28)).unwrap();
        assert!(!sql.contains(EXPIRED_TOKEN));
        assert!(sql.contains(&Token::parse(EXPIRED_TOKEN).unwrap().hash()));
        assert!(sql.contains("'2026-11-26T23:30:00.000Z'"));
    }
}
