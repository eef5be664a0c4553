//! The domain boundary's error: [`PricingError`].
//!
//! Every variant is a well-formed request that breaks a pricing rule, so every variant maps to
//! HTTP 422 with the body `{"error": {"code", "message", "field"}}` (see `api::ErrorBody`).
//! The message is a sentence a customer can act on; `field` is the JSON path at fault.

use std::fmt;

use thiserror::Error;

/// Why a quote or a lifecycle computation was refused. All variants map to HTTP 422.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum PricingError {
    /// `unknown_edition` (HTTP 422): the edition code is not in the price book.
    #[error("There is no edition `{edition}`; choose one of {choices}.")]
    UnknownEdition {
        /// JSON path at fault, e.g. `edition` or `to_edition`.
        field: Option<String>,
        /// The code as given.
        edition: String,
        /// The codes that exist, e.g. `probox, professional or enterprise`.
        choices: String,
    },
    /// `unknown_module` (HTTP 422): the sku is not a module of the price book, or is `camera`
    /// (cameras have their own field).
    #[error("{advice}")]
    UnknownModule {
        /// JSON path at fault, e.g. `modules[0].sku`.
        field: Option<String>,
        /// The sku as given.
        sku: String,
        /// The full sentence for the customer.
        advice: String,
    },
    /// `module_not_in_edition` (HTTP 422): the module has no price for the edition.
    #[error("{module} is not available in {edition}{advice}.")]
    ModuleNotInEdition {
        /// JSON path at fault, e.g. `modules[1].sku`.
        field: Option<String>,
        /// The module's name, e.g. `Advanced archive mode`.
        module: String,
        /// The edition's name, e.g. `ProBox`.
        edition: String,
        /// Where the module is available, e.g. `; choose Professional or Enterprise to use it`.
        advice: String,
    },
    /// `duplicate_module` (HTTP 422): the same sku appears twice in one list.
    #[error("`{sku}` is listed more than once; list each module once with its total quantity.")]
    DuplicateModule {
        /// JSON path of the second occurrence, e.g. `modules[2].sku`.
        field: Option<String>,
        /// The repeated sku.
        sku: String,
    },
    /// `invalid_quantity` (HTTP 422): not a whole number from 0 to 10 000.
    #[error("A quantity must be a whole number from 0 to 10000; {given} is not.")]
    InvalidQuantity {
        /// JSON path at fault, e.g. `cameras` or `modules[1].qty`.
        field: Option<String>,
        /// The number as given, e.g. `-1` or `1.5`.
        given: String,
    },
    /// `too_many_cameras` (HTTP 422): more cameras than the edition's `max_cameras`.
    #[error("{edition} allows at most {max} cameras{advice}.")]
    TooManyCameras {
        /// JSON path at fault, e.g. `cameras` or `add_cameras`.
        field: Option<String>,
        /// The edition's name.
        edition: String,
        /// Its camera limit.
        max: u32,
        /// The number of cameras asked for.
        requested: u32,
        /// E.g. `; choose Professional or Enterprise for 40`.
        advice: String,
    },
    /// `exceeds_cameras` (HTTP 422): a per-camera module with more units than cameras.
    #[error("{module} is licensed per camera: {qty} is more than the {cameras} cameras; lower it to {cameras} or add cameras.")]
    ExceedsCameras {
        /// JSON path at fault, e.g. `modules[0].qty`.
        field: Option<String>,
        /// The module's name.
        module: String,
        /// The quantity asked for.
        qty: u32,
        /// The number of cameras.
        cameras: u32,
    },
    /// `invalid_date` (HTTP 422): not a calendar date, or a date out of order with another.
    #[error("{message}")]
    InvalidDate {
        /// JSON path at fault, e.g. `licence_date`.
        field: Option<String>,
        /// The full sentence for the customer.
        message: String,
    },
    /// `no_price_book` (HTTP 422): the date is before the first price book.
    #[error("There are no prices for {date}; prices start on {first}.")]
    NoPriceBook {
        /// JSON path at fault, e.g. `licence_date`.
        field: Option<String>,
        /// The date asked for (ISO).
        date: String,
        /// The first price book's `valid_from` (ISO).
        first: String,
    },
    /// `sma_before_licence` (HTTP 422): the SMA order date is before the licence date.
    #[error("The SMA order date {order_date} is before the licence date {licence_date}; order the SMA on or after the licence date.")]
    SmaBeforeLicence {
        /// JSON path at fault: `sma.order_date`.
        field: Option<String>,
        /// The SMA order date (ISO).
        order_date: String,
        /// The licence date (ISO).
        licence_date: String,
    },
    /// `not_an_upgrade` (HTTP 422): the target edition does not rank above the current one.
    #[error("{to} is not an upgrade from {from}{advice}.")]
    NotAnUpgrade {
        /// JSON path at fault: `to_edition`.
        field: Option<String>,
        /// The current edition's name.
        from: String,
        /// The target edition's name.
        to: String,
        /// E.g. `; choose Professional or Enterprise`.
        advice: String,
    },
    /// `invalid_years` (HTTP 422): the number of years to quote is not 1 to 10.
    #[error("The number of years to quote must be a whole number from 1 to 10; {given} is not.")]
    InvalidYears {
        /// JSON path at fault: `years`.
        field: Option<String>,
        /// The number as given.
        given: String,
    },
    /// `invalid_term` (HTTP 422): the SMA term is not 1 or 3 years.
    #[error("The SMA term must be 1 or 3 years; {given} is not.")]
    InvalidTerm {
        /// JSON path at fault: `sma.term_years`.
        field: Option<String>,
        /// The number as given.
        given: String,
    },
    /// `legacy_contract_closed` (HTTP 422): a new legacy Maintenance Contract was ordered; the
    /// SMA replaced them (pricing.md section 9).
    #[error("New Maintenance Contracts are no longer sold: the SMA replaced them. Order the SMA instead; Maintenance Contracts already in place can still be extended and expanded.")]
    LegacyContractClosed {
        /// JSON path at fault: `kind`.
        field: Option<String>,
    },
    /// `extension_not_open` (HTTP 422): a Maintenance Contract's extension ordered before its
    /// extension window opens.
    #[error("The Maintenance Contract runs until {term_end}; its extension can be ordered from {opens}.")]
    ExtensionNotOpen {
        /// JSON path at fault, when one input is.
        field: Option<String>,
        /// The last covered day (ISO).
        term_end: String,
        /// The first day the extension can be ordered (ISO).
        opens: String,
    },
    /// `legacy_contract_ended` (HTTP 422): the Maintenance Contract ended for good (its grace
    /// after the term's end is over), so it can no longer be extended, expanded or switched.
    #[error("The Maintenance Contract ended on {ended_on} and could be extended or switched to the SMA until {grace_until}; buy an SMA instead (with back-pay from its end and the reinstatement fee).")]
    LegacyContractEnded {
        /// JSON path at fault, when one input is.
        field: Option<String>,
        /// The last covered day (ISO).
        ended_on: String,
        /// The last day of the grace (ISO).
        grace_until: String,
    },
    /// `invalid_fee_basis` (HTTP 422): a Maintenance Contract's fee basis is not above 0.00.
    #[error("The fee basis must be an amount above 0.00, as recorded in the Maintenance Contract; {given} is not.")]
    InvalidFeeBasis {
        /// JSON path at fault: `fee_basis`.
        field: Option<String>,
        /// The amount as given.
        given: String,
    },
}

impl PricingError {
    /// The snake_case code of pricing.md section 2 / api.md, e.g. `too_many_cameras`.
    pub fn code(&self) -> &'static str {
        match self {
            PricingError::UnknownEdition { .. } => "unknown_edition",
            PricingError::UnknownModule { .. } => "unknown_module",
            PricingError::ModuleNotInEdition { .. } => "module_not_in_edition",
            PricingError::DuplicateModule { .. } => "duplicate_module",
            PricingError::InvalidQuantity { .. } => "invalid_quantity",
            PricingError::TooManyCameras { .. } => "too_many_cameras",
            PricingError::ExceedsCameras { .. } => "exceeds_cameras",
            PricingError::InvalidDate { .. } => "invalid_date",
            PricingError::NoPriceBook { .. } => "no_price_book",
            PricingError::SmaBeforeLicence { .. } => "sma_before_licence",
            PricingError::NotAnUpgrade { .. } => "not_an_upgrade",
            PricingError::InvalidYears { .. } => "invalid_years",
            PricingError::InvalidTerm { .. } => "invalid_term",
            PricingError::LegacyContractClosed { .. } => "legacy_contract_closed",
            PricingError::ExtensionNotOpen { .. } => "extension_not_open",
            PricingError::LegacyContractEnded { .. } => "legacy_contract_ended",
            PricingError::InvalidFeeBasis { .. } => "invalid_fee_basis",
        }
    }

    /// The JSON path of the input at fault (`cameras`, `modules[1].qty`, `sma.order_date`…),
    /// when one input is.
    pub fn field(&self) -> Option<&str> {
        self.field_slot_ref().as_deref()
    }

    /// The sentence for the customer (the same as `Display`).
    pub fn message(&self) -> String {
        self.to_string()
    }

    /// The HTTP status of every pricing error: 422 Unprocessable Content.
    pub fn http_status(&self) -> u16 {
        422
    }

    /// The same error reported against another JSON path.
    pub fn with_field(mut self, field: impl Into<String>) -> PricingError {
        *self.field_slot() = Some(field.into());
        self
    }

    /// An `invalid_date` error for `field` with a customer sentence.
    pub fn invalid_date(field: &str, message: impl Into<String>) -> PricingError {
        PricingError::InvalidDate {
            field: Some(field.to_owned()),
            message: message.into(),
        }
    }

    fn field_slot(&mut self) -> &mut Option<String> {
        match self {
            PricingError::UnknownEdition { field, .. }
            | PricingError::UnknownModule { field, .. }
            | PricingError::ModuleNotInEdition { field, .. }
            | PricingError::DuplicateModule { field, .. }
            | PricingError::InvalidQuantity { field, .. }
            | PricingError::TooManyCameras { field, .. }
            | PricingError::ExceedsCameras { field, .. }
            | PricingError::InvalidDate { field, .. }
            | PricingError::NoPriceBook { field, .. }
            | PricingError::SmaBeforeLicence { field, .. }
            | PricingError::NotAnUpgrade { field, .. }
            | PricingError::InvalidYears { field, .. }
            | PricingError::InvalidTerm { field, .. }
            | PricingError::LegacyContractClosed { field }
            | PricingError::ExtensionNotOpen { field, .. }
            | PricingError::LegacyContractEnded { field, .. }
            | PricingError::InvalidFeeBasis { field, .. } => field,
        }
    }

    fn field_slot_ref(&self) -> &Option<String> {
        match self {
            PricingError::UnknownEdition { field, .. }
            | PricingError::UnknownModule { field, .. }
            | PricingError::ModuleNotInEdition { field, .. }
            | PricingError::DuplicateModule { field, .. }
            | PricingError::InvalidQuantity { field, .. }
            | PricingError::TooManyCameras { field, .. }
            | PricingError::ExceedsCameras { field, .. }
            | PricingError::InvalidDate { field, .. }
            | PricingError::NoPriceBook { field, .. }
            | PricingError::SmaBeforeLicence { field, .. }
            | PricingError::NotAnUpgrade { field, .. }
            | PricingError::InvalidYears { field, .. }
            | PricingError::InvalidTerm { field, .. }
            | PricingError::LegacyContractClosed { field }
            | PricingError::ExtensionNotOpen { field, .. }
            | PricingError::LegacyContractEnded { field, .. }
            | PricingError::InvalidFeeBasis { field, .. } => field,
        }
    }
}

/// The JSON path of a request value, written out only when an error names it: `cameras`,
/// `modules[2].qty`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FieldPath {
    /// A field of the request body, e.g. `cameras`.
    Top(&'static str),
    /// A field of entry `index` of a list: `list[index].leaf`, e.g. `modules[2].qty`.
    Entry {
        list: &'static str,
        index: usize,
        leaf: &'static str,
    },
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldPath::Top(name) => f.write_str(name),
            FieldPath::Entry { list, index, leaf } => write!(f, "{list}[{index}].{leaf}"),
        }
    }
}

/// Joins names as a customer reads them: `A`, `A or B`, `A, B or C`.
pub(crate) fn one_of(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_path_is_written_as_json_path() {
        assert_eq!(FieldPath::Top("cameras").to_string(), "cameras");
        let entry = FieldPath::Entry {
            list: "add_modules",
            index: 2,
            leaf: "qty",
        };
        assert_eq!(entry.to_string(), "add_modules[2].qty");
    }

    #[test]
    fn every_error_has_a_code_a_field_and_a_sentence() {
        let err = PricingError::TooManyCameras {
            field: Some("cameras".into()),
            edition: "ProBox".into(),
            max: 32,
            requested: 40,
            advice: "; choose Professional or Enterprise for 40".into(),
        };
        assert_eq!(err.code(), "too_many_cameras");
        assert_eq!(err.field(), Some("cameras"));
        assert_eq!(err.http_status(), 422);
        assert_eq!(
            err.message(),
            "ProBox allows at most 32 cameras; choose Professional or Enterprise for 40."
        );
    }

    #[test]
    fn an_error_can_be_moved_to_another_field() {
        let err = PricingError::invalid_date("date", "x").with_field("sma_start");
        assert_eq!(err.field(), Some("sma_start"));
    }

    #[test]
    fn names_are_joined_with_commas_and_or() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(one_of(&names(&["A"])), "A");
        assert_eq!(one_of(&names(&["A", "B"])), "A or B");
        assert_eq!(one_of(&names(&["A", "B", "C"])), "A, B or C");
    }
}
