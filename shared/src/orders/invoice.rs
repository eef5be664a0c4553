//! An order with its VAT, as quoted to the customer and written on the invoice, and who the
//! invoice is addressed to.

use serde::{Deserialize, Serialize};

use super::{Note, OrderLine, PricedOrder};
use crate::foundation::{Money, Rate};
use crate::pricing::{vat_for, Vat, VatTreatment};

/// An order with its VAT, as quoted to the customer and written on the invoice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Invoiced {
    /// The lines.
    pub lines: Vec<OrderLine>,
    /// Their sum.
    pub net: Money,
    /// The VAT rate in percent.
    pub vat_rate: Rate,
    /// `round(net × vat_rate)`.
    pub vat: Money,
    /// `net + vat`.
    pub gross: Money,
    /// How the VAT was chosen.
    pub vat_treatment: VatTreatment,
    /// The note the invoice carries (reverse charge, export), if any.
    pub vat_note: Option<String>,
}

impl PricedOrder {
    /// The notes in English.
    pub fn english_notes(&self) -> Vec<String> {
        self.notes.iter().map(Note::english).collect()
    }

    /// The order's amounts with the VAT of a customer in `country` with `vat_id`.
    pub fn invoiced(&self, country: &str, vat_id: Option<&str>) -> Invoiced {
        let Vat {
            treatment,
            rate,
            amount,
            note,
        } = vat_for(country, vat_id, self.net);
        Invoiced {
            lines: self.lines.clone(),
            net: self.net,
            vat_rate: rate,
            vat: amount,
            gross: self.net + amount,
            vat_treatment: treatment,
            vat_note: note,
        }
    }
}

/// Who an invoice is addressed to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Billing {
    /// Customer name.
    pub name: String,
    /// ISO country code.
    pub country: String,
    /// VAT ID, if any.
    pub vat_id: Option<String>,
}

/// Days within which an invoice is due: orders are paid on invoice.
pub const PAYMENT_TERM_DAYS: u32 = 30;
