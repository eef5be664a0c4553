//! Configurations (edition, cameras, modules) and their licence lines.
//!
//! A [`Configuration`] can only be built by [`Configuration::validate`] against a price book,
//! so holding one means every rule of pricing.md section 2 was checked.

use std::fmt;

use chrono::NaiveDate;

use crate::foundation::{one_of, FieldPath, Money, PricingError};
use crate::pricing::{
    line_amount, EditionCode, Licence, LicenceLine, LineName, LinePrice, Module, PriceBook,
    PriceBooks, Sku,
};

/// A quantity of cameras or module units: a whole number from 0 to 10 000.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quantity(u32);

impl Quantity {
    /// The largest quantity accepted.
    pub const MAX: u32 = 10_000;

    /// A quantity, or `None` above 10 000.
    pub fn new(value: u32) -> Option<Quantity> {
        (value <= Self::MAX).then_some(Quantity(value))
    }

    /// The number.
    pub fn get(self) -> u32 {
        self.0
    }
}

impl TryFrom<i64> for Quantity {
    type Error = PricingError;

    /// `invalid_quantity` (without a field) for a negative number or one above 10 000.
    fn try_from(value: i64) -> Result<Quantity, PricingError> {
        u32::try_from(value)
            .ok()
            .and_then(Quantity::new)
            .ok_or_else(|| PricingError::InvalidQuantity {
                field: None,
                given: value.to_string(),
            })
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// One module as a customer asks for it: a sku and a quantity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleInput {
    /// The sku as given, e.g. `client`.
    pub sku: String,
    /// The quantity.
    pub qty: Quantity,
}

/// A configuration as asked for, before validation. Errors name the fields `edition`,
/// `cameras`, `modules[i].sku` and `modules[i].qty`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigurationInput {
    /// The edition code as given.
    pub edition: String,
    /// The total number of cameras.
    pub cameras: Quantity,
    /// The other modules, in the customer's order.
    pub modules: Vec<ModuleInput>,
}

/// A module entry being validated, with the JSON paths its errors are reported against.
#[derive(Clone, Debug)]
pub(crate) struct DraftModule<'a> {
    pub sku: &'a str,
    pub qty: u32,
    pub sku_field: FieldPath,
    pub qty_field: FieldPath,
}

/// A configuration being validated, with the JSON paths its errors are reported against.
#[derive(Clone, Debug)]
pub(crate) struct Draft<'a> {
    pub edition: &'a str,
    pub edition_field: FieldPath,
    pub cameras: u32,
    pub cameras_field: FieldPath,
    pub modules: Vec<DraftModule<'a>>,
}

impl<'a> DraftModule<'a> {
    /// Entry `index` of `modules`: its fields are `modules[index].sku` and `.qty`.
    pub fn listed(index: usize, sku: &'a str, qty: u32) -> DraftModule<'a> {
        let field = |leaf| FieldPath::Entry {
            list: "modules",
            index,
            leaf,
        };
        DraftModule {
            sku,
            qty,
            sku_field: field("sku"),
            qty_field: field("qty"),
        }
    }
}

impl<'a> Draft<'a> {
    /// A draft with the standard field names: `edition`, `cameras`, and those of
    /// [`DraftModule::listed`].
    pub fn new(edition: &'a str, cameras: u32, modules: Vec<DraftModule<'a>>) -> Draft<'a> {
        Draft {
            edition,
            edition_field: FieldPath::Top("edition"),
            cameras,
            cameras_field: FieldPath::Top("cameras"),
            modules,
        }
    }

    /// The draft of an input, with the standard field names.
    pub fn of(input: &'a ConfigurationInput) -> Draft<'a> {
        let modules = input.modules.iter().enumerate();
        Draft::new(
            &input.edition,
            input.cameras.get(),
            modules
                .map(|(i, m)| DraftModule::listed(i, &m.sku, m.qty.get()))
                .collect(),
        )
    }

    /// Checks every rule of pricing.md section 2 against `book`.
    pub fn validate(&self, book: &PriceBook) -> Result<Configuration, PricingError> {
        let edition = book.find_edition(self.edition, self.edition_field)?;
        let cameras = Quantity::new(self.cameras).ok_or_else(|| PricingError::InvalidQuantity {
            field: Some(self.cameras_field.to_string()),
            given: self.cameras.to_string(),
        })?;
        if let Some(max) = edition.max_cameras.filter(|max| self.cameras > *max) {
            let fits: Vec<String> = ranked(book)
                .filter(|e| e.code != edition.code)
                .filter(|e| e.max_cameras.is_none_or(|m| m >= self.cameras))
                .map(|e| e.name.clone())
                .collect();
            return Err(PricingError::TooManyCameras {
                field: Some(self.cameras_field.to_string()),
                edition: edition.name.clone(),
                max,
                requested: self.cameras,
                advice: if fits.is_empty() {
                    String::new()
                } else {
                    format!("; choose {} for {}", one_of(&fits), self.cameras)
                },
            });
        }
        // (position in the book, module, quantity): the position orders the lines and tells
        // a repeated module.
        let mut modules: Vec<(usize, &Module, Quantity)> = Vec::with_capacity(self.modules.len());
        for entry in &self.modules {
            let (position, module) = book.find_module_at(entry.sku, entry.sku_field)?;
            if modules.iter().any(|(p, _, _)| *p == position) {
                return Err(PricingError::DuplicateModule {
                    field: Some(entry.sku_field.to_string()),
                    sku: entry.sku.to_owned(),
                });
            }
            let qty = Quantity::new(entry.qty).ok_or_else(|| PricingError::InvalidQuantity {
                field: Some(entry.qty_field.to_string()),
                given: entry.qty.to_string(),
            })?;
            if module.price_for(&edition.code).is_none() {
                let elsewhere: Vec<String> = ranked(book)
                    .filter(|e| module.price_for(&e.code).is_some())
                    .map(|e| e.name.clone())
                    .collect();
                return Err(PricingError::ModuleNotInEdition {
                    field: Some(entry.sku_field.to_string()),
                    module: module.name.clone(),
                    edition: edition.name.clone(),
                    advice: if elsewhere.is_empty() {
                        String::new()
                    } else {
                        format!("; choose {} to use it", one_of(&elsewhere))
                    },
                });
            }
            if module.per_camera && entry.qty > self.cameras {
                return Err(PricingError::ExceedsCameras {
                    field: Some(entry.qty_field.to_string()),
                    module: module.name.clone(),
                    qty: entry.qty,
                    cameras: self.cameras,
                });
            }
            modules.push((position, module, qty));
        }
        crate::sort_small_by_key(&mut modules, |(position, _, _)| *position);
        Ok(Configuration {
            edition: edition.code.clone(),
            cameras,
            modules: modules
                .into_iter()
                .map(|(_, module, qty)| (module.sku.clone(), qty))
                .collect(),
        })
    }
}

/// Editions by ascending rank.
fn ranked(book: &PriceBook) -> impl Iterator<Item = &crate::pricing::Edition> {
    let mut editions: Vec<_> = book.editions().iter().collect();
    crate::sort_small_by_key(&mut editions, |e| e.rank);
    editions.into_iter()
}

/// A validated configuration: an edition, a total number of cameras and modules with
/// quantities (in the price book's module order, each sku once).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Configuration {
    edition: EditionCode,
    cameras: Quantity,
    modules: Vec<(Sku, Quantity)>,
}

impl Configuration {
    /// Validates an input against the book in force (pricing.md section 2). Errors:
    /// `unknown_edition`, `too_many_cameras`, `unknown_module`, `duplicate_module`,
    /// `module_not_in_edition`, `exceeds_cameras`, each with its field.
    pub fn validate(
        book: &PriceBook,
        input: &ConfigurationInput,
    ) -> Result<Configuration, PricingError> {
        Draft::of(input).validate(book)
    }

    /// The edition.
    pub fn edition(&self) -> &EditionCode {
        &self.edition
    }

    /// The total number of cameras.
    pub fn cameras(&self) -> u32 {
        self.cameras.get()
    }

    /// The modules with their quantities.
    pub fn modules(&self) -> &[(Sku, Quantity)] {
        &self.modules
    }

    /// The quantity of a module (0 when absent).
    pub fn quantity_of(&self, sku: &Sku) -> u32 {
        self.modules
            .iter()
            .find(|(s, _)| s == sku)
            .map_or(0, |(_, q)| q.get())
    }

    /// Back to an input (e.g. to add to it or to change its edition).
    pub fn to_input(&self) -> ConfigurationInput {
        ConfigurationInput {
            edition: self.edition.to_string(),
            cameras: self.cameras,
            modules: self
                .modules
                .iter()
                .map(|(sku, qty)| ModuleInput {
                    sku: sku.to_string(),
                    qty: *qty,
                })
                .collect(),
        }
    }

    /// The licence lines and total with `book` (pricing.md section 2). Fails only when the book
    /// lacks a price this configuration needs (`unknown_edition` / `module_not_in_edition`
    /// without a field).
    pub fn price(&self, book: &PriceBook) -> Result<Licence, PricingError> {
        let mut lines = Vec::with_capacity(self.modules.len() + 2);
        self.each_line(book, |line| {
            lines.push(LicenceLine::new(
                line.sku,
                line.name.text(),
                line.qty,
                line.unit_price,
            ));
        })?;
        let total = lines.iter().map(|l| l.amount).sum();
        Ok(Licence {
            price_book: book.id().to_owned(),
            lines,
            total,
        })
    }

    /// The licence total with `book`: the sum of [`Configuration::price`]'s line amounts, with
    /// the same errors, without writing the lines.
    pub fn total(&self, book: &PriceBook) -> Result<Money, PricingError> {
        let mut total = Money::ZERO;
        self.each_line(book, |line| {
            total = total + line_amount(line.qty, line.unit_price)
        })?;
        Ok(total)
    }

    /// Calls `f` with each licence line with `book`, in line order: the base licence, the
    /// cameras above those included, then each module of quantity above 0.
    fn each_line<'b>(
        &'b self,
        book: &'b PriceBook,
        mut f: impl FnMut(LinePrice<'b>),
    ) -> Result<(), PricingError> {
        let edition = book
            .edition(&self.edition)
            .ok_or_else(|| PricingError::UnknownEdition {
                field: None,
                edition: self.edition.to_string(),
                choices: one_of(
                    &book
                        .editions()
                        .iter()
                        .map(|e| e.code.to_string())
                        .collect::<Vec<_>>(),
                ),
            })?;
        let missing = |name: &str| PricingError::ModuleNotInEdition {
            field: None,
            module: name.to_owned(),
            edition: edition.name.clone(),
            advice: format!(" in price book {}", book.id()),
        };
        f(LinePrice {
            sku: "base",
            name: LineName::Base(&edition.name),
            qty: 1,
            unit_price: edition.base_price,
        });
        let billable = self.cameras().saturating_sub(edition.included_cameras);
        if billable > 0 {
            let camera = book.camera().ok_or_else(|| missing("Camera channel"))?;
            let price = camera
                .price_for(&edition.code)
                .ok_or_else(|| missing(&camera.name))?;
            f(LinePrice {
                sku: Sku::CAMERA,
                name: LineName::Module(&camera.name),
                qty: billable,
                unit_price: price,
            });
        }
        for (sku, qty) in &self.modules {
            if qty.get() == 0 {
                continue;
            }
            let module = book.module(sku).ok_or_else(|| missing(sku.as_str()))?;
            let price = module
                .price_for(&edition.code)
                .ok_or_else(|| missing(&module.name))?;
            f(LinePrice {
                sku: sku.as_str(),
                name: LineName::Module(&module.name),
                qty: qty.get(),
                unit_price: price,
            });
        }
        Ok(())
    }

    /// The maintained value on `date`: the licence total priced with the book in force then
    /// (pricing.md section 2).
    pub fn value_on(&self, books: &PriceBooks, date: NaiveDate) -> Result<Licence, PricingError> {
        self.price(books.book_on(date)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foundation::Explain;

    fn book(id: &str) -> &'static PriceBook {
        PriceBooks::demo().book(id).unwrap()
    }

    fn input(edition: &str, cameras: u32, modules: &[(&str, u32)]) -> ConfigurationInput {
        ConfigurationInput {
            edition: edition.into(),
            cameras: Quantity::new(cameras).unwrap(),
            modules: modules
                .iter()
                .map(|(sku, qty)| ModuleInput {
                    sku: (*sku).into(),
                    qty: Quantity::new(*qty).unwrap(),
                })
                .collect(),
        }
    }

    #[test]
    fn example_a_has_four_lines_summing_to_2461() {
        let config = Configuration::validate(
            book("2026"),
            &input("probox", 12, &[("client", 1), ("storage", 1)]),
        )
        .unwrap();
        let licence = config.price(book("2026")).unwrap();
        let shown: Vec<String> = licence
            .lines
            .iter()
            .map(|l| format!("{} {} {}", l.sku, l.description, l.explain()))
            .collect();
        assert_eq!(
            shown,
            [
                "base ProBox base licence 1 × 1290.00 = 1290.00",
                "camera Camera channel 8 × 79.00 = 632.00",
                "client Client workstation 1 × 149.00 = 149.00",
                "storage NAS/SAN storage connector 1 × 390.00 = 390.00",
            ]
        );
        assert_eq!(licence.total.to_string(), "2461.00");
        assert_eq!(
            config
                .value_on(
                    PriceBooks::demo(),
                    NaiveDate::from_ymd_opt(2027, 3, 10).unwrap()
                )
                .unwrap()
                .total
                .to_string(),
            "2541.00"
        );
    }

    #[test]
    fn lines_with_quantity_zero_are_left_out() {
        let config =
            Configuration::validate(book("2026"), &input("probox", 4, &[("client", 0)])).unwrap();
        let licence = config.price(book("2026")).unwrap();
        assert_eq!(licence.lines.len(), 1);
        assert_eq!(licence.lines[0].sku, "base");
    }

    #[test]
    fn lines_follow_the_book_order_whatever_the_request_order() {
        let a = Configuration::validate(
            book("2026"),
            &input("probox", 4, &[("pos", 1), ("client", 2)]),
        )
        .unwrap();
        let b = Configuration::validate(
            book("2026"),
            &input("probox", 4, &[("client", 2), ("pos", 1)]),
        )
        .unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn forty_cameras_on_a_probox_suggests_the_editions_that_allow_them() {
        let err = Configuration::validate(book("2026"), &input("probox", 40, &[])).unwrap_err();
        assert_eq!(err.code(), "too_many_cameras");
        assert_eq!(err.field(), Some("cameras"));
        assert_eq!(
            err.message(),
            "ProBox allows at most 32 cameras; choose Professional or Enterprise for 40."
        );
        let err =
            Configuration::validate(book("2026"), &input("professional", 300, &[])).unwrap_err();
        assert_eq!(
            err.message(),
            "Professional allows at most 256 cameras; choose Enterprise for 300."
        );
    }

    #[test]
    fn archive_is_not_available_in_probox() {
        let err = Configuration::validate(
            book("2026"),
            &input("probox", 4, &[("client", 1), ("archive", 1)]),
        )
        .unwrap_err();
        assert_eq!(err.code(), "module_not_in_edition");
        assert_eq!(err.field(), Some("modules[1].sku"));
        assert_eq!(
            err.message(),
            "Advanced archive mode is not available in ProBox; choose Professional or Enterprise to use it."
        );
    }

    #[test]
    fn analytics_beyond_the_number_of_cameras_is_refused() {
        let err = Configuration::validate(
            book("2026"),
            &input("professional", 10, &[("analytics", 11)]),
        )
        .unwrap_err();
        assert_eq!(err.code(), "exceeds_cameras");
        assert_eq!(err.field(), Some("modules[0].qty"));
        assert_eq!(
            err.message(),
            "Video analytics is licensed per camera: 11 is more than the 10 cameras; lower it to 10 or add cameras."
        );
        assert!(Configuration::validate(
            book("2026"),
            &input("professional", 10, &[("analytics", 10)])
        )
        .is_ok());
    }

    #[test]
    fn a_module_listed_twice_is_refused_at_its_second_place() {
        let err = Configuration::validate(
            book("2026"),
            &input("probox", 4, &[("client", 1), ("pos", 1), ("client", 2)]),
        )
        .unwrap_err();
        assert_eq!(err.code(), "duplicate_module");
        assert_eq!(err.field(), Some("modules[2].sku"));
    }

    #[test]
    fn quantities_above_ten_thousand_or_negative_are_invalid() {
        assert!(Quantity::new(10_000).is_some());
        assert!(Quantity::new(10_001).is_none());
        assert_eq!(
            Quantity::try_from(-1).unwrap_err().code(),
            "invalid_quantity"
        );
        assert_eq!(Quantity::try_from(7).unwrap().get(), 7);
    }
}
