//! Customers and installations from the vendor's order data (api.md "Operating"): a CSV file
//! with the header [`IMPORT_COLUMNS`], validated row by row. Either every row is valid and the
//! file becomes [`ImportFile`] (what the Worker writes in one D1 batch, idempotent on the licence
//! number), or the answer names every rejected row, its column and why, and nothing is written.
//!
//! Rules: `customer_ref` (1–64 characters) names a customer; its rows must agree on name,
//! country, VAT ID and contact. `country` is ISO 3166-1 alpha-2. `licence_number` as in "Getting
//! in", once per file. `edition`, `cameras` and `modules` (`sku:qty;sku:qty`) must make a valid
//! configuration in the price book of the licence date (or the first book, for licences older
//! than every book). `licence_date` and `coverage_start` are `YYYY-MM-DD`, not after today.
//! `initial_value` is the licence total (a non-negative amount; empty: priced from that book).
//! `coverage`: `sma` (with `coverage_start` not before the licence date, `term_years` 1 or 3,
//! `auto_renew` `true`/`false`) or `none` (the SMA columns empty). `legacy` is refused: the
//! portal does not store Legacy Maintenance Contracts yet.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::str::FromStr;

use super::{normalize_email, LicenceNumber};
use crate::api::RejectedRow;
use crate::pricing::{
    Configuration, ConfigurationInput, ModuleInput, PriceBooks, Quantity, TermYears,
};

/// The header row, in this order.
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

/// The most data rows one import takes (one D1 batch, well within its limits).
pub const IMPORT_MAX_ROWS: usize = 200;

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

/// The SMA of an imported installation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportedSma {
    /// S, the first day of coverage.
    pub start: NaiveDate,
    /// The term.
    pub term: TermYears,
    /// Whether it renews by itself.
    pub auto_renew: bool,
}

/// An installation of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedInstallation {
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
    /// The licence total on the licence date.
    pub initial_value: Decimal,
    /// Its SMA, if any.
    pub sma: Option<ImportedSma>,
}

/// A valid file: its customers (each once) and installations, in the file's order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportFile {
    /// The customers.
    pub customers: Vec<ImportedCustomer>,
    /// The installations.
    pub installations: Vec<ImportedInstallation>,
}

/// Splits CSV text (RFC 4180: commas, double quotes, `""` inside quotes, CRLF or LF) into
/// lines of fields; `Err(line)` for an unterminated quote.
fn split_csv(text: &str) -> Result<Vec<Vec<String>>, usize> {
    let mut lines = Vec::new();
    let (mut line, mut field) = (Vec::new(), String::new());
    let (mut quoted, mut number) = (false, 1);
    let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => {
                if c == '\n' {
                    number += 1;
                }
                field.push(c);
            }
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => line.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                line.push(std::mem::take(&mut field));
                lines.push(std::mem::take(&mut line));
                number += 1;
            }
            (false, c) => field.push(c),
        }
    }
    if quoted {
        return Err(number);
    }
    if !field.is_empty() || !line.is_empty() {
        line.push(field);
        lines.push(line);
    }
    Ok(lines)
}

/// The rejections of one row.
struct Row<'a> {
    number: usize,
    fields: &'a [String],
    rejected: &'a mut Vec<RejectedRow>,
}

impl Row<'_> {
    fn get(&self, column: &str) -> &str {
        let i = IMPORT_COLUMNS
            .iter()
            .position(|c| *c == column)
            .unwrap_or(0);
        self.fields.get(i).map_or("", |f| f.trim())
    }

    fn reject(&mut self, field: &str, message: impl Into<String>) {
        self.rejected.push(RejectedRow {
            row: self.number,
            field: field.to_owned(),
            message: message.into(),
        });
    }

    fn text(&mut self, column: &str, max: usize) -> Option<String> {
        let value = self.get(column).to_owned();
        if value.is_empty() || value.chars().count() > max || value.chars().any(char::is_control) {
            self.reject(
                column,
                format!("{column} must be 1 to {max} characters of text."),
            );
            return None;
        }
        Some(value)
    }

    fn date(&mut self, column: &str, today: NaiveDate) -> Option<NaiveDate> {
        match NaiveDate::parse_from_str(self.get(column), "%Y-%m-%d") {
            Ok(d) if d <= today => Some(d),
            Ok(_) => {
                self.reject(column, format!("{column} is after today ({today})."));
                None
            }
            Err(_) => {
                let given = self.get(column).to_owned();
                self.reject(
                    column,
                    format!("{column} must be a date YYYY-MM-DD, not {given:?}."),
                );
                None
            }
        }
    }

    fn empty(&mut self, columns: &[&str], why: &str) {
        for column in columns {
            if !self.get(column).is_empty() {
                self.reject(column, format!("{column} must be empty {why}."));
            }
        }
    }
}

/// Validates a file against the price books and today; every rejected row otherwise.
pub fn parse_import(
    text: &str,
    books: &PriceBooks,
    today: NaiveDate,
) -> Result<ImportFile, Vec<RejectedRow>> {
    let mut rejected = Vec::new();
    let lines = split_csv(text).map_err(|line| {
        vec![RejectedRow {
            row: line,
            field: "file".into(),
            message: "A quoted field is not closed.".into(),
        }]
    })?;
    let header: Vec<&str> = lines
        .first()
        .map_or(Vec::new(), |h| h.iter().map(|f| f.trim()).collect());
    if header != IMPORT_COLUMNS {
        return Err(vec![RejectedRow {
            row: 1,
            field: "header".into(),
            message: format!("The header row must be: {}.", IMPORT_COLUMNS.join(",")),
        }]);
    }
    let data: Vec<(usize, &Vec<String>)> = lines
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, l)| !(l.len() == 1 && l[0].trim().is_empty()))
        .map(|(i, l)| (i + 1, l))
        .collect();
    if data.is_empty() || data.len() > IMPORT_MAX_ROWS {
        return Err(vec![RejectedRow {
            row: 1,
            field: "file".into(),
            message: format!(
                "A file holds 1 to {IMPORT_MAX_ROWS} rows; this one has {}: split it.",
                data.len()
            ),
        }]);
    }
    let mut file = ImportFile::default();
    let mut customers: HashMap<String, (usize, ImportedCustomer)> = HashMap::new();
    let mut numbers: HashMap<LicenceNumber, usize> = HashMap::new();
    for (number, fields) in data {
        let mut row = Row {
            number,
            fields,
            rejected: &mut rejected,
        };
        if fields.len() != IMPORT_COLUMNS.len() {
            row.reject(
                "row",
                format!(
                    "The row has {} fields; the header has {}.",
                    fields.len(),
                    IMPORT_COLUMNS.len()
                ),
            );
            continue;
        }
        let customer = customer(&mut row);
        let installation = installation(&mut row, books, today);
        if let Some(c) = customer {
            match customers.get(&c.reference) {
                Some((first, known)) if *known != c => row.reject(
                    "customer_ref",
                    format!(
                        "Customer {} has other details in row {first}; its rows must agree.",
                        c.reference
                    ),
                ),
                Some(_) => {}
                None => {
                    customers.insert(c.reference.clone(), (number, c.clone()));
                    file.customers.push(c);
                }
            }
        }
        if let Some(i) = installation {
            match numbers.insert(i.licence_number, number) {
                Some(first) => row.reject(
                    "licence_number",
                    format!(
                        "Licence number {} is in row {first} already.",
                        i.licence_number
                    ),
                ),
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
    let sma = match row.get("coverage") {
        "none" => {
            row.empty(
                &[
                    "coverage_start",
                    "term_years",
                    "auto_renew",
                    "legacy_fee_basis",
                ],
                "without coverage",
            );
            Some(None)
        }
        "sma" => sma(row, licence_date, today).map(Some),
        "legacy" => {
            row.reject("coverage", "Legacy Maintenance Contracts are not imported: the portal does not store them yet.");
            None
        }
        other => {
            row.reject(
                "coverage",
                format!("coverage must be sma, legacy or none, not {other:?}."),
            );
            None
        }
    };
    Some(ImportedInstallation {
        licence_number: licence_number.ok()?,
        customer_ref: row.get("customer_ref").to_owned(),
        name: name?,
        config: config?.0,
        licence_date: licence_date?,
        initial_value: initial_value?,
        sma: sma?,
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

fn sma(row: &mut Row, licence_date: Option<NaiveDate>, today: NaiveDate) -> Option<ImportedSma> {
    row.empty(&["legacy_fee_basis"], "for an SMA");
    let start = row.date("coverage_start", today);
    if let (Some(s), Some(l)) = (start, licence_date) {
        if s < l {
            row.reject(
                "coverage_start",
                "coverage_start is before the licence date.",
            );
            return None;
        }
    }
    let term = match row.get("term_years") {
        "1" => Some(TermYears::One),
        "3" => Some(TermYears::Three),
        _ => {
            row.reject("term_years", "term_years must be 1 or 3.");
            None
        }
    };
    let auto_renew = match row.get("auto_renew") {
        "true" => Some(true),
        "false" => Some(false),
        _ => {
            row.reject("auto_renew", "auto_renew must be true or false.");
            None
        }
    };
    Some(ImportedSma {
        start: start?,
        term: term?,
        auto_renew: auto_renew?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "customer_ref,customer_name,country,vat_id,contact_email,licence_number,installation_name,edition,cameras,modules,licence_date,initial_value,coverage,coverage_start,term_years,auto_renew,legacy_fee_basis";

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
    }

    fn number(counter: u64) -> String {
        LicenceNumber::generate(7, counter).to_string()
    }

    fn file(rows: &[String]) -> String {
        format!("{HEADER}\n{}\n", rows.join("\n"))
    }

    fn good(counter: u64) -> String {
        format!(
            "C-1,\"Retail, GmbH\",DE,DE123456789,it@retail.example,{},Store {counter},probox,12,client:1;storage:1,2026-03-10,,sma,2026-03-10,1,true,",
            number(counter)
        )
    }

    #[test]
    fn a_good_file_gives_each_customer_once_and_every_installation_priced() {
        let f = parse_import(&file(&[good(1), good(2)]), PriceBooks::demo(), today()).unwrap();
        assert_eq!(f.customers.len(), 1);
        assert_eq!(f.customers[0].name, "Retail, GmbH");
        assert_eq!(f.installations.len(), 2);
        assert!(f.installations[0].initial_value > Decimal::ZERO);
        assert_eq!(
            f.installations[1].sma,
            Some(ImportedSma {
                start: NaiveDate::from_ymd_opt(2026, 3, 10).unwrap(),
                term: TermYears::One,
                auto_renew: true
            })
        );
    }

    #[test]
    fn every_bad_row_is_named_with_its_column_and_nothing_is_given() {
        let bad_number = good(3).replace(&number(3), "SMA-0000-0000-1");
        let bad_edition = good(4).replace("probox", "platinum");
        let future = good(5).replace("2026-03-10,,sma", "2027-01-01,,sma");
        let other_name = good(6).replace("\"Retail, GmbH\"", "Other");
        let rejected = parse_import(
            &file(&[
                good(1),
                bad_number,
                bad_edition,
                future,
                other_name,
                good(1),
            ]),
            PriceBooks::demo(),
            today(),
        )
        .unwrap_err();
        let got: Vec<(usize, &str)> = rejected.iter().map(|r| (r.row, r.field.as_str())).collect();
        assert_eq!(
            got,
            [
                (3, "licence_number"),
                (4, "edition"),
                (5, "licence_date"),
                (6, "customer_ref"),
                (7, "licence_number")
            ],
            "{rejected:?}"
        );
        assert!(rejected[4].message.contains("row 2"), "{:?}", rejected[4]);
    }

    #[test]
    fn a_wrong_header_or_an_unclosed_quote_rejects_the_file() {
        let e = parse_import("a,b\n1,2\n", PriceBooks::demo(), today()).unwrap_err();
        assert_eq!((e[0].row, e[0].field.as_str()), (1, "header"));
        let e = parse_import(&file(&["\"open".into()]), PriceBooks::demo(), today()).unwrap_err();
        assert_eq!(e[0].field, "file");
    }

    #[test]
    fn no_coverage_needs_empty_sma_columns_and_legacy_is_refused() {
        let none = good(8).replace(",sma,2026-03-10,1,true,", ",none,,,,");
        assert!(parse_import(&file(&[none]), PriceBooks::demo(), today())
            .unwrap()
            .installations[0]
            .sma
            .is_none());
        let half = good(9).replace(",sma,2026-03-10,1,true,", ",none,2026-03-10,,,");
        let legacy = good(10).replace(",sma,2026-03-10,1,true,", ",legacy,2026-03-10,,,1000");
        let e = parse_import(&file(&[half, legacy]), PriceBooks::demo(), today()).unwrap_err();
        let got: Vec<(usize, &str)> = e.iter().map(|r| (r.row, r.field.as_str())).collect();
        assert_eq!(got, [(2, "coverage_start"), (3, "coverage")]);
    }

    #[test]
    fn the_example_file_of_the_readme_imports() {
        let text = include_str!("../../../docs/examples/customers.csv");
        let f = parse_import(text, PriceBooks::demo(), today()).unwrap();
        assert_eq!((f.customers.len(), f.installations.len()), (2, 3));
    }
}
