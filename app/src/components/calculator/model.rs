//! The calculator's state and logic: parsed from and written to the URL, priced with the
//! `shared` engine (the same code the Worker runs), and explained in the user's language.

use crate::{i18n::Lang, text::calculator as text};
use chrono::NaiveDate;
use sma_shared::{
    api::{new_purchase, ModuleQty, NewQuoteRequest, NewQuoteResponse, SmaRequest, WireNumber},
    dates::add_months,
    pricing::{
        compare, quote_new, BackPay, Comparison, ComparisonInput, NewQuote, ReinstatementFee,
        SmaYear, UpgradePlan,
    },
    LicenceLine, PriceBook, PriceBooks, PricingError, TermYears, Years,
};

/// How the SMA is bought.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmaChoice {
    /// With the software (within `GRACE_DAYS` of the licence date).
    With,
    /// Later, on `later_date`.
    Later,
    /// Not at all.
    None,
}

impl SmaChoice {
    fn code(self) -> &'static str {
        match self {
            SmaChoice::With => "with",
            SmaChoice::Later => "later",
            SmaChoice::None => "none",
        }
    }
    fn parse(s: &str) -> SmaChoice {
        match s {
            "later" => SmaChoice::Later,
            "none" => SmaChoice::None,
            _ => SmaChoice::With,
        }
    }
}

/// Everything the user chose; the URL's query string is its serialised form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalcState {
    /// Edition code.
    pub edition: String,
    /// Total cameras.
    pub cameras: u32,
    /// Other modules with quantities (non-zero).
    pub modules: Vec<(String, u32)>,
    /// Licence date.
    pub licence_date: NaiveDate,
    /// SMA option.
    pub sma: SmaChoice,
    /// The later SMA order date (also the "bought later" scenario of the comparison).
    pub later_date: NaiveDate,
    /// 1 or 3.
    pub term: u32,
    /// Horizon in years.
    pub years: u32,
    /// Upgrade preview target edition (empty: none).
    pub upgrade_to: String,
    /// Upgrade preview year.
    pub upgrade_year: u32,
    /// The starting point: a new purchase or a legacy Maintenance Contract.
    pub start: Start,
    /// The contract's first day (as typed; `YYYY-MM-DD`).
    pub legacy_start: String,
    /// The contract's fee basis (as typed).
    pub fee_basis: String,
    /// The last covered day of the contract's current term (as typed; `YYYY-MM-DD`).
    pub term_end: String,
}

/// Where the calculator starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// Buying the software (and perhaps the SMA).
    New,
    /// "I have a Maintenance Contract": extend it or switch to the SMA.
    Legacy,
}

/// A strict `YYYY-MM-DD` date, if there is one.
pub fn parse_date(s: Option<&str>) -> Option<NaiveDate> {
    s.and_then(|s| sma_shared::dates::parse_date(s, "").ok())
}

/// A quantity typed into a number field: 0 for anything that is not a whole number, at most
/// 100,000.
pub fn parse_qty(v: &str) -> u32 {
    v.trim().parse::<u32>().unwrap_or(0).min(100_000)
}

impl CalcState {
    /// Reads the state from query parameters, with defaults for what is missing.
    pub fn from_query(get: impl Fn(&str) -> Option<String>, today: NaiveDate) -> CalcState {
        let num = |k: &str, default: u32| {
            get(k)
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(default)
        };
        let licence_date = parse_date(get("ld").as_deref()).unwrap_or(today);
        let modules = get("m").map_or_else(
            || vec![("client".to_owned(), 1)],
            |m| {
                m.split(',')
                    .filter_map(|p| p.split_once(':'))
                    .filter_map(|(s, q)| Some((s.to_owned(), q.parse::<u32>().ok()?)))
                    .filter(|(_, q)| *q > 0)
                    .collect()
            },
        );
        CalcState {
            edition: get("ed").unwrap_or_else(|| "probox".to_owned()),
            cameras: num("cam", 8),
            modules,
            licence_date,
            sma: SmaChoice::parse(get("sma").as_deref().unwrap_or("with")),
            later_date: parse_date(get("od").as_deref())
                .unwrap_or_else(|| add_months(licence_date, 12)),
            term: if num("term", 1) == 3 { 3 } else { 1 },
            years: num("y", 5).clamp(1, 10),
            upgrade_to: get("up").unwrap_or_default(),
            upgrade_year: num("uy", 3).clamp(1, 10),
            start: if get("from").as_deref() == Some("legacy") {
                Start::Legacy
            } else {
                Start::New
            },
            legacy_start: get("ls").unwrap_or_default(),
            fee_basis: get("fb").unwrap_or_default(),
            term_end: get("te").unwrap_or_default(),
        }
    }

    /// The query string that reproduces this state.
    pub fn to_query(&self) -> String {
        let m: Vec<String> = self
            .modules
            .iter()
            .map(|(s, q)| format!("{s}:{q}"))
            .collect();
        let mut q = format!(
            "ed={}&cam={}&m={}&ld={}&sma={}&term={}&y={}",
            self.edition,
            self.cameras,
            m.join(","),
            self.licence_date,
            self.sma.code(),
            self.term,
            self.years
        );
        if self.sma == SmaChoice::Later || self.later_date != add_months(self.licence_date, 12) {
            q.push_str(&format!("&od={}", self.later_date));
        }
        if !self.upgrade_to.is_empty() {
            q.push_str(&format!("&up={}&uy={}", self.upgrade_to, self.upgrade_year));
        }
        if self.start == Start::Legacy {
            q.push_str("&from=legacy");
        }
        for (k, v) in [
            ("ls", &self.legacy_start),
            ("fb", &self.fee_basis),
            ("te", &self.term_end),
        ] {
            if !v.is_empty() {
                q.push_str(&format!("&{k}={}", encode(v)));
            }
        }
        q
    }

    /// The quantity of a module (0 when absent).
    pub fn qty(&self, sku: &str) -> u32 {
        self.modules
            .iter()
            .find(|(s, _)| s == sku)
            .map_or(0, |(_, q)| *q)
    }

    /// Sets a module's quantity (0 removes it), keeping the price book's order.
    pub fn set_qty(&mut self, sku: &str, qty: u32) {
        self.modules.retain(|(s, _)| s != sku);
        if qty > 0 {
            self.modules.push((sku.to_owned(), qty));
        }
        let book = book_for(self.licence_date);
        sma_shared::sort_small_by_key(&mut self.modules, |(s, _)| book.module_index(s));
    }

    /// Switches the edition, dropping modules the new edition cannot have.
    pub fn set_edition(&mut self, code: &str) {
        self.edition = code.to_owned();
        let book = book_for(self.licence_date);
        if let Some(ed) = book.edition_by_code(code) {
            self.modules.retain(|(s, _)| {
                book.module_by_sku(s)
                    .is_some_and(|m| m.price_for(&ed.code).is_some())
            });
        }
        if !book.is_upgrade(code, &self.upgrade_to) {
            self.upgrade_to.clear();
        }
    }

    /// The modules in the wire's form.
    pub fn wire_modules(&self) -> Vec<ModuleQty> {
        self.modules
            .iter()
            .map(|(s, q)| ModuleQty::new(s.clone(), *q))
            .collect()
    }

    /// The request the Worker would be asked for a binding quote.
    pub fn request(&self) -> NewQuoteRequest {
        NewQuoteRequest {
            edition: self.edition.clone(),
            cameras: WireNumber::from(self.cameras),
            modules: self.wire_modules(),
            licence_date: Some(self.licence_date.to_string()),
            sma: match self.sma {
                SmaChoice::None => None,
                SmaChoice::With => Some(SmaRequest {
                    order_date: None,
                    term_years: Some(WireNumber::from(self.term)),
                }),
                SmaChoice::Later => Some(SmaRequest {
                    order_date: Some(self.later_date.to_string()),
                    term_years: Some(WireNumber::from(self.term)),
                }),
            },
            years: Some(WireNumber::from(self.years)),
        }
    }

    /// Prices the state: the quote and the three-scenario comparison.
    pub fn compute(&self, today: NaiveDate) -> Result<Calculation, PricingError> {
        let books = PriceBooks::demo();
        let purchase = new_purchase(books, &self.request(), today)?;
        let quote = quote_new(books, &purchase)?;
        let term = if self.term == 3 {
            TermYears::Three
        } else {
            TermYears::One
        };
        let upgrade = (!self.upgrade_to.is_empty()).then(|| UpgradePlan {
            to_edition: self.upgrade_to.clone(),
            year: self.upgrade_year.min(self.years),
        });
        let comparison = compare(
            books,
            &ComparisonInput {
                config: purchase.config.clone(),
                licence_date: self.licence_date,
                later_date: self.later_date.max(self.licence_date),
                term,
                years: Years::try_from(i64::from(self.years)).unwrap_or_default(),
                upgrade,
            },
        )?;
        Ok(Calculation { quote, comparison })
    }
}

/// A typed value made safe for a query string (only what a date or an amount may hold passes
/// as is).
fn encode(v: &str) -> String {
    v.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_') {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The priced state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calculation {
    /// The new-purchase quote (as the Worker computes it).
    pub quote: NewQuote,
    /// With the software / later / none.
    pub comparison: Comparison,
}

impl Calculation {
    /// The wire form, to compare with the Worker's binding quote.
    pub fn response(&self) -> NewQuoteResponse {
        NewQuoteResponse::from(&self.quote)
    }
}

/// The demo book in force on a date, or the first one before any book (the engine reports the
/// error).
pub fn book_for(date: NaiveDate) -> &'static PriceBook {
    PriceBooks::demo().in_force(date)
}

/// Formulas behind every amount, with numbers in the user's format.
pub struct Formula(pub Lang);

impl Formula {
    /// `8 × 79.00 = 632.00`
    pub fn line(&self, l: &LicenceLine) -> String {
        let n = |m: &dyn std::fmt::Display| self.0.number(&m.to_string());
        format!("{} × {} = {}", l.qty, n(&l.unit_price), n(&l.amount))
    }

    /// `19 % of 2,461.00 = 467.59` (and the 3-year discount).
    pub fn year(&self, y: &SmaYear) -> String {
        let n = |m: &dyn std::fmt::Display| self.0.number(&m.to_string());
        let of = text::of(self.0);
        let mut s = format!("{} {of} {} = {}", y.rate, n(&y.value), n(&y.gross));
        if let Some(d) = y.discount_rate {
            s.push_str(&format!(" − {d} ({}) = {}", n(&y.discount), n(&y.amount)));
        }
        s
    }

    /// `2,461.00 × 19 % × 175 / 365 = 224.19`
    pub fn back_pay(&self, b: &BackPay) -> String {
        let n = |m: &dyn std::fmt::Display| self.0.number(&m.to_string());
        let c = &b.calc;
        let mut s = format!(
            "{} × {} × {} / {} = {}",
            n(&c.base),
            c.rate,
            c.days,
            c.day_count,
            n(&c.amount)
        );
        if b.capped() {
            s.push_str(&text::capped(self.0));
        }
        s
    }

    /// `max(10 % of 467.59 = 46.76, 100.00) = 100.00`
    pub fn fee(&self, f: &ReinstatementFee) -> String {
        let n = |m: &dyn std::fmt::Display| self.0.number(&m.to_string());
        let of = text::of(self.0);
        format!(
            "max({} {of} {} = {}; {}) = {}",
            f.rate,
            n(&f.year_one),
            n(&f.percentage),
            n(&f.minimum),
            n(&f.amount)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn example_a() -> CalcState {
        let q = "ed=probox&cam=12&m=client:1,storage:1&ld=2026-03-10&sma=with&term=1&y=5";
        let map: std::collections::HashMap<String, String> = q
            .split('&')
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        CalcState::from_query(|k| map.get(k).cloned(), d(2026, 11, 28))
    }

    #[test]
    fn the_url_round_trip_reproduces_the_state() {
        let s = example_a();
        let q = s.to_query();
        let map: std::collections::HashMap<String, String> = q
            .split('&')
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        assert_eq!(
            CalcState::from_query(|k| map.get(k).cloned(), d(2030, 1, 1)),
            s
        );
    }

    #[test]
    fn example_a_prices_to_the_cent_in_the_browser_code() {
        let c = example_a().compute(d(2026, 11, 28)).unwrap();
        assert_eq!(c.quote.licence.total.to_string(), "2461.00");
        assert_eq!(c.quote.total_over_years.to_string(), "4605.65");
        let y1 = &c.quote.sma.as_ref().unwrap().schedule[0];
        assert_eq!(Formula(Lang::En).year(y1), "19 % of 2,461.00 = 467.59");
        assert_eq!(Formula(Lang::De).year(y1), "19 % von 2.461,00 = 467,59");
    }

    #[test]
    fn quantities_typed_are_whole_numbers_up_to_a_limit() {
        assert_eq!(parse_qty(" 12 "), 12);
        assert_eq!(parse_qty("-3"), 0);
        assert_eq!(parse_qty("2.5"), 0);
        assert_eq!(parse_qty("999999"), 100_000);
    }

    #[test]
    fn a_capped_back_pay_says_so_with_the_cap_in_the_language_s_format() {
        assert_eq!(text::capped(Lang::En), " (capped at 1,095 days)");
        assert_eq!(text::capped(Lang::De), " (begrenzt auf 1.095 Tage)");
    }

    #[test]
    fn switching_to_a_smaller_edition_drops_modules_it_cannot_have() {
        let mut s = example_a();
        s.set_edition("professional");
        s.set_qty("voip", 1);
        s.set_edition("probox");
        assert_eq!(s.qty("voip"), 0);
        assert_eq!(s.qty("client"), 1);
    }

    #[test]
    fn switching_to_a_higher_edition_keeps_the_upgrade_preview_only_above_it() {
        let mut s = example_a();
        s.upgrade_to = "professional".into();
        s.set_edition("professional");
        assert_eq!(s.upgrade_to, "");
        s.upgrade_to = "enterprise".into();
        s.set_edition("probox");
        assert_eq!(s.upgrade_to, "enterprise");
    }
}
