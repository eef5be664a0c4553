//! Customers and installations from the vendor's order data (api.md "Operating"): a CSV file
//! with the header [`IMPORT_COLUMNS`] (optionally followed by any of
//! [`IMPORT_EXTRA_COLUMNS`]), validated row by row. Either every row is valid and the file
//! becomes [`ImportFile`] (what the Worker stages and applies in one D1 batch, idempotent on
//! the licence number), or the answer names every rejected row, its column and why, and
//! nothing is written. A large file goes in parts ([`split_parts`]), each checked here; what
//! only the whole file shows (a licence number twice, a customer's rows that disagree) is
//! checked again across the parts with [`duplicate_licence`] and [`customer_disagrees`].
//!
//! Rules: `customer_ref` (1–64 characters) names a customer; its rows must agree on name,
//! country, VAT ID and contact. `country` is ISO 3166-1 alpha-2. `licence_number` as in "Getting
//! in", once per file. `edition`, `cameras` and `modules` (`sku:qty;sku:qty`) must make a valid
//! configuration in the price book of the licence date (or the first book, for licences older
//! than every book). `licence_date`, `coverage_start` and `cancelled_on` are `YYYY-MM-DD`, not
//! after today. `initial_value` is the licence total (a non-negative amount; empty: priced from
//! that book). `installed_version` (optional) is the version running there. `coverage`:
//! - `sma`: `coverage_start` not before the licence date, `term_years` 1 or 3, `auto_renew`
//!   `true`/`false`, `sma_state` `active` (or empty), `cancelled` (auto-renew off since
//!   `cancelled_on`; its end follows from pricing.md section 5 and lies ahead) or `lapsed`
//!   (`term_end` the last covered day, the day before an anniversary that has passed);
//! - `legacy`: a Maintenance Contract (section 9) from `coverage_start` with its frozen
//!   `legacy_fee_basis`, its ordered terms ending on `term_end` (the day before an anniversary
//!   of the start); one whose 30 days of grace are over is stored as ended;
//! - `none`: the coverage columns empty.

mod coverage;
mod csv;
mod row;

pub use coverage::{ImportedCoverage, ImportedLegacy, ImportedSma};
pub use csv::{csv_field, split_csv, split_parts, ImportPart};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::str::FromStr;

use super::{normalize_email, LicenceNumber};
use crate::api::RejectedRow;
use crate::pricing::{Configuration, ConfigurationInput, ModuleInput, PriceBooks, Quantity};
use csv::is_blank;
use row::Row;

/// The header row of api.md, in this order.
pub const IMPORT_COLUMNS: [&str; 17] = [
    "customer_ref",
    "customer_name",
    "country",
    "vat_id",
    "contact_email",
    "licence_number",
    "installation_name",
    "edition",
    "cameras",
    "modules",
    "licence_date",
    "initial_value",
    "coverage",
    "coverage_start",
    "term_years",
    "auto_renew",
    "legacy_fee_basis",
];

/// Columns a header may add after [`IMPORT_COLUMNS`] (any of them, in any order): what the
/// vendor's order data holds beyond api.md's columns.
pub const IMPORT_EXTRA_COLUMNS: [&str; 4] =
    ["installed_version", "sma_state", "cancelled_on", "term_end"];

/// Every column a file may have: [`IMPORT_COLUMNS`], then [`IMPORT_EXTRA_COLUMNS`].
pub const IMPORT_COLUMNS_ALL: [&str; 21] = all_columns();

const fn all_columns() -> [&'static str; 21] {
    let mut out = [""; 21];
    let mut i = 0;
    while i < IMPORT_COLUMNS.len() {
        out[i] = IMPORT_COLUMNS[i];
        i += 1;
    }
    while i < out.len() {
        out[i] = IMPORT_EXTRA_COLUMNS[i - IMPORT_COLUMNS.len()];
        i += 1;
    }
    out
}

/// The most data rows one import takes (sent in parts of at most 64 KiB, staged, and applied
/// in one D1 batch).
pub const IMPORT_MAX_ROWS: usize = 50_000;

/// A customer of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedCustomer {
    /// The vendor's reference.
    pub reference: String,
    /// The name.
    pub name: String,
    /// ISO 3166-1 alpha-2, upper case.
    pub country: String,
    /// The VAT ID, when given.
    pub vat_id: Option<String>,
    /// The registered contact (normalized).
    pub contact_email: String,
}

/// An installation of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedInstallation {
    /// Its row in the file.
    pub row: usize,
    /// Its licence number: what makes an import idempotent.
    pub licence_number: LicenceNumber,
    /// The customer's reference.
    pub customer_ref: String,
    /// Its name.
    pub name: String,
    /// The validated configuration.
    pub config: Configuration,
    /// The licence date.
    pub licence_date: NaiveDate,
    /// The version installed, when known.
    pub installed_version: Option<String>,
    /// The licence total on the licence date.
    pub initial_value: Decimal,
    /// Its SMA or Maintenance Contract, if any.
    pub coverage: ImportedCoverage,
}

/// A valid file (or part): its customers (each once) and installations, in the file's order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportFile {
    /// The customers.
    pub customers: Vec<ImportedCustomer>,
    /// The installations.
    pub installations: Vec<ImportedInstallation>,
}

/// The rejection of a licence number given again in `row` (first in `first`).
pub fn duplicate_licence(row: usize, first: usize, number: &str) -> RejectedRow {
    RejectedRow {
        row,
        field: "licence_number".into(),
        message: format!("Licence number {number} is in row {first} already."),
    }
}

/// The rejection of a customer's row that disagrees with its first row `first`.
pub fn customer_disagrees(row: usize, first: usize, reference: &str) -> RejectedRow {
    RejectedRow {
        row,
        field: "customer_ref".into(),
        message: format!(
            "Customer {reference} has other details in row {first}; its rows must agree."
        ),
    }
}

/// A rejection of the file as a whole.
pub fn file_rejected(row: usize, field: &str, message: impl Into<String>) -> RejectedRow {
    RejectedRow {
        row,
        field: field.into(),
        message: message.into(),
    }
}

/// Validates a whole file against the price books and today; every rejected row otherwise.
pub fn parse_import(
    text: &str,
    books: &PriceBooks,
    today: NaiveDate,
) -> Result<ImportFile, Vec<RejectedRow>> {
    parse_import_part(text, 2, books, today)
}

/// The positions in [`IMPORT_COLUMNS_ALL`] of a header's columns, if it is one the import takes.
fn header_positions(header: &[String]) -> Option<Vec<usize>> {
    let names: Vec<&str> = header.iter().map(|f| f.trim()).collect();
    if names.len() < IMPORT_COLUMNS.len() || names[..IMPORT_COLUMNS.len()] != IMPORT_COLUMNS {
        return None;
    }
    let mut positions: Vec<usize> = (0..IMPORT_COLUMNS.len()).collect();
    for name in &names[IMPORT_COLUMNS.len()..] {
        let known = IMPORT_COLUMNS_ALL[IMPORT_COLUMNS.len()..]
            .iter()
            .position(|c| c == name)?
            + IMPORT_COLUMNS.len();
        if positions.contains(&known) {
            return None;
        }
        positions.push(known);
    }
    Some(positions)
}

/// Validates a part of a file whose first record is row `first_row` of the whole file (2 for
/// a whole file: the header is row 1).
pub fn parse_import_part(
    text: &str,
    first_row: usize,
    books: &PriceBooks,
    today: NaiveDate,
) -> Result<ImportFile, Vec<RejectedRow>> {
    let mut rejected = Vec::new();
    let lines = split_csv(text).map_err(|record| {
        vec![file_rejected(
            first_row + record.saturating_sub(2),
            "file",
            "A quoted field is not closed.",
        )]
    })?;
    let header = lines.first().and_then(|h| header_positions(h));
    let Some(header) = header else {
        return Err(vec![file_rejected(
            1,
            "header",
            format!(
                "The header row must be: {} (optionally followed by any of {}).",
                IMPORT_COLUMNS.join(","),
                IMPORT_EXTRA_COLUMNS.join(",")
            ),
        )]);
    };
    let data: Vec<(usize, &Vec<String>)> = lines
        .iter()
        .skip(1)
        .enumerate()
        .filter(|(_, l)| !is_blank(l))
        .map(|(i, l)| (first_row + i, l))
        .collect();
    if data.is_empty() {
        return Err(vec![file_rejected(
            first_row,
            "file",
            "The file has no rows below its header.",
        )]);
    }
    let mut file = ImportFile::default();
    let mut customers: HashMap<String, (usize, ImportedCustomer)> = HashMap::new();
    let mut numbers: HashMap<LicenceNumber, usize> = HashMap::new();
    for (number, fields) in data {
        let mut row = Row {
            number,
            header: &header,
            fields,
            rejected: &mut rejected,
        };
        if fields.len() != header.len() {
            row.reject(
                "row",
                format!(
                    "The row has {} fields; the header has {}.",
                    fields.len(),
                    header.len()
                ),
            );
            continue;
        }
        let customer = customer(&mut row);
        let installation = installation(&mut row, books, today);
        if let Some(c) = customer {
            match customers.get(&c.reference) {
                Some((first, known)) if *known != c => {
                    rejected.push(customer_disagrees(number, *first, &c.reference))
                }
                Some(_) => {}
                None => {
                    customers.insert(c.reference.clone(), (number, c.clone()));
                    file.customers.push(c);
                }
            }
        }
        if let Some(i) = installation {
            match numbers.insert(i.licence_number, number) {
                Some(first) => rejected.push(duplicate_licence(
                    number,
                    first,
                    &i.licence_number.to_string(),
                )),
                None => file.installations.push(i),
            }
        }
    }
    if rejected.is_empty() {
        Ok(file)
    } else {
        Err(rejected)
    }
}

fn customer(row: &mut Row) -> Option<ImportedCustomer> {
    let reference = row.text("customer_ref", 64);
    let name = row.text("customer_name", 200);
    let country = row.get("country").to_owned();
    let country_ok = country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase());
    if !country_ok {
        row.reject(
            "country",
            "country must be two capital letters (ISO 3166-1 alpha-2).",
        );
    }
    let vat_id = Some(row.get("vat_id").to_owned()).filter(|v| !v.is_empty());
    if vat_id
        .as_ref()
        .is_some_and(|v| v.len() > 32 || !v.bytes().all(|b| b.is_ascii_alphanumeric()))
    {
        row.reject("vat_id", "vat_id must be at most 32 letters and digits.");
    }
    let email = normalize_email(row.get("contact_email"));
    if email.is_err() {
        row.reject("contact_email", "contact_email must be an e-mail address.");
    }
    Some(ImportedCustomer {
        reference: reference?,
        name: name?,
        country: country_ok.then_some(country)?,
        vat_id,
        contact_email: email.ok()?,
    })
}

/// `installed_version`: empty, or 1–32 letters, digits, `.`, `-` and `+` starting with a digit.
fn installed_version(row: &mut Row) -> Option<Option<String>> {
    let v = row.get("installed_version").to_owned();
    if v.is_empty() {
        return Some(None);
    }
    let ok = v.len() <= 32
        && v.starts_with(|c: char| c.is_ascii_digit())
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+'));
    if !ok {
        row.reject(
            "installed_version",
            "installed_version must be a version such as 6.1.2 (up to 32 letters, digits, dots, hyphens and plus signs, starting with a digit).",
        );
        return None;
    }
    Some(Some(v))
}

fn installation(
    row: &mut Row,
    books: &PriceBooks,
    today: NaiveDate,
) -> Option<ImportedInstallation> {
    let licence_number = LicenceNumber::parse(row.get("licence_number"));
    if let Err(e) = &licence_number {
        row.reject("licence_number", e.to_string());
    }
    let name = row.text("installation_name", 200);
    let licence_date = row.date("licence_date", today);
    let config = licence_date.and_then(|date| configuration(row, books, date));
    let initial_value = match row.get("initial_value") {
        "" => config.as_ref().and_then(|(c, date)| {
            let book = books.book_on(*date).ok()?;
            Some(c.price(book).ok()?.total.decimal())
        }),
        text => match Decimal::from_str(text) {
            Ok(v) if !v.is_sign_negative() && v.scale() <= 2 => Some(v),
            _ => {
                row.reject(
                    "initial_value",
                    "initial_value must be an amount of at least 0 with at most two decimals.",
                );
                None
            }
        },
    };
    let installed_version = installed_version(row);
    let coverage = coverage::coverage(row, licence_date, today);
    Some(ImportedInstallation {
        row: row.number,
        licence_number: licence_number.ok()?,
        customer_ref: row.get("customer_ref").to_owned(),
        name: name?,
        config: config?.0,
        licence_date: licence_date?,
        installed_version: installed_version?,
        initial_value: initial_value?,
        coverage: coverage?,
    })
}

/// The configuration in the book of the licence date (or the first book), with that day.
fn configuration(
    row: &mut Row,
    books: &PriceBooks,
    licence_date: NaiveDate,
) -> Option<(Configuration, NaiveDate)> {
    let date = licence_date.max(books.books().first()?.valid_from());
    let book = books.book_on(date).ok()?;
    let cameras = match row
        .get("cameras")
        .parse::<u32>()
        .ok()
        .and_then(Quantity::new)
    {
        Some(c) => c,
        None => {
            row.reject("cameras", "cameras must be a whole number of at least 1.");
            return None;
        }
    };
    let mut modules = Vec::new();
    for part in row
        .get("modules")
        .split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        match part
            .split_once(':')
            .and_then(|(sku, qty)| Some((sku.trim(), Quantity::new(qty.trim().parse().ok()?)?)))
        {
            Some((sku, qty)) => modules.push(ModuleInput {
                sku: sku.to_owned(),
                qty,
            }),
            None => {
                row.reject(
                    "modules",
                    format!("modules must be sku:qty;sku:qty, not {part:?}."),
                );
                return None;
            }
        }
    }
    let input = ConfigurationInput {
        edition: row.get("edition").to_owned(),
        cameras,
        modules,
    };
    match Configuration::validate(book, &input) {
        Ok(config) => Some((config, date)),
        Err(e) => {
            let field = match e.field().unwrap_or("edition") {
                f if f.starts_with("modules") => "modules",
                f if f.starts_with("cameras") => "cameras",
                _ => "edition",
            };
            row.reject(field, e.message());
            None
        }
    }
}

#[cfg(test)]
mod tests;
