//! How a customer quote and an order are read: [`QuoteView`], [`OrderQuote`] and
//! [`OrderView`] each carry the lines and amounts of an [`Invoiced`] flattened into their
//! object. serde's derived reader of a `#[serde(flatten)]` field buffers the whole object first
//! and reads the flattened part from the buffer, a second reader of every field; here the three
//! are read from one flat struct instead, with one derived reader for all three (the portal's
//! Wasm is smaller by that). The JSON is the same: they serialise with the derived `Serialize`.

use chrono::NaiveDate;
use serde::{de, Deserialize, Deserializer};

use super::{AfterView, OrderQuote, OrderView, QuoteView};
use crate::foundation::{Money, Rate};
use crate::orders::{Billing, Invoiced, Note, OrderKind, OrderLine, OrderSource, OrderStatus};
use crate::pricing::VatTreatment;

/// Every field of a quote (with its token) and of an order, flat. The fields both have are
/// required; those of only one are checked when that one is built.
#[derive(Deserialize)]
struct OrderFields {
    installation_id: String,
    kind: OrderKind,
    currency: String,
    lines: Vec<OrderLine>,
    net: Money,
    vat_rate: Rate,
    vat: Money,
    gross: Money,
    vat_treatment: VatTreatment,
    vat_note: Option<String>,
    notes: Vec<String>,
    explained: Vec<Note>,
    after: AfterView,
    // A quote's.
    #[serde(default, deserialize_with = "crate::dates::serde_iso::optional")]
    date: Option<NaiveDate>,
    total_due: Option<Money>,
    quote_token: Option<String>,
    quote_expires_at: Option<String>,
    // An order's.
    id: Option<String>,
    number: Option<String>,
    installation_name: Option<String>,
    status: Option<OrderStatus>,
    created_at: Option<String>,
    #[serde(default, deserialize_with = "crate::dates::serde_iso::optional")]
    order_date: Option<NaiveDate>,
    source: Option<OrderSource>,
    billing: Option<Billing>,
}

/// A field only some of the three have: an error naming it when it is missing.
fn given<T, E: de::Error>(field: Option<T>, name: &'static str) -> Result<T, E> {
    field.ok_or_else(|| E::missing_field(name))
}

impl OrderFields {
    fn amounts(&mut self) -> Invoiced {
        Invoiced {
            lines: std::mem::take(&mut self.lines),
            net: self.net,
            vat_rate: self.vat_rate,
            vat: self.vat,
            gross: self.gross,
            vat_treatment: self.vat_treatment,
            vat_note: self.vat_note.take(),
        }
    }

    fn quote<E: de::Error>(mut self) -> Result<QuoteView, E> {
        let amounts = self.amounts();
        Ok(QuoteView {
            installation_id: self.installation_id,
            kind: self.kind,
            date: given(self.date, "date")?,
            currency: self.currency,
            amounts,
            total_due: given(self.total_due, "total_due")?,
            notes: self.notes,
            explained: self.explained,
            after: self.after,
        })
    }

    fn order<E: de::Error>(mut self) -> Result<OrderView, E> {
        let amounts = self.amounts();
        Ok(OrderView {
            id: given(self.id, "id")?,
            number: given(self.number, "number")?,
            kind: self.kind,
            installation_id: self.installation_id,
            installation_name: given(self.installation_name, "installation_name")?,
            status: given(self.status, "status")?,
            created_at: given(self.created_at, "created_at")?,
            order_date: given(self.order_date, "order_date")?,
            source: given(self.source, "source")?,
            currency: self.currency,
            amounts,
            notes: self.notes,
            explained: self.explained,
            billing: given(self.billing, "billing")?,
            after: self.after,
        })
    }
}

impl<'de> Deserialize<'de> for QuoteView {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<QuoteView, D::Error> {
        OrderFields::deserialize(deserializer)?.quote()
    }
}

impl<'de> Deserialize<'de> for OrderQuote {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<OrderQuote, D::Error> {
        let mut fields = OrderFields::deserialize(deserializer)?;
        Ok(OrderQuote {
            quote_token: given(fields.quote_token.take(), "quote_token")?,
            quote_expires_at: given(fields.quote_expires_at.take(), "quote_expires_at")?,
            quote: fields.quote()?,
        })
    }
}

impl<'de> Deserialize<'de> for OrderView {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<OrderView, D::Error> {
        OrderFields::deserialize(deserializer)?.order()
    }
}

#[cfg(test)]
mod tests {
    use crate::api::{OrderQuote, OrderView, QuoteView};

    /// A quote as the API writes it, with its token.
    const QUOTE: &str = r#"{"installation_id":"i1","kind":"expansion","date":"2026-05-04","currency":"EUR","lines":[{"kind":"licence","code":"camera","description":"Camera channel","qty":2,"unit_price":"60.00","amount":"120.00","explanation":"2 × 60.00 = 120.00"}],"net":"120.00","vat_rate":"19","vat":"22.80","gross":"142.80","vat_treatment":"domestic","vat_note":null,"total_due":"120.00","notes":["One note."],"explained":[{"code":"not_covered"}],"after":{"edition":"probox","cameras":10,"modules":[{"sku":"client","qty":1}],"sma":null},"quote_token":"t.k","quote_expires_at":"2026-05-04T10:30:00Z"}"#;

    #[test]
    fn a_quote_reads_back_to_the_same_json() {
        let quote: OrderQuote = serde_json::from_str(QUOTE).unwrap();
        assert_eq!(quote.quote.amounts.gross.to_string(), "142.80");
        let json = serde_json::to_value(&quote).unwrap();
        assert_eq!(
            json,
            serde_json::from_str::<serde_json::Value>(QUOTE).unwrap()
        );
        let alone: QuoteView = serde_json::from_str(QUOTE).unwrap();
        assert_eq!(alone, quote.quote);
    }

    #[test]
    fn an_order_reads_back_to_the_same_json() {
        let order = QUOTE.replace(
            r#""date":"2026-05-04","#,
            r#""id":"o1","number":"SMA-000042","installation_name":"Lab","status":"open","created_at":"2026-05-04T10:00:00.000Z","order_date":"2026-05-04","source":"customer","billing":{"name":"ACME","country":"DE","vat_id":null},"#,
        );
        let order = order.replace(r#","total_due":"120.00""#, "").replace(
            r#","quote_token":"t.k","quote_expires_at":"2026-05-04T10:30:00Z""#,
            "",
        );
        let view: OrderView = serde_json::from_str(&order).unwrap();
        assert_eq!(view.number, "SMA-000042");
        let json = serde_json::to_value(&view).unwrap();
        assert_eq!(
            json,
            serde_json::from_str::<serde_json::Value>(&order).unwrap()
        );
    }

    #[test]
    fn a_quote_without_its_token_or_an_order_without_its_number_is_refused() {
        let no_token = QUOTE.replace(r#","quote_token":"t.k""#, "");
        let err = serde_json::from_str::<OrderQuote>(&no_token).unwrap_err();
        assert!(
            err.to_string().contains("missing field `quote_token`"),
            "{err}"
        );
        let err = serde_json::from_str::<OrderView>(QUOTE).unwrap_err();
        assert!(err.to_string().contains("missing field `id`"), "{err}");
    }
}
