//! Signed quotes: the price a customer confirmed is the price charged (api.md `POST
//! /api/orders`).
//!
//! A quote on a stored installation comes with a token that certifies what was quoted: the
//! installation and the version it was priced on, the kind and its inputs, the date, the net
//! and gross amounts, and until when it may be ordered. An order names the token of the quote
//! it confirms; the Worker prices the order again and places it only when the token is its
//! own, for this customer and this order, unexpired, and the amounts and the installation's
//! version are what the token says ([`QuoteClaims::check`]).
//!
//! ```text
//! token:     q1.{payload}.{mac}            (base64url without padding, no dots inside)
//! payload:   "{installation_id}\n{version}\n{kind}\n{inputs}\n{date}\n{currency}\n{net}\n{gross}\n{expires}"
//! mac:       HMAC-SHA256(key, "sma-quote-v1\n{customer_id}\n{payload}")
//! ```
//!
//! The customer is bound by the MAC, not carried in the token. `inputs` is the canonical text
//! of the validated inputs ([`canonical_inputs`]), so `{"add_cameras": 4}` and `{"add_cameras":
//! 4.0, "add_modules": []}` are the same order. The key is the Worker's secret `QUOTE_KEY`
//! (base64, at least 32 bytes). There is no clock here: `now` is always a parameter.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use chrono::NaiveDate;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::{OrderInput, OrderKind};
use crate::dates::{iso, parse_date};
use crate::foundation::Money;

type HmacSha256 = Hmac<Sha256>;

/// How long a quote may be ordered: 30 minutes.
pub const QUOTE_TTL_SECONDS: u64 = 1800;
/// The prefix of every token (the version of the format).
const PREFIX: &str = "q1.";
/// The longest token that is even looked at.
const MAX_TOKEN: usize = 1024;

/// The key that signs quotes.
#[derive(Clone)]
pub struct QuoteKey(Vec<u8>);

impl std::fmt::Debug for QuoteKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("QuoteKey(…)")
    }
}

/// Why the configured key cannot sign quotes (the text never contains the key).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QuoteKeyError {
    /// Not standard base64.
    #[error("QUOTE_KEY is not base64")]
    NotBase64,
    /// Fewer than 32 bytes.
    #[error("QUOTE_KEY is shorter than 32 bytes")]
    TooShort,
}

impl QuoteKey {
    /// The key of the secret `QUOTE_KEY`: base64 of at least 32 bytes.
    pub fn parse(secret: &str) -> Result<QuoteKey, QuoteKeyError> {
        let bytes = STANDARD
            .decode(secret.trim())
            .map_err(|_| QuoteKeyError::NotBase64)?;
        if bytes.len() < 32 {
            return Err(QuoteKeyError::TooShort);
        }
        Ok(QuoteKey(bytes))
    }

    fn mac(&self, customer_id: &str, payload: &str) -> HmacSha256 {
        // HMAC accepts keys of any length, so this cannot fail.
        let mut mac = HmacSha256::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(format!("sma-quote-v1\n{customer_id}\n{payload}").as_bytes());
        mac
    }
}

/// What a quote certifies: this order, on this installation as it was, at these amounts,
/// until `expires`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteClaims {
    /// The installation.
    pub installation_id: String,
    /// The installation's version the quote was priced on.
    pub version: i64,
    /// What it orders.
    pub kind: OrderKind,
    /// The canonical text of its inputs ([`canonical_inputs`]).
    pub inputs: String,
    /// The date the prices apply to.
    pub date: NaiveDate,
    /// The currency.
    pub currency: String,
    /// The net amount.
    pub net: Money,
    /// The gross amount (with the customer's VAT).
    pub gross: Money,
    /// The first second (Unix time) at which it can no longer be ordered.
    pub expires: u64,
}

/// Why a presented token is not a quote of this server for this customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QuoteTokenError {
    /// Not of the token's form.
    #[error("the quote token is not of the expected form")]
    Malformed,
    /// Not signed by this server for this customer (altered, forged or another customer's).
    #[error("the quote token's signature does not match")]
    BadSignature,
}

/// How a presented quote stands against the same order priced now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteCheck {
    /// Unexpired, and the order costs what the quote says on the installation it was priced
    /// on: it may be placed.
    Holds,
    /// A quote of another order (another installation, kind or inputs).
    OtherOrder,
    /// Its time to be ordered has passed.
    Expired,
    /// The order would cost something else now, or the installation changed since.
    Changed,
}

/// The canonical text of an order's validated inputs (the kind is signed beside it):
/// `term_years=1` (an SMA, a switch), `-` (a renewal, a contract's extension),
/// `add_cameras=4;add_modules=client:1,storage:2` (modules by sku), `to_edition=enterprise`.
pub fn canonical_inputs(input: &OrderInput) -> String {
    match input {
        OrderInput::Sma(term) | OrderInput::SwitchToSma(term) => {
            format!("term_years={}", term.years())
        }
        OrderInput::Renewal | OrderInput::LegacyExtension => "-".into(),
        OrderInput::Expansion(add) | OrderInput::LegacyExpansion(add) => {
            let mut modules: Vec<String> = add
                .add_modules
                .iter()
                .map(|m| format!("{}:{}", m.sku.trim().to_ascii_lowercase(), m.qty.get()))
                .collect();
            modules.sort();
            format!(
                "add_cameras={};add_modules={}",
                add.add_cameras.get(),
                modules.join(",")
            )
        }
        OrderInput::Upgrade(to) => format!("to_edition={}", to.trim().to_ascii_lowercase()),
    }
}

impl QuoteClaims {
    fn payload(&self) -> String {
        format!(
            "{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}",
            self.installation_id,
            self.version,
            self.kind.code(),
            self.inputs,
            iso(self.date),
            self.currency,
            self.net,
            self.gross,
            self.expires
        )
    }

    fn from_payload(payload: &str) -> Option<QuoteClaims> {
        let fields: Vec<&str> = payload.split('\n').collect();
        let [installation_id, version, kind, inputs, date, currency, net, gross, expires] =
            fields.as_slice()
        else {
            return None;
        };
        Some(QuoteClaims {
            installation_id: (*installation_id).to_owned(),
            version: version.parse().ok()?,
            kind: OrderKind::parse(kind)?,
            inputs: (*inputs).to_owned(),
            date: parse_date(date, "date").ok()?,
            currency: (*currency).to_owned(),
            net: Money::parse(net)?,
            gross: Money::parse(gross)?,
            expires: expires.parse().ok()?,
        })
    }

    /// The token of these claims for `customer_id`.
    pub fn sign(&self, customer_id: &str, key: &QuoteKey) -> String {
        let payload = self.payload();
        let tag = key.mac(customer_id, &payload).finalize().into_bytes();
        format!(
            "{PREFIX}{}.{}",
            URL_SAFE_NO_PAD.encode(payload),
            URL_SAFE_NO_PAD.encode(tag)
        )
    }

    /// The claims of a presented token, when this server signed it for `customer_id`; the MAC
    /// is compared in constant time.
    pub fn open(
        token: &str,
        customer_id: &str,
        key: &QuoteKey,
    ) -> Result<QuoteClaims, QuoteTokenError> {
        if token.len() > MAX_TOKEN {
            return Err(QuoteTokenError::Malformed);
        }
        let (payload, tag) = token
            .strip_prefix(PREFIX)
            .and_then(|rest| rest.split_once('.'))
            .ok_or(QuoteTokenError::Malformed)?;
        let payload = URL_SAFE_NO_PAD
            .decode(payload)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .ok_or(QuoteTokenError::Malformed)?;
        let tag = URL_SAFE_NO_PAD
            .decode(tag)
            .map_err(|_| QuoteTokenError::Malformed)?;
        key.mac(customer_id, &payload)
            .verify_slice(&tag)
            .map_err(|_| QuoteTokenError::BadSignature)?;
        QuoteClaims::from_payload(&payload).ok_or(QuoteTokenError::Malformed)
    }

    /// How this (presented) quote stands against `now`, the same order priced at `now_seconds`
    /// (its `expires` is not looked at): another order's quote is never this order's; an
    /// expired quote is not ordered even at an unchanged price; otherwise it holds when the
    /// installation's version, the currency and both amounts are unchanged. The date may have
    /// moved on (the price of a renewal does not change at midnight).
    pub fn check(&self, now: &QuoteClaims, now_seconds: u64) -> QuoteCheck {
        if (&self.installation_id, self.kind, &self.inputs)
            != (&now.installation_id, now.kind, &now.inputs)
        {
            QuoteCheck::OtherOrder
        } else if now_seconds >= self.expires {
            QuoteCheck::Expired
        } else if (self.version, &self.currency, self.net, self.gross)
            != (now.version, &now.currency, now.net, now.gross)
        {
            QuoteCheck::Changed
        } else {
            QuoteCheck::Holds
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::{ExpansionInput, ModuleInput, Quantity, TermYears};

    fn key() -> QuoteKey {
        QuoteKey::parse(&STANDARD.encode([7u8; 32])).unwrap()
    }

    fn claims() -> QuoteClaims {
        QuoteClaims {
            installation_id: "inst_0123456789abcdef".into(),
            version: 3,
            kind: OrderKind::Expansion,
            inputs: "add_cameras=4;add_modules=client:1".into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
            currency: "EUR".into(),
            net: Money::parse("465.00").unwrap(),
            gross: Money::parse("553.35").unwrap(),
            expires: 1_795_862_700,
        }
    }

    const NOW: u64 = 1_795_860_900;

    #[test]
    fn a_signed_quote_opens_for_its_customer_with_its_claims() {
        let token = claims().sign("cus_demo_retail", &key());
        assert!(token.starts_with("q1.") && !token.contains('='), "{token}");
        assert_eq!(
            QuoteClaims::open(&token, "cus_demo_retail", &key()),
            Ok(claims())
        );
    }

    #[test]
    fn another_customer_another_key_or_an_altered_token_is_refused() {
        let token = claims().sign("cus_demo_retail", &key());
        assert_eq!(
            QuoteClaims::open(&token, "cus_other", &key()),
            Err(QuoteTokenError::BadSignature)
        );
        let other = QuoteKey::parse(&STANDARD.encode([8u8; 32])).unwrap();
        assert_eq!(
            QuoteClaims::open(&token, "cus_demo_retail", &other),
            Err(QuoteTokenError::BadSignature)
        );
        let cheaper = QuoteClaims {
            net: Money::parse("1.00").unwrap(),
            ..claims()
        }
        .sign("cus_demo_retail", &other);
        let (_, mac) = token.rsplit_once('.').unwrap();
        let (forged, _) = cheaper.rsplit_once('.').unwrap();
        assert_eq!(
            QuoteClaims::open(&format!("{forged}.{mac}"), "cus_demo_retail", &key()),
            Err(QuoteTokenError::BadSignature)
        );
        for bad in [
            "",
            "q1.",
            "q2.abc.def",
            "q1.abc",
            "q1.%%%.abc",
            &"q1.a".repeat(400),
        ] {
            assert_eq!(
                QuoteClaims::open(bad, "cus_demo_retail", &key()),
                Err(QuoteTokenError::Malformed),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_quote_holds_until_it_expires_while_the_order_costs_the_same() {
        let quoted = claims();
        let now = QuoteClaims {
            expires: 0,
            date: NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
            ..claims()
        };
        assert_eq!(quoted.check(&now, NOW), QuoteCheck::Holds);
        assert_eq!(quoted.check(&now, quoted.expires), QuoteCheck::Expired);
    }

    #[test]
    fn another_price_or_installation_version_is_a_changed_quote() {
        let quoted = claims();
        for now in [
            QuoteClaims {
                net: Money::parse("470.00").unwrap(),
                ..claims()
            },
            QuoteClaims {
                gross: Money::parse("465.00").unwrap(),
                ..claims()
            },
            QuoteClaims {
                version: 4,
                ..claims()
            },
        ] {
            assert_eq!(quoted.check(&now, NOW), QuoteCheck::Changed, "{now:?}");
        }
    }

    #[test]
    fn a_quote_of_another_order_never_confirms_this_one() {
        let quoted = claims();
        for now in [
            QuoteClaims {
                installation_id: "inst_other".into(),
                ..claims()
            },
            QuoteClaims {
                inputs: "add_cameras=5;add_modules=client:1".into(),
                ..claims()
            },
            QuoteClaims {
                kind: OrderKind::Upgrade,
                ..claims()
            },
        ] {
            assert_eq!(
                quoted.check(&now, quoted.expires + 1),
                QuoteCheck::OtherOrder
            );
        }
    }

    #[test]
    fn equal_inputs_have_one_canonical_text() {
        let module = |sku: &str, qty| ModuleInput {
            sku: sku.into(),
            qty: Quantity::new(qty).unwrap(),
        };
        let a = OrderInput::Expansion(ExpansionInput {
            add_cameras: Quantity::new(4).unwrap(),
            add_modules: vec![module("storage", 1), module("Client", 2)],
        });
        let b = OrderInput::Expansion(ExpansionInput {
            add_cameras: Quantity::new(4).unwrap(),
            add_modules: vec![module("client", 2), module("storage", 1)],
        });
        assert_eq!(canonical_inputs(&a), canonical_inputs(&b));
        assert_eq!(
            canonical_inputs(&a),
            "add_cameras=4;add_modules=client:2,storage:1"
        );
        assert_eq!(
            canonical_inputs(&OrderInput::Sma(TermYears::Three)),
            "term_years=3"
        );
        assert_eq!(canonical_inputs(&OrderInput::Renewal), "-");
        assert_eq!(
            canonical_inputs(&OrderInput::Upgrade(" Enterprise ".into())),
            "to_edition=enterprise"
        );
    }

    #[test]
    fn a_key_is_base64_of_at_least_32_bytes() {
        assert_eq!(
            QuoteKey::parse("not base64!").unwrap_err(),
            QuoteKeyError::NotBase64
        );
        assert_eq!(
            QuoteKey::parse(&STANDARD.encode([1u8; 31])).unwrap_err(),
            QuoteKeyError::TooShort
        );
        assert!(format!("{:?}", key()).contains('…'));
    }
}
