//! Changes during coverage: edition upgrades and expansions, with co-termination
//! (pricing.md section 6; api.md `POST /api/quotes/upgrade` and `/expansion`).

use chrono::NaiveDate;

use crate::dates::iso;
use crate::foundation::{one_of, Explain, FieldPath, Money, PricingError};
use crate::pricing::{
    CoTerm, Configuration, Draft, DraftModule, LicenceLine, ModuleInput, PriceBook, PriceBooks,
    Quantity,
};

/// An edition upgrade to quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpgradeInput {
    /// The installation's current configuration.
    pub config: Configuration,
    /// The original licence date.
    pub licence_date: NaiveDate,
    /// The target edition's code as given.
    pub to_edition: String,
    /// The date of the upgrade.
    pub upgrade_date: NaiveDate,
    /// The initial installation's licence total as recorded when it was bought, when known
    /// (a stored installation); otherwise it is priced with the book of the licence date.
    pub recorded_initial_value: Option<Money>,
    /// The first day of uninterrupted SMA coverage, `None` without an SMA.
    pub sma_start: Option<NaiveDate>,
}

/// An edition upgrade quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpgradeQuote {
    /// The currency of every amount.
    pub currency: String,
    /// The id of the book in force on the upgrade date.
    pub price_book: String,
    /// The target configuration's licence lines.
    pub lines: Vec<LicenceLine>,
    /// The target configuration's licence total.
    pub target_total: Money,
    /// The current configuration's value on the upgrade date.
    pub current_value: Money,
    /// The initial installation's licence total, priced with the book in force on the
    /// licence date.
    pub initial_value: Money,
    /// The id of that book.
    pub initial_price_book: String,
    /// Whether an SMA is active on the upgrade date.
    pub sma_active: bool,
    /// `initial_value` with an active SMA, else 0.00.
    pub credit: Money,
    /// `max(0, target_total − credit)`.
    pub licence_price: Money,
    /// The rise in maintained value co-termed with the current SMA year, with an active SMA.
    pub co_term: Option<CoTerm>,
    /// The co-termed amount (0.00 without an SMA).
    pub sma_adjustment: Money,
    /// `licence_price + sma_adjustment`.
    pub total_due: Money,
}

impl UpgradeQuote {
    /// `9735.00 − 2461.00 = 7274.00` (or just the target total without a credit).
    pub fn explain_licence_price(&self) -> String {
        if self.sma_active {
            format!(
                "{} − {} = {}",
                self.target_total, self.credit, self.licence_price
            )
        } else {
            format!("{}", self.licence_price)
        }
    }

    /// `9735.00 − 2541.00 = 7194.00`: the rise in maintained value.
    pub fn explain_value_rise(&self) -> String {
        format!(
            "{} − {} = {}",
            self.target_total,
            self.current_value,
            (self.target_total - self.current_value).at_least_zero()
        )
    }
}

/// Quotes an edition upgrade (pricing.md section 6).
///
/// Errors: `invalid_date` (`upgrade_date` before the licence date; `sma_start` after the
/// upgrade date or before the licence date), `no_price_book` (`upgrade_date`,
/// `licence_date`), `unknown_edition` / `not_an_upgrade` (`to_edition`), and the target
/// configuration's validation errors.
pub fn quote_upgrade(
    books: &PriceBooks,
    input: &UpgradeInput,
) -> Result<UpgradeQuote, PricingError> {
    if input.upgrade_date < input.licence_date {
        return Err(PricingError::invalid_date(
            "upgrade_date",
            format!(
                "The upgrade date {} is before the licence date {}.",
                iso(input.upgrade_date),
                iso(input.licence_date)
            ),
        ));
    }
    if let Some(start) = input.sma_start {
        check_sma_start(start, input.upgrade_date, "upgrade date")?;
        if start < input.licence_date {
            return Err(PricingError::invalid_date(
                "sma_start",
                format!(
                    "The SMA start {} is before the licence date {}.",
                    iso(start),
                    iso(input.licence_date)
                ),
            ));
        }
    }
    let book = books
        .book_on(input.upgrade_date)
        .map_err(|e| e.with_field("upgrade_date"))?;
    let from =
        book.edition(input.config.edition())
            .ok_or_else(|| PricingError::UnknownEdition {
                field: Some("edition".into()),
                edition: input.config.edition().to_string(),
                choices: String::new(),
            })?;
    let to = book.find_edition(&input.to_edition, "to_edition")?;
    if to.rank <= from.rank {
        let higher: Vec<String> = book
            .editions_above(from.rank)
            .into_iter()
            .map(|e| e.name.clone())
            .collect();
        return Err(PricingError::NotAnUpgrade {
            field: Some("to_edition".into()),
            from: from.name.clone(),
            to: to.name.clone(),
            advice: if higher.is_empty() {
                format!("; {} is already the highest edition", from.name)
            } else {
                format!("; choose {}", one_of(&higher))
            },
        });
    }
    let current = input.config.to_input();
    let mut draft = Draft::of(&current);
    draft.edition = to.code.as_str();
    draft.edition_field = FieldPath::Top("to_edition");
    let target = draft.validate(book)?;
    let target_licence = target.price(book)?;
    let current_value = input.config.total(book)?;
    let (initial_total, initial_book) = match input.recorded_initial_value {
        Some(value) => (value, "recorded at purchase".to_owned()),
        None => {
            let l = input
                .config
                .value_on(books, input.licence_date)
                .map_err(|e| e.with_field("licence_date"))?;
            (l.total, l.price_book)
        }
    };
    let sma_active = input.sma_start.is_some();
    let credit = if sma_active {
        initial_total
    } else {
        Money::ZERO
    };
    let licence_price = (target_licence.total - credit).at_least_zero();
    let co_term = input.sma_start.and_then(|start| {
        CoTerm::compute(
            target_licence.total - current_value,
            start,
            input.upgrade_date,
            book.id(),
        )
    });
    let sma_adjustment = co_term.as_ref().map_or(Money::ZERO, CoTerm::amount);
    Ok(UpgradeQuote {
        currency: books.currency().to_owned(),
        price_book: book.id().to_owned(),
        lines: target_licence.lines,
        target_total: target_licence.total,
        current_value,
        initial_value: initial_total,
        initial_price_book: initial_book,
        sma_active,
        credit,
        licence_price,
        co_term,
        sma_adjustment,
        total_due: licence_price + sma_adjustment,
    })
}

fn check_sma_start(start: NaiveDate, date: NaiveDate, what: &str) -> Result<(), PricingError> {
    if start > date {
        return Err(PricingError::invalid_date(
            "sma_start",
            format!(
                "The SMA start {} is after the {what} {}; give the first day of the current coverage.",
                iso(start),
                iso(date)
            ),
        ));
    }
    Ok(())
}

/// What an expansion adds: cameras and modules (an added sku raises that module's quantity).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExpansionInput {
    /// Cameras to add.
    pub add_cameras: Quantity,
    /// Modules to add or raise; errors name `add_modules[j].sku` / `.qty`.
    pub add_modules: Vec<ModuleInput>,
}

/// An expansion quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpansionQuote {
    /// The currency of every amount.
    pub currency: String,
    /// The id of the book in force on the expansion date.
    pub price_book: String,
    /// The configuration after the expansion.
    pub config_after: Configuration,
    /// Licence total before, on the expansion date.
    pub total_before: Money,
    /// Licence total after, on the expansion date.
    pub total_after: Money,
    /// The added licence lines (quantity added × unit price).
    pub lines: Vec<LicenceLine>,
    /// `total_after − total_before` (never negative).
    pub licence_price: Money,
    /// Whether an SMA is active on the expansion date.
    pub sma_active: bool,
    /// The licence price co-termed with the current SMA year, with an active SMA.
    pub co_term: Option<CoTerm>,
    /// The co-termed amount (0.00 without an SMA).
    pub sma_adjustment: Money,
    /// `licence_price + sma_adjustment`.
    pub total_due: Money,
}

impl ExpansionQuote {
    /// `6 × 79.00 + 2 × 240.00 = 954.00`.
    pub fn explain_licence_price(&self) -> String {
        let parts: Vec<String> = self
            .lines
            .iter()
            .map(|l| format!("{} × {}", l.qty, l.unit_price))
            .collect();
        if parts.is_empty() {
            self.licence_price.to_string()
        } else {
            format!("{} = {}", parts.join(" + "), self.licence_price)
        }
    }
}

/// Quotes an expansion (pricing.md section 6). `current` should be validated against the book
/// in force on `date`.
///
/// Errors: `invalid_date` (`sma_start` after `date`), `no_price_book` (`date`), and the
/// validation errors of the configuration after the expansion, reported against
/// `add_cameras` and `add_modules[j]`.
pub fn quote_expansion(
    books: &PriceBooks,
    current: &Configuration,
    add: &ExpansionInput,
    date: NaiveDate,
    sma_start: Option<NaiveDate>,
) -> Result<ExpansionQuote, PricingError> {
    if let Some(start) = sma_start {
        check_sma_start(start, date, "expansion date")?;
    }
    let book = books.book_on(date).map_err(|e| e.with_field("date"))?;
    let after = expanded(book, current, add)?;
    let before_licence = current.price(book)?;
    let after_licence = after.price(book)?;
    let lines: Vec<LicenceLine> = after_licence
        .lines
        .iter()
        .filter_map(|line| {
            let had = before_licence
                .lines
                .iter()
                .find(|b| b.sku == line.sku)
                .map_or(0, |b| b.qty);
            let added = line.qty.saturating_sub(had);
            (added > 0).then(|| {
                LicenceLine::new(
                    line.sku.clone(),
                    line.description.clone(),
                    added,
                    line.unit_price,
                )
            })
        })
        .collect();
    let licence_price = (after_licence.total - before_licence.total).at_least_zero();
    let co_term =
        sma_start.and_then(|start| CoTerm::compute(licence_price, start, date, book.id()));
    let sma_adjustment = co_term.as_ref().map_or(Money::ZERO, CoTerm::amount);
    Ok(ExpansionQuote {
        currency: books.currency().to_owned(),
        price_book: book.id().to_owned(),
        config_after: after,
        total_before: before_licence.total,
        total_after: after_licence.total,
        lines,
        licence_price,
        sma_active: sma_start.is_some(),
        co_term,
        sma_adjustment,
        total_due: licence_price + sma_adjustment,
    })
}

/// The configuration after adding `add` to `current`, validated against `book`.
fn expanded(
    book: &PriceBook,
    current: &Configuration,
    add: &ExpansionInput,
) -> Result<Configuration, PricingError> {
    let input = current.to_input();
    let mut draft = Draft::of(&input);
    if add.add_cameras.get() > 0 {
        draft.cameras += add.add_cameras.get();
        draft.cameras_field = FieldPath::Top("add_cameras");
    }
    let mut added = Vec::with_capacity(add.add_modules.len());
    for (j, extra) in add.add_modules.iter().enumerate() {
        let entry = |leaf| FieldPath::Entry {
            list: "add_modules",
            index: j,
            leaf,
        };
        let (sku_field, qty_field) = (entry("sku"), entry("qty"));
        let module = book.find_module(&extra.sku, sku_field)?;
        if added.contains(&module.sku) {
            return Err(PricingError::DuplicateModule {
                field: Some(sku_field.to_string()),
                sku: extra.sku.clone(),
            });
        }
        added.push(module.sku.clone());
        match draft
            .modules
            .iter_mut()
            .find(|m| m.sku == module.sku.as_str())
        {
            Some(entry) => {
                entry.qty += extra.qty.get();
                entry.sku_field = sku_field;
                entry.qty_field = qty_field;
            }
            None => draft.modules.push(DraftModule {
                sku: module.sku.as_str(),
                qty: extra.qty.get(),
                sku_field,
                qty_field,
            }),
        }
    }
    draft.validate(book)
}

impl Explain for UpgradeQuote {
    /// The licence price, then the co-termed amount when there is one.
    fn explain(&self) -> String {
        match &self.co_term {
            Some(co) => format!(
                "licence {}; SMA {} = {}",
                self.explain_licence_price(),
                self.explain_value_rise(),
                co.explain()
            ),
            None => format!("licence {}", self.explain_licence_price()),
        }
    }
}

impl Explain for ExpansionQuote {
    /// The licence price, then the co-termed amount when there is one.
    fn explain(&self) -> String {
        match &self.co_term {
            Some(co) => format!(
                "licence {}; SMA {}",
                self.explain_licence_price(),
                co.explain()
            ),
            None => format!("licence {}", self.explain_licence_price()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::ConfigurationInput;

    use crate::test_dates::d;

    fn a_config(on: NaiveDate) -> Configuration {
        let input = ConfigurationInput {
            edition: "probox".into(),
            cameras: Quantity::new(12).unwrap(),
            modules: ["client", "storage"]
                .iter()
                .map(|s| ModuleInput {
                    sku: (*s).into(),
                    qty: Quantity::new(1).unwrap(),
                })
                .collect(),
        };
        Configuration::validate(PriceBooks::demo().book_on(on).unwrap(), &input).unwrap()
    }

    fn upgrade(sma_start: Option<NaiveDate>) -> UpgradeInput {
        UpgradeInput {
            config: a_config(d(2027, 5, 1)),
            licence_date: d(2026, 3, 10),
            to_edition: "enterprise".into(),
            upgrade_date: d(2027, 5, 1),
            sma_start,
            recorded_initial_value: None,
        }
    }

    #[test]
    fn example_e_with_an_sma_is_8384_94() {
        let quote = quote_upgrade(PriceBooks::demo(), &upgrade(Some(d(2026, 3, 10)))).unwrap();
        assert_eq!(
            quote.explain(),
            "licence 9735.00 − 2461.00 = 7274.00; SMA 9735.00 − 2541.00 = 7194.00 = 7194.00 × 18 % × 314 / 366 = 1110.94"
        );
        assert_eq!(quote.total_due.to_string(), "8384.94");
    }

    #[test]
    fn example_e_without_an_sma_is_9735() {
        let quote = quote_upgrade(PriceBooks::demo(), &upgrade(None)).unwrap();
        assert_eq!(quote.credit, Money::ZERO);
        assert_eq!(quote.total_due.to_string(), "9735.00");
    }

    #[test]
    fn a_downgrade_is_not_an_upgrade() {
        let mut input = upgrade(None);
        input.to_edition = "probox".into();
        let err = quote_upgrade(PriceBooks::demo(), &input).unwrap_err();
        assert_eq!(err.code(), "not_an_upgrade");
        assert_eq!(err.field(), Some("to_edition"));
        assert_eq!(
            err.message(),
            "ProBox is not an upgrade from ProBox; choose Professional or Enterprise."
        );
    }

    #[test]
    fn example_x_adds_954_and_co_terms_89_89() {
        let add = ExpansionInput {
            add_cameras: Quantity::new(6).unwrap(),
            add_modules: vec![ModuleInput {
                sku: "pos".into(),
                qty: Quantity::new(2).unwrap(),
            }],
        };
        let quote = quote_expansion(
            PriceBooks::demo(),
            &a_config(d(2026, 9, 10)),
            &add,
            d(2026, 9, 10),
            Some(d(2026, 3, 10)),
        )
        .unwrap();
        assert_eq!(
            quote.explain(),
            "licence 6 × 79.00 + 2 × 240.00 = 954.00; SMA 954.00 × 19 % × 181 / 365 = 89.89"
        );
        assert_eq!(quote.total_due.to_string(), "1043.89");
    }

    #[test]
    fn adding_cameras_beyond_the_edition_limit_blames_add_cameras() {
        let add = ExpansionInput {
            add_cameras: Quantity::new(21).unwrap(),
            add_modules: vec![],
        };
        let err = quote_expansion(
            PriceBooks::demo(),
            &a_config(d(2026, 9, 10)),
            &add,
            d(2026, 9, 10),
            None,
        )
        .unwrap_err();
        assert_eq!(err.code(), "too_many_cameras");
        assert_eq!(err.field(), Some("add_cameras"));
    }
}
